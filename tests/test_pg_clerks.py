"""The app on a PostgreSQL server as its users run it: the CLI, the TUI, two clerks at once."""
from __future__ import annotations

import asyncio
import json
from datetime import date

import pytest

from conftest import DIRECTIVES, store_cli
from pgserver import pg_server, pg_url  # noqa: F401  (fixtures)
from tracker.store import open_store
from tracker.store.pg import StaleChange
from tracker.store.pg.core import APPLICATION_NAME

DAY = "01/06/2026"
AS_OF = date(2026, 6, 1)


@pytest.fixture
def loaded(pg_url):
    r = store_cli("load", str(DIRECTIVES / "hai-duong-2333-2022.txt"), str(DIRECTIVES / "tu-ky-district-2022.txt"),
                  "--yes", env={"TRACKER_DB": pg_url})
    assert r.returncode == 0, r.stderr
    return pg_url


def test_every_command_runs_on_the_server(loaded):
    url = loaded
    r = store_cli("--db", url, "tasks", "--unit", "tu ky", "--as-of", DAY, "--json")  # --db before the command
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert rows and all("Tứ Kỳ" in a["unit"] for a in rows)
    aid = rows[0]["id"]
    r = store_cli("status", str(aid), "hoàn thành", "--on", "02/01/2026", "--note", "xong", "--by", "ai đó", db=url)
    assert r.returncode == 0, r.stderr
    r = store_cli("history", str(aid), "--json", db=url)
    ev = json.loads(r.stdout)[-1]
    assert ev["to"] == "hoan_thanh" and ev["by"] == "tracker_admin"  # the session's login, not what was typed
    r = store_cli("overdue", "--by-unit", "--as-of", DAY, "--json", db=url)
    assert r.returncode == 0 and json.loads(r.stdout)
    r = store_cli("chain", "2333", "--as-of", DAY, db=url)
    assert r.returncode == 0 and "Tứ Kỳ" in r.stdout
    r = store_cli("report", "--format", "md", "--as-of", DAY, db=url)
    assert r.returncode == 0 and "2333/UBND-VP" in r.stdout
    r = store_cli("db", "info", "--json", db=url)
    info = json.loads(r.stdout)
    assert info["directives"] == 2 and info["events"] >= 1
    # The same answers another process gets from the store object.
    assert open_store(url).assignment(aid, AS_OF).status == "hoan_thanh"


def test_a_bad_server_address_is_one_line(tmp_path):
    r = store_cli("tasks", "--db", f"postgresql://nobody@/nothing?host={tmp_path}")
    assert r.returncode == 2 and r.stderr.startswith("tracker: ") and "Traceback" not in r.stderr
    assert "máy chủ cơ sở dữ liệu" in r.stderr


def test_two_clerks_change_one_assignment_the_second_sees_the_first(loaded):
    lan, mai = open_store(loaded), open_store(loaded)
    aid = next(a.id for a in lan.assignments(AS_OF) if not a.child_directive_id)
    assert mai.assignment(aid, AS_OF).status == "chua_thuc_hien"  # both looked at it
    before = [e.to_status for e in lan.history(aid)]
    lan.set_status(aid, "dang_thuc_hien", on=date(2026, 5, 1), note="bắt đầu")
    with pytest.raises(StaleChange, match=r"vừa được tracker_admin lúc .* cập nhật \(trạng thái nay: đang thực hiện\)"):
        mai.set_status(aid, "hoan_thanh", on=date(2026, 5, 2))
    # Nothing of hers was written; she now sees the first change and decides.
    assert [e.to_status for e in lan.history(aid)] == [*before, "dang_thuc_hien"]
    assert mai.assignment(aid, AS_OF).status == "dang_thuc_hien"
    mai.set_status(aid, "hoan_thanh", on=date(2026, 5, 2))
    assert [e.to_status for e in lan.history(aid)] == [*before, "dang_thuc_hien", "hoan_thanh"]


def test_the_tui_on_the_server_shows_the_data_and_refreshes_on_anothers_change(loaded):
    from test_tui import SIZE, make_app, records
    from tracker.tui.screens.home import HomeScreen
    from tracker.tui.testing import settle

    other = open_store(loaded)

    async def go() -> None:
        app = make_app(loaded)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            shown = {r.id: r for r in records(app, "directives")}
            assert set(shown) == {r.id for r in other.directives(app.as_of)}
            assert not app.store.changed()
            # Another clerk's change reaches this app by NOTIFY; its poll reloads.
            aid = next(a.id for a in other.assignments(app.as_of) if not a.child_directive_id)
            other.set_status(aid, "hoan_thanh", on=app.as_of)
            for _ in range(50):
                if app.store.changed():
                    break
                await pilot.pause(0.05)
            else:
                raise AssertionError("no notice of the other clerk's change")
            assert app.store.assignment(aid, app.as_of).status == "hoan_thanh"

    asyncio.run(go())


def test_a_dropped_store_ends_its_server_session_at_once(loaded, pg_server):
    """A store object is freed when its last user drops it, not at Python's next full collection: its sessions
    end then (a long-lived process does not pile them up), and no later pause spends time closing them."""
    import gc
    import time
    import weakref

    def tracker_pids() -> set[int]:
        # tracker's own sessions only: the probe's earlier sessions may still be ending on a busy machine
        return {r[0] for r in pg_server.sql(
            loaded, "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND application_name = %s", [APPLICATION_NAME])}

    earlier = tracker_pids()

    def sessions() -> int:
        return len(tracker_pids() - earlier)

    before = 0
    gc.disable()
    try:
        store = open_store(loaded)
        rows = store.assignments(AS_OF)  # reads the snapshot: a second session listens
        store.set_status(rows[0].id, "dang_thuc_hien", on=AS_OF, note="x")
        store.overdue_by_unit(AS_OF)
        assert sessions() == before + 2
        gone = weakref.ref(store)
        del store
        assert gone() is None
        for _ in range(200):  # the server notices a closed socket a moment later
            if sessions() == before:
                break
            time.sleep(0.05)
        assert sessions() == before
    finally:
        gc.enable()
