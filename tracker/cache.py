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

import atexit
import hashlib
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Callable, Sequence, TypeVar

try:  # CPython's own compiler, used as re.compile uses it (see compile_pattern)
    import _sre
    from re import _compiler as _re_compiler, _parser as _re_parser
except ImportError:  # another Python: patterns are compiled the public way
    _sre = None

T = TypeVar("T")

def _pickle_dumps(value: object) -> bytes:
    import pickle  # only for values marshal cannot hold: most runs never import it

    return pickle.dumps(value)


def _pickle_loads(data: bytes) -> object:
    import pickle

    return pickle.loads(data)


_CODECS = {"marshal": (marshal.dumps, marshal.loads), "pickle": (_pickle_dumps, _pickle_loads)}


def cache_dir() -> Path:
    env = os.environ.get("TRACKER_CACHE")
    if env:
        return Path(env).expanduser()
    if sys.platform == "linux" and not os.environ.get("ANDROID_DATA"):
        # What platformdirs answers on Linux, without importing it (a few ms of every start).
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
        return Path(base) / "tracker" / "built"
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
        _write(path, data)
        _evict(folder, name, codec, path)
    except Exception:  # a read-only or full disk: next run builds again
        pass
    return value


def _write(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all (a reader never sees half a file)."""
    import tempfile  # only when writing

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem.rsplit('-', 1)[0]}-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


# ---------------------------------------------------------------- compiled regular expressions
#
# Python compiles a pattern in pure Python (re._parser, re._compiler), and its
# cache lives only as long as the process: the few hundred patterns of the rules
# cost a cold parse about a fifth of its start-up. The compiled form is a list of
# integers that the C engine takes back as it is (`_sre.compile`, the last step
# of `re.compile`, which checks the code before using it), so it is kept between
# runs like the rest: one entry per Python version, keyed by the pattern's own
# text, so an edited rule is simply a pattern not seen before.

_PATTERNS: dict[tuple[str, int], tuple] | None = None  # (pattern, flags) → what `_sre.compile` takes
_NEW_PATTERNS: dict[tuple[str, int], tuple] = {}
_USED: set[tuple[str, int]] = set()  # kept patterns this process took
# When the entry holds more than this many times the code this process took (opcodes, about 5 bytes each
# once kept), it keeps only what this process took: patterns of rules since edited, or of other checkouts
# sharing the cache folder, would otherwise slow every load. Relative to use, not a fixed size: one
# checkout's parse takes about 70,000, and six checkouts' edits once grew a fixed bound's entry to 600 KB.
PATTERN_SLACK = 2


def store_path(kind: str) -> Path:
    """The entry of things compiled by this Python (patterns, code), one per tracker and Python version."""
    from tracker import __version__

    tag = hashlib.sha1(f"{__version__}|{sys.version}".encode()).hexdigest()[:16]
    return cache_dir() / f"{kind}-{tag}.marshal"


def read_kept(path: Path) -> dict:
    """A kept marshal dict, or {} when there is none yet or it is unreadable (then things are built as usual)."""
    try:
        kept = marshal.loads(path.read_bytes())
    except Exception:
        return {}
    return kept if isinstance(kept, dict) else {}


def _patterns_path() -> Path:
    return store_path("patterns")


def _load_patterns() -> dict[tuple[str, int], tuple]:
    global _PATTERNS
    if _PATTERNS is None:
        _PATTERNS = read_kept(_patterns_path())
    return _PATTERNS


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, taking the compiled form from an earlier run when there is one.

    Raises `re.error` for a bad pattern, as re.compile does.
    """
    flags = int(flags)
    if _sre is None:
        return re.compile(pattern, flags)
    key = (pattern, flags)
    known = _load_patterns().get(key) or _NEW_PATTERNS.get(key)
    if known is not None:
        try:
            compiled = _sre.compile(pattern, *known)
            _USED.add(key)
            return compiled
        except Exception:  # an entry the engine refuses: compile it again below
            pass
    try:
        entry = _compiled_form(pattern, flags)
    except re.error:
        raise
    except Exception:  # the internals moved (another Python): the public way
        return re.compile(pattern, flags)
    compiled = _sre.compile(pattern, *entry)
    if not _NEW_PATTERNS:
        atexit.register(save_patterns)
    _NEW_PATTERNS[key] = entry
    return compiled


def _compiled_form(pattern: str, flags: int) -> tuple:
    """What `_sre.compile` takes after `pattern`, made as re.compile makes it (re/_compiler.py, compile)."""
    parsed = _re_parser.parse(pattern, flags)
    code = _re_compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    # int(): the opcodes are named int constants, which marshal does not hold.
    return int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _code_size(entries: dict[tuple[str, int], tuple]) -> int:
    return sum(len(entry[1]) for entry in entries.values())


def save_patterns() -> None:
    """Add the patterns compiled in this process to the kept ones (at exit; merged with what another
    process may have written meanwhile, so two parses at once lose nothing but a little work)."""
    global _PATTERNS
    if not _NEW_PATTERNS:
        return
    try:
        path = _patterns_path()
        on_disk = read_kept(path)
        on_disk.update(_NEW_PATTERNS)
        ours = {key: entry for key, entry in on_disk.items() if key in _USED or key in _NEW_PATTERNS}
        if _code_size(on_disk) > PATTERN_SLACK * _code_size(ours):
            on_disk = ours
        _write(path, marshal.dumps(on_disk))
        _PATTERNS = on_disk
        _USED.update(_NEW_PATTERNS)
        _NEW_PATTERNS.clear()
    except Exception:  # a read-only or full disk: the next run compiles again
        pass


# ---------------------------------------------------------------- re's own cache, filled from an earlier run
#
# The modules compile their fixed patterns with re itself (at import, or on first
# use): about 170 in a parse, each compiled again by every new process. re keeps
# what it compiled in a cache of its own (re._cache: (type, pattern, flags) →
# Pattern). `seed_re_cache` fills it with the patterns an earlier run compiled,
# made from their kept code as `compile_pattern` makes them, and `keep_re_cache`
# keeps those a run compiled that were not there yet. re answers as it always
# does; only the compiling is saved. A command of the CLI does both around its
# work (tracker/cli/startup.py).

RE_KEEP = 400  # patterns put into re's cache (it holds 512, dropping the oldest past that)


def _re_cache() -> dict | None:
    cache = getattr(re, "_cache", None)
    if _sre is None or not isinstance(cache, dict) or sys.version_info[:2] not in ((3, 11), (3, 12), (3, 13)):
        return None  # a Python whose re caches otherwise: nothing seeded, nothing lost
    return cache


def _re_path() -> Path:
    return store_path("re")


def seed_re_cache() -> set[tuple]:
    """Put the patterns earlier runs compiled with re into re's cache; returns the keys it holds now
    (give them to `keep_re_cache`)."""
    cache = _re_cache()
    if cache is None:
        return set()
    kept = read_kept(_re_path())
    for (pattern, flags), entry in list(kept.items())[:RE_KEEP]:
        key = (str, pattern, flags)
        if key not in cache and len(cache) < RE_KEEP:
            try:
                cache[key] = _sre.compile(pattern, *entry)
            except Exception:  # refused: re compiles it when asked
                continue
    return set(cache)


def keep_re_cache(before: set[tuple]) -> None:
    """Keep the patterns re compiled since `seed_re_cache` (merged with what another run kept; past
    RE_KEEP only this run's, so patterns of edited code do not pile up)."""
    cache = _re_cache()
    if cache is None:
        return
    new = [(k[1], k[2]) for k in list(cache) if k not in before and k[0] is str]
    if not new:
        return
    try:
        path = _re_path()
        kept = read_kept(path)
        fresh = {}
        for pattern, flags in new:
            try:
                fresh[(pattern, flags)] = _compiled_form(pattern, flags)
            except Exception:  # a pattern re took and we cannot redo: not kept
                continue
        if len(kept) + len(fresh) > RE_KEEP:
            ours = [(k[1], k[2]) for k in list(cache) if k[0] is str]
            kept = {key: kept[key] for key in ours if key in kept}
        kept.update(fresh)
        _write(path, marshal.dumps(dict(list(kept.items())[-RE_KEEP:])))
    except Exception:  # a read-only or full disk: the next run compiles again
        pass
