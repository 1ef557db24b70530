"""How the command line is typed: global options on either side of the command, where a report goes."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from tracker.model import Deadline, DirectiveDraft, Header, Source, Task, UnitRef
from tracker.store import open_store


def tracker(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DB"}
    env["TRACKER_DB"] = str(Path(env.get("TMPDIR", "/tmp")) / "tracker-tests-never-used.db")
    return subprocess.run([sys.executable, "-m", "tracker", *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=120)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    draft = DirectiveDraft(
        header=Header(number="12/KH-UBND", issuer="UBND huyện Tứ Kỳ", date="2022-08-05", level="district"),
        tasks=[Task("Rà soát thủ tục hành chính", path="1", lead=[UnitRef("Phòng Tư pháp")],
                    deadline=Deadline("date", "trước ngày 30/9/2022", date="2022-09-30"))],
        source=Source("x.txt", "txt", "2" * 64),
    )
    open_store(path).save_draft(draft)
    return path


@pytest.mark.parametrize("order", ["before", "after"])
def test_db_goes_before_or_after_the_command(db: Path, order: str) -> None:
    args = ["--db", str(db), "tasks", "--json"] if order == "before" else ["tasks", "--json", "--db", str(db)]
    r = tracker(*args)
    assert r.returncode == 0, r.stderr
    assert [row["task_path"] for row in json.loads(r.stdout)] == ["1"]


def test_db_before_a_command_that_writes_and_one_with_actions(db: Path, tmp_path: Path) -> None:
    sample = ROOT / "directives" / "ky-son-commune-2022.txt"
    r = tracker("--db", str(tmp_path / "new"), "load", str(sample), "--yes")
    assert r.returncode == 0, r.stderr
    assert open_store(tmp_path / "new").version == 1
    r = tracker("--db", str(db), "db", "info")
    assert r.returncode == 0 and str(db) in r.stdout, r.stderr
    aid = json.loads(tracker("--db", str(db), "tasks", "--json").stdout)[0]["id"]
    r = tracker("--db", str(db), "status", str(aid), "hoàn thành", "--on", "01/09/2022")
    assert r.returncode == 0, r.stderr
    assert open_store(db).history(aid)[-1].to_status == "hoan_thanh"


def test_a_db_after_the_command_wins_over_one_before(db: Path, tmp_path: Path) -> None:
    r = tracker("--db", str(tmp_path / "empty"), "tasks", "--json", "--db", str(db))
    assert r.returncode == 0 and len(json.loads(r.stdout)) == 1, r.stderr


def test_markdown_without_o_prints_to_the_screen_and_writes_no_file(db: Path, tmp_path: Path) -> None:
    r = tracker("report", "--format", "md", "--as-of", "01/10/2022", "--db", str(db), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("# Báo cáo") and "Rà soát thủ tục hành chính" in r.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["store"]


def test_a_written_report_says_where_it_went_in_full(db: Path, tmp_path: Path) -> None:
    r = tracker("report", "--format", "xlsx", "--as-of", "01/10/2022", "--db", str(db), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(tmp_path / "bao-cao-2022-10-01.xlsx")
    r = tracker("report", "--format", "docx", "-o", "bc.docx", "--as-of", "01/10/2022", "--db", str(db), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(tmp_path / "bc.docx")  # a relative -o, printed whole


def test_a_mistyped_command_line_is_one_vietnamese_line(db: Path) -> None:
    for args, words in ((("--db", str(db), "load"), "thiếu TỆP"),
                        (("report", "--format", "pdf"), "không có lựa chọn 'pdf'"),
                        (("tasks", "--limit", "x"), "không phải một số nguyên"),
                        (("tasks", "--bogus"), "không hiểu --bogus")):
        r = tracker(*args)
        assert r.returncode == 2, r
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("tracker: ") and words in lines[0], r.stderr


def test_parse_does_not_import_the_store_nor_the_web_server(tmp_path):
    """A cold `tracker parse` pays only for the reader: the store package and asyncio/ssl (serve) are not loaded."""
    sample = ROOT / "tests" / "data" / "parse_modules_probe.txt"
    code = (
        "import sys, io, contextlib\n"
        "from tracker.cli import main\n"
        f"sys.argv = ['tracker', 'parse', {str(sample)!r}, '--json']\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try: main()\n"
        "    except SystemExit as exc: assert not exc.code, exc.code\n"
        "print(sorted(m for m in ('tracker.store', 'tracker.serve', 'asyncio', 'textual') if m in sys.modules))\n"
    )
    env = {**os.environ, "TRACKER_DB": str(tmp_path / "store"), "TRACKER_CACHE": str(tmp_path / "cache")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


NAMED_COMMAND = """
import sys
from tracker.cli import main
sys.argv = ["tracker", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(sorted(m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("tracker.cli.") and m.endswith("_cmd")), file=sys.stderr)
"""


@pytest.mark.parametrize("args, loaded", [
    (["parse", "--help"], ["parse_cmd"]),
    (["--db", "/nonexistent/x", "units", "--help"], ["units_cmd"]),
    (["--help"], "all"),
    (["pars"], "all"),  # a mistyped command: the error lists every command
])
def test_a_named_command_imports_only_its_own_module(args, loaded):
    proc = subprocess.run([sys.executable, "-c", NAMED_COMMAND, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=60)
    mods = eval(proc.stderr.strip().splitlines()[-1])
    if loaded == "all":
        assert len(mods) >= 10 and {"parse_cmd", "units_cmd", "tui_cmd"} <= set(mods)
    else:
        assert mods == loaded
    if args == ["pars"]:
        assert "'parse'" in proc.stderr and "'units'" in proc.stderr
