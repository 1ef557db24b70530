"""The header family on the forms real copies take (issue 11): web copies with the
header as table cells, flattened columns, a lost header, công điện addressees,
typed titles, central issuers, Party numbers, the parent among several cited
documents, blank dates; and the confidence each field carries. The documents in
tests/data/docs are constructed for these tests, in our own words."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA, parse_json, run_cli
from tracker.model import Line
from tracker.read.text import read_text
from tracker.structure.cells import cell_lines, read_rows, split_flattened
from tracker.structure.header import choose_parent, find_numbers, level_of, read_header
from tracker.structure.sections import split_sections

DOCS = DATA / "docs"


def header_of(text: str, markdown: bool = False):
    doc = read_text(Path("x.md" if markdown else "x.txt"), text.encode("utf-8"), markdown=markdown)
    s = split_sections(doc)
    body = " ".join(l.text for l in s.body)
    return read_header(s, body, preamble=body), s


def fields(d: dict, *keys: str) -> tuple:
    return tuple(d.get(k) for k in keys)


# ------------------------------------------------------------ end to end


def test_web_copy_with_cells_between_bars():
    d = parse_json(DOCS / "web-cells-chi-thi.md")["directive"]
    assert fields(d, "number", "doc_type", "issuer", "level", "date") == (
        "07/CT-UBND", "CT", "UBND tỉnh Hưng Yên", "province", "2026-03-05")
    # the capitalised title after CHỈ THỊ, "VỀ VIỆC" dropped, its two lines joined
    assert d["subject"].startswith("ĐẨY MẠNH THANH TOÁN TRỰC TUYẾN") and d["subject"].endswith("TRÊN ĐỊA BÀN TỈNH")
    assert fields(d, "signer", "signer_title") == ("Lê Minh Khoa", "PHÓ CHỦ TỊCH")
    # "Để tiếp tục thực hiện nghiêm Chỉ thị số 31-CT/TU": a Party number as parent
    assert d["parent"] == "31-CT/TU" and set(d["references"]) == {"31-CT/TU", "766/QĐ-TTg"}
    assert all(v >= 0.6 for v in d["confidence"].values())


def test_web_copy_with_pipe_rows_preface_and_attached_plan():
    data = parse_json(DOCS / "web-rows-quyet-dinh.md")
    d = data["directive"]
    # the site's own title above the header is not the subject; the agency carries its province
    assert fields(d, "number", "doc_type", "issuer", "level", "date") == (
        "19/QĐ-STP", "QĐ", "Sở Tư pháp tỉnh Hải Dương", "province", "2025-04-14")
    assert d["subject"] == "BAN HÀNH KẾ HOẠCH SỐ HÓA SỔ HỘ TỊCH NĂM 2025"
    assert fields(d, "signer", "signer_title", "signing_mode") == ("Đỗ Thu Hà", "PHÓ GIÁM ĐỐC", "KT. GIÁM ĐỐC")
    assert d["cc"] == ["Như Điều 2", "UBND tỉnh (để b/c)", "Lưu: VT, HCTP"]
    # only "Căn cứ" cites documents: the superior's plan, not the law, and marked unsure
    assert d["parent"] == "88/KH-UBND" and d["confidence"]["parent"] < 0.6
    texts = [t["text"] for t in data["tasks"]]
    # the plan attached under the signature is read; the authority line is no task
    assert any(t.startswith("Phòng Hành chính tư pháp chủ trì") for t in texts)
    assert not any("GIÁM ĐỐC SỞ TƯ PHÁP" in t for t in texts)


def test_cong_dien_of_a_ministry():
    d = parse_json(DOCS / "cong-dien-bo.txt")["directive"]
    assert fields(d, "number", "doc_type", "issuer", "level") == ("12/CĐ-BNNMT", "CĐ", "Bộ Nông nghiệp và Môi trường", "central")
    assert d["subject"] == "CHỦ ĐỘNG ỨNG PHÓ VỚI ĐỢT RÉT ĐẬM, RÉT HẠI Ở CÁC TỈNH MIỀN NÚI PHÍA BẮC"
    # "BỘ TRƯỞNG ... điện:" opens the addressee list; a wrapped item stays one, and names one office of
    # one kind of body for each place (corpus convention 4)
    assert d["recipients"] == [
        *(f"Chủ tịch Ủy ban nhân dân tỉnh {p}" for p in ("Lào Cai", "Cao Bằng", "Lạng Sơn", "Tuyên Quang", "Sơn La")),
        "Cục Chăn nuôi và Thú y",
    ]
    assert d["parent"] == "140/CĐ-TTg"  # "Triển khai Công điện số ..."
    assert fields(d, "signer", "signer_title") == ("Phan Văn Tâm", "THỨ TRƯỞNG")


def test_header_lost_entirely_issuer_from_body_and_place_line():
    d = parse_json(DOCS / "header-lost-commune.txt")["directive"]
    # "Chủ tịch UBND xã yêu cầu" + place line "Kỳ Sơn": resolved, with its name and level
    assert fields(d, "issuer", "level", "date") == ("UBND xã Kỳ Sơn", "commune", "2022-09-02")
    assert d["issuer_id"]
    # a Prime Minister decision and the district's công văn: the district's is carried out
    assert d["parent"] == "650/UBND-VP"
    assert d["number"] is None and d["confidence"]["number"] < 0.6 and d["confidence"]["doc_type"] < 0.6


def test_flattened_header_columns_and_a_blank_day():
    d = parse_json(DOCS / "flattened-plan.txt")["directive"]
    assert fields(d, "number", "doc_type", "issuer", "level", "date") == (
        "15/KH-UBND", "KH", "UBND tỉnh Nghệ An", "province", "2025-09")
    assert d["subject"] == "Triển khai chuyển đổi số trong tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh"
    assert d["parent"] == "300/KH-BNV"


def test_parse_marks_unsure_header_fields():
    r = run_cli("parse", str(DOCS / "header-lost-commune.txt"))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert any(l.strip().startswith("Số ?") for l in lines)
    assert any(l.strip().startswith("Loại ?") for l in lines)
    assert not any(l.strip().startswith("Ngày ?") for l in lines)
    assert "chưa chắc chắn" in r.stdout


# --------------------------------------------------------------- rules


def test_flattened_line_is_cut_where_each_field_starts():
    assert split_flattened("ỦY BAN NHÂN DÂN TỈNH SƠN LA ------- ") == ["ỦY BAN NHÂN DÂN TỈNH SƠN LA"]
    assert split_flattened("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc") == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert split_flattened("Số: 3/UBND-VP Thành phố Hồ Chí Minh, ngày 2 tháng 1 năm 2026") == [
        "Số: 3/UBND-VP", "Thành phố Hồ Chí Minh, ngày 2 tháng 1 năm 2026"]
    assert split_flattened("Số: 8/UBND V/v rà soát hồ sơ") == ["Số: 8/UBND", "V/v rà soát hồ sơ"]
    assert split_flattened("Nơi nhận: - Như trên; - Lưu: VT.") == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    assert split_flattened("An Sơn, ngày 02 tháng 9 năm 2022") == ["An Sơn, ngày 02 tháng 9 năm 2022"]


def test_cell_lines_join_wraps_but_not_fields_or_weights():
    lines = [Line("THỦ TƯỚNG CHÍNH", bold=True), Line("PHỦ", bold=True),
             Line("*Hà Nội, ngày 16"), Line("tháng 11 năm 2025*"),
             Line("KT. THỦ TƯỚNG", bold=True), Line("PHÓ THỦ TƯỚNG"), Line("Nguyễn Văn An")]
    assert [l.text for l in cell_lines(lines, "header-left")] == [
        "THỦ TƯỚNG CHÍNH PHỦ", "Hà Nội, ngày 16 tháng 11 năm 2025", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Nguyễn Văn An"]


def test_bar_rows_two_cells_a_row_and_stop_at_the_body():
    blocks = [Line(t) for t in ("|", "UBND XÃ AN SƠN", "|", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "|", "|",
                                "Số: 4/UBND", "|", "An Sơn, ngày 1 tháng 2 năm 2026", "|", "Thực hiện ...")]
    rows = read_rows(blocks, 0)
    assert [[[l.text for l in c] for c in row] for row in rows.rows] == [
        [["UBND XÃ AN SƠN"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]],
        [["Số: 4/UBND"], ["An Sơn, ngày 1 tháng 2 năm 2026"]],
    ]
    assert blocks[rows.end].text == "Thực hiện ..."


def test_pipe_rows_as_lines_give_both_columns():
    h, s = header_of(
        "| UBND TỈNH NAM ĐỊNH ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |\n"
        "|---|---|\n| Số: 5/UBND-VP V/v tăng cường số hóa hồ sơ | Nam Định, ngày 3 tháng 3 năm 2024 |\n"
        "Kính gửi: Các sở, ban, ngành tỉnh.\n1. Sở Tư pháp rà soát hồ sơ.\n"
    )
    assert (h.issuer, h.number, h.subject, h.date) == ("UBND tỉnh Nam Định", "5/UBND-VP", "tăng cường số hóa hồ sơ", "2024-03-03")
    assert h.recipients == ["Các sở, ban, ngành tỉnh"]
    assert [l.text for l in s.body] == ["1. Sở Tư pháp rà soát hồ sơ."]


@pytest.mark.parametrize("lines,issuer,level", [
    (["UBND THÀNH PHỐ HÀ", "NỘI", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"], "Sở Giáo dục và Đào tạo thành phố Hà Nội", "province"),
    (["UBND THÀNH PHỐ HÀ NỘI SỞ XÂY DỰNG"], "Sở Xây dựng thành phố Hà Nội", "province"),
    (["ỦY BAN MTTQ VIỆT NAM", "XÃ AN SƠN", "BAN THƯỜNG TRỰC"], "Ban Thường trực Ủy ban MTTQ Việt Nam xã An Sơn", "commune"),
    (["VĂN PHÒNG CHÍNH PHỦ"], "Văn phòng Chính phủ", "central"),
    (["BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"], "Bộ Lao động - Thương binh và Xã hội", "central"),
    (["UBND TỈNH NGHỆ AN", "BỘ CHỈ HUY QUÂN SỰ TỈNH"], "Bộ Chỉ huy Quân sự tỉnh Nghệ An", "province"),
    (["UBND TP. HỒ CHÍ MINH"], "UBND thành phố Hồ Chí Minh", "province"),
])
def test_issuer_names_carry_their_place_and_level(lines, issuer, level):
    h, _ = header_of("\n".join(lines) + "\nSố: 1/UBND-VP\nHà Nội, ngày 2 tháng 3 năm 2025\n")
    assert (h.issuer, h.level) == (issuer, level)


def test_level_needs_a_place_not_a_word_inside_a_name():
    assert level_of("Sở Lao động - Thương binh và Xã hội") == "province"
    assert level_of("Ban Chỉ huy Quân sự xã An Sơn") == "commune"
    assert level_of("UBND Thành phố") is None


def test_party_numbers_are_cited():
    assert find_numbers("theo Chỉ thị số 31-CT/TU, Nghị quyết số 57-NQ/TW và Quy định số 05-QĐi/TW") == [
        "31-CT/TU", "57-NQ/TW", "05-QĐi/TW"]


def test_a_tax_form_number_is_no_cited_document():
    # "tờ khai 05/KK-TNCN" names a form to fill in, like "Mẫu số 02/HNMT"
    assert find_numbers("kê khai trên tờ khai 05/KK-TNCN và Tờ khai số 02/QTT-TNCN theo Công văn số 828/TCT-KK") == [
        "828/TCT-KK"]


def test_an_addressee_left_open_on_a_comma_goes_on_past_a_dash():
    h, _ = header_of(
        "THỦ TƯỚNG CHÍNH PHỦ\nSố: 12/CĐ-TTg\nHà Nội, ngày 20 tháng 11 năm 2026\n"
        "CÔNG ĐIỆN\nVề việc ứng phó mưa lũ\n"
        "THỦ TƯỚNG CHÍNH PHỦ điện:\n"
        "- Chủ tịch Ủy ban nhân dân các tỉnh: Quảng Trị,\n- Huế và Đà Nẵng;\n"
        "- Các Bộ: Quốc phòng, Công an.\n"
        "1. Chủ tịch Ủy ban nhân dân các tỉnh khẩn trương sơ tán người dân khỏi vùng nguy hiểm.\n")
    assert h.recipients == ["Chủ tịch Ủy ban nhân dân các tỉnh: Quảng Trị, Huế và Đà Nẵng", "Các Bộ: Quốc phòng, Công an"]


def test_the_proposal_behind_a_decision_is_no_parent():
    # A decision issued "Căn cứ" a decree on a department's proposal: the proposal is what led to it.
    preamble = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025; Căn cứ Nghị định số "
                "118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ; Theo đề nghị của Giám đốc Sở Tư pháp tại Tờ trình "
                "số 88/TTr-STP ngày 02/10/2026 và Báo cáo số 41/BC-STP.")
    assert choose_parent(preamble, level="province", date="2026-10-10").number == "118/2025/NĐ-CP"


@pytest.mark.parametrize("preamble,level,parent", [
    # the direct superior's document among several after one cue
    ("Thực hiện Quyết định số 7/QĐ-TTg ngày 1/2/2025 của Thủ tướng Chính phủ, Kế hoạch số 9/KH-UBND ngày 2/3/2025 "
     "của UBND tỉnh Nam Định, UBND xã yêu cầu:", "commune", "9/KH-UBND"),
    # in a 2022 three-level document the district is the commune's superior
    ("Thực hiện Kế hoạch số 9/KH-UBND ngày 2/3/2022 của UBND tỉnh và Công văn số 3/UBND-VP của UBND huyện Tứ Kỳ, "
     "UBND xã yêu cầu:", "commune", "3/UBND-VP"),
    # a law is the legal basis, not the parent
    ("Căn cứ Luật số 60/2014/QH13; Căn cứ Kế hoạch số 4/KH-UBND ngày 1/2/2025 của UBND tỉnh;", "province", "4/KH-UBND"),
    # "Thực hiện" quoted inside another document's title is no cue
    ("Căn cứ Kế hoạch số 2/KH-BTT của Ban Thường trực Ủy ban MTTQ xã Hòa Bình về Thực hiện công tác bầu cử; "
     "Kế hoạch số 5-KH/ĐU của Đảng ủy xã An Sơn;", "commune", "2/KH-BTT"),
])
def test_parent_is_the_direct_superiors(preamble, level, parent):
    date = "2022-05-01" if "huyện" in preamble else "2025-09-01"
    assert choose_parent(preamble, level=level, date=date).number == parent


def test_a_departments_parent_is_its_own_authoritys_document():
    # a sở answers to its province's UBND: of a Government resolution and the city's plan, it carries out the plan
    preamble = ("Thực hiện Kế hoạch số 31/KH-UBND ngày 02/3/2026 của UBND Thành phố về số hóa hồ sơ bệnh án; "
                "Thực hiện Nghị quyết số 12/NQ-CP ngày 05/01/2026 của Chính phủ về chuyển đổi số y tế;")
    assert choose_parent(preamble, level="province", date="2026-03-10", issuer="Sở Y tế Hà Nội").number == "31/KH-UBND"
    # the province's UBND itself carries out the Government's resolution (its direct superior)
    assert choose_parent(preamble, level="province", date="2026-03-10",
                         issuer="UBND thành phố Hà Nội").number == "12/NQ-CP"


def test_month_left_blank_and_numeric_date():
    h, _ = header_of("UBND XÃ AN SƠN\nSố: /KH-UBND\nAn Sơn, ngày   tháng 4 năm 2026\n")
    assert h.date == "2026-04"
    h, _ = header_of("UBND XÃ AN SƠN\nSố: /KH-UBND\nAn Sơn, ngày   tháng   năm 2026\n")
    assert (h.number, h.symbol, h.date, h.doc_type) == (None, "KH-UBND", None, "KH")
    # left blank: a draft, or stamped at signing where the text does not show it: check it
    assert h.confidence["number"] < 0.6 and h.confidence["date"] < 0.6
    h, _ = header_of("UBND XÃ AN SƠN\nSố: 3/UBND\nAn Sơn, ngày 16/11/2025\n")
    assert h.date == "2025-11-16"


def test_signature_cell_flattened_into_one_line():
    h, _ = header_of(
        "UBND TỈNH NAM ĐỊNH\nSố: 2/UBND\nNam Định, ngày 1 tháng 2 năm 2024\n1. Sở Tư pháp rà soát.\n"
        "| Nơi nhận: - Như trên; - Lưu: VT. | KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trầ n Văn Nam |\n"
    )
    assert (h.signer, h.signer_title, h.signing_mode) == ("Trần Văn Nam", "PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH")


def test_lost_header_issuer_from_a_cong_dien_sender():
    h, _ = header_of(
        "CÔNG ĐIỆN\nVỀ VIỆC PHÒNG CHỐNG DỊCH BỆNH TRÊN CÂY TRỒNG\nTHỦ TƯỚNG CHÍNH PHỦ điện:\n"
        "- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố;\n- Bộ trưởng Bộ Nông nghiệp và Môi trường.\n"
        "1. Các tỉnh kiểm tra đồng ruộng.\n"
    )
    assert (h.issuer, h.level, h.doc_type) == ("Thủ tướng Chính phủ", "central", "CĐ")
    assert h.recipients == ["Chủ tịch Ủy ban nhân dân các tỉnh, thành phố", "Bộ trưởng Bộ Nông nghiệp và Môi trường"]
    assert h.confidence["issuer"] >= 0.6


def test_lost_header_issuer_from_the_tm_signature_is_unsure_without_a_place():
    h, _ = header_of("1. Công an xã kiểm tra hồ sơ.\nNơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nĐỗ Văn Bình\n")
    assert h.issuer == "UBND" and h.confidence["issuer"] < 0.6
    assert (h.signer, h.signer_title) == ("Đỗ Văn Bình", "CHỦ TỊCH")


def test_broken_syllables_make_running_text_fields_unsure():
    h, _ = header_of(
        "BỘ NỘI VỤ\nSố: 5/BNV-CCHC\nV/v rà soát thủ tục\nHà Nội, ngày 2 tháng 3 năm 2025\n"
        "Kính gửi: Các b ộ, c ơ quan ngang b ộ.\nTh ự c hi ệ n Quy ế t đị nh s ố 1/QĐ-TTg, B ộ N ộ i v ụ đề ngh ị:\n"
        "1. Các b ộ rà soát th ủ t ụ c hành chính và g ử i v ề B ộ N ộ i v ụ.\n"
    )
    assert h.confidence["subject"] < 0.6 and h.confidence["recipients"] < 0.6
    assert h.confidence["number"] >= 0.6 and h.confidence["issuer"] >= 0.6  # read from the header lines


def test_web_copy_that_lost_the_opening_bar():
    # the copy starts with the first cell's lines; the bar after them closes that cell
    h, s = header_of("ỦY BAN NHÂN DÂN\nXÃ AN SƠN\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n|\n|\n"
                     "Số: 4/KH-UBND\n|\nAn Sơn, ngày 1 tháng 2 năm 2026\n|\nKẾ HOẠCH\nThu gom rác thải ven sông\n"
                     "1. Công an xã tuần tra ven sông.\n")
    assert (h.issuer, h.level, h.number, h.date) == ("UBND xã An Sơn", "commune", "4/KH-UBND", "2026-02-01")
    assert s.preface == [] and [l.text for l in s.body] == ["1. Công an xã tuần tra ven sông."]


@pytest.mark.parametrize("preamble", [
    "Căn cứ Luật Thực hiện dân chủ ở cơ sở năm 2022;",  # a law's name
    "Căn cứ Kế hoạch của Ban Thường trực xã về\nThực hiện công tác bầu cử;",  # a title wrapped before the cue
])
def test_a_cue_quoted_in_a_title_says_nothing_was_carried_out(preamble):
    assert choose_parent(preamble, level="commune", date="2025-09-01").basis == "none"


def test_a_subject_not_found_is_unsure():
    h, _ = header_of("UBND XÃ AN SƠN\nSố: 3/UBND\nAn Sơn, ngày 16/11/2025\n1. Công an xã tuần tra.\n")
    assert h.subject is None and h.confidence["subject"] < 0.6


# ------------------------------------------------------------ hard-wrapped web copies

WRAPPED = """|
**ỦY BAN NHÂN DÂN**
TỈNH BÌNH MINH
-------
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: {number}
{subject}
|
*Bình Minh, ngày 09 tháng 10 năm
2026*
|
** **
{title}
Kính gửi: Các sở, ban, ngành tỉnh.

Sở Nội vụ chủ trì rà soát hồ sơ cán bộ, báo cáo trước ngày 30/10/2026.

|
**KT. CHỦ TỊCH**
PHÓ CHỦ TỊCH
**Trần Thị
Mai**
|
"""


def test_a_date_wrapped_before_its_year_is_read_whole():
    h, _ = header_of(WRAPPED.format(number="45/UBND-VP", subject="*V/v rà soát hồ sơ cán bộ*", title=""),
                     markdown=True)
    assert h.date == "2026-10-09"


def test_a_bold_name_wrapped_before_its_last_word_is_read_whole():
    h, _ = header_of(WRAPPED.format(number="45/UBND-VP", subject="*V/v rà soát hồ sơ cán bộ*", title=""),
                     markdown=True)
    assert (h.signer, h.signer_title) == ("Trần Thị Mai", "PHÓ CHỦ TỊCH")


def test_a_letter_whose_symbol_opens_with_its_issuers_code_is_a_cong_van():
    """"Số: 88/CT-TH" of a Cục: "CT" names the issuer, and a "V/v" line with no title says letter."""
    letter = WRAPPED.format(number="88/CT-TH", subject="*V/v rà soát hồ sơ cán bộ*", title="")
    assert header_of(letter, markdown=True)[0].doc_type == "CV"
    directive = WRAPPED.format(number="07/CT-UBND", subject="", title="**CHỈ THỊ**\nVề rà soát hồ sơ cán bộ")
    assert header_of(directive, markdown=True)[0].doc_type == "CT"


def test_a_recipient_line_listing_names_after_a_colon_is_one_recipient_per_name(tmp_path):
    """Corpus convention (4): one kind of body and at most one office → one recipient per name; a line
    whose places have no kind, or with two offices, stays as written."""
    letter = tmp_path / "cong-van.txt"
    letter.write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH BÌNH MINH\nSố: 51/UBND-KT\nV/v rà soát hồ sơ đất đai\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Bình Minh, ngày 03 tháng 11 năm 2026\n\n"
        "Kính gửi:\n- Các Sở: Nông nghiệp và Môi trường, Xây dựng; Tài chính;\n"
        "- Chủ tịch UBND các xã, phường: An Lạc, Bình Hòa.\n\n"
        "Sở Nông nghiệp và Môi trường chủ trì rà soát hồ sơ đất đai, báo cáo trước ngày 30/11/2026.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Văn Bình\n",
        encoding="utf-8")
    d = parse_json(letter)["directive"]
    assert d["recipients"] == ["Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Sở Tài chính",
                               "Chủ tịch UBND các xã, phường: An Lạc, Bình Hòa"]
