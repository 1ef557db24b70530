"""`tracker parse FILE [--json]`: read a directive and show its header and tasks."""
from __future__ import annotations

import argparse

NAME = "parse"
HELP = "đọc một văn bản (PDF, DOCX, TXT, MD), in phần đầu và các nhiệm vụ"
ORDER = 10


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="TỆP", help="văn bản: .pdf, .docx, .txt hoặc .md")
    parser.add_argument("--json", action="store_true", help="in JSON (theo mẫu của bộ chấm điểm) thay cho bảng")
    parser.add_argument("--no-resolve", action="store_true", help="không đối chiếu tên đơn vị với danh mục")


def run(args: argparse.Namespace) -> int:
    from tracker.parse import parse_file

    draft = parse_file(args.file, resolve=not args.no_resolve)
    if args.json:
        from tracker.cli.common import print_json

        print_json(draft.to_json())
        return 0
    from tracker.views.draft_text import print_draft

    print_draft(draft)
    return 0
