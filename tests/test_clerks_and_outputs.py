"""Several clerks on one store (permissions, the lock, read-only and unreadable files), where a report may
be written (-o), and typed values the tracker cannot compute with: one clear line each, never "internal error"."""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from conftest import ROOT, one_line_error
from conftest import store_cli as tracker

sys.path.insert(0, str(ROOT / "bench"))
import damage  # noqa: E402  (bench/damage.py)

NOBODY = 65534  # the unprivileged user and group of Debian and most Linux systems


def mode(p: Path) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


# -- permissions ----------------------------------------------------------------------------


def test_a_new_store_is_private(tmp_path):
    path = tmp_path / "store"
    damage.build(path)
    assert mode(path) == 0o700
    files = [p for p in path.rglob("*") if p.is_file()]
    assert files and all(mode(p) == 0o600 for p in files), {str(p): oct(mode(p)) for p in files if mode(p) != 0o600}
    assert all(mode(p) == 0o700 for p in path.rglob("*") if p.is_dir())
    r = tracker("db", "info", db=path)
    assert "0700" in r.stdout and "riêng" in r.stdout


def test_a_group_writable_store_folder_shares_its_files_and_lock_with_the_group(tmp_path):
    path = tmp_path / "store"
    path.mkdir()
    os.chmod(path, 0o2770)
    damage.build(path)
    assert mode(path / "lock") == 0o660 and mode(path / "manifest.json") == 0o660
    assert all(mode(p) == 0o660 for p in path.rglob("*") if p.is_file())
    assert all(mode(p) & 0o070 == 0o070 for p in path.rglob("*") if p.is_dir())
    assert "dùng chung" in tracker("db", "info", db=path).stdout


# A second OS user: the CLI run as `nobody`, its modules imported before it drops root (the Python of this
# machine may sit where nobody cannot read).
AS_NOBODY = f"""
import os, sys
import getpass, gzip, json, datetime, zlib, tempfile, grp, pwd
import rich.console, rich.table, rich.text, filelock, tinydb
import tracker.cli, tracker.store, tracker.track, tracker.cli.common, tracker.views.literal, tracker.store.repair
from tracker.cli import build_parser, main
build_parser()
os.setgroups([]); os.setgid({NOBODY}); os.setuid({NOBODY})
os.environ["HOME"] = "/nonexistent"
sys.exit(main(sys.argv[1:]))
"""
as_nobody = pytest.mark.skipif(os.geteuid() != 0, reason="acting as a second OS user needs root (CI runs as root)")


@pytest.fixture
def open_tmp():
    """A folder the second user can reach (pytest's own tmp folders are private to root)."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="tracker-clerks-"))
    os.chmod(folder, 0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@as_nobody
def test_a_second_clerk_in_the_group_can_save_to_a_shared_store(open_tmp):
    path = open_tmp / "store"
    path.mkdir()
    os.chown(path, 0, NOBODY)
    os.chmod(path, 0o2770)
    before = damage.build(path)  # written by root
    aid = min(before)
    r = tracker("status", str(aid), "hoàn thành", "--on", "01/12/2022", db=path, prefix=[sys.executable, "-c", AS_NOBODY])
    assert r.returncode == 0, r.stderr
    assert damage.statuses(path)[aid] == "hoan_thanh"


@as_nobody
def test_another_users_private_store_is_one_clear_line(open_tmp):
    path = open_tmp / "store"
    damage.build(path)  # root's, 0700
    for args in (("tasks",), ("status", "1", "hoàn thành")):
        msg = one_line_error(tracker(*args, db=path, prefix=[sys.executable, "-c", AS_NOBODY]))
        assert "quyền" in msg


@as_nobody
def test_a_store_readable_but_not_writable_says_so_and_changes_nothing(open_tmp):
    path = open_tmp / "store"
    before = damage.build(path)
    for p in [path, *path.rglob("*")]:
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
    nobody = [sys.executable, "-c", AS_NOBODY]
    assert tracker("tasks", db=path, prefix=nobody).returncode == 0
    msg = one_line_error(tracker("status", str(min(before)), "hoàn thành", db=path, prefix=nobody))
    assert "không ghi được" in msg and "không thay đổi gì" in msg
    from tracker.store import open_store

    os.chmod(path / "data" / open_store(path).manifest.files["d/1"].name, 0o600)
    assert "không đọc được" in one_line_error(tracker("history", "1", db=path, prefix=nobody))
    assert damage.statuses(path) == before


# -- report -o --------------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "store"
    damage.build(path)
    return path


def report(store: Path, target: Path | str, *extra: str, prefix: list[str] | None = None):
    return tracker("report", "--format", "md", "-o", str(target), "--as-of", "01/11/2022", *extra, db=store, prefix=prefix)


def test_report_refuses_a_device_or_pipe_even_with_force(store, tmp_path):
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    msg = one_line_error(report(store, pipe, "--force"))
    assert "không phải tệp thường" in msg
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    link = tmp_path / "link.md"
    link.symlink_to(pipe)
    one_line_error(report(store, link, "--force"))
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode) and link.is_symlink()


def test_report_writes_through_a_symlink(store, tmp_path):
    real = tmp_path / "chung" / "bao-cao.md"
    real.parent.mkdir()
    real.write_text("cũ")
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    r = report(store, link, "--force")
    assert r.returncode == 0, r.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") != "cũ" and "71/KH-UBND" in real.read_text(encoding="utf-8")
    assert [p.name for p in real.parent.iterdir()] == ["bao-cao.md"]  # no temporary file left


def test_report_on_a_full_disk_is_one_line_and_leaves_nothing(store, tmp_path):
    full_disk = (
        "import errno, os, sys\n"
        "import tracker.report.output as out\n"
        "def full(fd, data):\n"
        "    os.write(fd, data[:10])\n"
        "    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
        "out._write_all = full\n"
        "from tracker.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    target = tmp_path / "out" / "bao-cao.md"
    target.parent.mkdir()
    msg = one_line_error(report(store, target, prefix=[sys.executable, "-c", full_disk]))
    assert "đầy" in msg
    assert list(target.parent.iterdir()) == []


def test_report_names_too_long_or_looping_are_one_line(store, tmp_path):
    assert "dài" in one_line_error(report(store, tmp_path / ("b" * 300 + ".md")))
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.symlink_to(b)
    b.symlink_to(a)
    assert "symlink" in one_line_error(report(store, a, "--force"))


# -- values the tracker cannot compute with -----------------------------------------------------


@pytest.mark.parametrize("args", [
    ("report", "--format", "md", "-o", "-", "--as-of", "31/12/9999"),
    ("tasks", "--as-of", "9999-12-31"),
    ("overdue", "--by-unit", "--as-of", "01/01/0001"),
    ("status", "²", "hoàn thành"),
    ("status", "١٢", "hoàn thành"),
    ("history", "٣"),
], ids=["report-9999", "tasks-9999", "overdue-0001", "status-superscript", "status-arabic-digits", "history-arabic"])
def test_values_out_of_reach_are_refused_in_one_line(store, args):
    before = damage.statuses(store)
    one_line_error(tracker(*args, db=store))
    assert damage.statuses(store) == before
