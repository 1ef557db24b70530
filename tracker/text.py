"""One Vietnamese text form for everything downstream, and a folded form for matching.

`normalize()` is what we keep and display: NFC, one tone-mark style, tidy
spaces. `fold()` is for search and matching only (no diacritics, lower case,
đ→d), never for display.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Tone marks on the second vowel of an open "oa", "oe", "uy" syllable move to
# the first ("hoà" → "hòa", "Uỷ" → "Ủy"), the style of the other samples and of
# underthesea. A following letter means a closed syllable ("hoàn"), which both
# styles write alike; "qu" + y keeps its mark on y ("quý").
_TONED = {
    "a": "àáảãạ",
    "e": "èéẻẽẹ",
    "y": "ỳýỷỹỵ",
}
_BASE = {"o": "òóỏõọ", "O": "ÒÓỎÕỌ", "u": "ùúủũụ", "U": "ÙÚỦŨỤ"}
_PAIRS = {"o": "ae", "O": "ae", "u": "y", "U": "y"}


def _build_tone_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for first, seconds in _PAIRS.items():
        for second in seconds:
            for tone, marked in enumerate(_TONED[second]):
                for s_plain, s_marked in ((second, marked), (second.upper(), marked.upper())):
                    table[first + s_marked] = _BASE[first][tone] + s_plain
    return table


_TONE_TABLE = _build_tone_table()
# A character class, not an alternation of the 60 pairs: three times faster on
# a long text (the 74K-word list is normalised at every start). A pair the
# class admits that is not in the table ("uà") is left as it is.
_TONE_RE = re.compile(
    r"(?<![qQ])([oOuU][" + "".join(sorted({pair[1] for pair in _TONE_TABLE})) + r"])(?![^\W\d_])"
)


def _tone(m: re.Match[str]) -> str:
    pair = m.group(1)
    return _TONE_TABLE.get(pair, pair)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# Also control characters (ESC, BEL, C1) and bidirectional overrides: a document's
# text must never steer a terminal or break an XML report (tracker/views/literal.py).
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\ufeff\u00ad\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def normalize(text: str) -> str:
    """NFC, one tone-mark style, no zero-width characters, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _TONE_RE.sub(_tone, text)
    return _SPACES.sub(" ", text).strip()


def normalize_tones(text: str) -> str:
    """Only the tone-mark unification of `normalize()` (keeps spacing)."""
    return _TONE_RE.sub(_tone, unicodedata.normalize("NFC", text))


_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower case, no diacritics, đ→d, single spaces: a key for search and matching."""
    if len(text) <= 40:
        return _fold_short(text)  # words and names recur: remember them
    return _fold(text)


@lru_cache(maxsize=65536)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return _SPACES.sub(" ", text.lower()).strip()


def fold_name(text: str) -> str:
    """`fold()` with "Ủy ban nhân dân" written as its everyday "UBND": two spellings of one
    body's name, or of one text that names it, give one key."""
    return fold(text).replace("uy ban nhan dan", "ubnd")


def fold_keep_length(text: str) -> str:
    """`fold()` that maps each character to exactly one, so offsets line up with `text`.

    Used where a match found in the folded text must be cut from the original.
    """
    out = []
    for ch in text:
        if ch in "đĐ":
            out.append("d")
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        low = base.lower()
        out.append(low if len(low) == 1 else base)
    return "".join(out)


def contains_folded(haystack: str, needle: str) -> bool:
    """Diacritic- and case-insensitive substring test ("tu phap" in "Tư pháp")."""
    return fold(needle) in fold(haystack)


def mostly_upper(text: str, share: float = 0.8) -> bool:
    """Are at least `share` of the letters capitals? (issuer lines, titles, signature titles)"""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= share * len(letters)
