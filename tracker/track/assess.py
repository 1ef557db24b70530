"""Where an assignment stands on a given day: the official report categories and ageing.

Government task reports count four things per unit: done on time, done late,
open and not yet due, open and overdue; overdue work is aged "quá hạn trên
30/60/120 ngày". All of it is derived from the due date, the status history
and a day `as_of`, never stored.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Mapping

from tracker.track import status as st

# Category keys (stable, in data and --json) and their Vietnamese labels.
ON_TIME, LATE, NOT_DUE, OVERDUE, CANCELLED = "on_time", "late", "not_due", "overdue", "cancelled"
CATEGORY_LABELS: dict[str, str] = {
    ON_TIME: "hoàn thành đúng hạn",
    LATE: "hoàn thành quá hạn",
    NOT_DUE: "chưa đến hạn",
    OVERDUE: "quá hạn",
    CANCELLED: "không thực hiện",
}
# The four categories of official reports, in their order.
OFFICIAL: tuple[str, ...] = (ON_TIME, LATE, NOT_DUE, OVERDUE)
# Ageing of overdue work: "quá hạn trên N ngày" (cumulative: over 60 is also over 30).
AGEING: tuple[int, ...] = (30, 60, 120)


@dataclass(frozen=True)
class Assessment:
    category: str  # one of CATEGORY_LABELS
    due: date | None
    days_late: int  # overdue: days past due as of the day; done late: days past due when done; else 0

    @property
    def overdue(self) -> bool:
        return self.category == OVERDUE

    @property
    def done_late(self) -> bool:
        return self.category == LATE


def classify_ordinal(due: int, status_code: int, done: int, as_of: int) -> tuple[str, int]:
    """`assess` on date ordinals (0 = no date): the hot loop of the store's queries."""
    if status_code == st.CANCELLED_CODE:
        return CANCELLED, 0
    if status_code == st.DONE_CODE:
        if due and done and done > due:
            return LATE, done - due
        return ON_TIME, 0
    if due and as_of > due:
        return OVERDUE, as_of - due
    return NOT_DUE, 0


# Category codes of `classify_columns`: positions in this tuple.
CATEGORY_CODES: tuple[str, ...] = (ON_TIME, LATE, NOT_DUE, OVERDUE, CANCELLED)


def classify_columns(due: Any, status_code: Any, done: Any, as_of: int) -> tuple[Any, Any]:
    """`classify_ordinal` on whole numpy columns at once: (category codes into CATEGORY_CODES, days late).

    The same rule, written once more for arrays so a count over 450,000
    assignments is a few vector operations (tests check both agree on every case).
    """
    import numpy as np  # only the store's counts need it; the CLI's start-up does not

    cat = np.full(len(due), CATEGORY_CODES.index(NOT_DUE), dtype=np.int8)
    days = np.zeros(len(due), dtype=np.int64)
    cancelled = status_code == st.CANCELLED_CODE
    done_ = status_code == st.DONE_CODE
    late = done_ & (due > 0) & (done > 0) & (done > due)
    overdue = ~cancelled & ~done_ & (due > 0) & (as_of > due)
    cat[done_] = CATEGORY_CODES.index(ON_TIME)
    cat[late] = CATEGORY_CODES.index(LATE)
    cat[overdue] = CATEGORY_CODES.index(OVERDUE)
    cat[cancelled] = CATEGORY_CODES.index(CANCELLED)
    days[late] = (done - due)[late]
    days[overdue] = (as_of - due)[overdue]
    return cat, days


def assess(*, due: date | None, status: str, done_on: date | None, as_of: date) -> Assessment:
    """The category of an assignment as of a day, given its state on that day."""
    cat, days = classify_ordinal(
        due.toordinal() if due else 0,
        st.CODE.get(status, 0),
        done_on.toordinal() if done_on else 0,
        as_of.toordinal(),
    )
    return Assessment(cat, due, days)


def ageing_buckets(days_late: int) -> tuple[int, ...]:
    """The ageing thresholds an overdue assignment is past (e.g. 75 days → (30, 60))."""
    return tuple(t for t in AGEING if days_late > t)


@dataclass
class State:
    """An assignment's state replayed from its events up to a day."""

    status: str = st.INITIAL
    status_on: date | None = None  # day of the latest status entry
    done_on: date | None = None  # day it became done (kept while it stays done)
    last_report: date | None = None  # latest status entry: every entry counts as a report
    event_on: date | None = None  # the event date a clerk recorded (relative/event deadlines)
    changed_on: date | None = None  # latest day any event takes effect


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def replay(events: Iterable[Mapping[str, Any]], as_of: date | None = None) -> State:
    """The state after the events that took effect on or before `as_of` (all when None).

    Events are taken in the order they were recorded (`seq`, else their order);
    an event counts from its `on` day. Kinds: "status" (from, to, on, note) and
    "event_date" (on = the date the triggering event happened, or None to clear).
    """
    s = State()
    ordered = sorted(enumerate(events), key=lambda p: (p[1].get("seq", 0), p[0]))
    for _, ev in ordered:
        on = _day(ev.get("on"))
        kind = ev.get("kind", "status")
        if kind == "event_date":
            # The event counts from the day it happened, however late it was entered.
            if as_of is not None and on is not None and on > as_of:
                continue
            s.event_on = on
            if on and (s.changed_on is None or on > s.changed_on):
                s.changed_on = on
            continue
        if kind != "status":
            continue
        if as_of is not None and on is not None and on > as_of:
            continue
        to = ev.get("to") or s.status
        if to == st.DONE and s.status != st.DONE:
            s.done_on = on
        elif to != st.DONE:
            s.done_on = None
        s.status = to
        s.status_on = on
        if on and (s.last_report is None or on > s.last_report):
            s.last_report = on
        if on and (s.changed_on is None or on > s.changed_on):
            s.changed_on = on
    return s
