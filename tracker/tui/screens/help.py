"""Every key of every screen, from the command registry (the same one the footer and the palette use)."""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from tracker.tui.actions import COMMANDS, SCOPES, bindings, key_display
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.columns import Col, FittedTable

NOTE = (
    "Tab / Shift+Tab: chuyển giữa các ô · mũi tên, PgUp/PgDn: di chuyển trong bảng · chuột: nhấp để chọn, "
    "nhấp vào dòng đang chọn để mở. Ctrl+P mở bảng lệnh: gõ vài chữ (không cần dấu) để tìm mọi lệnh. "
    "Ngày viết dd/mm/yyyy."
)


class HelpScreen(TrackerScreen):
    SCOPE = "help"
    TITLE = "Trợ giúp"
    BINDINGS = bindings("help")
    AUTO_FOCUS = "#help-table"

    def __init__(self, came_from: Screen | None = None):
        super().__init__()
        self.came_from_scope = getattr(came_from, "SCOPE", "")

    def body(self) -> ComposeResult:
        yield Static(NOTE, id="help-note")
        yield FittedTable(id="help-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#help-table", FittedTable)
        table.border_title = "Phím tắt"
        table.set_columns([Col("Phím", 12, grow=1), Col("Lệnh", 14, grow=1), Col("Tác dụng", 30, grow=5)])

    @on(FittedTable.Fitted, "#help-table")
    def _fill(self) -> None:
        """Every row whole: a long description wraps onto a second line rather than being cut."""
        table = self.query_one("#help-table", FittedTable)
        row = table.cursor_row
        order = list(SCOPES)
        # The screen the help was opened from comes first, after the keys that work everywhere.
        if self.came_from_scope in order:
            order.remove(self.came_from_scope)
            order.insert(1, self.came_from_scope)
        for scope in order:
            cmds = [c for c in COMMANDS if c.scope == scope]
            if not cmds:
                continue
            table.add_row(Text("▸", style="bold"), Text(""), Text(SCOPES[scope], style="bold reverse"), key=f"scope:{scope}")
            for c in cmds:
                table.add_row(Text(key_display(c.keys), style="bold"), Text(c.label), Text(c.help), key=c.id,
                              height=None)
        table.move_cursor(row=row, animate=False)

    def action_back(self) -> None:
        self.app.pop_screen()

