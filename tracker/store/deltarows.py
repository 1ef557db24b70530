"""One row of a delta file (index or due column) looked up without building a dict of every row.

A status change needs the rows of the one assignment it changes; the delta
files hold up to MAX_DELTA_ROWS rows (4,096), and turning every one into a
tuple in a dict cost a status change 2–3 ms at 450,000 assignments. Here the
file is read as arrays (C speed) and the assignment found with `array.index`;
the whole dict is built only when a commit writes the delta again.
"""
from __future__ import annotations

from array import array

from tracker.store import dues
from tracker.store.index import COLUMNS, ColumnFile, delta_values, parse_delta


class IndexDelta:
    """The rows of an index delta file (colsdelta-<v>.bin) over the columns file, row by row."""

    def __init__(self, raw: bytes, columns: ColumnFile) -> None:
        self.raw = raw
        self.columns = columns
        self._flat: array | None = None
        self._aids: array | None = None

    def row_of(self, aid: int) -> tuple[int, ...] | None:
        """The row as the version has it: the delta's when it holds the assignment, else the columns'."""
        if self.raw and self._flat is None:
            self._flat = delta_values(self.raw)
            self._aids = self._flat[0 :: len(COLUMNS)]
        if self._aids is not None:
            try:
                i = self._aids.index(aid)
            except ValueError:
                pass
            else:
                w = len(COLUMNS)
                return tuple(self._flat[i * w : (i + 1) * w])  # type: ignore[index]
        return self.columns.row_of(aid)

    def rows(self) -> dict[int, tuple[int, ...]]:
        """Every row of the delta (a commit that writes the delta again keeps them)."""
        return parse_delta(self.raw) if self.raw else {}


class DueDelta:
    """The rows of a due delta file (duesdelta-<v>.bin), row by row."""

    def __init__(self, raw: bytes) -> None:
        self.cols = dues.parse(raw) if raw else None

    def get(self, aid: int) -> tuple[int, int, int, int] | None:
        if self.cols is None:
            return None
        try:
            i = self.cols[0].index(aid)
        except ValueError:
            return None
        return self.cols[1][i], self.cols[2][i], self.cols[3][i], self.cols[4][i]

    def rows(self) -> dict[int, tuple[int, int, int, int]]:
        return dues.as_dict(self.cols) if self.cols is not None else {}

