"""The PostgreSQL store's core: connections, the snapshot the queries read, transactions, change notices.

The queries and writes of the TinyDB store (tracker/store/queries.py, writes.py,
loading.py, linking.py) are the rules; this module gives them what they read —
the assignment index (tracker/store/index.py) and the records of a directive,
the directives and the units — from the tables of schema.sql, and writes back
what a transaction changed, so both backends answer every question alike.

Snapshot: a store object reads one state, like a TinyDB version. `changed()`
(the TUI polls it) takes the notices other sessions sent on commit
(LISTEN/NOTIFY, channel `tracker`) and re-reads only the rows they name.

Concurrency: a status change locks just its rows (SELECT … FOR UPDATE) and is
checked against what this store object saw of them; a load serialises with
other loads (an advisory lock), reads without locking and writes at its commit,
where a row changed meanwhile (its `ver`) makes the load run again on the new
state: status changes wait on a load for its final write only.
"""
from __future__ import annotations

import json
import marshal
import os
import threading
import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from typing import Any, Iterator

from tracker.errors import InputError, StoreError
from tracker.store.index import COLUMNS, Index, IndexRows, row_of_assignment, task_entry
from tracker.store.storage import open_db, storage_of
from tracker.track.dates import document_day
from tracker.track.judge import due_ordinal

CHANNEL = "tracker"
APPLICATION_NAME = "tracker"  # how pg_stat_activity names this program's sessions
SCHEMA = 4  # 2: maintained counts (tallies.sql); 3: fewer indexes and triggers per change, past days from an index
# (schema3.sql); 4: every relative deadline says what it counts from (record_counts_from), a load's rows counted
# per statement (schema4.sql)
_LOAD_LOCK = 715_001  # pg_advisory_xact_lock key: one load (or link) at a time
LIGHT = ("status", "event date")  # transactions of status entries only: they never wait for a load
# The tables whose statistics plan the boards' and replays' queries (PgCore.analyze).
_PLANNED = ("assignments", "events", "tasks", "task_links", "directives", "units", "unit_tally", "directive_tally",
            "tally_log")
_COLS = "id, directive_id, task_id, unit_key, flags, status, status_on, done_on, event_on, report_on, changed_on, child"


def is_url(text: Any) -> bool:
    """True for a PostgreSQL connection URL (postgresql://… or postgres://…)."""
    return isinstance(text, str) and text.startswith(("postgresql://", "postgres://"))


class Location(str):
    """Where a PgStore's data is: its URL without password (what `store.path` is for a folder store)."""

    @property
    def name(self) -> str:
        from urllib.parse import urlsplit

        return (urlsplit(self).path or "/").lstrip("/") or "postgresql"

    def exists(self) -> bool:
        return True


def _safe_url(url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(":" + parts.password + "@", "@")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)


class Conflict(Exception):
    """A row this transaction wrote was changed by another session since it read it: run again."""


@dataclass
class _Ref:
    """Stands in for a FileRef: the queries key their memos by (name, crc)."""

    name: str
    crc: str


@dataclass
class _Manifest:
    version: int = 0
    files: dict[str, _Ref] = field(default_factory=dict)


def copy_index(idx: Index) -> Index:
    """A copy a transaction may change (a dry run or a rollback leaves the store's own alone)."""
    from array import array

    out = Index()
    out.cols = {c: array(a.typecode, a) for c, a in idx.cols.items()}
    out._tasks = {k: list(v) for k, v in idx.tasks.items()}
    out._unit_keys = list(idx.unit_keys)
    out._meta_raw = None
    out.meta_dirty = False
    out.structural = False
    return out


def _doc_row(aid: int, a: dict[str, Any], due: int) -> tuple[Any, ...]:
    """The typed columns of an assignment record: (directive, task, unit, flags, status, days..., child, due)."""
    r = row_of_assignment(aid, a, 0)
    return (r[1], r[2], a.get("unit") or "", r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], due)


class PgCore:
    """Connections and snapshot of a PgStore (mixed with Queries and Writes in tracker.store.pg)."""

    def __init__(self, url: str, *, strict: bool = True, create: bool = True) -> None:
        import psycopg

        self.url = url
        self.path = Location(_safe_url(url))
        self.problem: str | None = None
        self._local = threading.local()
        self._lock = threading.RLock()
        self._index: Index | None = None
        self._docs: dict[str, Any] = {}  # "directives", "units", "d/N" → the record dicts the queries read
        self._dver: dict[int, int] = {}  # directive → local counter, bumped when its rows change
        self._version = 0
        self._manifest = _Manifest()
        self._own_pids: set[int] = set()
        self._listener: Any = None  # connected with the first snapshot: a one-off command needs one connection
        try:
            conn = self._local.conn = psycopg.connect(url, autocommit=True, **_connect_options(url))
        except psycopg.Error as exc:
            raise StoreError(f"không kết nối được máy chủ cơ sở dữ liệu {self.path}: {_first_line(exc)}; "
                             "kiểm tra địa chỉ, tên đăng nhập và mật khẩu (--db hoặc TRACKER_DB)") from None
        self.schema = ensure_schema(conn) if create else SCHEMA
        # reads_all: this login's row-level security lets it read every row (per-directive counts mix every
        # unit's rows: a clerk's are counted from her own rows).
        self.user, has_data, self.reads_all = conn.execute(
            "SELECT current_user, EXISTS (SELECT 1 FROM directives), "
            "coalesce((SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user), false) "
            "OR pg_has_role(current_user, 'tracker_coordinator', 'MEMBER') "
            "OR pg_has_role(current_user, 'tracker_chair', 'MEMBER') "
            "OR NOT pg_has_role(current_user, 'tracker_clerk', 'MEMBER')").fetchone()
        self._has_data = bool(has_data)
        self._bump()
        conn.autocommit = False
        self._own_pids.add(conn.info.backend_pid)

    # -- connections ------------------------------------------------------------

    def _conn(self) -> Any:
        """This thread's connection (TUI workers share a store object; a transaction is one thread's)."""
        conn = getattr(self._local, "conn", None)
        if conn is None or conn.closed:
            import psycopg

            conn = self._local.conn = psycopg.connect(self.url, **_connect_options(self.url))
            self._own_pids.add(conn.info.backend_pid)
        return conn

    def close(self) -> None:
        for conn in (getattr(self._local, "conn", None), self._listener):
            if conn is not None and not conn.closed:
                conn.close()

    @property
    def _tx(self) -> "PgTransaction | None":
        return getattr(self._local, "tx", None)

    @property
    def version(self) -> int:
        """A number that changes whenever what this object reads does; 0 while nothing was ever loaded."""
        return self._version if self._has_data else 0

    @property
    def manifest(self) -> _Manifest:
        return self._manifest

    # -- the snapshot --------------------------------------------------------------

    def index(self) -> Index:
        tx = self._tx
        if tx is not None:
            return tx.index(change=False)
        with self._lock:
            if self._index is None:
                self._load_all()
            return self._index  # type: ignore[return-value]

    def _listen(self) -> None:
        """Hear other sessions' commits from now on (before the snapshot is read: nothing slips between)."""
        if self._listener is None:
            import psycopg

            self._listener = psycopg.connect(self.url, autocommit=True, **_connect_options(self.url))
            self._listener.execute(f"LISTEN {CHANNEL}")

    def _load_all(self) -> None:
        """Read every row this login may see into a fresh index (RLS decides what that is)."""
        self._listen()
        conn = self._conn()
        with conn.transaction():
            idx = Index()
            for uk in conn.execute("SELECT key FROM units ORDER BY pos"):
                idx.unit_code(uk[0])
            idx._tasks = read_task_entries(conn)
            # Each column as one array from the server (binary): far quicker than row by row in Python.
            keys = idx.unit_keys
            agg = ", ".join(f"coalesce(array_agg({c} ORDER BY id), '{{}}')" for c in _COLS.split(", ") if c != "unit_key")
            cur = conn.cursor(binary=True)
            got = cur.execute(f"SELECT {agg}, coalesce(array_agg(unit_key ORDER BY id), '{{}}') FROM assignments").fetchone()
            from array import array

            for name, values in zip([c for c in COLUMNS if c != "unit"], got[:-1]):
                idx.cols[name] = array("i", values)
            codes: dict[str, int] = {}
            for k, key in enumerate(keys):
                codes.setdefault(key, k)
            code = idx.unit_code
            idx.cols["unit"] = array("i", [codes[k] if k in codes else code(k) for k in got[-1]])
            dids = [r[0] for r in conn.execute("SELECT id FROM directives")]
        idx.meta_dirty = False
        idx.structural = False
        self._index = idx
        self._docs = {}
        self._dver = {did: 1 for did in dids}
        self._bump()

    def _bump(self) -> None:
        self._version += 1
        self._manifest = _Manifest(self._version, _Files(self))

    def _read(self, key: str, manifest: Any = None, *, fresh: bool = False) -> Any:
        """The records the TinyDB store keeps in its file `key`, read from the tables."""
        tx = self._tx
        if tx is not None and key in tx.dbs:
            return storage_of(tx.dbs[key]).read()
        got = None if fresh else self._docs.get(key)
        if got is not None:
            return got
        conn = self._conn()
        with conn.transaction():
            data = read_records(conn, key)
        if not fresh:
            with self._lock:
                if len(self._docs) > 256:
                    self._docs.clear()
                self._docs[key] = data
        return data

    def refresh(self) -> bool:
        """Take the notices of other sessions' commits and re-read what they changed; True if anything did."""
        with self._lock:
            if self._listener is None:  # from now on: a long-lived reader (the TUI) polls
                self._listen()
                self._docs = {}  # records read before anyone listened may be stale: read again when asked
                return False
            dids: set[int] = set()
            aids: set[int] = set()
            other = False
            for n in self._listener.notifies(timeout=0):
                try:
                    msg = json.loads(n.payload)
                except ValueError:
                    msg = {"all": True}
                if n.pid in self._own_pids and not msg.get("all"):
                    continue
                other = True
                if msg.get("all"):
                    self._index = None
                    self._docs = {}
                    self._bump()
                    return True
                dids.update(msg.get("d") or ())
                aids.update(msg.get("a") or ())
            if not other:
                return False
            self._has_data = True
            if self._index is not None:
                self._reread(dids, aids)
            else:  # nothing kept but records: read them again
                self._docs = {}
                self._bump()
            return True

    def changed(self) -> bool:
        """Cheap poll for the TUI: did another session commit since this snapshot? (Then it is read.)"""
        return self.refresh()

    def _reread(self, dids: set[int], aids: set[int]) -> None:
        """Put the current rows of whole directives `dids` and of assignments `aids` into a new index."""
        conn = self._conn()
        idx = copy_index(self._index)  # type: ignore[arg-type]
        with conn.transaction():
            for uk in conn.execute("SELECT key FROM units ORDER BY pos"):
                idx.unit_code(uk[0])
            if dids:
                existing = {r[0] for r in conn.execute("SELECT id FROM directives WHERE id = ANY(%s)", [list(dids)])}
                for did in dids:
                    tasks = read_task_entries(conn, did)
                    rows = [self._row(r, idx) for r in
                            conn.execute(f"SELECT {_COLS} FROM assignments WHERE directive_id = %s ORDER BY id", [did])]
                    idx.replace_directive(did, tasks, rows)
                    if did in existing:
                        self._dver[did] = self._dver.get(did, 0) + 1
                    else:
                        self._dver.pop(did, None)
            if aids:
                for r in conn.execute(f"SELECT {_COLS} FROM assignments WHERE id = ANY(%s)", [list(aids)]):
                    row = self._row(r, idx)
                    i = idx.row(row[0])
                    if i is None:
                        idx.replace_directive(row[1], {}, [row])  # unusual: a row this index lacked
                    else:
                        idx.set(i, **dict(zip(COLUMNS[1:], row[1:])))
                    self._dver[row[1]] = self._dver.get(row[1], 0) + 1
        idx.delta.clear()
        self._index = idx
        self._docs = {}
        self._bump()

    @staticmethod
    def _row(r: Any, idx: Index) -> tuple[int, ...]:
        r = list(r)
        r[3] = idx.unit_code(r[3])
        return tuple(r)

    # -- writing -------------------------------------------------------------------

    @contextmanager
    def transaction(self, command: str = "", *, dry_run: bool = False) -> Iterator["PgTransaction"]:
        """One database transaction for all the writes inside (nested calls join it); loads one at a time.

        `dry_run` (the load preview, which the caller rolls back) takes no load lock, as on TinyDB.
        """
        tx = self._tx
        if tx is not None:
            yield tx
            return
        if self._index is not None or self._docs or self._listener is not None:
            self.refresh()  # (an object that has read nothing has nothing to bring up to date: a command's load
            #               needs no second connection to listen on)
        conn = self._conn()
        light = command in LIGHT
        try:
            with conn.transaction():
                if not light and not dry_run:
                    conn.execute("SELECT pg_advisory_xact_lock(%s)", [_LOAD_LOCK])
                tx = PgTransaction(self, conn, command, light=light)
                self._local.tx = tx
                try:
                    yield tx
                    tx.commit()
                finally:
                    self._local.tx = None
        except _rights_errors() as exc:
            self._forget_if(light)
            raise _refused(exc) from None
        except BaseException:
            self._forget_if(light)
            raise
        with self._lock:
            if tx.partial is not None:
                self._index = None  # what the load wrote is read with the rest when next asked
            elif tx.index_loaded is not None and tx.touched_dids:
                idx = tx.index_loaded
                idx.delta.clear()
                self._index = idx
                for did in tx.touched_dids:
                    self._dver[did] = self._dver.get(did, 0) + 1
            self._docs = {}
            self._has_data = self._has_data or bool(tx.touched_dids)
            self._bump()

    def _forget_if(self, light: bool) -> None:
        """A batch of status changes rolled back after some were put in the index: read it all again."""
        if light:
            with self._lock:
                self._index = None

    # -- versions (a server keeps its own: pg_dump, see README) --------------------

    def backups(self) -> list[Any]:
        return []

    def restore(self, version: int | None = None) -> Any:
        raise InputError("cơ sở dữ liệu PostgreSQL không giữ phiên bản: khôi phục từ bản sao lưu pg_dump (xem README)")

    def disk_usage(self) -> dict[str, int]:
        conn = self._conn()
        with conn.transaction():
            n = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        return {"database": int(n)}

    def summary(self) -> dict[str, Any]:
        """What `tracker db info` says of a server store (counts are what this login may see)."""
        conn = self._conn()
        with conn.transaction():
            counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                      for t in ("directives", "tasks", "assignments", "events")}
            roles = [r[0] for r in conn.execute(
                "SELECT rolname FROM pg_roles WHERE rolname IN ('tracker_clerk', 'tracker_coordinator', 'tracker_chair') "
                "AND pg_has_role(current_user, oid, 'MEMBER') ORDER BY 1")]
            size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
            server = conn.execute("SHOW server_version").fetchone()[0]
        return {"path": str(self.path), "user": self.user, "roles": roles, "server": server, "bytes": int(size), **counts}

    def _db_hint(self) -> str:
        return f" --db {self.path}"

    def analyze(self) -> bool:
        """Take the planner's statistics again after a bulk write (a copy, a synthetic build). Until autovacuum
        gets there (a minute or more after the write), queries are planned from what the tables held before:
        a past day's replay planned for "no row changed since" on 128,000 such rows ran for minutes at 450,000
        assignments. False when this login may not (only the tables' owner analyzes them)."""
        import psycopg

        conn = self._conn()
        try:
            with conn.transaction():
                conn.execute("SET LOCAL client_min_messages = error")  # another login's "skipping": nothing done
                conn.execute(f"ANALYZE {', '.join(_PLANNED)}")
                return bool(conn.execute("SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class "
                                         "WHERE oid = 'assignments'::regclass").fetchone()[0])
        except psycopg.Error:
            return False


class _Files(dict):  # type: ignore[type-arg]
    """manifest.files of a PgStore: "d/N" → a ref whose crc changes whenever that directive's rows do."""

    def __init__(self, store: PgCore) -> None:
        super().__init__()
        # Weakly: the store holds its manifest, and a cycle would keep a dropped store object, its connections
        # and their server sessions until Python's next full collection (a longer pause, the larger the heap).
        self._store = weakref.ref(store)

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        store = self._store()
        if key.startswith("d/") and store is not None:
            did = int(key[2:])
            v = store._dver.get(did)
            return _Ref(key, str(v)) if v is not None else default
        return default


def read_task_entries(conn: Any, did: int | None = None) -> dict[int, list[Any]]:
    """The index's task entries (tracker/store/index.py task_entry) without reading the tasks' texts."""
    where, params = ("WHERE directive_id = %s", [did]) if did is not None else ("", [])
    # One JSON text for all the rows, decoded at once: psycopg's per-value jsonb loader (two per task) took
    # most of a load's time at province scale.
    text = conn.execute(
        "SELECT coalesce(json_agg(json_build_array(id, directive_id, doc->'deadline', indicators, removed, path, ord, "
        f"doc->'parent_task_ids')), '[]')::text FROM tasks {where}", params).fetchone()[0]
    rows = json.loads(text)
    return {tid: task_entry({"directive": d, "deadline": dl, "indicators": ind, "removed": rm, "path": path,
                             "order": order, "parent_task_ids": parents})
            for tid, d, dl, ind, rm, path, order, parents in rows}


class _ServerRows:
    """IndexRows' column source for a load's tasks-only index: its own new rows, else the row on the server."""

    def __init__(self, conn: Any, idx: Index) -> None:
        self.conn, self.idx = conn, idx

    def row_of(self, aid: int) -> tuple[int, ...] | None:
        i = self.idx.row(aid)
        if i is not None:
            return tuple(self.idx.cols[c][i] for c in COLUMNS)
        r = self.conn.execute(f"SELECT {_COLS} FROM assignments WHERE id = %s", [int(aid)]).fetchone()
        return None if r is None else PgCore._row(r, self.idx)


class _UnitsIndex(Index):
    """A load's index (see PgTransaction.index): the units, no assignment rows, and the task entries
    only when something asks for them (they grow with the store; a load of one directive needs none)."""

    def __init__(self, conn: Any) -> None:
        super().__init__()
        self._conn = conn
        self._tasks_read = False
        for uk in conn.execute("SELECT key FROM units ORDER BY pos"):
            self.unit_code(uk[0])
        self.meta_dirty = False
        self.structural = False

    @property
    def tasks(self) -> dict[int, list[Any]]:
        if not self._tasks_read:
            self._tasks.update(read_task_entries(self._conn))
            self._tasks_read = True
        return self._tasks


def _tasks_only_index(conn: Any) -> Index:
    """An index with the units and (read on first use) every task's entry but no assignment rows."""
    return _UnitsIndex(conn)


def event_ids(conn: Any, n: int) -> list[int]:
    """`n` new event ids in one round trip (last one first, for pop()); unused ones are just a gap."""
    rows = conn.execute("SELECT nextval('event_ids') FROM generate_series(1, %s)", [n]).fetchall()
    return sorted((int(r[0]) for r in rows), reverse=True)


def _docs_at_once(conn: Any, table: str, key: str) -> dict[str, Any]:
    """key (as text) → doc of every row of a table, in key order, sent and decoded as one JSON text
    (psycopg decodes each jsonb value apart: most of the first screen's reading time)."""
    text = conn.execute(f"SELECT coalesce(json_object_agg({key}, doc ORDER BY {key}), '{{}}')::text FROM {table}").fetchone()[0]
    return json.loads(text)


def read_records(conn: Any, key: str) -> dict[str, Any]:
    """What the TinyDB store's file `key` holds ("directives", "units", "d/N"), from the tables."""
    # Each table as one JSON text decoded at once (json_object_agg): psycopg's loader per jsonb value
    # cost a load ~60 ms for the 1,500 directive records at 450,000 assignments.
    if key == "directives":
        return {"directives": _docs_at_once(conn, "directives", "id")}
    if key == "units":
        return {"units": _docs_at_once(conn, "units", "pos")}
    if key.startswith("d/"):
        return directive_records(conn, int(key[2:]))[0]
    return {}


def directive_records(conn: Any, did: int) -> tuple[dict[str, Any], dict[int, int]]:
    """One directive's tasks, assignments and events as the TinyDB store's file d/N holds them, and each
    assignment's row version: one round trip (a load reads two or three directives)."""
    got = json.loads(conn.execute(
        "SELECT json_build_object("
        "'tasks', (SELECT json_object_agg(id, doc ORDER BY id) FROM tasks WHERE directive_id = %(d)s), "
        "'assignments', (SELECT json_object_agg(id, doc ORDER BY id) FROM assignments WHERE directive_id = %(d)s), "
        "'events', (SELECT json_object_agg(id, doc ORDER BY id) FROM events WHERE directive_id = %(d)s), "
        "'vers', (SELECT json_object_agg(id, ver) FROM assignments WHERE directive_id = %(d)s))::text",
        {"d": did}).fetchone()[0])
    out = {t: got[t] for t in ("tasks", "assignments", "events") if got.get(t)}
    return out, {int(a): int(v) for a, v in (got.get("vers") or {}).items()}



class PgTransaction:
    """What save_into / relink / Writes use of a transaction, over the tables: TinyDB databases in memory,
    loaded from the rows on first use and written back (only what changed) at commit."""

    def __init__(self, store: PgCore, conn: Any, command: str, *, light: bool = False) -> None:
        self.store = store
        self.light = light  # status changes only: written row by row (PgStore._change_rows), no load lock
        self.conn = conn
        self.command = command
        self.dbs: dict[str, Any] = {}
        # key → the records as read (marshal: a copy made in a few ms, decoded again only to compare at commit;
        # a JSON text per record took a load ~0.3 s at 450,000 assignments)
        self.before: dict[str, bytes] = {}
        self._before: dict[str, dict[str, dict[str, Any]]] = {}
        self.vers: dict[int, int] = {}  # assignment → ver as read
        self.index_loaded: Index | None = None
        self.partial: Index | None = None  # index_loaded without assignment rows (see index())
        self._rows: IndexRows | None = None
        self.touched_dids: set[int] = set()
        self.notices: dict[str, set[int]] = {"d": set(), "a": set()}
        self.next_ids: dict[str, int] = {}
        self.event_ids: list[int] = []
        self._patch: Any = None  # a load's IndexPatch (index_patch)

    def db(self, key: str) -> Any:
        got = self.dbs.get(key)
        if got is None:
            if key.startswith("d/"):
                data, vers = directive_records(self.conn, int(key[2:]))
                self.vers.update(vers)
            else:
                data = read_records(self.conn, key)
            self.before[key] = marshal.dumps(data)
            got = self.dbs[key] = open_db(lambda: data)
        return got

    def as_read(self, key: str) -> dict[str, dict[str, Any]]:
        """The records of `key` as this transaction read them (table → id → record)."""
        got = self._before.get(key)
        if got is None:
            raw = self.before.get(key)
            got = self._before[key] = marshal.loads(raw) if raw is not None else {}
        return got

    def directives_db(self) -> Any:
        return self.db("directives")

    def units_db(self) -> Any:
        return self.db("units")

    def directive_db(self, did: int) -> Any:
        return self.db(f"d/{did}")

    def has(self, key: str) -> bool:
        if key in self.dbs:
            return True
        if key.startswith("d/"):
            return self.conn.execute("SELECT 1 FROM directives WHERE id = %s", [int(key[2:])]).fetchone() is not None
        return True

    def index(self, *, change: bool = True) -> Index:
        if self.index_loaded is None:
            base = self.store._index
            if base is None and self.command == "load":
                # A load on a store object that has read no rows (a `tracker load` command): it needs the
                # units and the tasks (linking, the chain), not every assignment's row, which the commit
                # writes from the directive's own records. So read no assignment rows (they grow with the
                # store), and let the store read its index afresh after the commit.
                self.index_loaded = self.partial = _tasks_only_index(self.conn)
                return self.index_loaded
            if base is None:
                self.store._load_all()
                base = self.store._index
            self.index_loaded = copy_index(base)  # type: ignore[arg-type]
        return self.index_loaded

    def index_patch(self, *, rows_gone: bool = False) -> Any:
        """What a load changes the index through (as in the folder store's Transaction.index_patch).
        The commit writes the rows from the records, so without a store index to keep up to date
        this is the units' codes and the load's own rows (an IndexPatch over the units table)."""
        if self._patch is not None:
            return self._patch
        if self.command != "load" or self.store._index is not None or (self.index_loaded is not None and self.partial is None):
            return self.index()
        from tracker.store.index import IndexPatch

        # Its rows go where this load's status changes look for them (the chain's answered assignments).
        rows = self.index_rows()
        self._patch = IndexPatch(list(self.index(change=False).unit_keys), [], {}, rows)
        return self._patch

    def index_rows(self, *, whole: bool = False) -> "IndexRows":
        """The index rows this transaction changes: always over the whole (in-memory) index here."""
        if self._rows is None:
            idx = self.index(change=False)
            if self.partial is not None:  # row by row: this load's own rows, else the server's
                self._rows = IndexRows(None, _ServerRows(self.conn, idx))  # type: ignore[arg-type]
            else:
                self._rows = IndexRows(idx)
        return self._rows

    def new_id(self, kind: str) -> int:
        """A new id. Events take theirs from the sequence (status changes add events meanwhile); directives,
        tasks and assignments are made by loads only, one at a time: theirs advance the sequence at commit,
        so a preview (a rolled-back load) uses up none, as in the folder store."""
        if kind == "event":
            if not self.event_ids:
                self.event_ids = event_ids(self.conn, 256)
            return self.event_ids.pop()
        n = self.next_ids.get(kind)
        if n is None:
            last, called = self.conn.execute(f"SELECT last_value, is_called FROM {kind}_ids").fetchone()
            n = int(last) + 1 if called else int(last)
        self.next_ids[kind] = n + 1
        return n

    def touch(self) -> None:
        pass

    # -- commit ------------------------------------------------------------------------

    def commit(self) -> None:
        """Write what changed: directives first (tasks and assignments refer to them), units, then each directive's rows."""
        for kind, n in self.next_ids.items():
            self.conn.execute("SELECT setval(%s, %s, false)", [f"{kind}_ids", n])
        dirty = [k for k, db in self.dbs.items() if storage_of(db).dirty]
        if not dirty:
            return
        issued: dict[int, int] = {}
        if "directives" in dirty:
            self._write_directives()
        if "units" in dirty:
            self._write_units()
        for key in dirty:
            if key.startswith("d/"):
                self._write_directive(int(key[2:]), issued)
        if self.notices["d"] or self.notices["a"]:
            payload = {k: sorted(v) for k, v in self.notices.items() if v}
            self.conn.execute("SELECT pg_notify(%s, %s)", [CHANNEL, json.dumps(payload)])

    def _changed(self, key: str, table: str) -> tuple[dict[str, Any], list[str]]:
        """(id → record now, ids gone) of one table of one database of the transaction."""
        now = (storage_of(self.dbs[key]).read() or {}).get(table) or {}
        before = self.as_read(key).get(table, {})
        changed = {i: d for i, d in now.items() if before.get(i) != d}
        gone = [i for i in before if i not in now]
        return changed, gone

    def _write_directives(self) -> None:
        changed, gone = self._changed("directives", "directives")
        for i, d in changed.items():
            self.conn.execute(
                "INSERT INTO directives (id, number, date, issuer_id, level, issued, parent_id, doc) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET number = EXCLUDED.number, "
                "date = EXCLUDED.date, issuer_id = EXCLUDED.issuer_id, level = EXCLUDED.level, issued = EXCLUDED.issued, "
                "parent_id = EXCLUDED.parent_id, doc = EXCLUDED.doc, updated_by = current_user",
                [int(i), d.get("number"), d.get("date"), d.get("issuer_id"), d.get("level"), _issued(d.get("date")),
                 d.get("parent_id"), _jsonb(d)],
            )
            self.notices["d"].add(int(i))
            self.touched_dids.add(int(i))
        for i in gone:
            self.conn.execute("DELETE FROM directives WHERE id = %s", [int(i)])
            self.notices["d"].add(int(i))

    def _write_units(self) -> None:
        changed, _gone = self._changed("units", "units")  # units are never removed
        for pos, u in changed.items():
            self.conn.execute(
                "INSERT INTO units (key, pos, name, level, kind, parent, doc) VALUES (%s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, kind = EXCLUDED.kind, "
                "parent = EXCLUDED.parent, doc = EXCLUDED.doc",
                [u["key"], int(pos), u.get("name"), u.get("level"), u.get("kind"), u.get("parent"), _jsonb(u)],
            )

    def _issued(self, did: int) -> int:
        if "directives" in self.dbs:
            rec = ((storage_of(self.dbs["directives"]).read() or {}).get("directives") or {}).get(str(did)) or {}
            date_text = rec.get("date")
        else:
            row = self.conn.execute("SELECT date FROM directives WHERE id = %s", [did]).fetchone()
            date_text = row[0] if row else None
        return _issued(date_text)

    def _write_directive(self, did: int, issued: dict[int, int]) -> None:
        key = f"d/{did}"
        data = storage_of(self.dbs[key]).read() or {}
        self.touched_dids.add(did)
        t_changed, t_gone = self._changed(key, "tasks")
        if t_gone:
            self.conn.execute("DELETE FROM tasks WHERE id = ANY(%s)", [[int(i) for i in t_gone]])
        if t_changed:
            self.conn.cursor().executemany(
                "INSERT INTO tasks (id, directive_id, ord, path, removed, indicators, doc) VALUES (%s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (id) DO UPDATE SET directive_id = EXCLUDED.directive_id, ord = EXCLUDED.ord, path = EXCLUDED.path, "
                "removed = EXCLUDED.removed, indicators = EXCLUDED.indicators, doc = EXCLUDED.doc",
                [[int(i), did, int(t.get("order") or 0), t.get("path"), bool(t.get("removed")),
                  [int(x) for x in t.get("indicators") or []], _jsonb(t)] for i, t in t_changed.items()])
            self.conn.execute("DELETE FROM task_links WHERE task_id = ANY(%s)", [[int(i) for i in t_changed]])
            links = [(int(i), int(p)) for i, t in t_changed.items() for p in dict.fromkeys(t.get("parent_task_ids") or [])]
            if links:
                self.conn.cursor().executemany("INSERT INTO task_links (task_id, parent_task_id) VALUES (%s, %s)", links)
        # Assignments: due is worked out again for all of them (a new deadline or directive date moves it).
        if did not in issued:
            issued[did] = self._issued(did)
        deadlines = {int(i): t.get("deadline") for i, t in (data.get("tasks") or {}).items()}
        before = self.as_read(key).get("assignments", {})
        now = data.get("assignments") or {}
        old_due = dict(self.conn.execute("SELECT id, due FROM assignments WHERE directive_id = %s", [did]).fetchall())
        upserts = []
        for i, a in now.items():
            aid = int(i)
            due = due_ordinal(deadlines.get(int(a["task"])), issued[did], _ord(a.get("event_on")), _ord(a.get("last_report")))
            if before.get(i) == a and old_due.get(aid) == due:
                continue
            upserts.append((aid, a, due))
        gone = [int(i) for i in before if i not in now]
        # No lost update: the rows this load rewrites or drops must still be as it read them. They are
        # locked only now, at the end: status changes wait for this final write, not for the whole load.
        mine = gone + [aid for aid, _a, _d in upserts if aid in self.vers]
        if mine:
            for aid, ver in self.conn.execute("SELECT id, ver FROM assignments WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
                                              [mine]):
                if self.vers.get(aid) != ver:
                    raise Conflict(aid)
        if gone:
            self.conn.execute("DELETE FROM assignments WHERE id = ANY(%s)", [gone])
        cur = self.conn.cursor()
        updates = [[*_doc_row(aid, a, due), _jsonb(a), aid] for aid, a, due in upserts if aid in self.vers]
        inserts = [[aid, *_doc_row(aid, a, due), _jsonb(a)] for aid, a, due in upserts if aid not in self.vers]
        if updates:
            cur.executemany(
                "UPDATE assignments SET directive_id = %s, task_id = %s, unit_key = %s, flags = %s, status = %s, "
                "status_on = %s, done_on = %s, event_on = %s, report_on = %s, changed_on = %s, child = %s, due = %s, "
                "doc = %s, ver = ver + 1, changed_by = current_user WHERE id = %s", updates)
        if inserts:  # one statement, a column per array (not COPY: it is refused where row-level security
            # applies, as for coordinators): one trigger call for the counts (schema4.sql), no statement per row.
            # Binary arrays: the text form quotes every element with a regular expression.
            self.conn.execute(
                "INSERT INTO assignments (id, directive_id, task_id, unit_key, flags, status, status_on, done_on, "
                "event_on, report_on, changed_on, child, due, doc) SELECT * FROM unnest(%b::integer[], %b::integer[], "
                "%b::integer[], %b::text[], %b::integer[], %b::smallint[], %b::integer[], %b::integer[], %b::integer[], "
                "%b::integer[], %b::integer[], %b::integer[], %b::integer[], %b::jsonb[])",
                [list(column) for column in zip(*inserts)])
        e_changed, _ = self._changed(key, "events")  # events are only ever added
        if e_changed:
            self.conn.cursor().executemany(
                "INSERT INTO events (id, assignment_id, directive_id, kind, at, on_day, by, doc) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                [_event_params(int(i), did, e, self.store) for i, e in e_changed.items()],
            )
        self.notices["d"].add(did)


def _event_params(eid: int, did: int, e: dict[str, Any], store: Any) -> list[Any]:
    return [eid, int(e["assignment"]), did, e.get("kind", "status"), e.get("at", ""), e.get("on"),
            e.get("by") or "", _jsonb(e)]


def _issued(text: str | None) -> int:
    """A directive's day as an ordinal (0: unknown), as the queries judge it."""
    day = document_day(text)
    return day.toordinal() if day else 0


def _ord(value: Any) -> int:
    from tracker.store.index import ordinal

    return ordinal(value)


def _jsonb(value: Any) -> Any:
    from psycopg.types.json import Jsonb

    return Jsonb(value)


def _connect_options(url: str) -> dict[str, Any]:
    """A server that does not answer is said within seconds, not after the system's minutes; and the server's
    session list (pg_stat_activity) names tracker's sessions as tracker's, unless the address names them."""
    options: dict[str, Any] = {}
    if "connect_timeout" not in url:
        options["connect_timeout"] = 10
    if "application_name" not in url:
        options["application_name"] = APPLICATION_NAME
    return options


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _rights_errors() -> tuple[type[BaseException], ...]:
    import psycopg

    return (psycopg.errors.InsufficientPrivilege,)


def _refused(exc: BaseException) -> StoreError:
    return StoreError(f"cơ sở dữ liệu từ chối: tài khoản này không có quyền làm việc đó ({_first_line(exc)}); "
                      "nhờ người quản trị cấp quyền")


def ensure_schema(conn: Any) -> int:
    """Create the tables (schema.sql), the roles with their rights (rights.sql) and the maintained counts
    (tallies.sql) when the database has none; bring an older database up to SCHEMA. Returns the schema
    version in effect: an older database stays as it is when this login may not change it (its owner's
    next open upgrades it), and is read the old way meanwhile."""
    found = conn.execute("SELECT to_regclass('tracker_meta') IS NOT NULL").fetchone()[0]
    if found:
        row = conn.execute("SELECT value FROM tracker_meta WHERE key = 'schema'").fetchone()
        have = int(row[0]) if row else 1
        if have > SCHEMA:
            raise StoreError(f"cơ sở dữ liệu do phiên bản tracker mới hơn tạo (lược đồ {have}): hãy nâng cấp tracker")
        return have if have == SCHEMA else _upgrade(conn, have)
    import psycopg

    try:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [_LOAD_LOCK])
            if conn.execute("SELECT to_regclass('tracker_meta') IS NOT NULL").fetchone()[0]:
                return ensure_schema(conn)
            for name in ("schema.sql", "rights.sql", "tallies.sql", "schema3.sql", "schema4.sql"):
                conn.execute(_sql(name))
            conn.execute("INSERT INTO tracker_meta VALUES ('schema', %s)", [str(SCHEMA)])
    except psycopg.errors.InsufficientPrivilege as exc:
        raise StoreError(f"cơ sở dữ liệu chưa có bảng của tracker và tài khoản này không tạo được ({_first_line(exc)}); "
                         "nhờ người quản trị mở nó một lần bằng tài khoản chủ") from None
    return SCHEMA


def _sql(name: str) -> str:
    return resources.files("tracker.store.pg").joinpath(name).read_text(encoding="utf-8")


def _upgrade(conn: Any, have: int) -> int:
    """Bring an older database up to SCHEMA in one transaction (writes wait meanwhile), then vacuum so the
    indexes are read without visiting the table.

    1 → 2: the maintained counts (tallies.sql), filled from the rows (the triggers are made in the same
    transaction), and the planner's statistics schema 1 made on new databases only.
    2 → 3: schema3.sql (an index fewer, the covering index of rows by their last entry's day, the
    user-stamping triggers called only when needed, the entries' status and order as columns with the index
    a replay reads: rewrites the events table, ~10 s at 450,000 assignments, once).
    3 → 4: relative deadlines stored before the reader recorded what they count from get it
    (record_counts_from); schema4.sql (the counts take a load's rows in one trigger call)."""
    import psycopg

    try:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [_LOAD_LOCK])
            row = conn.execute("SELECT value FROM tracker_meta WHERE key = 'schema'").fetchone()
            have = int(row[0]) if row else 1
            if have >= SCHEMA:
                return have
            if have < 2:
                conn.execute(_sql("tallies.sql"))
                conn.execute("TRUNCATE unit_tally, directive_tally, tally_log")
                conn.execute("INSERT INTO unit_tally SELECT unit_key, tracker_state(status, done_on, due), count(*) "
                             "FROM assignments WHERE flags & 1 = 0 GROUP BY 1, 2")
                conn.execute("INSERT INTO directive_tally SELECT directive_id, tracker_state(status, done_on, due), "
                             "count(*) FROM assignments WHERE flags & 1 = 0 GROUP BY 1, 2")
            if have < 3:
                conn.execute(_sql("schema3.sql"))
            if have < 4:
                conn.execute(_sql("schema4.sql"))
                record_counts_from(conn)
            conn.execute("INSERT INTO tracker_meta VALUES ('schema', %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                         [str(SCHEMA)])
    except psycopg.errors.InsufficientPrivilege:
        return have  # not the owner: read the old way until the owner opens it
    if have >= 3:
        return SCHEMA  # (3 → 4 rewrote a few tasks: nothing to vacuum)
    try:
        conn.execute("VACUUM (ANALYZE) assignments, events")
    except psycopg.Error:
        pass  # only quicker reads: autovacuum gets there too
    return SCHEMA


def record_counts_from(conn: Any) -> int:
    """Write into each task's relative deadline what it counts from, where it was stored without (parsed
    before the field existed). Judging such a deadline reads its phrase again, which compiles the deadline
    rules: ~80 ms of the first status change or count in every process. Returns the tasks written."""
    from tracker.track.due import recorded

    n = 0
    old = conn.execute("SELECT DISTINCT doc->'deadline' FROM tasks "
                       "WHERE deadline_kind = 'relative' AND doc->'deadline'->'counts_from' IS NULL").fetchall()
    for (deadline,) in old:  # few: tasks share their phrases
        n += conn.execute("UPDATE tasks SET doc = jsonb_set(doc, '{deadline}', %s) "
                          "WHERE deadline_kind = 'relative' AND doc->'deadline' = %s",
                          [_jsonb(recorded(deadline)), _jsonb(deadline)]).rowcount
    return n


def now_stamp() -> str:
    return datetime.now().isoformat(timespec="seconds")


def env_url() -> str | None:
    raw = os.environ.get("TRACKER_DB")
    return raw if is_url(raw) else None
