"""The slow, obvious answer the store's fast paths are checked against: every
history of every directive issued by a day, replayed with the track functions."""
from __future__ import annotations

from datetime import date
from typing import Any, Iterator

from tracker.track import assess, document_day, due_date, replay


def replayed(store: Any, as_of: date) -> Iterator[tuple[int, int, dict, dict, Any, date | None, Any]]:
    """(directive id, assignment id, assignment, task, replayed state, due date, assessment) for
    every assignment (removed ones included) of the directives issued by `as_of`."""
    for d in store.directives(as_of):
        data = store._directive_data(d.id)
        issued = document_day(d.date)
        if issued > as_of:
            continue
        events: dict[int, list] = {}
        for k, e in data["events"].items():
            events.setdefault(e["assignment"], []).append(dict(e, seq=int(k)))
        for k, a in data["assignments"].items():
            st = replay(events.get(int(k), []), as_of)
            t = data["tasks"][str(a["task"])]
            due = due_date(t["deadline"], issued=issued, event_on=st.event_on, last_report=st.last_report)
            yield d.id, int(k), a, t, st, due, assess(due=due, status=st.status, done_on=st.done_on, as_of=as_of)
