"""Snapshots of every screen at 160×48 and 100×30 on the demo store, as of a fixed day (pytest-textual-snapshot).

Deterministic across machines: a fixed as-of day, the store folder is always
named "demo", the load screen opens on a folder named "van-ban", no clock and
no absolute path is drawn, cursors do not blink. After an intended change of
a screen: `pytest tests/test_tui_snapshots.py --snapshot-update`, then look at
the SVGs in tests/__snapshots__/ before committing them.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import test_tui
from test_tui import SAMPLE_PDF, make_app, press, settle

# The fixtures of test_tui.py (the demo store built once per process, its copies, the files folder).
demo_master = test_tui.demo_master
demo_db = test_tui.demo_db
files_dir = test_tui.files_dir


async def quiet(pilot: Any) -> None:
    """Settle, stop cursors blinking and drop notifications: the picture must not depend on timing."""
    from textual.widgets import Input, TextArea

    await settle(pilot)
    for screen in pilot.app.screen_stack:
        for w in screen.query(Input):
            w.cursor_blink = False
        for w in screen.query(TextArea):
            w.cursor_blink = False
    pilot.app.clear_notifications()
    # The footer redraws its keys after a focus change on a later refresh: let it.
    for _ in range(3):
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()


# The sizes clerks use: a wide monitor and a laptop's half screen.
SIZES = [(160, 48), (100, 30)]
size = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


def snap(snap_compare: Any, app: Any, *keys: str, size: tuple[int, int], before: Any = None) -> bool:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await press(pilot, *keys)
        if before is not None:
            await before(pilot)
        await quiet(pilot)

    return snap_compare(app, terminal_size=size, run_before=run_before)


@size
def test_home(snap_compare: Any, demo_db: Path, size: tuple[int, int]) -> None:
    assert snap(snap_compare, make_app(demo_db), size=size)


@size
def test_directive(snap_compare: Any, demo_db: Path, size: tuple[int, int]) -> None:
    assert snap(snap_compare, make_app(demo_db), "enter", "down", "enter", size=size)


@size
def test_status_dialog(snap_compare: Any, demo_db: Path, size: tuple[int, int]) -> None:
    assert snap(snap_compare, make_app(demo_db), "enter", "enter", "3", size=size)


@size
def test_overdue_board(snap_compare: Any, demo_db: Path, size: tuple[int, int]) -> None:
    assert snap(snap_compare, make_app(demo_db), "f4", size=size)


@size
def test_unit_assignments(snap_compare: Any, demo_db: Path, size: tuple[int, int]) -> None:
    assert snap(snap_compare, make_app(demo_db), "f4", "enter", size=size)


@size
def test_meeting(snap_compare: Any, demo_db: Path, size: tuple[int, int]) -> None:
    assert snap(snap_compare, make_app(demo_db), "f5", size=size)


@size
def test_indicators(snap_compare: Any, demo_db: Path, size: tuple[int, int]) -> None:
    assert snap(snap_compare, make_app(demo_db), "f6", size=size)


@size
def test_chain(snap_compare: Any, demo_db: Path, size: tuple[int, int]) -> None:
    assert snap(snap_compare, make_app(demo_db), "enter", "enter", "c", size=size)


@size
def test_help(snap_compare: Any, demo_db: Path, size: tuple[int, int]) -> None:
    assert snap(snap_compare, make_app(demo_db), "f1", size=size)


@size
def test_load(snap_compare: Any, demo_db: Path, files_dir: Path, size: tuple[int, int]) -> None:
    async def tree_loaded(pilot: Any) -> None:
        tree = pilot.app.screen.query_one("#files")
        for _ in range(100):
            if len(tree.root.children) == 2:
                break
            await pilot.pause(0.02)

    assert snap(snap_compare, make_app(demo_db, start_dir=files_dir), "f3", before=tree_loaded, size=size)


@size
def test_review(snap_compare: Any, demo_db: Path, size: tuple[int, int]) -> None:
    from tracker.parse import parse_file
    from tracker.tui.screens.review import ReviewScreen

    draft = parse_file(SAMPLE_PDF, resolve=True)

    async def review(pilot: Any) -> None:
        pilot.app.push_screen(ReviewScreen(draft))
        await settle(pilot)

    assert snap(snap_compare, make_app(demo_db), before=review, size=size)
