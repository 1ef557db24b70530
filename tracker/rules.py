"""Load the rules in task_rules/ (TOML), once, and validate them on load.

Code holds mechanisms; what a maintainer may tune (patterns, cue phrases,
deadline phrases, unit names, the indicator catalogue) lives in these files.
A rule that does not validate raises `RulesError` naming the file and line,
in Vietnamese like everything a user reads: what is wrong, then what to do.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, TypeVar

T = TypeVar("T")

# What to do about a rules file that does not validate (the end of every such message).
FIX = "hãy sửa tệp quy tắc này rồi chạy lại"
# A TOML value's kind as a clerk editing the file would say it.
_KIND_NAMES = {"int": "số nguyên", "float": "số", "str": "chuỗi", "list": "danh sách", "dict": "bảng",
               "bool": "true/false", "date": "ngày", "datetime": "ngày giờ"}


def kind_name(kind: type | tuple[type, ...]) -> str:
    """'số nguyên hoặc số' for (int, float): the kinds a key may hold, in Vietnamese."""
    kinds = (kind,) if isinstance(kind, type) else kind
    if float in kinds:  # a whole number is a number too
        kinds = tuple(k for k in kinds if k is not int)
    return " hoặc ".join(_KIND_NAMES.get(k.__name__, k.__name__) for k in kinds)

from tracker.errors import RulesError


def rules_dir() -> Path:
    """`TRACKER_RULES`, else the rules an installed wheel carries
    (`tracker/task_rules/`), else the repository's `task_rules/` (a checkout or
    an editable install)."""
    env = os.environ.get("TRACKER_RULES")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    packaged = here / "task_rules"
    return packaged if packaged.is_dir() else here.parent / "task_rules"


class RuleFile:
    """A parsed rules file that can point at its own lines in errors."""

    def __init__(self, path: Path, text: str, data: dict[str, Any]):
        self.path = path
        self.text = text
        self.data = data

    @property
    def name(self) -> str:
        try:
            return str(self.path.relative_to(rules_dir().parent))
        except ValueError:
            return str(self.path)

    def line_of(self, *needles: str) -> int | None:
        """The first line holding the last needle after the earlier ones (best effort;
        comment lines are passed over: they often name the key they explain)."""
        lines = self.text.splitlines()
        start = 0
        found = None
        for needle in needles:
            for i in range(start, len(lines)):
                if needle and needle in lines[i] and not lines[i].lstrip().startswith("#"):
                    found, start = i + 1, i
                    break
        return found

    def error(self, message: str, *needles: str) -> RulesError:
        """One line: where (file:line), what is wrong, what to do."""
        line = self.line_of(*needles) if needles else None
        where = f"{self.name}:{line}" if line else self.name
        return RulesError(f"{where}: {message}; {FIX}")

    # -- typed access ------------------------------------------------------

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        """`data[key]` (dotted keys walk tables), checked against `kind`."""
        node: Any = self.data
        parts = key.split(".")
        for part in parts:
            if not isinstance(node, dict) or part not in node:
                if default is ...:
                    raise self.error(f"thiếu khóa '{key}'", *parts[:-1], parts[-1]) if len(parts) > 1 else self.error(f"thiếu khóa '{key}'")
                return default
            node = node[part]
        if not isinstance(node, kind):
            raise self.error(f"'{key}' phải là {kind_name(kind)}, không phải {kind_name(type(node))}", parts[-1])
        return node

    def strings(self, key: str, default: Any = ...) -> list[str]:
        value = self.get(key, list, default)
        for item in value:
            if not isinstance(item, str):
                raise self.error(f"'{key}' chỉ được chứa chuỗi, gặp {item!r}", key.split(".")[-1])
        return value

    def regex(self, pattern: str, key: str, flags: int = 0) -> re.Pattern[str]:
        from tracker.cache import compile_pattern

        try:
            return compile_pattern(pattern, flags)  # compiled once, kept between runs
        except re.error as exc:
            raise self.bad_pattern(key, pattern, exc) from None

    def bad_pattern(self, key: str, pattern: str, exc: re.error) -> RulesError:
        """A pattern of `key` that does not compile (re's own words are English: only where it fails)."""
        at = f" (lỗi ở ký tự thứ {exc.pos + 1})" if exc.pos is not None else ""
        return self.error(f"mẫu (biểu thức chính quy) sai trong '{key}': {pattern!r}{at}", pattern[:30] or key)

    def regexes(self, key: str, flags: int = 0, default: Any = ...) -> list[re.Pattern[str]]:
        return [self.regex(p, key, flags) for p in self.strings(key, default)]


@lru_cache(maxsize=None)
def load(name: str) -> RuleFile:
    """Load `task_rules/<name>.toml` (name may hold a subfolder: "units/agencies")."""
    path = rules_dir() / f"{name}.toml"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulesError(f"{path}: không tìm thấy tệp quy tắc; hãy đặt biến môi trường TRACKER_RULES là thư mục task_rules, hoặc cài lại tracker") from None
    from tracker.cache import cached

    # Parsed once and kept between runs (tracker/cache.py, keyed by the text): tomllib is slow, and
    # a run that finds every file kept never imports it. marshal, the fastest to load, holds TOML's
    # dates (holidays.toml) as tagged tuples (TOML has no tuples of its own).
    stored, dated = cached("rules-" + name.replace("/", "-"), [], lambda: _parse_toml(path, text), content=text)
    return RuleFile(path, text, _undate(stored) if dated else stored)


def _parse_toml(path: Path, text: str) -> tuple[Any, bool]:
    """The file's data as marshal can keep it, and whether it held dates."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib says where in English ("... (at line 4, column 16)"): keep only the place.
        at = re.search(r"line (\d+), column (\d+)", str(exc))
        where = f"{path}:{at[1]}" if at else str(path)
        col = f" (cột {at[2]})" if at else ""
        raise RulesError(f"{where}: tệp quy tắc sai cú pháp TOML{col}; {FIX}") from None
    dated: list[bool] = []
    return _date_tags(data, dated), bool(dated)


def _date_tags(value: Any, dated: list[bool]) -> Any:
    """`value` with its dates and times as ("date", "2026-09-02") tuples."""
    import datetime

    if isinstance(value, dict):
        return {k: _date_tags(v, dated) for k, v in value.items()}
    if isinstance(value, list):
        return [_date_tags(v, dated) for v in value]
    for kind in ("datetime", "date", "time"):  # datetime first: a datetime is a date too
        if isinstance(value, getattr(datetime, kind)):
            dated.append(True)
            return (kind, value.isoformat())
    return value


def _undate(value: Any) -> Any:
    """The data `_date_tags` stored, its dates made dates again."""
    if isinstance(value, dict):
        return {k: _undate(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_undate(v) for v in value]
    if isinstance(value, tuple):
        import datetime

        kind, iso = value
        return getattr(datetime, kind).fromisoformat(iso)
    return value


_DERIVED: list[Callable[[], None]] = []


def compiled(fn: Callable[[], T]) -> Callable[[], T]:
    """Cache what a module builds from its rules files (compiled patterns, lexicons)
    and forget it with `clear_cache()`, so edited rules are read again."""
    cached = lru_cache(maxsize=1)(fn)
    _DERIVED.append(cached.cache_clear)
    return cached


def on_clear(forget: Callable[[], None]) -> None:
    """Also call `forget` on `clear_cache()` (for caches `compiled` cannot wrap)."""
    _DERIVED.append(forget)


def kept(name: str, build: Callable[[], T]) -> T:
    """`build()`, tables a module makes from the rules files and its own code alone, kept between runs.

    Its fingerprint is the text of every rules file and the size and time of every
    source file of the program: an edited rule or module builds it again. Only for a
    build that reads nothing else (no settings, no environment, no document). Kept
    when it is a dataclass of built-in values (or such a value itself); anything else
    is built as before.
    """
    from tracker.cache import cached

    stored = cached(f"kept-{name}", [], lambda: _pack(build()), content=_sources())
    return _unpack(stored)


def _pack(value: Any) -> tuple:
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        return ("dataclass", f"{cls.__module__}:{cls.__qualname__}", {f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    return ("value", "", value)


def _unpack(stored: tuple) -> Any:
    kind, where, value = stored
    if kind == "value":
        return value
    import importlib

    module, _, qualname = where.partition(":")
    cls: Any = importlib.import_module(module)
    for part in qualname.split("."):
        cls = getattr(cls, part)
    made = cls.__new__(cls)
    for field_name, field_value in value.items():
        object.__setattr__(made, field_name, field_value)  # as built (frozen classes too; no __post_init__ again)
    return made


_SOURCES: list[str] = []


def _sources() -> str:
    """What kept tables are made from: every rules file's text, every source file's size and time."""
    if not _SOURCES:
        import hashlib

        h = hashlib.sha1()
        for root in (rules_dir().resolve(), Path(__file__).resolve().parent):
            h.update(f"{root}|".encode())
            for folder, subfolders, files in os.walk(root):
                subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
                for f in sorted(files):
                    path = os.path.join(folder, f)
                    if f.endswith(".toml"):
                        with open(path, "rb") as fh:
                            h.update(f"{path}|".encode() + fh.read())
                    elif f.endswith(".py"):
                        st = os.stat(path)
                        h.update(f"{path}|{st.st_size}|{st.st_mtime_ns}".encode())
        _SOURCES.append(h.hexdigest())
    return _SOURCES[0]


def clear_cache() -> None:
    """Forget loaded rules and everything built from them (tests that edit rules files)."""
    _SOURCES.clear()
    load.cache_clear()
    for forget in _DERIVED:
        forget()
