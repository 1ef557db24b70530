"""`tracker status ASSIGNMENT STATUS [--note] [--by] [--on]`: record a unit's progress (appends an event)."""
from __future__ import annotations

import argparse

from tracker.cli.common import add_db_option, add_json_option

NAME = "status"
HELP = "set the status of an assignment (chưa thực hiện, đang thực hiện, hoàn thành, tạm dừng, không thực hiện)"
ORDER = 30
DESCRIPTION = (
    "Record that an assignment is now in STATUS, as of --on (default today). Every entry is kept "
    "in its history (`tracker history`) and counts as the unit's report for recurring tasks. "
    "STATUS is a label with or without diacritics ('hoàn thành', 'hoan thanh') or a key ('hoan_thanh'). "
    "--event-date records the day the event a task's deadline counts from happened."
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("assignment", metavar="ASSIGNMENT", help="assignment id (several: 12,13,14)")
    parser.add_argument("status", metavar="STATUS", nargs="?", help="the new status")
    parser.add_argument("--note", metavar="TEXT", help="what the unit reported")
    parser.add_argument("--by", metavar="NAME", help="who records it (default: $TRACKER_USER or your login)")
    parser.add_argument("--on", metavar="DATE", help="the day it took effect, dd/mm/yyyy (default: today)")
    parser.add_argument("--event-date", metavar="DATE",
                        help="the day the event a relative or event deadline counts from happened")
    add_db_option(parser)
    add_json_option(parser)


def parse_ids(text: str) -> list[int]:
    from tracker.errors import InputError

    out = []
    for part in text.replace(" ", "").split(","):
        if not part.isdigit():
            raise InputError(f"'{text}' is not an assignment id (a number, or several: 12,13,14)")
        out.append(int(part))
    return out


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from tracker.errors import InputError
    from tracker.recorder import recorder
    from tracker.store import StatusChange, open_store
    from tracker.track import format_date, label, parse_date, parse_status

    if not args.status and not args.event_date:
        raise InputError("give a STATUS (e.g. 'hoàn thành') or --event-date DATE")
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
            print(f"#{e.assignment_id}: ngày xảy ra sự kiện {format_date(e.on)}")
        else:
            print(f"#{e.assignment_id}: {label(e.from_status or '')} → {label(e.to_status or '')} ({format_date(e.on)})")
    return 0
