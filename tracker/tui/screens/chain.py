"""The chain of a directive or a task: province → district → commune, each unit with its status, due date and days late.

The tree comes from `tracker.chain.chain_tree` (issue "The chain": roll-up
from commune to province); until that module exists, from the links the
store already holds (tracker.tui.data.store_chain). Nodes are added when
their branch is opened, so a directive with thousands of assignments opens
at once.
"""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from tracker.tui import data, fmt
from tracker.tui.actions import bindings
from tracker.tui.screens.base import TrackerScreen

KIND_ICONS = {"directive": "▣ ", "task": "◆ ", "assignment": "• "}


class ChainScreen(TrackerScreen):
    SCOPE = "chain"
    TITLE = "Chuỗi thực hiện"
    BINDINGS = bindings("chain")
    AUTO_FOCUS = "#chain"

    def __init__(self, did: int, *, task_id: int | None = None, task_path: str = ""):
        super().__init__()
        self.did = did
        self.task_id = task_id
        self.task_path = task_path
        self.from_chain = False

    def body(self) -> ComposeResult:
        tree: Tree[Any] = Tree("Đang tải…", id="chain")
        tree.show_root = True
        yield tree
        yield Static("", id="chain-detail")
        yield Static("", id="chain-note", classes="muted")

    @on(Tree.NodeHighlighted, "#chain")
    def _show_node(self, event: Tree.NodeHighlighted) -> None:
        # A tree line is cut at the screen's edge: the highlighted one is written out in full here.
        n = event.node.data
        self.query_one("#chain-detail", Static).update(_label(n, whole=True) if n is not None else "")

    def reload(self) -> None:
        did, day = self.did, self.tracker.as_of
        app = self.tracker
        self.query_one("#chain", Tree).loading = True
        tid = self.task_id
        self.fetch("chain", lambda s: data.chain(s, did, day, app.directives(s), task_id=tid))

    def show_chain(self, result: tuple[Any, bool]) -> None:
        root_node, self.from_chain = result
        tree = self.query_one("#chain", Tree)
        tree.loading = False
        tree.clear()
        tree.root.set_label(_label(root_node))
        tree.root.data = root_node
        self._populate(tree.root)
        tree.root.expand()
        target = None
        if self.task_id is not None:
            if getattr(root_node, "kind", None) == "task":  # tracker.chain gave the task's own chain
                target = tree.root
            else:
                wanted = data.find_task_node(root_node, self.task_id, self.task_path)
                target = next((c for c in tree.root.children if c.data is wanted), None)
        if target is not None:
            self._populate(target)
            target.expand()
            tree.move_cursor(target)
            tree.scroll_to_node(target, animate=False)
        node = tree.cursor_node or tree.root
        self.query_one("#chain-detail", Static).update(_label(node.data, whole=True) if node.data is not None else "")
        # Module names are for developers: the clerk reads what the tree is.
        where = "tiến độ tổng hợp từ cấp dưới" if self.from_chain else (
            "dựng từ các liên kết đã lưu, chưa tổng hợp tiến độ từ cấp dưới")
        self.query_one("#chain-note", Static).update(
            f"Chuỗi thực hiện: {where}. Space: mở/đóng nhánh · o: mở văn bản · 1–5: đổi trạng thái phân công")

    def _populate(self, node: TreeNode[Any]) -> None:
        """Add a node's children once (branches are filled when first opened)."""
        if getattr(node, "_filled", False):
            return
        node._filled = True  # type: ignore[attr-defined]
        for child in getattr(node.data, "children", None) or []:
            kids = getattr(child, "children", None) or []
            if kids:
                node.add(_label(child), data=child)
            else:
                node.add_leaf(_label(child), data=child)

    @on(Tree.NodeExpanded, "#chain")
    def _expanded(self, event: Tree.NodeExpanded) -> None:
        self._populate(event.node)

    def action_whole(self) -> None:
        """From a task's chain to its whole directive's."""
        if self.task_id is not None:
            self.task_id = None
            self.reload()

    def action_expand_all(self) -> None:
        tree = self.query_one("#chain", Tree)
        node = tree.cursor_node or tree.root

        def walk(n: TreeNode[Any], depth: int) -> None:
            self._populate(n)
            n.expand()
            if depth < 8:
                for c in n.children:
                    if c.allow_expand:
                        walk(c, depth + 1)

        walk(node, 0)

    def _cursor(self) -> Any | None:
        node = self.query_one("#chain", Tree).cursor_node
        return node.data if node is not None else None

    def action_open(self) -> None:
        n = self._cursor()
        did = getattr(n, "directive_id", None)
        if did is None:
            self.notify("Mục này không gắn với văn bản đã nạp", severity="warning")
            return
        self.open_directive(did, getattr(n, "task_id", None))

    def current_assignment(self) -> Any | None:
        n = self._cursor()
        if getattr(n, "kind", None) != "assignment":
            return None
        aid = getattr(n, "assignment_id", None)
        if aid is None:
            return None
        root = self.query_one("#chain", Tree).root.data
        return SimpleNamespace(
            id=aid, unit=getattr(n, "unit_name", None) or getattr(n, "label", ""),
            directive=getattr(root, "label", ""), task_path="", task="", status=getattr(n, "status", None) or "",
        )


def _label(n: Any, whole: bool = False) -> Text:
    kind = getattr(n, "kind", "")
    t = Text(KIND_ICONS.get(kind, ""))
    if kind == "assignment":
        cat = getattr(n, "category", None)
        days = getattr(n, "days_late", 0) or 0
        status = getattr(n, "status", None)
        if cat is None:
            cat = "overdue" if days else ("on_time" if status == "hoan_thanh" else "not_due")
        style = fmt.CATEGORY_STYLES.get(cat, "")
        t.append(getattr(n, "unit_name", None) or getattr(n, "label", ""))
        if getattr(n, "level", None):
            t.append(f" ({fmt.level(n.level)})", style="dim")
        t.append(f" — {fmt.status_label(status)}" if status else "")
        if getattr(n, "due", None):
            t.append(f" · hạn {fmt.day(n.due)}", style="dim")
        if days:
            t.append(f" · trễ {days} ngày", style=style)
        progress = getattr(n, "progress", None)
        source = getattr(n, "source", None)
        if source == "rollup" and progress is not None:
            t.append(f" · tổng hợp cấp dưới {progress * 100:.0f}%", style="cyan")
        elif source == "hand":
            t.append(" · đặt tay", style="magenta")
        elif getattr(n, "children", None) and progress is not None:
            t.append(f" · cấp dưới {progress * 100:.0f}%", style="cyan")
        return t
    label = getattr(n, "label", "")
    t.append(label if whole else fmt.short(label, 90), style="bold" if kind == "directive" else "")
    if kind == "directive" and getattr(n, "confidence", None) is not None and not getattr(n, "confirmed", None):
        t.append(f" (liên kết {n.confidence * 100:.0f}%, chưa xác nhận)", style="yellow")
    progress = getattr(n, "progress", None)
    if progress is not None:
        t.append(f" · {progress * 100:.0f}% xong", style="green" if progress >= 1 else "cyan")
    days = getattr(n, "days_late", 0) or 0
    if days:
        t.append(f" · trễ nhất {days} ngày", style="red")
    if getattr(n, "note", None):
        t.append(f" · {n.note}", style="dim")
    return t
