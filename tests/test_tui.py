"""The TUI as users drive it (Textual's Pilot, headless, on temporary stores): every screen's main action.

The demo store (the sample directives, with the demo's recorded progress) is
built once per test process with `tracker.cli.demo_cmd.build`; tests that
write work on a copy. Days are fixed (`AS_OF`), never the clock.
"""
from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import DIRECTIVES, ROOT

from tracker.store import AssignmentFilter, open_store
from tracker.tui.testing import settle

AS_OF = date(2022, 10, 1)
SIZE = (120, 40)
SAMPLE_PDF = DIRECTIVES / "hai-duong-2333-2022.pdf"


# -- fixtures and helpers (the snapshot tests import these) ------------------------------------------------


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store, built once per test process from the sample directives (as `tracker demo` builds it)."""
    from tracker.cli.demo_cmd import build

    path = tmp_path_factory.mktemp("demo-master") / "demo"
    build(path, DIRECTIVES)
    return path


@pytest.fixture
def demo_db(demo_master: Path, tmp_path: Path) -> Path:
    """A private copy of the demo store (named "demo": the name shows on screen)."""
    return private_copy(demo_master, tmp_path / "demo")


def private_copy(master: Path, path: Path) -> Path:
    """A test's own copy of a store built once per process (tests write to it)."""
    shutil.copytree(master, path)
    return path


@pytest.fixture
def files_dir(tmp_path: Path) -> Path:
    """A folder the load screen opens on, holding two sample directives."""
    folder = tmp_path / "van-ban"
    folder.mkdir()
    shutil.copy(SAMPLE_PDF, folder / SAMPLE_PDF.name)
    shutil.copy(DIRECTIVES / "tu-ky-district-2022.txt", folder / "tu-ky-district-2022.txt")
    return folder


def make_app(db: Path, **kwargs: Any) -> Any:
    from tracker.tui import TrackerApp

    kwargs.setdefault("as_of", AS_OF)
    kwargs.setdefault("poll", None)
    return TrackerApp(db, **kwargs)


async def press(pilot: Any, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*list(text))
    await settle(pilot)


def records(app: Any, table_id: str) -> list[Any]:
    return list(app.screen.query_one(f"#{table_id}").records)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


# -- home -----------------------------------------------------------------------------------------


def test_home_lists_directives_and_filters_them_without_diacritics(demo_db: Path) -> None:
    from tracker.tui.screens.home import HomeScreen

    async def go() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            every = records(app, "directives")
            store = open_store(demo_db)
            assert {r.id for r in every} == {r.id for r in store.directives(AS_OF)}

            await press(pilot, "slash")
            await type_text(pilot, "hai duong")  # no diacritics: finds "Hải Dương"
            await pilot.pause(0.4)  # the filter waits for typing to stop
            await settle(pilot)
            shown = records(app, "directives")
            assert shown and all("Hải Dương" in (r.issuer or "") for r in shown)
            assert len(shown) < len(every)

            app.screen.action_clear_filters()
            await settle(pilot)
            app.screen.action_cycle_level()  # "Cấp tỉnh"
            await pilot.pause(0.4)
            await settle(pilot)
            assert records(app, "directives") and all(r.level == "province" for r in records(app, "directives"))

            # The area tree: choosing a district keeps only what was issued there.
            app.screen.action_clear_filters()
            await settle(pilot)
            tree = app.screen.query_one("#tree")
            district = next(n for n in _walk(tree.root) if isinstance(n.data, str) and n.data.count(".") == 1)
            app.screen.area = district.data
            app.screen.apply_filters()
            assert records(app, "directives")
            assert all((r.issuer_id or "").startswith(district.data) for r in records(app, "directives"))

    run(go())


def test_home_tree_lists_a_few_directives_per_area_and_the_rest_in_the_table(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An area with many directives lists the first few in the tree; one leaf says how many more and filters the table."""
    from tracker.tui.screens import home

    monkeypatch.setattr(home, "LEAVES_PER_AREA", 1)

    async def go() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            tree = app.screen.query_one("#tree")
            more = [n for n in _walk(tree.root) if "văn bản khác" in str(n.label)]
            assert more, "an area of the demo holds two or more directives"
            leaf = more[0]
            area = leaf.parent
            listed = [n for n in area.children if isinstance(n.data, tuple)]
            assert len(listed) == 1
            hidden = int(re.match(r"… (\d+) văn bản khác", str(leaf.label)).group(1))
            assert hidden >= 1
            tree.select_node(leaf)
            await settle(pilot)
            shown = records(app, "directives")
            assert app.screen.area == area.data and len(shown) >= hidden + 1
            assert all((r.issuer_id or "").startswith(area.data) for r in shown)

    run(go())


def test_home_unit_filter_keeps_directives_that_assign_to_the_unit(demo_db: Path) -> None:
    async def go() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await press(pilot, "u")
            await type_text(pilot, "ky son")
            await pilot.pause(0.4)
            await settle(pilot)
            shown = {r.id for r in records(app, "directives")}
            store = open_store(demo_db)
            want = {a.directive_id for a in store.assignments(AS_OF, AssignmentFilter(unit="kỳ sơn"), with_text=False)}
            assert shown == want and shown

    run(go())


# -- load and review ---------------------------------------------------------------------------------


def test_load_a_pdf_review_edit_and_save(tmp_path: Path, files_dir: Path) -> None:
    from tracker.tui.screens.directive import DirectiveScreen
    from tracker.tui.screens.load import LoadScreen
    from tracker.tui.screens.review import ReviewScreen

    db = tmp_path / "store"

    merged_indicators: list[int] = []

    async def go() -> None:
        nonlocal merged_indicators
        app = make_app(db, start_dir=files_dir)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await press(pilot, "f3")
            assert isinstance(app.screen, LoadScreen)
            await type_text(pilot, SAMPLE_PDF.name)  # the path field has the focus; relative to the folder shown
            await press(pilot, "enter")
            for _ in range(100):  # parsing runs in a worker; the screen stays responsive meanwhile
                if isinstance(app.screen, ReviewScreen):
                    break
                await pilot.pause(0.05)
                await settle(pilot)
            assert isinstance(app.screen, ReviewScreen)
            review = app.screen
            parsed = len(review.draft.tasks)
            assert parsed > 5 and review.draft.header.number == "2333/UBND-VP"

            # Edit the indicators of the first task (cell cursor on the "Chỉ số" column, Enter, type, Enter).
            table = review.query_one("#review-tasks")
            table.move_cursor(row=0, column=5)
            await press(pilot, "enter")
            field = app.screen.query_one("#value")
            field.value = "3, 1"
            await press(pilot, "enter")
            assert review.draft.tasks[0].indicators == [1, 3]

            # Lead units: a name as typed is resolved again against the issuer.
            table.move_cursor(row=0, column=2)
            await press(pilot, "enter")
            app.screen.query_one("#value").value = "Sở Tư pháp; Đơn vị không có thật"
            await press(pilot, "enter")
            lead = review.draft.tasks[0].lead
            assert [r.name for r in lead] == ["Sở Tư pháp", "Đơn vị không có thật"]
            assert lead[0].id and lead[0].id.endswith("/so-tu-phap") and lead[1].id is None
            assert any("Đơn vị không có thật" in w for w in review.draft.tasks[0].warnings)

            # Merge the first two tasks, then delete the (new) second one.
            second_text = review.draft.tasks[1].text
            merged_indicators = sorted({1, 3} | set(review.draft.tasks[1].indicators))
            table.move_cursor(row=0, column=1)
            await press(pilot, "g")
            assert len(review.draft.tasks) == parsed - 1 and review.draft.tasks[0].text.endswith(second_text.strip())
            table.move_cursor(row=1, column=1)
            await press(pilot, "d", "c")
            assert len(review.draft.tasks) == parsed - 2

            await press(pilot, "ctrl+s")  # a preview first: nothing saved yet
            assert open_store(db).version == 0
            await press(pilot, "enter")  # "Lưu"
            assert isinstance(app.screen, DirectiveScreen)

        store = open_store(db)
        (row,) = store.directives(AS_OF)
        assert row.number == "2333/UBND-VP" and row.tasks == parsed - 2
        first = store.tasks(row.id)[0]
        assert first.indicators == merged_indicators
        assert any(u["name"] == "Đơn vị không có thật" for u in first.lead)

    run(go())


def test_review_cancel_leaves_the_store_untouched(tmp_path: Path, files_dir: Path) -> None:
    from tracker.parse import parse_file
    from tracker.tui.screens.review import ReviewScreen

    db = tmp_path / "store"
    draft = parse_file(files_dir / "tu-ky-district-2022.txt", resolve=True)

    async def go() -> None:
        app = make_app(db, start_dir=files_dir)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.push_screen(ReviewScreen(draft))
            await settle(pilot)
            await press(pilot, "a")  # add a task, type its text, keep it
            app.screen.query_one("#text").text = "Nhiệm vụ thêm khi rà soát"
            await press(pilot, "ctrl+s")
            review = app.screen
            # the new task goes in after the one the cursor opened on (the first unsure field's)
            assert "Nhiệm vụ thêm khi rà soát" in [t.text for t in review.draft.tasks]
            await press(pilot, "escape")
            await press(pilot, "enter")  # "Bỏ"
            assert not isinstance(app.screen, ReviewScreen)
        assert open_store(db).version == 0
        assert not (db / "manifest.json").exists()
        assert len(draft.tasks) + 1 == len(review.draft.tasks)  # the parser's draft itself was not edited

    run(go())


def _unsure_draft() -> Any:
    """A commune plan in our own words whose reader was unsure of some fields (any confidence key counts)."""
    from tracker.model import DirectiveDraft, Header, Source, Task, UnitRef

    header = Header(number="12/KH-UBND", date="2026-03-02", issuer="UBND xã Hòa Bình", subject="Rà soát hộ nghèo năm 2026",
                    confidence={"number": 0.3, "issuer": 0.95, "date": 0.9, "signer": 0.4})
    tasks = [
        Task("Lập danh sách hộ nghèo, hộ cận nghèo theo từng thôn", path="1", lead=[UnitRef("Công an xã")],
             confidence={"deadline": 0.9, "indicators": 0.95}),
        Task("Niêm yết công khai kết quả rà soát tại nhà văn hóa thôn", path="2", lead=[UnitRef("Văn phòng HĐND và UBND xã")],
             confidence={"lead": 0.3, "deadline": 0.4, "indicators": 0.9}),
        Task("Tiếp nhận hồ sơ đề nghị xét duyệt lại qua bộ phận một cửa", path="3", lead=[UnitRef("Công an xã")],
             indicators=[1], confidence={"task": 0.2, "indicators": 0.5}),
    ]
    return DirectiveDraft(header, tasks, Source("ke-hoach-ra-soat.txt", "txt", ""))


async def open_review(pilot: Any, draft: Any) -> Any:
    """The review screen of `draft`, as the load screen opens it after parsing."""
    from tracker.tui.screens.review import ReviewScreen

    await settle(pilot)
    pilot.app.push_screen(ReviewScreen(draft))
    await settle(pilot)
    return pilot.app.screen


def cursor_cell(table: Any) -> tuple[int, str]:
    """The task table's cursor as (row, column key)."""
    return table.cursor_row, table.ordered_columns[table.cursor_column].key.value


def test_review_goes_to_unsure_fields_first_and_a_check_clears_them(tmp_path: Path) -> None:
    draft = _unsure_draft()

    async def go() -> None:
        app = make_app(tmp_path / "store")
        async with app.run_test(size=SIZE) as pilot:
            review = await open_review(pilot, draft)
            table = review.query_one("#review-tasks")

            def at() -> tuple[int, str]:
                return cursor_cell(table)

            # 5 places: the number in the header, task 2's lead and deadline, task 3 itself (its text) and indicators.
            assert "5 chỗ cần kiểm tra" in str(table.border_title)
            warnings = str(review.query_one("#warnings").content)
            assert "5 chỗ cần kiểm tra" in warnings and "người ký" in warnings
            assert review.query_one("#r-number").has_class("unsure")
            assert not review.query_one("#r-date").has_class("unsure")
            # The cursor starts on the first unsure cell; the table keeps the keys.
            assert at() == (1, "lead") and app.focused is table
            cell = table.get_cell_at(table.cursor_coordinate)
            assert cell.plain.startswith("? ") and "Văn phòng HĐND và UBND xã" in cell.plain
            assert not table.get_cell_at((0, 2)).plain.startswith("?")  # task 1's lead is sure
            await press(pilot, "n")
            assert at() == (1, "deadline")
            await press(pilot, "n")
            assert at() == (2, "text")
            await press(pilot, "n")
            assert at() == (2, "indicators")
            await press(pilot, "n")  # round to the top: the header's number
            assert app.focused is review.query_one("#r-number")
            await press(pilot, "shift+f7")  # back (from a header field n is a letter; F7 / Shift+F7 still go)
            assert app.focused is table and at() == (2, "indicators")
            await press(pilot, "N", "N")
            assert at() == (1, "deadline")

            # The clerk checks the deadline (Enter, confirm the value): it is sure now and the count goes down.
            await press(pilot, "enter")
            app.screen.query_one("#value").value = "trước ngày 30/4/2026"
            await press(pilot, "enter")
            assert draft.tasks[1].confidence["deadline"] == 0.4  # the parser's draft is not edited
            assert review.draft.tasks[1].confidence["deadline"] == 1.0
            assert "4 chỗ cần kiểm tra" in str(table.border_title)
            assert not table.get_cell_at((1, 4)).plain.startswith("?")
            # Typing in the header's number checks it too.
            review.query_one("#r-number").focus()
            await type_text(pilot, "a")
            assert not review.query_one("#r-number").has_class("unsure")
            assert "3 chỗ cần kiểm tra" in str(table.border_title)

    run(go())


def test_unsure_places_take_any_confidence_key() -> None:
    from tracker.model import Header, Task
    from tracker.tui import unsure
    from tracker.tui.screens.review import COLUMN_KEYS

    header = Header(confidence={"level": 0.2, "recipients": 0.1, "a_new_field": 0.3, "date": 0.99})
    tasks = [Task("x", path="1", confidence={"support": 0.1, "a_new_key": 0.2}), Task("y", path="2")]
    found = unsure.places(header, tasks, COLUMN_KEYS)
    # the issuer's input shows the level; a task key without a column of its own marks the row's "#" cell
    assert found == [unsure.Place(None, "r-issuer"), unsure.Place(0, "path"), unsure.Place(0, "support")]
    assert unsure.header_unsure_elsewhere(header) == ["kính gửi", "a_new_field"]
    assert unsure.step(found, unsure.Place(1, "text"), COLUMN_KEYS) == found[0]  # from a sure cell, round to the top
    assert unsure.step(found, unsure.Place(0, "text"), COLUMN_KEYS, forward=False) == found[1]
    unsure.check_task(tasks[0], "path", COLUMN_KEYS)
    assert tasks[0].confidence == {"support": 0.1, "a_new_key": 1.0}


def test_review_of_a_parsed_sample_starts_on_its_first_unsure_cell(tmp_path: Path) -> None:
    from tracker.parse import parse_file
    from tracker.tui import unsure
    from tracker.tui.screens.review import COLUMN_KEYS

    draft = parse_file(DIRECTIVES / "tu-ky-district-2022.txt", resolve=True)
    cells = [p for p in unsure.places(draft.header, draft.tasks, COLUMN_KEYS) if p.row is not None]
    assert len(cells) >= 2  # the reader is unsure of some deadlines and indicator links here

    async def go() -> None:
        app = make_app(tmp_path / "store")
        async with app.run_test(size=SIZE) as pilot:
            table = (await open_review(pilot, draft)).query_one("#review-tasks")
            assert cursor_cell(table) == (cells[0].row, cells[0].where)
            await press(pilot, "n")
            assert cursor_cell(table) == (cells[1].row, cells[1].where)

    run(go())


def test_review_edits_as_functions() -> None:
    from tracker.model import Deadline, DirectiveDraft, Header, Source, Task, UnitRef
    from tracker.tui.screens.review import merge_tasks, parse_deadline, parse_indicators, split_task, task_warnings

    d = DirectiveDraft(Header(date="2022-08-05"), [
        Task("Một. Hai.", path="1", lead=[UnitRef("A", "x:1")], indicators=[2]),
        Task("Ba", path="2", lead=[UnitRef("B")], support=[UnitRef("A", "x:1"), UnitRef("C")], indicators=[1, 2]),
    ], Source("x", "txt", ""))
    split_task(d, 0, "Một.", "Hai.")
    assert [t.text for t in d.tasks] == ["Một.", "Hai.", "Ba"] and d.tasks[1].path == "1(2)"
    merge_tasks(d, 1)
    t = d.tasks[1]
    assert t.text == "Hai. Ba" and [r.name for r in t.lead] == ["A", "B"] and [r.name for r in t.support] == ["C"]
    assert t.indicators == [1, 2]
    assert "Chưa xác định được đơn vị chủ trì «B»" in t.warnings
    assert parse_indicators("21, 3 3") == [3, 21]
    with pytest.raises(Exception, match="22"):
        parse_indicators("22")
    late = parse_deadline("trước ngày 30/7/2022", "2022-08-05")  # before the directive's own date
    assert late is not None and late.kind == "date"
    assert late.warning and any(late.warning in w for w in task_warnings(Task("x", lead=[UnitRef("A", "x")], deadline=late)))
    assert parse_deadline("", "2022-08-05") is None
    with pytest.raises(Exception):
        parse_deadline("xem lại sau", "2022-08-05")
    assert Deadline  # used above through parse_deadline's result


# -- directive: change a status with a note ------------------------------------------------------------------


def test_change_a_status_with_a_note_in_two_keystrokes(demo_db: Path) -> None:
    from tracker.tui.screens.directive import DirectiveScreen
    from tracker.tui.widgets.dialogs import StatusDialog

    async def go() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await press(pilot, "enter")  # open the highlighted directive
            assert isinstance(app.screen, DirectiveScreen)
            screen = app.screen
            await press(pilot, "enter")  # into the assignments of the first task
            target = screen.current_assignment()
            assert target is not None and target.status != "hoan_thanh"
            await press(pilot, "3")  # "hoàn thành", the note field gets the focus
            assert isinstance(app.screen, StatusDialog)
            await type_text(pilot, "Đã báo cáo bằng văn bản")
            await press(pilot, "enter")
            assert app.screen is screen
            after = next(r for r in screen.by_task[target.task_id] if r.id == target.id)
            assert after.status == "hoan_thanh"  # the screen reloaded from the store

        store = open_store(demo_db)
        last = store.history(target.id)[-1]
        assert (last.to_status, last.note, last.on) == ("hoan_thanh", "Đã báo cáo bằng văn bản", AS_OF)

    run(go())


def test_history_of_an_assignment(demo_db: Path) -> None:
    from tracker.tui.widgets.dialogs import HistoryDialog

    async def go() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await press(pilot, "enter", "enter")
            a = app.screen.current_assignment()
            await press(pilot, "h")
            assert isinstance(app.screen, HistoryDialog)
            assert len(app.screen.events) == len(open_store(demo_db).history(a.id))
            await press(pilot, "escape")

    run(go())


# -- overdue board ----------------------------------------------------------------------------------------


def test_overdue_board_filters_by_level_and_area_and_drills_down(demo_db: Path) -> None:
    from tracker.tui.screens.overdue import OverdueScreen, UnitScreen

    async def go() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await press(pilot, "f4")
            assert isinstance(app.screen, OverdueScreen)
            board = [u for _, u in records(app, "board")]
            store = open_store(demo_db)
            assert [u.unit_key for u in board] == [u.unit_key for u in store.overdue_by_unit(AS_OF)]

            await press(pilot, "v", "v")  # "Đơn vị cấp huyện"
            await settle(pilot)
            district = [u for _, u in records(app, "board")]
            assert district and all(u.level == "district" for u in district)
            assert [u.unit_key for u in district] == [u.unit_key for u in store.overdue_by_unit(AS_OF, level="district")]

            # An area: only units of that province (and below).
            area = app.screen.query_one("#area")
            province = next(v for _, v in app.screen._areas if v.count(".") == 0)
            area.value = province
            await settle(pilot)
            await pilot.pause(0.1)
            await settle(pilot)
            assert all((u.unit_id or "").startswith(province) for _, u in records(app, "board"))

            await press(pilot, "slash")
            await type_text(pilot, "phong")
            await pilot.pause(0.4)
            await settle(pilot)
            shown = [u for _, u in records(app, "board")]
            assert shown and all("phòng" in u.unit.lower() for u in shown)

            app.screen.query_one("#board").focus()
            first = shown[0]
            await press(pilot, "enter")
            assert isinstance(app.screen, UnitScreen)
            rows = records(app, "unit-rows")
            assert len(rows) == first.overdue and all(r.unit_key == first.unit_key and r.overdue for r in rows)

            # Change one from here: it leaves the overdue list.
            await press(pilot, "3")
            await press(pilot, "enter")
            assert len(records(app, "unit-rows")) == first.overdue - 1
            await press(pilot, "escape")
            assert isinstance(app.screen, OverdueScreen)
            await settle(pilot)
            again = next(u for _, u in records(app, "board") if u.unit_key == first.unit_key) if first.overdue > 1 else None
            if again is not None:
                assert again.overdue == first.overdue - 1

    run(go())


# -- chain --------------------------------------------------------------------------------------------------


def test_open_the_chain_of_a_directive_and_of_a_task(demo_db: Path) -> None:
    from tracker.tui.screens.chain import ChainScreen

    async def go() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            first = app.screen.query_one("#directives").current_record()
            await press(pilot, "c")
            assert isinstance(app.screen, ChainScreen)
            tree = app.screen.query_one("#chain")
            assert tree.root.data.kind == "directive" and tree.root.data.directive_id == first.id
            tasks = [n for n in tree.root.children if n.data.kind == "task"]
            assert len(tasks) == len(open_store(demo_db).tasks(first.id))
            tasks[0].expand()
            await settle(pilot)
            units = [n.data for n in tasks[0].children]
            assert units and all(u.kind == "assignment" for u in units)
            await press(pilot, "escape")

            # From a task of the directive screen: the chain opens on that task.
            await press(pilot, "enter", "down", "c")
            assert isinstance(app.screen, ChainScreen)
            node = app.screen.query_one("#chain").cursor_node
            assert node is not None and node.data.kind == "task" and node.data.task_id == app.screen.task_id

    run(go())


# -- meeting list --------------------------------------------------------------------------------------------


def test_meeting_list_sections_grouping_and_export(demo_db: Path, tmp_path: Path) -> None:
    from tracker.tui import data
    from tracker.tui.screens.meeting import MeetingScreen

    out = tmp_path / "out"
    out.mkdir()

    async def go() -> None:
        app = make_app(demo_db, start_dir=out)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await press(pilot, "f5")
            assert isinstance(app.screen, MeetingScreen)
            m = app.screen.meeting
            want = data.meeting(open_store(demo_db), AS_OF, data.default_since(AS_OF))
            assert {k: [r.id for r in v] for k, v in m.sections.items()} == {k: [r.id for r in v] for k, v in want.sections.items()}
            overdue = records(app, "t-overdue")
            headings = [r for r in overdue if isinstance(r, tuple)]
            assert {h[1] for h in headings} == {r.directive for r in m.sections["overdue"]}
            await press(pilot, "g")  # group by unit
            headings = [r for r in records(app, "t-overdue") if isinstance(r, tuple)]
            assert {h[1] for h in headings} == {r.unit for r in m.sections["overdue"]}
            assert m.stakes and all(s.points <= s.group_points for s in m.stakes)

            await press(pilot, "m")
            import importlib.util

            if importlib.util.find_spec("tracker.report") is None:
                assert not list(out.iterdir())  # told it is not there yet; nothing written
                return
            await press(pilot, "enter")  # the proposed file name
            for _ in range(100):
                if list(out.glob("*.md")):
                    break
                await pilot.pause(0.05)
                await settle(pilot)
            (written,) = out.glob("*.md")
            assert written.name == "bao-cao-2022-10-01.md" and "Báo cáo" in written.read_text(encoding="utf-8")

            # Again: the file is there, so the app asks before overwriting it; "no" leaves it as it was.
            from tracker.tui.widgets.dialogs import ConfirmDialog

            before = written.stat().st_mtime_ns
            await press(pilot, "m", "enter")
            assert isinstance(app.screen, ConfirmDialog)
            await press(pilot, "escape")
            assert written.stat().st_mtime_ns == before and isinstance(app.screen, MeetingScreen)

    run(go())


# -- indicators ---------------------------------------------------------------------------------------------


def test_indicators_with_their_tasks(demo_db: Path) -> None:
    from tracker.tui.screens.indicators import IndicatorsScreen

    async def go() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await press(pilot, "f6")
            assert isinstance(app.screen, IndicatorsScreen)
            items = records(app, "catalogue")
            assert len(items) == 26  # 5 groups + 21 indicators
            summary = app.screen.query_one("#catalogue").current_record()
            store = open_store(demo_db)
            linked = {a.task_id for a in store.assignments(AS_OF, AssignmentFilter(indicator=summary.id), with_text=False)}
            assert {t.task.id for t in records(app, "linked")} == linked
            await press(pilot, "enter", "enter")
            from tracker.tui.screens.directive import DirectiveScreen

            if linked:
                assert isinstance(app.screen, DirectiveScreen)

    run(go())


# -- help, palette, navigation, as-of day ----------------------------------------------------------------------


def test_help_lists_every_command_and_the_palette_finds_them_without_diacritics(demo_db: Path) -> None:
    from tracker.tui.actions import COMMANDS
    from tracker.tui.screens.help import HelpScreen
    from tracker.tui.screens.overdue import OverdueScreen

    async def go() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await press(pilot, "f1")
            assert isinstance(app.screen, HelpScreen)
            table = app.screen.query_one("#help-table")
            keys = {row.key.value for row in table.ordered_rows}
            assert {c.id for c in COMMANDS} <= keys
            await press(pilot, "escape")
            await press(pilot, "ctrl+p")
            await type_text(pilot, "xep hang")  # no diacritics: "xếp hạng"
            await pilot.pause(0.3)
            await press(pilot, "enter")
            await settle(pilot)
            assert isinstance(app.screen, OverdueScreen)

    run(go())


def test_every_screen_binding_comes_from_the_registry() -> None:
    from textual.binding import Binding

    from tracker.tui.actions import COMMANDS
    from tracker.tui.app import TrackerApp
    from tracker.tui.screens.chain import ChainScreen
    from tracker.tui.screens.directive import DirectiveScreen
    from tracker.tui.screens.help import HelpScreen
    from tracker.tui.screens.home import HomeScreen
    from tracker.tui.screens.indicators import IndicatorsScreen
    from tracker.tui.screens.load import LoadScreen
    from tracker.tui.screens.meeting import MeetingScreen
    from tracker.tui.screens.overdue import OverdueScreen, UnitScreen
    from tracker.tui.screens.review import ReviewScreen
    from tracker.tui.widgets.paged_table import PagedTable

    ids = {c.id for c in COMMANDS}
    for cls in (TrackerApp, HomeScreen, LoadScreen, ReviewScreen, DirectiveScreen, OverdueScreen, UnitScreen,
                MeetingScreen, IndicatorsScreen, ChainScreen, HelpScreen, PagedTable):
        for b in cls.BINDINGS:
            assert isinstance(b, Binding) and b.id in ids, (cls.__name__, b)
            action = b.action.split("(")[0]
            owner = TrackerApp if action.startswith("app.") or cls is TrackerApp else cls
            assert hasattr(owner, "action_" + action.removeprefix("app.")), (cls.__name__, b.action)


def test_as_of_day_changes_every_count(demo_db: Path) -> None:
    async def go() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            before = {r.id: r.overdue for r in records(app, "directives")}
            await press(pilot, "f8")
            field = app.screen.query_one("#value")
            field.value = "31/12/2022"
            await press(pilot, "enter")
            await settle(pilot)
            assert app.as_of == date(2022, 12, 31)
            after = {r.id: r.overdue for r in records(app, "directives")}
            store = open_store(demo_db)
            assert after == {r.id: r.overdue for r in store.directives(date(2022, 12, 31))} != before

    run(go())


def test_another_process_saving_is_noticed_and_shown(demo_db: Path) -> None:
    """A second clerk changes a status with the CLI while the app is open: the app reloads by itself."""

    async def go() -> None:
        app = make_app(demo_db, poll=0.1)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            store = open_store(demo_db)
            row = store.assignments(AS_OF, AssignmentFilter(overdue=True), with_text=False)[0]
            before = next(r.overdue for r in records(app, "directives") if r.id == row.directive_id)
            env = {**os.environ, "TRACKER_USER": "người thứ hai"}
            done = subprocess.run([sys.executable, "-m", "tracker", "status", str(row.id), "hoàn thành",
                                   "--on", "01/10/2022", "--note", "xong", "--db", str(demo_db)],
                                  capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
            assert done.returncode == 0, done.stderr
            for _ in range(100):
                await pilot.pause(0.05)
                await settle(pilot)
                now = next(r.overdue for r in records(app, "directives") if r.id == row.directive_id)
                if now != before:
                    break
            assert now == before - 1

    run(go())


# -- pieces ----------------------------------------------------------------------------------------------------


def test_cli_opens_the_app_with_no_command_and_with_tui(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import tracker.cli.tui_cmd
    import tracker.tui
    from tracker.cli import main

    calls: list[tuple[Any, Any]] = []
    monkeypatch.setattr(tracker.tui, "run_app", lambda db=None, *, as_of=None: calls.append((db, as_of)))
    monkeypatch.setattr(tracker.cli.tui_cmd, "has_terminal", lambda: True)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "default"))
    assert main([]) == 0
    assert main(["tui", "--db", str(tmp_path / "s"), "--as-of", "01/10/2022"]) == 0
    assert calls == [(None, None), (str(tmp_path / "s"), AS_OF)]
    assert main(["tui", "--as-of", "32/13/2022"]) == 2  # one clear line, not a traceback


def test_without_a_terminal_the_app_says_so_instead_of_hanging() -> None:
    r = subprocess.run([sys.executable, "-m", "tracker"], capture_output=True, text=True, cwd=ROOT, timeout=60,
                       stdin=subprocess.DEVNULL)
    assert r.returncode == 2 and "cần một cửa sổ dòng lệnh" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_a_damaged_store_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "store"
    bad.write_text("not a store folder")
    r = subprocess.run([sys.executable, "-m", "tracker", "tui", "--db", str(bad)], capture_output=True, text=True,
                       cwd=ROOT, timeout=60)
    assert r.returncode == 2 and r.stderr.startswith("tracker: ") and "Traceback" not in r.stderr
    assert "là một tệp" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def _walk(node: Any) -> Any:
    yield node
    for c in node.children:
        yield from _walk(c)


def test_texts_from_documents_are_never_read_as_markup(tmp_path: Path) -> None:
    """Brackets in a task or a unit name ("[1]", "[/b]") show as written, in tables, trees and dialogs."""
    from tracker.model import DirectiveDraft, Header, Source, Task, UnitRef
    from tracker.tui.screens.directive import DirectiveScreen

    db = tmp_path / "store"
    text = "Báo cáo [1] theo mẫu [/b] tại [bold]Phụ lục"
    open_store(db).save_draft(DirectiveDraft(
        Header(number="9/KH", issuer="UBND tỉnh Hải Dương", date="2022-08-05", level="province"),
        [Task(text, path="1", lead=[UnitRef("Tổ [A] công tác")])], Source("x.txt", "txt", "9" * 64)))

    async def go() -> None:
        app = make_app(db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await press(pilot, "enter")
            assert isinstance(app.screen, DirectiveScreen)
            tasks = app.screen.query_one("#tasks")
            assert "[1]" in str(tasks.get_row_at(0)[1]) and "[/b]" in str(tasks.get_row_at(0)[1])
            units = app.screen.query_one("#assignments")
            assert "Tổ [A] công tác" in str(units.get_row_at(0)[1])
            await press(pilot, "enter", "3")  # the status dialog shows the text too
            await press(pilot, "escape")
            await press(pilot, "c")
            await settle(pilot)
            tree = app.screen.query_one("#chain")
            labels = " ".join(str(n.label) for n in _walk(tree.root))
            assert "[1]" in labels and "Tổ [A] công tác" in labels

    run(go())
