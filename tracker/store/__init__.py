"""The tracker's data store: the one module through which all data access goes.

Open
    open_store(path=None, *, strict=True) -> Store      # path: --db / TRACKER_DB / <user data>/tracker/store
                                                         # a postgresql:// URL: PgStore (tracker/store/pg), same methods
    store.path, store.version                            # the folder; the version this object reads
    store.changed() -> bool                              # another process saved? (a stat; then re-read) - the TUI polls it
    with store.transaction("what"): ...                  # several writes, one commit, under the lock

Read (every judgement takes `as_of`; nothing reads the clock)
    store.directives(as_of) -> list[DirectiveRow]        # number/label, date, issuer, level, tasks, % done, overdue, parent
    store.directive(did) -> dict; store.find_directive(ref) -> did    # ref: id, number ("2333/UBND-VP"), part of it
    store.tasks(did) -> list[TaskRecord]; store.task(tid) -> TaskRecord; store.task_texts(did) -> {task id: text}
    store.assignments(as_of, AssignmentFilter(...), *, with_text=True, limit=None, offset=0) -> list[AssignmentRow]
    store.assignment(aid, as_of) -> AssignmentRow
    store.states(as_of, flt=None) -> list[AssignmentState]   # light tuples, whole store in ~0.35 s (roll-ups, charts)
    store.directive_ids(flt=None, as_of=None) -> set[int]    # directives with a matching assignment; none judged without as_of
    store.unit_counts(as_of, flt=None) -> list[UnitCounts]   # on_time, late, not_due, overdue (+cancelled), >30/60/120 days
    store.indicator_counts(as_of, flt=None) -> list[IndicatorCounts]   # per 766 indicator: linked tasks, assignments by category
    store.overdue_by_unit(as_of, *, level=None, directive=None) -> list[UnitCounts]   # ranked board
    store.history(aid) -> list[Event]; store.units() -> list[UnitRecord]
    store.task_links() -> {task id: [parent task ids]}; store.directive_records() -> {id: record}   # the chain
    store.state_columns(as_of, directives=None) -> StateColumns   # states() as columns, for the roll-up
    AssignmentFilter: unit (id or folded text), area (a unit id: it and every unit under it, see in_area),
                      directive, status, indicator, overdue, due_within, level, category, role, done_since,
                      include_removed
    Queries as of a past day replay the entries dated after it from the directive files; what was
    replayed (and task texts) is kept per file on the store object, so the next query that day reads nothing.

Write (each call one commit unless inside `transaction()`; every assignment change appends an Event)
    store.save_drafts(drafts, *, units=None, dry_run=False) -> list[SaveResult]   # load / re-load (merge)
    store.set_status(aid, key, *, on, note=None, by="") -> Event; store.set_statuses([StatusChange...])
    store.record_event_date(aid, day, *, by="", note=None) -> Event
    chain: store.set_parent(did, parent_id, confidence=, confirmed=); store.set_task_links(tid, [parent tids], confirmed=);
           store.set_child_directive(aid, child_did) -> Event
           A load links parents, task links and answered assignments in its own commit (tracker/store/linking.py,
           with the rules of tracker/link_rules.py: the store never imports tracker.chain); only what the
           loaded directives can change is linked again (their parent, directives that cite them or may
           carry them out, their task links, the assignments they answer).
           A status on an assignment a child directive answers needs a note, and then wins over the roll-up.

Versions
    store.backups(); store.restore(version=None); store.problems(manifest); store.disk_usage()

On PostgreSQL only (tracker.store.pg.PgStore)
    store.user                      # the session's login: every change is recorded as hers
    store.summary() -> dict         # what `tracker db info` shows (counts this login may see)
    store.set_status(...) raises StaleChange (an InputError) when another user changed the row after
    this store object read it: nothing written, the object then shows the other's change.

Statuses, categories, due dates and dates are tracker.track's. Layout and
guarantees: tracker/store/core.py. On a PostgreSQL server the same methods are
tracker.store.pg.PgStore's (open_store dispatches on the URL).
"""
from __future__ import annotations

import os

from tracker.store.core import KEEP_BACKUPS, SCHEMA, StoreCore, Transaction, default_path
from tracker.store.loading import HierarchyDirectory, PlainDirectory, UnitDirectory, default_directory
from tracker.store.filters import AssignmentFilter, in_area
from tracker.store.queries import Queries
from tracker.store.records import (
    AssignmentRow,
    AssignmentState,
    DirectiveRow,
    Event,
    IndicatorCounts,
    SaveResult,
    StateColumns,
    TaskCounts,
    TaskRecord,
    UnitCounts,
    UnitRecord,
    directive_label,
)
from tracker.store.writes import StatusChange, Writes


class Store(Queries, Writes, StoreCore):
    """A tracker data store: reads (Queries), writes (Writes), files and versions (StoreCore)."""


def open_store(path: str | os.PathLike[str] | None = None, *, strict: bool = True) -> Store:
    """Open the store at `path`, else TRACKER_DB, else the user's data folder (created on first save).

    A postgresql:// (or postgres://) URL opens the store on that PostgreSQL server
    (tracker.store.pg.PgStore: the same methods and records).
    """
    raw = os.fspath(path) if path is not None else os.environ.get("TRACKER_DB")
    if isinstance(raw, str) and raw.startswith(("postgresql://", "postgres://")):
        try:
            from tracker.store.pg import PgStore
        except ImportError:
            from tracker.errors import StoreError

            raise StoreError("dùng PostgreSQL cần gói psycopg: pip install 'psycopg[binary]' "
                             "(hoặc cài tracker với phần [pg])") from None
        return PgStore(raw, strict=strict)  # type: ignore[return-value]
    return Store(path, strict=strict)


__all__ = [
    "KEEP_BACKUPS", "SCHEMA", "Store", "Transaction", "default_path", "open_store",
    "AssignmentFilter", "AssignmentState", "StateColumns", "StatusChange", "directive_label", "in_area",
    "AssignmentRow", "DirectiveRow", "Event", "IndicatorCounts", "SaveResult", "TaskCounts", "TaskRecord",
    "UnitCounts", "UnitRecord",
    "UnitDirectory", "PlainDirectory", "HierarchyDirectory", "default_directory",
]
