""""Thường xuyên" used to say how one of a task's further duties is done is not the task's
deadline (issue 11, deadlines: "a descriptive clause is not a deadline"); governing the task
it is. A công văn written for this test, in our own words."""
from __future__ import annotations

from conftest import DATA, parse_json
from tracker.extract.deadlines import read_deadline


def test_standing_duties():
    data = parse_json(DATA / "docs" / "standing-duties.txt")
    got = [(t["path"], t["deadline"] and (t["deadline"]["kind"], t["deadline"].get("cycle") or t["deadline"].get("date")))
           for t in data["tasks"]]
    assert got == [
        ("1", None),                                  # "...; thường xuyên hướng dẫn, đôn đốc": a further duty's manner
        ("2", ("recurring", "continuous")),           # governs the task
        ("3", ("recurring", "continuous")),           # in its first clause, after the verb
        ("4", ("recurring", "quarterly")),            # a reporting rhythm counts in any clause
        ("5", ("date", "2026-06-30")),
        ("6", ("recurring", "continuous")),           # "...; thực hiện thường xuyên.": the whole task's time
        ("7", None),                                  # "...; thường xuyên phối hợp ... tập huấn"
    ]


def test_an_ocr_slip_does_not_bring_back_a_manner_word():
    # exact "thường xuyên" after ";" is left out; the fuzzy reader must not read it back in
    assert read_deadline("Rà soát quy chế; thường xuyên giám sát việc thực hiện.").deadline is None
    assert read_deadline("Rà soát quy chế; Thường xuýt giám sát việc thực hiện.").deadline is None
    assert read_deadline("Thường xuýt giám sát việc thực hiện quy chế.").deadline.kind == "recurring"
