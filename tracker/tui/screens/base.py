"""What every screen shares: the top bar and footer, queries in thread workers, status changes.

Workers only read (or write) through the app's store and post a message
with the result; the screen's handlers own the state and render it. A
screen is told when the data changed (its own writes, or another process
saving to the same store) and reloads; screens below the current one
reload when they come back.
"""
from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, ClassVar

from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from tracker.errors import TrackerError
from tracker.tui.widgets.footer import KeysFooter
from tracker.tui.widgets.topbar import TopBar

if TYPE_CHECKING:
    from tracker.tui.app import TrackerApp


class QueryDone(Message):
    """A worker's result: the screen's `show_<what>(data)` renders it."""

    def __init__(self, what: str, data: Any):
        super().__init__()
        self.what = what
        self.data = data


class QueryFailed(Message):
    def __init__(self, what: str, error: str):
        super().__init__()
        self.what = what
        self.error = error


class TrackerScreen(Screen):
    """A screen of the app: subclasses set SCOPE and TITLE, compose `body()`, and load in `reload()`."""

    SCOPE: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.stale = False

    @property
    def tracker(self) -> "TrackerApp":
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield TopBar()
        yield from self.body()
        yield KeysFooter()

    def body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.update_topbar()
        self.reload()

    def on_screen_resume(self) -> None:
        self.update_topbar()
        if self.stale:
            self.stale = False
            self.reload()

    def update_topbar(self) -> None:
        bar = self.query_one(TopBar)
        bar.where = self.TITLE
        bar.as_of = self.tracker.as_of.strftime("%d/%m/%Y")
        bar.store_name = self.tracker.store_name

    def reload(self) -> None:
        """Load (again) what the screen shows; called on mount, on data changes and on a new as-of day."""

    def data_changed(self) -> None:
        """The data or the day changed: reload now if shown, else when shown again."""
        if self.is_current:
            self.update_topbar()
            self.reload()
        else:
            self.stale = True

    # -- workers -------------------------------------------------------------------------

    def fetch(self, what: str, fn: Callable[[Any], Any]) -> None:
        """Run `fn(store)` in a thread worker; `show_<what>(result)` gets the result.

        A newer query of the same kind replaces an older one still running
        (its result is dropped).
        """
        self.run_worker(partial(self._run_query, what, fn), thread=True, group=f"q:{what}",
                        exclusive=True, name=what, exit_on_error=False)

    def _run_query(self, what: str, fn: Callable[[Any], Any]) -> None:
        worker = get_current_worker()
        try:
            data = self.tracker.with_store(fn)
        except TrackerError as exc:
            if not worker.is_cancelled:
                self.post_message(QueryFailed(what, str(exc)))
            return
        if not worker.is_cancelled:
            self.post_message(QueryDone(what, data))

    def on_query_done(self, message: QueryDone) -> None:
        handler = getattr(self, f"show_{message.what}", None)
        if handler is not None:
            handler(message.data)

    def on_query_failed(self, message: QueryFailed) -> None:
        self.notify(message.error, title="Lỗi", severity="error", timeout=8)
        handler = getattr(self, f"failed_{message.what}", None)
        if handler is not None:
            handler(message.error)

    # -- changing statuses (screens that list assignments) -----------------------------------

    def current_assignment(self) -> Any | None:
        """The assignment row under the cursor (screens that list assignments override this)."""
        return None

    def action_status(self, preset: str | None = None) -> None:
        from tracker.tui.fmt import short
        from tracker.tui.widgets.dialogs import StatusDialog

        a = self.current_assignment()
        if a is None:
            self.notify("Chọn một phân công trước", severity="warning")
            return
        title = f"#{a.id} {a.unit} — {a.directive} {a.task_path}"
        if getattr(a, "task", ""):
            title += "\n" + short(a.task, 150)
        self.app.push_screen(StatusDialog(title, a.status, self.tracker.entry_day(), preset),
                             partial(self._save_status, a.id))

    def _save_status(self, aid: int, entry: Any) -> None:
        if entry is None:
            return
        self.tracker.save_status(self, aid, entry)

    def show_status_saved(self, data: Any) -> None:
        from tracker.track import label

        event = data
        self.notify(f"#{event.assignment_id}: {label(event.from_status or '')} → {label(event.to_status or '')}",
                    title="Đã lưu")
        self.tracker.data_changed()

    def action_history(self) -> None:
        a = self.current_assignment()
        if a is None:
            self.notify("Chọn một phân công trước", severity="warning")
            return
        title = f"Lịch sử #{a.id}: {a.unit} — {a.directive} {a.task_path}"
        self.fetch("history", lambda s: (title, s.history(a.id)))

    def show_history(self, data: Any) -> None:
        from tracker.tui.widgets.dialogs import HistoryDialog

        title, events = data
        self.app.push_screen(HistoryDialog(title, events))

    # -- navigation ---------------------------------------------------------------------------

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.tracker.action_go("home")

    def action_focus(self, widget_id: str) -> None:
        try:
            self.query_one(f"#{widget_id}").focus()
        except Exception:
            pass

    def open_directive(self, did: int, task_id: int | None = None) -> None:
        from tracker.tui.screens.directive import DirectiveScreen

        self.app.push_screen(DirectiveScreen(did, task_id=task_id))

    def open_chain(self, did: int, task_id: int | None = None, task_path: str = "") -> None:
        from tracker.tui.screens.chain import ChainScreen

        self.app.push_screen(ChainScreen(did, task_id=task_id, task_path=task_path))


def today() -> date:
    return date.today()
