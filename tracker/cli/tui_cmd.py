"""`tracker tui [--db PATH] [--as-of DATE]`: open the terminal UI (also what `tracker` alone does)."""
from __future__ import annotations

import argparse

from tracker.cli.common import add_db_option

NAME = "tui"
HELP = "open the terminal UI (the default when no command is given)"
ORDER = 5
DESCRIPTION = (
    "Opens the Vietnamese terminal UI: loaded directives and the area tree, loading and reviewing a "
    "directive, each directive's tasks and assignments, the overdue board, the meeting list, the "
    "Decision 766 indicators and the chain. F1 lists every key; Ctrl+P finds every command."
)


def register(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)
    parser.add_argument("--as-of", metavar="DATE", help="judge due dates as of this day, dd/mm/yyyy (default: today)")


def default_args() -> argparse.Namespace:
    """The arguments of `tracker` with no command: the UI on the default store, as of today."""
    return argparse.Namespace(command=NAME, db=None, as_of=None)


def has_terminal() -> bool:
    import sys

    return sys.stdin.isatty() and sys.stdout.isatty()


def run(args: argparse.Namespace) -> int:
    from tracker.errors import TrackerError
    from tracker.track import parse_date

    as_of = parse_date(args.as_of) if getattr(args, "as_of", None) else None
    from tracker.store import open_store

    open_store(getattr(args, "db", None))  # a store that cannot be opened is said on one line, before any screen
    if not has_terminal():
        raise TrackerError("the terminal UI needs a terminal (stdin and stdout); in scripts use the commands "
                           "listed by `tracker --help`")
    from tracker.tui import run_app

    run_app(getattr(args, "db", None), as_of=as_of)
    return 0
