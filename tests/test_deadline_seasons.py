"""A season named by its months or an occasion ("trong những tháng cuối năm", "dịp cuối năm") says when
the work matters, not by when it is due: no deadline; "vào cuối năm 2027", "trước cuối năm" and a part
of the year ("6 tháng cuối năm") still are. Sentences in our own words."""
from __future__ import annotations

import pytest

from tracker.extract.deadlines import find_deadline

DOC = "2025-10-01"


@pytest.mark.parametrize(
    "text",
    [
        "Bảo đảm đủ hàng hóa thiết yếu trong những tháng cuối năm và dịp Tết.",
        "Đẩy mạnh kích cầu du lịch, nhất là dịp cuối năm và đầu năm mới.",
        "Hạn chế đốt rơm rạ trong giai đoạn cuối năm khi không khí ô nhiễm.",
    ],
)
def test_a_season_is_no_deadline(text):
    dl = find_deadline(text, DOC)
    assert dl is None or dl.kind != "period"


@pytest.mark.parametrize(
    "text, date",
    [
        ("Tổ chức sơ kết việc thực hiện vào cuối năm 2027.", "2027-12-31"),
        ("Hoàn thành việc lắp đặt trước cuối năm.", "2025-12-31"),
        ("Tổng hợp kết quả 6 tháng cuối năm 2025.", "2025-12-31"),
    ],
)
def test_the_end_of_a_year_is_still_a_period(text, date):
    dl = find_deadline(text, DOC)
    assert dl is not None and (dl.kind, dl.date) == ("period", date)
