"""`tracker units find|tree|resolve` as a user runs them: a subprocess, tables and --json."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_SCRIPT = Path(sys.executable).parent / "tracker"
TRACKER = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "tracker"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "TRACKER_STRUCTURE"}
    full_env.update({"COLUMNS": "200", **(env or {})})
    return subprocess.run([*TRACKER, *args], capture_output=True, text=True, cwd=ROOT, env=full_env, timeout=60)


def run_json(*args: str, env: dict[str, str] | None = None):
    proc = run(*args, "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_find_without_diacritics():
    found = run_json("units", "find", "tu ky", "--limit", "3", "--structure", "2022")
    assert found[0]["id"] == "2022:p30.d298"
    assert found[0]["name"] == "Huyện Tứ Kỳ"
    assert found[0]["path"] == ["Tỉnh Hải Dương", "Huyện Tứ Kỳ"]
    assert len(found) <= 3
    table = run("units", "find", "Kỳ Sơn", "--structure", "2022")
    assert table.returncode == 0 and "Xã Kỳ Sơn" in table.stdout and "2022:p30.d298.c11098" in table.stdout


def test_units_default_to_the_structure_in_force_today_and_take_ids_of_either():
    # Today (after 1 July 2025) the map has two levels: "Tứ Kỳ" is a xã of Hải Phòng.
    found = run_json("units", "find", "tu ky", "--limit", "3")
    assert found[0]["id"].startswith("2025:") and found[0]["name"] == "Xã Tứ Kỳ"
    # A former name finds the unit that took it over.
    assert any(u["name"] == "Xã Tân Kỳ" for u in run_json("units", "find", "Kỳ Sơn"))
    # An id carries its structure: no --structure needed for either.
    assert run_json("units", "tree", "2022:p30.d298", "--depth", "0")["name"] == "Huyện Tứ Kỳ"
    assert run_json("units", "tree", "2025:p33", "--depth", "0")["name"] == "Tỉnh Hưng Yên"
    assert run_json("units", "resolve", "Công an xã", "--issuer", "2022:p30.d298.c11098")["id"] == "2022:p30.d298.c11098/cong-an"
    assert run_json("units", "resolve", "Công an xã", "--issuer", "2025:p33.c11983")["id"] == "2025:p33.c11983/cong-an"


def test_find_in_the_2025_structure():
    found = run_json("units", "find", "Hưng Yên", "--structure", "2025")
    assert found[0]["id"] == "2025:p33"
    assert run_json("units", "find", "Hưng Yên", env={"TRACKER_STRUCTURE": "2025"})[0]["id"] == "2025:p33"


def test_tree_of_a_province_to_a_depth():
    tree = run_json("units", "tree", "Hai Duong", "--depth", "1", "--structure", "2022")
    assert tree["id"] == "2022:p30" and tree["name"] == "Tỉnh Hải Dương"
    names = [k["name"] for k in tree["children"]]
    assert "Huyện Tứ Kỳ" in names and len(names) == 12
    assert all("children" not in k for k in tree["children"])
    text = run("units", "tree", "2022:p30.d298", "--depth", "1", "--agencies")
    assert text.returncode == 0
    assert "Phòng Tư pháp huyện Tứ Kỳ" in text.stdout and "  Xã Kỳ Sơn  [2022:p30.d298.c11098]" in text.stdout
    full = run_json("units", "tree", "Hưng Yên", "--structure", "2025")
    assert {k["kind"] for k in full["children"]} == {"commune"}


def test_resolve_relative_to_an_issuer_given_by_name_or_id():
    res = run_json("units", "resolve", "Phòng Tư pháp huyện", "--issuer", "UBND huyện Tứ Kỳ")
    assert res["id"] == "2022:p30.d298/phong-tu-phap"
    assert res["unit"]["name"] == "Phòng Tư pháp huyện Tứ Kỳ"
    assert res["issuer"]["id"] == "2022:p30.d298"
    group = run_json("units", "resolve", "UBND các xã, thị trấn", "--issuer", "2022:p30.d298")
    assert group["group"] is True
    assert "Xã Kỳ Sơn" in [m["name"] for m in group["members"]]
    vague = run_json("units", "resolve", "các cơ quan liên quan", "--issuer", "2022:p30.d298")
    assert vague["id"] is None and vague["unit"] is None and vague["reason"]
    table = run("units", "resolve", "Công an tỉnh", "--issuer", "2022:p30.d298")
    assert table.returncode == 0 and "Công an tỉnh Hải Dương" in table.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (("units", "resolve", "Công an xã", "--issuer", "UBND xã Kỳ Sơn"), "không xác định được một đơn vị"),
        (("units", "resolve", "Công an xã", "--issuer", "2022:p99"), "no unit"),
        (("units", "tree", "Không Có"), "không có tỉnh nào khớp"),
        (("units", "tree", "2025:p99"), "no unit"),
        (("units", "find", "x", "--limit", "0"), "--limit"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, message):
    proc = run(*args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_help_does_not_load_the_units():
    code = "import sys; from tracker.cli import build_parser; build_parser(); print('tracker.units' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.stdout.split() == ["False"], proc.stderr
    assert "units" in run("--help").stdout
