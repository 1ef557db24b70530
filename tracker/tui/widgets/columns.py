"""Table columns that take the width there is: fixed columns keep theirs, flexible ones share the rest.

A screen declares its columns once (`Col("Nhiệm vụ", 24, grow=3)`); the table
works out the widths for its own width and again whenever it is resized, so
a wide terminal shows whole names and texts and a narrow one cuts them with
"…" (never mid-word without a mark). A column that matters less (`hide=1`)
steps aside when even the least widths do not fit; `i` on a table still shows
it. `fit_widths` is plain arithmetic, tested on its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from rich.text import Text
from textual.coordinate import Coordinate
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable

CELL_PADDING = 1  # DataTable's default: one space each side of a cell
SCROLLBAR = 2  # kept free on the right so a scrollbar appearing does not cut the last column


@dataclass(frozen=True)
class Col:
    """A column: its heading, the width it needs (for a flexible one, the least it gets) and its share of the rest."""

    label: str
    width: int
    grow: int = 0  # 0: fixed; otherwise this column's share of the spare width
    key: str | None = None
    hide: int = 0  # 0: always shown; otherwise hidden when the table is too narrow: 1 first, then 2…


def fit_widths(cols: Sequence[Col], available: int, padding: int = CELL_PADDING,
               natural: Sequence[int] | None = None) -> list[int | None]:
    """Content widths of `cols` in `available` cells (padding included), None for a hidden column.

    Columns that may hide do so, `hide=1` first, while the widths asked for do not fit. Spare width
    goes to the flexible columns by their shares, first up to what their longest cell needs
    (`natural`, when known: a column of short numbers does not take room a text could use), then
    what is left by shares alone. When there is still too little, flexible columns give up width,
    down to half of what they asked for (the table then scrolls sideways).
    """
    shown = list(range(len(cols)))

    def needed() -> int:
        return sum(cols[i].width + 2 * padding for i in shown)

    for i in sorted((i for i, c in enumerate(cols) if c.hide), key=lambda i: (cols[i].hide, -i)):
        if needed() <= available:
            break
        shown.remove(i)
    widths: list[int | None] = [c.width if i in shown else None for i, c in enumerate(cols)]
    spare = available - needed()
    flexible = [i for i in shown if cols[i].grow]
    if not flexible:
        return widths
    if spare > 0 and natural is not None:
        wanting = [i for i in flexible if natural[i] > cols[i].width]
        while spare > 0 and wanting:
            shares = sum(cols[i].grow for i in wanting)
            round_ = spare
            for i in wanting:
                extra = min(max(1, round_ * cols[i].grow // shares), natural[i] - (widths[i] or 0), spare)
                widths[i] = (widths[i] or 0) + extra
                spare -= extra
            wanting = [i for i in wanting if (widths[i] or 0) < natural[i]]
    shares = sum(cols[i].grow for i in flexible)
    if spare > 0:
        given = 0
        for i in flexible:
            extra = spare * cols[i].grow // shares
            widths[i] = (widths[i] or 0) + extra
            given += extra
        widths[flexible[-1]] = (widths[flexible[-1]] or 0) + spare - given  # what integer division left over
    elif spare < 0:
        for i in flexible:
            floor = max(4, cols[i].width // 2)
            take = min(cols[i].width - floor, -spare * cols[i].grow // shares + 1)
            widths[i] = cols[i].width - max(0, take)
    return widths


def one_line(cell: Any) -> Any:
    """A cell drawn on one line, cut with "…" at the column's width (str cells are never read as markup)."""
    if isinstance(cell, str):
        return Text(cell, no_wrap=True, overflow="ellipsis")
    if isinstance(cell, Text):
        cell.no_wrap = True
        cell.overflow = "ellipsis"
    return cell


class ColumnFit:
    """What a table with declared columns knows about them: their widths for its width, which are shown."""

    cols: list[Col]
    _widths: list[int | None]
    natural: list[int] | None  # what the longest cell of each column needs, when known

    def _init_columns(self) -> None:
        self.cols = []
        self._widths = []
        self.natural = None

    def widths_for(self, width: int, natural: Sequence[int] | None = None) -> list[int | None]:
        if not width:
            return [c.width for c in self.cols]
        return fit_widths(self.cols, max(0, width - SCROLLBAR), natural=natural)

    def shown_cells(self, cells: Sequence[Any]) -> list[Any]:
        """The cells of a row (one per declared column) that have a column on screen."""
        if not self._widths:
            return list(cells)
        return [cell for cell, w in zip(cells, self._widths) if w is not None]

    def shown_widths(self) -> list[int]:
        """The widths of the columns on screen, in order."""
        return [w for w in self._widths or [c.width for c in self.cols] if w is not None]

    def width_of(self, key: str) -> int | None:
        """The width the column `key` has now (None when hidden)."""
        for c, w in zip(self.cols, self._widths or [c.width for c in self.cols]):
            if c.key == key:
                return w
        return None

    def column_at(self, index: int) -> Col:
        """The declared column of the on-screen column `index`."""
        shown = [c for c, w in zip(self.cols, self._widths) if w is not None] if self._widths else self.cols
        return shown[index]


class FittedTable(ColumnFit, DataTable):
    """A DataTable whose columns (`set_columns`) follow its width; after a change of widths the rows are
    gone and `Fitted` asks the owner to add them again."""

    class Fitted(Message):
        def __init__(self, table: "FittedTable"):
            super().__init__()
            self.table = table

        @property
        def control(self) -> "FittedTable":
            return self.table

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self._init_columns()
        self.cursor_before_fit = Coordinate(0, 0)

    def set_columns(self, cols: Sequence[Col]) -> None:
        self.cols = list(cols)
        self._widths = []
        self.natural = None
        self._fit(self.size.width, force=True)

    def _on_resize(self, event: Resize) -> None:
        self._fit(self.size.width)  # the content's width (the event's counts the border too)

    def _fit(self, width: int, force: bool = False) -> None:
        if not self.cols:
            return
        widths = self.widths_for(width, self.natural)
        if widths == self._widths and not force:
            return
        self._widths = widths
        self.cursor_before_fit = self.cursor_coordinate  # clearing resets it; the owner may put it back
        self.clear(columns=True)
        for c, w in zip(self.cols, widths):
            if w is not None:
                self.add_column(c.label, width=w, key=c.key)
        self.columns_fitted()

    def columns_fitted(self) -> None:
        """The columns were laid out again and the rows cleared: put the rows back."""
        self.post_message(self.Fitted(self))
