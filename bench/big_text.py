"""Parse time of a long plain-text directive against one ten times shorter: does it grow linearly?

    .venv/bin/python bench/big_text.py

Builds the same constructed directive as tests/test_bad_input.py (220 and 2,200
numbered items, the second over 3 MB), parses each without unit resolution and
prints both times and their ratio (about 10 when the parse is linear).
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    from test_bad_input import _big_text

    from tracker.parse import parse_file

    with tempfile.TemporaryDirectory() as tmp:
        times = {}
        for items in (220, 2200):
            path = Path(tmp) / f"big-{items}.txt"
            path.write_text(_big_text(items), encoding="utf-8")
            t = time.perf_counter()
            tasks = len(parse_file(path, resolve=False).tasks)
            times[items] = time.perf_counter() - t
            print(f"{items:>5} items, {path.stat().st_size / 1e6:.1f} MB: {tasks} tasks in {times[items]:.2f} s")
    print(f"ratio for 10x the input: {times[2200] / times[220]:.1f}")


if __name__ == "__main__":
    main()
