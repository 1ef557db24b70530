"""Re-loading a directive never loses recorded work: every re-load path, through the store and as users run it.

The directive is the 2026 province plan written for the tests (tests/data/docs2026/), parsed once; each
re-load is that parse changed the way a weaker or different parse would change it.
"""
from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tracker.store import AssignmentFilter, open_store

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "tests" / "data" / "docs2026" / "tinh-hy-25-2026.txt"
AS_OF = date(2026, 11, 30)
ON = date(2026, 3, 1)


@pytest.fixture(scope="module")
def parsed():
    from tracker.parse import parse_file
    from tracker.units.context import ResolveContext

    return parse_file(PLAN, resolve=True, context=ResolveContext())


def fresh(parsed, tmp_path):
    """A store with the plan and four statuses recorded: two sở, one commune of the group, a support unit."""
    store = open_store(tmp_path / "db")
    store.save_drafts([copy.deepcopy(parsed)])
    rows = {(r.task_path, r.unit_id): r for r in store.assignments(AS_OF, with_text=False)}
    picks = [("1", "2025:p33/so-noi-vu"), ("2", "2025:p33/so-nong-nghiep-moi-truong"),
             ("5", "2025:p33.c11983"), ("2", "2025:p33/so-tu-phap")]
    recorded = {}
    for n, key in enumerate(picks):
        aid = rows[key].id
        store.set_status(aid, "hoan_thanh" if n % 2 == 0 else "dang_thuc_hien", on=ON, note=f"ghi nhận {n}", by="Lan")
        recorded[aid] = store.assignment(aid, AS_OF).status
    return store, recorded


def live(store) -> dict[int, object]:
    return {r.id: r for r in store.assignments(AS_OF, with_text=False)}


def assert_nothing_lost(store, recorded) -> dict[int, object]:
    rows = live(store)
    for aid, status in recorded.items():
        assert aid in rows, f"assignment {aid} left the lists"
        assert rows[aid].status == status
        assert [e.note for e in store.history(aid) if e.kind == "status"] != []
    return rows


def test_the_same_copy_again_keeps_every_record(parsed, tmp_path):
    store, recorded = fresh(parsed, tmp_path)
    before = set(live(store))
    res = store.save_drafts([copy.deepcopy(parsed)])[0]
    assert not res.unmatched and res.assignments_added == 0
    assert set(assert_nothing_lost(store, recorded)) == before


def test_a_parse_that_resolves_fewer_units(parsed, tmp_path):
    """Every name left unresolved: the records move to the names as written; a group's members with a
    record have no counterpart (the group is one name now) and are kept, shown, until dropped."""
    store, recorded = fresh(parsed, tmp_path)
    weak = copy.deepcopy(parsed)
    for t in weak.tasks:
        for ref in t.lead + t.support:
            ref.id, ref.group, ref.confidence = None, False, None
    res = store.save_drafts([weak])[0]
    rows = assert_nothing_lost(store, recorded)
    noi_vu = next(aid for aid in recorded if rows[aid].task_path == "1")
    assert rows[noi_vu].unresolved and rows[noi_vu].unit == "Sở Nội vụ"
    assert any(e.kind == "unit" for e in store.history(noi_vu))  # the history says the unit was read again
    commune = next(aid for aid in recorded if rows[aid].task_path == "5")
    assert [u["id"] for u in res.unmatched] == [commune] and rows[commune].status == "hoan_thanh"
    # Once the clerk confirms, the kept one leaves the lists; its history stays.
    res = store.save_drafts([copy.deepcopy(weak)], drop_unmatched={commune})[0]
    assert res.dropped == 1 and commune not in live(store)
    assert store.history(commune)[-1].kind == "dropped"


def test_a_parse_that_resolves_more_units(parsed, tmp_path):
    store = open_store(tmp_path / "db")
    weak = copy.deepcopy(parsed)
    for t in weak.tasks:
        for ref in t.lead + t.support:
            if not ref.group:
                ref.id, ref.confidence = None, None
    store.save_drafts([weak])
    by_name = {(r.task_path, r.unit): r.id for r in store.assignments(AS_OF, with_text=False)}
    aid = by_name[("1", "Sở Nội vụ")]
    store.set_status(aid, "hoan_thanh", on=ON, by="Lan")
    res = store.save_drafts([copy.deepcopy(parsed)])[0]
    row = live(store)[aid]
    assert (row.unit_id, row.status) == ("2025:p33/so-noi-vu", "hoan_thanh") and not res.unmatched


def test_the_same_body_named_in_the_other_structure(parsed, tmp_path):
    """A copy resolved in the pre-2025 structure, then in the 2025 one: the same bodies, the same records."""
    from tracker.units.succession import get_succession

    old = copy.deepcopy(parsed)
    back = {"2025:p33": "2022:p33"}
    for t in old.tasks:
        for ref in t.lead + t.support:
            if ref.id and not ref.group:
                admin, sep, key = ref.id.partition("/")
                ref.id = back.get(admin, admin) + (sep + key if sep else "")
    old.tasks = [t for t in old.tasks if all((r.id or "").startswith("2022:p33/") for r in t.lead + t.support)]
    store = open_store(tmp_path / "db")
    store.save_drafts([old])
    rows = {(r.task_path, r.unit_id): r.id for r in store.assignments(AS_OF, with_text=False)}
    aid = rows[("1", "2022:p33/so-noi-vu")]
    assert get_succession().current("2022:p33/so-noi-vu") == "2025:p33/so-noi-vu"
    store.set_status(aid, "dang_thuc_hien", on=ON, by="Lan")
    res = store.save_drafts([copy.deepcopy(parsed)])[0]
    row = live(store)[aid]
    assert (row.unit_id, row.status) == ("2025:p33/so-noi-vu", "dang_thuc_hien") and not res.unmatched


def test_a_moved_and_reworded_item_keeps_its_work(parsed, tmp_path):
    store, recorded = fresh(parsed, tmp_path)
    moved = copy.deepcopy(parsed)
    first = moved.tasks.pop(0)
    first.path = "7"
    first.text = first.text.replace("rà soát", "rà soát lại").replace("sau sắp xếp", "sau khi sắp xếp")
    moved.tasks.append(first)
    store.save_drafts([moved])
    rows = assert_nothing_lost(store, recorded)
    assert {rows[aid].task_path for aid in recorded} == {"7", "2", "5"}


def test_a_support_unit_the_new_copy_drops_is_kept_and_shown(parsed, tmp_path):
    store, recorded = fresh(parsed, tmp_path)
    fewer = copy.deepcopy(parsed)
    fewer.tasks[1].support = []  # the support unit of item 2 (Sở Tư pháp, which has a record) is gone
    res = store.save_drafts([fewer])[0]
    rows = assert_nothing_lost(store, recorded)
    [kept] = res.unmatched
    assert kept["unit"] == "Sở Tư pháp tỉnh Hưng Yên" and kept["task_path"] == "2"
    assert rows[kept["id"]].role == "support"


# -- as users run it -------------------------------------------------------------------------------


def tracker(*args: str, db: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("TRACKER_DB", "TRACKER_STRUCTURE")}
    env.update({"COLUMNS": "250", "TRACKER_DB": str(db)})
    return subprocess.run([sys.executable, "-m", "tracker", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=180)


def test_load_shows_recorded_work_a_reload_lacks_and_keeps_it_unless_dropped(tmp_path):
    db = tmp_path / "db"
    assert tracker("load", str(PLAN), "--yes", db=db).returncode == 0
    rows = json.loads(tracker("tasks", "--directive", "25/KH-UBND", "--json", db=db).stdout)
    support = next(r for r in rows if r["task_path"] == "2" and r["role"] == "support")
    assert tracker("status", str(support["id"]), "đang thực hiện", "--on", "01/03/2026", "--note", "Đã phối hợp",
                   db=db).returncode == 0
    copy_path = tmp_path / "ke-hoach-25-ban-sua.txt"
    copy_path.write_text(PLAN.read_text(encoding="utf-8").replace(
        "; phối hợp với Sở Tư pháp trong việc công khai quy trình trên Cổng thông tin điện tử của tỉnh", ""),
        encoding="utf-8")
    shown = tracker("load", str(copy_path), "--yes", db=db)
    assert shown.returncode == 0, shown.stderr
    assert "không còn trong bản nạp lại" in shown.stdout and "Sở Tư pháp tỉnh Hưng Yên" in shown.stdout
    assert "giữ lại 1 phân công" in shown.stdout
    after = json.loads(tracker("tasks", "--directive", "25/KH-UBND", "--json", db=db).stdout)
    assert any(r["id"] == support["id"] and r["status"] == "dang_thuc_hien" for r in after)
    dropped = tracker("load", str(copy_path), "--yes", "--drop-unmatched", db=db)
    assert dropped.returncode == 0 and "đã bỏ 1 phân công" in dropped.stdout
    after = json.loads(tracker("tasks", "--directive", "25/KH-UBND", "--json", db=db).stdout)
    assert not any(r["id"] == support["id"] for r in after)
    history = json.loads(tracker("history", str(support["id"]), "--json", db=db).stdout)
    assert [e["kind"] for e in history][-1] == "dropped" and history[0]["note"] == "Đã phối hợp"


def test_the_review_screen_asks_before_dropping_recorded_work(parsed, tmp_path):
    pytest.importorskip("textual")
    import asyncio

    from test_tui import make_app, press
    from tracker.tui.screens.review import ReviewScreen
    from tracker.tui.testing import settle
    from tracker.tui.widgets.dialogs import ConfirmDialog

    store, recorded = fresh(parsed, tmp_path)
    version = store.version
    fewer = copy.deepcopy(parsed)
    fewer.tasks[1].support = []
    asked: list[str] = []

    async def go() -> None:
        app = make_app(tmp_path / "db")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.push_screen(ReviewScreen(fewer))
            await settle(pilot)
            await press(pilot, "ctrl+s")
            assert isinstance(app.screen, ConfirmDialog) and "Sở Tư pháp" in app.screen.body
            await press(pilot, "enter")  # "Lưu"
            assert isinstance(app.screen, ConfirmDialog)  # then: drop the recorded work the copy lacks?
            asked.append(app.screen.title_text)
            await press(pilot, "escape")  # "Giữ lại"
            for _ in range(100):
                if open_store(tmp_path / "db").version > version:
                    break
                await pilot.pause(0.05)
                await settle(pilot)

    asyncio.run(go())
    assert asked == ["Bỏ 1 phân công đã có ghi nhận?"]
    store = open_store(tmp_path / "db")
    assert store.version > version
    assert_nothing_lost(store, recorded)
