"""`tracker tui [--db PATH] [--as-of DATE]`: open the terminal UI (also what `tracker` alone does)."""
from __future__ import annotations

import argparse

from tracker.cli.common import add_db_option

NAME = "tui"
HELP = "mở giao diện trong cửa sổ dòng lệnh (mặc định khi không có lệnh)"
ORDER = 5
DESCRIPTION = (
    "Mở giao diện: các văn bản đã nạp và cây địa bàn, nạp và rà soát văn bản, nhiệm vụ và phân công "
    "của từng văn bản, bảng đơn vị quá hạn, danh sách cho cuộc họp, Bộ chỉ số 766 và chuỗi thực hiện. "
    "F1 liệt kê mọi phím; Ctrl+P tìm mọi lệnh."
)


def register(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)
    parser.add_argument("--as-of", metavar="NGÀY", help="tính hạn và quá hạn đến ngày này, dd/mm/yyyy (mặc định: hôm nay)")


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
        raise TrackerError("giao diện cần một cửa sổ dòng lệnh (stdin và stdout); trong tập lệnh hãy dùng các lệnh "
                           "mà `tracker --help` liệt kê")
    from tracker.tui import run_app

    run_app(getattr(args, "db", None), as_of=as_of)
    return 0
