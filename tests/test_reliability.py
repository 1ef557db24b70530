"""The store under crashes, concurrent writers, a full disk and damaged files, with real processes.

A writer process prints a line after each commit returns; whatever it printed
before it was killed must be in the store afterwards, and the store must
always open.
"""
from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from tracker.model import Deadline, DirectiveDraft, Header, Source, Task, UnitRef
from tracker.store import open_store

ROOT = Path(__file__).resolve().parent.parent

WRITER = r"""
import sys
from datetime import date
from tracker.store import open_store
from tracker.model import DirectiveDraft
path, tag, count, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
draft = DirectiveDraft.from_json(__import__("json").loads(sys.argv[5])) if len(sys.argv) > 5 else None
store = open_store(path)
ids = [r.id for r in store.assignments(date(2022, 12, 31), with_text=False)]
statuses = ["dang_thuc_hien", "hoan_thanh", "tam_dung", "chua_thuc_hien"]
for k in range(start, start + count):
    if draft is not None and k % 4 == 3:
        draft.tasks[0].text = f"Việc số một, bản {tag}-{k}"
        store.save_draft(draft)  # a bigger write: every file of the directive and the index
        print(f"load {tag}-{k}", flush=True)
        continue
    aid = ids[k % len(ids)]
    store.set_status(aid, statuses[k % 4], on=date(2022, 9, 1 + k % 28), note=f"{tag}-{k}", by=tag)
    print(f"saved {tag}-{k} {aid}", flush=True)
"""


def make_draft() -> DirectiveDraft:
    units = [UnitRef(f"Phòng số {n}") for n in range(12)]
    return DirectiveDraft(
        header=Header(number="77/KH-UBND", issuer="UBND huyện Thử", date="2022-08-01", level="district"),
        tasks=[
            Task("Việc số một", path="1", lead=units[:6], deadline=Deadline("date", "", date="2022-09-15")),
            Task("Việc số hai", path="2", lead=units[6:], support=units[:2], deadline=Deadline("recurring", "hằng tháng")),
        ],
        source=Source("x.pdf", "pdf", "7" * 64),
    )


@pytest.fixture
def small_store(tmp_path):
    path = tmp_path / "store"
    open_store(path).save_draft(make_draft())
    return path


def writer(path: Path, tag: str, count: int, start: int = 0, with_loads: bool = False, env: dict | None = None) -> subprocess.Popen:
    args = [sys.executable, "-c", WRITER, str(path), tag, str(count), str(start)]
    if with_loads:
        args.append(json.dumps(make_draft().to_json()))
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**os.environ, **(env or {})})


def notes_in(path: Path) -> set[str]:
    store = open_store(path)
    out = set()
    for d in store.directives(date(2022, 12, 31)):
        for k, e in (store._directive_data(d.id).get("events") or {}).items():
            if e.get("note"):
                out.add(e["note"])
    return out


def test_kill_9_at_random_moments_never_loses_a_reported_change(small_store):
    rng = random.Random(4)
    reported: set[str] = set()
    loads: list[str] = []
    start = 0
    for round_ in range(50):
        p = writer(small_store, "w", 400, start, with_loads=True)
        first = ""
        if round_ % 2:
            first = p.stdout.readline()  # after its first commit, kill it within 80 ms
            time.sleep(rng.uniform(0, 0.08))
        else:
            time.sleep(rng.uniform(0.02, 0.3))  # anywhere from start-up on
        p.send_signal(signal.SIGKILL)
        out, err = p.communicate()
        out = first + out
        assert p.returncode == -signal.SIGKILL, err
        lines = out.split("\n")[:-1]  # a line cut by the kill has no newline: not reported
        if round_ % 2:
            assert lines, err  # this kill came after a commit it had reported: not at start-up
        reported |= {ln.split()[1] for ln in lines if ln.startswith("saved")}
        loads += [ln.split()[1] for ln in lines if ln.startswith("load")]
        start += 400
        # The store opens, and holds every change reported as saved.
        missing = reported - notes_in(small_store)
        assert not missing, (round_, sorted(missing)[:5])
        if loads:
            text = open_store(small_store).tasks(1)[0].text
            # The last reported load is there, or a later one that committed just before the kill.
            assert int(text.rsplit("-", 1)[-1]) >= int(loads[-1].rsplit("-", 1)[-1]), (text, loads[-1])
    store = open_store(small_store)
    assert store.verify(store.manifest) is None
    r = subprocess.run([sys.executable, "-m", "tracker", "db", "check", "--db", str(small_store)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr


def test_two_processes_making_200_changes_each_lose_none(small_store):
    a = writer(small_store, "a", 200)
    b = writer(small_store, "b", 200)
    out_a, err_a = a.communicate(timeout=120)
    out_b, err_b = b.communicate(timeout=120)
    assert a.returncode == 0 and b.returncode == 0, err_a + err_b
    notes = notes_in(small_store)
    assert {f"a-{k}" for k in range(200)} <= notes and {f"b-{k}" for k in range(200)} <= notes
    store = open_store(small_store)
    events = [e for d in store.directives(date(2022, 12, 31))
              for e in (store._directive_data(d.id).get("events") or {}).values()]
    assert len(events) == 400
    assert store.version == 401
    # Each assignment's status is that of its last recorded event.
    for aid in {e["assignment"] for e in events}:
        last = max((int(k), e) for k, e in store._directive_data(1)["events"].items() if e["assignment"] == aid)[1]
        assert store.assignment(aid, date(2022, 12, 31)).status == last["to"]


FULL_DISK = r"""
import errno, os, sys
import tracker.store.files as files
real = files._write_all
def full(fd, data):
    if len(data) > 200:  # the first block fits, the rest does not
        real(fd, data[:200])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    real(fd, data)
files._write_all = full
from tracker.cli import main
sys.exit(main(sys.argv[1:]))
"""


def assert_intact(path: Path, version: int, status_of: dict[int, str]) -> None:
    store = open_store(path)
    assert store.version == version and store.verify(store.manifest) is None
    for aid, status in status_of.items():
        assert store.assignment(aid, date(2022, 12, 31)).status == status
    leftovers = [p for p in path.rglob("*.tmp")]
    assert not leftovers, leftovers


def test_a_full_disk_gives_a_clear_error_and_keeps_the_previous_version(small_store):
    store = open_store(small_store)
    ids = [r.id for r in store.assignments(date(2022, 12, 31))]
    store.set_status(ids[0], "dang_thuc_hien", on=date(2022, 9, 1))
    before = {a: open_store(small_store).assignment(a, date(2022, 12, 31)).status for a in ids[:3]}
    version = open_store(small_store).version
    r = subprocess.run([sys.executable, "-c", FULL_DISK, "status", str(ids[0]), "hoan thanh", "--db", str(small_store)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip() == r.stderr.strip().splitlines()[0] and "ổ đĩa đã đầy" in r.stderr
    assert "không thay đổi gì" in r.stderr and "Traceback" not in r.stderr
    assert_intact(small_store, version, before)
    # Once there is room again, the same command works.
    r = subprocess.run([sys.executable, "-m", "tracker", "status", str(ids[0]), "hoan thanh", "--db", str(small_store)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr


@pytest.fixture
def tiny_tmpfs(tmp_path):
    """A 1 MB tmpfs, when this machine lets us mount one (root, no sandbox rule against it)."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode().strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_a_really_full_tmpfs_gives_the_same_clear_error(tiny_tmpfs):
    path = tiny_tmpfs / "store"
    open_store(path).save_draft(make_draft())
    store = open_store(path)
    ids = [r.id for r in store.assignments(date(2022, 12, 31))]
    version = store.version
    # Fill the disk, leaving less room than one directive file needs.
    fd = os.open(tiny_tmpfs / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    os.truncate(tiny_tmpfs / "filler", os.path.getsize(tiny_tmpfs / "filler") - 1024)
    r = subprocess.run([sys.executable, "-m", "tracker", "status", str(ids[0]), "hoan thanh", "--db", str(path)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "ổ đĩa đã đầy" in r.stderr and "Traceback" not in r.stderr
    assert_intact(path, version, {ids[0]: "chua_thuc_hien"})
    os.unlink(tiny_tmpfs / "filler")
    r = subprocess.run([sys.executable, "-m", "tracker", "status", str(ids[0]), "hoan thanh", "--db", str(path)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("target", ["manifest", "directive", "directives"])
def test_a_truncated_or_hand_edited_file_gives_the_clear_error_and_restore_works(small_store, target):
    store = open_store(small_store)
    aid = store.assignments(date(2022, 12, 31))[0].id
    store.set_status(aid, "hoan_thanh", on=date(2022, 9, 1), note="kept")
    store.set_status(aid, "dang_thuc_hien", on=date(2022, 9, 2), note="lost with the damage")
    m = open_store(small_store).manifest
    path = {"manifest": small_store / "manifest.json",
            "directive": small_store / "data" / m.files["d/1"].name,
            "directives": small_store / "data" / m.files["directives"].name}[target]
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 3] if target != "directives" else raw.replace(b"77/KH", b"78/KH"))
    r = subprocess.run([sys.executable, "-m", "tracker", "tasks", "--db", str(small_store)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    [line] = r.stderr.strip().splitlines()
    assert "bị hỏng" in line and "bản dự phòng tốt mới nhất là phiên bản" in line and "tracker db restore" in line
    r = subprocess.run([sys.executable, "-m", "tracker", "db", "restore", "--db", str(small_store)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    restored = open_store(small_store)
    assert restored.verify(restored.manifest) is None
    history = [e.note for e in restored.history(aid)]
    assert history[0] == "kept"
