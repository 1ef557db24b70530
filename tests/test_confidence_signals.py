"""Doubts read after extraction (tracker/confidence.py), each on a constructed document of its own
(tests/data/docs): a signal that the field's route cannot see, found in the document itself."""
from __future__ import annotations

from pathlib import Path

from tracker.confidence import unsure_below
from tracker.parse import parse_file

DOCS = Path(__file__).parent / "data" / "docs"
UNSURE = unsure_below()


def _tasks(name: str):
    return {t.path: t for t in parse_file(DOCS / name, resolve=False).tasks}


def test_a_date_still_to_come_left_unread_makes_the_empty_deadline_unsure():
    tasks = _tasks("beach-day-dates.txt")
    # "lễ ra quân diễn ra ngày 26/4/2026": a day the work is set for, not read as its deadline
    assert tasks["1"].deadline is None
    assert tasks["1"].confidence["deadline"] < UNSURE
    assert tasks["1"].found_by["deadline"].endswith("+date_unread")
    # a cited plan's date is no deadline: the empty deadline stays sure
    assert tasks["2"].deadline is None and tasks["2"].confidence["deadline"] >= UNSURE
    # a deadline read is left as its route says
    assert tasks["3"].deadline is not None and tasks["3"].confidence["deadline"] >= UNSURE
    # a date already past on the document's date tells what was done, not what is due
    assert tasks["4"].deadline is None and tasks["4"].confidence["deadline"] >= UNSURE
