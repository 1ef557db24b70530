"""Tables a text copy writes one cell per block, each cell closed by a line holding only "|".

Some converters dump a Word table that way: a row opens with a "|" line, then
each cell's lines closed by "|"; so two bars in a row (an empty cell) stand
between two rows. An empty cell inside a row looks the same, so an empty cell
closes a row only where the next cell opens one (a number such as "1", "II",
"a)", or a group title led by its code: "I. NÂNG CAO ..."), or where the row
cannot go on (see below). The same dump writes the two-column layout blocks of
the header and the signature; those have two cells a row and stay lines: a
table starts at the first row of three cells or more.

The dump loses merged cells. Two shapes follow, and are put back:
- a group row spans the row: one or two cells ("I", "TITLE"); the structure
  stage reads it as a title;
- a task's lead, support and number are merged down over its sub-rows, which
  keep only their last cells ("content | target | deadline" under
  "1 | lead | support | group | content | target | deadline"): in a table whose
  rows open with a number, a row that opens with anything else ends at its
  first empty cell, and its cells are the row's last ones, the ones before
  merged down from the row above.

Text between two tables (a title such as "2. Các nhiệm vụ ...") stands where
the empty cell between two rows should: after a full row, a cell that is not
empty and is followed by a header (labels in bold) ends the table, and the
next one starts after it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from tracker.text import mostly_upper

_BAR = re.compile(r"^\s*\|\s*$")
_CODE = r"(?:[IVXLC]{1,6}(?:\.\d{1,3})*|[A-ZĐ]|\d{1,3}(?:\.\d{1,3})*|[a-zđ])"
# A row opens with its number, or with the step of a procedure ("Bước 1", "B2").
_ROW_START = re.compile(rf"^(?:\(?{_CODE}[.):]?|(?:Bước|B)\s*\d{{1,2}}[.:]?)$")
# A group title led by its code in the same cell ("I. NÂNG CAO NHẬN THỨC", "A. BỘ XÂY DỰNG").
_TITLE_START = re.compile(r"^(?:[IVXLC]{1,6}|[A-ZĐ]|\d{1,3}(?:\.\d{1,3})*)[.)]\s+\S")
MAX_CELL_LINES = 40  # more lines than this between two bars: not one cell
MIN_COLUMNS = 3
MAX_LABEL_WORDS = 15  # a header cell is a label, not a paragraph


@dataclass
class CellTable:
    start: int  # index of the table's first line
    end: int  # index after its last line
    rows: list[list[str | None]]
    # (row, column) of the cells merged down from the row above (None in `rows`)
    merged_down: set[tuple[int, int]] = field(default_factory=set)


@dataclass(frozen=True)
class _Cell:
    first: int  # index of its first line
    bar: int  # index of the bar that closes it
    text: str
    bold: bool = False  # written in bold (a heading's or a group title's cell)


@dataclass
class _Row:
    first: int  # index of the line its first cell starts on
    cells: list[str]
    end: int  # index in the cell list after its last cell


_BOLD = re.compile(r"^\*\*.*\*\*$")


def _cells(lines: list[str], start: int, end: int, clean: Callable[[str], str]) -> list[_Cell]:
    """Each cell closed by a bar in lines[start:end]."""
    out = []
    first, parts = start, []
    for i in range(start, end):
        if _BAR.match(lines[i]):
            raw = " ".join(p.strip() for p in parts if p.strip())
            out.append(_Cell(first, i, clean(raw), bool(_BOLD.match(raw))))
            first, parts = i + 1, []
        else:
            parts.append(lines[i])
    return out


def _opens_row(text: str | None) -> bool:
    return bool(text) and bool(_ROW_START.match(text) or _TITLE_START.match(text))


def _rows(cells: list[_Cell], width: int | None = None, numbered: bool = False) -> tuple[list[_Row], int]:
    """Cells → rows, and the index of the cell where the table stops (text between
    two tables), else len(cells). An empty cell closes a row when the next cell
    opens one, or when the row is a sub-row (see the module's note); a row
    reaching `width` cells closes too (where a dump lost the empty one)."""
    rows: list[_Row] = []
    current: list[str] = []
    first = 0
    k = 0

    def close() -> None:
        nonlocal current, bold
        rows.append(_Row(first, current, k))
        current, bold = [], []

    bold: list[bool] = []
    while k < len(cells):
        text = cells[k].text
        if not current:
            first = cells[k].first
        nxt = cells[k + 1].text if k + 1 < len(cells) else None
        if not current and width and text and not _opens_row(text) and nxt and _ROW_START.match(nxt):
            k += 1  # a stray cell between two rows ("…………" where the copy left text out)
            continue
        if not text and current and (nxt is None or _opens_row(nxt) or _group_row(current, bold)
                                     or (numbered and _sub_row(current))):
            k += 1
            close()
            continue
        current.append(text)
        bold.append(cells[k].bold)
        k += 1
        if width and len(current) == width:
            close()
            if k < len(cells) and not cells[k].text:
                k += 1  # the empty cell that closes the row
            elif k < len(cells) and _header_ahead(cells, k + 1):
                return rows, k  # text after the table: the title of the next one
    if current:
        close()
    return rows, len(cells)


def _header_ahead(cells: list[_Cell], k: int) -> bool:
    """Do the cells from k on open a table: a row of labels in bold ("STT", "Nhiệm vụ", ...)?"""
    ahead = cells[k:k + MIN_COLUMNS]
    return len(ahead) == MIN_COLUMNS and all(c.text and c.bold and _label(c.text) for c in ahead)


def _sub_row(current: list[str]) -> bool:
    """A row of a numbered table that opens without a number: its first cells were merged down."""
    return bool(current[0]) and not _opens_row(current[0])


def _group_row(current: list[str], bold: list[bool]) -> bool:
    """A group row that spans the table: its code and title ("I. TITLE", or "D." |
    "TITLE" in capitals or in bold)."""
    if len(current) == 1:
        return bool(_TITLE_START.match(current[0]))
    return len(current) == 2 and bool(_ROW_START.match(current[0])) and (mostly_upper(current[1], 0.9) or bold[1])


def _label(text: str) -> bool:
    return len(text.split()) <= MAX_LABEL_WORDS


def cell_tables(lines: list[str], clean: Callable[[str], str]) -> list[CellTable]:
    """The cell-per-block tables among the lines of a text copy."""
    bars = [i for i, line in enumerate(lines) if _BAR.match(line)]
    if len(bars) < 2 * MIN_COLUMNS:
        return []
    runs: list[tuple[int, int]] = []  # (first bar, last bar) of bars close together
    start = prev = bars[0]
    for b in bars[1:]:
        if b - prev > MAX_CELL_LINES:
            runs.append((start, prev))
            start = b
        prev = b
    runs.append((start, prev))
    out = []
    for first_bar, last_bar in runs:
        # The run's first cell starts after the blank-free text just above its first bar.
        begin = first_bar
        while begin > 0 and lines[begin - 1].strip() and not _BAR.match(lines[begin - 1]) and first_bar - begin < MAX_CELL_LINES:
            begin -= 1
        cells = _cells(lines, begin, last_bar + 1, clean)
        while cells:
            table, rest = _table(cells)
            if table is not None:
                out.append(table)
            cells = rest
    return out


def _table(cells: list[_Cell]) -> tuple[CellTable | None, list[_Cell]]:
    """The first table among `cells`, and the cells after it (where another may start)."""
    start_cell, width = _head(cells)
    if width is None:
        return None, []
    body = cells[start_cell:]
    # Rows open with a number when the first cell after the header does.
    numbered = _opens_row(next((c.text for c in body[width:] if c.text), None))
    rows, stop = _rows(body, width, numbered)
    # The cell where the table stopped is text between tables; the next may start after it.
    rest = body[stop + 1:] if stop < len(body) else []
    if sum(1 for r in rows if len(r.cells) >= MIN_COLUMNS) < 2:
        return None, rest
    end = body[stop - 1].bar + 1 if stop else body[0].first
    grid: list[list[str | None]] = []
    merged: set[tuple[int, int]] = set()
    data = next((ri for ri, r in enumerate(rows) if _opens_row(r.cells[0])), len(rows))
    for ri, r in enumerate(rows):
        cells_: list[str | None] = list(r.cells)
        if numbered and ri > data and 2 <= len(cells_) < width and _sub_row(r.cells):
            pad = width - len(cells_)
            merged |= {(ri, c) for c in range(pad)}
            grid.append([None] * pad + cells_)
        else:
            grid.append(cells_)
    return CellTable(rows[0].first, end, grid, merged), rest


def _head(cells: list[_Cell]) -> tuple[int, int | None]:
    """Where the table's first row starts (an index in `cells`) and how many cells it has:
    the first row of three labels or more, after the last long cell before them
    (the dump runs the layout blocks above into it)."""
    k = 0
    for row in _rows(cells)[0]:
        k = next(j for j, c in enumerate(cells) if c.first == row.first)
        if len(row.cells) >= MIN_COLUMNS:
            long_before = next((j for j in range(len(row.cells), 0, -1) if not _label(row.cells[j - 1])), 0)
            if len(row.cells) - long_before >= MIN_COLUMNS:
                return k + long_before, len(row.cells) - long_before
    return 0, None
