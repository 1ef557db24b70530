"""Due dates from a task's deadline, for each of the six deadline kinds.

    date       → that day
    period     → its last day (the parser stores it in `date`)
    start      → no due date; the task is active from that day
    relative   → counted from the document ("kể từ ngày ký"): a span from the directive's date;
                 from each case ("kể từ khi nhận hồ sơ"): a standing rule, no due date ever;
                 from a one-off event ("kể từ khi có Quyết định ..."): from the recorded event date
    recurring  → the next reporting date the unit owes (task_rules/recurrence.toml)
    event      → none until the event date is recorded; then that date plus any span

A span in "ngày làm việc" / "giờ làm việc" skips weekends and holidays
(task_rules/holidays.toml); 8 working hours make a working day, and a part of
a day counts as a whole one (a unit is never late before the span is over).
"""
from __future__ import annotations

import math
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Mapping

from tracker.model import Deadline
from tracker.track.calendar import work_calendar
from tracker.track.dates import document_day
from tracker.track.recurrence import cycle_for, next_due

WORKING_HOURS_PER_DAY = 8


def _field(deadline: Deadline | Mapping[str, Any], key: str) -> Any:
    if type(deadline) is dict or isinstance(deadline, Mapping):  # dict first: the store's hot path
        return deadline.get(key)  # type: ignore[union-attr]
    return getattr(deadline, key, None)


def counts_from(deadline: Deadline | Mapping[str, Any] | None) -> str | None:
    """How a relative span counts: "document", "case" (a standing rule per case), "event", or None (not
    relative). Records parsed before anchors were read have their phrase read again."""
    if not deadline or _field(deadline, "kind") != "relative":
        return None
    how = _field(deadline, "counts_from")
    if how is None and "counts_from" not in (deadline if isinstance(deadline, Mapping) else {}):
        how = _anchor_of(_field(deadline, "text") or "")
    return how or "document"


def _anchor_of(text: str) -> str | None:
    return _read_again(text)[1]


@lru_cache(maxsize=4096)
def _read_again(text: str) -> tuple[str | None, str | None]:
    """(anchor, counts_from) of a relative phrase read again. The deadline rules are compiled on the first
    call in a process (~80 ms): stores record counts_from at load (recorded()), so judging rarely comes here."""
    from tracker.extract.deadlines import relative_anchor

    found = relative_anchor(text)
    return (found.anchor, found.counts_from) if found else (None, None)


def recorded(deadline: Deadline | Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A deadline as a store keeps it: a relative span says what it counts from. One from before anchors
    were read (a draft saved as JSON by an older version, an edited kind) has its phrase read again here,
    once per load, not by every status change and count that judges it afterwards."""
    if not deadline:
        return None
    out = deadline.to_json() if isinstance(deadline, Deadline) else dict(deadline)
    if out.get("kind") == "relative" and out.get("counts_from") is None:
        anchor, how = _read_again(out.get("text") or "")
        out["counts_from"] = how or "document"
        if anchor and not out.get("anchor"):
            out["anchor"] = anchor
        if how == "case":
            out["per_case"] = True
    return out


def is_standing_rule(deadline: Deadline | Mapping[str, Any] | None) -> bool:
    """True for a limit that applies to each case ("trong vòng 8 giờ kể từ khi nhận hồ sơ"): ongoing, never overdue as a whole."""
    return counts_from(deadline) == "case"


def standing_label(deadline: Deadline | Mapping[str, Any] | None) -> str:
    """How a standing rule reads in a due-date column: "từng trường hợp: 8 giờ làm việc" ('' for others)."""
    if not is_standing_rule(deadline):
        return ""
    hours, days = _field(deadline, "hours"), _field(deadline, "days")
    span = f"{hours} giờ" if hours else f"{days} ngày" if days else ""
    if span and _field(deadline, "working"):
        span += " làm việc"
    return f"từng trường hợp: {span}".strip(": ")


def span_end(base: date, *, days: int | None = None, hours: int | None = None, working: bool = False) -> date:
    """`base` plus a span of days or hours, in calendar or working days."""
    if hours:
        n = math.ceil(hours / (WORKING_HOURS_PER_DAY if working else 24))
    else:
        n = days or 0
    if working:
        return work_calendar().add_working_days(base, n)
    return base + timedelta(days=n)


def due_date(
    deadline: Deadline | Mapping[str, Any] | None,
    *,
    issued: date | None,
    event_on: date | None = None,
    last_report: date | None = None,
) -> date | None:
    """The day an assignment is due, or None when it has no due date (yet).

    `issued` is the directive's date, `event_on` the event date a clerk
    recorded on the assignment, `last_report` the day of its latest report
    (recurring tasks only).
    """
    if not deadline:
        return None
    kind = _field(deadline, "kind")
    if kind in ("date", "period"):
        return document_day(_field(deadline, "date"))
    if kind == "relative":
        how = counts_from(deadline)
        if how == "case":
            return None  # a standing rule: each case has its own limit, the assignment none
        base = event_on if how == "event" else (event_on or issued)
        if base is None:
            return None
        return span_end(base, days=_field(deadline, "days"), hours=_field(deadline, "hours"), working=bool(_field(deadline, "working")))
    if kind == "event":
        if event_on is None:
            return None
        return span_end(event_on, days=_field(deadline, "days"), hours=_field(deadline, "hours"), working=bool(_field(deadline, "working")))
    if kind == "recurring":
        if issued is None:
            return None
        return next_due(cycle_for(_field(deadline, "cycle"), _field(deadline, "day")), issued, last_report)
    return None  # start, or a kind this version does not know


def active_from(deadline: Deadline | Mapping[str, Any] | None) -> date | None:
    """The day a "start" task applies from ("kể từ ngày ..."), else None."""
    if deadline and _field(deadline, "kind") == "start":
        return document_day(_field(deadline, "date"))
    return None


def depends_on_report(deadline: Deadline | Mapping[str, Any] | None) -> bool:
    """True when the due date moves with the unit's reports (recurring tasks)."""
    return bool(deadline) and _field(deadline, "kind") == "recurring"


def depends_on_event(deadline: Deadline | Mapping[str, Any] | None) -> bool:
    """True when a recorded event date sets or moves the due date."""
    return bool(deadline) and _field(deadline, "kind") in ("relative", "event")
