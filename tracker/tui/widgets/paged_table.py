"""A DataTable that shows one page of a long list at a time.

A DataTable of 10,000 rows blocks Textual for about 2 s: this one keeps the
whole list as plain records and renders only the rows of the current page
(at most PAGE_SIZE), building their cells when the page is shown. Its columns
take the width there is (`set_columns`, tracker/tui/widgets/columns.py) and a
cell too long for its column ends in "…"; `i` shows the row under the cursor
in full.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

from rich.text import Text
from textual.message import Message

from tracker.tui.actions import bindings
from tracker.tui.widgets.columns import FittedTable, one_line

Row = tuple[str, Sequence[Any]]  # (row key, cells)

PAGE_SIZE = 200


class PagedTable(FittedTable):
    """Set columns once with `set_columns`, then `show(records, render)`; `]` / `[` turn pages.

    `details(record)` (optional) gives what the row does not show, as (label, text) pairs, for the
    full view of a row (`i`).
    """

    BINDINGS = bindings("table")

    class PageShown(Message):
        """A page was filled: screens that complete records lazily (task texts) hear of it."""

        def __init__(self, table: "PagedTable", records: list[Any]):
            super().__init__()
            self.table = table
            self.records = records

        @property
        def control(self) -> "PagedTable":
            return self.table

    def __init__(self, *, page_size: int = PAGE_SIZE, title: str = "", empty: str = "Không có dòng nào", **kwargs: Any):
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(**kwargs)
        self.page_size = page_size
        self.records: list[Any] = []
        self.render_row: Callable[[Any], Row] = lambda r: (str(id(r)), [str(r)])
        self.page = 0
        self.title = title
        self.empty = empty
        self.border_title = title
        self.details: Callable[[Any], list[tuple[str, str]]] | None = None

    # -- data --------------------------------------------------------------------------

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.records) // self.page_size))

    def show(self, records: list[Any], render: Callable[[Any], Row], *, keep: str | None = None, page: int | None = None) -> None:
        """Show `records`; `keep` is a row key to put the cursor back on (if it is still there)."""
        if keep is None and self.row_count:
            keep = self.current_key()
        self.records = records
        self.render_row = render
        self.page = min(page if page is not None else self.page, self.pages - 1)
        self._fill(keep)

    def _fill(self, keep: str | None = None) -> None:
        start = self.page * self.page_size
        shown = self.records[start : start + self.page_size]
        rows = [self.render_row(r) for r in shown]
        if self.cols and rows:
            # Columns as wide as this page's longest cells need (within the width there is).
            natural = [max([Text(c.label).cell_len] + [_width(cells[n]) for _, cells in rows])
                       for n, c in enumerate(self.cols)]
            if natural != self.natural:
                self.natural = natural
                if self.widths_for(self.size.width, natural) != self._widths:
                    self._kept = keep
                    self._fit(self.size.width, force=True)  # clears the rows and fills again
                    return
        self.clear()
        target = 0
        for n, (key, cells) in enumerate(rows):
            # DataTable reads str cells as markup; names and texts from documents are not ("[1]").
            self.add_row(*[one_line(c) for c in self.shown_cells(cells)], key=key)
            if key == keep:
                target = n
        if rows:
            self.move_cursor(row=target, animate=False)
        self._caption()
        self.post_message(self.PageShown(self, shown))

    def columns_fitted(self) -> None:
        if self.records:
            self._fill(self._kept)

    def _on_data_table_row_highlighted(self) -> None:
        # Remembered for a refill after a resize, which clears the rows (and so the cursor) first.
        self._kept = self.current_key()

    _kept: str | None = None

    def refill(self) -> None:
        """Render the current page again (records changed in place), keeping the cursor."""
        self._fill(self.current_key())

    def _caption(self) -> None:
        n = len(self.records)
        if not n:
            self.border_subtitle = self.empty
        elif self.pages > 1:
            self.border_subtitle = f"trang {self.page + 1}/{self.pages} · {n} dòng · [ ] đổi trang · i xem đủ"
        else:
            self.border_subtitle = f"{n} dòng · i xem đủ"

    def set_title(self, title: str) -> None:
        self.title = title
        self.border_title = title

    def current_key(self) -> str | None:
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:
            return None

    def current_record(self) -> Any | None:
        """The record under the cursor (None on an empty table or a group heading)."""
        if not self.row_count:
            return None
        i = self.page * self.page_size + self.cursor_row
        return self.records[i] if 0 <= i < len(self.records) else None

    # -- actions ----------------------------------------------------------------------------

    def action_next_page(self) -> None:
        if self.page + 1 < self.pages:
            self.page += 1
            self._fill()

    def action_prev_page(self) -> None:
        if self.page > 0:
            self.page -= 1
            self._fill()

    def row_in_full(self) -> list[tuple[str, str]]:
        """The row under the cursor as (column, whole text) pairs, then what `details` adds."""
        record = self.current_record()
        if record is None:
            return []
        _, cells = self.render_row(record)
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
    return cell.cell_len if isinstance(cell, Text) else Text(str(cell)).cell_len


def heading(text: str) -> Text:
    """A group heading row's first cell."""
    return Text(text, style="bold")
