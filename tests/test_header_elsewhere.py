"""Header fields a copy keeps outside its header: a legal website's property block, a header-lost
decision's authority line and its attached regulation's caption, a thông báo's subject."""
from __future__ import annotations

from conftest import DATA, parse_json
from tracker.structure.header import header_rules, site_fields

DOCS = DATA / "docs"


def test_property_block_of_a_legal_website_fills_the_header():
    d = parse_json(DOCS / "web-properties-cong-van.md")["directive"]
    assert (d["number"], d["doc_type"], d["date"], d["signer"]) == ("215/CV-BCĐ", "CV", "2026-10-14", "Trần Văn Khải")
    assert d["issuer"] == "Ban Chỉ đạo chuyển đổi số tỉnh Bình Minh"
    assert d["level"] == "province"


def test_a_lone_label_is_no_property_block():
    # "Người ký:" alone inside a text is not a website's block: nothing is read from it
    assert site_fields(["Người ký:", "Trần Văn Khải", "Nội dung báo cáo"], header_rules()) == {}


def test_a_label_left_empty_takes_no_value_from_the_next_label():
    lines = ["Số hiệu:", "Loại văn bản:", "Công văn", "Người ký:", "Lê Hà", "Ngày ban hành:", "01/02/2026"]
    assert site_fields(lines, header_rules()) == {"doc_type": "Công văn", "signer": "Lê Hà", "date": "01/02/2026"}


def test_header_lost_decision_reads_its_authority_and_its_regulation_caption():
    d = parse_json(DOCS / "header-lost-quyet-dinh-quy-che.md")["directive"]
    # the authority line wraps; the person's title goes, the body it heads stays
    assert d["issuer"] == "Ban Chỉ đạo quốc gia về phát triển dữ liệu mở"
    assert d["level"] == "central"
    # the regulation's caption names the decision that issues it
    assert (d["number"], d["date"], d["doc_type"]) == ("57/QĐ-BCĐDLM", "2026-04-09", "QĐ")
    assert "57/QĐ-BCĐDLM" not in d["references"]


def test_conclusions_of_a_deputy_prime_minister_are_announced_by_the_government_office(tmp_path):
    p = tmp_path / "tb.md"
    p.write_text(
        "**THÔNG BÁO**\n\nKẾT LUẬN CỦA PHÓ THỦ TƯỚNG CHÍNH PHỦ TẠI BUỔI LÀM VIỆC VỚI LÃNH ĐẠO TỈNH BÌNH MINH\n\n"
        "Ngày 02 tháng 10 năm 2026, Phó Thủ tướng Chính phủ đã làm việc với lãnh đạo tỉnh Bình Minh.\n\n"
        "1. Tỉnh Bình Minh hoàn thành giải phóng mặt bằng dự án trước ngày 31/12/2026.\n",
        encoding="utf-8",
    )
    d = parse_json(p)["directive"]
    assert (d["issuer"], d["level"], d["doc_type"]) == ("Văn phòng Chính phủ", "central", "TB")


def test_signer_after_the_list_when_the_closing_columns_read_as_one():
    from tracker.model import Line
    from tracker.structure.header import read_header
    from tracker.structure.sections import Sections

    rows = ["Nơi nhận: KT. BỘ TRƯỞNG", "- Như trên; THỨ TRƯỞNG", "- Lưu: VT, CCHC.", "Lê Thị Thu Hà",
            "1 Chi tiết liên hệ: Phòng Tổng hợp; Điện thoại: 0243000000."]
    s = Sections(closing_left=[Line(t, region="closing-left") for t in rows])
    h = read_header(s, "")
    assert h.signer == "Lê Thị Thu Hà"
    assert "Lê Thị Thu Hà" not in h.cc


def test_of_two_superior_plans_the_one_for_this_period_is_the_parent():
    from tracker.structure.header import choose_parent

    preamble = ("Căn cứ Nghị quyết số 12/NQ-CP ngày 10/3/2021 của Chính phủ ban hành Chương trình chuyển đổi số "
                "giai đoạn 2021 - 2025; Căn cứ Quyết định số 345/QĐ-TTg ngày 05/01/2026 của Thủ tướng Chính phủ "
                "ban hành Kế hoạch chuyển đổi số giai đoạn 2026 - 2030;")
    subject = "Chuyển đổi số giai đoạn 2026 - 2030 của tỉnh Bình Minh"
    assert choose_parent(preamble, subject, level="province").number == "345/QĐ-TTg"
