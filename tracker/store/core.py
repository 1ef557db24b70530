"""The store: a folder of versioned TinyDB files committed by one manifest, behind one lock.

    STORE/                       the path `--db` / TRACKER_DB names (a folder)
      manifest.json              the current version: its files, sizes, CRC-32s, id counters, schema
      versions/00000042.json     copies of the last manifests (current + 5 backups)
      data/directives-42.json    TinyDB: one document per directive (header, source, chain links)
      data/units-40.json         TinyDB: the units assignments name (name, level, kind, parent)
      data/d/12-42.json          TinyDB: one directive's tasks, assignments and events
      data/index-40.json         derived: per-task deadline and indicators, unit codes
      data/cols-42.bin           derived: one int32 column per assignment field
      data/colsdelta-43.bin      derived: assignment rows changed since cols was written
      backup/d/12-42.json.gz     a compressed second copy of each data file that is not derived
      lock                       the cross-process lock every read-modify-write holds

Why this layout: TinyDB's stock storage re-reads and rewrites one big JSON
file on every operation (0.75 s a query, 1.6 s an update at 100k records,
and unsafe under crashes and concurrent writers). Split per directive, a
status change rewrites one small file; the queries scan the compact
columns instead of every record; and since data files are never modified
after they are written, a new version only needs a new manifest, and the
last five versions are backups that share the unchanged files. Shared files
are only as safe as their one copy, so each is also written compressed under
backup/: a damaged or hand-edited file is repaired from it by `tracker db
restore`, and the index files are rebuilt from the data.

All reading and writing of tracker data goes through this package.
"""
from __future__ import annotations

import functools
import json
import os
import threading
from collections import OrderedDict
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterator

from tinydb import TinyDB

from tracker.errors import StoreError
from tracker.store.files import (
    DATA,
    DERIVED,
    LOCK,
    MANIFEST,
    MIRROR,
    VERSIONS,
    Damaged,
    FileRef,
    Manifest,
    checksum,
    dump_json,
    fsync_dir,
    load_json,
    mirror_path,
    read_mirror,
    read_verified,
    write_atomic,
    write_mirror,
)
from tracker.store.index import Index, row_of_assignment, task_entry
from tracker.store.storage import open_db, storage_of

SCHEMA = 1
KEEP_BACKUPS = 5
_CACHE_FILES = 96

# Schema migrations: MIGRATIONS[n] turns a store of schema n into schema n+1,
# working through a Transaction (load what it needs, change it, the commit
# writes a new version; the old one stays as a backup).
MIGRATIONS: dict[int, Callable[["Transaction"], None]] = {}

_README = """This folder is a tracker data store (see `tracker db info`).
Do not edit its files by hand: every file is checked against manifest.json,
and a changed file is reported as damaged. `tracker db backups` lists the
versions kept; `tracker db restore VERSION` goes back to one.
"""


def default_path() -> Path:
    """TRACKER_DB, else `<user data dir>/tracker/store`."""
    env = os.environ.get("TRACKER_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("tracker", appauthor=False)) / "store"


def _lock_timeout() -> float:
    try:
        return float(os.environ.get("TRACKER_LOCK_TIMEOUT", "60"))
    except ValueError:
        return 60.0


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


class _Stale(Exception):
    """A file of the snapshot was cleaned away by a newer version: read again."""


def reader(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Run a read method again on the newest version if its snapshot went stale."""

    @functools.wraps(fn)
    def wrapper(self: "StoreCore", *args: Any, **kwargs: Any) -> Any:
        for _ in range(3):
            try:
                return fn(self, *args, **kwargs)
            except _Stale:
                continue
        return fn(self, *args, **kwargs)

    return wrapper


class StoreCore:
    """One tracker data store. Reads see one version (a snapshot); writes go through `transaction()`."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, strict: bool = True):
        """Open the store at `path` (default: `default_path()`); nothing is created before the first write.

        `strict=False` opens a damaged store anyway (for `tracker db`): the
        problem is kept in `self.problem` and reads see an empty store.
        """
        self.problem: str | None = None
        self.path = Path(path).expanduser() if path else default_path()
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(
                f"{self.path} is a file, but a tracker store is a folder: give --db a folder path (it is created if missing)"
            )
        self._cache: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self._index: Index | None = None
        self._index_version = -1
        self._local = threading.local()  # the open transaction, per thread (TUI workers share a Store)
        self._manifest = Manifest()
        self._token: tuple[int, int, int] | None = None
        try:
            self._load_manifest()
        except StoreError as exc:
            if strict:
                raise
            self.problem = str(exc)
            return
        if self._manifest.version and self._manifest.schema < SCHEMA:
            self._migrate()
        elif self._manifest.schema > SCHEMA:
            raise StoreError(
                f"{self.path} was written by a newer tracker (schema {self._manifest.schema}, this one reads {SCHEMA}): upgrade tracker"
            )

    # -- snapshot ------------------------------------------------------------

    @property
    def _tx(self) -> "Transaction | None":
        return getattr(self._local, "tx", None)

    @_tx.setter
    def _tx(self, tx: "Transaction | None") -> None:
        self._local.tx = tx

    @property
    def version(self) -> int:
        """The version this store object reads (0: nothing saved yet)."""
        return self._manifest.version

    @property
    def manifest(self) -> Manifest:
        return self._manifest

    def _stat_token(self) -> tuple[int, int, int] | None:
        try:
            s = os.stat(self.path / MANIFEST)
        except OSError:
            return None
        return (s.st_ino, s.st_mtime_ns, s.st_size)

    def _read_manifest(self) -> Manifest:
        path = self.path / MANIFEST
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            if self._version_numbers():
                raise self._damaged(Damaged(path, "missing")) from None
            return Manifest()
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror}") from None
        try:
            return Manifest.from_bytes(raw, path)
        except Damaged as exc:
            raise self._damaged(exc) from None

    def _load_manifest(self) -> None:
        token = self._stat_token()
        self._manifest = self._read_manifest()
        self._token = token

    def refresh(self) -> bool:
        """Read the newest version if another process saved one; True when it changed."""
        if self._stat_token() == self._token:
            return False
        old = self._manifest.version
        self._load_manifest()
        return self._manifest.version != old

    def changed(self) -> bool:
        """Cheap poll for the TUI: has another process saved since this snapshot? (Then it is read.)"""
        return self.refresh()

    # -- reading files ---------------------------------------------------------

    def _read(self, key: str, manifest: Manifest | None = None, *, fresh: bool = False) -> Any:
        """The parsed JSON of one data file of a version (None if the version has none)."""
        m = manifest or self._manifest
        ref = m.files.get(key)
        if ref is None:
            return None
        ck = (ref.name, ref.crc)
        if not fresh and ck in self._cache:
            self._cache.move_to_end(ck)
            return self._cache[ck]
        raw = self._read_bytes(ref, m)
        try:
            data = load_json(self.path / DATA / ref.name, raw)
        except Damaged as exc:
            raise self._damaged(exc) from None
        if not fresh:
            self._remember(ck, data)
        return data

    def _read_bytes(self, ref: FileRef, m: Manifest) -> bytes:
        try:
            return read_verified(self.path, ref)
        except FileNotFoundError:
            if m is self._manifest and self._tx is None and self.refresh():
                raise _Stale() from None
            raise self._damaged(Damaged(self.path / DATA / ref.name, "missing")) from None
        except Damaged as exc:
            raise self._damaged(exc) from None

    def _remember(self, ck: tuple[str, str], data: Any) -> None:
        self._cache[ck] = data
        while len(self._cache) > _CACHE_FILES:
            self._cache.popitem(last=False)

    def _db(self, key: str) -> TinyDB:
        """A read-only TinyDB view of one file of the snapshot."""
        data = self._read(key)
        return open_db(lambda: data or {})

    def index(self) -> Index:
        """The assignment index of the snapshot (rebuilt from the data if missing or damaged)."""
        if self._index is None or self._index_version != self._manifest.version:
            self._index = self._load_index(self._manifest)
            self._index_version = self._manifest.version
        return self._index

    def _load_index(self, m: Manifest) -> Index:
        meta, cols, delta = m.files.get("index"), m.files.get("cols"), m.files.get("colsdelta")
        if meta and cols:
            try:
                idx = Index.from_bytes(read_verified(self.path, meta), read_verified(self.path, cols))
                if delta:
                    idx.apply_delta(read_verified(self.path, delta))
                return idx
            except FileNotFoundError:
                if m is self._manifest and self._tx is None and self.refresh():
                    raise _Stale() from None
            except (Damaged, ValueError, KeyError):
                pass  # derived data: rebuild it below
        return self._rebuild_index(m)

    def _rebuild_index(self, m: Manifest) -> Index:
        idx = Index()
        for key in sorted((k for k in m.files if k.startswith("d/")), key=lambda k: int(k[2:])):
            data = self._read(key, m, fresh=True) or {}
            tasks = {int(k): task_entry(v) for k, v in (data.get("tasks") or {}).items()}
            rows = [
                row_of_assignment(int(k), a, idx.unit_code(a.get("unit") or ""))
                for k, a in (data.get("assignments") or {}).items()
            ]
            idx.replace_directive(int(key[2:]), tasks, rows)
        idx.meta_dirty = True
        return idx

    # -- writing ----------------------------------------------------------------

    @contextmanager
    def transaction(self, command: str = "") -> Iterator["Transaction"]:
        """Hold the lock, read the newest version, and commit all changes made inside as one new version.

        Nested calls join the outer transaction. An exception inside discards
        everything; nothing reaches the disk before the commit.
        """
        if self._tx is not None:
            yield self._tx
            return
        from filelock import FileLock, Timeout

        self._ensure_folder()
        lock = FileLock(str(self.path / LOCK), timeout=_lock_timeout())
        try:
            lock.acquire()
        except Timeout:
            raise StoreError(
                f"{self.path} is busy: another tracker has been saving to it for {_lock_timeout():.0f} s; try again"
            ) from None
        try:
            base = self._read_manifest()
            if base.schema > SCHEMA:
                raise StoreError(f"{self.path} was written by a newer tracker (schema {base.schema}): upgrade tracker")
            tx = Transaction(self, base, command)
            self._tx = tx
            yield tx
            new = tx.commit()
            if new is not None:
                self._after_commit(tx, new)
            else:
                self._manifest = base
                self._token = self._stat_token()
        finally:
            self._tx = None
            lock.release()

    def _ensure_folder(self) -> None:
        try:
            (self.path / DATA / "d").mkdir(parents=True, exist_ok=True)
            (self.path / MIRROR / "d").mkdir(parents=True, exist_ok=True)
            (self.path / VERSIONS).mkdir(exist_ok=True)
            readme = self.path / "README.txt"
            if not readme.exists():
                readme.write_text(_README, encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"cannot create the store folder {self.path}: {exc.strerror}") from None

    def _after_commit(self, tx: "Transaction", new: Manifest) -> None:
        self._manifest = new
        self._token = self._stat_token()
        for key, db in tx.dbs.items():
            ref = new.files.get(key)
            if ref is not None and storage_of(db).dirty:
                self._remember((ref.name, ref.crc), storage_of(db).snapshot())
        if tx.index_loaded is not None:
            self._index, self._index_version = tx.index_loaded, new.version
        self._collect_garbage(sweep=new.version % 50 == 0)

    # -- versions and backups ------------------------------------------------------

    def _version_numbers(self) -> list[int]:
        try:
            names = os.listdir(self.path / VERSIONS)
        except OSError:
            return []
        out = []
        for n in names:
            if n.endswith(".json") and n[:-5].isdigit():
                out.append(int(n[:-5]))
        return sorted(out)

    def _version_file(self, v: int) -> Path:
        return self.path / VERSIONS / f"{v:08d}.json"

    def read_version(self, v: int) -> Manifest:
        path = self._version_file(v)
        try:
            raw = path.read_bytes()
        except OSError:
            raise Damaged(path, "missing") from None
        return Manifest.from_bytes(raw, path)

    def problems(self, m: Manifest, memo: dict[tuple[str, str], Any] | None = None) -> list[tuple[str, str, bool]]:
        """What is wrong with the files of a version: (file, why, repairable), empty when all are intact.

        Repairable: a data file whose backup copy is intact, or a derived
        index file (rebuilt from the data). Files are checked by size and
        CRC-32 (what was written was valid); `memo` shares the checks of
        files several versions hold.
        """
        memo = {} if memo is None else memo
        out = []
        for key, ref in m.files.items():
            ck = (ref.name, ref.crc)
            if ck not in memo:
                why = None
                try:
                    read_verified(self.path, ref)
                except FileNotFoundError:
                    why = "missing"
                except Damaged as exc:
                    why = exc.why
                repairable = key in DERIVED
                if why is not None and not repairable:
                    try:
                        read_mirror(self.path, ref)
                        repairable = True
                    except (OSError, Damaged):
                        repairable = False
                memo[ck] = (why, repairable)
            why, repairable = memo[ck]
            if why is not None:
                out.append((ref.name, why, repairable))
        return out

    def verify(self, m: Manifest) -> str | None:
        """None when every file of a version is there and intact as it is, else what is wrong."""
        found = self.problems(m)
        return None if not found else "; ".join(f"{name}: {why}" for name, why, _ in found)

    def restorable(self, m: Manifest, memo: dict[tuple[str, str], Any] | None = None) -> bool:
        """Every file of the version is intact or can be repaired."""
        return all(repairable for _, _, repairable in self.problems(m, memo))

    def backups(self) -> list[dict[str, Any]]:
        """The versions kept, newest first: version, saved_at, command, current, problem (None = good)."""
        out = []
        current = self._current_version_or_none()
        memo: dict[tuple[str, str], Any] = {}
        for v in reversed(self._version_numbers()):
            try:
                m = self.read_version(v)
                found = self.problems(m, memo)
                problem = "; ".join(f"{name}: {why}" for name, why, _ in found) or None
                repairable = all(r for _, _, r in found)
                saved, command, restored = m.saved_at, m.command, m.restored_from
            except Damaged as exc:
                problem, repairable, saved, command, restored = exc.why, False, "", "", None
            out.append(
                {"version": v, "saved_at": saved, "command": command, "current": v == current,
                 "restored_from": restored, "problem": problem, "restorable": repairable}
            )
        return out

    def _current_version_or_none(self) -> int | None:
        try:
            return Manifest.from_bytes((self.path / MANIFEST).read_bytes(), self.path / MANIFEST).version
        except (OSError, Damaged):
            return None

    def newest_good(self, *, below: int | None = None) -> Manifest | None:
        """The newest kept version whose files are intact or repairable (never one a crash left uncommitted)."""
        current = self._current_version_or_none()
        memo: dict[tuple[str, str], Any] = {}
        for v in reversed(self._version_numbers()):
            if below is not None and v >= below:
                continue
            if current is not None and v > current:
                continue
            try:
                m = self.read_version(v)
            except Damaged:
                continue
            if self.restorable(m, memo):
                return m
        return None

    def _damaged(self, exc: Damaged) -> StoreError:
        where = self._db_hint()
        good = self.newest_good()
        what = f"the data in {self.path} is damaged ({exc.path.name}: {exc.why})"
        if good is None:
            return StoreError(f"{what} and no good backup was found; `tracker db backups{where}` lists what is there")
        when = _format_time(good.saved_at)
        if good.version == self._current_version_or_none():
            return StoreError(
                f"{what}; the newest good backup is version {good.version} ({when}), the current one, from its "
                f"backup copies: run `tracker db restore{where}` to repair it"
            )
        return StoreError(
            f"{what}; the newest good backup is version {good.version} ({when}): "
            f"run `tracker db restore{where}` to go back to it"
        )

    def _db_hint(self) -> str:
        try:
            default = default_path() if not os.environ.get("TRACKER_DB") else None
        except Exception:
            default = None
        if default is not None and Path(default) == self.path:
            return ""
        return f" --db {self.path}"

    def restore(self, version: int | None = None) -> Manifest:
        """Make a kept version current again, as a new version (the one it replaces stays a backup).

        With no version: only when the current one is damaged, the newest good one.
        """
        self._ensure_folder()
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.path / LOCK), timeout=_lock_timeout())
        try:
            lock.acquire()
        except Timeout:
            raise StoreError(f"{self.path} is busy: another tracker is saving to it; try again") from None
        try:
            current: Manifest | None
            try:
                current = Manifest.from_bytes((self.path / MANIFEST).read_bytes(), self.path / MANIFEST)
                problem = self.verify(current)
            except FileNotFoundError:
                current, problem = None, "missing"
            except Damaged as exc:
                current, problem = None, exc.why
            numbers = self._version_numbers()
            if version is None:
                if current is not None and problem is None:
                    raise StoreError(
                        f"the current version {current.version} of {self.path} is intact; to go back to an older one, "
                        f"name it: `tracker db restore VERSION{self._db_hint()}` (`tracker db backups` lists them)"
                    )
                target = self.newest_good()
                if target is None:
                    raise StoreError(f"no good backup of {self.path} was found; nothing was changed")
            else:
                if version not in numbers:
                    kept = ", ".join(str(v) for v in reversed(numbers)) or "none"
                    raise StoreError(f"version {version} is not kept in {self.path} (kept: {kept})")
                try:
                    target = self.read_version(version)
                except Damaged as exc:
                    raise StoreError(f"version {version} cannot be restored: {exc.why}") from None
                if not self.restorable(target):
                    raise StoreError(f"version {version} cannot be restored: {self.verify(target)}")
            top = max([*numbers, current.version if current else 0])
            new = Manifest(
                version=top + 1,
                schema=target.schema,
                saved_at=_now(),
                command=f"restore {target.version}",
                restored_from=target.version,
                next_ids=dict(target.next_ids),
                files=dict(target.files),
            )
            self._repair(new)
            if current is not None:
                # Never hand out an id twice, even for records the restore drops.
                for k, v in current.next_ids.items():
                    new.next_ids[k] = max(v, new.next_ids.get(k, 1))
            raw = new.to_bytes()
            write_atomic(self._version_file(new.version), raw)
            write_atomic(self.path / MANIFEST, raw)
            self._manifest = new
            self._token = self._stat_token()
            self._index = None
            self._collect_garbage(sweep=True)
            return new
        finally:
            lock.release()

    def _repair(self, m: Manifest) -> None:
        """Put back damaged data files of a version from their backup copies; drop damaged index files."""
        for name, _why, repairable in self.problems(m):
            key = next(k for k, r in m.files.items() if r.name == name)
            if key in DERIVED:
                m.files.pop(key)  # rebuilt from the data on the next read
                if key == "cols":
                    m.files.pop("colsdelta", None)
                continue
            if repairable:
                write_atomic(self.path / DATA / name, read_mirror(self.path, m.files[key]))

    def _collect_garbage(self, *, sweep: bool = False) -> None:
        """Drop versions beyond the backups kept, and the data files only they used.

        Runs under the lock. `sweep` also removes files no kept version names
        (left by a crash between writing data and committing).
        """
        numbers = self._version_numbers()
        current = self._manifest.version
        kept = [v for v in numbers if v <= current][-(KEEP_BACKUPS + 1):]
        drop = [v for v in numbers if v not in kept]
        if not drop and not sweep:
            return
        referenced: set[str] = set()
        for v in kept:
            referenced.update(self._names_in_version(v))
        referenced.update(r.name for r in self._manifest.files.values())
        candidates: set[str] = set()
        for v in drop:
            candidates.update(self._names_in_version(v))
        if sweep:
            for folder, prefix in ((self.path / DATA, ""), (self.path / DATA / "d", "d/")):
                try:
                    candidates.update(prefix + n for n in os.listdir(folder) if not (folder / n).is_dir())
                except OSError:
                    pass
        if sweep:
            for folder, prefix in ((self.path / MIRROR, ""), (self.path / MIRROR / "d", "d/")):
                try:
                    candidates.update(prefix + n[:-3] for n in os.listdir(folder) if n.endswith(".gz"))
                except OSError:
                    pass
        for name in candidates - referenced:
            for path in (self.path / DATA / name, mirror_path(self.path, name)):
                try:
                    os.unlink(path)
                except OSError:
                    pass
        for v in drop:
            try:
                os.unlink(self._version_file(v))
            except OSError:
                pass

    def _names_in_version(self, v: int) -> set[str]:
        """The data file names a kept manifest lists (cheap: no validation; empty if unreadable)."""
        try:
            files = json.loads(self._version_file(v).read_bytes()).get("files") or {}
            return {entry[0] for entry in files.values() if isinstance(entry, list) and entry}
        except (OSError, ValueError, AttributeError, TypeError):
            return set()

    def _migrate(self) -> None:
        with self.transaction("migrate") as tx:
            schema = tx.base.schema
            while schema < SCHEMA:
                step = MIGRATIONS.get(schema)
                if step is None:
                    raise StoreError(f"{self.path} has schema {schema}, which this tracker cannot migrate")
                step(tx)
                schema += 1
            tx.schema = SCHEMA
            tx.touch()

    # -- size ------------------------------------------------------------------------

    def disk_usage(self) -> dict[str, int]:
        """Bytes of the current version by kind (directives, units, d, index, cols) and in the folder."""
        out: dict[str, int] = {}
        for key, ref in self._manifest.files.items():
            kind = "d" if key.startswith("d/") else key
            out[kind] = out.get(kind, 0) + ref.size
        out["version"] = sum(r.size for r in self._manifest.files.values())
        out["backup_copies"] = 0
        for ref in self._manifest.files.values():
            try:
                out["backup_copies"] += os.path.getsize(mirror_path(self.path, ref.name))
            except OSError:
                pass
        total = 0
        for root, _, files in os.walk(self.path):
            for f in files:
                try:
                    total += os.path.getsize(os.path.join(root, f))
                except OSError:
                    pass
        out["folder"] = total
        return out


def _format_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("saved %d/%m/%Y %H:%M")
    except ValueError:
        return "time unknown"


class Transaction:
    """The changes of one command: fresh copies of the files it touches, written once by `commit()`."""

    def __init__(self, store: StoreCore, base: Manifest, command: str):
        self.store = store
        self.base = base
        self.command = command
        self.schema = base.schema if base.version else SCHEMA
        self.next_ids = dict(base.next_ids)
        self.dbs: dict[str, TinyDB] = {}
        self.dropped: set[str] = set()
        self.index_loaded: Index | None = None
        self._index_touched = False
        self._touched = False

    # -- what a command reads and changes -----------------------------------

    def db(self, key: str) -> TinyDB:
        """A writable TinyDB over one file of the newest version (empty if it has none)."""
        db = self.dbs.get(key)
        if db is None:
            if key in self.base.files and key not in self.dropped:
                db = open_db(lambda: self.store._read(key, self.base, fresh=True))
            else:
                db = open_db(lambda: {})
            self.dbs[key] = db
            self.dropped.discard(key)
        return db

    def directives_db(self) -> TinyDB:
        return self.db("directives")

    def units_db(self) -> TinyDB:
        return self.db("units")

    def directive_db(self, did: int) -> TinyDB:
        return self.db(f"d/{did}")

    def has(self, key: str) -> bool:
        return (key in self.base.files and key not in self.dropped) or key in self.dbs

    def drop(self, key: str) -> None:
        self.dbs.pop(key, None)
        self.dropped.add(key)
        self._touched = True

    def index(self, *, change: bool = True) -> Index:
        """The index of the newest version; `change=True` (to change it with the data) writes it back."""
        if self.index_loaded is None:
            self.index_loaded = self.store._load_index(self.base)
        if change:
            self._index_touched = True
        return self.index_loaded

    def new_id(self, kind: str) -> int:
        n = self.next_ids.get(kind, 1)
        self.next_ids[kind] = n + 1
        self._touched = True
        return n

    def touch(self) -> None:
        """Commit a new version even if no file changed (a migration that only bumps the schema)."""
        self._touched = True

    # -- commit ------------------------------------------------------------------------

    def _dirty(self) -> list[str]:
        return [k for k, db in self.dbs.items() if storage_of(db).dirty]

    def commit(self) -> Manifest | None:
        """Write every changed file of this command as version N+1, then the manifest that commits them."""
        dirty = self._dirty()
        if not dirty and not self._touched and not self.dropped:
            return None
        root = self.store.path
        v = self.base.version + 1
        new = Manifest(
            version=v, schema=self.schema, saved_at=_now(), command=self.command,
            next_ids=dict(self.next_ids), files=dict(self.base.files),
        )
        written: list[Path] = []

        def put(key: str, name: str, data: bytes) -> None:
            path = root / DATA / name
            write_atomic(path, data, sync_dir=False)
            written.append(path)
            if key not in DERIVED:
                written.append(write_mirror(root, name, data))
            new.files[key] = FileRef(name, len(data), checksum(data))

        try:
            for key in dirty:
                put(key, f"{key}-{v}.json", dump_json(storage_of(self.dbs[key]).snapshot()))
            for key in self.dropped:
                if key not in self.dbs:
                    new.files.pop(key, None)
            idx = self.index_loaded
            if idx is not None and self._index_touched:
                if idx.needs_full_write() or "cols" not in new.files:
                    put("cols", f"cols-{v}.bin", idx.cols_bytes())
                    new.files.pop("colsdelta", None)
                    idx.written_whole()
                elif idx.delta:
                    put("colsdelta", f"colsdelta-{v}.bin", idx.delta_bytes())
                if idx.meta_dirty or "index" not in new.files:
                    put("index", f"index-{v}.json", idx.meta_bytes())
                    idx.meta_dirty = False
            for folder in (root / DATA, root / DATA / "d", root / MIRROR, root / MIRROR / "d"):
                fsync_dir(folder)
            raw = new.to_bytes()
            vfile = self.store._version_file(v)
            write_atomic(vfile, raw)
            written.append(vfile)
            write_atomic(root / MANIFEST, raw)  # the commit point
        except StoreError:
            for path in written:
                try:
                    os.unlink(path)
                except OSError:
                    pass
            raise
        return new
