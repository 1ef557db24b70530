"""What the store's queries return: plain dataclasses with `to_json()` for `--json`.

Dates are `datetime.date` (None when absent); `to_json()` gives ISO strings,
screens show them with `tracker.track.format_date` (dd/mm/yyyy).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, NamedTuple

from tracker.track import status as st
from tracker.track.assess import CATEGORY_LABELS
from tracker.track.dates import format_document_day


def _iso(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value


@dataclass
class UnitRecord:
    """A unit as assignments name it, with what the hierarchy said when it was loaded."""

    key: str  # the unit id, or "?" + the name as written when unresolved
    name: str
    id: str | None = None
    level: str | None = None  # province | district | commune | central | None
    kind: str | None = None  # province, district, commune, agency, group, post ...
    parent: str | None = None
    resolved: bool = True
    # In a store holding both structures: the 2025 body a pre-2025 unit is shown as (tracker/track/bodies.py).
    current: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DirectiveRow:
    """A loaded directive with its counts as of a day."""

    id: int
    number: str | None
    label: str  # the number, or "(không số) issuer mm/yyyy" when the copy has none
    doc_type: str | None
    issuer: str | None
    issuer_id: str | None
    level: str | None
    date: str | None  # as the parser gave it: ISO, or "2022-08" when the day is blank
    subject: str | None
    parent_ref: str | None = None  # the parent's number as cited
    parent_id: int | None = None  # the loaded parent, once linked (the chain)
    parent_confidence: float | None = None
    parent_confirmed: bool = False
    source_path: str = ""
    sha256: str = ""
    loaded_at: str = ""
    updated_at: str = ""
    tasks: int = 0
    assignments: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # category → assignments
    done_pct: float = 0.0  # done (on time or late) among assignments not cancelled
    overdue: int = 0

    def to_json(self) -> dict[str, Any]:
        return _iso(asdict(self))


@dataclass
class TaskRecord:
    id: int
    directive_id: int
    path: str
    text: str
    lead: list[dict[str, Any]]
    support: list[dict[str, Any]]
    deadline: dict[str, Any] | None
    indicators: list[int]
    order: int = 0
    page: int | None = None
    points: float | None = None
    warnings: list[str] = field(default_factory=list)
    removed: bool = False
    group: str | None = None  # an appendix row's group title
    product: str | None = None  # an appendix row's "Sản phẩm"
    parent_task_ids: list[int] = field(default_factory=list)  # chain: the parent tasks it carries out
    parent_links_confirmed: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class AssignmentRow:
    """One unit's assignment of one task, and where it stands as of a day."""

    id: int
    directive_id: int
    directive: str  # the directive's label (number)
    task_id: int
    task_path: str
    task: str  # the task's text ("" when the query was asked without texts)
    unit: str  # display name
    unit_key: str
    unit_id: str | None
    unit_level: str | None
    role: str  # lead | support
    status: str  # key (tracker.track.status)
    status_on: date | None
    done_on: date | None
    event_on: date | None
    last_report: date | None
    due: date | None
    category: str  # on_time | late | not_due | overdue | cancelled
    days_late: int
    indicators: list[int] = field(default_factory=list)
    unresolved: bool = False
    removed: bool = False
    child_directive_id: int | None = None
    deadline: dict[str, Any] | None = None
    # Shown as its successor (a store holding both structures): the unit's own, pre-2025 name; `unit`
    # then reads "<successor> (trước đây: <own name>)" and unit_key/unit_id are the successor's.
    unit_former: str | None = None

    @property
    def overdue(self) -> bool:
        return self.category == "overdue"

    @property
    def done_late(self) -> bool:
        return self.category == "late"

    @property
    def status_label(self) -> str:
        return st.label(self.status)

    def to_json(self) -> dict[str, Any]:
        out = _iso(asdict(self))
        out["status_label"] = self.status_label
        out["category_label"] = CATEGORY_LABELS.get(self.category, self.category)
        out["overdue"] = self.overdue
        out["done_late"] = self.done_late
        return out


@dataclass
class Event:
    """One entry of an assignment's history (append-only)."""

    id: int
    assignment_id: int
    kind: str  # status | event_date (chain roll-ups may add their own kinds)
    at: str  # when it was recorded (ISO date-time)
    on: date | None  # the day it took effect (--on)
    by: str
    from_status: str | None = None
    to_status: str | None = None
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = _iso(asdict(self))
        out["from"] = out.pop("from_status")
        out["to"] = out.pop("to_status")
        if self.from_status:
            out["from_label"] = st.label(self.from_status)
        if self.to_status:
            out["to_label"] = st.label(self.to_status)
        return out


@dataclass
class UnitCounts:
    """One unit's assignments in the four official categories as of a day, with ageing of overdue work."""

    unit_key: str
    unit: str
    unit_id: str | None
    level: str | None
    total: int = 0
    on_time: int = 0
    late: int = 0
    not_due: int = 0
    overdue: int = 0
    cancelled: int = 0
    days_late: int = 0  # overdue work: days past due, summed
    max_days_late: int = 0
    over_30: int = 0  # overdue more than 30 days (cumulative: includes over_60)
    over_60: int = 0
    over_120: int = 0
    formerly: list[str] = field(default_factory=list)  # pre-2025 units counted here (their names)

    @property
    def done(self) -> int:
        return self.on_time + self.late

    @property
    def done_pct(self) -> float:
        counted = self.total - self.cancelled
        return round(100.0 * self.done / counted, 1) if counted else 0.0

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["done_pct"] = self.done_pct
        return out


@dataclass
class TaskCounts:
    """One task's assignments by category (on_time, late, not_due, overdue, cancelled) as of a day."""

    task_id: int
    directive_id: int
    path: str = ""  # its place in the directive's outline ("2.a")
    counts: dict[str, int] = field(default_factory=dict)  # category → assignments (categories with none left out)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class IndicatorCounts:
    """One Decision 766 indicator as of a day: its linked tasks and their assignments by category."""

    indicator: int  # the indicator's number in the catalogue (tracker.extract.indicators)
    tasks: list[TaskCounts] = field(default_factory=list)  # linked tasks with assignments, in directive and task order
    counts: dict[str, int] = field(default_factory=dict)  # category → assignments of those tasks

    @property
    def assignments(self) -> int:
        return sum(self.counts.values())

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["assignments"] = self.assignments
        return out


@dataclass
class SaveResult:
    """What saving a directive did (or would do, for a preview)."""

    directive_id: int
    label: str
    created: bool
    tasks_added: int = 0
    tasks_updated: int = 0
    tasks_removed: int = 0  # gone from the new copy; kept (flagged) where they had history
    assignments_added: int = 0
    assignments_kept: int = 0
    assignments_removed: int = 0
    unresolved: list[str] = field(default_factory=list)  # unit names kept as written
    unexpanded: list[str] = field(default_factory=list)  # groups that could not be expanded
    version: int = 0
    # The chain (tracker/store/linking.py): the document it carries out, as cited and as linked.
    parent_ref: str | None = None  # cited number; with no parent_id, it waits for that document
    parent_id: int | None = None
    parent_label: str | None = None
    parent_confidence: float | None = None
    parent_method: str | None = None  # number | similar | clerk
    # Re-loads (tracker/store/loading.py): recorded assignments the new copy does not have, kept until
    # the clerk drops them (id, task_path, task, unit, unit_key, role, status), and how many were dropped.
    unmatched: list[dict[str, Any]] = field(default_factory=list)
    dropped: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# -- light records of judged assignments ---------------------------------------------------


class AssignmentState(NamedTuple):
    """An assignment judged as of a day, without texts: for work over the whole store (roll-ups, charts)."""

    id: int
    directive_id: int
    task_id: int
    unit_key: str
    role: str  # lead | support
    status: str
    category: str
    due: date | None
    days_late: int
    child_directive_id: int | None
    # The chain: a status set by hand (with a note) on an answered assignment, in effect on the day;
    # and the day it was done (None unless on_time/late).
    hand_set: bool = False
    done_on: date | None = None


class StateColumns(NamedTuple):
    """Assignments judged as of a day, one list per field (row k of each is one assignment).

    Dates are ordinals (0 = none); `unit` is a position in `unit_keys`;
    `status` a position in tracker.track.STATUSES; `child` 0 = none.
    """

    aid: list[int]
    did: list[int]
    tid: list[int]
    unit: list[int]
    support: list[bool]
    status: list[int]
    category: list[str]
    due: list[int]
    days_late: list[int]
    child: list[int]
    hand_set: list[bool]
    done_on: list[int]
    unit_keys: list[str]

class Replayed(NamedTuple):
    """An assignment's state on a past day, replayed from its history (date ordinals, 0 = none)."""

    status: int  # status code (tracker.track.status.CODE)
    done_on: int
    event_on: int
    report_on: int


class Judged(NamedTuple):
    """One assignment row of the index judged as of a day (what the list and count queries pass on)."""

    row: int  # position in the index columns
    due: int  # due date ordinal, 0 = none
    category: str  # on_time | late | not_due | overdue | cancelled
    days_late: int
    state: Replayed | None  # its state on the day when replayed from its history, else None (the columns hold it)


# -- stored documents → records --------------------------------------------------------------


def directive_label(d: dict[str, Any]) -> str:
    """A directive's number, or a stand-in that says it has none."""
    if d.get("number"):
        return str(d["number"])
    parts = [p for p in (d.get("issuer"), format_document_day(d.get("date"))) if p]
    return "(không số) " + " ".join(parts) if parts else "(không số)"


def directive_row(did: int, d: dict[str, Any], tasks: int, total: int, counts: dict[str, int], done_pct: float,
                  overdue: int) -> DirectiveRow:
    """A directive's row of `directives()`, from its record and its counts (both backends build it here)."""
    src = d.get("source") or {}
    return DirectiveRow(
        id=did, number=d.get("number"), label=directive_label(d), doc_type=d.get("doc_type"),
        issuer=d.get("issuer"), issuer_id=d.get("issuer_id"), level=d.get("level"), date=d.get("date"),
        subject=d.get("subject"), parent_ref=d.get("parent_ref"), parent_id=d.get("parent_id"),
        parent_confidence=d.get("parent_confidence"), parent_confirmed=bool(d.get("parent_confirmed")),
        source_path=src.get("path", ""), sha256=src.get("sha256", ""),
        loaded_at=d.get("loaded_at", ""), updated_at=d.get("updated_at", ""),
        tasks=tasks, assignments=total, counts=counts, done_pct=done_pct, overdue=overdue,
    )


def unit_record(u: dict[str, Any]) -> UnitRecord:
    return UnitRecord(
        key=u["key"], name=u.get("name") or u["key"], id=u.get("id"), level=u.get("level"),
        kind=u.get("kind"), parent=u.get("parent"), resolved=bool(u.get("resolved", True)),
    )


def task_record(tid: int, t: dict[str, Any]) -> TaskRecord:
    return TaskRecord(
        id=tid, directive_id=int(t["directive"]), path=t.get("path") or "", text=t.get("text") or "",
        lead=list(t.get("lead") or []), support=list(t.get("support") or []), deadline=t.get("deadline"),
        indicators=list(t.get("indicators") or []), order=int(t.get("order") or 0), page=t.get("page"),
        points=t.get("points"), warnings=list(t.get("warnings") or []), removed=bool(t.get("removed")),
        group=t.get("group"), product=t.get("product"),
        parent_task_ids=list(t.get("parent_task_ids") or []),
        parent_links_confirmed=bool(t.get("parent_links_confirmed")),
    )


def event_record(eid: int, e: dict[str, Any]) -> Event:
    on = e.get("on")
    return Event(
        id=eid, assignment_id=int(e["assignment"]), kind=e.get("kind", "status"), at=e.get("at", ""),
        on=date.fromisoformat(on) if on else None, by=e.get("by") or "", from_status=e.get("from"),
        to_status=e.get("to"), note=e.get("note"),
    )
