"""Where the TUI's first screen spends its time: app object to the home rows on screen, headless.

    .venv/bin/python bench/tui_profile.py --db STORE_OR_URL [--runs 3] [--cprofile out.prof]

Prints, for each start (the first in the process pays for Textual's and the store's imports too),
wall and process CPU, then the thread CPU spent in the parts that mattered when it was profiled:
the store's query (in its own thread), the home table and tree drawing, Textual's layout and CSS.
Figures only: nothing here is a test. Other work on the machine shows in the load average printed.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import cProfile
import os
import resource
import sys
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

AS_OF = date(2022, 12, 31)
spent: collections.Counter[str] = collections.Counter()
calls: collections.Counter[str] = collections.Counter()
_depth = threading.local()


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def measure(owner: Any, name: str, label: str) -> None:
    """Count the thread CPU of `owner.name` (outermost calls only) under `label`."""
    inner: Callable[..., Any] = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        depth = getattr(_depth, label, 0)
        setattr(_depth, label, depth + 1)
        start = time.thread_time()
        try:
            return inner(*args, **kwargs)
        finally:
            setattr(_depth, label, depth)
            if depth == 0:
                spent[label] += time.thread_time() - start
                calls[label] += 1

    setattr(owner, name, timed)


def instrument() -> None:
    from textual.css.stylesheet import Stylesheet
    from textual.screen import Screen
    from textual.widgets import Tree

    from tracker.tui.app import TrackerApp
    from tracker.tui.screens import home
    from tracker.tui.widgets.paged_table import PagedTable

    measure(TrackerApp, "directives", "store: directives as of the day (query thread)")
    measure(home.data, "area_tree", "area tree (query thread)")
    measure(home.HomeScreen, "show_home", "home: rows handed to the table and tree")
    measure(PagedTable, "render_lines", "home table: drawing")
    measure(Tree, "render_lines", "tree: drawing")
    measure(Screen, "_refresh_layout", "Textual: layout and paint (all widgets)")
    measure(Stylesheet, "apply", "Textual: CSS applied to widgets")


def first_screen(db: str) -> tuple[float, float]:
    from tracker.tui.app import TrackerApp
    from tracker.tui.testing import settle

    async def go() -> tuple[float, float]:
        t0, c0 = time.perf_counter(), cpu()
        app = TrackerApp(db, as_of=AS_OF, poll=None)
        async with app.run_test(size=(160, 48)) as pilot:
            table = app.screen.query_one("#directives")
            while not table.records:
                await pilot.pause(0.005)
            await settle(pilot)
            return time.perf_counter() - t0, cpu() - c0

    return asyncio.run(go())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True, help="a store folder (a copy: the app may upgrade it) or a PostgreSQL URL")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cprofile", help="also write a cProfile of the last start (main thread) to this file")
    a = ap.parse_args()
    t0, c0 = time.perf_counter(), cpu()
    instrument()
    print(f"imports (Textual, the store, the TUI): {1000 * (time.perf_counter() - t0):.0f} ms, "
          f"CPU {1000 * (cpu() - c0):.0f} ms")
    for n in range(a.runs):
        spent.clear()
        calls.clear()
        profile = cProfile.Profile() if a.cprofile and n == a.runs - 1 else None
        if profile:
            profile.enable()
        wall, used = first_screen(a.db)
        if profile:
            profile.disable()
            profile.dump_stats(a.cprofile)
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"start {n + 1}{' (first in process)' if n == 0 else ''}: {1000 * wall:.0f} ms, "
              f"CPU {1000 * used:.0f} ms, load average {load}")
        for label, secs in spent.most_common():
            print(f"    {1000 * secs:7.1f} ms  ×{calls[label]:<4d} {label}")


if __name__ == "__main__":
    main()
