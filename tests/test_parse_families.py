"""The task families of real directives (issue 11), each on a short document written for
it (tests/data/docs, our own words), parsed end to end through `tracker parse --json`:
a decision's Điều/khoản, a meeting notice's practical sections, a commune plan's
labelled-field blocks and staff headings, addressee headings, a closing paragraph
whose later sentence assigns work."""
from __future__ import annotations

from conftest import DATA, parse_json, run_cli
from test_parse_variants import summary  # (path, leads, supports, deadline kind and date) per task


def test_decision_khoan_are_items_and_its_own_clauses_are_closings():
    """'Điều 1.' is a section whose khoản are the tasks; 'có hiệu lực' and 'chịu trách
    nhiệm thi hành Quyết định này' (Điều 2, 3) assign nothing."""
    data = parse_json(DATA / "docs" / "decision-articles.txt")
    assert data["directive"]["doc_type"] == "QĐ"
    assert summary(data) == [
        ("Điều 1.1", ["Sở Nông nghiệp và Môi trường"], ["Sở Khoa học và Công nghệ"], ("date", "2026-09-30")),
        ("Điều 1.2", ["Sở Tài chính"], [], None),
        ("Điều 1.3", ["UBND các xã, phường"], [], ("recurring", None)),
    ]


def test_meeting_notice_practical_sections_are_no_tasks():
    """What the inspection covers, who attends, when and where: no tasks; only the
    work under 'Tổ chức thực hiện' is."""
    data = parse_json(DATA / "docs" / "meeting-notice.txt")
    assert summary(data) == [
        ("5.a", ["UBND các xã"], [], ("date", "2026-05-12")),
        ("5.b", ["Sở Nội vụ"], ["Văn phòng UBND tỉnh"], ("date", "2026-05-30")),
    ]


def test_commune_plan_field_block_and_staff_heading():
    """'- Nhiệm vụ: / - Chủ trì: / - Phối hợp: / - Thời gian:' under a topic line is one
    task with those fields; a comrade's post ('Đồng chí Phó chủ tịch ... phụ trách ...')
    leads the items under it."""
    data = parse_json(DATA / "docs" / "commune-field-blocks.txt")
    vice = "Phó chủ tịch UBND xã phụ trách lĩnh vực kinh tế"  # the honorific "Đồng chí" dropped
    assert summary(data) == [
        ("II.1", ["Văn phòng HĐND và UBND xã"], ["Đoàn Thanh niên xã"], ("date", "2026-07-31")),
        ("II.2.a", [vice], [], None),
        ("II.2.b", [vice], [], ("period", "2026-09-30")),
    ]
    assert "Bố trí tổ hướng dẫn tại Bộ phận Một cửa" in data["tasks"][0]["text"]


def test_addressee_headings_lead_the_items_under_them():
    """'Giao Sở Nội vụ:', 'Đề nghị Ban Tổ chức Tỉnh ủy:', 'Trách nhiệm của các sở, ngành:'
    name the lead of their items; 'Phối hợp với X' inside an item adds support only."""
    data = parse_json(DATA / "docs" / "addressee-headings.txt")
    assert summary(data) == [
        ("1.a", ["Sở Nội vụ"], [], ("date", "2026-08-15")),
        ("1.b", ["Sở Nội vụ"], [], None),
        ("2.a", ["Ban Tổ chức Tỉnh ủy"], ["Sở Nội vụ"], None),
        ("3.a", ["các sở, ngành"], [], ("date", "2026-09-30")),
    ]


def test_closing_paragraph_whose_later_sentence_assigns_work():
    """'Trên đây là Kế hoạch ... . Giao Sở X theo dõi, ... báo cáo ... trước ngày ...': the
    closing's first sentence is no task, its second is one, from 'Giao' on."""
    data = parse_json(DATA / "docs" / "closing-assigns.txt")
    assert summary(data) == [
        ("I.1", ["Sở Khoa học và Công nghệ"], [], ("date", "2026-10-10")),
        ("I.2", ["Sở Văn hóa, Thể thao và Du lịch"], [], None),
        ("II", ["Sở Khoa học và Công nghệ"], [], ("date", "2026-10-31")),
    ]
    assert data["tasks"][-1]["text"].startswith("Giao Sở Khoa học và Công nghệ theo dõi")


# --- how sure the reader is of each task, its lead and its support (roles.toml [confidence]) ---

from tracker.confidence import unsure_below  # noqa: E402

UNSURE = unsure_below()  # task_rules/confidence.toml: the one threshold of header and task fields


def confidences(path):
    return {t["path"]: t["confidence"] for t in parse_json(path)["tasks"]}


def test_a_lead_said_outright_or_by_a_heading_is_sure_one_guessed_is_not():
    heads = confidences(DATA / "docs" / "addressee-headings.txt")
    assert all(c["lead"] >= UNSURE and c["task"] >= UNSURE for c in heads.values())  # 'Giao Sở Nội vụ:' over them
    staff = confidences(DATA / "docs" / "commune-field-blocks.txt")
    assert staff["II.2.a"]["lead"] >= UNSURE  # a staff heading ('Đồng chí Phó chủ tịch ... phụ trách ...')
    conf = confidences(DATA / "docs" / "unsure-items.txt")
    assert conf["1"]["lead"] >= UNSURE  # 'Sở Nội vụ chủ trì'
    assert conf["3"]["lead"] < UNSURE   # 'Giao Sở Tài chính ...' asks of a unit, not always its lead
    assert conf["2"]["lead"] < UNSURE   # nobody named: the addressees


def test_a_short_item_that_no_unit_leads_is_an_unsure_task():
    conf = confidences(DATA / "docs" / "unsure-items.txt")
    assert conf["2"]["task"] < UNSURE   # 'Siết chặt kỷ cương.'
    assert conf["1"]["task"] >= UNSURE and conf["3"]["task"] >= UNSURE
    assert all(set(c) >= {"task", "lead", "support", "deadline", "indicators"} for c in conf.values())


def test_tracker_parse_marks_the_unsure_task_and_lead():
    r = run_cli("parse", str(DATA / "docs" / "unsure-items.txt"))
    assert r.returncode == 0, r.stderr

    def column(row: str, k: int) -> str:  # a cell of the task table, its wrapped lines joined
        return " ".join(line.split("│")[k].strip() for line in row.split("\n") if line.count("│") > k).strip()

    rows = r.stdout.split("├")
    short = next(row for row in rows if "Siết chặt" in row)
    assert column(short, 1) == "2 ?"              # the task itself
    assert column(short, 3).endswith("?")         # its lead
    sure = next(row for row in rows if column(row, 1).startswith("1"))
    assert column(sure, 1) == "1" and not column(sure, 3).endswith("?")
