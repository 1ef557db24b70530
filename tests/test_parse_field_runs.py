"""Deadlines and fields of commune plans (issue 11), on a plan in our own words
(tests/data/docs/commune-field-runs.txt) parsed end to end: a step with its own date
under a block's time field, fields written once after a run of items, a period that
ended before the plan (a scope), a span of years."""
from __future__ import annotations

import pytest

from conftest import DATA, parse_json
from test_parse_variants import summary

from tracker.extract.deadlines import find_deadline

VICE = "Phó Chủ tịch Ủy ban MTTQ xã"  # the honorific "Đồng chí" dropped
OFFICE = "Văn phòng Ủy ban MTTQ xã"
VETERANS = "Chi hội Cựu chiến binh các thôn"


def test_commune_plan_steps_runs_and_scopes():
    data = parse_json(DATA / "docs" / "commune-field-runs.txt")
    rows = summary(data)
    # "4.1. Nội dung: ..." over its own labelled lines is a block of its own, not a field of "4."
    assert rows[-1] == ("II.4.4.1", ["Ban Thường trực Ủy ban MTTQ xã"], [], ("date", "2027-01-25"))
    rows = rows[:-1]
    # "trong năm 2027 - 2028" ends with 2028 (who leads "Các thôn ..." is the units' part)
    assert rows[-1][0] == "II.3.3.2" and rows[-1][3] == ("period", "2028-12-31")
    assert rows[:-1] == [
        ("II.1.1.1", [VICE], ["Trưởng các thôn"], ("period", "2026-12-31")),
        # the steps' own "Chậm nhất ngày ..." beat the block's "Quý IV/2026"
        ("II.1.1.1.-1.1", [VICE], ["Trưởng các thôn"], ("date", "2026-12-05")),
        ("II.1.1.1.-1.2", [VICE], ["Trưởng các thôn"], ("date", "2026-12-15")),
        # the fields after 2.3 serve 2.1 and 2.2, which name no unit
        ("II.2.2.1", [OFFICE], [VETERANS], ("period", "2027-01-31")),
        ("II.2.2.2", [OFFICE], [VETERANS], ("period", "2027-01-31")),
        ("II.2.2.3", [OFFICE], [VETERANS], ("period", "2027-01-31")),
        # "6 tháng đầu năm 2026" ended before the plan (12/11/2026): what is reported on
        ("II.3.3.1", [OFFICE], [], None),
    ]


@pytest.mark.parametrize(
    "text, doc_date, expected",
    [
        ("Các sở báo cáo kết quả 6 tháng đầu năm 2025, gửi Sở Nội vụ.", "2025-11-20", None),
        ("Các sở báo cáo kết quả quý III/2025.", "2025-11-20", None),
        ("Các sở báo cáo kết quả quý IV/2025.", "2025-11-20", ("period", "2025-12-31")),
        # a due cue keeps a past period (with its warning): the writer says it is due
        ("Hoàn thành trong quý II/2025.", "2025-11-20", ("period", "2025-06-30")),
        ("Các sở báo cáo kết quả 6 tháng đầu năm 2025, gửi trước ngày 05/12/2025.", "2025-11-20", ("date", "2025-12-05")),
        ("Hoàn thành trong năm 2026 - 2027.", "2025-11-20", ("period", "2027-12-31")),
        ("Thời gian thực hiện: năm 2026–2027", "2025-11-20", ("period", "2027-12-31")),
    ],
)
def test_past_periods_and_year_spans(text, doc_date, expected):
    dl = find_deadline(text, doc_date)
    assert ((dl.kind, dl.date) if dl else None) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a run with no end: standing work in the cycle it names
        ("Thời gian thực hiện: năm 2026 và các năm tiếp theo.", ("recurring", "yearly")),
        ("Thời gian thực hiện: quý I/2026 và các quý tiếp theo.", ("recurring", "quarterly")),
        # a scope followed so is no time at all
        ("Làm cơ sở đánh giá Chỉ số cải cách hành chính năm 2026 và các năm tiếp theo.", None),
        ("Hoàn thành trong năm 2026.", ("period", None)),
    ],
)
def test_open_ended_runs_recur(text, expected):
    dl = find_deadline(text, "2025-11-20")
    assert ((dl.kind, dl.cycle) if dl else None) == expected
