"""The folder store's change log (tracker/store/journal.py): a status change appends one fsync'd record.

What must hold, with real processes where it matters: a crash in the middle of an
append loses no change committed before it and leaves no half record; two
processes changing one assignment lose nothing and each sees the other's change;
a store written before the log opens and takes changes; the history is whole
after the log is folded into a new version (and after that version's log is gone).
"""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from test_reliability import make_draft
from tracker.store import core as store_core
from tracker.store import journal, open_store
from tracker.store.files import Manifest

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2022, 12, 31)


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "store"
    open_store(p).save_draft(make_draft())
    return p


def ids_of(path: Path) -> list[int]:
    return [r.id for r in open_store(path).assignments(DAY, with_text=False)]


def log_bytes(path: Path) -> bytes:
    store = open_store(path)
    p = journal.log_path(path, store.manifest.version)
    return p.read_bytes() if p.exists() else b""


def test_a_status_change_appends_to_the_log_and_rewrites_no_file(path):
    before = open_store(path)
    files, version = dict(before.manifest.files), before.version
    aid = ids_of(path)[0]
    before.set_status(aid, "hoan_thanh", on=date(2022, 9, 3), note="xong", by="xa_a")
    after = open_store(path)
    assert after.manifest.files == files  # no data file written, no new manifest
    assert after.version == version + 1  # still one version per command
    records, valid = journal.parse(log_bytes(path))
    assert len(records) == 1 and valid == len(log_bytes(path))
    row = after.assignment(aid, DAY)
    assert row.status == "hoan_thanh" and row.done_on == date(2022, 9, 3)
    [event] = after.history(aid)
    assert (event.to_status, event.by, event.note) == ("hoan_thanh", "xa_a", "xong")
    # The board and the CLI read it too.
    r = subprocess.run([sys.executable, "-m", "tracker", "history", str(aid), "--db", str(path)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and "xa_a" in r.stdout, r.stderr


CRASH = r"""
import os, sys
from datetime import date
import tracker.store.files as files
from tracker.store import open_store
real = files._write_all
def torn(fd, data):
    if data.startswith(b"{"):  # not a log line (8 hex digits, a space, JSON): write it whole
        return real(fd, data)
    real(fd, data[: len(data) // 2])  # half the record reaches the disk, then the process dies
    os._exit(9)
files._write_all = torn
open_store(sys.argv[1]).set_status(int(sys.argv[2]), "tam_dung", on=date(2022, 9, 20), note="never saved", by="crash")
"""


def test_a_crash_in_the_middle_of_an_append_loses_nothing_committed_and_leaves_no_half_record(path):
    ids = ids_of(path)
    store = open_store(path)
    for n, aid in enumerate(ids[:3]):
        store.set_status(aid, "dang_thuc_hien", on=date(2022, 9, 1 + n), note=f"kept {n}", by="a")
    good = log_bytes(path)
    r = subprocess.run([sys.executable, "-c", CRASH, str(path), str(ids[0])], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 9, r.stderr
    torn = log_bytes(path)
    assert len(torn) > len(good) and torn.startswith(good)  # the half record is on the disk
    fresh = open_store(path)
    assert [fresh.assignment(a, DAY).status for a in ids[:3]] == ["dang_thuc_hien"] * 3
    assert [e.note for e in fresh.history(ids[0])] == ["kept 0"]
    # The next change cuts the half record off before it appends its own.
    fresh.set_status(ids[1], "hoan_thanh", on=date(2022, 9, 21), note="after", by="b")
    raw = log_bytes(path)
    records, valid = journal.parse(raw)
    assert valid == len(raw) and len(records) == 4 and b"never saved" not in raw
    assert [e.note for e in open_store(path).history(ids[1])] == ["kept 1", "after"]
    r = subprocess.run([sys.executable, "-m", "tracker", "db", "check", "--db", str(path)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr


CLERK = r"""
import sys
from datetime import date
from tracker.store import open_store
path, tag, aid, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
statuses = ["dang_thuc_hien", "hoan_thanh", "tam_dung"]
for k in range(count):
    # A clerk opens the store, then records: a fresh store object each time.
    open_store(path).set_status(aid, statuses[(k + len(tag)) % 3], on=date(2022, 9, 1 + k % 28), note=f"{tag}-{k}", by=tag)
"""


def test_two_processes_changing_one_assignment_lose_nothing_and_see_each_others_change(path):
    aid = ids_of(path)[0]
    clerks = [subprocess.Popen([sys.executable, "-c", CLERK, str(path), tag, str(aid), "40"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for tag in ("a", "bb")]
    for p in clerks:
        _, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
    history = open_store(path).history(aid)
    assert sorted(e.note for e in history) == sorted(f"{t}-{k}" for t in ("a", "bb") for k in range(40))
    assert {e.by for e in history} == {"a", "bb"}
    # Each change was made on the one before it, whoever made that: nobody wrote over a change unseen.
    for prev, nxt in zip(history, history[1:]):
        assert nxt.from_status == prev.to_status, (prev, nxt)
    assert open_store(path).assignment(aid, DAY).status == history[-1].to_status


def test_a_store_written_before_the_log_opens_and_takes_changes(path):
    """A schema-2 store (no log, no pending file): it opens, is marked schema 3, keeps its data."""
    aid = ids_of(path)[0]
    store = open_store(path)
    with store.transaction("status"):
        store.set_status(aid, "dang_thuc_hien", on=date(2022, 9, 1), note="before", by="old")
    m = open_store(path).manifest
    assert journal.PENDING not in m.files and not (path / journal.JOURNAL).exists()
    old = Manifest(version=m.version, schema=2, saved_at=m.saved_at, command=m.command, next_ids=m.next_ids, files=m.files)
    raw = old.to_bytes()
    (path / "manifest.json").write_bytes(raw)
    (path / "versions" / f"{m.version:08d}.json").write_bytes(raw)
    opened = open_store(path)
    assert opened.manifest.schema == store_core.SCHEMA
    assert opened.assignment(aid, DAY).status == "dang_thuc_hien"
    opened.set_status(aid, "hoan_thanh", on=date(2022, 9, 2), note="after", by="new")
    again = open_store(path)
    assert [(e.note, e.by) for e in again.history(aid)] == [("before", "old"), ("after", "new")]
    assert again.assignment(aid, DAY).status == "hoan_thanh"


def test_history_is_whole_after_the_log_is_folded_and_its_version_is_gone(path, monkeypatch):
    ids = ids_of(path)
    store = open_store(path)
    for n, aid in enumerate(ids[:6]):
        store.set_status(aid, "dang_thuc_hien", on=date(2022, 9, 1 + n), note=f"log {n}", by=f"clerk{n}")
    logged_at = open_store(path).manifest.version
    # A load folds the log into the version it writes (at most FOLD_PER_COMMIT directive files
    # rewritten for it; here the one directive is rewritten anyway).
    other = make_draft()
    other.header.number, other.source.sha256 = "78/KH-UBND", "8" * 64
    open_store(path).save_draft(other)
    folded = open_store(path)
    assert folded.manifest.version > logged_at and not journal.log_path(path, folded.manifest.version).exists()
    for n, aid in enumerate(ids[:6]):
        assert [(e.note, e.by) for e in folded.history(aid)] == [(f"log {n}", f"clerk{n}")]
        assert folded.assignment(aid, DAY).status == "dang_thuc_hien"
    # Versions pass until the one the log belonged to (and its log) is dropped: nothing is lost.
    for n in range(store_core.KEEP_BACKUPS + 2):
        with folded.transaction("status"):
            folded.set_status(ids[6], "tam_dung", on=date(2022, 10, 1 + n), by="x")
    assert not journal.log_path(path, logged_at).exists()
    last = open_store(path)
    for n, aid in enumerate(ids[:6]):
        assert [(e.note, e.by) for e in last.history(aid)] == [(f"log {n}", f"clerk{n}")]
    assert len(last.history(ids[6])) == store_core.KEEP_BACKUPS + 2


def test_a_full_log_commits_a_version_and_carries_what_it_does_not_fold(path, monkeypatch):
    monkeypatch.setattr(journal, "MAX_RECORDS", 3)
    monkeypatch.setattr(journal, "FOLD_PER_COMMIT", 0)  # carry everything: the pending file holds it
    other = make_draft()
    other.header.number, other.source.sha256 = "78/KH-UBND", "8" * 64
    second = open_store(path).save_draft(other).directive_id
    rows = open_store(path).assignments(DAY, with_text=False)
    first = [r.id for r in rows if r.directive_id != second]
    # Three changes on the first directive fill the log; the fourth, on the second, folds it.
    ids = first[:3] + [r.id for r in rows if r.directive_id == second][:2]
    store = open_store(path)
    version = store.version
    second_file = store.manifest.files[f"d/{second}"]
    for n, aid in enumerate(ids[:5]):
        store.set_status(aid, "hoan_thanh", on=date(2022, 9, 1 + n), note=f"n{n}", by="a")
    fresh = open_store(path)
    assert fresh.version == version + 5
    m = fresh.manifest
    assert m.version == version + 4 and journal.PENDING in m.files  # the 4th change folded the log
    carried = (path / "data" / m.files[journal.PENDING].name).read_bytes().splitlines()
    # The first directive's changes are carried ("<id> <JSON>"), not its file rewritten; and so are
    # those of the change that found the log full (a rollover writes no directive file).
    assert [ln.split(b" ", 1)[0] for ln in carried] == [str(rows[0].directive_id).encode(), str(second).encode()]
    assert [e["note"] for e in json.loads(carried[0].split(b" ", 1)[1])["e"].values()] == ["n0", "n1", "n2"]
    assert [e["note"] for e in json.loads(carried[1].split(b" ", 1)[1])["e"].values()] == ["n3"]
    assert m.files[f"d/{second}"] == second_file  # not rewritten
    assert len(journal.parse(log_bytes(path))[0]) == 1  # the 5th is in the new version's log
    for n, aid in enumerate(ids[:5]):
        assert fresh.assignment(aid, DAY).status == "hoan_thanh"
        assert [e.note for e in fresh.history(aid)] == [f"n{n}"]
    # The carried changes are part of the version: a check passes and a repair keeps them.
    r = subprocess.run([sys.executable, "-m", "tracker", "db", "check", "--db", str(path)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    repaired = open_store(path)
    assert {r.id: r.status for r in repaired.assignments(DAY) if r.id in ids} == dict.fromkeys(ids, "hoan_thanh")


def test_a_damaged_line_in_the_log_costs_only_that_line(path):
    ids = ids_of(path)
    store = open_store(path)
    for n, aid in enumerate(ids[:3]):
        store.set_status(aid, "hoan_thanh", on=date(2022, 9, 1 + n), note=f"n{n}", by="a")
    p = journal.log_path(path, store.manifest.version)
    raw = bytearray(p.read_bytes())
    raw[raw.index(b'"n0"') + 2] ^= 0x01  # a flipped byte in the first record
    p.write_bytes(bytes(raw))
    fresh = open_store(path)
    assert [fresh.assignment(a, DAY).status for a in ids[:3]] == ["chua_thuc_hien", "hoan_thanh", "hoan_thanh"]
    # `db check` names it; `db restore` keeps every other line's change in a new version.
    r = subprocess.run([sys.executable, "-m", "tracker", "db", "check", "--db", str(path)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode != 0 and "journal/" in r.stderr and "1 dòng hỏng" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "tracker", "db", "restore", "--db", str(path)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    restored = open_store(path)
    assert [restored.assignment(a, DAY).status for a in ids[:3]] == ["chua_thuc_hien", "hoan_thanh", "hoan_thanh"]
    assert [e.note for e in restored.history(ids[2])] == ["n2"]
    r = subprocess.run([sys.executable, "-m", "tracker", "db", "check", "--db", str(path)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    restored.set_status(ids[0], "dang_thuc_hien", on=date(2022, 9, 9), by="b")
    assert open_store(path).assignment(ids[0], DAY).status == "dang_thuc_hien"


def test_carried_changes_past_their_limit_are_folded_into_the_directive_files(path, monkeypatch):
    monkeypatch.setattr(journal, "MAX_RECORDS", 2)
    monkeypatch.setattr(journal, "FOLD_PER_COMMIT", 0)
    monkeypatch.setattr(journal, "MAX_PENDING_BYTES", 1)  # any carried change is too much: all folded
    other = make_draft()
    other.header.number, other.source.sha256 = "78/KH-UBND", "8" * 64
    second = open_store(path).save_draft(other).directive_id
    rows = open_store(path).assignments(DAY, with_text=False)
    first = [r.id for r in rows if r.directive_id != second][:2]
    later = [r.id for r in rows if r.directive_id == second][0]
    store = open_store(path)
    for n, aid in enumerate([*first, later]):
        store.set_status(aid, "hoan_thanh", on=date(2022, 9, 1 + n), note=f"n{n}", by="a")
    m = open_store(path).manifest
    assert journal.PENDING not in m.files  # the first directive's file was rewritten with its changes
    first_file = json.loads((path / "data" / m.files[f"d/{rows[0].directive_id}"].name).read_bytes())
    assert {first_file["assignments"][str(a)]["status"] for a in first} == {"hoan_thanh"}
    assert sorted(e["note"] for e in first_file["events"].values()) == ["n0", "n1"]
    assert [e.note for e in open_store(path).history(later)] == ["n2"]


ROLLOVER_CRASH = r"""
import os, sys
from datetime import date
from tracker.store import core, journal, open_store
journal.MAX_RECORDS = 3
path, aid, when = sys.argv[1], int(sys.argv[2]), sys.argv[3]
real = core.write_atomic
def dying(p, data, **kw):
    if when == "before" and p.name == "manifest.json":
        os._exit(9)  # every new file written, the manifest not: the commit point never reached
    real(p, data, **kw)
    if when == "after" and p.name == "manifest.json":
        os._exit(9)  # committed, the old version not cleaned up
core.write_atomic = dying
open_store(path).set_status(aid, "tam_dung", on=date(2022, 9, 30), note="rollover", by="c")
"""


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_crash_in_the_middle_of_a_rollover_loses_nothing_committed(path, monkeypatch, when):
    """A change that finds the log full carries it and itself into a new version (pending file, deltas):
    killed before its manifest, every change the log held is still there and the next change goes on;
    killed after it, its own change is committed too."""
    monkeypatch.setattr(journal, "MAX_RECORDS", 3)
    ids = ids_of(path)
    store = open_store(path)
    for n, aid in enumerate(ids[:3]):
        store.set_status(aid, "dang_thuc_hien", on=date(2022, 9, 1 + n), note=f"kept {n}", by="a")
    version = open_store(path).manifest.version
    r = subprocess.run([sys.executable, "-c", ROLLOVER_CRASH, str(path), str(ids[3]), when],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 9, r.stderr
    fresh = open_store(path)
    assert (fresh.manifest.version > version) == (when == "after")
    assert [fresh.assignment(a, DAY).status for a in ids[:3]] == ["dang_thuc_hien"] * 3
    assert [[e.note for e in fresh.history(a)] for a in ids[:3]] == [["kept 0"], ["kept 1"], ["kept 2"]]
    assert [e.note for e in fresh.history(ids[3])] == (["rollover"] if when == "after" else [])
    r = subprocess.run([sys.executable, "-m", "tracker", "db", "check", "--db", str(path)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    fresh.set_status(ids[4], "hoan_thanh", on=date(2022, 10, 1), note="next", by="d")
    last = open_store(path)
    assert [e.note for e in last.history(ids[4])] == ["next"]
    assert [[e.note for e in last.history(a)] for a in ids[:3]] == [["kept 0"], ["kept 1"], ["kept 2"]]


@pytest.mark.parametrize("mid_full", [True, False])
def test_a_rollover_leaves_writing_the_whole_columns_to_the_next_load(path, monkeypatch, mid_full):
    """A status change that finds the log full writes the index and due deltas even past their limit
    (up to twice it): rewriting the whole columns (30 MB at 450,000 assignments), or merging the
    deltas into the middle level (schema 5), is left to a load."""
    monkeypatch.setattr(journal, "MAX_RECORDS", 3)
    monkeypatch.setattr("tracker.store.index.MAX_DELTA_ROWS", 2)
    monkeypatch.setattr("tracker.store.dues.MAX_DELTA_ROWS", 2)
    if mid_full:
        monkeypatch.setattr("tracker.store.index.MAX_MID_ROWS", 1)
        monkeypatch.setattr("tracker.store.dues.MAX_MID_ROWS", 1)
    ids = ids_of(path)
    whole = open_store(path).manifest.files["cols"]
    for n, aid in enumerate(ids[:4]):
        open_store(path).set_status(aid, "hoan_thanh", on=date(2022, 9, 1 + n), note=f"n{n}", by="a")
    m = open_store(path).manifest
    assert "colsdelta" in m.files and "duesdelta" in m.files and m.files["cols"] == whole  # 4 rows: deltas
    other = make_draft()
    other.header.number, other.source.sha256 = "78/KH-UBND", "8" * 64
    open_store(path).save_draft(other)
    m = open_store(path).manifest
    if mid_full:
        assert m.files["cols"] != whole and "colsdelta" not in m.files and "colsmid" not in m.files
    else:
        assert m.files["cols"] == whole and "colsdelta" not in m.files and "colsmid" in m.files
    fresh = open_store(path)
    assert [fresh.assignment(a, DAY).status for a in ids[:4]] == ["hoan_thanh"] * 4
    assert fresh.index().differences(fresh._rebuild_index(fresh.manifest)) is None
