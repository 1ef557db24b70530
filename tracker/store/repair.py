"""Versions kept, checking a store against itself, and restoring one that never loses what was saved.

`check()` reads every file of the current version the way a repair would:
the manifest (against its own checksum and its copy under versions/), each
data file and its compressed backup copy, and the derived index, which is
compared with an index rebuilt from the data. `restore()` makes a version
current again as a new version in which every data file is intact (a
damaged one is written back from its backup copy, under a new name, with a
new backup copy), and every derived file is rebuilt from that data, never
taken over: a stale index cannot survive a repair.

The advice a damaged store gives (`tracker tasks`, `tracker db check`) is
one: `tracker db restore`, and what it will do.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker.errors import StoreError
from tracker.store.files import (
    DATA,
    DERIVED,
    LOCK,
    MANIFEST,
    MIRROR,
    MISSING,
    VERSIONS,
    Damaged,
    FileRef,
    Manifest,
    checksum,
    fsync_dir,
    read_mirror,
    read_verified,
    version_in,
    write_atomic,
    write_mirror,
)


@dataclass
class Problem:
    """One thing wrong with the current version."""

    name: str  # the file, relative to the store folder
    why: str
    repairable: bool  # `tracker db restore` puts it right without losing anything
    kind: str  # "manifest", "version copy", "data", "backup copy", "derived", "lock", "log"


@dataclass
class Checked:
    """What `check()` found: the version it judged, and its problems (none: intact)."""

    version: int | None
    problems: list[Problem]

    @property
    def repairable(self) -> bool:
        return self.version is not None and all(p.repairable for p in self.problems)


def _format_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("lưu lúc %H:%M %d/%m/%Y")
    except ValueError:
        return "không rõ lúc lưu"


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def move_aside(path: Path) -> None:
    """Put a folder that sits where a store file belongs out of the way (kept, renamed, never deleted)."""
    target = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}-{n}")
        n += 1
    os.rename(path, target)


class Repairs:
    """The versions, checks and restore of a store (mixed into StoreCore, which provides the
    lock, the index builders and the garbage collection they call)."""

    path: Path
    _manifest: Manifest

    # -- version copies ------------------------------------------------------------

    def _version_numbers(self) -> list[int]:
        try:
            names = os.listdir(self.path / VERSIONS)
        except OSError:
            return []
        return sorted(int(n[:-5]) for n in names if n.endswith(".json") and n[:-5].isdigit())

    def _version_file(self, v: int) -> Path:
        return self.path / VERSIONS / f"{v:08d}.json"

    def read_version(self, v: int) -> Manifest:
        path = self._version_file(v)
        try:
            raw = path.read_bytes()
        except OSError:
            raise Damaged(path, MISSING) from None
        return Manifest.from_bytes(raw, path)

    def _current(self) -> tuple[Manifest | None, str | None, int | None]:
        """(manifest, what is wrong with it, the committed version) as manifest.json says.

        A damaged manifest often still shows its version number (it comes
        first); then versions newer than it are known never to have been
        committed. None when nothing tells.
        """
        path = self.path / MANIFEST
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None, MISSING, None
        except IsADirectoryError:
            return None, "có một thư mục nằm ở chỗ của tệp", None
        except PermissionError:
            raise StoreError(f"không đọc được {path}: không có quyền đọc; nhờ người quản lý kho cấp quyền đọc") from None
        except OSError as exc:
            return None, exc.strerror or str(exc), None
        try:
            m = Manifest.from_bytes(raw, path)
        except Damaged as exc:
            return None, exc.why, version_in(raw)
        return m, None, m.version

    def _current_version_or_none(self) -> int | None:
        return self._current()[2]

    def _committed(self, numbers: list[int]) -> list[int]:
        """The kept versions that were committed: none newer than the manifest (a crash left those)."""
        current = self._current_version_or_none()
        return [v for v in numbers if current is None or v <= current]

    # -- checking files -------------------------------------------------------------

    def problems(self, m: Manifest, memo: dict[tuple[str, str], Any] | None = None) -> list[tuple[str, str, bool]]:
        """What is wrong with the files of a version: (file, why, repairable), empty when all are intact.

        Repairable: a data file whose backup copy is intact, or a derived
        index file (rebuilt from the data). Files are checked by size and
        CRC-32 (what was written was valid); `memo` shares the checks of
        files several versions hold.
        """
        memo = {} if memo is None else memo
        out = []
        for key, ref in m.files.items():
            ck = (ref.name, ref.crc)
            if ck not in memo:
                why = self._why(ref)
                repairable = key in DERIVED
                if why is not None and not repairable:
                    repairable = self._mirror_ok(ref)
                memo[ck] = (why, repairable)
            why, repairable = memo[ck]
            if why is not None:
                out.append((ref.name, why, repairable))
        return out

    def _why(self, ref: FileRef) -> str | None:
        """None when a data file is there and intact, else what is wrong with it."""
        try:
            read_verified(self.path, ref)
        except FileNotFoundError:
            return MISSING
        except PermissionError:
            raise StoreError(f"không đọc được {self.path / DATA / ref.name}: không có quyền đọc; "
                             "nhờ người quản lý kho cấp quyền đọc") from None
        except Damaged as exc:
            return exc.why
        return None

    def _mirror_ok(self, ref: FileRef) -> bool:
        try:
            read_mirror(self.path, ref)
            return True
        except (OSError, Damaged):
            return False

    def verify(self, m: Manifest) -> str | None:
        """None when every file of a version is there and intact as it is, else what is wrong."""
        found = self.problems(m)
        return None if not found else "; ".join(f"{name}: {why}" for name, why, _ in found)

    def restorable(self, m: Manifest, memo: dict[tuple[str, str], Any] | None = None) -> bool:
        """Every file of the version is intact or can be repaired."""
        return all(repairable for _, _, repairable in self.problems(m, memo))

    def check(self) -> Checked:
        """Everything wrong with the current version, as `tracker db check` reports it."""
        m, why, guess = self._current()
        found: list[Problem] = []
        if m is None:
            if why == MISSING and not self._version_numbers():
                return Checked(0, [])  # an empty store: nothing saved yet
            copy = self._readable_version(guess) if guess is not None else None
            found.append(Problem(MANIFEST, why or "bị hỏng", copy is not None and self.restorable(copy), "manifest"))
            if copy is None:
                return Checked(None, found)
            m = copy
        else:
            copy_path = self._version_file(m.version)
            try:
                same = copy_path.read_bytes() == (self.path / MANIFEST).read_bytes()
            except OSError:
                same = False
            if not same:
                found.append(Problem(str(copy_path.relative_to(self.path)), "mất hoặc không giống manifest.json",
                                     True, "version copy"))
        for key, ref in m.files.items():
            why = self._why(ref)
            if key in DERIVED:
                if why is not None:
                    found.append(Problem(f"{DATA}/{ref.name}", why, True, "derived"))
                continue
            mirror = self._mirror_ok(ref)
            if why is not None:
                found.append(Problem(f"{DATA}/{ref.name}", why, mirror, "data"))
            elif not mirror:
                found.append(Problem(f"{MIRROR}/{ref.name}.gz", "bản sao dự phòng bị mất hoặc hỏng", True, "backup copy"))
        if (self.path / LOCK).is_dir():
            found.append(Problem(LOCK, "có một thư mục nằm ở chỗ của tệp", True, "lock"))
        found.extend(self._log_problems(m))
        if not any(p.kind in ("data", "derived") for p in found) and m.files:
            stale = self._index_mismatch(m)
            if stale:
                found.append(Problem(f"{DATA}/{m.files['cols'].name}" if "cols" in m.files else DATA, stale, True, "derived"))
        return Checked(m.version, found)

    def _log_problems(self, m: Manifest) -> list[Problem]:
        """Damaged lines of the version's change log (tracker/store/journal.py): each cost its own change;
        a restore keeps every other line's in a new version."""
        from tracker.store import journal

        path = journal.log_path(self.path, m.version)
        try:
            bad = journal.damaged_lines(path.read_bytes())
        except OSError:
            return []
        if not bad:
            return []
        return [Problem(str(path.relative_to(self.path)),
                        f"{bad} dòng hỏng, thay đổi ghi trên đó không đọc được (các dòng khác vẫn còn)", True, "log")]

    def damaged_backups(self) -> list[str]:
        """The kept older versions that could not be restored (`db check` mentions them; the current one is judged by check())."""
        current = self._current_version_or_none()
        memo: dict[tuple[str, str], Any] = {}
        out = []
        for v in self._committed(self._version_numbers()):
            if v == current:
                continue
            try:
                if not self.restorable(self.read_version(v), memo):
                    out.append(f"{v}")
            except Damaged:
                out.append(f"{v}")
        return out

    def _readable_version(self, v: int) -> Manifest | None:
        try:
            return self.read_version(v)
        except Damaged:
            return None

    def _index_mismatch(self, m: Manifest) -> str | None:
        """Why the index files of a version do not say what its data says (None when they agree)."""
        try:
            stored = self._load_index_files(m)
        except (Damaged, ValueError, KeyError, OSError) as exc:
            return f"không đọc được chỉ mục ({exc})"
        if stored is None:
            return None  # no index files: the readers build it from the data
        rebuilt = self._rebuild_index(m)
        diff = stored.differences(rebuilt)
        return f"chỉ mục không khớp với dữ liệu ({diff})" if diff else None

    # -- what to do ---------------------------------------------------------------

    def backups(self) -> list[dict[str, Any]]:
        """The committed versions kept, newest first: version, saved_at, command, current, problem (None = good)."""
        out = []
        current = self._current_version_or_none()
        memo: dict[tuple[str, str], Any] = {}
        for v in reversed(self._committed(self._version_numbers())):
            try:
                m = self.read_version(v)
                found = self.problems(m, memo)
                problem = "; ".join(f"{name}: {why}" for name, why, _ in found) or None
                repairable = all(r for _, _, r in found)
                saved, command, restored = m.saved_at, m.command, m.restored_from
            except Damaged as exc:
                problem, repairable, saved, command, restored = exc.why, False, "", "", None
            out.append(
                {"version": v, "saved_at": saved, "command": command, "current": v == current,
                 "restored_from": restored, "problem": problem, "restorable": repairable}
            )
        return out

    def newest_good(self, *, below: int | None = None) -> Manifest | None:
        """The newest kept version whose files are intact or repairable (never one a crash left uncommitted)."""
        memo: dict[tuple[str, str], Any] = {}
        for v in reversed(self._committed(self._version_numbers())):
            if below is not None and v >= below:
                continue
            try:
                m = self.read_version(v)
            except Damaged:
                continue
            if self.restorable(m, memo):
                return m
        return None

    def advice(self) -> str:
        """What `tracker db restore` (no version) will do here, as the end of an error line."""
        where = self._db_hint()
        good = self.newest_good()
        if good is None:
            return f"không còn bản dự phòng nào tốt; `tracker db backups{where}` liệt kê những bản đang có"
        when = _format_time(good.saved_at)
        if good.version == self._current_version_or_none():
            return (f"bản dự phòng tốt mới nhất là phiên bản {good.version} ({when}), chính bản hiện tại, nhờ các "
                    f"bản sao dự phòng của nó: chạy `tracker db restore{where}` để sửa (không mất gì)")
        return (f"bản dự phòng tốt mới nhất là phiên bản {good.version} ({when}): "
                f"chạy `tracker db restore{where}` để quay về bản đó (các thay đổi sau đó sẽ mất)")

    def _damaged(self, exc: Damaged) -> StoreError:
        return StoreError(f"dữ liệu trong {self.path} bị hỏng ({exc.path.name}: {exc.why}); {self.advice()}")

    def _db_hint(self) -> str:
        from tracker.store.core import default_path

        try:
            default = default_path() if not os.environ.get("TRACKER_DB") else None
        except Exception:
            default = None
        if default is not None and Path(default) == self.path:
            return ""
        return f" --db {self.path}"

    # -- restore ---------------------------------------------------------------------

    def is_store(self) -> bool:
        """Does the folder hold a tracker store (a manifest or kept versions)?"""
        return os.path.lexists(self.path / MANIFEST) or (self.path / VERSIONS).is_dir()

    def restore(self, version: int | None = None) -> Manifest:
        """Make a kept version current again, as a new version (the one it replaces stays a backup).

        With no version: only when the current one has a problem; it is
        repaired when nothing would be lost, else the newest good one is taken.
        """
        if not self.path.is_dir() or not self.is_store():
            raise StoreError(f"{self.path} không phải kho dữ liệu của tracker (không có manifest.json hay versions/); "
                             "không thay đổi gì — kiểm tra lại đường dẫn --db")
        lock_was_folder = (self.path / LOCK).is_dir()  # _locked(repair=True) moves it aside
        with self._locked(repair=True):
            numbers = self._committed(self._version_numbers())
            m, _why, guess = self._current()
            if version is None:
                checked = self.check()
                if not checked.problems and not lock_was_folder:
                    raise StoreError(
                        f"phiên bản hiện tại {checked.version} của {self.path} còn nguyên vẹn; muốn quay về bản cũ hơn thì "
                        f"ghi số của nó: `tracker db restore VERSION{self._db_hint()}` (`tracker db backups` liệt kê các bản)"
                    )
                target = m if m is not None and checked.repairable else None
                if target is None and checked.repairable and checked.version is not None:
                    target = self._readable_version(checked.version)
                target = target or self.newest_good()
                if target is None:
                    raise StoreError(f"không còn bản dự phòng nào tốt của {self.path}; không thay đổi gì")
            else:
                if version not in numbers:
                    newer = [v for v in self._version_numbers() if v not in numbers]
                    if version in newer:
                        raise StoreError(f"phiên bản {version} chưa từng được lưu xong (một lệnh bị dừng giữa lúc "
                                         f"lưu); không khôi phục được bản này, hãy chọn bản khác trong `tracker db backups`")
                    kept = ", ".join(str(v) for v in reversed(numbers)) or "không có"
                    raise StoreError(f"kho {self.path} không giữ phiên bản {version} (đang giữ: {kept}); hãy chọn một bản trong số đó")
                try:
                    target = self.read_version(version)
                except Damaged as exc:
                    raise StoreError(f"không khôi phục được phiên bản {version}: {exc.why}; hãy chọn bản khác trong `tracker db backups`") from None
                if not self.restorable(target):
                    raise StoreError(f"không khôi phục được phiên bản {version}: {self.verify(target)}; hãy chọn bản khác trong `tracker db backups`")
            from tracker.store.journal import Pending, read_log

            current = m.version if m is not None else guess
            logged = read_log(self.path, current) if current else Pending()  # changes since it
            top = max([*self._version_numbers(), guess or 0, m.version if m else 0, logged.version])
            # Repairing the current version (a damaged file): the changes its log holds since stay.
            carry = version is None and target.version == current
            new = self._rebuilt(target, top + 1, logged if carry else None)
            # Never hand out an id twice, even for records the restore drops.
            for k, v in [*(m.next_ids.items() if m is not None else ()), *logged.ids.items()]:
                new.next_ids[k] = max(v, new.next_ids.get(k, 1))
            raw = new.to_bytes()
            write_atomic(self._version_file(new.version), raw)
            if (self.path / MANIFEST).is_dir():
                move_aside(self.path / MANIFEST)
            write_atomic(self.path / MANIFEST, raw)
            self._manifest = new
            self._token = self._stat_token()
            self._pending = None
            self._index = None
            self._collect_garbage(sweep=True)
            return new

    def _carry_log(self, new: Manifest, logged: Any) -> None:
        """Put the directive changes of a log into version `new`'s pending file (tracker/store/journal.py)."""
        from tracker.store.journal import PENDING, Pending, carried_bytes

        ref = new.files.get(PENDING)
        both = Pending(b"", read_verified(self.path, ref) if ref is not None else b"", new.version).directives()
        for did, patch in logged.directives().items():
            if did in both:
                both[did].add(patch.to_json(), patch.stamp)
            else:
                both[did] = patch
        raw = carried_bytes(both)
        name = f"{PENDING}-{new.version}.jsonl"
        write_atomic(self.path / DATA / name, raw, sync_dir=False)
        write_mirror(self.path, name, raw)
        new.files[PENDING] = FileRef(name, len(raw), checksum(raw))

    def _rebuilt(self, target: Manifest, v: int, logged: Any = None) -> Manifest:
        """Version `v`: the data of `target`, every file intact with an intact backup copy, the index rebuilt;
        with `logged` (tracker.store.journal.Pending), the directive changes of target's log carried in it."""
        new = Manifest(
            version=v, schema=target.schema, saved_at=_now(), command=f"restore {target.version}",
            restored_from=target.version, next_ids=dict(target.next_ids), files={},
        )
        for key, ref in target.files.items():
            if key in DERIVED:
                continue
            intact = self._why(ref) is None
            if intact and self._mirror_ok(ref):
                new.files[key] = ref
                continue
            raw = read_verified(self.path, ref) if intact else read_mirror(self.path, ref)
            # Written under a new name, never over the damaged one (which may be a folder, or read-only).
            name = f"{key}-{v}.json"
            write_atomic(self.path / DATA / name, raw, sync_dir=False)
            write_mirror(self.path, name, raw)
            new.files[key] = FileRef(name, len(raw), checksum(raw))
        if logged is not None and not logged.empty():
            self._carry_log(new, logged)
        idx = self._rebuild_index(new)
        for key, name, raw in (("cols", f"cols-{v}.bin", idx.cols_bytes()), ("index", f"index-{v}.bin", idx.meta_bytes())):
            write_atomic(self.path / DATA / name, raw, sync_dir=False)
            new.files[key] = FileRef(name, len(raw), checksum(raw))
        for folder in (self.path / DATA, self.path / DATA / "d", self.path / MIRROR, self.path / MIRROR / "d"):
            fsync_dir(folder)
        return new
