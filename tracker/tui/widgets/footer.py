"""The footer of keys, built again only when the keys it shows change.

Textual's Footer rebuilds all its key widgets whenever the bindings may have
changed (every move of the focus). Profiled on the home screen's first start it
did so three times, 27 key widgets for the 9 on screen, each styled by the CSS
engine, for the same keys: the table's own keys (arrows, Enter) are not shown.
"""
from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    _shown: tuple[Any, ...] | None = None

    def _keys(self, screen: Screen) -> tuple[Any, ...]:
        """What the footer would show: the shown bindings and whether each can run now."""
        return tuple((b.key, b.description, b.action, enabled, tooltip)
                     for _, b, enabled, tooltip in screen.active_bindings.values()
                     if b.show or b.action == "command_palette")

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            keys = self._keys(screen)
            if self._bindings_ready and keys == self._shown:
                return
            self._shown = keys
        super().bindings_changed(screen)
