"""The store: a folder of versioned TinyDB files committed by one manifest, behind one lock.

    STORE/                       the path `--db` / TRACKER_DB names (a folder)
      manifest.json              the current version: its files, sizes, CRC-32s, id counters, schema
      versions/00000042.json     copies of the last manifests (current + 5 backups)
      data/directives-42.json    TinyDB: one document per directive (header, source, chain links, indicators)
      data/directivesdelta-44.json  the directive records changed since the table was written whole (a load's)
      data/directivesbin-44.bin  derived: the directives table file as marshal, naming the table it copies
      data/units-40.json         TinyDB: the units assignments name (name, level, kind, parent)
      data/d/12-42.json          TinyDB: one directive's tasks, assignments and events
      data/index-40.bin          derived: per-task deadline and indicators, unit codes (marshal)
      data/indexdelta-44.bin     derived: task entries of directives loaded since, unit keys added since
      data/cols-42.bin           derived: one int32 column per assignment field
      data/colsdelta-43.bin      derived: assignment rows changed or added since cols was written
      data/colsmid-43.bin        derived: earlier deltas merged (schema 5), put over cols before the delta
      data/dues-42.bin, duesdelta-43.bin, duesmid-43.bin   derived: the due column, the same three levels
      data/pending-42.jsonl      changes of the log carried into this version, one line per directive
      backup/d/12-42.json.gz     a compressed second copy of each data file that is not derived
      journal/42.log             status changes committed after version 42, one appended record each
      lock                       the cross-process lock every read-modify-write holds

Why this layout: TinyDB's stock storage re-reads and rewrites one big JSON
file on every operation (0.75 s a query, 1.6 s an update at 100k records,
and unsafe under crashes and concurrent writers). Split per directive, a
status change rewrites one small file; the queries scan the compact
columns instead of every record; and since data files are never modified
after they are written, a new version only needs a new manifest, and the
last five versions are backups that share the unchanged files. A command
that only changes assignments (a status, an event date) writes none of
that: it appends one record to the version's log (tracker/store/journal.py),
which readers fold in and the next other commit folds into its version. Shared files
are only as safe as their one copy, so each is also written compressed under
backup/: a damaged or hand-edited file is repaired from it by `tracker db
restore`, and the index files are rebuilt from the data.

All reading and writing of tracker data goes through this package.
"""
from __future__ import annotations

import functools
import json
import marshal
import os
import threading
from collections import OrderedDict
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

from tinydb import TinyDB

from tracker.errors import StoreError
from tracker.folders import default_path, store_path  # re-exported: the store's folder rule lives there
from tracker.store.files import (
    DATA,
    DERIVED,
    LOCK,
    MANIFEST,
    MAX_DELTA_DIRECTIVES,
    MIRROR,
    MISSING,
    VERSIONS,
    Damaged,
    FileRef,
    Manifest,
    changed_records,
    checksum,
    dump_json,
    file_mode,
    fingerprints,
    fsync_dir,
    load_json,
    make_folder,
    merge_directives,
    mirror_path,
    table_copy,
    table_copy_bytes,
    read_verified,
    write_atomic,
    write_mirror,
)
from tracker.store.index import (
    COLUMNS,
    MAX_DELTA_TASKS,
    ColumnFile,
    Index,
    IndexPatch,
    IndexRows,
    index_unit_keys,
    parse_delta,
    parse_tasks_delta,
    row_of_assignment,
    task_entry,
)
from tracker.store import journal
from tracker.store.journal import Pending
from tracker.store.repair import Repairs, move_aside
from tracker.store.storage import open_db, storage_of

SCHEMA = 5
KEEP_BACKUPS = 5
_CACHE_FILES = 96

# Schema migrations: MIGRATIONS[n] turns a store of schema n into schema n+1,
# working through a Transaction (load what it needs, change it, the commit
# writes a new version; the old one stays as a backup).
if TYPE_CHECKING:
    from tracker.store.dues import DueColumns

MIGRATIONS: dict[int, Callable[["Transaction"], None]] = {}


def _index_format_2(tx: "Transaction") -> None:
    """Schema 2: the index meta is marshal (index-<v>.bin) and the delta holds rows of directives loaded
    since the columns were written. This tracker reads the schema-1 index as it is (it writes the new
    form on the next load); the schema number only makes an earlier tracker refuse the store with a
    clear message instead of failing on an index it cannot read."""


MIGRATIONS[1] = _index_format_2


def _directives_delta_and_change_log(tx: "Transaction") -> None:
    """Schema 3: a load writes the directive records it changed in directivesdelta-<v>.json instead of
    the whole table (files.py), and status changes are appended to journal/<v>.log and carried in
    pending-<v>.jsonl (tracker/store/journal.py). Nothing to convert; an earlier tracker would read
    neither, so the schema number makes it refuse the store instead."""


MIGRATIONS[2] = _directives_delta_and_change_log


def _directives_table_copy(tx: "Transaction") -> None:
    """Schema 4: the directives table has a derived marshal copy (directivesbin-<v>.bin, files.py), written
    by the first load after this. Nothing to convert; the schema number makes an earlier tracker refuse
    the store instead of taking the copy for a data file without its backup."""


MIGRATIONS[3] = _directives_table_copy


def _middle_levels(tx: "Transaction") -> None:
    """Schema 5: deltas that outgrow their limit are merged into a middle level (colsmid-<v>.bin,
    duesmid-<v>.bin, index.py) instead of rewriting the whole columns. Nothing to convert (the first
    delta that outgrows its limit writes one); an earlier tracker would read the columns without the
    middle level, so the schema number makes it refuse the store instead."""


MIGRATIONS[4] = _middle_levels

_README = """Thư mục này là kho dữ liệu của tracker (xem `tracker db info`).
Đừng sửa tay các tệp trong đây: mọi tệp đều được đối chiếu với manifest.json,
tệp bị đổi sẽ được báo là hỏng. `tracker db backups` liệt kê các phiên bản
đang giữ; `tracker db restore VERSION` quay về một phiên bản.
"""


def _lock_timeout() -> float:
    from tracker import limits

    return limits.get("TRACKER_LOCK_TIMEOUT")


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _no_access(path: Path, what: str) -> StoreError:
    """One line for a store file this user may not read or write (another clerk's private store, a read-only disk)."""
    if what == "read":
        return StoreError(f"không đọc được {path}: không có quyền đọc; nhờ người quản lý kho cấp quyền, "
                          "hoặc chọn kho khác bằng --db")
    return StoreError(f"không ghi được vào kho {path.parent if path.name == LOCK else path}: không có quyền ghi; "
                      "không thay đổi gì (kho dùng chung: cho nhóm quyền ghi thư mục kho, vd. 'chmod -R g+rwX' "
                      "và 'chgrp -R NHÓM', hoặc chọn kho khác bằng --db)")


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


class StoreCore(Repairs):
    """One tracker data store. Reads see one version (a snapshot); writes go through `transaction()`.

    Versions, checks and restore: tracker/store/repair.py.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, strict: bool = True):
        """Open the store at `path` (default: `default_path()`); nothing is created before the first write.

        `strict=False` opens a damaged store anyway (for `tracker db`): the
        problem is kept in `self.problem` and reads see an empty store.
        """
        self.problem: str | None = None
        self.path = store_path(path) if path is not None else default_path()
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(
                f"{self.path} là một tệp, còn kho dữ liệu của tracker là một thư mục: hãy cho --db đường dẫn một thư mục (chưa có sẽ được tạo)"
            )
        self._cache: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self._index: Index | None = None
        self._index_version = -1
        self._local = threading.local()  # the open transaction, per thread (TUI workers share a Store)
        self._manifest = Manifest()
        self._token: tuple[int, int, int] | None = None
        self._pending: Pending | None = None
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
                f"{self.path} do bản tracker mới hơn ghi (lược đồ {self._manifest.schema}, bản này đọc được {SCHEMA}): hãy nâng cấp tracker"
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
        """The version this store object reads (0: nothing saved yet): the manifest's, or the last
        change appended to its log since (tracker/store/journal.py)."""
        return max(self._manifest.version, self.pending().version)

    def pending(self) -> Pending:
        """The changes the snapshot's log (and carried pending file) add to its files, read once per snapshot."""
        p = self._pending
        if p is None:
            p = self._pending = self._read_pending(self._manifest)
        return p

    def _read_pending(self, m: Manifest) -> Pending:
        if not m.version:
            return Pending()
        try:
            return journal.read_log(self.path, m.version, self._carried(m))
        except PermissionError:
            raise _no_access(journal.log_path(self.path, m.version), "read") from None
        except OSError as exc:
            raise StoreError(f"không đọc được {journal.log_path(self.path, m.version)}: {exc.strerror}; "
                             "hãy kiểm tra ổ đĩa và quyền đọc rồi thử lại") from None

    def _carried(self, m: Manifest) -> bytes:
        """The pending file of a version: changes an earlier commit carried (checked like every data file)."""
        ref = m.files.get(journal.PENDING)
        return self._read_bytes(ref, m) if ref is not None else b""

    def _pending_for(self, m: Manifest) -> Pending | None:
        tx = self._tx
        if tx is not None and m is tx.base:
            return tx.pending
        if m is self._manifest:
            return self.pending()
        # Another version (a backup being checked or restored): its carried changes, not its log
        # (the log's records are the versions after it).
        if journal.PENDING not in m.files:
            return None
        return Pending(b"", self._carried(m), m.version)

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
                raise self._damaged(Damaged(path, MISSING)) from None
            return Manifest()
        except IsADirectoryError:
            raise self._damaged(Damaged(path, "có một thư mục nằm ở chỗ của tệp")) from None
        except PermissionError:
            raise _no_access(path, "read") from None
        except OSError as exc:
            raise StoreError(f"không đọc được {path}: {exc.strerror}; hãy kiểm tra ổ đĩa và quyền đọc rồi thử lại") from None
        try:
            return Manifest.from_bytes(raw, path)
        except Damaged as exc:
            raise self._damaged(exc) from None

    def _load_manifest(self) -> None:
        token = self._stat_token()
        self._manifest = self._read_manifest()
        self._token = token
        self._pending = None

    def refresh(self) -> bool:
        """Read the newest version if another process saved one; True when it changed."""
        if self._stat_token() == self._token:
            p = self._pending
            if p is None or journal.log_size(self.path, self._manifest.version) == p.size:
                return False
            old = p.version
            self._pending = None  # changes appended to the log since: read it again
            return self.pending().version != old
        old = self.version
        self._load_manifest()
        return self.version != old

    def changed(self) -> bool:
        """Cheap poll for the TUI: has another process saved since this snapshot? (Then it is read.)"""
        return self.refresh()

    # -- reading files ---------------------------------------------------------

    def _read(self, key: str, manifest: Manifest | None = None, *, fresh: bool = False) -> Any:
        """The parsed JSON of one data file of a version (None if the version has none)."""
        m = manifest or self._manifest
        if key == "directives" and key in m.files:
            return self._read_directives(m, fresh=fresh)
        ref = m.files.get(key)
        if ref is None:
            return None
        ck = (ref.name, ref.crc)
        if not fresh and ck in self._cache:
            self._cache.move_to_end(ck)
            return self._patched(key, m, self._cache[ck])
        raw = self._read_bytes(ref, m)
        try:
            data = load_json(self.path / DATA / ref.name, raw)
        except Damaged as exc:
            raise self._damaged(exc) from None
        if not fresh:
            self._remember(ck, data)
        return self._patched(key, m, data)

    def _patched(self, key: str, m: Manifest, data: Any) -> Any:
        """A directive's data with the changes the log holds for it (tracker/store/journal.py)."""
        if key[:2] != "d/" or not isinstance(data, dict):
            return data
        p = self._pending_for(m)
        return data if p is None or p.empty() else p.patch(int(key[2:]), data)

    def _read_directives(self, m: Manifest, *, fresh: bool, seen: dict[str, Any] | None = None) -> Any:
        """The directives table of a version: its file with its delta's records over it (files.py).

        Read from its derived marshal copy when the version has one (`_directives_table`);
        `seen` (a transaction's): where to keep the copy to write when the version has none."""
        table, delta = m.files["directives"], m.files.get("directivesdelta")
        ck = (f"{table.name}+{delta.name}", table.crc + delta.crc) if delta is not None else (table.name, table.crc)
        if not fresh and ck in self._cache:
            self._cache.move_to_end(ck)
            return self._cache[ck]
        data = self._directives_table(m, table, seen)
        if delta is not None:
            try:
                data = merge_directives(data, load_json(self.path / DATA / delta.name, self._read_bytes(delta, m)))
            except Damaged as exc:
                raise self._damaged(exc) from None
        if not fresh:
            self._remember(ck, data)
        return data

    def _directives_table(self, m: Manifest, table: FileRef, seen: dict[str, Any] | None) -> Any:
        """The parsed directives table file: from its marshal copy (directivesbin) when intact and of
        this table, else from the JSON (and then, for a transaction, the copy its commit writes)."""
        copy = m.files.get("directivesbin")
        if copy is not None:
            try:
                data = table_copy(read_verified(self.path, copy), table)
            except (OSError, ValueError, Damaged):
                pass  # derived: the JSON says the same
            else:
                self._read_bytes(table, m)  # the table itself still checked (a damaged file is found on read)
                return data
        try:
            data = load_json(self.path / DATA / table.name, self._read_bytes(table, m))
        except Damaged as exc:
            raise self._damaged(exc) from None
        if seen is not None and isinstance(data, dict):
            seen["copy"] = table_copy_bytes(table, data)  # as read: the commands change the records after
        return data

    def _read_bytes(self, ref: FileRef, m: Manifest) -> bytes:
        try:
            return read_verified(self.path, ref)
        except FileNotFoundError:
            if m is self._manifest and self._tx is None and self.refresh():
                raise _Stale() from None
            raise self._damaged(Damaged(self.path / DATA / ref.name, MISSING)) from None
        except PermissionError:
            raise _no_access(self.path / DATA / ref.name, "read") from None
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
        if self._index is None or self._index_version != self.version:
            self._index = self._load_index(self._manifest)
            self._index_version = self.version
        return self._index

    def due_columns(self) -> "DueColumns | None":
        """The due column of the snapshot (tracker/store/dues.py), None when missing or damaged:
        then every assignment is judged the long way (the next write that loads the index rebuilds it)."""
        m = self._manifest
        if getattr(self, "_dues_version", -1) != self.version:
            self._dues = self._load_dues(m)
            self._dues_version = self.version
        return self._dues

    def _load_dues(self, m: Manifest) -> "DueColumns | None":
        from tracker.store import dues

        full, delta, mid = m.files.get("dues"), m.files.get("duesdelta"), m.files.get("duesmid")
        if full is None:
            return None
        try:
            got = dues.DueColumns(dues.parse(read_verified(self.path, full)),
                                  dues.as_dict(dues.parse(read_verified(self.path, delta))) if delta else {},
                                  dues.parse(read_verified(self.path, mid)) if mid else None)
        except (OSError, ValueError, KeyError, TypeError, Damaged):
            return None
        p = self._pending_for(m)
        if p is not None and p.dues:
            got.delta = {**got.delta, **p.dues}
        return got

    def _load_index(self, m: Manifest) -> Index:
        return self._with_pending_rows(m, self._load_index_base(m))

    def _with_pending_rows(self, m: Manifest, idx: Index) -> Index:
        """The index rows the log changed, put over the columns (and into the index's delta, so the
        next commit that writes the index writes them)."""
        p = self._pending_for(m)
        for aid, row in (p.rows if p is not None else {}).items():
            i = idx.row(aid)
            if i is not None:
                idx.set(i, **dict(zip(COLUMNS, row)))
        return idx

    def _load_index_base(self, m: Manifest) -> Index:
        try:
            idx = self._load_index_files(m)
            if idx is not None:
                return idx
        except FileNotFoundError:
            if m is self._manifest and self._tx is None and self.refresh():
                raise _Stale() from None
        except (Damaged, ValueError, KeyError, TypeError, PermissionError):
            pass  # derived data: rebuild it below
        return self._rebuild_index(m)

    def _load_index_files(self, m: Manifest) -> Index | None:
        """The index its files hold (None if the version has none); raises when they are damaged."""
        meta, cols, delta = m.files.get("index"), m.files.get("cols"), m.files.get("colsdelta")
        if not (meta and cols):
            return None
        idx = Index.from_bytes(read_verified(self.path, meta), read_verified(self.path, cols))
        mid = m.files.get("colsmid")
        if mid:
            idx.apply_delta(read_verified(self.path, mid), as_base=True)
        if delta:
            idx.apply_delta(read_verified(self.path, delta))
        tdelta = m.files.get("indexdelta")
        if tdelta:
            idx.apply_tasks_delta(read_verified(self.path, tdelta))
        return idx

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
    def transaction(self, command: str = "", *, dry_run: bool = False) -> Iterator["Transaction"]:
        """Hold the lock, read the newest version, and commit all changes made inside as one new version.

        Nested calls join the outer transaction. An exception inside discards
        everything; nothing reaches the disk before the commit. `dry_run`: work
        on the newest version in memory and never commit (the load preview);
        it takes no lock, so it holds up no one's status change.
        """
        if self._tx is not None:
            yield self._tx
            return
        if dry_run:
            tx = Transaction(self, self._read_manifest(), command)
            self._tx = tx
            try:
                yield tx
            finally:
                self._tx = None
            return
        self._ensure_folder()
        with self._locked():
            try:
                # Under the lock: the manifest this object read is still the newest when the file is
                # the same one (each commit replaces it: a new inode), else read it again.
                token = self._stat_token()
                base = self._manifest if token is not None and token == self._token else self._read_manifest()
                if base.schema > SCHEMA:
                    raise StoreError(f"{self.path} do bản tracker mới hơn ghi (lược đồ {base.schema}): hãy nâng cấp tracker")
                tx = Transaction(self, base, command)
                self._tx = tx
                yield tx
                new = tx.commit()
                if new is not None:
                    self._after_commit(tx, new)
                elif tx.appended:
                    self._manifest, self._pending = base, tx.pending
                    self._token = self._stat_token()
                else:
                    self._manifest, self._pending = base, None
                    self._token = self._stat_token()
            finally:
                self._tx = None

    @contextmanager
    def _locked(self, *, repair: bool = False) -> Iterator[None]:
        """Hold the store's lock (shared with the store's group when its folder is group-writable)."""
        from filelock import FileLock, Timeout

        path = self.path / LOCK
        if path.is_dir():
            if not repair:
                raise StoreError(f"{path} là một thư mục, không phải tệp khóa của kho: chạy `tracker db restore{self._db_hint()}` "
                                 "để sửa kho")
            move_aside(path)
        lock = FileLock(str(path), timeout=_lock_timeout(), mode=file_mode(self.path))
        try:
            lock.acquire()
        except Timeout:
            raise StoreError(
                f"{self.path} đang bận: một tracker khác đã lưu vào kho suốt {_lock_timeout():.0f} giây; hãy thử lại sau"
            ) from None
        except PermissionError:
            raise _no_access(path, "write") from None
        except OSError as exc:
            raise StoreError(f"không khóa được {path}: {exc.strerror or exc}; không thay đổi gì, hãy kiểm tra ổ đĩa rồi thử lại") from None
        try:
            yield
        finally:
            lock.release()

    def _ensure_folder(self) -> None:
        """The store's folders (a new store is private: 0700, its files 0600; see files.file_mode)."""
        try:
            make_folder(self.path)
            for sub in (DATA, f"{DATA}/d", MIRROR, f"{MIRROR}/d", VERSIONS):
                make_folder(self.path / sub, like=self.path)
            readme = self.path / "README.txt"
            if not readme.exists():
                write_atomic(readme, _README.encode("utf-8"))
        except PermissionError:
            raise _no_access(self.path, "write") from None
        except OSError as exc:
            raise StoreError(f"không tạo được thư mục kho {self.path}: {exc.strerror}; hãy chọn chỗ khác bằng --db") from None

    def _after_commit(self, tx: "Transaction", new: Manifest) -> None:
        self._manifest = new
        self._token = self._stat_token()
        self._pending = None
        for key, db in tx.dbs.items():
            ref = new.files.get(key)
            if ref is not None and storage_of(db).dirty:
                ck = (ref.name, ref.crc)
                if key == "directives" and "directivesdelta" in new.files:  # the table with its delta
                    delta = new.files["directivesdelta"]
                    ck = (f"{ref.name}+{delta.name}", ref.crc + delta.crc)
                self._remember(ck, storage_of(db).snapshot())
        if tx.index_loaded is not None:
            self._index, self._index_version = tx.index_loaded, new.version
        # The sweep for files a crash left (it lists every data file) is not a clerk's to wait for.
        self._collect_garbage(sweep=new.version % 50 == 0 and not tx.rollover)

    # -- versions kept -----------------------------------------------------------------

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
        current = {r.name for r in self._manifest.files.values()}
        candidates: set[str] = set()
        for v in drop:
            candidates.update(self._names_in_version(v))
        if not sweep:
            # Usually a handful of files only the dropped version had: look for their names in the
            # kept manifests' bytes instead of parsing every kept manifest (each lists every directive).
            candidates -= current
            # Most of them are still named by the oldest kept version (only its own commit replaced
            # files since): one parse of it settles those, the bytes search only the rest (a status
            # change at 450,000 assignments spent 19 ms searching ~300 names in every kept manifest).
            if kept and candidates:
                candidates -= self._names_in_version(kept[0])
                kept_raw = [self._version_bytes(v) for v in kept]
            else:
                kept_raw = []
            referenced = {n for n in candidates if any(b'"' + n.encode() + b'"' in raw for raw in kept_raw)}
        else:
            referenced = set(current)
            for v in kept:
                referenced.update(self._names_in_version(v))
        if sweep:
            # scandir: the entry's type comes with its name (a stat per file of 1,500 cost a load 0.1 s).
            for folder, prefix in ((self.path / DATA, ""), (self.path / DATA / "d", "d/")):
                try:
                    with os.scandir(folder) as entries:
                        candidates.update(prefix + e.name for e in entries if not e.is_dir())
                except OSError:
                    pass
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
            for path in (self._version_file(v), journal.log_path(self.path, v)):
                try:
                    os.unlink(path)
                except OSError:
                    pass

    def _version_bytes(self, v: int) -> bytes:
        """A kept manifest's bytes (empty if unreadable: like `_names_in_version`, it then protects nothing)."""
        try:
            return self._version_file(v).read_bytes()
        except OSError:
            return b""

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
                    raise StoreError(f"{self.path} có lược đồ {schema}, bản tracker này không chuyển đổi được; hãy dùng bản tracker đã ghi kho này")
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


def _directives_read(store: StoreCore, base: Manifest, seen: dict[str, Any]) -> Any:
    """The directives table as a transaction reads it, and each record's fingerprint in `seen["before"]`
    (the commit writes only the records that differ: `Transaction._put_directives_delta`)."""
    data = store._read_directives(base, fresh=True, seen=seen)
    seen["before"] = fingerprints((data or {}).get("directives") or {})
    return data


def _directive_readers(store: StoreCore, base: Manifest, key: str) -> tuple[Callable[[], Any], Callable[[str, int], Any]]:
    """(whole, peek) over one directive file of a version, as a transaction reads it: `peek(table, id)`
    decodes the file's tables only as far as that table (tracker/store/sections.py), `whole()` the rest;
    both with the changes the log holds for it (`StoreCore._patched`)."""
    from tracker.store.sections import Sections

    state: dict[str, Sections] = {}

    def sections() -> Sections:
        got = state.get("s")
        if got is None:
            ref = base.files[key]
            got = state["s"] = Sections(store._read_bytes(ref, base), store.path / DATA / ref.name)
        return got

    def whole() -> Any:
        got = state.pop("s", None)
        if got is None:
            return store._read(key, base, fresh=True)
        try:
            data = got.whole()
        except Damaged as exc:
            raise store._damaged(exc) from None
        return store._patched(key, base, data)

    def peek(table: str, doc_id: int) -> Any:
        try:
            found = sections().table(table)
        except Damaged as exc:
            raise store._damaged(exc) from None
        got = found.get(str(doc_id)) if isinstance(found, dict) else None
        p = store._pending_for(base)
        patch = p.directive(int(key[2:])) if p is not None and not p.empty() else None
        if patch is not None:
            if table == "assignments" and got is not None and str(doc_id) in patch.fields:
                got = {**got, **patch.fields[str(doc_id)]}
            elif table == "events" and str(doc_id) in patch.events:
                got = patch.events[str(doc_id)]
        return dict(got) if got is not None else None  # a copy, as TinyDB's get gives

    return whole, peek


class Transaction:
    """The changes of one command: fresh copies of the files it touches, written once by `commit()`."""

    def __init__(self, store: StoreCore, base: Manifest, command: str):
        self.store = store
        self.base = base
        self.command = command
        self.schema = base.schema if base.version else SCHEMA
        self.next_ids = dict(base.next_ids)
        # Changes appended to the version's log since (read here, under the lock), and this
        # command's own when it only changes assignments (Transaction.log_change).
        self.pending = store._read_pending(base)
        for kind, n in self.pending.ids.items():
            self.next_ids[kind] = max(n, self.next_ids.get(kind, 1))
        self.logged: dict[int, dict[str, Any]] | None = None
        self.appended = False
        self.rollover = False  # committed a new version for a change that found the log full
        self.dbs: dict[str, TinyDB] = {}
        self.dropped: set[str] = set()
        self.index_loaded: Index | None = None
        self._index_touched = False
        self._touched = False
        self._rows: IndexRows | None = None
        self._dues_changed: dict[int, tuple[int, int, int, int]] = {}
        self._dues_delta: Any = None  # deltarows.DueDelta of the base version, once read
        self._dues_mid: Any = None  # its middle level's columns (dues.parse), once read
        self._patch: IndexPatch | None = None
        self._directives_seen: dict[str, Any] = {}  # the directive records' fingerprints as read (_directives_read)

    # -- what a command reads and changes -----------------------------------

    def db(self, key: str) -> TinyDB:
        """A writable TinyDB over one file of the newest version (empty if it has none)."""
        db = self.dbs.get(key)
        if db is None:
            # The loaders hold the store and the version, not this transaction: a transaction that
            # held itself through them would be freed only by the cycle collector, with the store
            # and its manifest, and a collection over the whole heap cost a status change 20 ms.
            store, base = self.store, self.base
            if key == "directives" and key in self.base.files and key not in self.dropped:
                before = self._directives_seen
                db = open_db(lambda: _directives_read(store, base, before))
            elif key[:2] == "d/" and key in self.base.files and key not in self.dropped:
                db = open_db(*_directive_readers(store, base, key))
            elif key in self.base.files and key not in self.dropped:
                db = open_db(lambda: store._read(key, base, fresh=True))
            else:
                db = open_db(lambda: {})
            self.dbs[key] = db
            self.dropped.discard(key)
        return db

    def directives_db(self) -> TinyDB:
        return self.db("directives")

    def _put_directives_delta(self, put: Callable[[str, str, bytes], None], v: int) -> bool:
        """Write the directive records this command changed as the table's delta (with the records of
        the delta before); False when the table is to be written whole (files.py: MAX_DELTA_DIRECTIVES)."""
        before = self._directives_seen.get("before")
        if before is None or "directives" not in self.base.files:
            return False
        now = (storage_of(self.dbs["directives"]).snapshot().get("directives") or {})
        if any(k not in now for k in before):
            return False
        changed = changed_records(before, now)
        ref = self.base.files.get("directivesdelta")
        try:
            earlier = (load_json(self.store.path / DATA / ref.name, read_verified(self.store.path, ref))
                       .get("directives") or {}) if ref is not None else {}
        except (OSError, Damaged, AttributeError):
            return False
        delta = {**earlier, **changed}
        if len(delta) > MAX_DELTA_DIRECTIVES:
            return False
        put("directivesdelta", f"directivesdelta-{v}.json", dump_json({"directives": delta}))
        return True

    def _put_table_copy(self, put: Callable[[str, str, bytes], None], new: Manifest, v: int) -> None:
        """The directives table's marshal copy (files.py): of the table written whole now, or of the
        table this command read from JSON because the version had no copy of it."""
        table = new.files.get("directives")
        if table is None:
            new.files.pop("directivesbin", None)
        elif table != self.base.files.get("directives") and "directives" in self.dbs:  # written whole
            put("directivesbin", f"directivesbin-{v}.bin",
                table_copy_bytes(table, storage_of(self.dbs["directives"]).snapshot()))
        elif "copy" in self._directives_seen:
            put("directivesbin", f"directivesbin-{v}.bin", self._directives_seen.pop("copy"))

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
            rows = self._rows
            if rows is not None and rows.index is None:
                # Rows changed one by one so far: they go into the whole index from now on
                # (with the rows of assignments a load added, IndexPatch).
                added = []
                for aid, row in rows.delta.items():
                    i = self.index_loaded.row(aid)
                    if i is not None:
                        self.index_loaded.set(i, **dict(zip(COLUMNS, row)))
                    else:
                        added.append(row)
                if added:  # new ids, above every id in the columns: added at the end, like a first load
                    added.sort()
                    self.index_loaded._append(added)
                    self.index_loaded.delta.update((r[0], r) for r in added)
                self._index_touched = self._index_touched or rows.changed
                self._rows = IndexRows(self.index_loaded)
            if self._patch is not None:
                self._patch.put_into(self.index_loaded)
                self._index_touched = True
                self._patch = None
        if change:
            self._index_touched = True
        return self.index_loaded

    def index_patch(self, *, rows_gone: bool = False) -> "Index | IndexPatch":
        """What a load changes the index through (`unit_code`, `replace_directive`, `directive_tasks`).

        Without the whole index when it can (IndexPatch: the loaded directives' task entries and
        unit keys as a delta of the meta, their rows as a delta of the columns), else the whole index:
        when a re-load drops assignments (`rows_gone`: rows leave the columns), when the index
        files or the due column are missing or damaged (the whole index rebuilds them), or when
        the delta has grown big enough to write the meta whole again.
        """
        if self.index_loaded is not None or rows_gone:
            return self.index()
        if self._patch is not None:
            return self._patch
        m, root = self.base, self.store.path
        try:
            meta, tdelta = m.files.get("index"), m.files.get("indexdelta")
            if meta is None or "cols" not in m.files or "dues" not in m.files:
                raise ValueError("no index files")
            raw = read_verified(root, meta)
            units = index_unit_keys(raw)
            added: list[str] = []
            dirs: dict[int, Any] = {}
            if tdelta is not None:
                base, added, dirs_raw = parse_tasks_delta(read_verified(root, tdelta))
                if base != len(units):
                    raise ValueError("index delta does not fit its index")
                dirs = marshal.loads(dirs_raw)
            rows = self.index_rows()
            if rows.index is not None:
                raise ValueError("the columns were read whole")
            patch = IndexPatch(units, added, dirs, rows)
            if patch.size() > MAX_DELTA_TASKS:
                raise ValueError("time to write the index whole again")
        except (OSError, ValueError, KeyError, TypeError, EOFError, Damaged):
            return self.index()
        self._patch = patch
        self._touched = True
        return patch

    def index_rows(self, *, whole: bool = False) -> IndexRows:
        """The index rows this transaction changes (assignment changes: status, event date, chain link).

        Unless the whole index is loaded already (or `whole`), rows are read one by one from the
        columns file and written as a delta: a status change does not read or write the
        whole index (21 MB at 450,000 assignments).
        """
        if whole or self.index_loaded is not None:
            self.index(change=False)
            if self._rows is None:
                self._rows = IndexRows(self.index_loaded)
            return self._rows
        if self._rows is None:
            from tracker.store.deltarows import IndexDelta

            m, root = self.base, self.store.path
            cols, delta = m.files.get("cols"), m.files.get("colsdelta")
            try:
                if cols is None or "index" not in m.files:
                    raise ValueError("no index files")
                # The earlier delta's rows are looked up one by one (deltarows.py), and merged in
                # only when this commit writes the delta again (`_rows_with_earlier`).
                earlier = read_verified(root, delta) if delta else b""
                under: Any = ColumnFile(root / DATA / cols.name, cols.size)
                mid = m.files.get("colsmid")
                if mid:
                    under = IndexDelta(read_verified(root, mid), under)
                self._rows = IndexRows(None, IndexDelta(earlier, under))
            except (OSError, ValueError, KeyError, TypeError, Damaged):
                return self.index_rows(whole=True)  # missing or damaged: the whole index, rebuilt if need be
        return self._rows

    # -- the due column (tracker/store/dues.py) ---------------------------------------

    def set_dues(self, rows: dict[int, tuple[int, int, int, int]]) -> None:
        """Due-column rows of assignments this transaction writes (worked out by tracker.store.dues.due_row)."""
        self._dues_changed.update(rows)

    def due_of(self, aid: int) -> tuple[int, int, int, int] | None:
        """The due-column row of an assignment as this transaction sees it (None: not known)."""
        from tracker.store import dues

        # (The log's rows are not read here: a row's directive date never changes with a status.)
        got = self._dues_changed.get(aid)
        if got is not None:
            return got
        m, root = self.base, self.store.path
        try:
            if self._dues_delta is None:
                from tracker.store.deltarows import DueDelta

                ref = m.files.get("duesdelta")
                self._dues_delta = DueDelta(read_verified(root, ref) if ref else b"")
            got = self._dues_delta.get(aid)
            mid = m.files.get("duesmid")
            if got is None and mid is not None:
                if self._dues_mid is None:
                    self._dues_mid = dues.parse(read_verified(root, mid))
                got = dues.row_in(self._dues_mid, aid)
            full = m.files.get("dues")
            if got is None and full is not None:
                got = dues.row_in_file(root / DATA / full.name, full.size, aid)
        except (OSError, ValueError, KeyError, TypeError, Damaged):
            return None
        return got

    def _write_dues(self, put: Callable[[str, str, bytes], None], new: Manifest, v: int, cols_whole: bool) -> None:
        """Write the due column of version v: the delta, or the whole file (rebuilt from the index when missing)."""
        from tracker.store import dues

        idx = self.index_loaded
        changed = self._dues_changed

        def rebuild() -> None:
            if idx is None:  # no whole due column to add these rows to: judged the long way until a load
                new.files.pop("dues", None)
                new.files.pop("duesdelta", None)
                return
            docs = {d.doc_id: dict(d) for d in self.directives_db().table("directives").all()}
            put("dues", f"dues-{v}.bin", dues.to_bytes(dues.whole(idx, docs)))
            new.files.pop("duesdelta", None)
            new.files.pop("duesmid", None)

        if "dues" not in self.base.files:
            rebuild()
            return
        if not changed and not cols_whole:
            return
        self.due_of(0)  # reads the base delta
        delta = self._dues_delta.rows() if self._dues_delta is not None else {}
        delta.update(changed)
        if not (cols_whole or dues.too_many(delta, slack=self.rollover)):
            put("duesdelta", f"duesdelta-{v}.bin", dues.to_bytes(delta))
            return
        base = self.store._load_dues(self.base)
        if base is None:  # damaged: worked out again from the index
            rebuild()
            return
        if not cols_whole:  # the delta outgrew its limit: into the middle level, unless that is full
            merged = dues.mid_bytes(base.mid, delta)
            if merged is not None:
                put("duesmid", f"duesmid-{v}.bin", merged)
                new.files.pop("duesdelta", None)
                return
        # Assignments a re-load dropped leave the column with them.
        put("dues", f"dues-{v}.bin", base.merged_bytes(changed, idx.cols["aid"] if idx is not None else None))
        new.files.pop("duesdelta", None)
        new.files.pop("duesmid", None)

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

    # -- the change log (tracker/store/journal.py) ---------------------------------------------

    def log_change(self, did: int, fields: dict[int, dict[str, Any]], events: dict[int, dict[str, Any]]) -> None:
        """Assignment changes of one directive this command may commit as one appended record
        (when it changes nothing else: see `_append`)."""
        if self.logged is None:
            self.logged = {}
        entry = self.logged.setdefault(int(did), {"a": {}, "e": {}})
        for aid, f in fields.items():
            entry["a"].setdefault(str(aid), {}).update(f)
        entry["e"].update((str(eid), e) for eid, e in events.items())

    def _only_logged(self) -> bool:
        """This command changed assignments only, each recorded by `log_change` (status, event date,
        a clerk's link): it commits as one record appended to the log (`_append`), or, when the log
        is full, its changes are carried with the log's into a new version (a rollover: `commit`)."""
        logged, rows = self.logged, self._rows
        if not logged or self.dropped or self.index_loaded is not None or not self.base.version:
            return False
        if rows is None or rows.index is not None:
            return False
        if not set(self._dirty()) <= {f"d/{did}" for did in logged}:
            return False
        aids = [int(a) for entry in logged.values() for a in entry["a"]]
        return all(rows.current(aid) is not None for aid in aids)

    def _append(self) -> bool:
        """Commit by appending one record to the log when that is all this command changed."""
        if self.pending.full() or not self._only_logged():
            return False
        logged, rows = self.logged or {}, self._rows
        assert rows is not None
        aids = [int(a) for entry in logged.values() for a in entry["a"]]
        record = {
            "v": max(self.base.version, self.pending.version) + 1,
            "at": _now(), "cmd": self.command, "ids": dict(self.next_ids),
            "d": {str(did): entry for did, entry in logged.items()},
            "rows": {str(aid): list(rows.current(aid) or ()) for aid in aids},
            "dues": {str(aid): list(row) for aid, row in self._dues_changed.items()},
        }
        journal.append(self.store.path, self.base.version, self.pending, record)
        self.appended = True
        return True

    def _columns_with(self, rows: IndexRows) -> bytes | None:
        """The base version's columns file with `rows` put over it (and the rows of directives
        loaded since added at the end), as a whole columns file; None when it cannot be read.

        Without the whole index: its task entries (30,000 at 450,000 assignments) are neither
        decoded nor written again when only the columns have outgrown their delta."""
        ref = self.base.files.get("cols")
        if ref is None:
            return None
        try:
            idx = Index.from_bytes(b"", read_verified(self.store.path, ref))
            mid = self.base.files.get("colsmid")
            if mid is not None:
                idx.apply_delta(read_verified(self.store.path, mid), as_base=True)
            idx.apply_delta(rows.delta_bytes())
        except (OSError, ValueError, KeyError, TypeError, Damaged):
            return None
        return idx.cols_bytes()

    def _mid_with(self, rows: dict[int, tuple[int, ...]]) -> bytes | None:
        """The middle level (colsmid) with `rows` merged into it; None when it would pass MAX_MID_ROWS
        or cannot be read (then the columns are written whole)."""
        from tracker.store.index import MAX_MID_ROWS, delta_rows, merged_delta_bytes

        ref = self.base.files.get("colsmid")
        try:
            earlier = read_verified(self.store.path, ref) if ref is not None else b""
            if (delta_rows(earlier) if earlier else 0) + len(rows) > MAX_MID_ROWS:
                return None
            return merged_delta_bytes(earlier, rows)
        except (OSError, ValueError, KeyError, TypeError, Damaged):
            return None

    @staticmethod
    def _rows_with_earlier(rows: IndexRows) -> None:
        """The rows of the earlier delta under this command's (the delta is written whole again;
        the middle level under it, if any, stays the columns')."""
        from tracker.store.deltarows import IndexDelta

        if isinstance(rows.columns, IndexDelta):
            rows.delta = {**rows.columns.rows(), **rows.delta}
            rows.columns = rows.columns.columns

    def _fold(self, v: int, rollover: bool = False) -> dict[int, Any]:
        """Fold the log into the version this commit writes: index and due rows into their deltas,
        the directives it rewrites (and the few with the most pending changes) get their changes in
        their files; returns the rest, carried in the pending file.

        A rollover (`_only_logged` with the log full) writes no directive file for the change
        itself either: its changes are carried with the log's (unless the bound on carried
        changes folds its directive), so it writes the deltas, the pending file, the manifest."""
        p = self.pending
        if p.rows:
            if self.index_loaded is not None:
                self._index_touched = True  # the rows went into the index's delta when it was loaded
            else:
                rows = self.index_rows()
                rows.changed = True
                for aid, row in p.rows.items():  # under this command's own changes
                    rows.delta.setdefault(aid, row)
                if self.index_loaded is not None:  # no column files: the whole index, rebuilt
                    self._index_touched = True
        for aid, row in p.dues.items():
            self._dues_changed.setdefault(aid, row)
        carried = {did: patch for did, patch in p.directives().items()
                   if f"d/{did}" not in self.dropped and f"d/{did}" in self.base.files
                   and (rollover or not (f"d/{did}" in self.dbs and storage_of(self.dbs[f"d/{did}"]).dirty))}
        if rollover:
            for did, entry in (self.logged or {}).items():
                merged = journal.DirectivePatch()  # a new one: the log's own stays as readers see it
                old = carried.get(did)
                if old is not None:
                    merged.add(old.to_json(), old.stamp)
                merged.add(entry, v)
                carried[did] = merged
                storage_of(self.dbs[f"d/{did}"]).dirty = False  # carried, not written (unless folded below)
        for did in journal.to_fold(carried, rollover=rollover):
            st = storage_of(self.directive_db(did))
            st.read()
            st.dirty = True
            del carried[did]
        return carried

    def commit(self) -> Manifest | None:
        """Write every changed file of this command as version N+1, then the manifest that commits them.

        A command that only changes assignments appends one record to the log instead (`_append`).
        """
        if self._append():
            return None
        if not self._dirty() and not self._touched and not self.dropped:
            return None
        v = max(self.base.version, self.pending.version) + 1
        rollover = self.rollover = self._only_logged()  # (the log is full, or `_append` would have taken it)
        carried = self._fold(v, rollover) if rollover or not self.pending.empty() else {}
        dirty = self._dirty()
        root = self.store.path
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
                if key == "directives" and self._put_directives_delta(put, v):
                    continue  # the records it changed, not the whole table
                put(key, f"{key}-{v}.json", dump_json(storage_of(self.dbs[key]).snapshot()))
                if key == "directives":
                    new.files.pop("directivesdelta", None)
            self._put_table_copy(put, new, v)
            for key in self.dropped:
                if key not in self.dbs:
                    new.files.pop(key, None)
            if carried:
                put(journal.PENDING, f"{journal.PENDING}-{v}.jsonl", journal.carried_bytes(carried))
            else:
                new.files.pop(journal.PENDING, None)
            rows = self._rows
            cols_whole = False
            if rows is not None and rows.index is None and rows.changed:
                self._rows_with_earlier(rows)
                mid = None if not rows.needs_full_write(slack=self.rollover) else self._mid_with(rows.delta)
                if not rows.needs_full_write(slack=self.rollover):
                    put("colsdelta", f"colsdelta-{v}.bin", rows.delta_bytes())
                elif mid is not None:  # the delta outgrew its limit: merged into the middle level
                    put("colsmid", f"colsmid-{v}.bin", mid)
                    new.files.pop("colsdelta", None)
                else:  # time to write the columns whole again: from their file, the middle level and the delta
                    whole = self._columns_with(rows)
                    if whole is None:
                        self.index()  # unreadable: the whole index (rebuilt if need be)
                    else:
                        put("cols", f"cols-{v}.bin", whole)
                        new.files.pop("colsdelta", None)
                        new.files.pop("colsmid", None)
                        cols_whole = True
            idx = self.index_loaded
            if idx is not None and self._index_touched:
                mid = (self._mid_with(idx.delta) if idx.needs_full_write() and not idx.structural
                       and "cols" in new.files else None)
                if mid is not None:  # rows changed in place only: into the middle level
                    put("colsmid", f"colsmid-{v}.bin", mid)
                    new.files.pop("colsdelta", None)
                    idx.delta = {}
                elif idx.needs_full_write() or "cols" not in new.files:
                    put("cols", f"cols-{v}.bin", idx.cols_bytes())
                    new.files.pop("colsdelta", None)
                    new.files.pop("colsmid", None)
                    idx.written_whole()
                    cols_whole = True
                elif idx.delta:
                    put("colsdelta", f"colsdelta-{v}.bin", idx.delta_bytes())
                if idx.meta_dirty or "index" not in new.files:
                    put("index", f"index-{v}.bin", idx.meta_bytes())
                    new.files.pop("indexdelta", None)
                    idx.meta_dirty = False
            patch = self._patch
            if patch is not None and patch.changed:
                put("indexdelta", f"indexdelta-{v}.bin", patch.delta_bytes())
            if self._dues_changed or cols_whole or (idx is not None and self._index_touched):
                self._write_dues(put, new, v, cols_whole)
            for folder in dict.fromkeys(path.parent for path in written):  # the folders written to only
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
