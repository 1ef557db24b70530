"""Working days ("ngày làm việc"): no weekends, no public holidays (task_rules/holidays.toml)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from tracker import rules


@dataclass(frozen=True)
class WorkCalendar:
    weekend: frozenset[int]
    off: frozenset[date]  # weekdays off (holidays, compensatory and swapped days)
    work: frozenset[date]  # weekend days worked instead ("làm bù")
    years: frozenset[int]  # years the rules file covers

    def is_working_day(self, day: date) -> bool:
        if day in self.work:
            return True
        return day.weekday() not in self.weekend and day not in self.off

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (start itself not counted); n ≤ 0 gives start."""
        day = start
        while n > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count

    def next_working_day(self, day: date) -> date:
        """`day` itself if it is a working day, else the next one."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day


@lru_cache(maxsize=None)
def work_calendar() -> WorkCalendar:
    """The calendar of task_rules/holidays.toml, loaded once and validated."""
    rf = rules.load("holidays")
    weekend = rf.get("weekend", list)
    for d in weekend:
        if not isinstance(d, int) or not 0 <= d <= 6:
            raise rf.error(f"'weekend' chứa số thứ trong tuần 0..6 (thứ Hai = 0), không phải {d!r}", "weekend")
    off: set[date] = set()
    work: set[date] = set()
    years: set[int] = set()
    for year, table in rf.get("years", dict).items():
        if not (isinstance(year, str) and year.isdigit() and isinstance(table, dict)):
            raise rf.error(f"[years.{year}] phải là một bảng mang tên năm của nó", str(year))
        years.add(int(year))
        for key, into in (("off", off), ("work", work)):
            for entry in table.get(key, []):
                day = entry.get("date") if isinstance(entry, dict) else None
                if not isinstance(day, date) or isinstance(day, __import__("datetime").datetime):
                    raise rf.error(f"[years.{year}] {key}: mỗi mục cần date = YYYY-MM-DD", f"years.{year}", key)
                if day.year != int(year):
                    raise rf.error(f"[years.{year}] {key}: ngày {day} không thuộc năm {year}", str(day))
                into.add(day)
    return WorkCalendar(frozenset(weekend), frozenset(off), frozenset(work), frozenset(years))
