"""Find unit names inside a sentence: where each starts and where the list ends.

"phối hợp với Văn phòng UBND tỉnh và VNPT Hải Dương nâng cấp Hệ thống ..."
→ ["Văn phòng UBND tỉnh", "VNPT Hải Dương"], stopping at the verb "nâng cấp".

The scan is a small state machine over tokens, driven by task_rules/unit_phrases.toml:
a name starts at a head (after an optional role word or "các") and goes on
through capitalised words, abbreviations and the listed lower-case words; a
comma or "và" either continues a collective name ("sở, ban, ngành") or starts
the next unit when a head follows. It only finds names; resolving them to real
units is `tracker.units`' job.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tracker import rules
from tracker.text import fold

_TOKEN = re.compile(r"[^\W_]+(?:[&.][^\W_]+)*|[,;:()\-–&/]|\S")


@dataclass(frozen=True)
class Tok:
    text: str
    start: int
    end: int
    key: str  # lower case (diacritics matter: "Từ" is not "Tư")

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def word_pairs() -> frozenset[str]:
    """Multi-syllable words of the dictionary (tracker.words)."""
    from tracker.words import dictionary

    return dictionary()


@lru_cache(maxsize=2048)
def tokenize(text: str) -> tuple[Tok, ...]:
    # Cached: the roles reader scans the same sentence for its lead, its partners and its lead-in
    # (a 4-page plan tokenised 73 texts 193 times).
    return tuple(Tok(m.group(), m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text))


Phrases = dict[str, tuple[tuple[str, ...], ...]]  # first word → phrases starting with it, longest first


@dataclass(frozen=True)
class _Lexicon:
    role_words: Phrases
    agent_nouns: Phrases
    heads: Phrases
    verb_heads: Phrases  # heads that are also a verb ("Thanh tra, kiểm tra ...")
    named_heads: Phrases
    collective_tail: Phrases
    joined_tail: Phrases  # after "và", words that go on a collective name as after a comma
    inner_words: Phrases
    compounds: Phrases
    openers: Phrases
    stop_cues: Phrases
    localities: frozenset[str]  # one-word administrative words a place name follows
    numbered_after: frozenset[str]  # last words a number follows in a name ("khu vực 14")
    range_words: tuple[str, str]  # "từ", "đến": the places of a level named as a range
    topic_heads: Phrases
    object_topic_heads: Phrases  # topic heads named by what they manage: plain words only ("Ban Quản lý các khu ...")
    staff_heads: Phrases
    qualifiers: Phrases
    topic_ends: Phrases
    known_tails: Phrases  # the same after their named head ("Văn hóa, Thể thao và Du lịch")
    known: Phrases  # whole names: the unit vocabulary's agencies and unit_phrases.toml's names
    place_abbreviations: frozenset[str]  # "TP." before a place name: the dot does not end the name
    shared_levels: frozenset[str]  # "các bộ, tỉnh": a level word that shares the plural before it
    quantity_words: frozenset[str]  # after a number they make it a quantity ("3 ngày"), not part of a name
    place_heads: Phrases  # "Tỉnh", "tỉnh Bắc Lam": the province (or city) as a unit
    partner_ends: Phrases  # words that end a list of partners ("để", "trong việc")
    partner_words: int  # at most this many unknown words go on a partner's name
    name_ends: Phrases  # words after a subject that say what it must or may do ("được", "phải", "cần")
    not_agents: Phrases  # plural nouns of things, never an actor ("các nội dung", "các nhiệm vụ")
    common_heads: Phrases  # heads and collective words written in lower case: a kind of unit, not a name
    kind_verbs: Phrases  # verbs that right after a kind of unit say which ("cơ quan quản lý ...")
    kind_charges: Phrases  # what a kind of body is in charge of, part of its name ("Sở quản lý ngành, lĩnh vực")
    kinds: frozenset[tuple[str, ...]]  # heads, collective words and levels: what a list of kinds ends on
    appositions: Phrases  # "Bộ Tài chính - Cơ quan thường trực ...": what the unit before the dash is, not its name
    government_kinds: Phrases  # words of kinds of government bodies ("các bộ, ngành và địa phương" is one unit)
    field_names: Phrases  # heads whose name lists fields ("Phòng Văn hóa, Khoa học và Thông tin")
    not_unit_acronyms: frozenset[str]  # acronyms of things, not bodies ("TTHC", "CSDL")


def _pair(r: rules.RuleFile, key: str) -> tuple[str, str]:
    words = [w.lower() for w in r.strings(key)]
    if len(words) != 2:
        raise r.error(f"'{key}' phải có đúng hai từ (từ ... đến ...)", key)
    return words[0], words[1]


def _phrases(values: list[str]) -> Phrases:
    # Longest first so "Phó Chủ tịch" wins over "Chủ tịch".
    from tracker.text import normalize

    out: dict[str, list[tuple[str, ...]]] = {}
    for v in values:
        p = tuple(t.key for t in tokenize(normalize(v)))
        if p and p not in out.get(p[0], []):
            out.setdefault(p[0], []).append(p)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@rules.compiled
def lexicon() -> _Lexicon:
    return rules.kept("unit-lexicon", _lexicon)  # built from the rules and the units' vocabulary: kept between runs


def _lexicon() -> _Lexicon:
    r = rules.load("unit_phrases")
    known = _known_names(r.strings("names"))
    return _Lexicon(
        role_words=_phrases(r.strings("role_words")),
        agent_nouns=_phrases(r.strings("agent_nouns")),
        heads=_phrases(r.strings("heads")),
        verb_heads=_phrases(r.strings("verb_heads")),
        named_heads=_phrases(r.strings("named_heads")),
        collective_tail=_phrases(r.strings("collective_tail")),
        joined_tail=_phrases(r.strings("joined_tail")),
        inner_words=_phrases(r.strings("inner_words")),
        compounds=_phrases(r.strings("compounds")),
        openers=_phrases(r.strings("openers")),
        stop_cues=_phrases(["chủ trì", "phối hợp", "chịu trách nhiệm", "có trách nhiệm"]),
        localities=frozenset(w.lower() for w in r.strings("localities")),
        numbered_after=frozenset(w.lower() for w in r.strings("numbered_after")),
        range_words=_pair(r, "place_range"),
        known=_phrases(known),
        topic_heads=_phrases([*r.strings("topic_heads"), *r.strings("object_topic_heads")]),
        object_topic_heads=_phrases(r.strings("object_topic_heads")),
        staff_heads=_phrases(r.strings("staff_heads")),
        qualifiers=_phrases(r.strings("qualifiers")),
        topic_ends=_phrases(r.strings("topic_ends")),
        known_tails=_phrases(_tails(known, r.strings("named_heads"))),
        quantity_words=frozenset(w.lower() for w in r.strings("quantity_words")),
        shared_levels=frozenset(w.lower() for w in r.strings("shared_levels")),
        place_abbreviations=frozenset(r.strings("place_abbreviations")),
        place_heads=_phrases(r.strings("place_heads")),
        partner_ends=_phrases(r.strings("partner_ends")),
        partner_words=int(r.get("partner_words", int)),
        name_ends=_phrases(r.strings("name_ends")),
        not_agents=_phrases(r.strings("not_agents")),
        common_heads=_phrases([h for h in (*r.strings("heads"), *r.strings("collective_tail"), *r.strings("inner_words"))
                               if h[:1].islower()]),
        kind_verbs=_phrases(r.strings("kind_verbs")),
        kind_charges=_phrases(r.strings("kind_charges")),
        kinds=frozenset(p for v in _phrases([*r.strings("heads"), *r.strings("collective_tail"), *r.strings("shared_levels")]).values()
                        for p in v),
        appositions=_phrases(r.strings("appositions")),
        government_kinds=_phrases(r.strings("government_kinds")),
        field_names=_phrases(r.strings("field_names")),
        not_unit_acronyms=frozenset(r.strings("not_unit_acronyms")),
    )


def _tails(names: list[str], heads: list[str]) -> list[str]:
    out = []
    for name in names:
        for head in heads:
            if name.startswith(head + " ") and name[len(head) + 1 : len(head) + 2].isupper():
                out.append(name[len(head) + 1 :])
    return out


def _known_names(extra: list[str]) -> list[str]:
    """Names a sentence may hold whole, with words that would otherwise end a name
    ("Sở Xây dựng", "Ban Quản lý các khu công nghiệp", "Sở Văn hóa, Thể thao và Du
    lịch"): every agency of task_rules/units/ and the names listed in unit_phrases.toml.
    The part after a named head also stands alone in a list after a colon ("Các Sở:
    Xây dựng, Văn hóa, Thể thao và Du lịch")."""
    from tracker.units.vocab import get_vocab

    out = list(extra)
    for level in get_vocab().templates.values():
        for t in level:
            out += [n for n in (t.name, *t.aliases) if "{" not in n and n[:1].isupper() and " " in n]
    return out


def _match(toks: list[Tok], i: int, phrases: Phrases) -> int:
    """Length (in tokens) of the longest phrase starting at toks[i], else 0."""
    if i >= len(toks):
        return 0
    for p in phrases.get(toks[i].key, ()):
        n = len(p)
        if i + n <= len(toks) and all(toks[i + k].key == p[k] for k in range(n)):
            return n
    return 0


@dataclass
class UnitSpan:
    text: str
    start: int
    end: int


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.toks = tokenize(text)
        self.lex = lexicon()
        self.places: tuple[str, list[str]] | None = None  # (level, places) of the last level list read

    def opener_at(self, i: int) -> bool:
        if i >= len(self.toks):
            return False
        t = self.toks[i]
        return t.capitalised and bool(_match(self.toks, i, self.lex.openers) or _match(self.toks, i, self.lex.stop_cues))

    def stop_at(self, i: int) -> bool:
        return _match(self.toks, i, self.lex.stop_cues) > 0 or self.opener_at(i)

    def head_at(self, i: int) -> int:
        """Tokens taken by a head starting at i (0 if none)."""
        return self.head(i)[0]

    def head(self, i: int) -> tuple[int, str]:
        """(tokens, kind) of the head at i: a name known whole ("known"), a head that is a
        unit by itself ("head"), or one that needs a capitalised name after it ("named")."""
        if i >= len(self.toks):
            return 0, ""
        known = _match(self.toks, i, self.lex.known)
        n = _match(self.toks, i, self.lex.heads)
        if self.stop_at(i) and (_match(self.toks, i, self.lex.stop_cues) or max(known, n) <= _match(self.toks, i, self.lex.openers)):
            return 0, ""  # an instruction starts here, unless a longer name does ("Tổ chức tín dụng", "Tổ chức hành nghề công chứng")
        if n and not known and _match(self.toks, i, self.lex.not_agents) > n:
            return 0, ""  # "cơ sở dữ liệu": a thing, not the head "cơ sở"
        if n and self.toks[i].capitalised and _match(self.toks, i, self.lex.verb_heads) == n and self.verb_follows(i + n):
            return 0, ""  # "Thanh tra, kiểm tra việc ...": the verb, not the body
        if known and not self.toks[i].capitalised and not n and not _match(self.toks, i, self.lex.named_heads):
            known = 0  # "phụ trách văn hóa - xã hội" is a portfolio, not the name "Văn hóa - Xã hội"
        if known and known >= n:
            return known, "known"
        place = _match(self.toks, i, self.lex.place_heads)
        if place > n and (i == 0 or not self.toks[i - 1].text.isalnum() or self.toks[i - 1].key == "và") and (  # not "các sở, ngành Thành phố"
                self.toks[i].capitalised and self.toks[i].text[1:2].islower()
                          or i + place < len(self.toks) and self.toks[i + place].capitalised and self.toks[i + place].text.isalpha()):
            return place, "head"  # "Tỉnh căn cứ ...", "tỉnh Bắc Lam cần ..." (not "TỈNH" in a title)
        topic = _match(self.toks, i, self.lex.topic_heads)
        if topic > n and self.topic_end(i + topic, self.object_topic(i)) > i + topic:
            return topic, "topic"  # "Hội đồng thi đua - khen thưởng tỉnh"
        if topic > n and self.toks[i].capitalised and self.body_named_before(i + topic):
            return topic, "topic"  # "Chủ tịch Hội đồng có trách nhiệm ...": the body the document set up
        named = _match(self.toks, i, self.lex.named_heads)
        if named and named >= n and i + named < len(self.toks) and self.toks[i].capitalised:
            nxt = self.toks[i + named]
            # The word after a named head is its name even when it could open a
            # sentence ("Sở Xây dựng", "Ban Chỉ đạo", "Quỹ Hỗ trợ nông dân").
            if nxt.capitalised and not _match(self.toks, i + named, self.lex.stop_cues):
                return named, "named"
            if nxt.text == ":" and self.colon_list_at(i + named + 1):
                return named, "named"
        if n == 1 and not self.toks[i].capitalised and (self.word_with_next(i) or i > 0 and self.office_verb(i)):
            n = 0  # "ban hành", "phòng chống": a verb, not the head "ban", "phòng"
        if n:
            return n, "head"
        if named and i + named < len(self.toks):
            nxt = self.toks[i + named]
            if nxt.capitalised and not self.opener_at(i + named) or (
                nxt.text == "," and _match(self.toks, i + named + 1, self.lex.collective_tail)
            ):
                return named, "named"
        return 0, ""

    def verb_follows(self, k: int) -> bool:
        """After a head that is also a verb (unit_phrases.toml `verb_heads`), do the words at k make it the
        verb: a lower-case word that is neither a word of a name nor a role cue ("Thanh tra | việc chấp
        hành ..."), or a comma or "và" before an instruction's verb ("Thanh tra | , kiểm tra ...")?"""
        toks = self.toks
        if k >= len(toks):
            return False
        t = toks[k]
        if t.text == "," or t.key == "và":
            return k + 1 < len(toks) and not toks[k + 1].capitalised and self.word_opens(k + 1)
        return t.text.isalpha() and not t.capitalised and not _match(toks, k, self.lex.stop_cues) \
            and not _match(toks, k, self.lex.inner_words) and t.key not in self.lex.localities

    def role_end(self, i: int) -> int:
        """Index after the role word and "các" that may open a unit at i."""
        j = i
        for _ in range(3):  # "Đồng chí Phó Chủ tịch Thường trực Ủy ban MTTQ xã"
            n = _match(self.toks, j, self.lex.role_words)
            if not n:
                break
            j += n
            if j < len(self.toks) and self.toks[j].text == "/" and _match(self.toks, j + 1, self.lex.role_words):
                j += 1  # "Thủ trưởng/Giám đốc các cơ sở ..."
        if j < len(self.toks) and self.toks[j].key == "các":
            j += 1
        return j

    def unit_start(self, i: int) -> int:
        """Tokens of role word / "các" before a head at i, plus the head; 0 if no unit starts here."""
        j = self.role_end(i)
        n = self.head_at(j)
        if not n:
            # A post with no body after it is the person addressed ("Đồng chí Phó Chủ
            # tịch Thường trực, phụ trách ..."); "đồng chí" alone names no one.
            k = i + (1 if i < len(self.toks) and self.toks[i].key == "các" else 0)
            if k < len(self.toks) and self.toks[k].key == "đồng":
                k += _match(self.toks, k, self.lex.role_words)  # "(các) đồng chí" before the post
            post = j > k and self.toks[k].capitalised
            end = j >= len(self.toks) or self.toks[j].text in (";", ".", ":") or (
                self.toks[j].text == "," and _match(self.toks, j + 1, self.lex.qualifiers))
            if post and end:
                return j - i
            return 0
        return j + n - i

    def colon_list_at(self, k: int) -> bool:
        """Does a list of names for a plural head start at k ("Các Sở: Nội vụ, Tư pháp")?"""
        # An item is a bare name ("Nội vụ", "Công an"), not a unit with its own head ("Sở Y tế").
        return k < len(self.toks) and self.toks[k].capitalised and not _match(self.toks, k, self.lex.named_heads) \
            and not _match(self.toks, k, self.lex.role_words) and not _match(self.toks, k, self.lex.stop_cues)

    def cap_word(self, j: int) -> int:
        """Index after the capitalised word at j: "Tư pháp", "Nội vụ" take their
        lower-case second syllable when the dictionary knows the pair."""
        toks = self.toks
        k = j + 1
        if k < len(toks) and not toks[k].capitalised and toks[k].text.isalpha():
            if f"{toks[j].text.lower()} {toks[k].text}" in word_pairs():
                k += 1
        return k

    def place_name_end(self, j: int) -> int:
        """Index after the place name at j, capitalised in every syllable ("Thừa Thiên Huế", "Tân Lập":
        a syllable that opens instructions elsewhere is the name's after its first); j if none."""
        toks = self.toks
        if j >= len(toks) or self.opener_at(j):
            return j
        k = j
        while k < len(toks) and toks[k].capitalised and toks[k].text.isalpha():
            k += 1
        return k

    def place_range_end(self, j: int) -> int | None:
        """After a level word, "từ X đến Y" with X and Y place names says which places the name
        means (a storm's provinces); index after Y, or None."""
        toks = self.toks
        first = self.place_name_end(j + 1)
        if first == j + 1 or first >= len(toks) or toks[first].key != self.lex.range_words[1]:
            return None
        last = self.place_name_end(first + 1)
        return last if last > first + 1 else None

    def portfolio_end(self, j: int) -> int:
        """After "phụ trách (lĩnh vực)": the lower-case words of the portfolio, up to the
        verb ("... phụ trách văn hóa - xã hội chỉ đạo ..."); without a verb in reach, none."""
        toks = self.toks
        for k in range(j, min(len(toks), j + PORTFOLIO_WORDS + 1)):
            t = toks[k]
            if _match(toks, k, self.lex.stop_cues) or _match(toks, k, self.lex.openers) or self.word_opens(k):
                return k if k > j else j
            if not (t.text.isalpha() or t.text in ("-", "–")) or t.capitalised:
                return k if t.text in (",", ";", ".", ":", "(") and k > j else j
        return j

    def word_opens(self, k: int) -> bool:
        """A lower-case instruction verb at k ("chỉ đạo", "thực hiện", "tổ chức")."""
        return bool(_match(self.toks, k, self.lex.openers))

    def person_post(self, i: int) -> int | None:
        """"đồng chí Nguyễn Văn A – Phó Chủ tịch UBND xã": a comrade named, then the post;
        the index where the post starts, or None."""
        toks = self.toks
        k = i + (1 if i < len(toks) and toks[i].key == "các" else 0)
        if not (k + 1 < len(toks) and toks[k].key == "đồng" and toks[k + 1].key == "chí"):
            return None
        k += 2
        start = k
        while k < len(toks) and k - start < PERSON_WORDS and toks[k].capitalised and toks[k].text.isalpha() \
                and not self.unit_start(k):
            k += 1
        if k == start or k + 1 >= len(toks) or toks[k].text not in ("–", "-", ","):
            return None
        return k + 1 if self.unit_start(k + 1) else None

    def unit(self, i: int) -> int | None:
        """End token index of one unit name starting at i, or None."""
        post = self.person_post(i)
        if post is not None:
            return self.unit(post)  # the comrade, named by the post they hold
        n = self.unit_start(i)
        if not n:
            return None
        j = i + n
        toks = self.toks
        if toks[j - 1].capitalised:
            j = self.cap_word(j - 1)
        last = "head"
        head_at = self.role_end(i)
        topic = _match(toks, head_at, self.lex.topic_heads)
        if topic and self.head(head_at)[1] != "known":  # "Ban Quản lý dự án đầu tư xây dựng": known whole
            j, last = self.topic_end(head_at + topic, self.object_topic(head_at)), "cap"
        elif self.head(head_at)[1] == "named" and j < len(toks) and toks[j].capitalised:
            topic = _match(toks, j, self.lex.topic_heads)  # "Văn phòng Ban Chỉ đạo ..."
            # "Chi nhánh Văn phòng đăng ký đất đai": a name known whole after the head is its name, whole
            known = 0 if topic else _match(toks, j, self.lex.known)
            j, last = (self.topic_end(j + topic) if topic else j + known if known else self.cap_word(j)), "cap"  # whatever word it is
        while j < len(toks):
            t = toks[j]
            if last == "portfolio" and t.capitalised and not _match(toks, j, self.lex.stop_cues):
                j = self.cap_word(j)  # "phụ trách lĩnh vực Giám sát và Phản biện xã hội"
                continue
            if t.key == self.lex.range_words[0] and toks[j - 1].key in self.lex.localities:
                end = self.place_range_end(j)
                if end:
                    j, last = end, "cap"  # "các tỉnh, thành phố từ Hà Tĩnh đến Lâm Đồng": which of them
                    continue
            if self.stop_at(j):
                break
            if t.text.isdigit() and len(t.text) <= 3 and (toks[j - 1].capitalised or toks[j - 1].key in self.lex.localities
                                                                   or toks[j - 1].key in self.lex.numbered_after) \
                    and not (j + 1 < len(toks) and (toks[j + 1].key in self.lex.quantity_words or toks[j + 1].text in "/.,")):
                j, last = j + 1, "cap"  # "Phường 3", "xã Bảo Lâm 1"
                continue
            if t.key == "số" and j + 1 < len(toks) and toks[j + 1].text.isdigit():
                j, last = j + 2, "cap"  # "Ban Quản lý dự án ... số 1"
                continue
            if t.text == "." and toks[j - 1].text in self.lex.place_abbreviations and j + 1 < len(toks) \
                    and toks[j + 1].capitalised and toks[j + 1].start == t.end + 1:
                j, last = self.cap_word(j + 1), "cap"  # "UBND TP. Hà Nội"
                continue
            if t.text == "/":
                m = _match(toks, j + 1, self.lex.collective_tail)
                if m:
                    j, last = j + 1 + m, "inner"  # "UBND xã/phường"
                    continue
                break
            if t.text == "," and _match(toks, j + 1, self.lex.qualifiers):
                # "Phó Chủ tịch Thường trực, phụ trách lĩnh vực Giám sát và Phản biện xã hội"
                j, last = j + 1 + _match(toks, j + 1, self.lex.qualifiers), "portfolio"
                continue
            if t.text == "," and last == "cap" and (fields := self.field_list_end(i, head_at, j)) is not None:
                j = fields  # "Phòng Văn hóa, Khoa học và Thông tin": one office named by its fields
                continue
            if t.text in (",", ";"):
                tail = _match(toks, j + 1, self.lex.collective_tail) if t.text == "," else 0
                after = j + 1 + tail
                named = bool(tail) and after < len(toks) and toks[after].capitalised and not self.opener_at(after) \
                    and not _match(toks, after, self.lex.heads) \
                    and toks[after].key not in self.lex.localities \
                    and not _match(toks, after, self.lex.inner_words)  # "sở, ban, ngành Tỉnh / Thành phố / Trung ương": the level, capitalised
                # "Bộ Tư pháp, Bộ Công an": a capitalised head with its own name starts the next unit
                own = toks[j + 1].capitalised and self.head(self.role_end(j + 1))[1] in ("named", "known") if tail else False
                if tail and not named and not own and not self.unit_start(j + 1) > tail and self.kind_ends(j):
                    j += 1 + tail
                    last = "inner"
                    continue
                break
            if t.key in ("và", "&"):
                comp = self._compound_through(j)
                if comp:
                    j, last = comp, "head"
                    continue
                nxt = j + 1
                joined = _match(toks, nxt, self.lex.joined_tail)
                if joined and last in ("head", "inner") and is_generic(self.text[toks[i].start : toks[j - 1].end]):
                    j, last = nxt + joined, "inner"  # "các cơ quan, đơn vị, tổ chức và cá nhân liên quan": one collective
                    continue
                # A capitalised word after "và" inside a sentence is a name's, even one
                # that could open a sentence ("Giáo dục và Đào tạo").
                if nxt < len(toks) and toks[nxt].capitalised and not self.unit_start(nxt) \
                        and not _match(toks, nxt, self.lex.stop_cues):
                    j, last = self.cap_word(nxt), "cap"  # "Thông tin và Truyền thông"
                    continue
                break
            if t.text in ("-", "–"):
                nxt = j + 1
                if _match(toks, nxt, self.lex.appositions):
                    break  # "Bộ Tài chính - Cơ quan Thường trực Ban Chỉ đạo": what it is, not its name
                if nxt < len(toks) and toks[nxt].capitalised:
                    # After a hyphen a capitalised word is the name's second part even
                    # when it could open a sentence ("Văn phòng - Thống kê").
                    j, last = self.cap_word(nxt), "cap"  # "Tư pháp - Hộ tịch"
                    continue
                m = _match(toks, nxt, self.lex.inner_words)
                if m:
                    j, last = nxt + m, "inner"  # "chính trị - xã hội"
                    continue
                break
            if t.capitalised or t.text.isupper():
                # A head right after a lower-case word of the name starts the next unit
                # ("Sở, ban, ngành UBND cấp huyện"); after a name word it belongs to it
                # ("Văn phòng UBND tỉnh", "Bộ phận Một cửa UBND xã").
                start = self.unit_start(j)
                if last == "inner" and start and not _match(toks, j, self.lex.named_heads) \
                        and toks[j - 1].key not in ("thuộc", "của"):  # "sở, ban, ngành thuộc UBND tỉnh"
                    break
                topic = _match(toks, j, self.lex.topic_heads)
                if topic and _match(toks, j, self.lex.heads) <= topic:  # not "Hội đồng | nhân dân": a head, whole
                    j, last = self.topic_end(j + topic, self.object_topic(j)), "cap"
                    continue
                named, kind = self.head(j)
                if kind == "named" and last == "head" and self.opener_at(j + named):
                    # "Bộ trưởng Bộ | Xây dựng": a named head after a post takes its name, even one that could
                    # open a sentence, as it does at a name's start ("Bộ Xây dựng chủ trì")
                    j, last = self.cap_word(j + named), "cap"
                    continue
                h = _match(toks, j, self.lex.heads)
                if h:
                    j, last = j + h, "head"
                    continue
                if toks[j - 1].key in self.lex.localities and j + 1 < len(toks) and toks[j + 1].text[:1].islower() \
                        and toks[j + 1].text.isalpha():
                    # A place name after "huyện"/"tỉnh"/"xã" is capitalised throughout
                    # ("huyện Tứ Kỳ"); "huyện Kiểm soát ..." is a sentence starting.
                    break
                j, last = self.cap_word(j), "cap"
                continue
            charge = _match(toks, j, self.lex.kind_charges)
            if charge and self.kind_ends(j) and is_generic(self.text[toks[i].start : toks[j - 1].end]):
                j, last = j + charge, "inner"  # "Các Sở | quản lý công trình xây dựng chuyên ngành | Thành phố"
                continue
            m = _match(toks, j, self.lex.inner_words)
            if m == 1 and self.word_with_next(j):
                break  # "ban hành", "phòng chống", "sở hữu": a word of its own, not the name's "ban"
            if m == 1 and self.office_verb(j):
                break  # "Lực lượng | phòng cháy ...": a verb of its own, not an office ("phòng") of the name
            if m:
                j, last = j + m, "inner"
                if _match(toks, j - m, self.lex.qualifiers) == m or toks[j - 1].key == "vực" and toks[j - 2].key == "lĩnh":
                    j = self.portfolio_end(j)  # "Phó Chủ tịch UBND xã phụ trách văn hóa - xã hội"
                continue
            break
        # A name does not end on a connector ("trực thuộc" is no connector).
        while j > i + n and toks[j - 1].key in ("các", "của", "và", "thuộc", "cấp") \
                and not (toks[j - 1].key == "thuộc" and toks[j - 2].key == "trực") \
                and not (toks[j - 1].key == "cấp" and toks[j - 2].key in ("các", "cùng")):  # "chính quyền các cấp", "đoàn thể cùng cấp"
            j -= 1
        return j

    def field_list_end(self, i: int, head_at: int, j: int) -> int | None:
        """After one office's head and the first field of its name ("Phòng Văn hóa"), at the comma
        at j: more fields, each one or two capitalised words, the last after "và" ("..., Khoa học và
        Thông tin", "Phòng Kinh tế, Hạ tầng và Đô thị") are the same name's; the token index after
        them, or None. Only after a head of unit_phrases.toml `field_names` named once (not "Các Sở
        Tài chính, Xây dựng và Công Thương": three), and no part may start a unit or an instruction."""
        toks = self.toks
        if not _match(toks, head_at, self.lex.field_names) or any(t.key == "các" for t in toks[i:head_at]):
            return None
        k = j
        while k < len(toks) and (toks[k].text == "," or toks[k].key == "và"):
            last = toks[k].key == "và"
            start = k + 1
            if start >= len(toks) or not toks[start].capitalised or not toks[start].text.isalpha() \
                    or self.unit_start(start) or self.opener_at(start) or _match(toks, start, self.lex.stop_cues) \
                    or _match(toks, start, self.lex.known):
                return None
            k = self.cap_word(start)
            if k < len(toks) and toks[k].capitalised and toks[k].text.isalpha() and not self.unit_start(k) and not self.opener_at(k):
                k = self.cap_word(k)  # a field of two capitalised words
            if last:
                return k
        return None

    def kind_ends(self, j: int) -> bool:
        """Does a head, a collective word or a level end right before token j? A list of kinds goes on
        after a comma from one ("các sở, ban, ngành", "UBND các tỉnh, thành phố"); after words saying
        which ("... thành phố trực thuộc trung ương, cơ quan, tổ chức khác") the comma starts another."""
        return any(tuple(t.key for t in self.toks[j - n : j]) in self.lex.kinds for n in range(1, min(j, 6) + 1))

    def office_verb(self, j: int) -> bool:
        """Is the lower-case "phòng" at j the first syllable of a word the dictionary may not know
        ("phòng cháy"): a lower-case word follows that is no word of a name nor a head?"""
        toks = self.toks
        return toks[j].key in _OFFICE_WORDS and not toks[j].capitalised and j + 1 < len(toks) and toks[j + 1].text.isalpha() \
            and not toks[j + 1].capitalised and not _match(toks, j + 1, self.lex.inner_words) \
            and not _match(toks, j + 1, self.lex.heads)

    def word_with_next(self, j: int) -> bool:
        """Does the lower-case syllable at j make a dictionary word with the next one?"""
        toks = self.toks
        return j + 1 < len(toks) and toks[j + 1].text.isalpha() and not toks[j + 1].capitalised \
            and f"{toks[j].key} {toks[j + 1].key}" in word_pairs() \
            and not _match(toks, j + 1, self.lex.heads) and not _match(toks, j + 1, self.lex.inner_words)

    def body_named_before(self, j: int) -> bool:
        """Does a body's bare head ("Hội đồng", "Ban Chỉ đạo") end where the sentence goes on
        with a role cue ("có trách nhiệm", "chủ trì") or the text ends? Then it names the body
        the document set up earlier ("... (sau đây gọi là Hội đồng)")."""
        return j >= len(self.toks) or self.toks[j].text in (":", ";", ".") or bool(_match(self.toks, j, self.lex.stop_cues))

    def object_topic(self, i: int) -> bool:
        """Is the topic head at i one named by what it manages (unit_phrases.toml `object_topic_heads`)?"""
        return _match(self.toks, i, self.lex.object_topic_heads) > 0

    def topic_end(self, j: int, plain: bool = False) -> int:
        """A body named by its topic ("Ban Chỉ đạo phòng thủ dân sự quốc gia", "Hội đồng
        thi đua - khen thưởng tỉnh") goes on in lower-case words up to the word that
        places it; without one in reach, the topic is left out rather than a verb taken in.
        Plain topic words (no instruction's verb, no word of `name_ends` among them) end too at a
        place's capitalised name ("Ban Quản lý các khu công nghiệp | Bình Thuận") or at a role cue
        ("Ban Quản lý các khu công nghiệp | chủ trì ..."): the name said all it needed. With `plain`
        (a head named by what it manages) a verb ends the search: "Ban Quản lý | trình UBND thành phố ..."
        names no topic."""
        toks = self.toks
        for k in range(j, min(len(toks), j + TOPIC_WORDS)):
            m = _match(toks, k, self.lex.topic_ends)
            if m:
                return k + m
            t = toks[k]
            if k > j and (t.capitalised and t.text.isalpha() or _match(toks, k, self.lex.stop_cues)) \
                    and self.plain_topic(j, k):
                return k
            if plain and (_match(toks, k, self.lex.openers) or _match(toks, k, self.lex.name_ends)):
                break
            if _match(toks, k, self.lex.stop_cues) or not (t.text.isalnum() or t.text in ("-", "–")):
                break
        return j

    def plain_topic(self, j: int, k: int) -> bool:
        """Are tokens j..k-1 lower-case words that could only name a topic: none opens an
        instruction or says what a subject must do (unit_phrases.toml `openers`, `name_ends`)?"""
        toks = self.toks
        return all(toks[x].text.isalpha() and not toks[x].capitalised or toks[x].text in ("-", "–") for x in range(j, k)) \
            and not any(_match(toks, x, self.lex.openers) or _match(toks, x, self.lex.name_ends) for x in range(j, k))

    def _compound_through(self, j: int) -> int | None:
        """If a compound like "HĐND và UBND" spans the "và" at j, the index after it."""
        for start in (j - 1, j - 2):
            if start < 0:
                continue
            n = _match(self.toks, start, self.lex.compounds)
            if n and start + n > j:
                return start + n
        return None

    def units(self, i: int) -> tuple[list[UnitSpan], int]:
        """Every unit of the list starting at token i, and the token index after the list."""
        found: list[UnitSpan] = []
        shared = False
        while True:
            self.places = None
            listed = self.colon_list(i) or self.place_list(i)
            if listed:
                names, i = listed
                if found and self.places and self.shares_places(found[-1]):
                    # "Bí thư tỉnh ủy và Chủ tịch UBND các tỉnh: A, B": the party secretary of each place too
                    prev = found.pop()
                    found.extend(UnitSpan(f"{prev.text} {place}", prev.start, prev.end) for place in self.places[1])
                    shared = True
                found.extend(names)
            else:
                end = self.unit(i)
                if end is None:
                    break
                found.append(self._span(i, end))
                i = end
                if (close := self.part_in_brackets(i)) is not None:
                    found[-1] = self.extended(found[-1], close)  # "Sở Y tế (Chi cục Dân số)": the part of it that acts
                    i = close
            while found and i < len(self.toks) and self.toks[i].key == "và" and (end := self.kinds_join_end(found[-1], i)) is not None:
                # "các bộ, ngành và địa phương", "UBND các xã, phường và đặc khu": kinds of government bodies
                # joined by "và" are one collective unit (the s27 gold convention)
                found[-1] = self.extended(found[-1], end)
                i = end
            if i < len(self.toks) and (self.toks[i].text in (",", ";") or self.toks[i].key in ("và", "&", "hoặc")):
                if self.unit_start(i + 1) or self.place_list(i + 1):
                    i += 1
                    continue
                if found and (end := self.plural_kind_end(i + 1)) is not None:
                    found.append(self._span(i + 1, end))  # "..., các tổ chức, cá nhân liên quan": a plural kind goes on the list
                    i = end
                    continue
                if found and self.acronym_at(i + 1):
                    found.append(self._span(i + 1, i + 2))  # "các bộ, ngành, Tập đoàn FPT, CMC": a body by its acronym
                    i += 2
                    continue
                shared = self.shared_plural(found[-1], i)
                if shared:
                    found.append(shared)
                    i += 2
                break
            if i < len(self.toks) and (self.unit_start(i) or self.place_list(i)):
                if found and (end := self.kind_qualifier_end(found[-1], i)) is not None:
                    found[-1] = self.extended(found[-1], end)
                    i = end  # "Cơ quan thanh tra": the kind of body, not two units
                    continue
                continue  # two names with nothing between them
            break
        if len(found) > 1 and not shared and self.toks and self.toks[0].key == "đồng" and found[0].start == self.toks[0].start:
            found = found[-1:]  # "Đồng chí Ủy viên Ban Thường vụ Đảng ủy, Chủ tịch Ủy ban MTTQ xã": one person
        return self.places_share_head(found), i

    def places_share_head(self, found: list[UnitSpan]) -> list[UnitSpan]:
        """"Ủy ban nhân dân thành phố Hà Nội, thành phố Hải Phòng và tỉnh Quảng Ninh": places listed bare after a
        body of a place are places of that body too, each its own unit ("Ủy ban nhân dân thành phố Hải Phòng")."""
        out = list(found)
        for k in range(1, len(out)):
            place = _PLACE.match(out[k].text)
            if place is None or out[k].text[:1].isupper():
                continue
            prev = _BODY_OF_PLACE.match(out[k - 1].text)
            if prev is None:
                break
            out[k] = UnitSpan(f"{prev.group('body')} {out[k].text}", out[k].start, out[k].end)
        return out

    def part_in_brackets(self, k: int) -> int | None:
        """After a unit, brackets that hold only another unit's name ("Sở Nông nghiệp và Môi trường (Chi cục
        Kiểm lâm)", "Bộ Công an (Trung tâm Dữ liệu quốc gia)") or an abbreviation ("(VTV)"): the part of the body
        that does the work, or its short name, kept with the name as the document writes it; the token index
        after the closing bracket, or None (not "(nếu có)", "(qua Sở Nội vụ)", "(chủ trì)")."""
        toks = self.toks
        if k + 2 >= len(toks) or toks[k].text != "(" or toks[k].start != toks[k - 1].end + 1:
            return None
        close = next((m for m in range(k + 1, min(len(toks), k + 25)) if toks[m].text in ("(", ")")), None)
        if close is None or toks[close].text != ")":
            return None
        inner = toks[k + 1 : close]
        if inner and inner[0].text.isupper() and _initials(self.text[: toks[k].start]).startswith(fold(inner[0].text).upper()):
            return None  # "Ủy ban nhân dân tỉnh (UBND tỉnh)": the short name it is called by next, no part of it
        if len(inner) == 1 and inner[0].text.isupper() and inner[0].text.isalpha() and len(inner[0].text) >= 2:
            return close + 1  # "Đài Truyền hình Việt Nam (VTV)"
        if not toks[k + 1].capitalised or self.opener_at(k + 1):
            return None
        sub = _Scanner(self.text[toks[k + 1].start : toks[close].start])
        names, end = sub.units(0)
        return close + 1 if len(names) == 1 and end == len(sub.toks) else None

    def plural_kind_end(self, k: int) -> int | None:
        """In a list of units, after a separator: "các" and a collective word the heads leave out ("các tổ chức",
        "các doanh nghiệp"), with more of them after commas or "và" ("các tổ chức, cá nhân") and the words of a
        name after them ("liên quan"): the token index after it, or None. Only there: at a sentence's start such
        words may open work ("Tổ chức ...")."""
        toks = self.toks
        if k + 1 >= len(toks) or toks[k].key not in _PLURALS or self.unit_start(k):
            return None
        m = _match(toks, k + 1, self.lex.collective_tail)
        if not m:
            return None
        j = k + 1 + m
        while j < len(toks):
            if toks[j].text == "," and (t := _match(toks, j + 1, self.lex.collective_tail)):
                j += 1 + t
            elif toks[j].key == "và" and (t := _match(toks, j + 1, self.lex.joined_tail)):
                j += 1 + t
            elif (t := _match(toks, j, self.lex.inner_words)) and not (t == 1 and self.word_with_next(j)):
                j += t
            else:
                break
        if toks[j - 1].key in ("thuộc", "của") and (end := self.unit(j)) is not None:
            j = end  # "các doanh nghiệp nhà nước trực thuộc | Ủy ban nhân dân Thành phố": whose they are
        return j

    def acronym_at(self, k: int) -> bool:
        """In a list of units, after a separator: a body named by its acronym alone ("ACV", "CMC": capitals, two to
        six letters, no Roman numeral, not one of unit_phrases.toml `not_unit_acronyms`), then the list goes on or
        the verb comes (a separator, "và" or a lower-case word)."""
        toks = self.toks
        if k >= len(toks):
            return False
        t = toks[k]
        if not (t.text.isalpha() and t.text.isupper() and 2 <= len(t.text) <= 6) or _ROMAN_NUMERAL.match(t.text) \
                or t.text in self.lex.not_unit_acronyms:
            return False
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        return nxt is None or nxt.text in (",", ";", ".") or nxt.key in ("và", "&") or (nxt.text.isalpha() and not nxt.capitalised)

    def extended(self, span: UnitSpan, end: int) -> UnitSpan:
        """`span` run on to the token before `end`: one unit."""
        stop = self.toks[end - 1].end
        return UnitSpan(self.text[span.start : stop], span.start, stop)

    def kinds_join_end(self, prev: UnitSpan, k: int) -> int | None:
        """At the "và" at k: the token index after what joins the unit before it into one collective,
        or None. A bare level after a list of levels ("UBND các xã, phường | và đặc khu", not before a
        place's name: "... và thành phố Huế"), or a unit made of government kinds only after another
        ("các bộ, ngành | và các địa phương", "các sở, ban, ngành | và cơ quan, đơn vị có liên quan";
        unit_phrases.toml `government_kinds`; not "... và các tổ chức chính trị - xã hội")."""
        toks = self.toks
        m = _match(toks, k + 1, self.lex.collective_tail)
        if m and toks[k - 1].key in self.lex.localities and toks[k + 1].key in self.lex.localities | {"đặc", "thị"} \
                and not (k + 1 + m < len(toks) and (toks[k + 1 + m].capitalised or toks[k + 1 + m].text in (",", "-", "–"))):
            return k + 1 + m
        if not self.government_kinds_only(prev.text) or not self.unit_start(k + 1):
            return None
        end = self.unit(k + 1)
        if end is None or not self.government_kinds_only(self.text[toks[k + 1].start : toks[end - 1].end]) \
                or end < len(toks) and not toks[end].capitalised and _match(toks, end, self.lex.heads):
            return None  # "... và các cơ quan | thanh tra": a kind the words after it narrow
        if toks[k + 1].key == "các" and (_COMPLETE.search(self.text[toks[k + 1].start : toks[end - 1].end])
                                         or _CATCH_ALL.match(self.text[toks[end - 1].end :])):
            return None  # "các sở, ngành | và các đơn vị có liên quan": the catch-all is a unit of its own (s33 convention 2)
        return end

    def government_kinds_only(self, name: str) -> bool:
        toks = [t for t in tokenize(name) if t.text != ","]
        j = 0
        while j < len(toks):
            n = _match(toks, j, self.lex.government_kinds)
            if not n:
                return False
            j += n
        return bool(toks)

    def kind_qualifier_end(self, prev: UnitSpan, k: int) -> int | None:
        """"Cơ quan thanh tra", "các cơ quan thanh tra": a head written in lower case right after a
        kind of body, with nothing between them, says which bodies of that kind; the token index
        after it, or None (a capitalised name or a role word starts the next unit)."""
        toks = self.toks
        if k >= len(toks) or toks[k].capitalised or _match(toks, k, self.lex.role_words) \
                or not is_generic(prev.text) or toks[k - 1].end != prev.end:
            return None
        n = _match(toks, k, self.lex.heads)
        if n == 1 and self.office_verb(k):
            return None  # "Lực lượng | phòng cháy": a verb, not an office of that kind
        return k + n if n else None

    def shares_places(self, prev: UnitSpan) -> bool:
        """Does the post or body just before a level's place list belong to that level ("Bí thư
        tỉnh ủy" before "Chủ tịch UBND các tỉnh: A, B"), so each place has one of it too?"""
        level = self.places[0].split()[0].lower() if self.places else ""
        words = prev.text.lower().split()
        return bool(level) and (words[-2:] == [level, "ủy"] or words[-1:] == [level]) and not any(
            t.capitalised for t in tokenize(prev.text)[len(words) - 2 :] if t.key not in (level,))

    def shared_plural(self, last: UnitSpan, k: int) -> UnitSpan | None:
        """"các bộ, tỉnh": a bare level word after the comma shares the plural of the unit
        before it ("các tỉnh"), when that unit is a plural head alone and no name follows."""
        toks = self.toks
        words = last.text.split()
        if len(words) != 2 or words[0].lower() != "các" or k + 1 >= len(toks) \
                or toks[k].text != "," or toks[k + 1].key not in self.lex.shared_levels:
            return None
        nxt = toks[k + 2] if k + 2 < len(toks) else None
        if nxt is not None and (nxt.capitalised or nxt.text in (",", "/", "-", "–")):
            return None  # "tỉnh Lâm Đồng", a list going on
        t = toks[k + 1]
        return UnitSpan(f"{words[0]} {t.text}", t.start, t.end)

    def colon_list(self, i: int) -> tuple[list[UnitSpan], int] | None:
        """"Các Sở: Nội vụ, Tư pháp, Văn hóa, Thể thao và Du lịch" → one unit per name,
        the head put before each ("Sở Nội vụ" ...); None unless such a list starts at i."""
        toks = self.toks
        j = self.role_end(i)
        n, kind = self.head(j)
        colon = j + n
        if kind == "head" and colon < len(toks) and toks[colon].key == "các":
            return self.level_list(i, j, colon)
        also = 0
        if kind in ("named", "head") and colon + 1 < len(toks) and toks[colon].text == "," and toks[j].capitalised:
            # "Các Bộ, cơ quan: Tài chính, Xây dựng, Tập đoàn X": the list names the heads' members
            # and other bodies, each with its own head
            also = _match(toks, colon + 1, self.lex.collective_tail)
            if also and colon + 1 + also < len(toks) and toks[colon + 1 + also].text == ":":
                colon += 1 + also
                kind = "named"
            else:
                also = 0
        if kind == "head" and n and _match(toks, j, self.lex.named_heads) == n and colon < len(toks) and toks[colon].text == ":" \
                and j > i and toks[j - 1].key == "các":
            kind = "named"  # "các sở: Tài chính, Nội vụ": a named head written in lower case before its list
        if kind != "named" or colon >= len(toks) or toks[colon].text != ":":
            return None
        role = self.text[toks[i].start : toks[j].start]
        if toks[j - 1].key == "các" and j - 1 >= i:
            role = self.text[toks[i].start : toks[j - 1].start]  # "các" goes: each is one unit
        head = self.text[toks[j].start : toks[j + n - 1].end]
        head = head[:1].upper() + head[1:]
        out: list[UnitSpan] = []
        k = colon + 1
        while self.colon_list_at(k) or (also and self._own_unit_at(k)):
            if not self.colon_list_at(k):
                # a body with its own head among them ("Tập đoàn Điện lực Việt Nam"): whole, as written
                span = self._own_unit_at(k)
                out.append(span)
                k = next((x for x in range(k, len(toks)) if toks[x].start >= span.end), len(toks))
                if k < len(toks) and toks[k].text == "," and (self.colon_list_at(k + 1) or self._own_unit_at(k + 1)):
                    k += 1
                    continue
                break
            m = _match(toks, k, self.lex.known_tails)
            end = k + m if m else self.cap_word(k)
            while not m and end < len(toks):
                # "Đường bộ Việt Nam", "Lao động - Thương binh và Xã hội"
                if toks[end].capitalised and not self.unit_start(end) and not _match(toks, end, self.lex.stop_cues):
                    end = self.cap_word(end)
                elif toks[end].text in ("-", "–") or toks[end].key in ("và", "&"):
                    if end + 1 < len(toks) and toks[end + 1].capitalised and not self.unit_start(end + 1):
                        end = self.cap_word(end + 1)
                    else:
                        break
                else:
                    break
            name = self.text[toks[k].start : toks[end - 1].end]
            out.append(UnitSpan(f"{role}{head} {name}", toks[k].start, toks[end - 1].end))
            k = end
            if k < len(toks) and toks[k].text == "," and (self.colon_list_at(k + 1) or (also and self._own_unit_at(k + 1))):
                k += 1
                continue
            break
        return (out, k) if out else None

    def place_list(self, i: int) -> tuple[list[UnitSpan], int] | None:
        """"Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng" → "tỉnh Nghệ An", "tỉnh Quảng Ngãi", "tỉnh Cao
        Bằng": a plural level before the places it names, each place a unit of its own."""
        toks = self.toks
        if i + 2 >= len(toks) or toks[i].key != "các":
            return None
        j = i + 1
        n = 2 if toks[j].key == "thành" and toks[j + 1].key == "phố" else int(toks[j].key in self.lex.shared_levels)
        if not n or not self.colon_list_at(j + n) or self.opener_at(j + n):
            return None
        level = self.text[toks[j].start : toks[j + n - 1].end].lower()
        out: list[UnitSpan] = []
        end = j + n
        while self.colon_list_at(end) and not self.opener_at(end):
            start, end = end, self.cap_word(end)
            while end < len(toks) and toks[end].capitalised and not self.unit_start(end) and not self.opener_at(end):
                end = self.cap_word(end)  # "Hồ Chí Minh"
            out.append(UnitSpan(f"{level} {self.text[toks[start].start : toks[end - 1].end]}",
                                toks[start].start, toks[end - 1].end))
            if end + 1 < len(toks) and (toks[end].text == "," or toks[end].key == "và") and self.colon_list_at(end + 1) \
                    and not self.unit_start(end + 1):
                end += 1
                continue
            break
        return (out, end) if out else None

    def _own_unit_at(self, k: int) -> UnitSpan | None:
        """A unit with its own head starting at token k ("Tập đoàn Điện lực Việt Nam"), else None."""
        if k >= len(self.toks) or not self.toks[k].capitalised or self.head(k)[1] not in ("named", "known"):
            return None
        spans, _end = units_at(self.text, self.toks[k].start)
        return spans[0] if spans and spans[0].start == self.toks[k].start else None

    def level_list(self, i: int, j: int, k: int) -> tuple[list[UnitSpan], int] | None:
        """"UBND các thành phố: Hà Nội, Cần Thơ" → "UBND thành phố Hà Nội", "UBND thành phố
        Cần Thơ": the head and the level put before each place named after the colon."""
        toks = self.toks
        m = _match(toks, k + 1, self.lex.collective_tail) or int(k + 1 < len(toks) and toks[k + 1].key in self.lex.shared_levels)
        colon = k + 1 + m
        while m and colon + 1 < len(toks) and toks[colon].text == "," and _match(toks, colon + 1, self.lex.collective_tail):
            colon += 1 + _match(toks, colon + 1, self.lex.collective_tail)  # "các tỉnh, thành phố: A, B": the first level for each
        if not m or colon >= len(toks) or toks[colon].text != ":" or not self.colon_list_at(colon + 1) \
                or self.opener_at(colon + 1) and not _match(toks, colon + 1, self.lex.known_tails):
            return None  # "Ủy ban nhân dân các xã, phường: Tổng hợp, phân tích ...": the work, no place
        head = self.text[toks[i].start : toks[j].start] + self.text[toks[j].start : toks[k - 1].end]
        level = self.text[toks[k + 1].start : toks[k + m].end]
        out: list[UnitSpan] = []
        places: list[str] = []
        end = colon + 1
        while self.colon_list_at(end):
            known = _match(toks, end, self.lex.known_tails)  # "Bộ trưởng các Bộ: Khoa học và Công nghệ, ..."
            start, end = end, (end + known if known else self.cap_word(end))
            while not known and end < len(toks) and toks[end].capitalised and not self.unit_start(end) and not self.opener_at(end):
                end = self.cap_word(end)  # "Hồ Chí Minh"
            places.append(self.text[toks[start].start : toks[end - 1].end])
            out.append(UnitSpan(f"{head} {level} {places[-1]}", toks[start].start, toks[end - 1].end))
            if end + 1 < len(toks) and (toks[end].text == "," or toks[end].key == "và") and self.colon_list_at(end + 1):
                end += 1
                continue
            break
        if out:
            self.places = (level, places)
        return (out, end) if out else None

    def _span(self, i: int, j: int) -> UnitSpan:
        start, end = self.toks[i].start, self.toks[j - 1].end
        return UnitSpan(self.text[start:end], start, end)


def _initials(name: str) -> str:
    """The first letters of the capitalised words at the end of `name` ("... Ủy ban nhân dân" → "UBND")."""
    words = name.split()[-8:]
    while words and not words[0][:1].isupper():
        words = words[1:]
    return "".join(fold(w[:1]).upper() for w in words)


_PLACE = re.compile(r"(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|đặc khu)\s+[A-ZĐÂĂÊÔƠƯ]\w*(?:\s+[A-ZĐÂĂÊÔƠƯ]\w*)*$")
_BODY_OF_PLACE = re.compile(r"(?P<body>(?:(?:Chủ tịch|Phó Chủ tịch|Thường trực)\s+)?(?:Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND))\s+"
                            r"(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|đặc khu)\s+[A-ZĐÂĂÊÔƠƯ]")

_ROMAN_NUMERAL = re.compile(r"^[IVXLC]+$")
_OFFICE_WORDS = frozenset(("phòng",))  # an office word that is also the first syllable of verbs ("phòng cháy", "phòng tránh")

PORTFOLIO_WORDS = 8  # "phụ trách văn hóa - xã hội": a portfolio is a few words
PERSON_WORDS = 5  # a person's name ("Nguyễn Thị Minh Khai") is never longer than this
TOPIC_WORDS = 10  # a body's topic is never longer than this many words

_SEPARATOR = re.compile(r"[;,]|\svà\s")
WINDOW = 600  # no list of unit names runs longer than this many characters


def units_at(text: str, pos: int = 0) -> tuple[list[UnitSpan], int]:
    """The unit names listed at character `pos` of `text`, and where the list ends (a char offset)."""
    window = text[pos : pos + WINDOW]
    sc = _Scanner(window)
    spans, j = sc.units(0)
    end = sc.toks[j].start if j < len(sc.toks) else len(window)
    for sp in spans:
        sp.start += pos
        sp.end += pos
    return spans, (pos + end) if spans else pos


def plural_kind(text: str, pos: int) -> UnitSpan | None:
    """A plural kind the heads leave out at char `pos` ("các tổ chức, cá nhân liên quan", "các doanh nghiệp"), where
    a list or a clause puts a subject (never at a sentence's start: "Tổ chức ..." opens work); else None."""
    window = text[pos : pos + WINDOW]
    sc = _Scanner(window)
    end = sc.plural_kind_end(0)
    if end is None:
        return None
    span = sc._span(0, end)
    return UnitSpan(span.text, span.start + pos, span.end + pos)


def partners_at(text: str, pos: int = 0) -> list[str]:
    """The partners listed at `pos` after "phối hợp với": the units the scanner knows there; when
    the list opens with a name it does not know ("các tổ chức, chính quyền địa phương để ...",
    "các lực lượng và UBND các xã huy động ..."), the names as written up to where the work
    starts: an instruction's verb, a role cue, a clause word (unit_phrases.toml `partner_ends`)
    or a sentence mark. None when more than `partner_words` unknown syllables come before that
    end (the verb was not one the lists know). After a known name the words are the verb's
    ("phối hợp với Sở Tài chính xem xét ..."): the scanner's list stands."""
    spans, end = units_at(text, pos)
    if spans:
        names = [s.text for s in spans]
        stop = spans[-1].end
        if is_generic(names[-1]) and goes_on(text[end:]) and (stop := qualified_end(text, end, need_verb=False)):
            names[-1] = text[spans[-1].start : stop]  # "các đơn vị cấp nước thuộc phạm vi ... kiểm tra"
            sep = re.match(r"\s*(?:,|và)\s+", text[stop:])
            if sep and units_at(text, stop + sep.end())[0]:
                names += [n for n in partners_at(text, stop + sep.end()) if n not in names]  # the list goes on after them
                return names
        sep = re.match(r"[ \t]*(?:,|và)\s+", text[stop:])
        if sep and not opens_work(rest := text[stop + sep.end() :]) \
                and not opens_clause(rest) and (rest[:1].isupper() or re.match(r"(?:các|những)\s", rest)):
            # "phối hợp chính quyền địa phương, Mặt trận cơ sở và các đoàn thể giám sát ...": after a separator the
            # list goes on (with names the lists do not know too), up to where the work starts
            more = partners_at(text, stop + sep.end())
            lex = lexicon()
            if not any(re.search(r"\bđược\b", n) or n.split()[0] in lex.not_unit_acronyms for n in more):
                names += [n for n in more if n not in names]  # not "Sở Y tế, TTHC được niêm yết ...": a thing, passive
        return names  # after a name the scanner knows (and the words saying which), the words are the verb's
    sc = _Scanner(text[end : end + WINDOW])
    lex, toks = sc.lex, sc.toks
    k = 0
    while k < len(toks):
        t = toks[k]
        after_plural = k > 0 and toks[k - 1].key in ("các", "những")  # "các tổ chức", "các cấp": nouns
        if t.text in (";", ".", ":", "(", ")") or not after_plural and (
                _match(toks, k, lex.openers) or _match(toks, k, lex.stop_cues) or _match(toks, k, lex.partner_ends)):
            break
        k += 1
    if not any(t.text.isalnum() for t in toks[:k]):
        return []
    listed = text[pos : end + toks[k - 1].end]
    names = split_units(listed)
    if len(names) > 1 and _kinds_only(listed, names):
        names = [listed.strip(" ,")]  # "các tổ chức, chính quyền địa phương": one collective as written
    unknown = 0
    for name in names:
        found = units_at(name)[0]
        unknown += len(name.split()) - (len(found[0].text.split()) if found and found[0].start == 0 else 0)
    # "Thư" of "Thư ký" cut by the verb "ký": a name of one syllable is a word cut in two, no name
    return [] if unknown > lex.partner_words or any(len(n.split()) < 2 for n in names) else names


NAME_TAIL_WORDS = 8  # "Trung tâm Bảo tồn | di sản Thăng Long - Hà Nội": the rest of a body's own name is short


def proper_tail_end(text: str, pos: int) -> int | None:
    """Where a body's own name that the scanner cut ends, when the words after the cut run on in lower case to a
    capitalised name closing it ("Trung tâm Bảo tồn | di sản Thăng Long - Hà Nội", "Ban Quản lý khu | Kinh tế tỉnh
    Đồng Tháp"): no instruction's verb, role cue, modal or clause word among them, at most `NAME_TAIL_WORDS`
    words, then a sentence mark, a comma or a verb. None otherwise."""
    toks = _Scanner(text[pos : pos + 200]).toks
    lex = lexicon()
    k = last_cap = 0
    while k < len(toks):
        t = toks[k]
        if t.text in (",", ";", ".", ":", "(", ")") or t.key in ("và", "là"):
            break  # "là" says what the body is: its name has ended
        if not t.capitalised and (_match(toks, k, lex.openers) or _match(toks, k, lex.stop_cues)
                                  or _match(toks, k, lex.name_ends) or _match(toks, k, lex.partner_ends)):
            break
        if t.capitalised and k and (_match(toks, k, lex.openers) or _match(toks, k, lex.stop_cues)):
            break
        if t.text[:1].isalpha() and t.capitalised:
            last_cap = k + 1
        elif not (t.text[:1].isalpha() or t.text in ("-", "–")):
            break
        k += 1
    words = [t for t in toks[:last_cap] if t.text[:1].isalpha()]
    if not last_cap or len(words) > NAME_TAIL_WORDS or not toks[0].text[:1].isalpha() or last_cap < k:
        return None  # lower-case words after the last capital: the verb's, the name ended before them
    return pos + toks[last_cap - 1].end


LIST_PIECE_WORDS = 6  # a name the lists do not know, within a list of names, is a few words ("chính quyền địa phương")


def names_go_on(text: str, pos: int) -> tuple[list[str], int] | None:
    """A subject's list going on at `pos` (right after a name the scanner knows) past names it does not know, up to
    where the work starts ("Lực lượng Kiểm lâm, Công an | , Quân đội, chính quyền địa phương, chủ rừng | phối hợp
    ..."): (the further names, their end), one per separator, known ones as the scanner reads them; the list must
    end right before an instruction's verb, a role cue or a modal (unit_phrases.toml `openers`, `name_ends`). None
    when it does not, or a piece is long or opens work or a clause."""
    out: list[str] = []
    lex = lexicon()
    p = pos
    while len(out) < 12:
        sep = re.match(r"[ \t]*(?:,|\svà)\s+", text[p:])
        if sep is None:
            break
        q = p + sep.end()
        spans, end = units_at(text, q)
        if spans and spans[0].start == q:
            out += [s.text for s in spans]
            p = end
            continue
        toks = _Scanner(text[q : q + 200]).toks
        k, stop = 0, False
        agent = _match(toks, 0, lex.agent_nouns)  # "người | sử dụng": the verb after an agent noun is the name's
        while k < len(toks):
            t = toks[k]
            if t.text in (",", ";", ".", ":", "(", ")") or t.key == "và":
                break
            if k == agent and agent:
                k += max(1, _match(toks, k, lex.openers))
                continue
            if _match(toks, k, lex.openers) or _match(toks, k, lex.stop_cues) or _match(toks, k, lex.name_ends) \
                    or _match(toks, k, lex.partner_ends):
                stop = True
                break
            k += 1
        if not k or k > LIST_PIECE_WORDS or (stop and not (_match(toks, k, lex.openers) or _match(toks, k, lex.stop_cues)
                                                            or _match(toks, k, lex.name_ends))):
            return None  # a long piece, one opening work, or a clause word ending it: no name
        out.append(text[q : q + toks[k - 1].end])
        p = q + toks[k - 1].end
        if stop:
            return out, p
    if out and opens_work(text[p:].lstrip()):
        return out, p
    return None


def _kinds_only(listed: str, names: list[str]) -> bool:
    """Partners written as lower-case kinds joined by commas only, no name, no ";" or "và"
    ("các tổ chức, chính quyền địa phương"): kinds of one collective, not several units."""
    return (";" not in listed and " và " not in listed and not any(c.isupper() for c in listed[1:])
            and all(n[:1].islower() for n in names[1:]))


_PLURALS = ("các", "những", "mọi")


def is_generic(name: str) -> bool:
    """A name made of common nouns only ("các đơn vị", "Các cơ quan, tổ chức", "nhà đầu tư"), no
    proper name: what kind of unit it is, not which. Words after it may say which."""
    toks = [t for t in tokenize(name) if t.text != ","]
    lex = lexicon()
    plural = next((p for p in range(1, len(toks) - 1) if toks[p].key in _PLURALS), None)
    if plural is not None and is_generic(" ".join(t.text for t in toks[plural:])):
        # "Ủy ban nhân dân các địa phương", "Chủ tịch UBND các tỉnh, thành phố": the body of each of a
        # kind of place, which places the words after it may say ("... có nông sản xuất khẩu ...")
        return True
    k = 0
    while k < len(toks) and toks[k].key in _PLURALS:
        k += 1
    if k >= len(toks) or len(toks) - k == 1 and toks[k].key in lex.localities:
        return False  # "tỉnh" of "các bộ, tỉnh": a level, and a place's name is what would follow it
    while k < len(toks):
        if toks[k].key in _PLURALS:
            k += 1
            continue
        n = _match(toks, k, lex.common_heads) or (k and _match(toks, k, lex.kind_charges))  # "cơ quan quản lý nhà nước": a kind still
        if not n:
            return False  # "UBND", "Công an xã": a body with a name of its own
        k += n
    return True


def names_agent(name: str) -> bool:
    """Does `name` open with a kind of actor, after a plural: a head of unit_phrases.toml `common_heads`
    ("Doanh nghiệp kinh doanh xăng dầu", "Các tổ chức tín dụng"), of `staff_heads`, or a noun that makes an
    agent of what follows it (`agent_nouns`: "Người nộp thuế", "Chủ cơ sở", "Hộ gia đình ...")?"""
    toks = tokenize(name)
    lex = lexicon()
    i = 0
    while i < len(toks) and toks[i].key in (*_PLURALS, "tất", "cả"):
        i += 1
    return bool(_match(toks, i, lex.common_heads) or _match(toks, i, lex.staff_heads) or _match(toks, i, lex.agent_nouns))


def is_staff(name: str) -> bool:
    """Does `name` open with a head of staff ("Cán bộ, công chức", "Các công chức"; unit_phrases.toml
    `staff_heads`)?"""
    toks = tokenize(name)
    i = 1 if toks and toks[0].key in _PLURALS else 0
    return bool(_match(toks, i, lexicon().staff_heads))


def ends_kind(text: str) -> bool:
    """Does `text` end on a head, a collective word or a level ("... của các Bộ")?"""
    sc = _Scanner(text[-120:])
    return sc.kind_ends(len(sc.toks))


def goes_on(rest: str) -> bool:
    """Do the words after a name go on in lower case (" cấp nước ...", " 02 dự án", ", chính quyền ...")?"""
    rest = rest.lstrip()
    if rest.startswith(","):
        rest = rest[1:].lstrip()
        return rest[:1].isalpha() and rest[:1].islower() and not rest.startswith("và ")
    return rest[:1].isalnum() and not rest[:1].isupper()


def qualified_end(text: str, pos: int, need_verb: bool = True, colon_ends: bool = False) -> int | None:
    """Where the words that say which units a common noun means end ("các đơn vị | cấp nước thuộc
    phạm vi | kiểm tra ...", "Các cơ quan | truyền thông | tiếp tục ...", "Các bệnh viện | đa khoa,
    chuyên khoa trong và ngoài công lập | được giao ..."), from char `pos` right after the noun:
    lower-case words up to the verb, an instruction's verb, a role cue or a word of
    unit_phrases.toml `name_ends` (after "phối hợp với", not `need_verb`: a clause word of
    `partner_ends` too). A comma goes on only before a kind of unit the lists know ("..., chuyên
    khoa", "..., chính quyền các cấp"); a parenthesis stays. None when no such verb comes within
    `qualifier_words` words, at "và", a capitalised word or a sentence mark: the words may be the
    verb's own (one the openers do not list), and a name cut there would be wrong. With `colon_ends`, a
    colon closing the text, or before an instruction, ends the words as a verb would: a heading that only
    names whom its items are for ("Các cơ sở | nuôi trồng thủy sản:"), or the work run on after it."""
    if _COMPLETE.search(text[max(0, pos - 20) : pos]):
        return None  # "các bộ, cơ quan liên quan | xuất cấp ...": the name said which already, a verb follows
    sc = _Scanner(text[pos : pos + WINDOW])
    toks, lex = sc.toks, sc.lex
    pairs = word_pairs()
    k = words = 0
    after_comma = -1  # unknown words since a comma that went on (-1: none yet)
    while k < len(toks):
        t = toks[k]
        if t.text == "(":
            close = next((m for m in range(k + 1, min(len(toks), k + 30)) if toks[m].text == ")"), None)
            if close is None:
                return None
            k = close + 1
            continue
        inner = _match(toks, k, lex.inner_words)
        after_plural = k > 0 and toks[k - 1].key in _PLURALS
        # the second half of a word is no verb ("đăng nhập" is not "nhập")
        split_word = k > 0 and toks[k - 1].text.isalpha() and f"{toks[k - 1].key} {t.key}" in pairs
        verb = max(_match(toks, k, lex.openers), _match(toks, k, lex.stop_cues), _match(toks, k, lex.name_ends))
        if not need_verb:
            verb = max(verb, _match(toks, k, lex.partner_ends))
        if k == 0 and _match(toks, k, lex.kind_verbs) and ends_kind(text[:pos]):
            verb = 0  # "các đơn vị | quản lý đường bộ ...": the bodies in charge of it
        if verb == 1 and k and toks[k - 1].key == "có" and not _match(toks, k - 1, lex.openers):
            verb = 0  # "các cơ sở sản xuất có | lưu lượng xả thải lớn": a syllable of what "có" has, not a verb
        if verb and verb > inner and not after_plural and not split_word:
            if toks[k - 1].text == ",":
                return None  # "... tăng thời lượng, tuyên truyền ...": verbs in a row, the words before were one too
            break
        if t.key in _PLURALS and k and toks[k - 1].text != "," and not _match(toks, k + 1, lex.common_heads):
            return None  # "tháo gỡ các khó khăn": a verb's object, not the units' kind ("chính quyền các cấp" is)
        if t.text == "," and not words and k + 2 < len(toks) and toks[k + 1].key in _PLURALS \
                and _match(toks, k + 2, lex.collective_tail) and toks[k + 2].key != "cấp":
            return None  # ", các tổ chức, cá nhân ...": the list goes on, no words saying which (not ", các cấp")
        if t.text == "," and words and k + 2 < len(toks) and toks[k + 1].key in _PLURALS and _match(toks, k + 2, lex.common_heads):
            return pos + toks[k - 1].end  # "các đơn vị quản lý đường bộ, | các lực lượng ...": the next unit
        if (t.text == "," or t.key == "và") and words and k + 1 < len(toks) and not inner and sc.unit_start(k + 1) \
                and (toks[k + 1].capitalised or toks[k + 1].key in _PLURALS):
            return pos + toks[k - 1].end  # "ngành công thương | và các địa phương", "..., | UBND các xã": the next unit
        if t.text == "," and k + 1 < len(toks) and toks[k + 1].text.isalpha() and not toks[k + 1].capitalised \
                and toks[k + 1].key != "và":
            k += 1
            after_comma = 0
            continue
        if t.text.isalnum() and not t.capitalised and t.key != "và":
            n = inner or 1
            k += n
            words += 1  # a phrase of the lists ("trong và ngoài công lập") counts as one
            if after_comma >= 0 and not inner and not _match(toks, k - n, lex.common_heads):
                after_comma += 1
            if words > QUALIFIER_WORDS or after_comma > COMMA_WORDS:
                return None  # "..., ưu tiên bố trí": after a comma, a verb the lists do not know
            continue
        if colon_ends and t.text == ":" and (k == len(toks) - 1 and len(text) <= pos + WINDOW or sc.opener_at(k + 1)):
            break  # the heading's colon, nothing after it or the work of the units it names ("...: Theo dõi ...")
        if (ref := _DOC_PART.match(sc.text, t.start)) is not None:
            # "Các cơ quan, đơn vị quy định tại Điều 1 Quy chế này | có trách nhiệm": a part of a document
            k = next((m for m in range(k, len(toks)) if toks[m].end >= ref.end()), len(toks) - 1) + 1
            words += 1
            continue
        return None
    else:
        return None
    if k and toks[k - 1].key == "có" and k < len(toks) and toks[k].text != ":":
        k -= 1  # "Cơ quan, đơn vị | có yêu cầu cấp mới ...": "có" before a verb is the predicate's, no word of the name
        words -= 1
    if not words and after_comma < 0:
        return None
    return pos + toks[k - 1].end


# A part of a document or the document itself, capitalised inside words that say which units
# ("quy định tại Điều 1 Quy chế này", "tham gia Kế hoạch này").
_DOC_PART = re.compile(r"(?:(?:Điều|Khoản|Mục|Phần|Phụ lục|Chương)\s+[\dIVXLC]+(?:\s+(?:của\s+)?[A-ZĐ]\w*(?:\s+[a-zà-ỹđ]\w*){0,2}\s+này)?"
                       r"|[A-ZĐ]\w*(?:\s+[a-zà-ỹđ]\w*){0,2}\s+này)\b")
# Words that end a kind's name whole ("các cơ quan có liên quan", "các đơn vị khác"): lower-case words after
# them are the verb's, whichever verb it is.
_COMPLETE = re.compile(r"\b(?:liên quan|khác|còn lại)\s*$")
# The words closing a catch-all group right after its kinds ("các đơn vị | có liên quan", "các cơ quan | khác").
_CATCH_ALL = re.compile(r"\s*(?:(?:có )?liên quan|khác|còn lại)\b")
QUALIFIER_WORDS = 8  # "cấp nước thuộc phạm vi quản lý": what says which units is a short phrase
COMMA_WORDS = 2  # "..., báo chí", "..., chuyên khoa": after a comma, another kind in a word or two


def named_by_kind(text: str) -> tuple[str, int] | None:
    """A subject the unit list does not know, named by its kind and what qualifies it, opening the
    text: a plural ("Các", "Những", "Mọi", "Tất cả") then lower-case words up to an instruction's
    verb ("Các doanh nghiệp công nghệ số | căn cứ ...", "Các cơ sở sản xuất | tuân thủ ...").
    Not a plural of things (unit_phrases.toml `not_agents`: "Các nội dung ..."). (name, end) or None."""
    m = re.match(r"(?:[Tt]ất cả(?: các)?|[Cc]ác|[Nn]hững|[Mm]ọi)\s+(?=[a-zà-ỹđ])", text)
    if not m:
        return None
    toks = tokenize(text[m.end() : m.end() + 80])
    lex = lexicon()
    if not toks or _match(toks, 0, lex.not_agents) or _match(toks, 0, lex.openers) or _match(toks, 0, lex.stop_cues):
        return None
    end = qualified_end(text, m.end(), need_verb=True)
    if end is None or end <= m.end():
        return None
    return text[:end], end


def names_things(text: str) -> bool:
    """Does `text` open with a plural of things, never an actor ("các nội dung", "những nhiệm vụ":
    unit_phrases.toml `not_agents`)?"""
    m = re.match(r"(?:(?:[Tt]ất cả|[Cc]ác|[Nn]hững|[Mm]ọi|[Mm]ột số)\s+)+", text)
    toks = tokenize(text[m.end() if m else 0 :][:80])
    return bool(toks) and bool(_match(toks, 0, lexicon().not_agents))


def split_units(text: str) -> list[str]:
    """A cell or line that only lists units ("Sở, ban, ngành; UBND cấp huyện, UBND cấp xã") → names.

    Parts the scanner does not recognise are kept as written, so nothing the
    document says is lost. A list of names after a colon follows colon_list.
    """
    text = text.strip()
    if (listed := colon_list(text)) is not None:
        return listed
    return _split_units(text)


_COLON = re.compile(r"^(?P<pre>[^:;()]{2,120}?)\s*:\s*(?P<names>[^:]+?)[\s.;]*$")


def colon_list(text: str) -> list[str] | None:
    """A line naming units after a colon, as the gold reads it (s33 convention 4): under ONE kind of body and at
    most ONE office, one unit per name with the office and the kind ("Các Sở: A, B; C" → "Sở A", "Sở B", "Sở C";
    "Bộ trưởng các Bộ: A, B" → "Bộ trưởng Bộ A", ...; "Tổng giám đốc: Đài A, Đài B" → "Tổng giám đốc Đài A", ...);
    names with commas inside stay whole ("Bộ Văn hóa, Thể thao và Du lịch"). Places whose kind the text does
    not give ("Chủ tịch UBND các tỉnh, thành phố: Huế, Đà Nẵng") or two offices ("Bí thư Tỉnh ủy, Chủ tịch UBND
    các tỉnh: A, B") stay ONE unit as written. None when the text is no such line."""
    m = _COLON.match(text)
    if m is None:
        return None
    pre, names = m.group("pre").strip(), m.group("names").strip()
    toks = [t for t in tokenize(pre)]
    lex = lexicon()
    if not toks or not names[:1].isupper():
        return None
    parts = [p.strip() for p in pre.split(",")]
    # offices joined by "," or "và", an honorific before the first ("Đồng chí Bí thư tỉnh ủy và Chủ tịch UBND
    # các tỉnh: A, B"): each post counts
    offices = sum(1 for p in re.split(r",|\svà\s", pre) if _office_at(tokenize(p.strip()), lex))
    plural = next((k for k, t in enumerate(toks) if t.key in _PLURALS), None)
    if offices >= 2:
        return [text.rstrip(" .;")]  # two offices: one unit as written
    if plural is not None and sum(1 for t in toks[plural + 1 :] if t.key in lex.localities) >= 2:
        return [text.rstrip(" .;")]  # "các tỉnh, thành phố: Huế, Đà Nẵng": which place is which kind is not said
    if plural is not None:
        # "Các Sở: A, B; C": the kind goes on after ";" ("Giáo dục và Đào tạo" is "Sở Giáo dục và Đào tạo")
        out: list[str] = []
        for seg in (s.strip() for s in names.split(";")):
            if seg:
                got = _split_units(f"{pre}: {seg}")
                if not got or any(g.startswith(":") for g in got):
                    return None
                out += got
        return out
    if offices == 1 and len(parts) == 1 and _match(toks, 0, lex.role_words) == len(toks):
        # "Tổng giám đốc: Đài A, Đài B": an office alone, then bodies with names of their own
        bodies = _split_units(names)
        if bodies and all(b[:1].isupper() and units_at(b, 0)[0] for b in bodies):
            return [f"{pre} {b}" for b in bodies]
    return None


def _office_at(toks: list[Tok], lex: _Lexicon) -> bool:
    """Does a post open `toks`, after an honorific ("Đồng chí Bí thư ...") if one stands there?"""
    n = _match(toks, 0, lex.role_words)
    if n and all(t.key in ("các", "đồng", "chí") for t in toks[:n]):
        return bool(_match(toks, n, lex.role_words))  # "Đồng chí" alone is no post: the post follows it
    return bool(n)


def _split_units(text: str) -> list[str]:
    out: list[str] = []
    pos = 0
    while pos < len(text):
        if text[pos] in "-–+•" and text[pos + 1 : pos + 2] == " ":
            pos += 2  # a cell listing its units as bullets ("- Bộ Nông nghiệp và Môi trường; - Bộ Công an")
            continue
        spans, end = units_at(text, pos)
        if spans:
            out.extend(s.text for s in spans)
            pos = end
            tail = _SEPARATOR.search(text, pos)
            rest = text[pos : tail.start() if tail else len(text)].strip(" ,;.")
            if rest.startswith(("và ", "& ")):
                pass  # "các bộ, ngành và cộng đồng người dân": the next unit, not words of this name
            elif rest and (text[pos:pos + 1] == " " or text[pos - 1:pos].isspace()):
                if not opens_work(rest):
                    out[-1] = f"{out[-1]} {rest}"  # words the scanner did not know, inside the same name
                # else: "Các bệnh viện trực thuộc chủ động đề xuất ...": what they do, not their name
                pos = tail.start() if tail else len(text)
        else:
            m = _SEPARATOR.search(text, pos)
            piece = text[pos : m.start() if m else len(text)].strip(" ,;.")
            if piece:
                out.append(piece)
            pos = m.end() if m else len(text)
        while pos < len(text) and text[pos] in " ,;.":
            pos += 1
        if text[pos : pos + 3] == "và ":
            pos += 3
    return out


def says_work(text: str, clause_words: bool = True) -> bool:
    """Does an instruction's verb or a role cue stand anywhere in `text` ("các hộ kinh doanh thực hiện")? Without
    `clause_words`, the words that open a clause ("trong", "trên", "theo": unit_phrases.toml `partner_ends`) are none."""
    sc = _Scanner(text[:WINDOW])
    return any((_match(sc.toks, k, sc.lex.openers) and (clause_words or not _match(sc.toks, k, sc.lex.partner_ends)))
               or _match(sc.toks, k, sc.lex.stop_cues) for k in range(len(sc.toks)))


def opens_clause(text: str) -> bool:
    """Does `text` start with a clause word that ends a list of partners ("trong", "để", "theo": unit_phrases.toml
    `partner_ends`), not a verb?"""
    sc = _Scanner(text[:40])
    return bool(sc.toks) and bool(_match(sc.toks, 0, sc.lex.partner_ends))


def opens_work(text: str) -> bool:
    """Does `text` start with an instruction's verb ("chủ động đề xuất", "thực hiện ...")?"""
    sc = _Scanner(text[:80])
    return bool(sc.toks) and bool(_match(sc.toks, 0, sc.lex.openers) or _match(sc.toks, 0, sc.lex.stop_cues))


STAFF_HEADING_WORDS = 16  # a staff heading is a name, never longer than this


def staff_heading(text: str) -> str | None:
    """The whole text when it only names staff or members ("Cán bộ phụ trách lĩnh vực
    giám sát và phản biện xã hội", "Các tổ chức thành viên của MTTQ xã"), else None."""
    name = text.strip().rstrip(":").strip()
    if not name or name.endswith((".", ";")):
        return None
    toks = tokenize(name)
    lex = lexicon()
    # The fields a post is in charge of ("... phụ trách lĩnh vực Dân tộc, Tôn giáo và các Hội
    # quần chúng") are a list of names: the limit counts the words before them, and theirs apart.
    cut = next((j for j in range(len(toks)) if _match(toks, j, lex.qualifiers)), None)
    words = [t for t in toks if t.text not in ",;:-–"]
    before = len(words) if cut is None else len([t for t in toks[:cut] if t.text not in ",;:-–"])
    if before > STAFF_HEADING_WORDS or len(words) - before > STAFF_HEADING_WORDS:
        return None
    i = 1 if toks and toks[0].key == "các" else 0
    if _match(toks, i, lex.staff_heads):
        return name
    role = _match(toks, i, lex.role_words)
    if role and i + role < len(toks) and toks[i + role].text == "," and opens_work(name[toks[i + role].end :].strip()):
        return None  # "Lãnh đạo, chỉ đạo thực hiện": a topic in verbs, not a post
    return name if role else None


def is_opener(text: str, pos: int) -> bool:
    """Does an instruction (a capitalised verb or role cue) start at char `pos`?"""
    sc = _Scanner(text[pos : pos + 80].lstrip())
    return sc.opener_at(0)
