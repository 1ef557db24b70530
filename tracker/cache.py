"""Data built from files at start-up, kept between runs so a new process loads it instead of building it.

    words = cached("words", [word_file, Path(__file__)], build, codec="marshal")

The entry's name carries a fingerprint of its sources (path, size, modification
time, or the text itself), of the tracker version and of the Python version: change any source
(the data file, the rules, the module that builds it) and the entry is built
again. Entries live in `TRACKER_CACHE`, else the user's cache folder
(platformdirs) under `tracker/built`. Any failure to read or write the cache
only costs the build: a parse never stops for it.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")

_CODECS = {"marshal": (marshal.dumps, marshal.loads), "pickle": (pickle.dumps, pickle.loads)}


def cache_dir() -> Path:
    env = os.environ.get("TRACKER_CACHE")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tracker", appauthor=False)) / "built"


def _fingerprint(sources: Sequence[Path], content: str) -> str:
    from tracker import __version__

    h = hashlib.sha1(f"{__version__}|{sys.version}|{content}".encode())
    for p in sources:
        st = p.stat()
        h.update(f"|{p.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def cached(name: str, sources: Sequence[Path], build: Callable[[], T], codec: str = "marshal", content: str = "") -> T:
    """`build()`, or what an earlier run of it left in the cache for these same sources.

    `codec` is "marshal" (built-in types only: fastest to load) or "pickle".
    `content`, when given, is the text the value is built from: it goes into the
    fingerprint as it is (a small file edited twice within a clock tick keeps its
    size and time, never its text).
    """
    dumps, loads = _CODECS[codec]
    try:
        folder = cache_dir()
        path = folder / f"{name}-{_fingerprint(sources, content)}.{codec}"
    except Exception:  # no cache folder, a source gone: just build
        return build()
    try:
        return loads(path.read_bytes())
    except Exception:  # missing, stale format, unreadable: build it
        pass
    value = build()
    try:
        data = dumps(value)  # before any file is made: a value the codec cannot hold leaves nothing behind
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _evict(folder, name, codec, path)
    except Exception:  # a read-only or full disk: next run builds again
        pass
    return value


KEEP = 4  # entries kept per name: several checkouts or versions on one account do not rebuild each other's


def _evict(folder: Path, name: str, codec: str, fresh: Path) -> None:
    """Drop the oldest entries of `name` beyond KEEP (sources that changed since, other checkouts)."""
    entries = []
    for old in folder.glob(f"{name}-*.{codec}"):
        if old != fresh and len(old.stem) == len(fresh.stem):  # "units-2022-…", not "units-2022-extra-…"
            try:
                entries.append((old.stat().st_mtime, old))
            except OSError:
                continue
    entries.sort(reverse=True)
    for _, old in entries[KEEP - 1:]:
        old.unlink(missing_ok=True)
