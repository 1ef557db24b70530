"""The command palette: every command of the registry that applies to the current screen, searched without diacritics."""
from __future__ import annotations

from functools import partial
from typing import Iterator

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tracker.text import fold
from tracker.tui.actions import COMMANDS, SCOPES, Command, key_display


class TrackerCommands(Provider):
    def _commands(self) -> Iterator[Command]:
        from tracker.tui.widgets.paged_table import PagedTable

        scopes = {"app", getattr(self.screen, "SCOPE", "") or "-"}
        if self.screen.query(PagedTable):
            scopes.add("table")
        for c in COMMANDS:
            if c.palette and c.scope in scopes:
                yield c

    def _help(self, c: Command) -> str:
        return f"{key_display(c.keys)} · {SCOPES.get(c.scope, c.scope)}"

    async def _run(self, c: Command) -> None:
        from tracker.tui.widgets.paged_table import PagedTable

        if c.scope == "app":
            await self.app.run_action(c.action)
            return
        if c.scope == "table":
            focused = self.screen.focused
            tables = [focused] if isinstance(focused, PagedTable) else list(self.screen.query(PagedTable))
            if tables:
                await self.app.run_action(c.action, tables[0])
            return
        await self.app.run_action(c.action, self.screen)

    async def discover(self) -> Hits:
        for c in self._commands():
            yield DiscoveryHit(c.help, partial(self._run, c), help=self._help(c))

    async def search(self, query: str) -> Hits:
        words = fold(query).split()
        for c in self._commands():
            hay = fold(f"{c.label} {c.help} {key_display(c.keys)}")
            if not all(w in hay for w in words):
                continue
            # Prefer commands whose short label holds the words, then shorter texts.
            label = fold(c.label)
            score = 0.5 + 0.4 * (sum(w in label for w in words) / max(1, len(words))) + 0.1 / (1 + len(c.help) / 40)
            yield Hit(score, Text(c.help), partial(self._run, c), text=c.help, help=self._help(c))
