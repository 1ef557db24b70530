"""`tracker db info|backups|check|restore|copy`: where the data is, its versions, going back to one, moving it."""
from __future__ import annotations

import argparse

from tracker.cli.common import add_db_option, add_json_option
from tracker.views.literal import echo

NAME = "db"
HELP = "dữ liệu: thông tin (info), bản sao lưu (backups), kiểm tra (check), khôi phục (restore), chép (copy)"
ORDER = 80
DESCRIPTION = (
    "Dữ liệu là một thư mục (--db ĐƯỜNG_DẪN, $TRACKER_DB, nếu không thì thư mục dữ liệu của người dùng). "
    "Mỗi lệnh có lưu tạo một phiên bản mới; 5 phiên bản gần nhất được giữ làm bản sao lưu. "
    "`restore` không kèm PHIÊN_BẢN sửa dữ liệu hỏng từ bản sao lưu tốt gần nhất. "
    "Dữ liệu cũng có thể nằm trên máy chủ PostgreSQL (--db postgresql://…); "
    "`copy TỪ ĐẾN` chép giữa thư mục và máy chủ, cả lịch sử."
)


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="db_command", metavar="VIỆC", required=True)
    p = sub.add_parser("info", help="dữ liệu ở đâu, phiên bản, dung lượng và nội dung")
    add_db_option(p)
    add_json_option(p)
    p = sub.add_parser("backups", help="các phiên bản được giữ, mới nhất trước, và phiên bản nào còn nguyên vẹn")
    add_db_option(p)
    add_json_option(p)
    p = sub.add_parser("check", help="đọc và kiểm tra mọi tệp của phiên bản hiện tại")
    add_db_option(p)
    p = sub.add_parser("restore", help="quay về một phiên bản đã giữ (không có PHIÊN_BẢN: sửa từ bản tốt gần nhất)")
    p.add_argument("version", metavar="PHIÊN_BẢN", nargs="?", type=int, help="một phiên bản `tracker db backups` liệt kê")
    add_db_option(p)
    p = sub.add_parser("copy", help="chép mọi dữ liệu, cả lịch sử, từ kho này sang một kho trống (thư mục ↔ PostgreSQL)")
    p.add_argument("source", metavar="TỪ", help="thư mục kho dữ liệu hoặc postgresql://…")
    p.add_argument("target", metavar="ĐẾN", help="thư mục kho trống hoặc postgresql://… của một cơ sở dữ liệu trống")


def run(args: argparse.Namespace) -> int:
    from tracker.store import open_store

    action = args.db_command
    if action == "copy":
        return _copy(args)
    if action == "check":
        return _check(args)
    store = open_store(args.db, strict=False)  # a damaged store is reported (info, backups) or repaired (restore)
    if hasattr(store, "summary"):  # on a PostgreSQL server
        return _server(store, action, args)
    if action == "info":
        return _info(store, args.json)
    if action == "backups":
        return _backups(store, args.json)
    new = store.restore(args.version)
    echo(f"Đã khôi phục phiên bản {new.restored_from} thành phiên bản {new.version} ({store.path}); "
         "chỉ mục được dựng lại từ dữ liệu.")
    return 0


def _check(args: argparse.Namespace) -> int:
    """Every file of the current version, its backup copies, and the index against the data."""
    from tracker.errors import StoreError
    from tracker.store import open_store

    store = open_store(args.db, strict=False)
    if hasattr(store, "summary"):  # on a PostgreSQL server: the server checks its own pages
        echo(f"{store.path}: máy chủ PostgreSQL tự kiểm tra dữ liệu của nó (pg_amcheck); sao lưu bằng pg_dump.")
        return 0
    checked = store.check()
    if not checked.problems:
        if not checked.version:
            echo(f"{store.path}: chưa có dữ liệu.")
        else:
            echo(f"{store.path}: phiên bản {checked.version} nguyên vẹn ({len(store.manifest.files)} tệp, "
                 "chỉ mục khớp với dữ liệu).")
            older = store.damaged_backups()
            if older:
                echo(f"Lưu ý: bản sao lưu cũ không dùng được để khôi phục: phiên bản {', '.join(older)} "
                     f"(`tracker db backups{store._db_hint()}` cho biết vì sao); phiên bản hiện tại không bị ảnh hưởng.")
        return 0
    what = "; ".join(f"{p.name}: {p.why}" for p in checked.problems)
    if checked.repairable:
        hint = f"`tracker db restore{store._db_hint()}` sửa được từ các bản sao và dữ liệu (không mất gì)"
    else:
        hint = store.advice()
    raise StoreError(f"{store.path}: {what}; {hint}")


def _info(store, as_json: bool) -> int:  # type: ignore[no-untyped-def]
    m = store.manifest
    usage = store.disk_usage() if store.path.exists() else {}
    idx = store.index() if m.version and not store.problem else None
    info = {
        "path": str(store.path),
        "exists": store.path.exists(),
        "version": m.version,
        "schema": m.schema,
        "saved_at": m.saved_at,
        "last_command": m.command,
        "directives": sum(1 for k in m.files if k.startswith("d/")),
        "tasks": len(idx.tasks) if idx else 0,
        "assignments": len(idx) if idx else 0,
        "events": max(0, m.next_ids.get("event", 1) - 1),
        "bytes": usage.get("version", 0),
        "folder_bytes": usage.get("folder", 0),
        "backups": max(0, len(store._version_numbers()) - 1),
        "problem": store.problem,
        **_access(store.path),
    }
    if as_json:
        from tracker.cli.common import print_json

        print_json(info)
        return 0
    if not info["exists"] or not m.version:
        echo(f"{store.path}: chưa có dữ liệu (lệnh `tracker load` sẽ tạo).")
        return 0
    echo(f"Dữ liệu:     {info['path']}")
    if store.problem:
        echo(f"Lỗi:         {store.problem}")
        return 2
    echo(f"Phiên bản:   {m.version} (lược đồ {m.schema}), lưu {m.saved_at.replace('T', ' ')} bởi lệnh '{m.command}'")
    echo(f"Nội dung:    {info['directives']} văn bản, {info['tasks']} nhiệm vụ, {info['assignments']} phân công, "
          f"{info['events']} lần cập nhật")
    echo(f"Dung lượng:  {info['bytes'] / 1e6:.1f} MB (cả thư mục, gồm {info['backups']} bản sao lưu: "
          f"{info['folder_bytes'] / 1e6:.1f} MB)")
    echo(f"Quyền:       {info['mode']} — {info['access']}")
    return 0


def _access(path) -> dict:  # type: ignore[no-untyped-def, type-arg]
    """Who may read and write the store: its folder's mode (its files follow it, tracker/store/files.py)."""
    import os
    import stat

    try:
        st = os.stat(path)
    except OSError:
        return {"mode": None, "access": "", "shared_group": None}
    mode = stat.S_IMODE(st.st_mode)
    group = None
    if mode & stat.S_IWGRP:
        try:
            import grp

            group = grp.getgrgid(st.st_gid).gr_name
        except (ImportError, KeyError):
            group = str(st.st_gid)
        access = f"dùng chung: người trong nhóm {group} cùng đọc và ghi"
    elif mode & 0o077:
        access = "chỉ chủ thư mục ghi được; người khác đọc được"
    else:
        access = "riêng: chỉ chủ thư mục đọc và ghi được"
    return {"mode": f"{mode:04o}", "access": access, "shared_group": group}


def _backups(store, as_json: bool) -> int:  # type: ignore[no-untyped-def]
    rows = store.backups()
    if as_json:
        from tracker.cli.common import print_json

        print_json(rows)
        return 0
    if not rows:
        echo(f"{store.path}: chưa có phiên bản nào.")
        return 0
    from tracker.cli.common import print_table

    print_table(
        f"Các phiên bản — {store.path}",
        ["Phiên bản", "Lưu lúc", "Lệnh", "Hiện tại", "Tình trạng"],
        [[r["version"], (r["saved_at"] or "").replace("T", " "), r["command"], "●" if r["current"] else "",
          _state(r)] for r in rows],
    )
    return 0


def _state(r: dict) -> str:  # type: ignore[type-arg]
    if r["problem"] is None:
        return "nguyên vẹn"
    if r["restorable"]:
        return f"sửa được từ bản sao: {r['problem']}"
    return f"hỏng: {r['problem']}"


def _copy(args: argparse.Namespace) -> int:
    """Every record, history and ids included, from one store into an empty one (tracker/store/pg/copy.py)."""
    from pathlib import Path

    from tracker.errors import InputError
    from tracker.store import open_store
    from tracker.store.pg.copy import copy_store

    src_raw, dst_raw = args.source, args.target
    if not src_raw.startswith(("postgresql://", "postgres://")) and not (Path(src_raw) / "manifest.json").exists():
        raise InputError(f"{src_raw} không phải kho dữ liệu (không có manifest.json): kiểm tra đường dẫn TỪ")
    source = open_store(src_raw)
    target = open_store(dst_raw)
    done = copy_store(source, target)
    echo(f"Đã chép {done.directives} văn bản, {done.tasks} nhiệm vụ, {done.assignments} phân công, "
         f"{done.events} lần cập nhật, {done.units} đơn vị: {source.path} → {target.path}")
    return 0


def _server(store, action: str, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    """`db info|backups|restore` on a PostgreSQL server: it keeps no versions of its own (pg_dump does)."""
    from tracker.errors import InputError

    if action == "info":
        info = store.summary()
        if args.json:
            from tracker.cli.common import print_json

            print_json(info)
            return 0
        echo(f"Dữ liệu:     {info['path']} (PostgreSQL {info['server']})")
        echo(f"Tài khoản:   {info['user']} ({', '.join(info['roles']) or 'chủ cơ sở dữ liệu'})")
        echo(f"Nội dung:    {info['directives']} văn bản, {info['tasks']} nhiệm vụ, {info['assignments']} phân công, "
             f"{info['events']} lần cập nhật (những gì tài khoản này được xem)")
        echo(f"Dung lượng:  {info['bytes'] / 1e6:.1f} MB")
        echo("Sao lưu:     pg_dump (xem README); máy chủ không giữ phiên bản như thư mục kho")
        return 0
    raise InputError("cơ sở dữ liệu PostgreSQL không giữ phiên bản: sao lưu và khôi phục bằng pg_dump / pg_restore "
                     "(xem README)")
