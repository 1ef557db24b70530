"""`tracker serve` in headless Chromium: how long each step takes, as a browser user waits for it.

    .venv/bin/python bench/serve.py [--db DIR] [--repeat N] [--as-of DD/MM/YYYY]

Prints, median (and worst) over N runs of one server with one browser:
- the server: process start to its "open http://…" line;
- chromium: process start to its DevTools port (the browser itself, not the app);
- the page: navigation to the home screen showing data (the directive list filled): what a user
  waits for after pressing Enter in the address bar; each page is a new app process;
- F1: the key press to the help screen drawn;
- a second tab: a second page while the first stays open (two app processes at once);
- stop: SIGTERM to the server's exit with a tab open (its app ends with it).
Without --db a store holding one sample directive is built in a temporary folder.
"""
from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from chromium import Browser  # noqa: E402
from test_serve import SAMPLE, start_serve, stop  # noqa: E402


async def one_run(db: Path, as_of: str, number: str) -> dict[str, float]:
    out: dict[str, float] = {}
    t = time.monotonic()
    served = start_serve("--db", str(db), "--port", "0", "--as-of", as_of)
    out["server ready"] = time.monotonic() - t
    try:
        t = time.monotonic()
        async with Browser() as browser:
            out["chromium ready"] = time.monotonic() - t
            t = time.monotonic()
            await browser.open(served.url)
            await browser.wait_for_text(number, timeout=120)
            out["page → home with data"] = time.monotonic() - t
            t = time.monotonic()
            await browser.press("F1", "F1", 112)
            await browser.wait_for_text("Mọi phím tắt và lệnh")
            out["F1 → help drawn"] = time.monotonic() - t
            t = time.monotonic()
            await browser.open(served.url)  # the first tab's session ends, a new one starts
            await browser.wait_for_text(number, timeout=120)
            out["reload → home with data"] = time.monotonic() - t
            t = time.monotonic()
            code, lingering = stop(served.proc)
            out["stop with a tab open"] = time.monotonic() - t
            assert code == 0 and not lingering
    finally:
        stop(served.proc)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="an existing store (default: one sample directive, built here)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--as-of", default="01/10/2022")
    ap.add_argument("--number", default="2333/UBND-VP", help="text that shows once the home screen has data")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    try:
        db = args.db
        if db is None:
            db = tmp / "store"
            subprocess.run([sys.executable, "-m", "tracker", "load", str(SAMPLE), "--yes", "--db", str(db)],
                           check=True, capture_output=True, cwd=ROOT)
        runs = []
        for _ in range(args.repeat):
            t = time.monotonic()
            r = asyncio.run(one_run(db, args.as_of, args.number))
            r["whole run"] = time.monotonic() - t
            runs.append(r)
        print(f"tracker serve in headless chromium, {args.repeat} runs, store {db}")
        for key in runs[0]:
            values = [r[key] for r in runs]
            print(f"  {key:28} median {statistics.median(values):6.2f} s   worst {max(values):6.2f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
