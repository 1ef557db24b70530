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

from tracker import rules

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


def tokenize(text: str) -> list[Tok]:
    return [Tok(m.group(), m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text)]


Phrases = dict[str, tuple[tuple[str, ...], ...]]  # first word → phrases starting with it, longest first


@dataclass(frozen=True)
class _Lexicon:
    role_words: Phrases
    heads: Phrases
    named_heads: Phrases
    collective_tail: Phrases
    inner_words: Phrases
    compounds: Phrases
    openers: Phrases
    stop_cues: Phrases
    localities: frozenset[str]  # one-word administrative words a place name follows


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
    r = rules.load("unit_phrases")
    return _Lexicon(
        role_words=_phrases(r.strings("role_words")),
        heads=_phrases(r.strings("heads")),
        named_heads=_phrases(r.strings("named_heads")),
        collective_tail=_phrases(r.strings("collective_tail")),
        inner_words=_phrases(r.strings("inner_words")),
        compounds=_phrases(r.strings("compounds")),
        openers=_phrases(r.strings("openers")),
        stop_cues=_phrases(["chủ trì", "phối hợp", "chịu trách nhiệm", "có trách nhiệm"]),
        localities=frozenset(w.lower() for w in r.strings("localities")),
    )


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

    def opener_at(self, i: int) -> bool:
        if i >= len(self.toks):
            return False
        t = self.toks[i]
        return t.capitalised and bool(_match(self.toks, i, self.lex.openers) or _match(self.toks, i, self.lex.stop_cues))

    def stop_at(self, i: int) -> bool:
        return _match(self.toks, i, self.lex.stop_cues) > 0 or self.opener_at(i)

    def head_at(self, i: int) -> int:
        """Tokens taken by a head starting at i (0 if none)."""
        if i >= len(self.toks) or self.stop_at(i):
            return 0
        n = _match(self.toks, i, self.lex.heads)
        if n:
            return n
        n = _match(self.toks, i, self.lex.named_heads)
        if n and i + n < len(self.toks):
            nxt = self.toks[i + n]
            if (nxt.capitalised and not self.opener_at(i + n)) or (
                nxt.text == "," and _match(self.toks, i + n + 1, self.lex.collective_tail)
            ):
                return n
        return 0

    def unit_start(self, i: int) -> int:
        """Tokens of role word / "các" before a head at i, plus the head; 0 if no unit starts here."""
        j = i
        n = _match(self.toks, j, self.lex.role_words)
        if n:
            j += n
        if j < len(self.toks) and self.toks[j].key == "các":
            j += 1
        n = self.head_at(j)
        if not n:
            return 0
        return j + n - i

    def cap_word(self, j: int) -> int:
        """Index after the capitalised word at j: "Tư pháp", "Nội vụ" take their
        lower-case second syllable when the dictionary knows the pair."""
        toks = self.toks
        k = j + 1
        if k < len(toks) and not toks[k].capitalised and toks[k].text.isalpha():
            if f"{toks[j].text.lower()} {toks[k].text}" in word_pairs():
                k += 1
        return k

    def unit(self, i: int) -> int | None:
        """End token index of one unit name starting at i, or None."""
        n = self.unit_start(i)
        if not n:
            return None
        j = i + n
        toks = self.toks
        if toks[j - 1].capitalised:
            j = self.cap_word(j - 1)
        last = "head"
        while j < len(toks):
            t = toks[j]
            if self.stop_at(j):
                break
            if t.text in (",", ";"):
                tail = _match(toks, j + 1, self.lex.collective_tail) if t.text == "," else 0
                after = j + 1 + tail
                named = bool(tail) and after < len(toks) and toks[after].capitalised and not self.opener_at(after) \
                    and not _match(toks, after, self.lex.heads)
                if tail and not named and not self.unit_start(j + 1) > tail:
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
                if nxt < len(toks) and toks[nxt].capitalised and not self.unit_start(nxt) and not self.opener_at(nxt):
                    j, last = self.cap_word(nxt), "cap"  # "Thông tin và Truyền thông"
                    continue
                break
            if t.text in ("-", "–"):
                nxt = j + 1
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
                if last == "inner" and start and not _match(toks, j, self.lex.named_heads):
                    break
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
            m = _match(toks, j, self.lex.inner_words)
            if m:
                j, last = j + m, "inner"
                continue
            break
        # A name does not end on a connector.
        while j > i + n and toks[j - 1].key in ("các", "của", "và", "thuộc", "cấp"):
            j -= 1
        return j

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
        while True:
            end = self.unit(i)
            if end is None:
                break
            found.append(self._span(i, end))
            i = end
            if i < len(self.toks) and (self.toks[i].text in (",", ";") or self.toks[i].key in ("và", "&")):
                if self.unit_start(i + 1):
                    i += 1
                    continue
                break
            if i < len(self.toks) and self.unit_start(i):
                continue  # two names with nothing between them
            break
        return found, i

    def _span(self, i: int, j: int) -> UnitSpan:
        start, end = self.toks[i].start, self.toks[j - 1].end
        return UnitSpan(self.text[start:end], start, end)


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


def split_units(text: str) -> list[str]:
    """A cell or line that only lists units ("Sở, ban, ngành; UBND cấp huyện, UBND cấp xã") → names.

    Parts the scanner does not recognise are kept as written, so nothing the
    document says is lost.
    """
    out: list[str] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        spans, end = units_at(text, pos)
        if spans:
            out.extend(s.text for s in spans)
            pos = end
            tail = _SEPARATOR.search(text, pos)
            rest = text[pos : tail.start() if tail else len(text)].strip(" ,;.")
            if rest and text[pos:pos + 1] == " ":
                out[-1] = f"{out[-1]} {rest}"  # words the scanner did not know, inside the same name
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


def is_opener(text: str, pos: int) -> bool:
    """Does an instruction (a capitalised verb or role cue) start at char `pos`?"""
    sc = _Scanner(text[pos : pos + 80].lstrip())
    return sc.opener_at(0)
