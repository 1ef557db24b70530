"""Appendix tables of tasks → rows with named cells (text, lead, support, deadline ...).

A task table is found by its header: cells matched against the column words of
task_rules/tables.toml, the header over one or two rows. A table that runs over
several pages comes back as one table per page: a page's table continues the
task table of the page before when it repeats the header or, header-less, has
the same columns; its first row, when its numbering cells are empty, is the
rest of a row the page break cut.

Rows form a hierarchy by their numbering (one or two numbering columns: "12"
then "a", "I" then "1", "1" then "1.2") and by title rows without a number. A
row with rows under it is a group, not a task: its lead, support, deadline ...
fill the EMPTY cells of the rows under it (never a row's own), and each task
keeps its group's title and its numbering path ("12.b").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker import rules
from tracker.model import Table
from tracker.text import fold, mostly_upper

ROLES = ("number", "duration", "lead", "support", "deadline", "points", "product", "note", "category", "text")
# Columns whose value a group row hands down to the empty cells of its rows.
INHERITED = ("lead", "support", "deadline", "product")


@dataclass
class Row:
    """One task row of an appendix table, its empty cells filled from its groups."""

    cells: dict[str, str] = field(default_factory=dict)  # role → text
    page: int = 1
    group: str | None = None  # the title of the group row above it (or the row's category cell)
    titles: list[str] = field(default_factory=list)  # the titles of its group rows, outer first
    path: list[str] = field(default_factory=list)  # numbering from the outer group in: ["12", "b"]
    days: bool = False  # the deadline cell counts days ("Số ngày dự kiến")
    year: int | None = None  # the year the time column's header names ("Thời gian (Năm 2026)")

    def get(self, role: str) -> str:
        return self.cells.get(role, "") or ""


# ------------------------------------------------------------------ rules


@dataclass(frozen=True)
class _TableRules:
    columns: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    fuzzy: tuple[tuple[str, str], ...]  # (role, plain phrase) for the fuzzy match
    fuzzy_score: float
    max_words: int
    group: tuple[re.Pattern[str], ...]
    total: tuple[re.Pattern[str], ...]
    column_number: re.Pattern[str]
    report_columns: tuple[re.Pattern[str], ...]
    report_status: tuple[re.Pattern[str], ...]
    catalogue: tuple[re.Pattern[str], ...]  # the text column of a catalogue of procedures ("Tên thủ tục hành chính")
    text_beside_number: tuple[re.Pattern[str], ...]  # a second number-like column that holds the rows' text


_PLAIN = re.compile(r"^[a-z0-9 ,]+$")


@rules.compiled
def table_rules() -> _TableRules:
    r = rules.load("tables")
    cols, fuzzy = [], []
    for role in ROLES:
        raw = r.strings(f"columns.{role}", default=[])
        pats = []
        for p in raw:
            # Plain phrases match whole words; regexes as written.
            pats.append(r.regex(rf"(?<!\w){p}(?!\w)" if _PLAIN.match(p) else p, f"columns.{role}"))
            if _PLAIN.match(p) and len(p) >= 6:
                fuzzy.append((role, p))
        cols.append((role, tuple(pats)))
    return _TableRules(
        columns=tuple(cols),
        fuzzy=tuple(fuzzy),
        fuzzy_score=float(r.get("match.fuzzy", (int, float), 90)),
        max_words=int(r.get("match.max_words", int, 12)),
        group=tuple(r.regexes("rows.group")),
        total=tuple(r.regexes("rows.total", re.I)),
        column_number=r.regex(r.get("rows.column_number", str), "rows.column_number"),
        report_columns=tuple(r.regexes("report.columns", default=[])),
        report_status=tuple(r.regexes("report.status", default=[])),
        catalogue=tuple(r.regexes("catalogue.text_column", default=[])),
        text_beside_number=tuple(r.regexes("columns.text_beside_number", default=[])),
    )


def _key(cell: str | None) -> str:
    """A header cell as matched: folded, punctuation and line breaks as spaces."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w()]+", " ", fold(cell or ""))).strip()


def cell_role(cell: str | None) -> str | None:
    """The role a header cell names: the pattern found earliest in it wins, then the longest."""
    key = _key(cell)
    tr = table_rules()
    if not key or len(key.split()) > tr.max_words:
        return None
    best: tuple[int, int, str] | None = None
    for role, pats in tr.columns:
        if role == "duration" and any(p.search(key) for p in pats):
            return role  # "Thời gian (ngày)": a time column that counts days
        for p in pats:
            m = p.search(key)
            if m and (best is None or (m.start(), -(m.end() - m.start())) < (best[0], best[1])):
                best = (m.start(), -(m.end() - m.start()), role)
    if best:
        return best[2]
    from rapidfuzz import fuzz

    scored = [(fuzz.partial_ratio(phrase, key), role) for role, phrase in tr.fuzzy if len(key) >= 4]
    score, role = max(scored, default=(0.0, None))
    return role if score >= tr.fuzzy_score else None


def column_roles(header: list[str | None]) -> dict[int, str]:
    """Header cells → {column index: role}; each role taken by its first column."""
    roles: dict[int, str] = {}
    for i, cell in enumerate(header):
        role = cell_role(cell)
        if role == "number" and role in roles.values() and "text" not in roles.values() \
                and any(p.search(_key(cell)) for p in table_rules().text_beside_number):
            role = "text"  # "Các bước" | "Trình tự thực hiện": beside the steps' numbers, the steps themselves
        if role and role not in roles.values():
            roles[i] = role
    return roles


# ------------------------------------------------------------------ codes

_CODE = re.compile(
    r"^\(?(?P<code>[IVXLC]{1,6}|[A-ZĐ]|[0-9]{1,3}(?:\.[0-9]{1,3}){0,3}|[a-zđ]|[-+•*])[.):]?$"
)
_LEAD_CODE = re.compile(r"^(?P<code>[IVXLC]{1,6}|[A-ZĐ]|[0-9]{1,3}(?:\.[0-9]{1,3}){0,3}|[a-zđ])[.)]\s+\S")


def code_kind(code: str) -> str | None:
    """What family a numbering cell belongs to: roman, letter, upper, number, dotted1.., dash, plus."""
    m = _CODE.match(code.strip())
    if not m:
        return None
    c = m.group("code")
    if re.fullmatch(r"[IVXLC]+", c) and (len(c) > 1 or c in "IVX"):
        return "roman"
    if re.fullmatch(r"[A-ZĐ]", c):
        return "upper"
    if re.fullmatch(r"[0-9]+", c):
        return "number"
    if re.fullmatch(r"[0-9.]+", c):
        return f"dotted{c.count('.')}"
    if re.fullmatch(r"[a-zđ]", c):
        return "letter"
    return {"-": "dash", "+": "plus"}.get(c, "dash")


def _clean_code(code: str) -> str:
    return code.strip().strip("().:").strip()


# ------------------------------------------------------------------ layout


@dataclass
class _Layout:
    """One task table, possibly over several pages."""

    roles: dict[int, str]
    width: int
    header_keys: list[list[str]]  # folded header rows, to skip their repeats
    xs: list[float] | None
    page: int
    ruled: bool
    numbering: list[int] = field(default_factory=list)  # numbering columns, outer first
    days: bool = False
    year: int | None = None


@dataclass
class _Header:
    start: int  # index of the first header row
    end: int  # index after the header (and a row of column numbers)
    roles: dict[int, str]


def _is_label_row(row: list[str | None]) -> bool:
    """Every filled cell is a short label (no numbering code in front)."""
    filled = [c for c in row if c and c.strip()]
    return bool(filled) and not any(_LEAD_CODE.match(c.strip()) or code_kind(c) for c in filled)


def _is_column_numbers(row: list[str | None]) -> bool:
    tr = table_rules()
    filled = [c.strip() for c in row if c and c.strip()]
    return len(filled) >= 3 and all(tr.column_number.match(c) for c in filled)


def _is_second_header(upper: list[str | None], row: list[str | None]) -> bool:
    """A header's lower row ("Chủ trì" | "Phối hợp" under "Đơn vị thực hiện"): every
    cell it fills names a column, and it fills only some (the others merged down
    from the row above, or empty), never a row of column numbers."""
    filled = [c for c in row if c and c.strip()]
    return bool(filled) and len(filled) < len(row) and not _is_column_numbers(row) \
        and all(cell_role(c) for c in filled) and _is_label_row(row)


def _header_roles(row1: list[str | None], row2: list[str | None] | None) -> dict[int, str]:
    """Roles over one or two header rows: a lower cell's role wins over the cell above it."""
    roles: dict[int, str] = {}
    width = max(len(row1), len(row2 or []))
    for c in range(width):
        lower = cell_role(row2[c]) if row2 and c < len(row2) and row2[c] else None
        upper = cell_role(row1[c]) if c < len(row1) and row1[c] else None
        role = lower or upper
        if role and role not in roles.values():
            roles[c] = role
    return roles


def find_header(rows: list[list[str | None]]) -> _Header | None:
    """The header among a table's first rows: cells naming a content or a lead column and another."""
    for i in range(min(4, len(rows))):
        row = rows[i]
        if not _is_label_row(row):
            continue
        roles = set(column_roles(row).values())
        if len(roles) < 2 or not roles & {"text", "lead"}:
            continue
        end = i + 1
        second = rows[i + 1] if i + 1 < len(rows) else None
        if second is not None and _is_second_header(row, second):
            merged = _header_roles(row, second)
            end = i + 2
        else:
            merged = _header_roles(row, None)
        if "lead" in merged.values() and "text" not in merged.values():
            content = _prose_column(rows[end:], merged)
            if content is not None:
                merged[content] = "text"
        if not ("text" in merged.values() and "lead" in merged.values()):
            continue
        if end < len(rows) and _is_column_numbers(rows[end]):
            end += 1
        return _Header(i, end, merged)
    return None


PROSE_WORDS = 8  # a column whose cells run to this many words on average holds sentences: the work


def _prose_column(body: list[list[str | None]], roles: dict[int, str]) -> int | None:
    """The content column of a table whose header names its lead column but words its content
    column as nothing we know ("Thông tin đề xuất", "Vấn đề"): the column no role claims whose
    cells are sentences (the longest on average, at least PROSE_WORDS words), beside short
    cells (a place, a number). None when no column reads as prose."""
    width = max((len(r) for r in body), default=0)
    best: tuple[float, int] | None = None
    for c in range(width):
        if c in roles:
            continue
        values = [r[c] for r in body if c < len(r) and r[c] and r[c].strip()]
        if len(values) < 2:
            continue
        words = sum(len(v.split()) for v in values) / len(values)
        if words >= PROSE_WORDS and (best is None or words > best[0]):
            best = (words, c)
    return best[1] if best else None


def _column_year(header: list[list[str | None]], roles: dict[int, str]) -> int | None:
    """"Thời gian (Năm 2026)": the year the time column's dates without one are in."""
    for c, role in roles.items():
        if role in ("deadline", "duration"):
            for row in header:
                m = re.search(r"\bnam\s+(20\d\d)\b", fold(row[c] or "") if c < len(row) else "")
                if m:
                    return int(m.group(1))
    return None


def _reports_progress(header: list[list[str | None]], body: list[list[str | None]]) -> bool:
    """A progress report ("Kết quả thực hiện" | "Tiến độ": "Đã hoàn thành"): a results
    column in the header and a column whose cells are mostly a status."""
    tr = table_rules()
    if not tr.report_status or not any(p.search(_key(c)) for row in header for c in row for p in tr.report_columns):
        return False
    width = max((len(r) for r in body), default=0)
    for c in range(width):
        values = [_key(r[c]) for r in body if c < len(r) and r[c] and r[c].strip()]
        if len(values) >= 2 and sum(1 for v in values if any(p.match(v) for p in tr.report_status)) >= 0.5 * len(values):
            return True
    return False


def _lists_procedures(header: list[list[str | None]], roles: dict[int, str]) -> bool:
    """A catalogue of administrative procedures ("Tên thủ tục hành chính" as the rows' text): procedures and the
    bodies that handle their cases, no work (tables.toml [catalogue])."""
    tr = table_rules()
    col = next((c for c, r in roles.items() if r == "text"), None)
    if col is None or not tr.catalogue:
        return False
    if any(cell_role(cell) == "text" for row in header for c, cell in enumerate(row) if c != col):
        return False  # a column of work beside the procedure's name ("Nội dung thực hiện"): a task list
    return any(any(p.search(_key(row[col] if col < len(row) else None)) for p in tr.catalogue) for row in header)


def _numbering_columns(roles: dict[int, str], rows: list[list[str | None]], width: int) -> list[int]:
    """The numbering columns left of the content: the one the header names and unnamed ones of codes."""
    text_col = next((c for c, r in roles.items() if r == "text"), width)
    cols = []
    for c in range(text_col):
        if roles.get(c) == "number":
            cols.append(c)
            continue
        if c in roles:
            continue
        values = [r[c].strip() for r in rows if c < len(r) and r[c] and r[c].strip()]
        if values and sum(1 for v in values if code_kind(v)) >= 0.8 * len(values):
            cols.append(c)
    return cols


def _same_columns(layout: _Layout, table: Table) -> bool:
    width = max((len(r) for r in table.rows), default=0)
    if width != layout.width:
        return False
    if layout.xs is None or table.xs is None or len(layout.xs) != len(table.xs):
        return layout.xs is None or table.xs is None
    return all(abs(a - b) <= 6 for a, b in zip(layout.xs, table.xs))


# ------------------------------------------------------------------ rows


@dataclass
class _Item:
    """A data row on its way to becoming a task or a group."""

    cells: dict[str, str]
    page: int
    code: str = ""  # its numbering as written ("12", "b", "1.2"); "" for none
    family: tuple = ()  # (column, kind) of its code; ("title",) for an unnumbered title row
    parent: int | None = None  # index of its group in the item list
    children: int = 0
    days: bool = False
    year: int | None = None
    void: bool = False  # a row that stands where it is (what follows sits beside it) but is no task


def _own_cells(raw: list[str | None], roles: dict[int, str]) -> dict[str, str]:
    return {role: (raw[c] or "").strip() for c, role in roles.items() if c < len(raw)}


def _is_title(raw: list[str | None], cells: dict[str, str], text_col: int | None, numbered: bool) -> bool:
    """An unnumbered row that names a group: a content cell and no unit of its own.

    In a numbered table every such row is a title ("Thanh toán trực tuyến"
    over rows 09-11); in an unnumbered one only a row that looks like one: a
    group pattern ("I. ...", "Phần 2"), spanning the row, or in capitals.
    """
    tr = table_rules()
    text = cells.get("text", "")
    if not text or cells.get("lead") or cells.get("support") or text[:1].islower():
        return False
    if any(p.match(text) or p.match(fold(text)) for p in tr.group):
        return True
    if numbered:
        return True
    spans = text_col is not None and text_col + 1 < len(raw) and raw[text_col + 1] is None
    return spans or mostly_upper(text, 0.9)


def _is_cut(layout: _Layout, cells: dict[str, str], page_top: bool) -> bool:
    """Is an unnumbered row the rest of the row above?

    At the top of a continuation page, yes in a numbered table (the page break
    cut the row); in an unnumbered one, when it reads on (a lower-case start) or
    names no lead. In a numbered text copy every unnumbered row that is no
    title is a wrapped line of the row above; in a ruled one, one that reads on.
    """
    text = cells.get("text", "")
    if page_top:
        return bool(layout.numbering) or text[:1].islower() or not cells.get("lead")
    if not layout.ruled:
        return bool(layout.numbering)
    return bool(layout.numbering) and (not text or text[:1].islower())


def _spanning(raw: list[str | None], layout: _Layout) -> int | None:
    """The column of the one cell a row fills after its numbering, when every cell
    right of it is merged into it (None): a title across the row."""
    filled = [c for c, v in enumerate(raw) if v and v.strip() and c not in layout.numbering]
    if len(filled) != 1 or filled[0] + 1 >= len(raw):
        return None
    return filled[0] if all(v is None for v in raw[filled[0] + 1:]) else None


def _append(item: _Item, cells: dict[str, str]) -> None:
    for role, value in cells.items():
        if value and role not in ("number", "duration"):
            item.cells[role] = f"{item.cells.get(role, '')} {value}".strip()


def read_rows(tables: list[Table]) -> list[Row]:
    """Task rows of every task table among `tables`, joined across pages."""
    items: list[_Item] = []  # the rows of the current task table, over its pages
    out: list[Row] = []
    layout: _Layout | None = None
    for table in tables:
        rows = table.rows
        if not rows:
            continue
        width = max(len(r) for r in rows)
        header = find_header(rows)
        continued = False
        if header is not None:
            keys = [[fold(c or "") for c in r] for r in rows[header.start:header.end]]
            if layout is not None and keys == layout.header_keys and width == layout.width \
                    and table.page >= layout.page:
                continued = True  # the header repeated on a new page
            else:
                # Another task table: its rows form a hierarchy of their own.
                out += _rows(items)
                items = []
                if _reports_progress(rows[header.start:header.end], rows[header.end:]) \
                        or _lists_procedures(rows[header.start:header.end], header.roles):
                    layout = None  # what was done about earlier tasks, or a catalogue of procedures: not tasks to do
                    continue
                layout = _Layout(header.roles, width, keys, table.xs, table.page, table.ruled)
                layout.numbering = _numbering_columns(layout.roles, rows[header.end:], width)
                layout.days = "duration" in layout.roles.values()
                layout.year = _column_year(rows[header.start:header.end], layout.roles)
                if layout.days:
                    dcol = next(c for c, r in layout.roles.items() if r == "duration")
                    if "deadline" not in layout.roles.values():
                        layout.roles[dcol] = "deadline"
            start = header.end
        else:
            if layout is None or table.page not in (layout.page, layout.page + 1) or not _same_columns(layout, table):
                layout = None  # the chain breaks: not a task table, or one whose header we never saw
                continue
            continued = True
            start = 0
        layout.page = table.page
        if table.xs is not None:
            layout.xs = table.xs
        _read_table(table, start, layout, items, continued)
    return out + _rows(items)


def _row_code(raw: list[str | None], ri: int, table: Table, layout: _Layout, text: str) -> tuple[str, tuple]:
    """A row's numbering and its family: from the innermost numbering column that
    holds a code of its own (a number merged down from the row above is not this
    row's), else, in a table without numbering columns, from the content's start."""
    code, family = "", ()
    for c in layout.numbering:
        value = (raw[c] or "").strip()
        kind = code_kind(value) if value and (ri, c) not in table.merged_down else None
        if kind:
            code, family = _clean_code(value), (c, kind)
    if not code and not layout.numbering:
        m = _LEAD_CODE.match(text)
        if m:  # "I. ...", "1. ..." opening the content
            code, family = m.group("code"), (-1, code_kind(m.group("code")) or "number")
    return code, family


def _read_table(table: Table, start: int, layout: _Layout, items: list[_Item], continued: bool) -> None:
    tr = table_rules()
    roles = layout.roles
    text_col = next((c for c, r in roles.items() if r == "text"), None)
    above: dict[int, str] = {}  # per column, the value a cell merged down repeats
    heads = {k for row in layout.header_keys for k in row if k}  # the header's own cells, folded
    first = True
    for ri in range(start, len(table.rows)):
        page_top = continued and first
        raw = list(table.rows[ri]) + [None] * (layout.width - len(table.rows[ri]))
        keys = [fold(c or "") for c in raw]
        if keys in layout.header_keys or _is_column_numbers(raw):
            continue  # the header (or its column numbers) repeated
        for c in range(len(raw)):
            if (ri, c) in table.merged_down:
                # A cell merged down says the same for this row; numbers are the row above's own.
                raw[c] = above.get(c, "") if c not in layout.numbering else ""
            elif raw[c] is not None:
                above[c] = raw[c]
        shares_text = text_col is not None and (ri, text_col) in table.merged_down and bool(items)
        cells = _own_cells(raw, roles)
        spanning = _spanning(raw, layout)
        if spanning is not None and text_col is not None and spanning != text_col and not cells.get("text"):
            # A title spanning the row from the cell it starts in (a lead column
            # before the content): the title is the row's content, no lead of its own.
            cells[roles.get(spanning, "")] = ""
            cells["text"] = (raw[spanning] or "").strip()
        # A row whose number is merged down from the row above, with content of its
        # own: another task of that numbered row, sharing its merged cells.
        sub_row = bool(layout.numbering) and bool(items) and all((ri, c) in table.merged_down for c in layout.numbering) \
            and text_col is not None and (ri, text_col) not in table.merged_down \
            and bool((raw[text_col] or "").strip()) and not (raw[text_col] or "").strip()[:1].islower()
        cells.pop("", None)
        number = cells.pop("number", "")
        cells.pop("duration", None)
        text = cells.get("text", "")
        if not any(v for v in cells.values()) and not number:
            continue
        if not text and number and not code_kind(number):
            # A title written across the number column ("I. Công khai, minh bạch" in Stt)
            cells["text"] = text = number
        if any(p.search(text.lower()) for p in tr.total) and not cells.get("lead"):
            continue
        # "Tổng thời gian giải quyết TTHC" | "Không quá 17 ngày ...": a procedure's total under its steps; "Đơn vị/ Người
        # thực hiện" in the lead cell: the header repeated over the next procedure's steps, read beside a title or a
        # total. No task, nor any unit for the rows after it; it still closes the steps above it.
        void = bool(number) and any(p.search(number.lower()) for p in tr.total) \
            or any(fold(cells.get(role, "")) in heads for role in ("lead", "text") if cells.get(role))
        if void:
            cells = {"text": text or number}
        code, family = _row_code(raw, ri, table, layout, text)
        if not code and number == text:
            m = _LEAD_CODE.match(text)
            if m:
                code, family = m.group("code"), (-1, code_kind(m.group("code")) or "number")
        first = False
        if shares_text or sub_row:
            # The same task text over several rows, each with its own units (or the same
            # units over several rows, each with its own content): one task each.
            prev = items[-1]
            items.append(_Item(cells, table.page, prev.code, prev.family, days=layout.days, year=layout.year))
            continue
        if not code:
            title = not void and _is_title(raw, cells, text_col, bool(layout.numbering))
            if items and not title and not void and _is_cut(layout, cells, page_top):
                _append(items[-1], cells)  # the rest of a row the page break (or a wrapped line) cut
                continue
            if title:
                family = ("title",)
        if not text:
            continue
        if not family:
            # An unnumbered task among numbered ones stands beside the row above it,
            # or under it when that row is a group's title ("D." | "BỘ Y TẾ").
            above_item = items[-1] if items else None
            family = above_item.family if above_item and above_item.family != ("title",) \
                and not _titles_only(above_item) else ("plain",)
        elif family[1:] == ("roman",) and items and _letter_after(items, family[0], code):
            family = (family[0], "upper")  # "I" after "H": a letter, not one in Roman
        if code:
            cells["number"] = code
        items.append(_Item(cells, table.page, code, family, days=layout.days, year=layout.year, void=void))


def _titles_only(item: _Item) -> bool:
    """A numbered row that holds a title and nothing else: a group's heading."""
    return bool(item.code) and not any(v for r, v in item.cells.items() if r not in ("text", "number"))


_LETTERS = "ABCDĐEGHIKLMNOPQRSTUVXY"  # the Vietnamese alphabet's capitals, in order


def _letter_after(items: list[_Item], column: int, code: str) -> bool:
    """Is `code` the letter after the last upper-case letter numbering this column?"""
    last = next((it.code for it in reversed(items) if it.family == (column, "upper")), None)
    return bool(last) and last in _LETTERS and code in _LETTERS and _LETTERS.index(code) == _LETTERS.index(last) + 1


def _rows(items: list[_Item]) -> list[Row]:
    """Place items in their hierarchy; groups hand their values down; tasks come out."""
    stack: list[int] = []
    under: dict[int, tuple] = {}  # a title row → the family of the numbered rows it heads
    for i, it in enumerate(items):
        families = [items[j].family for j in stack]
        if it.family == ("title",):
            # An unnumbered title heads the numbered rows after it: it stands where
            # the first of them would stand, replacing a title over the same rows.
            f = next((x.family for x in items[i + 1:] if x.family not in (("title",), ("plain",))), None)
            if f is None:
                continue  # a title over nothing (a closing line): no one's parent
            if f in families:
                del stack[families.index(f):]
            while stack and under.get(stack[-1], ()) == f:
                stack.pop()
            under[i] = f or ()
        elif it.family in families:
            del stack[families.index(it.family):]
        it.parent = stack[-1] if stack else None
        if it.parent is not None:
            items[it.parent].children += 1
        stack.append(i)
    paths = _paths(items)
    out: list[Row] = []
    for i, it in enumerate(items):
        if it.children or it.family == ("title",) or it.void:
            continue
        cells = dict(it.cells)
        j = it.parent
        group = cells.pop("category", "") or (_title(items[j].cells.get("text", "")) if j is not None else None)
        titles = []
        while j is not None:
            for role in INHERITED:
                if not cells.get(role) and items[j].cells.get(role):
                    cells[role] = items[j].cells[role]
            if items[j].cells.get("text"):
                titles.insert(0, _title(items[j].cells["text"]))
            j = items[j].parent
        out.append(Row(cells=cells, page=it.page, group=group, titles=titles, path=paths[i], days=it.days, year=it.year))
    return out


_TITLE_CODE = re.compile(r"^(?:[IVXLC]{1,6}|[A-ZĐ]|[0-9]{1,3}(?:\.[0-9]{1,3}){0,3})[.)]\s+")


def _title(text: str) -> str:
    """A group's title without the number written in front of it ("I. NÂNG CAO ..." → "NÂNG CAO ...")."""
    return _TITLE_CODE.sub("", text.strip())


def _paths(items: list[_Item]) -> list[list[str]]:
    """Each item's numbering codes from its outer group in ("12", "b"). An outer
    Roman or letter group's code is left out unless the numbering restarts under
    each group (then the task paths would repeat without it)."""
    full = [_path(items, i) for i in range(len(items))]
    tops = {i for i, it in enumerate(items) if it.parent is None and it.children and it.family[1:2] in (("roman",), ("upper",))}

    def top(i: int) -> int:
        while items[i].parent is not None:
            i = items[i].parent
        return i

    short = [p[1:] if top(i) in tops and p and items[top(i)].code else p for i, p in enumerate(full)]
    task_paths = [".".join(short[i]) for i, it in enumerate(items) if not it.children and short[i]]
    return short if len(task_paths) == len(set(task_paths)) else full


def _path(items: list[_Item], i: int) -> list[str]:
    """Numbering codes from the outer group down to item i."""
    chain = []
    j: int | None = i
    while j is not None:
        chain.append(items[j])
        j = items[j].parent
    chain.reverse()
    out: list[str] = []
    for it in chain:
        if not it.code:
            continue
        if out and it.code.startswith(out[-1] + "."):
            out[-1] = it.code  # "1.2" under "1"
        else:
            out.append(it.code)
    return out
