"""Names as directives write them → units of the hierarchy, relative to the issuer.

How a name is read (rules in task_rules/units/):

1. Reduce it to words (vocab.py): role words off, abbreviations unified, folded.
   Vague names ("các cơ quan liên quan") stop here, unresolved by design.
2. Collective over a level: a plural marker or a list of level words
   ("UBND các xã, thị trấn", "UBND cấp huyện", "Công an các xã") → a group of
   every unit of that level under the issuer's unit one level up (or under the
   place named after the list: "... trên địa bàn huyện Nam Sách").
3. Otherwise match the whole name with rapidfuzz against names generated for
   the issuer's own chain (its commune, district, province: "Công an huyện",
   "Phòng Tư pháp", "UBND tỉnh", "Sở, ban, ngành tỉnh") and for places the name
   mentions ("Công an huyện Nam Sách", "VNPT Hưng Yên"). Word order does not
   matter (token_sort_ratio); the first word must agree; the best must clear
   a score and beat every other unit by a margin. Anything less stays free text.

A name without a level word belongs to the issuer's level when that level has
it ("Công an" in a commune directive is the commune's), else to the nearest
level above that does ("Sở Tư pháp" in a district directive is the province's).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from tracker.errors import TrackerError
from tracker.text import fold
from tracker.units.hierarchy import Hierarchy, Unit, get_hierarchy, split_id, structure_of
from tracker.units.vocab import LEVEL_NAMES, LEVELS, SEP, Template, Vocab


@dataclass
class Resolution:
    """What a name resolved to: a unit or group id, or None with the reason and near candidates."""

    name: str
    id: str | None = None
    group: bool = False
    confidence: float = 0.0
    candidates: list[str] = field(default_factory=list)
    reason: str = ""

    @property
    def resolved(self) -> bool:
        return self.id is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "id": self.id,
            "group": self.group,
            "confidence": round(self.confidence, 3),
            "candidates": list(self.candidates),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Mention:
    """A place a name mentions: tokens [start, end) name `unit`, its name written as `short`."""

    start: int
    end: int
    unit: Unit
    short: str  # folded, as written (a former name stays the former name)


@dataclass(frozen=True)
class _Target:
    id: str
    group: bool


@dataclass
class _Variants:
    """Generated names → the units they name, ready for rapidfuzz."""

    names: list[str] = field(default_factory=list)
    targets: list[list[_Target]] = field(default_factory=list)
    _pos: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, target: _Target) -> None:
        name = " ".join(name.split())
        if not name:
            return
        i = self._pos.get(name)
        if i is None:
            self._pos[name] = len(self.names)
            self.names.append(name)
            self.targets.append([target])
        elif target not in self.targets[i]:
            self.targets[i].append(target)

    def extend(self, other: _Variants) -> None:
        for name, targets in zip(other.names, other.targets):
            for t in targets:
                self.add(name, t)


class Resolver:
    """Resolves names for one hierarchy; caches what it builds per issuer."""

    def __init__(self, hierarchy: Hierarchy):
        self.h = hierarchy
        self.v: Vocab = hierarchy.vocab
        self._chain_cache: dict[str, _Variants] = {}
        self._alias_keys: dict[tuple[str, str, str], list[str]] = {}
        self._results: dict[tuple[str, str], Resolution] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------ entry point

    def resolve(self, name: str, issuer_id: str) -> Resolution:
        cached = self._results.get((issuer_id, name))
        if cached is not None:
            return Resolution(**{**cached.__dict__, "candidates": list(cached.candidates)})
        result = self._resolve(name, issuer_id)
        with self._lock:
            if len(self._results) > 50_000:
                self._results.clear()
            self._results[(issuer_id, name)] = result
        return result

    def _resolve(self, name: str, issuer_id: str) -> Resolution:
        issuer = self.h.get(issuer_id)
        home = self.h.admin_of(issuer_id)
        words = self.v.words(name)
        if not [w for w in words if w != SEP]:
            return Resolution(name, reason="tên trống")
        if self.v.is_vague(name):
            return Resolution(name, reason="tên chung chung, không chỉ đơn vị cụ thể nào")
        plural = self._plural(name, words, home, issuer)
        if plural is not None:
            return plural
        tokens = [w for w in self.v.strip_leading(words) if w != SEP]
        return self._match(name, " ".join(tokens), tokens, home, issuer)

    # ------------------------------------------------------------ collective names over a level

    def _plural(self, name: str, words: list[str], home: Unit, issuer: Unit) -> Resolution | None:
        """ "UBND các xã, thị trấn" → group; None when the name is not collective over a level."""
        found = self._level_run(words)
        if found is None:
            return None
        start, end, levels = found
        level = self._member_level(levels)
        if level is None:
            return Resolution(name, reason="tên tập thể trải trên nhiều cấp")
        if level not in self.h.levels:
            return Resolution(name, reason=f"cơ cấu {self.h.structure} không có cấp {LEVEL_NAMES.get(level, level)}")
        head = [w for w in self.v.strip_leading(words[:start]) if w != SEP]
        tail = [w for w in words[end:] if w != SEP]
        anchor = self._anchor(tail, home, level)
        if anchor is None:
            return Resolution(name, reason="tên tập thể: không rõ đơn vị thuộc nơi nào (" + " ".join(tail) + ")")
        if anchor.level == level:
            # "cấp tỉnh" over the province itself: one unit, not a group.
            return self._match(name, " ".join(head + [self.v.generic[level]]), head, anchor, issuer)
        if not head or head == ["ubnd"]:
            return Resolution(name, f"{anchor.id}#{level}", True, 1.0, reason="tập thể: mọi đơn vị của cấp này")
        tpl, score, near = self._best_template(" ".join(head), level)
        if tpl is None:
            return Resolution(name, candidates=near, reason="tên tập thể: không biết cơ quan nào của cấp này")
        return Resolution(name, f"{anchor.id}#{level}/{tpl.key}", True, score / 100, reason="tập thể: cơ quan đó của mọi đơn vị")

    def _level_run(self, words: list[str]) -> tuple[int, int, list[set[str]]] | None:
        """Where a list of level words makes the name collective: (start, end, levels of each word)."""
        n = len(words)
        for i in range(n):
            marker = words[i] in self.v.plural_markers
            j = i + 1 if marker else i
            levels: list[set[str]] = []
            while j < n:
                hit = self.v.type_at(words, j)
                if hit is None:
                    if levels and words[j] in self.v.joiners | self.v.plural_markers and self.v.type_at(words, j + 1):
                        j += 1
                        continue
                    break
                levels.append(hit[1])
                j += hit[0]
            if marker and levels:
                return i, j, levels
            # Without a marker only a list of one level is collective ("xã, phường, thị trấn");
            # "Cục Hải quan tỉnh" merely holds two level-like words.
            if len(levels) >= 2 and set.intersection(*levels):
                return i, j, levels
        return None

    def _member_level(self, levels: list[set[str]]) -> str | None:
        common = set.intersection(*levels)
        if not common:
            return None
        # "thành phố" alone names a province or a district; a collective one is districts.
        return max(common, key=LEVELS.index)

    def _anchor(self, tail: list[str], home: Unit, level: str) -> Unit | None:
        """Whose units a collective name means: a place named after it, else the issuer's unit above the level."""
        chain = self.h.path(home.id)
        above = [u for u in chain if LEVELS.index(u.level) < LEVELS.index(level)]
        if not tail:
            return above[-1] if above else None
        hit = self.v.type_at(tail, 0)
        if hit is not None and hit[0] == len(tail):
            matches = [u for u in above if u.level in hit[1]]
            return matches[-1] if matches else None
        places = self.places(tail, chain[0], typed_only=False, near=home)
        if len(places) == 1 and places[0].end == len(tail):
            unit = places[0].unit
            return unit if LEVELS.index(unit.level) < LEVELS.index(level) else None
        return None

    def _best_template(self, key: str, level: str) -> tuple[Template | None, float, list[str]]:
        """The agency (or named group) of a level that `key` names, from the templates alone."""
        from rapidfuzz import fuzz

        scored: dict[str, float] = {}
        for tpl in self.v.for_unit(level, self.h.structure):
            if tpl.own:
                continue
            for alias in self._template_keys(tpl, level, None):
                s = fuzz.token_sort_ratio(key, alias)
                if s < 100 and not (_same_head(key, alias) and _words_agree(key, alias, self.v.joiners)):
                    continue
                scored[tpl.key] = max(scored.get(tpl.key, 0.0), s)
        ranked = sorted(scored.items(), key=lambda kv: -kv[1])
        near = [k for k, s in ranked[:3] if s >= self.v.candidate_score]
        if not ranked or ranked[0][1] < self.v.min_score:
            return None, 0.0, near
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < self.v.min_margin:
            return None, 0.0, near
        return self.v.template(level, ranked[0][0]), ranked[0][1], near

    # ------------------------------------------------------------ one unit

    def _match(self, name: str, key: str, tokens: list[str], home: Unit, issuer: Unit) -> Resolution:
        from rapidfuzz import fuzz, process

        if not key:
            return Resolution(name, reason="tên trống")
        variants = _Variants()
        variants.extend(self._chain_variants(home, issuer))
        chain_ids = {u.id for u in self.h.path(home.id)}
        province = self.h.path(home.id)[0]
        for m in self.places(tokens, province, typed_only=False, near=home):
            written = m.short if m.short != fold(m.unit.short) else None
            if m.unit.id not in chain_ids or written:
                # A former name ("xã Ngọc Kỳ" for Kỳ Sơn) matches as written.
                self._unit_variants(variants, m.unit, in_chain=False, is_home=False, bare=set(), short=written)
        best: dict[_Target, float] = {}  # matches that may name the unit
        loose: dict[_Target, float] = {}  # anything close: offered to the clerk when nothing matches
        for text, score, i in process.extract(
            key, variants.names, scorer=fuzz.token_sort_ratio, limit=None, score_cutoff=self.v.candidate_score
        ):
            agree = score == 100 or (_same_head(key, text) and _words_agree(key, text, self.v.joiners))
            for target in variants.targets[i]:
                loose[target] = max(loose.get(target, 0.0), score)
                if agree:
                    best[target] = max(best.get(target, 0.0), score)
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        near = [t.id for t, _ in sorted(loose.items(), key=lambda kv: -kv[1])[:3]]
        if not ranked or ranked[0][1] < self.v.min_score:
            return Resolution(name, candidates=near, reason="không đơn vị nào đủ khớp")
        (target, score) = ranked[0]
        if len(ranked) > 1 and score - ranked[1][1] < self.v.min_margin:
            return Resolution(name, candidates=near, reason="chưa rõ: nhiều đơn vị cùng khớp")
        return Resolution(name, target.id, target.group, score / 100, reason="khớp")

    def _chain_variants(self, home: Unit, issuer: Unit) -> _Variants:
        """Names for the issuer's commune, district and province and what they have (cached per issuer)."""
        cache_key = issuer.id
        cached = self._chain_cache.get(cache_key)
        if cached is not None:
            return cached
        out = _Variants()
        chain = self.h.path(home.id)
        own_admin = issuer.is_admin
        below: set[str] = set()  # alias keys of levels nearer the issuer: not bare above them
        for depth in range(len(chain) - 1, -1, -1):
            unit = chain[depth]
            is_home = unit.id == home.id
            keys = self._unit_variants(out, unit, in_chain=True, is_home=is_home, bare=below, own=own_admin and is_home)
            below |= keys
        with self._lock:
            self._chain_cache[cache_key] = out
        return out

    def _unit_variants(
        self,
        out: _Variants,
        unit: Unit,
        *,
        in_chain: bool,
        is_home: bool,
        bare: set[str],
        own: bool = False,
        short: str | None = None,
    ) -> set[str]:
        """Add the names of a unit and its agencies; returns the alias keys used (for `bare`)."""
        t = fold(unit.type)
        g = self.v.generic[unit.level]
        s = short or fold(unit.short)
        named = unit.level != "commune"  # bare place names: provinces and districts only
        used: set[str] = set()

        def forms(alias: str, target: _Target, allow_bare: bool) -> None:
            if in_chain:
                out.add(f"{alias} {t}", target)
                out.add(f"{alias} {g}", target)
                if allow_bare:
                    out.add(alias, target)
            out.add(f"{alias} {t} {s}", target)
            if named:
                out.add(f"{alias} {s}", target)

        # The unit itself (its People's Committee).
        me = _Target(unit.id, False)
        forms("ubnd", me, is_home)
        out.add(f"{t} {s}", me)
        for tpl in self.v.for_unit(unit.level, self.h.structure, unit.type):
            if tpl.own and not own:
                continue
            target = _Target(f"{unit.id}#{tpl.key}" if tpl.is_group else f"{unit.id}/{tpl.key}", tpl.is_group)
            for alias in self._template_keys(tpl, unit.level, unit.type):
                forms(alias, target, is_home or alias not in bare)
                used.add(alias)
        return used

    def _template_keys(self, tpl: Template, level: str, unit_type: str | None) -> list[str]:
        cache_key = (level, tpl.key, unit_type or "")
        keys = self._alias_keys.get(cache_key)
        if keys is None:
            types = [unit_type] if unit_type else [t for (lv, t) in self.v.party if lv == level]
            keys = []
            for ut in types:
                for text in (tpl.name, *tpl.aliases):
                    k = self.v.key(self.v.render(text, level, ut))
                    if k and k not in keys:
                        keys.append(k)
            self._alias_keys[cache_key] = keys
        return keys

    # ------------------------------------------------------------ places named in a name

    def places(self, tokens: list[str], province: Unit | None, typed_only: bool, near: Unit | None = None) -> list[Mention]:
        """Administrative units a name mentions: (start, end, unit), typed ones ("huyện Nam Sách") or
        bare names of provinces and of the province's districts ("VNPT Hưng Yên"). Districts and
        communes only within `province` (None: provinces only)."""
        found: list[tuple[int, int, Unit]] = []
        n = len(tokens)
        i = 0
        while i < n:
            hit = self.v.type_at(tokens, i)
            match = None
            if hit is not None:
                match = self._typed_place(tokens, i, hit[0], hit[1], province, near)
            if match is None and not typed_only:
                match = self._bare_place(tokens, i, province)
            if match is not None:
                found.append(match)
                i = match.end
            else:
                i += 1
        return found

    def typed_units(self, type_tokens: list[str], name_key: str, levels: set[str]) -> list[Unit]:
        """Units of `levels` called `name_key` whose type is the type word given ("thi xa" + "myhao").

        Former names count with the type they had ("huyenmyhao"). The type must
        agree: "xã Kỳ Sơn" is no "phường Kỳ Sơn".
        """
        type_key = "".join(type_tokens)
        typed = set(self.h.places(type_key + name_key))
        out: list[Unit] = []
        for uid in self.h.places(name_key) + sorted(typed - set(self.h.places(name_key))):
            u = self.h.get(uid)
            if u.level in levels and (uid in typed or fold(u.type).replace(" ", "") == type_key):
                out.append(u)
        return out

    def _typed_place(
        self, tokens: list[str], i: int, tlen: int, levels: set[str], province: Unit | None, near: Unit | None
    ) -> Mention | None:
        nearer = [u for u in self.h.path(near.id)[1:]] if near is not None else []
        for k in range(min(5, len(tokens) - i - tlen), 0, -1):
            name_key = "".join(tokens[i + tlen : i + tlen + k])
            units = [
                u
                for u in self.typed_units(tokens[i : i + tlen], name_key, levels)
                if u.level == "province" or (province is not None and u.id.startswith(province.id + "."))
            ]
            for scope in reversed(nearer):
                if len(units) < 2:
                    break
                inside = [u for u in units if u.id.startswith(scope.id + ".")]
                if len(inside) == 1:
                    units = inside
            if len(units) == 1:
                return Mention(i, i + tlen + k, units[0], " ".join(tokens[i + tlen : i + tlen + k]))
        return None

    def _bare_place(self, tokens: list[str], i: int, province: Unit | None):
        for k in range(min(5, len(tokens) - i), 0, -1):
            units = []
            for uid in self.h.places("".join(tokens[i : i + k])):
                u = self.h.get(uid)
                if u.level == "province" or (u.level == "district" and province and uid.startswith(province.id + ".")):
                    units.append(u)
            if len(units) == 1 and (k > 1 or units[0].level == "province"):
                return Mention(i, i + k, units[0], " ".join(tokens[i : i + k]))
        return None


def _same_head(key: str, alias: str) -> bool:
    """The first words agree: "Bộ Tư pháp" is no "Sở Tư pháp", however close the letters."""
    return key.split(" ", 1)[0] == alias.split(" ", 1)[0]


def _words_agree(key: str, alias: str, skip: set[str]) -> bool:
    """Every word of each has a counterpart in the other: a typo within a word passes
    ("chánh"/"chính"), another word does not ("Sở Ngoại vụ" is no "Sở Nội vụ", though
    the letters score 90). Short words must be equal; joiners ("và") may be missing."""
    from rapidfuzz import fuzz

    a = [w for w in key.split() if w not in skip]
    b = [w for w in alias.split() if w not in skip]

    def same(x: str, y: str) -> bool:
        return x == y or (min(len(x), len(y)) >= _MIN_FUZZY_WORD and fuzz.ratio(x, y) >= _WORD_SCORE)

    return all(any(same(x, y) for y in b) for x in a) and all(any(same(y, x) for x in a) for y in b)


_MIN_FUZZY_WORD = 4  # shorter words ("sở", "bộ", "vụ", "xã") only match exactly
_WORD_SCORE = 80


_resolvers: dict[int, Resolver] = {}
_resolvers_lock = threading.Lock()


def resolver_for(hierarchy: Hierarchy) -> Resolver:
    r = _resolvers.get(id(hierarchy))
    if r is None or r.h is not hierarchy:
        with _resolvers_lock:
            r = _resolvers[id(hierarchy)] = Resolver(hierarchy)
    return r


def resolve_name(name: str, issuer_id: str, hierarchy: Hierarchy | None = None) -> Resolution:
    """Resolve a unit name as written, relative to the issuing unit `issuer_id`.

    Never raises on a name: one that does not resolve with confidence comes
    back with `id=None`, a reason and the nearest candidates. An issuer id
    that names no unit raises `UnknownUnit` (a caller's mistake).
    """
    h = hierarchy or get_hierarchy(structure_of(issuer_id))
    try:
        return resolver_for(h).resolve(name, issuer_id)
    except TrackerError:
        raise
    except Exception as exc:  # a bug must not lose the directive: leave the name for the clerk
        return Resolution(name, reason=f"lỗi nội bộ: {type(exc).__name__}: {exc}")


__all__ = ["Mention", "Resolution", "Resolver", "resolve_name", "resolver_for", "split_id"]
