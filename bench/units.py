"""Units: how long loading the hierarchy and resolving a directive's names take.

    .venv/bin/python bench/units.py

Prints: the first load of each structure in this fresh process (rules
included) and a reload of the data alone; resolving every unit name of each
sample directive (from ../shared/eval/gold, else the case table), first with
empty caches, then again; issuer resolution; precision and recall on the case
table; and `tracker --help` for reference. Aims: load < 0.5 s, one directive
< 50 ms once loaded.
"""
from __future__ import annotations

import csv
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOLD = ROOT.parent / "shared" / "eval" / "gold"
CASES = ROOT / "tests" / "data" / "units_cases.csv"

ISSUERS = {  # the samples' issuers; resolve_issuer finds these from their headers
    "hai-duong-2333-2022": "2022:p30",
    "hung-yen-1846-2022": "2022:p33",
    "hung-yen-2283-2022": "2022:p33",
    "tu-ky-district-2022": "2022:p30.d298",
    "ky-son-commune-2022": "2022:p30.d298.c11098",
}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def directive_names() -> dict[str, tuple[str, list[str]]]:
    out: dict[str, tuple[str, list[str]]] = {}
    if GOLD.is_dir():
        for name, issuer in ISSUERS.items():
            path = GOLD / f"{name}.json"
            if not path.exists():
                continue
            data = json.loads(path.read_text(encoding="utf-8"))
            names = [u if isinstance(u, str) else u["name"] for t in data["tasks"] for u in t["lead"] + t["support"]]
            names += data["directive"].get("recipients", [])
            out[name] = (issuer, names)
    if not out:  # no gold beside the checkout: the case table, per issuer
        with CASES.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if not row["issuer"].startswith("#"):
                    out.setdefault(row["issuer"], (row["issuer"], []))[1].append(row["name"])
    return out


def main() -> int:
    t0 = time.perf_counter()
    from tracker.units import get_hierarchy, resolve_issuer
    from tracker.units.hierarchy import load
    from tracker.units.resolve import Resolver

    t_import = time.perf_counter() - t0
    print(f"import tracker.units                      {ms(t_import)}")
    for structure in ("2022", "2025"):
        t = time.perf_counter()
        h = get_hierarchy(structure)
        first = time.perf_counter() - t
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            load(structure)
            runs.append(time.perf_counter() - t)
        print(f"load {structure} ({len(h):5d} units): first      {ms(first)}   reload median {ms(statistics.median(runs))}")

    h = get_hierarchy("2022")
    print()
    print("resolve every unit name of a directive (hierarchy loaded):")
    for doc, (issuer, names) in directive_names().items():
        cold = Resolver(h)  # empty caches: the first directive of an issuer
        t = time.perf_counter()
        results = [cold.resolve(n, issuer) for n in names]
        first = time.perf_counter() - t
        t = time.perf_counter()
        for n in names:
            cold._resolve(n, issuer)  # recomputed, per-issuer names cached
        again = time.perf_counter() - t
        resolved = sum(r.id is not None for r in results)
        print(f"  {doc:28} {len(names):3d} names ({resolved:3d} resolved): first {ms(first)}  again {ms(again)}")

    from tracker.model import Header

    headers = [
        Header(issuer="UBND huyện Tứ Kỳ", date="2022-08"),
        Header(issuer="UBND XÃ KỲ SƠN", issuer_parent="UBND HUYỆN TỨ KỲ"),
        Header(issuer="UBND xã", place="An Sơn", date="2023-08-22"),
    ]
    t = time.perf_counter()
    for hd in headers:
        resolve_issuer(hd, "của UBND huyện Nam Sách")
    print(f"\nresolve_issuer, 3 headers                 {ms(time.perf_counter() - t)}")

    sys.path.insert(0, str(ROOT / "tests"))
    from test_units_cases import load_cases, score

    cases = load_cases()
    precision, recall, _, _ = score(cases)
    print(f"case table: {len(cases)} cases, precision {precision:.3f}, recall {recall:.3f}")

    script = Path(sys.executable).parent / "tracker"
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "tracker"]
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([*cmd, "--help"], capture_output=True, cwd=ROOT)
        runs.append(time.perf_counter() - t)
    print(f"tracker --help (reference)                {ms(min(runs))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
