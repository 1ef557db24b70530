"""The store-damage matrix: each kind of store file damaged each way, then `db check` and `db restore`.

    .venv/bin/python bench/damage.py [--only KIND ...]

For every kind of file a store holds (manifest, version copies, the data
files, the derived index files, their compressed backup copies, the lock)
and every kind of damage (deleted, truncated, a byte flipped, edited by hand
into other valid content, emptied, replaced by a folder), on a fresh store
with statuses recorded after the last load: what `tracker db check` says,
whether `tracker tasks` still answers, what `tracker db restore` does, and
how many of the statuses recorded before the damage are there after the
restore (aim: all, for every kind), and that `db check` then passes and a
new status can be recorded.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.model import Deadline, DirectiveDraft, Header, Source, Task, UnitRef  # noqa: E402
from tracker.store import open_store  # noqa: E402

AS_OF = date(2022, 12, 31)
STATUSES = ["dang_thuc_hien", "hoan_thanh", "tam_dung", "khong_thuc_hien", "hoan_thanh", "dang_thuc_hien"]


def draft(n: int) -> DirectiveDraft:
    units = [UnitRef(f"Phòng số {k}") for k in range(6)]
    return DirectiveDraft(
        header=Header(number=f"{n}/KH-UBND", issuer="UBND huyện Thử", date="2022-08-01", level="district"),
        tasks=[
            Task(f"Việc một của văn bản {n}", path="1", lead=units[:3], deadline=Deadline("date", "", date="2022-09-15")),
            Task(f"Việc hai của văn bản {n}", path="2", lead=units[3:], support=units[:1]),
        ],
        source=Source(f"{n}.pdf", "pdf", f"{n:064d}"),
    )


def build(path: Path) -> dict[int, str]:
    """Two directives loaded, then statuses recorded one by one (the index's delta file holds them)."""
    store = open_store(path)
    store.save_drafts([draft(71), draft(72)])
    ids = [r.id for r in store.assignments(AS_OF, with_text=False)]
    for k, status in enumerate(STATUSES):
        # Each its own version (a lone status change is appended to the change log instead: the
        # matrix damages the files of versions; tests/test_store_log.py damages the log).
        with store.transaction("status"):
            store.set_status(ids[k], status, on=date(2022, 9, 1 + k), note=f"ghi {k}")
    return statuses(path)


def statuses(path: Path) -> dict[int, str]:
    return {r.id: r.status for r in open_store(path).assignments(AS_OF, with_text=False)}


# -- the files of a store, by kind ----------------------------------------------------------


def current_files(path: Path) -> dict[str, Path]:
    m = open_store(path).manifest
    data = path / "data"
    out = {
        "manifest": path / "manifest.json",
        "version copy (current)": path / "versions" / f"{m.version:08d}.json",
        "version copy (older)": path / "versions" / f"{m.version - 1:08d}.json",
        "directives": data / m.files["directives"].name,
        "units": data / m.files["units"].name,
        "directive file d/1": data / m.files["d/1"].name,
        "index meta": data / m.files["index"].name,
        "index columns": data / m.files["cols"].name,
        "index delta": data / m.files["colsdelta"].name,
        "backup copy of d/1": path / "backup" / (m.files["d/1"].name + ".gz"),
        "backup copy of directives": path / "backup" / (m.files["directives"].name + ".gz"),
        "lock": path / "lock",
    }
    return out


# -- the ways to damage a file ---------------------------------------------------------------


def delete(p: Path) -> None:
    p.unlink()


def truncate(p: Path) -> None:
    raw = p.read_bytes()
    p.write_bytes(raw[: len(raw) // 2])


def flip(p: Path) -> None:
    raw = bytearray(p.read_bytes())
    if not raw:
        raw = bytearray(b"\x00")
    i = len(raw) // 2
    raw[i] ^= 0x01
    p.write_bytes(bytes(raw))


def hand_edit(p: Path) -> None:
    """A change a person would make: other valid content of the same kind."""
    raw = p.read_bytes()
    if p.suffix == ".json" and raw.strip():
        try:
            data = json.loads(raw)
        except ValueError:
            data = None
        if data is not None:
            p.write_bytes(json.dumps(_edited(data), ensure_ascii=False, separators=(",", ":")).encode())
            return
    if p.suffix == ".gz":
        import gzip

        inner = json.loads(gzip.decompress(raw))
        p.write_bytes(gzip.compress(json.dumps(_edited(inner), ensure_ascii=False, separators=(",", ":")).encode()))
        return
    if p.suffix == ".bin":
        # one status code in the columns changed, the layout intact
        raw = bytearray(raw)
        raw[-8] ^= 0x02
        p.write_bytes(bytes(raw))
        return
    p.write_bytes(raw + "# sửa tay\n".encode())


def _edited(data):
    """Change the first status, command or number found, keep the JSON valid."""
    text = json.dumps(data, ensure_ascii=False)
    for old, new in (('"hoan_thanh"', '"tam_dung"'), ('"command": "', '"command": "sửa tay '),
                     ("71/KH-UBND", "79/KH-UBND"), ("Phòng số 1", "Phòng số 9")):
        if old in text:
            return json.loads(text.replace(old, new, 1))
    if isinstance(data, dict):
        data = dict(data, edited=True)
    return data


def empty(p: Path) -> None:
    p.write_bytes(b"")


def folder(p: Path) -> None:
    p.unlink()
    p.mkdir()
    (p / "x").write_text("?")


DAMAGES: dict[str, Callable[[Path], None]] = {
    "deleted": delete, "truncated": truncate, "byte flipped": flip, "hand-edited": hand_edit,
    "emptied": empty, "a folder": folder,
}


# -- running ---------------------------------------------------------------------------------


@dataclass
class Outcome:
    check: str  # exit code and the first words of what `db check` said
    tasks: int  # exit code of `tracker tasks` on the damaged store
    restore: str
    kept: int  # statuses recorded before the damage and there after the restore
    total: int
    after: str  # db check after the restore, and a new status recorded


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tracker", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "COLUMNS": "200"})


def first(r: subprocess.CompletedProcess, store: Path, n: int = 90) -> str:
    line = ((r.stderr.strip() or r.stdout.strip()).splitlines() or [""])[0]
    line = line.replace("tracker: ", "").replace(f" --db {store}", "").replace(f"{store}: ", "").replace(str(store), "STORE")
    return f"{r.returncode}: {line[:n]}"


def trial(kind: str, damage: str, base: Path, before: dict[int, str]) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="damage-") as tmp:
        path = Path(tmp) / "store"
        shutil.copytree(base, path, symlinks=True)
        DAMAGES[damage](current_files(path)[kind])
        db = ("--db", str(path))
        check = cli("db", "check", *db)
        tasks = cli("tasks", "--as-of", "31/12/2022", "--json", *db)
        restore = cli("db", "restore", *db)
        try:
            after = statuses(path)
            kept = sum(1 for aid, s in before.items() if after.get(aid) == s)
        except Exception as exc:  # the store does not open: nothing kept
            kept, after = 0, {}
            restore_note = f" (then: {type(exc).__name__})"
        else:
            restore_note = ""
        recheck = cli("db", "check", *db)
        write = cli("status", str(min(before)), "hoàn thành", "--on", "01/12/2022", *db)
        post = f"check {recheck.returncode}, write {write.returncode}"
        return Outcome(first(check, path), tasks.returncode, first(restore, path) + restore_note, kept, len(before), post)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", nargs="*", help="kinds of file (default: all)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="damage-base-") as tmp:
        base = Path(tmp) / "store"
        before = build(base)
        kinds = [k for k in current_files(base) if not a.only or k in a.only]
        all_kept = total = 0
        for kind in kinds:
            print(f"\n## {kind}")
            print(f"{'damage':13} {'db check':60} {'tasks':>5}  {'db restore':56} {'kept':>6}  after")
            for damage in DAMAGES:
                o = trial(kind, damage, base, before)
                all_kept += o.kept == o.total
                total += 1
                print(f"{damage:13} {o.check[:60]:60} {o.tasks:>5}  {o.restore[:56]:56} {o.kept:>3}/{o.total:<2}  {o.after}",
                      flush=True)
        print(f"\nstatuses all kept after the restore in {all_kept} of {total} cases")


if __name__ == "__main__":
    main()
