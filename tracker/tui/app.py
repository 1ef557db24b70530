"""The Textual app: one store, the day things are judged on, the screens, and a watch on the data folder.

State the screens share lives here: the store (every access under one
lock, since workers run in threads), the as-of day, and a small cache of
whole-store queries keyed by the store version (so going back to a screen
does not judge 150,000 assignments again). A timer polls `store.changed()`
and tells the screens when another process saved.
"""
from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any, Callable

from textual.app import App
from textual.command import CommandPalette
from textual.screen import Screen

from tracker.store import open_store
from tracker.tui.actions import bindings
from tracker.tui.palette import TrackerCommands

POLL_SECONDS = 2.0


class TrackerApp(App):
    """The tracker's terminal UI. `TrackerApp(db_path, as_of=date(...))` for tests."""

    CSS_PATH = "app.tcss"
    TITLE = "Theo dõi nhiệm vụ"
    COMMANDS = {TrackerCommands}
    BINDINGS = bindings("app")
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        db_path: str | Path | None = None,
        *,
        as_of: date | None = None,
        start_dir: str | Path | None = None,
        poll: float | None = POLL_SECONDS,
    ):
        super().__init__()
        self.store = open_store(db_path)  # a damaged store raises StoreError here, before the screen opens
        self.store_lock = threading.RLock()
        self.as_of: date = as_of or date.today()
        self.start_dir = Path(start_dir) if start_dir else Path.cwd()
        self.poll = poll
        self._cache: dict[Any, tuple[int, Any]] = {}
        # The home screen's query starts with the app, in a thread of its own: it runs while Textual builds
        # the screen (~0.3-0.5 s of start-up before the screen's own worker would start it); the screen's
        # worker then waits for the store lock and finds the answer in the cache.
        threading.Thread(target=self._prefetch_home, name="tracker-prefetch", daemon=True).start()

    def notify(self, message: str, *, title: str = "", severity: Any = "information", timeout: float | None = None,
               markup: bool = True) -> None:
        # Messages carry names and texts from documents ("[1]", "[cycles.x]"): never read them as markup.
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    @property
    def store_name(self) -> str:
        return self.store.path.name

    # -- screens ------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        from tracker.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self.poll:
            self.set_interval(self.poll, self.check_for_changes)

    def action_go(self, name: str) -> None:
        """Show a main screen: the one already open (closing what is above it), else a new one."""
        from tracker.tui.screens import SCREENS

        cls = SCREENS[name]
        for n, screen in enumerate(self.screen_stack):
            if isinstance(screen, cls):
                while len(self.screen_stack) > n + 1:
                    self.pop_screen()
                return
        self.push_screen(cls())

    def action_help(self) -> None:
        from tracker.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder="Tìm lệnh (gõ không dấu cũng được)…", id="--command-palette"))

    def action_as_of(self) -> None:
        from tracker.track import format_date, parse_date
        from tracker.tui.widgets.dialogs import PromptDialog

        def chosen(value: str | None) -> None:
            if value:
                self.set_as_of(parse_date(value))

        self.push_screen(
            PromptDialog("Tính hạn và quá hạn đến ngày", format_date(self.as_of),
                         hint="dd/mm/yyyy, ví dụ 30/09/2022", check=parse_date),
            chosen,
        )

    def set_as_of(self, day: date) -> None:
        self.as_of = day
        self.data_changed()

    def action_reload(self) -> None:
        with self.store_lock:
            self.store.refresh()
        self.data_changed()

    # -- the store -------------------------------------------------------------------------------

    def with_store(self, fn: Callable[[Any], Any]) -> Any:
        """Run `fn(store)` holding the store lock (workers call this from their threads)."""
        with self.store_lock:
            return fn(self.store)

    def cached(self, key: Any, fn: Callable[[], Any]) -> Any:
        """`fn()` once per store version and key (call inside `with_store`)."""
        with self.store_lock:
            version = self.store.version
            hit = self._cache.get(key)
            if hit is not None and hit[0] == version:
                return hit[1]
            value = fn()
            self._cache[key] = (version, value)
            return value

    def _prefetch_home(self) -> None:
        from tracker.tui.screens.home import load_home

        try:
            self.with_store(lambda store: load_home(self, store))
        except Exception:  # noqa: BLE001 - the screen's own query runs again and says what is wrong
            pass

    def directives(self, store: Any) -> Any:
        """Every directive as of the app's day (cached per version)."""
        day = self.as_of
        return self.cached(("directives", day), lambda: store.directives(day))

    def data_changed(self) -> None:
        """Tell every open screen that the data or the day changed."""
        from tracker.tui.screens.base import TrackerScreen

        for screen in self.screen_stack:
            if isinstance(screen, TrackerScreen):
                screen.data_changed()

    def check_for_changes(self) -> None:
        """The timer's poll: another process saved to the store? (Skipped while a worker holds the store.)"""
        if not self.store_lock.acquire(blocking=False):
            return
        try:
            changed = self.store.changed()
        except Exception:  # a half-written manifest from another process: try again next tick
            changed = False
        finally:
            self.store_lock.release()
        if changed:
            self.notify("Dữ liệu vừa được cập nhật từ nơi khác; đã tải lại.", title="Dữ liệu thay đổi")
            self.data_changed()

    def entry_day(self) -> date:
        """The day a status entry takes effect unless the clerk types another: the as-of day, never in the future."""
        return min(self.as_of, date.today())

    def save_status(self, screen: Any, aid: int, entry: Any) -> None:
        from tracker.recorder import recorder

        by = recorder(None)
        screen.fetch("status_saved", lambda s: s.set_status(aid, entry.status, on=entry.on, note=entry.note, by=by))


def run_app(db_path: str | Path | None = None, *, as_of: date | None = None) -> None:
    TrackerApp(db_path, as_of=as_of).run()
