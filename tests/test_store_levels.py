"""The middle level of the folder store's columns (schema 5: colsmid-<v>.bin, duesmid-<v>.bin).

A delta that outgrows its limit is merged into the middle level instead of the whole columns
being written again; past the middle level's own limit the columns are written whole. What must
hold: every answer is the same from any mix of levels (and the same as the index rebuilt from the
data), a status change finds rows that live in the middle level, a crash or a full disk while the
middle level is written loses nothing committed, `db check` finds a damaged middle level and
`db restore` rebuilds without it, a schema-4 store is upgraded on open, and an earlier tracker
refuses a store of this schema.
"""
from __future__ import annotations

import errno
import os
from array import array
from datetime import date
from pathlib import Path

import pytest

from conftest import one_line_error
from conftest import store_cli as tracker
from test_reliability import make_draft
from tracker.errors import StoreError
from tracker.store import core as store_core
from tracker.store import files as store_files
from tracker.store import index as index_mod
from tracker.store import open_store
from tracker.store.files import DATA, Manifest

DAY = date(2022, 12, 31)


def draft(n: int):
    d = make_draft()
    d.header.number, d.source.sha256 = f"{70 + n}/KH-UBND", f"{n:x}".rjust(64, "0")
    return d


@pytest.fixture
def small_levels(monkeypatch):
    """Limits small enough that a few loads and changes go through every level."""
    monkeypatch.setattr(index_mod, "MAX_DELTA_ROWS", 6)
    monkeypatch.setattr(index_mod, "MAX_MID_ROWS", 40)
    monkeypatch.setattr("tracker.store.dues.MAX_DELTA_ROWS", 6)
    monkeypatch.setattr("tracker.store.dues.MAX_MID_ROWS", 40)


def answers(path: Path) -> dict[int, tuple]:
    store = open_store(path)
    return {r.id: (r.status, r.due, r.done_on) for r in store.assignments(DAY, with_text=False)}


def agrees_with_the_data(path: Path) -> None:
    store = open_store(path)
    assert store.index().differences(store._rebuild_index(store.manifest)) is None
    fast = {s.id: (s.due, s.status) for s in store.states(DAY)}
    assert fast == {a: (due, status) for a, (status, due, _) in answers(path).items()}


def test_loads_and_changes_through_every_level_give_the_same_answers(tmp_path, small_levels):
    path = tmp_path / "store"
    open_store(path).save_draft(draft(0))
    kinds: list[tuple[bool, bool, str]] = []  # (middle level, delta, whole columns file) after each step
    for n in range(1, 7):
        open_store(path).save_draft(draft(n))
        store = open_store(path)
        ids = [r.id for r in store.assignments(DAY, with_text=False)]
        # A change inside a transaction commits a version (index rows through the levels, not the log).
        with store.transaction("status"):
            store.set_status(ids[n], "hoan_thanh", on=date(2022, 9, n), note=f"n{n}", by="a")
        # A change to a row that lives in the middle level, through the log.
        open_store(path).set_status(ids[-1], "dang_thuc_hien", on=date(2022, 10, n), note=f"m{n}", by="a")
        files = open_store(path).manifest.files
        kinds.append(("colsmid" in files, "colsdelta" in files, files["cols"].name))
        agrees_with_the_data(path)
        assert open_store(path).assignment(ids[n], DAY).status == "hoan_thanh"
        assert [e.note for e in open_store(path).history(ids[-1])] == [f"m{n}"]
    assert any(mid for mid, _, _ in kinds)  # the middle level was used ...
    assert len({cols for _, _, cols in kinds}) > 1  # ... and, once full, the columns written whole again
    # Without the middle level's limits (as a process with the real ones reads it): the same answers.
    before = answers(path)
    assert open_store(path).manifest.schema == store_core.SCHEMA == 5
    assert before == answers(path)


def test_a_full_disk_while_the_middle_level_is_written_changes_nothing(tmp_path, small_levels, monkeypatch):
    path = tmp_path / "store"
    open_store(path).save_draft(draft(0))
    before_m, before = open_store(path).manifest, answers(path)
    assert "colsmid" not in before_m.files
    real = store_files._write_all

    def full_disk(fd: int, data: bytes) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").rsplit("/", 1)[-1].startswith(".colsmid"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd, data)

    monkeypatch.setattr(store_files, "_write_all", full_disk)
    with pytest.raises(StoreError, match="ổ đĩa đã đầy"):
        open_store(path).save_draft(draft(1))  # its rows pass the delta's limit: the middle level
    assert open_store(path).manifest == before_m and answers(path) == before
    assert not [p for p in (path / DATA).iterdir() if p.name.startswith("colsmid")]
    monkeypatch.setattr(store_files, "_write_all", real)
    open_store(path).save_draft(draft(1))
    assert "colsmid" in open_store(path).manifest.files
    agrees_with_the_data(path)


def test_a_crash_before_the_manifest_leaves_the_version_before(tmp_path, small_levels, monkeypatch):
    """Killed after the middle level was written and before the manifest replaced: the version
    before is what every reader sees, whole; the next commit goes on from it."""
    path = tmp_path / "store"
    open_store(path).save_draft(draft(0))
    open_store(path).save_draft(draft(1))
    before_m, before = open_store(path).manifest, answers(path)
    real = store_files.write_atomic

    def crash(p: Path, data: bytes, **kw) -> None:
        if p.name == "manifest.json":
            raise KeyboardInterrupt  # the process dies here
        real(p, data, **kw)

    monkeypatch.setattr(store_core, "write_atomic", crash)
    with pytest.raises(KeyboardInterrupt):
        open_store(path).save_draft(draft(2))
    assert any(p.name.startswith("colsmid") for p in (path / DATA).iterdir())  # written, not committed
    monkeypatch.setattr(store_core, "write_atomic", real)
    assert open_store(path).manifest == before_m and answers(path) == before
    open_store(path).save_draft(draft(2))
    agrees_with_the_data(path)


def test_check_finds_a_damaged_middle_level_and_restore_rebuilds_without_it(tmp_path, small_levels):
    path = tmp_path / "store"
    for n in range(3):
        open_store(path).save_draft(draft(n))
    store = open_store(path)
    aid = store.assignments(DAY, with_text=False)[-1].id
    store.set_status(aid, "hoan_thanh", on=date(2022, 9, 9), by="a")
    before = answers(path)
    m = open_store(path).manifest
    assert "colsmid" in m.files
    mid = path / DATA / m.files["colsmid"].name
    raw = bytearray(mid.read_bytes())
    raw[len(raw) // 2] ^= 1
    mid.write_bytes(bytes(raw))
    msg = one_line_error(tracker("db", "check", db=path))
    assert "colsmid" in msg and "tracker db restore" in msg
    r = tracker("db", "restore", db=path)
    assert r.returncode == 0, r.stderr
    assert "colsmid" not in open_store(path).manifest.files
    assert tracker("db", "check", db=path).returncode == 0
    assert answers(path) == before
    agrees_with_the_data(path)


def test_a_schema_4_store_is_upgraded_on_open_and_an_earlier_tracker_refuses_schema_5(tmp_path, monkeypatch):
    path = tmp_path / "store"
    open_store(path).save_draft(draft(0))
    m = open_store(path).manifest
    old = Manifest(version=m.version, schema=4, saved_at=m.saved_at, command=m.command, next_ids=m.next_ids, files=m.files)
    raw = old.to_bytes()
    (path / "manifest.json").write_bytes(raw)
    (path / "versions" / f"{m.version:08d}.json").write_bytes(raw)
    before = answers(path)
    opened = open_store(path)
    assert opened.manifest.schema == 5 and opened.version == m.version + 1  # the old version kept as a backup
    assert answers(path) == before
    # A tracker that knows schema 4 only (before the middle level) refuses the store, with one line.
    monkeypatch.setattr(store_core, "SCHEMA", 4)
    with pytest.raises(StoreError, match="mới hơn"):
        open_store(path)


def test_rows_past_the_columns_come_in_a_column_at_a_time_with_or_without_numpy():
    """Index._put_rows (no numpy loaded) and the numpy path put the same rows the same way,
    whether the delta's new rows come sorted at its end (the middle level) or mixed in."""
    width = len(index_mod.COLUMNS)

    def index_of(aids: list[int]) -> index_mod.Index:
        idx = index_mod.Index(b'{"tasks":{},"unit_keys":[]}')
        idx._append([tuple([a] + [a % 7] * (width - 1)) for a in aids])
        return idx

    for rows in ([(3, 9), (10, 8), (11, 7), (12, 6)], [(10, 8), (3, 9), (12, 6), (11, 7)], [(10, 1), (11, 2)]):
        flat = array("i", [v for aid, x in rows for v in [aid] + [x] * (width - 1)])
        a, b = index_of([1, 3, 5]), index_of([1, 3, 5])
        a._put_rows(flat)
        raw = index_mod.merged_delta_bytes(b"", {aid: tuple([aid] + [x] * (width - 1)) for aid, x in rows})
        b.apply_delta(raw, as_base=True)  # numpy is loaded by merged_delta_bytes
        assert a.cols == b.cols and list(a.cols["aid"]) == sorted({1, 3, 5} | {aid for aid, _ in rows})
    with pytest.raises(ValueError):  # a row inside the columns' ids that they lack
        index_of([1, 3, 5])._put_rows(array("i", [4] * width))
