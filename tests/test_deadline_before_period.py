"""A task due before a period begins ("trước năm 2030", "trước tháng 6/2026", "trước Quý II/2026")
is due on the last day before it: a date, as "trước ngày 31/12/2029" would be. A plan written for
this test, in our own words (tests/data/docs/due-before-periods.txt)."""
from __future__ import annotations

import pytest

from conftest import DATA, parse_json
from tracker.extract.deadlines import read_deadline


def test_each_item_is_due_the_day_before_its_period():
    data = parse_json(DATA / "docs" / "due-before-periods.txt")
    got = [(t["deadline"]["kind"], t["deadline"].get("date")) for t in data["tasks"]]
    assert got == [
        ("date", "2026-03-31"),    # trước Quý II/2026
        ("date", "2026-05-31"),    # trước tháng 6/2026
        ("date", "2027-12-31"),    # trước năm 2028
        ("period", "2026-12-31"),  # trong năm 2026: within the period, due at its end
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Báo cáo Ủy ban nhân dân tỉnh trước tháng 12.", ("date", "2025-11-30")),  # the directive's year
        ("Tổ chức lại lớp học trước năm học mới.", None),  # "năm học" names no year
        ("Hoàn thành trước ngày 31/12/2025.", ("date", "2025-12-31")),  # a day stays that day
    ],
)
def test_before_a_period_phrases(text, expected):
    found = read_deadline(text, "2025-11-10").deadline
    assert ((found.kind, found.date) if found else None) == expected
