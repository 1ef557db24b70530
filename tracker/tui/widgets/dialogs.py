"""Small modal dialogs: change a status with a note, ask for a text or a date, confirm, edit a long text."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from tracker.errors import TrackerError
from tracker.track import format_date, parse_date
from tracker.track.status import LABELS, STATUSES


@dataclass
class StatusEntry:
    """What the status dialog returns."""

    status: str  # key
    note: str | None
    on: date


class StatusDialog(ModalScreen[StatusEntry | None]):
    """Pick a status (digits 1..5 or arrows), type a note, Enter saves; Esc cancels.

    The chosen status is marked (◉) and named on its own line whichever field has the focus; Tab goes
    status list → note → day → Lưu → Hủy. A digit (here or on the table that opened the dialog) chooses
    and puts the cursor in the note, so "3" then Enter records «hoàn thành».
    """

    BINDINGS = [
        Binding("escape", "cancel", "Hủy"),
        *[Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 6)],
    ]

    def __init__(self, title: str, current: str, on: date, preset: str | None = None):
        super().__init__()
        self.title_text = title
        self.current = current
        self.on = on
        self.preset = preset

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog status-dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static("", id="chosen")
            yield OptionList(*[Option(_status_prompt(n, k, False), id=k) for n, k in enumerate(STATUSES, 1)],
                             id="statuses", compact=True)
            with Horizontal(classes="row"):
                yield Label("Ghi chú")
                yield Input(placeholder="Đơn vị báo cáo gì (không bắt buộc)", id="note", compact=True)
            with Horizontal(classes="row"):
                yield Label("Có hiệu lực từ ngày")
                yield Input(format_date(self.on), id="on", classes="date", compact=True)
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Lưu", variant="primary", id="ok", compact=True)
                yield Button("Hủy", id="cancel", compact=True)

    def on_mount(self) -> None:
        options = self.query_one("#statuses", OptionList)
        key = self.preset or self.current
        options.highlighted = STATUSES.index(key) if key in STATUSES else 0
        self._mark()
        if self.preset:
            self.query_one("#note", Input).focus()
        else:
            options.focus()

    def chosen(self) -> str | None:
        """The status key chosen now."""
        n = self.query_one("#statuses", OptionList).highlighted
        return STATUSES[n] if n is not None else None

    @on(OptionList.OptionHighlighted, "#statuses")
    def _mark(self) -> None:
        """Mark the chosen status in the list and name it, so it shows while the note has the focus."""
        options = self.query_one("#statuses", OptionList)
        key = self.chosen()
        for n, k in enumerate(STATUSES, 1):
            options.replace_option_prompt(k, _status_prompt(n, k, k == key))
        t = Text()
        t.append(f"Hiện tại: {LABELS.get(self.current, self.current)}", style="dim")
        t.append("  →  mới: ")
        t.append(LABELS.get(key or "", "(chưa chọn)"), style="bold reverse" if key else "dim")
        self.query_one("#chosen", Static).update(t)

    def action_pick(self, n: int) -> None:
        self.query_one("#statuses", OptionList).highlighted = n
        self.query_one("#note", Input).focus()

    @on(OptionList.OptionSelected, "#statuses")
    def _chosen(self) -> None:
        self.query_one("#note", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        options = self.query_one("#statuses", OptionList)
        if options.highlighted is None:
            return
        try:
            on = parse_date(self.query_one("#on", Input).value)
        except TrackerError as exc:
            self.query_one("#error", Static).update(Text(f"Ngày không hợp lệ: {exc}"))
            return
        note = self.query_one("#note", Input).value.strip() or None
        self.dismiss(StatusEntry(STATUSES[options.highlighted], note, on))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _status_prompt(n: int, key: str, chosen: bool) -> Text:
    t = Text(f"{'◉' if chosen else '○'} {n}  ")
    t.append(LABELS[key], style="bold" if chosen else "")
    return t


class PromptDialog(ModalScreen[str | None]):
    """One line of text (a date, a path); `check(value)` may raise TrackerError to refuse it."""

    BINDINGS = [Binding("escape", "cancel", "Hủy")]

    def __init__(self, title: str, value: str = "", *, hint: str = "", check=None):  # type: ignore[no-untyped-def]
        super().__init__()
        self.title_text = title
        self.value = value
        self.hint = hint
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            if self.hint:
                yield Label(self.hint, classes="muted", markup=False)
            yield Input(self.value, id="value")
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Đồng ý", variant="primary", id="ok")
                yield Button("Hủy", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#value", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        value = self.query_one("#value", Input).value.strip()
        if self.check is not None:
            try:
                self.check(value)
            except TrackerError as exc:
                self.query_one("#error", Static).update(Text(str(exc)))
                return
        self.dismiss(value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A question with Đồng ý / Hủy (keys: c or Enter = yes, k or Esc = no)."""

    BINDINGS = [
        Binding("escape,k,n", "answer(False)", "Không"),
        Binding("c,y", "answer(True)", "Có"),
    ]

    def __init__(self, title: str, body: str = "", *, yes: str = "Đồng ý", no: str = "Hủy"):
        super().__init__()
        self.title_text = title
        self.body = body
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            if self.body:
                yield Static(self.body, classes="dialog-body", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.yes, variant="primary", id="yes")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class TextDialog(ModalScreen[str | None]):
    """Edit a longer text in a text area; Ctrl+S keeps it, Esc drops the change."""

    BINDINGS = [
        Binding("escape", "cancel", "Hủy"),
        Binding("ctrl+s", "keep", "Giữ thay đổi", priority=True),
    ]

    def __init__(self, title: str, text: str, *, hint: str = "Ctrl+S để giữ thay đổi, Esc để bỏ"):
        super().__init__()
        self.title_text = title
        self.text = text
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Label(self.hint, classes="muted", markup=False)
            yield TextArea(self.text, id="text", soft_wrap=True)
            with Horizontal(classes="buttons"):
                yield Button("Giữ", variant="primary", id="ok")
                yield Button("Hủy", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#text", TextArea).focus()

    @on(Button.Pressed, "#ok")
    def action_keep(self) -> None:
        self.dismiss(self.query_one("#text", TextArea).text)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class SplitDialog(TextDialog):
    """Split a text in two where the cursor stands; returns the first part + "\\x00" + the second."""

    def __init__(self, title: str, text: str):
        super().__init__(title, text, hint="Đặt con trỏ vào chỗ cần tách rồi nhấn Ctrl+S; Esc để bỏ")

    def action_keep(self) -> None:
        area = self.query_one("#text", TextArea)
        row, col = area.cursor_location
        lines = area.text.split("\n")
        offset = sum(len(line) + 1 for line in lines[:row]) + col
        first, second = area.text[:offset].strip(), area.text[offset:].strip()
        if not first or not second:
            self.app.bell()
            self.notify("Con trỏ phải nằm giữa nội dung để tách làm hai", severity="warning")
            return
        self.dismiss(first + "\x00" + second)


class HistoryDialog(ModalScreen[None]):
    """The history of one assignment, oldest first."""

    BINDINGS = [Binding("escape,h,q", "close", "Đóng")]

    def __init__(self, title: str, events: list):  # type: ignore[type-arg]
        super().__init__()
        self.title_text = title
        self.events = events

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            table: DataTable = DataTable(id="history", cursor_type="row", zebra_stripes=True)
            yield table
            yield Label("Esc để đóng", classes="muted")

    def on_mount(self) -> None:
        from tracker.views.events import change_text

        table = self.query_one("#history", DataTable)
        table.add_columns("Ngày", "Thay đổi", "Ghi chú", "Người ghi", "Ghi lúc")
        for e in self.events:
            change = change_text(e)
            cells = (format_date(e.on), change, e.note or "", e.by or "", (e.at or "").replace("T", " ")[:16])
            table.add_row(*[Text(c) for c in cells])
        if not self.events:
            table.add_row("", "Chưa có thay đổi nào", "", "", "")
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)


class RowDialog(ModalScreen[None]):
    """One table row in full: every column's whole text, and what the table leaves out (`i` on a table)."""

    BINDINGS = [Binding("escape,i,q,enter", "close", "Đóng")]

    def __init__(self, title: str, pairs: list[tuple[str, str]]):
        super().__init__()
        self.title_text = title
        self.pairs = pairs

    def compose(self) -> ComposeResult:
        width = max(len(label) for label, _ in self.pairs)
        body = Text()
        for n, (label, text) in enumerate(self.pairs):
            if n:
                body.append("\n")
            body.append(f"{label:<{width}}  ", style="bold")
            body.append(text)
        with VerticalScroll(classes="dialog wide", id="row-dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(body, id="row-text")
            yield Label("Esc để đóng", classes="muted")

    def action_close(self) -> None:
        self.dismiss(None)
