"""A title naming units over "-" lines of work is no task itself (tasks._heads_work_lines).

tests/data/docs/plan-unit-title-over-work-lines.md (our own words): "2. Các doanh nghiệp hoạt động trong lĩnh
vực vận tải, thương mại trên địa bàn xã" (no stop, no colon) over "- Chủ động đăng ký ...", "- Phối hợp ...":
the lines are the work of the units the title names; "1." and "3.", sentences of work with nothing under
them, stay tasks.
"""
from __future__ import annotations

from conftest import DATA, parse_json

DOC = DATA / "docs" / "plan-unit-title-over-work-lines.md"


def test_the_title_gives_the_lines_their_lead_and_no_task():
    tasks = parse_json(DOC, "--no-resolve")["tasks"]
    assert [t["path"] for t in tasks] == ["1", "2.-1", "2.-2", "3"]
    assert all(t["lead"] for t in tasks)
