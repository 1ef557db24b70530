"""`tracker serve [--host H] [--port P] [--db PATH|URL] [--as-of DATE]`: the app in a browser (tracker/serve.py)."""
from __future__ import annotations

import argparse
import sys

from tracker.cli.common import add_db_option
from tracker.views.literal import echo

NAME = "serve"
HELP = "mở giao diện trong trình duyệt web (cho người không dùng cửa sổ dòng lệnh)"
ORDER = 6
DESCRIPTION = (
    "Chạy một máy chủ web nhỏ: mở địa chỉ nó in ra bằng trình duyệt để dùng đúng giao diện của `tracker`, "
    "mỗi thẻ trình duyệt một phiên riêng. Mặc định chỉ máy này mở được (127.0.0.1). Với cơ sở dữ liệu "
    "PostgreSQL, mọi phiên trình duyệt làm việc bằng tài khoản trong địa chỉ --db (hoặc PGUSER) và có đúng "
    "quyền của tài khoản đó: mỗi tài khoản chạy một `tracker serve` riêng. Ctrl+C để dừng."
)


def register(parser: argparse.ArgumentParser) -> None:
    from tracker.serve_defaults import DEFAULT_HOST, DEFAULT_MAX_SESSIONS, DEFAULT_PORT

    parser.add_argument("--host", default=DEFAULT_HOST, metavar="ĐỊA_CHỈ",
                        help=f"địa chỉ máy chủ nghe (mặc định {DEFAULT_HOST}: chỉ máy này; 0.0.0.0: mọi máy trong mạng)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="CỔNG",
                        help=f"cổng (mặc định {DEFAULT_PORT}; 0: máy tự chọn một cổng trống)")
    parser.add_argument("--max-sessions", type=int, default=DEFAULT_MAX_SESSIONS, metavar="SỐ",
                        help=f"số thẻ trình duyệt mở cùng lúc tối đa, mỗi thẻ một tiến trình (mặc định {DEFAULT_MAX_SESSIONS})")
    parser.add_argument("--as-of", metavar="NGÀY", help="tính hạn và quá hạn đến ngày này, dd/mm/yyyy (mặc định: hôm nay)")
    add_db_option(parser)


def run(args: argparse.Namespace) -> int:
    import os

    from tracker.errors import TrackerError
    from tracker.track import parse_date

    if not 0 <= args.port <= 65535:
        raise TrackerError(f"--port {args.port}: cổng phải từ 0 đến 65535")
    if args.max_sessions < 1:
        raise TrackerError(f"--max-sessions {args.max_sessions}: cần ít nhất 1")
    as_of = parse_date(args.as_of) if args.as_of else None
    db = getattr(args, "db", None) or os.environ.get("TRACKER_DB") or None
    from tracker.store import open_store

    store = open_store(db)  # a store that cannot be opened is said on one line, before the server starts
    if hasattr(store, "close"):
        store.close()  # a database connection: each browser session opens its own
    from tracker import serve

    sock, listening = serve.bind(args.host, args.port)
    if db is not None:
        # Every browser session's app reads it there, not on its command line: no password shows in `ps`.
        os.environ["TRACKER_DB"] = db if serve.is_postgres(db) else os.path.abspath(db)
    server = serve.make_server(listening, serve.app_command(as_of), args.max_sessions)
    echo(f"tracker serve: mở {listening.url} bằng trình duyệt. Dữ liệu: {serve.shown_db(db)}.")
    if serve.is_postgres(db):
        echo(f"Cơ sở dữ liệu PostgreSQL: mọi phiên trình duyệt làm việc bằng tài khoản «{serve.database_login(db)}» "
             "và có đúng quyền của tài khoản đó.")
    if not listening.loopback:
        print(
            f"CẢNH BÁO: máy chủ nghe trên {args.host}, không chỉ máy này: ai vào được mạng này và mở "
            f"http://<địa chỉ máy này>:{listening.port} đều dùng được chương trình với dữ liệu và quyền của nó, "
            "không cần đăng nhập, không mã hóa. Chỉ dùng trong mạng nội bộ tin cậy, hoặc đặt sau máy chủ web có "
            "đăng nhập và HTTPS; bỏ --host để chỉ máy này mở được.",
            file=sys.stderr, flush=True,
        )
    echo("Nhấn Ctrl+C để dừng.")
    sys.stdout.flush()
    serve.run(server, sock)
    echo("tracker serve: đã dừng.")
    return 0
