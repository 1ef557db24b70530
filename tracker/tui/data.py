"""What the screens show, composed from the store's public queries (no Textual here).

Each function takes the store and the day to judge on and returns plain
records; screens call them inside thread workers and only render the result.
Where the store has no query for a view (the area tree, per-task counts, the
chain before `tracker.chain` exists) it is composed here from `directives()`,
`units()`, `states()`, `assignments()`, `tasks()` so that the TUI and the CLI
read through the same layer. The store answers the rest itself: directive ids
of a unit (`directive_ids`), an area's units (`AssignmentFilter.area`), the
indicators' counts (`indicator_counts`), each without judging or building
more than the view needs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable

from tracker.store import AssignmentFilter, AssignmentRow, DirectiveRow, TaskRecord, UnitCounts, UnitRecord
from tracker.store import in_area as store_in_area
from tracker.text import fold
from tracker.track.assess import CANCELLED, LATE, NOT_DUE, ON_TIME, OVERDUE

LEVEL_ORDER = {"central": 0, "province": 1, "district": 2, "commune": 3}


# -- areas: province → district → commune ------------------------------------------


def admin_path(unit_id: str) -> list[str]:
    """The administrative ids a unit hangs from, outermost first, ending with the unit itself.

    "2022:p30.d298/phong-tu-phap" → ["2022:p30", "2022:p30.d298", "2022:p30.d298/phong-tu-phap"].
    Unit ids spell their ancestry (tracker.units), so no hierarchy is loaded.
    """
    from tracker.units import split_id

    admin, sep, _rest = split_id(unit_id)
    head, colon, body = admin.partition(":")
    if not colon:
        return [unit_id]
    parts = body.split(".")
    out = [f"{head}:{'.'.join(parts[: i + 1])}" for i in range(len(parts))]
    if sep:
        out.append(unit_id)
    return out


def in_area(unit_id: str | None, area: str) -> bool:
    """True when `unit_id` is the area itself or hangs from it (the store's definition, which its area filter uses)."""
    return store_in_area(unit_id, area)


@dataclass
class AreaNode:
    """A node of the home screen's tree: an administrative unit with the directives issued in it."""

    id: str
    name: str
    level: str | None
    directives: list[int] = field(default_factory=list)  # issued by this unit (or one of its agencies)
    children: list["AreaNode"] = field(default_factory=list)
    total: int = 0  # directives issued here and below
    overdue: int = 0  # their overdue assignments

    def walk(self) -> Iterable["AreaNode"]:
        yield self
        for c in self.children:
            yield from c.walk()


class UnitNames:
    """Names of unit ids: the store's unit records first, then the hierarchy, then the id."""

    def __init__(self, units: Iterable[UnitRecord]):
        self.records = {u.key: u for u in units}

    def name(self, uid: str) -> str:
        rec = self.records.get(uid)
        if rec is not None:
            return rec.name
        try:
            from tracker.units import get_hierarchy, structure_of

            return get_hierarchy(structure_of(uid)).get(uid).name
        except Exception:  # not a unit of a known structure (e.g. synthetic data)
            return uid

    def level(self, uid: str) -> str | None:
        rec = self.records.get(uid)
        if rec is not None and rec.level:
            return rec.level
        try:
            from tracker.units import level_of

            return level_of(uid)
        except Exception:
            return None


def issuer_name(written: str | None, issuer_id: str | None) -> str:
    """The issuer as the units catalogue spells it ("UBND tỉnh Hưng Yên" for a copy's "UBND tỉnh Hung Yên");
    the name as written when it was not resolved or the catalogue cannot tell how to spell it."""
    written = written or ""
    if not issuer_id:
        return written
    try:
        from tracker.units import get_hierarchy, structure_of

        unit = get_hierarchy(structure_of(issuer_id)).get(issuer_id)
    except Exception:  # not a unit of a known structure (e.g. synthetic data)
        return written
    place = unit.short or unit.name
    words, n = written.split(), len(place.split())
    if len(words) >= n and fold(" ".join(words[-n:])) == fold(place):
        return " ".join(words[:-n] + [place])  # the written name, the place spelled right
    if unit.is_admin and fold(written).startswith(("ubnd", "uy ban nhan dan")):
        return f"UBND {unit.type.lower()} {place}"
    return written


UNKNOWN_AREA = "?"
FORMER_MARK = " (cũ)"  # a pre-2025 district or commune in a store that also holds 2025 data


def _province_bodies(rows: Iterable[DirectiveRow]) -> dict[str, str]:
    """In a store holding both structures (by its issuers): each pre-2025 province → the 2025 province
    that took it over, so one province shows once (tracker/track/bodies.py); {} otherwise."""
    from tracker.track.bodies import is_mixed

    issuers = [r.issuer_id for r in rows if r.issuer_id]
    if not is_mixed(issuers):
        return {}
    from tracker.units.succession import get_succession

    out: dict[str, str] = {}
    for uid in issuers:
        if uid.startswith("2022:"):
            p = admin_path(uid)[0]
            if p not in out:
                out[p] = get_succession().current(p) or p
    return out


def _area_path(uid: str, bodies: dict[str, str]) -> list[str]:
    path = admin_path(uid)
    if path and path[0] in bodies:
        path = [bodies[path[0]]] + path[1:]
    return path


def area_tree(rows: list[DirectiveRow], names: UnitNames) -> AreaNode:
    """Directives placed under their issuer: tỉnh → (huyện →) xã, agencies under their unit.

    2025 data has two levels (province → commune, phường and đặc khu named as such). In a store that
    also holds pre-2025 data, a pre-2025 province sits in the 2025 province that took it over (one node
    per province), its districts and communes under it marked "(cũ)".
    """
    root = AreaNode("", "Tất cả", None)
    nodes: dict[str, AreaNode] = {}
    bodies = _province_bodies(rows)

    def node(uid: str, parent: AreaNode) -> AreaNode:
        found = nodes.get(uid)
        if found is None:
            name = names.name(uid)
            if bodies and uid.startswith("2022:") and "." in uid:
                name += FORMER_MARK
            found = nodes[uid] = AreaNode(uid, name, names.level(uid))
            parent.children.append(found)
        return found

    for r in rows:
        if r.issuer_id:
            path = _area_path(r.issuer_id, bodies)
            # An agency's directive sits under its administrative unit.
            admin = [p for p in path if "/" not in p and "#" not in p] or path
        else:
            admin = [UNKNOWN_AREA]
        parent = root
        for uid in admin:
            if uid == UNKNOWN_AREA:
                parent = nodes.get(uid) or node(uid, root)
                parent.name = "Chưa xác định cơ quan ban hành"
            else:
                parent = node(uid, parent)
        if parent.name == parent.id and r.issuer and r.issuer_id == parent.id:
            parent.name = r.issuer  # a unit no table names: as the directive writes it
        parent.directives.append(r.id)

    by_id = {r.id: r for r in rows}

    def total(n: AreaNode) -> tuple[int, int]:
        t, o = len(n.directives), sum(by_id[d].overdue for d in n.directives)
        for c in n.children:
            ct, co = total(c)
            t, o = t + ct, o + co
        n.total, n.overdue = t, o
        n.children.sort(key=lambda c: (LEVEL_ORDER.get(c.level or "", 9), fold(c.name)))
        return t, o

    total(root)
    return root


def area_choices(units: Iterable[UnitRecord], rows: Iterable[DirectiveRow] = ()) -> list[tuple[str, str]]:
    """(label, id) of the provinces, districts and communes the data names, for the area filters.

    A commune reads with its province ("Phường Sơn Nam — Tỉnh Hưng Yên"): names repeat across provinces.
    A pre-2025 province whose successor is there too is left out: the successor's area holds its work.
    """
    names = UnitNames(units)
    rows = list(rows)
    seen: dict[str, str] = {}
    ids = [u.id for u in names.records.values() if u.id] + [r.issuer_id for r in rows if r.issuer_id]
    merged = {old for old, new in _province_bodies(rows).items() if new != old}
    for uid in ids:
        for p in admin_path(uid):
            if "/" in p or "#" in p or p in seen or p in merged:
                continue
            lvl = names.level(p)
            if lvl in ("province", "district"):
                seen[p] = names.name(p)
            elif lvl == "commune":
                seen[p] = f"{names.name(p)} — {names.name(admin_path(p)[0])}"
    return sorted(((name, uid) for uid, name in seen.items()), key=lambda x: (x[1].count("."), fold(x[0])))


# -- home: the directive list ---------------------------------------------------------

STATUS_FILTERS: dict[str, str] = {
    "overdue": "có việc quá hạn",
    "open": "chưa hoàn thành hết",
    "done": "đã hoàn thành hết",
    "empty": "chưa có phân công",
}


def directive_matches(r: DirectiveRow, text: str) -> bool:
    """Search over number, issuer, subject and parent reference, diacritics and case ignored."""
    if not text:
        return True
    hay = fold(" ".join(x for x in (r.label, r.issuer, r.subject, r.parent_ref, r.doc_type) if x))
    return all(word in hay for word in fold(text).split())


def filter_directives(
    rows: list[DirectiveRow],
    *,
    text: str = "",
    level: str | None = None,
    status: str | None = None,
    area: str | None = None,
    only: set[int] | None = None,
) -> list[DirectiveRow]:
    out = []
    bodies = _province_bodies(rows) if area else {}
    for r in rows:
        if level and r.level != level:
            continue
        if area and not (in_area(r.issuer_id, area) or (area == UNKNOWN_AREA and not r.issuer_id)
                         or (bodies and r.issuer_id and area in _area_path(r.issuer_id, bodies))):
            continue
        if only is not None and r.id not in only:
            continue
        if status == "overdue" and not r.overdue:
            continue
        if status == "open" and not (r.assignments and r.done_pct < 100):
            continue
        if status == "done" and not (r.assignments and r.done_pct >= 100):
            continue
        if status == "empty" and r.assignments:
            continue
        if not directive_matches(r, text):
            continue
        out.append(r)
    return out


def directives_for_unit(store: Any, text: str) -> set[int]:
    """Ids of the directives that assign work to a unit whose name (or id) contains `text`, whatever the day."""
    return store.directive_ids(AssignmentFilter(unit=text))


# -- counts by category ------------------------------------------------------------------


def done_pct(counts: dict[str, int]) -> float | None:
    """Done (on time or late) among assignments not cancelled, in %; None when there are none."""
    counted = sum(counts.values()) - counts.get(CANCELLED, 0)
    if not counted:
        return None
    return 100.0 * (counts.get(ON_TIME, 0) + counts.get(LATE, 0)) / counted


class Counted:
    """Assignments by official category (`counts`), and what the screens show from them."""

    counts: dict[str, int]

    def add(self, category: str) -> None:
        self.counts[category] = self.counts.get(category, 0) + 1

    @property
    def assignments(self) -> int:
        return sum(self.counts.values())

    @property
    def overdue(self) -> int:
        return self.counts.get(OVERDUE, 0)

    @property
    def done_pct(self) -> float | None:
        return done_pct(self.counts)


# -- one directive: its tasks with counts ------------------------------------------------


@dataclass
class TaskSummary(Counted):
    task: TaskRecord
    counts: dict[str, int] = field(default_factory=dict)


def task_summaries(store: Any, did: int, as_of: date) -> list[TaskSummary]:
    per: dict[int, TaskSummary] = {t.id: TaskSummary(t) for t in store.tasks(did)}
    for s in store.states(as_of, AssignmentFilter(directive=did)):
        ts = per.get(s.task_id)
        if ts is None:
            continue
        ts.add(s.category)
    return list(per.values())


# -- the overdue board ------------------------------------------------------------------------


def board(store: Any, as_of: date, *, level: str | None = None, area: str | None = None,
          only_overdue: bool = True) -> list[UnitCounts]:
    """Units ranked by overdue assignments and days late, of a level and within an area."""
    rows = store.unit_counts(as_of, AssignmentFilter(level=level, area=area or None))
    if only_overdue:
        rows = [u for u in rows if u.overdue]
    return rows


def totals(rows: Iterable[UnitCounts]) -> UnitCounts:
    """The sum of unit counts (the board's footer: four categories and ageing)."""
    t = UnitCounts(unit_key="", unit="Tổng", unit_id=None, level=None)
    for u in rows:
        for f in ("total", "on_time", "late", "not_due", "overdue", "cancelled", "days_late",
                  "over_30", "over_60", "over_120"):
            setattr(t, f, getattr(t, f) + getattr(u, f))
        t.max_days_late = max(t.max_days_late, u.max_days_late)
    return t


# -- task texts for lists asked without them ------------------------------------------------------


class TaskTexts:
    """Task texts by id, read one directive at a time (lists are queried `with_text=False`)."""

    def __init__(self, store: Any):
        self.store = store
        self.texts: dict[int, str] = {}
        self.read: set[int] = set()

    def fill(self, rows: Iterable[AssignmentRow]) -> None:
        for r in rows:
            if r.task or r.directive_id in self.read:
                continue
            self.read.add(r.directive_id)
            self.texts.update(self.store.task_texts(r.directive_id))
        for r in rows:
            if not r.task:
                r.task = self.texts.get(r.task_id, "")


# -- the meeting list ---------------------------------------------------------------------------

SECTIONS = (
    ("overdue", "Quá hạn"),
    ("due_soon", "Đến hạn trong {days} ngày tới"),
    ("done", "Đã hoàn thành từ {since}"),
)
DUE_SOON_DAYS = 14


@dataclass
class IndicatorStake:
    """Decision 766 points a meeting list puts at stake: the groups and indicators of its open work."""

    group: int
    code: str
    name: str
    points: float  # points of the indicators at stake within the group
    group_points: float
    indicators: list[str] = field(default_factory=list)  # "06", "07"


@dataclass
class Meeting:
    day: date
    since: date
    sections: dict[str, list[AssignmentRow]]
    stakes: list[IndicatorStake]
    units: int = 0
    directives: int = 0


def meeting(store: Any, day: date, since: date, *, directive: int | None = None, unit: str | None = None,
            days: int = DUE_SOON_DAYS) -> Meeting:
    """What the chair brings to a meeting on `day`: overdue, due in the next `days` days, done since `since`.

    Two store queries (what is open and urgent; what was done since): only
    the rows the sections show are built and sorted, not every assignment
    of the store. Within a section, rows the section's order ties keep the
    store's order (directive, task, unit).
    """
    scope = dict(directive=directive, unit=unit)
    urgent = store.assignments(day, AssignmentFilter(overdue=True, due_within=days, **scope), with_text=False)
    done = store.assignments(day, AssignmentFilter(done_since=since, **scope), with_text=False)
    sections: dict[str, list[AssignmentRow]] = {
        "overdue": [r for r in urgent if r.category == OVERDUE],
        "due_soon": [r for r in urgent if r.category == NOT_DUE],
        "done": done,
    }
    sections["overdue"].sort(key=lambda r: -r.days_late)
    sections["due_soon"].sort(key=lambda r: r.due or date.max)
    sections["done"].sort(key=lambda r: r.done_on or date.min, reverse=True)
    open_rows = sections["overdue"] + sections["due_soon"]
    every = open_rows + sections["done"]
    return Meeting(
        day=day, since=since, sections=sections, stakes=stakes(r.indicators for r in open_rows),
        units=len({r.unit_key for r in every}), directives=len({r.directive_id for r in every}),
    )


def stakes(indicator_lists: Iterable[list[int]]) -> list[IndicatorStake]:
    """The 766 groups and points the given indicator links touch (each indicator counted once)."""
    ids = sorted({i for lst in indicator_lists for i in lst})
    if not ids:
        return []
    from tracker.extract.indicators import load_catalogue

    cat = load_catalogue()
    out: dict[int, IndicatorStake] = {}
    for i in ids:
        if not 1 <= i <= len(cat.indicators):
            continue
        ind = cat.indicator(i)
        g = cat.group(ind.group)
        s = out.get(g.id)
        if s is None:
            s = out[g.id] = IndicatorStake(g.id, g.code, g.name, 0.0, g.points)
        s.points += ind.points
        s.indicators.append(ind.code)
    return [out[k] for k in sorted(out)]


def default_since(day: date) -> date:
    """The last meeting, if nobody says otherwise: a month before."""
    return day - timedelta(days=30)


def group_rows(rows: list[AssignmentRow], by: str) -> list[tuple[str, list[AssignmentRow]]]:
    """Rows grouped by directive or by unit, groups in order of first appearance."""
    groups: dict[str, list[AssignmentRow]] = {}
    for r in rows:
        key = r.directive if by == "directive" else r.unit
        groups.setdefault(key, []).append(r)
    return list(groups.items())


# -- indicators ------------------------------------------------------------------------------------


@dataclass
class IndicatorSummary(Counted):
    id: int
    code: str
    name: str
    group: int
    points: float
    counts: dict[str, int] = field(default_factory=dict)  # assignments of linked tasks by category
    per_task: dict[int, dict[str, int]] = field(default_factory=dict)  # task id → counts
    directive_of: dict[int, int] = field(default_factory=dict)  # task id → directive id
    path_of: dict[int, str] = field(default_factory=dict)  # task id → its place in the outline

    @property
    def tasks(self) -> int:
        return len(self.per_task)

    @property
    def directives(self) -> int:
        return len(set(self.directive_of.values()))


def indicator_summaries(store: Any, as_of: date) -> tuple[Any, list[IndicatorSummary]]:
    """The catalogue and, per indicator, the tasks linked to it and their assignments by category."""
    from tracker.extract.indicators import load_catalogue

    cat = load_catalogue()
    out = {ind.id: IndicatorSummary(ind.id, ind.code, ind.name, ind.group, ind.points) for ind in cat.indicators}
    for line in store.indicator_counts(as_of):
        s = out.get(line.indicator)
        if s is None:  # a number the catalogue does not have
            continue
        s.counts = dict(line.counts)
        for t in line.tasks:
            s.per_task[t.task_id] = dict(t.counts)
            s.directive_of[t.task_id] = t.directive_id
            s.path_of[t.task_id] = t.path
    return cat, [out[k] for k in sorted(out)]


@dataclass
class TaskLine:
    """What the indicators screen shows of a linked task (and opens it by)."""

    id: int
    directive_id: int
    path: str
    text: str


@dataclass
class TaskState(Counted):
    """A task linked to an indicator, with where its assignments stand."""

    task: TaskLine
    directive: str
    counts: dict[str, int]


def indicator_tasks(store: Any, summary: IndicatorSummary, limit: int = 500) -> list[TaskState]:
    """The tasks linked to one indicator, most overdue first, with their texts.

    Texts come from `task_texts` (kept by the store per directive file), not
    from every task record: the tasks of one indicator span most directives.
    """
    from tracker.store import directive_label

    per = summary.per_task
    out = []
    records: dict[int, Any] | None = None
    labels: dict[int, str] = {}
    texts: dict[int, dict[int, str]] = {}
    for tid in sorted(per, key=lambda t: (-per[t].get(OVERDUE, 0), summary.directive_of[t], t))[:limit]:
        did = summary.directive_of[tid]
        if did not in texts:
            texts[did] = store.task_texts(did)
            if records is None:
                records = store.directive_records()
            labels[did] = directive_label(records.get(did) or {})
        if tid in texts[did]:
            out.append(TaskState(TaskLine(tid, did, summary.path_of.get(tid, ""), texts[did][tid]), labels[did], per[tid]))
    return out


# -- the chain ----------------------------------------------------------------------------------------


@dataclass
class ChainNode:
    """The shape `tracker.chain.chain_tree` returns, built from the store while that module is missing.

    Extra fields (`directive_id`, `task_id`, `assignment_id`) let the screen open what a node names.
    """

    kind: str  # directive | task | assignment
    label: str
    unit_id: str | None = None
    unit_name: str | None = None
    level: str | None = None
    status: str | None = None
    due: date | None = None
    days_late: int = 0
    progress: float | None = None
    category: str | None = None
    children: list["ChainNode"] = field(default_factory=list)
    directive_id: int | None = None
    task_id: int | None = None
    assignment_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "label": self.label, "unit_id": self.unit_id, "unit_name": self.unit_name,
            "level": self.level, "status": self.status, "due": self.due.isoformat() if self.due else None,
            "days_late": self.days_late, "progress": self.progress,
            "children": [c.to_json() for c in self.children],
        }


def chain(store: Any, did: int, as_of: date, directives: list[DirectiveRow] | None = None,
          task_id: int | None = None) -> tuple[Any, bool]:
    """The chain tree below a directive (or one of its tasks), and whether it came from `tracker.chain`.

    With `tracker.chain` (issue "The chain") the tree carries rolled-up
    progress; without it, the links the store holds are drawn as they are.
    """
    try:
        from tracker.chain import chain_tree  # type: ignore[import-not-found]
    except ImportError:
        return store_chain(store, did, as_of, directives=directives), False
    return chain_tree(store, f"t{task_id}" if task_id is not None else did, as_of=as_of), True


def store_chain(store: Any, did: int, as_of: date, *, directives: list[DirectiveRow] | None = None,
                _seen: set[int] | None = None, depth: int = 0) -> ChainNode:
    """Directive → tasks → assignments, with the directives that carry an assignment out under it.

    Only the links already stored are followed (`child_directive_id`, and a
    child directive's `parent_id`); no roll-up: a linked assignment shows its
    own status.
    """
    seen = set(_seen or ()) | {did}
    d = store.directive(did)
    from tracker.store import directive_label

    rows = store.assignments(as_of, AssignmentFilter(directive=did), with_text=False)
    counted = [r for r in rows if r.category != CANCELLED]
    done = sum(r.category in (ON_TIME, LATE) for r in counted)
    top = ChainNode(
        "directive", f"{directive_label(d)} — {d.get('issuer') or ''}".strip(" —"),
        unit_id=d.get("issuer_id"), unit_name=d.get("issuer"), level=d.get("level"),
        progress=done / len(counted) if counted else None, directive_id=did,
        days_late=max((r.days_late for r in rows if r.category == OVERDUE), default=0),
    )
    by_task: dict[int, list[AssignmentRow]] = {}
    for r in rows:
        by_task.setdefault(r.task_id, []).append(r)
    linked: set[int] = set()
    for t in store.tasks(did):
        ars = by_task.get(t.id, [])
        cnt = [r for r in ars if r.category != CANCELLED]
        tn = ChainNode(
            "task", f"{t.path} {t.text}".strip(), progress=(sum(r.category in (ON_TIME, LATE) for r in cnt) / len(cnt)) if cnt else None,
            directive_id=did, task_id=t.id, due=min((r.due for r in ars if r.due), default=None),
            days_late=max((r.days_late for r in ars if r.category == OVERDUE), default=0),
        )
        for r in ars:
            an = ChainNode(
                "assignment", r.unit, unit_id=r.unit_id, unit_name=r.unit, level=r.unit_level, status=r.status,
                due=r.due, days_late=r.days_late if r.category == OVERDUE else 0, category=r.category,
                progress=1.0 if r.category in (ON_TIME, LATE) else 0.0 if r.category != CANCELLED else None,
                directive_id=did, task_id=t.id, assignment_id=r.id,
            )
            child = r.child_directive_id
            if child and child not in seen and depth < 6:
                linked.add(child)
                an.children.append(store_chain(store, child, as_of, _seen=seen, depth=depth + 1))
            tn.children.append(an)
        top.children.append(tn)
    # Directives linked to this one as their parent but to no assignment yet.
    if depth == 0:
        for r in directives if directives is not None else store.directives(as_of):
            if r.parent_id == did and r.id not in linked and r.id not in seen:
                top.children.append(store_chain(store, r.id, as_of, _seen=seen, depth=depth + 1))
    return top


def find_task_node(node: Any, task_id: int, path: str = "") -> Any | None:
    """The node of a task in a chain tree: by its id when the node carries one, else by its outline path."""
    if getattr(node, "kind", None) == "task":
        tid = getattr(node, "task_id", None)
        if tid == task_id or (tid is None and path and str(getattr(node, "label", "")).startswith(path + " ")):
            return node
    for c in getattr(node, "children", []) or []:
        found = find_task_node(c, task_id, path)
        if found is not None:
            return found
    return None
