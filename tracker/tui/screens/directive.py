"""One directive: its header and counts, its tasks, and every unit's assignment of the task under the cursor."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tracker.store import AssignmentFilter, AssignmentRow, directive_label
from tracker.tui import data, fmt
from tracker.tui.actions import bindings
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.columns import Col
from tracker.tui.widgets.counts import counts_text
from tracker.tui.widgets.paged_table import PagedTable

DOC_TYPES = {"CV": "Công văn", "KH": "Kế hoạch", "QĐ": "Quyết định", "CT": "Chỉ thị", "TB": "Thông báo", "BC": "Báo cáo"}


@dataclass
class DirectiveData:
    doc: dict[str, Any]
    parent_label: str | None
    tasks: list[data.TaskSummary]
    rows: list[AssignmentRow]


def assignment_cells(r: AssignmentRow, *, unit: bool = True, task: bool = False) -> list[Any]:
    """The cells of an assignment row, shared by every screen that lists assignments (whole texts: the
    table cuts them to its columns)."""
    style = fmt.CATEGORY_STYLES.get(r.category, "")
    cells: list[Any] = [str(r.id)]
    if task:
        cells += [r.directive, r.task_path, fmt.short(r.task, 400)]
    if unit:
        name = r.unit + (" (?)" if r.unresolved else "")
        cells += [Text(name, style="yellow" if r.unresolved else ""), fmt.level(r.unit_level)]
    cells += [fmt.role(r.role), fmt.status_label(r.status), fmt.day(r.due),
              Text(fmt.judgement(r.category, r.days_late), style=style)]
    return cells


def assignment_columns(table: PagedTable, *, unit: bool = True, task: bool = False) -> None:
    """The columns of `assignment_cells`; the row's task text in full with `i` (and the detail panes)."""
    cols = [Col("ID", 5)]
    if task:
        cols += [Col("Văn bản", 10, grow=1, hide=2), Col("#", 6), Col("Nhiệm vụ", 16, grow=4)]
    if unit:
        cols += [Col("Đơn vị", 18, grow=3), Col("Cấp", 5, hide=2)]
    cols += [Col("Vai trò", 8, hide=1), Col("Trạng thái", 15), Col("Hạn", 10), Col("Đánh giá", 17)]
    table.set_columns(cols)
    table.details = assignment_details


def assignment_details(r: AssignmentRow) -> list[tuple[str, str]]:
    """An assignment's row in full adds the directive, the task's whole text and its deadline as written."""
    out = [("Văn bản", r.directive), ("Nhiệm vụ", f"{r.task_path} {r.task}".strip())]
    if r.deadline:
        out.append(("Thời hạn", fmt.deadline_text(r.deadline)))
    if r.status_on:
        out.append(("Trạng thái từ ngày", fmt.day(r.status_on)))
    return out


def assignment_detail_text(r: AssignmentRow | None) -> Text:
    """The detail pane under a list of assignments: the task in full, the unit, where it stands."""
    if r is None:
        return Text("")
    style = fmt.CATEGORY_STYLES.get(r.category, "")
    t = Text()
    t.append(f"#{r.id} {r.unit}", style="bold")
    t.append(f" · {fmt.role(r.role)} · {fmt.status_label(r.status)}")
    if r.due:
        t.append(f" · hạn {fmt.day(r.due)}")
    t.append(" · ")
    t.append(fmt.judgement(r.category, r.days_late), style=style)
    t.append(f"\n{r.directive} {r.task_path}: ", style="dim")
    t.append(" ".join((r.task or "").split()))
    return t


class DirectiveScreen(TrackerScreen):
    SCOPE = "directive"
    TITLE = "Văn bản và nhiệm vụ"
    BINDINGS = bindings("directive")
    AUTO_FOCUS = "#tasks"

    def __init__(self, did: int, *, task_id: int | None = None):
        super().__init__()
        self.did = did
        self.task_id = task_id
        self.info: DirectiveData | None = None
        self.by_task: dict[int, list[AssignmentRow]] = {}

    def body(self) -> ComposeResult:
        yield Static("Đang tải…", id="header")
        yield PagedTable(id="tasks", title="Nhiệm vụ", empty="Văn bản này chưa có nhiệm vụ")
        yield PagedTable(id="assignments", title="Phân công", empty="Nhiệm vụ này chưa giao cho đơn vị nào")

    def on_mount(self) -> None:
        tasks = self.query_one("#tasks", PagedTable)
        tasks.set_columns([Col("#", 6), Col("Nhiệm vụ", 20, grow=5), Col("Thời hạn", 14, grow=1),
                           Col("Chỉ số", 8, grow=1, hide=1), Col("PC", 4), Col("Xong", 4), Col("Quá hạn", 7)])
        tasks.details = _task_details
        assignment_columns(self.query_one("#assignments", PagedTable))

    def reload(self) -> None:
        did, day = self.did, self.tracker.as_of
        app = self.tracker

        def load(store: Any) -> DirectiveData:
            doc = store.directive(did)
            parent = None
            if doc.get("parent_id"):
                try:
                    parent = directive_label(store.directive(doc["parent_id"]))
                except Exception:
                    parent = None
            rows = app.cached(("directive-rows", did, day),
                              lambda: store.assignments(day, AssignmentFilter(directive=did), with_text=False))
            return DirectiveData(doc, parent, data.task_summaries(store, did, day), rows)

        self.fetch("directive", load)

    def show_directive(self, d: DirectiveData) -> None:
        self.info = d
        texts = {t.task.id: t.task.text for t in d.tasks}
        self.by_task = {}
        for r in d.rows:
            r.task = texts.get(r.task_id, "")
            self.by_task.setdefault(r.task_id, []).append(r)
        self._header()
        tasks = self.query_one("#tasks", PagedTable)
        keep = str(self.task_id) if self.task_id is not None else None
        tasks.show(d.tasks, _render_task, keep=keep, key=lambda t: str(t.task.id))
        self.task_id = None
        tasks.set_title(f"Nhiệm vụ ({len(d.tasks)})")
        self._show_assignments()

    def _header(self) -> None:
        d = self.info
        if d is None:
            return
        doc = d.doc
        t = Text()
        t.append(directive_label(doc), style="bold")
        kind = DOC_TYPES.get(doc.get("doc_type") or "", doc.get("doc_type") or "")
        issuer = data.issuer_name(doc.get("issuer"), doc.get("issuer_id"))
        parts = [p for p in (kind, fmt.doc_day(doc.get("date")), issuer,
                             f"cấp {fmt.level(doc.get('level'))}" if doc.get("level") else "") if p]
        t.append(" · " + " · ".join(parts))
        if issuer != (doc.get("issuer") or ""):
            t.append(f" (văn bản ghi «{doc.get('issuer')}»)", style="dim")
        t.append("\nV/v " + fmt.short(doc.get("subject"), 220))
        if doc.get("parent_ref") or d.parent_label:
            t.append("\nThực hiện văn bản: ", style="dim")
            if d.parent_label:
                sure = "đã xác nhận" if doc.get("parent_confirmed") else "chưa xác nhận"
                t.append(f"{d.parent_label} ({sure})")
            else:
                t.append(f"{doc.get('parent_ref')} (chưa nạp)")
        counts: dict[str, int] = {}
        ageing = {30: 0, 60: 0, 120: 0}
        for r in d.rows:
            counts[r.category] = counts.get(r.category, 0) + 1
            if r.category == "overdue":
                for limit in ageing:
                    if r.days_late > limit:
                        ageing[limit] += 1
        t.append("\n")
        t.append(counts_text(counts, ageing, prefix=f"{len(d.rows)} phân công: "))
        self.query_one("#header", Static).update(t)

    @on(DataTable.RowHighlighted, "#tasks")
    def _task_moved(self) -> None:
        self._show_assignments()

    @on(DataTable.RowSelected, "#tasks")
    def _task_chosen(self) -> None:
        self.action_focus_assignments()

    def _current_task(self) -> data.TaskSummary | None:
        return self.query_one("#tasks", PagedTable).current_record()

    def _show_assignments(self) -> None:
        ts = self._current_task()
        table = self.query_one("#assignments", PagedTable)
        rows = self.by_task.get(ts.task.id, []) if ts else []
        table.set_title(f"Phân công của nhiệm vụ {ts.task.path} ({len(rows)})" if ts else "Phân công")
        table.show(rows, lambda r: (str(r.id), assignment_cells(r)), key=lambda r: str(r.id))

    def action_focus_assignments(self) -> None:
        self.query_one("#assignments", PagedTable).focus()

    def current_assignment(self) -> AssignmentRow | None:
        return self.query_one("#assignments", PagedTable).current_record()

    def action_chain(self) -> None:
        ts = self._current_task()
        self.open_chain(self.did, ts.task.id if ts else None, ts.task.path if ts else "")


def _task_details(ts: data.TaskSummary) -> list[tuple[str, str]]:
    """A task's row in full adds its units and its deadline as the document writes them, and its warnings."""
    t = ts.task
    out = [("Chủ trì (văn bản ghi)", "; ".join(u.get("name", "") for u in t.lead)),
           ("Phối hợp (văn bản ghi)", "; ".join(u.get("name", "") for u in t.support))]
    if t.deadline and t.deadline.get("text"):
        out.append(("Thời hạn (văn bản ghi)", t.deadline["text"]))
    out += [("Cảnh báo", w) for w in t.warnings]
    return out


def _render_task(ts: data.TaskSummary) -> tuple[str, list[Any]]:
    t = ts.task
    # The mark goes first: a cut text would hide it at the end.
    text = Text("⚠ ", style="yellow") if t.warnings else Text("")
    text.append(fmt.short(t.text, 400))
    overdue = Text(str(ts.overdue), style="bold red") if ts.overdue else Text("0", style="dim")
    return str(t.id), [
        t.path, text, fmt.deadline_text(t.deadline), ",".join(f"{i:02d}" for i in t.indicators),
        str(ts.assignments), fmt.pct(ts.done_pct), overdue,
    ]
