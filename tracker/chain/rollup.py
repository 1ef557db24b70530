"""Roll-up: an assignment a child directive answers takes its progress from the child's assignments.

    rollup(store, as_of) -> Mapping[int, Progress]      # every assignment of the store, by id
    Rollup(store, as_of, below=None)                     # the same, with what each roll-up counted:
        .of(aid) -> Progress; .kids(aid) -> [aid]; .row(aid) -> Row; .assignments_of(did) -> [aid]

Rules (everything judged as of `as_of`, nothing stored):

- A plain assignment stands on its own status: progress 1 when done (on
  time or late), 0 when open, None when cancelled ("không thực hiện": left
  out of every count).
- An assignment answered by a child directive (the parent's assignment to the
  child's issuer, see tracker/store/linking.py) counts the child's
  assignments of the tasks linked to its task, or, when no child task links
  to it, all the child's assignments (the directive as a whole answers it);
  recursively, down to the commune. It is done when all of them are done
  (late when the last was done after its own due date); overdue when any of
  them is, or its own due date has passed (days late counted from its own due
  date once that has passed, else the most of theirs); its progress is the
  mean of theirs.
- A status set by hand on an answered assignment (it needs a note: the store
  refuses one without) wins from the day it takes effect.
- Before the child directive exists (its date is after `as_of`) or when it
  has no assignment counted, the assignment stands on its own status.

Speed: the store judges every assignment as columns (`Store.state_columns`);
the answered ones are rolled up at once, a `Progress` for any other is made
when asked for. `below=` limits the work to some directives and the chain
under them (what `chain_tree` needs).
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Iterable, NamedTuple

from tracker.track import status as st
from tracker.track.assess import CANCELLED, CATEGORY_LABELS, LATE, NOT_DUE, ON_TIME, OVERDUE

OWN, ROLLUP, HAND = "own", "rollup", "hand"
_DONE = (ON_TIME, LATE)
_STATUSES = st.STATUSES


@dataclass(slots=True)
class Progress:
    """Where an assignment stands as of a day, rolled up from the chain below it when it is answered."""

    assignment_id: int
    status: str  # status key: its own, or derived (hoàn thành / đang thực hiện / chưa thực hiện)
    category: str  # on_time | late | not_due | overdue | cancelled
    progress: float | None  # 0..1; None when cancelled
    due: date | None
    days_late: int  # overdue: days past due; done late: days after due
    done_on: date | None
    source: str  # own | rollup | hand (a status set by hand wins over the roll-up)
    child_directive_id: int | None = None
    counted: int = 0  # roll-up: child assignments counted (cancelled ones are not)
    done: int = 0  # roll-up: of those, done
    basis: str | None = None  # roll-up: "tasks" (child tasks linked to this task) | "directive" (the whole child)

    @property
    def overdue(self) -> bool:
        return self.category == OVERDUE

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["due"] = self.due.isoformat() if self.due else None
        out["done_on"] = self.done_on.isoformat() if self.done_on else None
        out["status_label"] = st.label(self.status)
        out["category_label"] = CATEGORY_LABELS.get(self.category, self.category)
        return out


class Row(NamedTuple):
    """What the chain tree needs of an assignment besides its progress."""

    id: int
    directive_id: int
    task_id: int
    unit_key: str
    role: str  # lead | support
    child_directive_id: int | None


def _day(o: int) -> date | None:
    return date.fromordinal(o) if o else None


class Rollup:
    """The roll-up as of a day, of the whole store or of some directives and the chain below them."""

    def __init__(self, store: Any, as_of: date, *, below: Iterable[int] | None = None):
        self.as_of = as_of
        self.links = store.task_links()
        self.cols = self._columns(store, as_of, below)
        c = self.cols
        self.pos = {aid: k for k, aid in enumerate(c.aid)}
        # Child assignments (row positions) of the directives that answer something: all of them,
        # and by the parent task they carry out (through the task links).
        children = {d for d in c.child if d}
        links = self.links
        self.by_child: dict[int, list[int]] = {}
        self.by_parent_task: dict[tuple[int, int], list[int]] = {}
        for k, did in enumerate(c.did):
            if did in children:
                self.by_child.setdefault(did, []).append(k)
                for ptid in links.get(c.tid[k], ()):
                    self.by_parent_task.setdefault((did, ptid), []).append(k)
        self._memo: dict[int, Progress] = {}
        self._kids: dict[int, list[int]] = {}
        self._busy: set[int] = set()
        self._by_directive: dict[int, list[int]] | None = None
        for k, child in enumerate(c.child):
            if child:
                self._progress(k)

    @staticmethod
    def _columns(store: Any, as_of: date, below: Iterable[int] | None) -> Any:
        if below is None:
            return store.state_columns(as_of)
        # The directives under `below` by their parent links; then any a clerk linked to an
        # assignment of theirs by hand, until nothing is missing.
        kids: dict[int, list[int]] = {}
        for did, rec in store.directive_records().items():
            if rec.get("parent_id"):
                kids.setdefault(rec["parent_id"], []).append(did)
        want: set[int] = set()
        todo = list(below)
        while True:
            while todo:
                d = todo.pop()
                if d not in want:
                    want.add(d)
                    todo.extend(kids.get(d, []))
            cols = store.state_columns(as_of, directives=want)
            todo = [d for d in set(cols.child) if d and d not in want]
            if not todo:
                return cols

    # -- queries ----------------------------------------------------------------------------

    def of(self, aid: int) -> Progress:
        """The progress of one assignment (KeyError when it is not judged on that day)."""
        return self._progress(self.pos[aid])

    def kids(self, aid: int) -> list[int]:
        """The child assignments the roll-up of `aid` counted (empty unless it rolled up)."""
        k = self.pos[aid]
        self._progress(k)
        return [self.cols.aid[j] for j in self._kids.get(k, [])]

    def row(self, aid: int) -> Row:
        c = self.cols
        k = self.pos[aid]
        return Row(aid, c.did[k], c.tid[k], c.unit_keys[c.unit[k]], "support" if c.support[k] else "lead",
                   c.child[k] or None)

    def assignments_of(self, did: int) -> list[int]:
        """The ids of a directive's assignments judged on the day."""
        if self._by_directive is None:
            self._by_directive = {}
            for k, d in enumerate(self.cols.did):
                self._by_directive.setdefault(d, []).append(self.cols.aid[k])
        return self._by_directive.get(did, [])

    def linked(self, child: int, parent_task: int) -> list[int]:
        """The ids of the child directive's assignments whose tasks carry out `parent_task`."""
        return [self.cols.aid[k] for k in self.by_parent_task.get((child, parent_task), [])]

    def answered(self) -> dict[int, Progress]:
        """Every assignment a child directive answers, rolled up (or set by hand)."""
        return {self.cols.aid[k]: p for k, p in self._memo.items() if self.cols.child[k]}

    # -- work -------------------------------------------------------------------------------

    def _own(self, k: int, source: str = OWN) -> Progress:
        c = self.cols
        cat = c.category[k]
        prog = 1.0 if cat in _DONE else (None if cat == CANCELLED else 0.0)
        return Progress(c.aid[k], _STATUSES[c.status[k]], cat, prog, _day(c.due[k]), c.days_late[k],
                        _day(c.done_on[k]), source, c.child[k] or None)

    def _progress(self, k: int) -> Progress:
        p = self._memo.get(k)
        if p is None:
            p = self._memo[k] = self._compute(k)
        return p

    def _compute(self, k: int) -> Progress:
        c = self.cols
        child = c.child[k]
        if not child:
            return self._own(k)
        if c.hand_set[k]:
            return self._own(k, HAND)
        kids = self.by_parent_task.get((child, c.tid[k]))
        basis = "tasks"
        if not kids:
            kids, basis = self.by_child.get(child, []), "directive"
        if not kids or k in self._busy:
            return self._own(k)
        self._busy.add(k)
        try:
            counted: list[int] = []
            n = done = 0
            total = 0.0
            started = overdue = False
            kid_days = -1
            last_done = 0
            cat_, status_, days_, done_on_, child_ = c.category, c.status, c.days_late, c.done_on, c.child
            for j in kids:
                if j == k:
                    continue
                if child_[j]:  # itself rolled up (or set by hand)
                    p = self._progress(j)
                    cat, prog, code, days = p.category, p.progress, st.CODE.get(p.status, 0), p.days_late
                    d_on = p.done_on.toordinal() if p.done_on else 0
                else:
                    cat, code, days, d_on = cat_[j], status_[j], days_[j], done_on_[j]
                    prog = 1.0 if cat in _DONE else (None if cat == CANCELLED else 0.0)
                if prog is None:
                    continue
                counted.append(j)
                n += 1
                total += prog
                if cat in _DONE:
                    done += 1
                    if d_on > last_done:
                        last_done = d_on
                elif cat == OVERDUE:
                    overdue = True
                    if days > kid_days:
                        kid_days = days
                if code:
                    started = True
        finally:
            self._busy.discard(k)
        if not n:
            return self._own(k)
        self._kids[k] = counted
        due_o = c.due[k]
        due = _day(due_o)
        if done == n:
            late = bool(due_o and last_done and last_done > due_o)
            return Progress(c.aid[k], st.DONE, LATE if late else ON_TIME, 1.0, due,
                            last_done - due_o if late else 0, _day(last_done), ROLLUP, child, n, done, basis)
        # Days late: past its own due date when that has passed (what the issuer asked), else the
        # most overdue of the child assignments.
        a = self.as_of.toordinal()
        if due_o and a > due_o:
            days, overdue = a - due_o, True
        else:
            days = kid_days
        status = "dang_thuc_hien" if (started or total > 0) else st.INITIAL
        return Progress(c.aid[k], status, OVERDUE if overdue else NOT_DUE, total / n, due, max(days, 0), None,
                        ROLLUP, child, n, done, basis)


class RollupMap(Mapping[int, Progress]):
    """assignment id → Progress for every assignment judged on the day (others made when asked)."""

    def __init__(self, roll: Rollup):
        self.roll = roll

    def __getitem__(self, aid: int) -> Progress:
        return self.roll.of(aid)

    def __iter__(self) -> Iterator[int]:
        return iter(self.roll.cols.aid)

    def __len__(self) -> int:
        return len(self.roll.cols.aid)


def rollup(store: Any, as_of: date) -> Mapping[int, Progress]:
    """Every assignment judged as of `as_of` (id → Progress), answered ones rolled up from the chain below.

    The answered ones are rolled up here; `Rollup.answered()` lists them.
    """
    return RollupMap(Rollup(store, as_of))


def summarize(items: list[Progress], as_of: date) -> Progress:
    """Progress of a group (a task's or a directive's assignments): the same rules as a roll-up.

    `assignment_id` is 0; due is the latest due date among the group.
    """
    counted = [p for p in items if p.progress is not None]
    due = max((p.due for p in counted if p.due), default=None)
    if not counted:
        return Progress(0, st.CANCELLED if items else st.INITIAL, CANCELLED if items else NOT_DUE, None, due, 0, None, ROLLUP)
    n = len(counted)
    done = sum(1 for p in counted if p.category in _DONE)
    total = sum(p.progress for p in counted)  # type: ignore[misc]
    if done == n:
        done_on = max((p.done_on for p in counted if p.done_on), default=None)
        late = any(p.category == LATE for p in counted)
        return Progress(0, st.DONE, LATE if late else ON_TIME, 1.0, due,
                        max((p.days_late for p in counted if p.category == LATE), default=0), done_on, ROLLUP,
                        None, n, done)
    over = [p.days_late for p in counted if p.category == OVERDUE]
    started = total > 0 or any(p.status != st.INITIAL for p in counted)
    return Progress(0, "dang_thuc_hien" if started else st.INITIAL, OVERDUE if over else NOT_DUE,
                    total / n, due, max(over, default=0), None, ROLLUP, None, n, done)
