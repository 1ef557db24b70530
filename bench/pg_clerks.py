"""The store on PostgreSQL at province scale: what users wait for, and 8 clerks × 200 status changes at once.

    .venv/bin/python bench/pg_clerks.py                      # a throwaway server, a tenth of a province-year
    .venv/bin/python bench/pg_clerks.py --url postgresql://…/db [--build 450]   # a database (built if empty)

Figures (each a fresh store object, as a command or a new TUI opens one):
- load one new directive (20 tasks, 300 assignments) and re-load it;
- one status change (median, worst);
- overdue by unit (in process, and `tracker overdue --by-unit` as a command);
- the TUI's first screen with data (app start to the directives on screen);
- 8 clerks (processes) × 200 status changes at once on 100 shared assignments: changes lost (an
  entry without its row change, or a row whose state is not its last entry's), median and p95 latency.
"""
from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

import synth  # noqa: E402
from synth import ms, timed  # noqa: E402

AS_OF = date(2022, 12, 31)
CLERKS, CHANGES, SHARED = 8, 200, 100


def figures(url: str, n_loads: int = 3) -> None:
    from tracker.store import open_store

    store = open_store(url)
    info = store.summary()
    print(f"store: {info['directives']} directives, {info['tasks']} tasks, {info['assignments']} assignments, "
          f"{info['events']} events ({info['bytes'] / 1e6:.0f} MB)")

    t_open, _ = timed(lambda: open_store(url), 5)
    t_overdue, units = timed(lambda: open_store(url).overdue_by_unit(AS_OF), 5)
    t_level, _ = timed(lambda: open_store(url).overdue_by_unit(AS_OF, level="commune"), 3)
    t_past, _ = timed(lambda: open_store(url).overdue_by_unit(date(2022, 6, 30)), 3)
    tracker = str(ROOT / ".venv" / "bin" / "tracker")
    env = dict(os.environ, TRACKER_DB=url)
    t_cli, _ = timed(lambda: subprocess.run([tracker, "overdue", "--by-unit", "--as-of", "31/12/2022", "--json"],
                                            env=env, capture_output=True, check=True), 3)

    conn = store._conn()
    with conn.transaction():
        aids = [r[0] for r in conn.execute("SELECT id FROM assignments WHERE flags & 1 = 0 AND child = 0")]
    rng = random.Random(7)
    times = []
    for _ in range(30):
        aid = rng.choice(aids)
        s = open_store(url)
        t = time.perf_counter()
        s.set_status(aid, rng.choice(["dang_thuc_hien", "hoan_thanh"]), on=AS_OF, note="bench")
        times.append(time.perf_counter() - t)
    opened = []
    for _ in range(10):
        aid = rng.choice(aids)
        t = time.perf_counter()
        open_store(url).set_status(aid, "dang_thuc_hien", on=AS_OF, note="bench")
        opened.append(time.perf_counter() - t)

    units_dir = synth.SynthUnits()
    loads, reloads = [], []
    for n in range(n_loads):
        drafts = synth.make_drafts(units_dir, directives=1, tasks=20, assignments=300, seed=990 + n + int(time.time()) % 1000)
        drafts[0].header.number = f"{90000 + int(time.time() * 10) % 9000 + n}/KH-UBND"
        drafts[0].source.sha256 = f"{n:x}{time.time_ns():x}".ljust(64, "0")[:64]
        t = time.perf_counter()
        open_store(url).save_drafts(drafts, units=units_dir)
        loads.append(time.perf_counter() - t)
        t = time.perf_counter()
        open_store(url).save_drafts(drafts, units=units_dir)
        reloads.append(time.perf_counter() - t)

    t_tui = first_screen(url)

    print(f"open a store                                   {ms(t_open)}")
    print(f"overdue by unit ({len(units)} units), in process     {ms(t_overdue)}")
    print(f"overdue by unit, communes only                 {ms(t_level)}")
    print(f"overdue by unit as of 30/06/2022 (replays)     {ms(t_past)}")
    print(f"`tracker overdue --by-unit` (a command)        {ms(t_cli)}")
    print(f"one status change: median                      {ms(statistics.median(times))}   worst {ms(max(times))}")
    print(f"one status change with opening the store       {ms(statistics.median(opened))}")
    print(f"load one new directive (300 assignments)       {ms(statistics.median(loads))}   worst {ms(max(loads))}")
    print(f"re-load it (a merge)                           {ms(statistics.median(reloads))}")
    print(f"TUI first screen with data                     {ms(t_tui)}")


def first_screen(url: str) -> float:
    from tracker.tui import TrackerApp
    from tracker.tui.testing import settle

    async def go() -> float:
        t = time.perf_counter()
        app = TrackerApp(url, as_of=AS_OF, poll=None)
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)
            rows = list(app.screen.query_one("#directives").records)
            assert rows, "no directives on the first screen"
            return time.perf_counter() - t

    return asyncio.run(go())


def clerk(url: str, aids: list[int], seed: int, start, out) -> None:  # type: ignore[no-untyped-def]
    from tracker.store import open_store

    store = open_store(url)
    rng = random.Random(seed)
    lat, done = [], 0
    start.wait()
    for k in range(CHANGES):
        aid = rng.choice(aids)
        t = time.perf_counter()
        store.set_status(aid, rng.choice(["dang_thuc_hien", "hoan_thanh", "tam_dung"]), on=AS_OF, note=f"clerk {seed} #{k}")
        lat.append(time.perf_counter() - t)
        done += 1
    out.put((done, lat))


def clerks(url: str) -> None:
    """8 clerks at once on 100 shared assignments; then every change is checked against the rows."""
    from tracker.store import open_store

    store = open_store(url)
    conn = store._conn()
    with conn.transaction():
        aids = [r[0] for r in conn.execute("SELECT id FROM assignments WHERE flags & 1 = 0 AND child = 0 ORDER BY id LIMIT %s",
                                           [SHARED])]
        before = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        vers = dict(conn.execute("SELECT id, ver FROM assignments WHERE id = ANY(%s)", [aids]).fetchall())
    ctx = mp.get_context("fork")
    start, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=clerk, args=(url, aids, 100 + k, start, out)) for k in range(CLERKS)]
    for p in procs:
        p.start()
    time.sleep(1.0)
    t = time.perf_counter()
    start.set()
    results = [out.get() for _ in procs]
    wall = time.perf_counter() - t
    for p in procs:
        p.join()
    done = sum(r[0] for r in results)
    lat = sorted(x for r in results for x in r[1])
    with conn.transaction():
        after = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        rows = conn.execute("SELECT id, ver, doc->>'status' FROM assignments WHERE id = ANY(%s)", [aids]).fetchall()
        last = dict(conn.execute("SELECT DISTINCT ON (assignment_id) assignment_id, doc->>'to' FROM events "
                                 "WHERE assignment_id = ANY(%s) AND kind = 'status' ORDER BY assignment_id, id DESC",
                                 [aids]).fetchall())
    bumps = sum(ver - vers[aid] for aid, ver, _ in rows)
    wrong = sum(1 for aid, _ver, status in rows if aid in last and last[aid] != status)
    lost = (done - (after - before)) + (done - bumps) + wrong
    p95 = lat[int(0.95 * (len(lat) - 1))]
    print(f"{CLERKS} clerks × {CHANGES} changes on {SHARED} shared assignments: {done} recorded in {wall:.1f} s "
          f"({done / wall:.0f}/s); lost: {lost} (entries {after - before}, row changes {bumps}, rows not at their last "
          f"entry {wrong}); latency median {ms(statistics.median(lat))}, p95 {ms(p95)}, worst {ms(lat[-1])}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", help="a PostgreSQL database (built with the synthetic province if empty)")
    ap.add_argument("--build", type=int, default=15, help="thousands of assignments to build when empty (15, 150, 450)")
    ap.add_argument("--clerks-only", action="store_true")
    ap.add_argument("--loads", type=int, default=3, help="new directives to load (each also re-loaded)")
    a = ap.parse_args()
    server = None
    url = a.url
    if url is None:
        from pgserver import PgServer

        server = PgServer().start()
        url = server.new_database()
    try:
        from tracker.store import open_store

        if not open_store(url).version:
            f = a.build / 150
            scale = {k: max(1, int(v * f)) for k, v in synth.PROVINCE_YEAR.items()}
            t = time.perf_counter()
            synth.build_store(url, **scale)
            print(f"built {scale} in {time.perf_counter() - t:.0f} s")
        if not a.clerks_only:
            figures(url, a.loads)
        clerks(url)
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
