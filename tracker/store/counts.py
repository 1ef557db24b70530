"""Counts of judged assignments: per unit (the overdue board), per Decision 766 indicator, per directive.

The overdue board and the directive list are answered from the due column
(tracker/store/dues.py) when every row they count has a known due day: the
categories come from the due days and the day asked, in numpy
(tracker.track.assess.classify_columns); rows with an entry after the day
are replayed as before. Otherwise, and for the other counts, every row is judged.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from tracker.store.core import reader
from tracker.store.filters import AssignmentFilter
from tracker.store.gcpause import gc_paused
from tracker.store.index import FLAG_REMOVED, FLAG_SUPPORT, T_DIRECTIVE, T_ORDER, T_PATH, T_INDICATORS, T_REMOVED
from tracker.store.records import DirectiveRow, IndicatorCounts, TaskCounts, UnitCounts, directive_row
from tracker.text import fold
from tracker.track import status as st
from tracker.track.assess import AGEING, CANCELLED, CATEGORY_CODES, LATE, NOT_DUE, ON_TIME, OVERDUE, classify_columns
from tracker.track.dates import document_day


class Counts:
    """Count reads of `tracker.store.Store` (mixed into it through Queries)."""

    @reader
    def unit_counts(
        self,
        as_of: date,
        flt: AssignmentFilter | None = None,
    ) -> list[UnitCounts]:
        """Per unit: the four official categories (plus cancelled) and ageing of overdue work, as of a day.

        Ranked by overdue assignments, then days late (the coordinator's board).
        One line per real body when both structures are stored: a pre-2025 unit's work counts under its successor.
        """
        flt = flt or AssignmentFilter()
        idx = self.index()
        unit_col = idx.cols["unit"]
        per: dict[int, Tally] | None = self._unit_tallies(as_of, flt)
        if per is None:  # no usable due column, or a filter it cannot answer: judge every row
            per = {}
            with gc_paused():
                for i, _due, cat, days, _state in self._passing(as_of, flt):
                    tally = per.get(unit_col[i])
                    if tally is None:
                        tally = per[unit_col[i]] = Tally()
                    tally.add(cat, days)
        units = self._unit_docs()
        bodies = self._bodies()
        by_key: dict[str, Tally] = {}
        formerly: dict[str, list[str]] = {}
        for code, tally in per.items():
            key = idx.unit_keys[code]
            if bodies.mixed:
                shown = bodies(key)
                key = shown.key
                if shown.former and shown.former not in formerly.setdefault(key, []):
                    formerly[key].append(shown.former)
            if key in by_key:
                by_key[key].merge(tally)
            else:
                by_key[key] = tally
        out = []
        for key, tally in by_key.items():
            u = units.get(key) or {}
            if bodies.mixed:
                shown = bodies(key)
                name, uid, level = u.get("name") or shown.name, u.get("id") or shown.id, u.get("level") or shown.level
            else:
                name, uid, level = (u.get("name") if u else key.lstrip("?")) or key, u.get("id"), u.get("level")
            out.append(tally.record(key, name, uid, level, formerly.get(key, [])))
        out.sort(key=lambda u: (-u.overdue, -u.days_late, fold(u.unit)))
        return out

    def _unit_tallies(self, as_of: date, flt: AssignmentFilter) -> dict[int, "Tally"] | None:
        """Per unit code, the tallies `unit_counts` makes, from the due column (None: answer the long way).

        Units come in the order their first row does, as the long way has them.
        """
        got = self._from_due_column(as_of, flt)
        if got is None:
            return None
        import numpy as np

        rows, cat, days, later = got
        unit = np.frombuffer(self.index().cols["unit"], dtype=np.int32)[rows]
        per: dict[int, Tally] = {}
        if len(rows):
            n = int(unit.max()) + 1
            first = np.full(n, len(unit), dtype=np.int64)
            first[unit[::-1]] = np.arange(len(unit) - 1, -1, -1)  # the last write wins: each unit's first row
            codes = np.flatnonzero(first < len(unit))
            ncat = len(CATEGORY_CODES)
            table = np.bincount(unit.astype(np.int64) * ncat + cat, minlength=n * ncat).reshape(n, ncat)
            ov = cat == CATEGORY_CODES.index(OVERDUE)
            ou, od = unit[ov], days[ov]
            days_late = np.bincount(ou, weights=od, minlength=n)
            max_late = np.zeros(n, dtype=np.int64)
            np.maximum.at(max_late, ou, od)
            t30, t60, t120 = AGEING
            over = [np.bincount(ou[od > t], minlength=n) for t in (t30, t60, t120)]
            for code in codes[np.argsort(first[codes], kind="stable")].tolist():
                tally = per[code] = Tally()
                line = table[code]
                for k, name in enumerate(CATEGORY_CODES):
                    setattr(tally, name, int(line[k]))
                tally.days_late = int(days_late[code])
                tally.max_days_late = int(max_late[code])
                tally.over_30, tally.over_60, tally.over_120 = (int(o[code]) for o in over)
        unit_col = self.index().cols["unit"]
        for i, _due, c, d, _state in self._judge(as_of, later) if later else ():
            tally = per.get(unit_col[i])
            if tally is None:
                tally = per[unit_col[i]] = Tally()
            tally.add(c, d)
        return per

    def _from_due_column(self, as_of: date, flt: AssignmentFilter) -> tuple[Any, Any, Any, list[int]] | None:
        """The rows `flt` selects judged from the due column: (rows, category codes, days late) as numpy
        arrays, and the rows with an entry after the day (judged the long way: their history is replayed).

        None when the store has no due column, when any selected row's due day is not known
        (stale or missing: never trusted), or when `flt` needs more than the columns.
        """
        if flt.indicator is not None or flt.unit or flt.area or not flt.day_independent():
            return None
        dues = self.due_columns()
        if dues is None:
            return None
        import numpy as np

        idx = self.index()
        C = idx.cols

        def col(name: str) -> Any:
            return np.frombuffer(C[name], dtype=np.int32)

        keep = np.ones(len(idx), dtype=bool)
        if flt.directive is not None:
            keep &= col("did") == self.find_directive(flt.directive)
        if flt.level:
            keep &= np.isin(col("unit"), np.fromiter(self._unit_codes(None, flt.level), dtype=np.int32))
        if flt.status:
            wanted = [st.CODE[x] for x in ([flt.status] if isinstance(flt.status, str) else flt.status)]
            keep &= np.isin(col("status"), np.array(wanted, dtype=np.int32))
        flags = col("flags")
        if not flt.include_removed:
            keep &= (flags & FLAG_REMOVED) == 0
        if flt.role:
            keep &= ((flags & FLAG_SUPPORT) != 0) == (flt.role == "support")
        issued, due, known = dues.aligned(idx)
        if not known[keep].all():
            return None
        a = as_of.toordinal()
        keep &= issued <= a  # directives issued after the day did not exist yet
        later = keep & (col("changed_on") > a)
        now = keep & ~later
        rows = np.flatnonzero(now)
        cat, days = classify_columns(due[rows], col("status")[rows], col("done_on")[rows], a)
        return rows, cat, days, np.flatnonzero(later).tolist()

    @reader
    def indicator_counts(self, as_of: date, flt: AssignmentFilter | None = None) -> list[IndicatorCounts]:
        """Per Decision 766 indicator: the linked tasks with assignments that pass `flt`, and those by category, as of a day.

        Only the assignments of linked tasks are judged and no row is built,
        so the indicators screen costs a fraction of `assignments()`.
        Indicators no such task is linked to are left out; a task counts once
        per indicator however often its text names it.
        """
        flt = flt or AssignmentFilter()
        idx = self.index()
        tid_col, did_col = idx.cols["tid"], idx.cols["did"]
        linked = {tid: list(dict.fromkeys(e[T_INDICATORS])) for tid, e in idx.tasks.items() if e[T_INDICATORS]}
        rows = [i for i in self._rows(flt) if tid_col[i] in linked]
        per_task: dict[int, dict[str, int]] = {}
        directive_of: dict[int, int] = {}
        for i, _due, cat, _days, _state in self._passing(as_of, flt, rows):
            tid = tid_col[i]
            c = per_task.get(tid)
            if c is None:
                c = per_task[tid] = {}
                directive_of[tid] = did_col[i]
            c[cat] = c.get(cat, 0) + 1
        out: dict[int, IndicatorCounts] = {}
        order = {tid: e[T_ORDER] for tid, e in idx.tasks.items()}
        for tid in sorted(per_task, key=lambda t: (directive_of[t], order[t], t)):
            counts = per_task[tid]
            for ind in linked[tid]:
                line = out.get(ind)
                if line is None:
                    line = out[ind] = IndicatorCounts(int(ind))
                line.tasks.append(TaskCounts(tid, directive_of[tid], idx.tasks[tid][T_PATH], dict(counts)))
                for cat, n in counts.items():
                    line.counts[cat] = line.counts.get(cat, 0) + n
        return [out[k] for k in sorted(out)]

    def overdue_by_unit(self, as_of: date, *, level: str | None = None, directive: str | int | None = None) -> list[UnitCounts]:
        """Units with overdue assignments as of a day, most overdue first (`tracker overdue --by-unit`)."""
        rows = self.unit_counts(as_of, AssignmentFilter(level=level, directive=directive))
        return [u for u in rows if u.overdue]

    @reader
    def directives(self, as_of: date) -> list[DirectiveRow]:
        """Every loaded directive with its tasks, assignments, % done and overdue count as of a day (newest first)."""
        idx = self.index()
        did_col = idx.cols["did"]
        per = self._directive_tallies(as_of)
        if per is None:
            per = {}
            for i, _due, cat, _days, _state in self._judge(as_of, self._rows(AssignmentFilter())):
                c = per.setdefault(did_col[i], {})
                c[cat] = c.get(cat, 0) + 1
        docs = self._directive_docs()
        # Each load writes its directive's count of tasks into its record: the 30,000 task entries stay unread.
        ntasks: dict[int, int] = {did: d["tasks"] for did, d in docs.items() if type(d.get("tasks")) is int}
        if len(ntasks) < len(docs):
            ntasks = {}
            for e in idx.tasks.values():
                if not e[T_REMOVED]:
                    ntasks[e[T_DIRECTIVE]] = ntasks.get(e[T_DIRECTIVE], 0) + 1
        out = []
        for did, d in docs.items():
            counts = per.get(did, {})
            total = sum(counts.values())
            done = counts.get(ON_TIME, 0) + counts.get(LATE, 0)
            counted = total - counts.get(CANCELLED, 0)
            out.append(directive_row(did, d, ntasks.get(did, 0), total, counts,
                                     round(100.0 * done / counted, 1) if counted else 0.0, counts.get(OVERDUE, 0)))
        out.sort(key=lambda r: (document_day(r.date) or date.min, r.id), reverse=True)
        return out

    def _directive_tallies(self, as_of: date) -> dict[int, dict[str, int]] | None:
        """Per directive, its assignments by category as of a day, from the due column (None: the long way)."""
        got = self._from_due_column(as_of, AssignmentFilter())
        if got is None:
            return None
        import numpy as np

        rows, cat, _days, later = got
        did = np.frombuffer(self.index().cols["did"], dtype=np.int32)[rows].astype(np.int64)
        per: dict[int, dict[str, int]] = {}
        if len(rows):
            ncat = len(CATEGORY_CODES)
            n = int(did.max()) + 1
            table = np.bincount(did * ncat + cat, minlength=n * ncat).reshape(n, ncat)
            for d in np.flatnonzero(table.sum(axis=1)).tolist():
                per[d] = {CATEGORY_CODES[k]: int(v) for k, v in enumerate(table[d].tolist()) if v}
        did_col = self.index().cols["did"]
        for i, _due, c, _d, _state in self._judge(as_of, later) if later else ():
            counts = per.setdefault(did_col[i], {})
            counts[c] = counts.get(c, 0) + 1
        return per


class Tally:
    """One unit's judged assignments, counted as they come (the hot loop of the overdue board; the reports count with it too)."""

    __slots__ = ("on_time", "late", "not_due", "overdue", "cancelled", "days_late", "max_days_late",
                 "over_30", "over_60", "over_120")

    def __init__(self) -> None:
        for name in self.__slots__:
            setattr(self, name, 0)

    def add(self, category: str, days: int) -> None:
        if category == OVERDUE:
            self.overdue += 1
            self.days_late += days
            if days > self.max_days_late:
                self.max_days_late = days
            t30, t60, t120 = AGEING
            if days > t30:
                self.over_30 += 1
                if days > t60:
                    self.over_60 += 1
                    if days > t120:
                        self.over_120 += 1
        elif category == NOT_DUE:
            self.not_due += 1
        elif category == ON_TIME:
            self.on_time += 1
        elif category == LATE:
            self.late += 1
        else:
            self.cancelled += 1

    def merge(self, other: "Tally") -> None:
        for name in self.__slots__:
            mine, theirs = getattr(self, name), getattr(other, name)
            setattr(self, name, max(mine, theirs) if name == "max_days_late" else mine + theirs)

    def record(self, key: str, name: str, uid: str | None, level: str | None, formerly: list[str]) -> UnitCounts:
        return UnitCounts(
            unit_key=key, unit=name, unit_id=uid, level=level,
            total=self.on_time + self.late + self.not_due + self.overdue + self.cancelled,
            on_time=self.on_time, late=self.late, not_due=self.not_due, overdue=self.overdue, cancelled=self.cancelled,
            days_late=self.days_late, max_days_late=self.max_days_late,
            over_30=self.over_30, over_60=self.over_60, over_120=self.over_120, formerly=formerly,
        )
