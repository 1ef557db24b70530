"""The boards as they stood on a past day, on PostgreSQL: the history up to the day is replayed by the server
(tracker/store/pg/counts.py _REPLAY), not in Python.

- Case by case, the state the server replays (status, done day, event date, last report) is what
  tracker.track.assess.replay gives from the same entries: entries in the order recorded (`seq` first), entries
  without a status, with an empty one or an unknown one, without a day, event dates set and cleared, entries
  dated after the day, other kinds of entries.
- The overdue board and the directive list on past days (through the maintained counts and by counting the
  rows) are what judging every assignment through the Python replay gives (the Queries' own path).
"""
from __future__ import annotations

import random
import sys
from datetime import date, datetime
from pathlib import Path

import psycopg
import pytest

from pgserver import pg_server, pg_url  # noqa: F401  (fixtures)
from tracker.store import open_store
from tracker.store.counts import Counts
from tracker.store.pg.counts import replayed_states
from tracker.track import status as st
from tracker.track.assess import ON_TIME, replay

ROOT = Path(__file__).resolve().parent.parent
DAYS = [date(2022, 2, 1), date(2022, 5, 15), date(2022, 8, 1), date(2022, 11, 20), date(2023, 3, 1)]
T0 = datetime(2026, 1, 2, 9, 0, 0)


@pytest.fixture(scope="module")
def synth_db(pg_server):
    """A small synthetic province-year (every deadline kind, entries over the year) on the server."""
    sys.path.insert(0, str(ROOT / "bench"))
    import synth

    url = pg_server.new_database()
    synth.build_store(url, directives=12, tasks=120, assignments=900, events=1800, seed=5)
    return url


def odd_histories(url: str, n: int, seed: int) -> list[int]:
    """Give `n` assignments a made-up history of every kind of entry (written as the owner, straight into the
    table, as a copy or an older tracker may have left it). Returns their ids."""
    rng = random.Random(seed)
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute("SELECT id, directive_id FROM assignments ORDER BY id LIMIT %s", [n]).fetchall()
        conn.execute("DELETE FROM events WHERE assignment_id = ANY(%s)", [[r[0] for r in rows]])
        days = [None] + [date(2022, m, d).isoformat() for m in (1, 3, 5, 7, 9, 11) for d in (1, 15)]
        statuses = [*st.STATUSES, None, "", "khong_ro"]
        for aid, did in rows:
            for _ in range(rng.randint(0, 7)):
                roll = rng.random()
                on = rng.choice(days)
                if roll < 0.65:
                    doc = {"kind": "status", "on": on, "to": rng.choice(statuses)}
                elif roll < 0.85:
                    doc = {"kind": "event_date", "on": on}
                elif roll < 0.92:
                    doc = {"on": on, "to": rng.choice(statuses)}  # no kind: a status entry
                else:
                    doc = {"kind": "note", "on": on, "to": st.DONE}  # not a status: replay skips it
                if rng.random() < 0.15:
                    doc["seq"] = rng.choice([-1, 1, 2, 2.5])
                doc = {k: v for k, v in doc.items() if not (k == "to" and v is None and rng.random() < 0.5)}
                doc.update(assignment=aid, at="2026-01-02T09:00:00", by="x")
                conn.execute(
                    "INSERT INTO events (id, assignment_id, directive_id, kind, at, on_day, doc) "
                    "VALUES (nextval('event_ids'), %s, %s, %s, '2026-01-02T09:00:00', %s, %s)",
                    [aid, did, doc.get("kind", "status"), doc.get("on"), psycopg.types.json.Jsonb(doc)])
        conn.execute("UPDATE assignments SET changed_on = 800000 WHERE id = ANY(%s)", [[r[0] for r in rows]])
    return [r[0] for r in rows]


def python_states(url: str, aids: list[int], day: date) -> dict[int, tuple[int, int, int, int]]:
    with psycopg.connect(url, autocommit=True) as conn:
        got = conn.execute("SELECT assignment_id, doc FROM events WHERE assignment_id = ANY(%s) ORDER BY id",
                           [aids]).fetchall()
    per: dict[int, list] = {aid: [] for aid in aids}
    for aid, doc in got:
        per[aid].append(doc)

    def o(d):
        return d.toordinal() if d else 0

    return {aid: (st.CODE.get(s.status, 0), o(s.done_on), o(s.event_on), o(s.last_report))
            for aid, s in ((aid, replay(es, day)) for aid, es in per.items())}


def test_the_server_replays_each_history_as_tracker_track_does(pg_url):
    # A few real entries first (the store's own writes), then made-up histories of every kind.
    open_store(pg_url)
    sys.path.insert(0, str(ROOT / "bench"))
    import synth

    synth.build_store(pg_url, directives=3, tasks=30, assignments=300, events=400, seed=11)
    real = [r[0] for r in psycopg.connect(pg_url, autocommit=True).execute(
        "SELECT DISTINCT assignment_id FROM events ORDER BY 1 DESC LIMIT 60").fetchall()]
    aids = odd_histories(pg_url, 200, seed=3)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        kinds = conn.execute("SELECT count(DISTINCT doc->>'to'), count(*) FILTER (WHERE doc ? 'seq'), "
                             "count(*) FILTER (WHERE on_day IS NULL) FROM events WHERE assignment_id = ANY(%s)",
                             [aids]).fetchone()
        assert kinds[0] >= len(st.STATUSES) and kinds[1] > 10 and kinds[2] > 10  # the cases are there
        for day in [*DAYS, date(2021, 1, 1)]:
            want = python_states(pg_url, aids + real, day)
            for schema in (3, 2):  # from the entries' columns, and from their records (an older database)
                server = replayed_states(conn, aids + real, day, schema)
                for aid in aids + real:
                    assert server[aid] == want[aid], (aid, day, schema)
        # Enough of each outcome to mean something: done with its day, an event date, a report.
        last = replayed_states(conn, aids, DAYS[-1])
        assert sum(1 for s in last.values() if s[0] == st.DONE_CODE and s[1]) > 10
        assert sum(1 for s in last.values() if s[2]) > 10 and sum(1 for s in last.values() if s[3]) > 50


def by_python(store, day):
    """The boards judged through the Queries' own path: every row with an entry after the day replayed in Python."""
    store.due_columns = lambda: None  # (no due column on a server: every row judged over the snapshot)
    units = {u.unit_key: u for u in Counts.unit_counts(store, day)}
    rows = {d.id: d for d in Counts.directives(store, day)}
    return units, rows


def by_server(store, day):
    units = {u.unit_key: u for u in store.unit_counts(day)}
    rows = {d.id: d for d in store.directives(day)}
    return units, rows


@pytest.mark.parametrize("share", [0.0, 1.0])  # by counting the rows / from the maintained counts
def test_the_boards_on_past_days_are_the_python_replays(synth_db, monkeypatch, share):
    import tracker.store.pg.counts as counts

    monkeypatch.setattr(counts, "LATER_SHARE", share)
    odd_histories(synth_db, 120, seed=8)
    store = open_store(synth_db)
    # A recurring task's due moves with its last report, an event's with its event date: both kinds are replayed.
    with psycopg.connect(synth_db, autocommit=True) as conn:
        kinds = {k for (k,) in conn.execute(
            "SELECT DISTINCT t.doc->'deadline'->>'kind' FROM assignments a JOIN tasks t ON t.id = a.task_id "
            "WHERE a.changed_on > %s", [DAYS[2].toordinal()])}
    assert {"recurring", "event", "relative"} <= kinds
    for day in DAYS:
        units, rows = by_server(store, day)
        want_units, want_rows = by_python(store, day)
        assert rows == want_rows, day
        assert units.keys() == want_units.keys(), day
        for key, u in units.items():
            assert u == want_units[key], (day, key)
    assert any(u.overdue for u in units.values()) and any(u.late for u in units.values())


def test_a_schema_2_database_is_brought_up_to_date_by_its_owner_and_answers_the_same(pg_server):
    from test_pg_tallies import SCHEMA_2

    sys.path.insert(0, str(ROOT / "bench"))
    import synth

    url = pg_server.new_database()
    synth.build_store(url, directives=4, tasks=40, assignments=400, events=800, seed=2)
    store = open_store(url)
    before = {day: by_server(store, day) for day in DAYS}
    pg_server.sql(url, SCHEMA_2)
    assert pg_server.sql(url, "SELECT count(*) FROM pg_indexes WHERE indexname IN ('assignments_unit', 'assignments_changed')") \
        == [(2,)]
    owner = open_store(url)
    assert owner.schema == 4 and pg_server.sql(url, "SELECT value FROM tracker_meta WHERE key = 'schema'") == [("4",)]
    assert {r[0] for r in pg_server.sql(url, "SELECT indexname FROM pg_indexes WHERE tablename = 'assignments'")} == {
        "assignments_pkey", "assignments_directive", "assignments_task", "assignments_overdue", "assignments_changed_rows"}
    assert {r[0] for r in pg_server.sql(url, "SELECT indexname FROM pg_indexes WHERE tablename = 'events'")} == {
        "events_pkey", "events_directive", "events_replay"}
    # The user-stamping triggers are called only when a statement leaves something to correct.
    assert pg_server.sql(url, "SELECT count(*) FROM pg_trigger WHERE tgname IN ('entry_by', 'assignment_change') "
                              "AND tgqual IS NOT NULL") == [(2,)]
    assert {day: by_server(owner, day) for day in DAYS} == before
    # Changes after the upgrade carry their user, as before.
    aid = pg_server.sql(url, "SELECT id FROM assignments WHERE child = 0 AND flags & 1 = 0 ORDER BY id LIMIT 1")[0][0]
    owner.set_status(aid, st.DONE, on=date(2022, 12, 1), by="someone else", now=T0)
    user = pg_server.sql(url, "SELECT current_user")[0][0]
    assert pg_server.sql(url, "SELECT changed_by, status FROM assignments WHERE id = %s", [aid]) == [(user, st.DONE_CODE)]
    assert owner.history(aid)[-1].by == user
    pg_server.sql(url, "UPDATE assignments SET changed_by = 'forged' WHERE id = %s", [aid])
    assert pg_server.sql(url, "SELECT changed_by FROM assignments WHERE id = %s", [aid]) == [(user,)]


def tamper(url: str) -> None:
    """Change every kept answer (one more assignment on time for each group): seen only if it is answered again."""
    pg_server_sql(url, "UPDATE past_counts SET counts = (SELECT jsonb_object_agg(g, jsonb_set(c, '{0}', to_jsonb((c->>0)::int + 1))) "
                       "FROM jsonb_each(counts) AS x(g, c))")


def pg_server_sql(url: str, statement: str, params: list | None = None) -> list:
    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(statement, params)
        return cur.fetchall() if cur.description else []


def load_one(url: str, synth) -> None:
    units = synth.SynthUnits()
    drafts = synth.make_drafts(units, directives=1, tasks=5, assignments=40, seed=77)
    drafts[0].header.number, drafts[0].source.sha256 = "777/KH-UBND", "7" * 64
    open_store(url).save_drafts(drafts, units=units)


def on_time(url: str) -> dict:
    store = open_store(url)
    return {u.unit_key: u.on_time for u in store.unit_counts(DAYS[1])} | \
        {d.id: d.counts.get(ON_TIME, 0) for d in store.directives(DAYS[1])}


def test_a_past_days_boards_are_kept_until_a_write_changes_that_day(pg_server):
    sys.path.insert(0, str(ROOT / "bench"))
    import synth

    url = pg_server.new_database()
    synth.build_store(url, directives=5, tasks=50, assignments=500, events=900, seed=9)
    day = DAYS[1]

    def same_as_python() -> None:
        assert by_server(open_store(url), day) == by_python(open_store(url), day)

    same_as_python()
    assert {r[0] for r in pg_server_sql(url, "SELECT key FROM past_counts")} == {
        f"unit|||{day.isoformat()}", f"directive|||{day.isoformat()}"}
    before = on_time(url)
    tamper(url)
    bumped = on_time(url)
    assert all(bumped[g] == n + 1 for g, n in before.items() if n)  # the kept answers are what comes back
    # An entry dated after the day cannot change it: still the kept answer.
    store = open_store(url)
    aid = next(a.id for a in store.assignments(DAYS[-1]) if not a.child_directive_id)
    store.set_status(aid, st.DONE, on=DAYS[2], note="x")
    assert on_time(url) == bumped
    # One dated on or before it can: counted again, as Python replays it.
    store.set_status(aid, "dang_thuc_hien", on=date(2022, 5, 1), note="x")
    assert on_time(url) != bumped
    same_as_python()
    # So can a load, an entry without a day, a unit; and a day not yet over is never kept.
    for write in (
        lambda: load_one(url, synth),
        lambda: pg_server_sql(url, "INSERT INTO events (id, assignment_id, directive_id, kind, at, on_day, doc) "
                                   "SELECT nextval('event_ids'), id, directive_id, 'status', 'x', NULL, jsonb_build_object("
                                   "'kind', 'status', 'to', 'hoan_thanh', 'assignment', id, 'at', 'x', 'by', 'x') "
                                   "FROM assignments WHERE id = %s", [aid]),
        lambda: pg_server_sql(url, "UPDATE units SET level = level WHERE key = (SELECT min(key) FROM units)"),
    ):
        open_store(url).unit_counts(day)
        open_store(url).directives(day)
        tamper(url)
        bumped = on_time(url)
        write()
        assert on_time(url) != bumped
        same_as_python()
    open_store(url).unit_counts(date.today())
    assert not pg_server_sql(url, "SELECT key FROM past_counts WHERE day >= %s", [date.today().isoformat()])
    # The log keeps only what a kept answer may still need.
    assert pg_server_sql(url, "SELECT count(*) FROM past_log")[0][0] <= 3
