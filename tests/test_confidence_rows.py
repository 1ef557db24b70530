"""Deadline routes measured right on dev ([measured]: row_none) are sure. Texts are our own words."""
from __future__ import annotations

import pytest

from tracker.confidence import reconsider_leads, unsure_below
from tracker.model import Task

UNSURE = unsure_below()


@pytest.mark.parametrize("route", ["row_none"])
def test_deadline_routes_measured_right_are_sure(route):
    t = Task(text="Hằng tháng cập nhật số liệu vào hệ thống theo dõi.", path="1")
    t.found_by["deadline"], t.confidence["deadline"] = route, 0.4
    reconsider_leads([t])
    assert t.confidence["deadline"] >= UNSURE
