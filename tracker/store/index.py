"""The assignment index: a small derived copy of what the queries scan, kept beside the data.

Answering "who is late as of a day" needs, for every assignment, its unit,
status and a few dates; reading 150,000 assignment records as JSON costs
more than the whole query may take. So each version also holds:

- `index-<v>.bin`: per task its directive, deadline, indicators; the list of
  unit keys (a unit's position in it is its code in the columns). It changes
  only when a directive is loaded.
- `cols-<v>.bin`: one int32 column per field below, rows sorted by
  assignment id, read with `array.frombytes` in a few milliseconds.
  Rewritten whole when a re-load changes a directive's rows.
- `colsdelta-<v>.bin`: the rows changed since the columns were last written
  whole (status changes, event dates), and the rows of directives loaded
  since (new ids, added at the end). A status change or a first load writes
  this small file instead of 21 MB of columns (450,000 assignments); past
  MAX_DELTA_ROWS rows it is merged into the middle level below. A status
  change reads the one row it changes in place (ColumnFile, IndexRows).
- `colsmid-<v>.bin` (schema 5): the deltas merged, rows sorted by id, in the
  delta's form; put over the columns before the delta. Past MAX_MID_ROWS rows
  the columns are written whole again (and both levels dropped).

Dates are ordinals (`date.toordinal()`), 0 for none. Everything here is
rebuilt from the directive files when missing or damaged: it is an index,
never the only copy of anything.
"""
from __future__ import annotations

import json
import marshal
import os
import struct
import sys
from array import array
from bisect import bisect_left, bisect_right
from itertools import chain
from datetime import date
from typing import Any, Iterable

from tracker.store.gcpause import gc_paused
from tracker.track import status as st

MAGIC = b"TRKCOLS1"
DELTA_MAGIC = b"TRKDELT1"
META_MAGIC = b"TRKMETA1"  # index-<v>.bin: marshal; an index-<v>.json of earlier trackers is JSON
# Since the due column: the unit keys, and the task entries marshalled apart, read only when asked for
# (the overdue board needs the 400 unit keys, not the 30,000 task entries: 50 ms at 450,000 assignments).
META2_MAGIC = b"TRKMETA2"
MAX_DELTA_ROWS = 4096
# colsmid-<v>.bin (schema 5): the rows of deltas that outgrew MAX_DELTA_ROWS, merged (sorted by id) instead
# of the 21 MB of columns: past MAX_MID_ROWS the columns are written whole again. A load adds ~300 rows:
# the whole columns (380 ms CPU at 450,000 assignments) came every 7-13 loads, now every ~100. Bounded so
# that a command without numpy puts the middle level's changed rows in one by one in ~50 ms at most,
# and a status change reads at most 1.5 MB of it.
MAX_MID_ROWS = 8 * MAX_DELTA_ROWS
# index-<v>.bin's own delta (indexdelta-<v>.bin): the task entries of the directives loaded since it was
# written whole, and the unit keys added since, so a load does not decode and rewrite every task entry
# (30,000 at 450,000 assignments). Past MAX_DELTA_TASKS entries the meta is written whole again.
TASKS_DELTA_MAGIC = b"TRKTDEL1"
MAX_DELTA_TASKS = 4096
COLUMNS = (
    "aid",  # assignment id
    "did",  # directive id
    "tid",  # task id
    "unit",  # unit code (position in unit_keys)
    "flags",  # FLAG_* bits
    "status",  # status code (tracker.track.status.CODE)
    "status_on",  # day of the latest status entry
    "done_on",  # day it became done
    "event_on",  # event date recorded by a clerk
    "report_on",  # latest report (every status entry counts)
    "changed_on",  # latest day any event takes effect (as-of queries before it replay events)
    "child",  # the child directive that carries this assignment out (chain), 0 = none
)
FLAG_REMOVED = 1  # its task or unit left the directive on a re-load; kept for its history
FLAG_UNRESOLVED = 2  # the unit is a name the resolver could not place
FLAG_SUPPORT = 4  # role: phối hợp (else chủ trì)
FLAG_UNEXPANDED = 8  # a group that could not be expanded to its members
FLAG_HAND_SET = 16  # chain: a status set by hand (with a note) on an assignment a child directive answers; it wins over the roll-up

_TYPECODE = "i"
assert array(_TYPECODE).itemsize == 4


def ordinal(value: str | date | None) -> int:
    if not value:
        return 0
    if isinstance(value, date):
        return value.toordinal()
    return date.fromisoformat(value).toordinal()


def flags_of(a: dict[str, Any]) -> int:
    """The FLAG_* bits of a stored assignment record."""
    flags = 0
    if a.get("removed"):
        flags |= FLAG_REMOVED
    if a.get("unresolved"):
        flags |= FLAG_UNRESOLVED
    if a.get("role") == "support":
        flags |= FLAG_SUPPORT
    if a.get("unexpanded"):
        flags |= FLAG_UNEXPANDED
    if a.get("hand_set"):
        flags |= FLAG_HAND_SET
    return flags


def row_of_assignment(aid: int, a: dict[str, Any], unit_code: int) -> tuple[int, ...]:
    """The index row of a stored assignment record."""
    return (
        aid,
        int(a["directive"]),
        int(a["task"]),
        unit_code,
        flags_of(a),
        st.CODE.get(a.get("status") or st.INITIAL, 0),
        ordinal(a.get("status_on")),
        ordinal(a.get("done_on")),
        ordinal(a.get("event_on")),
        ordinal(a.get("last_report")),
        ordinal(a.get("changed_on")),
        int(a.get("child_directive_id") or 0),
    )


# Positions in a task entry of the index. T_PARENTS (the chain's task links)
# came later: entries written before it have 6 items (read with task_parents()).
T_DIRECTIVE, T_DEADLINE, T_INDICATORS, T_REMOVED, T_PATH, T_ORDER, T_PARENTS = range(7)


def task_entry(t: dict[str, Any]) -> list[Any]:
    """What the queries need of a task: [directive, deadline, indicators, removed, path, order, parent tasks]."""
    return [
        int(t["directive"]),
        t.get("deadline"),
        list(t.get("indicators") or []),
        1 if t.get("removed") else 0,
        t.get("path") or "",
        int(t.get("order") or 0),
        [int(x) for x in t.get("parent_task_ids") or []],
    ]


def task_parents(entry: list[Any]) -> list[int]:
    """The parent tasks a task entry links to (none for entries older than the chain)."""
    return entry[T_PARENTS] if len(entry) > T_PARENTS and entry[T_PARENTS] else []


class Index:
    """Columns of every assignment plus per-task facts; `tasks`/`unit_keys` load on first use."""

    def __init__(self, meta_raw: bytes | None = None) -> None:
        self.cols: dict[str, array] = {c: array(_TYPECODE) for c in COLUMNS}
        self._meta_raw = meta_raw
        self._tasks_raw: bytes | None = None
        self._tasks: dict[int, list[Any]] = {}
        self._unit_keys: list[str] = []
        self._unit_codes: dict[str, int] | None = None
        self.meta_dirty = meta_raw is None
        # Rows changed since the columns were written whole (aid → row), and
        # whether rows were added, removed or moved (then a delta will not do).
        self._delta: dict[int, tuple[int, ...]] = {}
        # The rows of a delta file put over the columns, kept as read (flat values) until a commit asks
        # for them by id: building 4,096 row tuples cost every query a few milliseconds.
        self._delta_flat: array | None = None
        self.structural = meta_raw is None
        self._tdelta: bytes | None = None  # task entries of an index delta, put over the tasks on first use

    def _meta(self) -> None:
        if self._meta_raw is not None:
            raw = self._meta_raw
            # marshal: ten times faster than JSON both ways (30,000 task entries at 450,000 assignments);
            # an index written as JSON by an earlier tracker still reads.
            if raw[: len(META2_MAGIC)] == META2_MAGIC:
                meta = marshal.loads(raw[len(META2_MAGIC):])
                self._unit_keys = list(meta["unit_keys"])
                self._tasks_raw = meta["tasks"]
                self._meta_raw = None
                return
            with gc_paused():  # 200,000 small objects at 450,000 assignments: the collector tripled the time
                meta = marshal.loads(raw[len(META_MAGIC):]) if raw[: len(META_MAGIC)] == META_MAGIC else json.loads(raw)
            self._tasks = {int(k): v for k, v in meta["tasks"].items()}
            self._unit_keys = list(meta["unit_keys"])
            self._meta_raw = None

    @property
    def tasks(self) -> dict[int, list[Any]]:
        self._meta()
        if self._tasks_raw is not None:
            with gc_paused():
                self._tasks = {int(k): v for k, v in marshal.loads(self._tasks_raw).items()}
            self._tasks_raw = None
        if self._tdelta is not None:
            dirs = marshal.loads(self._tdelta)
            self._tdelta = None
            if dirs:
                self._tasks = {tid: e for tid, e in self._tasks.items() if e[T_DIRECTIVE] not in dirs}
                for entries in dirs.values():
                    self._tasks.update(entries)
        return self._tasks

    def apply_tasks_delta(self, raw: bytes) -> None:
        """Put an index delta (indexdelta-<v>.bin: unit keys added, task entries of directives loaded since
        the meta was written whole) over this index; ValueError if it does not fit it."""
        base, units, dirs = parse_tasks_delta(raw)
        self._meta()
        if len(self._unit_keys) != base:
            raise ValueError("index delta does not fit its index")
        self._unit_keys.extend(units)
        self._unit_codes = None
        self._tdelta = dirs

    def directive_tasks(self, did: int, entries: dict[int, list[Any]]) -> None:
        """A directive's task entries are now `entries` (its tasks' links changed)."""
        for tid in [t for t, e in self.tasks.items() if e[T_DIRECTIVE] == did]:
            del self.tasks[tid]
        self.tasks.update(entries)
        self.meta_dirty = True

    @property
    def unit_keys(self) -> list[str]:
        self._meta()
        return self._unit_keys

    # -- reading and writing ----------------------------------------------

    def __len__(self) -> int:
        return len(self.cols["aid"])

    def meta_bytes(self) -> bytes:
        return META2_MAGIC + marshal.dumps({"unit_keys": self.unit_keys, "tasks": marshal.dumps(self.tasks)})

    def cols_bytes(self) -> bytes:
        header = json.dumps({"n": len(self), "cols": list(COLUMNS), "order": sys.byteorder}).encode()
        parts = [MAGIC, struct.pack("<I", len(header)), header]
        parts.extend(self.cols[c].tobytes() for c in COLUMNS)
        return b"".join(parts)

    def delta_bytes(self) -> bytes:
        flat = array(_TYPECODE, chain.from_iterable(self.delta.values()))  # one call, not one per row
        header = json.dumps({"n": len(self.delta), "cols": list(COLUMNS), "order": sys.byteorder}).encode()
        return b"".join([DELTA_MAGIC, struct.pack("<I", len(header)), header, flat.tobytes()])

    @property
    def delta(self) -> dict[int, tuple[int, ...]]:
        """Rows changed since the columns were written whole (aid → row), and whether rows were added,
        removed or moved (`structural`: then a delta will not do)."""
        if self._delta_flat is not None:
            rows = rows_of(self._delta_flat)
            rows.update(self._delta)  # changed after the delta file was put over the columns
            self._delta, self._delta_flat = rows, None
        return self._delta

    @delta.setter
    def delta(self, rows: dict[int, tuple[int, ...]]) -> None:
        self._delta, self._delta_flat = rows, None

    def apply_delta(self, raw: bytes, *, as_base: bool = False) -> None:
        """Put the rows of a delta file over the columns, and add those of assignments loaded since
        (ids above every id in the columns); ValueError if it does not fit them.

        In numpy, a column at a time, when a query that counts has it loaded already (up to
        MAX_DELTA_ROWS rows every time); a command that does not count does not pay numpy's import
        for it. The rows by id are built only when a commit asks for them (`delta`). `as_base`
        (the middle level, colsmid): its rows become part of the columns, not of this index's delta."""
        flat = delta_values(raw)
        if not flat:
            return
        if as_base:
            pass
        elif self._delta or self._delta_flat is not None:
            self.delta.update(rows_of(flat))  # (not the case on a read: only one delta file per version)
        else:
            self._delta_flat = flat
        if "numpy" not in sys.modules:
            self._put_rows(flat)
            return
        import numpy as np

        width = len(COLUMNS)
        got = np.frombuffer(flat, dtype=np.int32).reshape(-1, width)
        aids = np.frombuffer(self.cols["aid"], dtype=np.int32)
        pos = np.searchsorted(aids, got[:, 0])
        inside = pos < len(aids)
        inside[inside] = aids[pos[inside]] == got[inside, 0]
        where, changed = pos[inside], got[inside]
        for k, c in enumerate(COLUMNS):
            np.frombuffer(self.cols[c], dtype=np.int32)[where] = changed[:, k]
        added = got[~inside]
        last = int(aids[-1]) if len(aids) else None
        del aids  # no view of the columns may stay while they grow
        if len(added):
            added = added[np.argsort(added[:, 0], kind="stable")]
            if last is not None and added[0, 0] <= last:
                raise ValueError("index delta names an assignment the columns lack")
            for k, c in enumerate(COLUMNS):
                self.cols[c].frombytes(np.ascontiguousarray(added[:, k]).tobytes())

    def _put_rows(self, flat: array) -> None:
        """apply_delta row by row (without numpy); rows past the columns' last id that come sorted at
        the end (the middle level is written sorted: mostly loads' rows) a column at a time."""
        width = len(COLUMNS)
        aids, cols = self.cols["aid"], [self.cols[c] for c in COLUMNS]
        n = len(aids)
        ids = flat[0::width]
        last = aids[-1] if n else -(1 << 31)
        split = bisect_right(ids, last)  # right where the rows come sorted; checked below
        tail = ids[split:]
        if (len(tail) and tail[0] > last and (split == 0 or max(ids[:split]) <= last)
                and list(tail) == sorted(set(tail))):
            for k, col in enumerate(cols):
                col.extend(flat[split * width + k :: width])
            flat = flat[: split * width]
        added = []
        for k in range(0, len(flat), width):
            i = bisect_left(aids, flat[k])
            if i < n and aids[i] == flat[k]:
                for col, v in zip(cols, flat[k : k + width]):
                    col[i] = v
            else:
                added.append(tuple(flat[k : k + width]))
        if added:
            added.sort()
            if n and added[0][0] <= aids[-1]:
                raise ValueError("index delta names an assignment the columns lack")
            self._append(added)

    def needs_full_write(self) -> bool:
        return self.structural or len(self.delta) > MAX_DELTA_ROWS

    def written_whole(self) -> None:
        self.delta = {}
        self.structural = False

    @classmethod
    def from_bytes(cls, meta_raw: bytes, cols_raw: bytes) -> Index:
        """Raises ValueError when the columns are not a valid index (the meta part is parsed on first use)."""
        idx = cls(meta_raw)
        if cols_raw[: len(MAGIC)] != MAGIC:
            raise ValueError("not an index")
        (hlen,) = struct.unpack_from("<I", cols_raw, len(MAGIC))
        start = len(MAGIC) + 4
        header = json.loads(cols_raw[start : start + hlen])
        n, names = int(header["n"]), header["cols"]
        if tuple(names) != COLUMNS:
            raise ValueError("index of another layout")
        pos = start + hlen
        width = 4 * n
        if len(cols_raw) != pos + width * len(COLUMNS):
            raise ValueError("index size does not match")
        view = memoryview(cols_raw)  # slices without a copy: 21 MB at 450,000 assignments
        for c in COLUMNS:
            a = array(_TYPECODE)
            a.frombytes(view[pos : pos + width])
            if header.get("order") != sys.byteorder:
                a.byteswap()
            idx.cols[c] = a
            pos += width
        return idx

    def differences(self, other: "Index") -> str | None:
        """What differs from `other` (an index rebuilt from the data), None when both say the same.

        Unit codes are positions in each index's own unit list, so rows are
        compared with the unit key in place of its code.
        """
        def rows(idx: "Index") -> dict[int, tuple[Any, ...]]:
            keys, ucol = idx.unit_keys, COLUMNS.index("unit")
            out = {}
            for i in range(len(idx)):
                row = [idx.cols[c][i] for c in COLUMNS]
                row[ucol] = keys[row[ucol]] if 0 <= row[ucol] < len(keys) else None
                out[row[0]] = tuple(row)
            return out

        mine, theirs = rows(self), rows(other)
        if mine.keys() != theirs.keys():
            return f"{len(mine.keys() ^ theirs.keys())} assignments listed differently"
        changed = [aid for aid in mine if mine[aid] != theirs[aid]]
        if changed:
            return f"{len(changed)} assignments differ, e.g. #{changed[0]}"
        if json.loads(json.dumps(self.tasks)) != json.loads(json.dumps(other.tasks)):
            return "the tasks differ"
        return None

    # -- lookups ----------------------------------------------------------

    def unit_code(self, key: str) -> int:
        if self._unit_codes is None:
            self._unit_codes = {k: i for i, k in enumerate(self.unit_keys)}
        code = self._unit_codes.get(key)
        if code is None:
            code = len(self.unit_keys)
            self.unit_keys.append(key)
            self._unit_codes[key] = code
            self.meta_dirty = True
        return code

    def row(self, aid: int) -> int | None:
        """The row position of an assignment id, or None."""
        aids = self.cols["aid"]
        i = bisect_left(aids, aid)
        if i < len(aids) and aids[i] == aid:
            return i
        return None

    def get(self, i: int, col: str) -> int:
        return self.cols[col][i]

    def set(self, i: int, **values: int) -> None:
        for col, value in values.items():
            self.cols[col][i] = value
        self._delta[self.cols["aid"][i]] = tuple(self.cols[c][i] for c in COLUMNS)  # over the file's rows

    def rows_of_directive(self, did: int) -> list[int]:
        dcol = self.cols["did"]
        return [i for i, d in enumerate(dcol) if d == did]

    # -- changes ------------------------------------------------------------

    def replace_directive(self, did: int, tasks: dict[int, list[Any]], rows: Iterable[tuple[int, ...]]) -> None:
        """Put a directive's tasks and assignment rows in place of what the index held for it.

        A directive the index did not hold (a first load) only adds rows with new ids: they go
        into the delta like changed rows, and the columns are not written whole for it.
        """
        old_tasks = [t for t, e in self.tasks.items() if e[0] == did]
        for tid in old_tasks:
            del self.tasks[tid]
        self.tasks.update(tasks)
        self.meta_dirty = True
        new = {r[0]: r for r in rows}
        if not old_tasks and (not len(self) or not new or min(new) > self.cols["aid"][-1]):
            # No tasks, so no rows of it yet; ids are handed out in increasing order.
            tail = [new[a] for a in sorted(new)]
            self._append(tail)
            if not self.structural:
                self.delta.update((r[0], r) for r in tail)
            return
        self.structural = True
        drop = []
        for i in self.rows_of_directive(did):
            aid = self.cols["aid"][i]
            r = new.pop(aid, None)
            if r is None:
                drop.append(i)
            else:
                for c, v in zip(COLUMNS, r):
                    self.cols[c][i] = v
        for i in reversed(drop):
            for c in COLUMNS:
                del self.cols[c][i]
        if not new:
            return
        tail = sorted(new)
        if len(self) and tail[0] < self.cols["aid"][-1]:
            # Ids are handed out in increasing order, so this only happens on a
            # rebuild in odd order: re-sort everything.
            self._append(new[a] for a in tail)
            self._sort()
        else:
            self._append(new[a] for a in tail)

    def _append(self, rows: Iterable[tuple[int, ...]]) -> None:
        rows = list(rows)
        for k, c in enumerate(COLUMNS):  # a column at a time: one extend, not a call per value
            self.cols[c].extend([r[k] for r in rows])

    def _sort(self) -> None:
        aids = self.cols["aid"]
        order = sorted(range(len(aids)), key=aids.__getitem__)
        for c in COLUMNS:
            old = self.cols[c]
            self.cols[c] = array(_TYPECODE, (old[i] for i in order))


# -- a load without the whole index ---------------------------------------------------------------------


def index_unit_keys(meta_raw: bytes) -> list[str]:
    """The unit keys of an index meta file, without decoding its task entries (ValueError for the
    older forms, which hold them together: those are read whole)."""
    if meta_raw[: len(META2_MAGIC)] != META2_MAGIC:
        raise ValueError("index meta of an earlier form")
    try:
        return list(marshal.loads(meta_raw[len(META2_MAGIC):])["unit_keys"])
    except (EOFError, KeyError, TypeError) as exc:
        raise ValueError(f"index meta unreadable ({exc})") from None


def tasks_delta_bytes(base_units: int, units: list[str], dirs: dict[int, dict[int, list[Any]]]) -> bytes:
    return TASKS_DELTA_MAGIC + marshal.dumps({"base": base_units, "units": list(units), "dirs": marshal.dumps(dirs)})


def parse_tasks_delta(raw: bytes) -> tuple[int, list[str], bytes]:
    """(unit keys in the meta it goes over, unit keys added, the marshalled task entries by directive)."""
    if raw[: len(TASKS_DELTA_MAGIC)] != TASKS_DELTA_MAGIC:
        raise ValueError("not an index delta")
    try:
        got = marshal.loads(raw[len(TASKS_DELTA_MAGIC):])
        base, units, dirs = int(got["base"]), list(got["units"]), got["dirs"]
    except (EOFError, KeyError, TypeError) as exc:
        raise ValueError(f"index delta of another layout ({exc})") from None
    if not isinstance(dirs, bytes) or not all(isinstance(u, str) for u in units):
        raise ValueError("index delta of another layout")
    return base, units, dirs


class IndexPatch:
    """What a load changes of the index, made without reading it whole (TinyDB folder store).

    The same calls as Index (`unit_code`, `replace_directive`, `directive_tasks`): unit keys are
    added after those of the meta, a directive's task entries replace those the index holds for it
    (indexdelta-<v>.bin), and its assignment rows go into the rows the transaction writes as the
    columns' delta (they have new ids, or ids the columns hold: no row is dropped here).
    """

    def __init__(self, base_units: list[str], added: list[str], dirs: dict[int, dict[int, list[Any]]],
                 rows: "IndexRows | None") -> None:
        self.base_units = len(base_units)
        self.unit_keys = list(base_units) + list(added)
        self._codes = {k: i for i, k in enumerate(self.unit_keys)}
        self.dirs = dirs
        self.rows = rows
        self.changed = False
        self.mine: set[int] = set()  # directives this transaction changed (the rest came with the delta)

    def unit_code(self, key: str) -> int:
        code = self._codes.get(key)
        if code is None:
            code = self._codes[key] = len(self.unit_keys)
            self.unit_keys.append(key)
            self.changed = True
        return code

    def replace_directive(self, did: int, tasks: dict[int, list[Any]], rows: Iterable[tuple[int, ...]]) -> None:
        self.directive_tasks(did, tasks)
        if self.rows is not None:
            for r in rows:
                self.rows.delta[r[0]] = tuple(r)
            self.rows.changed = True

    def directive_tasks(self, did: int, entries: dict[int, list[Any]]) -> None:
        self.dirs.pop(did, None)  # moved to the end, as Index.replace_directive orders them
        self.dirs[did] = entries
        self.mine.add(did)
        self.changed = True

    def size(self) -> int:
        return sum(len(e) for e in self.dirs.values())

    def delta_bytes(self) -> bytes:
        return tasks_delta_bytes(self.base_units, self.unit_keys[self.base_units:], self.dirs)

    def put_into(self, idx: Index) -> None:
        """Carry these changes into the whole index (a transaction that loads it after all)."""
        for key in self.unit_keys[len(idx.unit_keys):]:
            idx.unit_code(key)
        for did in self.mine:
            idx.directive_tasks(did, self.dirs[did])


# -- single rows without the whole index (a status change) -------------------------------------------


def delta_values(raw: bytes) -> array:
    """A delta file's values, row after row (ValueError if it is not a delta of this layout)."""
    if raw[: len(DELTA_MAGIC)] != DELTA_MAGIC:
        raise ValueError("not an index delta")
    (hlen,) = struct.unpack_from("<I", raw, len(DELTA_MAGIC))
    start = len(DELTA_MAGIC) + 4
    header = json.loads(raw[start : start + hlen])
    if tuple(header["cols"]) != COLUMNS or len(raw) != start + hlen + 4 * len(COLUMNS) * int(header["n"]):
        raise ValueError("index delta of another layout")
    flat = array(_TYPECODE)
    flat.frombytes(raw[start + hlen :])
    if header.get("order") != sys.byteorder:
        flat.byteswap()
    return flat


def merged_delta_bytes(earlier: bytes, rows: dict[int, tuple[int, ...]]) -> bytes:
    """A middle-level file (colsmid): the rows of `earlier` (one, or b"") with `rows` over them, sorted
    by id. In numpy (tens of thousands of rows; this runs once per MAX_DELTA_ROWS rows written)."""
    import numpy as np

    width = len(COLUMNS)
    old = np.frombuffer(delta_values(earlier), dtype=np.int32).reshape(-1, width) if earlier else \
        np.zeros((0, width), dtype=np.int32)
    new = np.array(list(rows.values()), dtype=np.int32).reshape(-1, width)
    both = np.concatenate([old[~np.isin(old[:, 0], new[:, 0])], new])
    both = both[np.argsort(both[:, 0], kind="stable")]
    header = json.dumps({"n": len(both), "cols": list(COLUMNS), "order": sys.byteorder}).encode()
    return b"".join([DELTA_MAGIC, struct.pack("<I", len(header)), header, np.ascontiguousarray(both).tobytes()])


def delta_rows(raw: bytes) -> int:
    """How many rows a delta file holds (its header only)."""
    (hlen,) = struct.unpack_from("<I", raw, len(DELTA_MAGIC))
    start = len(DELTA_MAGIC) + 4
    return int(json.loads(raw[start : start + hlen])["n"])


def parse_delta(raw: bytes) -> dict[int, tuple[int, ...]]:
    """The rows of a delta file by assignment id (ValueError if it is not one of this layout)."""
    return rows_of(delta_values(raw))


def rows_of(flat: array) -> dict[int, tuple[int, ...]]:
    """Rows by assignment id of a delta's values (row after row)."""
    width = len(COLUMNS)
    return {flat[k]: tuple(flat[k : k + width]) for k in range(0, len(flat), width)}


class ColumnFile:
    """Single rows of a columns file (cols-<v>.bin) read in place: the aid column, then one value per column.

    What a status change needs of the index is one row: reading 12 values
    instead of the whole file (21 MB at 450,000 assignments) keeps it fast.
    The file is not checked against its checksum here: the caller checks the
    row against the directive's own file (an assignment id is in one
    directive file only), and whoever loads the whole index checks it.
    """

    def __init__(self, path: Any, size: int) -> None:
        self.path = path
        with open(path, "rb") as f:
            if os.fstat(f.fileno()).st_size != size:
                raise ValueError("index size does not match")
            head = f.read(len(MAGIC) + 4)
            if head[: len(MAGIC)] != MAGIC or len(head) < len(MAGIC) + 4:
                raise ValueError("not an index")
            (hlen,) = struct.unpack_from("<I", head, len(MAGIC))
            header = json.loads(f.read(hlen))
            if tuple(header["cols"]) != COLUMNS:
                raise ValueError("index of another layout")
            self.n = int(header["n"])
            self.start = len(MAGIC) + 4 + hlen
            if size != self.start + 4 * self.n * len(COLUMNS):
                raise ValueError("index size does not match")
            self.order = header.get("order") or sys.byteorder
        self._read: dict[int, tuple[int, ...] | None] = {}  # rows read (the file never changes)

    def row_of(self, aid: int) -> tuple[int, ...] | None:
        """The stored row of an assignment (as the file has it), or None."""
        if aid in self._read:
            return self._read[aid]
        with open(self.path, "rb", buffering=0) as f:
            i = find_sorted(f, self.start, self.n, aid, self.order)
            got = None if i is None else tuple(
                read_int(f, self.start + 4 * (self.n * k + i), self.order) for k in range(len(COLUMNS)))
        self._read[aid] = got
        return got


def read_int(f: Any, pos: int, order: str) -> int:
    """One int32 of a file opened unbuffered (ValueError past its end)."""
    f.seek(pos)
    raw = f.read(4)
    if len(raw) != 4:
        raise ValueError("index size does not match")
    return int.from_bytes(raw, order, signed=True)  # type: ignore[arg-type]


def find_sorted(f: Any, start: int, n: int, value: int, order: str) -> int | None:
    """The position of `value` in a sorted int32 column of a file opened unbuffered (`n` values at
    `start`), or None.

    A binary search with one 4-byte read a step (19 at 450,000 assignments): a status change
    looks up one id, and reading the whole column (1.8 MB) was a fifth of its time."""
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi) // 2
        if read_int(f, start + 4 * mid, order) < value:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < n and read_int(f, start + 4 * lo, order) == value else None


class IndexRows:
    """The index rows a transaction changes, over the whole index when it is loaded, else row by row.

    `directive_of(aid)` finds an assignment's directive; `update(aid, **values)`
    changes its row. Row by row (no whole index loaded), the changes go into
    the delta the version writes beside the columns, with the earlier delta's rows.
    """

    def __init__(self, index: Index | None, columns: ColumnFile | None = None,
                 delta: dict[int, tuple[int, ...]] | None = None) -> None:
        self.index = index
        self.columns = columns
        self.delta = dict(delta or {})
        self.changed = False

    def current(self, aid: int) -> tuple[int, ...] | None:
        if self.index is not None:
            i = self.index.row(aid)
            return None if i is None else tuple(self.index.cols[c][i] for c in COLUMNS)
        got = self.delta.get(aid)
        if got is None and self.columns is not None:
            got = self.columns.row_of(aid)
        return got

    def directive_of(self, aid: int) -> int | None:
        row = self.current(aid)
        return None if row is None else row[1]

    def update(self, aid: int, **values: int) -> None:
        self.changed = True
        if self.index is not None:
            i = self.index.row(aid)
            assert i is not None
            self.index.set(i, **values)
            return
        row = list(self.current(aid) or ())
        for col, v in values.items():
            row[COLUMNS.index(col)] = v
        self.delta[aid] = tuple(row)

    def needs_full_write(self, *, slack: bool = False) -> bool:
        """Too many rows changed since the columns were written whole: write them whole again.

        `slack`: a status change that found the log full (a rollover) leaves the 30 MB of the
        whole columns to the next other commit, up to twice as many rows."""
        return len(self.delta) > MAX_DELTA_ROWS * (2 if slack else 1)

    def delta_bytes(self) -> bytes:
        carrier = Index(b'{"tasks":{},"unit_keys":[]}')
        carrier.delta = self.delta
        return carrier.delta_bytes()
