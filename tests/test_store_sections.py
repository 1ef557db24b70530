"""A status change reads one assignment and its task, not its directive's whole file (tracker/store/sections.py).

What must hold: the change is recorded (status, history, the due date worked out from its
task), a batch that changes one assignment twice sees its own first change, a change made
inside a larger transaction reaches the directive's file whole when that transaction commits,
and a file that is not whole JSON is still reported as damaged.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from test_reliability import small_store  # noqa: F401  (a fixture)
from tracker.store import core as store_core
from tracker.store import open_store
from tracker.store.files import DATA, Damaged
from tracker.store.sections import Sections
from tracker.store.writes import StatusChange

DAY = date(2022, 12, 31)


@pytest.fixture
def path(small_store):
    return small_store  # one directive loaded (test_reliability)


def directive_file(path: Path) -> Path:
    m = open_store(path).manifest
    [key] = [k for k in m.files if k.startswith("d/")]
    return path / DATA / m.files[key].name


def test_a_status_change_decodes_neither_the_whole_file_nor_its_events(path, monkeypatch):
    decoded: list[str] = []
    real_load, real_whole = store_core.load_json, Sections.whole
    monkeypatch.setattr(store_core, "load_json", lambda p, raw: decoded.append(str(p)) or real_load(p, raw))
    monkeypatch.setattr(Sections, "whole", lambda self: decoded.append("whole") or real_whole(self))
    tables: list[str] = []
    real_table = Sections.table
    monkeypatch.setattr(Sections, "table", lambda self, name: tables.append(name) or real_table(self, name))
    store = open_store(path)
    aid = store.assignments(DAY, with_text=False)[0].id
    decoded.clear()
    store.set_status(aid, "hoan_thanh", on=date(2022, 9, 20), note="xong", by="xa_a")
    assert not [d for d in decoded if "/d/" in d or d == "whole"]
    assert set(tables) <= {"tasks", "assignments"}
    monkeypatch.undo()
    row = open_store(path).assignment(aid, DAY)
    # The task's deadline (15/09/2022) was read from the file for the due date: done late.
    assert row.status == "hoan_thanh" and row.done_on == date(2022, 9, 20) and row.due == date(2022, 9, 15)
    assert [e.note for e in open_store(path).history(aid)] == ["xong"]


def test_a_batch_changing_one_assignment_twice_sees_its_own_first_change(path):
    store = open_store(path)
    aid = store.assignments(DAY, with_text=False)[0].id
    store.set_statuses([StatusChange(aid, "dang_thuc_hien", date(2022, 9, 1), note="một", by="a"),
                        StatusChange(aid, "hoan_thanh", date(2022, 9, 5), note="hai", by="a")])
    history = open_store(path).history(aid)
    assert [(e.from_status, e.to_status) for e in history] == [("chua_thuc_hien", "dang_thuc_hien"),
                                                                ("dang_thuc_hien", "hoan_thanh")]
    assert open_store(path).assignment(aid, DAY).status == "hoan_thanh"


def test_changes_inside_a_larger_transaction_reach_the_directive_file_whole(path):
    store = open_store(path)
    first, second = [r.id for r in store.assignments(DAY, with_text=False)][:2]
    store.set_status(first, "dang_thuc_hien", on=date(2022, 8, 20), note="trong nhật ký", by="a")  # in the log
    with store.transaction("hai việc") as tx:
        store.set_status(first, "hoan_thanh", on=date(2022, 9, 2), note="một", by="a")
        store.set_status(second, "khong_thuc_hien", on=date(2022, 9, 3), note="hai", by="a")
        did = store.assignment(first, DAY).directive_id
        # Read whole inside the transaction: the waiting changes are there.
        events = tx.directive_db(did).table("events").all()
        assert {e["note"] for e in events} >= {"một", "hai", "trong nhật ký"}
    data = json.loads(directive_file(path).read_bytes())  # a new file, written whole by the commit
    assert data["assignments"][str(first)]["status"] == "hoan_thanh"
    assert data["assignments"][str(second)]["status"] == "khong_thuc_hien"
    again = open_store(path)
    assert [e.note for e in again.history(first)] == ["trong nhật ký", "một"]
    assert [e.note for e in again.history(second)] == ["hai"]


def test_tables_decoded_one_at_a_time_are_what_json_gives(path, tmp_path):
    raw = directive_file(path).read_bytes()
    for text in (raw, json.dumps(json.loads(raw), indent=2, ensure_ascii=False).encode()):
        s = Sections(text, tmp_path / "x.json")
        assert s.table("assignments") == json.loads(text)["assignments"]
        assert s.table("nothing") is None
        assert s.whole() == json.loads(text) and list(s.whole()) == list(json.loads(text))
    for bad in (raw[:-1], raw[:len(raw) // 2], raw + b"x", b"[1]", b"", b'{"a":1 "b":2}', b"\xff{}"):
        with pytest.raises(Damaged):
            Sections(bad, tmp_path / "x.json").whole()
