"""Appendix tables → rows with named cells (text, lead, support, deadline ...).

A table that runs over several pages comes back as several tables; they are
joined, the header row repeated on later pages is dropped, and a row whose
number cell is empty continues the row above (a row broken by a page) unless
it is a group heading. Columns are found by the words of their header, so the
order of columns does not matter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker import rules
from tracker.model import Table
from tracker.text import fold

ROLES = ("number", "lead", "support", "deadline", "points", "text", "product", "note")


@dataclass
class Row:
    cells: dict[str, str] = field(default_factory=dict)  # role → text
    page: int = 1
    group: str | None = None  # the group heading above the row

    def get(self, role: str) -> str:
        return self.cells.get(role, "") or ""


@dataclass(frozen=True)
class _TableRules:
    columns: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    group: tuple[re.Pattern[str], ...]
    total: tuple[re.Pattern[str], ...]


@rules.compiled
def table_rules() -> _TableRules:
    r = rules.load("tables")
    cols = []
    for role in ROLES:
        cols.append((role, tuple(r.regexes(f"columns.{role}", default=[]))))
    return _TableRules(tuple(cols), tuple(r.regexes("rows.group")), tuple(r.regexes("rows.total", re.I)))


def column_roles(header: list[str | None]) -> dict[int, str]:
    """Header cells → {column index: role}; each role taken by its first column."""
    tr = table_rules()
    roles: dict[int, str] = {}
    taken: set[str] = set()
    for i, cell in enumerate(header):
        key = fold(cell or "")
        if not key:
            continue
        for role, pats in tr.columns:
            if role in taken:
                continue
            if any(p.search(key) for p in pats):
                roles[i] = role
                taken.add(role)
                break
    return roles


def _is_header(row: list[str | None]) -> bool:
    roles = set(column_roles(row).values())
    return len(roles) >= 2 and ("text" in roles or "lead" in roles)


def _filled(row: list[str | None]) -> list[int]:
    return [i for i, c in enumerate(row) if c and c.strip()]


def read_rows(tables: list[Table]) -> list[Row]:
    """Rows of every task table among `tables`, joined across pages."""
    out: list[Row] = []
    roles: dict[int, str] | None = None
    header_key: list[str] | None = None
    width = 0
    tr = table_rules()
    group: str | None = None
    for table in tables:
        rows = table.rows
        if not rows:
            continue
        start = 0
        if _is_header(rows[0]):
            new_key = [fold(c or "") for c in rows[0]]
            if roles is None or new_key != header_key:
                roles, header_key, width = column_roles(rows[0]), new_key, len(rows[0])
                group = None
            start = 1
        elif roles is None or len(rows[0]) != width:
            continue  # not a task table, or one whose header we never saw
        assert roles is not None
        for raw in rows[start:]:
            if header_key and [fold(c or "") for c in raw] == header_key:
                continue  # the header repeated on a new page
            cells = {roles[i]: (raw[i] or "").strip() for i in roles if i < len(raw)}
            number = cells.get("number", "")
            text = cells.get("text", "")
            if not any(v for v in cells.values()):
                continue
            if any(p.search(fold(text)) for p in tr.total) and not cells.get("lead"):
                continue
            if not number:
                is_group = any(p.match(text) for p in tr.group) or not (cells.get("lead") or cells.get("support"))
                if is_group and text:
                    group = text
                    continue
                if out and not is_group:
                    prev = out[-1]
                    for role, value in cells.items():
                        if value:
                            prev.cells[role] = f"{prev.cells.get(role, '')} {value}".strip()
                    continue
            out.append(Row(cells=cells, page=table.page, group=group))
    return out
