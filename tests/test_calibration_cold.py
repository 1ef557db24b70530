"""bench/calibration.py --cold: an earlier reader's output with its outline gets today's doubts,
including those that read the outline (article titles, the headings above an item)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import calibration  # noqa: E402

from tracker.confidence import unsure_below  # noqa: E402

UNSURE = unsure_below()


def _row() -> dict:
    tasks = [
        {"path": "2", "text": "Đẩy mạnh số hóa hồ sơ", "lead": [], "support": [], "deadline": None, "indicators": [],
         "confidence": {"task": 0.9}, "found_by": {"task": "item"}},
        {"path": "2.a", "text": "Rà soát kho lưu trữ của đơn vị.", "lead": [{"name": "Ban Quản lý khu"}], "support": [],
         "deadline": None, "indicators": [], "confidence": {"task": 0.9, "lead": 0.9}, "found_by": {"task": "item", "lead": "heading"}},
    ]
    return {"out": {"directive": {"date": "2026-03-01", "confidence": {}, "found_by": {}}, "tasks": tasks},
            "headings": {"2": "Ban Quản lý khu Kinh tế"}, "articles": {}}


def test_an_earlier_readers_output_gets_the_doubts_that_read_its_outline():
    out = calibration.relaid(_row())
    parent, item = out["tasks"]
    assert parent["confidence"]["task"] < UNSURE            # a task with a task under it
    assert item["confidence"]["lead"] < UNSURE              # its heading goes on with more of the name
    assert item["found_by"]["lead"].endswith("+cut")


def test_without_its_outline_those_doubts_cannot_see():
    row = _row()
    row["headings"] = {}
    out = calibration.relaid(row)
    assert out["tasks"][1]["confidence"]["lead"] >= UNSURE


def test_with_todays_doubts_passes_the_outline_on():
    row = _row()
    out = calibration.with_todays_doubts(row["out"], row["headings"], row["articles"])
    assert out["tasks"][1]["confidence"]["lead"] < UNSURE


def test_every_doubt_can_be_left_out_but_the_broken_text_factor():
    names = calibration.doubt_names()
    assert {"doubt_parent_tasks", "doubt_cut_leads", "doubt_header", "settle_measured"} <= set(names)
    assert "doubt_broken_text" not in names
