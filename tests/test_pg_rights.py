"""Rights are the database's: a commune clerk's login sees and changes her commune's rows only.

A coordinator (the owner here) loads a district plan that assigns work to its
communes; a login made a member of tracker_clerk and mapped to one commune
then connects with plain SQL and with the app's store.
"""
from __future__ import annotations

import copy
from datetime import date

import psycopg
import pytest

from conftest import DIRECTIVES
from pgserver import pg_server, pg_url  # noqa: F401  (fixtures)
from tracker.errors import InputError, StoreError
from tracker.store import in_area, open_store

DAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def loaded(pg_server):
    from tracker.parse import parse_file

    url = pg_server.new_database()
    store = open_store(url)
    for f in ("hai-duong-2333-2022.txt", "tu-ky-district-2022.txt"):
        store.save_drafts([copy.deepcopy(parse_file(str(DIRECTIVES / f), resolve=True))])
    communes: dict[str, int] = {}
    for a in store.assignments(DAY):
        communes[a.unit_key] = communes.get(a.unit_key, 0) + 1
    levels = {a.unit_key: a.unit_level for a in store.assignments(DAY)}
    mine, other = sorted((k for k in communes if levels[k] == "commune"), key=lambda k: (-communes[k], k))[:2]
    db = url.split("?")[0].rsplit("/", 1)[1]
    for login, role in (("lan", "tracker_clerk"), ("minh", "tracker_coordinator"), ("chu_tich", "tracker_chair")):
        exists = pg_server.sql(url, "SELECT 1 FROM pg_roles WHERE rolname = %s", [login])
        if not exists:
            pg_server.sql(url, f"CREATE ROLE {login} LOGIN IN ROLE {role}")
        pg_server.sql(url, f"GRANT CONNECT ON DATABASE {db} TO {login}")
    pg_server.sql(url, "INSERT INTO tracker_users VALUES ('lan', %s)", [mine])
    return url, mine, other, communes


def as_login(url: str, login: str) -> str:
    return url.replace("tracker_admin@", f"{login}@")


def test_sql_as_a_commune_clerk_cannot_see_or_change_another_communes_rows(loaded):
    url, mine, other, communes = loaded
    with psycopg.connect(as_login(url, "lan"), autocommit=True) as conn:
        # Another commune's rows are invisible, hers are all there.
        assert conn.execute("SELECT count(*) FROM assignments WHERE unit_key = %s", [other]).fetchone()[0] == 0
        keys = {k for (k,) in conn.execute("SELECT DISTINCT unit_key FROM assignments")}
        assert mine in keys and all(in_area(k, mine) for k in keys)  # her commune and its own bodies
        assert conn.execute("SELECT count(*) FROM assignments").fetchone()[0] == sum(
            n for k, n in communes.items() if in_area(k, mine))
        # An UPDATE of another commune's rows changes nothing; of her own, it does.
        r = conn.execute("UPDATE assignments SET status = 2 WHERE unit_key = %s", [other])
        assert r.rowcount == 0
        r = conn.execute("UPDATE assignments SET status = status WHERE unit_key = %s", [mine])
        assert r.rowcount == communes[mine]
        # What is not a status is refused outright.
        for statement in ("UPDATE assignments SET unit_key = 'x'", "DELETE FROM assignments",
                          "INSERT INTO directives (id, doc) VALUES (999, '{}')", "DELETE FROM events",
                          "UPDATE tracker_users SET unit_key = 'x'"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    # The owner sees that the other commune's rows are untouched.
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM assignments WHERE unit_key = %s AND status = 2", [other]).fetchone()[0] == 0


def test_the_clerk_records_status_on_her_own_assignments_only_and_the_change_carries_her_login(loaded):
    url, mine, other, communes = loaded
    owner = open_store(url)
    theirs = [a.id for a in owner.assignments(DAY) if a.unit_key == other]
    clerk = open_store(as_login(url, "lan"))
    rows = [a for a in clerk.assignments(DAY) if a.unit_key == mine]
    assert rows and all(in_area(a.unit_key, mine) for a in clerk.assignments(DAY))
    assert all(in_area(u.unit_key, mine) for u in clerk.overdue_by_unit(DAY))
    ev = clerk.set_status(rows[0].id, "dang_thuc_hien", on=date(2026, 5, 2), note="đang làm", by="ai đó")
    assert ev.by == "lan"
    assert owner.history(rows[0].id)[-1].by == "lan"
    with pytest.raises(InputError):  # another commune's assignment does not exist for her
        clerk.set_status(theirs[0], "hoan_thanh", on=date(2026, 5, 2))
    assert owner.assignment(theirs[0], DAY).status == "chua_thuc_hien"
    # Loading is a coordinator's work.
    from tracker.parse import parse_file

    draft = parse_file(str(DIRECTIVES / "ky-son-commune-2022.txt"), resolve=True)
    with pytest.raises(StoreError, match="không có quyền"):
        clerk.save_drafts([copy.deepcopy(draft)])


def test_a_chair_reads_everything_and_changes_nothing_a_coordinator_loads(loaded):
    url, mine, other, communes = loaded
    chair = open_store(as_login(url, "chu_tich"))
    assert {mine, other} <= {a.unit_key for a in chair.assignments(DAY)}
    with pytest.raises(StoreError, match="không có quyền"):
        chair.set_status(chair.assignments(DAY)[0].id, "hoan_thanh", on=date(2026, 5, 2))
    from tracker.parse import parse_file

    coordinator = open_store(as_login(url, "minh"))
    [res] = coordinator.save_drafts([copy.deepcopy(parse_file(str(DIRECTIVES / "ky-son-commune-2022.txt"), resolve=True))])
    assert res.created and res.assignments_added
    assert res.parent_id is not None  # linked to the district's plan, in the coordinator's transaction


def test_a_clerk_reads_her_own_units_counts_only(loaded):
    """The maintained counts (tallies.sql) keep the rows' rights: her units' totals, no one else's, and
    no per-directive totals (they mix every unit's rows); her boards count her rows only."""
    url, mine, other, communes = loaded
    with psycopg.connect(as_login(url, "lan"), autocommit=True) as conn:
        keys = {k for (k,) in conn.execute("SELECT unit_key FROM unit_tally UNION SELECT unit_key FROM tally_log")}
        assert mine in keys and all(in_area(k, mine) for k in keys)
        assert conn.execute("SELECT count(*) FROM unit_tally WHERE unit_key = %s", [other]).fetchone()[0] == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM directive_tally")
        for statement in ("UPDATE unit_tally SET n = n + 1", "INSERT INTO tally_log VALUES ('x', 1, 0, 1000)",
                          "DELETE FROM tally_log"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    clerk = open_store(as_login(url, "lan"))
    owner = open_store(url)
    board = {u.unit_key: u for u in owner.unit_counts(DAY)}
    hers = clerk.unit_counts(DAY)
    assert hers and {u.unit_key for u in hers} == {k for k in board if in_area(k, mine)}
    assert all(u == board[u.unit_key] for u in hers)
    # Her first screen counts her rows in each directive, not the whole directive's.
    totals = {d.id: d.assignments for d in owner.directives(DAY)}
    seen = {d.id: d.assignments for d in clerk.directives(DAY) if d.assignments}
    assert seen and sum(seen.values()) == sum(1 for a in owner.assignments(DAY) if in_area(a.unit_key, mine))
    assert any(seen[d] < totals[d] for d in seen)


def test_a_past_days_kept_answers_serve_those_who_read_the_whole_province_only(loaded, pg_server):
    """schema4.sql: a chair's ask keeps the answer (through tracker_keep_past); a clerk neither reads nor writes
    kept answers, and hers stay her own rows' counts after the province's answer is kept."""
    url, mine, other, communes = loaded
    pg_server.sql(url, "DELETE FROM past_counts")
    chair = open_store(as_login(url, "chu_tich"))
    board = {u.unit_key: u for u in chair.unit_counts(DAY)}
    assert pg_server.sql(url, "SELECT key FROM past_counts") == [(f"unit|||{DAY.isoformat()}",)]
    assert {u.unit_key: u for u in open_store(as_login(url, "chu_tich")).unit_counts(DAY)} == board
    with psycopg.connect(as_login(url, "lan"), autocommit=True) as conn:
        for statement in ("SELECT * FROM past_counts", "SELECT * FROM past_log", "DELETE FROM past_log",
                          "SELECT tracker_keep_past('unit|||2026-06-01', '2026-06-01', '1', '{}')"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    hers = open_store(as_login(url, "lan")).unit_counts(DAY)
    assert hers and {u.unit_key for u in hers} == {k for k in board if in_area(k, mine)}
    assert all(u == board[u.unit_key] for u in hers)
