"""The 21 indicators of Decision 766 in their 5 groups with points, the tasks linked to each and their state."""
from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable

from tracker.tui import data, fmt
from tracker.tui.actions import bindings
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.columns import Col
from tracker.tui.widgets.paged_table import PagedTable, heading


class IndicatorsScreen(TrackerScreen):
    SCOPE = "indicators"
    TITLE = "Bộ chỉ số 766"
    BINDINGS = bindings("indicators")
    AUTO_FOCUS = "#catalogue"

    def __init__(self) -> None:
        super().__init__()
        self.catalogue: Any = None
        self.summaries: dict[int, data.IndicatorSummary] = {}

    def body(self) -> ComposeResult:
        yield PagedTable(id="catalogue", title="Bộ chỉ số 766")
        yield PagedTable(id="linked", title="Nhiệm vụ gắn với chỉ số", empty="Chưa có nhiệm vụ nào gắn với chỉ số này")

    def on_mount(self) -> None:
        cat = self.query_one("#catalogue", PagedTable)
        cat.set_columns([Col("Mã", 4), Col("Chỉ số", 30, grow=1), Col("Điểm", 5), Col("NV", 4), Col("PC", 5),
                         Col("Xong", 5), Col("Quá hạn", 7), Col("Chưa đến", 8, hide=2), Col("Đúng hạn", 8, hide=1)])
        cat.loading = True
        linked = self.query_one("#linked", PagedTable)
        linked.set_columns([Col("Văn bản", 12, grow=1), Col("#", 7), Col("Nhiệm vụ", 24, grow=4), Col("PC", 5),
                            Col("Xong", 5), Col("Quá hạn", 7), Col("Chưa đến", 8, hide=1)])

    def reload(self) -> None:
        day = self.tracker.as_of
        app = self.tracker
        self.fetch("indicators", lambda s: app.cached(("indicators", day), lambda: data.indicator_summaries(s, day)))

    def show_indicators(self, result: tuple[Any, list[data.IndicatorSummary]]) -> None:
        cat, summaries = result
        self.catalogue = cat
        self.summaries = {s.id: s for s in summaries}
        items: list[Any] = []
        for g in cat.groups:
            items.append(g)
            items.extend(self.summaries[i] for i in g.indicators)
        table = self.query_one("#catalogue", PagedTable)
        first = not table.records
        table.loading = False
        table.set_title(f"{cat.decision}: {len(cat.indicators)} chỉ số, {len(cat.groups)} nhóm, {cat.total_points:g} điểm")
        table.show(items, _render_catalogue)
        if first and len(items) > 1:
            table.move_cursor(row=1, animate=False)  # the first indicator, under its group's heading
        self._show_linked()

    def failed_indicators(self, error: str) -> None:
        self.query_one("#catalogue", PagedTable).loading = False

    def _current(self) -> data.IndicatorSummary | None:
        rec = self.query_one("#catalogue", PagedTable).current_record()
        return rec if isinstance(rec, data.IndicatorSummary) else None

    @on(DataTable.RowHighlighted, "#catalogue")
    def _show_linked(self) -> None:
        s = self._current()
        table = self.query_one("#linked", PagedTable)
        if s is None:
            table.set_title("Nhiệm vụ gắn với chỉ số")
            table.show([], _render_task)
            return
        table.set_title(f"Chỉ số {s.code}: {fmt.short(s.name, 70)} — {s.tasks} nhiệm vụ")
        self.fetch("linked", lambda store: data.indicator_tasks(store, s))

    def show_linked(self, rows: list[data.TaskState]) -> None:
        self.query_one("#linked", PagedTable).show(rows, _render_task, key=lambda ts: str(ts.task.id))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "catalogue":
            self.query_one("#linked", PagedTable).focus()
        else:
            self.action_open()

    def action_open(self) -> None:
        linked = self.query_one("#linked", PagedTable)
        if self.focused is not linked:
            linked.focus()
            return
        ts = linked.current_record()
        if ts is not None:
            self.open_directive(ts.task.directive_id, ts.task.id)


def _render_catalogue(item: Any) -> tuple[str, list[Any]]:
    if isinstance(item, data.IndicatorSummary):
        s = item
        c = s.counts
        overdue = Text(str(c.get("overdue", 0)), style="bold red") if c.get("overdue") else Text("0", style="dim")
        return f"i{s.id}", [
            s.code, s.name, f"{s.points:g}", str(s.tasks), str(s.assignments), fmt.pct(s.done_pct),
            overdue, str(c.get("not_due", 0)), str(c.get("on_time", 0)),
        ]
    g = item
    return f"g{g.id}", [Text(g.code, style="bold"), heading(g.name), Text(f"{g.points:g}", style="bold"),
                        "", "", "", "", "", ""]


def _render_task(ts: data.TaskState) -> tuple[str, list[Any]]:
    c = ts.counts
    overdue = Text(str(c.get("overdue", 0)), style="bold red") if c.get("overdue") else Text("0", style="dim")
    return str(ts.task.id), [
        ts.directive, ts.task.path, fmt.short(ts.task.text, 400), str(ts.assignments),
        fmt.pct(ts.done_pct), overdue, str(c.get("not_due", 0)),
    ]
