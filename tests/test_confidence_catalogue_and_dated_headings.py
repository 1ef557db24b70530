"""Two doubts read from the document around a task (tracker/confidence.py): the rows of a table in a
document that publishes a catalogue of procedures ([catalogue_rows]), and an empty deadline under a
heading that gives nothing but a time ([dated_heading]). Texts are our own words."""
from __future__ import annotations

import pytest

from tracker.confidence import doubt_catalogue_rows, doubt_dated_headings, outline_texts, unsure_below
from tracker.model import Deadline, Task
from tracker.structure.outline import Paragraph, build_outline

UNSURE = unsure_below()


def _row(text: str = "Cấp giấy phép neo đậu thuyền du lịch", route: str = "row") -> Task:
    t = Task(text=text, path="PL.1")
    t.found_by["task"], t.confidence["task"] = route, 0.95
    return t


@pytest.mark.parametrize("subject, route, sure", [
    ("CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH TRONG LĨNH VỰC ĐƯỜNG THỦY NỘI ĐỊA", "row", False),
    ("Công bố thủ tục hành chính nội bộ trong lĩnh vực du lịch", "row", False),
    # a plan's table of work is no catalogue
    ("Kế hoạch cải cách thủ tục hành chính năm 2026", "row", True),
    ("Công bố kết quả kiểm tra bến thuyền", "row", True),
    # an item of the decision itself, not a row of its list
    ("Công bố danh mục thủ tục hành chính lĩnh vực đường thủy", "item", True),
    (None, "row", True),
])
def test_rows_of_a_published_catalogue_are_unsure(subject, route, sure):
    t = _row(route=route)
    doubt_catalogue_rows([t], subject)
    assert (t.confidence["task"] >= UNSURE) is sure
    assert t.found_by["task"].endswith("+catalogue") is not sure


HEADINGS = {
    "III": "NHIỆM VỤ VÀ GIẢI PHÁP",
    "III.1": "Giai đoạn 2026 - 2030",
    "III.2": "Giai đoạn 2031 - 2035:",
    "III.3": "Năm 2027",
    "III.4": "Nâng cấp bến thuyền giai đoạn 2026 - 2030 bằng vốn của tỉnh",
}


def _item(path: str, route: str = "none", deadline: Deadline | None = None) -> Task:
    t = Task(text="Nâng cấp hệ thống phao tiêu dọc tuyến sông chính.", path=path, deadline=deadline)
    t.found_by["deadline"], t.confidence["deadline"] = route, 0.9
    return t


@pytest.mark.parametrize("path, route, has_deadline, sure", [
    ("III.1.-1", "none", False, False),
    ("III.2.a", "none_among_dated", False, False),
    ("III.3.-2", "none", False, False),
    # a heading that names work with a time in it does not date each item
    ("III.4.-1", "none", False, True),
    ("III.-1", "none", False, True),
    # the item's own heading is no heading above it
    ("III.1", "none", False, True),
    # a deadline read stays as its route says
    ("III.1.-1", "time_one", True, True),
])
def test_an_empty_deadline_under_a_heading_that_is_only_a_time_is_unsure(path, route, has_deadline, sure):
    t = _item(path, route, Deadline(kind="date", date="2026-12-31", text="trong năm 2026") if has_deadline else None)
    doubt_dated_headings([t], HEADINGS)
    assert (t.confidence["deadline"] >= UNSURE) is sure


def test_no_headings_nothing_changes():
    t = _item("III.1.-1")
    doubt_dated_headings([t], None)
    doubt_catalogue_rows([t], None)
    assert t.confidence["deadline"] == 0.9


def test_outline_texts_give_every_item_by_its_path():
    paras = [
        Paragraph("III. NHIỆM VỤ VÀ GIẢI PHÁP", label="III", family="roman"),
        Paragraph("1. Giai đoạn 2026 - 2030", label="1", family="number"),
        Paragraph("- Nâng cấp phao tiêu dọc tuyến sông chính.", label="-", family="dash"),
    ]
    texts = outline_texts(build_outline(paras))
    assert texts["III"] == "NHIỆM VỤ VÀ GIẢI PHÁP"
    assert texts["III.1"] == "Giai đoạn 2026 - 2030"
    assert len(texts) == 3
