"""Where a report goes: its default name, the checks before writing, and the atomic write.

A report is written to a temporary file in the target's own folder, synced,
then moved into place in one step, so a crash leaves the old file or the
new one, never half of one. Without `force` the move is a hard link, which
fails if a file of that name appeared meanwhile (nothing is overwritten).

Only a regular file or a new name is a target: a device (/dev/null), a pipe
or a folder is refused, even with `force` (as root, replacing /dev/null made
it a regular file). A symbolic link is written through: the file it points
at is replaced, the link stays.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from datetime import date
from pathlib import Path

from tracker.errors import TrackerError


def default_name(fmt: str, as_of: date) -> str:
    """`bao-cao-2022-09-30.docx`: ISO date, so the files of a folder sort by day."""
    return f"bao-cao-{as_of.isoformat()}.{fmt}"


_EXISTS = "{path} đã có: thêm --force để ghi đè, hoặc chọn đường dẫn khác bằng -o"


def target_path(path: str | Path | None, fmt: str, as_of: date) -> Path:
    """The file to write: `path`, the default name in `path` when it is a folder, or in the current folder."""
    if path is None or str(path) == "":
        return Path.cwd() / default_name(fmt, as_of)
    p = Path(path).expanduser()
    try:
        if p.is_dir():
            return p / default_name(fmt, as_of)
    except OSError as exc:
        raise _error(p, exc) from None
    return p


def _through_links(path: Path) -> Path:
    """The file a symbolic link points at (followed to the end); `path` itself when it is none."""
    if not path.is_symlink():
        return path
    try:
        os.stat(path)  # ELOOP for a loop of links
    except FileNotFoundError:
        pass  # a link to a name that does not exist yet: that name is the target
    except OSError as exc:
        raise _error(path, exc) from None
    return Path(os.path.realpath(path))


def check_target(path: Path, *, force: bool) -> None:
    """Refuse, in one line, a path whose folder is missing, that is not a regular file, or that exists (without force)."""
    if len(os.fsencode(path.name)) > 255:
        raise TrackerError(f"tên tệp {path.name[:40]}… dài quá 255 byte (giới hạn của hệ thống tệp): chọn tên ngắn hơn với -o")
    real = _through_links(path)
    folder = real.parent
    if not folder.exists():
        raise TrackerError(f"thư mục {folder} không tồn tại: tạo nó trước hoặc chọn đường dẫn khác bằng -o")
    if not folder.is_dir():
        raise TrackerError(f"{folder} không phải thư mục: chọn đường dẫn khác bằng -o")
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return  # a new name
    except OSError as exc:
        raise _error(path, exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise TrackerError(f"{path} là một thư mục: cho tên tệp bằng -o")
    if not stat.S_ISREG(st.st_mode):
        raise TrackerError(f"{path} không phải tệp thường (thiết bị, đường ống…): báo cáo chỉ ghi vào một tệp "
                           "thường hoặc một tên mới; chọn tên khác với -o")
    if not force:
        raise TrackerError(_EXISTS.format(path=path))


def _write_all(fd: int, data: bytes) -> None:
    """Every byte (one place, so tests can fill the disk)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def write_file(path: Path, data: bytes, *, force: bool = False) -> Path:
    """Write `data` to `path` atomically (through a symbolic link); returns `path`. Raises TrackerError on any failure."""
    check_target(path, force=force)
    real = _through_links(path)
    fd, tmp = _temp(real)
    try:
        try:
            try:
                _write_all(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.chmod(tmp, 0o644)  # an ordinary file to share, not mkstemp's private 0600
        except OSError as exc:
            raise _error(path, exc) from None
        _move(tmp, real, force=force)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


def _temp(path: Path) -> tuple[int, str]:
    try:
        return tempfile.mkstemp(prefix=f".{path.name[:60]}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _error(path, exc) from None


def _move(tmp: str, path: Path, *, force: bool) -> None:
    try:
        if force:
            os.replace(tmp, path)
            return
        try:
            os.link(tmp, path)  # fails if the name was taken since the check: never overwrite
        except FileExistsError:
            raise TrackerError(_EXISTS.format(path=path)) from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
                raise
            if path.exists():  # a file system without hard links: check, then move
                raise TrackerError(_EXISTS.format(path=path)) from None
            os.replace(tmp, path)
            return
        os.unlink(tmp)
    except TrackerError:
        raise
    except OSError as exc:
        raise _error(path, exc) from None


def _error(path: Path, exc: OSError) -> TrackerError:
    why = exc.strerror or type(exc).__name__
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return TrackerError(f"không ghi được {path}: {why}; chọn thư mục được phép ghi bằng -o")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return TrackerError(f"không ghi được {path}: ổ đĩa đã đầy; giải phóng bớt hoặc ghi chỗ khác bằng -o")
    if exc.errno == errno.ELOOP:
        return TrackerError(f"{path}: liên kết tượng trưng (symlink) trỏ vòng quanh chính nó; chọn tên khác với -o")
    if exc.errno == errno.ENAMETOOLONG:
        return TrackerError(f"không ghi được {path}: tên tệp hoặc đường dẫn quá dài; chọn tên ngắn hơn với -o")
    return TrackerError(f"không ghi được {path}: {why}")

