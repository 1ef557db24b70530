"""`tracker history ASSIGNMENT [--json]`: every entry recorded on an assignment, oldest first."""
from __future__ import annotations

import argparse

from tracker.cli.common import add_db_option, add_json_option
from tracker.views.literal import echo

NAME = "history"
HELP = "lịch sử của một phân công (ai đổi gì, khi nào, ghi chú gì)"
ORDER = 32


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("assignment", metavar="PHÂN_CÔNG", type=str, help="mã phân công")
    add_db_option(parser)
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from tracker.cli.status_cmd import parse_ids
    from tracker.errors import InputError
    from tracker.store import open_store
    from tracker.track import format_date, label

    ids = parse_ids(args.assignment)
    if len(ids) != 1:
        raise InputError("chỉ cho một mã phân công")
    store = open_store(args.db)
    events = store.history(ids[0])
    if args.json:
        from tracker.cli.common import print_json

        print_json([e.to_json() for e in events])
        return 0
    from datetime import datetime

    from tracker.cli.common import print_table

    a = store.assignment(ids[0], datetime.now().date())
    title = f"#{a.id} {a.unit} — {a.directive} {a.task_path}".strip()
    from tracker.views.events import change_text

    rows = []
    for e in events:
        change = change_text(e)
        when = e.at.replace("T", " ")[:16]
        rows.append([format_date(e.on) if e.kind == "status" else "", change, e.note or "", e.by, when])
    if not rows:
        echo(f"{title}: chưa có thay đổi nào (trạng thái: {label(a.status)})")
        return 0
    print_table(title, ["Ngày", "Thay đổi", "Ghi chú", "Người ghi", "Ghi lúc"], rows)
    return 0
