"""The store's files on disk: atomic writes, checksums, and the manifest that commits them.

Every data file is written once under a name that carries the version that
wrote it (`data/d/12-40.json`) and never changed after. A commit writes the
new files (temp file, fsync, os.replace, fsync of the folder), then the new
manifest the same way: replacing `manifest.json` is the one atomic step that
makes a command's changes visible, so a crash at any moment leaves either the
old version or the new one, never a mix. The manifest names each file with
its size and CRC-32, so a truncated or hand-edited file is caught on read.
"""
from __future__ import annotations

import errno
import functools
import json
import marshal
import os
import re
import stat
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from tracker.errors import StoreError
from tracker.store.gcpause import gc_paused

FORMAT = "tracker-store"
MANIFEST = "manifest.json"
VERSIONS = "versions"
DATA = "data"
MIRROR = "backup"  # a compressed second copy of every data file that is not derived
LOCK = "lock"
# Files rebuilt from the others when damaged, so never mirrored.
DERIVED = ("index", "cols", "colsdelta", "colsmid", "dues", "duesdelta", "duesmid", "indexdelta", "directivesbin")


def file_mode(folder: Path) -> int:
    """Files follow their folder: read and write for whoever may write the folder (0700 → 0600, 0770 → 0660).

    A store is private unless its folder was made group-writable for several
    clerks; then its files and lock are the group's too (set explicitly, so
    the umask of whoever wrote first does not lock the others out).
    """
    try:
        mode = stat.S_IMODE(os.stat(folder).st_mode)
    except OSError:
        return 0o600
    return (mode & 0o666) | 0o600


def make_folder(path: Path, like: Path | None = None) -> None:
    """Create a folder of the store: private (0700) for a new store, else with the mode of `like` (the store folder)."""
    if path.is_dir():
        return
    path.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(os.stat(like).st_mode) if like is not None else 0o700
        os.chmod(path, mode | 0o700)
    except OSError:
        pass


MISSING = "mất tệp"  # Damaged.why of a file that is gone (repair tells it from other damage)


class Damaged(Exception):
    """A file of the store does not match its manifest entry (or is not valid JSON)."""

    def __init__(self, path: Path, why: str):
        super().__init__(f"{path}: {why}")
        self.path = path
        self.why = why


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte (one place, so tests can inject a full disk)."""
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a folder; the data files are synced
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, *, sync_dir: bool = True) -> None:
    """Write `data` to `path` so that `path` holds either the old or the new bytes.

    Raises StoreError (one line, what to do) when the disk refuses; the temp
    file is removed and `path` is untouched.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.fchmod(fd, file_mode(path.parent))
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise write_error(path, exc) from None
    if sync_dir:
        fsync_dir(path.parent)


def write_error(path: Path, exc: OSError) -> StoreError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "ổ đĩa đã đầy"
        todo = "giải phóng bớt chỗ rồi chạy lại lệnh"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "không được phép ghi vào đó"
        todo = "kiểm tra quyền của thư mục hoặc chọn kho khác bằng --db"
    else:
        why = exc.strerror or str(exc)
        todo = "kiểm tra ổ đĩa rồi chạy lại lệnh"
    return StoreError(f"không lưu được vào {path.parent}: {why}; không thay đổi gì ({todo})")


def checksum(data: bytes) -> str:
    return f"{zlib.crc32(data):08x}"


class FileRef(NamedTuple):
    """One file of a version: its name under data/, size and CRC-32 (a named tuple: a manifest
    lists one per directive, and every command reads one)."""

    name: str
    size: int
    crc: str

    def to_json(self) -> list[Any]:
        return [self.name, self.size, self.crc]

    @classmethod
    def from_json(cls, raw: Any) -> FileRef:
        name, size, crc = raw
        if type(name) is not str or type(size) is not int or type(crc) is not str:
            raise ValueError("bad file entry")
        if name[:1] == "/" or (".." in name and ".." in name.split("/")):
            raise ValueError("bad file name")
        return tuple.__new__(cls, (name, size, crc))  # type: ignore[return-value]  # skips the generated __new__


@dataclass
class Manifest:
    """What one version of the store is: its files, id counters and schema."""

    version: int = 0
    schema: int = 0
    saved_at: str = ""
    command: str = ""
    restored_from: int | None = None
    next_ids: dict[str, int] = field(default_factory=dict)
    files: dict[str, FileRef] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        """The manifest as JSON that opens with its own CRC-32 (`{"check":"…",` + the rest)."""
        data = {
            "version": self.version,  # early: readable even from a truncated manifest
            "format": FORMAT,
            "schema": self.schema,
            "saved_at": self.saved_at,
            "command": self.command,
            "next_ids": self.next_ids,
            "files": {k: v.to_json() for k, v in sorted(self.files.items())},
        }
        if self.restored_from is not None:
            data["restored_from"] = self.restored_from
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return _CHECK_HEAD + checksum(body).encode() + b'",' + body[1:]

    @classmethod
    def from_bytes(cls, raw: bytes, path: Path) -> Manifest:
        """Raises Damaged when the bytes are not a manifest, or not the bytes that were written.

        A manifest carries its own CRC-32, so a byte flipped or a hand edit
        that leaves valid JSON is caught too (manifests written before the
        check carry none and are taken as they are).
        """
        # Every command parses one (an entry per directive file: 4,600 lists at 450,000 assignments);
        # a cycle collection in the middle would move them all to the oldest generation and soon set
        # off a collection over the whole heap (tracker/store/gcpause.py).
        with gc_paused():
            return cls._parse(raw, path)

    @classmethod
    def _parse(cls, raw: bytes, path: Path) -> Manifest:
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            why = "tệp trống" if not raw.strip() else "bị cắt bớt hoặc không phải JSON hợp lệ"
            raise Damaged(path, why) from None
        if isinstance(data, dict) and "check" in data and not _checked_as_written(raw, data["check"]):
            # The check covers the content, whatever spacing an editor gave it.
            body = json.dumps({k: v for k, v in data.items() if k != "check"}, ensure_ascii=False, separators=(",", ":"))
            if checksum(body.encode("utf-8")) != data["check"]:
                raise Damaged(path, "mã kiểm tra không khớp (hỏng hoặc bị sửa tay)")
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise Damaged(path, "không phải manifest của kho tracker")
        try:
            return cls(
                version=int(data["version"]),
                schema=int(data["schema"]),
                saved_at=str(data.get("saved_at", "")),
                command=str(data.get("command", "")),
                restored_from=data.get("restored_from"),
                next_ids={str(k): int(v) for k, v in dict(data.get("next_ids") or {}).items()},
                files=_file_refs(data.get("files") or {}),
            )
        except (KeyError, TypeError, ValueError):
            raise Damaged(path, "các mục của manifest bị hỏng") from None


def _file_refs(raw: Any) -> dict[str, FileRef]:
    """The manifest's file entries as FileRefs, checked as FileRef.from_json checks one.

    Every command parses a manifest (an entry per directive file: 1,600 at 450,000 assignments); the
    checks run a column at a time here, in C (map, zip, set), instead of a method call per entry,
    which was half of a status change's manifest parse."""
    if type(raw) is not dict:
        raise TypeError("files is not a table")
    entries = list(raw.values())
    if not entries:
        return {}
    if set(map(type, entries)) != {list} or set(map(len, entries)) != {3}:
        raise ValueError("bad file entry")
    names, sizes, crcs = zip(*entries)
    if set(map(type, names)) != {str} or set(map(type, sizes)) != {int} or set(map(type, crcs)) != {str}:
        raise ValueError("bad file entry")
    joined = "\n".join(names)
    if joined[:1] == "/" or "\n/" in joined or (".." in joined and any(".." in n.split("/") for n in names)):
        raise ValueError("bad file name")
    return dict(zip(map(str, raw), map(_new_file_ref, entries)))


_new_file_ref = functools.partial(tuple.__new__, FileRef)  # a FileRef from a checked entry, without a Python call


_CHECK_HEAD = b'{"check":"'


def _checked_as_written(raw: bytes, check: Any) -> bool:
    """The manifest's bytes are exactly those `to_bytes` wrote and match its check (the fast way:
    no re-encoding). False only means "check it the slow way"."""
    head = len(_CHECK_HEAD)
    if not isinstance(check, str) or not raw.startswith(_CHECK_HEAD) or raw[head + 8 : head + 10] != b'",':
        return False
    return raw[head : head + 8] == check.encode() and checksum(b"{" + raw[head + 10 :]) == check
_VERSION_IN = re.compile(rb'"version"\s*:\s*(\d{1,9})\s*[,}]')


def version_in(raw: bytes) -> int | None:
    """The version a manifest names, even when the rest of it is damaged (None if it cannot be seen)."""
    m = _VERSION_IN.search(raw[:200])
    return int(m.group(1)) if m else None


def read_verified(root: Path, ref: FileRef) -> bytes:
    """The bytes of a data file, checked against its manifest entry.

    FileNotFoundError and PermissionError are the caller's to handle; a
    folder or an unreadable file in its place is Damaged.
    """
    path = root / DATA / ref.name
    try:
        with open(path, "rb") as f:
            raw = f.read(ref.size + 1)  # never more than was written, whatever is there now
    except (FileNotFoundError, PermissionError):
        raise
    except IsADirectoryError:
        raise Damaged(path, "có một thư mục nằm ở chỗ của tệp") from None
    except OSError as exc:
        raise Damaged(path, f"không đọc được ({exc.strerror or exc})") from None
    if len(raw) != ref.size:
        size = f"more than {ref.size}" if len(raw) > ref.size else str(len(raw))
        raise Damaged(path, f"còn {size} byte trong khi đã ghi {ref.size} (bị cắt bớt hoặc bị đổi)")
    if checksum(raw) != ref.crc:
        raise Damaged(path, "mã kiểm tra không khớp (hỏng hoặc bị sửa tay)")
    return raw


def mirror_path(root: Path, name: str) -> Path:
    return root / MIRROR / (name + ".gz")


def write_mirror(root: Path, name: str, data: bytes) -> Path:
    """The backup copy of a data file: the same bytes, gzip-compressed (fast level)."""
    import gzip

    path = mirror_path(root, name)
    write_atomic(path, gzip.compress(data, compresslevel=1, mtime=0), sync_dir=False)
    return path


def read_mirror(root: Path, ref: FileRef) -> bytes:
    """The bytes of a data file from its backup copy, checked like the file itself."""
    import gzip
    import zlib as _zlib

    path = mirror_path(root, ref.name)
    try:
        raw = gzip.decompress(path.read_bytes())
    except FileNotFoundError:
        raise
    except (OSError, EOFError, _zlib.error):
        raise Damaged(path, "bản sao dự phòng không đọc được") from None
    if len(raw) != ref.size or checksum(raw) != ref.crc:
        raise Damaged(path, "bản sao dự phòng không khớp")
    return raw


def load_json(path: Path, raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise Damaged(path, "không phải JSON hợp lệ") from None


def dump_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# -- the directives table's delta ----------------------------------------------------------------------
# A load changes one or two directive records of the ~1,500 in directives-<v>.json (1.3 MB at 450,000
# assignments): it writes those records in directivesdelta-<v>.json (the records changed since the table
# was written whole, each whole) instead of the table; readers put them over the table. Past
# MAX_DELTA_DIRECTIVES records, or when a record leaves the table, the table is written whole again.
MAX_DELTA_DIRECTIVES = 128


# directivesbin-<v>.bin: the directives table (directives-<v>.json) as marshal, derived: every load reads
# the table (1.3 MB of JSON at 450,000 assignments, 30 ms to decode; marshal: a quarter of that). It names
# the table it copies (file name and CRC-32), so a copy left beside another table is never read for it.
TABLE_COPY_MAGIC = b"TRKDIRT1"


def table_copy_bytes(of: FileRef, data: Any) -> bytes:
    """The derived copy of a parsed directives table (`of`: the table's file)."""
    return TABLE_COPY_MAGIC + marshal.dumps({"of": [of.name, of.crc], "data": data})


def table_copy(raw: bytes, of: FileRef) -> Any:
    """The parsed table a copy holds; ValueError when it is not a copy of `of`."""
    if raw[: len(TABLE_COPY_MAGIC)] != TABLE_COPY_MAGIC:
        raise ValueError("not a copy of the directives table")
    try:
        got = marshal.loads(raw[len(TABLE_COPY_MAGIC):])
        if got["of"] != [of.name, of.crc] or not isinstance(got["data"], dict):
            raise ValueError("a copy of another directives table")
        return got["data"]
    except (EOFError, KeyError, TypeError) as exc:
        raise ValueError(f"copy of the directives table unreadable ({exc})") from None


def merge_directives(table: dict[str, Any] | None, delta: dict[str, Any] | None) -> dict[str, Any]:
    """The directives table with its delta's records put over it (both parsed, as written)."""
    out = dict(table or {})
    records = dict(out.get("directives") or {})
    records.update((delta or {}).get("directives") or {})
    out["directives"] = records
    return out


def fingerprints(records: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    """id → the record's fields as read (the values themselves, held): what a commit compares to find
    the records a command changed, without a second copy of the table. Commands change a record by
    setting its fields (TinyDB's update, update_docs) or replacing it, never by editing a list or dict
    inside it in place, which this would not see."""
    return {k: tuple(r.items()) for k, r in records.items()}


def changed_records(before: dict[str, tuple[Any, ...]], now: dict[str, Any]) -> dict[str, Any]:
    """The records of `now` that are new or whose fields differ from those in `before`
    (tuple equality: the same objects compare at once, others by value)."""
    return {k: r for k, r in now.items() if before.get(k) != tuple(r.items())}
