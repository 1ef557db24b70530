"""Name resolution against the case table tests/data/units_cases.csv.

Each row: the issuer's unit id, a name as a directive writes it, and the unit
(or group) it must resolve to, or "unresolved" where any unit would be a
guess. Precision counts every wrong unit against us (a unit given where none
was expected too); recall is the share of resolvable names resolved right.
"""
from __future__ import annotations

import csv
from pathlib import Path

from tracker.units import get_hierarchy, resolve_name, structure_of

CASES = Path(__file__).resolve().parent / "data" / "units_cases.csv"


def load_cases() -> list[dict[str, str]]:
    with CASES.open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if not row["issuer"].startswith("#")]


def score(cases: list[dict[str, str]]) -> tuple[float, float, list[str], list[str]]:
    right = wrong = expected_units = 0
    wrong_rows: list[str] = []
    missed_rows: list[str] = []
    for row in cases:
        got = resolve_name(row["name"], row["issuer"]).id or "unresolved"
        want = row["expected"]
        if want != "unresolved":
            expected_units += 1
        if got == "unresolved":
            if want != "unresolved":
                missed_rows.append(f"{row['issuer']} «{row['name']}»: want {want}, got nothing")
            continue
        if got == want:
            right += 1
        else:
            wrong += 1
            wrong_rows.append(f"{row['issuer']} «{row['name']}»: want {want}, got {got}")
    precision = right / (right + wrong) if right + wrong else 1.0
    recall = right / expected_units if expected_units else 1.0
    return precision, recall, wrong_rows, missed_rows


def test_the_table_is_big_and_varied_enough():
    cases = load_cases()
    assert len(cases) >= 80
    assert sum(c["expected"] == "unresolved" for c in cases) >= 15
    assert {structure_of(c["issuer"]) for c in cases} == {"2022", "2025"}
    assert sum("#" in c["expected"] for c in cases) >= 20  # collective names
    assert len({c["issuer"].split(".")[0].split("/")[0] for c in cases}) >= 5  # provinces


def test_every_expected_id_names_a_unit():
    for c in load_cases():
        if c["expected"] != "unresolved":
            get_hierarchy(structure_of(c["expected"])).get(c["expected"])


def test_precision_is_one_and_recall_at_least_95_percent():
    precision, recall, wrong, missed = score(load_cases())
    print(f"\nunits: precision {precision:.3f}, recall {recall:.3f} over {len(load_cases())} cases")
    assert precision == 1.0, "wrong units:\n" + "\n".join(wrong)
    assert recall >= 0.95, f"recall {recall:.3f}; missed:\n" + "\n".join(missed)
