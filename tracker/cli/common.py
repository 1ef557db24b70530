"""Small pieces the subcommands share: the --db option, JSON and table output."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Iterable, Sequence


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="ĐƯỜNG_DẪN",
        default=argparse.SUPPRESS,  # also before the command (tracker --db X load …): see tracker/cli/__init__.py
        help="thư mục dữ liệu (mặc định: $TRACKER_DB, nếu không có thì thư mục dữ liệu của người dùng)",
    )


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="in JSON thay cho bảng")


def print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=1, default=str)
    sys.stdout.write("\n")


def print_table(title: str | None, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A readable table on the terminal (rich comes with textual).

    Every cell and the title are shown literally (tracker/views/literal.py):
    a task's "[/x]" or ESC is text, never markup or a terminal command.
    """
    from rich.console import Console
    from rich.table import Table

    from tracker.views.literal import PLAIN_ABOVE, echo_rows, text

    rows = list(rows)
    if len(rows) > PLAIN_ABOVE:
        echo_rows(title, headers, rows)
        return
    table = Table(title=text(title) if title is not None else None, show_lines=True, expand=False)
    for h in headers:
        table.add_column(text(h), overflow="fold")
    for row in rows:
        table.add_row(*[text("" if c is None else c) for c in row])
    Console(soft_wrap=False).print(table)
