"""The coordinator's board: units ranked by overdue assignments and days late, by level and area; drill down to one unit."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import DataTable, Input, Select, Static

from tracker.store import AssignmentFilter, AssignmentRow, UnitCounts
from tracker.text import fold
from tracker.tui import data, fmt
from tracker.tui.actions import bindings
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.screens.directive import assignment_cells, assignment_columns, assignment_detail_text
from tracker.tui.widgets.columns import Col
from tracker.tui.widgets.counts import CountsBar
from tracker.tui.widgets.paged_table import PagedTable

LEVEL_CHOICES = [("Mọi cấp", ""), ("Đơn vị cấp tỉnh", "province"), ("Đơn vị cấp huyện", "district"),
                 ("Đơn vị cấp xã", "commune"), ("Trung ương", "central")]
DEBOUNCE = 0.25


@dataclass
class Board:
    units: list[UnitCounts]
    areas: list[tuple[str, str]]


class OverdueScreen(TrackerScreen):
    SCOPE = "overdue"
    TITLE = "Đơn vị quá hạn"
    BINDINGS = bindings("overdue")
    AUTO_FOCUS = "#board"

    def __init__(self) -> None:
        super().__init__()
        self.units: list[UnitCounts] = []
        self.show_all = False
        self._timer: Timer | None = None
        self._areas: list[tuple[str, str]] = []
        self._asked: tuple[Any, ...] | None = None  # (day, level, area) of the last load

    def body(self) -> ComposeResult:
        with Horizontal(classes="filters"):
            yield Select(LEVEL_CHOICES, value="", allow_blank=False, id="level")
            yield Select([("Mọi địa bàn", "")], value="", allow_blank=False, id="area")
            yield Input(placeholder="Tìm đơn vị (không cần dấu)…", id="search")
        yield CountsBar(id="summary", classes="summary")
        yield PagedTable(id="board", title="Đơn vị có việc quá hạn", empty="Không có đơn vị nào quá hạn")

    def on_mount(self) -> None:
        t = self.query_one("#board", PagedTable)
        t.set_columns([Col("#", 4), Col("Đơn vị", 20, grow=1), Col("Cấp", 5), Col("Quá hạn", 7), Col("Ngày trễ", 8),
                       Col("Trễ nhất", 8), Col(">30/60/120", 10), Col("Xong đúng", 9, hide=3),
                       Col("Xong trễ", 8, hide=2), Col("Chưa đến", 8, hide=1)])
        t.loading = True
        self.query_one("#area", Select).styles.width = 34

    def reload(self) -> None:
        day = self.tracker.as_of
        level = self._select("level")
        area = self._select("area")
        app = self.tracker
        self._asked = (day, level, area, app.store.version)

        def load(store: Any) -> Board:
            units = app.cached(("unit-counts", day, level, area),
                               lambda: data.board(store, day, level=level, area=area, only_overdue=False))
            areas = app.cached("areas", lambda: data.area_choices(store.units(), app.directives(store)))
            return Board(units, areas)

        self.fetch("board", load)

    def _select(self, wid: str) -> str | None:
        value = self.query_one(f"#{wid}", Select).value
        return value if isinstance(value, str) and value else None

    def show_board(self, b: Board) -> None:
        self.units = b.units
        if b.areas != self._areas:
            self._areas = b.areas
            area = self.query_one("#area", Select)
            current = area.value
            with self.prevent(Select.Changed):
                area.set_options([("Mọi địa bàn", "")] + [(Text(fmt.short(n, 30)), i) for n, i in b.areas])
                area.value = current if current in {i for _, i in b.areas} else ""
        self.query_one("#board", PagedTable).loading = False
        self.apply_filters()

    @on(Select.Changed)
    def _select_changed(self) -> None:
        # Selects announce their first value too: load only when the question changed.
        if self._asked == (self.tracker.as_of, self._select("level"), self._select("area"), self.tracker.store.version):
            return
        self.query_one("#board", PagedTable).loading = True
        self.reload()

    @on(Input.Changed, "#search")
    def _search_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.apply_filters)

    def apply_filters(self) -> None:
        words = fold(self.query_one("#search", Input).value).split()
        rows = [u for u in self.units if (self.show_all or u.overdue)
                and all(w in fold(u.unit) for w in words)]
        total = data.totals(rows)
        self.query_one("#summary", CountsBar).show_units(
            total, prefix=f"{len(rows)} đơn vị, {total.total} phân công: ")
        table = self.query_one("#board", PagedTable)
        table.set_title(("Mọi đơn vị" if self.show_all else "Đơn vị có việc quá hạn") + f" ({len(rows)})")
        ranked = list(enumerate(rows, 1))
        table.show(ranked, _render_unit, key=lambda item: item[1].unit_key)

    def action_cycle_level(self) -> None:
        select = self.query_one("#level", Select)
        values = [v for _, v in LEVEL_CHOICES]
        current = select.value if select.value in values else ""
        select.value = values[(values.index(current) + 1) % len(values)]

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self.apply_filters()

    @on(DataTable.RowSelected, "#board")
    def action_drill(self) -> None:
        rec = self.query_one("#board", PagedTable).current_record()
        if rec is not None:
            self.app.push_screen(UnitScreen(rec[1]))


def _render_unit(item: tuple[int, UnitCounts]) -> tuple[str, list[Any]]:
    n, u = item
    red = "bold red" if u.overdue else "dim"
    return u.unit_key, [
        str(n), u.unit, fmt.level(u.level), Text(str(u.overdue), style=red), str(u.days_late),
        str(u.max_days_late), f"{u.over_30}/{u.over_60}/{u.over_120}", str(u.on_time), str(u.late), str(u.not_due),
    ]


class UnitScreen(TrackerScreen):
    """One unit's assignments (overdue first, most days late first); change them from here."""

    SCOPE = "unit"
    TITLE = "Phân công của đơn vị"
    BINDINGS = bindings("unit")
    AUTO_FOCUS = "#unit-rows"

    def __init__(self, unit: UnitCounts):
        super().__init__()
        self.unit = unit
        self.show_all = False

    def body(self) -> ComposeResult:
        yield CountsBar(id="summary", classes="summary")
        yield PagedTable(id="unit-rows", title=self.unit.unit, empty="Không có phân công nào")
        yield Static("", id="row-detail", classes="detail")

    def on_mount(self) -> None:
        assignment_columns(self.query_one("#unit-rows", PagedTable), unit=False, task=True)

    def reload(self) -> None:
        day, key, every = self.tracker.as_of, self.unit.unit_key, self.show_all

        def load(store: Any) -> tuple[UnitCounts | None, list[AssignmentRow]]:
            flt = AssignmentFilter(unit=key, overdue=not every)
            rows = store.assignments(day, flt)
            rows = [r for r in rows if r.unit_key == key]  # the unit filter also matches names containing it
            rows.sort(key=lambda r: (r.category != "overdue", -r.days_late, r.due or day))
            counts = next((u for u in store.unit_counts(day, AssignmentFilter(unit=key)) if u.unit_key == key), None)
            return counts, rows

        self.fetch("unit", load)

    def show_unit(self, d: tuple[UnitCounts | None, list[AssignmentRow]]) -> None:
        counts, rows = d
        if counts is not None:
            self.query_one("#summary", CountsBar).show_units(counts, prefix=f"{self.unit.unit}: ")
        table = self.query_one("#unit-rows", PagedTable)
        what = "Mọi phân công" if self.show_all else "Phân công quá hạn"
        table.set_title(f"{what} — {self.unit.unit} ({len(rows)})")
        table.show(rows, lambda r: (str(r.id), assignment_cells(r, unit=False, task=True)), key=lambda r: str(r.id))

    def current_assignment(self) -> AssignmentRow | None:
        return self.query_one("#unit-rows", PagedTable).current_record()

    @on(DataTable.RowHighlighted, "#unit-rows")
    def _show_detail(self) -> None:
        # The whole task, which the table's column can only begin.
        self.query_one("#row-detail", Static).update(assignment_detail_text(self.current_assignment()))

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self.reload()

    @on(DataTable.RowSelected, "#unit-rows")
    def action_open(self) -> None:
        a = self.current_assignment()
        if a is not None:
            self.open_directive(a.directive_id, a.task_id)

    def action_chain(self) -> None:
        a = self.current_assignment()
        if a is not None:
            self.open_chain(a.directive_id, a.task_id, a.task_path)
