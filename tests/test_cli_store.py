"""The store's commands as users run them: `tracker load|status|history|tasks|overdue|db|demo` in a subprocess."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tracker.model import Deadline, DirectiveDraft, Header, Source, Task, UnitRef
from tracker.store import open_store

ROOT = Path(__file__).resolve().parent.parent
DIRECTIVES = ROOT / "directives"


def tracker(*args: str, db: Path | None = None, env: dict | None = None, input: str | None = None):
    """Run the CLI as a user does; stdin is not a terminal."""
    full = {**os.environ, "COLUMNS": "250", **(env or {})}  # wide tables: words are not wrapped
    if not env or "TRACKER_DB" not in env:
        full.pop("TRACKER_DB", None)
    if db is not None:
        args = (*args, "--db", str(db))
    return subprocess.run([sys.executable, "-m", "tracker", *args], capture_output=True, text=True,
                          env=full, cwd=ROOT, input=input, timeout=120)


def one_line_error(r: subprocess.CompletedProcess) -> str:
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tracker: ") and "Traceback" not in r.stderr, r.stderr
    return lines[0]


@pytest.fixture
def db(tmp_path):
    """A store with one directive: a province task for a sở and two districts, a monthly report, an unresolved unit."""
    path = tmp_path / "store"
    draft = DirectiveDraft(
        header=Header(number="2333/UBND-VP", issuer="UBND tỉnh Hải Dương", date="2022-08-05", level="province"),
        tasks=[
            Task("Hướng dẫn chứng thực bản sao điện tử", path="2.a",
                 lead=[UnitRef("Sở Tư pháp")], support=[UnitRef("Phòng Nội vụ huyện Tứ Kỳ")],
                 deadline=Deadline("date", "trước ngày 30/9/2022", date="2022-09-30"), indicators=[15]),
            Task("Báo cáo kết quả hằng tháng", path="3", lead=[UnitRef("Văn phòng UBND tỉnh")],
                 deadline=Deadline("recurring", "hằng tháng")),
        ],
        source=Source("x.pdf", "pdf", "1" * 64),
    )
    open_store(path).save_draft(draft)
    return path


def rows_of(db: Path, *args: str) -> list[dict]:
    r = tracker("tasks", "--json", *args, db=db)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_tasks_json_lists_assignments_with_the_contract_keys(db):
    rows = rows_of(db, "--as-of", "01/10/2022")
    assert len(rows) == 3
    for row in rows:
        assert {"id", "directive", "task", "unit", "status", "due", "overdue"} <= set(row)
    sp = next(r for r in rows if r["unit"] == "Sở Tư pháp")
    assert (sp["directive"], sp["status"], sp["due"], sp["overdue"], sp["days_late"]) == (
        "2333/UBND-VP", "chua_thuc_hien", "2022-09-30", True, 1)
    assert sp["task"] == "Hướng dẫn chứng thực bản sao điện tử"


def test_tasks_filters_fold_diacritics_and_accept_both_date_forms(db):
    assert [r["unit"] for r in rows_of(db, "--unit", "tu phap")] == ["Sở Tư pháp"]
    assert [r["unit"] for r in rows_of(db, "--indicator", "15", "--role", "support")] == ["Phòng Nội vụ huyện Tứ Kỳ"]
    assert rows_of(db, "--as-of", "2022-09-15", "--overdue") == rows_of(db, "--as-of", "15/09/2022", "--overdue")
    assert {r["unit"] for r in rows_of(db, "--as-of", "25/09/2022", "--due-within", "7")} == {
        "Sở Tư pháp", "Phòng Nội vụ huyện Tứ Kỳ"}
    assert rows_of(db, "--status", "hoan thanh") == []
    assert len(rows_of(db, "--directive", "2333/ubnd-vp")) == 3
    r = tracker("tasks", "--as-of", "01/10/2022", db=db)
    assert r.returncode == 0 and "Sở Tư pháp" in r.stdout and "30/09/2022" in r.stdout


def test_status_then_history(db):
    aid = next(r["id"] for r in rows_of(db) if r["unit"] == "Sở Tư pháp")
    r = tracker("status", str(aid), "dang thuc hien", "--on", "10/09/2022", "--by", "Lan", db=db)
    assert r.returncode == 0, r.stderr
    assert "chưa thực hiện → đang thực hiện" in r.stdout
    r = tracker("status", str(aid), "Hoàn thành", "--on", "2022-10-04", "--note", "Đã ban hành hướng dẫn", "--by", "Lan", db=db)
    assert r.returncode == 0, r.stderr
    r = tracker("history", str(aid), "--json", db=db)
    events = json.loads(r.stdout)
    assert [(e["from"], e["to"], e["on"], e["by"]) for e in events] == [
        ("chua_thuc_hien", "dang_thuc_hien", "2022-09-10", "Lan"),
        ("dang_thuc_hien", "hoan_thanh", "2022-10-04", "Lan"),
    ]
    assert events[1]["note"] == "Đã ban hành hướng dẫn" and events[1]["at"]
    row = next(r for r in rows_of(db, "--as-of", "31/12/2022") if r["id"] == aid)
    assert row["category"] == "late" and row["days_late"] == 4 and not row["overdue"]
    r = tracker("history", str(aid), db=db)
    assert r.returncode == 0 and "Đã ban hành hướng dẫn" in r.stdout


def test_event_date_and_several_ids_in_one_command(db):
    ids = [r["id"] for r in rows_of(db)]
    r = tracker("status", ",".join(map(str, ids)), "dang-thuc-hien", "--on", "01/09/2022", db=db)
    assert r.returncode == 0, r.stderr
    info = json.loads(tracker("db", "info", "--json", db=db).stdout)
    assert info["version"] == 2 and info["events"] == 3  # one load, one status command
    r = tracker("status", str(ids[0]), "--event-date", "05/09/2022", "--json", db=db)
    assert r.returncode == 0 and json.loads(r.stdout)[0]["kind"] == "event_date"


@pytest.mark.parametrize("args, needle", [
    (("status", "1", "xong roi"), "không có trạng thái"),
    (("status", "999", "hoan thanh"), "không có phân công nào mang mã 999"),
    (("status", "1", "hoan thanh", "--on", "31/02/2022"), "không phải ngày có thật"),
    (("tasks", "--as-of", "tomorrow"), "dd/mm/yyyy"),
    (("tasks", "--directive", "9999/XYZ"), "không có văn bản đã nạp nào"),
    (("history", "abc"), "không phải mã phân công"),
])
def test_bad_input_is_one_line_exit_2_and_changes_nothing(db, args, needle):
    before = open_store(db).version
    assert needle in one_line_error(tracker(*args, db=db))
    assert open_store(db).version == before


def test_overdue_by_unit_ranks_units(db):
    r = tracker("overdue", "--by-unit", "--as-of", "15/12/2022", "--json", db=db)
    board = json.loads(r.stdout)
    assert [u["rank"] for u in board] == list(range(1, len(board) + 1))
    assert board[0]["unit"] == "Văn phòng UBND tỉnh" and board[0]["days_late"] == 117  # monthly report owed since 20/08
    assert {"overdue", "days_late", "on_time", "late", "not_due", "over_30", "over_60", "over_120"} <= set(board[0])
    r = tracker("overdue", "--as-of", "15/12/2022", db=db)
    assert r.returncode == 0 and "Sở Tư pháp" in r.stdout
    r = tracker("overdue", "--by-unit", "--as-of", "01/08/2022", db=db)
    assert r.returncode == 0 and "Không có đơn vị nào quá hạn" in r.stdout


def test_db_info_backups_check(db):
    info = json.loads(tracker("db", "info", "--json", db=db).stdout)
    assert (info["directives"], info["tasks"], info["assignments"], info["version"]) == (1, 2, 3, 1)
    assert info["path"] == str(db)
    assert tracker("db", "check", db=db).returncode == 0
    backups = json.loads(tracker("db", "backups", "--json", db=db).stdout)
    assert backups[0]["current"] and backups[0]["problem"] is None


def test_a_damaged_store_says_how_to_restore_and_restore_works(db):
    aid = rows_of(db)[0]["id"]
    assert tracker("status", str(aid), "hoan thanh", "--on", "01/09/2022", db=db).returncode == 0
    current = open_store(db).manifest.files["d/1"].name
    path = db / "data" / current
    path.write_bytes(path.read_bytes()[:100])
    msg = one_line_error(tracker("tasks", db=db))
    assert "bị hỏng" in msg and "bản dự phòng tốt mới nhất là phiên bản 2" in msg and "tracker db restore --db" in msg
    assert "sửa được từ các bản sao" in one_line_error(tracker("db", "check", db=db))
    r = tracker("db", "restore", db=db)
    assert r.returncode == 0, r.stderr
    rows = rows_of(db)
    assert len(rows) == 3 and next(r for r in rows if r["id"] == aid)["status"] == "hoan_thanh"
    assert tracker("db", "check", db=db).returncode == 0
    # Going back to a named version of an intact store works too; no version refuses.
    assert "nguyên vẹn" in one_line_error(tracker("db", "restore", db=db))
    assert tracker("db", "restore", "1", db=db).returncode == 0


def test_the_store_path_comes_from_db_or_tracker_db(db, tmp_path):
    r = tracker("tasks", "--json", env={"TRACKER_DB": str(db)})
    assert r.returncode == 0 and len(json.loads(r.stdout)) == 3
    f = tmp_path / "file.json"
    f.write_text("{}")
    assert "thư mục" in one_line_error(tracker("tasks", db=f))


def test_an_empty_store_lists_nothing_and_creates_nothing(tmp_path):
    r = tracker("tasks", db=tmp_path / "new")
    assert r.returncode == 0 and "Không có phân công nào" in r.stdout
    assert not (tmp_path / "new").exists()


# -- load and demo (need the parser) ----------------------------------------------------------


def test_load_shows_asks_and_saves_and_a_second_load_updates(tmp_path):
    db = tmp_path / "store"
    sample = str(DIRECTIVES / "hai-duong-2333-2022.pdf")
    msg = one_line_error(tracker("load", sample, db=db))  # no terminal to ask on
    assert "--yes" in msg and not (db / "manifest.json").exists()
    r = tracker("load", sample, "--yes", db=db)
    assert r.returncode == 0, r.stderr
    assert "2333/UBND-VP" in r.stdout and "Đã lưu mới" in r.stdout
    rows = rows_of(db)
    assert rows and all(r["directive"] == "2333/UBND-VP" for r in rows)
    aid = rows[0]["id"]
    assert tracker("status", str(aid), "hoan thanh", "--note", "xong", "--on", "01/09/2022", db=db).returncode == 0
    # The same document again, from its Word copy: updated, not duplicated; status and history kept.
    r = tracker("load", str(DIRECTIVES / "hai-duong-2333-2022.docx"), "--yes", db=db)
    assert r.returncode == 0 and "Đã cập nhật" in r.stdout, r.stdout + r.stderr
    again = rows_of(db)
    assert len({r["directive"] for r in again}) == 1
    assert next(r for r in again if r["id"] == aid)["status"] == "hoan_thanh"
    assert json.loads(tracker("history", str(aid), "--json", db=db).stdout)[0]["note"] == "xong"


def test_loading_several_files_shows_progress_and_is_one_commit(tmp_path):
    db = tmp_path / "store"
    files = [str(DIRECTIVES / n) for n in ("ky-son-commune-2022.txt", "hung-yen-1846-2022.md")]
    r = tracker("load", *files, "--yes", "--json", db=db)
    assert r.returncode == 0, r.stderr
    assert "[1/2]" in r.stderr and "[2/2]" in r.stderr
    assert len(json.loads(r.stdout)) == 2
    assert open_store(db).version == 1


def test_load_of_a_bad_file_saves_nothing(tmp_path):
    db = tmp_path / "store"
    r = tracker("load", str(DIRECTIVES / "ky-son-commune-2022.txt"), str(tmp_path / "missing.pdf"), "--yes", db=db)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines()[-1].startswith(f"tracker: {tmp_path / 'missing.pdf'}")
    assert not (db / "manifest.json").exists()  # the good file is not saved alone either


def test_demo_builds_its_own_store_once_with_every_category(tmp_path):
    env = {"TRACKER_DEMO_DB": str(tmp_path / "demo"), "TRACKER_DB": str(tmp_path / "never")}
    r = tracker("demo", "--no-tui", env=env)
    assert r.returncode == 0, r.stderr
    assert "Đơn vị có nhiệm vụ quá hạn" in r.stdout
    assert not (tmp_path / "never").exists()
    demo = open_store(tmp_path / "demo")
    version = demo.version
    for day in (date(2022, 10, 1), date.today()):
        cats = {row.category for row in demo.assignments(day, with_text=False)}
        assert {"on_time", "late", "overdue"} <= cats, (day, cats)
    assert tracker("demo", "--no-tui", env=env).returncode == 0
    assert open_store(tmp_path / "demo").version == version  # built once
    assert tracker("demo", "--no-tui", "--reset", env=env).returncode == 0
