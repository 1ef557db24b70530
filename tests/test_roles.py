"""Rule families of the extract stage: unit names in sentences, roles, what counts as a task."""
from __future__ import annotations

from pathlib import Path

import pytest

from tracker.extract.roles import Roles, lead_in_roles, opening, roles_of
from tracker.extract.unit_phrases import split_units, units_at
from tracker.parse import parse_document
from tracker.read.text import read_text


@pytest.mark.parametrize("text,units,rest", [
    ("Văn phòng UBND tỉnh và VNPT Hải Dương nâng cấp Hệ thống", ["Văn phòng UBND tỉnh", "VNPT Hải Dương"], "nâng cấp"),
    ("sở, ngành của tỉnh, Công an tỉnh và các cơ quan liên quan đảm bảo kết nối",
     ["sở, ngành của tỉnh", "Công an tỉnh", "các cơ quan liên quan"], "đảm bảo"),
    ("Thủ trưởng các sở, ban, ngành tỉnh; Chủ tịch UBND các huyện, thị xã, thành phố",
     ["Thủ trưởng các sở, ban, ngành tỉnh", "Chủ tịch UBND các huyện, thị xã, thành phố"], ""),
    ("Phòng Nội vụ huyện Tham mưu UBND huyện", ["Phòng Nội vụ huyện"], "Tham mưu"),
    ("Văn phòng HĐND và UBND huyện hướng dẫn", ["Văn phòng HĐND và UBND huyện"], "hướng dẫn"),
    ("Công chức Văn phòng - Thống kê", ["Công chức Văn phòng - Thống kê"], ""),
    ("các đồng chí Ủy viên Ban thường vụ Huyện ủy, huyện ủy viên phụ trách xã và Bí thư Đảng ủy các xã, thị trấn tiếp tục",
     ["các đồng chí Ủy viên Ban thường vụ Huyện ủy", "huyện ủy viên phụ trách xã", "Bí thư Đảng ủy các xã, thị trấn"], "tiếp tục"),
    ("Sở Nông nghiệp và Phát triển nông thôn chủ trì", ["Sở Nông nghiệp và Phát triển nông thôn"], "chủ trì"),
    ("Người đứng đầu, lãnh đạo, cán bộ, công chức đăng ký tài khoản", [], "Người đứng đầu"),
    ("Phân quyền tài khoản cho các sở", [], "Phân quyền"),
    # a verb no rule lists, right after the place word of a heading run into its sentence
    ("Phòng Y tế huyện Kiểm soát chặt chẽ hồ sơ", ["Phòng Y tế huyện"], "Kiểm soát"),
    ("UBND thị xã Kinh Môn chủ trì", ["UBND thị xã Kinh Môn"], "chủ trì"),
])
def test_units_at_the_start_of_a_sentence(text, units, rest):
    spans, end = units_at(text)
    assert [s.text for s in spans] == units
    assert text[end:].strip().startswith(rest)


@pytest.mark.parametrize("cell,units", [
    ("Sở, ban, ngành; UBND cấp huyện, UBND cấp xã; VNPT Hưng Yên", ["Sở, ban, ngành", "UBND cấp huyện", "UBND cấp xã", "VNPT Hưng Yên"]),
    ("Sở, ban, ngành UBND cấp huyện, UBND cấp xã", ["Sở, ban, ngành", "UBND cấp huyện", "UBND cấp xã"]),
    ("Văn phòng UBND tỉnh, sở Thông tin và Truyền thông", ["Văn phòng UBND tỉnh", "sở Thông tin và Truyền thông"]),
    ("Văn phòng UBND tỉnh, Cục thuế, VNPT Hưng Yên", ["Văn phòng UBND tỉnh", "Cục thuế", "VNPT Hưng Yên"]),
])
def test_a_table_cell_splits_into_units(cell, units):
    assert split_units(cell) == units


def test_opening_kinds():
    assert opening("Sở Tư pháp").kind == "heading"
    assert opening("Văn phòng UBND tỉnh:").kind == "heading"
    assert opening("Công an huyện Chủ trì, phối hợp với Công an tỉnh").kind == "runon"
    assert opening("UBND các huyện có trách nhiệm phân quyền").kind == "subject"
    assert opening("Rà soát thủ tục hành chính").kind == "plain"


ADDRESSEE = Roles(["Sở Tư pháp"], [])


@pytest.mark.parametrize("text,lead,support", [
    ("Chủ trì, phối hợp với UBND các huyện hướng dẫn UBND cấp xã", ["Sở Tư pháp"], ["UBND các huyện"]),
    ("Phối hợp với Văn phòng UBND tỉnh, Cục Thuế tỉnh tích hợp thanh toán", ["Sở Tư pháp"], ["Văn phòng UBND tỉnh", "Cục Thuế tỉnh"]),
    ("Giao Công an xã chủ trì, phối hợp với Bộ phận Một cửa khai thác dữ liệu", ["Công an xã"], ["Bộ phận Một cửa"]),
    ("Đề nghị Đảng ủy xã, Mặt trận Tổ quốc xã tuyên truyền", ["Đảng ủy xã", "Mặt trận Tổ quốc xã"], []),
    ("Phòng Tư pháp huyện chủ trì, phối hợp với Văn phòng HĐND và UBND huyện hướng dẫn", ["Phòng Tư pháp huyện"], ["Văn phòng HĐND và UBND huyện"]),
    ("Rà soát, cập nhật hồ sơ", ["Sở Tư pháp"], []),
])
def test_roles_of_a_task(text, lead, support):
    r = roles_of(text, ADDRESSEE)
    assert (r.lead, r.support) == (lead, support)


def test_a_lead_in_passes_roles_down_but_a_task_is_not_a_lead_in():
    r = lead_in_roles("Chủ trì, phối hợp với các cơ quan, đơn vị thực hiện:", Roles(["Phòng Văn hóa và Thông tin huyện"], []))
    assert r is not None and r.lead == ["Phòng Văn hóa và Thông tin huyện"] and r.support == ["các cơ quan, đơn vị"]
    assert lead_in_roles("Quán triệt nội dung Bộ chỉ số theo các nhóm sau:", ADDRESSEE) is None


def tasks_of(text: str):
    doc = read_text(Path("x.txt"), text.encode("utf-8"))
    return parse_document(doc).tasks


HEAD = "UBND XÃ AN SƠN\nSố: 9/UBND\nKính gửi: Các bộ phận chuyên môn.\nChủ tịch UBND xã yêu cầu:\n"


def test_headings_preambles_and_closings_are_not_tasks():
    tasks = tasks_of(HEAD + "Căn cứ Kế hoạch số 2/KH-UBND, xã triển khai.\n1. Công an xã\na) Kiểm tra hồ sơ.\n"
                     "b) Báo cáo kết quả trước ngày 20/9/2022.\nYêu cầu các bộ phận nghiêm túc thực hiện./.\n")
    assert [(t.path, t.text, [u.name for u in t.lead]) for t in tasks] == [
        ("1.a", "Kiểm tra hồ sơ.", ["Công an xã"]),
        ("1.b", "Báo cáo kết quả trước ngày 20/9/2022.", ["Công an xã"]),
    ]
    assert tasks[1].deadline.kind == "date" and tasks[1].deadline.date == "2022-09-20"


def test_recipients_lead_when_nothing_else_names_a_unit():
    tasks = tasks_of("UBND XÃ AN SƠN\nSố: 9/UBND\nKính gửi: Công chức Tư pháp - Hộ tịch.\nChủ tịch UBND xã yêu cầu:\n1. Rà soát hồ sơ chứng thực.\n")
    assert [u.name for u in tasks[0].lead] == ["Công chức Tư pháp - Hộ tịch"]


def test_sub_items_that_detail_a_task_join_it():
    tasks = tasks_of(HEAD + "1. Bộ phận Một cửa\na) Công khai thủ tục theo các nhóm sau:\n(1) Thủ tục đất đai;\n(2) Thủ tục hộ tịch.\n"
                     "b) Tiếp nhận hồ sơ; trong đó:\n+ hồ sơ trực tuyến;\n+ hồ sơ trực tiếp.\n")
    assert [t.text for t in tasks] == [
        "Công khai thủ tục theo các nhóm sau: (1) Thủ tục đất đai; (2) Thủ tục hộ tịch.",
        "Tiếp nhận hồ sơ; trong đó: + hồ sơ trực tuyến; + hồ sơ trực tiếp.",
    ]


def test_unit_line_under_a_topic_governs_the_items_after_it():
    tasks = tasks_of(HEAD + "1. Công khai, minh bạch\n- Bộ phận Một cửa; Công chức Văn phòng - Thống kê\n"
                     "- Niêm yết thủ tục hành chính.\n2. Số hóa\n- Công chức Tư pháp - Hộ tịch\n- Số hóa hồ sơ hộ tịch.\n")
    assert [[u.name for u in t.lead] for t in tasks] == [
        ["Bộ phận Một cửa", "Công chức Văn phòng - Thống kê"], ["Công chức Tư pháp - Hộ tịch"],
    ]


def test_an_addressee_heading_may_open_with_doi_voi():
    tasks = tasks_of(HEAD + "1. Đối với Công an xã:\n- Kiểm tra hồ sơ.\n2. Đối với Bộ phận Một cửa\n- Tiếp nhận hồ sơ.\n")
    assert [[u.name for u in t.lead] for t in tasks] == [["Công an xã"], ["Bộ phận Một cửa"]]


def test_a_subject_paragraph_gets_its_own_lead():
    tasks = tasks_of(HEAD + "1. Công an xã\n- Kiểm tra hồ sơ.\nBộ phận Một cửa có trách nhiệm tiếp nhận hồ sơ đúng hạn.\n")
    assert [[u.name for u in t.lead] for t in tasks] == [["Công an xã"], ["Bộ phận Một cửa"]]


@pytest.mark.parametrize("text,closing", [
    ("Yêu cầu Thủ trưởng các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.", True),
    ("Đề nghị các cơ quan, đơn vị triển khai thực hiện nghiêm túc nội dung Công văn này.", True),
    ("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, báo cáo UBND huyện để xem xét./.", True),
    ("Rà soát hồ sơ theo nội dung Công văn này để báo cáo trước ngày 10/9/2022.", False),
    ("Tiếp nhận hồ sơ trực tuyến đúng hạn.", False),
])
def test_closing_formulas(text, closing):
    from tracker.extract.roles import is_closing

    assert is_closing(text) is closing


@pytest.mark.parametrize("text,announces", [
    ("Để khắc phục hạn chế, đề nghị UBND huyện tập trung thực hiện một số nhiệm vụ sau:", True),
    ("Thời gian tới, cần triển khai các giải pháp chủ yếu như sau:", True),
    ("Đề nghị UBND các xã:", True),
    ("Những kết quả nổi bật gồm các nội dung sau:", False),   # facts, not work
    ("Kế hoạch nhằm các mục đích sau:", False),
    ("Đề nghị UBND huyện tập trung thực hiện các nhiệm vụ", False),  # introduces no list
])
def test_a_paragraph_in_an_assessment_that_announces_the_work(text, announces):
    from tracker.extract.roles import announces_work, is_skipped_section
    assert announces_work(text) is announces
    assert is_skipped_section("ĐÁNH GIÁ CHUNG") and not is_skipped_section("ĐÁNH GIÁ CHUNG VÀ NHIỆM VỤ THỜI GIAN TỚI")
