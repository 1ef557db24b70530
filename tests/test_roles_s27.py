"""Lead families of session 27 (issue 11): who does the items, on documents written for them
(tests/data/docs, our own words) parsed end to end, and on the rules one phrase at a time."""
from __future__ import annotations

from conftest import DATA, parse_json

from tracker.extract.roles import addressed_heading, opening
from tracker.extract.unit_phrases import units_at


def _leads(data):
    return [(t["path"], [u["name"] for u in t["lead"]]) for t in data["tasks"]]


def test_a_branch_of_a_known_office_keeps_the_office_in_its_name():
    """'Chi nhánh Văn phòng đăng ký đất đai' is one unit (a known name after a head that needs a
    name is that name, whole); a region's number after 'khu vực' stays in the name."""
    data = parse_json(DATA / "docs" / "branch-office-names.txt", "--no-resolve")
    assert _leads(data) == [
        ("Điều 1.1", ["Chi nhánh Văn phòng đăng ký đất đai"]),
        ("Điều 1.2", ["Ngân hàng Nhà nước chi nhánh khu vực 9"]),
        ("Điều 1.3", ["Chi cục Thuế khu vực 4"]),
    ]
    names = [u.text for u in units_at("Văn phòng đăng ký đất đai, Chi nhánh Văn phòng đăng ký đất đai có trách nhiệm", 0)[0]]
    assert names == ["Văn phòng đăng ký đất đai", "Chi nhánh Văn phòng đăng ký đất đai"]


def test_a_heading_addressing_a_kind_of_unit_by_its_work_leads_its_items():
    """'2. Đề nghị các đơn vị bưu chính cung cấp dịch vụ chi trả' and '3. Trách nhiệm của doanh
    nghiệp cung cấp phần mềm ...' over a), b): the words after the addressing or duty word name
    who does the items, verbs and all; 'Đề nghị tăng cường kiểm tra ...' addresses no one."""
    data = parse_json(DATA / "docs" / "addressed-kind-headings.txt", "--no-resolve")
    payers = ["các đơn vị bưu chính cung cấp dịch vụ chi trả"]
    vendor = ["doanh nghiệp cung cấp phần mềm quản lý đối tượng"]
    assert _leads(data) == [
        ("III.1.a", ["Sở Y tế"]),
        ("III.2.a", payers), ("III.2.b", payers),
        ("III.3.a", vendor), ("III.3.b", vendor),
        ("III.4.a", []),
    ]


def test_addressed_heading_refuses_sentences_and_lists_of_work():
    assert addressed_heading("Đề nghị các tổ chức, cá nhân:").units == ["các tổ chức, cá nhân"]
    assert addressed_heading("Đề nghị tăng cường công tác kiểm tra") is None  # a recommendation
    assert addressed_heading("Giao các hộ dân thực hiện các nội dung sau:") is None  # a list of work
    assert addressed_heading("Nhiệm vụ của Kế hoạch") is None  # a thing
    assert addressed_heading("Nhiệm vụ trọng tâm") is None
    assert addressed_heading("Đề nghị các hội viên đăng ký tham gia.") is None  # a sentence


def test_a_duty_heading_names_its_unit_without_cua():
    """'Điều 6. Trách nhiệm Văn phòng UBND tỉnh' (no 'của') names the unit as 'Trách nhiệm của ...' does."""
    assert opening("Trách nhiệm Văn phòng UBND tỉnh").units == ["Văn phòng UBND tỉnh"]
    assert opening("Trách nhiệm của Văn phòng UBND tỉnh").kind == "heading"


def test_an_assignment_the_subject_only_proposes_addresses_no_one():
    """'X tham mưu cho Chủ tịch UBND tỉnh phân công cơ quan, đơn vị trả lời' and 'các ý kiến do Chủ
    tịch giao cho các sở': the units after 'phân công' / 'giao' are not the task's lead (the
    article's unit is); 'Về công tác tham mưu, giao Phòng X ...' is an address."""
    data = parse_json(DATA / "docs" / "proposed-assignments.txt", "--no-resolve")
    office = ["Văn phòng UBND tỉnh"]
    assert _leads(data) == [("Điều 5.1", office), ("Điều 5.2", office), ("Điều 5.3", office),
                            ("Điều 5.4", ["Phòng Tổng hợp"])]

