"""A synthetic province-year of directives for benchmarks and scale tests.

    from synth import build_store, make_drafts, SynthUnits
    store = build_store(path, directives=500, tasks=10_000, assignments=150_000, events=300_000)

One province with its agencies, districts with their offices, communes with
their posts; directives issued through one year at province, district and
commune level, each task assigned to units of the level below (often through
a group such as "UBND các xã"), with every deadline kind; then status
entries, reports and event dates spread over the year. Everything goes
through the store's public API (`save_drafts`, `set_statuses`,
`record_event_date`), so what is measured is what users get. Deterministic
for a given seed.

Run alone to build one: `python bench/synth.py PATH [--small]`.
"""
from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.model import Deadline, DirectiveDraft, Header, Source, Task, UnitRef  # noqa: E402
from tracker.store.records import UnitRecord  # noqa: E402

PROVINCE = "syn:p1"
AGENCIES = 25  # sở, ban, ngành of the province
DISTRICTS = 10
OFFICES = 12  # phòng of each district
COMMUNES = 20  # per district
POSTS = 16  # công chức posts and villages (thôn) of each commune


class SynthUnits:
    """A `tracker.store.UnitDirectory` over the synthetic province (ids like syn:p1.d3.c7)."""

    def __init__(self) -> None:
        self.units: dict[str, UnitRecord] = {}
        self.groups: dict[str, list[str]] = {}
        p = PROVINCE
        self._add(p, "UBND tỉnh Tổng hợp", "province", "province", None)
        agencies = [self._add(f"{p}/so-{i}", f"Sở Ngành {i} tỉnh", "province", "agency", p) for i in range(1, AGENCIES + 1)]
        self.groups[f"{p}#so-ban-nganh"] = agencies
        districts = []
        for d in range(1, DISTRICTS + 1):
            did = self._add(f"{p}.d{d}", f"UBND huyện Số {d}", "district", "district", p)
            districts.append(did)
            offices = [self._add(f"{did}/phong-{i}", f"Phòng Chuyên môn {i} huyện Số {d}", "district", "agency", did)
                       for i in range(1, OFFICES + 1)]
            self.groups[f"{did}#co-quan"] = offices
            communes = []
            for c in range(1, COMMUNES + 1):
                cid = self._add(f"{did}.c{c}", f"UBND xã Số {d}-{c}", "commune", "commune", did)
                communes.append(cid)
                posts = [self._add(f"{cid}/cc-{i}", f"Công chức {i} xã Số {d}-{c}", "commune", "post", cid)
                         for i in range(1, POSTS + 1)]
                self.groups[f"{cid}#cong-chuc"] = posts
            self.groups[f"{did}#commune"] = communes
        self.groups[f"{p}#district"] = districts

    def _add(self, uid: str, name: str, level: str, kind: str, parent: str | None) -> str:
        self.units[uid] = UnitRecord(key=uid, name=name, id=uid, level=level, kind=kind, parent=parent)
        return uid

    def unit(self, ref: UnitRef) -> UnitRecord:
        return self.units.get(ref.id or "") or UnitRecord(key=ref.id or "", name=ref.name, id=ref.id)

    def members(self, ref: UnitRef) -> list[UnitRecord] | None:
        ids = self.groups.get(ref.id or "")
        return [self.units[i] for i in ids] if ids else None


def _deadline(rng: random.Random, issued: date) -> Deadline | None:
    roll = rng.random()
    if roll < 0.40:
        d = issued + timedelta(days=rng.randint(7, 120))
        return Deadline("date", f"trước ngày {d:%d/%m/%Y}", date=d.isoformat())
    if roll < 0.60:
        q_end = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}[min(4, (issued.month - 1) // 3 + 1 + rng.randint(0, 1))]
        return Deadline("period", "trong quý", date=f"{issued.year}-{q_end}")
    if roll < 0.75:
        cycle = rng.choice(["monthly", "monthly", "quarterly", "continuous", None])
        return Deadline("recurring", "hằng tháng", cycle=cycle, day=rng.choice([None, 15, 20, 25]))
    if roll < 0.85:
        # As the reader records it (anchor and counts_from): a store judges what was recorded at load.
        return Deadline("relative", "trong vòng 5 ngày làm việc kể từ khi", days=rng.choice([3, 5, 10]), working=rng.random() < 0.6,
                        anchor="khi", counts_from="event")
    if roll < 0.90:
        return Deadline("event", "khi có quyết định")
    if roll < 0.95:
        d = issued + timedelta(days=rng.randint(0, 30))
        return Deadline("start", f"kể từ ngày {d:%d/%m/%Y}", date=d.isoformat())
    return None


def make_drafts(units: SynthUnits, *, directives: int, tasks: int, assignments: int, seed: int = 1, year: int = 2022) -> list[DirectiveDraft]:
    """Drafts whose tasks expand to about `assignments` assignments in all."""
    rng = random.Random(seed)
    total_tasks = max(1, tasks)
    districts = units.groups[f"{PROVINCE}#district"]
    out = []
    made_tasks = 0
    made = 0
    for n in range(directives):
        issued = date(year, 1, 3) + timedelta(days=int(330 * n / max(1, directives)))
        level = "province" if n % 5 == 0 else ("district" if n % 5 in (1, 2) else "commune")
        district = districts[n % len(districts)]
        if level == "province":
            issuer, issuer_id = "UBND tỉnh Tổng hợp", PROVINCE
            pools = (units.groups[f"{PROVINCE}#so-ban-nganh"], districts)
            groups = [f"{PROVINCE}#district", f"{PROVINCE}#so-ban-nganh"]
        elif level == "district":
            issuer, issuer_id = units.units[district].name, district
            pools = (units.groups[f"{district}#co-quan"], units.groups[f"{district}#commune"])
            groups = [f"{district}#commune", f"{district}#co-quan"]
        else:
            commune = units.groups[f"{district}#commune"][n % COMMUNES]
            issuer, issuer_id = units.units[commune].name, commune
            pools = (units.groups[f"{commune}#cong-chuc"], units.groups[f"{district}#commune"][:1])
            groups = [f"{commune}#cong-chuc"]
        count = tasks // directives + (1 if n < tasks % directives else 0)
        draft_tasks = []
        for t in range(count):
            # Aim at the total: what is left, spread over the tasks left.
            per_task = (assignments - made) / max(1, total_tasks - made_tasks - t)
            want = max(1, int(rng.gauss(per_task, per_task / 3)))
            lead: list[UnitRef] = []
            support: list[UnitRef] = []
            got = 0
            seen: set[str] = set()
            if rng.random() < 0.5:
                g = rng.choice(groups)
                if len(units.groups[g]) <= want:
                    lead.append(UnitRef(g, g, group=True))
                    got += len(units.groups[g])
                    seen.update(units.groups[g])
            pool = [u for p in pools for u in p]
            rng.shuffle(pool)
            for uid in pool:
                if got >= want:
                    break
                if uid in seen:
                    continue
                (lead if not lead else support).append(UnitRef(units.units[uid].name, uid))
                got += 1
            if rng.random() < 0.03:
                lead.append(UnitRef(f"Đơn vị chưa rõ {rng.randint(1, 40)}"))  # unresolved, kept by name
                got += 1
            made += got
            draft_tasks.append(Task(
                text=f"Nhiệm vụ {t + 1} của văn bản {n + 1}: triển khai, kiểm tra và báo cáo kết quả thực hiện "
                     f"Bộ chỉ số phục vụ người dân, doanh nghiệp trong giải quyết thủ tục hành chính.",
                path=f"{t // 5 + 1}.{chr(97 + t % 5)}", lead=lead, support=support,
                deadline=_deadline(rng, issued), indicators=sorted(rng.sample(range(1, 22), rng.randint(0, 2))),
            ))
        made_tasks += count
        number = f"{100 + n}/{'KH' if n % 3 else 'CV'}-UBND"
        out.append(DirectiveDraft(
            header=Header(number=number, symbol="UBND", doc_type="CV", issuer=issuer, issuer_id=issuer_id,
                          level=level, date=issued.isoformat(), subject=f"Văn bản tổng hợp số {n + 1}",
                          parent=f"{n // 5 + 1}/KH-UBND" if level != "province" else None),
            tasks=draft_tasks,
            source=Source(path=f"synthetic/{n + 1}.pdf", format="pdf", sha256=f"{n + 1:064x}"),
        ))
    return out


def add_progress(store: Any, *, events: int, seed: int = 1, year: int = 2022) -> None:
    """About `events` history entries over the year, in one commit."""
    from tracker.store import StatusChange

    rng = random.Random(seed + 1)
    as_of = date(year, 12, 31)
    rows = store.assignments(as_of, with_text=False)
    directives = {d.id: d for d in store.directives(as_of)}
    from tracker.track import document_day

    changes = []
    dates = []
    left = events
    order = list(range(len(rows)))
    rng.shuffle(order)
    k = 0
    while left > 0 and rows:
        r = rows[order[k % len(rows)]]
        k += 1
        issued = document_day(directives[r.directive_id].date) or date(year, 1, 1)
        span = max(1, (as_of - issued).days)
        kind = (r.deadline or {}).get("kind")
        if kind == "event" and rng.random() < 0.5:
            dates.append((r.id, issued + timedelta(days=rng.randint(1, span))))
            left -= 1
            continue
        n = min(left, rng.choice([1, 2, 2, 3]))
        day = issued
        for step in range(n):
            day = min(as_of, day + timedelta(days=rng.randint(1, max(1, span // 3))))
            status = "dang_thuc_hien" if step < n - 1 else rng.choice(
                ["hoan_thanh", "hoan_thanh", "dang_thuc_hien", "tam_dung", "khong_thuc_hien", "hoan_thanh"])
            changes.append(StatusChange(r.id, status, day, "Báo cáo tiến độ", "synth"))
        left -= n
    with store.transaction("synth progress"):
        for aid, day in dates:
            store.record_event_date(aid, day, by="synth")
        store.set_statuses(changes)


def build_store(path: str | Path, *, directives: int = 500, tasks: int = 10_000, assignments: int = 150_000,
                events: int = 300_000, seed: int = 1) -> Any:
    """A new store at `path` holding the synthetic province-year (two commits: load, then progress)."""
    from tracker.store import open_store

    store = open_store(path)
    if store.version:
        raise SystemExit(f"{path} already holds data")
    units = SynthUnits()
    store.save_drafts(make_drafts(units, directives=directives, tasks=tasks, assignments=assignments, seed=seed),
                      units=units)
    add_progress(store, events=events, seed=seed)
    if hasattr(store, "analyze"):  # PostgreSQL: the figures that follow are planned from these rows
        store.analyze()
    return store


if __name__ == "__main__":
    import argparse
    import time

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path")
    ap.add_argument("--small", action="store_true", help="50 directives, 1,000 tasks, 15,000 assignments, 30,000 events")
    a = ap.parse_args()
    t = time.perf_counter()
    scale = dict(directives=50, tasks=1000, assignments=15_000, events=30_000) if a.small else {}
    s = build_store(a.path, **scale)
    print(f"built {a.path} (version {s.version}) in {time.perf_counter() - t:.1f} s")


# ------------------------------------------------------------ shared by the benchmarks

PROVINCE_YEAR = dict(directives=500, tasks=10_000, assignments=150_000, events=300_000)


def timed(fn, repeat: int = 5) -> tuple[float, Any]:  # type: ignore[no-untyped-def]
    """Median seconds of `repeat` calls, and the last result."""
    import statistics
    import time

    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def ms(s: float) -> str:
    return f"{s * 1000:8.1f} ms"


def store_args(description: str, prefix: str) -> tuple[Path, dict[str, int], Any]:
    """The usual benchmark options: --path (reuse a store), --small (a tenth), --keep."""
    import argparse
    import tempfile

    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--path", help="store folder to use (built there if empty)")
    ap.add_argument("--small", action="store_true", help="a tenth of the scale (quick look)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary store")
    a = ap.parse_args()
    scale = {k: v // 10 for k, v in PROVINCE_YEAR.items()} if a.small else dict(PROVINCE_YEAR)
    path = Path(a.path) if a.path else Path(tempfile.mkdtemp(prefix=prefix)) / "store"
    return path, scale, a


def on_store(path: Path, args: Any, build: Any, run: Any) -> None:
    """Build the store at `path` unless it holds data, run the benchmark, and remove a temporary store."""
    import shutil

    from tracker.store import open_store

    try:
        if not open_store(path).version:
            build(path)
        run(path)
    finally:
        if not args.path and not args.keep:
            shutil.rmtree(path.parent, ignore_errors=True)
