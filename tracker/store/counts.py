"""Counts of judged assignments: per unit (the overdue board), per Decision 766 indicator, per directive."""
from __future__ import annotations

from datetime import date

from tracker.store.core import reader
from tracker.store.filters import AssignmentFilter
from tracker.store.gcpause import gc_paused
from tracker.store.index import T_DIRECTIVE, T_ORDER, T_PATH, T_INDICATORS, T_REMOVED
from tracker.store.records import DirectiveRow, IndicatorCounts, TaskCounts, UnitCounts, directive_row
from tracker.text import fold
from tracker.track.assess import AGEING, CANCELLED, LATE, NOT_DUE, ON_TIME, OVERDUE
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
        per: dict[int, _Tally] = {}
        with gc_paused():
            for i, _due, cat, days, _state in self._passing(as_of, flt):
                tally = per.get(unit_col[i])
                if tally is None:
                    tally = per[unit_col[i]] = _Tally()
                tally.add(cat, days)
        units = self._unit_docs()
        bodies = self._bodies()
        by_key: dict[str, _Tally] = {}
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
        per: dict[int, dict[str, int]] = {}
        for i, _due, cat, _days, _state in self._judge(as_of, self._rows(AssignmentFilter())):
            c = per.setdefault(did_col[i], {})
            c[cat] = c.get(cat, 0) + 1
        ntasks: dict[int, int] = {}
        for e in idx.tasks.values():
            if not e[T_REMOVED]:
                ntasks[e[T_DIRECTIVE]] = ntasks.get(e[T_DIRECTIVE], 0) + 1
        out = []
        for did, d in self._directive_docs().items():
            counts = per.get(did, {})
            total = sum(counts.values())
            done = counts.get(ON_TIME, 0) + counts.get(LATE, 0)
            counted = total - counts.get(CANCELLED, 0)
            out.append(directive_row(did, d, ntasks.get(did, 0), total, counts,
                                     round(100.0 * done / counted, 1) if counted else 0.0, counts.get(OVERDUE, 0)))
        out.sort(key=lambda r: (document_day(r.date) or date.min, r.id), reverse=True)
        return out


class _Tally:
    """One unit's judged assignments, counted as they come (the hot loop of the overdue board)."""

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

    def merge(self, other: "_Tally") -> None:
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
