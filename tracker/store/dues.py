"""The due column of the folder store: each assignment's directive date and due day, kept with every write.

Judging "overdue as of a day" needs each assignment's due day, which takes
its task's deadline, its directive's date and its own event and report days
(tracker.track.judge): about a second for 450,000 assignments. So each
version keeps that day, worked out by the same functions when the
assignment is written (a load, a status change, an event date):

- `dues-<v>.bin`: per assignment (by id) its directive's date, its due day,
  and the event and report days the due day was worked out from;
- `duesdelta-<v>.bin`: the rows written since (like colsdelta), merged into
  the middle level past MAX_DELTA_ROWS rows;
- `duesmid-<v>.bin` (schema 5, like colsmid): the deltas merged, in the whole
  file's form; past MAX_MID_ROWS rows a new whole file is written.

Nothing depends on the day asked: the categories that do (overdue, days
late) are computed from the due days at query time. A row is used only
when its event and report days match the index columns; any other row
(or every row, when the files are missing or damaged) is judged the long
way, so a lost or stale due file slows a query, never changes its answer.
"""
from __future__ import annotations

import json
import struct
import sys
from array import array
from bisect import bisect_left
from itertools import chain
from typing import Any

from tracker.store.index import MAX_DELTA_ROWS, MAX_MID_ROWS, T_DEADLINE, T_DIRECTIVE, Index, find_sorted, ordinal, read_int
from tracker.track.dates import document_day
from tracker.track.judge import due_of_mode, task_mode
from tracker.track.recurrence import Schedule

MAGIC = b"TRKDUES1"
FIELDS = ("aid", "issued", "due", "event_on", "report_on")
Due = tuple[int, int, int, int]  # issued, due, event_on, report_on (ordinals, 0 = none)


def issued_of(directive: dict[str, Any] | None) -> int:
    """A directive record's date as an ordinal (0: unknown), as the queries take it."""
    day = document_day((directive or {}).get("date"))
    return day.toordinal() if day else 0


def due_row(deadline: dict[str, Any] | None, issued: int, a: dict[str, Any]) -> Due:
    """The due-column row of a stored assignment record (through tracker.track.judge)."""
    ev, rep = ordinal(a.get("event_on")), ordinal(a.get("last_report"))
    return issued, due_of_mode(task_mode(deadline, issued), ev, rep), ev, rep


def whole(idx: Index, directives: dict[int, dict[str, Any]]) -> dict[int, Due]:
    """The due column of every row of an index (a store written before the due column, or rebuilt)."""
    C = idx.cols
    issued = {did: issued_of(d) for did, d in directives.items()}
    modes: dict[int, tuple[int, Any]] = {}
    schedules: dict[tuple[Any, ...], Schedule] = {}
    spans: dict[tuple[Any, ...], int] = {}
    tasks = idx.tasks
    out: dict[int, Due] = {}
    for aid, did, tid, ev, rep in zip(C["aid"], C["did"], C["tid"], C["event_on"], C["report_on"]):
        mode = modes.get(tid)
        if mode is None:
            e = tasks.get(tid)
            mode = modes[tid] = task_mode(e[T_DEADLINE], issued.get(e[T_DIRECTIVE], 0), schedules) if e else (0, 0)
        out[aid] = (issued.get(did, 0), due_of_mode(mode, ev, rep, spans), ev, rep)
    return out


def to_bytes(rows: dict[int, Due]) -> bytes:
    aids = sorted(rows)
    flat = array("i", chain.from_iterable(map(rows.__getitem__, aids)))  # row after row, in C
    cols = [array("i", aids)] + [flat[k::4] for k in range(4)]
    header = json.dumps({"n": len(aids), "cols": list(FIELDS), "order": sys.byteorder}).encode()
    return b"".join([MAGIC, struct.pack("<I", len(header)), header] + [c.tobytes() for c in cols])


def parse(raw: bytes) -> list[array]:
    """The columns of a due file (aid, issued, due, event_on, report_on), ValueError if it is not one."""
    if raw[: len(MAGIC)] != MAGIC:
        raise ValueError("not a due column")
    (hlen,) = struct.unpack_from("<I", raw, len(MAGIC))
    start = len(MAGIC) + 4
    header = json.loads(raw[start : start + hlen])
    n = int(header["n"])
    if tuple(header["cols"]) != FIELDS or len(raw) != start + hlen + 4 * n * len(FIELDS):
        raise ValueError("due column of another layout")
    out = []
    pos = start + hlen
    view = memoryview(raw)  # slices without a copy
    for _ in FIELDS:
        a = array("i")
        a.frombytes(view[pos : pos + 4 * n])
        if header.get("order") != sys.byteorder:
            a.byteswap()
        out.append(a)
        pos += 4 * n
    return out


def as_dict(cols: list[array]) -> dict[int, Due]:
    return {aid: (i, d, e, r) for aid, i, d, e, r in zip(*cols)}


def row_in_file(path: Any, size: int, aid: int) -> Due | None:
    """One assignment's row of a whole due file, read in place (a status change needs one row, not 9 MB).

    Not checked against its checksum here: the row is only a starting point for
    the row the change writes, which queries check against the index columns.
    """
    with open(path, "rb", buffering=0) as f:
        head = f.read(len(MAGIC) + 4)
        if head[: len(MAGIC)] != MAGIC or len(head) < len(MAGIC) + 4:
            raise ValueError("not a due column")
        (hlen,) = struct.unpack_from("<I", head, len(MAGIC))
        header = json.loads(f.read(hlen))
        n = int(header["n"])
        start = len(MAGIC) + 4 + hlen
        if tuple(header["cols"]) != FIELDS or size != start + 4 * n * len(FIELDS):
            raise ValueError("due column of another layout")
        order = header.get("order") or sys.byteorder
        i = find_sorted(f, start, n, aid, order)
        if i is None:
            return None
        got = [read_int(f, start + 4 * (n * k + i), order) for k in range(1, len(FIELDS))]
        return got[0], got[1], got[2], got[3]


def row_in(cols: list[array] | None, aid: int) -> Due | None:
    """One assignment's row of parsed due columns (sorted by id), None when they lack it."""
    if cols is None:
        return None
    aids = cols[0]
    i = bisect_left(aids, aid)
    if i < len(aids) and aids[i] == aid:
        return cols[1][i], cols[2][i], cols[3][i], cols[4][i]
    return None


def mid_bytes(mid: list[array] | None, delta: dict[int, Due]) -> bytes | None:
    """The middle level (duesmid) with a delta merged into it; None past MAX_MID_ROWS rows (then the
    whole file is written again)."""
    rows = as_dict(mid) if mid is not None else {}
    rows.update(delta)
    return to_bytes(rows) if len(rows) <= MAX_MID_ROWS else None


class DueColumns:
    """A version's due column: the whole file's columns, the middle level's (`mid`), the rows of its delta (aid → Due)."""

    def __init__(self, base: list[array] | None, delta: dict[int, Due], mid: list[array] | None = None) -> None:
        self.base = base
        self.delta = delta
        self.mid = mid

    def get(self, aid: int) -> Due | None:
        got = self.delta.get(aid)
        if got is None:
            got = row_in(self.mid, aid)
        if got is None:
            got = row_in(self.base, aid)
        return got

    def merged_bytes(self, changed: dict[int, Due], keep: Any = None) -> bytes:
        """The whole file of this column with the delta and `changed` rows put in; only the
        assignments in `keep` (their ids, an array) when given. In numpy: 450,000 rows at a re-load."""
        import numpy as np

        upd = as_dict(self.mid) if self.mid is not None else {}
        upd.update(self.delta)
        upd.update(changed)
        u_aid = np.fromiter(sorted(upd), dtype=np.int32, count=len(upd))
        u = [u_aid] + [np.fromiter((upd[a][k] for a in u_aid.tolist()), dtype=np.int32, count=len(upd)) for k in range(4)]
        if self.base is not None:
            b = [np.frombuffer(c, dtype=np.int32) for c in self.base]
            stay = ~np.isin(b[0], u_aid)
            cols = [np.concatenate([bc[stay], uc]) for bc, uc in zip(b, u)]
            order = np.argsort(cols[0], kind="stable")
            cols = [c[order] for c in cols]
        else:
            cols = u
        if keep is not None:
            inside = np.isin(cols[0], np.asarray(keep, dtype=np.int32))
            cols = [c[inside] for c in cols]
        header = json.dumps({"n": len(cols[0]), "cols": list(FIELDS), "order": sys.byteorder}).encode()
        return b"".join([MAGIC, struct.pack("<I", len(header)), header] + [c.astype(np.int32).tobytes() for c in cols])

    def aligned(self, idx: Index) -> tuple[Any, Any, Any]:
        """(issued, due, known) as numpy arrays in the index's row order; `known` is False where the
        due column has no row for the assignment or one worked out from other event/report days."""
        import numpy as np

        C = idx.cols
        aid = np.frombuffer(C["aid"], dtype=np.int32)
        event_on = np.frombuffer(C["event_on"], dtype=np.int32)
        report_on = np.frombuffer(C["report_on"], dtype=np.int32)
        n = len(aid)
        # int32 like the columns: half the memory a fresh process has to fault in than int64.
        issued = np.zeros(n, dtype=np.int32)
        due = np.zeros(n, dtype=np.int32)
        known = np.zeros(n, dtype=bool)
        if self.base is not None and len(self.base[0]):
            b = [np.frombuffer(c, dtype=np.int32) for c in self.base]
            m = len(b[0])
            if m <= n and np.array_equal(b[0], aid[:m]):
                # Written with the columns, row for row; the index's rows after them are assignments
                # loaded since (new ids, at the end), whose due rows are in the delta.
                issued[:m], due[:m] = b[1], b[2]
                known[:m] = (b[3] == event_on[:m]) & (b[4] == report_on[:m])
            else:
                pos = np.minimum(np.searchsorted(b[0], aid), m - 1)
                hit = b[0][pos] == aid
                at = pos[hit]
                issued[hit], due[hit] = b[1][at], b[2][at]
                known[hit] = (b[3][at] == event_on[hit]) & (b[4][at] == report_on[hit])
        if self.mid is not None and len(self.mid[0]) and n:
            b = [np.frombuffer(c, dtype=np.int32) for c in self.mid]
            pos = np.minimum(np.searchsorted(aid, b[0]), n - 1)
            hit = aid[pos] == b[0]
            rows = pos[hit]
            issued[rows], due[rows] = b[1][hit], b[2][hit]
            known[rows] = (b[3][hit] == event_on[rows]) & (b[4][hit] == report_on[rows])
        if self.delta and n:
            d_aid = np.fromiter(self.delta, dtype=np.int64, count=len(self.delta))
            d_val = np.array(list(self.delta.values()), dtype=np.int64).reshape(-1, 4)
            pos = np.minimum(np.searchsorted(aid, d_aid), n - 1)
            hit = aid[pos] == d_aid
            rows, d_val = pos[hit], d_val[hit]
            issued[rows], due[rows] = d_val[:, 0], d_val[:, 1]
            known[rows] = (d_val[:, 2] == event_on[rows]) & (d_val[:, 3] == report_on[rows])
        return issued, due, known


def too_many(delta: dict[int, Due], *, slack: bool = False) -> bool:
    """As Index.needs_full_write (`slack`: a rollover leaves the whole file to the next other commit)."""
    return len(delta) > MAX_DELTA_ROWS * (2 if slack else 1)
