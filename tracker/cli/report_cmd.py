"""`tracker report --format docx|xlsx|md [-o FILE]`: the meeting report, as of a day."""
from __future__ import annotations

import argparse

from tracker.cli.common import add_db_option
from tracker.views.literal import echo

NAME = "report"
HELP = "báo cáo cho cuộc họp (Word, Excel hoặc Markdown): bốn nhóm đánh giá theo đơn vị, việc quá hạn, biểu đồ tiến độ"
ORDER = 38
DESCRIPTION = (
    "Viết báo cáo tiến độ thực hiện nhiệm vụ được giao tính đến một ngày: các văn bản, bốn nhóm đánh giá "
    "theo đơn vị (hoàn thành đúng hạn, hoàn thành quá hạn, chưa đến hạn, quá hạn) cùng thời gian quá hạn, "
    "các phân công quá hạn, việc đến hạn trong 14 ngày tới, việc hoàn thành từ cuộc họp trước, số điểm Bộ "
    "chỉ số 766 liên quan và (bản Word) biểu đồ tiến độ theo đơn vị. Ngày viết dd/mm/yyyy hoặc yyyy-mm-dd. "
    "Không có -o: Word và Excel được ghi thành bao-cao-<ngày>.<định dạng> trong thư mục hiện tại, Markdown "
    "được in ra màn hình; lệnh in đường dẫn đầy đủ của tệp đã ghi."
)


def register(parser: argparse.ArgumentParser) -> None:
    from tracker.cli.tasks_cmd import add_as_of

    parser.add_argument("--format", required=True, choices=["docx", "xlsx", "md"], metavar="ĐỊNH_DẠNG",
                        help="docx (Word), xlsx (Excel) hoặc md (Markdown)")
    parser.add_argument("-o", "--output", metavar="TỆP",
                        help="tệp cần ghi (một thư mục: ghi bao-cao-<ngày>.<định dạng> trong đó; '-': in Markdown "
                             "ra màn hình; không có -o: Markdown in ra màn hình, Word và Excel ghi vào thư mục hiện tại)")
    parser.add_argument("--force", action="store_true", help="ghi đè TỆP nếu đã có")
    parser.add_argument("--directive", metavar="VĂN_BẢN", help="chỉ văn bản này (số như 2333/UBND-VP, hoặc mã)")
    parser.add_argument("--unit", metavar="ĐƠN_VỊ",
                        help="chỉ đơn vị này và các đơn vị trực thuộc (mã, hoặc vài chữ trong tên; không cần dấu)")
    add_as_of(parser)
    parser.add_argument("--since", metavar="NGÀY",
                        help="mục «hoàn thành từ cuộc họp trước» tính từ ngày này (mặc định: 30 ngày trước --as-of)")
    add_db_option(parser)


def run(args: argparse.Namespace) -> int:
    import sys

    from tracker.cli.tasks_cmd import as_of_day
    from tracker.errors import InputError
    from tracker.store import open_store
    from tracker.track import parse_date

    day = as_of_day(args)
    since = parse_date(args.since) if args.since else None
    # Markdown is text: without -o it goes to the screen (to redirect or pipe), like `-o -`.
    if args.output == "-" or (args.output is None and args.format == "md"):
        if args.format != "md":
            raise InputError(f"tệp {args.format} không in ra màn hình được: cho tên tệp bằng -o")
        from tracker.report import gather
        from tracker.report.md import render_md

        store = open_store(args.db)
        from tracker.views.literal import plain

        sys.stdout.write(plain(render_md(gather(store, directive=args.directive, unit=args.unit, as_of=day, since=since))))
        return 0
    from tracker.report import write_report

    store = open_store(args.db)
    path = write_report(store, args.format, args.output, directive=args.directive, unit=args.unit,
                        as_of=day, since=since, force=args.force)
    echo(path.resolve())  # where it went, whole: a script can use it, a clerk can find it
    return 0
