"""Store benchmark at province scale: the questions users ask, on each backend, next to plain SQLite.

    .venv/bin/python bench/store.py [--stores DIR] [--scales 150,450] [--pg URL] [--no-tui] [--keep]

For each scale (150 = the synthetic province-year of bench/synth.py: 500
directives, 10,000 tasks, 150,000 assignments, 300,000 events; 450 = three
times that) it builds a store (or reuses DIR/s150, DIR/s450) and prints, one
column per backend:

- load one new directive (20 tasks, 300 assignments; `save_drafts`, one
  commit), median and worst of three; the same with the preview `tracker
  load` makes first (a dry run, then the save); and loading it again (a merge);
- one status change (a fresh store object, change, commit): median and worst
  of 30;
- overdue by unit (`overdue_by_unit`, a fresh store object each time), and
  for the TinyDB folder the whole CLI as a subprocess;
- the TUI's first screen with data (Textual's headless driver, from the app
  object to the directive list filled; with --no-tui, the query behind it,
  `directives(as_of)`, on a fresh store object).

Backends: the TinyDB folder (the embedded default); PostgreSQL when `--pg`
names a server (`postgresql://…`, opened with `open_store(url)`; a `{k}` in
the URL is replaced by the scale, e.g. postgresql:///bench_{k}, so each
scale has its own database, filled through the public API when empty); and
plain SQLite: one assignments table with one index plus an events table,
filled from the same data, asked the same questions in SQL (the floor a
server-less database gives).

Aims (issue 15): load ≤ 150 ms at 450k and growing with the directive, not
the store; status change ≤ 10 ms median, ≤ 50 ms worst; overdue by unit
≤ 150 ms; TUI first screen ≤ 1.5 s. The page cache is warm. Each figure is
wall-clock time with the CPU time in brackets: on a shared machine the wall
clock also counts the time other processes held the cores (and fsync waits),
so compare CPU times between runs, and run twice before trusting a difference.
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402

from tracker.store import open_store  # noqa: E402

AS_OF = date(2022, 12, 31)
STATUS_CHANGES = 30
LOADS = 3


@dataclass
class Figures:
    """What one backend answered at one scale (seconds; None = not measured)."""

    load: list[float] = field(default_factory=list)
    load_preview: list[float] = field(default_factory=list)
    reload: list[float] = field(default_factory=list)
    status: list[float] = field(default_factory=list)
    overdue: list[float] = field(default_factory=list)
    overdue_cli: list[float] = field(default_factory=list)
    first_screen: list[float] = field(default_factory=list)
    note: str = ""


class Sample(float):
    """Seconds of wall-clock time, with the CPU seconds the work took (this process and its children)
    in `.cpu`: on a shared machine the wall clock also counts the time others held the cores."""

    cpu: float = 0.0


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(fn: Callable[[], Any]) -> tuple[Sample, Any]:
    c = _cpu()
    t = time.perf_counter()
    out = fn()
    sample = Sample(time.perf_counter() - t)
    sample.cpu = _cpu() - c
    return sample, out


def new_directive(n: int, tag: str) -> tuple[Any, list[Any]]:
    """A new directive of 20 tasks and about 300 assignments, with a number no earlier run used."""
    units = synth.SynthUnits()
    drafts = synth.make_drafts(units, directives=1, tasks=20, assignments=300, seed=99 + n)
    drafts[0].header.number = f"9{tag}{n}/KH-UBND"  # digits only: it matches no number the synthetic store cites
    drafts[0].header.parent = "100/CV-UBND"  # cites a loaded directive: the load links it
    drafts[0].source.sha256 = f"{tag}{n:x}".rjust(64, "0")[-64:]
    return units, drafts


# -- the tracker's backends (the Store interface only) ------------------------------------------


def bench_tracker(db: str, tag: str, *, tui: bool, cli: bool) -> Figures:
    f = Figures()
    for n in range(LOADS):
        units, drafts = new_directive(n, tag)
        t, _ = timed(lambda: open_store(db).save_drafts(drafts, units=units))
        f.load.append(t)
        units, drafts = new_directive(n + LOADS, tag)

        def preview_and_save() -> None:
            s = open_store(db)
            s.save_drafts(drafts, units=units, dry_run=True)
            s.save_drafts(drafts, units=units)

        f.load_preview.append(timed(preview_and_save)[0])
        f.reload.append(timed(lambda: open_store(db).save_drafts(drafts, units=units))[0])

    rng = random.Random(7)
    aids = [s.id for s in open_store(db).states(AS_OF)]
    # The half-million rows just built (and freed) left the cycle collector's counts high: its next
    # full collection would land in whichever change comes first. Settle them here, outside the
    # timings: a clerk's `tracker status` process has no such heap behind it.
    gc.collect()
    for _ in range(STATUS_CHANGES):
        aid = rng.choice(aids)
        key = rng.choice(["dang_thuc_hien", "hoan_thanh"])
        f.status.append(timed(lambda: open_store(db).set_status(aid, key, on=AS_OF, note="bench", by="bench"))[0])

    open_store(db).overdue_by_unit(AS_OF)  # imports and first reads out of the way
    for _ in range(5):
        f.overdue.append(timed(lambda: open_store(db).overdue_by_unit(AS_OF))[0])
    if cli:
        # The checkout's own tracker (this file's), whichever venv runs it.
        env = dict(os.environ, TRACKER_DB=db, PYTHONPATH=str(ROOT))
        for _ in range(3):
            f.overdue_cli.append(timed(lambda: subprocess.run(
                [sys.executable, "-m", "tracker", "overdue", "--by-unit", "--as-of", "31/12/2022", "--json"],
                env=env, capture_output=True, check=True))[0])
    for _ in range(3):
        f.first_screen.append(tui_first_screen(db) if tui else timed(lambda: open_store(db).directives(AS_OF))[0])
    return f


def tui_first_screen(db: str) -> Sample:
    """Seconds from the app object to the home screen's directive list filled (headless)."""
    from tracker.tui.app import TrackerApp

    out: list[Sample] = []

    async def go() -> None:
        c0 = _cpu()
        t0 = time.perf_counter()
        app = TrackerApp(db, as_of=AS_OF, poll=None)
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.screen.query_one("#directives")
            deadline = time.perf_counter() + 120
            while not (table.records or not table.loading) and time.perf_counter() < deadline:
                await pilot.pause(0.01)
            sample = Sample(time.perf_counter() - t0)
            sample.cpu = _cpu() - c0
            out.append(sample)

    asyncio.run(go())
    return out[0]


# -- plain SQLite: the same questions, one table and one index -----------------------------------

SQLITE_SCHEMA = """
CREATE TABLE assignments (id INTEGER PRIMARY KEY, directive INT, task INT, unit TEXT, role TEXT,
                          status INT, status_on INT, done_on INT, due INT);
CREATE INDEX assignments_directive ON assignments(directive);
CREATE TABLE events (id INTEGER PRIMARY KEY, assignment INT, kind TEXT, "on" INT, by TEXT,
                     "from" INT, "to" INT, note TEXT, at TEXT);
"""
OPEN, DONE, CANCELLED = 0, 3, 4  # status codes below


def build_sqlite(path: Path, tracker_db: str) -> None:
    """The TinyDB store's assignments as of AS_OF (their due dates worked out) in one SQLite table."""
    store = open_store(tracker_db)
    code = {"hoan_thanh": DONE, "khong_thuc_hien": CANCELLED}
    con = sqlite3.connect(path)
    con.executescript(SQLITE_SCHEMA)
    rows = [(s.id, s.directive_id, s.task_id, s.unit_key, s.role, code.get(s.status, OPEN), 0,
             s.done_on.toordinal() if s.done_on else 0, s.due.toordinal() if s.due else 0)
            for s in store.states(AS_OF)]
    con.executemany("INSERT INTO assignments VALUES (?,?,?,?,?,?,?,?,?)", rows)
    con.executemany("INSERT INTO events (assignment, kind, \"on\", by, note, at) VALUES (?,?,?,?,?,?)",
                    [(r[0], "status", 0, "synth", "Báo cáo tiến độ", "") for r in rows for _ in range(2)])
    con.commit()
    con.close()


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    return con


def bench_sqlite(path: Path) -> Figures:
    f = Figures(note="one table + one index")
    a = AS_OF.toordinal()
    con = _connect(path)
    top = con.execute("SELECT max(id), max(directive), max(task) FROM assignments").fetchone()
    con.close()
    next_id, next_dir, next_task = top[0] + 1, top[1] + 1, top[2] + 1
    for n in range(LOADS):
        units, drafts = new_directive(n, "sql")
        rows = []
        for t, task in enumerate(drafts[0].tasks):
            for ref in task.lead + task.support:
                for m in (units.members(ref) or [units.unit(ref)]):
                    rows.append((next_id, next_dir, next_task + t, m.key, "lead", OPEN, 0, 0, a + 30))
                    next_id += 1

        def load() -> None:
            con = _connect(path)
            with con:
                con.executemany("INSERT INTO assignments VALUES (?,?,?,?,?,?,?,?,?)", rows)
            con.close()

        f.load.append(timed(load)[0])
        next_dir += 1
        next_task += len(drafts[0].tasks)
    rng = random.Random(7)
    for _ in range(STATUS_CHANGES):
        aid = rng.randrange(1, next_id)

        def change() -> None:
            con = _connect(path)
            with con:
                old = con.execute("SELECT status FROM assignments WHERE id = ?", (aid,)).fetchone()
                con.execute("UPDATE assignments SET status = ?, status_on = ? WHERE id = ?", (DONE, a, aid))
                con.execute("INSERT INTO events (assignment, kind, \"on\", by, \"from\", \"to\", note, at) "
                            "VALUES (?,?,?,?,?,?,?,?)", (aid, "status", a, "bench", old and old[0], DONE, "bench", ""))
            con.close()

        f.status.append(timed(change)[0])

    def overdue() -> list[Any]:
        con = _connect(path)
        out = con.execute(
            "SELECT unit, count(*), sum(? - due), max(? - due) FROM assignments "
            "WHERE status NOT IN (?, ?) AND due > 0 AND due < ? GROUP BY unit ORDER BY 2 DESC, 3 DESC",
            (a, a, DONE, CANCELLED, a)).fetchall()
        con.close()
        return out

    def directives() -> list[Any]:
        con = _connect(path)
        out = con.execute(
            "SELECT directive, count(*), "
            "sum(status = ?), sum(status NOT IN (?, ?) AND due > 0 AND due < ?) "
            "FROM assignments GROUP BY directive ORDER BY directive DESC", (DONE, DONE, CANCELLED, a)).fetchall()
        con.close()
        return out

    for _ in range(5):
        f.overdue.append(timed(overdue)[0])
    for _ in range(3):
        f.first_screen.append(timed(directives)[0])
    return f


# -- the table --------------------------------------------------------------------------------------


def _fmt(v: float) -> str:
    return f"{v * 1000:.0f} ms" if v < 10 else f"{v:.1f} s"


def cell(values: list[float], how: str = "median") -> str:
    """wall (cpu) of the median or the worst sample."""
    if not values:
        return "—"
    pick = sorted(values)[len(values) // 2] if how == "median" else max(values)
    cpu = getattr(pick, "cpu", None)
    return _fmt(pick) + (f" ({_fmt(cpu)})" if cpu is not None else "")


def print_table(scale: int, size: str, columns: dict[str, Figures], tui: bool) -> None:
    names = list(columns)
    lines = [
        ("load one directive, median", lambda f: cell(f.load)),
        ("load one directive, worst", lambda f: cell(f.load, "max")),
        ("  preview + save, as `tracker load`", lambda f: cell(f.load_preview)),
        ("  the same again (a merge)", lambda f: cell(f.reload)),
        (f"status change, median of {STATUS_CHANGES}", lambda f: cell(f.status)),
        ("status change, worst", lambda f: cell(f.status, "max")),
        ("overdue by unit (in process)", lambda f: cell(f.overdue)),
        ("  CLI `tracker overdue --by-unit`", lambda f: cell(f.overdue_cli)),
        ("TUI first screen with data" if tui else "first screen's query (directives)", lambda f: cell(f.first_screen)),
    ]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n== {scale}k assignments ({size}); wall clock (CPU time); load average {load} ==")
    print(f"{'':40}" + "".join(f"{n:>26}" for n in names))
    for label, get in lines:
        print(f"{label:40}" + "".join(f"{get(columns[n]):>26}" for n in names))
    notes = [f"{n}: {columns[n].note}" for n in names if columns[n].note]
    if notes:
        print("  " + "; ".join(notes))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stores", help="folder holding s150/, s450/ (built there when missing)")
    ap.add_argument("--scales", default="150,450", help="thousands of assignments, comma-separated (150 = one province-year)")
    ap.add_argument("--pg", help="PostgreSQL URL for the second backend ('{k}' becomes the scale)")
    ap.add_argument("--no-tui", action="store_true", help="time the first screen's query instead of the TUI")
    ap.add_argument("--keep", action="store_true", help="keep the temporary stores")
    a = ap.parse_args()
    base = Path(a.stores) if a.stores else Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    tag = f"{int(time.time()) % 100000:05d}"  # new directives of this run get numbers no earlier run used
    try:
        for k in (int(x) for x in a.scales.split(",")):
            factor = k / 150
            scale = {n: int(v * factor) for n, v in synth.PROVINCE_YEAR.items()}
            path = base / f"s{k}"
            if not open_store(path).version:
                t = time.perf_counter()
                synth.build_store(path, **scale)
                print(f"built {path} in {time.perf_counter() - t:.0f} s")
            store = open_store(path)
            size = f"{len(store.directive_records())} directives, {len(store.states(AS_OF))} assignments"
            columns = {"TinyDB folder": bench_tracker(str(path), tag, tui=not a.no_tui, cli=True)}
            if a.pg:
                url = a.pg.replace("{k}", str(k))
                if not open_store(url).version:
                    t = time.perf_counter()
                    synth.build_store(url, **scale)
                    print(f"built {url} in {time.perf_counter() - t:.0f} s")
                columns["PostgreSQL"] = bench_tracker(url, tag, tui=not a.no_tui, cli=False)
            lite = base / f"s{k}.sqlite"
            if not lite.exists():
                build_sqlite(lite, str(path))
            columns["plain SQLite"] = bench_sqlite(lite)
            print_table(k, size, columns, not a.no_tui)
    finally:
        if not a.stores and not a.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
