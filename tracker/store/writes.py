"""The write side of the store: load directives, change statuses, record event dates, chain links.

Each method is one transaction (one commit) unless called inside
`with store.transaction():`, which makes them all one. Every change to an
assignment appends an event to its directive's `events` table in the same
commit; events are never changed or removed.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, Iterable, Sequence

from tracker.errors import InputError
from tracker.model import DirectiveDraft
from tracker.store.dues import due_row
from tracker.store.index import IndexRows, flags_of, ordinal
from tracker.store.loading import UnitDirectory, default_directory, save_into
from tracker.store.gcpause import gc_paused
from tracker.store.records import Event, SaveResult
from tracker.store.storage import doc
from tracker.track import status as st


@dataclass
class StatusChange:
    """One status entry: the unit's report that its assignment is now `status` (a key) as of `on`."""

    assignment_id: int
    status: str
    on: date
    note: str | None = None
    by: str = ""


class _Rollback(Exception):
    pass


Change = Callable[[dict[str, Any]], tuple[dict[str, Any], dict[str, Any]]]


def _by_directive(tx: Any, rows: IndexRows, items: list[tuple[int, Change]]) -> dict[int, list[tuple[int, Change]]] | None:
    """The changes grouped by the directive whose file holds each assignment; None when the index
    names a directive whose file lacks it. Raises InputError for an id the index does not know."""
    out: dict[int, list[tuple[int, Change]]] = {}
    for aid, change in items:
        did = rows.directive_of(int(aid))
        if did is None:
            raise InputError(f"không có phân công nào mang mã {aid} (`tracker tasks` liệt kê các phân công)")
        out.setdefault(did, []).append((int(aid), change))
    for did, group in out.items():
        storage = tx.directive_db(did).storage
        if any(storage.doc("assignments", aid) is None for aid, _ in group):
            return None
    return out


def _later(a: str | None, b: str | None) -> str | None:
    if not a:
        return b
    if not b:
        return a
    return max(a, b)


class Writes:
    """Write methods of `tracker.store.Store` (mixed into it)."""

    # -- directives ------------------------------------------------------------------

    def save_drafts(
        self,
        drafts: Sequence[DirectiveDraft],
        *,
        units: UnitDirectory | None = None,
        now: datetime | None = None,
        dry_run: bool = False,
        drop_unmatched: bool | set[int] = False,
        by: str = "",
    ) -> list[SaveResult]:
        """Save parsed directives in one commit (re-loads merge; see tracker.store.loading).

        `dry_run=True` works out the same results and writes nothing: what
        `tracker load` shows before asking. A re-load keeps every recorded
        assignment the new copy lacks (listed in `SaveResult.unmatched`) unless
        `drop_unmatched` says to drop them (True: all; a set: those ids).
        """
        directory = units or default_directory()
        stamp = now or datetime.now()
        results: list[SaveResult] = []
        if not self._save(drafts, directory, stamp, dry_run, drop_unmatched, by, results):
            return results
        for r in results:
            r.version = self.version
        return results

    # Many objects, no cycles: no collection while they are built, nor while the transaction that
    # holds them is alive (as a decorator, the collector is back on once this frame is gone).
    @gc_paused()
    def _save(self, drafts: Sequence[DirectiveDraft], directory: UnitDirectory, stamp: datetime, dry_run: bool,
              drop_unmatched: bool | set[int], by: str, results: list[SaveResult]) -> bool:
        """The load's transaction (False: a dry run, rolled back)."""
        try:
            with self.transaction("load", dry_run=dry_run) as tx:
                for draft in drafts:
                    results.append(save_into(tx, draft, directory, stamp, drop_unmatched, by))
                # The chain: parents, task links and answered assignments, in the same commit.
                from tracker.store.linking import relink, report_links

                report_links(tx, results, relink(self, tx, directory, {r.directive_id for r in results}, stamp))
                if dry_run:
                    raise _Rollback()
        except _Rollback:
            return False
        return True

    def save_draft(self, draft: DirectiveDraft, **kwargs: Any) -> SaveResult:
        return self.save_drafts([draft], **kwargs)[0]

    # -- assignments ---------------------------------------------------------------------

    # No cycle collection in the middle of a change: what it reads (a directive's file, the manifest's
    # entries) would be alive then and moved to the oldest generation, and every twenty-odd changes that
    # set off a collection over the whole heap (20 ms and more in a process holding a store's worth of
    # objects). As a decorator the collector is back on only once the change's frame is gone, so what
    # it read is freed by its counts and no collection sees it.
    @gc_paused()
    def _change_assignments(
        self,
        items: list[tuple[int, Callable[[dict[str, Any]], tuple[dict[str, Any], dict[str, Any]]]]],
        command: str,
        now: datetime | None,
    ) -> list[Event]:
        """Apply `change(assignment) -> (new fields, event)` to each assignment, in order, in one commit."""
        from tracker.store.records import event_record

        stamp = (now or datetime.now()).isoformat(timespec="seconds")
        out: list[Event] = []
        # Its own transaction (not inside a load's): the commit may be one record appended to the
        # store's change log instead of the directive's whole file (tracker/store/journal.py).
        own = getattr(self, "_tx", None) is None
        with self.transaction(command) as tx:
            rows = tx.index_rows()
            by_dir = _by_directive(tx, rows, items)
            if by_dir is None:  # the index row named another directive (damaged columns): the whole index
                rows = tx.index_rows(whole=True)
                by_dir = _by_directive(tx, rows, items)
            if by_dir is None:
                missing = next(aid for aid, _ in items if tx.directive_db(rows.directive_of(int(aid)) or 0)
                               .storage.doc("assignments", int(aid)) is None)
                raise InputError(f"phân công {missing} không còn trong dữ liệu của văn bản; chạy `tracker db check` để kiểm tra kho")
            for did, group in by_dir.items():
                # Documents one by one through the storage (storage.py): a change committed as one record
                # appended to the log never decodes the directive's whole file.
                db = tx.directive_db(did)
                storage = db.storage
                current: dict[int, dict[str, Any]] = {}
                updates: dict[int, dict[str, Any]] = {}
                events = []
                for aid, change in group:
                    a = current.get(aid)
                    if a is None:
                        a = current[aid] = dict(storage.doc("assignments", aid))  # type: ignore[arg-type]
                    fields, event = change(a)
                    a.update(fields)
                    updates.setdefault(aid, {}).update(fields)
                    eid = tx.new_id("event")
                    event = {k: v for k, v in dict(event, assignment=aid, at=stamp).items() if v is not None}
                    events.append(doc(event, eid))
                    out.append(event_record(eid, event))
                    rows.update(
                        aid,
                        status=st.CODE[a.get("status") or st.INITIAL],
                        status_on=ordinal(a.get("status_on")),
                        done_on=ordinal(a.get("done_on")),
                        event_on=ordinal(a.get("event_on")),
                        report_on=ordinal(a.get("last_report")),
                        changed_on=ordinal(a.get("changed_on")),
                        child=int(a.get("child_directive_id") or 0),
                        flags=flags_of(a),
                    )
                    known = tx.due_of(aid) if hasattr(tx, "due_of") else None
                    if known is not None:  # its directive's date, kept from the load; the task's deadline from its file
                        task = storage.doc("tasks", int(a["task"])) or {}
                        tx.set_dues({aid: due_row(task.get("deadline"), known[0], a)})
                storage.update_docs("assignments", updates)
                storage.insert_docs("events", {e.doc_id: e for e in events})
                db.table("assignments").clear_cache()
                db.table("events").clear_cache()
                if own and hasattr(tx, "log_change"):
                    tx.log_change(did, updates, {e.doc_id: dict(e) for e in events})
        return out

    def set_statuses(self, changes: Iterable[StatusChange], *, now: datetime | None = None) -> list[Event]:
        """Record many status entries in one commit (each appends an event)."""

        def make(ch: StatusChange) -> Callable[[dict[str, Any]], tuple[dict[str, Any], dict[str, Any]]]:
            if ch.status not in st.LABELS:
                raise InputError(f"không có trạng thái '{ch.status}' (dùng tracker.track.parse_status)")
            if not isinstance(ch.on, date):
                raise InputError("trạng thái cần có ngày bắt đầu có hiệu lực (on)")
            on = ch.on.isoformat()

            def change(a: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
                frm = a.get("status") or st.INITIAL
                answered = bool(a.get("child_directive_id"))
                if answered and not (ch.note or "").strip():
                    raise InputError(
                        f"phân công {ch.assignment_id} lấy trạng thái từ văn bản thực hiện nó "
                        f"(mã {a.get('child_directive_id')}): đặt trạng thái bằng tay sẽ ghi đè, nên cần ghi chú "
                        f"lý do (--note)"
                    )
                if ch.status == st.DONE:
                    done_on = a.get("done_on") if frm == st.DONE and a.get("done_on") else on
                else:
                    done_on = None
                fields = {
                    "status": ch.status, "status_on": on, "done_on": done_on,
                    "last_report": _later(a.get("last_report"), on), "changed_on": _later(a.get("changed_on"), on),
                }
                if answered:
                    fields["hand_set"] = True  # it wins over the roll-up (tracker.chain.rollup)
                event = {"kind": "status", "on": on, "by": ch.by or "", "from": frm, "to": ch.status, "note": ch.note or None}
                return fields, event

            return change

        changes = list(changes)
        return self._change_assignments([(c.assignment_id, make(c)) for c in changes], "status", now)

    def set_status(
        self, aid: int, status: str, *, on: date, note: str | None = None, by: str = "", now: datetime | None = None
    ) -> Event:
        """Record one status entry (`status` is a key: see tracker.track.parse_status for labels)."""
        return self.set_statuses([StatusChange(aid, status, on, note, by)], now=now)[0]

    def record_event_date(
        self, aid: int, day: date | None, *, by: str = "", note: str | None = None, now: datetime | None = None
    ) -> Event:
        """Record the day the event a relative/event deadline counts from happened (None clears it)."""
        on = day.isoformat() if day else None

        def change(a: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
            fields = {"event_on": on, "changed_on": _later(a.get("changed_on"), on)}
            event = {"kind": "event_date", "on": on, "by": by or "", "from": None, "to": None, "note": note or None,
                     "previous": a.get("event_on")}
            return fields, event

        return self._change_assignments([(aid, change)], "event date", now)[0]

    # -- the chain (tracker.chain; links made on load by tracker/store/linking.py) ---------------

    def set_child_directive(
        self, aid: int, child_id: int | None, *, by: str = "", note: str | None = None, now: datetime | None = None
    ) -> Event:
        """A clerk records which (child) directive carries out an assignment (None: none does).

        The link is kept as the clerk set it (loads no longer change it), and
        a status set by hand on the assignment stops overriding the roll-up.
        Appends an event.
        """
        if child_id is not None:
            self.directive(child_id)  # raises for an unknown id

        def change(a: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
            fields = {"child_directive_id": child_id, "child_confirmed": True, "hand_set": None}
            event = {"kind": "child_directive", "on": None, "by": by or "", "from": None, "to": None,
                     "note": note or None, "child": child_id, "previous": a.get("child_directive_id")}
            return fields, event

        return self._change_assignments([(aid, change)], "link", now)[0]

    def set_parent(
        self,
        did: int,
        parent_id: int | None,
        *,
        confidence: float | None = None,
        confirmed: bool = False,
        by: str = "",
        now: datetime | None = None,
    ) -> None:
        """Link a directive to the loaded directive it carries out (None: it carries out none loaded).

        A link set here is never changed by later loads. Confirming the link
        the tracker found (the same parent, no confidence given) keeps its
        confidence and method. The task links and answered assignments follow
        in the same commit.
        """
        stamp = now or datetime.now()
        with self.transaction("link") as tx:
            table = tx.directives_db().table("directives")
            rec = table.get(doc_id=int(did))
            if rec is None:
                raise InputError(f"không có văn bản nào mang mã {did}; hãy kiểm tra lại mã")
            if parent_id is not None and table.get(doc_id=int(parent_id)) is None:
                raise InputError(f"không có văn bản nào mang mã {parent_id}; hãy kiểm tra lại mã")
            if parent_id is not None and int(parent_id) == int(did):
                raise InputError(f"văn bản {did} không thể thực hiện chính nó; hãy chọn văn bản cấp trên khác")
            same = parent_id is not None and rec.get("parent_id") == int(parent_id)
            fields: dict[str, Any] = {
                "parent_id": int(parent_id) if parent_id is not None else None,
                "parent_confirmed": bool(confirmed),
                "parent_linked_at": stamp.isoformat(timespec="seconds"), "parent_linked_by": by or "",
            }
            if not same or confidence is not None:
                # A link given here is kept as given (loads no longer work it out).
                fields.update(parent_confidence=confidence, parent_method="clerk", parent_scores=None)
            table.update(fields, doc_ids=[int(did)])
            from tracker.store.linking import relink

            old = rec.get("parent_id")
            relink(self, tx, default_directory(), {int(did)}, stamp, {int(old)} if old else set())

    def set_task_links(self, tid: int, parent_task_ids: list[int], *, confirmed: bool = False) -> None:
        """Link a task to the parent task(s) it carries out (`confirmed`: a clerk's links, kept by later loads)."""
        with self.transaction("link") as tx:
            idx = tx.index()
            entry = idx.tasks.get(int(tid))
            if entry is None:
                raise InputError(f"không có nhiệm vụ nào mang mã {tid}; hãy kiểm tra lại mã")
            parents = [int(t) for t in dict.fromkeys(parent_task_ids)]
            for p in parents:
                if p not in idx.tasks:
                    raise InputError(f"không có nhiệm vụ nào mang mã {p}; hãy kiểm tra lại mã")
                if p == int(tid):
                    raise InputError(f"nhiệm vụ {tid} không thể thực hiện chính nó; hãy chọn nhiệm vụ cấp trên khác")
            table = tx.directive_db(entry[0]).table("tasks")
            table.update({"parent_task_ids": parents, "parent_links_confirmed": bool(confirmed)}, doc_ids=[int(tid)])
            from tracker.store.index import T_PARENTS

            while len(entry) <= T_PARENTS:
                entry.append([])
            entry[T_PARENTS] = parents
            idx.meta_dirty = True
