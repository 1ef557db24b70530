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


def test_a_rhythm_inside_the_text_is_sure_when_it_names_its_cycle():
    from tracker.confidence import unsure_below
    from tracker.extract.deadlines import read_deadline

    named = read_deadline("Tổng hợp số liệu tiêm chủng, báo cáo Sở Y tế hằng quý.", "2025-10-20")
    assert (named.deadline.kind, named.deadline.cycle, named.how) == ("recurring", "quarterly", "recurring_inside_cycle")
    assert named.confidence >= unsure_below()
    # "thường xuyên" inside a sentence is as often how the work is done as how often: unsure
    manner = read_deadline("Chủ trì kiểm tra, cập nhật thường xuyên danh sách hộ nghèo.", "2025-10-20")
    assert (manner.deadline.kind, manner.how) == ("recurring", "recurring_inside")
    assert manner.confidence < unsure_below()


def test_a_fixed_name_standing_as_the_tasks_time_label_gives_its_rhythm():
    # "...; nhiệm vụ thường xuyên.": the label a notice puts after each task
    assert kind_date("Rà soát, sửa đổi các văn bản hướng dẫn về đất đai; nhiệm vụ thường xuyên.") == ("recurring", None)
    # the same words inside a sentence name a kind of work, not the task's rhythm
    assert kind_date("Xác định phòng chống thiên tai là nhiệm vụ thường xuyên, cấp bách của các cấp.") == (None, None)
    assert kind_date("Bố trí kinh phí chi thường xuyên cho các trường.") == (None, None)
