"""Tracking in 2026, as a clerk does it: province → commune chains on the two-level map, undated headers,
commune names several provinces share, standing per-case limits, and a store that also holds 2022 work.

The 2026 documents (tests/data/docs2026/) are written for these tests; the 2022 ones are the samples.
Commands run as subprocesses; the store is read back through its public queries.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from tracker.store import AssignmentFilter, open_store

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "tests" / "data" / "docs2026"
SAMPLES = ROOT / "directives"
PLAN = DOCS / "tinh-hy-25-2026.txt"
SO = DOCS / "so-nnmt-40-2026.txt"
SON_NAM = DOCS / "phuong-son-nam-12-2026.txt"
DAI_DONG = DOCS / "xa-dai-dong-08-2026.txt"
NHU_QUYNH = DOCS / "xa-nhu-quynh-undated-2026.txt"
HUNG_YEN = "2025:p33"
SON_NAM_ID, DAI_DONG_ID, NHU_QUYNH_ID = "2025:p33.c11983", "2025:p33.c11995", "2025:p33.c11986"
AS_OF = date(2026, 11, 30)


def tracker(*args: str, db: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k not in ("TRACKER_DB", "TRACKER_STRUCTURE")}
    full.update({"COLUMNS": "250", "TRACKER_DB": str(db), **(env or {})})
    return subprocess.run([sys.executable, "-m", "tracker", *args], capture_output=True, text=True,
                          env=full, cwd=ROOT, timeout=180)


def ok(r: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert r.returncode == 0, r.stderr
    return r


def parsed(path: Path, db: Path, env: dict | None = None) -> dict:
    return json.loads(ok(tracker("parse", str(path), "--json", db=db, env=env)).stdout)


@pytest.fixture(scope="module")
def chain_db(tmp_path_factory) -> Path:
    """The 2026 chain loaded in one command, the commune plans listed before the plan they carry out."""
    db = tmp_path_factory.mktemp("chain") / "db"
    ok(tracker("load", str(DAI_DONG), str(SON_NAM), str(SO), str(PLAN), str(NHU_QUYNH), "--yes", db=db))
    return db


def by_number(store) -> dict[str, dict]:
    return {r.get("number") or r["issuer_id"]: r for r in store.directive_records().values()}


# -- the two-level chain ------------------------------------------------------------------------


def test_a_province_to_commune_chain_in_2026(chain_db):
    store = open_store(chain_db)
    recs = by_number(store)
    plan, so, son_nam, dai_dong = recs["25/KH-UBND"], recs["40/SNNMT-VP"], recs["12/KH-UBND"], recs["08/KH-UBND"]
    # Issuers in the 2025 structure: a province, a merged sở, a ward, a commune.
    assert plan["issuer_id"] == HUNG_YEN and plan["level"] == "province"
    assert so["issuer_id"] == f"{HUNG_YEN}/so-nong-nghiep-moi-truong" and so["level"] == "province"
    assert son_nam["issuer_id"] == SON_NAM_ID and son_nam["level"] == "commune"
    # Each carries out the province plan, by the number it cites; no district in between.
    for child in (so, son_nam, dai_dong):
        assert child["parent_id"] == plan["id"]
    rows = store.assignments(AS_OF, AssignmentFilter(directive=plan["id"]), with_text=False)
    communes = {r.unit_id for r in rows if r.task_path == "5"}
    assert len(communes) == 104 and all(c.startswith(HUNG_YEN + ".c") for c in communes)
    assert {r.unit_level for r in rows} <= {"province", "commune"}
    # A child answers the work its issuer leads: the ward answers item 5 (it leads), not item 6 where it
    # supports Công an tỉnh; the sở answers item 2.
    answered = {(r.task_path, r.unit_id): r.child_directive_id for r in rows if r.child_directive_id}
    assert answered[("5", SON_NAM_ID)] == son_nam["id"] and answered[("5", DAI_DONG_ID)] == dai_dong["id"]
    assert answered[("2", f"{HUNG_YEN}/so-nong-nghiep-moi-truong")] == so["id"]
    assert ("6", SON_NAM_ID) not in answered
    tree = json.loads(ok(tracker("chain", "25/KH-UBND", "--as-of", "30/11/2026", "--json", db=chain_db)).stdout)
    levels = {n.get("level") for n in _walk(tree) if n.get("kind") == "assignment"}
    assert levels <= {"province", "commune"} and "commune" in levels


def _walk(node: dict):
    yield node
    for kid in node.get("children") or []:
        yield from _walk(kid)


def test_a_communes_own_phong_is_commune_level(chain_db):
    store = open_store(chain_db)
    dai_dong = by_number(store)["08/KH-UBND"]
    rows = {r.task_path: r for r in store.assignments(AS_OF, AssignmentFilter(directive=dai_dong["id"]), with_text=False)
            if r.role == "lead"}
    assert rows["1"].unit_id == f"{DAI_DONG_ID}/phong-kinh-te" and rows["1"].unit_level == "commune"
    assert rows["1"].unit == "Phòng Kinh tế xã Đại Đồng"
    # A ward's economic office is its Phòng Kinh tế, Hạ tầng và Đô thị, whatever the text shortens it to.
    son_nam = by_number(store)["12/KH-UBND"]
    rows = {r.task_path: r for r in store.assignments(AS_OF, AssignmentFilter(directive=son_nam["id"]), with_text=False)}
    assert rows["2"].unit_id == f"{SON_NAM_ID}/phong-kinh-te-ha-tang-do-thi"


# -- honest overdue -------------------------------------------------------------------------------


def test_standing_per_case_limits_are_never_overdue_as_a_whole(chain_db):
    rows = json.loads(ok(tracker("tasks", "--overdue", "--as-of", "30/11/2026", "--json", db=chain_db)).stdout)
    assert rows, "the plan's dated items are overdue by now"
    assert not [r for r in rows if (r.get("deadline") or {}).get("per_case")]
    assert {"5", "1"} <= {r["task_path"] for r in rows if r["directive"] == "25/KH-UBND"}
    # A limit counted from the signing gives a due date: 30 days after 12/01/2026.
    store = open_store(chain_db)
    plan = by_number(store)["25/KH-UBND"]
    rows = {r.task_path: r for r in store.assignments(AS_OF, AssignmentFilter(directive=plan["id"]), with_text=False)}
    assert rows["3"].due == date(2026, 2, 11) and rows["3"].category == "overdue"
    assert rows["2"].due is None and rows["2"].category == "not_due"
    assert rows["4"].due is None and rows["4"].deadline["per_case"] is True
    # The board shows the rule where a due date would be.
    table = ok(tracker("tasks", "--directive", "25/KH-UBND", "--as-of", "30/11/2026", db=chain_db)).stdout
    assert "từng trường hợp: 8 giờ làm việc" in table
    board = json.loads(ok(tracker("overdue", "--by-unit", "--as-of", "30/11/2026", "--json", db=chain_db)).stdout)
    assert "Trung tâm Phục vụ hành chính công tỉnh Hưng Yên" not in {u["unit"] for u in board}


def test_parse_json_says_what_a_limit_counts_from(tmp_path):
    tasks = {t["path"]: t for t in parsed(PLAN, tmp_path / "db")["tasks"]}
    per_case = tasks["2"]["deadline"]
    assert (per_case["kind"], per_case["hours"], per_case["working"]) == ("relative", 8, True)
    assert per_case["per_case"] is True and per_case["counts_from"] == "case"
    assert per_case["anchor"] == "khi nhận hồ sơ hợp lệ"
    signed = tasks["3"]["deadline"]
    assert (signed["kind"], signed["days"], signed["counts_from"]) == ("relative", 30, "document")
    assert "per_case" not in signed


# -- the structure in force ---------------------------------------------------------------------------


def test_an_undated_header_takes_the_structure_of_its_year(tmp_path):
    db = tmp_path / "db"
    for env in ({}, {"TRACKER_STRUCTURE": "2022"}):  # the setting only fills in where a document says nothing
        head = parsed(NHU_QUYNH, db, env)["directive"]
        assert head["date"] is None
        assert (head["issuer_id"], head["structure"], head["structure_basis"]) == (NHU_QUYNH_ID, "2025", "year")
    # And the setting does not override a dated 2022 sample either.
    head = parsed(SAMPLES / "tu-ky-district-2022.txt", db, {"TRACKER_STRUCTURE": "2025"})["directive"]
    assert head["issuer_id"] == "2022:p30.d298" and head["structure_basis"] == "date"


def test_an_undated_copy_with_no_year_takes_the_structure_of_what_it_carries_out(tmp_path):
    db = tmp_path / "db"
    ok(tracker("load", str(PLAN), "--yes", db=db))
    text = NHU_QUYNH.read_text(encoding="utf-8").replace("năm 2026", "năm").replace(
        "KẾ HOẠCH\n", "KẾ HOẠCH\n").replace(
        "1. Trung tâm", "Thực hiện Kế hoạch số 25/KH-UBND của UBND tỉnh, UBND xã ban hành Kế hoạch như sau:\n1. Trung tâm")
    copy = tmp_path / "nhu-quynh-no-year.txt"
    copy.write_text(text, encoding="utf-8")
    r = json.loads(ok(tracker("load", str(copy), "--yes", "--json", db=db, env={"TRACKER_STRUCTURE": "2022"})).stdout)
    store = open_store(db)
    rec = store.directive(r[0]["directive_id"])
    assert rec["issuer_id"] == NHU_QUYNH_ID and rec["parent_id"] == by_number(store)["25/KH-UBND"]["id"]


# -- names several provinces share ----------------------------------------------------------------------


def test_a_commune_name_shared_between_provinces(tmp_path):
    db = tmp_path / "db"
    # Alone, "UBND xã Đại Đồng" with no province line is four communes: the clerk is asked.
    alone = parsed(DAI_DONG, db)
    assert alone["directive"].get("issuer_id") is None
    assert any("Đại Đồng" in w and DAI_DONG_ID in w for w in alone["warnings"])
    # Loaded after the province plan it cites: that plan's province settles it.
    ok(tracker("load", str(PLAN), "--yes", db=db))
    ok(tracker("load", str(DAI_DONG), "--yes", db=db))
    assert by_number(open_store(db))["08/KH-UBND"]["issuer_id"] == DAI_DONG_ID
    # With nothing loaded, the clerk's home province settles it.
    other = tmp_path / "other"
    ok(tracker("config", "--home-province", "Hưng Yên", db=other))
    assert parsed(DAI_DONG, other)["directive"]["issuer_id"] == DAI_DONG_ID


def test_config_sets_the_home_province_and_commune(tmp_path):
    db = tmp_path / "db"
    shown = json.loads(ok(tracker("config", "--home-province", "Thái Bình", "--json", db=db)).stdout)
    assert shown["home_province"] == HUNG_YEN  # a former province gives the one that took it over
    shown = json.loads(ok(tracker("config", "--home-commune", "Sơn Nam", "--json", db=db)).stdout)
    assert (shown["home_commune"], shown["names"]["home_commune"]) == (SON_NAM_ID, "Phường Sơn Nam")
    assert (db / "settings.toml").is_file()
    for args, needle in ((("--home-province", "Không Có"), "không có tỉnh nào"), (("--home-province", ""), "đang trống")):
        r = tracker("config", *args, db=db)
        assert r.returncode == 2 and needle in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert json.loads(ok(tracker("config", "--json", db=db)).stdout)["home_commune"] == SON_NAM_ID


# -- a store mixing 2022 and 2026 -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mixed_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("mixed") / "db"
    ok(tracker("load", str(SAMPLES / "hung-yen-2283-2022.md"), str(SAMPLES / "hung-yen-1846-2022.md"),
               str(PLAN), str(SON_NAM), "--yes", db=db))
    return db


def test_a_store_mixing_2022_and_2026_shows_one_unit_per_body(mixed_db):
    store = open_store(mixed_db)
    keys = {u.key for u in store.units()}
    assert any(k.startswith("2022:") for k in keys) and any(k.startswith("2025:") for k in keys)
    counts = store.unit_counts(AS_OF)
    names = Counter(u.unit for u in counts)
    assert not [n for n, c in names.items() if c > 1]
    from tracker.units.succession import get_succession

    # Every old unit with a successor is shown as today's body (one dissolved outright stays as it was).
    assert not [u for u in counts if u.unit_key.startswith("2022:") and get_succession().current(u.unit_key)]
    board = json.loads(ok(tracker("overdue", "--by-unit", "--as-of", "30/11/2026", "--json", db=mixed_db)).stdout)
    assert len({u["unit"] for u in board}) == len(board)
    noi_vu = next(u for u in counts if u.unit_key == f"{HUNG_YEN}/so-noi-vu")
    assert noi_vu.formerly  # the 2022 Sở Nội vụ (and merged sở) counted here
    # Work assigned in 2022 shows under its successor, the old name visible.
    rows = store.assignments(AS_OF, AssignmentFilter(unit="Sở Nội vụ tỉnh Hưng Yên"), with_text=False)
    old = [r for r in rows if r.unit_former]
    assert old and all(r.unit_key == f"{HUNG_YEN}/so-noi-vu" and "(trước đây: " in r.unit for r in old)
    assert {r.directive for r in rows} >= {"25/KH-UBND", "2283/UBND-PVHCC&KSTT"}
    # A name that matches both gives the current one: the brief is of one unit.
    md = ok(tracker("report", "--format", "md", "-o", "-", "--unit", "Sở Nội vụ tỉnh Hưng Yên",
                    "--as-of", "30/11/2026", db=mixed_db)).stdout
    assert "**Đơn vị: Sở Nội vụ tỉnh Hưng Yên**" in md
    # The province's area holds the 2022 work of the provinces it took over.
    area = store.assignments(AS_OF, AssignmentFilter(area=HUNG_YEN), with_text=False)
    assert {r.directive for r in area} >= {"25/KH-UBND", "2283/UBND-PVHCC&KSTT", "1846/UBND-PVHCC&KSTT"}


def test_the_area_tree_of_a_mixed_store_has_one_province_node(mixed_db):
    from tracker.tui import data

    store = open_store(mixed_db)
    rows = store.directives(AS_OF)
    tree = data.area_tree(rows, data.UnitNames(store.units()))
    provinces = [n for n in tree.children if n.level == "province"]
    assert [n.name for n in provinces] == ["Tỉnh Hưng Yên"]
    kids = {n.name for n in provinces[0].children}
    assert "Phường Sơn Nam" in kids  # 2025: province → commune, no district
    assert len(data.filter_directives(rows, area=HUNG_YEN)) == len(rows)
    choices = dict((uid, label) for label, uid in data.area_choices(store.units(), rows))
    assert HUNG_YEN in choices and "2022:p33" not in choices
    assert choices[SON_NAM_ID] == "Phường Sơn Nam — Tỉnh Hưng Yên"
