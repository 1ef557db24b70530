"""Tracking in 2026: figures for issue 13 (today's two-level map, successors, safe re-loads, honest overdue).

    .venv/bin/python bench/tracking2026.py

1. The 2026 documents written for the tests (tests/data/docs2026: a province plan, a merged sở, a ward,
   a commune whose name four provinces share, an undated commune plan), loaded into one store as a clerk
   does (`tracker load`, one command): issuers and units resolved right / total, group sizes, due dates
   right / total, against the answers below. The shared-name commune alone (no store, no setting) too.
2. The shared samples (directives/: 12 copies of five 2022 directives) and the 2026 chain in one store:
   units shown twice on the board (by body, and by stored key as a store without successors would show
   them), overdue assignments that are standing per-case rules (and how many the old reading, counted
   from the document's date, called overdue), statuses lost over re-loading every document with a
   deliberately weaker parse (every other unit left unresolved, groups left as names, one support unit
   dropped per directive), and what those re-loads kept for the clerk to decide.
"""
from __future__ import annotations

import copy
import os
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DOCS = ROOT / "tests" / "data" / "docs2026"
SAMPLES = ROOT / "directives"
AS_OF = date(2026, 11, 30)
HY = "2025:p33"

# The answers: issuer, then per item (lead ids, support ids, due date or None for a standing rule).
GOLD = {
    "tinh-hy-25-2026.txt": (HY, {
        "1": ([f"{HY}/so-noi-vu"], [f"{HY}/so-tai-chinh"], "2026-03-31"),
        "2": ([f"{HY}/so-nong-nghiep-moi-truong"], [f"{HY}/so-tu-phap"], None),
        "3": ([f"{HY}/so-khoa-hoc-cong-nghe"], [], "2026-02-11"),
        "4": ([f"{HY}/trung-tam-phvcc"], [], None),
        "5": ([f"{HY}#commune"], [], "2026-06-30"),
        "6": ([f"{HY}/cong-an"], [f"{HY}#commune"], "2026-09-30"),
    }),
    "so-nnmt-40-2026.txt": (f"{HY}/so-nong-nghiep-moi-truong", {
        "1": ([f"{HY}#commune"], [], None),
        "2": ([f"{HY}#commune"], [], "2026-04-05"),
    }),
    "phuong-son-nam-12-2026.txt": (f"{HY}.c11983", {
        "1": ([f"{HY}.c11983/vp-hdnd-ubnd"], [], "2026-06-15"),
        "2": ([f"{HY}.c11983/phong-kinh-te-ha-tang-do-thi"], [], None),
        "3": ([f"{HY}.c11983/cong-an"], [f"{HY}.c11983/vp-hdnd-ubnd"], "2026-08-31"),
    }),
    "xa-dai-dong-08-2026.txt": (f"{HY}.c11995", {
        "1": ([f"{HY}.c11995/phong-kinh-te"], [], "2026-05-30"),
        "2": ([f"{HY}.c11995/vp-hdnd-ubnd"], [f"{HY}.c11995/cong-an"], "2026-07-31"),
        "3": ([f"{HY}.c11995/phong-van-hoa-xa-hoi"], [], None),
    }),
    "xa-nhu-quynh-undated-2026.txt": (f"{HY}.c11986", {
        "1": ([f"{HY}.c11986/trung-tam-phvcc"], [f"{HY}.c11986/phong-kinh-te"], "2026-10-31"),
        "2": ([f"{HY}.c11986/phong-van-hoa-xa-hoi"], [], "2026-09-30"),
        "3": ([f"{HY}.c11986/cong-an"], [], None),
    }),
}
GROUPS = {f"{HY}#commune": 104}  # "UBND các xã, phường" of Hưng Yên: its 104 communes, wards and special zones


def read(paths: list[Path], store=None, db=None):
    from tracker.cli.load_cmd import read_all

    return read_all([str(p) for p in paths], quiet=True, store=store, db=db)


def part1(tmp: Path) -> None:
    from tracker.store import AssignmentFilter, open_store
    from tracker.units import get_hierarchy

    print("1. 2026 documents (tests/data/docs2026), loaded in one command")
    paths = sorted(DOCS.glob("*.txt"))
    store = open_store(tmp / "docs2026")
    drafts = read(paths, store=store, db=tmp / "docs2026")
    store.save_drafts(drafts)
    issuers_ok = units_ok = units_total = due_ok = due_total = 0
    h = get_hierarchy("2025")
    groups: list[tuple[str, int, int]] = []
    records = {Path(r["source"]["path"]).name: r for r in store.directive_records().values()}
    for name, (issuer, items) in GOLD.items():
        d = next(d for d in drafts if Path(d.source.path).name == name)
        issuers_ok += d.header.issuer_id == issuer
        tasks = {t.path: t for t in d.tasks}
        for path, (lead, support, _due) in items.items():
            t = tasks.get(path)
            got_lead = [r.id for r in t.lead] if t else []
            got_support = [r.id for r in t.support] if t else []
            for want, got in ((lead, got_lead), (support, got_support)):
                units_total += len(want)
                units_ok += sum(1 for u in want if u in got)
                units_total += sum(1 for u in got if u not in want)  # a unit found that is not there counts against
            for ref in (t.lead + t.support) if t else []:
                if ref.group and ref.id in GROUPS:
                    groups.append((ref.id, len(h.expand(ref.id)), GROUPS[ref.id]))
        rows = store.assignments(AS_OF, AssignmentFilter(directive=records[name]["id"]), with_text=False)
        for path, (_lead, _support, due) in items.items():
            got = {r.due.isoformat() if r.due else None for r in rows if r.task_path == path}
            due_total += 1
            due_ok += got == {due}
    print(f"   issuers resolved right: {issuers_ok}/{len(GOLD)}")
    print(f"   units resolved right:   {units_ok}/{units_total}")
    sizes = Counter((g, got, want) for g, got, want in groups)
    for (g, got, want), n in sorted(sizes.items()):
        print(f"   group {g}: {got} members (expected {want}), named {n} times")
    print(f"   due dates right:        {due_ok}/{due_total} (a standing per-case rule right when it has none)")
    alone = read([DOCS / "xa-dai-dong-08-2026.txt"])[0]
    print(f"   the shared-name commune parsed alone, nothing loaded, no home province: issuer "
          f"{alone.header.issuer_id or 'asked of the clerk'}")


def weaker(draft):
    """A deliberately weaker parse: every other unit left unresolved, groups left as names, the last
    item's supporting units dropped."""
    d = copy.deepcopy(draft)
    n = 0
    for t in d.tasks:
        for ref in t.lead + t.support:
            n += 1
            if ref.group or n % 2 == 0:
                ref.id, ref.group, ref.confidence = None, False, None
    if d.tasks:
        d.tasks[-1].support = []
    return d


def part2(tmp: Path) -> None:
    from tracker.store import StatusChange, open_store
    from tracker.track.due import due_date, is_standing_rule
    from tracker.track.dates import document_day

    print("2. The shared samples and the 2026 chain in one store")
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".docx", ".txt", ".md"))
    store = open_store(tmp / "mixed")
    drafts = read(samples + sorted(DOCS.glob("*.txt")), store=store, db=tmp / "mixed")
    store.save_drafts(drafts)
    board = store.unit_counts(AS_OF)
    names = Counter(u.unit for u in board)
    twice = sum(1 for c in names.values() if c > 1)
    from tracker.units.succession import get_succession

    s = get_succession()
    keys = {u.unit_key for u in board}
    shadowed = sum(1 for k in keys if k.startswith("2022:") and s.current(k) in keys)
    raw_names = Counter()
    for u in store.units():
        raw_names[u.name] += 1
    raw_twice = sum(1 for c in raw_names.values() if c > 1)
    print(f"   units on the board: {len(board)}; shown twice: {twice} by name, {shadowed} beside their successor "
          f"(stored units: {len(raw_names)} names, {raw_twice} of them on two units without successors)")
    rows = store.assignments(AS_OF, with_text=False)
    directives = store.directive_records()
    rules = [r for r in rows if is_standing_rule(r.deadline)]
    overdue_rules = [r for r in rules if r.category == "overdue"]
    old_reading = 0
    for r in rules:
        dl = dict(r.deadline, counts_from="document")
        due = due_date(dl, issued=document_day(directives[r.directive_id].get("date")))
        old_reading += bool(due and due < AS_OF and r.status not in ("hoan_thanh", "khong_thuc_hien"))
    print(f"   overdue assignments that are standing rules: {len(overdue_rules)} "
          f"(of {len(rules)} standing-rule assignments; read as one-off due dates from the document, "
          f"{old_reading} would be overdue); overdue in all: {sum(r.category == 'overdue' for r in rows)}")

    # Record a status on every assignment, then re-load every document with a weaker parse.
    changes = [StatusChange(r.id, "dang_thuc_hien", date(2026, 3, 2), "ghi nhận", "bench") for r in rows]
    store.set_statuses(changes)
    recorded = {r.id for r in rows}
    results = store.save_drafts([weaker(d) for d in drafts])
    after = {r.id: r for r in store.assignments(AS_OF, with_text=False)}
    lost = [aid for aid in recorded if aid not in after or after[aid].status != "dang_thuc_hien"]
    kept = len({u["id"] for r in results for u in r.unmatched})  # copies of one directive list theirs again
    print(f"   statuses lost over re-loading every document with a weaker parse: {len(lost)} of {len(recorded)} "
          f"(kept and shown for the clerk to drop or keep: {kept})")


def main() -> int:
    os.environ.pop("TRACKER_STRUCTURE", None)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["TRACKER_DB"] = str(Path(tmp) / "none")  # no clerk's settings: what the documents say alone
        part1(Path(tmp))
        part2(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
