"""A heading that is nothing but a time gives the items under it their deadline (issue 11; asked by the deadline
reader: "1. Giai đoạn 2027 - 2030" over items is read as their time field, as "Thời gian thực hiện:" is).

The document (tests/data/docs/plan-time-headings.txt, our own words) is a commune plan whose work is grouped
under "1. Năm 2026" and "2. Giai đoạn 2027 - 2030"; one item says its own date, which stays its deadline.
"""
from __future__ import annotations

import pytest
from conftest import DATA, parse_json

from tracker.extract.tasks import tasks_from_outline
from tracker.model import Line
from tracker.structure.outline import build_outline, is_time_heading, paragraphs

DOC = DATA / "docs" / "plan-time-headings.txt"


def test_items_under_a_year_heading_are_due_that_year():
    tasks = {t["path"]: t for t in parse_json(DOC, "--no-resolve")["tasks"]}
    assert tasks["I.1.a"]["deadline"]["date"] == "2026-12-31"
    assert tasks["I.1.b"]["deadline"]["date"] == "2026-06-30"  # its own date wins over the heading's year


def test_the_heading_is_the_items_time_field():
    lines = [Line(t) for t in ("I. NHIỆM VỤ", "1. Giai đoạn 2027 - 2030",
                               "a) Sở Nội vụ duy trì kho lưu trữ điện tử, bảo đảm an toàn dữ liệu.",
                               "b) Sở Tư pháp rà soát dữ liệu hộ tịch trước ngày 30/6/2027.",
                               "2. Tổ chức thực hiện", "a) Sở Tài chính bố trí kinh phí thực hiện.")]
    tasks = tasks_from_outline(build_outline(paragraphs(lines)), [])
    assert [(t.path, t.deadline_source) for t in tasks] == [
        ("I.1.a", "Giai đoạn 2027 - 2030"), ("I.1.b", None), ("I.2.a", None)]


@pytest.mark.parametrize("text, expected", [
    ("Giai đoạn 2026 - 2030", True), ("GIAI ĐOẠN 2026-2030:", True), ("Năm 2027", True), ("Quý I/2026", True),
    ("Từ năm 2027 đến năm 2030:", True),
    ("Năm 2026 và các năm tiếp theo", False), ("Giai đoạn chuẩn bị", False), ("Năm học 2025-2026", False),
    ("Năm 2026, Sở Nội vụ tổ chức tổng kết.", False),
])
def test_time_only_headings(text, expected):
    assert is_time_heading(text) is expected
