"""The terminal UI (Textual), in Vietnamese, for the clerk, the coordinator and the chair.

    from tracker.tui import run_app
    run_app(db_path, as_of=None)            # `tracker`, `tracker tui`, `tracker demo`
    TrackerApp(db_path, as_of=date(...))    # tests: app.run_test(size=(120, 40))

Everything it shows comes from the same core the CLI uses (tracker.store,
tracker.track, tracker.parse, tracker.units, tracker.chain, tracker.report);
the core never imports Textual. Screens: tracker/tui/screens/; the command
registry that feeds bindings, help and palette: tracker/tui/actions.py;
styles: tracker/tui/app.tcss.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any


def run_app(db_path: str | Path | None = None, *, as_of: date | None = None) -> None:
    """Open the app on the store at `db_path` (default: --db / TRACKER_DB / the user's data folder)."""
    from tracker.tui.app import run_app as _run

    _run(db_path, as_of=as_of)


def __getattr__(name: str) -> Any:
    if name == "TrackerApp":
        from tracker.tui.app import TrackerApp

        return TrackerApp
    raise AttributeError(name)


__all__ = ["run_app", "TrackerApp"]
