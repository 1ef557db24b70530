"""Rule families of the structure stage: header, outline, tables (in-process, small inputs)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tracker.model import Document, Line, Table
from tracker.read.text import read_text
from tracker.structure.header import clean_number, find_numbers, find_parent, level_of, read_header
from tracker.structure.outline import Node, build_outline, paragraphs
from tracker.structure.sections import split_sections
from tracker.structure.tables import column_roles, read_rows
from tracker.text import fold, fold_name, normalize


def text_doc(text: str, markdown: bool = False) -> Document:
    return read_text(Path("x.md" if markdown else "x.txt"), text.encode("utf-8"), markdown=markdown)


def header_of(text: str):
    s = split_sections(text_doc(text))
    body = " ".join(l.text for l in s.body)
    return read_header(s, body, preamble=body)


# ------------------------------------------------------------------ text


def test_normalize_unifies_tone_marks_and_spaces():
    assert normalize("Uỷ  ban\u00a0nhân dân hoà") == "Ủy ban nhân dân hòa"
    assert normalize("hoàn thành quý") == "hoàn thành quý"  # closed syllable, "qu" + y
    assert fold("Tư pháp ĐẢNG") == "tu phap dang"


# ---------------------------------------------------------------- header


def test_issuer_from_two_caps_lines_and_level():
    h = header_of("ỦY BAN NHÂN DÂN\nTỈNH HƯNG YÊN\nSố: 12/UBND-VP\nHưng Yên, ngày 3 tháng 9 năm 2022\n")
    assert h.issuer == "UBND tỉnh Hưng Yên"
    assert h.level == "province"
    assert h.date == "2022-09-03"
    assert h.number == "12/UBND-VP" and h.symbol == "UBND-VP" and h.doc_type == "CV"


def test_issuer_under_its_parent_body():
    h = header_of("UBND HUYỆN TỨ KỲ\nUBND XÃ KỲ SƠN\nSố: 45/UBND\nKỳ Sơn, ngày 16 tháng 8 năm 2022\n")
    assert h.issuer == "UBND xã Kỳ Sơn"
    assert h.issuer_parent == "UBND huyện Tứ Kỳ"
    assert h.level == "commune"


@pytest.mark.parametrize("issuer,level", [
    ("UBND thành phố Hà Nội", "province"),
    ("UBND thành phố Hải Dương", "district"),
    ("UBND thị xã Kinh Môn", "district"),
    ("UBND phường Định Công", "commune"),
    ("Sở Tư pháp", "province"),
    ("Phòng Tư pháp", "district"),
    ("Bộ Tư pháp", "central"),
    ("Văn phòng Chính phủ", "central"),
])
def test_level_of_issuer(issuer, level):
    assert level_of(issuer) == level


@pytest.mark.parametrize("line,number,symbol", [
    ("Số: 2333/UBND-VP", "2333/UBND-VP", "UBND-VP"),
    ("Số 1846 /UBND-PVHCC&KSTT", "1846/UBND-PVHCC&KSTT", "UBND-PVHCC&KSTT"),
    ("Số:       /UBND - VP", None, "UBND-VP"),
    ("Số: 45/KH-UBND", "45/KH-UBND", "KH-UBND"),
])
def test_number_line_forms(line, number, symbol):
    h = header_of(f"ỦY BAN NHÂN DÂN\nHUYỆN TỨ KỲ\n{line}\nTứ Kỳ, ngày 05 tháng 8 năm 2022\n")
    assert h.number == number and h.symbol == symbol


def test_kh_symbol_gives_the_type():
    assert header_of("UBND XÃ AN SƠN\nSố: 45/KH-UBND\n").doc_type == "KH"


def test_number_split_over_two_lines():
    doc = Document("x.pdf", "pdf", [
        Line("ỦY BAN NHÂN DÂN", region="header-left"), Line("TỈNH HƯNG YÊN", region="header-left"),
        Line("Số: 1846", region="header-left"), Line("/UBND-PVHCC&KSTT", region="header-left"),
        Line("Hưng Yên, ngày tháng 7 năm 2022", region="header-right"),
    ])
    h = read_header(split_sections(doc), "")
    assert h.number == "1846/UBND-PVHCC&KSTT"
    assert h.issuer == "UBND tỉnh Hưng Yên"
    assert h.date == "2022-07"  # the day left blank


def test_subject_wraps_and_recipients_list():
    h = header_of(
        "UBND HUYỆN TỨ KỲ\nSố: 1/UBND\nV/v triển khai Quyết định số\n766/QĐ-TTg ngày 23/6/2022\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nKính gửi:\n- Thủ trưởng các cơ quan, đơn vị;\n- Chủ tịch UBND các xã, thị trấn.\n"
    )
    assert h.subject == "triển khai Quyết định số 766/QĐ-TTg ngày 23/6/2022"
    assert h.recipients == ["Thủ trưởng các cơ quan, đơn vị", "Chủ tịch UBND các xã, thị trấn"]


def test_signature_block_in_a_text_copy():
    h = header_of(
        "UBND XÃ KỲ SƠN\nSố: 2/UBND\nKính gửi: Công an xã\n1. Công an xã kiểm tra hồ sơ.\nNơi nhận:\n- Như trên;\n"
        "- Lưu: VP.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Nam\n"
    )
    assert h.signer == "Trần Văn Nam" and h.signer_title == "PHÓ CHỦ TỊCH"
    assert h.signing_mode == "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH"
    assert h.cc == ["Như trên", "Lưu: VP"]


def test_document_numbers_as_written_in_text():
    text = "theo Quyết định số 766/QĐ- TTg ngày 23/6/2022, Nghị định số 61/2018/NĐ-CP và Công văn số 9318/VPCPKSTT ngày 21/12/2021"
    assert find_numbers(text) == ["766/QĐ-TTg", "61/2018/NĐ-CP", "9318/VPCPKSTT"]
    assert clean_number("12", "UBND - VP") == "12/UBND-VP"


def test_parent_prefers_thuc_hien_over_other_citations():
    pre = "Ngày 23/6/2022, Thủ tướng ban hành Quyết định số 766/QĐ-TTg. Thực hiện Công văn số 4660/VPCP-KSTT ngày 26/7/2022 của Văn phòng Chính phủ"
    assert find_parent(pre) == "4660/VPCP-KSTT"
    assert find_parent("Căn cứ Kế hoạch số 245/KH-UBND ngày 02/10/2023") == "245/KH-UBND"
    assert find_parent("Tiếp nhận hồ sơ đúng hạn.") is None


def test_a_copy_that_starts_mid_page_reads_what_is_there():
    doc = text_doc("a) Tiếp nhận hồ sơ trực tuyến.\nb) Báo cáo kết quả.\nNơi nhận:\n- Như trên;\nCHỦ TỊCH\nPhạm Văn Tuấn\n")
    s = split_sections(doc)
    h = read_header(s, "")
    assert h.number is None and h.issuer is None and h.signer == "Phạm Văn Tuấn"
    assert len(s.body) == 2


# --------------------------------------------------------------- outline


def outline(text: str) -> Node:
    return build_outline(paragraphs(split_sections(text_doc(text)).body))


def shape(node: Node) -> list:
    out = []
    for c in node.children:
        if isinstance(c, Node):
            out.append((c.path, shape(c)))
        else:
            out.append("¶")
    return out


def test_families_nest_and_close():
    root = outline("I. Nhiệm vụ\n1. Công an xã\na) Kiểm tra.\n- Rà soát.\n- Báo cáo.\nb) Cập nhật.\n2. Bộ phận Một cửa\na) Tiếp nhận.\nII. Tổ chức\n")
    assert shape(root) == [
        ("I", [("I.1", [("I.1.a", [("I.1.a.-1", []), ("I.1.a.-2", [])]), ("I.1.b", [])]), ("I.2", [("I.2.a", [])])]),
        ("II", []),
    ]


def test_wrapped_lines_rejoin_into_paragraphs():
    root = outline("1. Công an xã\nChủ trì kiểm tra hồ sơ\nthủ tục hành chính trên địa bàn.\nTiếp tục báo cáo kết quả.\n")
    item = root.children[0]
    # Without positions a heading and its first sentence run together (the task stage splits them).
    assert item.para.body == "Công an xã Chủ trì kiểm tra hồ sơ thủ tục hành chính trên địa bàn."
    assert [c.text for c in item.children] == ["Tiếp tục báo cáo kết quả."]


def test_blank_lines_between_every_line_do_not_split_paragraphs():
    root = outline("1. Công an xã\n\nkiểm tra hồ sơ\n\nthủ tục hành chính.\n\n2. Phòng Tư pháp\n\nhướng dẫn.\n")
    assert [c.para.body for c in root.items()] == ["Công an xã kiểm tra hồ sơ thủ tục hành chính.", "Phòng Tư pháp hướng dẫn."]


def test_pdf_indent_starts_a_paragraph():
    lines = [Line("1. Sở Tư pháp", x0=119), Line("Chủ trì hướng dẫn UBND cấp xã", x0=119),
             Line("triển khai chứng thực.", x0=91), Line("Báo cáo kết quả", x0=119), Line("hằng tháng.", x0=91),
             Line("2. Công an tỉnh", x0=119), Line("Kết nối dữ liệu.", x0=119)]
    paras = paragraphs(lines)
    assert [p.text for p in paras] == [
        "1. Sở Tư pháp", "Chủ trì hướng dẫn UBND cấp xã triển khai chứng thực.", "Báo cáo kết quả hằng tháng.",
        "2. Công an tỉnh", "Kết nối dữ liệu.",
    ]


def test_inline_markdown_heading_marker_starts_an_item():
    paras = paragraphs([Line("phân quyền cho UBND các xã. ## 2. VNPT Hưng Yên Thực hiện đồng bộ dữ liệu.")])
    assert [p.text for p in paras] == ["phân quyền cho UBND các xã.", "2. VNPT Hưng Yên Thực hiện đồng bộ dữ liệu."]
    assert paras[1].family == "number"


def test_markdown_bold_across_lines_and_tables():
    doc = text_doc("**ỦY BAN NHÂN DÂN\nTỈNH HƯNG YÊN**\n\nStt\tChỉ số\tĐơn vị chủ trì\n01\tTỷ lệ\tSở, ngành\n", markdown=True)
    lines = [b for b in doc.blocks if isinstance(b, Line)]
    assert [(l.text, l.bold) for l in lines] == [("ỦY BAN NHÂN DÂN", True), ("TỈNH HƯNG YÊN", True)]
    assert isinstance(doc.blocks[-1], Table) and doc.blocks[-1].rows[1] == ["01", "Tỷ lệ", "Sở, ngành"]


# ---------------------------------------------------------------- tables


HEADER = ["Stt", "Đơn vị phối hợp", "Nội dung", "Đơn vị chủ trì", "Thời gian thực hiện"]


def test_columns_found_by_header_words_in_any_order():
    assert column_roles(HEADER) == {0: "number", 1: "support", 2: "text", 3: "lead", 4: "deadline"}


def test_rows_join_across_pages_and_skip_groups_headers_totals():
    t1 = Table([HEADER, ["", "", "I. Công khai", "", ""], ["1", "Sở Tư pháp", "Rà soát thủ tục", "UBND cấp", "Quý"],
                ["", "", "hành chính", "huyện", "III/2022"]], page=1)
    t2 = Table([HEADER, ["2", "", "Số hóa hồ sơ", "UBND cấp xã", "Thường xuyên"], ["", "", "Tổng cộng", "", ""]], page=2)
    rows = read_rows([t1, t2])
    assert [(r.get("number"), r.get("text"), r.get("lead"), r.get("deadline"), r.group) for r in rows] == [
        ("1", "Rà soát thủ tục hành chính", "UBND cấp huyện", "Quý III/2022", "Công khai"),
        ("2", "Số hóa hồ sơ", "UBND cấp xã", "Thường xuyên", "Công khai"),
    ]


def test_a_table_without_a_task_header_gives_no_rows():
    assert read_rows([Table([["Họ tên", "Số điện thoại"], ["Vũ Bá Lương", "0912"]])]) == []


def test_a_name_folds_to_one_key_whichever_way_ubnd_is_written():
    assert fold_name("Ủy ban nhân dân tỉnh Lâm Đồng") == fold_name("UBND tỉnh Lâm Đồng") == "ubnd tinh lam dong"
    assert fold_name("Uỷ ban nhân dân xã") == "ubnd xa"  # the old tone placement too
