"""Parse time of each sample PDF next to pdfplumber's bare extraction of the same file.

    .venv/bin/python bench/parse.py [--repeat N]

For each PDF in directives/: the best of N runs of `parse_file` (read,
structure, extract, resolve units) and of pdfplumber's `extract_text` +
`extract_tables` on every page, in this one process after a warm-up (imports
and rule files loaded once, as in a long-running app). Also the cold cost as a
user sees it: `tracker parse FILE --json` and `tracker --help` as fresh processes.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def bare(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def cold(*args: str, repeat: int = 3) -> float:
    return best(lambda: subprocess.run([sys.executable, "-m", "tracker", *args], capture_output=True, check=True), repeat)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    from tracker.parse import parse_file

    pdfs = sorted((ROOT / "directives").glob("*.pdf"))
    parse_file(pdfs[0])  # warm-up: imports, rules, dictionary, unit hierarchy
    bare(pdfs[0])
    print(f"{'file':32} {'pages':>5} {'parse s':>8} {'bare s':>8} {'ratio':>6}")
    ratios = []
    for p in pdfs:
        t_parse = best(lambda: parse_file(p), a.repeat)
        t_bare = best(lambda: bare(p), a.repeat)
        ratios.append(t_parse / t_bare)
        import pdfplumber

        with pdfplumber.open(p) as pdf:
            pages = len(pdf.pages)
        print(f"{p.name:32} {pages:>5} {t_parse:8.3f} {t_bare:8.3f} {t_parse / t_bare:6.2f}")
    print(f"{'max ratio':32} {'':>5} {'':>8} {'':>8} {max(ratios):6.2f}   (aim: at most 1.5)")
    print(f"cold 'tracker --help':                 {cold('--help'):.3f} s (aim: under 0.3 s)")
    print(f"cold 'tracker parse {pdfs[0].name} --json': {cold('parse', str(pdfs[0]), '--json'):.3f} s")


if __name__ == "__main__":
    main()
