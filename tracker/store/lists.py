"""Lists of judged assignments: rows for screens and exports, light states, columns for the roll-up.

Each judged row is a `Judged` record (row position, due, category, days
late, replayed state); `_make_rows` turns the ones a screen shows into
AssignmentRows, looking up what rows share only once.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Iterable, Iterator, NamedTuple

from tracker.errors import InputError
from tracker.store.core import reader
from tracker.store.filters import AssignmentFilter
from tracker.store.index import FLAG_HAND_SET, FLAG_REMOVED, FLAG_SUPPORT, FLAG_UNRESOLVED, T_DEADLINE, T_INDICATORS, T_ORDER, T_PATH
from tracker.store.gcpause import gc_paused
from tracker.store.records import AssignmentRow, AssignmentState, Judged, StateColumns, directive_label
from tracker.text import fold
from tracker.track import status as st
from tracker.track.assess import LATE, NOT_DUE, ON_TIME, OVERDUE

_STATUS_KEYS = st.STATUSES


class _UnitShown(NamedTuple):
    """How a unit code is shown in rows (its current body's name when a pre-2025 unit was taken over)."""

    name: str
    key: str
    id: str | None
    level: str | None
    former: str | None


class _TaskShown(NamedTuple):
    path: str
    indicators: list[int]
    deadline: Any


class Lists:
    """List reads of `tracker.store.Store` (mixed into it through Queries)."""

    def _picked(self, as_of: date, flt: AssignmentFilter, rows: list[int] | None = None) -> list[Judged]:
        """`_judge` over the rows `flt` selects (or `rows`, already selected), with the filters that depend on the day applied."""
        with gc_paused():
            return [Judged(*j) for j in self._passing(as_of, flt, rows)]

    def _passing(self, as_of: date, flt: AssignmentFilter, rows: list[int] | None = None) -> Iterator[tuple[int, int, str, int, Any]]:
        """What `_picked` lists, as the plain tuples `_judge` yields (row, due, category, days late, state):
        the counts go over every row and need no record of each."""
        cats = None
        if flt.category:
            cats = {flt.category} if isinstance(flt.category, str) else set(flt.category)
        a = as_of.toordinal()
        horizon = a + flt.due_within if flt.due_within is not None else None
        urgent = flt.overdue or horizon is not None
        since = flt.done_since.toordinal() if flt.done_since else None
        if cats is None and not urgent and since is None:
            yield from self._judge(as_of, self._rows(flt) if rows is None else rows)
            return
        done_col = self.index().cols["done_on"]
        for j in self._judge(as_of, self._rows(flt) if rows is None else rows):
            i, due, cat, _days, state = j
            if cats is not None and cat not in cats:
                continue
            # --overdue and --due-within together: what needs attention, late or soon due.
            if urgent and not (
                (flt.overdue and cat == OVERDUE)
                or (horizon is not None and cat == NOT_DUE and due and due <= horizon)
            ):
                continue
            if since is not None and not (cat in (ON_TIME, LATE) and (done_col[i] if state is None else state.done_on) >= since):
                continue
            yield j

    @reader
    def assignments(
        self,
        as_of: date,
        flt: AssignmentFilter | None = None,
        *,
        with_text: bool = True,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[AssignmentRow]:
        """Assignments that pass `flt`, judged as of `as_of`, in directive and task order.

        `with_text=False` leaves `task` empty (no directive file is read: fast
        for large lists); `limit`/`offset` page through the sorted result.
        """
        flt = flt or AssignmentFilter()
        picked = self._sorted(self._picked(as_of, flt))
        if offset or limit is not None:
            picked = picked[offset : None if limit is None else offset + limit]
        texts: dict[int, str] = {}
        if with_text:
            did_col = self.index().cols["did"]
            for did in sorted({did_col[p.row] for p in picked}):
                texts.update(self._task_texts(did))
        with gc_paused():
            return self._make_rows(picked, texts)

    def _sorted(self, picked: list[Judged]) -> list[Judged]:
        """Judged rows in directive and task order, lead before support, then by unit name.

        Each row's place is one small int (task rank, role, unit rank): a list
        of ints sorts several times faster than one of tuples, and the sort
        holds the interpreter lock throughout (the TUI's screen freezes).
        """
        if len(picked) < 2:
            return picked
        idx = self.index()
        task_col, unit_col, flags_col, did_col = idx.cols["tid"], idx.cols["unit"], idx.cols["flags"], idx.cols["did"]
        tasks = idx.tasks
        directive_of: dict[int, int] = {}
        for p in picked:
            t = task_col[p.row]
            if t not in directive_of:
                directive_of[t] = did_col[p.row]  # a task belongs to one directive
        order = sorted(directive_of, key=lambda t: (directive_of[t], (tasks.get(t) or (0,) * 6)[T_ORDER], t))
        task_rank = {t: r for r, t in enumerate(order)}
        unit_rank = _unit_ranks(idx.unit_keys, self._unit_docs())
        n = len(unit_rank)
        keys = [(task_rank[task_col[i]] * 2 + (1 if flags_col[i] & FLAG_SUPPORT else 0)) * n + unit_rank[unit_col[i]]
                for i in [p.row for p in picked]]
        return [picked[k] for k in sorted(range(len(picked)), key=keys.__getitem__)]

    def _make_rows(self, picked: list[Judged], texts: dict[int, str]) -> list[AssignmentRow]:
        """AssignmentRows of judged rows; what rows share (a directive's label, a unit's names) is looked up once."""
        idx = self.index()
        cols = idx.cols
        aid_col, did_col, tid_col, unit_col = cols["aid"], cols["did"], cols["tid"], cols["unit"]
        flags_col, child_col, status_col = cols["flags"], cols["child"], cols["status"]
        status_on_col, done_col, event_col, report_col = cols["status_on"], cols["done_on"], cols["event_on"], cols["report_on"]
        tasks, keys = idx.tasks, idx.unit_keys
        units, directives = self._unit_docs(), self._directive_docs()
        bodies = self._bodies()
        labels: dict[int, str] = {}
        unit_info: dict[int, _UnitShown] = {}
        task_info: dict[int, _TaskShown] = {}
        days = Days()
        new = object.__new__
        out = []
        append = out.append
        for i, due, cat, late, state in picked:
            did, tid, code, flags = did_col[i], tid_col[i], unit_col[i], flags_col[i]
            label = labels.get(did)
            if label is None:
                label = labels[did] = directive_label(directives.get(did) or {})
            u = unit_info.get(code)
            if u is None:
                key = keys[code]
                shown = bodies(key) if bodies.mixed else None
                if shown is not None and shown.former:
                    u = unit_info[code] = _UnitShown(shown.label, shown.key, shown.id, shown.level, shown.former)
                else:
                    doc = units.get(key) or {"name": key.lstrip("?"), "id": None, "level": None}
                    u = unit_info[code] = _UnitShown(doc.get("name") or key, key, doc.get("id"), doc.get("level"), None)
            t = task_info.get(tid)
            if t is None:
                entry = tasks.get(tid) or [0, None, [], 0, "", 0]
                t = task_info[tid] = _TaskShown(entry[T_PATH], entry[T_INDICATORS] or [], entry[T_DEADLINE])
            if state is None:
                status_code, done, ev, rep, status_on = status_col[i], done_col[i], event_col[i], report_col[i], status_on_col[i]
            else:
                status_code, done, ev, rep = state
                status_on = rep
            # Fields by name without calling __init__ with 25 keywords (twice as slow at 150,000 rows);
            # tests/test_store_queries.py checks that every field of AssignmentRow is set.
            row = new(AssignmentRow)
            row.__dict__ = {
                "id": aid_col[i], "directive_id": did, "directive": label, "task_id": tid, "task_path": t.path,
                "task": texts.get(tid, ""), "unit": u.name, "unit_key": u.key, "unit_id": u.id, "unit_level": u.level,
                "role": "support" if flags & FLAG_SUPPORT else "lead", "status": _STATUS_KEYS[status_code],
                "status_on": days[status_on], "done_on": days[done], "event_on": days[ev], "last_report": days[rep],
                "due": days[due], "category": cat, "days_late": late, "indicators": list(t.indicators),
                "unresolved": bool(flags & FLAG_UNRESOLVED), "removed": bool(flags & FLAG_REMOVED),
                "child_directive_id": child_col[i] or None, "deadline": t.deadline, "unit_former": u.former,
            }
            append(row)
        return out

    @reader
    def states(self, as_of: date, flt: AssignmentFilter | None = None) -> list[AssignmentState]:
        """Every assignment that passes `flt` judged as of a day, in id order, as light tuples.

        The fast way to go over the whole store (150,000 assignments in a few
        hundred ms): no texts, no sorting; `unit_key` names the unit (see
        `units()`), `category` is one of the official categories or "cancelled".
        """
        flt = flt or AssignmentFilter()
        idx = self.index()
        cols = idx.cols
        aid_col, did_col, tid_col, unit_col = cols["aid"], cols["did"], cols["tid"], cols["unit"]
        flags_col, status_col, child_col = cols["flags"], cols["status"], cols["child"]
        done_col, status_on_col = cols["done_on"], cols["status_on"]
        keys = idx.unit_keys
        a = as_of.toordinal()
        out = []
        append = out.append
        day = Days()
        judged = self._picked(as_of, flt)
        judged.sort(key=lambda p: p.row)
        with gc_paused():
            for i, due, cat, days, state in judged:
                code = status_col[i] if state is None else state.status
                done = (done_col[i] if state is None else state.done_on) if cat in (ON_TIME, LATE) else 0
                f = flags_col[i]
                append(AssignmentState(
                    id=aid_col[i], directive_id=did_col[i], task_id=tid_col[i], unit_key=keys[unit_col[i]],
                    role="support" if f & FLAG_SUPPORT else "lead", status=_STATUS_KEYS[code], category=cat,
                    due=day[due], days_late=days, child_directive_id=child_col[i] or None,
                    hand_set=bool(f & FLAG_HAND_SET) and 0 < status_on_col[i] <= a, done_on=day[done],
                ))
        return out

    @reader
    def directive_ids(self, flt: AssignmentFilter | None = None, as_of: date | None = None) -> set[int]:
        """Ids of the directives with at least one assignment that passes `flt`.

        Without `as_of` nothing is judged (one pass over the index columns,
        whatever the directives' dates): `flt` may then only hold what needs
        no day (unit, area, level, role, status, indicator, directive,
        include_removed). With `as_of` any filter goes, judged as `states()` does.
        """
        flt = flt or AssignmentFilter()
        did_col = self.index().cols["did"]
        if as_of is not None:
            return {did_col[j[0]] for j in self._passing(as_of, flt)}
        if not flt.day_independent():
            raise ValueError("directive_ids: category, overdue, due_within and done_since need as_of")
        return {did_col[i] for i in self._rows(flt)}

    @reader
    def state_columns(self, as_of: date, *, directives: Iterable[int] | None = None) -> StateColumns:
        """Every assignment (or those of `directives`) judged as of a day, as columns: the chain's roll-up.

        Like `states()` without building one object per assignment (the roll-up
        of a province-year needs only a few thousand of them). Removed
        assignments and directives issued after the day are left out.
        """
        idx = self.index()
        cols = idx.cols
        did_col, flags_col = cols["did"], cols["flags"]
        if directives is None:
            rows = [i for i, f in enumerate(flags_col) if not f & FLAG_REMOVED]
        else:
            want = {int(d) for d in directives}
            rows = [i for i, d in enumerate(did_col) if d in want and not flags_col[i] & FLAG_REMOVED]
        aid_col, tid_col, unit_col, status_col = cols["aid"], cols["tid"], cols["unit"], cols["status"]
        child_col, done_col, status_on_col = cols["child"], cols["done_on"], cols["status_on"]
        a = as_of.toordinal()
        out = StateColumns(aid=[], did=[], tid=[], unit=[], support=[], status=[], category=[], due=[], days_late=[],
                           child=[], hand_set=[], done_on=[], unit_keys=list(idx.unit_keys))
        for i, due, cat, days, state in self._judge(as_of, rows):
            f = flags_col[i]
            out.aid.append(aid_col[i])
            out.did.append(did_col[i])
            out.tid.append(tid_col[i])
            out.unit.append(unit_col[i])
            out.support.append(bool(f & FLAG_SUPPORT))
            out.status.append(status_col[i] if state is None else state.status)
            out.category.append(cat)
            out.due.append(due)
            out.days_late.append(days)
            out.child.append(child_col[i])
            out.hand_set.append(bool(f & FLAG_HAND_SET) and 0 < status_on_col[i] <= a)
            out.done_on.append((done_col[i] if state is None else state.done_on) if cat in (ON_TIME, LATE) else 0)
        return out

    @reader
    def assignment(self, aid: int, as_of: date) -> AssignmentRow:
        """One assignment as of a day, with its task's text. Raises InputError for an unknown id."""
        idx = self.index()
        i = idx.row(int(aid))
        if i is None:
            raise InputError(f"không có phân công nào mang mã {aid} (`tracker tasks` liệt kê các phân công)")
        judged = [Judged(*j) for j in self._judge(as_of, [i])]
        if not judged:  # its directive is dated after the day: judge it as not yet due
            judged = [Judged(i, 0, NOT_DUE, 0, None)]
        did = idx.cols["did"][i]
        tid = idx.cols["tid"][i]
        return self._make_rows(judged, {tid: self._task_texts(did).get(tid, "")})[0]


class Days(dict):  # type: ignore[type-arg]
    """Date of an ordinal (0 → None), made once per day however many rows share it."""

    def __missing__(self, o: int) -> date | None:
        d = self[o] = date.fromordinal(o) if o else None
        return d


def _unit_ranks(keys: list[str], units: dict[str, dict[str, Any]]) -> list[int]:
    """Each unit code's place in the order of unit names (diacritics folded)."""
    names = [fold((units.get(k) or {}).get("name") or k.lstrip("?")) for k in keys]
    rank = [0] * len(keys)
    for r, code in enumerate(sorted(range(len(keys)), key=names.__getitem__)):
        rank[code] = r
    return rank
