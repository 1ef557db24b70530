"""The tracker's data store: the one module through which all data access goes.

    from tracker.store import open_store, AssignmentFilter, StatusChange
    store = open_store()                       # --db / TRACKER_DB / the user's data folder
    store.directives(as_of)                    # list with tasks, % done, overdue
    store.assignments(as_of, AssignmentFilter(unit="tu phap", overdue=True))
    store.unit_counts(as_of, flt)              # four official categories + ageing per unit
    store.overdue_by_unit(as_of, level="district")
    store.set_status(aid, "hoan_thanh", on=day, note="...", by="...")
    store.history(aid)
    store.changed()                            # another process saved? (cheap; the TUI polls it)

Layout and guarantees: see tracker/store/core.py. Queries: queries.py;
writes: writes.py; loading and re-loading directives: loading.py.
A server database could replace this package behind the same methods.
"""
from __future__ import annotations

import os

from tracker.store.core import KEEP_BACKUPS, SCHEMA, StoreCore, Transaction, default_path
from tracker.store.loading import HierarchyDirectory, PlainDirectory, UnitDirectory, default_directory
from tracker.store.queries import AssignmentFilter, AssignmentState, Queries, directive_label
from tracker.store.records import (
    AssignmentRow,
    DirectiveRow,
    Event,
    SaveResult,
    TaskRecord,
    UnitCounts,
    UnitRecord,
)
from tracker.store.writes import StatusChange, Writes


class Store(Queries, Writes, StoreCore):
    """A tracker data store: reads (Queries), writes (Writes), files and versions (StoreCore)."""


def open_store(path: str | os.PathLike[str] | None = None, *, strict: bool = True) -> Store:
    """Open the store at `path`, else TRACKER_DB, else the user's data folder (created on first save)."""
    return Store(path, strict=strict)


__all__ = [
    "KEEP_BACKUPS", "SCHEMA", "Store", "Transaction", "default_path", "open_store",
    "AssignmentFilter", "AssignmentState", "StatusChange", "directive_label",
    "AssignmentRow", "DirectiveRow", "Event", "SaveResult", "TaskRecord", "UnitCounts", "UnitRecord",
    "UnitDirectory", "PlainDirectory", "HierarchyDirectory", "default_directory",
]
