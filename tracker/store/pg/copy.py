"""`tracker db copy FROM TO`: every record of one store into another, history and ids included.

Either side is a TinyDB folder or a PostgreSQL database: both read their records
as the TinyDB files hold them ("directives", "units", "d/N": tasks, assignments,
events) and write them through their transaction's databases, so one copy serves
both ways. The target must be empty; ids stay as they were (history and links
name them), and its id counters continue from the source's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tracker.errors import InputError
from tracker.store.index import row_of_assignment, task_entry
from tracker.store.storage import doc

KINDS = ("directive", "task", "assignment", "event")


@dataclass
class Copied:
    directives: int = 0
    tasks: int = 0
    assignments: int = 0
    events: int = 0
    units: int = 0


def _directive_ids(store: Any) -> list[int]:
    return sorted(int(k) for k in ((store._read("directives") or {}).get("directives") or {}))


def _next_ids(store: Any) -> dict[str, int]:
    """The source's id counters (the next id of each kind)."""
    from tracker.store.pg import PgStore

    if isinstance(store, PgStore):
        conn = store._conn()
        out = {}
        with conn.transaction():
            for kind in KINDS:
                last, called = conn.execute(f"SELECT last_value, is_called FROM {kind}_ids").fetchone()
                out[kind] = int(last) + 1 if called else int(last)
        return out
    return dict(store.manifest.next_ids)


def copy_store(source: Any, target: Any) -> Copied:
    """Copy every record of `source` into the empty store `target` (one transaction on the target)."""
    from tracker.store.pg import PgStore

    if _directive_ids(target):
        raise InputError(f"nơi chép đến {target.path} đã có dữ liệu: hãy chép vào một kho trống "
                         "(thư mục mới, hoặc cơ sở dữ liệu mới: createdb)")
    done = Copied()
    counters = _next_ids(source)
    directives = (source._read("directives") or {}).get("directives") or {}
    units = (source._read("units") or {}).get("units") or {}
    with target.transaction("copy") as tx:
        if isinstance(target, PgStore):
            tx.conn.execute("SET LOCAL tracker.copy = 'on'")  # the owner keeps each entry's author
        tx.directives_db().table("directives").insert_multiple(doc(dict(d), int(k)) for k, d in directives.items())
        tx.units_db().table("units").insert_multiple(doc(dict(u), int(k)) for k, u in units.items())
        done.directives, done.units = len(directives), len(units)
        idx = tx.index()
        for did in sorted(int(k) for k in directives):
            data = source._read(f"d/{did}") or {}
            db = tx.directive_db(did)
            tasks, assigns, events = (data.get(t) or {} for t in ("tasks", "assignments", "events"))
            db.table("tasks").insert_multiple(doc(dict(t), int(k)) for k, t in tasks.items())
            db.table("assignments").insert_multiple(doc(dict(a), int(k)) for k, a in assigns.items())
            db.table("events").insert_multiple(doc(dict(e), int(k)) for k, e in events.items())
            idx.replace_directive(
                did,
                {int(k): task_entry(t) for k, t in tasks.items()},
                [row_of_assignment(int(k), a, idx.unit_code(a.get("unit") or "")) for k, a in sorted(assigns.items(), key=lambda kv: int(kv[0]))],
            )
            done.tasks += len(tasks)
            done.assignments += len(assigns)
            done.events += len(events)
            for kind, rows in (("task", tasks), ("assignment", assigns), ("event", events)):
                top = max((int(k) for k in rows), default=0)
                counters[kind] = max(counters.get(kind, 1), top + 1)
        counters["directive"] = max(counters.get("directive", 1), max((int(k) for k in directives), default=0) + 1)
        if isinstance(target, PgStore):
            tx.next_ids.update({k: counters.get(k, 1) for k in KINDS if k != "event"})
            tx.conn.execute("SELECT setval('event_ids', %s, false)", [counters.get("event", 1)])
        else:
            tx.next_ids.update({k: v for k, v in counters.items() if k in KINDS})
            tx.touch()
    if isinstance(target, PgStore):
        target.analyze()  # the copy's first questions are planned from its rows, not from the empty tables
    return done
