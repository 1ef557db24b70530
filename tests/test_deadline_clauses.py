"""Times that belong to another clause than the task's instruction (issue 11 §2, deadlines):
a clause describing what the task works on gives no deadline, and a time its cue says is due
wins over one that only says when the work happens. Texts written for these tests."""
from __future__ import annotations

import pytest

from tracker.extract.deadlines import find_deadline


def kind_date(text: str, doc_date: str = "2025-10-20") -> tuple[str | None, str | None]:
    dl = find_deadline(text, doc_date)
    return (dl.kind, dl.date) if dl else (None, None)


@pytest.mark.parametrize("text", [
    # work already given: the time says when it was given, not when this task is due
    "Rà soát lại các việc được giao trong năm 2025 để bảo đảm tiến độ chung.",
    # the plan of the things the task helps
    "Điều máy móc hỗ trợ các công trình thủy lợi có kế hoạch hoàn thành năm 2025.",
    # a target the task serves
    "Đôn đốc các huyện xây kênh, bảo đảm mục tiêu đến hết năm 2025 toàn tỉnh có 300 km kênh.",
])
def test_a_time_describing_what_the_task_works_on_is_no_deadline(text):
    assert kind_date(text) == (None, None)


@pytest.mark.parametrize("text, expected", [
    # a firm cue keeps the time, whatever stands before it
    ("Hoàn thành các việc được giao trước ngày 30/11/2025.", ("date", "2025-11-30")),
    # the task's own plan is its deadline
    ("Lập kế hoạch tu bổ đê, hoàn thành trong năm 2025.", ("period", "2025-12-31")),
])
def test_the_tasks_own_time_is_kept(text, expected):
    assert kind_date(text) == expected


def test_a_due_time_wins_over_a_time_that_says_when_work_happens():
    text = ("Tổng hợp các kiến nghị, phân loại: đã giải quyết; tiếp tục giải quyết trong năm 2025; "
            "gửi Sở Tư pháp trước ngày 10 tháng 11 năm 2025.")
    assert kind_date(text) == ("date", "2025-11-10")
    # with no due time the first one stands
    assert kind_date("Tổ chức kiểm tra trong tháng 11/2025 và tháng 12/2025 tại các xã.")[0] == "period"
