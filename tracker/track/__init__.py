"""Pure functions over stored records: due dates, working days, where an assignment stands on a day.

"Today" is always a parameter (`as_of`); nothing here reads the clock, the
store or the screen.

    due_date(deadline, issued=, event_on=, last_report=) -> date | None
    assess(due=, status=, done_on=, as_of=) -> Assessment(category, due, days_late)
    replay(events, as_of) -> State            # status/done/report/event dates on a day
    work_calendar().add_working_days(day, n)  # "ngày làm việc"
    parse_status(text) -> key; LABELS; parse_date / format_date
"""
from tracker.track.assess import (
    AGEING,
    CATEGORY_LABELS,
    OFFICIAL,
    Assessment,
    State,
    ageing_buckets,
    assess,
    classify_ordinal,
    replay,
)
from tracker.track.calendar import WorkCalendar, work_calendar
from tracker.track.dates import document_day, format_date, format_document_day, parse_date
from tracker.track.due import active_from, due_date, span_end
from tracker.track.recurrence import cycle_for, next_due, reporting_dates
from tracker.track.status import LABELS, STATUSES, label, parse_status

__all__ = [
    "AGEING", "CATEGORY_LABELS", "OFFICIAL", "Assessment", "State", "ageing_buckets", "assess",
    "classify_ordinal", "replay", "WorkCalendar", "work_calendar", "document_day", "format_date",
    "format_document_day", "parse_date", "active_from", "due_date", "span_end", "cycle_for",
    "next_due", "reporting_dates", "LABELS", "STATUSES", "label", "parse_status",
]
