"""Header and signature blocks that a text copy lays out as table cells.

Legal-document websites set the header (issuer | motto, number | place and
date) and the signature (Nơi nhận | signer) as two-column tables. Copied as
text they arrive in one of three shapes:

- rows on one line each, "| ỦY BAN NHÂN DÂN TỈNH X ------- | CỘNG HÒA ... |";
- a Table the reader already built from such rows;
- a lone "|" line between cells whose text wraps over several lines.

Whatever the shape, the cells come out as the logical lines a PDF reader gives
for each column: wrapped lines joined, flattened lines cut where the next field
starts, rule lines and stray markup dropped.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from tracker import rules
from tracker.model import Line, Table
from tracker.text import mostly_upper

MAX_CELL_LINES = 40  # a cell longer than this is body text, not a header cell


class _CellRules(NamedTuple):
    cut_before: tuple[re.Pattern[str], ...]  # a new field starts here inside a flattened line
    new_line: tuple[re.Pattern[str], ...]  # a line that starts a field never continues the one above
    place_date: re.Pattern[str]
    number: re.Pattern[str]
    subject: re.Pattern[str]


@rules.compiled
def cell_rules() -> _CellRules:
    from tracker.structure.sections import patterns  # the header lines' own patterns (sections imports us)

    r = rules.load("header")
    p = patterns()
    return _CellRules(
        cut_before=tuple(r.regexes("cells.cut_before")),
        new_line=tuple(r.regexes("cells.new_line")),
        place_date=p.place_date,
        number=p.number,
        subject=p.subject,
    )


_RULE = re.compile(r"(?:^|\s)[-–—_=]{3,}(?=\s|$)")
_MARKUP = re.compile(r"^[\s*_|#]+|[\s*_|]+$")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def is_bar(text: str) -> bool:
    """A line that is only a cell border ("|")."""
    return text.strip() == "|"


def is_noise(text: str) -> bool:
    """Markup left without text ("* *", "****", "|---|---|")."""
    return not any(c.isalnum() for c in text)


def pipe_cells(text: str) -> list[str] | None:
    """The cells of a "| a | b |" row written on one line, else None."""
    t = text.strip()
    if _SEPARATOR.match(t):
        return []
    if t.startswith("|") and t.endswith("|") and t.count("|") >= 3:
        return [c.strip() for c in t[1:-1].split("|")]
    return None


def clean(text: str) -> str:
    """Stray emphasis, cell borders and rule lines out of a cell's text."""
    text = _RULE.sub(" ", text)
    text = _MARKUP.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def split_flattened(text: str) -> list[str]:
    """Cut a line where a header field starts inside it ("... VIỆT NAM Độc lập - Tự do ...",
    "Số: 12/UBND V/v ...", "Số: 12/QĐ-UBND Sơn La, ngày ...", "Nơi nhận: - A; - B")."""
    r = cell_rules()
    parts = [p for p in re.split(r"\s[-–—_=]{3,}(?:\s|$)", f" {text} ") if p.strip()]
    out: list[str] = []
    for part in parts:
        out.extend(_cut(part.strip(), r))
    return out


def _cut(text: str, r: _CellRules) -> list[str]:
    cuts = set()
    for pat in r.cut_before:
        for m in pat.finditer(text):
            if m.start() > 0:
                cuts.add(m.start())
    # A place and date inside a line: the place is the capitalised words before ", ngày".
    for m in re.finditer(r"(?<=\s)\S", text) if not _place_date_at(text, 0, r) else ():
        if _place_date_at(text, m.start(), r):
            cuts.add(m.start())
            break
    if not cuts:
        return [text]
    pieces, last = [], 0
    for k in sorted(cuts):
        pieces.append(text[last:k])
        last = k
    pieces.append(text[last:])
    return [p.strip() for p in pieces if p.strip()]


_PLACE_LOWER = {"phố", "xã", "trấn", "khu"}  # "Thành phố Hồ Chí Minh", "Thị xã Kinh Môn"


def _place_date_at(text: str, k: int, r: _CellRules) -> bool:
    """Does a place-and-date line start at text[k]? Its place is a name: capitalised words."""
    d = r.place_date.match(text[k:])
    if not d:
        return False
    words = d.group("place").split()
    return bool(words) and words[0][:1].isupper() and all(
        w[:1].isupper() or w in _PLACE_LOWER or not w[:1].isalpha() for w in words
    )


def cell_lines(lines: list[Line], region: str) -> list[Line]:
    """One cell's lines → its logical lines: wrapped lines joined (same weight, no rule or
    blank line between them, the next not starting a field), flattened lines cut."""
    r = cell_rules()
    out: list[Line] = []
    prev: Line | None = None
    for line in lines:
        text = clean(line.text)
        if not text:
            continue
        for k, piece in enumerate(split_flattened(text)):
            starts_field = any(p.match(piece) for p in r.new_line) or bool(r.place_date.match(piece))
            joins = (
                k == 0
                and out
                and prev is not None
                and not line.gap_before
                and line.bold == prev.bold
                and mostly_upper(piece) == mostly_upper(out[-1].text)  # a title, then the signer's name
                and not starts_field
                and not _complete(out[-1].text, r)
            )
            if joins:
                out[-1] = replace(out[-1], text=f"{out[-1].text} {piece}")
            else:
                out.append(Line(piece, page=line.page, region=region, bold=line.bold))
        prev = line
    return out


def _complete(text: str, r: _CellRules) -> bool:
    """A line nothing continues: a whole place-and-date line, a number line with its symbol."""
    d = r.place_date.match(text)
    if d:
        return True
    m = r.number.match(text)
    return bool(m and "/" in m.group("rest") and not m.group("rest").rstrip().endswith(("/", "-")))


class Rows(NamedTuple):
    """Table rows read at the top (or the end) of a text copy: each row its cells, each cell its lines."""

    rows: list[list[list[Line]]]
    end: int  # index of the first block after them


def read_rows(blocks: list[Line | Table], i: int, first_cell: list[Line] | None = None) -> Rows:
    """The table rows starting at blocks[i], in whichever of the three shapes they come.
    `first_cell`: lines before blocks[i] that are the first cell, when a copy lost the opening bar."""
    if i < len(blocks) and isinstance(blocks[i], Line) and is_bar(blocks[i].text):
        return _bar_rows(blocks, i, first_cell)
    rows: list[list[list[Line]]] = []
    while i < len(blocks):
        b = blocks[i]
        if isinstance(b, Table):
            for row in b.rows:
                if any(c and c.strip() for c in row):
                    rows.append([[Line(c or "", page=b.page)] for c in row])
            i += 1
            continue
        cells = pipe_cells(b.text)
        if cells is None:
            break
        if cells:
            rows.append([[Line(c, page=b.page, bold=b.bold)] for c in cells])
        i += 1
    return Rows(rows, i)


def _bar_rows(blocks: list[Line | Table], i: int, first_cell: list[Line] | None = None) -> Rows:
    """"|" / cell lines / "|" / cell lines / "|": two cells a row; two bars in a row start the next.
    A row left unfinished (no closing bar, a cell too long for a header) is not taken."""
    rows: list[list[list[Line]]] = []
    end = i
    row: list[list[Line]] = []
    cell: list[Line] = []
    if first_cell:
        cell = list(first_cell)  # the bar at blocks[i] closes it
    else:
        i += 1
    while i < len(blocks):
        b = blocks[i]
        if isinstance(b, Table):
            break
        if is_bar(b.text):
            row.append(cell)
            cell = []
            i += 1
            if len(row) == 2:
                rows.append(row)
                row = []
                end = i
                if i < len(blocks) and isinstance(blocks[i], Line) and is_bar(blocks[i].text):
                    i += 1
                    continue
                break
            continue
        if not is_noise(b.text):
            cell.append(b)
            if len(cell) > MAX_CELL_LINES:
                break
        i += 1
    return Rows(rows, end)
