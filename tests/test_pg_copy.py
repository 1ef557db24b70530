"""`tracker db copy`: a TinyDB folder to PostgreSQL and back, history and ids kept, every answer the same."""
from __future__ import annotations

from datetime import date

from conftest import store_cli
from pgserver import pg_server, pg_url  # noqa: F401  (fixtures)
from test_pg_crosscheck import ask, drafts, run_scenario  # noqa: F401  (drafts: a fixture)
from tracker.store import open_store


def test_round_trip_tinydb_to_postgresql_to_tinydb_answers_alike(tmp_path, pg_url, drafts):
    first = tmp_path / "first"
    run_scenario(open_store(first), drafts)
    before = ask(open_store(first))

    r = store_cli("db", "copy", str(first), pg_url)
    assert r.returncode == 0, r.stderr
    assert "Đã chép 3 văn bản" in r.stdout
    on_server = ask(open_store(pg_url))

    back = tmp_path / "back"
    r = store_cli("db", "copy", pg_url, str(back))
    assert r.returncode == 0, r.stderr
    after = ask(open_store(back))

    for key in before:  # history with its authors, ids, links, every query as of every day
        assert on_server[key] == before[key], key
        assert after[key] == before[key], key
    # Each copy goes on where its source stopped: a new entry gets a new id.
    last = max(e["id"] for evs in before["history"].values() for e in evs)
    for store in (open_store(pg_url), open_store(back)):
        aid = store.assignments(date(2026, 6, 1))[0].id
        assert store.set_status(aid, "dang_thuc_hien", on=date(2026, 6, 1)).id > last


def test_copy_into_a_store_with_data_is_refused_and_changes_nothing(tmp_path, pg_url, drafts):
    first = tmp_path / "first"
    run_scenario(open_store(first), drafts)
    assert store_cli("db", "copy", str(first), pg_url).returncode == 0
    r = store_cli("db", "copy", str(first), pg_url)
    assert r.returncode == 2 and "đã có dữ liệu" in r.stderr and "Traceback" not in r.stderr
    r = store_cli("db", "copy", str(tmp_path / "nothing"), str(tmp_path / "x"))
    assert r.returncode == 2 and "không phải kho dữ liệu" in r.stderr


def test_a_copy_leaves_the_planner_statistics_of_its_rows(tmp_path, pg_server, pg_url, drafts):
    """Queries right after a copy are planned from the copied rows, not from the empty tables (autovacuum would
    take them a minute or more later: a replay planned for no changed rows ran for minutes at 450k)."""
    first = tmp_path / "first"
    run_scenario(open_store(first), drafts)
    assert store_cli("db", "copy", str(first), pg_url).returncode == 0
    rows = pg_server.sql(pg_url, "SELECT c.relname, s.last_analyze IS NOT NULL, c.reltuples::bigint FROM pg_class c "
                                 "JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname IN ('assignments', 'events')")
    counts = {t: pg_server.sql(pg_url, f"SELECT count(*) FROM {t}")[0][0] for t in ("assignments", "events")}
    assert all(counts.values())
    assert {name: (analyzed, n) for name, analyzed, n in rows} == {t: (True, counts[t]) for t in counts}


def test_only_the_owner_analyzes(pg_server, pg_url, drafts):
    store = open_store(pg_url)
    store.save_drafts(list(drafts.values())[:1])
    assert store.analyze()
    pg_server.sql(pg_url, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'chair_an') THEN "
                          "CREATE ROLE chair_an LOGIN IN ROLE tracker_chair; END IF; END $$")
    chair = open_store(pg_url.replace("tracker_admin@", "chair_an@"))
    assert chair.analyze() is False  # nothing done, nothing raised
