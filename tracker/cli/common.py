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
    """A readable table on the terminal (rich comes with textual)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=True, expand=False)
    for h in headers:
        table.add_column(h, overflow="fold")
    for row in rows:
        table.add_row(*["" if c is None else str(c) for c in row])
    Console(soft_wrap=False).print(table)
