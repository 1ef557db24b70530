"""Who attends and where a meeting sits are no work, beside the work lines of a block (outline.toml
[members] facts; tasks._field_block).

tests/data/docs/plan-meeting-facts-beside-work.md (our own words): under "1." a "- Thành phần: ..." line sits
among the block's lines of work and its "- Thời gian hoàn thành: ..." field; under "2." a "- Địa điểm tổ chức
hội nghị: ..." line (two words of the meeting after the label) stands before a line of work.
"""
from __future__ import annotations

from conftest import DATA, parse_json

from tracker.structure.outline import is_meeting_fact

DOC = DATA / "docs" / "plan-meeting-facts-beside-work.md"


def test_attendees_and_places_are_no_tasks():
    tasks = parse_json(DOC, "--no-resolve")["tasks"]
    assert [t["text"][:12] for t in tasks] == ["Chuẩn bị hội", "Ban Công tác"]


def test_fact_labels():
    assert is_meeting_fact("Địa điểm tổ chức hội nghị: Nhà văn hóa thôn.")
    assert is_meeting_fact("Thành phần tham dự: Thường trực Đảng ủy xã.")
    assert not is_meeting_fact("Tổ chức hội nghị tại Nhà văn hóa thôn.")
