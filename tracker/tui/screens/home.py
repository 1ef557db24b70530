"""Home: the loaded directives beside the tree of areas (tỉnh → (huyện →) xã), with filters."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Input, Select, Static, Tree

from tracker.store import DirectiveRow
from tracker.tui import data, fmt
from tracker.tui.actions import bindings
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.columns import Col
from tracker.tui.widgets.counts import counts_text
from tracker.tui.widgets.paged_table import PagedTable

LEVEL_CHOICES = [("Mọi cấp", ""), ("Cấp tỉnh", "province"), ("Cấp huyện", "district"), ("Cấp xã", "commune"),
                 ("Trung ương", "central")]
STATUS_CHOICES = [("Mọi tình trạng", "")] + [(label[0].upper() + label[1:], key) for key, label in data.STATUS_FILTERS.items()]
DEBOUNCE = 0.25
# Directives listed under one area of the tree; beyond it a leaf filters the table to the area. An area with
# 1,500 of them made the home screen wait ~0.3 s on the tree alone and no one scrolls a tree that long.
LEAVES_PER_AREA = 30


@dataclass
class HomeData:
    rows: list[DirectiveRow]
    tree: data.AreaNode


def load_home(app: Any, store: Any) -> HomeData:
    """What the home screen shows as of the app's day (cached per store version: the app starts it early)."""
    def load() -> HomeData:
        rows = app.directives(store)
        return HomeData(rows, data.area_tree(rows, data.UnitNames(store.units())))

    return app.cached(("home", app.as_of), load)


class HomeScreen(TrackerScreen):
    SCOPE = "home"
    TITLE = "Văn bản đã nạp"
    BINDINGS = bindings("home")
    AUTO_FOCUS = "#directives"

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[DirectiveRow] = []
        self.shown: list[DirectiveRow] = []
        self.area: str | None = None
        self.unit_dids: set[int] | None = None
        self._timer: Timer | None = None
        self._loaded = False
        self._detail_of: DirectiveRow | None = None

    def body(self) -> ComposeResult:
        with Horizontal(id="filters", classes="filters"):
            yield Input(placeholder="Tìm số, cơ quan, trích yếu (không cần dấu)…", id="search")
            yield Select(LEVEL_CHOICES, value="", allow_blank=False, id="level")
            yield Select(STATUS_CHOICES, value="", allow_blank=False, id="status")
            yield Input(placeholder="Đơn vị được giao…", id="unit")
        with Horizontal(id="main"):
            tree: Tree[Any] = Tree("Địa bàn", id="tree")
            tree.border_title = "Địa bàn ban hành"
            yield tree
            with Vertical(id="right"):
                table = PagedTable(id="directives", title="Văn bản", empty="Chưa có văn bản nào — nhấn F3 để nạp")
                yield table
                yield Static("", id="detail", classes="detail")

    def on_mount(self) -> None:
        table = self.query_one("#directives", PagedTable)
        table.set_columns([
            # Narrow: the subject steps aside last (the pane below shows it whole).
            Col("Số, ký hiệu", 12, grow=2, key="label"), Col("Ngày", 10, key="date"),
            Col("Cơ quan ban hành", 12, grow=2, key="issuer"), Col("Cấp", 5, key="level", hide=1),
            Col("NV", 3, key="tasks", hide=2), Col("Xong", 4, key="done"), Col("Quá hạn", 7, key="overdue"),
            Col("Trích yếu", 16, grow=5, key="subject", hide=3),
        ])
        table.details = _directive_details
        table.loading = True
        table.focus()

    # -- loading --------------------------------------------------------------------------------------

    def reload(self) -> None:
        app = self.tracker
        self.fetch("home", lambda store: load_home(app, store))
        if self.unit_dids is not None:
            self._fetch_unit()

    def show_home(self, d: HomeData) -> None:
        self.rows = d.rows
        self._fill_tree(d.tree)
        self.apply_filters()
        self.query_one("#directives", PagedTable).loading = False
        self._loaded = True

    def failed_home(self, error: str) -> None:
        self.query_one("#directives", PagedTable).loading = False

    def _fill_tree(self, root: data.AreaNode) -> None:
        tree = self.query_one("#tree", Tree)
        expanded = {n.data for n in _walk(tree.root) if n.is_expanded and n.data}
        tree.clear()
        tree.root.set_label(f"Tất cả ({root.total} VB)")
        tree.root.data = ""
        by_id = {r.id: r for r in self.rows}

        def add(parent: Any, node: data.AreaNode) -> None:
            label = Text(node.name)
            label.append(f" {node.total}VB", style="dim")
            if node.overdue:
                label.append(f" {node.overdue}QH", style="red")
            tn = parent.add(label, data=node.id, expand=node.id in expanded or node.level in ("province", "district"))
            for did in node.directives[:LEAVES_PER_AREA]:
                r = by_id[did]
                leaf = Text("▪ " + fmt.short(r.label, 28))
                if r.overdue:
                    leaf.append(f" ({r.overdue})", style="red")
                tn.add_leaf(leaf, data=("directive", did))
            more = len(node.directives) - LEAVES_PER_AREA
            if more > 0:  # the rest are one Enter away, in the table (the node's own filter)
                tn.add_leaf(Text(f"… {more} văn bản khác: Enter để xem trong bảng", style="dim"), data=node.id)
            for child in node.children:
                add(tn, child)

        for child in root.children:
            add(tree.root, child)
        tree.root.expand()

    # -- filters --------------------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    @on(Select.Changed)
    def _filters_changed(self) -> None:
        self._debounce(self.apply_filters)

    @on(Input.Changed, "#unit")
    def _unit_changed(self) -> None:
        self._debounce(self._fetch_unit)

    def _debounce(self, fn: Any) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, fn)

    def _fetch_unit(self) -> None:
        text = self.query_one("#unit", Input).value.strip()
        if not text:
            self.unit_dids = None
            self.apply_filters()
            return
        self.fetch("unit_filter", lambda s: data.directives_for_unit(s, text))

    def show_unit_filter(self, dids: set[int]) -> None:
        self.unit_dids = dids
        self.apply_filters()

    def apply_filters(self) -> None:
        if not self.is_mounted:
            return
        level = self.query_one("#level", Select).value or None
        status = self.query_one("#status", Select).value or None
        text = self.query_one("#search", Input).value
        self.shown = data.filter_directives(
            self.rows, text=text, level=level if isinstance(level, str) else None,
            status=status if isinstance(status, str) else None, area=self.area, only=self.unit_dids,
        )
        table = self.query_one("#directives", PagedTable)
        filtered = len(self.shown) != len(self.rows)
        table.set_title(f"Văn bản ({len(self.shown)}/{len(self.rows)})" if filtered else f"Văn bản ({len(self.rows)})")
        table.show(self.shown, _render_directive, key=_directive_key)
        self._show_detail()

    def action_cycle_level(self) -> None:
        _cycle(self.query_one("#level", Select), LEVEL_CHOICES)

    def action_cycle_status(self) -> None:
        _cycle(self.query_one("#status", Select), STATUS_CHOICES)

    def action_clear_filters(self) -> None:
        self.query_one("#search", Input).value = ""
        self.query_one("#unit", Input).value = ""
        self.query_one("#level", Select).value = ""
        self.query_one("#status", Select).value = ""
        self.area = None
        self.unit_dids = None
        self.apply_filters()

    # -- tree and table -----------------------------------------------------------------------------------

    @on(Tree.NodeSelected, "#tree")
    def _node_selected(self, event: Tree.NodeSelected) -> None:
        value = event.node.data
        if isinstance(value, tuple):
            self.open_directive(value[1])
            return
        self.area = value or None
        self.apply_filters()

    @on(DataTable.RowHighlighted, "#directives")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#directives")
    def _selected(self) -> None:
        self.action_open()

    def _current(self) -> DirectiveRow | None:
        return self.query_one("#directives", PagedTable).current_record()

    def _show_detail(self) -> None:
        r = self._current()
        if r is not None and r is self._detail_of:
            return  # already shown (a refill tells the cursor's row again): no second layout of the pane
        self._detail_of = r
        detail = self.query_one("#detail", Static)
        if r is None:
            detail.update("")
            return
        t = Text()
        t.append(f"{r.label}", style="bold")
        issuer = data.issuer_name(r.issuer, r.issuer_id)
        t.append(f" — {issuer}, {fmt.doc_day(r.date)}")
        if issuer != (r.issuer or ""):
            t.append(f" (văn bản ghi «{r.issuer}»)", style="dim")
        if r.parent_ref:
            t.append(f" · thực hiện {r.parent_ref}", style="dim")
        t.append("\n" + fmt.short(r.subject, 300) + "\n")
        t.append(counts_text(r.counts, prefix=f"{r.tasks} nhiệm vụ, {r.assignments} phân công: "))
        detail.update(t)

    def action_open(self) -> None:
        r = self._current()
        if r is not None:
            self.open_directive(r.id)

    def action_chain(self) -> None:
        r = self._current()
        if r is not None:
            self.open_chain(r.id)


def _directive_key(r: DirectiveRow) -> str:
    return str(r.id)


def _render_directive(r: DirectiveRow) -> tuple[str, list[Any]]:
    overdue = Text(str(r.overdue), style="bold red") if r.overdue else Text("0", style="dim")
    return _directive_key(r), [
        r.label, fmt.doc_day(r.date), data.issuer_name(r.issuer, r.issuer_id), fmt.level(r.level),
        str(r.tasks), fmt.pct(r.done_pct) if r.assignments else "", overdue, fmt.short(r.subject, 300),
    ]


def _directive_details(r: DirectiveRow) -> list[tuple[str, str]]:
    """What the row leaves out: the issuer as the copy writes it, the document it carries out, the file."""
    out = [("Cơ quan (văn bản ghi)", r.issuer or "")]
    if r.parent_ref:
        out.append(("Thực hiện văn bản", r.parent_ref))
    out.append(("Tệp", r.source_path))
    return out


def _cycle(select: Select, choices: list[tuple[str, str]]) -> None:
    values = [v for _, v in choices]
    current = select.value if select.value in values else ""
    select.value = values[(values.index(current) + 1) % len(values)]


def _walk(node: Any) -> Any:
    yield node
    for child in node.children:
        yield from _walk(child)
