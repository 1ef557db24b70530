"""Text from a document, a note, a unit name or a file name, shown on a terminal exactly as written.

Two things in such text would act instead of showing: Rich reads `[...]` as
markup (`[/x]` is an error that stopped `tracker parse` and `tracker history`,
`[link=file:///etc/passwd]` a clickable hyperlink), and control characters
drive the terminal (ESC clears the screen or sets the window title, a carriage
return overwrites what was printed). Every CLI command prints such text
through here:

    text(value, style="")  -> rich Text: never parsed as markup, controls removed
    plain(value)           -> str for print(): controls removed (tabs and newlines kept)
    echo(*values, ...)     print() of plain values (same arguments as print)
    echo_rows(title, headers, rows)   a long table as tab-separated lines, one per row

The TUI does the same with Text objects of its own.
"""
from __future__ import annotations

import re
import sys
from typing import Any, Iterable, Sequence

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional
# overrides and isolates that reorder what the eye sees.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(value: Any) -> str:
    """`value` as a string with every character that would steer the terminal removed."""
    s = "" if value is None else str(value)
    return _CONTROL.sub("", s) if _CONTROL.search(s) else s


def text(value: Any, style: str = "") -> Any:
    """A Rich Text of `value`: shown as written, whatever brackets it holds."""
    from rich.text import Text

    if isinstance(value, Text):
        return value
    return Text(plain(value), style=style)


def echo(*values: Any, sep: str = " ", end: str = "\n", file: Any = None, flush: bool = False) -> None:
    """print() for lines that carry such text."""
    print(*(plain(v) for v in values), sep=sep, end=end, file=file if file is not None else sys.stdout, flush=flush)


PLAIN_ABOVE = 300  # rows: a boxed table of thousands of rows takes Rich seconds (a minute at 10,000) to lay out


def echo_rows(title: str | None, headers: Sequence[Any], rows: Iterable[Sequence[Any]]) -> None:
    """A table as tab-separated lines: the title, the headers, then one line per row (cells on one line)."""
    if title:
        echo(title)
    echo("\t".join(str(h) for h in headers))
    for row in rows:
        echo("\t".join("" if c is None else " ".join(str(c).split()) for c in row))
