#!/usr/bin/env python3
"""Check hand-written gold answers against the rebuilt documents, before scoring.

    python bench/corpus/check_gold.py [--out DIR] [ID ...]     # default: every gold file

A gold task is matched by score.py when fold(anchor) is a substring of the
reader's task text, so an anchor that is not in the document (a typo, a span
cut by a page break) makes a document's score wrong whatever the reader does.
This prints each such anchor, and each task lacking one of the contract's keys
or with an unknown deadline kind, and exits 1 if there is any. With -v it also
lists anchors that occur more than once in the text: often right (a task table
restating the body, two units given the same words), but worth a look when a
new gold file is written. It reads the document's own text (markdown emphasis
removed; for a PDF, its text and its table cells page by page, where a cell
cut by a page break holds only the anchor's first words: that is listed with
-v, not counted), not the reader's output: it checks the gold, not the reader.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import build  # noqa: E402  (bench/corpus/build.py: where the documents are rebuilt)

sys.path.insert(0, str(HERE.parent.parent.parent / "shared" / "eval"))
from score import fold  # noqa: E402  (../shared/eval/score.py: the fold the scorer matches anchors with)

KINDS = {"date", "start", "period", "recurring", "relative", "event"}
KEYS = ("anchor", "lead", "support", "deadline", "indicators")


def document_text(path: Path) -> str:
    if path.suffix == ".pdf":
        import pdfplumber
        # table cells wrap inside their column: read them cell by cell as well
        with pdfplumber.open(path) as pdf:
            parts = []
            for page in pdf.pages:
                parts.append(page.extract_text() or "")
                parts += [c or "" for t in page.extract_tables() for row in t for c in row]
            return "\n".join(parts)
    if path.suffix == ".docx":
        import docx
        d = docx.Document(str(path))
        cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in d.paragraphs] + cells)
    return path.read_text(encoding="utf-8", errors="replace")


def problems(gold: dict, text: str, repeats: bool = False, paged: bool = False) -> list[str]:
    folded = fold(text.replace("*", "").replace("_", ""))
    out = []
    for t in gold.get("tasks", []):
        missing = [k for k in KEYS if k not in t]
        if missing:
            out.append(f"task {t.get('anchor', '?')!r} lacks {', '.join(missing)}")
            continue
        n = folded.count(fold(t["anchor"]))
        head = " ".join(fold(t["anchor"]).split()[:5])
        if n == 0 and paged and head in folded:
            if repeats:
                print(f"    (only the anchor's first words are on one page: {t['anchor']!r})")
        elif n == 0:
            out.append(f"anchor not in the text: {t['anchor']!r}")
        elif n > 1 and repeats:
            print(f"    (anchor occurs {n} times: {t['anchor']!r})")
        if t["deadline"] and t["deadline"].get("kind") not in KINDS:
            out.append(f"unknown deadline kind {t['deadline'].get('kind')!r}: {t['anchor']!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=build.default_out(), help="where build.py wrote the documents")
    ap.add_argument("-v", action="store_true", help="also list anchors that occur more than once")
    ap.add_argument("ids", nargs="*")
    a = ap.parse_args(argv)
    ids = a.ids or sorted(p.stem for p in (HERE / "gold").glob("*.json"))
    bad = 0
    for id_ in ids:
        docs = sorted(a.out.glob(f"{id_}.*"))
        if not docs:
            print(f"{id_}: not rebuilt (run bench/corpus/build.py)")
            bad += 1
            continue
        found = problems(json.loads((HERE / "gold" / f"{id_}.json").read_text(encoding="utf-8")), document_text(docs[0]), a.v,
                         paged=docs[0].suffix == ".pdf")
        for p in found:
            print(f"{id_}: {p}")
        bad += bool(found)
    print(f"{len(ids)} gold files checked, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
