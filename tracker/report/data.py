"""What a meeting report says, gathered from the store as plain dataclasses.

    data = gather(store, directive="2333/UBND-VP", unit="Tứ Kỳ", as_of=day, since=last_meeting)

Every output (docx.py, xlsx.py, md.py, chart.py) and the TUI render this one
record, so they never disagree. Scope: the assignments of the directive (all
loaded directives when none is given) of the unit and the units under it in
the chain (every unit when none is given), judged as of `as_of` by the store.

The store answers one question here: every assignment in scope with its
text, judged as of the day (`Store.assignments`, narrowed by
`AssignmentFilter.area` to a unit and the units under it). Counts, tables, the 766
groups and the chart are all derived from that one list in memory, so they
always add up, and a store the size of a province-year is read once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from tracker.errors import InputError
from tracker.store.counts import Tally  # the one tally of categories and ageing, as the overdue board counts
from tracker.store.records import AssignmentRow, UnitCounts, UnitRecord
from tracker.text import fold
from tracker.track.assess import CANCELLED, LATE, NOT_DUE, ON_TIME, OVERDUE
from tracker.track.dates import document_day, format_document_day

# "Đến hạn trong 14 ngày tới": the look-ahead of a meeting brief.
SOON_DAYS = 14
# Without --since: what was done in the month before the day (a monthly meeting).
SINCE_DAYS = 30
LEVEL_LABELS = {"central": "trung ương", "province": "tỉnh", "district": "huyện", "commune": "xã"}


@dataclass
class DirectiveInfo:
    """A directive the report covers: what its first table lists."""

    id: int
    number: str  # its number, or "(không số) issuer mm/yyyy"
    date: date | None  # None when the copy has no full date
    date_text: str  # dd/mm/yyyy, or mm/yyyy when the day was blank
    issuer: str
    subject: str
    doc_type: str | None = None
    place: str | None = None


@dataclass
class IndicatorLine:
    """One Decision 766 indicator: its points and where the tasks that move it stand."""

    id: int
    code: str
    name: str
    points: float
    tasks: int = 0  # tasks in scope linked to it
    tasks_overdue: int = 0  # ... with at least one overdue assignment
    tasks_open: int = 0  # ... not overdue, still being done (at least one assignment not yet due)
    tasks_done: int = 0  # ... every assignment done (cancelled ones aside)

    @property
    def at_risk(self) -> bool:
        return self.tasks_overdue > 0


@dataclass
class IndicatorGroupLine:
    """A group of indicators (I..V) with its points and its linked tasks, counted once each."""

    id: int
    code: str
    name: str
    points: float
    indicators: list[IndicatorLine] = field(default_factory=list)
    tasks: int = 0
    tasks_overdue: int = 0
    tasks_open: int = 0
    tasks_done: int = 0

    @property
    def points_at_risk(self) -> float:
        """Points of the group's indicators that have an overdue task: what lateness puts at stake."""
        return sum(i.points for i in self.indicators if i.at_risk)


@dataclass
class ReportData:
    """Everything a report shows, as of one day."""

    as_of: date
    since: date  # "done since the last meeting" starts here
    soon_until: date  # "due in the next 14 days" ends here (inclusive)
    directives: list[DirectiveInfo]
    units: list[UnitCounts]  # the four official categories and ageing, most overdue first
    totals: UnitCounts
    tasks: int  # distinct tasks in scope
    overdue: list[AssignmentRow]  # most days late first
    due_soon: list[AssignmentRow]  # soonest first
    done_since: list[AssignmentRow]  # in the order they were done
    rows: list[AssignmentRow]  # every assignment in scope, in directive and task order (the Excel register)
    indicator_groups: list[IndicatorGroupLine]
    catalogue: str = ""  # "766/QĐ-TTg"
    directive: DirectiveInfo | None = None  # the --directive asked for
    unit: UnitRecord | None = None  # the --unit asked for (the report covers the units under it too)
    reporter: str | None = None  # who reports: the unit asked for, else the directives' one issuer
    place: str | None = None

    @property
    def assignments(self) -> int:
        return self.totals.total

    @property
    def empty(self) -> bool:
        return self.totals.total == 0


def gather(
    store: Any,
    *,
    directive: str | int | None = None,
    unit: str | None = None,
    as_of: date,
    since: date | None = None,
) -> ReportData:
    """The report's data as of `as_of` (see the module docstring for the scope).

    `directive`: an id or number as `store.find_directive` takes; `unit`: a
    unit id or words of its name (diacritics ignored). `since` defaults to
    SINCE_DAYS before `as_of`. Raises InputError for a directive or unit that
    does not resolve, or a `since` after `as_of`.
    """
    from tracker.store import AssignmentFilter

    if since is None:
        since = as_of - timedelta(days=SINCE_DAYS)
    if since > as_of:
        raise InputError(f"--since {since:%d/%m/%Y} sau --as-of {as_of:%d/%m/%Y}: cho một ngày sớm hơn")
    did = store.find_directive(directive) if directive is not None and str(directive).strip() else None
    if did is None and not store.version:  # never saved to: most likely the wrong --db
        raise InputError(f"chưa nạp văn bản nào vào {store.path}: nạp bằng `tracker load TỆP --yes` "
                         "(hoặc chọn dữ liệu khác bằng --db)")

    scope_unit = resolve_unit(store, unit)[0] if unit else None
    # The unit and the units under it: the store judges only their assignments.
    rows = store.assignments(as_of, AssignmentFilter(directive=did, area=scope_unit.key if scope_unit else None))

    soon_until = as_of + timedelta(days=SOON_DAYS)
    overdue = sorted((r for r in rows if r.category == OVERDUE), key=lambda r: (-r.days_late, fold(r.unit), r.directive_id, r.task_id))
    due_soon = sorted(
        (r for r in rows if r.category == NOT_DUE and r.due is not None and r.due <= soon_until),
        key=lambda r: (r.due, fold(r.unit), r.directive_id, r.task_id),
    )
    done = sorted(
        (r for r in rows if r.category in (ON_TIME, LATE) and r.done_on is not None and r.done_on >= since),
        key=lambda r: (r.done_on, fold(r.unit), r.directive_id, r.task_id),
    )

    directives = [directive_info(store.directive(d)) for d in sorted({r.directive_id for r in rows})]
    if did is not None and not directives:  # issued after the day, or nothing in scope: still say which
        directives = [directive_info(store.directive(did))]
    directives.sort(key=lambda d: (d.date or date.min, d.id))
    chosen = next((d for d in directives if d.id == did), None) if did is not None else None

    units = unit_counts(rows)
    reporter, place = _reporter(scope_unit, directives)
    cat = _catalogue()
    return ReportData(
        as_of=as_of, since=since, soon_until=soon_until, directives=directives, units=units,
        totals=sum_counts(units), tasks=len({r.task_id for r in rows}), overdue=overdue, due_soon=due_soon,
        done_since=done, rows=rows, indicator_groups=indicator_groups(rows, cat), catalogue=cat.decision if cat else "",
        directive=chosen, unit=scope_unit, reporter=reporter, place=place,
    )


# -- pieces (each usable on its own: the TUI may show one) ------------------------------


def directive_info(d: dict[str, Any]) -> DirectiveInfo:
    """A stored directive record (`store.directive(id)`) as the report lists it."""
    from tracker.store import directive_label

    text = d.get("date")
    full = document_day(text) if text and len(text) >= 10 else None
    return DirectiveInfo(
        id=int(d["id"]), number=directive_label(d), date=full, date_text=format_document_day(text),
        issuer=d.get("issuer") or "", subject=_sentence(d.get("subject") or ""), doc_type=d.get("doc_type"),
        place=d.get("place"),
    )


def unit_counts(rows: list[AssignmentRow]) -> list[UnitCounts]:
    """Per unit: the four official categories, cancelled, and ageing of overdue work.

    Counted from rows already judged, so a report's tables and its counts
    come from one reading. Most overdue first, then most days late (the
    store's board order), then by name.
    """
    tallies: dict[str, Tally] = {}
    named: dict[str, tuple[str, str | None, str | None, list[str]]] = {}
    for r in rows:
        tally = tallies.get(r.unit_key)
        if tally is None:
            # A pre-2025 unit's work counts under its successor (tracker/track/bodies.py): one line per body.
            name = r.unit.removesuffix(f" (trước đây: {r.unit_former})") if r.unit_former else r.unit
            tally = tallies[r.unit_key] = Tally()
            named[r.unit_key] = (name, r.unit_id, r.unit_level, [])
        formerly = named[r.unit_key][3]
        if r.unit_former and r.unit_former not in formerly:
            formerly.append(r.unit_former)
        tally.add(r.category, r.days_late)
    per = {key: tally.record(key, *named[key]) for key, tally in tallies.items()}
    return sorted(per.values(), key=lambda u: (-u.overdue, -u.days_late, fold(u.unit)))


def sum_counts(units: list[UnitCounts]) -> UnitCounts:
    """The "Tổng cộng" line: sums, and the largest days late."""
    t = UnitCounts(unit_key="", unit="Tổng cộng", unit_id=None, level=None)
    for u in units:
        for name in ("total", "on_time", "late", "not_due", "overdue", "cancelled", "days_late", "over_30", "over_60", "over_120"):
            setattr(t, name, getattr(t, name) + getattr(u, name))
        t.max_days_late = max(t.max_days_late, u.max_days_late)
    return t


def indicator_groups(rows: list[AssignmentRow], catalogue: Any = None) -> list[IndicatorGroupLine]:
    """The Decision 766 groups with the tasks in `rows` linked to their indicators.

    A task is overdue when one of its assignments is, open when none is
    overdue and one is not yet due, done when all are done (cancelled ones
    aside). A task linked to two indicators of a group counts once for it.
    """
    catalogue = catalogue if catalogue is not None else _catalogue()
    if catalogue is None:
        return []
    # A task's state: the most pressing of its assignments' (3 overdue, 2 open, 1 done, 0 cancelled).
    rank = {OVERDUE: 3, NOT_DUE: 2, ON_TIME: 1, LATE: 1, CANCELLED: 0}
    state: dict[int, int] = {}
    linked: dict[int, list[int]] = {}
    for r in rows:
        if r.indicators:
            linked[r.task_id] = r.indicators
            k = rank.get(r.category, 0)
            if k > state.get(r.task_id, -1):
                state[r.task_id] = k
    groups = []
    for g in catalogue.groups:
        lines = []
        group_tasks: set[int] = set()
        for iid in g.indicators:
            ind = catalogue.indicator(iid)
            line = IndicatorLine(id=ind.id, code=ind.code, name=ind.name, points=ind.points)
            for tid, ids in linked.items():
                if iid in ids:
                    group_tasks.add(tid)
                    _count(line, state[tid])
            lines.append(line)
        gl = IndicatorGroupLine(id=g.id, code=g.code, name=g.name, points=g.points, indicators=lines)
        for tid in group_tasks:
            _count(gl, state[tid])
        groups.append(gl)
    return groups


def _count(line: IndicatorLine | IndicatorGroupLine, state: int) -> None:
    line.tasks += 1
    if state == 3:
        line.tasks_overdue += 1
    elif state == 2:
        line.tasks_open += 1
    elif state == 1:
        line.tasks_done += 1


def resolve_unit(store: Any, text: str) -> tuple[UnitRecord, set[str]]:
    """The unit `text` names and the keys of the stored units under it (itself included).

    `text` is a unit id, or words of its name (any case, diacritics optional).
    Among several names holding the words, the one the others sit under
    wins ("Tứ Kỳ" → Huyện Tứ Kỳ, not its offices). Administrative units that
    are never assigned work themselves (a province) are found in the
    hierarchy when their units are. Raises InputError when none or several
    unrelated units match.
    """
    units = store.units()
    keys = [u.key for u in units]
    want = text.strip()
    by_key = {u.key: u for u in units}
    for u in units:  # an id, exactly
        if want == u.key or (u.id and want == u.id):
            return u, _under(u.key, keys)
    if _under(want, keys):  # an id of a unit not assigned itself, above some that are
        return _hierarchy_unit(want) or UnitRecord(key=want, name=want, id=want), _under(want, keys)

    words = fold(want).replace("-", " ").split()
    if not words:
        raise InputError("--unit đang trống: cho mã đơn vị hoặc vài chữ trong tên")
    spaced = " ".join(words)
    hits = [u for u in units if _has_words(u.name, words)]
    # A store holding both structures: a name that matches a unit and the successor it is shown as
    # gives the current one.
    shown = {u.key for u in hits}
    hits = [u for u in hits if not (u.current and u.current in shown)]
    exact = [u for u in hits if fold(u.name).replace("-", " ").split() == words or fold(u.name) == spaced]
    pick = _pick(exact) or _pick(hits)
    if pick is None:
        extra = [u for u in _hierarchy_find(want, keys) if u.key not in by_key]
        pick = _pick(hits + extra)
        hits = hits + extra
    if pick is not None:
        return pick, _under(pick.key, keys)
    if not hits:
        raise InputError(f"không đơn vị nào có phân công khớp '{text}' (`tracker units find` tìm trong mọi đơn vị; "
                         "cho mã đơn vị)")
    names = "; ".join(f"{u.name} ({u.key})" for u in sorted(hits, key=lambda u: fold(u.name))[:6])
    more = f" và {len(hits) - 6} đơn vị khác" if len(hits) > 6 else ""
    raise InputError(f"'{text}' khớp nhiều đơn vị: {names}{more}: cho thêm chữ trong tên hoặc cho mã")


def _under(uid: str, keys: list[str]) -> set[str]:
    """`uid` and the keys in the chain below it (2022:p30.d298 → its offices, communes, their posts,
    groups of them left unexpanded): the store's definition, which its area filter uses."""
    from tracker.store import in_area

    return {k for k in keys if in_area(k, uid)}


def _pick(cands: list[UnitRecord]) -> UnitRecord | None:
    """The one candidate, or the one all others sit under; else None."""
    if len(cands) == 1:
        return cands[0]
    for c in cands:
        if c.resolved and all(o is c or _under(c.key, [o.key]) for o in cands):
            return c
    return None


def _has_words(name: str, words: list[str]) -> bool:
    tokens = fold(name).replace("-", " ").replace("(", " ").replace(")", " ").split()
    return all(w in tokens for w in words)


def _hierarchy_find(text: str, keys: list[str]) -> list[UnitRecord]:
    """Administrative units of the hierarchy named by `text` that have stored units under them."""
    try:
        from tracker.units import get_hierarchy
    except ImportError:  # pragma: no cover - the units package ships with tracker
        return []
    out = []
    for structure in sorted({k.split(":", 1)[0] for k in keys if ":" in k and not k.startswith("?")}):
        try:
            h = get_hierarchy(structure)
        except Exception:  # a structure the hierarchy does not know (synthetic data): nothing to add
            continue
        for u in h.find(text, limit=10):
            if u.kind in ("province", "district", "commune") and _under(u.id, keys):
                out.append(UnitRecord(key=u.id, name=u.name, id=u.id, level=u.level, kind=u.kind, parent=u.parent))
    return out


def _hierarchy_unit(uid: str) -> UnitRecord | None:
    try:
        from tracker.units import get_hierarchy, structure_of

        u = get_hierarchy(structure_of(uid)).get(uid)
    except Exception:
        return None
    return UnitRecord(key=u.id, name=u.name, id=u.id, level=u.level, kind=u.kind, parent=u.parent)


def _reporter(unit: UnitRecord | None, directives: list[DirectiveInfo]) -> tuple[str | None, str | None]:
    """Who the report is from: the unit asked for, else the one issuer of every directive covered."""
    if unit is not None:
        return unit.name, None
    issuers = {d.issuer for d in directives if d.issuer}
    if len(issuers) == 1:
        places = {d.place for d in directives if d.place}
        return issuers.pop(), places.pop() if len(places) == 1 else None
    return None, None


def _catalogue() -> Any:
    from tracker.extract.indicators import load_catalogue

    return load_catalogue()


def _sentence(text: str) -> str:
    """A subject as a sentence: the parser keeps "V/v triển khai ..." lower case after "V/v"."""
    text = " ".join(text.split())
    return text[:1].upper() + text[1:] if text else text
