"""Lead and support families of real directives (issue 11), on documents written for them
(tests/data/docs, our own words) parsed end to end, and on the rules one sentence at a time."""
from __future__ import annotations

import pytest

from conftest import DATA, parse_json
from test_parse_variants import summary  # (path, leads, supports, deadline kind and date) per task

from tracker.extract.roles import Roles, roles_of
from tracker.extract.unit_phrases import units_at


def _roles(data):
    return [(path, lead, support) for path, lead, support, _ in summary(data)]


def test_subjects_after_an_opening_clause_and_partners_of_others():
    """'Căn cứ ..., các bộ, tỉnh lập ...' and 'Sau khi ..., Vụ X tổng hợp' lead; a later
    ';' clause with its own subject leads too; 'Chỉ đạo các đơn vị phối hợp với Y' and
    'các nhiệm vụ phối hợp với Y' give no support; 'họp giao ban', 'bàn giao cho X' assign
    nothing; 'Thanh tra Bộ ban hành' does not take 'ban' into the name."""
    data = parse_json(DATA / "docs" / "subject-after-clause.txt", "--no-resolve")
    recipients = ["các cơ quan"]  # the lead-in "Bộ Nội vụ đề nghị các cơ quan thực hiện ... sau:"
    assert _roles(data) == [
        ("1.a", ["các bộ", "các tỉnh"], []),
        ("1.b", ["Vụ Tổ chức - Biên chế"], []),
        ("1.c", ["Các cơ quan chuyên môn cấp tỉnh", "Ủy ban nhân dân các xã, phường"], []),
        ("2.a", recipients, []),
        ("2.b", recipients, []),
        ("2.c", recipients, []),
        ("2.d", ["Thanh tra Bộ"], []),
    ]


@pytest.mark.parametrize("text,lead,support", [
    # the subject after an opening clause
    ("Căn cứ kết quả năm trước, Sở Y tế xây dựng kế hoạch mới.", ["Sở Y tế"], []),
    ("Trong quá trình thực hiện, các đơn vị báo cáo vướng mắc.", ["các đơn vị"], []),
    ("Căn cứ chức năng, nhiệm vụ được giao, chủ động giải quyết kịp thời.", ["ADDRESSEE"], []),
    # later clauses with their own subject; one that only supports does not lead
    ("Sở Tư pháp hướng dẫn; UBND các xã niêm yết công khai.", ["Sở Tư pháp", "UBND các xã"], []),
    ("Sở Tư pháp chủ trì hướng dẫn; UBND các xã phối hợp thực hiện.", ["Sở Tư pháp"], []),
    ("Các sở tuyên truyền về các văn bản, trọng tâm là: Luật A; Bộ Luật B; phòng, chống tham nhũng.", ["Các sở"], []),
    # partners of someone else
    ("Chỉ đạo các trường học phối hợp với Công an xã bảo đảm an toàn.", ["ADDRESSEE"], []),
    ("Hướng dẫn các xã triển khai; phối hợp với Sở Tài chính kiểm tra.", ["ADDRESSEE"], ["Sở Tài chính"]),
    ("Chủ trì, phối hợp với Sở Tài chính hướng dẫn các xã thực hiện.", ["ADDRESSEE"], ["Sở Tài chính"]),
    # "giao" inside another word
    ("Tổ chức họp giao ban định kỳ với các phòng.", ["ADDRESSEE"], []),
    ("Hoàn thành giải phóng mặt bằng, bàn giao cho Nhà đầu tư.", ["ADDRESSEE"], []),
    ("Giao Sở Xây dựng chủ trì thẩm định.", ["Sở Xây dựng"], []),
    # "phối hợp" without "với" before a plural; "Yêu cầu X" addresses the lead, who works with Y
    ("Yêu cầu Sở Tài chính chủ động phối hợp các đơn vị liên quan rà soát.", ["Sở Tài chính"], ["các đơn vị liên quan"]),
])
def test_roles_of_a_sentence(text, lead, support):
    r = roles_of(text, Roles(["ADDRESSEE"], [], "recipients"))
    assert (r.lead, r.support) == (lead, support)


@pytest.mark.parametrize("text,units", [
    ("Các bộ, tỉnh gửi báo cáo", ["Các bộ", "Các tỉnh"]),  # the level shares the plural
    ("Các bộ, ngành gửi báo cáo", ["Các bộ, ngành"]),  # a collective
    # kinds of government bodies joined by "và" are one collective (corpus.md, s27 conventions)
    ("Các cơ quan, bộ, ngành và địa phương gửi báo cáo", ["Các cơ quan, bộ, ngành và địa phương"]),
    ("Các sở, ban, ngành Tỉnh tổ chức thực hiện", ["Các sở, ban, ngành Tỉnh"]),  # the level capitalised
    ("Thanh tra Chính phủ ban hành hướng dẫn", ["Thanh tra Chính phủ"]),
    ("Các bệnh viện công lập trực thuộc đề xuất dự án", ["Các bệnh viện công lập trực thuộc"]),
    ("Trưởng ban bầu cử phân công nhiệm vụ", ["Trưởng ban bầu cử"]),
    ("Tạp chí Khoa học và Vụ Pháp chế thực hiện", ["Tạp chí Khoa học", "Vụ Pháp chế"]),
])
def test_unit_names(text, units):
    assert [s.text for s in units_at(text)[0]] == units


@pytest.mark.parametrize("text,units", [
    ("Chủ tịch Hội đồng có trách nhiệm điều hành", ["Chủ tịch Hội đồng"]),  # the body set up earlier
    ("Ban Chỉ đạo chủ trì kiểm tra", ["Ban Chỉ đạo"]),
    ("UBND TP. Hồ Chí Minh và UBND TX. Sơn Tây thực hiện", ["UBND TP. Hồ Chí Minh", "UBND TX. Sơn Tây"]),
    ("UBND các tỉnh: Lâm Đồng, Đắk Lắk và Gia Lai rà soát", ["UBND tỉnh Lâm Đồng", "UBND tỉnh Đắk Lắk", "UBND tỉnh Gia Lai"]),
    ("Ủy ban nhân dân các thành phố: Hà Nội, Cần Thơ thực hiện",
     ["Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân thành phố Cần Thơ"]),
    ("Bộ Tư pháp, Bộ Công an và Văn phòng Chính phủ góp ý", ["Bộ Tư pháp", "Bộ Công an", "Văn phòng Chính phủ"]),
    ("UBND các xã, phường thực hiện", ["UBND các xã, phường"]),
    ("Thủ trưởng/Giám đốc các cơ sở khám, chữa bệnh chịu trách nhiệm", ["Thủ trưởng/Giám đốc các cơ sở khám, chữa bệnh"]),
])
def test_more_unit_names(text, units):
    assert [s.text for s in units_at(text)[0]] == units


@pytest.mark.parametrize("line,units", [
    # a labelled line whose units go on into what they do
    ("Các đơn vị trực thuộc chủ động đề xuất danh mục.", ["Các đơn vị trực thuộc"]),
    # words the scanner does not know stay in the name they follow
    ("Sở Y tế; các cơ sở khám, chữa bệnh tư nhân", ["Sở Y tế", "các cơ sở khám, chữa bệnh tư nhân"]),
])
def test_units_of_a_labelled_line(line, units):
    from tracker.extract.unit_phrases import split_units

    assert split_units(line) == units


def test_staff_posts_lead_whole():
    """A post with its portfolio ('Phó Chủ tịch UBND xã phụ trách văn hóa - xã hội') is one
    lead, not cut at 'phụ trách' nor matched to a department's name; a comrade named before
    the post ('đồng chí Lê Văn Tâm – Trưởng Ban ...') is that post; 'nêu trên' stays in the name."""
    data = parse_json(DATA / "docs" / "commune-staff-posts.txt", "--no-resolve")
    assert _roles(data) == [
        ("I.1", ["Phó Chủ tịch UBND xã phụ trách văn hóa - xã hội"], []),  # the honorific dropped
        ("I.2", ["đồng chí Lê Văn Tâm – Trưởng Ban Công tác Mặt trận thôn Đông"], []),
        ("I.3", ["Các đơn vị nêu trên"], ["Đoàn Thanh niên xã"]),
        ("I.4", ["Phó Chủ tịch UBND xã phụ trách kinh tế", "Công an xã"], []),
    ]


def test_headings_that_name_the_lead_with_its_qualifier():
    """A heading over items that only names who does them keeps the words narrowing the name
    ('Các đơn vị cấp nước sạch trên địa bàn tỉnh có trách nhiệm', 'Nhà đầu tư của dự án ...:',
    a board's name in lower-case words) and is no task; 'Đối với X: ...' leads with X whole.
    A heading that gives work ('Sở Y tế tăng cường ...') or introduces a list ('Các sở tập
    trung thực hiện các nội dung sau:') keeps the scanner's name."""
    data = parse_json(DATA / "docs" / "headings-name-the-lead.txt", "--no-resolve")
    water = ["Các đơn vị cấp nước sạch trên địa bàn tỉnh"]
    road = ["Nhà đầu tư của dự án tuyến đường ven sông Hồng Lam – Bến Đá"]
    board = ["Ban Quản lý dự án đầu tư xây dựng công trình giao thông"]
    assert _roles(data) == [
        ("1.a", water, []), ("1.b", water, []),
        ("2.a", road, []), ("2.b", road, []),
        ("3.-1", board, []), ("3.-2", board, ["Sở Xây dựng"]),
        ("4.a", ["Nhà đầu tư dự án hồ chứa Bến Đá"], []), ("4.b", ["Sở Nông nghiệp và Môi trường"], []),
        ("5.a", ["Các sở"], []),
        ("6", ["Sở Y tế"], []), ("6.-1", ["Sở Y tế"], []), ("6.-2", ["Sở Y tế"], []),
    ]


@pytest.mark.parametrize("text,items,name", [
    ("Các đơn vị cấp nước trên địa bàn có trách nhiệm:", False, "Các đơn vị cấp nước trên địa bàn"),
    ("Nhà đầu tư của dự án cầu Bến Đá:", True, "Nhà đầu tư của dự án cầu Bến Đá"),
    ("Nhà đầu tư của dự án cầu Bến Đá:", False, None),  # over nothing: no heading
    ("Các cơ quan tải tài liệu tại:", False, None),
    ("Sở Y tế tăng cường kiểm tra", True, None),  # work, not a name
    ("Các sở tập trung thực hiện các nội dung sau:", True, None),
    ("UBND các xã đã hoàn thành việc rà soát", True, None),  # a report
])
def test_named_heading(text, items, name):
    from tracker.extract.roles import named_heading

    got = named_heading(text, items)
    assert (got.units[-1] if got else None) == name


def test_funding_section_keeps_the_items_that_name_who_acts():
    """Under 'III. KINH PHÍ THỰC HIỆN' an item naming who acts ('Sở Tài chính chủ trì ...',
    'Các cơ quan được giao ... có trách nhiệm lập dự toán') is a task; one stating where the
    money comes from is not."""
    data = parse_json(DATA / "docs" / "funding-section-tasks.txt", "--no-resolve")
    culture = "Sở Văn hóa, Thể thao và Du lịch"
    assert _roles(data) == [
        ("II.1", [culture], []),
        ("II.2", ["Ủy ban nhân dân các xã, phường"], []),
        ("III.2", ["Sở Tài chính"], [culture]),
        ("III.3", ["Các cơ quan được giao nhiệm vụ tại Kế hoạch này"], []),  # named by the work given them
        ("IV", [culture], []),
    ]


def test_conclusion_points_numbered_in_roman_parentheses_and_its_praise():
    """'(i) ... (iv)' under 'đề nghị:' are four points, each with its own lead (not one task
    whose later 'Giao X' takes the lead); the praise ('Đánh giá cao ...') and an agreement
    in principle ('Thống nhất chủ trương ...') hand out no work."""
    data = parse_json(DATA / "docs" / "conclusion-roman-points.txt", "--no-resolve")
    assert _roles(data) == [
        ("1.b.i", ["Chủ đầu tư"], []),
        ("1.b.ii", ["Ủy ban nhân dân huyện Đông Lâm"], []),
        ("1.b.iii", ["Sở Xây dựng"], []),
        ("1.b.iv", ["Sở Tài chính"], []),
    ]


def test_the_province_a_conclusion_is_about_acts_as_written():
    """A conclusion notice calls the province it is about 'Tỉnh' or 'tỉnh Bắc Lam': as the one who
    acts ('Tỉnh căn cứ ...' after a topic label; 'Để ..., tỉnh Bắc Lam cần tập trung thực hiện
    các nội dung sau:' over the items) it leads as written (the contract: units as the document
    names them), a bare 'Tỉnh' as the place the text names most; 'Ủy ban nhân dân tỉnh Bắc Lam'
    written so stays so."""
    data = parse_json(DATA / "docs" / "conclusion-province-acts.txt", "--no-resolve")
    province = ["tỉnh Bắc Lam"]
    assert _roles(data) == [
        ("II.1", province, []), ("II.2", province, []),
        ("III.1", province, []),
        ("III.2", ["Bộ Xây dựng"], ["Ủy ban nhân dân tỉnh Bắc Lam"]),
    ]


@pytest.mark.parametrize("text,names", [
    ("Tỉnh căn cứ các quy định hiện hành", ["Tỉnh"]),
    ("tỉnh Bắc Lam cần tiếp tục", ["tỉnh Bắc Lam"]),
    ("Tỉnh ủy Bắc Lam chỉ đạo", ["Tỉnh ủy Bắc Lam"]),
    ("các sở, ban, ngành Thành phố triển khai", ["các sở, ban, ngành Thành phố"]),
    ("trên địa bàn tỉnh thực hiện", []),
])
def test_a_province_as_a_unit(text, names):
    assert [s.text for s in units_at(text, 0)[0]] == names


@pytest.mark.parametrize("cell,names", [
    # "và" after a collective name starts the next unit, not more words of that name
    ("Sở Y tế, các sở, ngành và cộng đồng dân cư", ["Sở Y tế", "các sở, ngành", "cộng đồng dân cư"]),
    # units listed as bullets inside one cell
    ("- Sở Giáo dục và Đào tạo; - Sở Y tế, các trường học", ["Sở Giáo dục và Đào tạo", "Sở Y tế", "các trường học"]),
])
def test_split_units_of_a_cell(cell, names):
    from tracker.extract.unit_phrases import split_units

    assert split_units(cell) == names


def test_instructions_numbered_inside_a_point_are_tasks_each():
    """'(1) X ...; (2) Y chủ trì ...; (3) các sở tập trung: (i) ...; (ii) ...' inside one point:
    a task per instruction, each with its own roles; the units before the colon ('Sở Khoa học
    và Công nghệ: (1) trình ...; (2) hướng dẫn ...') lead the parts naming none. Numbered
    results of an assessment, or the functions of a portal, stay as they are."""
    data = parse_json(DATA / "docs" / "inline-numbered-points.txt", "--no-resolve")
    science = ["Sở Khoa học và Công nghệ"]
    assert _roles(data) == [
        ("II.1(1)", ["Sở Nông nghiệp và Môi trường"], []),
        ("II.1(2)", ["Công an tỉnh"], ["Ủy ban nhân dân các xã"]),
        ("II.1(3)(i)", ["các sở, ngành"], []),
        ("II.1(3)(ii)", ["các sở, ngành"], []),
        ("II.2(1)", science, []),
        ("II.2(2)", science, []),
        ("II.3", [], []),
    ]
    assert [t["deadline"]["date"] if t["deadline"] else None for t in data["tasks"][:2]] == ["2026-12-31", None]


def test_inline_parts():
    from tracker.extract.roles import inline_parts

    assert inline_parts("Về dữ liệu: (1) Sở A rà soát; (2) Sở B cập nhật.") == \
        ("Về dữ liệu:", [("1", "Sở A rà soát"), ("2", "Sở B cập nhật.")])
    assert inline_parts("Sở A rà soát (1) hồ sơ; (2) sổ sách.") is None  # the numbers go on a sentence
    assert inline_parts("Về dữ liệu: (2) Sở A rà soát; (3) Sở B.") is None  # no run from (1)


def test_a_topic_over_paragraphs_that_name_who_acts_is_no_task(tmp_path):
    """A Word plan: the bold '2. Phát sóng chuyên mục hỏi đáp' over the paragraph 'Báo và Phát
    thanh, Truyền hình tỉnh chủ trì ...' is a topic; the paragraph is the task. A heading over a
    paragraph naming no one ('3. Tập huấn ...' / 'Mở các lớp ...') stays the task."""
    import re

    import docx

    doc = docx.Document()
    for line in (DATA / "docs" / "topic-over-paragraphs.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc.add_paragraph().add_run(line).bold = bool(re.match(r"\d\. ", line))
    path = tmp_path / "topic-over-paragraphs.docx"
    doc.save(path)
    data = parse_json(path, "--no-resolve")
    assert [(t["text"][:40], [u["name"] for u in t["lead"]]) for t in data["tasks"]] == [
        ("Sở Khoa học và Công nghệ chủ trì, phối h", ["Sở Khoa học và Công nghệ"]),
        ("Báo và Phát thanh, Truyền hình tỉnh chủ ", ["Báo và Phát thanh, Truyền hình tỉnh"]),
        ("Tập huấn kỹ năng số cho công chức cấp xã", []),
    ]


def test_a_plural_level_before_the_places_it_names():
    """'Các tỉnh Bắc Lam, Đông Hải và Sơn Nguyên khẩn trương ...': each province is a lead, as
    written; 'Ủy ban nhân dân các tỉnh, thành phố: A, B' puts the committee and the first level
    before each place. Places stay as written ('tỉnh Nam Lam', 'Thành phố Hải Cảng')."""
    data = parse_json(DATA / "docs" / "province-lists.txt", "--no-resolve")
    leads = {t["path"]: [u["name"] for u in t["lead"]] for t in data["tasks"]}
    assert leads == {
        "1": ["tỉnh Bắc Lam", "tỉnh Đông Hải", "tỉnh Sơn Nguyên"],
        "2": ["Thành phố Hải Cảng", "tỉnh Nam Lam", "tỉnh Tây Sơn"],
        "3": ["Ủy ban nhân dân tỉnh Bắc Lam", "Ủy ban nhân dân tỉnh Hải Cảng"],
    }, leads
    # a collective with no places after it stays one unit
    assert [s.text for s in units_at("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương triển khai")[0]] \
        == ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]
    assert [s.text for s in units_at("các xã, phường triển khai")[0]] == []


def test_a_focal_agency_clause_and_a_request_with_a_colon():
    """'a) Là cơ quan đầu mối, chủ trì, ...' under '1. Sở Khoa học và Công nghệ' says what the heading's
    unit is, so it leads; '2. Đề nghị: Hội Nông dân tỉnh, Hội Liên hiệp Phụ nữ tỉnh' names the leads
    of the items under it after the colon."""
    data = parse_json(DATA / "docs" / "focal-agency-and-colon-request.txt", "--no-resolve")
    got = [(t["path"], [u["name"] for u in t["lead"]], [u["name"] for u in t["support"]]) for t in data["tasks"]]
    assert got == [
        ("I.1.a", ["Sở Khoa học và Công nghệ"], ["Sở Tài chính"]),
        ("I.1.b", ["Sở Khoa học và Công nghệ"], []),
        ("I.2.a", ["Hội Nông dân tỉnh", "Hội Liên hiệp Phụ nữ tỉnh"], []),
    ], got


def test_spreading_word_of_the_plan_is_work_carrying_it_out_is_the_closing():
    """'Định hướng báo chí ... tuyên truyền về nội dung Kế hoạch này.' under a unit heading is a task
    of that unit; 'Triển khai thực hiện nghiêm các nội dung của Kế hoạch này.' only closes the plan.
    'Định hướng' opens an instruction, so a plain-text heading run into it keeps its name."""
    data = parse_json(DATA / "docs" / "spread-the-plan.txt", "--no-resolve")
    got = [(t["path"], t["text"][:20], [u["name"] for u in t["lead"]]) for t in data["tasks"]]
    assert got == [
        ("I.1", "Hướng dẫn các hợp tá", ["Sở Công Thương"]),
        ("I.2", "Định hướng báo chí t", ["Sở Văn hóa, Thể thao và Du lịch"]),
    ], got


def test_a_bullet_introducing_a_list_of_work_hands_each_line_out():
    """'- X cần làm thêm một số nhiệm vụ như sau:' over '+' lines: each '+' line is a task led by
    X, not a detail joined to the bullet; '+' lines after '... trong đó:' still only detail it."""
    data = parse_json(DATA / "docs" / "work-list-under-bullet.txt", "--no-resolve")
    pair = ["Ủy ban nhân dân phường Đông Hải", "Ủy ban nhân dân phường Tây Sơn"]
    got = [(t["path"], [u["name"] for u in t["lead"]]) for t in data["tasks"]]
    assert got == [
        ("I.1", ["Sở Xây dựng"]),
        ("I.2.-1", ["Ủy ban nhân dân các phường"]),
        ("I.2.-2.+1", pair),
        ("I.2.-2.+2", pair),
        ("I.2.-3", ["Ủy ban nhân dân các phường"]),
    ], got
    assert data["tasks"][-1]["text"].endswith("+ số vụ đã xử phạt.")


def test_a_heading_closing_with_co_trach_nhiem_names_its_units():
    """'1. Sở X có trách nhiệm' over items is a heading, not a task; '2. Các hộ gia đình, cơ sở chăn
    nuôi ... có trách nhiệm' names who leads its items even though the unit list knows none of
    those words: the name is everything before the cue, one collective unit (lower-case commas)."""
    data = parse_json(DATA / "docs" / "unlisted-responsible-heading.txt", "--no-resolve")
    households = ["Các hộ gia đình, cơ sở chăn nuôi và trang trại dùng nước giếng khoan trên địa bàn"]
    got = [(t["path"], [u["name"] for u in t["lead"]]) for t in data["tasks"]]
    assert got == [
        ("1.a", ["Sở Nông nghiệp và Môi trường"]),
        ("1.b", ["Sở Nông nghiệp và Môi trường"]),
        ("2.a", households),
        ("2.b", households),
    ], got


@pytest.mark.parametrize("name,parts", [
    ("Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh và Liên minh Hợp tác xã tỉnh",
     ["Hiệp hội Doanh nghiệp tỉnh", "Hội Nông dân tỉnh", "Liên minh Hợp tác xã tỉnh"]),
    ("Các tổ chức, cá nhân và hộ gia đình", ["Các tổ chức, cá nhân và hộ gia đình"]),
    ("các nhà mạng (A, B và C); các đài phát thanh", ["các nhà mạng (A, B và C)", "các đài phát thanh"]),
])
def test_unlisted_names_split_where_a_new_name_starts(name, parts):
    from tracker.extract.roles import split_unlisted

    assert split_unlisted(name) == parts


def test_a_post_before_a_level_list_holds_it_in_each_place():
    """'Bí thư tỉnh ủy và Chủ tịch UBND các tỉnh: A, B' is the party secretary and the chairman of
    each province (a công điện's addressees); a unit of no level ('Sở Y tế và UBND các tỉnh: A, B')
    keeps its own name."""
    data = parse_json(DATA / "docs" / "shared-place-list.txt", "--no-resolve")
    assert [u["name"] for u in data["tasks"][0]["lead"]] == [
        "Bí thư tỉnh ủy Bắc Lam", "Bí thư tỉnh ủy Nam Sơn",
        "Chủ tịch Ủy ban nhân dân tỉnh Bắc Lam", "Chủ tịch Ủy ban nhân dân tỉnh Nam Sơn"]
    spans = units_at("Sở Y tế và Ủy ban nhân dân các tỉnh: Bắc Lam, Nam Sơn chỉ đạo")[0]
    assert [s.text for s in spans] == ["Sở Y tế", "Ủy ban nhân dân tỉnh Bắc Lam", "Ủy ban nhân dân tỉnh Nam Sơn"]
    spans = units_at("Đồng chí Bí thư Tỉnh ủy và Chủ tịch Ủy ban nhân dân các tỉnh: Bắc Lam, Nam Sơn chỉ đạo")[0]
    assert len(spans) == 4


def test_partners_the_unit_list_does_not_know_run_to_where_the_work_starts():
    """'Phối hợp với các hợp tác xã, chính quyền cơ sở để ...' and 'Phối hợp với các tổ khuyến nông
    và UBND các xã, phường kiểm tra ...': the partners are named up to the clause word or the verb,
    though the unit list knows none of the first; kinds in lower case joined by commas only are one
    collective as written (like "sở, ban, ngành"), "và" or a capital starts the next; after a known
    name ('Sở Tài chính tổng hợp ...') the words are the verb's; a stretch longer than partner_words
    syllables names no partner."""
    data = parse_json(DATA / "docs" / "unknown-partners.txt", "--no-resolve")
    got = [(t["path"], [u["name"] for u in t["support"]]) for t in data["tasks"]]
    assert got == [
        ("I.1.a", ["các hợp tác xã, chính quyền cơ sở"]),
        ("I.1.b", ["các tổ khuyến nông", "Ủy ban nhân dân các xã, phường"]),
        ("I.1.c", ["Sở Tài chính"]),
        ("I.2", []),
    ], got


def test_a_heading_that_only_addresses_names_units_the_list_does_not_know():
    """'2. Đề nghị: Hiệp hội Nuôi ong tỉnh, Liên minh Hợp tác xã tỉnh' over items names their leads,
    one per capitalised name; '3. Yêu cầu các hộ nuôi ong thực hiện ...' is a sentence (it holds a
    verb), so it stays a task and its words are no unit."""
    data = parse_json(DATA / "docs" / "addressed-unknown-heading.txt", "--no-resolve")
    bodies = ["Hiệp hội Nuôi ong tỉnh", "Liên minh Hợp tác xã tỉnh"]
    got = [(t["path"], [u["name"] for u in t["lead"]]) for t in data["tasks"]]
    assert got[:3] == [("II.1.a", ["Sở Nông nghiệp và Môi trường"]), ("II.2.a", bodies), ("II.2.b", bodies)], got
    assert [t["path"] for t in data["tasks"]] == ["II.1.a", "II.2.a", "II.2.b", "II.3"]


def test_units_named_by_the_work_given_them():
    """'Các đơn vị được phân công chủ trì ... có trách nhiệm lập dự toán' leads as the units so
    assigned, the words up to 'có/chịu trách nhiệm' in their name; a comma ends such a qualifier
    ('Sở X được giao theo dõi, có trách nhiệm ...' is Sở X)."""
    data = parse_json(DATA / "docs" / "assigned-units-named.txt", "--no-resolve")
    got = [(t["path"], [u["name"] for u in t["lead"]]) for t in data["tasks"]]
    assert got == [
        ("III.1", ["Các đơn vị được phân công chủ trì trồng cây theo Kế hoạch này"]),
        ("IV.1", ["Các cơ quan, đơn vị được giao chủ trì"]),
        ("IV.2", ["Sở Nông nghiệp và Môi trường"]),
    ], got


def test_a_regulation_attached_under_the_signature_is_read():
    """A decision issues a 'QUY CHẾ' titled under its signature: its articles are body, not the
    closing (the signer stays the one who signed), and its duties are read as tasks."""
    data = parse_json(DATA / "docs" / "decision-regulation-duties.txt", "--no-resolve")
    assert data["directive"]["signer"] == "Lê Thị Mai"
    texts = [t["text"] for t in data["tasks"]]
    assert any(t.startswith("Lập danh sách các chợ đêm") for t in texts), texts
    assert any(t.startswith("Thu gom rác thải") for t in texts), texts


def test_an_article_titled_by_the_unit_that_leads_its_duties():
    """'Điều 3. Nội dung Sở Công Thương có trách nhiệm chủ trì' over numbered duties: the unit
    between 'Nội dung' and 'có trách nhiệm chủ trì' leads each of them."""
    data = parse_json(DATA / "docs" / "decision-regulation-duties.txt", "--no-resolve")
    got = {t["text"][:20]: [u["name"] for u in t["lead"]] for t in data["tasks"]}
    assert got["Lập danh sách các ch"] == ["Sở Công Thương"], got
    assert got["Xử lý hành vi buôn b"] == ["Công an tỉnh"], got
    assert got["Thu gom rác thải sau"] == ["Ủy ban nhân dân cấp xã"], got


def test_a_regulations_general_provisions_and_chapter_titles_are_no_tasks():
    """Chương I of a regulation (scope, principles of coordination) and the chapter headings
    ('Chương II' / 'NỘI DUNG PHỐI HỢP') give no one work: only the duties of Điều 3-5 are tasks."""
    data = parse_json(DATA / "docs" / "decision-regulation-duties.txt", "--no-resolve")
    assert [t["path"] for t in data["tasks"]] == ["Điều 3.1", "Điều 3.2", "Điều 4.1", "Điều 4.2", "Điều 5.1", "Điều 5.2"]
    assert not any("Chương" in t["text"] for t in data["tasks"])


def test_a_decisions_effect_and_execution_clauses_in_other_words_are_no_tasks():
    """'Quyết định có hiệu lực kể từ ngày ký' (without 'này') and '... căn cứ quyết định thi
    hành./.' close a decision: no task."""
    data = parse_json(DATA / "docs" / "decision-unlisted-closing.md", "--no-resolve")
    texts = [t["text"] for t in data["tasks"]]
    assert not any("hiệu lực" in t or "thi hành" in t for t in texts), texts


def test_a_signature_without_a_recipients_list_closes_the_body():
    """A web copy that ends with the signature table and no 'Nơi nhận' list: 'TM. ỦY BAN NHÂN
    DÂN / KT. CHỦ TỊCH / ... / name' is the signature (its signer read), not a task."""
    data = parse_json(DATA / "docs" / "decision-unlisted-closing.md", "--no-resolve")
    assert data["directive"]["signer"] == "Đỗ Văn Long"
    assert [t["path"] for t in data["tasks"]] == ["Điều 1", "Điều 2"]


def test_an_article_approving_a_plan_describes_it():
    """'Điều 1. Phê duyệt Kế hoạch X, với các nội dung sau:' is no task; its lines naming a body in
    a role ('Cơ quan thẩm định: Sở Xây dựng.'), a fact ('Nguồn vốn: ...') and the time are no tasks
    nor fields of one; its items giving a unit work are tasks led by that unit."""
    data = parse_json(DATA / "docs" / "decision-approves-plan.txt", "--no-resolve")
    got = [(t["path"], [u["name"] for u in t["lead"]], [u["name"] for u in t["support"]]) for t in data["tasks"]]
    town = ["Ủy ban nhân dân thị xã Đông Lâm"]
    assert got == [("Điều 1.4.-1", town, []), ("Điều 1.5", town, []), ("Điều 2", town, ["Sở Xây dựng"])], got
