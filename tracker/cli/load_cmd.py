"""`tracker load FILE... [--yes] [--drop-unmatched]`: parse directives, show what will be saved, save them in one commit."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from tracker.cli.common import add_db_option, add_json_option
from tracker.views.literal import echo

NAME = "load"
HELP = "lưu văn bản (PDF, DOCX, TXT, MD) và các phân công của nó vào dữ liệu"
ORDER = 20
DESCRIPTION = (
    "Đọc từng TỆP, đối chiếu tên đơn vị, cho xem những gì sẽ lưu và lưu sau khi bạn đồng ý. "
    "Nạp lại một văn bản (cùng số và cơ quan ban hành, hoặc cùng tệp) sẽ cập nhật nó, giữ nguyên "
    "mọi trạng thái, ghi chú và lịch sử đã ghi: việc đã ghi của một phân công mà bản mới không còn "
    "được cho xem và giữ lại, trừ khi bạn xác nhận bỏ."
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="TỆP", help="các tệp văn bản")
    parser.add_argument("-y", "--yes", action="store_true",
                        help="lưu không hỏi lại (bắt buộc khi không chạy trong cửa sổ dòng lệnh)")
    parser.add_argument("--drop-unmatched", action="store_true",
                        help="khi nạp lại, bỏ các phân công đã ghi mà bản mới không còn (mặc định: giữ lại)")
    add_db_option(parser)
    add_json_option(parser)


def read_directive(path: str, context: Any = None) -> Any:
    """The one place the store's load path meets the parser and the unit resolver.

    Returns a resolved `tracker.model.DirectiveDraft` (units carry ids; groups
    are expanded by the store through `tracker.units`). `context` (a
    tracker.units.ResolveContext) brings the home province and the loaded
    directives the document cites.
    """
    try:
        from tracker.parse import parse_file
    except ImportError:
        from tracker.errors import TrackerError

        raise TrackerError("bản cài đặt này thiếu bộ đọc văn bản (tracker.parse): cài lại chương trình") from None
    return parse_file(path, resolve=True, context=context)


def read_all(paths: list[str], *, quiet: bool = False, store: Any = None, db: str | None = None) -> list[Any]:
    """Parse every file, with progress on stderr when there are several.

    With a `store`, documents that say nothing of their own structure or issuer
    are resolved with the directives they cite, loaded or among `paths`
    (tracker/chain/cited.py), so the order of the files does not matter.
    """
    from tracker.settings import resolve_context

    lookup = None
    if store is not None:
        from tracker.chain.cited import cited_lookup

        lookup = cited_lookup(store)
    drafts = []
    for n, path in enumerate(paths, 1):
        if len(paths) > 1 and not quiet:
            echo(f"[{n}/{len(paths)}] đang đọc {path}", file=sys.stderr, flush=True)
        drafts.append(read_directive(path, resolve_context(db, lookup)))
    if store is not None and len(drafts) > 1:
        from tracker.chain.cited import cited_lookup, needs_context, resolve_again

        batch = resolve_context(db, cited_lookup(store, drafts))
        for d in drafts:
            if needs_context(d):
                resolve_again(d, batch)
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

    interactive = not args.yes and not args.json and sys.stdin.isatty()
    if interactive:
        ask_home_once(args.db)
    store = open_store(args.db)
    drafts = read_all(args.files, store=store, db=args.db)
    preview = store.save_drafts(drafts, dry_run=True)
    unmatched = [u for r in preview for u in r.unmatched]
    if not args.json:
        _print_preview(drafts, preview)
        if unmatched:
            print_unmatched(preview, dropping=args.drop_unmatched)
    drop: bool | set[int] = bool(args.drop_unmatched)
    if not args.yes:
        if not sys.stdin.isatty():
            raise InputError("chưa lưu gì: thêm --yes để xác nhận (không có cửa sổ dòng lệnh để hỏi)")
        if not _confirm("Lưu vào dữ liệu? [c/K] "):
            echo("Không lưu gì.", file=sys.stderr)
            return 1
        if unmatched and not drop and _confirm(f"Bỏ {len(unmatched)} phân công đã có ghi nhận nêu trên? [c/K] "):
            drop = {u["id"] for u in unmatched}
    results = store.save_drafts(drafts, drop_unmatched=drop)
    if args.json:
        from tracker.cli.common import print_json

        print_json([dict(r.to_json(), path=d.source.path) for d, r in zip(drafts, results)])
        return 0
    for d, r in zip(drafts, results):
        verb = "Đã lưu mới" if r.created else "Đã cập nhật"
        echo(f"{verb} {r.label} (id {r.directive_id}): {r.tasks_added + r.tasks_updated} nhiệm vụ, "
              f"{r.assignments_added + r.assignments_kept} phân công")
        if r.unmatched:
            echo(f"  giữ lại {len(r.unmatched)} phân công đã có ghi nhận không còn trong văn bản "
                  f"(bỏ bằng: tracker load --drop-unmatched {d.source.path})")
        if r.dropped:
            echo(f"  đã bỏ {r.dropped} phân công không còn trong văn bản (lịch sử vẫn giữ)")
        if r.parent_id is not None:
            how = "theo số" if r.parent_confidence is None or r.parent_confidence >= 1 else f"độ tin cậy {r.parent_confidence:.2f}".replace(".", ",")
            echo(f"  thực hiện văn bản {r.parent_label} ({how}); sửa bằng: tracker link parent {r.directive_id} VĂN_BẢN")
        elif r.parent_ref:
            echo(f"  thực hiện {r.parent_ref}: văn bản này chưa được nạp, sẽ tự liên kết khi nạp")
    echo(f"Dữ liệu: {store.path} (phiên bản {store.version})")
    return 0


def print_unmatched(results: list[Any], *, dropping: bool = False) -> None:
    """The recorded assignments a re-load's new copy no longer has: kept unless the clerk drops them."""
    from tracker.cli.common import print_table
    from tracker.track import label

    rows = []
    for r in results:
        for u in r.unmatched:
            text = u["task"] if len(u["task"]) <= 70 else u["task"][:68] + "…"
            rows.append([u["id"], r.label, f"{u['task_path']} {text}".strip(), u["unit"], label(u["status"])])
    what = "sẽ bỏ (lịch sử vẫn giữ)" if dropping else "được giữ lại trừ khi bạn xác nhận bỏ"
    print_table(f"Phân công đã có ghi nhận nhưng không còn trong bản nạp lại — {what}",
                ["ID", "Văn bản", "Nhiệm vụ", "Đơn vị", "Trạng thái"], rows)


def ask_home_once(db: str | None) -> None:
    """First run on a terminal: ask the clerk's province once (Enter skips; `tracker config` changes it)."""
    from tracker.settings import Settings, load_settings, save_settings

    try:
        if load_settings(db).exists:
            return
    except Exception:
        return
    echo("Lần đầu dùng: tỉnh/thành phố nơi bạn làm việc giúp phân biệt các xã, phường trùng tên "
          "ở tỉnh khác (đổi sau bằng `tracker config`).", file=sys.stderr)
    try:
        answer = input("Tỉnh/thành phố (Enter để bỏ qua): ").strip()
    except EOFError:
        answer = ""
    settings = Settings()
    if answer:
        from tracker.cli.config_cmd import find_province
        from tracker.errors import InputError

        try:
            settings.home_province = find_province(answer).id
        except InputError as err:
            echo(f"tracker: {err} — bỏ qua; đặt sau bằng `tracker config --home-province`", file=sys.stderr)
    save_settings(settings, db)


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
            if r.unmatched:
                change += f"; giữ {len(r.unmatched)} phân công đã có ghi nhận"
        rows.append([
            r.label, format_document_day(h.date), h.issuer or "", len(d.tasks),
            r.assignments_added + r.assignments_kept + len(r.unmatched), change,
            "; ".join(r.unresolved[:6]) + (" …" if len(r.unresolved) > 6 else ""),
        ])
    print_table(
        "Sẽ lưu",
        ["Văn bản", "Ngày", "Cơ quan ban hành", "Nhiệm vụ", "Phân công", "Thay đổi", "Đơn vị chưa xác định"],
        rows,
    )
    for d in drafts:
        for w in d.warnings[:5]:
            echo(f"! {d.header.number or d.source.path}: {w}", file=sys.stderr)
