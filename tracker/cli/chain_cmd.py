"""`tracker chain DIRECTIVE|TASK [--as-of DATE] [--json]`: the chain province → district → commune, rolled up."""
from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.common import add_db_option, add_json_option

NAME = "chain"
HELP = "show how a directive or task is carried out down the chain (province → district → commune)"
ORDER = 36
DESCRIPTION = (
    "Print the tree of a directive (by its number, e.g. 2333/UBND-VP, or its id) or of one task "
    "(t<id>, e.g. t12): each task, each unit's assignment with its status, due date and days late, and "
    "under an assignment that a lower level's directive carries out, that directive's tasks and "
    "assignments, down to the commune. An assignment carried out that way takes its status from "
    "below (done when all are done, overdue when any is, a percentage between) unless a status was "
    "set on it by hand. `tracker link` shows and corrects the links."
)


def register(parser: argparse.ArgumentParser) -> None:
    from tracker.cli.tasks_cmd import add_as_of

    parser.add_argument("ref", metavar="DIRECTIVE|TASK", help="directive number or id, or a task as t<id>")
    add_as_of(parser)
    parser.add_argument("--width", type=int, default=70, metavar="N", help="cut task texts at N characters (text output)")
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

    print(f"Chuỗi thực hiện tính đến ngày {format_date(day)}")
    for line in render(tree, width=max(20, args.width)):
        print(line)
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
