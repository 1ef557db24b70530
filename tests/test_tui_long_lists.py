"""Lists longer than a screen (and than the 200 rows a table used to hold at once): every row is reachable
with the keys, the mouse wheel and a click; search finds rows never drawn; the row under the cursor is the
one the detail pane and Enter use; and a table makes the cells of the rows it draws, not of every row."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from test_tui import make_app, press, private_copy, run, settle, type_text

DIRECTIVES = 260  # more than one old page (200 rows)


@pytest.fixture(scope="module")
def long_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    import synth

    path = tmp_path_factory.mktemp("long") / "store"
    synth.build_store(path, directives=DIRECTIVES, tasks=2 * DIRECTIVES, assignments=5 * DIRECTIVES, events=0, seed=5)
    return path


@pytest.fixture
def long_db(long_master: Path, tmp_path: Path) -> Path:
    return private_copy(long_master, tmp_path / "store")


def screen_lines(table: Any) -> list[str]:
    """What the table draws, line by line (its header first)."""
    return [table.render_line(y).text for y in range(table.scrollable_content_region.height)]


def detail(app: Any) -> str:
    return str(app.screen.query_one("#detail").render())


def test_end_and_home_reach_the_last_and_first_directive(long_db: Path) -> None:
    async def go() -> None:
        app = make_app(long_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            table = app.screen.query_one("#directives")
            every = list(table.records)
            assert len(every) == DIRECTIVES
            await press(pilot, "end")
            last = every[-1]
            assert table.current_record() is last
            assert last.label in detail(app) and last.subject in detail(app)
            assert any(last.label in line for line in screen_lines(table))  # scrolled to it
            await press(pilot, "home")
            assert table.current_record() is every[0]
            assert any(every[0].label in line for line in screen_lines(table))
            await press(pilot, "end", "enter")  # Enter opens the row under the cursor
            assert app.screen.did == last.id

    run(go())


def test_page_down_moves_a_screenful_and_the_cursor_row_is_the_detail(long_db: Path) -> None:
    async def go() -> None:
        app = make_app(long_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            table = app.screen.query_one("#directives")
            room = len(screen_lines(table)) - 1
            for _ in range(DIRECTIVES // room + 1):
                await press(pilot, "pagedown")
            assert table.cursor_row == DIRECTIVES - 1
            await press(pilot, "up", "up", "left_square_bracket")
            assert table.cursor_row == DIRECTIVES - 3 - room
            await press(pilot, "right_square_bracket")
            want = table.records[DIRECTIVES - 3]
            assert table.current_record() is want and want.label in detail(app)
            cursor_line = screen_lines(table)[table.cursor_row - round(table.scroll_y) + 1]
            assert want.label in cursor_line

    run(go())


def test_the_mouse_wheel_and_a_click_reach_the_end_of_the_list(long_db: Path) -> None:
    async def go() -> None:
        app = make_app(long_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            table = app.screen.query_one("#directives")
            # A user wheels on until the last row shows. On a loaded machine the table's first layout
            # can land after the wheels, and a resize scrolls back to the cursor (row 0, which the wheel
            # does not move): wheel down again then, as she would; never more than a few rounds.
            for _ in range(5):
                for _ in range(DIRECTIVES):
                    table.post_message(_wheel_down(table))
                await settle(pilot)
                last = table.records[-1]
                lines = screen_lines(table)
                if last.label in lines[-1]:
                    break
            assert last.label in lines[-1]
            top = table.content_region.y - table.region.y
            await pilot.click("#directives", offset=(4, top + len(lines) - 1))
            await settle(pilot)
            assert table.current_record() is last and last.label in detail(app)

    run(go())


def _wheel_down(table: Any) -> Any:
    from textual import events

    return events.MouseScrollDown(table, 4, 4, 0, 1, 0, False, False, False, screen_x=4, screen_y=4)


def test_search_without_diacritics_finds_a_directive_never_drawn(long_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tracker.tui.screens.home as home

    drawn: list[int] = []
    render = home._render_directive
    monkeypatch.setattr(home, "_render_directive", lambda r: drawn.append(r.id) or render(r))

    async def go() -> None:
        app = make_app(long_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            table = app.screen.query_one("#directives")
            oldest = table.records[-1]  # 100/CV-UBND, "UBND tỉnh Tổng hợp", listed last (newest first)
            assert oldest.label.startswith("100/CV") and oldest.id not in drawn
            assert len(set(drawn)) < DIRECTIVES  # the rows below the screen were never made
            await press(pilot, "slash")  # to the search field
            await type_text(pilot, "tinh 100/cv")
            await pilot.pause(0.4)  # the search waits for typing to stop
            await settle(pilot)
            assert [r.id for r in table.records] == [oldest.id]
            assert table.current_record() is oldest and oldest.label in detail(app)
            assert any(oldest.label in line for line in screen_lines(table))

    run(go())


def test_a_table_makes_only_the_rows_it_draws_and_reaches_all_of_them() -> None:
    from textual.app import App, ComposeResult

    from tracker.tui.widgets.columns import Col
    from tracker.tui.widgets.paged_table import NATURAL_SAMPLE, PagedTable

    made: list[int] = []

    def render(n: int) -> tuple[str, list[str]]:
        made.append(n)
        return str(n), [f"dòng {n}"]

    class One(App):
        def compose(self) -> ComposeResult:
            yield PagedTable(id="t")

    async def go() -> None:
        app = One()
        async with app.run_test(size=(80, 20)) as pilot:
            t = app.query_one(PagedTable)
            t.set_columns([Col("Dòng", 12, grow=1)])
            t.show(list(range(10_000)), render)
            t.focus()
            await pilot.pause()
            assert t.row_count == 10_000
            assert len(set(made)) <= NATURAL_SAMPLE + 20  # the widths' sample and one screenful
            await pilot.press("end")
            await pilot.pause()
            assert t.current_record() == 9999 and "dòng 9999" in screen_lines(t)[-1]
            assert 9000 not in made  # between the ends: never made
            await pilot.press("home", "right_square_bracket")
            await pilot.pause()
            room = len(screen_lines(t)) - 1
            assert t.current_record() == room
            await pilot.press("left_square_bracket")
            assert t.current_record() == 0
            t.show(list(range(10_000)), render, keep="5000")  # a refresh keeps the cursor's row anywhere
            await pilot.pause()
            assert t.current_record() == 5000 and any("dòng 5000" in line for line in screen_lines(t))

    run(go())


def test_the_footer_is_built_again_only_when_its_keys_change() -> None:
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Static
    from textual.widgets._footer import FooterKey

    from tracker.tui.widgets.footer import KeysFooter

    class Box(Static, can_focus=True):
        pass

    class A(Box):
        BINDINGS = [Binding("a", "noop", "Việc A")]

    class B(Box):
        BINDINGS = [Binding("b", "noop", "Việc B")]

    class Keys(App):
        def compose(self) -> ComposeResult:
            yield A("1", id="a1")
            yield A("2", id="a2")
            yield B("3", id="b")
            yield KeysFooter()

    def shown(app: Any) -> list[str]:
        return [k.description for k in app.screen.query(FooterKey)]

    async def go() -> None:
        app = Keys()
        async with app.run_test(size=(80, 10)) as pilot:
            app.query_one("#a1").focus()
            await pilot.pause(0.1)
            assert "Việc A" in shown(app)
            before = list(app.screen.query(FooterKey))
            app.query_one("#a2").focus()  # the same keys: the same key widgets
            await pilot.pause(0.1)
            assert list(app.screen.query(FooterKey)) == before
            app.query_one("#b").focus()  # other keys: shown
            await pilot.pause(0.1)
            assert "Việc B" in shown(app) and "Việc A" not in shown(app)

    run(go())


def test_a_resize_keeps_the_place_of_a_user_who_wheeled_away_from_the_cursor() -> None:
    from textual.app import App, ComposeResult

    from tracker.tui.widgets.columns import Col
    from tracker.tui.widgets.paged_table import PagedTable

    class One(App):
        def compose(self) -> ComposeResult:
            yield PagedTable(id="t")

    async def go() -> None:
        app = One()
        async with app.run_test(size=(80, 20)) as pilot:
            t = app.query_one(PagedTable)
            t.set_columns([Col("Dòng", 12, grow=1)])
            t.show(list(range(1_000)), lambda n: (str(n), [f"dòng {n}"]))
            t.focus()
            await pilot.pause()
            for _ in range(30):
                t.post_message(_wheel_down(t))
            await pilot.pause()
            top = round(t.scroll_y)
            assert top > 20 and t.current_record() == 0  # the wheel moved the view, not the cursor
            await pilot.resize_terminal(90, 16)
            await pilot.pause()
            assert t.size.height < 20 and round(t.scroll_y) == top  # her place, not back to row 0
            assert f"dòng {top}" in screen_lines(t)[1]
            # The cursor in view and the window shrinking under it: it stays in view.
            await pilot.press("home")
            for _ in range(8):
                await pilot.press("down")
            await pilot.pause()
            assert t.current_record() == 8 and any("dòng 8" in line for line in screen_lines(t))
            await pilot.resize_terminal(90, 8)
            await pilot.pause()
            assert any("dòng 8" in line for line in screen_lines(t))

    run(go())
