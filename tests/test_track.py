"""Due dates, working days, holidays, recurring cycles and the official categories (tracker.track)."""
from __future__ import annotations

from datetime import date

import pytest

from tracker import rules
from tracker.errors import InputError, RulesError
from tracker.model import Deadline
from tracker.track import (
    assess,
    ageing_buckets,
    cycle_for,
    document_day,
    due_date,
    format_date,
    format_document_day,
    parse_date,
    parse_status,
    replay,
    reporting_dates,
    work_calendar,
)
from tracker.track.calendar import work_calendar as _wc
from tracker.track.recurrence import _settings

D = date


# -- working days and holidays -------------------------------------------------------


def test_lunar_new_year_and_its_compensatory_days_are_not_working_days():
    cal = work_calendar()
    # Tết Quý Mão 2023: Friday 20/01 to Thursday 26/01 off, work again on Friday 27/01.
    for day in (D(2023, 1, 20), D(2023, 1, 23), D(2023, 1, 26)):
        assert not cal.is_working_day(day)
    assert cal.is_working_day(D(2023, 1, 27))
    # Giỗ Tổ Hùng Vương (10/3 âm lịch) 2024 fell on Thursday 18/04.
    assert not cal.is_working_day(D(2024, 4, 18))


def test_a_swapped_saturday_is_a_working_day_and_the_swapped_monday_is_not():
    cal = work_calendar()
    assert cal.is_working_day(D(2024, 5, 4))  # Saturday worked instead of Monday 29/04
    assert not cal.is_working_day(D(2024, 4, 29))
    assert not cal.is_working_day(D(2024, 5, 5))  # an ordinary Sunday


def test_working_days_skip_weekends_and_national_day():
    cal = work_calendar()
    # Friday 26/08/2022 + 5 working days: 29, 30, 31/08, (1–2/09 Quốc khánh), 5, 6/09.
    assert cal.add_working_days(D(2022, 8, 26), 5) == D(2022, 9, 6)
    assert cal.working_days_between(D(2022, 8, 26), D(2022, 9, 6)) == 5
    assert cal.working_days_between(D(2022, 9, 6), D(2022, 8, 26)) == -5


def test_every_covered_year_has_lunar_new_year_off(tmp_path):
    cal = work_calendar()
    assert set(range(2022, 2028)) <= cal.years
    for year in range(2022, 2028):
        feb_jan = [d for d in cal.off if d.year == year and d.month in (1, 2) and d.day != 1]
        assert len(feb_jan) >= 5, year


@pytest.fixture
def rules_copy(tmp_path, monkeypatch):
    """A copy of task_rules/ to damage; caches cleared before and after."""
    import shutil

    dst = tmp_path / "task_rules"
    shutil.copytree(rules.rules_dir(), dst)
    monkeypatch.setenv("TRACKER_RULES", str(dst))
    rules.clear_cache()
    _wc.cache_clear()
    _settings.cache_clear()
    yield dst
    monkeypatch.delenv("TRACKER_RULES")
    rules.clear_cache()
    _wc.cache_clear()
    _settings.cache_clear()


def test_a_bad_holiday_entry_names_the_file_and_line(rules_copy):
    path = rules_copy / "holidays.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("2023-01-20", "2024-01-20", 1), encoding="utf-8")
    with pytest.raises(RulesError) as err:
        work_calendar()
    assert "holidays.toml:" in str(err.value) and "không thuộc năm 2023" in str(err.value)


def test_a_bad_cycle_names_the_file(rules_copy):
    path = rules_copy / "recurrence.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("months = 3", "months = 5", 1), encoding="utf-8")
    with pytest.raises(RulesError) as err:
        cycle_for("quarterly")
    assert "recurrence.toml" in str(err.value) and "quarterly" in str(err.value)


# -- due dates for each deadline kind ------------------------------------------------


ISSUED = D(2022, 8, 5)  # a Friday


def test_date_and_period_deadlines_are_due_on_their_day():
    assert due_date(Deadline("date", "trước ngày 15/8/2022", date="2022-08-15"), issued=ISSUED) == D(2022, 8, 15)
    assert due_date({"kind": "period", "date": "2022-09-30"}, issued=ISSUED) == D(2022, 9, 30)


def test_start_and_missing_deadlines_have_no_due_date():
    assert due_date(Deadline("start", "kể từ ngày 01/9/2022", date="2022-09-01"), issued=ISSUED) is None
    assert due_date(None, issued=ISSUED) is None


def test_relative_deadline_counts_working_days_from_the_directive_then_from_the_event():
    dl = Deadline("relative", "trong vòng 5 ngày làm việc kể từ ...", days=5, working=True)
    assert due_date(dl, issued=ISSUED) == D(2022, 8, 12)
    # Once the clerk records the event (Friday 26/08), the span counts from it, over the holiday.
    assert due_date(dl, issued=ISSUED, event_on=D(2022, 8, 26)) == D(2022, 9, 6)
    assert due_date(Deadline("relative", "trong 8 giờ", hours=8), issued=ISSUED) == D(2022, 8, 6)
    assert due_date(Deadline("relative", "trong 16 giờ làm việc", hours=16, working=True), issued=ISSUED) == D(2022, 8, 9)


def test_event_deadline_has_no_due_date_until_the_event_is_recorded():
    dl = Deadline("event", "khi có Quyết định công bố")
    assert due_date(dl, issued=ISSUED) is None
    assert due_date(dl, issued=ISSUED, event_on=D(2022, 10, 3)) == D(2022, 10, 3)
    assert due_date(Deadline("event", "", days=3), issued=ISSUED, event_on=D(2022, 10, 3)) == D(2022, 10, 6)


def test_recurring_default_is_monthly_on_the_20th_and_a_report_moves_it():
    dl = Deadline("recurring", "hằng tháng")
    assert due_date(dl, issued=ISSUED) == D(2022, 8, 20)
    # A report on the 18th covers the 20th: next month's is owed.
    assert due_date(dl, issued=ISSUED, last_report=D(2022, 8, 18)) == D(2022, 9, 20)
    # A late report (the 25th) covers September's date: October's is owed next.
    assert due_date(dl, issued=ISSUED, last_report=D(2022, 8, 25)) == D(2022, 10, 20)


def test_recurring_uses_the_day_the_deadline_names_and_its_cycle():
    assert due_date(Deadline("recurring", "trước ngày 15 hằng tháng", cycle="monthly", day=15), issued=ISSUED) == D(2022, 8, 15)
    assert due_date(Deadline("recurring", "hằng quý", cycle="quarterly"), issued=ISSUED) == D(2022, 9, 20)
    # A directive signed too close to the reporting date reports from the next one.
    assert due_date(Deadline("recurring", "hằng tháng"), issued=D(2022, 8, 18)) == D(2022, 9, 20)
    weekly = reporting_dates(cycle_for("weekly"), ISSUED, D(2022, 9, 1))
    assert weekly[0] == D(2022, 8, 12) and all(d.weekday() == 4 for d in weekly)
    # "Thường xuyên" and "định kỳ" report with the default monthly cycle.
    assert cycle_for("continuous").months == 1 and cycle_for(None).day == 20
    assert cycle_for("monthly", 31).next_after(D(2023, 2, 1)) == D(2023, 2, 28)


def test_a_blank_day_in_the_directive_date_counts_as_the_months_end():
    assert document_day("2022-08") == D(2022, 8, 31)
    assert format_document_day("2022-08") == "08/2022"
    assert due_date(Deadline("relative", "", days=3), issued=document_day("2022-08")) == D(2022, 9, 3)


# -- categories --------------------------------------------------------------------


def test_four_official_categories_as_of_a_day():
    due = D(2022, 9, 30)
    assert assess(due=due, status="hoan_thanh", done_on=D(2022, 9, 30), as_of=D(2022, 12, 1)).category == "on_time"
    late = assess(due=due, status="hoan_thanh", done_on=D(2022, 10, 5), as_of=D(2022, 12, 1))
    assert late.category == "late" and late.days_late == 5 and late.done_late
    assert assess(due=due, status="dang_thuc_hien", done_on=None, as_of=D(2022, 9, 30)).category == "not_due"
    over = assess(due=due, status="chua_thuc_hien", done_on=None, as_of=D(2022, 10, 31))
    assert over.overdue and over.days_late == 31
    assert assess(due=due, status="tam_dung", done_on=None, as_of=D(2022, 10, 1)).category == "overdue"
    assert assess(due=due, status="khong_thuc_hien", done_on=None, as_of=D(2023, 1, 1)).category == "cancelled"
    assert assess(due=None, status="chua_thuc_hien", done_on=None, as_of=D(2030, 1, 1)).category == "not_due"


def test_ageing_buckets_are_cumulative():
    assert ageing_buckets(30) == ()
    assert ageing_buckets(31) == (30,)
    assert ageing_buckets(75) == (30, 60)
    assert ageing_buckets(121) == (30, 60, 120)


def test_replay_gives_the_state_on_any_day():
    events = [
        {"kind": "status", "on": "2022-08-10", "from": "chua_thuc_hien", "to": "dang_thuc_hien"},
        {"kind": "event_date", "on": "2022-08-12"},
        {"kind": "status", "on": "2022-09-01", "from": "dang_thuc_hien", "to": "hoan_thanh"},
        {"kind": "status", "on": "2022-09-20", "from": "hoan_thanh", "to": "hoan_thanh", "note": "báo cáo"},
    ]
    s = replay(events)
    assert (s.status, s.done_on, s.last_report, s.event_on) == ("hoan_thanh", D(2022, 9, 1), D(2022, 9, 20), D(2022, 8, 12))
    s = replay(events, D(2022, 8, 11))
    assert (s.status, s.done_on, s.event_on) == ("dang_thuc_hien", None, None)
    assert replay(events, D(2022, 8, 1)).status == "chua_thuc_hien"
    reopened = events + [{"kind": "status", "on": "2022-10-01", "from": "hoan_thanh", "to": "dang_thuc_hien"}]
    assert replay(reopened).done_on is None


# -- text at the edges -----------------------------------------------------------------


@pytest.mark.parametrize("text", ["hoàn thành", "Hoan thanh", "HOÀN THÀNH", "hoan_thanh", "hoan-thanh"])
def test_status_accepts_labels_with_or_without_diacritics_and_keys(text):
    assert parse_status(text) == "hoan_thanh"


def test_unknown_status_lists_the_choices():
    with pytest.raises(InputError) as err:
        parse_status("xong rồi")
    assert "chưa thực hiện" in str(err.value)


@pytest.mark.parametrize("text", ["15/09/2022", "15/9/2022", "15.09.2022", "2022-09-15"])
def test_dates_are_read_as_dd_mm_yyyy_or_iso(text):
    assert parse_date(text) == D(2022, 9, 15)
    assert format_date(parse_date(text)) == "15/09/2022"


@pytest.mark.parametrize("text", ["31/02/2022", "09/15", "hôm nay", ""])
def test_bad_dates_say_what_is_expected(text):
    with pytest.raises(InputError):
        parse_date(text)
