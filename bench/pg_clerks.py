"""The store on PostgreSQL at province scale: what users wait for, and 8 clerks × 200 status changes at once.

    .venv/bin/python bench/pg_clerks.py                      # a throwaway server, a tenth of a province-year
    .venv/bin/python bench/pg_clerks.py --url postgresql://…/db [--build 450]   # a database (built if empty)

Figures (each a fresh store object, as a command or a new TUI opens one):
- load one new directive (20 tasks, 300 assignments) and re-load it;
- one status change (median, worst; each with its CPU, client and server, and Python GC pauses: a slow one's
  time is CPU, a collection, or waiting for a core, a lock or the disk);
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

AS_OF = date(2022, 12, 31)
CLERKS, CHANGES, SHARED = 8, 200, 100


class Cpu:
    """CPU seconds used so far by this process and by the server (when it runs on this machine: the
    postmaster's own and reaped children's time plus its live backends', from /proc). On a shared machine
    the wall clock also counts the time other processes held the cores: compare CPU between runs."""

    def __init__(self, url: str) -> None:
        self.pm: int | None = None
        try:
            import psycopg

            with psycopg.connect(url, autocommit=True) as conn:
                folder = conn.execute("SHOW data_directory").fetchone()[0]
            self.pm = int(Path(folder, "postmaster.pid").read_text().split()[0])
        except Exception:
            self.pm = None

    def server(self) -> float:
        if self.pm is None:
            return 0.0
        tick = os.sysconf("SC_CLK_TCK")
        total = 0.0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                f = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid, ppid = int(stat.parent.name), int(f[1])
            if pid == self.pm:
                total += sum(int(x) for x in f[11:15]) / tick  # utime stime cutime cstime
            elif ppid == self.pm:
                total += (int(f[11]) + int(f[12])) / tick
        return total

    def now(self, *, end: bool = False) -> tuple[float, float]:
        """(client, server) CPU seconds. Reading /proc costs this process ~10 ms of its own CPU: at the start
        the client's is read after it, at the end (`end`) before it, so the call's figure leaves it out."""
        import resource

        def client() -> float:
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
            return time.process_time() + children.ru_utime + children.ru_stime

        if end:
            c = client()
            return c, self.server()
        s = self.server()
        return client(), s


CPU: Cpu | None = None


def timed(fn, repeat: int = 5, setup=None):  # type: ignore[no-untyped-def]
    """(median wall seconds with the median call's CPU as .cpu = (client, server)), the last result.
    `setup` runs before each call, outside the clock."""
    samples, out = [], None
    for _ in range(repeat):
        if setup is not None:
            setup()
        c0 = CPU.now() if CPU else (0.0, 0.0)
        t = time.perf_counter()
        out = fn()
        wall = time.perf_counter() - t
        c1 = CPU.now(end=True) if CPU else (0.0, 0.0)
        samples.append((wall, c1[0] - c0[0], c1[1] - c0[1]))
    samples.sort()
    return Sample(*samples[len(samples) // 2]), out


class Sample(float):
    def __new__(cls, wall: float, client: float = 0.0, server: float = 0.0) -> "Sample":
        self = super().__new__(cls, wall)
        self.client, self.server = client, server
        return self


def ms(s: float) -> str:
    """wall ms, and (client + server CPU ms) when known."""
    text = f"{s * 1000:8.1f} ms"
    if isinstance(s, Sample):
        text += f" (cpu {s.client * 1000:.0f} + server {s.server * 1000:.0f})"
    return text


def load_average() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def figures(url: str, n_loads: int = 3) -> None:
    from tracker.store import open_store

    store = open_store(url)
    info = store.summary()
    print(f"store: {info['directives']} directives, {info['tasks']} tasks, {info['assignments']} assignments, "
          f"{info['events']} events ({info['bytes'] / 1e6:.0f} MB)")

    t_open, _ = timed(lambda: open_store(url), 5)
    # AS_OF is before today: its answers would be kept (schema 4), but the synthetic year stands for "now", whose
    # answers are counted on every ask: every figure but "asked again" is taken with nothing kept.
    forget = lambda: forget_past(url)  # noqa: E731
    t_overdue, units = timed(lambda: open_store(url).overdue_by_unit(AS_OF), 5, setup=forget)
    t_level, _ = timed(lambda: open_store(url).overdue_by_unit(AS_OF, level="commune"), 3, setup=forget)
    # A past day's answer is kept while no write changes that day (schema 4): the first ask is timed with none kept.
    t_past, _ = timed(lambda: open_store(url).overdue_by_unit(date(2022, 6, 30)), 3, setup=lambda: forget_past(url))
    t_past_home, _ = timed(lambda: open_store(url).directives(date(2022, 6, 30)), 3, setup=lambda: forget_past(url))
    t_past_again, _ = timed(lambda: open_store(url).overdue_by_unit(date(2022, 6, 30)), 3)
    t_past_home_again, _ = timed(lambda: open_store(url).directives(date(2022, 6, 30)), 3)
    tracker = str(ROOT / ".venv" / "bin" / "tracker")
    env = dict(os.environ, TRACKER_DB=url)
    t_cli, _ = timed(lambda: subprocess.run([tracker, "overdue", "--by-unit", "--as-of", "31/12/2022", "--json"],
                                            env=env, capture_output=True, check=True), 3, setup=forget)

    conn = store._conn()
    with conn.transaction():
        aids = [r[0] for r in conn.execute("SELECT id FROM assignments WHERE flags & 1 = 0 AND child = 0")]
    rng = random.Random(7)
    times = []
    for _ in range(30):
        aid = rng.choice(aids)
        s = open_store(url)
        times.append(one_change(s, lambda: s.set_status(aid, rng.choice(["dang_thuc_hien", "hoan_thanh"]), on=AS_OF,
                                                        note="bench")))
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
        t, _ = timed(lambda: open_store(url).save_drafts(drafts, units=units_dir), 1)
        loads.append(t)
        t, _ = timed(lambda: open_store(url).save_drafts(drafts, units=units_dir), 1)
        reloads.append(t)

    t_cold, _ = timed(lambda: first_screen(url), 1, setup=forget)  # the first start in this process: Textual's imports too
    t_tui, _ = timed(lambda: first_screen(url), 3, setup=forget)

    print(f"open a store                                   {ms(t_open)}")
    print(f"overdue by unit ({len(units)} units), in process     {ms(t_overdue)}")
    print(f"overdue by unit, communes only                 {ms(t_level)}")
    print(f"overdue by unit as of 30/06/2022 (replays)     {ms(t_past)}")
    print(f"directive list as of 30/06/2022 (replays)      {ms(t_past_home)}")
    print(f"  the same two asked again (answers kept)      {ms(t_past_again)}, {ms(t_past_home_again).strip()}")
    print(f"`tracker overdue --by-unit` (a command)        {ms(t_cli)}")
    times.sort()
    print(f"one status change: median                      {change_ms(times[len(times) // 2])}   worst "
          f"{change_ms(times[-1]).strip()}")
    print(f"  their CPU: client median {statistics.median(t.client for t in times) * 1000:.1f} ms, worst "
          f"{max(t.client for t in times) * 1000:.1f}; server median {statistics.median(t.server for t in times) * 1000:.1f}, "
          f"worst {max(t.server for t in times) * 1000:.1f}; Python's GC paused {sum(t.gc > 0 for t in times)} of them, "
          f"longest {max(t.gc for t in times) * 1000:.1f} ms")
    print(f"one status change with opening the store       {ms(statistics.median(opened))}")
    loads.sort()
    print(f"load one new directive (300 assignments)       {ms(loads[len(loads) // 2])}   worst {ms(loads[-1])}")
    print(f"re-load it (a merge)                           {ms(sorted(reloads)[len(reloads) // 2])}")
    print(f"TUI first screen with data, first start        {ms(t_cold)}")
    print(f"TUI first screen with data, median of 3 more   {ms(t_tui)}")
    print(load_average())


class Change(Sample):
    """A status change's wall time, its CPU to the microsecond (the client thread's, and its session's server
    process's from /proc/PID/schedstat when the server runs here) and the Python GC pauses within it: where a
    slow one's time went (CPU, a collection, or waiting: for a core, a lock or the disk)."""

    gc: float = 0.0


_GC = {"start": 0.0, "total": 0.0}


def _gc_clock(phase: str, info: dict) -> None:  # type: ignore[type-arg]
    if phase == "start":
        _GC["start"] = time.perf_counter()
    else:
        _GC["total"] += time.perf_counter() - _GC["start"]


def _session_cpu(pid: int) -> float:
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0  # the server runs elsewhere (or its processes are not readable)


def one_change(store, change) -> Change:  # type: ignore[no-untyped-def]
    """Time one status change on `store` (a fresh store object: its session's first)."""
    import gc

    pid = store._conn().info.backend_pid
    if _gc_clock not in gc.callbacks:
        gc.callbacks.append(_gc_clock)
    g, b, c = _GC["total"], _session_cpu(pid), time.thread_time()
    t = time.perf_counter()
    change()
    wall = time.perf_counter() - t
    out = Change(wall, time.thread_time() - c, _session_cpu(pid) - b)
    out.gc = _GC["total"] - g
    return out


def change_ms(c: Change) -> str:
    return f"{c * 1000:8.1f} ms (cpu {c.client * 1000:.1f} + server {c.server * 1000:.1f}, gc {c.gc * 1000:.1f})"


def forget_past(url: str) -> None:
    """Drop the past days' kept answers (schema 4), so the next ask counts."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        if conn.execute("SELECT to_regclass('past_counts') IS NOT NULL").fetchone()[0]:
            conn.execute("DELETE FROM past_counts")


def first_screen(url: str) -> float:
    from tracker.tui import TrackerApp
    from tracker.tui.testing import settle

    async def go() -> float:
        t = time.perf_counter()
        app = TrackerApp(url, as_of=AS_OF, poll=None)
        async with app.run_test(size=(160, 48)) as pilot:
            table = app.screen.query_one("#directives")
            deadline = time.perf_counter() + 120
            while not table.records and time.perf_counter() < deadline:
                await pilot.pause(0.005)
            await settle(pilot)
            assert list(table.records), "no directives on the first screen"
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
    c0 = CPU.server() if CPU else 0.0
    start.set()
    results = [out.get() for _ in procs]
    wall = time.perf_counter() - t
    server_cpu = (CPU.server() if CPU else 0.0) - c0
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
          f"entry {wrong}); latency median {ms(statistics.median(lat))}, p95 {ms(p95)}, worst {ms(lat[-1])}; "
          f"server CPU {server_cpu:.1f} s; {load_average()}")


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
    global CPU
    CPU = Cpu(url)
    print(load_average())
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
