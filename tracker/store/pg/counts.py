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
from tracker.track.assess import AGEING, CANCELLED, LATE, NOT_DUE, ON_TIME, OVERDUE, classify_ordinal
from tracker.track.judge import due_of_mode, task_mode

# One list of counts per group: on_time, late, not_due, overdue, cancelled, days late, max days late, >30, >60, >120.
WIDTH = 10
_DONE, _CANCELLED = st.DONE_CODE, st.CANCELLED_CODE
_OVER = f"(a.status NOT IN ({_DONE}, {_CANCELLED}) AND a.due > 0 AND %(day)s > a.due)"
_LATE = f"(a.status = {_DONE} AND a.due > 0 AND a.done_on > a.due)"
# The four categories and ageing of rows `a` (status code, done_on, due), as classify_ordinal judges them.
_COUNTS = f"""
  count(*) FILTER (WHERE a.status = {_DONE} AND NOT {_LATE}),
  count(*) FILTER (WHERE {_LATE}),
  count(*) FILTER (WHERE a.status NOT IN ({_DONE}, {_CANCELLED}) AND NOT {_OVER}),
  count(*) FILTER (WHERE {_OVER}),
  count(*) FILTER (WHERE a.status = {_CANCELLED}),
  coalesce(sum(%(day)s - a.due) FILTER (WHERE {_OVER}), 0),
  coalesce(max(%(day)s - a.due) FILTER (WHERE {_OVER}), 0),
  count(*) FILTER (WHERE {_OVER} AND %(day)s - a.due > {AGEING[0]}),
  count(*) FILTER (WHERE {_OVER} AND %(day)s - a.due > {AGEING[1]}),
  count(*) FILTER (WHERE {_OVER} AND %(day)s - a.due > {AGEING[2]})"""
_SQL = f"""
SELECT {{group}}, {_COUNTS.replace("{", "{{").replace("}", "}}")}
FROM assignments a JOIN directives d ON d.id = a.directive_id {{join}}
WHERE a.flags & 1 = 0 AND d.issued <= %(day)s AND a.changed_on <= %(day)s {{where}}
GROUP BY 1
"""
# The rows with an entry after the day (their row is not their state on the day), grouped by their state now.
_LATER_NOW = """
SELECT {group}, tracker_state(a.status, a.done_on, a.due), count(*)
FROM assignments a JOIN directives d ON d.id = a.directive_id {join}
WHERE a.flags & 1 = 0 AND d.issued <= %(day)s AND a.changed_on > %(day)s {where}
GROUP BY 1, 2
"""

# Compiling these queries (their estimates pass the server's JIT threshold) takes longer than running them.
# The replay sorts the entries of the day in memory (the default 4 MB spills a long-past day's to disk).
_NO_JIT = "SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)"

# Their state on the day, replayed by the server from their history: tracker.track.assess.replay's rule
# (tests/test_pg_asof.py checks it case by case against replay). Entries count in the order recorded (`seq`,
# else their id: k) from their `on` day; a status entry without `to` keeps the status; "done on" is the day of
# the first "done" after the last entry to another status (r counts those); the last report is the latest
# status entry's day; the event date is the last event-date entry's. A value is picked by its entry's order in
# one integer (order × 2^21 + value: a day ordinal < 2^21) and a plain max/min: PostgreSQL 15 sorts an
# ordered aggregate once per group, and arrays cost more than twice as much. Day ordinals as Python's.
_REPLAY = """
e AS MATERIALIZED (
  SELECT e.assignment_id AS aid, e.id, e.kind = 'status' AS is_status, coalesce(@SEQ@, 0) AS seq,
         @TO@ AS to_, coalesce(array_position(%(keys)s::text[], @TO@) - 1, 0) AS c,
         coalesce(e.on_day::date - DATE '0001-01-01' + 1, 0) AS o
  FROM events e JOIN later l ON l.id = e.assignment_id
  WHERE e.kind IN ('status', 'event_date') AND (e.on_day IS NULL OR e.on_day <= %(iso)s)
),
w AS (
  SELECT aid, is_status, to_, c, o, row_number() OVER w AS k,
         count(*) FILTER (WHERE is_status AND to_ IS NOT NULL AND to_ <> %(done_key)s) OVER w AS r
  FROM e WINDOW w AS (PARTITION BY aid ORDER BY seq, id ROWS UNBOUNDED PRECEDING)
),
s AS (
  SELECT aid,
    max(k * 2097152 + c) FILTER (WHERE is_status AND to_ IS NOT NULL) AS last_st,
    min(k * 2097152 + o - r * 4398046511104) FILTER (WHERE is_status AND to_ = %(done_key)s) AS first_done,
    max(o) FILTER (WHERE is_status) AS rep,
    max(k * 2097152 + o) FILTER (WHERE NOT is_status) AS last_ev
  FROM w GROUP BY aid
),
replayed AS (
  SELECT l.*, r.code,
         CASE WHEN r.code = %(done_code)s THEN coalesce((s.first_done & 2097151)::integer, 0) ELSE 0 END AS done_on,
         coalesce(s.rep, 0) AS rep, coalesce((s.last_ev & 2097151)::integer, 0) AS ev
  FROM later l LEFT JOIN s ON s.aid = l.id,
       LATERAL (SELECT coalesce((s.last_st & 2097151)::smallint, %(initial)s) AS code) r
)"""
_LATER_FROM = """FROM assignments a JOIN directives d ON d.id = a.directive_id {join}
  WHERE a.flags & 1 = 0 AND d.issued <= %(day)s AND a.changed_on > %(day)s {where}"""
_LATER_ROWS = "later AS MATERIALIZED (SELECT a.id, {group} AS g, a.task_id, a.event_on, a.report_on, a.due, d.issued " \
              + _LATER_FROM + ")"
# The replayed rows counted: by the server where the stored due still holds on the day (a fixed deadline; one
# that counts from an event with the same event date then; a recurring one with the same last report), the
# others (their due moves with the replayed dates: tracker.track.judge) sent with their task's deadline.
_REPLAYED_COUNTS = f"""
WITH {{later}}, {_REPLAY},
tk AS MATERIALIZED (SELECT id, @KIND@ AS kind FROM tasks WHERE id IN (SELECT DISTINCT task_id FROM later)),
j AS (
  SELECT r.g, r.task_id, r.issued, r.code AS status, r.done_on, r.ev, r.rep, r.due,
         (t.kind NOT IN ('relative', 'event', 'recurring') OR (t.kind <> 'recurring' AND r.ev = r.event_on)
          OR (t.kind = 'recurring' AND r.rep = r.report_on)) AS kept
  FROM replayed r JOIN tk t ON t.id = r.task_id
)
SELECT 0, a.g, {_COUNTS.replace("{", "{{").replace("}", "}}")}, NULL FROM j a WHERE a.kept GROUP BY a.g
UNION ALL
SELECT 1, a.g, a.task_id, a.issued, a.status, a.done_on, a.ev, a.rep, 0, 0, 0, 0, NULL FROM j a WHERE NOT a.kept
UNION ALL
SELECT 2, NULL, t.id, 0, 0, 0, 0, 0, 0, 0, 0, 0, (t.doc->'deadline')::text FROM tasks t
WHERE t.id IN (SELECT task_id FROM j WHERE NOT kept)
"""


def category_counts(store: Any, as_of: date, *, by: str, level: str | None = None,
                    directive: int | None = None) -> dict[Any, list[int]]:
    """Group → counts (WIDTH) of the assignments not removed, as of a day; `by`: "unit" or "directive".
    A day before today is answered again from the answer kept for it while no write since could change it
    (schema 4, see _kept); for those who read the whole province only (a clerk's answer is her own)."""
    if not (getattr(store, "schema", 1) >= 4 and store.reads_all and as_of < date.today()):
        return _counted(store, as_of, by=by, level=level, directive=directive)
    key = f"{by}|{level or ''}|{directive if directive is not None else ''}|{as_of.isoformat()}"
    made, kept = _kept(store, key, as_of)
    if kept is not None:
        return kept if by == "unit" else {int(g): c for g, c in kept.items()}
    out = _counted(store, as_of, by=by, level=level, directive=directive)
    if made is not None:
        _keep(store, key, as_of, made, out)
    return out


# A kept answer holds while no write logged since the oldest transaction its counting could have missed changed
# a day up to its own (schema4.sql: past_log, past_counts).
_KEPT = """SELECT pg_snapshot_xmin(pg_current_snapshot()), (SELECT c.counts::text FROM past_counts c
  WHERE c.key = %(key)s AND NOT EXISTS (SELECT 1 FROM past_log l WHERE l.day <= %(iso)s AND l.xid >= c.made))"""


def _kept(store: Any, key: str, as_of: date) -> tuple[Any, dict[Any, list[int]] | None]:
    """(the oldest transaction a counting started now could miss, the answer kept for `key` if it holds)."""
    import psycopg

    conn = store._conn()
    try:
        with conn.transaction():
            made, text = conn.execute(_KEPT, {"key": key, "iso": as_of.isoformat()}).fetchone()
    except psycopg.Error:
        return None, None  # a login without the kept answers' rights (or a read-only server) counts every time
    return made, (json.loads(text) if text is not None else None)


def _keep(store: Any, key: str, as_of: date, made: Any, out: dict[Any, list[int]]) -> None:
    import psycopg
    from psycopg.types.json import Jsonb

    conn = store._conn()
    try:
        with conn.transaction():
            conn.execute("SELECT tracker_keep_past(%s, %s, %s, %s)",
                         [key, as_of.isoformat(), made, Jsonb({str(g): [int(x) for x in c] for g, c in out.items()})])
    except psycopg.Error:
        pass  # only a quicker next ask: a read-only server (a standby) or a login without the right answers as before


def _counted(store: Any, as_of: date, *, by: str, level: str | None = None,
             directive: int | None = None) -> dict[Any, list[int]]:
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
    with conn.pipeline(), conn.transaction():  # one round trip
        conn.execute(_NO_JIT)
        counted = conn.execute(_SQL.format(group=group, join=join, where=where), params)
        replayed = _replayed_counts(conn, as_of, group, join, where, params, getattr(store, "schema", 1))
        out = {row[0]: list(row[1:]) for row in counted.fetchall()}
        rows = replayed.fetchall()
    _add_replayed(as_of, rows, out)
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
    conn = store._conn()
    with conn.pipeline(), conn.transaction():  # one round trip
        conn.execute(_NO_JIT)
        conn.execute("SELECT tracker_fold_tallies(%s)", [FOLD_AT])
        tallies = conn.execute(_TALLY[by].format(join_t=join_t), params)
        gone = conn.execute(_ISSUED_LATER.format(join=join, where=where), params) if by == "unit" else None
        overdue = conn.execute(_OVERDUE.format(group=group, join=join, where=where), params)
        later_cur = conn.execute(_LATER_NOW.format(group=group, join=join, where=where), params)
        replayed = _replayed_counts(conn, as_of, group, join, where, params, getattr(store, "schema", 1))
        rows = tallies.fetchall()
        gone_rows = gone.fetchall() if gone is not None else []
        over = overdue.fetchall()
        later = later_cur.fetchall()
        replayed_rows = replayed.fetchall()
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
    for g, state, n in later:  # counted in the totals as they stand now: replayed below as on the day
        add(g, state, -int(n))
    for g, n, dues, first, o30, o60, o120 in over:
        c = out.setdefault(g, [0] * WIDTH)
        c[3], c[5], c[6], c[7], c[8], c[9] = n, n * a - int(dues), a - first, o30, o60, o120
        opened[g] = opened.get(g, 0) - n
    for g, n in opened.items():
        out.setdefault(g, [0] * WIDTH)[2] += n
    out = {g: c for g, c in out.items() if any(c[:5])}
    _add_replayed(as_of, replayed_rows, out)
    return {g: c for g, c in out.items() if any(c[:5])}


# What a replay reads of an entry and a task: schema 3's columns (schema3.sql), else (an older database read
# by a login that may not upgrade it) their records.
_COLUMNS = {3: {"@SEQ@": "e.seq", "@TO@": "e.to_status", "@KIND@": "deadline_kind"},
            2: {"@SEQ@": "CASE WHEN jsonb_typeof(e.doc->'seq') = 'number' THEN (e.doc->>'seq')::float8 END",
                "@TO@": "nullif(e.doc->>'to', '')", "@KIND@": "coalesce(doc->'deadline'->>'kind', '')"}}


def _for_schema(sql: str, schema: int) -> str:
    for mark, text in _COLUMNS[3 if schema >= 3 else 2].items():
        sql = sql.replace(mark, text)
    return sql


def _replay_params(as_of: date) -> dict[str, Any]:
    return {"iso": as_of.isoformat(), "done_key": st.DONE, "keys": list(st.STATUSES), "done_code": _DONE,
            "initial": st.CODE[st.INITIAL]}


def _replayed_counts(conn: Any, as_of: date, group: str, join: str, where: str, params: dict[str, Any],
                     schema: int) -> Any:
    """The cursor of _REPLAYED_COUNTS over the rows with an entry after the day (see _add_replayed)."""
    later = _LATER_ROWS.format(group=group, join=join, where=where)
    return conn.execute(_for_schema(_REPLAYED_COUNTS.format(later=later), schema), {**params, **_replay_params(as_of)})


def _add_replayed(as_of: date, rows: list[Any], out: dict[Any, list[int]]) -> None:
    """Add the rows with an entry after the day, replayed by the server (_REPLAYED_COUNTS): its counts, and the
    rows whose due moved with the replayed dates judged here (tracker.track.judge, classify_ordinal)."""
    a = as_of.toordinal()
    t30, t60, t120 = AGEING
    deadlines = {r[2]: r[12] for r in rows if r[0] == 2}
    # Many rows share a task's deadline: its mode is worked out once (as dues.whole does).
    modes: dict[tuple[int, int], tuple[int, Any]] = {}
    schedules: dict[tuple[Any, ...], Any] = {}
    spans: dict[tuple[Any, ...], int] = {}
    for r in rows:
        if r[0] == 0:
            c = out.setdefault(r[1], [0] * WIDTH)
            for k in range(WIDTH):
                c[k] = max(c[k], int(r[2 + k])) if k == 6 else c[k] + int(r[2 + k])
            continue
        if r[0] != 1:
            continue
        _flag, group, tid, issued, code, done, ev, rep = r[:8]
        mode = modes.get((tid, issued))
        if mode is None:
            text = deadlines.get(tid)
            spec = json.loads(text) if text is not None else None
            mode = modes[(tid, issued)] = task_mode(spec, issued, schedules)
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


_STATES = f"""
WITH later AS MATERIALIZED (SELECT id FROM assignments WHERE id = ANY(%(aids)s)),
{_REPLAY}
SELECT id, code, done_on, ev, rep FROM replayed
"""


def replayed_states(conn: Any, aids: list[int], as_of: date, schema: int = 3) -> dict[int, tuple[int, int, int, int]]:
    """aid → (status code, done, event, report ordinals) on a day, replayed by the server from the history
    (the rule the counts use; tests/test_pg_asof.py compares it with tracker.track.assess.replay)."""
    rows = conn.execute(_for_schema(_STATES, schema), {"aids": list(aids), **_replay_params(as_of)}).fetchall()
    return {int(aid): (int(code), int(done), int(ev), int(rep)) for aid, code, done, ev, rep in rows}


def as_categories(c: list[int]) -> dict[str, int]:
    """The per-category counts of a directive row (categories with none left out)."""
    pairs = ((ON_TIME, c[0]), (LATE, c[1]), (NOT_DUE, c[2]), (OVERDUE, c[3]), (CANCELLED, c[4]))
    return {k: int(n) for k, n in pairs if n}
