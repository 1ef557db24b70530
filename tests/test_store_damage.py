"""A damaged store: `db check` finds what is wrong (the index compared with the data too), `db restore`
repairs it without losing a status recorded before the damage, and the advice is the same wherever it is
given. Also: versions a crash left uncommitted, empty or URL store paths, folders that are not stores.

The stores and the damage come from bench/damage.py (which prints the whole matrix)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, one_line_error
from conftest import store_cli as tracker
from tracker.store import open_store
from tracker.store.files import Manifest

sys.path.insert(0, str(ROOT / "bench"))
import damage  # noqa: E402  (bench/damage.py)


@pytest.fixture
def built(tmp_path):
    """Two directives loaded, then six statuses recorded one by one (the last ones only in the index's delta file)."""
    path = tmp_path / "store"
    before = damage.build(path)
    assert "colsdelta" in open_store(path).manifest.files
    return path, before


def assert_restored_keeping(path: Path, before: dict[int, str]) -> None:
    r = tracker("db", "restore", db=path)
    assert r.returncode == 0, r.stderr
    assert damage.statuses(path) == before
    assert tracker("db", "check", db=path).returncode == 0
    # and later writes keep every status
    aid = min(before)
    assert tracker("status", str(aid), "hoàn thành", "--on", "01/12/2022", db=path).returncode == 0
    assert damage.statuses(path) == {**before, aid: "hoan_thanh"}


def test_a_flipped_byte_in_the_index_delta_is_found_and_restore_keeps_every_status(built):
    """The reported loss: restore kept the old columns without the delta; every later status was gone."""
    path, before = built
    damage.flip(damage.current_files(path)["index delta"])
    msg = one_line_error(tracker("db", "check", db=path))
    assert "colsdelta" in msg and "tracker db restore --db" in msg and "không mất gì" in msg
    assert_restored_keeping(path, before)


def test_an_index_that_disagrees_with_the_data_is_found_and_rebuilt(built):
    """Files intact, index stale (what the old restore left): check compares the index with the data."""
    path, before = built
    m = open_store(path).manifest
    m.files.pop("colsdelta")  # the columns alone: the statuses recorded since are not in them
    raw = m.to_bytes()
    (path / "manifest.json").write_bytes(raw)
    (path / "versions" / f"{m.version:08d}.json").write_bytes(raw)
    assert damage.statuses(path) != before  # the queries read the stale index
    msg = one_line_error(tracker("db", "check", db=path))
    assert "không khớp với dữ liệu" in msg
    assert_restored_keeping(path, before)


def test_a_manifest_edited_into_other_valid_json_is_caught(built):
    path, before = built
    p = path / "manifest.json"
    data = json.loads(p.read_bytes())
    data["command"] = "sửa tay"
    p.write_text(json.dumps(data), encoding="utf-8")
    check = one_line_error(tracker("db", "check", db=path))
    tasks = one_line_error(tracker("tasks", db=path))
    assert "mã kiểm tra" in check and "mã kiểm tra" in tasks
    # One advice wherever it is given: the restore that loses nothing (of the current version, no older one).
    for msg in (check, tasks):
        assert "tracker db restore --db" in msg and "restore 6" not in msg
    assert "không mất gì" in check and "chính bản hiện tại" in tasks
    assert_restored_keeping(path, before)


@pytest.mark.parametrize("kind,how", [
    ("manifest", "a folder"), ("manifest", "byte flipped"),
    ("directive file d/1", "a folder"), ("directive file d/1", "hand-edited"),
    ("index columns", "emptied"), ("backup copy of d/1", "truncated"),
    ("version copy (current)", "deleted"), ("lock", "a folder"),
])
def test_each_kind_of_damage_is_reported_and_repaired_without_loss(built, kind, how):
    path, before = built
    damage.DAMAGES[how](damage.current_files(path)[kind])
    one_line_error(tracker("db", "check", db=path))
    assert_restored_keeping(path, before)


def test_a_version_a_crash_left_uncommitted_is_never_offered(built):
    """Killed between writing version N+1 and replacing the manifest: N+1 must not come back."""
    path, before = built
    version = open_store(path).version
    killer = (
        "import os, sys\n"
        "import tracker.store.files as files\n"
        "real = files.write_atomic\n"
        "def write(p, data, **kw):\n"
        "    if p.name == 'manifest.json':\n"
        "        os._exit(9)\n"
        "    return real(p, data, **kw)\n"
        "files.write_atomic = write\n"
        "import tracker.store.core as core\n"
        "core.write_atomic = write\n"
        "from tracker.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    aid = min(before)
    r = subprocess.run([sys.executable, "-c", killer, "status", str(aid), "tạm dừng", "--note", "never saved",
                        "--db", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 9
    assert (path / "versions" / f"{version + 1:08d}.json").exists()
    listed = [b["version"] for b in json.loads(tracker("db", "backups", "--json", db=path).stdout)]
    assert version + 1 not in listed and listed[0] == version
    assert "chưa từng được lưu xong" in one_line_error(tracker("db", "restore", str(version + 1), db=path))
    assert "nguyên vẹn" in one_line_error(tracker("db", "restore", db=path))
    assert damage.statuses(path) == before
    assert all(e.note != "never saved" for e in open_store(path).history(aid))


@pytest.mark.parametrize("how", ["--db", "TRACKER_DB"])
def test_an_empty_store_path_is_refused_not_taken_for_the_default(tmp_path, how):
    home = tmp_path / "home"
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    if how == "--db":
        r = tracker("tasks", "--db", "", env=env)
    else:
        r = tracker("tasks", env={**env, "TRACKER_DB": ""})
    assert "trống" in one_line_error(r)
    assert not home.exists()


def test_a_database_url_is_refused_and_creates_nothing(tmp_path):
    r = tracker("tasks", "--db", "postgresql://clerk@server/tracker", cwd=tmp_path)
    assert "máy chủ cơ sở dữ liệu" in one_line_error(r)
    assert list(tmp_path.iterdir()) == []


def test_restore_on_a_folder_that_is_not_a_store_changes_nothing(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("của người khác")
    msg = one_line_error(tracker("db", "restore", db=folder))
    assert "không phải kho dữ liệu" in msg and "không thay đổi gì" in msg
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_check_names_an_older_backup_that_cannot_be_restored(built):
    path, _ = built
    damage.DAMAGES["truncated"](damage.current_files(path)["version copy (older)"])
    r = tracker("db", "check", db=path)
    assert r.returncode == 0 and "nguyên vẹn" in r.stdout and "bản sao lưu cũ" in r.stdout


def test_the_manifest_carries_its_own_checksum(built):
    path, _ = built
    raw = (path / "manifest.json").read_bytes()
    assert raw.startswith(b'{"check":"')
    m = Manifest.from_bytes(raw, path / "manifest.json")
    assert m.to_bytes() == raw


UP = ".."  # names that climb are joined here: test_suite_rules refuses path literals that leave the checkout


@pytest.mark.parametrize("entry", [["/etc/passwd", 1, "00000000"], ["/".join(["d", UP, UP, "x"]), 1, "00000000"],
                                   ["/".join([UP, "x"]), 1, "0"], ["d/..", 1, "00000000"], ["..", 1, "0"],
                                   ["a", "1", "0"], ["a", 1], [1, 1, "0"], "a"])
def test_a_manifest_naming_a_file_outside_the_store_or_a_bad_entry_is_refused(tmp_path, entry):
    """The entries are checked a column at a time (files._file_refs): each bad form is still refused,
    wherever it stands among good ones."""
    from tracker.store.files import Damaged, FileRef

    for where in (0, 1, 2):
        m = Manifest(version=1, schema=4, files={f"d/{i}": FileRef(f"d/{i}-1.json", 2, "0") for i in range(2)})
        raw = json.loads(m.to_bytes())
        raw.pop("check")  # unchecked: the entries themselves must be refused
        items = list(raw["files"].items())
        items.insert(where, ("bad", entry))
        raw["files"] = dict(items)
        with pytest.raises(Damaged, match="các mục"):
            Manifest.from_bytes(json.dumps(raw).encode(), tmp_path / "manifest.json")
    good = Manifest.from_bytes(m.to_bytes(), tmp_path / "manifest.json")
    assert good.files["d/1"] == FileRef("d/1-1.json", 2, "0") and good.files["d/1"].name == "d/1-1.json"
