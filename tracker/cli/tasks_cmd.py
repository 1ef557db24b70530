"""`tracker tasks [filters] [--as-of DATE] [--json]`: assignments and where they stand on a day."""
from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.common import add_db_option, add_json_option
from tracker.views.literal import echo

NAME = "tasks"
HELP = "danh sách phân công (mỗi nhiệm vụ, mỗi đơn vị một dòng) với hạn, trạng thái, số ngày trễ"
ORDER = 34
DESCRIPTION = (
    "Các phân công tính đến một ngày (mặc định hôm nay). Các bộ lọc dùng kết hợp được; lọc theo chữ "
    "không phân biệt hoa thường và dấu ('tu phap' tìm được 'Tư pháp'). Ngày viết dd/mm/yyyy hoặc yyyy-mm-dd."
)


LEVELS = ["central", "province", "district", "commune"]
LEVEL_HELP = "central (trung ương), province (tỉnh), district (huyện), commune (xã)"


def add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", metavar="NGÀY", help="tính hạn và quá hạn đến ngày này, dd/mm/yyyy (mặc định: hôm nay)")


def as_of_day(args: argparse.Namespace) -> Any:
    from datetime import date

    from tracker.track import parse_date

    return parse_date(args.as_of) if getattr(args, "as_of", None) else date.today()


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--unit", metavar="ĐƠN_VỊ", help="mã đơn vị hoặc một phần tên")
    parser.add_argument("--directive", metavar="VĂN_BẢN", help="mã hoặc số văn bản (ví dụ 2333/UBND-VP)")
    parser.add_argument("--status", metavar="TRẠNG_THÁI", action="append",
                        help="chỉ trạng thái này (tên hoặc mã; lặp lại để chọn nhiều)")
    parser.add_argument("--indicator", metavar="N", type=int, help="chỉ nhiệm vụ gắn với chỉ số N của Quyết định 766")
    parser.add_argument("--overdue", action="store_true", help="chỉ phân công quá hạn")
    parser.add_argument("--due-within", metavar="SỐ_NGÀY", type=int, help="chỉ việc chưa xong, đến hạn trong SỐ_NGÀY ngày")
    parser.add_argument("--done-since", metavar="NGÀY", help="chỉ việc hoàn thành từ NGÀY trở đi")
    parser.add_argument("--level", choices=LEVELS, metavar="CẤP", help=f"chỉ đơn vị cấp này: {LEVEL_HELP}")
    parser.add_argument("--role", choices=["lead", "support"], metavar="VAI_TRÒ",
                        help="chỉ đơn vị chủ trì (lead) hoặc phối hợp (support)")
    parser.add_argument("--limit", metavar="N", type=int, help="nhiều nhất N dòng")
    add_as_of(parser)
    add_db_option(parser)
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from tracker.errors import InputError
    from tracker.store import AssignmentFilter, open_store
    from tracker.track import parse_date, parse_status

    if args.due_within is not None and args.due_within < 0:
        raise InputError("--due-within cần một số ngày, từ 0 trở lên")
    day = as_of_day(args)
    flt = AssignmentFilter(
        unit=args.unit, directive=args.directive,
        status=[parse_status(s) for s in args.status] if args.status else None,
        indicator=args.indicator, overdue=args.overdue, due_within=args.due_within,
        level=args.level, role=args.role, done_since=parse_date(args.done_since) if args.done_since else None,
    )
    store = open_store(args.db)
    rows = store.assignments(day, flt, limit=args.limit)
    if args.json:
        from tracker.cli.common import print_json

        print_json([r.to_json() for r in rows])
        return 0
    print_assignments(rows, day)
    return 0


def print_assignments(rows: list[Any], day: Any, title: str | None = None) -> None:
    from tracker.cli.common import print_table
    from tracker.track import CATEGORY_LABELS, format_date, label
    from tracker.track.due import standing_label

    if not rows:
        echo(f"Không có phân công nào (tính đến {format_date(day)}).")
        return
    table = []
    for r in rows:
        text = r.task if len(r.task) <= 90 else r.task[:88] + "…"
        late = f"{r.days_late} ngày" if r.days_late else ""
        table.append([
            r.id, r.directive, f"{r.task_path} {text}".strip(), r.unit + (" (?)" if r.unresolved else ""),
            "chủ trì" if r.role == "lead" else "phối hợp", format_date(r.due) or standing_label(r.deadline), label(r.status),
            CATEGORY_LABELS.get(r.category, r.category), late,
        ])
    headers = ["ID", "Văn bản", "Nhiệm vụ", "Đơn vị", "Vai trò", "Hạn", "Trạng thái", "Đánh giá", "Trễ"]
    title = title or f"Phân công — tính đến {format_date(day)} ({len(rows)})"
    print_table(title, headers, table)
