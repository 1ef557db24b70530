"""Report benchmark: time to gather and to write each format, on the demo data and a synthetic province-year.

    .venv/bin/python bench/report.py [--synth PATH] [--small] [--no-synth]

Demo: the sample directives with the demo's recorded progress (built in a
temporary folder through `tracker demo`'s own builder), judged on its fixed
day. Synthetic: bench/synth.py's store (500 directives, 150,000
assignments; built unless --synth names one already built; --small for a
tenth), judged on 1 October of its year, for the whole province, one
district (the district and the units under it) and one directive. Prints,
for each: gather (the one store query and the sums), then the render and
atomic write of Markdown, Word (with the chart) and Excel, each in-process;
and the whole CLI as a subprocess once (imports included). Medians of a few
runs for the small cases, one run for the big ones.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from store import timed  # noqa: E402  (bench/store.py: median of runs)
from tracker.report import gather, render  # noqa: E402
from tracker.report.output import write_file  # noqa: E402
from tracker.store import open_store  # noqa: E402


def case(store, label: str, out: Path, repeat: int, **scope) -> None:  # type: ignore[no-untyped-def]
    t, data = timed(lambda: gather(store, **scope), repeat)
    print(f"{label}: {len(data.rows):,} assignments, {len(data.units):,} units, {len(data.overdue):,} overdue, "
          f"{len(data.directives)} directives")
    print(f"  gather {t * 1000:8.0f} ms")
    render(data, "docx")  # matplotlib and python-docx imported once, outside the figures
    for fmt in ("md", "docx", "xlsx"):
        path = out / f"{label.split()[0]}.{fmt}"
        t, _ = timed(lambda: write_file(path, render(data, fmt), force=True), repeat if fmt != "xlsx" or len(data.rows) < 20_000 else 1)
        print(f"  {fmt:5}  {t * 1000:8.0f} ms  {path.stat().st_size / 1e3:9.0f} kB")


def cli(db: Path, out: Path, *args: str) -> None:
    for fmt in ("md", "docx", "xlsx"):
        t = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "tracker", "report", "--format", fmt, "-o", str(out / f"cli.{fmt}"),
                            "--force", "--db", str(db), *args], capture_output=True, text=True, cwd=ROOT)
        assert r.returncode == 0, r.stderr
        print(f"  CLI {fmt:5} {(time.perf_counter() - t) * 1000:8.0f} ms (a new process, imports included)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--synth", metavar="PATH", help="a synthetic store (built there if empty)")
    ap.add_argument("--small", action="store_true", help="a tenth of the synthetic scale")
    ap.add_argument("--no-synth", action="store_true", help="the demo data only")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tracker-bench-report-"))
    try:
        from tracker.cli.demo_cmd import FIXED_DAY, build, sample_files  # noqa: F401

        t = time.perf_counter()
        demo = build(tmp / "demo", ROOT / "directives")
        print(f"demo store built in {time.perf_counter() - t:.1f} s")
        day = date.fromisoformat(FIXED_DAY)
        case(demo, "demo (all)", tmp, 3, as_of=day)
        case(demo, "demo 2333/UBND-VP", tmp, 3, as_of=day, directive="2333/UBND-VP")
        cli(tmp / "demo", tmp, "--as-of", FIXED_DAY)
        if a.no_synth:
            return
        import synth

        path = Path(a.synth) if a.synth else tmp / "synth"
        store = open_store(path)
        if not store.version:
            scale = dict(directives=500, tasks=10_000, assignments=150_000, events=300_000)
            if a.small:
                scale = {k: v // 10 for k, v in scale.items()}
            t = time.perf_counter()
            synth.build_store(path, **scale)
            print(f"synthetic store built in {time.perf_counter() - t:.1f} s")
            store = open_store(path)
        day = date(2022, 10, 1)
        case(store, "synthetic (province)", tmp, 1, as_of=day)
        case(store, "district syn:p1.d3", tmp, 1, as_of=day, unit="syn:p1.d3")
        did = store.directives(day)[-1].number
        case(store, f"directive {did}", tmp, 1, as_of=day, directive=did)
        cli(path, tmp, "--as-of", day.isoformat(), "--unit", "syn:p1.d3")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
