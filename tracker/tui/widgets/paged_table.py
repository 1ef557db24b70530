"""A table over a long list that builds only the rows on screen.

Profiled at 450k assignments (1,524 directives on the home screen), a
DataTable given one page of 200 rows added them all, measured every cell of
every one of them on the next idle (1,600 rich measures, ~60 ms), rendered each
visible cell through rich's Padding (~0.15 ms a cell) and did it all twice
(its rows are cleared when the columns are fitted again); and its pages ended
at row 200, so End or the mouse wheel never reached the rest. This table keeps
the whole list as plain records and draws a line only when the screen asks for
it (Textual's line API): a row's cells are made when the row is first drawn
and kept for as long as the list is shown. Up/Down, PageUp/PageDown, Home/End,
the mouse wheel and the scrollbar move over the whole list; `[` / `]` turn a
screenful. It looks like a DataTable (the same component classes and CSS) and
posts DataTable's RowHighlighted / RowSelected, so screens handle it as one.
Columns take the width there is (`set_columns`, tracker/tui/widgets/columns.py),
a cell too long for its column ends in "…"; `i` shows the row under the cursor
in full.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets._data_table import RowKey

from tracker.tui.actions import bindings
from tracker.tui.widgets.columns import CELL_PADDING, Col, ColumnFit

Row = tuple[str, Sequence[Any]]  # (row key, cells)

# Records whose cells decide how wide the flexible columns grow (a column of short numbers does not take
# room a text could use): the first ones, about what the old first page showed; never the whole list.
NATURAL_SAMPLE = 200
KEPT_ROWS = 5_000  # rows' cells kept once drawn; past it the cache starts again (scrolling a huge list)


class PagedTable(ColumnFit, ScrollView, can_focus=True):
    """Set columns once with `set_columns`, then `show(records, render)`.

    `render(record)` gives (row key, cells) and is called only for rows drawn (and the first
    NATURAL_SAMPLE, for the widths). `details(record)` (optional) gives what the row does not show, as
    (label, text) pairs, for the full view of a row (`i`).
    """

    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES
    DEFAULT_CSS = DataTable.DEFAULT_CSS.replace("DataTable {", "PagedTable {", 1)  # DataTable's look

    BINDINGS = bindings("table")

    class RowsShown(Message):
        """Rows came on screen: screens that complete records lazily (task texts) hear of them."""

        def __init__(self, table: "PagedTable", records: list[Any]):
            super().__init__()
            self.table = table
            self.records = records

        @property
        def control(self) -> "PagedTable":
            return self.table

    def __init__(self, *, title: str = "", empty: str = "Không có dòng nào", zebra_stripes: bool = True,
                 **kwargs: Any):
        kwargs.pop("cursor_type", None)  # always a row cursor
        super().__init__(**kwargs)
        self._init_columns()
        self.zebra_stripes = zebra_stripes
        self.records: list[Any] = []
        self.render_row: Callable[[Any], Row] = lambda r: (str(id(r)), [str(r)])
        self.key_of: Callable[[Any], str] = lambda r: self.render_row(r)[0]
        self.cursor_row = 0
        self.title = title
        self.empty = empty
        self.border_title = title
        self.details: Callable[[Any], list[tuple[str, str]]] | None = None
        self._cells: dict[int, Row] = {}
        self._lines: dict[tuple[int, bool], tuple[Strip, Style]] = {}  # a row's line and what fills it out
        self._header: tuple[Strip, Style] | None = None
        self._in_view: tuple[int, int] = (0, 0)
        self._laid_room: int | None = None  # rows shown at the last layout; None: not laid out yet

    # -- columns ------------------------------------------------------------------------------------

    def set_columns(self, cols: Sequence[Col]) -> None:
        self.cols = list(cols)
        self.natural = None
        self._fit()

    def _on_resize(self, event: events.Resize) -> None:
        # The cursor stays in view when it was in view (the window shrank under it) and at the first
        # layout; a user who wheeled away from it keeps her place (a resize does not take her back).
        follow = self._cursor_was_shown()
        self._fit()
        if follow:
            self._scroll_to_cursor()
        if self.scrollable_content_region.height:
            self._laid_room = self._room

    def _cursor_was_shown(self) -> bool:
        """Whether the cursor row was on screen at the last layout (True before the first one)."""
        if self._laid_room is None:
            return True
        top = round(self.scroll_y)
        return top <= self.cursor_row < top + self._laid_room

    def _fit(self) -> None:
        self._widths = self.widths_for(self.size.width, self.natural) if self.cols else []
        self.virtual_size = Size(sum(w + 2 * CELL_PADDING for w in self.shown_widths()), len(self.records) + 1)
        self._forget_lines()

    def _measure(self) -> None:
        """Widths the flexible columns could use: from the first records only (see NATURAL_SAMPLE)."""
        if not self.cols or not self.records:
            return
        rows = [self._row(i) for i in range(min(len(self.records), NATURAL_SAMPLE))]
        self.natural = [max([cell_len(c.label)] + [_width(cells[n]) for _, cells in rows])
                        for n, c in enumerate(self.cols)]

    # -- data ---------------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.records)

    def show(self, records: list[Any], render: Callable[[Any], Row], *, keep: str | None = None,
             key: Callable[[Any], str] | None = None) -> None:
        """Show `records`; `keep` is a row key to put the cursor back on (if it is still there).

        Without `keep`, the cursor stays on the row it is on, if that row is still in the list; else it
        goes to the first. `key(record)` gives a row key without making the row's cells (it finds the
        kept row in a long list); by default `render(record)[0]`.
        """
        if keep is None and self.records:
            keep = self.current_key()
        self.records = records
        self.render_row = render
        self.key_of = key or (lambda r: render(r)[0])
        self._cells.clear()
        self._measure()
        self._fit()
        target = 0
        if keep is not None:
            target = next((n for n, r in enumerate(records) if self.key_of(r) == keep), 0)
        self._caption()
        self._in_view = (0, 0)
        self.cursor_row = -1  # so that moving the cursor tells the screen, even to the same index
        self.move_cursor(row=target, top=target == 0)
        self.refresh()

    def refill(self) -> None:
        """Draw the rows again (records changed in place), keeping the cursor."""
        self._cells.clear()
        self._forget_lines()
        self.refresh()

    def _row(self, index: int) -> Row:
        row = self._cells.get(index)
        if row is None:
            if len(self._cells) >= KEPT_ROWS:
                self._cells.clear()
            row = self._cells[index] = self.render_row(self.records[index])
        return row

    def get_row_at(self, index: int) -> list[Any]:
        """The cells of row `index` that have a column on screen (as a DataTable's get_row_at)."""
        return self.shown_cells(self._row(index)[1])

    def current_key(self) -> str | None:
        record = self.current_record()
        return None if record is None else self._row(self.cursor_row)[0]

    def current_record(self) -> Any | None:
        """The record under the cursor (None on an empty table)."""
        i = self.cursor_row
        return self.records[i] if 0 <= i < len(self.records) else None

    def _caption(self) -> None:
        n = len(self.records)
        self.border_subtitle = f"{n} dòng · i xem đủ" if n else self.empty

    def set_title(self, title: str) -> None:
        self.title = title
        self.border_title = title

    # -- the cursor ---------------------------------------------------------------------------------

    @property
    def _room(self) -> int:
        """Rows the table shows at once (the header takes a line)."""
        return max(1, self.scrollable_content_region.height - 1)

    def move_cursor(self, *, row: int | None = None, animate: bool = False, top: bool = False) -> None:
        """Put the cursor on row `row` (clamped to the list) and scroll it into view; the screen hears of it."""
        if row is None or not self.records:
            self.cursor_row = 0
            return
        row = max(0, min(row, len(self.records) - 1))
        old, self.cursor_row = self.cursor_row, row
        if top:
            self.scroll_to(y=0, animate=False, force=True, immediate=True)
        self._scroll_to_cursor()
        if old != row:
            for i in (old, row):
                self._lines.pop((i, True), None)
                self._lines.pop((i, False), None)
            self.refresh()
            self.post_message(DataTable.RowHighlighted(self, row, RowKey(self._row(row)[0])))  # type: ignore[arg-type]

    def _scroll_to_cursor(self) -> None:
        if not self.scrollable_content_region.height:
            return  # not laid out yet: the resize that lays it out scrolls
        top, room = round(self.scroll_y), self._room
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, force=True, immediate=True)
        elif self.cursor_row >= top + room:
            self.scroll_to(y=self.cursor_row - room + 1, animate=False, force=True, immediate=True)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_page_down(self) -> None:
        room = self._room
        self.scroll_to(y=round(self.scroll_y) + room, animate=False, force=True, immediate=True)
        self.move_cursor(row=self.cursor_row + room)

    def action_page_up(self) -> None:
        room = self._room
        self.scroll_to(y=round(self.scroll_y) - room, animate=False, force=True, immediate=True)
        self.move_cursor(row=self.cursor_row - room)

    def action_first_row(self) -> None:
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.move_cursor(row=len(self.records) - 1)

    def action_select_cursor(self) -> None:
        if self.records:
            self.post_message(DataTable.RowSelected(self, self.cursor_row, RowKey(self._row(self.cursor_row)[0])))  # type: ignore[arg-type]

    async def _on_click(self, event: events.Click) -> None:
        at = event.get_content_offset(self)
        if at is None or at.y < 1:
            return
        row = round(self.scroll_y) + at.y - 1
        if not 0 <= row < len(self.records):
            return
        event.stop()
        self.focus()
        if row == self.cursor_row:
            self.action_select_cursor()  # a click on the cursor row opens it, as in a DataTable
        else:
            self.move_cursor(row=row)

    # -- drawing ------------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget_lines()

    def _forget_lines(self) -> None:
        self._lines.clear()
        self._header = None

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        scroll_x, scroll_y = self.scroll_offset
        base = self.rich_style
        if y == 0:
            if self._header is None:
                style = base + self.get_component_rich_style("datatable--header")
                self._header = self._strip([Text(c.label) for c in self.cols], style, Style.null()), style
            strip, fill = self._header
        else:
            index = scroll_y + y - 1
            if index >= len(self.records):
                return Strip.blank(width, base)
            cursor = index == self.cursor_row
            line = self._lines.get((index, cursor))
            if line is None:
                line = self._lines[(index, cursor)] = self._row_strip(index, cursor, base)
            strip, fill = line
        return strip.crop_extend(scroll_x, scroll_x + width, fill)  # the row's colours to the edge, as a DataTable

    def render_lines(self, crop: Any) -> list[Strip]:
        lines = super().render_lines(crop)
        top = round(self.scroll_y)
        view = (top, min(len(self.records), top + self._room))
        if view != self._in_view and view[0] < view[1]:
            self._in_view = view
            self.post_message(self.RowsShown(self, self.records[view[0]:view[1]]))
        return lines

    def _row_strip(self, index: int, cursor: bool, base: Style) -> tuple[Strip, Style]:
        style = base
        if self.zebra_stripes:
            style += self.get_component_rich_style("datatable--odd-row" if index % 2 else "datatable--even-row")
        post = Style.null()
        if cursor:
            # As a DataTable draws its cursor: the cursor's colours over the cells' own.
            cursor_style = self.get_component_rich_style("datatable--cursor")
            style += cursor_style
            post = Style.from_color(cursor_style.color, cursor_style.bgcolor)
        return self._strip(list(self._row(index)[1]), style, post), style + post

    def _strip(self, cells: list[Any], style: Style, post: Style) -> Strip:
        line = Text(no_wrap=True, end="")
        pad = " " * CELL_PADDING
        for cell, w in zip(cells, self._widths or [c.width for c in self.cols]):
            if w is None:
                continue
            text = cell.copy() if isinstance(cell, Text) else Text(str(cell))  # str cells are never markup
            if "\n" in text.plain:
                text = text.split("\n")[0]
            text.truncate(w, overflow="ellipsis", pad=True)
            line.append(pad)
            line.append_text(text)
            line.append(pad)
        segments = line.render(self.app.console)
        return Strip(list(Segment.apply_style(segments, style, post or None)))

    # -- the row in full ----------------------------------------------------------------------------

    def row_in_full(self) -> list[tuple[str, str]]:
        """The row under the cursor as (column, whole text) pairs, then what `details` adds."""
        record = self.current_record()
        if record is None:
            return []
        _, cells = self._row(self.cursor_row)
        pairs = [(c.label, cell.plain if isinstance(cell, Text) else str(cell))
                 for c, cell in zip(self.cols, cells)]
        pairs = [(label, text) for label, text in pairs if text.strip()]
        if self.details is not None:
            shown = {text for _, text in pairs}
            pairs += [(label, text) for label, text in self.details(record) if text and text not in shown]
        return pairs

    def action_row_in_full(self) -> None:
        from tracker.tui.widgets.dialogs import RowDialog

        pairs = self.row_in_full()
        if not pairs:
            self.notify("Chọn một dòng trước", severity="warning")
            return
        self.app.push_screen(RowDialog(self.title or "Chi tiết", pairs))


def _width(cell: Any) -> int:
    return cell.cell_len if isinstance(cell, Text) else cell_len(str(cell))  # no Text made for a plain cell


def heading(text: str) -> Text:
    """A group heading row's first cell."""
    return Text(text, style="bold")
