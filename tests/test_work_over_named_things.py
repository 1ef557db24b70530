"""A paragraph of work over "-" lines that only name things is one task (tasks._entries_follow).

tests/data/docs/plan-work-over-named-things.md (our own words): "Nghiên cứu, triển khai các phần mềm
... như:" over "- Phần mềm thu phí ...", "- Sổ điện tử ...": the lines name what the work covers (no
work word opens them, no one acts in them), so the paragraph is the task and takes them; "Thực hiện các
việc sau ...:" over "- Rà soát ...", "- Lắp đặt ..." introduces tasks, each line its own.
"""
from __future__ import annotations

from conftest import DATA, parse_json

DOC = DATA / "docs" / "plan-work-over-named-things.md"


def _tasks() -> list[dict]:
    return parse_json(DOC, "--no-resolve")["tasks"]


def test_named_things_join_the_work_that_covers_them():
    tasks = _tasks()
    assert [t["path"] for t in tasks] == ["I.1", "I.2.-1", "I.2.-2", "II"]
    assert tasks[0]["text"].startswith("Nghiên cứu, triển khai các phần mềm")
    assert "Bản đồ số các lô" in tasks[0]["text"]


def test_lines_that_open_on_work_stay_tasks():
    texts = [t["text"] for t in _tasks()]
    assert any(t.startswith("Rà soát hệ thống camera") for t in texts)
    assert any(t.startswith("Lắp đặt màn hình") for t in texts)
