"""Tables a text copy writes one cell per block, each cell closed by a line holding only "|".

Some converters dump a Word table that way: a cell's lines, then "|"; an empty
cell ("|" right after "|") closes a row when the next cell opens one (a number
such as "1", "II", "a)"). The same dump writes the two-column layout blocks of
the header and the signature; those have two cells a row and stay lines: a
table starts at the first row of three cells or more.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

_BAR = re.compile(r"^\s*\|\s*$")
_ROW_START = re.compile(r"^\(?(?:[IVXLC]{1,6}|[A-ZĐ]|\d{1,3}(?:\.\d{1,3})*|[a-zđ])[.):]?$")
MAX_CELL_LINES = 20  # more lines than this between two bars: not one cell
MIN_COLUMNS = 3
MAX_LABEL_WORDS = 15  # a header cell is a label, not a paragraph


@dataclass
class CellTable:
    start: int  # index of the table's first line
    end: int  # index after its last line
    rows: list[list[str]]


def _cells(lines: list[str], start: int, end: int, clean: Callable[[str], str]) -> list[tuple[int, str]]:
    """(index of the cell's first line, text) for each cell closed by a bar in lines[start:end]."""
    out = []
    first, parts = start, []
    for i in range(start, end):
        if _BAR.match(lines[i]):
            out.append((first, clean(" ".join(p.strip() for p in parts if p.strip()))))
            first, parts = i + 1, []
        else:
            parts.append(lines[i])
    return out


def _rows(cells: list[tuple[int, str]], width: int | None = None) -> list[tuple[int, list[str]]]:
    """Cells → rows: an empty cell before a row's opening number closes a row, and
    so does a row reaching `width` cells (where a dump lost the empty one)."""
    rows: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    k = 0
    while k < len(cells):
        i, text = cells[k]
        if not current:
            first = i
        nxt = cells[k + 1][1] if k + 1 < len(cells) else None
        if not current and width and text and not _ROW_START.match(text) and nxt and _ROW_START.match(nxt):
            k += 1  # a stray cell between two rows ("…………" where the copy left text out)
            continue
        if not text and current and (nxt is None or _ROW_START.match(nxt)):
            rows.append((first, current))
            current = []
            k += 1
            continue
        current.append(text)
        k += 1
        if width and len(current) == width:
            rows.append((first, current))
            current = []
            if k < len(cells) and not cells[k][1]:
                k += 1  # the empty cell that closes the row
    if current:
        rows.append((first, current))
    return rows


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
        start_cell, width = _head(cells)
        if width is None:
            continue
        rows = _rows(cells[start_cell:], width)
        if sum(1 for _, r in rows if len(r) >= MIN_COLUMNS) < 2:
            continue
        out.append(CellTable(rows[0][0], last_bar + 1, [r for _, r in rows]))
    return out


def _head(cells: list[tuple[int, str]]) -> tuple[int, int | None]:
    """Where the table's first row starts (an index in `cells`) and how many cells it has:
    the first row of three labels or more, after the last long cell before them
    (the dump runs the layout blocks above into it)."""
    k = 0
    for first, row in _rows(cells):
        k = next(j for j, (i, _) in enumerate(cells) if i == first)
        if len(row) >= MIN_COLUMNS:
            long_before = next((j for j in range(len(row), 0, -1) if not _label(row[j - 1])), 0)
            if len(row) - long_before >= MIN_COLUMNS:
                return k + long_before, len(row) - long_before
    return 0, None
