"""Ruled tables of one PDF page → `Table`s (cells, column boundaries, merges).

Word draws every cell's borders on their own, so a rule two cells share may
come out twice a few points apart, and the rows of one table may put their
vertical rules at slightly different x. Left as they are, pdfplumber builds a
thin extra column (or row) between every such pair: a five-column table comes
back with eleven. The snap, join and intersection tolerances are therefore
chosen per page from the rules' own spacing: positions closer together than
the break between "one rule drawn twice" and "two columns" are one rule. A
thin column with no text in any row is dropped afterwards, whatever made it.
"""
from __future__ import annotations

import re

from dataclasses import dataclass

from tracker.model import Table
from tracker.text import normalize

DEFAULT_TOLERANCE = 3.0  # pdfplumber's own default
MAX_DOUBLE = {"v": 8.0, "h": 5.0}  # rules further apart than this are never one rule (a column, a row)
THIN_COLUMN = 12.0  # narrower than any column that holds text (a digit and Word's cell margins)
MIN_RULE = 5.0  # shorter edges are the ends of underlines and thin boxes, not rules


@dataclass(frozen=True)
class Tolerances:
    x: float
    y: float

    def settings(self) -> dict[str, float]:
        return {
            "snap_x_tolerance": self.x,
            "snap_y_tolerance": self.y,
            "join_x_tolerance": self.x,
            "join_y_tolerance": self.y,
            "intersection_x_tolerance": self.x,
            "intersection_y_tolerance": self.y,
        }


def tolerance(positions: list[float], cap: float) -> float:
    """The snap distance that merges doubled rules at these positions and nothing wider.

    The gaps between neighbouring rule positions fall in two groups: tiny ones
    (a rule drawn twice, rules of two rows a little out of line, the two sides
    of a thin filled rectangle) and wide ones (columns, rows: no cell that
    holds text is narrower than `cap`). The tolerance sits just above the widest
    tiny gap.
    """
    ps = sorted({round(p, 1) for p in positions})
    small = [g for g in (b - a for a, b in zip(ps, ps[1:])) if g <= cap]
    if not small:
        return DEFAULT_TOLERANCE
    return max(DEFAULT_TOLERANCE, round(max(small) + 0.5, 1))


def page_tolerances(page) -> Tolerances:
    xs: list[float] = []
    ys: list[float] = []
    for e in page.edges:
        if e["orientation"] == "v":
            if e["height"] >= MIN_RULE:
                xs.append(e["x0"])
        elif e["width"] >= MIN_RULE:
            ys.append(e["top"])
    return Tolerances(tolerance(xs, MAX_DOUBLE["v"]), tolerance(ys, MAX_DOUBLE["h"]))


def find_tables(page) -> list:
    """pdfplumber tables of the page, with tolerances fitted to its rules; frames drawn around
    running text (a signed PDF's boxed body) are text, not tables (`_prose_frame`)."""
    if not page.edges:
        return []
    return [t for t in page.find_tables(page_tolerances(page).settings()) if not _prose_frame(t)]


_LABEL_ONLY = re.compile(r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)]?$")


# At most this share of a frame's rows hold two cells of content for it to be running text
# (justified prose cut by stray rules leaves a few such rows).
PROSE_SHARE = 0.2
PROSE_MIN_ROWS = 3


def _prose_frame(t) -> bool:
    """A 'table' whose rows hold one cell of content each (an enumerator alone, "2.", is no
    content), but for a few, is running text inside ruled boxes: its words are read as lines."""
    t.extracted = t.extract()  # kept for to_table: extracting a table's text is the costly part
    rows = [r for r in t.extracted if any(c and c.strip() for c in r)]
    multi = sum(1 for r in rows if len([c for c in r if c and c.strip() and not _LABEL_ONLY.match(c.strip())]) >= 2)
    # a row or two cut off by the page break from a table above stays a table: it joins its row
    return len(rows) >= PROSE_MIN_ROWS and multi <= PROSE_SHARE * len(rows)


def _cell(value: str | None) -> str | None:
    if value is None:
        return None
    return normalize(value.replace("\n", " "))


def to_table(t, page_no: int) -> Table | None:
    """A pdfplumber table → `Table` without its empty columns; None if nothing is in it."""
    extracted = getattr(t, "extracted", None)
    rows = [[_cell(c) for c in row] for row in (extracted if extracted is not None else t.extract())]
    if not rows or not any(c for r in rows for c in r):
        return None
    geo = t.rows
    width = max(len(r) for r in rows)
    xs = sorted({c[0] for r in geo for c in r.cells if c is not None})
    right = max(c[2] for r in geo for c in r.cells if c is not None)
    merged_down = set()
    for ri, row in enumerate(geo):
        for ci, bbox in enumerate(row.cells):
            if bbox is not None or ri == 0:
                continue
            # The nearest real cell above in this column: does it reach down into this row?
            for k in range(ri - 1, -1, -1):
                above = geo[k].cells[ci] if ci < len(geo[k].cells) else None
                if above is not None:
                    if above[3] > row.bbox[1] + 1:
                        merged_down.add((ri, ci))
                    break
    edges = [*xs, right]
    # A thin column with nothing in it sits between two rules that were one
    # (doubled further apart than the tolerance): drop it. A real column may be
    # empty on a page ("Ghi chú"), but it is never this thin.
    keep = [ci for ci in range(width)
            if any(ci < len(r) and r[ci] for r in rows) or ci + 1 >= len(edges) or edges[ci + 1] - edges[ci] > THIN_COLUMN]
    if len(keep) < width:
        index = {old: new for new, old in enumerate(keep)}
        rows = [[r[ci] if ci < len(r) else None for ci in keep] for r in rows]
        merged_down = {(ri, index[ci]) for ri, ci in merged_down if ci in index}
        xs = [xs[ci] for ci in keep if ci < len(xs)]
    return Table(rows, page=page_no, xs=[*xs, right], merged_down=merged_down)
