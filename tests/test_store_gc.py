"""The folder store and Python's cycle collector: a command's objects are freed as it ends.

A store object, its transaction and the files they read must be freed by their
reference counts when a command is done, not left for the cycle collector: a
process that opens a store per command (the TUI, a service, the benchmark)
otherwise gathers them until a collection over its whole heap stalls a clerk's
status change. And no collection runs in the middle of a change.
"""
from __future__ import annotations

import gc
import weakref
from datetime import date

import pytest

from test_reliability import make_draft
from test_store_log import DAY, path  # noqa: F401  (fixture: a store with one directive)
from tracker.store import open_store
from tracker.store import core as store_core


@pytest.fixture
def no_collector():
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    yield
    if was:
        gc.enable()


@pytest.mark.parametrize("change", ["status", "event", "load", "commit"])
def test_a_command_leaves_nothing_for_the_cycle_collector(path, no_collector, monkeypatch, change):
    made: list[weakref.ref] = []
    real = store_core.Transaction.__init__

    def spy(self, *a, **k):
        real(self, *a, **k)
        made.append(weakref.ref(self))

    monkeypatch.setattr(store_core.Transaction, "__init__", spy)
    aid = open_store(path).assignments(DAY, with_text=False)[0].id
    store = open_store(path)
    if change == "status":
        store.set_status(aid, "hoan_thanh", on=date(2022, 9, 3), note="xong", by="xa_a")
    elif change == "event":
        store.record_event_date(aid, date(2022, 7, 1), by="xa_a")
    elif change == "load":
        draft = make_draft()
        draft.source.sha256 = "9" * 64  # a new text of the directive: a re-load
        store.save_draft(draft)
    else:
        with store.transaction("status") as tx:  # a commit of a new version (not the log)
            tx.touch()
        del tx
    held = weakref.ref(store)
    del store
    assert made and all(r() is None for r in made), "a transaction is held by a cycle"
    assert held() is None, "the store object is held by a cycle"


def test_no_collection_runs_in_the_middle_of_a_status_change(path, monkeypatch):
    seen: list[bool] = []
    real = store_core.Transaction.commit

    def spy(self):
        seen.append(gc.isenabled())
        return real(self)

    monkeypatch.setattr(store_core.Transaction, "commit", spy)
    aid = open_store(path).assignments(DAY, with_text=False)[0].id
    assert gc.isenabled()
    open_store(path).set_status(aid, "hoan_thanh", on=date(2022, 9, 3), by="xa_a")
    assert seen == [False] and gc.isenabled()
