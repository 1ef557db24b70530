"""Reporting dates of recurring tasks, from the cycles of task_rules/recurrence.toml."""
from __future__ import annotations

import calendar as _cal
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from tracker import rules
from tracker.track.calendar import work_calendar


@dataclass(frozen=True)
class Cycle:
    name: str
    months: int = 0  # a period of this many months, reported on `day` of its last month
    day: int = 20
    weekday: int | None = None  # weekly: report on this weekday
    working_days: int = 0  # daily: every n-th working day

    def with_day(self, day: int | None) -> Cycle:
        """The same cycle reported on the day a deadline names ("trước ngày 15 hằng tháng")."""
        if day and self.months and 1 <= day <= 31:
            return Cycle(self.name, self.months, day, self.weekday, self.working_days)
        return self

    def next_after(self, day: date) -> date:
        """The first reporting date strictly after `day`."""
        if self.months:
            # Period ends are the months m with m % months == 0 (Dec, Mar/Jun/Sep/Dec, ...);
            # `months` divides 12 (checked on load).
            y = day.year
            m = -(-day.month // self.months) * self.months
            candidate = date(y, m, min(self.day, _month_days(y, m)))
            if candidate > day:
                return candidate
            m += self.months
            if m > 12:
                y, m = y + 1, m - 12
            return date(y, m, min(self.day, _month_days(y, m)))
        if self.weekday is not None:
            ahead = (self.weekday - day.weekday() - 1) % 7 + 1
            return day + timedelta(days=ahead)
        return work_calendar().add_working_days(day, max(1, self.working_days))


@lru_cache(maxsize=4096)
def _month_days(y: int, m: int) -> int:
    return _cal.monthrange(y, m)[1]


@lru_cache(maxsize=None)
def _settings() -> tuple[dict[str, Cycle], str, int]:
    rf = rules.load("recurrence")
    raw = rf.get("cycles", dict)
    cycles: dict[str, Cycle] = {}
    aliases: dict[str, str] = {}
    for name, spec in raw.items():
        if not isinstance(spec, dict):
            raise rf.error(f"[cycles.{name}] phải là một bảng", f"cycles.{name}")
        if "same_as" in spec:
            aliases[name] = spec["same_as"]
            continue
        months = spec.get("months", 0)
        day = spec.get("day", 20)
        weekday = spec.get("weekday")
        working = spec.get("working_days", 0)
        ok = (
            isinstance(months, int) and months in (0, 1, 2, 3, 4, 6, 12)
            and isinstance(day, int) and 1 <= day <= 31
            and (weekday is None or (isinstance(weekday, int) and 0 <= weekday <= 6))
            and isinstance(working, int) and working >= 0
            and (months or weekday is not None or working)
        )
        if not ok:
            raise rf.error(
                f"[cycles.{name}] cần months (1, 2, 3, 4, 6 hoặc 12) và day 1..31, hoặc weekday 0..6, hoặc working_days",
                f"cycles.{name}",
            )
        cycles[name] = Cycle(name, months, day, weekday, working)
    for name, target in aliases.items():
        if target not in cycles:
            raise rf.error(f"[cycles.{name}] same_as '{target}' không phải chu kỳ có ngày riêng", f"cycles.{name}")
        c = cycles[target]
        cycles[name] = Cycle(name, c.months, c.day, c.weekday, c.working_days)
    default = rf.get("default", str)
    if default not in cycles:
        raise rf.error(f"chu kỳ mặc định '{default}' chưa khai báo trong [cycles]", "default")
    first_after = rf.get("first_after_days", int, 0)
    return cycles, default, first_after


def cycle_for(name: str | None, day: int | None = None) -> Cycle:
    """The cycle a recurring deadline names (unknown or missing: the default cycle)."""
    cycles, default, _ = _settings()
    return cycles.get(name or default, cycles[default]).with_day(day)


def first_reporting_date(cycle: Cycle, issued: date) -> date:
    """The first reporting date of a task issued on `issued`."""
    _, _, first_after = _settings()
    return cycle.next_after(issued + timedelta(days=max(0, first_after) - 1))


def reporting_dates(cycle: Cycle, issued: date, until: date) -> list[date]:
    """Every reporting date from the first one up to `until` (inclusive)."""
    out = []
    day = first_reporting_date(cycle, issued)
    while day <= until:
        out.append(day)
        day = cycle.next_after(day)
    return out


class Schedule:
    """The reporting dates of one recurring task, as ordinals, extended as far as asked.

    `due_after(report)` is `next_due` on ordinals with a bisect instead of
    date arithmetic: the store judges thousands of assignments of one task.
    """

    def __init__(self, cycle: Cycle, issued: date):
        self.cycle = cycle
        self.issued = issued.toordinal()
        first = first_reporting_date(cycle, issued)
        self._dates = [first.toordinal()]
        self._last = first

    def _extend(self, upto: int) -> None:
        while self._dates[-1] <= upto:
            self._last = self.cycle.next_after(self._last)
            self._dates.append(self._last.toordinal())

    def due_after(self, report: int) -> int:
        """The reporting date owed after a report on ordinal `report` (0: none yet)."""
        if not report or report < self.issued:
            return self._dates[0]
        self._extend(report + 1)
        j = bisect_left(self._dates, report)  # the reporting date the report covers
        self._extend(self._dates[j] + 1)
        return self._dates[j + 1]


def next_due(cycle: Cycle, issued: date, last_report: date | None) -> date:
    """The reporting date a unit owes next.

    A report covers the reporting date on or after it (a report on the 20th
    covers the 20th; one on the 25th covers next month's 20th), so the next one
    owed is the reporting date after the one it covers. With no report yet it
    is the first reporting date.
    """
    report = last_report.toordinal() if last_report else 0
    return date.fromordinal(Schedule(cycle, issued).due_after(report))
