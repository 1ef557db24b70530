"""Shapes of real directives' bodies (issue 11, "What is a task"), each on a document written in
our own words: where the task list stands and how it is numbered."""
from __future__ import annotations

from pathlib import Path

from conftest import DATA

from tracker.model import Document, Line
from tracker.parse import parse_document
from tracker.structure.sections import split_sections


def _laid_out(text: str) -> Document:
    """A text as a PDF reader lays it out: the header's two columns and the signature block tagged
    by position on page 1, the document after the signature on page 2 (a page break before it)."""
    doc = Document(path="x.pdf", format="pdf")
    page, top, region = 1, 0.0, "header-left"
    closing = False
    for raw in text.splitlines():
        t = raw.strip()
        if not t or t.startswith("---"):
            continue
        top += 15
        if region.startswith("header") and t in ("QUYẾT ĐỊNH", "KẾ HOẠCH"):
            region = "body"
        elif region.startswith("header"):
            region = "header-right" if ("CỘNG HÒA" in t or "Độc lập" in t or ", ngày" in t) else "header-left"
        if t.startswith("Nơi nhận"):
            closing, region = True, "closing-left"
        elif closing and t.isupper() and region == "closing-left" and not t.startswith("-"):
            region = "closing-right"
        elif closing and region == "closing-right" and t in ("KẾ HOẠCH", "QUYẾT ĐỊNH"):
            closing, region, page, top = False, "body", 2, 15.0
        doc.blocks.append(Line(t, page=page, region=region, top=top))
    doc.pages = page
    return doc


def test_plan_attached_after_a_tagged_signature_is_body():
    """A PDF or Word decision of a steering committee issuing its plan: the decision's three articles
    and signature block on page 1, the plan ("KẾ HOẠCH" and its subject) from page 2. The plan's
    items are the tasks, as in a text copy; they are no appendix text, which is never read."""
    doc = _laid_out((DATA / "docs" / "decision-issues-plan.txt").read_text(encoding="utf-8"))
    s = split_sections(doc)
    assert [l.text for l in s.attached][:2] == ["KẾ HOẠCH", "Hoạt động năm 2026 của Ban Chỉ đạo phát triển kinh tế số tỉnh"]
    assert not any(l.text.startswith("II. NHIỆM VỤ") for l in s.appendix if isinstance(l, Line))
    draft = parse_document(doc)
    texts = [t.text for t in draft.tasks]
    assert len(texts) == 9, texts
    assert texts[0].startswith("Xây dựng Nghị quyết") and texts[4].startswith("Tổ chức 10 lớp")
    assert [u.name for u in draft.tasks[6].lead] == ["Sở Khoa học và Công nghệ"]


def test_plan_after_its_decision_in_a_text_copy():
    from conftest import parse_json

    data = parse_json(DATA / "docs" / "decision-issues-plan.txt")
    assert len(data["tasks"]) == 9, [t["text"][:40] for t in data["tasks"]]


def test_issuer_name_wrapped_before_its_place():
    """"BAN CHỈ ĐẠO PHÁT TRIỂN KINH" / "TẾ SỐ TỈNH BẮC LAM": the header column wrapped the name; the
    second line opens no body of its own, so it ends the first, not a new issuer."""
    doc = _laid_out((DATA / "docs" / "decision-issues-plan.txt").read_text(encoding="utf-8"))
    doc.blocks[0:1] = [Line("BAN CHỈ ĐẠO PHÁT TRIỂN KINH", region="header-left", top=1.0),
                       Line("TẾ SỐ TỈNH BẮC LAM", region="header-left", top=2.0)]
    draft = parse_document(doc)
    assert draft.header.issuer == "Ban Chỉ đạo phát triển kinh tế số tỉnh Bắc Lam"
    assert draft.header.level == "province"


def test_appendix_list_makes_the_body_solutions_no_tasks():
    """A plan whose appendix table lists the tasks with their units: the body's "II. NHIỆM VỤ, GIẢI
    PHÁP" items name no unit (the rows give them out; some the rows restate, some they regroup), so
    they are no tasks; the items of "III. TỔ CHỨC THỰC HIỆN", which name their units, still are."""
    from conftest import parse_json

    data = parse_json(DATA / "docs" / "plan-appendix-list.md")
    paths = [t["path"] for t in data["tasks"]]
    assert paths == ["III.1", "III.2", "III.3", "PL.1", "PL.2", "PL.3", "PL.4"], [t["text"][:40] for t in data["tasks"]]


def test_unled_items_stay_in_a_part_the_appendix_does_not_restate():
    """Only the part whose items the rows restate is the appendix's summary: an unled item of
    another part stays a task (its lead may come from the recipients or a sibling)."""
    from tracker.extract.tasks import drop_restated
    from tracker.model import Task, UnitRef

    rows = [Task(text=f"Tổ chức hội nghị tập huấn chuyên đề số {i} cho các hợp tác xã", path=f"PL.{i}",
                 lead=[UnitRef("Sở Công Thương")]) for i in range(1, 4)]
    body = [Task(text="Tổ chức hội nghị tập huấn chuyên đề số 1 cho các hợp tác xã", path="II.1.a"),
            Task(text="Đẩy mạnh truyền thông về bán hàng trực tuyến", path="II.1.b"),
            Task(text="Quan tâm bố trí đủ kinh phí cho công tác này", path="IV.2.b")]
    assert [t.path for t in drop_restated(body, rows)] == ["IV.2.b"]


def test_attached_plan_titled_with_more_than_its_kind(tmp_path: Path):
    """"KẾ HOẠCH HÀNH ĐỘNG", "CHƯƠNG TRÌNH HÀNH ĐỘNG" under a signature (plain, or a web copy's
    signature row): the title of the plan the decision issues, whose items are the tasks. A line
    in sentence case that opens with the same words is no title."""
    from conftest import parse_json

    text = (DATA / "docs" / "decision-issues-plan.txt").read_text(encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text(text.replace("\nKẾ HOẠCH\n", "\nKẾ HOẠCH HÀNH ĐỘNG\n"), encoding="utf-8")
    web = tmp_path / "web.md"
    web.write_text(text.replace("\nKẾ HOẠCH\n", "\n**CHƯƠNG TRÌNH HÀNH ĐỘNG**\n\n").replace(
        "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT, SKHCN.\n\nTRƯỞNG BAN\nCHỦ TỊCH UBND TỈNH\nLê Văn Phong",
        "| **Nơi nhận:** - Như Điều 3; - Lưu: VT, SKHCN. | **TRƯỞNG BAN** **CHỦ TỊCH UBND TỈNH** **Lê Văn Phong** |\n|---|---|"),
        encoding="utf-8")
    for path in (plain, web):
        data = parse_json(path)
        assert len(data["tasks"]) == 9, (path.name, [t["text"][:40] for t in data["tasks"]])
        assert data["directive"]["signer"] == "Lê Văn Phong"
    from tracker.structure.sections import _attached_title, patterns

    assert _attached_title("KẾ HOẠCH HÀNH ĐỘNG", patterns())
    assert not _attached_title("Kế hoạch này được triển khai như sau:", patterns())


def test_slash_and_dotted_letter_numbering():
    """"I/", "1/" and "a." (older and commune documents type them; Word's list numbering renders a
    lower-letter level as "a.") number items as "I.", "1." and "a)" do: the "1/" unit headings give
    the lead of the "a." tasks under them."""
    from conftest import parse_json

    data = parse_json(DATA / "docs" / "commune-slash-numbers.txt")
    got = [(t["path"], [u["name"] for u in t["lead"]]) for t in data["tasks"]]
    assert got == [("II.1.a", ["Công chức Địa chính - Nông nghiệp"]), ("II.1.b", ["Công chức Địa chính - Nông nghiệp"]),
                   ("II.2.a", ["Trưởng các thôn"]), ("II.2.b", ["Trưởng các thôn"])], got


def test_body_item_naming_its_own_unit_stays_beside_the_row_restating_it():
    """"e) Bộ Giáo dục và Đào tạo nghiên cứu ..." in the body and a row "Nghiên cứu ... | Bộ Giáo dục
    và Đào tạo" in the appendix: the body gives that unit work in its own words, so the item stays a
    task; an item that takes its unit from a heading above is the row's copy and goes."""
    from tracker.extract.tasks import drop_restated
    from tracker.model import Task, UnitRef

    rows = [Task(text=t, path=f"PL.{i}", lead=[UnitRef("Sở Công Thương")]) for i, t in enumerate((
        "Sở Công Thương tổ chức hội nghị kết nối cung cầu hàng nông sản với các siêu thị",
        "Sở Công Thương hỗ trợ hợp tác xã đăng ký gian hàng trên sàn thương mại điện tử",
        "Sở Công Thương xây dựng trang thông tin giới thiệu đặc sản của tỉnh"), 1)]
    own = Task(text=rows[0].text, path="III.2.a", lead=[UnitRef("Sở Công Thương")], found_by={"lead": "subject"})
    headed = Task(text=rows[1].text, path="III.2.b", lead=[UnitRef("Sở Công Thương")], found_by={"lead": "heading"})
    assert [t.path for t in drop_restated([own, headed], rows)] == ["III.2.a"]


def test_markdown_bold_left_open_ends_with_its_paragraph():
    """A web copy's broken markup ("** Lưu ý khi bình xét thi" / "đua:*"): the "**" never closes. Bold
    does not run past a blank line in Markdown, so the headings after it ("**IV. KHEN THƯỞNG**") are
    read without their asterisks, as items, and their tasks are found."""
    from tracker.model import Line
    from tracker.read.text import read_text

    text = ("**III. TIÊU CHÍ**\n\n** Lưu ý khi bình xét thi\nđua:*\n\n- Đối với các xã: xếp hạng theo điểm.\n\n"
            "**IV. TỔ CHỨC THỰC HIỆN**\n\n**1. Sở Y tế**\n\na) Chủ trì theo dõi, tổng hợp kết quả.\n")
    doc = read_text(Path("x.md"), text.encode("utf-8"), markdown=True)
    lines = [b.text for b in doc.blocks if isinstance(b, Line)]
    assert "IV. TỔ CHỨC THỰC HIỆN" in lines and "1. Sở Y tế" in lines, lines
