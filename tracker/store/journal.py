"""The change log of the folder store: status changes written as appended records, not whole files.

A status change (or an event date, or a clerk's child-directive link)
touches one assignment: a few fields, one event, one index row, one due
row. Re-encoding the directive's whole file, its backup copy, the index
and due deltas and a new manifest took 12 fsyncs and ~37 ms at 450,000
assignments. So such a change is one record appended to the log of the
manifest's version, `journal/<v>.log`, and fsync'd: that append is its
commit point.

    journal/41.log      records committed after manifest version 41, one a line:
                        8 hex digits (CRC-32 of the JSON) + " " + JSON + "\\n"

A record counts only when its line is whole and its CRC matches, and the
log is read up to the first one that is not: a crash in the middle of an
append leaves a half line that no reader takes and the next writer (under
the store's lock) cuts off before appending. Each record carries the
version it makes (the manifest's + 1, + 2 ...), so a store object's
`version` still goes up by one per command.

What the records hold (tables of str(id), like the TinyDB files):

    {"v": 42, "at": "...", "cmd": "status", "ids": {"event": 901},
     "d": {"12": {"a": {"345": {"status": ...}}, "e": {"900": {...}}}},
     "rows": {"345": [index row]}, "dues": {"345": [issued, due, event_on, report_on]}}

Readers fold the records over the files of the version: `Pending.patch`
over a directive's data (fields set, events added: applying it twice
changes nothing), the rows over the index columns and the due column.
Every other commit (a load, a link) folds the log into the new version:
index and due rows into their delta files, the directives it rewrites get
their changes in their new file, and the rest is carried in a small
`pending-<v>.json` data file the manifest names (checksummed and backed
up like every data file), so a load does not rewrite every directive a
clerk touched. A commit folds the directives with the most pending
changes into their files as it goes, so the pending file stays small.

Why a hand-written log and not SQLite: the store is already a folder of
JSON files behind one file lock; a log of JSON lines is the same format,
one fsync per change, and readers need no write access (SQLite's WAL mode
needs shared memory and a writable folder for readers; its rollback mode
takes two or three fsyncs a commit).
"""
from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

JOURNAL = "journal"
PENDING = "pending"  # the manifest's key of the carried changes
# Past these the next status change commits a new version instead (folding the log).
MAX_RECORDS = 1000
MAX_BYTES = 1 << 20
# A commit that folds rewrites at most this many directive files for pending changes it carries.
FOLD_PER_COMMIT = 4
# ... and carries pending changes of at most this many directives (beyond, it folds them all).
MAX_PENDING_DIRECTIVES = 400


def log_path(root: Path, version: int) -> Path:
    return root / JOURNAL / f"{version}.log"


def frame(record: dict[str, Any]) -> bytes:
    body = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def parse(raw: bytes) -> tuple[list[dict[str, Any]], int]:
    """The whole records of a log and the length up to the end of the last one.

    A line without its newline, or whose CRC does not match, is not a record: at
    the end it is a torn append (never reported as saved), cut off by the next
    writer; in the middle (a damaged byte) it is skipped and the lines after it
    still count, each line being checked on its own.
    """
    out: list[dict[str, Any]] = []
    pos = valid = 0
    n = len(raw)
    while pos < n:
        end = raw.find(b"\n", pos)
        if end < 0:
            break
        rec = _record(raw[pos:end])
        if rec is not None:
            out.append(rec)
            valid = end + 1
        pos = end + 1
    return out, valid


def _record(line: bytes) -> dict[str, Any] | None:
    if len(line) < 10 or line[8:9] != b" ":
        return None
    body = line[9:]
    try:
        if int(line[:8], 16) != zlib.crc32(body):
            return None
        rec = json.loads(body)
    except ValueError:
        return None
    return rec if isinstance(rec, dict) else None


@dataclass
class DirectivePatch:
    """The pending changes of one directive's file: assignment fields set, events added."""

    fields: dict[str, dict[str, Any]] = field(default_factory=dict)  # str(aid) → fields
    events: dict[str, dict[str, Any]] = field(default_factory=dict)  # str(eid) → event

    def add(self, raw: dict[str, Any]) -> None:
        for aid, f in (raw.get("a") or {}).items():
            self.fields.setdefault(aid, {}).update(f)
        self.events.update(raw.get("e") or {})

    def to_json(self) -> dict[str, Any]:
        return {"a": self.fields, "e": self.events}

    def size(self) -> int:
        return len(self.fields) + len(self.events)


@dataclass
class Pending:
    """What the log (and the carried pending file) add to a version's files."""

    version: int = 0  # the version the last record made (0: no record)
    directives: dict[int, DirectivePatch] = field(default_factory=dict)
    stamps: dict[int, int] = field(default_factory=dict)  # directive → the last version that changed it
    rows: dict[int, tuple[int, ...]] = field(default_factory=dict)  # index rows
    dues: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)  # next ids after the last record
    records: int = 0
    valid: int = 0  # bytes of the log that hold whole records
    size: int = 0  # bytes of the log as read

    def add_carried(self, data: dict[str, Any] | None, version: int) -> None:
        """The pending file of the version (changes an earlier commit carried)."""
        for did, raw in ((data or {}).get("d") or {}).items():
            self.directives.setdefault(int(did), DirectivePatch()).add(raw)
            self.stamps[int(did)] = version

    def add(self, rec: dict[str, Any]) -> None:
        v = int(rec.get("v") or 0)
        self.version = max(self.version, v)
        for did, raw in (rec.get("d") or {}).items():
            self.directives.setdefault(int(did), DirectivePatch()).add(raw)
            self.stamps[int(did)] = v
        for aid, row in (rec.get("rows") or {}).items():
            self.rows[int(aid)] = tuple(int(x) for x in row)
        for aid, row in (rec.get("dues") or {}).items():
            self.dues[int(aid)] = tuple(int(x) for x in row)  # type: ignore[assignment]
        for k, n in (rec.get("ids") or {}).items():
            self.ids[str(k)] = max(int(n), self.ids.get(str(k), 0))
        self.records += 1

    def patch(self, did: int, data: dict[str, Any] | None) -> dict[str, Any] | None:
        """A directive's data with its pending changes (a new dict: the data given is not changed)."""
        p = self.directives.get(did)
        if p is None or data is None:
            return data
        out = dict(data)
        if p.fields:
            table = dict(out.get("assignments") or {})
            for aid, f in p.fields.items():
                if aid in table:
                    table[aid] = {**table[aid], **f}
            out["assignments"] = table
        if p.events:
            events = dict(out.get("events") or {})
            events.update(p.events)
            out["events"] = events
        return out

    def stamp(self, did: int) -> int:
        return self.stamps.get(did, 0)

    def full(self) -> bool:
        """Too much in the log: the next change commits a new version (which folds it)."""
        return self.records >= MAX_RECORDS or self.size >= MAX_BYTES


def read_log(root: Path, version: int, pending: Pending) -> Pending:
    """Add the records of version's log to `pending` (missing log: none)."""
    try:
        with open(log_path(root, version), "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        return pending
    records, valid = parse(raw)
    for rec in records:
        pending.add(rec)
    pending.valid, pending.size = valid, len(raw)
    return pending


def log_size(root: Path, version: int) -> int:
    try:
        return os.stat(log_path(root, version)).st_size
    except OSError:
        return -1


def append(root: Path, version: int, pending: Pending, record: dict[str, Any]) -> None:
    """Append one record to version's log and fsync it: the commit point of a status change.

    Runs under the store's lock, after `read_log` (so `pending.valid` is where the
    whole records end: a torn line a crashed writer left is cut off first). Raises
    StoreError (one line, what to do) when the disk refuses: the log is cut back to
    what it held, so no half record stays.
    """
    from tracker.store import files

    data = frame(record)
    path = log_path(root, version)
    folder = path.parent
    try:
        if not folder.is_dir():
            files.make_folder(folder, like=root)
            files.fsync_dir(root)
        created = not path.exists()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, files.file_mode(root))
    except OSError as exc:
        raise files.write_error(path, exc) from None
    try:
        try:
            if pending.size != pending.valid or os.fstat(fd).st_size != pending.valid:
                os.ftruncate(fd, pending.valid)
            os.lseek(fd, pending.valid, os.SEEK_SET)
            files._write_all(fd, data)
            os.fsync(fd)
        except OSError as exc:
            try:
                os.ftruncate(fd, pending.valid)
            except OSError:
                pass  # a reader stops at the torn line anyway, and the next writer cuts it off
            raise files.write_error(path, exc) from None
    finally:
        os.close(fd)
    if created:
        files.fsync_dir(folder)
    pending.add(record)
    pending.valid += len(data)
    pending.size = pending.valid
