"""The structure of units a document is written in: its date, else its year, else what it cites, else today's.

    choice = structure_in_force(header, header_text=..., cited_structure="2025")
    choice.structure   # "2022" | "2025"
    choice.basis       # date | year | parent | header | setting | today

`TRACKER_STRUCTURE` only fills in where the document gives nothing; the
phrases read live in task_rules/units/in_force.toml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date

from tracker import rules
from tracker.model import Header
from tracker.text import fold
from tracker.units.hierarchy import in_force_on, setting_structure

# What each basis is called where a clerk reads it.
BASIS_LABELS = {
    "date": "theo ngày văn bản",
    "year": "theo năm của văn bản",
    "parent": "theo văn bản được thực hiện",
    "header": "theo đơn vị ghi ở phần đầu (cấp huyện chỉ có trước 01/7/2025)",
    "setting": "theo TRACKER_STRUCTURE",
    "today": "theo cơ cấu hiện hành",
}


@dataclass(frozen=True)
class StructureChoice:
    structure: str
    basis: str  # a key of BASIS_LABELS


@dataclass(frozen=True)
class _Rules:
    year: tuple[re.Pattern[str], ...]
    old_only: tuple[str, ...]


@rules.compiled
def _rules() -> _Rules:
    rf = rules.load("units/in_force")
    years = tuple(rf.regexes("year_patterns"))
    for p in years:
        if "y" not in p.groupindex:
            raise rf.error("a pattern in 'year_patterns' needs the group y", p.pattern[:30])
    return _Rules(years, tuple(fold(w) for w in rf.strings("old_only_words")))


def year_of(header_text: str) -> str | None:
    """The year a blank date line gives ("ngày  tháng  năm 2026" → "2026"), else None."""
    folded = fold(header_text or "")
    for pat in _rules().year:
        m = pat.search(folded)
        if m and 1990 <= int(m.group("y")) <= 2100:
            return m.group("y")
    return None


def names_old_unit(header: Header) -> bool:
    """The issuer lines name a unit only the pre-2025 structure has: a huyện, a thị trấn, or a
    province or commune by a name that is only a former one now ("UBND TỈNH HẢI DƯƠNG")."""
    words = _rules().old_only
    for line in (header.issuer, header.issuer_parent):
        text = f" {fold(line or '')} "
        if any(f" {w} " in text for w in words):
            return True
        if line and _former_place(line):
            return True
    return header.level == "district"


def _former_place(line: str) -> bool:
    from tracker.units.hierarchy import get_hierarchy

    h = get_hierarchy("2025")
    v = h.vocab
    tokens = [w for w in v.strip_leading(v.words(line)) if w != "_"]
    if tokens[:1] in (["ubnd"], ["hdnd"]):
        tokens = tokens[1:]
    hit = v.type_at(tokens, 0) if tokens else None
    if hit is None or hit[0] >= len(tokens):
        return False
    return h.former_only("".join(tokens))  # typed: "tinhhaiduong" (a phường Hải Dương exists now)


def structure_in_force(
    header: Header,
    *,
    header_text: str = "",
    cited_structure: str | None = None,
    today: Date | None = None,
) -> StructureChoice:
    """The structure a document is written in, and what said so."""
    if header.date:
        return StructureChoice(in_force_on(header.date), "date")
    year = year_of(header_text)
    if year:
        return StructureChoice(in_force_on(year), "year")
    if cited_structure:
        return StructureChoice(cited_structure, "parent")
    if names_old_unit(header):
        return StructureChoice("2022", "header")
    setting = setting_structure()
    if setting:
        return StructureChoice(setting, "setting")
    return StructureChoice(in_force_on(today), "today")


__all__ = ["BASIS_LABELS", "StructureChoice", "names_old_unit", "structure_in_force", "year_of"]
