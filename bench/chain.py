"""Chain benchmark: links on load and the roll-up of a whole synthetic province-year.

    .venv/bin/python bench/chain.py [--path DIR] [--small] [--keep]

Builds (or reuses, with --path) the synthetic province-year of bench/synth.py
(500 directives, 10,000 tasks, 150,000 assignments, 300,000 events; its own
citations point at nothing), then loads every directive again with each
district directive citing the latest province directive issued before it and
each commune directive the latest directive of its district, so the chain
links in that load (the status entries made before stay the units' own
reports). Prints:

- the links made: parents, task links, answered assignments;
- `rollup(store, as_of)` of every assignment (a fresh Store each time:
  open, judge every assignment, roll up every answered one), next to
  `store.states()` alone, and with a Progress object made for each of the
  150,000 (what a caller asking for all of them pays);
- `chain_tree` of the province directive with the most answered assignments,
  and `tracker chain --json` of it as a subprocess;
- loading one more district directive (its links worked out in the load's
  commit) next to re-loading it.

Aim (issue "The chain"): the roll-up of the whole province-year in at most 1 s.
Figures are medians; the page cache is warm.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import synth  # noqa: E402

from tracker.store import Store, open_store  # noqa: E402
from tracker.track import document_day  # noqa: E402

AS_OF = date(2022, 12, 31)




def chained_drafts(units: synth.SynthUnits, **scale: int) -> list:
    """synth.make_drafts, each district directive citing the latest province directive before it and
    each commune directive the latest directive of its district (what real ones do).

    synth.py puts its district and commune directives in different districts; here each commune
    directive moves (issuer and the units its tasks name) to the same-numbered commune of the
    district that issued the latest district directive, so chains reach the communes.
    """
    drafts = synth.make_drafts(units, **scale)
    latest_province = None
    latest_district: tuple[str, str] | None = None
    for d in sorted(drafts, key=lambda d: d.header.date or ""):
        h = d.header
        if h.level == "province":
            latest_province = h.number
        elif h.level == "district":
            h.parent = latest_province
            latest_district = (h.issuer_id, h.number)
        elif latest_district is not None:
            _move_commune(d, units.units[h.issuer_id].parent or "", latest_district[0])
            h.parent = latest_district[1]
    return drafts


def _move_commune(draft, old: str, new: str) -> None:  # type: ignore[no-untyped-def]
    """Put a commune directive of district `old` in district `new` (ids syn:p1.dN…, names "Số N-…")."""
    old_no, new_no = old.rsplit(".d", 1)[1], new.rsplit(".d", 1)[1]

    def move_id(uid):  # type: ignore[no-untyped-def]
        return new + uid[len(old):] if uid and uid.startswith(old + ".") else uid

    def move_name(name):  # type: ignore[no-untyped-def]
        return name.replace(f"Số {old_no}-", f"Số {new_no}-")

    h = draft.header
    h.issuer_id, h.issuer = move_id(h.issuer_id), move_name(h.issuer)
    for t in draft.tasks:
        for ref in (*t.lead, *t.support):
            ref.id, ref.name = move_id(ref.id), move_name(ref.name)


def build(path: Path, scale: dict[str, int]) -> None:
    """The province-year as synth.build_store makes it (progress entered while nothing was linked:
    the units' own reports), then every directive loaded again with its citation: the links are
    made in that load's one commit."""
    store = synth.build_store(path, **scale)
    units = synth.SynthUnits()
    drafts = chained_drafts(units, directives=scale["directives"], tasks=scale["tasks"], assignments=scale["assignments"])
    t = time.perf_counter()
    store.save_drafts(drafts, units=units)
    print(f"built {path}; re-load of every directive with its citation, linking: {time.perf_counter() - t:.1f} s")


timed, ms = synth.timed, synth.ms


def main() -> None:
    path, scale, a = synth.store_args(__doc__.split("\n")[0], "tracker-chain-bench-")
    synth.on_store(path, a, lambda p: build(p, scale), run)


def run(path: Path) -> None:
    from tracker.chain import Rollup, chain_tree, rollup

    store = open_store(path)
    records = store.directive_records()
    links = store.task_links()
    states = store.states(AS_OF)
    answered = [s for s in states if s.child_directive_id]
    by_method: dict[str, int] = {}
    for r in records.values():
        if r.get("parent_id"):
            by_method[r.get("parent_method") or "?"] = by_method.get(r.get("parent_method") or "?", 0) + 1
    waiting = sum(1 for r in records.values() if r.get("parent_ref") and not r.get("parent_id"))
    print(f"store: {len(records)} directives, {len(states)} assignments judged as of {AS_OF:%d/%m/%Y}")
    print(f"links: {sum(by_method.values())} parents {by_method}, {waiting} waiting for a document not loaded; "
          f"{len(links)} tasks linked to {sum(len(v) for v in links.values())} parent tasks; "
          f"{len(answered)} assignments answered by a child directive")
    print()

    t_states, _ = timed(lambda: Store(path).states(AS_OF), 3)
    t_roll, result = timed(lambda: rollup(Store(path), AS_OF), 5)
    t_every, _ = timed(lambda: dict(rollup(Store(path), AS_OF)), 3)
    roll = Rollup(store, AS_OF)
    rolled = roll.answered()
    sources: dict[str, int] = {}
    for p in rolled.values():
        sources[p.source] = sources.get(p.source, 0) + 1

    def depth(aid: int, d: int = 1) -> int:
        kids = [k for k in roll.kids(aid) if roll.row(k).child_directive_id]
        return max([depth(k, d + 1) for k in kids[:50]], default=d)

    deepest = max((depth(a) for a in list(rolled)[:300]), default=0)
    t_past, _ = timed(lambda: rollup(Store(path), date(2022, 6, 30)), 3)

    # The province directive whose assignments are answered most.
    per: dict[int, int] = {}
    for s in answered:
        if (records.get(s.directive_id) or {}).get("level") == "province":
            per[s.directive_id] = per.get(s.directive_id, 0) + 1
    top = max(per, key=per.get) if per else next(iter(records))
    t_tree, tree = timed(lambda: chain_tree(Store(path), top, as_of=AS_OF), 3)
    nodes = sum(1 for _ in tree.walk())
    env = dict(os.environ, TRACKER_DB=str(path))
    tracker = str(ROOT / ".venv" / "bin" / "tracker")
    if not os.path.exists(tracker):
        tracker = shutil.which("tracker") or tracker
    t_cli, _ = timed(lambda: subprocess.run([tracker, "chain", str(top), "--as-of", "31/12/2022", "--json"],
                                            env=env, capture_output=True, check=True), 3)

    # One more district directive, carrying out the latest province directive.
    units = synth.SynthUnits()
    province = max((r for r in records.values() if r.get("level") == "province"),
                   key=lambda r: (document_day(r.get("date")) or date.min, r["id"]))
    load_times, reload_times = [], []
    for n in range(3):
        drafts = synth.make_drafts(units, directives=2, tasks=40, assignments=600, seed=99 + n)
        d = drafts[1]  # synth's second directive is a district's
        d.header.number = f"{9000 + n}/KH-UBND"
        d.header.date = province.get("date")
        d.header.parent = province.get("number")
        d.source.sha256 = f"{n + 1:x}" * 64
        t = time.perf_counter()
        res = Store(path).save_drafts([d], units=units)[0]
        load_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        Store(path).save_drafts([d], units=units)
        reload_times.append(time.perf_counter() - t)

    print("figure                                                   time")
    print(f"rollup(store, as_of) of all {len(result)} assignments         {ms(t_roll)}   (store.states() alone: {ms(t_states)})")
    print(f"  {len(rolled)} answered ones rolled up ({sources}), chains up to {deepest} levels deep")
    print(f"  the same with a Progress object made for every assignment  {ms(t_every)}")
    print(f"  the same as of 30/06/2022 (replays history)            {ms(t_past)}")
    print(f"chain_tree of {records[top].get('number')} ({nodes} nodes)               {ms(t_tree)}")
    print(f"  CLI `tracker chain ... --json`                         {ms(t_cli)}")
    print(f"load one district directive ({res.tasks_added} tasks; linked to {res.parent_label}, {res.parent_method}) "
          f"{ms(statistics.median(load_times))}   again (merge): {ms(statistics.median(reload_times))}")
    print()
    verdict = "within" if t_roll <= 1.0 else "OVER"
    print(f"aim: roll-up of the whole province-year ≤ 1 s: {t_roll:.2f} s ({verdict})")


if __name__ == "__main__":
    main()
