"""Deadlines that name an occasion, on a conclusion notice written for these tests (our own words):
a ceremony held on a day is due that day, recovery work "ngay sau khi lũ rút" waits for its event,
and so does a force sent "khi có lũ lớn xảy ra" (a trigger is an event wherever it stands: corpus.md, s27)."""
from __future__ import annotations

import pytest

from conftest import DATA, parse_json
from tracker.confidence import unsure_below
from tracker.extract.deadlines import find_deadline


@pytest.fixture(scope="module")
def notice():
    return parse_json(DATA / "docs" / "conclusion-occasions.txt", "--no-resolve")


def test_each_occasion_gives_its_kind_of_deadline(notice):
    got = {t["path"]: t["deadline"] and (t["deadline"]["kind"], t["deadline"].get("date")) for t in notice["tasks"]}
    assert got == {
        "1": ("event", None),              # after the hazard: the recovery's own event
        "2": ("event", None),              # the units act when the flood comes
        "3": ("date", "2025-12-26"),       # held on a day, though "tổng kết" stands before it
        "4": ("date", "2025-12-15"),
        "5": None,
    }


def test_a_day_held_is_sure_and_an_event_inside_the_sentence_is_not(notice):
    conf = {t["path"]: t["confidence"]["deadline"] for t in notice["tasks"]}
    assert conf["3"] >= unsure_below() > conf["1"]


@pytest.mark.parametrize("text, want", [
    ("Tổ chức hội nghị sơ kết vào ngày 05/01/2026 tại hội trường xã.", ("date", "2026-01-05")),
    ("Khôi phục giao thông trên các tuyến đường sau khi nước rút.", None),  # "sau khi" inside a clause: how, not when
    ("Sau khi bão tan, kiểm tra ngay các công trình thủy lợi.", ("event", None)),
    ("Cho học sinh nghỉ học trong trường hợp thời tiết quá khắc nghiệt.", ("event", None)),
    ("Cho học sinh nghỉ học trong trường hợp cần thiết.", None),  # discretion: nothing to wait for
])
def test_occasion_phrases(text, want):
    dl = find_deadline(text, "2025-11-24")
    assert (dl and (dl.kind, dl.date)) == want


@pytest.mark.parametrize("text, cycle", [
    ("Các xã báo cáo tình hình thiệt hại 02 lần/ngày về Ban Chỉ huy tỉnh.", "daily"),
    ("Tổ công tác họp giao ban 01 lần/tuần để đánh giá tiến độ.", "weekly"),
    ("Kiểm tra hiện trường ít nhất một lần mỗi tháng.", "monthly"),
])
def test_so_many_times_a_day_week_or_month_recurs(text, cycle):
    dl = find_deadline(text, "2025-11-24")
    assert (dl.kind, dl.cycle) == ("recurring", cycle)
