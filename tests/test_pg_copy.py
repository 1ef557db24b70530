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
