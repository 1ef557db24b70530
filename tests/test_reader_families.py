"""Reader families of issue 11 (this step), each on a document written in our own words."""
from __future__ import annotations

from pathlib import Path

from conftest import DATA, parse_json


def _canvas(path: Path):
    """A reportlab canvas with a regular and a bold font that write Vietnamese."""
    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    base = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf"
    for name, file in (("PlainR", "DejaVuSerif.ttf"), ("PlainR-Bold", "DejaVuSerif-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(base / file)))
    return canvas.Canvas(str(path))


def _pdf(path: Path, lines: list[tuple[float, str, bool]]) -> Path:
    """A one-page PDF: (x, text, bold) per line, 16 points apart."""
    c = _canvas(path)
    y = 780.0
    for x, text, bold in lines:
        c.setFont("PlainR-Bold" if bold else "PlainR", 12)
        c.drawString(x, y, text)
        y -= 16
    c.save()
    return path


def test_pdf_subject_wrapped_at_a_names_dash_is_no_item(tmp_path: Path):
    """A long bold subject under the title wraps before '– Nam Sơn' (a dash inside a road's
    name): that line ends the subject; it must not open a '-' level over the whole body, which
    would pull the '- ' lines out from under their unit headings ('b) Sở Xây dựng:')."""
    m = 60
    pdf = _pdf(tmp_path / "subject.pdf", [
        (250, "THÔNG BÁO", True),
        (90, "Kết luận của Phó Chủ tịch UBND tỉnh tại buổi kiểm tra tiến độ", True),
        (90, "thi công tuyến đường nối hai huyện và tuyến Bắc Sơn", True),
        (250, "– Nam Sơn", True),
        (m + 30, "Ngày 10/3/2026, Phó Chủ tịch UBND tỉnh đã kiểm tra hiện trường hai tuyến", False),
        (m, "đường; sau khi nghe các đơn vị báo cáo, Phó Chủ tịch kết luận như sau:", False),
        (m + 30, "a) Sở Giao thông vận tải:", False),
        (m + 30, "- Rà soát hồ sơ thiết kế các gói thầu, báo cáo UBND tỉnh trước ngày 30/4/2026.", False),
        (m + 30, "- Đôn đốc nhà thầu bố trí thêm máy móc và nhân lực tại các mũi thi công.", False),
        (m + 30, "b) Sở Xây dựng:", False),
        (m + 30, "- Kiểm tra chất lượng vật liệu đưa vào công trình của hai tuyến đường.", False),
        (m + 30, "- Hướng dẫn nhà thầu xử lý đất thải đúng nơi quy định trong tháng 4/2026.", False),
    ])
    data = parse_json(pdf)
    leads = {t["text"][:25]: [u["name"] for u in t["lead"]] for t in data["tasks"]}
    assert len(data["tasks"]) == 4, leads
    assert all(v == ["Sở Giao thông vận tải"] for k, v in leads.items() if k.startswith(("Rà soát", "Đôn đốc"))), leads
    assert all(v == ["Sở Xây dựng"] for k, v in leads.items() if k.startswith(("Kiểm tra", "Hướng dẫn"))), leads
    assert "Nam Sơn" in data["directive"]["subject"]


def test_decision_setting_up_a_body_gives_it_the_tasks_under_its_powers():
    """A decision founding a working group: what the group is ('Chức năng ...') and how it sits
    ('Chế độ làm việc ...') are no tasks; the items under 'Nhiệm vụ và quyền hạn của Tổ công tác'
    are its tasks, led by the group under the full name the decision gave it before shortening it."""
    from conftest import DATA

    data = parse_json(DATA / "docs" / "decision-working-group.txt")
    tasks = data["tasks"]
    assert [t["path"] for t in tasks] == ["Điều 3.1", "Điều 3.2", "Điều 3.3"], [t["text"][:40] for t in tasks]
    assert all([u["name"] for u in t["lead"]] == ["Tổ công tác số hóa hồ sơ đất đai huyện Tây Hà"] for t in tasks), tasks


def test_short_names_a_document_defines():
    from tracker.extract.short_names import short_names

    text = ("Thành lập Hội đồng thẩm định giá đất huyện Đông Lâm (sau đây gọi tắt là Hội đồng), gồm: ... "
            "được giao theo đề nghị của Ủy ban nhân dân huyện (sau đây viết tắt là UBND).")
    assert short_names(text) == {"hoi dong": "Hội đồng thẩm định giá đất huyện Đông Lâm"}
    assert short_names("Ban Quản lý dự án khu vực (gọi tắt là Ban) chủ trì.") == {"ban": "Ban Quản lý dự án khu vực"}
    assert short_names("Không có tên viết tắt nào ở đây.") == {}


def test_headings_naming_a_body_whose_powers_follow():
    from tracker.extract.roles import is_skipped_section, opening

    assert opening("Nhiệm vụ và quyền hạn của Hội đồng").units == ["Hội đồng"]
    assert opening("Nhiệm vụ, quyền hạn của Ban Chỉ đạo").units == ["Ban Chỉ đạo"]
    assert is_skipped_section("Chức năng của Hội đồng")
    assert is_skipped_section("Chế độ làm việc của Ban Chỉ đạo")
    assert not is_skipped_section("Chức năng, nhiệm vụ của Ban Chỉ đạo")
    assert not is_skipped_section("Chủ trì xây dựng chức năng của hệ thống một cửa")


def test_items_that_state_a_rule_or_a_fact_are_unsure_tasks():
    """Items of a task list that give no one work: '... dự kiến tổ chức hội nghị vào ngày ...' is marked
    unsure; '... phải do Chủ tịch ký' and 'Nghiêm cấm ...' state a rule and are no tasks (outline.toml
    [statements]); the work beside them is sure."""
    from conftest import DATA

    data = parse_json(DATA / "docs" / "statements-in-items.txt")
    sure = {t["path"]: t["confidence"]["task"] >= 0.6 for t in data["tasks"]}
    assert sure == {"I.1": True, "I.2": True, "I.3": False}, sure


def test_decision_on_a_centre_its_introducing_sentence_gives_the_lead():
    """A text copy that puts 'Điều 2.' and its title on separate lines: what the centre is
    ('Vị trí và chức năng') and how it is built ('Cơ cấu tổ chức') are no tasks; 'Trung tâm X thực
    hiện nhiệm vụ, quyền hạn ... như sau:' makes the centre the lead of the items after it."""
    from conftest import DATA

    data = parse_json(DATA / "docs" / "decision-centre-powers.txt")
    tasks = data["tasks"]
    assert [t["path"] for t in tasks] == ["Điều 2.1", "Điều 2.2", "Điều 2.3"], [t["text"][:40] for t in tasks]
    assert all([u["name"] for u in t["lead"]] == ["Trung tâm Bảo tồn Thành cổ Bắc Lam"] for t in tasks), tasks


def test_units_that_take_on_the_work_listed():
    from tracker.extract.roles import opening, work_taker

    assert work_taker(opening("Các sở, ngành triển khai các nội dung sau:")) == ["Các sở, ngành"]
    assert work_taker(opening("Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:")) == []
    assert work_taker(opening("UBND huyện yêu cầu thực hiện các nội dung sau:")) == []


def test_pdf_running_text_inside_ruled_boxes_is_read_as_text(tmp_path: Path):
    """A signed PDF whose body sits in ruled frames: pdfplumber finds 'tables' whose rows hold one
    cell of text each. They are running text: the items in them are tasks with their units."""
    lines = [
        "1. Sở Nội vụ rà soát hồ sơ cán bộ các xã, báo cáo UBND huyện trước ngày 15/5/2026.",
        "2. Sở Tài chính bố trí kinh phí số hóa hồ sơ cho các xã trong quý II/2026.",
        "3. Công an huyện kiểm tra việc bảo mật dữ liệu tại các xã trong tháng 6/2026.",
        "4. UBND các xã cập nhật dữ liệu dân cư vào hệ thống trước ngày 30/6/2026.",
    ]
    pdf = tmp_path / "framed.pdf"
    c = _canvas(pdf)
    c.setFont("PlainR", 12)
    c.drawString(250, 790, "THÔNG BÁO")
    c.drawString(150, 774, "Kết luận về số hóa hồ sơ cán bộ cấp xã")
    top, left, right = 740.0, 50.0, 560.0
    c.line(left, top, right, top)
    y = top
    for text in lines:
        c.drawString(left + 6, y - 14, text)
        y -= 22
        c.line(left, y, right, y)  # a rule under each line: the frame pdfplumber reads as rows
    c.line(left, top, left, y)
    c.line(right, top, right, y)
    c.save()
    data = parse_json(pdf)
    leads = [[u["name"] for u in t["lead"]] for t in data["tasks"]]
    assert leads == [["Sở Nội vụ"], ["Sở Tài chính"], ["Công an huyện"], ["UBND các xã"]], data["tasks"]
    assert data["tasks"][0]["deadline"]["date"] == "2026-05-15"


def test_conclusion_topic_labels_then_who_does_it():
    """A conclusion notice whose points open with a topic and a colon, then the unit that is to
    do it: that unit leads, also when the bold topic wraps onto a second line; a point that
    numbers its parts inline ('(1) Sở A ...; (2) Sở B chủ trì ...') is one task per part, each
    with its own roles (eval README: the lowest enumerated item is the task)."""
    from conftest import DATA

    data = parse_json(DATA / "docs" / "conclusion-topic-labels.md", "--no-resolve")
    leads = {t["path"]: [u["name"] for u in t["lead"]] for t in data["tasks"]}
    assert leads == {"1": ["Ủy ban nhân dân huyện Đông Lâm"], "2": ["Sở Nội vụ"], "3(1)": ["Sở Khoa học và Công nghệ"],
                     "3(2)": ["Sở Tài chính"]}, leads
    assert [u["name"] for u in data["tasks"][-1]["support"]] == ["Sở Khoa học và Công nghệ"]


def test_subject_after_a_topic_label():
    from tracker.extract.roles import subject_after_label

    assert subject_after_label("Về việc hỗ trợ xe cứu thương: Ủy ban nhân dân tỉnh bố trí xe") == ["Ủy ban nhân dân tỉnh"]
    assert subject_after_label("Hoàn thiện thể chế: (1) Các bộ khẩn trương trình Chính phủ") == ["Các bộ"]
    assert subject_after_label("Rà soát các văn bản sau: Luật Đất đai; Luật Xây dựng") == []
    assert subject_after_label("Ủy ban nhân dân tỉnh chỉ đạo. Sở Y tế: tổ chức khám") == []


def test_staff_heading_with_a_long_list_of_fields():
    """A commune plan's heading naming a post and the many fields it is in charge of ('Các Phó
    Chủ tịch phụ trách lĩnh vực Dân vận, Tôn giáo, ... và các Hội quần chúng') names who leads
    the items under it, however long the list of fields; it is no task itself."""
    from conftest import DATA
    from tracker.extract.unit_phrases import staff_heading

    data = parse_json(DATA / "docs" / "commune-staff-long-fields.txt", "--no-resolve")
    leads = {t["path"]: [u["name"] for u in t["lead"]] for t in data["tasks"]}
    post = "Các Phó Chủ tịch phụ trách lĩnh vực Dân vận, Tôn giáo, Người cao tuổi và các Hội quần chúng"
    assert leads == {"I.1.-1": ["Phó Chủ tịch phụ trách lĩnh vực Tuyên truyền"],
                     "I.1.-2": ["Phó Chủ tịch phụ trách lĩnh vực Tuyên truyền"],
                     "I.2.-1": [post], "I.2.-2": [post]}, leads
    # a sentence is still no heading, however it opens
    assert staff_heading("Cán bộ văn hóa xã tổ chức tuyên truyền rộng rãi đến từng thôn, bản về các nội dung của kế hoạch này") is None


def test_rules_for_a_kind_of_case_are_unsure_tasks():
    """Under a unit's heading, 'Đối với X thì ...' and 'Trường hợp X thì ...' state what applies
    to a kind of case, as often a standing rule as work: unsure. 'Đối với X, <work>' is work for a
    part of the whole and stays sure, as does the plain instruction beside them."""
    from conftest import DATA

    data = parse_json(DATA / "docs" / "case-rules-in-items.txt", "--no-resolve")
    sure = {t["path"]: t["confidence"]["task"] >= 0.6 for t in data["tasks"]}
    assert sure == {"I.1.a": True, "I.1.b": False, "I.1.c": False, "I.1.d": True}, sure


def test_a_topic_labels_subject_that_reports_leads_nothing():
    from tracker.extract.roles import subject_after_label

    assert subject_after_label("Về giải ngân: Ủy ban nhân dân tỉnh đã giải ngân 80% kế hoạch vốn") == []
    assert subject_after_label("Về giải ngân: Ủy ban nhân dân tỉnh khẩn trương giải ngân vốn") == ["Ủy ban nhân dân tỉnh"]


def test_a_communes_villages_and_their_heads_are_units():
    """Commune plans hand work to villages and their heads: 'phối hợp với Trưởng thôn', 'các thôn,
    tổ dân phố', 'các chi hội' are supports; 'Bản kế hoạch' is no unit."""
    from conftest import DATA
    from tracker.extract.unit_phrases import units_at

    data = parse_json(DATA / "docs" / "commune-village-units.txt", "--no-resolve")
    support = {t["path"]: [u["name"] for u in t["support"]] for t in data["tasks"]}
    assert support == {"I.1.-1": ["Trưởng thôn"], "I.1.-2": ["các chi hội"], "I.2": ["các thôn", "tổ dân phố"]}, support
    assert units_at("Bản kế hoạch này gửi các đơn vị", 0)[0] == []


def test_a_publications_or_resolutions_rhythm_is_not_the_tasks():
    """'chương trình thời sự hằng ngày', 'Nghị quyết hằng năm của HĐND' say how often the programme
    airs or the resolution is passed, not how often the task recurs; 'hằng quý tổng hợp' does."""
    from conftest import DATA

    data = parse_json(DATA / "docs" / "recurring-attributes.txt", "--no-resolve")
    kinds = {t["path"]: (t["deadline"] or {}).get("cycle") for t in data["tasks"]}
    assert kinds == {"I.1": None, "I.2": None, "I.3": "quarterly"}, kinds


def test_performers_block_gives_the_tasks_above_it_their_units_and_time():
    """A labelled-field plan: 'a) Nhiệm vụ: ...' (or its '- ' lines), then 'b) Cơ quan thực hiện:'
    over '- Đơn vị chủ trì: X' / '- Đơn vị phối hợp: Y', then 'c) Thời gian thực hiện: ...': the
    tasks of a) have X as lead, Y as support and c)'s time; b) and c) are no tasks."""
    from conftest import DATA

    data = parse_json(DATA / "docs" / "plan-performers-blocks.md", "--no-resolve")
    got = {t["path"]: ([u["name"] for u in t["lead"]], [u["name"] for u in t["support"]], (t["deadline"] or {}).get("date"))
           for t in data["tasks"]}
    assert got == {
        "II.1.a": (["Sở Khoa học và Công nghệ"], ["Ủy ban nhân dân các xã"], "2026-09-30"),
        "II.2.a.-1": (["Sở Tài chính"], ["Văn phòng Ủy ban nhân dân tỉnh"], "2026-12-31"),
        "II.2.a.-2": (["Sở Tài chính"], ["Văn phòng Ủy ban nhân dân tỉnh"], "2026-12-31"),
    }, got


def test_a_collective_name_keeps_its_capitalised_level():
    """'Các Sở, ban, ngành Thành phố', 'các bộ, ngành Trung ương': the level after a collective name
    is part of it, whichever way it is capitalised; 'Bộ Tư pháp, Bộ Công an' are still two."""
    from tracker.extract.unit_phrases import split_units, units_at

    assert split_units("Các Sở, ban, ngành Thành phố") == ["Các Sở, ban, ngành Thành phố"]
    assert split_units("Các bộ, ngành Trung ương") == ["Các bộ, ngành Trung ương"]
    assert split_units("Bộ Tư pháp, Bộ Công an") == ["Bộ Tư pháp", "Bộ Công an"]
    assert [u.text for u in units_at("Các Sở, ban, ngành Thành phố tổ chức thực hiện", 0)[0]] == ["Các Sở, ban, ngành Thành phố"]


def test_a_list_of_ministries_and_other_bodies_after_a_colon():
    """'Các Bộ, cơ quan: Tài chính, Ngoại giao, Tập đoàn X ...': each ministry named with its head
    put back, the body with its own head kept whole; 'Ngoại giao, Tập đoàn X' is no 'giao X'."""
    from tracker.extract.roles import Roles, roles_of
    from tracker.extract.unit_phrases import units_at

    text = ("Các Bộ, cơ quan: Tài chính, Xây dựng, Giáo dục và Đào tạo, Ngoại giao, Tập đoàn Điện lực Việt Nam "
            "theo chức năng, nhiệm vụ được giao khẩn trương rà soát các kiến nghị của tỉnh")
    names = ["Bộ Tài chính", "Bộ Xây dựng", "Bộ Giáo dục và Đào tạo", "Bộ Ngoại giao", "Tập đoàn Điện lực Việt Nam"]
    assert [u.text for u in units_at(text, 0)[0]] == names
    assert roles_of(text, Roles()).lead == names
    assert roles_of("Giao Sở Giao thông vận tải chủ trì rà soát", Roles()).lead == ["Sở Giao thông vận tải"]


def test_a_bare_label_whose_title_wraps_to_the_next_line():
    """A web copy with hard-wrapped lines: '**I.' / 'MỤC ĐÍCH**' and '**1.' / 'Sở Tài chính:**'.
    The bare label takes the title on the next line (also a bold one over 80 characters), so the
    'II.' section nests its unit headings and their '-' items take the heading's units as lead."""
    from tracker.structure.outline import enumerator

    assert enumerator("IV.")[:2] == ("roman", "IV") and enumerator("3.")[:2] == ("number", "3")
    assert enumerator("2026.") is None and enumerator("1.000 hộ dân") is None

    data = parse_json(DATA / "docs" / "bare-labels-wrapped.md", "--no-resolve")
    got = [(t["path"], t["text"][:24], [u["name"] for u in t["lead"]]) for t in data["tasks"]]
    assert got == [
        ("II.1.-1", "Cân đối nguồn dự phòng n", ["Sở Tài chính"]),
        ("II.1.-2", "Hướng dẫn các xã quyết t", ["Sở Tài chính"]),
        ("II.2.-1", "Khảo sát, khoanh vùng ng", ["Sở Nông nghiệp và Môi trường", "Hạt Kiểm lâm Sông Lam",
                                              "Trung tâm Khuyến nông tỉnh", "Ủy ban nhân dân các xã vùng cao"]),
        ("II.3.-1", "Bố trí chỗ ở tạm cho các", ["Ủy ban nhân dân các xã"]),
    ], got
    assert data["tasks"][0]["text"].endswith("các hộ phải di dời khẩn cấp.")


def _wrapped_bold():
    data = parse_json(DATA / "docs" / "wrapped-bold-headings.md", "--no-resolve")
    return {t["path"]: ([u["name"] for u in t["lead"]], [u["name"] for u in t["support"]]) for t in data["tasks"]}


def test_a_bold_heading_wrapped_onto_the_next_line_goes_on():
    """'**3. Sở Văn hóa, Thể thao và' / 'Du lịch: **Phối hợp ...': the second line is not all bold, yet a
    line after 'và' (or one opening in lower case mid-sentence) goes on with the heading it wraps."""
    from tracker.structure.outline import _goes_on

    assert _goes_on("3. Sở Văn hóa, Thể thao và", "Du lịch: Phối hợp")
    assert _goes_on("2. Đề nghị các sở: Tuyên", "truyền, vận động ...")
    assert not _goes_on("1. Sở Tài chính:", "Bố trí kinh phí.") and not _goes_on("II. NHIỆM VỤ", "Các sở ...")
    got = _wrapped_bold()
    assert got["I.3"] == (["Sở Văn hóa, Thể thao và Du lịch"], ["Đài Phát thanh và Truyền hình tỉnh"]), got
    assert got["I.4"] == (["Sở Nông nghiệp và Môi trường"], []), got


def test_party_committees_and_a_collective_that_ends_in_businesses():
    """'các cấp ủy Đảng' is a unit (the Party committees of every level), so 'Đề nghị các cấp ủy
    Đảng, Mặt trận ...:' names three leads; 'doanh nghiệp' after a comma goes on with the collective
    'Các cơ quan, đơn vị, địa phương, doanh nghiệp'."""
    got = _wrapped_bold()
    assert got["I.1"] == (["Các cơ quan, đơn vị, địa phương, doanh nghiệp"], []), got
    assert got["I.2"] == (["các cấp ủy Đảng", "Mặt trận Tổ quốc Việt Nam tỉnh",
                           "các tổ chức chính trị - xã hội tỉnh"], []), got


def test_an_emulation_campaigns_content_criteria_and_awards_are_no_tasks():
    """An emulation plan: 'II. NỘI DUNG THI ĐUA' (theme, what units compete on) and 'III. TIÊU CHÍ
    THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG' say what is judged and awarded; only 'IV. TỔ CHỨC THỰC HIỆN'
    gives work."""
    data = parse_json(DATA / "docs" / "emulation-plan.txt", "--no-resolve")
    assert [(t["path"], [u["name"] for u in t["lead"]]) for t in data["tasks"]] == [
        ("IV.1", ["Các sở, ban, ngành", "Ủy ban nhân dân các xã, phường"]),
        ("IV.2", ["Sở Nội vụ"]),
    ]
