"""The PostgreSQL store's maintained counts (tracker/store/pg/tallies.sql): what the overdue board and the
first screen read instead of every assignment.

- The day-free state the totals keep is tracker.track.assess.classify_ordinal's rule, case by case.
- After loads, a re-load, status changes (one by one and in batches) and a fold of the log, the totals are
  what counting the rows gives, and every board answers as counting the rows does, on days before, during
  and after the work.
- A database made before the counts existed gets them when its owner opens it (a clerk's open leaves it
  and still answers), with the same answers.
"""
from __future__ import annotations

import copy
from datetime import date, datetime

import psycopg
import pytest

from conftest import DIRECTIVES
from pgserver import pg_server, pg_url  # noqa: F401  (fixtures)
from tracker.store import StatusChange, open_store
from tracker.store.pg.counts import category_counts
from tracker.track import status as st
from tracker.track.assess import CANCELLED, LATE, ON_TIME, classify_ordinal

FILES = ["hai-duong-2333-2022.txt", "tu-ky-district-2022.txt", "ky-son-commune-2022.txt"]
DAYS = [date(2022, 1, 1), date(2022, 9, 1), date(2022, 12, 31), date(2026, 6, 1)]
T0 = datetime(2026, 1, 2, 9, 0, 0)
RECOUNT = """SELECT {g}, tracker_state(status, done_on, due), count(*) FROM assignments WHERE flags & 1 = 0 GROUP BY 1, 2"""
TOTALS = """SELECT {g}, state, sum(n) FROM (SELECT {g}, state, n FROM {table} UNION ALL SELECT {g}, state, n FROM tally_log) t
            GROUP BY 1, 2 HAVING sum(n) <> 0"""


@pytest.fixture(scope="module")
def drafts():
    from tracker.parse import parse_file

    return {f: parse_file(str(DIRECTIVES / f), resolve=True) for f in FILES}


def rows(url: str, sql: str) -> set:
    with psycopg.connect(url, autocommit=True) as conn:
        return {tuple(r) for r in conn.execute(sql).fetchall()}


def totals_match_rows(url: str) -> None:
    for g, table in (("unit_key", "unit_tally"), ("directive_id", "directive_tally")):
        assert rows(url, TOTALS.format(g=g, table=table)) == rows(url, RECOUNT.format(g=g))


@pytest.fixture(autouse=True)
def always_from_the_totals(monkeypatch):
    """The totals answer every day here, however many directives came after it (not only recent days)."""
    import tracker.store.pg.counts as counts

    monkeypatch.setattr(counts, "LATER_SHARE", 1.0)


def counted_both_ways(store, day: date) -> None:
    """Every count the boards ask, from the totals and by counting the rows: the same."""
    for by, level in (("unit", None), ("unit", "commune"), ("directive", None)):
        store.schema = 2
        fast = category_counts(store, day, by=by, level=level)
        store.schema = 1
        slow = category_counts(store, day, by=by, level=level)
        store.schema = 2
        assert fast == slow, (day, by, level)


def test_the_day_free_state_is_the_rule_of_classify_ordinal(pg_url):
    open_store(pg_url)
    days = [0, 738_000, 738_100, 738_200]
    cases = [(code, done, due) for code in range(len(st.STATUSES)) for done in days for due in days]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        got = conn.execute("SELECT s, d, u, tracker_state(s::smallint, d, u) FROM unnest(%s::int[], %s::int[], %s::int[]) "
                           "AS x(s, d, u)", [[c[0] for c in cases], [c[1] for c in cases], [c[2] for c in cases]]).fetchall()
    names = {1: ON_TIME, 2: LATE, 3: CANCELLED}
    for code, done, due, state in got:
        want, _days = classify_ordinal(due, code, done, 999_999)  # a day after every due: open is never "done"
        assert names.get(state, "open") == (want if want in names.values() else "open"), (code, done, due)


def test_the_totals_follow_every_write_and_answer_as_counting_the_rows(pg_url, drafts):
    store = open_store(pg_url)
    for f in FILES:
        store.save_drafts([copy.deepcopy(drafts[f])], now=T0)
    totals_match_rows(pg_url)
    again = copy.deepcopy(drafts[FILES[0]])
    again.tasks = again.tasks[: len(again.tasks) // 2]  # a re-load that drops tasks: their rows are removed
    store.save_drafts([again], now=T0)
    totals_match_rows(pg_url)
    ids = [a.id for a in store.assignments(DAYS[-1]) if not a.child_directive_id]
    assert len(ids) > 20
    for k, aid in enumerate(ids[:6]):
        store.set_status(aid, ("hoan_thanh", "khong_thuc_hien", "dang_thuc_hien")[k % 3], on=date(2022, 10, 1 + k), now=T0)
    store.set_statuses([StatusChange(aid, "hoan_thanh", date(2022, 6, 1), "xong sớm", "x") for aid in ids[6:14]], now=T0)
    store.set_status(ids[0], "dang_thuc_hien", on=date(2022, 11, 2), note="làm lại", now=T0)  # done → open again
    store.record_event_date(ids[14], date(2022, 8, 15), now=T0)
    totals_match_rows(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM tally_log").fetchone()[0] > 0
    for day in DAYS:
        counted_both_ways(open_store(pg_url), day)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert conn.execute("SELECT tracker_fold_tallies(0)").fetchone()[0] > 0
        assert conn.execute("SELECT count(*) FROM tally_log").fetchone()[0] == 0
    totals_match_rows(pg_url)
    for day in DAYS:
        counted_both_ways(open_store(pg_url), day)
    # Something is judged: the boards are not empty, some work is overdue and some done late.
    counts = category_counts(open_store(pg_url), DAYS[-1], by="unit")
    assert any(c[3] for c in counts.values()) and any(c[0] for c in counts.values())


# Schema 3 as it was made (before schema4.sql): a trigger call per assignment written. tests/test_deadline_recorded.py.
SCHEMA_3 = """
DROP TRIGGER tally_insert ON assignments;
DROP TRIGGER tally_delete ON assignments;
DROP FUNCTION tracker_tally_rows();
CREATE TRIGGER tally_insert AFTER INSERT ON assignments FOR EACH ROW EXECUTE FUNCTION tracker_tally();
CREATE TRIGGER tally_delete AFTER DELETE ON assignments FOR EACH ROW EXECUTE FUNCTION tracker_tally();
UPDATE tracker_meta SET value = '3' WHERE key = 'schema';
"""
# Schema 2 as it was made (before schema3.sql): tests/test_pg_asof.py.
SCHEMA_2 = SCHEMA_3 + """
DROP INDEX assignments_changed_rows;
ALTER TABLE events DROP COLUMN to_status, DROP COLUMN seq;
ALTER TABLE tasks DROP COLUMN deadline_kind;
CREATE INDEX events_assignment ON events (assignment_id);
CREATE INDEX assignments_changed ON assignments (changed_on);
CREATE INDEX assignments_unit ON assignments (unit_key);
DROP TRIGGER entry_by ON events;
CREATE TRIGGER entry_by BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION tracker_entry_by();
DROP TRIGGER assignment_change ON assignments;
CREATE TRIGGER assignment_change BEFORE UPDATE ON assignments FOR EACH ROW EXECUTE FUNCTION tracker_assignment_change();
UPDATE tracker_meta SET value = '2' WHERE key = 'schema';
"""
OLD_SCHEMA = SCHEMA_2 + """
DROP TABLE unit_tally, directive_tally, tally_log;
DROP FUNCTION tracker_tally() CASCADE;
DROP FUNCTION tracker_fold_tallies(integer);
DROP FUNCTION tracker_state(smallint, integer, integer);
DROP INDEX assignments_overdue, assignments_changed;
DROP STATISTICS assignments_removed;
CREATE INDEX assignments_open_due ON assignments (due) WHERE status NOT IN (2, 4) AND flags & 1 = 0;
UPDATE tracker_meta SET value = '1' WHERE key = 'schema';
"""


def test_a_database_from_before_the_counts_gets_them_when_its_owner_opens_it(pg_server, drafts):
    url = pg_server.new_database()
    store = open_store(url)
    for f in FILES:
        store.save_drafts([copy.deepcopy(drafts[f])], now=T0)
    ids = [a.id for a in store.assignments(DAYS[-1]) if not a.child_directive_id]
    store.set_statuses([StatusChange(aid, "hoan_thanh", date(2022, 7, 1 + k), "", "x") for k, aid in enumerate(ids[:10])])
    before = {day: store.overdue_by_unit(day) for day in DAYS}
    pg_server.sql(url, OLD_SCHEMA)
    # A clerk's login may not change the tables: her store answers the old way, the database stays as it is.
    if not pg_server.sql(url, "SELECT 1 FROM pg_roles WHERE rolname = 'tally_clerk'"):
        pg_server.sql(url, "CREATE ROLE tally_clerk LOGIN IN ROLE tracker_clerk")
    db = url.split("?")[0].rsplit("/", 1)[1]
    pg_server.sql(url, f"GRANT CONNECT ON DATABASE {db} TO tally_clerk")
    unit = before[DAYS[-1]][0].unit_key
    pg_server.sql(url, "INSERT INTO tracker_users VALUES ('tally_clerk', %s)", [unit])
    clerk = open_store(url.replace("tracker_admin@", "tally_clerk@"))
    assert clerk.schema == 1
    assert [u.unit_key for u in clerk.overdue_by_unit(DAYS[-1])] == [unit]
    assert pg_server.sql(url, "SELECT value FROM tracker_meta WHERE key = 'schema'") == [("1",)]
    # The owner's open brings it up to date: counts filled from the rows, the planner's statistics made.
    owner = open_store(url)
    assert owner.schema == 4
    assert pg_server.sql(url, "SELECT value FROM tracker_meta WHERE key = 'schema'") == [("4",)]
    assert pg_server.sql(url, "SELECT count(*) FROM pg_statistic_ext WHERE stxname = 'assignments_removed'") == [(1,)]
    totals_match_rows(url)
    assert {day: owner.overdue_by_unit(day) for day in DAYS} == before
    for day in DAYS:
        counted_both_ways(owner, day)
