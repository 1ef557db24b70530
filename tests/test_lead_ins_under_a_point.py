"""Lettered lead-ins under a point are work of their own, not details of the point (tasks._instructs_or_leads).

tests/data/docs/resolution-lead-ins-under-a-point.md (our own words): "1. Các bộ, ... tiếp tục triển khai các
giải pháp ..., cụ thể như sau:" over "a) Bộ Tài chính chủ trì ...:" (its "-" lines), "b) Ngân hàng Nhà nước ...",
"c) Các bộ, cơ quan, địa phương:" (its "-" lines). "c)" is short, yet it leads its own items: the lettered
items are the work, each line under a lead-in a task of the unit it names, not one task of point 1.
"""
from __future__ import annotations

from conftest import DATA, parse_json

DOC = DATA / "docs" / "resolution-lead-ins-under-a-point.md"


def test_each_line_under_a_lead_in_is_a_task_of_its_unit():
    tasks = parse_json(DOC, "--no-resolve")["tasks"]
    assert [t["path"] for t in tasks] == ["1.a.-1", "1.a.-2", "1.b", "1.c.-1", "1.c.-2"]
    assert [u["name"] for u in tasks[3]["lead"]] == ["Các bộ, cơ quan, địa phương"]
