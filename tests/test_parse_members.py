"""Lists of people, not work (issue 11): a decision founding a body lists its members, a
meeting notice its attendees, time and place. None of those lines is a task; the work
around them still is. Documents in our own words (tests/data/docs), parsed end to end.
Also a PDF whose accented letters sit in a font of their own: its words stay whole."""
from __future__ import annotations

from pathlib import Path

from conftest import DATA, parse_json
from test_parse_variants import summary

from tracker.structure.outline import is_meeting_fact, is_procedure, opens_member_list


def test_decision_founding_a_body_lists_members_then_its_work():
    """'Điều 1. Thành lập Tổ công tác ..., gồm các thành viên sau:' and its people (with
    'Các thành viên Tổ công tác:' nested) are no tasks; Điều 2's khoản are."""
    data = parse_json(DATA / "docs" / "decision-members.txt")
    assert [(path, deadline) for path, _, _, deadline in summary(data)] == [
        ("Điều 2.1", None),
        ("Điều 2.2", ("date", "2026-06-30")),
    ]


def test_meeting_invitation_attendees_time_and_place_are_no_tasks():
    """'I. Thời gian: ...', 'II. Địa điểm: ...' and the items after 'Thành phần:' are the
    meeting's facts; the items after 'Đề nghị các đơn vị:' are the work."""
    data = parse_json(DATA / "docs" / "meeting-invitation.txt")
    assert summary(data) == [
        ("IV.1", ["Cục Thủy lợi"], [], ("date", "2026-04-18")),
        ("IV.2", ["Ủy ban nhân dân các tỉnh"], [], None),
        ("IV.3", ["Văn phòng Bộ"], [], None),
    ]


def test_member_list_openers():
    assert opens_member_list("Thành phần:")
    assert opens_member_list("THÀNH PHẦN HỘI NGHỊ")
    assert opens_member_list("Thành lập Ban Chỉ đạo phòng chống thiên tai xã, gồm các thành viên sau:")
    assert opens_member_list("Thành lập Tổ kiểm tra liên ngành, gồm:")
    assert opens_member_list("Các Ủy viên Hội đồng:")
    # a task that lists things, and a sentence that only starts like a heading
    assert not opens_member_list("Xây dựng cơ sở dữ liệu dân cư, gồm các nội dung sau:")
    assert not opens_member_list("Thành phần tham dự đăng ký với Văn phòng trước ngày 10/5.")
    assert not opens_member_list("Sở Nội vụ tổng hợp danh sách thành viên, gửi UBND tỉnh.")


def test_meeting_facts():
    assert is_meeting_fact("Địa điểm: Hội trường UBND xã")
    assert is_meeting_fact("Thời gian họp: 14 giờ ngày 05/6/2026")
    assert not is_meeting_fact("Thời gian tới, các xã tập trung rà soát hồ sơ.")


def test_pdf_letters_in_a_second_font_stay_in_their_word(tmp_path: Path):
    """Word exports put some accented letters in a font subset of their own: the letters
    touch, so they are one word ("Thủ tướng", not "Th ủ t ướ ng")."""
    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    base = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf"
    for name, file in (("PlainA", "DejaVuSerif.ttf"), ("AccentB", "DejaVuSans.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(base / file)))
    lines = [
        "CÔNG VĂN",
        "Về việc báo cáo kết quả số hóa hồ sơ",
        "Kính gửi: Sở Nội vụ.",
        "1. Sở Nội vụ tổng hợp kết quả, báo cáo Thủ tướng trước ngày 15/6/2026.",
    ]
    pdf = tmp_path / "letters.pdf"
    c = canvas.Canvas(str(pdf))
    y = 780.0
    for line in lines:
        t = c.beginText(60, y)
        for ch in line:  # every accented letter in the second font, as those exports do
            t.setFont("AccentB" if ord(ch) > 0x7F else "PlainA", 12)
            t.textOut(ch)
        c.drawText(t)
        y -= 20
    c.save()
    data = parse_json(pdf)
    texts = [t["text"] for t in data["tasks"]]
    assert texts and "báo cáo Thủ tướng trước ngày 15/6/2026" in texts[0], texts
    assert data["tasks"][0]["deadline"]["date"] == "2026-06-15"


def test_meeting_plan_procedure_and_its_rules_are_no_tasks():
    """'NỘI DUNG, TRÌNH TỰ HỘI NGHỊ' (who speaks when, and the 'Quy định về ...' it follows)
    and 'THỜI GIAN, ĐỊA ĐIỂM TỔ CHỨC' describe the meeting; 'TỔ CHỨC THỰC HIỆN' holds the work."""
    data = parse_json(DATA / "docs" / "meeting-plan-procedure.txt")
    assert summary(data) == [
        ("IV.1", ["Phòng Kinh tế phường"], [], ("date", "2026-08-15")),
        ("IV.2", ["Văn phòng HĐND và UBND phường"], [], None),
        ("IV.3", ["Công an phường"], [], None),
    ]


def test_procedure_headings():
    assert is_procedure("NỘI DUNG, PHƯƠNG THỨC TỔ CHỨC")
    assert is_procedure("Trình tự tổ chức hội nghị cử tri")
    assert is_procedure("THỜI GIAN, ĐỊA ĐIỂM TỔ CHỨC TRIỂN KHAI")
    assert is_procedure("Quy định về hình thức biểu quyết")
    assert not is_procedure("NỘI DUNG CÔNG VIỆC")
    assert not is_procedure("THỜI GIAN THỰC HIỆN")
    assert not is_procedure("Trình tự thủ tục hành chính được rút ngắn còn 05 ngày.")


def test_pdf_dash_of_a_name_wrapped_to_the_line_start(tmp_path: Path):
    """'... cao tốc Bắc Sơn' / '– Nam Sơn, ...': a dash inside a name that the line wrap put at
    the left edge (items here are indented) continues the sentence; an indented '- ' is an item."""
    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    base = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf"
    if "PlainA" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("PlainA", str(base / "DejaVuSerif.ttf")))
    margin, indent = 60, 96
    lines = [
        (margin, "THÔNG BÁO"),
        (margin, "Kết luận về tiến độ tuyến đường"),
        (indent, "1. Sở Giao thông vận tải rà soát hồ sơ giải phóng mặt bằng và hồ sơ"),
        (margin, "thiết kế của các gói thầu thuộc dự án đường nối hai tỉnh, tuyến Bắc Sơn"),
        (margin, "– Nam Sơn, báo cáo UBND tỉnh trước ngày 30/6/2026."),
        (indent, "2. Sở Xây dựng kiểm tra các mũi thi công của dự án và đôn đốc nhà thầu"),
        (margin, "bố trí đủ nhân lực, máy móc tại công trường như sau:"),
        (indent, "- Kiểm tra mũi thi công phía bắc trong tháng 6/2026;"),
        (indent, "- Kiểm tra mũi thi công phía nam trong tháng 7/2026."),
    ]
    pdf = tmp_path / "wrapped.pdf"
    c = canvas.Canvas(str(pdf))
    y = 780.0
    for x, text in lines:
        c.setFont("PlainA", 12)
        c.drawString(x, y, text)
        y -= 16
    c.save()
    data = parse_json(pdf)
    texts = [t["text"] for t in data["tasks"]]
    assert any("tuyến Bắc Sơn – Nam Sơn, báo cáo UBND tỉnh" in t for t in texts), texts
    assert data["tasks"][0]["deadline"]["date"] == "2026-06-30"
