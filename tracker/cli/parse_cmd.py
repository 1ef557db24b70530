"""`tracker parse FILE [--json]`: read a directive and show its header and tasks."""
from __future__ import annotations

import argparse

NAME = "parse"
HELP = "read a directive (PDF, DOCX, TXT, MD) and show its header and tasks"
ORDER = 10


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the directive: .pdf, .docx, .txt or .md")
    parser.add_argument("--json", action="store_true", help="print the JSON contract instead of tables")
    parser.add_argument("--no-resolve", action="store_true", help="do not resolve unit names to unit ids")


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
