"""Counts the boards ask, answered by the server: the four categories per unit or per directive as of a day.

Province-wide (schema 2) they come from the maintained counts of tallies.sql:
per unit / per directive, the assignments by their day-free state (open, done
on time, done late, cancelled); the open ones past due on the day, with their
days late and ageing, from the index of open work by due day (only those rows
are read); the rows of directives issued after the day, or with an entry after
it, taken out again. Those with an entry after the day (few, unless the day is
long past) are replayed from their history in Python, as the TinyDB queries do.
Otherwise (a filter by directive, a clerk's per-directive counts, an older
database) the rows are counted. SQL judges from the stored `due`
(tracker.track.judge, written with each row) exactly as
tracker.track.assess.classify_ordinal does.
"""
from __future__ import annotations

import json
from datetime import date
from typing import Any

from tracker.track import status as st
from tracker.track.assess import AGEING, CANCELLED, LATE, NOT_DUE, ON_TIME, OVERDUE, classify_ordinal, replay
from tracker.track.judge import due_of_mode, task_mode

# One list of counts per group: on_time, late, not_due, overdue, cancelled, days late, max days late, >30, >60, >120.
WIDTH = 10
_DONE, _CANCELLED = st.DONE_CODE, st.CANCELLED_CODE
_OVER = f"(a.status NOT IN ({_DONE}, {_CANCELLED}) AND a.due > 0 AND %(day)s > a.due)"
_LATE = f"(a.status = {_DONE} AND a.due > 0 AND a.done_on > a.due)"
_SQL = f"""
SELECT {{group}},
  count(*) FILTER (WHERE a.status = {_DONE} AND NOT {_LATE}),
  count(*) FILTER (WHERE {_LATE}),
  count(*) FILTER (WHERE a.status NOT IN ({_DONE}, {_CANCELLED}) AND NOT {_OVER}),
  count(*) FILTER (WHERE {_OVER}),
  count(*) FILTER (WHERE a.status = {_CANCELLED}),
  coalesce(sum(%(day)s - a.due) FILTER (WHERE {_OVER}), 0),
  coalesce(max(%(day)s - a.due) FILTER (WHERE {_OVER}), 0),
  count(*) FILTER (WHERE {_OVER} AND %(day)s - a.due > {AGEING[0]}),
  count(*) FILTER (WHERE {_OVER} AND %(day)s - a.due > {AGEING[1]}),
  count(*) FILTER (WHERE {_OVER} AND %(day)s - a.due > {AGEING[2]})
FROM assignments a JOIN directives d ON d.id = a.directive_id {{join}}
WHERE a.flags & 1 = 0 AND d.issued <= %(day)s AND a.changed_on <= %(day)s {{where}}
GROUP BY 1
"""
_LATER = """
SELECT a.id, a.directive_id, {group}, (t.doc->'deadline')::text, d.issued{state}
FROM assignments a JOIN directives d ON d.id = a.directive_id JOIN tasks t ON t.id = a.task_id {join}
WHERE a.flags & 1 = 0 AND d.issued <= %(day)s AND a.changed_on > %(day)s {where}
"""


def category_counts(store: Any, as_of: date, *, by: str, level: str | None = None,
                    directive: int | None = None) -> dict[Any, list[int]]:
    """Group → counts (WIDTH) of the assignments not removed, as of a day; `by`: "unit" or "directive"."""
    if getattr(store, "schema", 1) >= 2 and directive is None and (by == "unit" or store.reads_all) \
            and _recent(store, as_of):
        return _from_tallies(store, as_of, by=by, level=level)
    group = "a.unit_key" if by == "unit" else "a.directive_id"
    join, where = "", ""
    params: dict[str, Any] = {"day": as_of.toordinal()}
    if level is not None:
        join = "JOIN units u ON u.key = a.unit_key"
        where += " AND u.level = %(level)s"
        params["level"] = level
    if directive is not None:
        where += " AND a.directive_id = %(did)s"
        params["did"] = int(directive)
    conn = store._conn()
    with conn.transaction():
        out = {row[0]: list(row[1:]) for row in conn.execute(_SQL.format(group=group, join=join, where=where), params)}
        later = conn.execute(_LATER.format(group=group, join=join, where=where, state=""), params).fetchall()
    if later:
        _add_replayed(store, as_of, [r[:5] for r in later], out)
    return out


# Schema 2: the maintained counts (tallies.sql). Each statement is one part; all go in one round trip.
FOLD_AT = 20_000  # log rows past which a reader folds the log into the totals
LATER_SHARE = 0.125  # directives issued after the day, past which the rows are counted instead (_recent)
_TALLY = {
    "unit": "SELECT t.unit_key, t.state, sum(t.n) FROM (SELECT unit_key, state, n FROM unit_tally UNION ALL "
            "SELECT unit_key, state, n FROM tally_log) t {join_t} GROUP BY 1, 2",
    "directive": "SELECT t.directive_id, t.state, sum(t.n) FROM (SELECT directive_id, state, n FROM directive_tally "
                 "UNION ALL SELECT directive_id, state, n FROM tally_log) t JOIN directives d ON d.id = t.directive_id "
                 "WHERE d.issued <= %(day)s GROUP BY 1, 2",
}
# Per unit: the rows of directives issued after the day (the totals count them; the day did not).
_ISSUED_LATER = """
SELECT a.unit_key, tracker_state(a.status, a.done_on, a.due), count(*)
FROM directives d JOIN assignments a ON a.directive_id = d.id {join}
WHERE d.issued > %(day)s AND a.flags & 1 = 0 {where} GROUP BY 1, 2
"""
# Open, past due on the day, no entry after it: read from the index assignments_overdue alone. Days late are
# worked out from the sum and least of the due days, ageing by comparing due days with the day's thresholds
# (fewer operations per row than subtracting in every aggregate: this is the part that grows with the store).
_OVERDUE = f"""
SELECT {{group}}, count(*), sum(a.due), min(a.due),
  count(*) FILTER (WHERE a.due < %(t30)s), count(*) FILTER (WHERE a.due < %(t60)s), count(*) FILTER (WHERE a.due < %(t120)s)
FROM assignments a {{join}}
WHERE a.status NOT IN ({_DONE}, {_CANCELLED}) AND a.flags & 1 = 0 AND a.due > 0 AND a.due < %(day)s
  AND a.changed_on <= %(day)s AND a.directive_id NOT IN (SELECT id FROM directives WHERE issued > %(day)s) {{where}}
GROUP BY 1
"""
# The counts' state names, in tallies.sql's tracker_state order, as positions in a WIDTH list.
_STATE_AT = (None, 0, 1, 4)  # open → not_due/overdue (worked out), done on time, done late, cancelled


def _recent(store: Any, as_of: date) -> bool:
    """Whether few directives were issued after the day: the totals then need little taken out again. For a
    long-past day, counting the rows once is quicker than counting half of them to take them out."""
    conn = store._conn()
    with conn.transaction():
        later, total = conn.execute("SELECT count(*) FILTER (WHERE issued > %s), count(*) FROM directives",
                                    [as_of.toordinal()]).fetchone()
    return later <= LATER_SHARE * total


def _from_tallies(store: Any, as_of: date, *, by: str, level: str | None) -> dict[Any, list[int]]:
    group = "a.unit_key" if by == "unit" else "a.directive_id"
    join, where, join_t = "", "", ""
    a = as_of.toordinal()
    # day - due > t  ⇔  due < day - t
    params: dict[str, Any] = {"day": a, "t30": a - AGEING[0], "t60": a - AGEING[1], "t120": a - AGEING[2]}
    if level is not None:
        join, join_t = "JOIN units u ON u.key = a.unit_key", "JOIN units u ON u.key = t.unit_key WHERE u.level = %(level)s"
        where = " AND u.level = %(level)s"
        params["level"] = level
    later_sql = _LATER.format(group=group, join=join, where=where, state=", tracker_state(a.status, a.done_on, a.due)")
    conn = store._conn()
    with conn.pipeline(), conn.transaction():  # one round trip
        conn.execute("SELECT tracker_fold_tallies(%s)", [FOLD_AT])
        tallies = conn.execute(_TALLY[by].format(join_t=join_t), params)
        gone = conn.execute(_ISSUED_LATER.format(join=join, where=where), params) if by == "unit" else None
        overdue = conn.execute(_OVERDUE.format(group=group, join=join, where=where), params)
        later_cur = conn.execute(later_sql, params)
        rows = tallies.fetchall()
        gone_rows = gone.fetchall() if gone is not None else []
        over = overdue.fetchall()
        later = later_cur.fetchall()
    opened: dict[Any, int] = {}
    out: dict[Any, list[int]] = {}

    def add(g: Any, state: int, n: int) -> None:
        if state == 0:
            opened[g] = opened.get(g, 0) + n
        else:
            c = out.setdefault(g, [0] * WIDTH)
            c[_STATE_AT[state]] += n

    for g, state, n in rows:
        add(g, state, int(n))
    for g, state, n in gone_rows:
        add(g, state, -int(n))
    for r in later:  # counted in the totals as they stand now: replayed below as on the day
        add(r[2], r[5], -1)
    for g, n, dues, first, o30, o60, o120 in over:
        c = out.setdefault(g, [0] * WIDTH)
        c[3], c[5], c[6], c[7], c[8], c[9] = n, n * a - int(dues), a - first, o30, o60, o120
        opened[g] = opened.get(g, 0) - n
    for g, n in opened.items():
        out.setdefault(g, [0] * WIDTH)[2] += n
    out = {g: c for g, c in out.items() if any(c[:5])}
    if later:
        _add_replayed(store, as_of, [r[:5] for r in later], out)
    return out


def _add_replayed(store: Any, as_of: date, rows: list[Any], out: dict[Any, list[int]]) -> None:
    """Rows with an entry after the day: their state on the day from their history, judged like the rest."""
    a = as_of.toordinal()
    by_directive: dict[int, list[Any]] = {}
    for r in rows:
        by_directive.setdefault(r[1], []).append(r)
    t30, t60, t120 = AGEING
    states = replayed_states(store, [r[0] for r in rows], as_of)
    # Many rows share a task's deadline (sent as JSON text): its mode is worked out once (as dues.whole does).
    modes: dict[tuple[str | None, int], tuple[int, Any]] = {}
    schedules: dict[tuple[Any, ...], Any] = {}
    spans: dict[tuple[Any, ...], int] = {}
    for did, rs in by_directive.items():
        for aid, _did, group, deadline, issued in rs:
            code, done, ev, rep = states[aid]
            mode = modes.get((deadline, issued))
            if mode is None:
                spec = json.loads(deadline) if deadline is not None else None
                mode = modes[(deadline, issued)] = task_mode(spec, issued, schedules)
            due = due_of_mode(mode, ev, rep, spans)
            cat, days = classify_ordinal(due, code, done, a)
            c = out.setdefault(group, [0] * WIDTH)
            if cat == OVERDUE:
                c[3] += 1
                c[5] += days
                c[6] = max(c[6], days)
                c[7] += days > t30
                c[8] += days > t60
                c[9] += days > t120
            else:
                c[{ON_TIME: 0, LATE: 1, NOT_DUE: 2, CANCELLED: 4}[cat]] += 1


def replayed_states(store: Any, aids: list[int], as_of: date) -> dict[int, tuple[int, int, int, int]]:
    """aid → (status code, done, event, report ordinals) on a day, replayed from the history (only its events read)."""
    conn = store._conn()
    per: dict[int, list[dict[str, Any]]] = {aid: [] for aid in aids}
    # Only what replay() reads of an entry, and only the entries that took effect by the day (replay skips the
    # others: their order does not matter), sent as one JSON text: decoding each entry's whole record apart
    # took most of a long-past day's time (140,000 entries at 150k).
    with conn.transaction():
        text = conn.execute(
            "SELECT coalesce(json_agg(json_build_array(assignment_id, doc->'kind', doc->'on', doc->'to', doc->'seq') "
            "ORDER BY id), '[]')::text FROM events WHERE assignment_id = ANY(%s) "
            "AND (doc->>'on' IS NULL OR doc->>'on' <= %s)", [aids, as_of.isoformat()]).fetchone()[0]
    for aid, kind, on, to, seq in json.loads(text):
        e: dict[str, Any] = {"on": on, "to": to}
        if kind is not None:
            e["kind"] = kind
        if seq is not None:
            e["seq"] = seq
        per[aid].append(e)
    out = {}
    for aid, events in per.items():
        s = replay(events, as_of)  # in the order recorded, as the TinyDB queries replay
        out[aid] = (st.CODE.get(s.status, 0), _o(s.done_on), _o(s.event_on), _o(s.last_report))
    return out


def _o(day: date | None) -> int:
    return day.toordinal() if day else 0


def as_categories(c: list[int]) -> dict[str, int]:
    """The per-category counts of a directive row (categories with none left out)."""
    pairs = ((ON_TIME, c[0]), (LATE, c[1]), (NOT_DUE, c[2]), (OVERDUE, c[3]), (CANCELLED, c[4]))
    return {k: int(n) for k, n in pairs if n}
