"""What a command of the CLI does so that a new process starts fast.

A cold `tracker parse` spent most of its start-up compiling things that are the
same in every run: the regular expressions of the modules (re compiles them in
pure Python), and the methods `@dataclass` writes for some sixty classes
(`__init__`, `__eq__`, `__repr__` ... : source text handed to `exec`, which
compiles it). Both are kept between runs in the cache folder (tracker/cache.py),
keyed by their own text, and used by a command while it runs (`quick_start`):

  * re's own cache is filled with the patterns earlier runs compiled, made from
    their kept code (tracker/cache.py: seed_re_cache, keep_re_cache);
  * dataclasses' `exec` finds the code of a method text it was given before
    instead of compiling it again. It is the same code: the text compiled as
    exec compiles it.

What the program does is unchanged; only compiling is saved.
"""
from __future__ import annotations

import builtins
import dataclasses
import marshal
from contextlib import contextmanager
from typing import Any, Iterator

from tracker import cache

MAX_METHODS = 3000  # kept method texts; beyond that (code edited many times) the entry starts again


class Start:
    """What `quick_start` gives the command: set `keep` when what it compiled may be kept for the next run."""

    keep = False


@contextmanager
def quick_start() -> Iterator[Start]:
    """Run a command with what earlier runs compiled (see the module's doc).

    What this run compiled is written only when the command sets `keep`: a
    refused command leaves nothing behind, and a long session (the TUI, the web
    page) does not keep patterns made from what its user typed.
    """
    start = Start()
    before = cache.seed_re_cache()
    methods = _KeptMethods()
    methods.install()
    try:
        yield start
    finally:
        methods.uninstall(keep=start.keep)
        if start.keep:
            cache.keep_re_cache(before)


class _KeptMethods:
    """`exec` for dataclasses only (a name in its module shadows the builtin): compiled code from the cache."""

    def __init__(self) -> None:
        self.kept: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        self.installed = False

    def install(self) -> None:
        if "exec" in vars(dataclasses):  # someone else's, or a run inside a run: leave it
            return
        self.kept = cache.read_kept(self._path())
        dataclasses.exec = self.exec  # type: ignore[attr-defined]
        self.installed = True

    def uninstall(self, keep: bool = True) -> None:
        if not self.installed:
            return
        if vars(dataclasses).get("exec") == self.exec:
            del dataclasses.exec  # type: ignore[attr-defined]
        self.installed = False
        if self.new and keep:
            merged = {**self.kept, **self.new} if len(self.kept) + len(self.new) <= MAX_METHODS else dict(self.new)
            try:
                cache._write(self._path(), marshal.dumps(merged))
            except Exception:  # a read-only or full disk: the next run compiles again
                pass

    def exec(self, source: Any, globals: Any = None, locals: Any = None) -> None:
        if isinstance(source, str):
            code = self.kept.get(source) or self.new.get(source)
            if code is None:
                # What exec does with a text: compile it as a module ("<string>"), with no
                # __future__ flags (dataclasses.py has none; this module's must not leak in).
                code = self.new[source] = compile(source, "<string>", "exec", dont_inherit=True)
            source = code
        builtins.exec(source, globals, locals)

    @staticmethod
    def _path():  # type: ignore[no-untyped-def]
        return cache.store_path("dataclass-methods")
