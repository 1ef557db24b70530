"""Names a document shortens: "Ban Chỉ đạo về dữ liệu tỉnh X (sau đây gọi tắt là Ban Chỉ đạo)".

Later the document says only "Ban Chỉ đạo"; a task led by it is led by the body the
document named in full (roles.toml `short_name`). Only a short name the full name begins
with is taken ("(sau đây viết tắt là UBND)" after "Ủy ban nhân dân tỉnh" is an abbreviation,
which the unit resolver reads already).
"""
from __future__ import annotations

from typing import Iterable

from tracker import rules
from tracker.model import Task
from tracker.text import fold, fold_keep_length


@rules.compiled
def _pattern():
    r = rules.load("roles")
    return r.regex(r.get("short_name", str), "short_name")


def short_names(text: str) -> dict[str, str]:
    """fold(short) → the full name, for every short name `text` defines."""
    found: dict[str, str] = {}
    for m in _pattern().finditer(text):
        short = m.group("short").strip(" ,;.\"“”")
        before = text[: m.start()].rstrip()
        if not short or not before:
            continue
        # the full name starts at the last place the short one's words start, before the bracket
        at = fold_keep_length(before).rfind(fold_keep_length(short))
        if at < 0:
            continue
        full = before[at:].strip()
        if len(full) > len(short) and len(full.split()) <= 20:
            found[fold(short)] = full
    return found


def expand_short_names(tasks: Iterable[Task], body_text: str) -> None:
    """Write out in full every lead or support unit named by a short name the document defined."""
    names = short_names(body_text)
    if not names:
        return
    for task in tasks:
        for units in (task.lead, task.support):
            for unit in units:
                full = names.get(fold(unit.name))
                if full is not None:
                    unit.name = full
