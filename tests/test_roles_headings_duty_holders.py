"""Who does the items: wrapped italic unit headings, duty holders, units directed to lead, partners; on documents written for them
(tests/data/docs, our own words) parsed end to end, and on the rules one phrase at a time."""
from __future__ import annotations

import pytest
from conftest import DATA, parse_json

from tracker.extract.roles import details_children, is_preamble, roles_of, Roles
from tracker.read.text import _clean


def _roles(data):
    return [(t["path"], [u["name"] for u in t["lead"]], [u["name"] for u in t["support"]]) for t in data["tasks"]]


def test_italic_unit_headings_wrapped_over_lines_lead_their_items():
    """A web copy marks its numbered unit headings in italics that span two lines ("*1. Sở" /
    "Tài nguyên và Nước:*") or close after a space ("*3. *Giao Sở X: *(i) *Chỉ đạo ..."): the marks
    go, the numbers read as numbers, and each heading leads the items under it. Under a heading
    addressing a kind of unit ("Đối với các cơ sở ... :") the "+" lines are its tasks, not details;
    a unit the addressee directs to lead ("Chỉ đạo Trung tâm X chủ trì ...") is not the lead."""
    data = parse_json(DATA / "docs" / "italic-unit-headings.md", "--no-resolve")
    so = ["Sở Tài nguyên và Nước"]
    kind = ["các cơ sở chế biến nông sản có lượng nước thải lớn"]
    assert _roles(data) == [
        ("1.-1", so, []), ("1.-2", so, []),
        ("2.+1", kind, []), ("2.+2", kind, []),
        ("3(i)", ["Sở Công nghiệp"], []), ("3(ii)", ["Sở Công nghiệp"], []),
    ]


@pytest.mark.parametrize("raw,text", [
    ("*2.1. Sở", "2.1. Sở"),
    ("Tài chính:*", "Tài chính:"),
    ("*Căn cứ Luật Tổ chức chính quyền địa phương;*", "Căn cứ Luật Tổ chức chính quyền địa phương;"),
    ("*4.1. *Giao Đảng ủy Khối", "4.1. Giao Đảng ủy Khối"),
    ("tỉnh: *(i) *Chỉ đạo", "tỉnh: (i) Chỉ đạo"),
    ("ngày 09 tháng 3 năm 2026 *", "ngày 09 tháng 3 năm 2026"),
    # not emphasis: a bullet, a footnote mark
    ("* Tổ chức hội nghị sơ kết", "* Tổ chức hội nghị sơ kết"),
    ("Số liệu ước tính (*) theo báo cáo", "Số liệu ước tính (*) theo báo cáo"),
    ("*) Ghi chú: số liệu tạm tính", "*) Ghi chú: số liệu tạm tính"),
])
def test_emphasis_marks_left_unpaired_go(raw, text):
    assert _clean(raw, True)[0] == text


@pytest.mark.parametrize("text,details", [
    # a heading addressing units of a kind: the lines under it are their tasks
    ("Đối với các cơ sở chế biến nông sản có lượng nước thải lớn:", False),
    ("Đối với UBND các xã:", False),
    # a heading over details of one piece of work
    ("Rà soát hồ sơ tồn đọng, trong đó:", True),
    ("Hồ sơ gồm:", True),
])
def test_plus_lines_under_a_heading(text, details):
    assert details_children(text, ["plus", "plus"]) is details


@pytest.mark.parametrize("text,preamble", [
    ("Ủy ban nhân dân tỉnh Nam Sơn ban hành Quyết định quy định phân cấp quản lý chợ.", True),
    ("Bộ trưởng Bộ Công nghiệp ban hành Thông tư hướng dẫn kiểm tra an toàn.", True),
    # work handed to the committee in a plan
    ("UBND tỉnh ban hành Kế hoạch thực hiện trước ngày 30/6.", False),
    ("Sở Nội vụ tham mưu UBND tỉnh ban hành Quyết định kiện toàn Ban Chỉ đạo.", False),
])
def test_the_enacting_formula_of_a_decision_is_no_task(text, preamble):
    assert is_preamble(text) is preamble


@pytest.mark.parametrize("text,lead", [
    ("Chỉ đạo Trung tâm Khuyến công chủ trì hướng dẫn doanh nghiệp.", ["Sở Công nghiệp"]),
    ("Hướng dẫn các xã chủ trì lập danh sách.", ["Sở Công nghiệp"]),
    # named before the cue, nothing directing: it leads
    ("Trung tâm Khuyến công chủ trì hướng dẫn doanh nghiệp.", ["Trung tâm Khuyến công"]),
])
def test_a_unit_directed_to_lead_is_not_the_lead(text, lead):
    assert roles_of(text, Roles(["Sở Công nghiệp"], [], "heading")).lead == lead


@pytest.mark.parametrize("text,lead", [
    # staff, more kinds of staff in lower case and what they were given, before the duty
    ("Cán bộ, công chức, viên chức, người lao động được cấp tài khoản có trách nhiệm đổi mật khẩu định kỳ.",
     ["Cán bộ, công chức, viên chức, người lao động được cấp tài khoản"]),
    # a modal before the duty is the predicate's
    ("Các cơ quan tiếp nhận phải có trách nhiệm trả lời trong 05 ngày.", ["Các cơ quan tiếp nhận"]),
    ("Các đơn vị phải có trách nhiệm báo cáo đúng hạn.", ["Các đơn vị"]),
    # a named unit after the staff words is theirs, as before
    ("Công chức Tư pháp - Hộ tịch có trách nhiệm cập nhật sổ.", ["Công chức Tư pháp - Hộ tịch"]),
])
def test_who_holds_a_duty(text, lead):
    assert roles_of(text, Roles()).lead == lead


@pytest.mark.parametrize("text,support", [
    # bare heads of one ministry's departments: one collective
    ("Chủ động phối hợp với các Cục, Vụ liên quan của Bộ trong việc sửa đổi quy chế.", ["các Cục, Vụ liên quan của Bộ"]),
    # named ones stay apart
    ("Phối hợp với Cục Thống kê, Vụ Pháp chế rà soát số liệu.", ["Cục Thống kê", "Vụ Pháp chế"]),
])
def test_department_kinds_as_partners(text, support):
    assert roles_of(text, Roles(["Sở Công nghiệp"], [], "heading")).support == support


def test_units_after_a_label_followed_by_a_clause_word_are_no_subject():
    """"Thực hiện sự chỉ đạo ... từ Bộ: các Vụ, Cục | trong xây dựng ...": the units listed after the
    colon are where the guidance comes from; the heading's unit still leads."""
    text = "Thực hiện sự chỉ đạo về chuyên môn từ Bộ Công nghiệp: các Vụ, Cục, các cơ quan có liên quan trong xây dựng kế hoạch."
    assert roles_of(text, Roles(["Sở Công nghiệp"], [], "heading")).lead == ["Sở Công nghiệp"]


@pytest.mark.parametrize("text,lead", [
    # a name the lists know, longer than the instruction it opens like, is a name
    ("Tổ chức hành nghề công chứng, Ủy ban nhân dân cấp xã có trách nhiệm cập nhật dữ liệu.",
     ["Tổ chức hành nghề công chứng", "Ủy ban nhân dân cấp xã"]),
    ("Tổ chức tín dụng phối hợp với Sở Tài chính rà soát các khoản vay.", ["Tổ chức tín dụng"]),
    # organisations and persons of a kind holding a duty
    ("Tổ chức, cá nhân kinh doanh khí đốt có trách nhiệm niêm yết giá bán.", ["Tổ chức, cá nhân kinh doanh khí đốt"]),
    # still instructions
    ("Tổ chức thực hiện tốt công tác tuyên truyền.", ["Sở Công nghiệp"]),
    ("Tổ chức tập huấn cho các tổ chức hành nghề công chứng.", ["Sở Công nghiệp"]),
])
def test_names_opening_with_to_chuc(text, lead):
    assert roles_of(text, Roles(["Sở Công nghiệp"], [], "heading")).lead == lead


@pytest.mark.parametrize("text,support", [
    ("Giao Sở Công nghiệp chủ trì, làm việc với UBND huyện Đông Hà, Tổng công ty Điện lực để thống nhất phương án.",
     ["UBND huyện Đông Hà", "Tổng công ty Điện lực"]),
    ("Giao Sở Công nghiệp chủ trì, phối với Sở Tài chính rà soát, đề xuất.", ["Sở Tài chính"]),
    # working with someone is no support without leading the work
    ("Sở Công nghiệp khẩn trương làm việc với nhà đầu tư để tháo gỡ vướng mắc.", []),
])
def test_the_lead_works_it_out_with_its_partners(text, support):
    assert roles_of(text, Roles()).support == support
