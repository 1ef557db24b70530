"""What a document cites and what it acts on, in forms real copies take: emphasis marks inside
words (a web copy of a PDF whose font runs change mid-word), the Government's sub-numbered
resolutions, and a letter that acts on one it received. Texts are our own."""
from __future__ import annotations

from pathlib import Path

from conftest import parse_json
from tracker.read.text import read_text
from tracker.structure.header import choose_parent, cited

LETTER = """UBND TỈNH HÒA BÌNH
SỞ NỘI VỤ
Số: 41/SNV-CCVC
V/v triển khai rà soát hồ sơ công chức

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Hòa Bình, ngày 05 tháng 3 năm 2026

Kính gửi: Ủy ban nhân dân các xã, phường.

Sở Nội vụ nhận được Công văn số 812/BNV-CCVC ngày 20/02/2026 của Bộ Nội vụ về việc rà soát hồ sơ; căn cứ Nghị quyết số 66.7/2025/NQ-CP ngày 15/11/2025 của Chính phủ và Quyết định số 1616/Q*Đ*-TTg c*ủ*a Th*ủ *t*ướ*ng Chính phủ, Sở Nội vụ đề nghị:

1. Ủy ban nhân dân các xã, phường rà soát hồ sơ công chức, gửi kết quả về Sở Nội vụ trước ngày 30/3/2026.

Nơi nhận:
- Như trên;
- Lưu: VT.

GIÁM ĐỐC
Trần Văn Minh
"""


def test_marks_inside_words_keep_their_letters():
    doc = read_text(Path("x.md"), "Quyết định số 1616/Q*Đ*-TTg c*ủ*a Th*ủ *t*ướ*ng Chính ph*ủ*.".encode(), markdown=True)
    assert doc.blocks[0].text == "Quyết định số 1616/QĐ-TTg của Thủ tướng Chính phủ."


def test_a_mark_pair_standing_alone_still_goes():
    # a stray pair between words (what a careless copy leaves) is no text
    doc = read_text(Path("x.md"), "Nơi nhận: *th*".encode(), markdown=True)
    assert doc.blocks[0].text == "Nơi nhận:"


def test_sub_numbered_resolution_is_cited_whole():
    numbers = [c.number for c in cited("theo Nghị quyết số 66.7/2025/NQ-CP và Nghị định số 45/2024/NĐ-CP; mục 1.766/QĐ-TTg")]
    assert numbers == ["66.7/2025/NQ-CP", "45/2024/NĐ-CP", "766/QĐ-TTg"]


def test_letter_received_is_what_the_document_acts_on():
    pre = "Ủy ban nhân dân xã Ba Vì nhận được Công văn số 55/UBND-VP ngày 2/3/2026 của UBND tỉnh; căn cứ Quyết định số 9/QĐ-UBND"
    assert choose_parent(pre).number == "55/UBND-VP"
    # a received request with no number gives nothing to carry out: the basis stays the parent
    pre = "Sở Tư pháp nhận được văn bản đề nghị của các đơn vị. Căn cứ Quyết định số 9/QĐ-UBND"
    assert choose_parent(pre).number == "9/QĐ-UBND"


def test_cue_in_a_title_is_still_no_cue():
    assert choose_parent("Căn cứ Luật Thực hiện dân chủ ở cơ sở; Căn cứ Quyết định số 9/QĐ-UBND").number == "9/QĐ-UBND"


def test_parse_end_to_end(tmp_path):
    f = tmp_path / "cong-van.md"
    f.write_text(LETTER, encoding="utf-8")
    d = parse_json(f)["directive"]
    assert d["parent"] == "812/BNV-CCVC"
    assert {"812/BNV-CCVC", "66.7/2025/NQ-CP", "1616/QĐ-TTg"} <= set(d["references"])

