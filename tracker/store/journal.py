"""The change log of the folder store: status changes written as appended records, not whole files.

A status change (or an event date, or a clerk's child-directive link)
touches one assignment: a few fields, one event, one index row, one due
row. Re-encoding the directive's whole file, its backup copy, the index
and due deltas and a new manifest took 12 fsyncs and ~37 ms at 450,000
assignments. So such a change is one record appended to the log of the
manifest's version, `journal/<v>.log`, and fsync'd: that append is its
commit point.

    journal/41.log      records committed after manifest version 41, one a line: 8 hex digits
                        (CRC-32 of the rest) + " " + the ids of the directives it changes
                        ("12" or "12,40") + " " + JSON + "\\n"

A record counts only when its line is whole and its CRC matches: a crash
in the middle of an append leaves a half line that no reader takes and the
next writer (under the store's lock) cuts off before appending; a damaged
byte costs only its own line. Each record carries the
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
their changes in their new file, and the rest is carried in
`pending-<v>.jsonl`, a data file the manifest names (checksummed and backed
up like every data file; one line "<directive id> <JSON>" per directive), so
a load does not rewrite every directive a clerk touched. A commit folds
the directives with the most pending changes into their files as it goes
(more when the pending file grows past MAX_PENDING_BYTES).

A status change that finds the log full (MAX_RECORDS) commits a new version
instead, a rollover kept short because a clerk waits for it: its own change
is carried with the log's (no directive file written unless the bound on
carried changes asks), carried lines nobody changed are written again as
they were, and the index and due deltas may grow to twice their limit (the
next load writes the whole columns). About 10 fsyncs instead of 22.

A writer reads only the log's last line (the version, the next ids, where
whole records end) and the lines naming its directive; the index and due
rows of every record are parsed when a reader first asks for them.

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
from pathlib import Path
from typing import Any

JOURNAL = "journal"
PENDING = "pending"  # the manifest's key of the carried changes
# Past these the next status change commits a new version instead (folding the log).
MAX_RECORDS = 256
MAX_BYTES = 1 << 20
# A commit that folds rewrites at most this many directive files for pending changes it carries.
FOLD_PER_COMMIT = 4
# ... and, past this many bytes of carried changes (every change reads them), the directives with the
# most until the rest is under three quarters of it.
MAX_PENDING_BYTES = 1 << 20


def log_path(root: Path, version: int) -> Path:
    return root / JOURNAL / f"{version}.log"


def frame(record: dict[str, Any]) -> bytes:
    """One line: CRC-32 of the rest, the directives it changes (so a writer reads only its own), the JSON."""
    dids = ",".join(sorted((record.get("d") or {}), key=int)) or "-"
    body = dids.encode() + b" " + json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def _lines(raw: bytes) -> list[bytes]:
    """The whole lines of a log (a last line without its newline is a torn append: left out)."""
    lines = raw.split(b"\n")
    lines.pop()  # after the last newline: empty, or a torn line
    return lines


def _dids_of(line: bytes) -> list[bytes]:
    end = line.find(b" ", 9)
    return line[9:end].split(b",") if end > 9 else []


def _record(line: bytes) -> dict[str, Any] | None:
    """The record of one line, None unless its CRC matches (torn or damaged)."""
    if len(line) < 12 or line[8:9] != b" ":
        return None
    body = line[9:]
    try:
        if int(line[:8], 16) != zlib.crc32(body):
            return None
        rec = json.loads(body[body.index(b" ") + 1 :])
    except ValueError:
        return None
    return rec if isinstance(rec, dict) else None


def parse(raw: bytes) -> tuple[list[dict[str, Any]], int]:
    """The whole records of a log and the length up to the end of the last one.

    A line without its newline, or whose CRC does not match, is not a record: at
    the end it is a torn append (never reported as saved), cut off by the next
    writer; in the middle (a damaged byte) it is skipped and the lines after it
    still count, each line being checked on its own.
    """
    out: list[dict[str, Any]] = []
    pos = valid = 0
    for line in _lines(raw):
        rec = _record(line)
        pos += len(line) + 1
        if rec is not None:
            out.append(rec)
            valid = pos
    return out, valid


def damaged_lines(raw: bytes) -> int:
    """Whole lines of a log that are not records (a torn last line without its newline is not counted:
    that is an append a crash cut, never reported as saved)."""
    return sum(1 for line in _lines(raw) if _record(line) is None)


def _tail(raw: bytes) -> tuple[dict[str, Any] | None, int] | None:
    """The last record and the log's length when its last line is a whole record (the usual case:
    no need to read the rest); None when it is not (then the whole log is parsed)."""
    if not raw:
        return None, 0
    if not raw.endswith(b"\n"):
        return None
    start = raw.rfind(b"\n", 0, len(raw) - 1) + 1
    rec = _record(raw[start:-1])
    return None if rec is None else (rec, len(raw))


class DirectivePatch:
    """The pending changes of one directive's file: assignment fields set, events added."""

    def __init__(self, stamp: int = 0) -> None:
        self._fields: dict[str, dict[str, Any]] = {}  # str(aid) → fields
        self._events: dict[str, dict[str, Any]] = {}  # str(eid) → event
        self.stamp = stamp  # the last version that changed it
        # Its JSON as the pending file holds it, while nothing was added since: a fold writes the
        # changes it carries on again, and decoding and encoding every directive's again was most
        # of a fold. A carried line is decoded only when its changes are asked for.
        self.encoded: bytes | None = None
        self._unread: bytes | None = None

    def _read(self) -> None:
        if self._unread is not None:
            raw, self._unread = self._unread, None
            self._put(json.loads(raw))

    def _put(self, raw: dict[str, Any]) -> None:
        for aid, f in (raw.get("a") or {}).items():
            self._fields.setdefault(aid, {}).update(f)
        self._events.update(raw.get("e") or {})

    @property
    def fields(self) -> dict[str, dict[str, Any]]:
        self._read()
        return self._fields

    @property
    def events(self) -> dict[str, dict[str, Any]]:
        self._read()
        return self._events

    def add(self, raw: dict[str, Any], version: int) -> None:
        self._read()
        self._put(raw)
        self.stamp = max(self.stamp, version)
        self.encoded = None

    @classmethod
    def carried(cls, line: bytes, version: int) -> "DirectivePatch":
        """The patch of one line of a pending file (kept as written, decoded on first use)."""
        patch = cls(version)
        patch._unread = patch.encoded = line
        return patch

    def to_json(self) -> dict[str, Any]:
        return {"a": self.fields, "e": self.events}

    def to_bytes(self) -> bytes:
        if self.encoded is None:
            self.encoded = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return self.encoded

    def size(self) -> int:
        return len(self.fields) + len(self.events)


def carried_bytes(patches: dict[int, DirectivePatch]) -> bytes:
    """The pending file: one line per directive, "<id> <JSON>", so a reader parses only the ones it reads."""
    return b"".join(b"%d " % did + p.to_bytes() + b"\n" for did, p in sorted(patches.items()))


def to_fold(carried: dict[int, DirectivePatch], *, rollover: bool = False) -> list[int]:
    """The directives whose carried changes a commit puts into their files: the FOLD_PER_COMMIT with
    the most, and more while the rest passes three quarters of MAX_PENDING_BYTES. A rollover (a
    status change finding the log full) folds only those the bound asks for: each file folded is
    two more fsyncs in a clerk's change."""
    sizes = {did: len(p.to_bytes()) for did, p in carried.items()}
    order = sorted(sizes, key=lambda d: -sizes[d])
    first = 0 if rollover else FOLD_PER_COMMIT
    out = order[:first]
    rest = sum(sizes.values()) - sum(sizes[d] for d in out)
    for did in order[first:]:
        if rest <= MAX_PENDING_BYTES * 3 // 4:
            break
        out.append(did)
        rest -= sizes[did]
    return out


class Pending:
    """What a version's log (and the changes its pending file carries) add to its files.

    Read lazily: a writer needs only the last record (version, next ids), the
    length of the whole records and the changes of the directives it changes; a
    reader of the index or the due column needs every record's rows.
    """

    def __init__(self, log: bytes = b"", carried: bytes = b"", version: int = 0) -> None:
        self._records: list[dict[str, Any]] | None = None
        self.raw = log
        self.carried = carried
        self.base_version = version  # the manifest's: the stamp of carried changes
        self.size = len(log)
        tail = _tail(log)
        if tail is None:
            self._parse()
        else:
            self.last, self.valid = tail
        self._carried_lines: dict[int, bytes] | None = None
        self._patches: dict[int, DirectivePatch | None] = {}
        self._rows: dict[int, tuple[int, ...]] | None = None
        self._dues: dict[int, tuple[int, int, int, int]] | None = None

    def _parse(self) -> list[dict[str, Any]]:
        if self._records is None:
            self._records, self.valid = parse(self.raw)
            self.last = self._records[-1] if self._records else None
        return self._records  # type: ignore[return-value]

    # -- what a writer needs ---------------------------------------------------------

    @property
    def version(self) -> int:
        """The version the last record made (0: none)."""
        return int((self.last or {}).get("v") or 0)

    @property
    def ids(self) -> dict[str, int]:
        return {str(k): int(n) for k, n in ((self.last or {}).get("ids") or {}).items()}

    @property
    def records(self) -> int:
        return self.raw.count(b"\n")

    def empty(self) -> bool:
        return not self.raw and not self.carried

    def full(self) -> bool:
        """Too much in the log: the next change commits a new version (which folds it)."""
        return self.records >= MAX_RECORDS or self.size >= MAX_BYTES

    def directive(self, did: int) -> DirectivePatch | None:
        """The pending changes of one directive (carried, then logged), parsing only its lines."""
        if did in self._patches:
            return self._patches[did]
        patch = None
        line = self._carried().get(did)
        if line is not None:
            patch = DirectivePatch.carried(line, self.base_version)
        key = str(did).encode()
        if self._records is not None:
            recs = [r for r in self._records if str(did) in (r.get("d") or {})]
        else:
            recs = [r for ln in _lines(self.raw) if key in _dids_of(ln) and (r := _record(ln)) is not None]
        for rec in recs:
            patch = patch or DirectivePatch()
            patch.add(rec["d"][str(did)], int(rec.get("v") or 0))
        self._patches[did] = patch
        return patch

    def _carried(self) -> dict[int, bytes]:
        if self._carried_lines is None:
            out = {}
            for line in self.carried.split(b"\n"):
                sp = line.find(b" ")
                if sp > 0:
                    out[int(line[:sp])] = line[sp + 1 :]
            self._carried_lines = out
        return self._carried_lines

    def patch(self, did: int, data: dict[str, Any] | None) -> dict[str, Any] | None:
        """A directive's data with its pending changes (a new dict: the data given is not changed)."""
        p = self.directive(did)
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
        """The last version that changed a directive's pending changes (0: none)."""
        if self.empty():
            return 0
        p = self.directive(did)
        return p.stamp if p is not None else 0

    # -- what a reader of every assignment (and a fold) needs --------------------------------

    @property
    def rows(self) -> dict[int, tuple[int, ...]]:
        """Index rows the log changed (aid → row)."""
        if self._rows is None:
            self._rows = {int(a): tuple(r) for rec in self._parse() for a, r in (rec.get("rows") or {}).items()}
        return self._rows

    @property
    def dues(self) -> dict[int, tuple[int, int, int, int]]:
        if self._dues is None:
            self._dues = {int(a): tuple(r) for rec in self._parse()  # type: ignore[misc]
                          for a, r in (rec.get("dues") or {}).items()}
        return self._dues

    def directives(self) -> dict[int, DirectivePatch]:
        """Every directive with pending changes (in one pass over the carried lines and the records)."""
        out: dict[int, DirectivePatch] = {}
        for did, line in self._carried().items():
            out[did] = DirectivePatch.carried(line, self.base_version)
        for rec in self._parse():
            v = int(rec.get("v") or 0)
            for did, raw in (rec.get("d") or {}).items():
                out.setdefault(int(did), DirectivePatch()).add(raw, v)
        self._patches.update(out)
        return out

    def appended(self, data: bytes) -> None:
        """A record this process just appended (at `valid`): read again lazily from the new bytes."""
        self.__init__(self.raw[: self.valid] + data, self.carried, self.base_version)  # type: ignore[misc]


def read_log(root: Path, version: int, carried: bytes = b"") -> Pending:
    """The pending changes of a version: its log's records over the changes its pending file carries."""
    try:
        with open(log_path(root, version), "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        raw = b""
    return Pending(raw, carried, version)


def log_size(root: Path, version: int) -> int:
    try:
        return os.stat(log_path(root, version)).st_size
    except OSError:
        return 0


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
            if os.fstat(fd).st_size != pending.valid:
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
    pending.appended(data)
