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
    """A TinyDB storage holding one version of one data file in memory.

    With `peek` (a directive file in a transaction: tracker/store/sections.py), single documents
    are read (`doc`) and changed (`update_docs`, `insert_docs`) without the whole file: the
    changes wait in order until something reads it whole (`read`, a commit's `snapshot`). A
    status change committed as one appended record never decodes its directive's events.
    """

    def __init__(self, loader: Callable[[], dict[str, Any] | None],
                 peek: Callable[[str, int], dict[str, Any] | None] | None = None):
        self._loader = loader
        self._peek = peek
        self._data: dict[str, Any] | None = None
        self._loaded = False
        self._waiting: list[tuple[str, str, dict[int, dict[str, Any]]]] = []  # (update|insert, table, docs)
        self.dirty = False

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            self._data = self._loader()
            self._loaded = True
        if self._waiting:
            waiting, self._waiting = self._waiting, []
            data = self._data if self._data is not None else {}
            for how, table, docs in waiting:
                self._apply(data, how, table, docs)
            self._data = data
        return self._data

    @staticmethod
    def _apply(data: dict[str, Any], how: str, table: str, docs: dict[int, dict[str, Any]]) -> None:
        raw = data.setdefault(table, {})
        if how == "update":
            for doc_id, fields in docs.items():
                raw[str(doc_id)].update(fields)
        else:
            raw.update((str(doc_id), dict(d)) for doc_id, d in docs.items())

    def write(self, data: dict[str, Any]) -> None:
        self._data = data
        self._loaded = True
        self._waiting = []
        self.dirty = True

    def close(self) -> None:
        pass

    def doc(self, table: str, doc_id: int) -> dict[str, Any] | None:
        """One document as this transaction sees it (None if the table lacks it); do not change it in place."""
        if self._loaded or self._peek is None:
            return ((self.read() or {}).get(table) or {}).get(str(doc_id))
        got = self._peek(table, doc_id)
        for how, name, docs in self._waiting:
            if name == table and doc_id in docs:
                if how == "insert":
                    got = dict(docs[doc_id])
                elif got is not None:
                    got = {**got, **docs[doc_id]}
        return got

    def update_docs(self, table: str, updates: dict[int, dict[str, Any]]) -> None:
        """Set fields of many documents of one table in one step.

        TinyDB's own `Table.update` rebuilds the whole table per call; a batch
        of status changes touches a few documents of a table of hundreds, so
        the store patches them here and marks the data dirty like `write()`.
        Callers clear the table's query cache (`Table.clear_cache()`).
        """
        self._change("update", table, updates)

    def insert_docs(self, table: str, docs: dict[int, dict[str, Any]]) -> None:
        """Add documents with ids of their own (new ids: an event's, handed out by the store)."""
        self._change("insert", table, docs)

    def _change(self, how: str, table: str, docs: dict[int, dict[str, Any]]) -> None:
        if not self._loaded and self._peek is not None:
            self._waiting.append((how, table, {int(k): dict(v) for k, v in docs.items()}))
            self.dirty = True
            return
        data = self.read() or {}
        self._apply(data, how, table, docs)
        self.write(data)

    def snapshot(self) -> dict[str, Any]:
        """The current data, for the commit to write (tables of str(doc_id) → doc)."""
        return self.read() or {}


def open_db(loader: Callable[[], dict[str, Any] | None],
            peek: Callable[[str, int], dict[str, Any] | None] | None = None) -> TinyDB:
    """A TinyDB database over one data file (loaded lazily by `loader`; single documents by `peek`)."""
    return TinyDB(storage=SnapshotStorage, loader=loader, peek=peek)


def storage_of(db: TinyDB) -> SnapshotStorage:
    return db.storage  # type: ignore[return-value]


def doc(value: dict[str, Any], doc_id: int) -> Document:
    """A TinyDB document with a chosen id (the store hands out global ids)."""
    return Document(value, doc_id)
