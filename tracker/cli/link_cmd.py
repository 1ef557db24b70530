"""`tracker link`: see, confirm and correct the chain's links (which directive and task each carries out)."""
from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.common import add_db_option, add_json_option
from tracker.views.literal import echo

NAME = "link"
HELP = "xem, xác nhận hoặc sửa văn bản và nhiệm vụ nào triển khai văn bản, nhiệm vụ nào (liên kết của chuỗi)"
ORDER = 37
DESCRIPTION = (
    "Khi nạp, mỗi văn bản được liên kết với văn bản mà nó triển khai (theo số văn bản dẫn, nếu không thì "
    "theo cơ quan, ngày và độ giống, kèm độ tin cậy), các nhiệm vụ với nhiệm vụ của văn bản cấp trên, và "
    "phân công của cấp trên cho cơ quan ban hành với văn bản này. Không có VIỆC: mọi văn bản và liên kết, "
    "hoặc văn bản đang chờ. 'show VĂN_BẢN': liên kết nhiệm vụ của một văn bản. 'parent CON CHA': CON triển "
    "khai CHA (xác nhận liên kết; 'none': không triển khai văn bản nào đã nạp). 'task T P...': nhiệm vụ T "
    "triển khai các nhiệm vụ P... ('none': không nhiệm vụ nào). 'answer PHÂN_CÔNG VĂN_BẢN': văn bản đó "
    "triển khai phân công ('none': không văn bản nào). Nhiệm vụ viết t<mã>, văn bản viết số hoặc mã (xem "
    "`tracker chain`). Liên kết người dùng đã đặt được giữ khi nạp lại văn bản."
)


def register(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)
    add_json_option(parser)
    sub = parser.add_subparsers(dest="action", metavar="VIỆC")
    p = sub.add_parser("show", help="liên kết của một văn bản và của các nhiệm vụ của nó")
    p.add_argument("ref", metavar="VĂN_BẢN")
    p = sub.add_parser("parent", help="CON triển khai CHA (số hoặc mã; 'none': không)")
    p.add_argument("child", metavar="CON")
    p.add_argument("parent", metavar="CHA")
    p = sub.add_parser("task", help="nhiệm vụ T triển khai các nhiệm vụ P... (t<mã>; 'none': không)")
    p.add_argument("task", metavar="T")
    p.add_argument("parents", metavar="P", nargs="+")
    p = sub.add_parser("answer", help="VĂN_BẢN triển khai PHÂN_CÔNG (mã; 'none': không)")
    p.add_argument("assignment", metavar="PHÂN_CÔNG")
    p.add_argument("directive", metavar="VĂN_BẢN")
    for p in sub.choices.values():
        p.add_argument("--by", metavar="TÊN", help="người ghi (mặc định: $TRACKER_USER hoặc tên đăng nhập)")
        # Also after the action; SUPPRESS keeps a value given before it.
        add_db_option(p)
        p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="in JSON")


def _none(text: str) -> bool:
    from tracker.text import fold

    return fold(text).strip() in ("none", "khong", "-")


def _task_id(store: Any, text: str) -> int:
    from tracker.chain import parse_ref
    from tracker.errors import InputError

    kind, rid = parse_ref(store, text if not text.strip().isdigit() else "t" + text.strip())
    if kind != "task":
        raise InputError(f"'{text}' không phải nhiệm vụ: viết t<mã>, ví dụ t12 (`tracker chain VĂN_BẢN` cho xem các mã)")
    return rid


def run(args: argparse.Namespace) -> int:
    from tracker.recorder import recorder
    from tracker.store import open_store

    store = open_store(args.db)
    action = getattr(args, "action", None)
    if action is None:
        return _list(store, args.json)
    if action == "show":
        return _show(store, store.find_directive(args.ref), args.json)
    by = recorder(getattr(args, "by", None))
    if action == "parent":
        child = store.find_directive(args.child)
        parent = None if _none(args.parent) else store.find_directive(args.parent)
        store.set_parent(child, parent, confirmed=True, by=by)
        return _show(store, child, args.json)
    if action == "task":
        tid = _task_id(store, args.task)
        parents = [] if len(args.parents) == 1 and _none(args.parents[0]) else [_task_id(store, p) for p in args.parents]
        store.set_task_links(tid, parents, confirmed=True)
        return _show(store, store.task(tid).directive_id, args.json, only_task=tid)
    if action == "answer":
        from tracker.cli.status_cmd import parse_ids
        from tracker.errors import InputError

        ids = parse_ids(args.assignment)
        if len(ids) != 1:
            raise InputError("chỉ cho một mã phân công")
        child = None if _none(args.directive) else store.find_directive(args.directive)
        event = store.set_child_directive(ids[0], child, by=by, note="nhập tay")
        if args.json:
            from tracker.cli.common import print_json

            print_json(event.to_json())
        else:
            what = store.directive(child) if child else None
            from tracker.store import directive_label

            echo(f"#{ids[0]}: " + (f"do {directive_label(what)} thực hiện" if what else "không có văn bản cấp dưới thực hiện"))
        return 0
    return 0


def _link_info(store: Any, rec: dict[str, Any], records: dict[int, dict[str, Any]]) -> dict[str, Any]:
    from tracker.store import directive_label

    pid = rec.get("parent_id")
    return {
        "id": rec["id"], "label": directive_label(rec), "issuer": rec.get("issuer"), "level": rec.get("level"),
        "date": rec.get("date"), "parent_ref": rec.get("parent_ref"), "parent_id": pid,
        "parent_label": directive_label(records[pid]) if pid in records else None,
        "parent_method": rec.get("parent_method"), "parent_confidence": rec.get("parent_confidence"),
        "parent_confirmed": bool(rec.get("parent_confirmed")), "parent_scores": rec.get("parent_scores"),
        "waiting": bool(rec.get("parent_ref")) and pid is None,
    }


def _describe_link(info: dict[str, Any]) -> str:
    if info["parent_id"] is not None:
        how = {"number": "theo số", "similar": "gần đúng", "clerk": "nhập tay"}.get(info["parent_method"] or "", "")
        conf = f", độ tin cậy {info['parent_confidence']:.2f}" if info["parent_confidence"] is not None else ""
        mark = "đã xác nhận" if info["parent_confirmed"] else "chưa xác nhận"
        return f"thực hiện {info['parent_label']} (id {info['parent_id']}; {how}{conf}; {mark})"
    if info["waiting"]:
        return f"chờ văn bản {info['parent_ref']} (chưa nạp)"
    return "không thực hiện văn bản nào đã nạp" + (" (nhập tay)" if info["parent_confirmed"] else "")


def _list(store: Any, as_json: bool) -> int:
    records = store.directive_records()
    infos = [_link_info(store, r, records) for _, r in sorted(records.items())]
    if as_json:
        from tracker.cli.common import print_json

        print_json(infos)
        return 0
    if not infos:
        echo("Chưa nạp văn bản nào (`tracker load FILE`).")
        return 0
    from tracker.cli.common import print_table
    from tracker.track.dates import format_document_day

    print_table("Liên kết văn bản", ["Id", "Văn bản", "Cơ quan ban hành", "Ngày", "Thực hiện"],
                [[i["id"], i["label"], i["issuer"] or "", format_document_day(i["date"]), _describe_link(i)] for i in infos])
    return 0


def _show(store: Any, did: int, as_json: bool, only_task: int | None = None) -> int:
    from tracker.store import directive_label

    records = store.directive_records()
    info = _link_info(store, records[did], records)
    links = store.task_links()
    tasks = []
    for t in store.tasks(did):
        if only_task is not None and t.id != only_task:
            continue
        parents = []
        for p in links.get(t.id, []):
            pt = store.task(p)
            parents.append({"task_id": p, "path": pt.path, "directive_id": pt.directive_id,
                            "directive": directive_label(records.get(pt.directive_id) or {}), "text": pt.text})
        tasks.append({"task_id": t.id, "path": t.path, "text": t.text, "parents": parents,
                      "confirmed": t.parent_links_confirmed})
    if as_json:
        from tracker.cli.common import print_json

        print_json(dict(info, tasks=tasks))
        return 0
    echo(f"{info['label']} — {info['issuer'] or ''} (id {did}): {_describe_link(info)}")
    for t in tasks:
        text = t["text"] if len(t["text"]) <= 60 else t["text"][:59].rstrip() + "…"
        if t["parents"]:
            to = "; ".join(f"{p['path']} (t{p['task_id']}) của {p['directive']}" for p in t["parents"])
        else:
            to = "—"
        mark = " (đã xác nhận)" if t["confirmed"] else ""
        echo(f"  t{t['task_id']} {t['path']} {text}\n      → {to}{mark}")
    return 0
