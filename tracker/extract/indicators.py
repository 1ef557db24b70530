"""The Decision 766 indicators a task advances, from the catalogue in `task_rules/indicators/766.toml`.

`load_catalogue()` gives the 21 indicators in their groups; `link_indicators(text)`
the ids a task's text moves; `match_indicator_name(text)` the indicator an
appendix row names. Mechanism only: names, points and keywords are data.

The text is cut into words by `tracker.words.segment` (longest match on the
Viet74K dictionary that ships with underthesea; its CRF `word_tokenize` is not
used: same scores on the samples and the corpus, seven times slower, see
bench/underthesea_vs_ours.py), each word folded into its syllables. Keywords
are syllable sequences matched exactly, or fuzzily (rapidfuzz) when long enough
to survive OCR noise; "~" in a keyword spans filler words. Segmentation keeps a
keyword from starting or ending inside another word ("dân cư" in "người dân
cư trú"); without the dictionary every syllable is its own word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from tracker import rules
from tracker.errors import RulesError
from tracker.text import fold, normalize

CATALOGUE = "indicators/766"

# ---------------------------------------------------------------- catalogue


@dataclass(frozen=True)
class Group:
    id: int
    code: str  # "I" .. "V"
    name: str
    points: float
    indicators: tuple[int, ...] = ()


@dataclass(frozen=True)
class Subgroup:
    group: int
    name: str
    indicators: tuple[int, ...]


@dataclass(frozen=True)
class Indicator:
    id: int
    code: str  # "01" .. "21"
    name: str
    group: int
    group_name: str
    points: float
    subgroup: str | None = None


@dataclass(frozen=True)
class Catalogue:
    code: str
    decision: str
    title: str
    total_points: float
    indicators: tuple[Indicator, ...]
    groups: tuple[Group, ...]
    subgroups: tuple[Subgroup, ...] = ()

    def indicator(self, id: int) -> Indicator:
        return self.indicators[id - 1]

    def group(self, id: int) -> Group:
        return next(g for g in self.groups if g.id == id)


# ---------------------------------------------------------------- matcher

_BARRIER = frozenset(";.:!?()[]")  # a "~" never spans these
_PUNCT = re.compile(r"^[^\w%]+$")


@dataclass
class _Keyword:
    ids: frozenset[int]
    terms: tuple[tuple[str, ...], ...]  # folded syllables, parts split at "~"
    text: str
    not_after: tuple[tuple[str, ...], ...] = ()
    not_before: tuple[tuple[str, ...], ...] = ()  # phrases that, right after the keyword, make it another work
    context_before: tuple[tuple[str, ...], ...] = ()  # phrases that, earlier in its clause, make it context
    requires: tuple[tuple[str, ...], ...] = ()  # the task must hold one of these as well, or
    opens_with: tuple[tuple[str, ...], ...] = ()  # ... open with one of these


@dataclass
class _Matcher:
    keywords: list[_Keyword]
    by_syllable: dict[str, list[int]]  # first/last syllable of a keyword's first part → keywords
    filler: list[tuple[str, ...]]
    max_gap: int
    not_after_window: int
    whole_index: list[tuple[str, ...]]
    whole_index_min_groups: int
    group_of: dict[int, int]
    abbreviations: dict[str, tuple[str, ...]]  # folded abbreviation → folded syllables
    fuzzy_score: float
    fuzzy_min_length: int
    fuzzy_syllable: float
    name_score: float
    name_head_min: int
    name_head_share: float
    names: list[tuple[int, str]] = field(default_factory=list)  # (id, folded name key)
    domain: list[_Keyword] = field(default_factory=list)  # a task must hold one before any keyword counts
    exclude: list[tuple[str, ...]] = field(default_factory=list)  # phrases masked before matching
    # The document gate: a document whose subject holds no domain or topic phrase (nor the
    # catalogue's own decision number) and where at most `document_max_links` tasks link, links none.
    topics: list[_Keyword] = field(default_factory=list)
    document_max_links: int = 0
    decision: str = ""
    confidence: dict[str, float] = field(default_factory=dict)  # how the links were found → how sure


@dataclass(frozen=True)
class _At:
    """An entry of the rules file: its name in messages and the needles that find its line."""

    label: str
    needles: tuple[str, ...]

    def error(self, rf: rules.RuleFile, message: str, *more: str) -> RulesError:
        return rf.error(f"{self.label}: {message}", *self.needles, *more)

    def number(self, rf: rules.RuleFile, table: dict, key: str) -> float:
        value = table.get(key)
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise self.error(rf, f"'{key}' phải là một số, không phải {value!r}", key)
        return float(value)

    def strings(self, rf: rules.RuleFile, table: dict, key: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(rf, f"'{key}' phải là danh sách chuỗi", key)
        return value


def _catalogue(rf: rules.RuleFile) -> Catalogue:
    """The catalogue, checked: ids in order, known groups, points that add up."""
    head = rf.get("catalogue", dict)
    group_names: dict[int, tuple[str, str, float]] = {}
    for g in rf.get("group", list):
        gid = g.get("id")
        at = _At(f"nhóm {gid}", ("[[group]]", f"id = {gid}"))
        if not isinstance(gid, int) or gid in group_names or not isinstance(g.get("name"), str):
            raise at.error(rf, "mỗi [[group]] cần một id là số nguyên chưa dùng và một name")
        group_names[gid] = (str(g.get("code", gid)), g["name"], at.number(rf, g, "points"))

    sub_of: dict[int, str] = {}
    subgroups = []
    for s in rf.get("subgroup", list, []):
        at = _At(f"nhóm con {s.get('name')!r}", ("[[subgroup]]", str(s.get("name", ""))))
        if s.get("group") not in group_names or not isinstance(s.get("name"), str):
            raise at.error(rf, "mỗi [[subgroup]] cần một group đã có và một name")
        members = s.get("indicators", [])
        if not isinstance(members, list) or not all(isinstance(i, int) for i in members):
            raise at.error(rf, "'indicators' phải là danh sách id chỉ tiêu", "indicators")
        subgroups.append(Subgroup(s["group"], s["name"], tuple(members)))
        sub_of.update((i, s["name"]) for i in members)

    indicators = []
    for n, ind in enumerate(rf.get("indicator", list), start=1):
        iid = ind.get("id")
        at = _At(f"chỉ tiêu {iid}", ("[[indicator]]", f"id = {iid}"))
        if iid != n:
            raise at.error(rf, f"chỉ tiêu phải đánh số 1, 2, 3 ... theo thứ tự: cần id {n}, gặp {iid!r}")
        gid = ind.get("group")
        if gid not in group_names:
            raise at.error(rf, f"nhóm {gid!r} không có", "group")
        if not isinstance(ind.get("name"), str):
            raise at.error(rf, "thiếu name")
        points = at.number(rf, ind, "points")
        indicators.append(Indicator(iid, f"{iid:02d}", ind["name"], gid, group_names[gid][1], points, sub_of.get(iid)))
    for s in subgroups:
        for i in s.indicators:
            if not 1 <= i <= len(indicators) or indicators[i - 1].group != s.group:
                raise _At(f"nhóm con {s.name!r}", ("[[subgroup]]", s.name)).error(rf, f"chỉ tiêu {i} không thuộc nhóm {s.group}")

    groups = []
    for gid, (code, name, points) in group_names.items():
        members = tuple(i.id for i in indicators if i.group == gid)
        total = sum(indicators[i - 1].points for i in members)
        if abs(total - points) > 1e-9:
            at = _At(f"nhóm {gid} '{name}'", ("[[group]]", f"id = {gid}", "points"))
            raise at.error(rf, f"có {points:g} điểm nhưng các chỉ tiêu của nó cộng lại {total:g}")
        groups.append(Group(gid, code, name, points, members))
    total_points = _At("danh mục", ("[catalogue]",)).number(rf, head, "total_points")
    if abs(sum(g.points for g in groups) - total_points) > 1e-9:
        raise rf.error(f"các nhóm cộng lại {sum(g.points for g in groups):g} điểm, không phải {total_points:g}", "total_points")
    return Catalogue(
        code=str(head.get("code", "766")),
        decision=str(head.get("decision", "")),
        title=str(head.get("title", "")),
        total_points=total_points,
        indicators=tuple(indicators),
        groups=tuple(groups),
        subgroups=tuple(subgroups),
    )


def _matcher(rf: rules.RuleFile, cat: Catalogue) -> _Matcher:
    """Keywords of indicators, sub-groups and groups, compiled to syllables."""
    abbreviations = {}
    for abbr, full in rf.get("match.abbreviations", dict, {}).items():
        if not isinstance(full, str):
            raise rf.error(f"từ viết tắt '{abbr}' phải ứng với một chuỗi", abbr)
        abbreviations[fold(abbr)] = tuple(_syllables(full, {}))

    def phrase(p: str, at: _At) -> tuple[str, ...]:
        syl = tuple(_syllables(p, abbreviations))
        if not syl:
            raise at.error(rf, f"cụm từ rỗng trong {p!r}", p)
        return syl

    def keywords(table: dict, ids: frozenset[int], at: _At) -> list[_Keyword]:
        not_after = tuple(phrase(p, at) for p in at.strings(rf, table, "not_after"))
        not_before = tuple(phrase(p, at) for p in at.strings(rf, table, "not_before"))
        context = tuple(phrase(p, at) for p in at.strings(rf, table, "context_before"))
        requires = tuple(phrase(p, at) for p in at.strings(rf, table, "requires"))
        opens = tuple(phrase(p, at) for p in at.strings(rf, table, "opens_with"))
        return [
            _Keyword(ids, tuple(phrase(part, at) for part in text.split("~")), text, not_after, not_before, context,
                     requires, opens)
            for text in at.strings(rf, table, "keywords")
        ]

    found: list[_Keyword] = []
    for ind, raw in zip(cat.indicators, rf.get("indicator", list)):
        found += keywords(raw, frozenset({ind.id}), _At(f"chỉ tiêu {ind.id}", ("[[indicator]]", f"id = {ind.id}")))
    for sub, raw in zip(cat.subgroups, rf.get("subgroup", list, [])):
        found += keywords(raw, frozenset(sub.indicators), _At(f"nhóm con {sub.name!r}", ("[[subgroup]]", sub.name)))
    for grp, raw in zip(cat.groups, rf.get("group", list)):
        found += keywords(raw, frozenset(grp.indicators), _At(f"nhóm {grp.id}", ("[[group]]", f"id = {grp.id}")))
    for raw in rf.get("link", list, []):
        ids = raw.get("indicators")
        at = _At(f"liên kết {ids}", ("[[link]]",))
        if not isinstance(ids, list) or not ids or not all(isinstance(i, int) and 1 <= i <= len(cat.indicators) for i in ids):
            raise at.error(rf, "mỗi [[link]] cần 'indicators', danh sách id chỉ tiêu", "indicators")
        found += keywords(raw, frozenset(ids), at)

    by_syllable: dict[str, list[int]] = {}
    for n, kw in enumerate(found):
        for s in {kw.terms[0][0], kw.terms[0][-1]}:
            by_syllable.setdefault(s, []).append(n)
    match = _At("match", ("[match]",))
    matcher = _Matcher(
        keywords=found,
        by_syllable=by_syllable,
        filler=sorted((phrase(p, match) for p in rf.strings("match.filler", [])), key=len, reverse=True),
        max_gap=int(rf.get("match.max_gap", int, 6)),
        not_after_window=int(rf.get("match.not_after_window", int, 6)),
        whole_index=[phrase(p, match) for p in rf.strings("match.whole_index", [])],
        whole_index_min_groups=int(rf.get("match.whole_index_min_groups", int, 4)),
        group_of={i.id: i.group for i in cat.indicators},
        abbreviations=abbreviations,
        fuzzy_score=float(rf.get("match.fuzzy_score", (int, float), 88)),
        fuzzy_min_length=int(rf.get("match.fuzzy_min_length", int, 8)),
        fuzzy_syllable=float(rf.get("match.fuzzy_syllable", (int, float), 60)),
        name_score=float(rf.get("match.name_score", (int, float), 85)),
        name_head_min=int(rf.get("match.name_head_min", int, 25)),
        name_head_share=float(rf.get("match.name_head_share", (int, float), 0.3)),
    )
    matcher.names = [(i.id, _name_key(i.name, matcher)) for i in cat.indicators]
    gate = _At("gate", ("[gate]",))
    matcher.domain = [_Keyword(frozenset(), tuple(phrase(part, gate) for part in text.split("~")), text)
                      for text in rf.strings("gate.domain", [])]
    matcher.exclude = [phrase(p, gate) for p in rf.strings("gate.exclude", [])]
    matcher.topics = [_Keyword(frozenset(), tuple(phrase(part, gate) for part in text.split("~")), text)
                      for text in rf.strings("gate.document_topics", [])]
    matcher.document_max_links = int(rf.get("gate.document_max_links", int, 0))
    matcher.decision = fold(cat.decision.split("/")[0])  # "766"
    for how, value in rf.get("confidence", dict, {}).items():
        if how not in HOWS:
            raise rf.error(f"'confidence.{how}' không phải một cách liên kết (các cách: {', '.join(HOWS)})", how)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
            raise rf.error(f"'confidence.{how}' phải là một số từ 0 đến 1, không phải {value!r}", how)
        matcher.confidence[how] = float(value)
    return matcher


@lru_cache(maxsize=1)
def _load() -> tuple[Catalogue, _Matcher]:
    rf = rules.load(CATALOGUE)
    catalogue = _catalogue(rf)
    return catalogue, _matcher(rf, catalogue)


def load_catalogue() -> Catalogue:
    """The Decision 766 catalogue: 21 indicators in 5 groups, 100 points."""
    return _load()[0]


def clear_cache() -> None:
    """Forget the loaded catalogue and cached texts (tests that swap rules)."""
    _load.cache_clear()
    _tokens.cache_clear()


rules.on_clear(clear_cache)


# ---------------------------------------------------------------- words


@lru_cache(maxsize=1)
def _segmenter():
    """Dictionary word segmentation (tracker.words: underthesea's own dictionary,
    without the 1.5 s load of its CRF model), or None when it cannot load
    (matching then uses syllables)."""
    try:
        from tracker.words import dictionary, segment

        return segment if dictionary() else None
    except Exception:  # any failure of an optional helper: fall back, never stop the parse
        return None


# "%" is a word of its own ("100%" is "100", "%"), as the dictionary segmenter cuts it: a
# phrase and a text are cut alike, with or without the dictionary.
_SPLIT = re.compile(r"\w+|%|[^\w\s]")


def _syllables(phrase: str, abbreviations: dict[str, tuple[str, ...]]) -> list[str]:
    """A phrase as folded syllables, abbreviations spelled out (no segmentation needed)."""
    out: list[str] = []
    for tok in _SPLIT.findall(normalize(phrase)):
        key = fold(tok)
        out.extend(abbreviations.get(key, (key,)))
    return out


def _abbreviation(word: str, m: _Matcher) -> tuple[str, ...] | None:
    key = fold(word)
    if key in m.abbreviations:
        return m.abbreviations[key]
    if len(word) >= 4 and word.isupper() and word.isalpha():
        # An OCR slip in an abbreviation ("TTTHC" for "TTHC").
        from rapidfuzz import fuzz, process

        hit = process.extractOne(key, list(m.abbreviations), scorer=fuzz.ratio, score_cutoff=m.fuzzy_score)
        if hit:
            return m.abbreviations[hit[0]]
    return None


@dataclass
class _Tokens:
    syl: list[str]
    starts: set[int]  # syllable indices that begin a word
    ends: set[int]  # syllable indices one past a word's end
    index: dict[str, list[int]]


@lru_cache(maxsize=4096)
def _tokens(text: str) -> _Tokens:
    m = _load()[1]
    text = normalize(text)
    seg = _segmenter()
    words: list[str] = []
    if seg is not None:
        try:
            words = seg(text)
        except Exception:  # a text the segmenter chokes on: fall back to syllables
            words = []
    if not words:
        words = _SPLIT.findall(text)
    syl: list[str] = []
    starts: set[int] = set()
    ends: set[int] = set()
    for word in words:
        parts = _SPLIT.findall(word)
        # "9/2022", "HĐND&UBND": punctuation inside a token splits it into words.
        pieces = [parts] if all(p.isalnum() or p.endswith("%") for p in parts) else [[p] for p in parts]
        for piece in pieces:
            starts.add(len(syl))
            for part in piece:
                expanded = _abbreviation(part, m)
                if expanded:
                    # The dictionary may glue an abbreviation to its neighbours
                    # ("TTHC điện tử"): it is a word of its own.
                    starts.add(len(syl))
                    ends.add(len(syl))
                    syl.extend(expanded)
                    starts.add(len(syl))
                    ends.add(len(syl))
                else:
                    syl.append(fold(part))
            ends.add(len(syl))
    starts.discard(len(syl))
    ends.discard(0)
    index: dict[str, list[int]] = {}
    for i, s in enumerate(syl):
        index.setdefault(s, []).append(i)
    return _Tokens(syl, starts, ends, index)


# ---------------------------------------------------------------- matching


def _part_at(part: tuple[str, ...], t: _Tokens, pos: int, m: _Matcher) -> bool:
    """Does a keyword part start at `pos`, exactly or through OCR noise?"""
    n = len(part)
    window = t.syl[pos : pos + n]
    if len(window) < n:
        return False
    if tuple(window) == part:
        return True
    joined = "".join(part)
    if len(joined) < m.fuzzy_min_length or sum(a == b for a, b in zip(window, part)) * 2 < n:
        return False
    if any(w in _BARRIER or _PUNCT.match(w) for w in window):
        return False
    from rapidfuzz import fuzz

    # OCR noise changes a letter or two of a syllable, never a syllable for
    # another word ("đề tạo" is no misread of "điện tử").
    if any(a != b and fuzz.ratio(a, b) < m.fuzzy_syllable for a, b in zip(window, part)):
        return False
    return fuzz.ratio("".join(window), joined) >= m.fuzzy_score


def _filler_at(t: _Tokens, pos: int, m: _Matcher) -> int:
    for f in m.filler:
        if tuple(t.syl[pos : pos + len(f)]) == f:
            return len(f)
    return 0


def _match_from(kw: _Keyword, t: _Tokens, start: int, m: _Matcher) -> tuple[int, frozenset[int]] | None:
    """End of `kw` matched from `start` and the syllables its parts cover (not the fillers), or None."""
    if start not in t.starts or not _part_at(kw.terms[0], t, start, m):
        return None
    pos = start + len(kw.terms[0])
    covered = set(range(start, pos))
    for part in kw.terms[1:]:
        gaps = 0
        while not _part_at(part, t, pos, m):
            n = _filler_at(t, pos, m)
            if not n:
                return None
            gaps += t.syl[pos] != ","
            if gaps > m.max_gap:
                return None
            pos += n
        covered.update(range(pos, pos + len(part)))
        pos += len(part)
    return (pos, frozenset(covered)) if pos in t.ends else None


def _preceded_by(t: _Tokens, start: int, phrases: tuple[tuple[str, ...], ...], window: int) -> bool:
    return _phrase_between(t, max(0, start - window * 2), start, phrases)  # words of one or two syllables


def _phrase_between(t: _Tokens, lo: int, end: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Does one of `phrases` lie wholly within syllables lo..end?"""
    for p in phrases:
        n = len(p)
        for i in range(lo, end - n + 1):
            if tuple(t.syl[i : i + n]) == p:
                return True
    return False


_CLAUSE_MARKS = frozenset(";.:!?")


def _in_clause_before(t: _Tokens, start: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Does one of `phrases` stand before `start` in its clause (since the last ";", ".", ":")?
    "... phục vụ cắt giảm thủ tục hành chính, cung cấp dịch vụ công trực tuyến": the service is
    what the work serves, not the work."""
    lo = start
    while lo > 0 and t.syl[lo - 1] not in _CLAUSE_MARKS:
        lo -= 1
    return _phrase_between(t, lo, start, phrases)


def _hits(t: _Tokens, m: _Matcher) -> list[frozenset[int]]:
    """The indicator ids of every keyword found, the less specific ones dropped."""
    found: dict[tuple[int, int], frozenset[int]] = {}  # (start, keyword) → covered syllables
    for s in set(t.syl):
        for k in m.by_syllable.get(s, ()):
            kw = m.keywords[k]
            if kw.requires and not (any(_contains(t, p) for p in kw.requires) or _opens_with(t, kw.opens_with)):
                continue
            for i in t.index[s]:
                for start in {i, i - len(kw.terms[0]) + 1}:
                    if start < 0 or (start, k) in found:
                        continue
                    hit = _match_from(kw, t, start, m)
                    if hit is None:
                        continue
                    if kw.not_after and _preceded_by(t, start, kw.not_after, m.not_after_window):
                        continue
                    if kw.not_before and any(tuple(t.syl[hit[0] : hit[0] + len(p)]) == p for p in kw.not_before):
                        continue
                    if kw.context_before and _in_clause_before(t, start, kw.context_before):
                        continue
                    found[(start, k)] = hit[1]
    # Where the words of one keyword are all words of a longer one ("thanh toán
    # trực tuyến" inside "tích hợp thanh toán trực tuyến"), the longer, more
    # specific keyword wins. Filler words a "~" skipped do not count as covered.
    ordered = sorted(found.items(), key=lambda kv: len(kv[1]), reverse=True)
    kept: list[tuple[frozenset[int], frozenset[int]]] = []
    for (_start, k), covered in ordered:
        if any(covered < other for other, _ in kept):
            continue
        kept.append((covered, m.keywords[k].ids))
    return [ids for _, ids in kept]


def _opens_with(t: _Tokens, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """Does the text's first word (after numbering and marks) begin one of `phrases`?"""
    i, n = 0, len(t.syl)
    while i < n:
        if not t.syl[i].isalpha():
            i += 1  # numbering, bullets
        elif len(t.syl[i]) == 1 and i + 1 < n and t.syl[i + 1] in (")", "."):
            i += 2  # "a)", "b."
        else:
            break
    return any(tuple(t.syl[i : i + len(p)]) == p for p in phrases)


def _contains(t: _Tokens, phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(t.syl[i : i + n]) == phrase for i in t.index.get(phrase[0], ()))


def _masked(t: _Tokens, phrases: list[tuple[str, ...]]) -> _Tokens:
    """`t` with the syllables of `phrases` blanked out ("thủ tục hành chính nội bộ")."""
    hits = [(i, len(p)) for p in phrases for i in t.index.get(p[0], ()) if tuple(t.syl[i : i + len(p)]) == p]
    if not hits:
        return t
    syl = list(t.syl)
    for i, n in hits:
        syl[i : i + n] = ["#"] * n
    index: dict[str, list[int]] = {}
    for i, s in enumerate(syl):
        index.setdefault(s, []).append(i)
    return _Tokens(syl, t.starts, t.ends, index)


def _in_domain(t: _Tokens, m: _Matcher, phrases: list[_Keyword] | None = None) -> bool:
    """Does the text concern administrative procedures or public services ([gate] domain)?"""
    if not m.domain:
        return True
    for kw in m.domain if phrases is None else phrases:
        first = kw.terms[0]
        for i in t.index.get(first[0], ()):
            if _match_from(kw, t, i, m) is not None:
                return True
    return False


@dataclass(frozen=True)
class IndicatorReading:
    """The indicators a task advances, how they were found and so how sure the reader is
    (task_rules/indicators/766.toml [confidence])."""

    ids: list[int]
    how: str
    confidence: float


HOWS = ("named", "outside", "outside_document", "whole_index", "unlinked", "linked", "linked_groups")


def link_indicators(text: str) -> list[int]:
    """Ids (sorted) of the indicators whose work the task's text advances (see `read_indicators`)."""
    return read_indicators(text).ids


def read_indicators(text: str) -> IndicatorReading:
    """The indicators whose work the task's text advances, with how sure the reader is.

    A text that is an indicator's name (an appendix row's name cell) links to
    that one; a text about the index as a whole, or not about administrative
    procedures and public services at all, links to none.
    """
    m = _load()[1]
    if not text or not text.strip():
        return _reading([], "outside", m)
    named = match_indicator_name(text)
    if named is not None:
        return _reading([named], "named", m)
    t = _masked(_tokens(text), m.exclude)
    if not _in_domain(t, m):
        return _reading([], "outside", m)
    if any(_contains(t, p) for p in m.whole_index):
        return _reading([], "whole_index", m)
    ids: set[int] = set()
    for found in _hits(t, m):
        ids |= found
    groups = {m.group_of[i] for i in ids}
    if len(groups) >= m.whole_index_min_groups:
        return _reading([], "whole_index", m)
    if not ids:
        return _reading([], "unlinked", m)
    return _reading(sorted(ids), "linked" if len(groups) == 1 else "linked_groups", m)


def settle_indicators(readings: list[IndicatorReading], subject: str | None) -> list[IndicatorReading]:
    """The document gate ([gate] document_topics, document_max_links): a document about
    something else (prices, forests, a data-protection law) whose one task mentions public
    services links none: the mention is incidental, not the work the index measures. A
    document whose subject is unknown, says it is about that work (a domain or topic phrase,
    the catalogue's decision number), or where more tasks link, keeps its links."""
    m = _load()[1]
    if not readings or not m.document_max_links or not subject or not subject.strip():
        return readings
    if sum(bool(r.ids) for r in readings) > m.document_max_links:
        return readings
    t = _masked(_tokens(subject), m.exclude)
    if _in_domain(t, m) or _in_domain(t, m, m.topics) or m.decision in t.syl:
        return readings
    return [r if r.how in ("named", "outside") else _reading([], "outside_document", m) for r in readings]


def _reading(ids: list[int], how: str, m: _Matcher) -> IndicatorReading:
    return IndicatorReading(ids, how, m.confidence.get(how, 0.5))


# ---------------------------------------------------------------- names


def _name_key(text: str, m: _Matcher) -> str:
    out = []
    for tok in _SPLIT.findall(normalize(text)):
        if not tok.isalnum():
            continue
        expanded = _abbreviation(tok, m)
        out.extend(expanded if expanded else (fold(tok),))
    return " ".join(out)


def match_indicator_name(text: str) -> int | None:
    """The indicator an appendix row's name cell names, read fuzzily ("TTTHC" for "TTHC"), or None.

    A cell cut short (a name that runs on into the next row) still names its
    indicator when it is most of that name and no other name starts alike.
    """
    if not text or not text.strip():
        return None
    m = _load()[1]
    key = _name_key(re.sub(r"^\s*\d{1,2}[.)]?\s+", "", text), m)
    longest = max(len(k) for _, k in m.names)
    if not key or len(key) > longest * 1.3:
        return None
    from rapidfuzz import fuzz, process

    hit = process.extractOne(key, dict(m.names), scorer=fuzz.ratio, score_cutoff=m.name_score)
    if hit:
        return hit[2]
    if len(key) < m.name_head_min:
        return None
    heads = [(fuzz.ratio(key, name[: len(key)]), i, len(name)) for i, name in m.names]
    alike = [(score, i, size) for score, i, size in heads if score >= m.name_score]
    if len(alike) == 1 and len(key) >= m.name_head_share * alike[0][2]:
        return alike[0][1]
    return None
