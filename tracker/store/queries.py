"""The read side of the store: what the CLI, the TUI and the reports ask.

Every query takes `as_of` (the day to judge on); nothing here reads the
clock. Assignments are judged from the index columns; only an assignment
with an entry dated after `as_of` has its history replayed from its
directive's file, so "as of" a past day is exact, not an approximation.
A store object keeps what it replayed (and task texts) per directive file
and day: the next query as of that day reads no file that has not changed.
"""
from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Iterable, Iterator, NamedTuple

from tracker.errors import InputError
from tracker.store.core import reader
from tracker.store.index import (
    FLAG_HAND_SET,
    FLAG_REMOVED,
    FLAG_SUPPORT,
    FLAG_UNRESOLVED,
    T_DEADLINE,
    T_DIRECTIVE,
    T_INDICATORS,
    T_ORDER,
    T_PATH,
    T_REMOVED,
    task_parents,
)
from tracker.store.records import (
    AssignmentRow,
    DirectiveRow,
    Event,
    IndicatorCounts,
    TaskCounts,
    TaskRecord,
    UnitCounts,
    UnitRecord,
)
from tracker.text import fold
from tracker.track import status as st
from tracker.track.bodies import Bodies
from tracker.track.assess import AGEING, CANCELLED, LATE, NOT_DUE, ON_TIME, OVERDUE, classify_ordinal, replay
from tracker.track.dates import document_day, format_document_day
from tracker.track.judge import FIXED as _FIXED, due_of_mode, task_mode
from tracker.track.recurrence import Schedule

_STATUS_KEYS = st.STATUSES


class AssignmentState(NamedTuple):
    """An assignment judged as of a day, without texts: for work over the whole store (roll-ups, charts)."""

    id: int
    directive_id: int
    task_id: int
    unit_key: str
    role: str  # lead | support
    status: str
    category: str
    due: date | None
    days_late: int
    child_directive_id: int | None
    # The chain: a status set by hand (with a note) on an answered assignment, in effect on the day;
    # and the day it was done (None unless on_time/late).
    hand_set: bool = False
    done_on: date | None = None


class StateColumns(NamedTuple):
    """Assignments judged as of a day, one list per field (row k of each is one assignment).

    Dates are ordinals (0 = none); `unit` is a position in `unit_keys`;
    `status` a position in tracker.track.STATUSES; `child` 0 = none.
    """

    aid: list[int]
    did: list[int]
    tid: list[int]
    unit: list[int]
    support: list[bool]
    status: list[int]
    category: list[str]
    due: list[int]
    days_late: list[int]
    child: list[int]
    hand_set: list[bool]
    done_on: list[int]
    unit_keys: list[str]


@dataclass
class AssignmentFilter:
    """Which assignments a query wants; every field is optional (None/False = no filter)."""

    unit: str | None = None  # unit id, or text found in the unit's name (diacritics folded)
    directive: str | int | None = None  # directive id or number ("2333/UBND-VP"), see find_directive
    status: str | Iterable[str] | None = None  # status keys
    indicator: int | None = None  # Decision 766 indicator number
    overdue: bool = False  # only those overdue as of the day
    due_within: int | None = None  # only open ones due within this many days from the day
    level: str | None = None  # the unit's level (province, district, commune)
    category: str | Iterable[str] | None = None  # on_time | late | not_due | overdue | cancelled
    role: str | None = None  # lead | support
    done_since: date | None = None  # only those done (on time or late) on or after this day
    include_removed: bool = False  # also those whose task or unit left the directive on a re-load
    area: str | None = None  # a unit id: that unit and every unit under it (see in_area)

    def day_independent(self) -> bool:
        """True when no field needs a day to be judged (then `directive_ids` can answer without one)."""
        return not (self.category or self.overdue or self.due_within is not None or self.done_since)


def in_area(key: str | None, area: str) -> bool:
    """True when the unit id `key` is `area` or hangs from it.

    Unit ids spell their ancestry (tracker.units): "2022:p30.d298" holds
    "2022:p30.d298.c11098" (a commune), "2022:p30.d298/phong-tu-phap" (an
    agency) and "2022:p30.d298#commune" (a group of its communes left
    unexpanded), but not "2022:p30.d2981". Unresolved units ("?name") sit
    under nothing but themselves.
    """
    if not key:
        return False
    return key == area or (key.startswith(area) and key[len(area) : len(area) + 1] in (".", "/", "#"))


def directive_label(d: dict[str, Any]) -> str:
    """A directive's number, or a stand-in that says it has none."""
    if d.get("number"):
        return str(d["number"])
    parts = [p for p in (d.get("issuer"), format_document_day(d.get("date"))) if p]
    return "(không số) " + " ".join(parts) if parts else "(không số)"


class Queries:
    """Read methods of `tracker.store.Store` (mixed into it)."""

    # -- small tables of the snapshot --------------------------------------------

    def _directive_docs(self) -> dict[int, dict[str, Any]]:
        data = self._read("directives") or {}
        return {int(k): v for k, v in (data.get("directives") or {}).items()}

    def _unit_docs(self) -> dict[str, dict[str, Any]]:
        data = self._read("units") or {}
        return {v["key"]: v for v in (data.get("units") or {}).values()}

    def _directive_data(self, did: int) -> dict[str, Any]:
        return self._read(f"d/{did}") or {}

    def _bodies(self) -> Bodies:
        """How each stored unit is shown: one unit per real body when both structures are stored."""
        keys = self.index().unit_keys
        memo = _memo(self, "_bodies_memo", 4)
        key = (self.manifest.version, len(keys))
        got = memo.get(key)
        if got is None:
            got = Bodies(keys, self._unit_docs())
            memo.put(key, got)
        return got

    @reader
    def units(self) -> list[UnitRecord]:
        """Every unit an assignment names, sorted by level and name."""
        order = {"central": 0, "province": 1, "district": 2, "commune": 3}
        out = [_unit_record(u) for u in self._unit_docs().values()]
        bodies = self._bodies()
        if bodies.mixed:
            for u in out:
                shown = bodies(u.key)
                u.current = shown.key if shown.key != u.key else None
        return sorted(out, key=lambda u: (order.get(u.level or "", 9), fold(u.name)))

    @reader
    def find_directive(self, ref: str | int) -> int:
        """The id of the directive `ref` names: its id, its number (any case and
        diacritics, spaces ignored) or a unique part of its number. Raises InputError."""
        docs = self._directive_docs()
        text = str(ref).strip()
        if text.isdigit() and int(text) in docs:
            return int(text)
        want = fold(text).replace(" ", "")
        exact = [did for did, d in docs.items() if d.get("number") and fold(d["number"]).replace(" ", "") == want]
        if len(exact) == 1:
            return exact[0]
        part = exact or [
            did for did, d in docs.items()
            if want and (want in fold(d.get("number") or "").replace(" ", "") or want in fold(directive_label(d)).replace(" ", ""))
        ]
        if len(part) == 1:
            return part[0]
        if not part:
            raise InputError(f"không có văn bản đã nạp nào khớp '{ref}' (`tracker tasks --json` liệt kê các văn bản kèm mã)")
        names = ", ".join(f"{did}: {directive_label(docs[did])}" for did in sorted(part)[:8])
        raise InputError(f"'{ref}' khớp nhiều văn bản ({names}): hãy cho mã của văn bản cần chọn")

    @reader
    def directive(self, did: int) -> dict[str, Any]:
        """The stored record of one directive (header, source, chain links)."""
        doc = self._directive_docs().get(int(did))
        if doc is None:
            raise InputError(f"không có văn bản nào mang mã {did}; hãy kiểm tra lại mã")
        return dict(doc, id=int(did))

    @reader
    def tasks(self, did: int, *, include_removed: bool = False) -> list[TaskRecord]:
        """The tasks of one directive, in document order."""
        data = self._directive_data(int(did))
        out = [_task_record(int(k), t) for k, t in (data.get("tasks") or {}).items()]
        if not include_removed:
            out = [t for t in out if not t.removed]
        return sorted(out, key=lambda t: (t.order, t.id))

    @reader
    def task_texts(self, did: int) -> dict[int, str]:
        """Task id → text of one directive's tasks (removed ones too): what a list asked `with_text=False`
        shows on screen. Kept per directive file, so free after any query that read the file."""
        return dict(self._task_texts(int(did)))

    @reader
    def task(self, tid: int) -> TaskRecord:
        entry = self.index().tasks.get(int(tid))
        if entry is None:
            raise InputError(f"không có nhiệm vụ nào mang mã {tid}; hãy kiểm tra lại mã")
        t = (self._directive_data(entry[T_DIRECTIVE]).get("tasks") or {}).get(str(tid))
        return _task_record(int(tid), t)

    # -- history -----------------------------------------------------------------------

    @reader
    def history(self, aid: int) -> list[Event]:
        """Every event of one assignment, oldest first. Raises InputError for an unknown id."""
        idx = self.index()
        i = idx.row(int(aid))
        if i is None:
            raise InputError(f"không có phân công nào mang mã {aid} (`tracker tasks` liệt kê các phân công)")
        data = self._directive_data(idx.cols["did"][i])
        evs = [_event(int(k), e) for k, e in (data.get("events") or {}).items() if e.get("assignment") == int(aid)]
        return sorted(evs, key=lambda e: e.id)

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

    def _replayed(self, did: int, aids: list[int], as_of: date) -> dict[int, tuple[int, int, int, int]]:
        """States of assignments of one directive replayed up to a day: aid → (status code, done, event, report).

        Replaying needs the directive's events, that is reading its whole file:
        most of the cost of a query as of a past day. What is replayed is kept
        per file and day (a changed directive gets a new file name), so the
        next query as of the same day (a screen asks several) reads nothing.
        Every assignment with an entry after the day is replayed at once, so
        the kept states serve any filter.
        """
        m = self.manifest  # one version throughout: the file read is the file named
        ref = m.files.get(f"d/{did}")
        key = (ref.name, ref.crc, as_of.toordinal()) if ref is not None else None
        memo = _memo(self, "_replay_memo", _REPLAY_MEMO)
        got = memo.get(key) if key is not None else None
        missing = [aid for aid in aids if got is None or aid not in got]
        if not missing:
            return got  # type: ignore[return-value]
        data = self._read(f"d/{did}", m) or {}
        _remember_texts(self, ref, data)
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
            got[aid] = (
                st.CODE.get(s.status, 0),
                s.done_on.toordinal() if s.done_on else 0,
                s.event_on.toordinal() if s.event_on else 0,
                s.last_report.toordinal() if s.last_report else 0,
            )
        if key is not None:
            memo.put(key, got)
        return got

    def _task_texts(self, did: int) -> dict[int, str]:
        """Task id → text of one directive (kept per file: texts are small, parsing the file is not)."""
        m = self.manifest
        ref = m.files.get(f"d/{did}")
        got = _memo(self, "_text_memo", _TEXT_MEMO).get((ref.name, ref.crc)) if ref is not None else None
        if got is None:
            got = _remember_texts(self, ref, self._read(f"d/{did}", m) or {})
        return got

    def _rows(self, flt: AssignmentFilter) -> list[int]:
        """Row positions that pass the filters that do not depend on the day, in id order.

        The most selective filters go first and each next one looks only at
        the rows left, so a directive or an area costs one pass over the
        columns, not one per filter.
        """
        idx = self.index()
        C = idx.cols
        rows: list[int] | None = None  # None: every row still in

        def narrow(col: str, keep: Any) -> None:
            nonlocal rows
            values = C[col]
            if rows is None:
                rows = [i for i, v in enumerate(values) if keep(v)]
            else:
                rows = [i for i in rows if keep(values[i])]

        if flt.directive is not None:
            did = self.find_directive(flt.directive)
            narrow("did", did.__eq__)
        if flt.unit or flt.level or flt.area:
            narrow("unit", self._unit_codes(flt.unit, flt.level, flt.area).__contains__)
        if flt.indicator is not None:
            want = int(flt.indicator)
            narrow("tid", {tid for tid, e in idx.tasks.items() if want in (e[T_INDICATORS] or [])}.__contains__)
        if flt.status:
            narrow("status", {st.CODE[s] for s in ([flt.status] if isinstance(flt.status, str) else flt.status)}.__contains__)
        if not flt.include_removed:
            narrow("flags", lambda f: not f & FLAG_REMOVED)
        if flt.role:
            want_support = flt.role == "support"
            narrow("flags", lambda f: bool(f & FLAG_SUPPORT) == want_support)
        return list(range(len(idx))) if rows is None else rows

    def _unit_codes(self, text: str | None, level: str | None, area: str | None = None) -> set[int]:
        idx = self.index()
        units = self._unit_docs()
        bodies = self._bodies()
        want = fold(text) if text else None
        out = set()
        for code, key in enumerate(idx.unit_keys):
            shown = bodies(key)  # a pre-2025 unit shown as its successor: in the successor's area, by either name
            if area is not None and not (in_area(key, area) or in_area(shown.key, area)):
                continue
            u = units.get(key) or {"key": key, "name": key.lstrip("?")}
            if level and (u.get("level") or "") != level and (shown.level or "") != level:
                continue
            if want and not (
                want in fold(u.get("name") or "") or want == fold(key) or want == fold(u.get("id") or "")
                or (shown.key != key and (want in fold(shown.name) or want == fold(shown.key)))
            ):
                continue
            out.add(code)
        return out

    def _picked(self, as_of: date, flt: AssignmentFilter, rows: list[int] | None = None) -> list[tuple[int, int, str, int, Any]]:
        """`_judge` over the rows `flt` selects (or `rows`, already selected), with the filters that depend on the day applied."""
        cats = None
        if flt.category:
            cats = {flt.category} if isinstance(flt.category, str) else set(flt.category)
        a = as_of.toordinal()
        horizon = a + flt.due_within if flt.due_within is not None else None
        urgent = flt.overdue or horizon is not None
        since = flt.done_since.toordinal() if flt.done_since else None
        DONE = self.index().cols["done_on"]
        picked = []
        with _gc_paused():
            for i, due, cat, days, state in self._judge(as_of, self._rows(flt) if rows is None else rows):
                if cats is not None and cat not in cats:
                    continue
                # --overdue and --due-within together: what needs attention, late or soon due.
                if urgent and not (
                    (flt.overdue and cat == OVERDUE)
                    or (horizon is not None and cat == NOT_DUE and due and due <= horizon)
                ):
                    continue
                if since is not None and not (cat in (ON_TIME, LATE) and (DONE[i] if state is None else state[1]) >= since):
                    continue
                picked.append((i, due, cat, days, state))
        return picked

    @reader
    def assignments(
        self,
        as_of: date,
        flt: AssignmentFilter | None = None,
        *,
        with_text: bool = True,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[AssignmentRow]:
        """Assignments that pass `flt`, judged as of `as_of`, in directive and task order.

        `with_text=False` leaves `task` empty (no directive file is read: fast
        for large lists); `limit`/`offset` page through the sorted result.
        """
        flt = flt or AssignmentFilter()
        picked = self._sorted(self._picked(as_of, flt))
        if offset or limit is not None:
            picked = picked[offset : None if limit is None else offset + limit]
        texts: dict[int, str] = {}
        if with_text:
            D = self.index().cols["did"]
            for did in sorted({D[p[0]] for p in picked}):
                texts.update(self._task_texts(did))
        with _gc_paused():
            return self._make_rows(picked, texts)

    def _sorted(self, picked: list[tuple[int, int, str, int, Any]]) -> list[tuple[int, int, str, int, Any]]:
        """Judged rows in directive and task order, lead before support, then by unit name.

        Each row's place is one small int (task rank, role, unit rank): a list
        of ints sorts several times faster than one of tuples, and the sort
        holds the interpreter lock throughout (the TUI's screen freezes).
        """
        if len(picked) < 2:
            return picked
        idx = self.index()
        C = idx.cols
        T, U, F, D = C["tid"], C["unit"], C["flags"], C["did"]
        tasks = idx.tasks
        tids: dict[int, int] = {}
        for p in picked:
            t = T[p[0]]
            if t not in tids:
                tids[t] = D[p[0]]  # a task belongs to one directive
        order = sorted(tids, key=lambda t: (tids[t], (tasks.get(t) or (0,) * 6)[T_ORDER], t))
        trank = {t: r for r, t in enumerate(order)}
        unit_rank = _unit_ranks(idx.unit_keys, self._unit_docs())
        n = len(unit_rank)
        keys = [(trank[T[i]] * 2 + (1 if F[i] & FLAG_SUPPORT else 0)) * n + unit_rank[U[i]] for i in [p[0] for p in picked]]
        return [picked[k] for k in sorted(range(len(picked)), key=keys.__getitem__)]

    def _make_rows(self, picked: list[tuple[int, int, str, int, Any]], texts: dict[int, str]) -> list[AssignmentRow]:
        """AssignmentRows of judged rows; what rows share (a directive's label, a unit's names) is looked up once."""
        idx = self.index()
        C = idx.cols
        AID, DID, TID, U, F, CHILD = C["aid"], C["did"], C["tid"], C["unit"], C["flags"], C["child"]
        ST, SON, DONE, EV, REP = C["status"], C["status_on"], C["done_on"], C["event_on"], C["report_on"]
        tasks, keys = idx.tasks, idx.unit_keys
        units, directives = self._unit_docs(), self._directive_docs()
        bodies = self._bodies()
        labels: dict[int, str] = {}
        unit_info: dict[int, tuple[str, str, str | None, str | None, str | None]] = {}
        task_info: dict[int, tuple[str, list[int], Any]] = {}
        days = _Days()
        out = []
        append = out.append
        for i, due, cat, late, state in picked:
            did, tid, code, flags = DID[i], TID[i], U[i], F[i]
            label = labels.get(did)
            if label is None:
                label = labels[did] = directive_label(directives.get(did) or {})
            u = unit_info.get(code)
            if u is None:
                key = keys[code]
                shown = bodies(key) if bodies.mixed else None
                if shown is not None and shown.former:
                    u = unit_info[code] = (shown.label, shown.key, shown.id, shown.level, shown.former)
                else:
                    doc = units.get(key) or {"name": key.lstrip("?"), "id": None, "level": None}
                    u = unit_info[code] = (doc.get("name") or key, key, doc.get("id"), doc.get("level"), None)
            t = task_info.get(tid)
            if t is None:
                entry = tasks.get(tid) or [0, None, [], 0, "", 0]
                t = task_info[tid] = (entry[T_PATH], entry[T_INDICATORS] or [], entry[T_DEADLINE])
            if state is None:
                status_code, done, ev, rep, status_on = ST[i], DONE[i], EV[i], REP[i], SON[i]
            else:
                status_code, done, ev, rep = state
                status_on = rep
            # Positional: four times faster than keywords at 150,000 rows (the order is checked below the class).
            append(AssignmentRow(
                AID[i], did, label, tid, t[0], texts.get(tid, ""), u[0], u[1], u[2], u[3],
                "support" if flags & FLAG_SUPPORT else "lead", _STATUS_KEYS[status_code],
                days[status_on], days[done], days[ev], days[rep], days[due], cat, late, list(t[1]),
                bool(flags & FLAG_UNRESOLVED), bool(flags & FLAG_REMOVED), CHILD[i] or None, t[2], u[4],
            ))
        return out

    @reader
    def states(self, as_of: date, flt: AssignmentFilter | None = None) -> list[AssignmentState]:
        """Every assignment that passes `flt` judged as of a day, in id order, as light tuples.

        The fast way to go over the whole store (150,000 assignments in a few
        hundred ms): no texts, no sorting; `unit_key` names the unit (see
        `units()`), `category` is one of the official categories or "cancelled".
        """
        flt = flt or AssignmentFilter()
        idx = self.index()
        C = idx.cols
        AID, DID, TID, U, F, ST, CHILD = C["aid"], C["did"], C["tid"], C["unit"], C["flags"], C["status"], C["child"]
        DONE, SON = C["done_on"], C["status_on"]
        keys = idx.unit_keys
        a = as_of.toordinal()
        out = []
        append = out.append
        day = _Days()
        judged = self._picked(as_of, flt)
        judged.sort(key=lambda p: p[0])
        with _gc_paused():
            for i, due, cat, days, state in judged:
                code = ST[i] if state is None else state[0]
                done = (DONE[i] if state is None else state[1]) if cat in (ON_TIME, LATE) else 0
                f = F[i]
                append(AssignmentState(
                    AID[i], DID[i], TID[i], keys[U[i]], "support" if f & FLAG_SUPPORT else "lead",
                    _STATUS_KEYS[code], cat, day[due], days, CHILD[i] or None,
                    bool(f & FLAG_HAND_SET) and 0 < SON[i] <= a, day[done],
                ))
        return out

    @reader
    def directive_ids(self, flt: AssignmentFilter | None = None, as_of: date | None = None) -> set[int]:
        """Ids of the directives with at least one assignment that passes `flt`.

        Without `as_of` nothing is judged (one pass over the index columns,
        whatever the directives' dates): `flt` may then only hold what needs
        no day (unit, area, level, role, status, indicator, directive,
        include_removed). With `as_of` any filter goes, judged as `states()` does.
        """
        flt = flt or AssignmentFilter()
        D = self.index().cols["did"]
        if as_of is not None:
            return {D[p[0]] for p in self._picked(as_of, flt)}
        if not flt.day_independent():
            raise ValueError("directive_ids: category, overdue, due_within and done_since need as_of")
        return {D[i] for i in self._rows(flt)}

    @reader
    def state_columns(self, as_of: date, *, directives: Iterable[int] | None = None) -> StateColumns:
        """Every assignment (or those of `directives`) judged as of a day, as columns: the chain's roll-up.

        Like `states()` without building one object per assignment (the roll-up
        of a province-year needs only a few thousand of them). Removed
        assignments and directives issued after the day are left out.
        """
        idx = self.index()
        C = idx.cols
        DID, F = C["did"], C["flags"]
        if directives is None:
            rows = [i for i, f in enumerate(F) if not f & FLAG_REMOVED]
        else:
            want = {int(d) for d in directives}
            rows = [i for i, d in enumerate(DID) if d in want and not F[i] & FLAG_REMOVED]
        AID, TID, U, ST, CHILD, DONE, SON = C["aid"], C["tid"], C["unit"], C["status"], C["child"], C["done_on"], C["status_on"]
        a = as_of.toordinal()
        out = StateColumns([], [], [], [], [], [], [], [], [], [], [], [], list(idx.unit_keys))
        (o_aid, o_did, o_tid, o_unit, o_support, o_status, o_cat, o_due, o_days, o_child, o_hand, o_done) = out[:12]
        for i, due, cat, days, state in self._judge(as_of, rows):
            f = F[i]
            o_aid.append(AID[i])
            o_did.append(DID[i])
            o_tid.append(TID[i])
            o_unit.append(U[i])
            o_support.append(bool(f & FLAG_SUPPORT))
            o_status.append(ST[i] if state is None else state[0])
            o_cat.append(cat)
            o_due.append(due)
            o_days.append(days)
            o_child.append(CHILD[i])
            o_hand.append(bool(f & FLAG_HAND_SET) and 0 < SON[i] <= a)
            o_done.append((DONE[i] if state is None else state[1]) if cat in (ON_TIME, LATE) else 0)
        return out

    @reader
    def task_links(self) -> dict[int, list[int]]:
        """The chain's task links: task id → the parent task ids it carries out (tasks with links only)."""
        out = {}
        for tid, e in self.index().tasks.items():
            parents = task_parents(e)
            if parents and not e[T_REMOVED]:
                out[tid] = list(parents)
        return out

    @reader
    def directive_records(self) -> dict[int, dict[str, Any]]:
        """Every directive's stored record (header, source, chain links) by id, without counts: cheap."""
        return {did: dict(d, id=did) for did, d in self._directive_docs().items()}

    @reader
    def assignment(self, aid: int, as_of: date) -> AssignmentRow:
        """One assignment as of a day, with its task's text. Raises InputError for an unknown id."""
        idx = self.index()
        i = idx.row(int(aid))
        if i is None:
            raise InputError(f"không có phân công nào mang mã {aid} (`tracker tasks` liệt kê các phân công)")
        judged = list(self._judge(as_of, [i]))
        if judged:
            _, due, cat, days, state = judged[0]
        else:  # its directive is dated after the day: judge it as not yet due
            due, cat, days, state = 0, NOT_DUE, 0, None
        did = idx.cols["did"][i]
        tid = idx.cols["tid"][i]
        return self._make_rows([(i, due, cat, days, state)], {tid: self._task_texts(did).get(tid, "")})[0]

    # -- counts -------------------------------------------------------------------------

    @reader
    def unit_counts(
        self,
        as_of: date,
        flt: AssignmentFilter | None = None,
    ) -> list[UnitCounts]:
        """Per unit: the four official categories (plus cancelled) and ageing of overdue work, as of a day.

        Ranked by overdue assignments, then days late (the coordinator's board).
        """
        flt = flt or AssignmentFilter()
        idx = self.index()
        U = idx.cols["unit"]
        per: dict[int, list[int]] = {}
        t30, t60, t120 = AGEING
        for i, _due, cat, days, _state in self._picked(as_of, flt):
            c = per.get(U[i])
            if c is None:
                c = per[U[i]] = [0] * 10
            if cat == OVERDUE:
                c[3] += 1
                c[5] += days
                if days > c[6]:
                    c[6] = days
                if days > t30:
                    c[7] += 1
                    if days > t60:
                        c[8] += 1
                        if days > t120:
                            c[9] += 1
            elif cat == NOT_DUE:
                c[2] += 1
            elif cat == ON_TIME:
                c[0] += 1
            elif cat == LATE:
                c[1] += 1
            else:
                c[4] += 1
        units = self._unit_docs()
        bodies = self._bodies()
        if bodies.mixed:
            # One line per real body: a pre-2025 unit's work counts under its successor.
            merged: dict[str, list[int]] = {}
            formerly: dict[str, list[str]] = {}
            for code, c in per.items():
                shown = bodies(idx.unit_keys[code])
                m = merged.get(shown.key)
                if m is None:
                    merged[shown.key] = list(c)
                else:
                    for k in range(10):
                        m[k] = max(m[k], c[k]) if k == 6 else m[k] + c[k]
                if shown.former and shown.former not in formerly.setdefault(shown.key, []):
                    formerly[shown.key].append(shown.former)
            out = []
            for key, c in merged.items():
                u = units.get(key) or {}
                shown = bodies(key)
                out.append(
                    UnitCounts(
                        unit_key=key, unit=u.get("name") or shown.name, unit_id=u.get("id") or shown.id,
                        level=u.get("level") or shown.level,
                        total=sum(c[:5]), on_time=c[0], late=c[1], not_due=c[2], overdue=c[3], cancelled=c[4],
                        days_late=c[5], max_days_late=c[6], over_30=c[7], over_60=c[8], over_120=c[9],
                        formerly=formerly.get(key, []),
                    )
                )
            out.sort(key=lambda u: (-u.overdue, -u.days_late, fold(u.unit)))
            return out
        out = []
        for code, c in per.items():
            key = idx.unit_keys[code]
            u = units.get(key) or {"name": key.lstrip("?")}
            out.append(
                UnitCounts(
                    unit_key=key, unit=u.get("name") or key, unit_id=u.get("id"), level=u.get("level"),
                    total=sum(c[:5]), on_time=c[0], late=c[1], not_due=c[2], overdue=c[3], cancelled=c[4],
                    days_late=c[5], max_days_late=c[6], over_30=c[7], over_60=c[8], over_120=c[9],
                )
            )
        out.sort(key=lambda u: (-u.overdue, -u.days_late, fold(u.unit)))
        return out

    @reader
    def indicator_counts(self, as_of: date, flt: AssignmentFilter | None = None) -> list[IndicatorCounts]:
        """Per Decision 766 indicator: the linked tasks with assignments that pass `flt`, and those by category, as of a day.

        Only the assignments of linked tasks are judged and no row is built,
        so the indicators screen costs a fraction of `assignments()`.
        Indicators no such task is linked to are left out; a task counts once
        per indicator however often its text names it.
        """
        flt = flt or AssignmentFilter()
        idx = self.index()
        T, D = idx.cols["tid"], idx.cols["did"]
        linked = {tid: list(dict.fromkeys(e[T_INDICATORS])) for tid, e in idx.tasks.items() if e[T_INDICATORS]}
        rows = [i for i in self._rows(flt) if T[i] in linked]
        per_task: dict[int, dict[str, int]] = {}
        directive_of: dict[int, int] = {}
        for i, _due, cat, _days, _state in self._picked(as_of, flt, rows):
            tid = T[i]
            c = per_task.get(tid)
            if c is None:
                c = per_task[tid] = {}
                directive_of[tid] = D[i]
            c[cat] = c.get(cat, 0) + 1
        out: dict[int, IndicatorCounts] = {}
        order = {tid: e[T_ORDER] for tid, e in idx.tasks.items()}
        for tid in sorted(per_task, key=lambda t: (directive_of[t], order[t], t)):
            counts = per_task[tid]
            for ind in linked[tid]:
                line = out.get(ind)
                if line is None:
                    line = out[ind] = IndicatorCounts(int(ind))
                line.tasks.append(TaskCounts(tid, directive_of[tid], idx.tasks[tid][T_PATH], dict(counts)))
                for cat, n in counts.items():
                    line.counts[cat] = line.counts.get(cat, 0) + n
        return [out[k] for k in sorted(out)]

    def overdue_by_unit(self, as_of: date, *, level: str | None = None, directive: str | int | None = None) -> list[UnitCounts]:
        """Units with overdue assignments as of a day, most overdue first (`tracker overdue --by-unit`)."""
        rows = self.unit_counts(as_of, AssignmentFilter(level=level, directive=directive))
        return [u for u in rows if u.overdue]

    @reader
    def directives(self, as_of: date) -> list[DirectiveRow]:
        """Every loaded directive with its tasks, assignments, % done and overdue count as of a day (newest first)."""
        idx = self.index()
        D = idx.cols["did"]
        per: dict[int, dict[str, int]] = {}
        for i, _due, cat, _days, _state in self._judge(as_of, self._rows(AssignmentFilter())):
            c = per.setdefault(D[i], {})
            c[cat] = c.get(cat, 0) + 1
        ntasks: dict[int, int] = {}
        for e in idx.tasks.values():
            if not e[T_REMOVED]:
                ntasks[e[T_DIRECTIVE]] = ntasks.get(e[T_DIRECTIVE], 0) + 1
        out = []
        for did, d in self._directive_docs().items():
            counts = per.get(did, {})
            total = sum(counts.values())
            done = counts.get(ON_TIME, 0) + counts.get(LATE, 0)
            counted = total - counts.get(CANCELLED, 0)
            src = d.get("source") or {}
            out.append(
                DirectiveRow(
                    id=did, number=d.get("number"), label=directive_label(d), doc_type=d.get("doc_type"),
                    issuer=d.get("issuer"), issuer_id=d.get("issuer_id"), level=d.get("level"), date=d.get("date"),
                    subject=d.get("subject"), parent_ref=d.get("parent_ref"), parent_id=d.get("parent_id"),
                    parent_confidence=d.get("parent_confidence"), parent_confirmed=bool(d.get("parent_confirmed")),
                    source_path=src.get("path", ""), sha256=src.get("sha256", ""),
                    loaded_at=d.get("loaded_at", ""), updated_at=d.get("updated_at", ""),
                    tasks=ntasks.get(did, 0), assignments=total, counts=counts,
                    done_pct=round(100.0 * done / counted, 1) if counted else 0.0,
                    overdue=counts.get(OVERDUE, 0),
                )
            )
        out.sort(key=lambda r: (document_day(r.date) or date.min, r.id), reverse=True)
        return out


# How many (directive file, day) replays and directive files' task texts a store object keeps.
_REPLAY_MEMO = 2048
_TEXT_MEMO = 4096


class _Memo:
    """A bounded map (least recently used out) shared by the threads that share a store object."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.data: OrderedDict[Any, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self.lock:
            value = self.data.get(key)
            if value is not None:
                self.data.move_to_end(key)
            return value

    def put(self, key: Any, value: Any) -> None:
        with self.lock:
            self.data[key] = value
            self.data.move_to_end(key)
            while len(self.data) > self.limit:
                self.data.popitem(last=False)


def _memo(store: Any, name: str, limit: int) -> _Memo:
    """The store object's memo called `name` (made on first use: the store's core knows nothing of it)."""
    memo = store.__dict__.get(name)
    if memo is None:
        memo = store.__dict__.setdefault(name, _Memo(limit))
    return memo


def _remember_texts(store: Any, ref: Any, data: dict[str, Any]) -> dict[int, str]:
    """Keep the task texts of a directive file just parsed (keyed like the file, so never stale)."""
    texts = {int(k): t.get("text", "") for k, t in (data.get("tasks") or {}).items()}
    if ref is not None:
        _memo(store, "_text_memo", _TEXT_MEMO).put((ref.name, ref.crc), texts)
    return texts


def _task_mode(entry: list[Any] | None, issued: dict[int, int], schedules: dict[tuple[Any, ...], Schedule]) -> tuple[int, Any]:
    """How a task's due date is found (tracker.track.judge.task_mode) for a task entry of the index."""
    if entry is None:
        return _FIXED, 0
    return task_mode(entry[T_DEADLINE], issued.get(entry[T_DIRECTIVE], 0), schedules)


_ROW_FIELDS = (
    "id", "directive_id", "directive", "task_id", "task_path", "task", "unit", "unit_key", "unit_id", "unit_level",
    "role", "status", "status_on", "done_on", "event_on", "last_report", "due", "category", "days_late",
    "indicators", "unresolved", "removed", "child_directive_id", "deadline", "unit_former",
)
if tuple(f.name for f in fields(AssignmentRow)) != _ROW_FIELDS:  # _make_rows passes them by position
    raise ImportError("tracker.store.records.AssignmentRow changed: update _ROW_FIELDS and _make_rows")


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Build many small objects without the cyclic collector running over the heap meanwhile.

    Rows and judged tuples hold no cycles, yet every 700 new objects start a
    collection, and with a province-year's parsed files in memory those cost
    40% of building 150,000 rows. The collector is back on afterwards (left
    alone if something else had turned it off; threads that overlap leave it on).
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _first(pair: tuple[int, Any]) -> int:
    return pair[0]


class _Days(dict):  # type: ignore[type-arg]
    """Date of an ordinal (0 → None), made once per day however many rows share it."""

    def __missing__(self, o: int) -> date | None:
        d = self[o] = date.fromordinal(o) if o else None
        return d


def _unit_ranks(keys: list[str], units: dict[str, dict[str, Any]]) -> list[int]:
    """Each unit code's place in the order of unit names (diacritics folded)."""
    names = [fold((units.get(k) or {}).get("name") or k.lstrip("?")) for k in keys]
    rank = [0] * len(keys)
    for r, code in enumerate(sorted(range(len(keys)), key=names.__getitem__)):
        rank[code] = r
    return rank


def _unit_record(u: dict[str, Any]) -> UnitRecord:
    return UnitRecord(
        key=u["key"], name=u.get("name") or u["key"], id=u.get("id"), level=u.get("level"),
        kind=u.get("kind"), parent=u.get("parent"), resolved=bool(u.get("resolved", True)),
    )


def _task_record(tid: int, t: dict[str, Any]) -> TaskRecord:
    return TaskRecord(
        id=tid, directive_id=int(t["directive"]), path=t.get("path") or "", text=t.get("text") or "",
        lead=list(t.get("lead") or []), support=list(t.get("support") or []), deadline=t.get("deadline"),
        indicators=list(t.get("indicators") or []), order=int(t.get("order") or 0), page=t.get("page"),
        points=t.get("points"), warnings=list(t.get("warnings") or []), removed=bool(t.get("removed")),
        group=t.get("group"), product=t.get("product"),
        parent_task_ids=list(t.get("parent_task_ids") or []),
        parent_links_confirmed=bool(t.get("parent_links_confirmed")),
    )


def _event(eid: int, e: dict[str, Any]) -> Event:
    on = e.get("on")
    return Event(
        id=eid, assignment_id=int(e["assignment"]), kind=e.get("kind", "status"), at=e.get("at", ""),
        on=date.fromisoformat(on) if on else None, by=e.get("by") or "", from_status=e.get("from"),
        to_status=e.get("to"), note=e.get("note"),
    )
