"""What comes from a document, a note, a unit name or a file name is shown literally by every CLI command:
Rich markup in it is text ("[/x]" stopped `parse` and broke `history` for good), a "[link=...]" makes no
hyperlink, and terminal control sequences (clear screen, window title) never reach the terminal."""
from __future__ import annotations

import pytest

from conftest import run_cli

DIRECTIVE = (
    "ỦY BAN NHÂN DÂN\nHUYỆN TỨ KỲ\nSố: 15/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Tứ Kỳ, ngày 03 tháng 9 năm 2022\nKẾ HOẠCH\nRà soát hồ sơ [b]năm 2022[/b]\n"
    "Kính gửi: Phòng Tư pháp; Phòng Nội vụ\n"
    "1. Phòng Tư pháp chủ trì rà soát hồ sơ [/x] và [link=file:///etc/passwd]bấm vào đây[/link]"
    " \x1b[2J\x1b]0;pwned\x07, hoàn thành trước ngày 30/9/2022.\n"
    "2. Phòng Nội vụ [red]báo cáo[/red] kết quả trước ngày 15/10/2022.\n"
)
NOTE = "[/x] ghi chú \x1b]0;pwned\x07\x1b[2J [link=file:///etc/passwd]xem[/link]"
# A terminal that takes colours, wide enough that no cell is folded.
TERMINAL = {"FORCE_COLOR": "1", "COLUMNS": "400", "TTY_COMPATIBLE": "1"}


def assert_literal(out: str) -> None:
    assert "\x1b]8;" not in out, "a hyperlink reached the terminal"
    assert "\x1b]0;" not in out and "\x1b[2J" not in out and "\x07" not in out, "a control sequence reached the terminal"


@pytest.fixture
def store(tmp_path):
    doc = tmp_path / "ke-hoach.txt"
    doc.write_text(DIRECTIVE, encoding="utf-8")
    db = tmp_path / "db"
    r = run_cli("load", str(doc), "--yes", "--db", str(db))
    assert r.returncode == 0, r.stderr
    r = run_cli("status", "1", "dang thuc hien", "--note", NOTE, "--by", "[bold]Chị Lan\x1b[31m", "--on", "05/09/2022",
                "--db", str(db))
    assert r.returncode == 0, r.stderr
    return db, doc


def test_parse_shows_markup_in_a_task_as_text(tmp_path):
    doc = tmp_path / "ke-hoach.txt"
    doc.write_text(DIRECTIVE, encoding="utf-8")
    r = run_cli("parse", str(doc), env=TERMINAL)
    assert r.returncode == 0, r.stderr
    assert "[/x]" in r.stdout and "[link=file:///etc/passwd]bấm vào đây[/link]" in r.stdout
    assert "[red]báo cáo[/red]" in r.stdout and "[b]năm 2022[/b]" in r.stdout
    assert_literal(r.stdout)


@pytest.mark.parametrize("command", [
    ("tasks", "--as-of", "01/11/2022"),
    ("tasks", "--as-of", "01/11/2022", "--limit", "1"),
    ("overdue", "--as-of", "01/11/2022"),
    ("history", "1"),
    ("chain", "1", "--as-of", "01/11/2022", "--width", "300"),
    ("link", "show", "1"),
    ("db", "backups"),
    ("db", "info"),
], ids=lambda c: "-".join(c[:2]))
def test_every_command_shows_stored_text_literally(store, command):
    db, _ = store
    r = run_cli(*command, "--db", str(db), env=TERMINAL)
    assert r.returncode == 0, r.stderr
    assert_literal(r.stdout + r.stderr)
    assert "Traceback" not in r.stderr


def test_history_shows_a_note_with_markup_every_time(store):
    db, _ = store
    for _ in range(2):  # it used to break for good once such a note was recorded
        r = run_cli("history", "1", "--db", str(db), env=TERMINAL)
        assert r.returncode == 0, r.stderr
        assert "[/x] ghi chú" in r.stdout and "[link=file:///etc/passwd]xem[/link]" in r.stdout
        assert "[bold]Chị Lan" in r.stdout
        assert_literal(r.stdout)


def test_tasks_show_a_task_with_markup_as_text(store):
    db, _ = store
    r = run_cli("tasks", "--as-of", "01/11/2022", "--db", str(db), env=TERMINAL)
    assert "[/x]" in r.stdout and "[red]báo cáo[/red]" in r.stdout


def test_plain_keeps_tabs_and_newlines_and_drops_what_steers_a_terminal():
    from tracker.views.literal import plain

    assert plain("a\x1b[2Jb\tc\nd\x9be\u202ef") == "a[2Jb\tc\nde" + "f"


def test_the_markdown_report_on_the_terminal_carries_no_control_sequence(store):
    db, _ = store
    r = run_cli("report", "--format", "md", "-o", "-", "--as-of", "01/11/2022", "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert_literal(r.stdout)


def test_an_error_naming_a_file_shows_the_name_literally(tmp_path):
    p = tmp_path / "x\x1b]0;pwned\x07\x1b[2J.pdf"
    r = run_cli("parse", str(p))
    assert r.returncode == 2
    assert_literal(r.stderr)
    assert "pwned" in r.stderr
