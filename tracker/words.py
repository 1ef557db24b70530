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


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """Lower-case multi-syllable words (tones unified), empty if the file is missing.

    Built once and kept in the cache folder (tracker/cache.py): a new process
    loads the set instead of normalising 74K lines again.
    """
    path = _dictionary_path()
    if path is None:
        return frozenset()
    from tracker import text
    from tracker.cache import cached

    def build() -> frozenset[str]:
        # One pass over the whole file is ~10x faster than normalising line by line.
        words = normalize_tones(path.read_text(encoding="utf-8").lower())
        return frozenset(w for w in words.split("\n") if 1 <= w.count(" ") < MAX_SYLLABLES)

    return cached("words", [path, Path(__file__), Path(text.__file__)], build)


def is_word(syllables: list[str]) -> bool:
    return " ".join(s.lower() for s in syllables) in dictionary()


def segment(text: str) -> list[str]:
    """Words of `text` (syllables joined by spaces), punctuation as its own tokens.

    Backward longest match: on Vietnamese it errs less than forward matching
    ("người dân thanh toán" → người | dân | thanh toán, not dân thanh | toán).
    """
    words = dictionary()
    toks = _SYLLABLE.findall(text)
    out: list[str] = []
    j = len(toks)
    while j > 0:
        taken = 1
        if toks[j - 1][:1].isalpha():
            for n in range(min(MAX_SYLLABLES, j), 1, -1):
                piece = toks[j - n : j]
                if all(t[:1].isalpha() for t in piece) and " ".join(t.lower() for t in piece) in words:
                    taken = n
                    break
        out.append(" ".join(toks[j - taken : j]))
        j -= taken
    out.reverse()
    return out
