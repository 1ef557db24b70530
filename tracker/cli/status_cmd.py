"""`tracker status ASSIGNMENT STATUS [--note] [--by] [--on]`: record a unit's progress (appends an event)."""
from __future__ import annotations

import argparse

from tracker.cli.common import add_db_option, add_json_option
from tracker.views.literal import echo

NAME = "status"
HELP = "ghi trạng thái của phân công (chưa thực hiện, đang thực hiện, hoàn thành, tạm dừng, không thực hiện)"
ORDER = 30
DESCRIPTION = (
    "Ghi nhận phân công chuyển sang TRẠNG_THÁI kể từ ngày --on (mặc định hôm nay). Mọi lần ghi đều "
    "được giữ trong lịch sử (`tracker history`) và được tính là báo cáo của đơn vị với nhiệm vụ định kỳ. "
    "TRẠNG_THÁI viết có dấu hoặc không dấu ('hoàn thành', 'hoan thanh') hoặc theo mã ('hoan_thanh'). "
    "--event-date ghi ngày xảy ra sự kiện mà thời hạn của nhiệm vụ tính từ đó."
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("assignment", metavar="PHÂN_CÔNG", help="mã phân công (nhiều mã: 12,13,14)")
    parser.add_argument("status", metavar="TRẠNG_THÁI", nargs="?", help="trạng thái mới")
    parser.add_argument("--note", metavar="GHI_CHÚ", help="đơn vị báo cáo gì")
    parser.add_argument("--by", metavar="TÊN", help="người ghi (mặc định: $TRACKER_USER hoặc tên đăng nhập)")
    parser.add_argument("--on", metavar="NGÀY", help="ngày có hiệu lực, dd/mm/yyyy (mặc định: hôm nay)")
    parser.add_argument("--event-date", metavar="NGÀY",
                        help="ngày xảy ra sự kiện mà thời hạn (tính từ sự kiện) bắt đầu tính")
    add_db_option(parser)
    add_json_option(parser)


def parse_ids(text: str) -> list[int]:
    from tracker.errors import InputError

    out = []
    for part in text.replace(" ", "").split(","):
        if not (part.isascii() and part.isdigit()):  # "²" or "١٢" are digits to Python, not ids
            raise InputError(f"'{text}' không phải mã phân công (một số, hoặc nhiều số: 12,13,14)")
        out.append(int(part))
    return out


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from tracker.errors import InputError
    from tracker.recorder import recorder
    from tracker.store import StatusChange, open_store
    from tracker.track import format_date, label, parse_date, parse_status

    if not args.status and not args.event_date:
        raise InputError("cần TRẠNG_THÁI (ví dụ 'hoàn thành') hoặc --event-date NGÀY")
    ids = parse_ids(args.assignment)
    on = parse_date(args.on) if args.on else date.today()
    by = recorder(args.by)
    key = parse_status(args.status) if args.status else None
    event_day = parse_date(args.event_date) if args.event_date else None
    store = open_store(args.db)
    events = []
    with store.transaction("status"):
        if event_day is not None:
            for aid in ids:
                events.append(store.record_event_date(aid, event_day, by=by, note=args.note if key is None else None))
        if key is not None:
            events.extend(store.set_statuses([StatusChange(aid, key, on, args.note, by) for aid in ids]))
    if args.json:
        from tracker.cli.common import print_json

        print_json([e.to_json() for e in events])
        return 0
    for e in events:
        if e.kind == "event_date":
            echo(f"#{e.assignment_id}: ngày xảy ra sự kiện {format_date(e.on)}")
        else:
            echo(f"#{e.assignment_id}: {label(e.from_status or '')} → {label(e.to_status or '')} ({format_date(e.on)})")
    return 0
