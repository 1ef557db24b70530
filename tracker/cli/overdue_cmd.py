"""`tracker overdue [--by-unit] [--level] [--as-of DATE] [--json]`: who is late, on a given day."""
from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.common import add_db_option, add_json_option
from tracker.views.literal import echo

NAME = "overdue"
HELP = "phân công quá hạn, hoặc (--by-unit) xếp hạng đơn vị theo số việc quá hạn và số ngày trễ"
ORDER = 36


def register(parser: argparse.ArgumentParser) -> None:
    from tracker.cli.tasks_cmd import LEVEL_HELP, LEVELS, add_as_of

    parser.add_argument("--by-unit", action="store_true", help="xếp hạng đơn vị thay cho danh sách phân công")
    parser.add_argument("--level", choices=LEVELS, metavar="CẤP", help=f"chỉ đơn vị cấp này: {LEVEL_HELP}")
    parser.add_argument("--directive", metavar="VĂN_BẢN", help="chỉ văn bản này (mã hoặc số)")
    add_as_of(parser)
    add_db_option(parser)
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from tracker.cli.tasks_cmd import as_of_day, print_assignments
    from tracker.store import AssignmentFilter, open_store
    from tracker.track import format_date

    day = as_of_day(args)
    store = open_store(args.db)
    if not args.by_unit:
        rows = store.assignments(day, AssignmentFilter(overdue=True, level=args.level, directive=args.directive))
        rows.sort(key=lambda r: -r.days_late)
        if args.json:
            from tracker.cli.common import print_json

            print_json([r.to_json() for r in rows])
            return 0
        print_assignments(rows, day, f"Phân công quá hạn — tính đến {format_date(day)} ({len(rows)})")
        return 0
    units = store.overdue_by_unit(day, level=args.level, directive=args.directive)
    if args.json:
        from tracker.cli.common import print_json

        print_json([dict(u.to_json(), rank=n) for n, u in enumerate(units, 1)])
        return 0
    print_board(units, day)
    return 0


def print_board(units: list[Any], day: Any) -> None:
    from tracker.cli.common import print_table
    from tracker.track import format_date

    if not units:
        echo(f"Không có đơn vị nào quá hạn (tính đến {format_date(day)}).")
        return
    levels = {"province": "tỉnh", "district": "huyện", "commune": "xã", "central": "trung ương"}
    rows = [
        [n, u.unit, levels.get(u.level or "", ""), u.overdue, u.days_late, u.max_days_late,
         u.over_30, u.over_60, u.over_120, u.on_time, u.late, u.not_due]
        for n, u in enumerate(units, 1)
    ]
    print_table(
        f"Đơn vị có nhiệm vụ quá hạn — tính đến {format_date(day)}",
        ["#", "Đơn vị", "Cấp", "Quá hạn", "Tổng ngày trễ", "Trễ nhất", ">30 ngày", ">60 ngày", ">120 ngày",
         "Xong đúng hạn", "Xong quá hạn", "Chưa đến hạn"],
        rows,
    )
