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
import json
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.errors import StoreError

FORMAT = "tracker-store"
MANIFEST = "manifest.json"
VERSIONS = "versions"
DATA = "data"
MIRROR = "backup"  # a compressed second copy of every data file that is not derived
LOCK = "lock"
# Files rebuilt from the others when damaged, so never mirrored.
DERIVED = ("index", "cols", "colsdelta")


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
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
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
        why = "no space left on the device"
        todo = "free some space and run the command again"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "not allowed to write there"
        todo = "check the folder's permissions or choose another with --db"
    else:
        why = exc.strerror or str(exc)
        todo = "check the disk and run the command again"
    return StoreError(f"cannot save to {path.parent}: {why}; nothing was changed ({todo})")


def checksum(data: bytes) -> str:
    return f"{zlib.crc32(data):08x}"


@dataclass(frozen=True)
class FileRef:
    """One file of a version: its name under data/, size and CRC-32."""

    name: str
    size: int
    crc: str

    def to_json(self) -> list[Any]:
        return [self.name, self.size, self.crc]

    @classmethod
    def from_json(cls, raw: Any) -> FileRef:
        name, size, crc = raw
        if not isinstance(name, str) or not isinstance(size, int) or not isinstance(crc, str):
            raise ValueError("bad file entry")
        if name.startswith("/") or ".." in name.split("/"):
            raise ValueError("bad file name")
        return cls(name, size, crc)


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
        data = {
            "format": FORMAT,
            "schema": self.schema,
            "version": self.version,
            "saved_at": self.saved_at,
            "command": self.command,
            "next_ids": self.next_ids,
            "files": {k: v.to_json() for k, v in sorted(self.files.items())},
        }
        if self.restored_from is not None:
            data["restored_from"] = self.restored_from
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes, path: Path) -> Manifest:
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            why = "empty" if not raw.strip() else "truncated or not valid JSON"
            raise Damaged(path, why) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise Damaged(path, "not a tracker store manifest")
        try:
            return cls(
                version=int(data["version"]),
                schema=int(data["schema"]),
                saved_at=str(data.get("saved_at", "")),
                command=str(data.get("command", "")),
                restored_from=data.get("restored_from"),
                next_ids={str(k): int(v) for k, v in dict(data.get("next_ids") or {}).items()},
                files={str(k): FileRef.from_json(v) for k, v in dict(data.get("files") or {}).items()},
            )
        except (KeyError, TypeError, ValueError):
            raise Damaged(path, "manifest entries are damaged") from None


def read_verified(root: Path, ref: FileRef) -> bytes:
    """The bytes of a data file, checked against its manifest entry."""
    path = root / DATA / ref.name
    with open(path, "rb") as f:  # FileNotFoundError is the caller's to handle
        raw = f.read()
    if len(raw) != ref.size:
        raise Damaged(path, f"{len(raw)} bytes where {ref.size} were written (truncated or changed)")
    if checksum(raw) != ref.crc:
        raise Damaged(path, "checksum does not match (damaged or edited by hand)")
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
        raise Damaged(path, "backup copy unreadable") from None
    if len(raw) != ref.size or checksum(raw) != ref.crc:
        raise Damaged(path, "backup copy does not match")
    return raw


def load_json(path: Path, raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise Damaged(path, "not valid JSON") from None


def dump_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
