"""Which unit issued a directive, from its header (and body when the header is short of it).

"UBND huyện Tứ Kỳ" names one district in the country; "UBND xã Kỳ Sơn" under
"UBND HUYỆN TỨ KỲ" one commune of it; "SỞ TƯ PHÁP" under "UBND TỈNH HẢI
DƯƠNG" an agency of that province. A header that leaves the issuer out or
half out ("UBND xã", place line "An Sơn") is narrowed by the place line, the
level its words give, and the places the body mentions ("huyện Nam Sách",
"của UBND huyện Tứ Kỳ"); when more than one unit is left, the candidates come
back for the clerk to choose from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tracker.model import Header
from tracker.text import fold
from tracker.units.hierarchy import Hierarchy, Unit, get_hierarchy
from tracker.units.in_force import structure_in_force
from tracker.units.resolve import resolver_for
from tracker.units.vocab import LEVELS, SEP

MAX_CANDIDATES = 20


@dataclass
class IssuerResolution:
    id: str | None
    candidates: list[str] = field(default_factory=list)
    confidence: float = 0.0
    reason: str = ""
    structure: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "candidates": list(self.candidates),
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
            "structure": self.structure,
        }


class _Reader:
    def __init__(self, h: Hierarchy):
        self.h = h
        self.r = resolver_for(h)
        self.v = h.vocab

    def words(self, text: str | None) -> list[str]:
        return [w for w in self.v.strip_leading(self.v.words(text or "")) if w != SEP]

    def admin_named(self, words: list[str], scope: Unit | None) -> tuple[list[Unit], set[str]]:
        """Administrative units a header line names: ("UBND") type word + name. Also the levels its
        type word allows, for a line without a name ("UBND xã")."""
        body = words[1:] if words[:1] in (["ubnd"], ["hdnd"]) else words
        hit = self.v.type_at(body, 0) if body else None
        if hit is None:
            return [], set()
        tlen, levels = hit
        rest = body[tlen:]
        if not rest:
            return [], set(levels)
        found = self.r.typed_units(body[:tlen], "".join(rest), levels)
        units = [u for u in found if scope is None or (_under(u, scope) and u.id != scope.id)]
        return units, set(levels)

    def by_place_line(self, place: str | None) -> list[Unit]:
        words = self.words(place)
        hit = self.v.type_at(words, 0) if words else None
        if hit is not None and hit[0] < len(words):
            words = words[hit[0] :]
        return [self.h.get(u) for u in self.h.places("".join(words))] if words else []


def _under(unit: Unit, scope: Unit) -> bool:
    return unit.id == scope.id or unit.id.startswith(scope.id + ".")


def _mentions(h: Hierarchy, unit: Unit, body: str) -> int:
    """How many of the unit's ancestors (and itself) the folded body names with their type word."""
    count = 0
    for u in h.path(unit.id):
        names = {f"{fold(u.type)} {fold(u.short)}"}
        if u.level in ("district", "commune"):
            names.add(f"{h.vocab.generic[u.level]} {fold(u.short)}")
        if any(_word_in(n, body) for n in names):
            count += 1
    return count


def _word_in(needle: str, hay: str) -> bool:
    start = hay.find(needle)
    while start >= 0:
        end = start + len(needle)
        if (start == 0 or not hay[start - 1].isalnum()) and (end == len(hay) or not hay[end].isalnum()):
            return True
        start = hay.find(needle, start + 1)
    return False


def areas_in(area_ids: list[str], structure: str) -> list[str]:
    """Areas (unit ids of either structure) as administrative units of `structure`, in order, each once.

    A 2025 province in a 2022 document is the provinces it took over; a 2022 one in a 2025 document its successor.
    """
    from tracker.units.hierarchy import structure_of, split_id
    from tracker.units.succession import get_succession

    out: list[str] = []
    for area in area_ids:
        if not area:
            continue
        admin = split_id(area)[0]
        try:
            own = structure_of(admin)
        except Exception:
            continue
        if own == structure:
            found = [admin]
        elif own == "2022":
            found = get_succession().successors(admin)[:1]
        else:
            found = get_succession().predecessors(admin)
        out.extend(f for f in found if f not in out)
    return out


def issuer_display_name(unit: Unit) -> str:
    """How a header names a unit as issuer: an administrative unit by its People's Committee
    ("UBND xã Kỳ Sơn"), anything else by its own name."""
    if unit.is_admin and unit.short:
        return f"UBND {unit.type.lower()} {unit.short}"
    return unit.name


def name_resolved_issuer(header: Header, unit_id: str, confidence: float) -> None:
    """A resolved issuer always carries its name and level: a header that lost the issuer,
    or named it without its place ("UBND xã", a place line "An Sơn"), takes the unit's."""
    from tracker.structure.header import names_a_place
    from tracker.units.hierarchy import structure_of

    try:
        unit = get_hierarchy(structure_of(unit_id)).get(unit_id)
    except Exception:
        return
    if header.level == "central":
        return  # a central body is not a unit of the local hierarchy: keep the header's name and level
    named = header.issuer
    if not named or fold(named).startswith(("ubnd", "uy ban nhan dan")):
        named = issuer_display_name(unit) if not named or not names_a_place(named) else named
    elif not names_a_place(named) and unit.is_admin and unit.short:
        named = f"{named} {unit.type.lower()} {unit.short}"  # "Ban Thường trực" of the commune found
    if named != header.issuer:
        header.issuer = named
        header.confidence["issuer"] = max(header.confidence.get("issuer", 0.0), confidence)
    if unit.level and header.level != unit.level and (header.level is None or header.confidence.get("level", 1.0) < 0.9):
        header.level = unit.level
        header.confidence["level"] = max(header.confidence.get("level", 0.0), confidence)


def resolve_issuer(
    header: Header, body_text: str = "", structure: str | None = None, prefer: list[str] | None = None
) -> IssuerResolution:
    """The unit that issued a directive: an id, or None with the candidates left and why.

    `structure` defaults to the one in force for the header (its date, else
    what its lines name, else `TRACKER_STRUCTURE`, else today's: in_force.py).
    `body_text` is the directive's text (the preamble and the references are
    what help). `prefer`: areas (ids of either structure) that settle a name
    several units bear, in order (the cited directive's province, the clerk's
    home commune and province), when the text itself does not.
    """
    structure = structure or structure_in_force(header).structure
    if header.level == "central":
        # A ministry or the Government: no unit of the local hierarchy, whatever its place line says.
        return IssuerResolution(None, [], 0.0, "cơ quan trung ương: ngoài cây đơn vị địa phương", structure)
    h = get_hierarchy(structure)
    areas = areas_in(prefer or [], structure)
    rd = _Reader(h)

    def done(unit: Unit, confidence: float, reason: str) -> IssuerResolution:
        return IssuerResolution(unit.id, [], confidence, reason, structure)

    # The line above the issuer ("UBND HUYỆN TỨ KỲ" over "UBND XÃ KỲ SƠN").
    parent: Unit | None = None
    if header.issuer_parent:
        found, _ = rd.admin_named(rd.words(header.issuer_parent), None)
        if len(found) == 1:
            parent = found[0]

    words = rd.words(header.issuer)
    found, levels = rd.admin_named(words, parent)
    if len(found) == 1:
        return done(found[0], 1.0, "tên cơ quan ban hành chỉ một đơn vị" + (" dưới dòng trên nó" if parent else ""))
    if not found and words and not levels and parent is not None:
        # An agency under its parent: "SỞ TƯ PHÁP" under "UBND TỈNH HẢI DƯƠNG".
        res = rd.r.resolve(header.issuer or "", parent.id)
        if res.id and not res.group:
            return done(h.get(res.id), res.confidence, "cơ quan của đơn vị ở dòng trên")
    if not found and words and not levels and parent is None:
        # An agency naming its place: "SỞ TƯ PHÁP TỈNH HẢI DƯƠNG".
        for m in rd.r.places(words, None, typed_only=True):
            if m.start == 0:
                continue
            res = rd.r.resolve(header.issuer or "", m.unit.id)
            if res.id and not res.group:
                return done(h.get(res.id), res.confidence, "cơ quan của địa danh được nêu")
    if header.level in LEVELS and not levels:
        levels = {header.level}

    # What is left: the units the issuer line allows, or those the place line names.
    candidates = found
    if not candidates:
        candidates = [u for u in rd.by_place_line(header.place) if not levels or u.level in levels]
        if parent is not None:
            candidates = [u for u in candidates if _under(u, parent) and u.id != parent.id]
        reason = "theo dòng địa danh"
    else:
        reason = "tên cơ quan ban hành chỉ nhiều đơn vị"
    if not candidates and parent is not None and levels:
        candidates = [h.get(u) for lv in levels if lv in h.levels and LEVELS.index(lv) > LEVELS.index(parent.level) for u in h.descendants(parent.id, lv)]
        reason = "một đơn vị dưới dòng trên"
    if len(candidates) == 1:
        return done(candidates[0], 0.9, reason)
    if len(candidates) > 1:
        body = fold(" ".join(x for x in (body_text, header.subject or "", header.parent or "", header.issuer or "", header.issuer_parent or "") if x))
        scored = [(_mentions(h, u, body), u) for u in candidates]
        top = max(s for s, _ in scored)
        best = [u for s, u in scored if s == top]
        if top > 0 and len(best) == 1:
            return done(best[0], 0.8, reason + ", thu hẹp theo các địa danh văn bản nêu")
        candidates = best if top > 0 else candidates
        for area in areas:
            inside = [u for u in candidates if u.id.startswith(area + ".") or u.id.startswith(area + "/")]
            if len(inside) == 1:
                return done(inside[0], 0.75, reason + f", đơn vị ở {h.get(area).name}")
            if inside:
                candidates = inside
        return IssuerResolution(None, [u.id for u in candidates[:MAX_CANDIDATES]], 0.0, f"{len(candidates)} candidates: ask the clerk", structure)
    return IssuerResolution(None, [], 0.0, "phần đầu văn bản không nêu đơn vị nào đã biết", structure)
