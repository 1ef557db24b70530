"""The tracker's store on a PostgreSQL server: the same methods and records as the TinyDB folder store.

    open_store("postgresql://user@host/db")   # or TRACKER_DB=postgresql://…  → PgStore

Tables: schema.sql; roles and row-level security: rights.sql; the counts the
boards read, kept by triggers: tallies.sql (read in counts.py); snapshot,
transactions and change notices: core.py. The queries, the rules of a load
and of the chain are the TinyDB store's own (Queries, Writes) over the rows
read from the tables; a status change is written straight to its rows
(SELECT … FOR UPDATE, checked against what this store object saw of them).
"""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from typing import Any, Callable, Sequence

from tracker.errors import InputError
from tracker.store.index import COLUMNS, row_of_assignment
from tracker.store.pg.core import CHANNEL, Conflict, PgCore, _jsonb, _refused, _rights_errors, event_ids, is_url
from tracker.store.pg.counts import as_categories, category_counts
from tracker.store.filters import AssignmentFilter
from tracker.store.queries import Queries
from tracker.store.records import DirectiveRow, Event, SaveResult, UnitCounts, directive_row, event_record
from tracker.text import fold
from tracker.track.bodies import Bodies
from tracker.store.writes import Writes
from tracker.track import status as st
from tracker.track.dates import document_day
from tracker.track.judge import due_ordinal

__all__ = ["PgStore", "StaleChange", "is_url"]

# The index columns a clerk sees of an assignment: a change meanwhile to any of them is a conflict.
_SEEN = [COLUMNS.index(c) for c in ("status", "status_on", "done_on", "event_on", "report_on", "child")]


class StaleChange(InputError):
    """Another user changed the assignment after this store object read it: nothing was written."""


class PgStore(Queries, Writes, PgCore):
    """A tracker store on PostgreSQL (see the module doc)."""

    def __init__(self, url: str, *, strict: bool = True) -> None:
        PgCore.__init__(self, url, strict=strict)

    # -- loads: run again when a status change slipped in between reading and writing ----------

    def save_drafts(self, drafts: Sequence[Any], **kwargs: Any) -> list[SaveResult]:
        for attempt in range(5):
            try:
                return Writes.save_drafts(self, drafts, **kwargs)
            except Conflict:
                self.refresh()
        return Writes.save_drafts(self, drafts, **kwargs)

    # -- every change carries its user: the session's login, whatever the caller says ------------

    def set_statuses(self, changes: Any, *, now: datetime | None = None) -> list[Event]:
        return Writes.set_statuses(self, [replace(c, by=self.user) for c in changes], now=now)

    def record_event_date(self, aid: int, day: date | None, *, by: str = "", **kwargs: Any) -> Event:
        return Writes.record_event_date(self, aid, day, by=self.user, **kwargs)

    def set_child_directive(self, aid: int, child_id: int | None, *, by: str = "", **kwargs: Any) -> Event:
        return Writes.set_child_directive(self, aid, child_id, by=self.user, **kwargs)

    # -- status changes: their own rows only ----------------------------------------------------

    def _change_assignments(
        self,
        items: list[tuple[int, Callable[[dict[str, Any]], tuple[dict[str, Any], dict[str, Any]]]]],
        command: str,
        now: datetime | None,
    ) -> list[Event]:
        tx = self._tx
        if tx is not None and not tx.light:  # inside a load or a link: the transaction's records
            return Writes._change_assignments(self, items, command, now)
        try:
            return self._change_rows(items, now)
        except _rights_errors() as exc:
            raise _refused(exc) from None
        except StaleChange:
            with self._lock:  # what she sees next is the other's change
                if self._index is not None:
                    self._reread(set(), {int(aid) for aid, _ in items})
            raise

    def _change_rows(self, items: list[tuple[int, Any]], now: datetime | None) -> list[Event]:
        stamp = (now or datetime.now()).isoformat(timespec="seconds")
        aids = sorted({int(aid) for aid, _ in items})
        seen = self._index
        conn = self._conn()
        out: list[Event] = []
        # In pipeline mode BEGIN goes with the first SELECT, and the writes with COMMIT: two round trips in all.
        with conn.pipeline(), conn.transaction():
            # One round trip: the rows, locked, with what their due date needs, and an event id per row. The
            # task's deadline and the directive's day by their keys, not a join: a new session (a command)
            # plans this cold, and a join's planning (statistics, join orders) took it ~2 ms longer. Whoever
            # reads an assignment reads its task and directive (rights.sql), so neither comes back empty.
            rows = {r[0]: r for r in conn.execute(
                "SELECT a.id, a.directive_id, a.task_id, a.doc, a.unit_key, "
                "(SELECT t.doc->'deadline' FROM tasks t WHERE t.id = a.task_id), "
                "(SELECT d.issued FROM directives d WHERE d.id = a.directive_id), nextval('event_ids') "
                "FROM assignments a WHERE a.id = ANY(%s) ORDER BY a.id FOR UPDATE", [aids]).fetchall()}
            for aid in aids:
                if aid not in rows:
                    raise InputError(f"không có phân công nào mang mã {aid} (`tracker tasks` liệt kê các phân công)")
            current = {aid: dict(r[3]) for aid, r in rows.items()}
            if seen is not None:
                self._check_seen(seen, current)
            events: list[list[Any]] = []
            ids = sorted((r[7] for r in rows.values()), reverse=True)
            if len(items) > len(ids):  # several entries for one assignment in a batch
                ids += event_ids(conn, len(items) - len(ids))
            for aid, change in items:
                a = current[int(aid)]
                fields, event = change(a)
                a.update(fields)
                eid = ids.pop()
                event = {k: v for k, v in dict(event, assignment=int(aid), at=stamp, by=self.user).items() if v is not None}
                did = rows[int(aid)][1]
                events.append([eid, int(aid), did, event.get("kind", "status"), stamp, event.get("on"), self.user,
                               _jsonb(event)])
                out.append(event_record(eid, event))
            params = []
            for aid, a in current.items():
                r = rows[aid]
                due = due_ordinal(r[5], r[6], _ord(a.get("event_on")), _ord(a.get("last_report")))
                row = row_of_assignment(aid, a, 0)
                params.append([row[4], row[5], row[6], row[7], row[8], row[9], row[10], row[11], due, _jsonb(a), aid])
            cur = conn.cursor()  # the writes and the notice, sent with the COMMIT
            for p in params:
                cur.execute(
                    "UPDATE assignments SET flags = %s, status = %s, status_on = %s, done_on = %s, event_on = %s, "
                    "report_on = %s, changed_on = %s, child = %s, due = %s, doc = %s, ver = ver + 1, changed_by = current_user "
                    "WHERE id = %s", p)
            for e in events:
                cur.execute("INSERT INTO events (id, assignment_id, directive_id, kind, at, on_day, by, doc) "
                            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", e)
            cur.execute("SELECT pg_notify(%s, %s)", [CHANNEL, json.dumps({"a": aids})])
        # What this store object sees now: its own change.
        with self._lock:
            idx = self._index
            if idx is not None:
                for aid, a in current.items():
                    i = idx.row(aid)
                    if i is not None:
                        r = row_of_assignment(aid, a, idx.cols["unit"][i])
                        idx.set(i, **dict(zip(COLUMNS[1:], r[1:])))
                        did = rows[aid][1]
                        self._dver[did] = self._dver.get(did, 0) + 1
                idx.delta.clear()
                self._docs = {}
                self._bump()
        return out

    def _check_seen(self, seen: Any, current: dict[int, dict[str, Any]]) -> None:
        """No lost update: the rows must still be what this store object read (else say who changed what)."""
        for aid, a in current.items():
            i = seen.row(aid)
            if i is None:
                continue
            now = row_of_assignment(aid, a, 0)
            if any(seen.cols[COLUMNS[k]][i] != now[k] for k in _SEEN):
                last = self._conn().execute(
                    "SELECT by, at, doc->>'to' FROM events WHERE assignment_id = %s ORDER BY id DESC LIMIT 1", [aid]
                ).fetchone()
                who = f"{last[0]} lúc {last[1].replace('T', ' ')}" if last else "người khác"
                status = st.label(a.get("status") or st.INITIAL)
                raise StaleChange(
                    f"phân công {aid} vừa được {who} cập nhật (trạng thái nay: {status}) sau khi bạn mở nó; "
                    "thay đổi của bạn chưa được ghi: xem lại rồi nhập lại nếu vẫn cần"
                )

    # -- reads answered straight from the tables -------------------------------------------------

    def _bodies(self) -> Bodies:
        """How each unit is shown, from the units table (no snapshot of every assignment needed)."""
        key = ("bodies", self._version)
        got = self._docs.get(key)  # type: ignore[call-overload]
        if got is None:
            docs = self._unit_docs()
            got = Bodies(list(docs), docs)
            with self._lock:
                self._docs[key] = got  # type: ignore[index]
        return got

    def unit_counts(self, as_of: date, flt: AssignmentFilter | None = None) -> list[UnitCounts]:
        """Per unit, the four categories and ageing as of a day: the server counts (see counts.py)."""
        flt = flt or AssignmentFilter()
        simple = AssignmentFilter(level=flt.level, directive=flt.directive)
        if flt != simple or self._bodies().mixed:
            return Queries.unit_counts(self, as_of, flt)  # the general path, over the snapshot
        did = self.find_directive(flt.directive) if flt.directive is not None else None
        per = category_counts(self, as_of, by="unit", level=flt.level, directive=did)
        units = self._unit_docs()
        out = []
        for key, c in per.items():
            u = units.get(key) or {"name": key.lstrip("?")}
            out.append(UnitCounts(
                unit_key=key, unit=u.get("name") or key, unit_id=u.get("id"), level=u.get("level"),
                total=sum(c[:5]), on_time=c[0], late=c[1], not_due=c[2], overdue=c[3], cancelled=c[4],
                days_late=c[5], max_days_late=c[6], over_30=c[7], over_60=c[8], over_120=c[9],
            ))
        out.sort(key=lambda u: (-u.overdue, -u.days_late, fold(u.unit)))
        return out

    def directives(self, as_of: date) -> list[DirectiveRow]:
        """Every directive with its counts as of a day (the TUI's first screen): the server counts."""
        with self._lock:
            self._listen()  # a screen that shows this polls changed(): hear others' commits from now on
        per = category_counts(self, as_of, by="directive")
        docs = self._directive_docs()
        # Each load writes its directive's count of tasks into its record (as in the folder store).
        ntasks: dict[int, int] = {did: d["tasks"] for did, d in docs.items() if type(d.get("tasks")) is int}
        if len(ntasks) < len(docs):
            conn = self._conn()
            with conn.transaction():
                ntasks = dict(conn.execute("SELECT directive_id, count(*) FROM tasks WHERE NOT removed GROUP BY 1").fetchall())
        out = []
        for did, d in docs.items():
            c = per.get(did) or [0] * 5
            counts = as_categories(c)
            total = sum(c[:5])
            done = c[0] + c[1]
            counted = total - c[4]
            out.append(directive_row(did, d, ntasks.get(did, 0), total, counts,
                                     round(100.0 * done / counted, 1) if counted else 0.0, c[3]))
        out.sort(key=lambda r: (document_day(r.date) or date.min, r.id), reverse=True)
        return out

    def history(self, aid: int) -> list[Event]:
        """Every event of one assignment, oldest first. Raises InputError for an unknown id."""
        conn = self._conn()
        with conn.transaction():
            if conn.execute("SELECT 1 FROM assignments WHERE id = %s", [int(aid)]).fetchone() is None:
                raise InputError(f"không có phân công nào mang mã {aid} (`tracker tasks` liệt kê các phân công)")
            rows = conn.execute("SELECT id, doc FROM events WHERE assignment_id = %s ORDER BY id", [int(aid)]).fetchall()
        return [event_record(eid, doc) for eid, doc in rows]


def _ord(value: Any) -> int:
    if not value:
        return 0
    if isinstance(value, date):
        return value.toordinal()
    return date.fromisoformat(value).toordinal()

