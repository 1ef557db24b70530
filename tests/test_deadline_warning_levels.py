"""Warning levels (corpus convention (f)): work that waits for a forecast level to be reached is an event.
Sentences written for these tests, in our own words."""
from __future__ import annotations

import pytest

from tracker.extract.deadlines import find_deadline, level_heading


@pytest.mark.parametrize(
    "heading, condition",
    [
        ("3. Dự báo cháy rừng cấp II (cấp trung bình)", "Dự báo cháy rừng cấp II"),
        ("Khi dự báo đến Cấp IV: thời tiết khô hanh, nguy cơ cháy cao", "Khi dự báo đến Cấp IV"),
        ("Cấp dự báo V", "Cấp dự báo V"),
        ("Khi có tin bão cấp độ 4", "Khi có tin bão cấp độ 4"),
    ],
)
def test_a_level_heading_names_its_condition(heading, condition):
    assert level_heading(heading) == condition


@pytest.mark.parametrize("heading", ["2. Cấp tỉnh", "Cấp I", "UBND cấp xã", "Năm 2026", "Dự báo tình hình cấp xã"])
def test_other_headings_name_no_level(heading):
    assert level_heading(heading) is None


def test_a_level_heading_handed_down_as_the_items_time_is_an_event():
    found = find_deadline("Dự báo cháy rừng cấp III (cấp cao)", "2026-02-01", cell=True)
    assert found is not None and found.kind == "event" and found.text == "Dự báo cháy rừng cấp III"


def test_but_read_as_running_text_it_is_none():
    assert find_deadline("Dự báo cháy rừng cấp III (cấp cao)", "2026-02-01") is None


@pytest.mark.parametrize(
    "text",
    [
        "Đài phát thanh xã đưa bản tin phòng cháy cho người dân khi cấp dự báo cháy rừng đạt cấp IV.",
        "Theo dõi thời tiết. Trường hợp cấp dự báo cháy rừng lên cấp V thì báo ngay cho Ban Chỉ huy xã.",
    ],
)
def test_work_that_waits_for_a_level_in_the_text_is_an_event(text):
    found = find_deadline(text, "2026-02-01")
    assert found is not None and found.kind == "event"
