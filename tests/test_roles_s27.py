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


def test_a_body_named_as_the_standing_office_leads_the_duties_listed():
    """'Sở X là Cơ quan thường trực Ban Chỉ đạo; có trách nhiệm tham mưu ..., cụ thể:' under
    'Trách nhiệm của Cơ quan thường trực ...': Sở X leads the items after it."""
    data = parse_json(DATA / "docs" / "standing-body-duties.txt", "--no-resolve")
    sokhcn = ["Sở Khoa học và Công nghệ"]
    assert _leads(data) == [("Điều 7.1", sokhcn), ("Điều 7.2", sokhcn)]


def test_the_subject_after_a_span_of_time_leads():
    """'Trong 05 ngày làm việc kể từ ..., Phòng X chuyển ...': the unit after the span leads, not
    the article's."""
    data = parse_json(DATA / "docs" / "span-before-subject.txt", "--no-resolve")
    assert _leads(data) == [("Điều 4.1", ["Sở Tài chính"]), ("Điều 4.2", ["Phòng Doanh nghiệp"]),
                            ("Điều 4.3", ["Sở Tài chính"])]


def test_a_title_run_into_the_sentence_is_not_the_subject():
    """'1. Công tác triển khai Các sở, ban, ngành và UBND các xã ... có trách nhiệm ...': the plural
    written with a capital starts the sentence; the title before it names no one."""
    data = parse_json(DATA / "docs" / "glued-title-subject.txt", "--no-resolve")
    assert _leads(data) == [("III.1", ["Các sở, ban, ngành", "Ủy ban nhân dân các xã, phường"]),
                            ("III.2", ["Sở Nội vụ"])]


def test_partners_of_units_the_lead_directs_are_not_its_support():
    """'Chỉ đạo lực lượng quản lý thị trường phối hợp với Công an tỉnh ...', 'Chỉ đạo cơ quan chức
    năng cấp xã phối hợp với Đồn Biên phòng ...': the directed units work with them, not the lead
    (a kind in lower case, no plural); 'Chủ trì, phối hợp với Sở Tài chính' is support."""
    data = parse_json(DATA / "docs" / "directed-partners.txt", "--no-resolve")
    got = [(t["path"], [u["name"] for u in t["support"]]) for t in data["tasks"]]
    assert got[:3] == [("II.1.a", []), ("II.1.b", ["Sở Tài chính"]), ("II.2.a", [])]


def test_a_unit_right_after_a_bare_phoi_hop_supports():
    """'Phối hợp chính quyền địa phương tuyên truyền ...' (no 'với'): the unit after the cue
    supports; 'Phối hợp thực hiện ...' names no one."""
    data = parse_json(DATA / "docs" / "directed-partners.txt", "--no-resolve")
    got = [(t["path"], [u["name"] for u in t["support"]]) for t in data["tasks"]]
    assert got[3:] == [("II.2.b", ["chính quyền địa phương"]), ("II.2.c", [])]


def test_a_topic_opening_with_a_role_word_names_no_staff():
    """'1. Lãnh đạo, chỉ đạo thực hiện' over '-' lines is a topic in verbs ('lãnh đạo, chỉ đạo'):
    its items lead no one it names; '2. Lãnh đạo Trạm Y tế phường' is a post and leads."""
    data = parse_json(DATA / "docs" / "topic-in-verbs.txt", "--no-resolve")
    assert _leads(data) == [("II.1.-1", []), ("II.1.-2", []), ("II.2.-1", ["Lãnh đạo Trạm Y tế phường"])]

