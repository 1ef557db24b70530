"""TUI start-up and responsiveness on the demo store and on a synthetic province-year.

    .venv/bin/python bench/tui.py [--synth DIR] [--demo DIR] [--repeat N] [--as-of DD/MM/YYYY]

Prints, for each store:

- start-up as a user sees it: `tracker tui --db DIR` run in a pseudo-terminal,
  from the process start to the first screen drawn, and to the first screen
  showing its data (the directive list filled); median of N runs;
- the same in-process (Textual's headless driver): app object to first
  screen mounted, and to the directive list filled;
- how long each main screen takes to show its data once opened (F4 overdue
  board, F5 meeting list, F6 indicators, Enter on a directive);
- filter latency, from the last key typed to the filtered list: a search on
  the home screen (the screen filters 250 ms after the last key, so the
  figure includes that pause) and the "assigned unit" filter (a store query
  in a worker); and the longest time the event loop was blocked meanwhile:
  typing never freezes the screen when this stays small.

Aims (issue "The TUI"): first screen ≤ 1.5 s on the demo store, ≤ 3 s on the
synthetic province-year; typing in a filter never freezes the screen.
--synth: an existing synthetic store (bench/synth.py builds one in ~40 s;
without it one is built in a temporary folder).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import pty
import re
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>]|\x1b\][^\x07]*\x07")


def ms(s: float) -> str:
    return f"{s * 1000:7.0f} ms"


# -- a real process in a pseudo-terminal -------------------------------------------------------------------


def pty_startup(db: Path, ready: bytes, as_of: str, timeout: float = 30.0) -> tuple[float, float]:
    """(seconds to the first frame, seconds until `ready` is on screen) for `tracker tui` in a pty of 120×40."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the CLI as a user starts it
        os.environ.update(COLUMNS="120", LINES="40", TERM="xterm-256color")
        os.execv(sys.executable, [sys.executable, "-m", "tracker", "tui", "--db", str(db), "--as-of", as_of])
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    t0 = time.perf_counter()
    seen = b""
    first = None
    done = None
    while time.perf_counter() - t0 < timeout:
        r, _, _ = select.select([fd], [], [], 0.05)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        plain = ANSI.sub(b"", seen)
        if first is None and "Theo dõi nhiệm vụ".encode() in plain:
            first = time.perf_counter() - t0
        if ready in plain:
            done = time.perf_counter() - t0
            break
    try:
        os.write(fd, b"\x11")  # Ctrl+Q
        deadline = time.time() + 5
        while time.time() < deadline:
            wpid, _ = os.waitpid(pid, os.WNOHANG)
            if wpid:
                break
            try:
                select.select([fd], [], [], 0.05)
                os.read(fd, 65536)
            except OSError:
                pass
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
    finally:
        os.close(fd)
    if done is None:
        raise SystemExit(f"the first screen of {db} did not show {ready!r} within {timeout:.0f} s")
    return first or done, done


# -- in-process (headless) ---------------------------------------------------------------------------------


class Stall:
    """The longest gap between ticks of a 10 ms timer: how long the event loop was blocked."""

    def __init__(self, app: Any):
        self.app = app
        self.last = time.perf_counter()
        self.worst = 0.0
        self.timer = app.set_interval(0.01, self.tick)

    def tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last - 0.01)
        self.last = now

    def reset(self) -> None:
        self.last = time.perf_counter()
        self.worst = 0.0


async def wait_for(pilot: Any, check: Any, timeout: float = 60.0) -> float:
    t0 = time.perf_counter()
    while not check():
        if time.perf_counter() - t0 > timeout:
            raise SystemExit(f"timed out waiting for the screen ({pilot.app.screen.__class__.__name__})")
        await pilot.pause(0.005)
    return time.perf_counter() - t0


def in_process(db: Path, as_of: date) -> dict[str, float]:
    from tracker.tui.app import TrackerApp
    from tracker.tui.testing import settle

    out: dict[str, float] = {}

    async def go() -> None:
        t0 = time.perf_counter()
        app = TrackerApp(db, as_of=as_of, poll=None)
        async with app.run_test(size=(120, 40)) as pilot:
            out["mounted"] = time.perf_counter() - t0
            table = app.screen.query_one("#directives")
            await wait_for(pilot, lambda: bool(table.records) or not table.loading)
            out["home data"] = time.perf_counter() - t0
            await settle(pilot)
            stall = Stall(app)

            def timed_screen(key: str, name: str, ready: Any) -> Any:
                async def run() -> None:
                    stall.reset()
                    t = time.perf_counter()
                    await pilot.press(key)
                    await wait_for(pilot, lambda: ready(app.screen))
                    out[name] = time.perf_counter() - t
                    out[name + " stall"] = stall.worst
                    await settle(pilot)
                    await pilot.press("f2")
                    await settle(pilot)
                return run()

            await timed_screen("f4", "overdue board", lambda s: s.__class__.__name__ == "OverdueScreen" and bool(s.units))
            await timed_screen("f5", "meeting list", lambda s: s.__class__.__name__ == "MeetingScreen" and s.meeting is not None)
            await timed_screen("f6", "indicators", lambda s: s.__class__.__name__ == "IndicatorsScreen" and bool(s.summaries))
            await timed_screen("enter", "directive", lambda s: s.__class__.__name__ == "DirectiveScreen" and s.info is not None)

            # A search typed on the home screen: keys to the filtered list (the number of the newest directive).
            home = app.screen
            applied: list[float] = []
            original = home.apply_filters

            def apply_filters() -> None:
                original()
                applied.append(time.perf_counter())

            home.apply_filters = apply_filters  # type: ignore[method-assign]
            await pilot.press("slash")
            stall.reset()
            text = home.rows[0].label[:7]
            t = time.perf_counter()
            await pilot.press(*list(text))
            out[f"typing {len(text)} keys (Pilot)"] = time.perf_counter() - t
            t = time.perf_counter()
            await wait_for(pilot, lambda: bool(applied) and applied[-1] > t)
            out["search: last key → list (250 ms pause)"] = applied[-1] - t
            t = time.perf_counter()
            original()
            out["search filter alone"] = time.perf_counter() - t
            out["search stall"] = stall.worst
            home.apply_filters = original  # type: ignore[method-assign]
            home.action_clear_filters()
            home.query_one("#directives").focus()
            await pilot.pause(0.3)
            await settle(pilot)

            # The assigned-unit filter: a store query in a worker.
            await pilot.press("u")
            stall.reset()
            await pilot.press(*list("xa so"))
            t = time.perf_counter()
            await wait_for(pilot, lambda: home.unit_dids is not None)
            out["unit: last key → list (250 ms pause)"] = time.perf_counter() - t
            await settle(pilot)
            out["unit filter stall"] = stall.worst

    asyncio.run(go())
    return out


# -- stores --------------------------------------------------------------------------------------------------


def demo_store(folder: Path) -> Path:
    from tracker.cli.demo_cmd import build

    path = folder / "demo"
    build(path, ROOT / "directives")
    return path


def synth_store(folder: Path) -> Path:
    import synth

    path = folder / "synth"
    t = time.perf_counter()
    synth.build_store(path)
    print(f"(built the synthetic store in {time.perf_counter() - t:.0f} s)")
    return path


def report(name: str, db: Path, as_of: date, ready: bytes, repeat: int) -> None:
    print(f"\n== {name}: {db.name} (as of {as_of:%d/%m/%Y}) ==")
    runs = [pty_startup(db, ready, as_of.strftime("%d/%m/%Y")) for _ in range(repeat)]
    print(f"tracker tui, first frame            {ms(statistics.median(r[0] for r in runs))}  (median of {repeat})")
    print(f"tracker tui, first screen with data {ms(statistics.median(r[1] for r in runs))}")
    figures = in_process(db, as_of)
    for key, value in figures.items():
        print(f"  {key:<36} {ms(value)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--synth", metavar="DIR", help="an existing synthetic store (else one is built)")
    ap.add_argument("--demo", metavar="DIR", help="an existing demo store (else one is built)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--as-of", default="01/10/2022", help="the day to judge on (dd/mm/yyyy)")
    ap.add_argument("--skip-synth", action="store_true")
    a = ap.parse_args()
    from tracker.track import parse_date

    as_of = parse_date(a.as_of)
    tmp = Path(tempfile.mkdtemp(prefix="bench-tui-"))
    try:
        demo = Path(a.demo) if a.demo else demo_store(tmp)
        report("demo store", demo, as_of, b"2333/UBND-VP", a.repeat)
        if not a.skip_synth:
            synth = Path(a.synth) if a.synth else synth_store(tmp)
            report("synthetic province-year", synth, as_of, b"/KH-UBND", a.repeat)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nmachine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"textual {subprocess.run([sys.executable, '-c', 'import textual; print(textual.__version__)'], capture_output=True, text=True).stdout.strip()}")


if __name__ == "__main__":
    main()
