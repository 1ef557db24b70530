"""Work done when a body asks for it waits for the request: "theo yêu cầu của <a body>", "theo đề
nghị của <a body>" is the task's event (issue 11, deadlines: an event is "when something happens"),
and the reader is sure of it; what the work must meet ("theo yêu cầu của công tác ...") is none.
Sentences in our own words."""
from __future__ import annotations

import pytest

from tracker.confidence import unsure_below
from tracker.extract.deadlines import read_deadline


@pytest.mark.parametrize(
    "text, event",
    [
        ("Cung cấp số liệu về giá vật liệu xây dựng theo yêu cầu của Sở Tài chính.", "theo yêu cầu của Sở Tài chính"),
        ("Thực hiện các nhiệm vụ khác theo yêu cầu của Ban Chỉ đạo huyện.", "theo yêu cầu của Ban Chỉ đạo huyện"),
        ("Tham gia kiểm tra hiện trường theo đề nghị của cơ quan chủ trì thẩm định.",
         "theo đề nghị của cơ quan chủ trì thẩm định"),
    ],
)
def test_a_bodys_request_is_the_tasks_event_and_sure(text, event):
    found = read_deadline(text, "2025-10-01")
    assert found.deadline is not None and found.deadline.kind == "event"
    assert found.deadline.text == event
    assert found.how == "event_request" and found.confidence >= unsure_below()


@pytest.mark.parametrize(
    "text",
    [
        "Bố trí đủ nhân lực tại các khoa theo yêu cầu của công tác chuyên môn.",
        "Nâng cao chất lượng đội ngũ hòa giải viên theo yêu cầu của hoạt động hòa giải ở cơ sở.",
    ],
)
def test_what_the_work_must_meet_is_no_event(text):
    assert read_deadline(text, "2025-10-01").deadline is None


def test_a_firm_date_still_wins_over_a_request():
    found = read_deadline("Báo cáo kết quả theo yêu cầu của UBND tỉnh trước ngày 15/12/2025.", "2025-10-01")
    assert found.deadline.kind == "date" and found.deadline.date == "2025-12-15"


def test_work_already_given_done_as_required_waits_for_nothing():
    found = read_deadline("Các xã tiếp tục thực hiện các nhiệm vụ nêu trên theo yêu cầu của UBND huyện.", "2025-10-01")
    assert found.deadline is None
