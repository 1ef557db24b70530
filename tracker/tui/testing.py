"""Helpers for driving the app headless (tests and bench/tui.py): wait until its own work is done."""
from __future__ import annotations

from typing import Any

# Worker groups of the app's own work: store queries ("q:<what>") and parsing. DirectoryTree's
# loader runs for as long as the tree lives, so waiting for every worker would never end.
OWN_GROUPS = ("q:", "parse")


def busy(app: Any) -> list[Any]:
    return [w for w in app.workers if w.group.startswith(OWN_GROUPS) and not w.is_finished]


async def settle(pilot: Any, *, rounds: int = 200) -> None:
    """Wait until the app's queries and parsing are done and the messages they posted are handled."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        running = busy(app)
        if running:
            await app.workers.wait_for_complete(running)
            continue
        await pilot.pause()  # a handler may have started the next query
        if not busy(app):
            return
    raise AssertionError("the app's workers did not finish")
