"""The TUI at the two sizes clerks use, 160×48 and 100×30 (Pilot, on the demo store): nothing a screen could
show is cut, the keys stay on screen, and the dialogs and fields behave as a clerk types."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.text import Text

import test_tui
from test_tui import AS_OF, SAMPLE_PDF, make_app, press, records, run, settle, type_text
from tracker.store import open_store
from tracker.tui.widgets.columns import CELL_PADDING

demo_master = test_tui.demo_master
demo_db = test_tui.demo_db
files_dir = test_tui.files_dir

SIZES = [(160, 48), (100, 30)]

# How to reach each screen that lists rows, from home.
TABLE_SCREENS = {
    "home": ((), "directives"),
    "directive tasks": (("enter",), "tasks"),
    "directive assignments": (("enter", "enter"), "assignments"),
    "overdue board": (("f4",), "board"),
    "unit": (("f4", "enter"), "unit-rows"),
    "meeting": (("f5",), "t-overdue"),
    "indicators": (("f6",), "catalogue"),
}


def cut_cells(table: Any) -> list[str]:
    """Cells of fixed-width columns that their column cuts (flexible ones may be cut, with "…")."""
    out = []
    for i in range(table.row_count):  # every row, also those the table has not drawn
        for n, cell in enumerate(table.get_row_at(i)):
            col = table.column_at(n)
            width = table.shown_widths()[n]
            text = cell.plain if isinstance(cell, Text) else str(cell)
            if not col.grow and Text(text).cell_len > width:
                out.append(f"{col.label}: {text!r} in {width}")
    return out


def used_width(table: Any) -> int:
    return sum(w + 2 * CELL_PADDING for w in table.shown_widths())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(TABLE_SCREENS))
def test_columns_take_the_width_there_is_and_cut_nothing_fixed(demo_db: Path, screen: str, size: tuple[int, int]) -> None:
    keys, table_id = TABLE_SCREENS[screen]

    async def go() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await press(pilot, *keys)
            await pilot.pause(0.1)
            await settle(pilot)
            table = app.screen.query_one(f"#{table_id}")
            assert table.row_count
            assert not cut_cells(table), cut_cells(table)
            room = table.size.width - 2  # what a vertical scrollbar may take
            assert used_width(table) <= room  # no sideways scrolling
            if any(c.grow for c in table.cols):
                assert used_width(table) == room  # the flexible columns took the rest

    run(go())


def test_i_shows_a_row_in_full_and_the_unit_screen_shows_the_whole_task(demo_db: Path) -> None:
    from tracker.tui.widgets.dialogs import RowDialog

    async def go() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await press(pilot, "f4", "enter")
            screen = app.screen
            a = screen.current_assignment()
            task = " ".join(a.task.split())
            assert len(task) > 60  # longer than its column at this size
            detail = screen.query_one("#row-detail").render()
            assert task[-30:] in " ".join(str(detail).split())
            await press(pilot, "i")
            assert isinstance(app.screen, RowDialog)
            pairs = dict(app.screen.pairs)
            assert task in pairs["Nhiệm vụ"]
            assert pairs["Vai trò"] in ("chủ trì", "phối hợp")  # a column too narrow a screen leaves out
            assert pairs["Đánh giá"].startswith("quá hạn")
            await press(pilot, "escape")
            assert app.screen is screen

    run(go())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_help_row_is_whole(demo_db: Path, size: tuple[int, int]) -> None:
    from rich.console import Console

    async def go() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await press(pilot, "f1")
            table = app.screen.query_one("#help-table")
            console = Console(width=200)
            widths = [c.width for c in table.columns.values()]
            for row in table.ordered_rows:
                for cell, width in zip(table.get_row(row.key), widths):
                    lines = Text(cell.plain).wrap(console, width)
                    assert len(lines) <= row.height, (cell.plain, width, row.height)
                    assert all(line.cell_len <= width for line in lines)

    run(go())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_function_keys_stay_on_the_top_bar(demo_db: Path, size: tuple[int, int]) -> None:
    from tracker.tui.widgets.topbar import NAV, TopBar

    async def go() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            for keys in ((), ("f3",), ("f2", "f4", "enter"), ("f5",)):
                await press(pilot, *keys)
                line = app.screen.query_one(TopBar).render().plain
                assert len(line) <= size[0] - 2
                for key, label in NAV:
                    assert f"{key} {label}" in line, line
                assert "01/10/2022" in line

    run(go())


def test_review_shows_more_than_three_tasks_at_100x30(demo_db: Path) -> None:
    from tracker.parse import parse_file
    from tracker.tui.screens.review import ReviewScreen

    draft = parse_file(SAMPLE_PDF, resolve=True)

    async def go() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            app.push_screen(ReviewScreen(draft))
            await settle(pilot)
            table = app.screen.query_one("#review-tasks")
            heights = [r.height for r in table.ordered_rows]
            room = table.scrollable_content_region.height - table.header_height
            shown, used = 0, 0
            for h in heights:
                if used + h > room:
                    break
                shown, used = shown + 1, used + h
            assert shown >= 5, (room, heights[:6])

    run(go())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_load_screen_takes_an_absolute_path_as_typed(demo_db: Path, files_dir: Path, size: tuple[int, int]) -> None:
    from textual.widgets import Input

    from tracker.tui.screens.review import ReviewScreen

    async def go() -> None:
        app = make_app(demo_db, start_dir=files_dir.parent)  # the file is not in the folder shown
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await press(pilot, "f3")
            assert isinstance(app.focused, Input) and app.focused.id == "path"
            await type_text(pilot, str(files_dir / SAMPLE_PDF.name))
            assert app.focused.value == str(files_dir / SAMPLE_PDF.name)  # its first "/" too
            await press(pilot, "enter")
            for _ in range(100):
                if isinstance(app.screen, ReviewScreen):
                    break
                await pilot.pause(0.05)
                await settle(pilot)
            assert isinstance(app.screen, ReviewScreen)
            assert app.screen.draft.header.number == "2333/UBND-VP"

    run(go())


def test_slash_in_the_file_tree_starts_an_absolute_path(demo_db: Path, files_dir: Path) -> None:
    async def go() -> None:
        app = make_app(demo_db, start_dir=files_dir)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await press(pilot, "f3", "ctrl+t")
            assert app.focused.id == "files"
            await press(pilot, "slash")
            await type_text(pilot, "tmp")
            assert app.focused.id == "path" and app.focused.value == "/tmp"

    run(go())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_status_dialog_shows_the_chosen_status_and_tabs_in_order(demo_db: Path, size: tuple[int, int]) -> None:
    from tracker.tui.widgets.dialogs import StatusDialog

    async def go() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await press(pilot, "enter", "enter", "3")
            dialog = app.screen
            assert isinstance(dialog, StatusDialog)
            assert app.focused.id == "note"
            assert "mới: hoàn thành" in str(dialog.query_one("#chosen").render())
            marked = [str(o.prompt) for o in dialog.query_one("#statuses").options if str(o.prompt).startswith("◉")]
            assert marked == ["◉ 3  hoàn thành"]
            order = []
            for _ in range(4):
                await press(pilot, "tab")
                order.append(app.focused.id)
            assert order == ["on", "ok", "cancel", "statuses"]
            await press(pilot, "2")  # a digit on the list chooses, and the note takes the focus
            assert app.focused.id == "note" and "mới: đang thực hiện" in str(dialog.query_one("#chosen").render())
            await type_text(pilot, "3 phòng đã xong")  # digits in the note are text
            assert app.focused.value == "3 phòng đã xong"
            for wid in ("statuses", "note", "on", "ok", "cancel"):  # the whole dialog is on screen
                region = dialog.query_one(f"#{wid}").region
                assert region.height and region.bottom <= size[1], wid

    run(go())


def test_parent_proposals_never_offer_the_document_itself(demo_db: Path) -> None:
    from textual.widgets import Select

    from tracker.parse import parse_file
    from tracker.tui.screens.review import ReviewScreen

    store = open_store(demo_db)
    itself = next(r.id for r in store.directives(AS_OF) if r.number == "2333/UBND-VP")
    draft = parse_file(SAMPLE_PDF, resolve=True)  # loaded already: reviewing it again is a re-load

    async def go() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)
            app.push_screen(ReviewScreen(draft))
            await settle(pilot)
            values = {v for _, v in app.screen.query_one("#parent", Select)._options}
            assert itself not in values
            assert len(values) >= 4  # the other directives (and "none") are offered
            assert app.screen.guess != itself

    run(go())


def test_resolved_issuer_shown_and_the_written_one_on_request(demo_db: Path) -> None:
    from tracker.tui.widgets.dialogs import RowDialog

    async def go() -> None:
        app = make_app(demo_db)
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)
            table = app.screen.query_one("#directives")
            row = next(n for n, r in enumerate(records(app, "directives")) if r.number and r.number.startswith("2283"))
            assert records(app, "directives")[row].issuer == "UBND tỉnh Hung Yên"  # as the copy writes it
            table.move_cursor(row=row)
            await settle(pilot)
            cells = [c.plain if isinstance(c, Text) else str(c) for c in table.get_row_at(row)]
            assert "UBND tỉnh Hưng Yên" in cells and "UBND tỉnh Hung Yên" not in cells
            assert "văn bản ghi «UBND tỉnh Hung Yên»" in str(app.screen.query_one("#detail").render())
            await press(pilot, "i")
            assert isinstance(app.screen, RowDialog)
            assert dict(app.screen.pairs)["Cơ quan (văn bản ghi)"] == "UBND tỉnh Hung Yên"

    run(go())
