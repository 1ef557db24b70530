"""What a cold `tracker parse` spends before it reads the file: imports, word list, unit hierarchy, rules.

    .venv/bin/python bench/startup.py [--repeat N] [FILE]

Prints CPU seconds (user + system of the child process, best of N: wall time
on a shared machine says more about the neighbours than about us):

  * a cold `tracker parse FILE --json` as a fresh process, and a bare
    interpreter (`python -c pass`);
  * the same parse in a warm process (everything loaded by parsing another
    sample first, nothing of this file's text cached);
  * start-up = cold − warm − bare interpreter: what each new process pays;
  * each piece of it, every one in a fresh process: the package's imports,
    the word list (tracker.words), the unit hierarchy of the file's structure,
    the compiled rules of deadlines, indicators, header and outline, and the
    first parse's own building (the unit-phrase lexicon, the vocabulary). Each
    runs as a command of the CLI runs it, inside `quick_start`
    (tracker/cli/startup.py: what earlier runs compiled, kept); "CLI, quick
    start" is that alone (with the imports of tracker.cli and dataclasses).

FILE defaults to the smallest text sample, so the parse itself is small.
The children keep compiled bytecode (in a cache folder of their own, even
where PYTHONDONTWRITEBYTECODE is set), as an installed package has it: what
is measured is start-up, not compiling the sources.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

QUICK = "from tracker.cli.startup import quick_start\nwith quick_start():\n    "
PIECES = {
    "CLI, quick start": QUICK + "pass",  # imports tracker.cli and dataclasses, which every parse needs too
    "imports": QUICK + "import tracker.cli, tracker.parse, tracker.units.draft, tracker.extract.tasks, "
               "tracker.extract.deadlines, tracker.extract.indicators, tracker.structure.header, tracker.read.text",
    "word list": QUICK + "from tracker.words import dictionary; dictionary()",
    "unit hierarchy": QUICK + "from tracker.units.hierarchy import get_hierarchy; get_hierarchy('2022')",
    "deadline rules": QUICK + "from tracker.extract.deadlines import _rules; _rules()",
    "indicator rules": QUICK + "from tracker.extract.indicators import _load; _load()",
    "header rules": QUICK + "from tracker.structure import header; header.header_rules()",
    "outline rules": QUICK + "from tracker.structure import outline; outline.outline_rules()",
    "lexicon, vocabulary": QUICK + "from tracker.extract.unit_phrases import lexicon; lexicon(); "
                           "from tracker.units.vocab import get_vocab; get_vocab()",
}
WARM = """
import sys, time
from tracker.parse import parse_file
parse_file(sys.argv[2])  # another file: everything loaded, nothing of this file's text cached
t = time.process_time(); parse_file(sys.argv[1]); print(time.process_time() - t)
"""

def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path.home() / ".cache" / "tracker" / "bench-pycache")
    return env


def child_cpu(args: list[str], repeat: int) -> float:
    """Best user+system CPU seconds of a fresh process running `args` (after one unmeasured run)."""
    best = float("inf")
    subprocess.run(args, capture_output=True, check=True, cwd=ROOT, env=child_env())
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(args, capture_output=True, check=True, cwd=ROOT, env=child_env())
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", type=Path, default=ROOT / "directives" / "ky-son-commune-2022.txt")
    ap.add_argument("--repeat", type=int, default=7)
    a = ap.parse_args()
    py = sys.executable
    bare = child_cpu([py, "-c", "pass"], a.repeat)
    cold = child_cpu([py, "-m", "tracker", "parse", str(a.file), "--json"], a.repeat)
    other = next(p for p in sorted((ROOT / "directives").glob("*.txt")) if p.name != a.file.name)
    warm = min(float(subprocess.run([py, "-c", WARM, str(a.file), str(other)], capture_output=True, text=True,
                                    check=True, cwd=ROOT, env=child_env()).stdout) for _ in range(a.repeat))
    print(f"file: {a.file.name}; CPU seconds, best of {a.repeat}")
    print(f"  cold 'tracker parse --json'   {cold:.3f}")
    print(f"  bare interpreter              {bare:.3f}")
    print(f"  warm parse (in process)       {warm:.3f}")
    print(f"  start-up = cold - warm - bare {cold - warm - bare:.3f}")
    print("pieces, each in a fresh process (minus the bare interpreter; a piece includes the imports it needs):")
    for name, code in PIECES.items():
        try:
            t = child_cpu([py, "-c", code], a.repeat) - bare
        except subprocess.CalledProcessError:
            print(f"  {name:28}     -")
            continue
        print(f"  {name:28} {t:.3f}")


if __name__ == "__main__":
    main()
