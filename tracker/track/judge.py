"""The judging engine: an assignment's due date (as a date ordinal) from its task's deadline and its own dates.

One engine for every backend: the TinyDB store's queries (tracker/store/queries.py)
judge their columns with it, and the PostgreSQL store (tracker/store/pg/) writes a
`due` column through it so SQL can compare dates. Categories and days late then
come from `tracker.track.assess.classify_ordinal`.

Dates are ordinals (`date.toordinal()`), 0 for none.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from tracker.track.due import counts_from, due_date, span_end
from tracker.track.recurrence import Schedule, cycle_for

# How a task's due date is found.
FIXED, BY_EVENT, BY_REPORT = 0, 1, 2


def task_mode(
    deadline: dict[str, Any] | None, issued: int, schedules: dict[tuple[Any, ...], Schedule] | None = None
) -> tuple[int, Any]:
    """How a task's due date is found: (FIXED, ordinal), (BY_EVENT, span spec) or (BY_REPORT, Schedule).

    `issued`: the directive's date as an ordinal (0: unknown). Tasks that share a
    deadline share the cached work in `schedules` (a schedule from the same directive date).
    """
    dl = deadline
    kind = dl.get("kind") if dl else None
    if kind == "relative" and counts_from(dl) != "document":
        # A standing rule per case has no due date; a one-off event's counts from the day recorded.
        if counts_from(dl) == "case":
            return FIXED, 0
        return BY_EVENT, ("event", dl.get("days"), dl.get("hours"), bool(dl.get("working")), 0)
    if kind in ("relative", "event"):
        base = issued if kind == "relative" else 0
        return BY_EVENT, (kind, dl.get("days"), dl.get("hours"), bool(dl.get("working")), base)
    if kind == "recurring":
        if not issued:
            return FIXED, 0
        key = (dl.get("cycle"), dl.get("day"), issued)
        sch = schedules.get(key) if schedules is not None else None
        if sch is None:
            sch = Schedule(cycle_for(dl.get("cycle"), dl.get("day")), date.fromordinal(issued))
            if schedules is not None:
                schedules[key] = sch
        return BY_REPORT, sch
    d = due_date(dl, issued=date.fromordinal(issued) if issued else None)
    return FIXED, d.toordinal() if d else 0


def due_of_mode(mode_spec: tuple[int, Any], event_on: int, last_report: int, spans: dict[tuple[Any, ...], int] | None = None) -> int:
    """The due ordinal of an assignment whose task's mode is `mode_spec`, given its event and latest report days.

    `spans` caches span ends by (spec, base day): many assignments share them.
    """
    mode, spec = mode_spec
    if mode == FIXED:
        return spec
    if mode == BY_REPORT:
        return spec.due_after(last_report)
    base = event_on or spec[-1]  # the event date, else (relative) the directive's date
    if not base:
        return 0
    key = (spec, base)
    due = spans.get(key) if spans is not None else None
    if due is None:
        _kind, days, hours, working, _ = spec
        due = span_end(date.fromordinal(base), days=days, hours=hours, working=working).toordinal()
        if spans is not None:
            spans[key] = due
    return due


def due_ordinal(deadline: dict[str, Any] | None, issued: int, event_on: int = 0, last_report: int = 0) -> int:
    """The due ordinal of one assignment (0: no due date): what a stored `due` column holds."""
    return due_of_mode(task_mode(deadline, issued), event_on, last_report)
