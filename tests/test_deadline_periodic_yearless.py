"""A report "định kỳ" with a day of the year and no year ("định kỳ (trước ngày 15 tháng 12)") recurs:
the day comes back each period; a dated one is due once. Sentences in our own words."""
from __future__ import annotations

from tracker.extract.deadlines import find_deadline

DOC = "2025-10-01"


def test_a_periodic_report_with_a_yearless_day_recurs():
    dl = find_deadline("Gửi báo cáo định kỳ (trước ngày 10 tháng 12), đột xuất về tình hình sử dụng phần mềm.", DOC)
    assert dl is not None and dl.kind == "recurring" and dl.date is None


def test_a_periodic_report_with_a_full_date_is_due_that_day():
    dl = find_deadline("Định kỳ tổng hợp, báo cáo kết quả về Sở Nội vụ trước ngày 20/11/2025.", DOC)
    assert dl is not None and (dl.kind, dl.date) == ("date", "2025-11-20")


def test_the_window_a_report_covers_is_no_start():
    text = ("Hằng năm tổng hợp kết quả gửi Sở Nội vụ chậm nhất ngày 18 tháng 12. Số liệu báo cáo tính từ ngày "
            "16 tháng 12 năm trước đến ngày 15 tháng 12 năm báo cáo.")
    dl = find_deadline(text, DOC)
    assert dl is not None and dl.kind == "recurring" and dl.cycle == "yearly"


def test_a_count_of_months_per_time_is_a_cadence():
    dl = find_deadline("Đổi mật khẩu hộp thư tối thiểu 06 tháng một lần hoặc ngay khi nghi bị lộ.", DOC)
    assert dl is not None and (dl.kind, dl.cycle) == ("recurring", "semiannual")
    dl = find_deadline("Sao lưu dữ liệu của phần mềm 03 tháng/lần.", DOC)
    assert dl is not None and (dl.kind, dl.cycle) == ("recurring", "quarterly")
