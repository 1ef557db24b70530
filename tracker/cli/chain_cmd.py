"""`tracker chain DIRECTIVE|TASK [--as-of DATE] [--json]`: the chain province → district → commune, rolled up."""
from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.common import add_db_option, add_json_option
from tracker.views.literal import echo

NAME = "chain"
HELP = "chuỗi thực hiện một văn bản hoặc nhiệm vụ từ trên xuống (tỉnh → huyện → xã)"
ORDER = 36
DESCRIPTION = (
    "In cây của một văn bản (theo số, ví dụ 2333/UBND-VP, hoặc mã) hay của một nhiệm vụ (t<mã>, ví dụ "
    "t12): từng nhiệm vụ, phân công của từng đơn vị với trạng thái, hạn và số ngày trễ; dưới một phân "
    "công được văn bản cấp dưới triển khai là các nhiệm vụ và phân công của văn bản đó, xuống tới cấp xã. "
    "Phân công như vậy lấy tiến độ từ cấp dưới (xong khi tất cả xong, quá hạn khi có việc quá hạn, ở giữa "
    "là tỷ lệ phần trăm), trừ khi trạng thái đã được ghi tay. `tracker link` xem và sửa các liên kết."
)


def register(parser: argparse.ArgumentParser) -> None:
    from tracker.cli.tasks_cmd import add_as_of

    parser.add_argument("ref", metavar="VĂN_BẢN|NHIỆM_VỤ", help="số hoặc mã văn bản, hoặc nhiệm vụ dạng t<mã>")
    add_as_of(parser)
    parser.add_argument("--width", type=int, default=70, metavar="N", help="cắt nội dung nhiệm vụ ở N ký tự (khi in chữ)")
    add_db_option(parser)
    add_json_option(parser)


def run(args: argparse.Namespace) -> int:
    from tracker.chain import chain_tree
    from tracker.cli.tasks_cmd import as_of_day
    from tracker.store import open_store

    day = as_of_day(args)
    store = open_store(args.db)
    tree = chain_tree(store, args.ref, as_of=day)
    if args.json:
        from tracker.cli.common import print_json

        print_json(dict(tree.to_json(), as_of=day.isoformat()))
        return 0
    from tracker.track import format_date

    echo(f"Chuỗi thực hiện tính đến ngày {format_date(day)}")
    for line in render(tree, width=max(20, args.width)):
        echo(line)
    return 0


def describe(node: Any, width: int = 70) -> str:
    """One line for a node: label, status, progress, due date, days late."""
    from tracker.track import format_date
    from tracker.track.assess import CATEGORY_LABELS

    label = node.label
    if node.kind == "task" and len(label) > width:
        label = label[: width - 1].rstrip() + "…"
    bits = []
    if node.kind == "assignment" and node.status:
        bits.append(node.status_label)
    if node.progress is not None and (node.kind != "assignment" or node.source == "rollup"):
        bits.append(f"{round(node.progress * 100)}%")
    if node.category == "overdue":
        bits.append(f"quá hạn {node.days_late} ngày")
    elif node.category == "late":
        bits.append(f"{CATEGORY_LABELS['late']} {node.days_late} ngày")
    elif node.category in ("on_time", "cancelled") and node.kind != "assignment":
        bits.append(CATEGORY_LABELS[node.category])
    if node.due and node.kind != "directive":
        bits.append(f"hạn {format_date(node.due)}")
    if node.source == "rollup":
        bits.append("tổng hợp từ cấp dưới")
    ref = {"directive": f"(id {node.directive_id})", "task": f"t{node.task_id}",
           "assignment": f"#{node.assignment_id}"}.get(node.kind, "")
    text = f"{ref} {label}" if node.kind != "directive" else f"{label} {ref}"
    text += " — " + " · ".join(bits) if bits else ""
    if node.note:
        text += f" [{node.note}]"
    return text


def render(node: Any, width: int = 70, prefix: str = "", last: bool = True, top: bool = True) -> list[str]:
    """The tree as indented lines with branch marks."""
    lines = [describe(node, width) if top else prefix + ("└─ " if last else "├─ ") + describe(node, width)]
    child_prefix = "" if top else prefix + ("   " if last else "│  ")
    for k, c in enumerate(node.children):
        lines.extend(render(c, width, child_prefix, k == len(node.children) - 1, False))
    return lines
