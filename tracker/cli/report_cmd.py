"""`tracker report --format docx|xlsx|md [-o FILE]`: the meeting report, as of a day."""
from __future__ import annotations

import argparse

from tracker.cli.common import add_db_option

NAME = "report"
HELP = "meeting report (Word, Excel or Markdown): the four official categories per unit, overdue work, a progress chart"
ORDER = 38
DESCRIPTION = (
    "Write the report on the progress of assigned tasks as of a day: the directives covered, the four "
    "official categories per unit (done on time, done late, not yet due, overdue) with ageing of overdue "
    "work, the overdue assignments, those due in the next 14 days, those done since the last meeting, "
    "the Decision 766 points at stake and (Word) a chart of progress per unit. Dates are dd/mm/yyyy or "
    "yyyy-mm-dd. Prints the path written."
)


def register(parser: argparse.ArgumentParser) -> None:
    from tracker.cli.tasks_cmd import add_as_of

    parser.add_argument("--format", required=True, choices=["docx", "xlsx", "md"], help="Word, Excel or Markdown")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="file to write (default: bao-cao-<date>.<format> here; a folder: that name in it; "
                             "'-' prints Markdown to the terminal)")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.add_argument("--directive", metavar="REF", help="only this directive (number like 2333/UBND-VP, or id)")
    parser.add_argument("--unit", metavar="UNIT",
                        help="only this unit and the units under it (unit id, or words of its name; diacritics optional)")
    add_as_of(parser)
    parser.add_argument("--since", metavar="DATE",
                        help="'done since the last meeting' from this day (default: 30 days before --as-of)")
    add_db_option(parser)


def run(args: argparse.Namespace) -> int:
    import sys

    from tracker.cli.tasks_cmd import as_of_day
    from tracker.errors import InputError
    from tracker.store import open_store
    from tracker.track import parse_date

    day = as_of_day(args)
    since = parse_date(args.since) if args.since else None
    if args.output == "-":
        if args.format != "md":
            raise InputError(f"a {args.format} file cannot go to the terminal: give a file name with -o")
        from tracker.report import gather
        from tracker.report.md import render_md

        store = open_store(args.db)
        sys.stdout.write(render_md(gather(store, directive=args.directive, unit=args.unit, as_of=day, since=since)))
        return 0
    from tracker.report import write_report

    store = open_store(args.db)
    path = write_report(store, args.format, args.output, directive=args.directive, unit=args.unit,
                        as_of=day, since=since, force=args.force)
    print(path)
    return 0
