"""A data file's top-level tables decoded one at a time, as far as a command asks.

A directive's file is one JSON object of tables: {"tasks": {...}, "assignments": {...},
"events": {...}} (TinyDB's layout, written in that order). A status change needs one
assignment and its task; its events, two thirds of the bytes, it only adds to, and that
addition goes into the change log (tracker/store/journal.py), not the file. Decoding the whole
file (178 KB at 450,000 assignments) was a third of a change's CPU time. Here the tables are
decoded in file order up to the one asked for, with the json module's own scanner (the same
decoder as json.loads, so the same values); the rest only when the whole file is asked for.

The bytes were checked against the manifest (size, CRC-32) before they get here.
"""
from __future__ import annotations

import json
import re
from json.decoder import scanstring
from pathlib import Path
from typing import Any

from tracker.store.files import Damaged

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class Sections:
    """The top-level tables of one JSON object, decoded in file order as far as asked."""

    def __init__(self, raw: bytes, path: Path) -> None:
        self.path = path
        try:
            self.text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise self._bad() from None
        pos = _SPACE.match(self.text, 0).end()  # type: ignore[union-attr]
        if self.text[pos : pos + 1] != "{":
            raise self._bad()
        self.pos = pos + 1
        self.tables: dict[str, Any] = {}  # decoded so far, in file order
        self.done = False

    def _bad(self) -> Damaged:
        return Damaged(self.path, "không phải JSON hợp lệ")

    def table(self, name: str) -> Any:
        """One table (None when the object has no such key)."""
        while name not in self.tables and not self.done:
            self._next()
        return self.tables.get(name)

    def whole(self) -> dict[str, Any]:
        """Every table (what json.loads gives for the file)."""
        while not self.done:
            self._next()
        return self.tables

    def _next(self) -> None:
        s, space = self.text, _SPACE
        try:
            i = space.match(s, self.pos).end()  # type: ignore[union-attr]
            if s[i] == "}":
                if space.match(s, i + 1).end() != len(s):  # type: ignore[union-attr]
                    raise self._bad()
                self.done = True
                return
            if self.tables:
                if s[i] != ",":
                    raise self._bad()
                i = space.match(s, i + 1).end()  # type: ignore[union-attr]
            if s[i] != '"':
                raise self._bad()
            key, i = scanstring(s, i + 1)
            i = space.match(s, i).end()  # type: ignore[union-attr]
            if s[i] != ":":
                raise self._bad()
            i = space.match(s, i + 1).end()  # type: ignore[union-attr]
            value, i = _DECODER.raw_decode(s, i)
        except (ValueError, IndexError):
            raise self._bad() from None
        self.tables[key] = value  # (the store never writes a key twice)
        self.pos = i
