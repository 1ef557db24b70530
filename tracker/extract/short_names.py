"""Names a document shortens: "Ban Chỉ đạo về dữ liệu tỉnh X (sau đây gọi tắt là Ban Chỉ đạo)".

Later the document says only "Ban Chỉ đạo"; a task led by it is led by the body the
document named in full (roles.toml `short_name`). Only a short name the full name begins
with is taken ("(sau đây viết tắt là UBND)" after "Ủy ban nhân dân tỉnh" is an abbreviation,
which the unit resolver reads already).
"""
from __future__ import annotations

import re
from collections import Counter
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
        if len(full) > len(short) and len(full.split()) <= 20 and not _kind_only(short):
            found[fold(short)] = full
    return found


def _kind_only(short: str) -> bool:
    """A short name in common nouns only ("(sau đây gọi tắt là cơ quan, đơn vị)", "... là cá nhân"): the
    document then speaks of any unit of that kind, by the kind, and the gold keeps the words it writes."""
    from tracker.extract.unit_phrases import is_generic, is_staff

    return short[:1].islower() and (is_generic(short) or is_staff(short))


@rules.compiled
def _place_pattern() -> re.Pattern[str]:
    """A province or city and its capitalised name, the levels being unit_phrases.toml's
    `place_heads` (the scanner's own list, so the two never disagree)."""
    heads = rules.load("unit_phrases").strings("place_heads")
    levels = "|".join(f"[{h[0].upper()}{h[0].lower()}]{re.escape(h[1:])}" for h in heads)
    return re.compile(rf"\b(?P<level>{levels}) (?P<name>[A-ZĐ]\w*(?: [A-ZĐ]\w*){{0,3}})")


def place_names(text: str) -> dict[str, str]:
    """fold(level) → the place it means: "Tỉnh" alone (as a conclusion notice calls the province it
    is about) is the one the text names most, written "tỉnh Bắc Lam"; "Thành phố" likewise. A place
    named in full stays as written (the eval contract: units as the document names them; the
    resolver finds its people's committee)."""
    seen: dict[str, Counter[str]] = {}
    for m in _place_pattern().finditer(text):
        seen.setdefault(m.group("level").lower(), Counter())[m.group("name")] += 1
    return {fold(level): f"{level} {names.most_common(1)[0][0]}" for level, names in seen.items()}


def expand_short_names(tasks: Iterable[Task], body_text: str) -> None:
    """Write out in full every lead or support unit named by a short name the document defined,
    and the province or city a bare "Tỉnh" / "Thành phố" means."""
    names = short_names(body_text)
    places = place_names(body_text)
    for task in tasks:
        for units in (task.lead, task.support):
            for unit in units:
                key = fold(unit.name)
                full = names.get(key) or places.get(key)
                if full is not None:
                    unit.name = full
                unit.name = plain_name(unit.name)


@rules.compiled
def _honorific() -> re.Pattern[str]:
    """"(Các) đồng chí" before a post of unit_phrases.toml `honorific_posts`."""
    r = rules.load("unit_phrases")
    posts = "|".join(re.escape(p) for p in r.strings("honorific_posts"))
    return r.regex(rf"^(?:[Cc]ác )?(?:đ|Đ)ồng chí\s+(?=(?:{posts})\b)", "honorific_posts")


def plain_name(name: str) -> str:
    """The unit without the honorific before a post ("Các đồng chí Bộ trưởng" → "Bộ trưởng",
    "Đồng chí Bí thư Tỉnh ủy X" → "Bí thư Tỉnh ủy X"): who is addressed, not how politely. The
    post itself stays ("Bộ trưởng Bộ Công an" as written), and so does a comrade named by name
    ("đồng chí Lê Văn A – Trưởng thôn")."""
    return _honorific().sub("", name)
