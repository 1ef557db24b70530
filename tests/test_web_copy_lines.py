"""Lines as hard-wrapped web copies of directives give them: bold title runs glued with no space
between them, and bold runs a copy broke after their first word. Texts are our own."""
from __future__ import annotations

from pathlib import Path

from conftest import parse_json
from tracker.read.text import read_text


DECREE_COPY = """Số: 52/2026/NĐ-CP |
|

**NGHỊ ĐỊNH****Về quản lý nhà văn hóa thôn, tổ dân phố**

_______________

*Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;*

*Chính phủ ban hành Nghị định về quản lý nhà văn hóa thôn, tổ dân phố.*

**Chương II****QUY ĐỊNH CHUNG**

**Điều 1. Phạm vi điều chỉnh**

Nghị định này quy định việc quản lý nhà văn hóa thôn, tổ dân phố.

**Điều 2. Trách nhiệm thi hành**

Bộ Văn hóa, Thể thao và Du lịch hướng dẫn thực hiện Nghị định này trước ngày 30 tháng 6 năm 2026.
"""


def test_title_and_subject_glued_in_a_web_copy_are_two_lines():
    # the site's title lines run together as two bold runs with no space between them
    lines = [b.text for b in read_text(Path("x.md"), DECREE_COPY.encode(), markdown=True).blocks]
    assert "NGHỊ ĐỊNH" in lines and "Về quản lý nhà văn hóa thôn, tổ dân phố" in lines
    assert "Chương II" in lines and "QUY ĐỊNH CHUNG" in lines


def test_glued_subject_is_the_documents_subject(tmp_path):
    f = tmp_path / "nd.md"
    f.write_text(DECREE_COPY, encoding="utf-8")
    assert "quản lý nhà văn hóa thôn" in (parse_json(f)["directive"]["subject"] or "")


def test_a_word_cut_by_font_runs_is_not_split():
    # per-glyph runs inside one word: one line, letters kept
    doc = read_text(Path("x.md"), "**Tổng c****ộng** tiền thuế **THU NH****ẬP**".encode(), markdown=True)
    assert [b.text for b in doc.blocks] == ["Tổng cộng tiền thuế THU NHẬP"]



REGULATION_COPY = """ỦY BAN NHÂN DÂN
TỈNH LẠNG SƠN
Số: 14/2026/QĐ-UBND

QUYẾT ĐỊNH
Ban hành Quy chế quản lý nhà văn hóa thôn

Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý nhà văn hóa thôn.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
**Hoàng
Văn Nam**


**QUY
CHẾ**

QUẢN LÝ NHÀ VĂN HÓA THÔN

**Chương
I**

**Điều
1. Trách nhiệm của Sở Văn hóa, Thể thao và Du lịch**

Sở Văn hóa, Thể thao và Du lịch kiểm tra việc sử dụng nhà văn hóa thôn, báo cáo Ủy ban nhân dân tỉnh trước
ngày 15 tháng 12 năm 2026.
"""


def test_a_bold_run_broken_after_its_first_word_is_one_line():
    lines = [b.text for b in read_text(Path("x.md"), REGULATION_COPY.encode(), markdown=True).blocks]
    assert "QUY CHẾ" in lines and "Chương I" in lines and "Hoàng Văn Nam" in lines
    assert "Điều 1. Trách nhiệm của Sở Văn hóa, Thể thao và Du lịch" in lines
    assert "QUY" not in lines


def test_the_regulation_under_the_signature_is_read(tmp_path):
    f = tmp_path / "qd.md"
    f.write_text(REGULATION_COPY, encoding="utf-8")
    tasks = parse_json(f)["tasks"]
    assert any(t["text"].startswith("Sở Văn hóa, Thể thao và Du lịch kiểm tra") for t in tasks), tasks
