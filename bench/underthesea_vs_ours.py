"""Does underthesea's normalisation or segmentation beat ours? Prints figures, asserts nothing.

    .venv/bin/python bench/underthesea_vs_ours.py [--corpus DIR]

On every sample in directives/ (and the rebuilt corpus texts in DIR, default
~/.cache/tracker/corpus, when there):

1. normalisation — `tracker.text.normalize` against `underthesea.text_normalize`
   on each line the reader gives: lines where they differ, with examples, and
   the time each takes;
2. segmentation — `tracker.words.segment` (longest match on underthesea's own
   Viet74K dictionary) against `underthesea.word_tokenize` (its CRF model):
   agreement on word boundaries, load and run time;
3. what it changes for users — the extraction score (../shared/eval/score.py's
   score_doc) of the samples against tests/data/gold and of the rebuilt corpus
   documents against bench/corpus/gold, with each segmenter plugged into
   indicator linking and chain linking.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
SAMPLES = sorted(p for p in (ROOT / "directives").iterdir() if p.suffix in (".pdf", ".docx", ".txt", ".md"))


def lines_of(path: Path) -> list[str]:
    from tracker.read import read_document

    doc = read_document(path)
    from tracker.model import Line

    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Line):
            out.append(block.text)
        else:
            out += [c for row in block.rows for c in row if c]
    return [t for t in out if t.strip()]


def corpus_lines(folder: Path) -> dict[str, list[str]]:
    if not folder.is_dir():
        return {}
    return {p.name: [ln for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
            for p in sorted(folder.iterdir()) if p.suffix in (".txt", ".md")}


class SideBySide:
    """Both functions on every line, each timed: iterate for (document, ours, theirs)."""

    def __init__(self, texts: dict[str, list[str]], ours: Any, theirs: Any):
        self.texts, self.ours, self.theirs = texts, ours, theirs
        self.t_ours = self.t_theirs = 0.0

    def __iter__(self) -> Iterator[tuple[str, Any, Any]]:
        for name, lines in self.texts.items():
            for ln in lines:
                t = time.perf_counter()
                a = self.ours(ln)
                self.t_ours += time.perf_counter() - t
                t = time.perf_counter()
                b = self.theirs(ln)
                self.t_theirs += time.perf_counter() - t
                yield name, a, b


def normalisation(texts: dict[str, list[str]]) -> None:
    from underthesea import text_normalize

    from tracker.text import normalize

    print("1. Normalisation: tracker.text.normalize vs underthesea.text_normalize")
    total = differ = 0
    examples: list[tuple[str, str, str]] = []
    pairs = SideBySide(texts, normalize, text_normalize)
    for name, a, b in pairs:
        total += 1
        # Spacing is not a disagreement worth counting: underthesea re-spaces punctuation.
        if a.replace(" ", "") != b.replace(" ", ""):
            differ += 1
            if len(examples) < 8:
                examples.append((name, a, b))
    print(f"   lines {total}, differing (ignoring spaces) {differ}")
    print(f"   time: ours {pairs.t_ours * 1000:.0f} ms, underthesea {pairs.t_theirs * 1000:.0f} ms")
    for name, a, b in examples:
        wa, wb = a.split(), b.split()
        diff = [(x, y) for x, y in zip(wa, wb) if x != y][:3]
        print(f"   {name}: {diff or (a[:60], b[:60])}")


def boundaries(words: list[str]) -> set[int]:
    """Syllable offsets where a word ends."""
    out, n = set(), 0
    for w in words:
        n += len(w.split())
        out.add(n)
    return out


def segmentation(texts: dict[str, list[str]]) -> None:
    print("2. Segmentation: tracker.words.segment vs underthesea.word_tokenize")
    t = time.perf_counter()
    from tracker.words import dictionary, segment

    dictionary()
    load_ours = time.perf_counter() - t
    t = time.perf_counter()
    from underthesea import word_tokenize

    word_tokenize("khởi động")
    load_theirs = time.perf_counter() - t
    agree = ours_only = theirs_only = 0
    multi_ours = multi_theirs = 0
    examples = []
    pairs = SideBySide(texts, segment, word_tokenize)
    for name, a, b in pairs:
        # Compare on the same syllables: both keep punctuation as tokens, but may split it differently.
        if " ".join(a).split() != " ".join(b).split():
            continue
        ba, bb = boundaries(a), boundaries(b)
        agree += len(ba & bb)
        ours_only += len(ba - bb)
        theirs_only += len(bb - ba)
        multi_ours += sum(1 for w in a if " " in w)
        multi_theirs += sum(1 for w in b if " " in w)
        if ba != bb and len(examples) < 8:
            examples.append((name, [w for w in a if w not in b][:3], [w for w in b if w not in a][:3]))
    t_ours, t_theirs = pairs.t_ours, pairs.t_theirs
    total = agree + ours_only + theirs_only
    print(f"   load: ours {load_ours * 1000:.0f} ms, underthesea {load_theirs * 1000:.0f} ms")
    print(f"   run:  ours {t_ours * 1000:.0f} ms, underthesea {t_theirs * 1000:.0f} ms")
    print(f"   word ends: both {agree}, only ours {ours_only}, only underthesea {theirs_only} "
          f"(agreement {agree / max(1, total):.1%}); multi-syllable words: ours {multi_ours}, underthesea {multi_theirs}")
    for name, a, b in examples:
        print(f"   {name}: ours {a}  underthesea {b}")


def scored_documents(corpus: Path) -> dict[str, list[tuple[Path, Path]]]:
    """(document, gold) pairs: the samples, and the corpus documents that are rebuilt and have gold."""
    out = {"samples": [(p, ROOT / "tests" / "data" / "gold" / f"{p.stem}.json") for p in SAMPLES]}
    sources = ROOT / "bench" / "corpus" / "sources.toml"
    if sources.exists() and corpus.is_dir():
        import tomllib

        docs = tomllib.loads(sources.read_text(encoding="utf-8")).get("doc", [])
        out["corpus"] = [(corpus / f"{d['id']}.{d.get('format', 'txt')}", ROOT / "bench" / "corpus" / "gold" / f"{d['id']}.json")
                         for d in docs]
    return {k: [(d, g) for d, g in v if d.exists() and g.exists()] for k, v in out.items()}


def extraction_scores(pairs: list[tuple[Path, Path]]) -> dict[str, float]:
    """Mean of each score family over the documents."""
    import contextlib
    import io
    import json

    from tracker.errors import TrackerError
    from tracker.parse import parse_file
    from tracker.rules import clear_cache

    sys.path.insert(0, str(SHARED / "eval"))
    import score  # ../shared/eval/score.py

    clear_cache()
    sums: dict[str, list[float]] = {}
    for path, gold in pairs:
        try:
            out = parse_file(path, resolve=True).to_json()
        except TrackerError:
            out = {}
        with contextlib.redirect_stdout(io.StringIO()):
            row = score.score_doc(out, json.loads(gold.read_text(encoding="utf-8")), False)
        for k in ("score", "tasks_f1", "indicators", "lead", "support"):
            if row.get(k) is not None:
                sums.setdefault(k, []).append(row[k])
    return {k: sum(v) / len(v) for k, v in sums.items()}


def with_crf_segmenter() -> None:
    """Plug underthesea's word_tokenize in where tracker.words.segment is used."""
    from underthesea import word_tokenize

    import tracker.words as words
    from tracker.extract import indicators

    words.segment = word_tokenize
    indicators._segmenter.cache_clear()
    indicators._segmenter = lambda: word_tokenize  # type: ignore[assignment]
    indicators._tokens.cache_clear()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path(os.environ.get("TRACKER_CORPUS", Path.home() / ".cache/tracker/corpus")))
    args = ap.parse_args()
    texts = {p.name: lines_of(p) for p in SAMPLES}
    texts.update(corpus_lines(args.corpus))
    print(f"{len(texts)} documents, {sum(len(v) for v in texts.values())} lines")
    normalisation(texts)
    segmentation(texts)
    if not (SHARED / "eval" / "score.py").exists():
        print("3. skipped: ../shared/eval/score.py is not beside the checkout")
        return
    sets = scored_documents(args.corpus)
    ours, times = {}, {}
    for name, pairs in sets.items():
        t = time.perf_counter()
        ours[name] = extraction_scores(pairs)
        times[name] = time.perf_counter() - t
    with_crf_segmenter()
    for name, pairs in sets.items():
        t = time.perf_counter()
        crf = extraction_scores(pairs)
        t_crf = time.perf_counter() - t
        print(f"3. Extraction score, {name} ({len(pairs)} documents with gold; mean of score.py's figures)")
        for k in ours[name]:
            print(f"   {k:<11} ours {ours[name][k]:.3f}   underthesea word_tokenize {crf.get(k, float('nan')):.3f}")
        print(f"   parse time: ours {times[name]:.1f} s, with word_tokenize {t_crf:.1f} s")


if __name__ == "__main__":
    main()
