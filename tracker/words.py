"""Vietnamese word segmentation by the dictionary that ships with underthesea.

underthesea's CRF `word_tokenize` costs about 1.5 s to import and load, more
than parsing a whole PDF; its bundled dictionary (Viet74K, read as a plain
file, ~40 ms) with longest-match gives the multi-syllable words we need
("thủ tục", "hành chính", "Tư pháp") for matching keywords and names.
"""
from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

from tracker.text import normalize_tones

MAX_SYLLABLES = 4
_SYLLABLE = re.compile(r"[^\W_]+|[^\w\s]")


def _dictionary_path() -> Path | None:
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "corpus" / "data" / "Viet74K.txt"
    return path if path.exists() else None


class Words:
    """The dictionary's words, answering `word in words` like a set.

    Kept as the words of each first syllable in one string ("công" → "an\\nbố\\n…"):
    a new process loads 5 600 strings instead of hashing 61 000 (~2 ms, not ~20),
    and a first syllable's words become a set the first time one is asked for.
    """

    __slots__ = ("_tails", "_sets")

    def __init__(self, tails: dict[str, bytes]):
        self._tails = tails  # first syllable → the rest of each word, "\n"-joined, UTF-8
        self._sets: dict[str, frozenset[str]] = {}

    def tails(self, head: str) -> frozenset[str]:
        """The rest of every word that begins with the syllable `head` ("công" → {"an", "bố", …})."""
        found = self._sets.get(head)
        if found is None:
            raw = self._tails.get(head)
            found = self._sets[head] = frozenset(raw.decode().split("\n")) if raw else _NONE
        return found

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        head, _, rest = word.partition(" ")
        return bool(rest) and rest in self.tails(head)

    def __iter__(self):
        for head in self._tails:
            for rest in self.tails(head):
                yield f"{head} {rest}"

    def __len__(self) -> int:
        return sum(len(self.tails(head)) for head in self._tails)

    def __bool__(self) -> bool:
        return bool(self._tails)

    def __and__(self, other: object) -> set[str]:
        return {w for w in other if w in self}  # type: ignore[attr-defined]

    __rand__ = __and__


_NONE: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def dictionary() -> Words:
    """Lower-case multi-syllable words (tones unified), empty if the file is missing.

    Built once and kept in the cache folder (tracker/cache.py): a new process
    loads the words instead of normalising 74K lines again.
    """
    path = _dictionary_path()
    if path is None:
        return Words({})
    from tracker import text
    from tracker.cache import cached

    def build() -> dict[str, bytes]:
        # One pass over the whole file is ~10x faster than normalising line by line.
        words = normalize_tones(path.read_text(encoding="utf-8").lower())
        tails: dict[str, set[str]] = {}
        for w in words.split("\n"):
            if 1 <= w.count(" ") < MAX_SYLLABLES:
                head, _, rest = w.partition(" ")
                tails.setdefault(head, set()).add(rest)
        return {head: "\n".join(sorted(rest)).encode() for head, rest in tails.items()}

    return Words(cached("words", [path, Path(__file__), Path(text.__file__)], build))


def is_word(syllables: list[str]) -> bool:
    return " ".join(s.lower() for s in syllables) in dictionary()


def segment(text: str) -> list[str]:
    """Words of `text` (syllables joined by spaces), punctuation as its own tokens.

    Backward longest match: on Vietnamese it errs less than forward matching
    ("người dân thanh toán" → người | dân | thanh toán, not dân thanh | toán).
    """
    tails = dictionary().tails
    toks = _SYLLABLE.findall(text)
    out: list[str] = []
    j = len(toks)
    while j > 0:
        taken = 1
        if toks[j - 1][:1].isalpha():
            for n in range(min(MAX_SYLLABLES, j), 1, -1):
                piece = toks[j - n : j]
                if all(t[:1].isalpha() for t in piece) and " ".join(t.lower() for t in piece[1:]) in tails(piece[0].lower()):
                    taken = n
                    break
        out.append(" ".join(toks[j - taken : j]))
        j -= taken
    out.reverse()
    return out
