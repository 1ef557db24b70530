"""TinyDB over the store's versioned files, through TinyDB's own Storage extension point.

Each data file of a version (the directives table, one file per directive's
tasks, assignments and events, the units seen) is one TinyDB database whose
storage is a `SnapshotStorage`: `read()` gives the parsed file of the version
the manifest names, `write()` keeps the new state in memory and marks it
dirty. Nothing reaches the disk until the store commits the transaction:
then every dirty database is written once, as a new file, and the manifest
names them all at once. So one command makes one write however many records
it touches, and TinyDB never sees a half-written file.
"""
from __future__ import annotations

from typing import Any, Callable

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document


class SnapshotStorage(Storage):
    """A TinyDB storage holding one version of one data file in memory."""

    def __init__(self, loader: Callable[[], dict[str, Any] | None]):
        self._loader = loader
        self._data: dict[str, Any] | None = None
        self._loaded = False
        self.dirty = False

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            self._data = self._loader()
            self._loaded = True
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._data = data
        self._loaded = True
        self.dirty = True

    def close(self) -> None:
        pass

    def update_docs(self, table: str, updates: dict[int, dict[str, Any]]) -> None:
        """Set fields of many documents of one table in one step.

        TinyDB's own `Table.update` rebuilds the whole table per call; a batch
        of status changes touches a few documents of a table of hundreds, so
        the store patches them here and marks the data dirty like `write()`.
        Callers clear the table's query cache (`Table.clear_cache()`).
        """
        data = self.read() or {}
        raw = data.setdefault(table, {})
        for doc_id, fields in updates.items():
            raw[str(doc_id)].update(fields)
        self.write(data)

    def snapshot(self) -> dict[str, Any]:
        """The current data, for the commit to write (tables of str(doc_id) → doc)."""
        return self.read() or {}


def open_db(loader: Callable[[], dict[str, Any] | None]) -> TinyDB:
    """A TinyDB database over one data file (loaded lazily by `loader`)."""
    return TinyDB(storage=SnapshotStorage, loader=loader)


def storage_of(db: TinyDB) -> SnapshotStorage:
    return db.storage  # type: ignore[return-value]


def doc(value: dict[str, Any], doc_id: int) -> Document:
    """A TinyDB document with a chosen id (the store hands out global ids)."""
    return Document(value, doc_id)
