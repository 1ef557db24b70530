"""Step tables of an approved procedure give limits in parts of a day ("0,25 ngày làm việc": a decimal
comma): a relative span of that many days; a whole count stays a whole number. Cells and sentences in
our own words."""
from __future__ import annotations

import pytest

from tracker.extract.deadlines import find_deadline

DOC = "2025-10-01"


@pytest.mark.parametrize(
    "cell, days, working",
    [
        ("0,25 ngày làm việc", 0.25, True),
        ("1,5 ngày", 1.5, False),
        ("02 ngày làm việc", 2, True),
        ("0,5 tuần", 3.5, False),
    ],
)
def test_a_time_cell_with_part_of_a_day(cell, days, working):
    dl = find_deadline(cell, DOC, cell=True)
    assert dl is not None and dl.kind == "relative"
    assert dl.days == days and dl.working is working
    assert str(dl.days) == str(days)  # 2, not 2.0: compared as written


def test_a_fraction_of_a_day_per_dossier_is_a_standing_rule():
    dl = find_deadline("Chuyên viên thẩm định hồ sơ trong thời hạn 0,5 ngày làm việc kể từ khi nhận hồ sơ.", DOC)
    assert dl is not None and dl.days == 0.5 and dl.per_case


def test_a_list_of_counts_is_no_fraction():
    assert find_deadline("Tổ chức tập huấn trong 02, 03 ngày tới", DOC) is None
