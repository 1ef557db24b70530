"""The read side of the store: what the CLI, the TUI and the reports ask, and the judging behind it.

Every query takes `as_of` (the day to judge on); nothing here reads the
clock. Assignments are judged from the index columns; only an assignment
with an entry dated after `as_of` has its history replayed from its
directive's file, so "as of" a past day is exact, not an approximation.
A store object keeps what it replayed (and task texts) per directive file
and day: the next query as of that day reads no file that has not changed.

The reads are split by job, each a mixin of `Queries`: lookups of single
things (lookups.py), which rows a filter selects (filters.py), lists of
judged assignments (lists.py), counts (counts.py). This module judges
(`_judge`, `_replayed`): every list and count goes through it.
"""
from __future__ import annotations

from datetime import date
from typing import Any, Iterable, Iterator

from tracker.store.counts import Counts
from tracker.store.filters import RowSelection
from tracker.store.index import T_DEADLINE, T_DIRECTIVE
from tracker.store.lists import Lists
from tracker.store.lookups import Lookups
from tracker.store.memo import REPLAY_MEMO, memo, remember_texts
from tracker.store.records import Replayed
from tracker.track import status as st
from tracker.track.assess import classify_ordinal, replay
from tracker.track.dates import document_day
from tracker.track.judge import FIXED as _FIXED, due_of_mode, task_mode
from tracker.track.recurrence import Schedule

_STATUS_KEYS = st.STATUSES



class Queries(Lookups, RowSelection, Lists, Counts):
    """Read methods of `tracker.store.Store` (mixed into it)."""

    # -- judging assignments ------------------------------------------------------------

    def _judge(self, as_of: date, rows: Iterable[int]) -> Iterator[tuple[int, int, str, int, tuple[int, int, int, int] | None]]:
        """For each row: (row, due ordinal, category, days late, replayed state or None).

        Rows of directives issued after `as_of` are skipped (they did not
        exist yet). State replayed: (status code, done, event, report) ordinals.
        """
        idx = self.index()
        C = idx.cols
        DID, TID, ST, DONE, EV, REP, CH = C["did"], C["tid"], C["status"], C["done_on"], C["event_on"], C["report_on"], C["changed_on"]
        tasks = idx.tasks
        directives = self._directive_docs()
        issued: dict[int, int] = {}
        for did, d in directives.items():
            day = document_day(d.get("date"))
            issued[did] = day.toordinal() if day else 0
        a = as_of.toordinal()
        info: dict[int, tuple[int, Any]] = {}
        spans: dict[tuple[Any, ...], int] = {}
        schedules: dict[tuple[Any, ...], Schedule] = {}
        later: list[int] = []

        def due_of(tid: int, ev: int, rep: int) -> int:
            return due_of_mode(info.get(tid) or _mode(tid), ev, rep, spans)

        def _mode(tid: int) -> tuple[int, Any]:
            found = info[tid] = _task_mode(tasks.get(tid), issued, schedules)
            return found

        issued_get, info_get = issued.get, info.get
        for i in rows:
            if issued_get(DID[i], 0) > a:
                continue
            if CH[i] > a:
                later.append(i)
                continue
            tid = TID[i]
            mode_spec = info_get(tid)
            if mode_spec is not None and mode_spec[0] == _FIXED:
                due = mode_spec[1]
            else:
                due = due_of(tid, EV[i], REP[i])
            cat, days = classify_ordinal(due, ST[i], DONE[i], a)
            yield i, due, cat, days, None

        # Entries dated after the day: replay each one's history up to it.
        by_directive: dict[int, list[int]] = {}
        for i in later:
            by_directive.setdefault(DID[i], []).append(i)
        AID = C["aid"]
        for did, rs in by_directive.items():
            replayed = self._replayed(did, [AID[i] for i in rs], as_of)
            for i in rs:
                state = replayed[AID[i]]
                due = due_of(TID[i], state[2], state[3])
                cat, days = classify_ordinal(due, state[0], state[1], a)
                yield i, due, cat, days, state

    def _replayed(self, did: int, aids: list[int], as_of: date) -> dict[int, Replayed]:
        """States of assignments of one directive replayed up to a day: aid → Replayed (status code, done, event, report).

        Replaying needs the directive's events, that is reading its whole file:
        most of the cost of a query as of a past day. What is replayed is kept
        per file and day (a changed directive gets a new file name), so the
        next query as of the same day (a screen asks several) reads nothing.
        Every assignment with an entry after the day is replayed at once, so
        the kept states serve any filter.
        """
        m = self.manifest  # one version throughout: the file read is the file named
        ref = m.files.get(f"d/{did}")
        # The file, and the last change the folder store's log holds for it (tracker/store/journal.py).
        pending = getattr(self, "pending", None)
        stamp = pending().stamp(did) if pending is not None else 0
        key = (ref.name, ref.crc, stamp, as_of.toordinal()) if ref is not None else None
        kept = memo(self, "_replay_memo", REPLAY_MEMO)
        got = kept.get(key) if key is not None else None
        missing = [aid for aid in aids if got is None or aid not in got]
        if not missing:
            return got  # type: ignore[return-value]
        data = self._read(f"d/{did}", m) or {}
        remember_texts(self, ref, data)
        # One pass over the file's events: each assignment's (seq, event), and those with one after the day.
        events: dict[int, list[tuple[int, dict[str, Any]]]] = {}
        after: set[int] = set()
        day = as_of.isoformat()
        for k, e in (data.get("events") or {}).items():
            aid = e.get("assignment")
            found = events.get(aid)
            if found is None:
                found = events[aid] = []
            found.append((int(k), e))
            on = e.get("on")
            if on and on > day:
                after.add(aid)
        want = set(missing)
        if got is None:
            got = {}
            want |= after
        else:
            got = dict(got)  # another thread may be reading the kept one
        for aid in want:
            s = replay([e for _, e in sorted(events.get(aid, ()), key=_first)], as_of)  # in the order recorded
            got[aid] = Replayed(
                st.CODE.get(s.status, 0),
                s.done_on.toordinal() if s.done_on else 0,
                s.event_on.toordinal() if s.event_on else 0,
                s.last_report.toordinal() if s.last_report else 0,
            )
        if key is not None:
            kept.put(key, got)
        return got


def _first(pair: tuple[int, Any]) -> int:
    return pair[0]


def _task_mode(entry: list[Any] | None, issued: dict[int, int], schedules: dict[tuple[Any, ...], Schedule]) -> tuple[int, Any]:
    """How a task's due date is found (tracker.track.judge.task_mode) for a task entry of the index."""
    if entry is None:
        return _FIXED, 0
    return task_mode(entry[T_DEADLINE], issued.get(entry[T_DIRECTIVE], 0), schedules)
