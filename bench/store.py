"""Store benchmark at the scale of a province-year, each figure next to a bare json.load of the same data.

    .venv/bin/python bench/store.py [--path DIR] [--small] [--keep]

Builds (or reuses, with --path) a synthetic store (bench/synth.py: 500
directives, 10,000 tasks, 150,000 assignments, 300,000 events) and prints:

- opening the store and answering `overdue --by-unit` (in-process, a fresh
  Store each time; and the whole CLI as a subprocess);
- one status change (open, change, commit: one new version);
- loading one new directive (its tasks and assignments, one commit);
- the size of the data, and of a stock single-file TinyDB holding the same
  records;
- json.load of the same data in the same run: the files the store holds,
  the one directive file a status change rewrites, and the stock single
  file TinyDB would re-read on every query.

Aims (issue "Track assignments"): a status change ≤ 100 ms, the overdue
query ≤ 1 s. Figures are medians of several runs; the page cache is warm.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402

from tracker.store import AssignmentFilter, Store, open_store  # noqa: E402
from tracker.store.files import DATA  # noqa: E402

AS_OF = date(2022, 12, 31)




def mb(n: int) -> str:
    return f"{n / 1e6:7.1f} MB"


timed, ms = synth.timed, synth.ms


def main() -> None:
    path, scale, a = synth.store_args(__doc__.split("\n")[0], "tracker-bench-")
    def build(p: Path) -> None:
        t = time.perf_counter()
        synth.build_store(p, **scale)
        print(f"built synthetic store in {time.perf_counter() - t:.1f} s: {p}")

    synth.on_store(path, a, build, run)


def run(path: Path) -> None:
    store = open_store(path)
    idx = store.index()
    m = store.manifest
    print(f"store: {sum(1 for k in m.files if k.startswith('d/'))} directives, {len(idx.tasks)} tasks, "
          f"{len(idx)} assignments, {m.next_ids.get('event', 1) - 1} events; version {m.version}")
    print()

    # -- bare json.load of the same data ---------------------------------------------
    files = [path / DATA / r.name for k, r in m.files.items() if r.name.endswith(".json")]
    t_all, _ = timed(lambda: [json.loads(f.read_bytes()) for f in files], 3)
    biggest_d = max((r for k, r in m.files.items() if k.startswith("d/")), key=lambda r: r.size)
    median_d = sorted((r for k, r in m.files.items() if k.startswith("d/")), key=lambda r: r.size)[len(files) // 2 - 2]
    t_one, _ = timed(lambda: json.loads((path / DATA / median_d.name).read_bytes()), 9)
    # A stock TinyDB file of the same records: every table in one JSON document.
    stock = Path(tempfile.mkdtemp(prefix="tracker-stock-")) / "db.json"
    merged: dict[str, dict] = {"directives": {}, "units": {}, "tasks": {}, "assignments": {}, "events": {}}
    for k, r in m.files.items():
        if not r.name.endswith(".json") or k == "index":
            continue
        for table, docs in json.loads((path / DATA / r.name).read_bytes()).items():
            merged.setdefault(table, {}).update(docs)
    stock.write_text(json.dumps(merged, ensure_ascii=False), encoding="utf-8")
    t_stock, _ = timed(lambda: json.load(open(stock, encoding="utf-8")), 3)
    stock_size = stock.stat().st_size
    shutil.rmtree(stock.parent, ignore_errors=True)

    # -- overdue --by-unit ------------------------------------------------------------------
    def overdue() -> object:
        s = Store(path)
        return s.overdue_by_unit(AS_OF)

    t_overdue, units = timed(overdue, 5)
    t_overdue_level, _ = timed(lambda: Store(path).overdue_by_unit(AS_OF, level="commune"), 3)
    t_past, _ = timed(lambda: Store(path).overdue_by_unit(date(2022, 6, 30)), 3)
    t_filter, rows = timed(lambda: Store(path).assignments(AS_OF, AssignmentFilter(unit="so nganh 7", overdue=True)), 3)
    env = dict(os.environ, TRACKER_DB=str(path))
    tracker = str(ROOT / ".venv" / "bin" / "tracker")
    if not os.path.exists(tracker):
        tracker = shutil.which("tracker") or tracker
    t_cli, _ = timed(lambda: subprocess.run([tracker, "overdue", "--by-unit", "--as-of", "31/12/2022", "--json"],
                                            env=env, capture_output=True, check=True), 3)
    t_help, _ = timed(lambda: subprocess.run([tracker, "--help"], capture_output=True, check=True), 3)

    # -- one status change -------------------------------------------------------------------
    rng = random.Random(7)
    aids = list(idx.cols["aid"])
    times = []
    for _ in range(15):
        aid = rng.choice(aids)
        t = time.perf_counter()
        s = Store(path)
        s.set_status(aid, rng.choice(["dang_thuc_hien", "hoan_thanh"]), on=AS_OF, note="bench", by="bench")
        times.append(time.perf_counter() - t)
    t_status = statistics.median(times)

    # -- loading one new directive ---------------------------------------------------------------
    units_dir = synth.SynthUnits()
    load_times, reload_times = [], []
    for n in range(3):
        drafts = synth.make_drafts(units_dir, directives=1, tasks=20, assignments=300, seed=99 + n)
        drafts[0].header.number = f"{9000 + n}/KH-UBND"
        drafts[0].source.sha256 = f"{n:x}" * 64
        t = time.perf_counter()
        res = Store(path).save_drafts(drafts, units=units_dir)[0]
        load_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        Store(path).save_drafts(drafts, units=units_dir)  # the same directive again: a merge
        reload_times.append(time.perf_counter() - t)
    t_load, t_reload = statistics.median(load_times), statistics.median(reload_times)

    usage = Store(path).disk_usage()
    print("figure                                         store        bare json.load of the same data")
    print(f"open + overdue --by-unit ({len(units)} units)    {ms(t_overdue)}   all {len(files)} JSON files: {ms(t_all)};"
          f" stock single file: {ms(t_stock)}")
    print(f"  the same, --level commune                  {ms(t_overdue_level)}")
    print(f"  the same, as of 30/06/2022 (replays)       {ms(t_past)}")
    print(f"  tasks --unit 'so nganh 7' --overdue ({len(rows)})  {ms(t_filter)}")
    print(f"  CLI `tracker overdue --by-unit --json`     {ms(t_cli)}   (`tracker --help`: {ms(t_help)})")
    print(f"one status change (open+change+commit)       {ms(t_status)}   its directive file: {ms(t_one)};"
          f" stock single file: {ms(t_stock)}   (max {ms(max(times)).strip()})")
    print(f"load one new directive ({res.tasks_added} tasks, {res.assignments_added} assignments) {ms(t_load)}"
          f"   again (merge): {ms(t_reload)}")
    print(f"size of the current version                  {mb(usage['version'])}   stock single file: {mb(stock_size)}")
    print(f"  its compressed backup copies               {mb(usage['backup_copies'])}")
    print(f"  folder with {len(Store(path)._version_numbers()) - 1} backups                       {mb(usage['folder'])}")
    print(f"  of which index columns {mb(usage.get('cols', 0))}, index meta {mb(usage.get('index', 0))},"
          f" directive files {mb(usage.get('d', 0))} (largest {mb(biggest_d.size).strip()})")


if __name__ == "__main__":
    main()
