"""The folder store's due column (tracker/store/dues.py): the overdue board and the directive list answered
from it must say what every history replayed says, as days pass with no write, after status changes,
event dates, loads, a lost file and a write that did not keep the column."""
from __future__ import annotations

import shutil
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from brute import replayed
from tracker.store import AssignmentFilter, open_store
from tracker.track.assess import CATEGORY_CODES, OVERDUE, classify_columns, classify_ordinal
from tracker.track import status as st

D = date
ROOT = Path(__file__).resolve().parent.parent
DAYS = (D(2022, 6, 1), D(2022, 9, 1), D(2022, 12, 31), D(2023, 6, 1))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "bench"))
    import synth

    path = tmp_path_factory.mktemp("dues") / "db"
    synth.build_store(path, directives=10, tasks=100, assignments=800, events=1200, seed=11)
    return path


@pytest.fixture
def db(built, tmp_path):
    path = tmp_path / "db"
    shutil.copytree(built, path)
    return path


def overdue_by_brute(store, as_of):
    """Unit key → overdue assignments, every history replayed from the directive files."""
    return Counter(a["unit"] for _d, _aid, a, _t, _st, _due, want in replayed(store, as_of)
                   if not a.get("removed") and want.category == OVERDUE)


def check(path, as_of, *, fast: bool | None = True):
    """The board and the directive list equal the brute count and the long way; `fast`: the due column answered."""
    store = open_store(path)
    if fast is not None:  # None: either way (a day before some entries: those are replayed)
        assert (store._from_due_column(as_of, AssignmentFilter()) is not None) == fast
    board = store.unit_counts(as_of)
    assert {u.unit_key: u.overdue for u in board if u.overdue} == dict(overdue_by_brute(store, as_of))
    slow = open_store(path)
    slow.due_columns = lambda: None
    assert board == slow.unit_counts(as_of)
    assert store.overdue_by_unit(as_of, level="commune") == slow.overdue_by_unit(as_of, level="commune")
    assert store.directives(as_of) == slow.directives(as_of)
    return sum(u.overdue for u in board)


def test_classify_columns_is_classify_ordinal_on_every_case():
    import numpy as np

    cases = [(due, code, done, 100) for due in (0, 50, 100, 150) for code in sorted(set(st.CODE.values()))
             for done in (0, 40, 100, 120)]
    due, code, done, _ = (np.array(c) for c in zip(*cases))
    cat, days = classify_columns(due, code, done, 100)
    assert [(CATEGORY_CODES[c], int(d)) for c, d in zip(cat, days)] == [classify_ordinal(*c) for c in cases]


def test_overdue_grows_as_days_pass_with_no_write(db):
    version = open_store(db).version
    counts = [check(db, day) for day in DAYS[1:]]
    assert counts == sorted(counts) and counts[0] < counts[-1]
    assert open_store(db).version == version  # nothing was written: the days alone moved work into overdue


def test_status_changes_and_event_dates_keep_the_column_right(db):
    store = open_store(db)
    rows = store.states(D(2022, 12, 31))
    for s in rows[:40:4]:
        store.set_status(s.id, "hoan_thanh", on=D(2022, 8, 1), note="xong", by="test")
    for s in rows[1:40:4]:
        store.record_event_date(s.id, D(2022, 7, 1), by="test")  # a relative/event deadline counts from it
    for s in rows[2:40:4]:
        store.set_status(s.id, "dang_thuc_hien", on=D(2023, 1, 10), by="test")  # after some days asked: replayed
    assert "duesdelta" in open_store(db).manifest.files
    for day in DAYS:
        check(db, day)


def test_many_changes_go_to_the_middle_level_then_write_the_column_whole_again(db, monkeypatch):
    import tracker.store.dues as dues

    monkeypatch.setattr(dues, "MAX_DELTA_ROWS", 3)
    monkeypatch.setattr(dues, "MAX_MID_ROWS", 8)
    store = open_store(db)
    seen: list[tuple[str, str | None]] = []  # (whole file, middle level) after each change
    for n, s in enumerate(store.states(D(2022, 12, 31))[:18]):
        with store.transaction("status"):  # a new version each (not the change log): the delta grows
            store.set_status(s.id, "hoan_thanh", on=D(2022, 9, 1 + n), by="test")
        files = open_store(db).manifest.files
        seen.append((files["dues"].name, files["duesmid"].name if "duesmid" in files else None))
        check(db, D(2022, 12, 31))  # right at every step, from whichever levels there are
    # The delta past its limit went into the middle level with the whole file untouched; the middle
    # level past its own, the whole file was written again (and the middle level dropped).
    first_mid = next(i for i, (_, mid) in enumerate(seen) if mid)
    assert seen[first_mid][0] == seen[first_mid - 1][0]
    assert any(whole != seen[first_mid][0] and mid is None for whole, mid in seen[first_mid:])


def test_a_write_that_did_not_keep_the_column_is_not_trusted(db, monkeypatch):
    from tracker.store.core import Transaction

    store = open_store(db)
    s = store.states(D(2022, 12, 31))[5]
    monkeypatch.setattr(Transaction, "set_dues", lambda self, rows: None)  # a write path that forgot the column
    store.record_event_date(s.id, D(2022, 5, 1), by="test")
    store.set_status(s.id, "dang_thuc_hien", on=D(2022, 6, 1), by="test")
    check(db, D(2022, 12, 31), fast=False)  # right, the long way


def test_a_lost_due_file_is_judged_the_long_way_then_rebuilt_by_the_next_load(db):
    sys.path.insert(0, str(ROOT / "bench"))
    import synth

    ref = open_store(db).manifest.files["dues"]
    (db / "data" / ref.name).unlink()
    check(db, D(2022, 12, 31), fast=False)
    units = synth.SynthUnits()
    drafts = synth.make_drafts(units, directives=1, tasks=5, assignments=40, seed=77)
    drafts[0].header.number = "98765/KH-UBND"
    open_store(db).save_drafts(drafts, units=units)
    assert open_store(db).manifest.files["dues"].name != ref.name
    for day in DAYS:
        check(db, day)


def test_a_reload_with_another_deadline_moves_the_due_days(db):
    sys.path.insert(0, str(ROOT / "bench"))
    import synth
    from tracker.model import Deadline

    units = synth.SynthUnits()
    drafts = synth.make_drafts(units, directives=1, tasks=4, assignments=30, seed=78)
    drafts[0].header.number = "98766/KH-UBND"
    open_store(db).save_drafts(drafts, units=units)
    before = check(db, D(2022, 2, 1), fast=None)
    for t in drafts[0].tasks:
        t.deadline = Deadline("date", "trước ngày 02/01/2022", date="2022-01-02")
    drafts[0].source.sha256 = "e" * 64  # a new text of the same directive
    open_store(db).save_drafts(drafts, units=units)  # the same directive again, every task now long overdue
    assert check(db, D(2022, 2, 1), fast=None) > before


def test_rows_loaded_after_the_whole_columns_are_read_from_the_deltas(db):
    """A first load adds rows after those the whole files hold (index and due deltas); status changes
    land in both deltas and in the log: the columns read from them say what the data says."""
    sys.path.insert(0, str(ROOT / "bench"))
    import synth

    units = synth.SynthUnits()
    drafts = synth.make_drafts(units, directives=1, tasks=5, assignments=60, seed=79)
    drafts[0].header.number = "98767/KH-UBND"
    drafts[0].source.sha256 = "7" * 64  # a directive of its own, not a new text of one loaded
    open_store(db).save_drafts(drafts, units=units)
    m = open_store(db).manifest
    assert {"colsdelta", "duesdelta"} <= set(m.files)
    store = open_store(db)
    newest = max(s.directive_id for s in store.states(D(2022, 12, 31)))
    new = [s for s in store.states(D(2022, 12, 31)) if s.directive_id == newest]
    old = [s for s in store.states(D(2022, 12, 31)) if s.directive_id != new[0].directive_id]
    for s in new[:6] + old[:6]:
        store.set_status(s.id, "hoan_thanh", on=D(2022, 8, 1), by="test")
    for s in new[6:9] + old[6:9]:
        store.record_event_date(s.id, D(2022, 7, 1), by="test")
    with open_store(db).transaction("fold") as tx:  # the log folded into a new version's deltas
        tx.touch()
    store = open_store(db)
    assert store.index().differences(store._rebuild_index(store.manifest)) is None
    for day in DAYS:
        check(db, day, fast=None)


def test_the_delta_is_put_over_the_columns_alike_with_and_without_numpy(db, monkeypatch):
    """A command that does not count reads the index delta row by row (no numpy import for it):
    the same columns as the numpy way."""
    from tracker.store.files import read_verified
    from tracker.store.index import Index

    store = open_store(db)
    for s in store.states(D(2022, 12, 31))[:5]:
        with store.transaction("status"):  # a new version each: the changes go into the columns' delta
            store.set_status(s.id, "hoan_thanh", on=D(2022, 8, 1), by="test")
    m = open_store(db).manifest
    assert "colsdelta" in m.files

    def read() -> Index:
        idx = Index.from_bytes(read_verified(db, m.files["index"]), read_verified(db, m.files["cols"]))
        idx.apply_delta(read_verified(db, m.files["colsdelta"]))
        return idx

    import numpy  # noqa: F401

    fast = read()
    monkeypatch.delitem(sys.modules, "numpy")
    slow = read()
    assert {c: list(a) for c, a in fast.cols.items()} == {c: list(a) for c, a in slow.cols.items()}
    assert fast.delta == slow.delta and len(fast.delta) >= 5
