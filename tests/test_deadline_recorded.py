"""A relative deadline is stored saying what its span counts from, so judging it never reads its phrase again.

Reading a phrase again compiles the deadline rules (task_rules/deadlines.toml): that was most of the first
status change in every process (a `tracker status` command, a clerk's new session) on stores whose deadlines
were parsed before the field existed.

- A load records it, on both backends, for a draft without it (saved by an older version, or an edited kind):
  what the reader reads in the phrase, and the due dates are the ones the phrase gives.
- A PostgreSQL database from before (schema 3) gets it when its owner opens it (schema 4), answering as before.
- Either way, a status change in a new process does not load the deadline rules.
"""
from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from pgserver import pg_server  # noqa: F401  (fixture)
from test_pg_tallies import SCHEMA_3, totals_match_rows
from tracker.store import open_store
from tracker.store.pg.core import SCHEMA

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

T0 = datetime(2026, 1, 2, 9, 0, 0)
DAYS = [date(2022, 3, 1), date(2022, 8, 1), date(2023, 1, 15)]


def older_drafts(seed: int = 4) -> tuple[list, synth.SynthUnits]:
    """Synthetic drafts whose relative spans do not say what they count from (as an older version saved them)."""
    units = synth.SynthUnits()
    drafts = synth.make_drafts(units, directives=3, tasks=60, assignments=400, seed=seed)
    n = 0
    for d in drafts:
        for t in d.tasks:
            if t.deadline is not None and t.deadline.kind == "relative":
                t.deadline.counts_from, t.deadline.anchor = None, None
                n += 1
    assert n, "the drafts hold no relative deadline"
    return drafts, units


def stored_relative(store) -> list[dict]:
    """The relative deadlines as the store keeps them (its task records)."""
    found = []
    for row in store.directives(DAYS[-1]):
        data = store._read(f"d/{row.id}")
        for t in (data.get("tasks") or {}).values():
            dl = t.get("deadline")
            if dl and dl.get("kind") == "relative":
                found.append(dl)
    return found


CHANGE_IN_NEW_PROCESS = """
import sys
from datetime import date
from tracker.store import open_store
store = open_store(sys.argv[1])
store.set_status(int(sys.argv[2]), "dang_thuc_hien", on=date(2022, 12, 1), note="x")
print("rules loaded" if "tracker.extract.deadlines" in sys.modules else "rules not loaded")
"""


def change_in_new_process(where: str, aid: int) -> str:
    r = subprocess.run([sys.executable, "-c", CHANGE_IN_NEW_PROCESS, where, str(aid)], capture_output=True, text=True,
                       cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def a_relative_assignment(store) -> int:
    for a in store.assignments(DAYS[-1]):
        if a.deadline and a.deadline.get("kind") == "relative" and not a.child_directive_id:
            return a.id
    raise AssertionError("no assignment of a relative deadline")


@pytest.fixture(params=["folder", "postgresql"])
def where(request, tmp_path) -> str:
    if request.param == "folder":
        return str(tmp_path / "db")
    return request.getfixturevalue("pg_server").new_database()


def test_a_load_records_what_a_relative_span_counts_from(where):
    drafts, units = older_drafts()
    store = open_store(where)
    store.save_drafts(copy.deepcopy(drafts), units=units, now=T0)
    # What the reader records for the phrase today: the stored deadline is the one a fresh parse gives, so the
    # due dates are too (they are worked out from the stored deadline alone).
    full = synth.make_drafts(units, directives=3, tasks=60, assignments=400, seed=4)
    want = [t.deadline.to_json() for d in full for t in d.tasks if t.deadline and t.deadline.kind == "relative"]
    assert all(dl["counts_from"] == "event" and dl["anchor"] == "khi" for dl in want)
    assert sorted(json.dumps(d, sort_keys=True) for d in stored_relative(store)) == \
        sorted(json.dumps(d, sort_keys=True) for d in want)
    assert change_in_new_process(where, a_relative_assignment(store)) == "rules not loaded"


def test_without_the_record_a_change_reads_the_phrase_again(tmp_path):
    """The check above can fail: a store holding a deadline without counts_from loads the rules to judge it."""
    where = str(tmp_path / "db")
    drafts, units = older_drafts()
    store = open_store(where)
    from tracker.store import loading

    real = loading.recorded
    try:
        loading.recorded = lambda dl: dl.to_json() if dl else None  # a load as before this change
        store.save_drafts(copy.deepcopy(drafts), units=units, now=T0)
    finally:
        loading.recorded = real
    assert all("counts_from" not in dl for dl in stored_relative(store))
    assert change_in_new_process(where, a_relative_assignment(store)) == "rules loaded"


def test_an_older_database_gets_the_record_when_its_owner_opens_it(pg_server):
    url = pg_server.new_database()
    synth.build_store(url, directives=6, tasks=80, assignments=600, events=1200, seed=3)
    store = open_store(url)
    before = {day: (store.overdue_by_unit(day), [(r.id, r.counts) for r in store.directives(day)]) for day in DAYS}
    # As schema 3 kept deadlines parsed before the field existed.
    pg_server.sql(url, "UPDATE tasks SET doc = jsonb_set(doc, '{deadline}', (doc->'deadline') - 'counts_from' - 'anchor') "
                       "WHERE deadline_kind = 'relative'")
    pg_server.sql(url, SCHEMA_3)
    n = pg_server.sql(url, "SELECT count(*) FROM tasks WHERE deadline_kind = 'relative'")[0][0]
    assert n > 0
    aid = a_relative_assignment(store)
    owner = open_store(url)
    assert owner.schema == SCHEMA == 4
    assert pg_server.sql(url, "SELECT value FROM tracker_meta WHERE key = 'schema'") == [("4",)]
    assert pg_server.sql(url, "SELECT doc->'deadline'->>'counts_from', doc->'deadline'->>'anchor', count(*) FROM tasks "
                              "WHERE deadline_kind = 'relative' GROUP BY 1, 2") == [("event", "khi", n)]
    after = {day: (owner.overdue_by_unit(day), [(r.id, r.counts) for r in owner.directives(day)]) for day in DAYS}
    assert after == before
    assert change_in_new_process(url, aid) == "rules not loaded"
    # Schema 4's counts: a load's rows, and those a re-load drops, counted per statement, matching the rows.
    assert pg_server.sql(url, "SELECT tgname, tgtype & 1 FROM pg_trigger WHERE tgname IN ('tally_insert', 'tally_delete') "
                              "ORDER BY 1") == [("tally_delete", 0), ("tally_insert", 0)]
    drafts, units = older_drafts(seed=8)
    owner.save_drafts(copy.deepcopy(drafts[:1]), units=units, now=T0)
    fewer = copy.deepcopy(drafts[:1])
    fewer[0].tasks = fewer[0].tasks[: len(fewer[0].tasks) // 2]
    owner.save_drafts(fewer, units=units, now=T0)
    totals_match_rows(url)
