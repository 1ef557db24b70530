"""Where the review screen shows what the reader is unsure of, and what a clerk's edit makes sure.

A "place" is a header field's input or a task table cell. Any confidence key
is placed without a list of known keys (new ones show up by themselves): a
task key that names a table column sits in that column, "task" (is this a
task at all?) in the text column, any other in the row's "#" cell; header keys
sit in the input that shows them, and those the screen has no input for are
only named. A place the clerk edited is sure (confidence 1.0: checked by hand).
Plain functions on the draft: no Textual, the tests call them directly.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from tracker.confidence import is_unsure
from tracker.model import Header, Task

CHECKED = 1.0  # the clerk looked at it

# Header confidence key → the review screen's input for it, in the screen's order (level comes from the issuer).
HEADER_WIDGETS = {"number": "r-number", "date": "r-date", "issuer": "r-issuer", "level": "r-issuer",
                  "subject": "r-subject", "parent": "parent"}
WIDGET_ORDER = ("r-number", "r-date", "r-issuer", "r-subject", "parent")
# How the other header fields are named when only the legend can mention them.
HEADER_LABELS = {"doc_type": "loại văn bản", "recipients": "kính gửi", "signer": "người ký",
                 "references": "văn bản dẫn chiếu", "place": "địa danh"}
TASK_ALIASES = {"task": "text"}  # the task itself is checked on its text
ROW_COLUMN = "path"  # where a task key with no column of its own is shown


@dataclass(frozen=True)
class Place:
    row: int | None  # the task's index; None for a header field
    where: str  # the task table's column key, or the header input's id


def task_column(key: str, columns: Sequence[str]) -> str:
    key = TASK_ALIASES.get(key, key)
    return key if key in columns else ROW_COLUMN


def task_unsure_columns(task: Task, columns: Sequence[str]) -> set[str]:
    return {task_column(k, columns) for k in task.confidence if is_unsure(task.confidence, k)}


def header_unsure_widgets(header: Header) -> list[str]:
    found = {HEADER_WIDGETS[k] for k in header.confidence if k in HEADER_WIDGETS and is_unsure(header.confidence, k)}
    return [w for w in WIDGET_ORDER if w in found]


def header_unsure_elsewhere(header: Header) -> list[str]:
    """Unsure header fields the review screen has no input for (named in the legend only)."""
    return [HEADER_LABELS.get(k, k) for k in header.confidence
            if k not in HEADER_WIDGETS and is_unsure(header.confidence, k)]


def places(header: Header, tasks: Iterable[Task], columns: Sequence[str]) -> list[Place]:
    """Every unsure place in reading order: header inputs, then the tasks row by row, left to right."""
    out = [Place(None, w) for w in header_unsure_widgets(header)]
    for n, task in enumerate(tasks):
        unsure = task_unsure_columns(task, columns)
        out += [Place(n, c) for c in columns if c in unsure]
    return out


def step(found: Sequence[Place], at: Place | None, columns: Sequence[str], forward: bool = True) -> Place | None:
    """The unsure place after (or before) `at` in reading order, round to the start past the end."""
    if not found:
        return None
    if at is None:
        return found[0] if forward else found[-1]

    def order(p: Place) -> tuple[int, int]:
        if p.row is None:
            return (-1, WIDGET_ORDER.index(p.where) if p.where in WIDGET_ORDER else 0)
        return (p.row, columns.index(p.where) if p.where in columns else 0)

    here = order(at)
    if forward:
        return next((p for p in found if order(p) > here), found[0])
    return next((p for p in reversed(found) if order(p) < here), found[-1])


def check_task(task: Task, column: str, columns: Sequence[str]) -> None:
    """The clerk edited `column` of the task: every field shown there is now sure."""
    for k in task.confidence:
        if task_column(k, columns) == column:
            task.confidence[k] = CHECKED


def check_header(header: Header, widget: str) -> None:
    for k, w in HEADER_WIDGETS.items():
        if w == widget and k in header.confidence:
            header.confidence[k] = CHECKED
