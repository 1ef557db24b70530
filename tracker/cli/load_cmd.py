"""`tracker load FILE... [--yes]`: parse directives, show what will be saved, and save them in one commit."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from tracker.cli.common import add_db_option, add_json_option

NAME = "load"
HELP = "save directives (PDF, DOCX, TXT, MD) and their assignments to the data store"
ORDER = 20
DESCRIPTION = (
    "Parse each FILE, resolve its units, show what will be saved and save it after you confirm. "
    "Loading a directive again (same number and issuer, or the same file) updates it and keeps "
    "every status, note and history entry already recorded."
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="directive files")
    parser.add_argument("-y", "--yes", action="store_true", help="save without asking (needed when not on a terminal)")
    add_db_option(parser)
    add_json_option(parser)


def read_directive(path: str) -> Any:
    """The one place the store's load path meets the parser and the unit resolver.

    Returns a resolved `tracker.model.DirectiveDraft` (units carry ids; groups
    are expanded by the store through `tracker.units`).
    """
    try:
        from tracker.parse import parse_file
    except ImportError:
        from tracker.errors import TrackerError

        raise TrackerError("the directive parser (tracker.parse) is not installed in this version") from None
    return parse_file(path, resolve=True)


def read_all(paths: list[str], *, quiet: bool = False) -> list[Any]:
    """Parse every file, with progress on stderr when there are several."""
    drafts = []
    for n, path in enumerate(paths, 1):
        if len(paths) > 1 and not quiet:
            print(f"[{n}/{len(paths)}] đang đọc {path}", file=sys.stderr, flush=True)
        drafts.append(read_directive(path))
    return drafts


def _confirm(question: str) -> bool:
    try:
        answer = input(question)
    except EOFError:
        return False
    from tracker.text import fold

    return fold(answer).strip() in ("c", "co", "y", "yes", "dong y")


def run(args: argparse.Namespace) -> int:
    from tracker.errors import InputError
    from tracker.store import open_store

    drafts = read_all(args.files)
    store = open_store(args.db)
    preview = store.save_drafts(drafts, dry_run=True)
    if not args.json:
        _print_preview(drafts, preview)
    if not args.yes:
        if not sys.stdin.isatty():
            raise InputError("nothing saved: confirm with --yes (there is no terminal to ask on)")
        if not _confirm("Lưu vào dữ liệu? [c/K] "):
            print("Không lưu gì.", file=sys.stderr)
            return 1
    results = store.save_drafts(drafts)
    if args.json:
        from tracker.cli.common import print_json

        print_json([dict(r.to_json(), path=d.source.path) for d, r in zip(drafts, results)])
        return 0
    for r in results:
        verb = "Đã lưu mới" if r.created else "Đã cập nhật"
        print(f"{verb} {r.label} (id {r.directive_id}): {r.tasks_added + r.tasks_updated} nhiệm vụ, "
              f"{r.assignments_added + r.assignments_kept} phân công")
        if r.parent_id is not None:
            how = "theo số" if r.parent_confidence is None or r.parent_confidence >= 1 else f"độ tin cậy {r.parent_confidence:.2f}".replace(".", ",")
            print(f"  thực hiện văn bản {r.parent_label} ({how}); sửa bằng: tracker link parent {r.directive_id} VĂN_BẢN")
        elif r.parent_ref:
            print(f"  thực hiện {r.parent_ref}: văn bản này chưa được nạp, sẽ tự liên kết khi nạp")
    print(f"Dữ liệu: {store.path} (phiên bản {store.version})")
    return 0


def _print_preview(drafts: list[Any], results: list[Any]) -> None:
    from tracker.cli.common import print_table
    from tracker.track.dates import format_document_day

    rows = []
    for d, r in zip(drafts, results):
        h = d.header
        if r.created:
            change = "mới"
        else:
            change = (f"cập nhật: +{r.tasks_added} / {r.tasks_updated} giữ / -{r.tasks_removed} nhiệm vụ; "
                      f"+{r.assignments_added} / -{r.assignments_removed} phân công")
        rows.append([
            r.label, format_document_day(h.date), h.issuer or "", len(d.tasks),
            r.assignments_added + r.assignments_kept, change,
            "; ".join(r.unresolved[:6]) + (" …" if len(r.unresolved) > 6 else ""),
        ])
    print_table(
        "Sẽ lưu",
        ["Văn bản", "Ngày", "Cơ quan ban hành", "Nhiệm vụ", "Phân công", "Thay đổi", "Đơn vị chưa xác định"],
        rows,
    )
    for d in drafts:
        for w in d.warnings[:5]:
            print(f"! {d.header.number or d.source.path}: {w}", file=sys.stderr)
