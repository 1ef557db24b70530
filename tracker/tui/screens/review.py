"""Review a parsed directive before saving (the clerk): header, parent directive, and an editable table of tasks.

Unresolved unit names and warnings (a deadline before the directive's date,
no lead unit) are highlighted. What the reader is unsure of (tracker.tui.unsure)
is marked in its own style with a '?', counted, and the cursor starts on the
first such place; n / N go to the next / previous; editing a place makes it sure. Any cell can be edited; tasks can be added,
deleted, split and merged; unit names are resolved again after an edit
(tracker.units.resolve_name, relative to the issuer). Nothing reaches the
store before the clerk confirms the save; cancelling leaves it untouched.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import partial
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Label, Select, Static

from tracker.errors import InputError, TrackerError
from tracker.model import DirectiveDraft, Task, UnitRef
from tracker.store import DirectiveRow, SaveResult
from tracker.track import format_document_day, parse_date
from tracker.track import label as status_label
from tracker.tui import fmt
from tracker.tui import unsure as U
from tracker.tui.actions import bindings
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.widgets.columns import Col, FittedTable
from tracker.tui.widgets.dialogs import ConfirmDialog, PromptDialog, SplitDialog, TextDialog

COLUMNS = (Col("#", 6, key="path"), Col("Nhiệm vụ", 24, grow=4, key="text"), Col("Chủ trì", 14, grow=2, key="lead"),
           Col("Phối hợp", 10, grow=2, key="support"), Col("Thời hạn", 14, grow=1, key="deadline"),
           Col("Chỉ số", 8, key="indicators", hide=1), Col("⚠", 2, key="warn"))
COLUMN_KEYS = tuple(c.key or "" for c in COLUMNS)
UNSURE_STYLE = "bold black on yellow"  # unlike the warnings' yellow text: a field to check, not a fault
HEAD_LABELS = {"r-number": "Số, ký hiệu", "r-date": "Ngày", "r-issuer": "Ban hành", "r-subject": "Trích yếu",
               "parent": "VB cấp trên"}
TALL = 40  # terminal rows from which a task row shows three lines of its text, below that two
NO_PARENT = 0
LOADING = -1


@dataclass
class ParentChoices:
    rows: list[DirectiveRow]
    guess: int | None  # the parent the store would link on saving (tracker.chain), else the cited number's
    confidence: float | None = None
    method: str | None = None  # number | similar | clerk


# -- what the clerk's edits do to a draft (plain functions: the tests call them too) --------------------------


def task_warnings(task: Task) -> list[str]:
    """The warnings a task shows, worked out again after an edit (same words as the parser and resolver)."""
    out = []
    if task.deadline is not None and task.deadline.warning:
        out.append(task.deadline.warning)
    if not task.lead:
        out.append("Chưa xác định đơn vị chủ trì")
    for role, refs in (("chủ trì", task.lead), ("phối hợp", task.support)):
        for ref in refs:
            if ref.id is None:
                out.append(f"Chưa xác định được đơn vị {role} «{ref.name}»")
    return out


def resolve_refs(names: list[str], issuer_id: str | None, old: list[UnitRef]) -> list[UnitRef]:
    """Unit references for names as typed: unchanged names keep their resolution, others are resolved again."""
    from tracker.units import resolve_name

    known = {r.name: r for r in old}
    out = []
    for name in names:
        if name in known:
            out.append(known[name])
            continue
        ref = UnitRef(name)
        if issuer_id:
            res = resolve_name(name, issuer_id)
            if res.id:
                ref.id, ref.group, ref.confidence = res.id, res.group, res.confidence
        out.append(ref)
    return out


def resolve_all(draft: DirectiveDraft) -> None:
    """Resolve every unit name of the draft again against its issuer (after the issuer changed)."""
    issuer = draft.header.issuer_id
    for task in draft.tasks:
        task.lead = resolve_refs([r.name for r in task.lead], issuer, [])
        task.support = resolve_refs([r.name for r in task.support], issuer, [])
        task.warnings = task_warnings(task)


def split_names(text: str) -> list[str]:
    return [n.strip() for n in text.replace("\n", ";").split(";") if n.strip()]


def parse_indicators(text: str) -> list[int]:
    from tracker.extract.indicators import load_catalogue

    n = len(load_catalogue().indicators)
    out: list[int] = []
    for part in text.replace(";", ",").replace(" ", ",").split(","):
        if not part.strip():
            continue
        if not part.strip().isdigit() or not 1 <= int(part) <= n:
            raise InputError(f"'{part.strip()}' không phải số chỉ số (1–{n})")
        if int(part) not in out:
            out.append(int(part))
    return sorted(out)


def parse_deadline(text: str, header_date: str | None) -> Any:
    """A deadline phrase as typed → Deadline (None for an empty text); refuses a phrase the rules do not read."""
    from tracker.extract.deadlines import find_deadline

    if not text.strip():
        return None
    found = find_deadline(text, header_date)
    if found is None:
        raise InputError("không đọc được thời hạn: viết như «trước ngày 30/9/2022», «hằng tháng trước ngày 20», "
                         "«trong vòng 5 ngày làm việc»; để trống nếu không có")
    return found


def split_task(draft: DirectiveDraft, i: int, first: str, second: str) -> None:
    task = draft.tasks[i]
    other = copy.deepcopy(task)
    task.text, other.text = first, second
    other.path = f"{task.path}(2)" if task.path else ""
    draft.tasks.insert(i + 1, other)


def merge_tasks(draft: DirectiveDraft, i: int) -> None:
    """Merge task i with task i+1 (texts joined, units and indicators combined, the first deadline kept)."""
    a, b = draft.tasks[i], draft.tasks.pop(i + 1)
    a.text = f"{a.text.rstrip()} {b.text.lstrip()}".strip()
    names = {r.name for r in a.lead}
    a.lead += [r for r in b.lead if r.name not in names]
    lead = {r.name for r in a.lead}
    names = {r.name for r in a.support}
    a.support = [r for r in a.support + [r for r in b.support if r.name not in names] if r.name not in lead]
    a.deadline = a.deadline or b.deadline
    a.indicators = sorted(set(a.indicators) | set(b.indicators))
    a.warnings = task_warnings(a)


def new_path(draft: DirectiveDraft) -> str:
    used = {t.path for t in draft.tasks}
    n = 1
    while f"+{n}" in used:
        n += 1
    return f"+{n}"


# -- the screen -------------------------------------------------------------------------------------------------


class ReviewScreen(TrackerScreen):
    SCOPE = "review"
    TITLE = "Rà soát trước khi lưu"
    BINDINGS = bindings("review")
    AUTO_FOCUS = "#review-tasks"

    def __init__(self, draft: DirectiveDraft):
        super().__init__()
        self.original = draft
        self.draft = copy.deepcopy(draft)
        self.guess: int | None = None
        self.guess_note = ""
        self.parent_labels: dict[int, str] = {}
        self.edited = False
        self.opened = False  # the cursor went to the first unsure place
        self.header_values: dict[str, str] = {}  # the header inputs as parsed: a change there is the clerk's check
        self.unsure_at_start = len(self._unsure_places(shown_only=False))

    def body(self) -> ComposeResult:
        h = self.draft.header
        # Compact fields (one line each): the tasks are what the clerk reviews, they get the height.
        self.header_values = {"r-number": h.number or "", "r-date": format_document_day(h.date),
                              "r-issuer": h.issuer or "", "r-subject": h.subject or ""}
        with Vertical(id="head"):
            with Horizontal(classes="row"):
                yield Label(HEAD_LABELS["r-number"], id="l-r-number")
                yield Input(h.number or "", placeholder="(để trống)", id="r-number", compact=True)
                yield Label(HEAD_LABELS["r-date"], id="l-r-date")
                yield Input(format_document_day(h.date), placeholder="dd/mm/yyyy", id="r-date", compact=True)
                yield Label(HEAD_LABELS["r-issuer"], id="l-r-issuer")
                yield Input(h.issuer or "", id="r-issuer", compact=True)
            with Horizontal(classes="row"):
                yield Label(HEAD_LABELS["r-subject"], id="l-r-subject")
                yield Input(h.subject or "", id="r-subject", compact=True)
            with Horizontal(classes="row"):
                yield Label(HEAD_LABELS["parent"], id="l-parent")
                yield Select([("(đang tải…)", LOADING)], value=LOADING, allow_blank=False, id="parent", compact=True)
        yield Static("", id="warnings")
        yield FittedTable(id="review-tasks", cursor_type="cell", zebra_stripes=True)
        yield Static("", id="task-detail", classes="detail")

    def on_mount(self) -> None:
        self.query_one("#review-tasks", FittedTable).set_columns(COLUMNS)

    @on(FittedTable.Fitted, "#review-tasks")
    def _refit(self) -> None:
        table = self.query_one("#review-tasks", FittedTable)
        self._fill(table.cursor_before_fit.row, table.cursor_before_fit.column)  # where the clerk was

    # -- parent choices ------------------------------------------------------------------------------------------

    def reload(self) -> None:
        app = self.tracker
        draft = self.draft

        def load(store: Any) -> ParentChoices:
            # What saving would link (the chain's rules, when they are there): a dry run writes nothing.
            try:
                preview = store.save_drafts([draft], dry_run=True)[0]
            except TrackerError:
                preview = None
            # A directive never carries itself out: the copy already loaded (this is a re-load) is no choice.
            itself = preview.directive_id if preview is not None and not preview.created else None
            sha = draft.source.sha256 if draft.source else ""
            rows = [r for r in app.directives(store) if r.id != itself and not (sha and r.sha256 == sha)]
            guess = getattr(preview, "parent_id", None)
            if guess == itself:
                guess = None
            if guess is None and draft.header.parent:
                try:
                    guess = store.find_directive(draft.header.parent)
                except TrackerError:
                    guess = None
                return ParentChoices(rows, guess, 1.0 if guess else None, "number" if guess else None)
            return ParentChoices(rows, guess, getattr(preview, "parent_confidence", None),
                                 getattr(preview, "parent_method", None))

        self.fetch("parents", load)

    def show_parents(self, p: ParentChoices) -> None:
        self.guess = p.guess
        if p.guess is not None:
            how = "theo số văn bản dẫn" if p.method == "number" else (
                f"theo cơ quan, ngày và trích yếu, độ tin cậy {p.confidence * 100:.0f}%" if p.confidence is not None
                else "theo liên kết đã có")
            self.guess_note = how
        select = self.query_one("#parent", Select)
        current = select.value
        options = [("(không có văn bản cấp trên đã nạp)", NO_PARENT)] + [
            (fmt.short(f"{r.label} — {r.issuer or ''}, {fmt.doc_day(r.date)}", 80), r.id) for r in p.rows
        ]
        self.parent_labels = {v: label for label, v in options}
        options = [(Text(label), v) for label, v in options]  # not markup
        with self.prevent(Select.Changed):
            select.set_options(options)
            ids = {r.id for r in p.rows}
            select.value = current if current in ids else (p.guess if p.guess in ids else NO_PARENT)
        self._show_warnings()

    # -- table -----------------------------------------------------------------------------------------------

    def _fill(self, row: int | None = None, column: int | None = None) -> None:
        table = self.query_one("#review-tasks", FittedTable)
        if not table.columns:
            return
        row = table.cursor_row if row is None else row
        column = table.cursor_column if column is None else column
        height = 3 if self.app.size.height >= TALL else 2
        limit = (table.width_of("text") or 24) * height - 1  # the text's beginning, ending in "…" when cut
        table.clear()
        for n, task in enumerate(self.draft.tasks):
            cells = _cells(task, limit, U.task_unsure_columns(task, COLUMN_KEYS))
            table.add_row(*table.shown_cells(cells), key=str(n), height=height)
        if self.draft.tasks:
            table.move_cursor(row=max(0, min(row, len(self.draft.tasks) - 1)), column=column, animate=False)
        title = f"Nhiệm vụ ({len(self.draft.tasks)})"
        count = len(self._unsure_places(shown_only=False))
        table.border_title = f"{title} · ? {count} chỗ cần kiểm tra" if count else title
        table.border_subtitle = "Enter sửa ô · a thêm · d xóa · p tách · g gộp · Ctrl+S lưu · Esc hủy"
        self._show_warnings()
        if not self.opened and table.size.width:  # once laid out: refitting to the real width clears the cursor
            self.opened = True
            self._go_first_unsure()

    def _show_warnings(self) -> None:
        d = self.draft
        unresolved = sorted({r.name for t in d.tasks for r in t.lead + t.support if r.id is None})
        warned = sum(1 for t in d.tasks if t.warnings)
        t = Text()
        self._mark_header()
        self._unsure_legend(t)
        if not d.header.issuer_id:
            t.append("⚠ Chưa xác định được cơ quan ban hành: tên đơn vị sẽ không được đối chiếu.\n", style="bold yellow")
        if unresolved:
            t.append(f"⚠ {len(unresolved)} tên đơn vị chưa xác định (tô vàng, sẽ lưu nguyên văn): ", style="yellow")
            t.append(fmt.short("; ".join(unresolved), 200) + "\n")
        if warned:
            t.append(f"⚠ {warned} nhiệm vụ có cảnh báo (cột ⚠; Enter trên ô để xem)\n", style="yellow")
        if self.guess is not None:
            t.append(f"Văn bản cấp trên đề xuất: {self.parent_labels.get(self.guess, self.guess)} ({self.guess_note}); "
                     "đổi ở ô «VB cấp trên» nếu sai.\n", style="cyan")
        elif self.draft.header.parent:
            t.append(f"Văn bản được thực hiện: {self.draft.header.parent} (chưa nạp: sẽ giữ làm tham chiếu)\n", style="dim")
        if not t.plain:
            t.append("Không có cảnh báo.", style="green")
        self.query_one("#warnings", Static).update(t.rstrip() or t)

    # -- what the reader is unsure of ------------------------------------------------------------------

    def _unsure_places(self, shown_only: bool = True) -> list[U.Place]:
        found = U.places(self.draft.header, self.draft.tasks, COLUMN_KEYS)
        if not shown_only:
            return found
        table = self.query_one("#review-tasks", FittedTable)
        return [p for p in found if p.row is None or table.width_of(p.where) is not None]

    def _unsure_legend(self, t: Text) -> None:
        count = len(self._unsure_places(shown_only=False))
        hidden = count - len(self._unsure_places())
        if count:
            t.append(f" ? {count} chỗ cần kiểm tra ", style=UNSURE_STYLE)
            t.append(" chưa chắc chắn: n/F7 chỗ tiếp, N chỗ trước; sửa ô là đã kiểm tra"
                     + (f"; {hidden} chỗ ở cột đang ẩn (cửa sổ hẹp)" if hidden else "") + ".\n")
        elif self.unsure_at_start:
            t.append("✓ Đã kiểm tra hết các chỗ chưa chắc chắn.\n", style="green")
        elsewhere = U.header_unsure_elsewhere(self.draft.header)
        if elsewhere:
            t.append("? Chưa chắc (không sửa ở đây, hãy đối chiếu văn bản gốc): " + ", ".join(elsewhere) + "\n")

    def _mark_header(self) -> None:
        unsure = set(U.header_unsure_widgets(self.draft.header))
        for widget in U.WIDGET_ORDER:
            field = self.query_one(f"#{widget}")
            label = self.query_one(f"#l-{widget}", Label)
            field.set_class(widget in unsure, "unsure")
            label.set_class(widget in unsure, "unsure")
            text = HEAD_LABELS[widget]
            label.update(f"{text} ?" if widget in unsure else text)

    def _place_at(self) -> U.Place | None:
        focused = self.focused
        if focused is not None and focused.id in U.WIDGET_ORDER:
            return U.Place(None, focused.id)
        at = self._cursor()
        return U.Place(at[0], at[1]) if at else None

    def _go(self, place: U.Place) -> None:
        if place.row is None:
            self.query_one(f"#{place.where}").focus()
            return
        table = self.query_one("#review-tasks", FittedTable)
        table.focus()
        table.move_cursor(row=place.row, column=table.get_column_index(place.where), animate=False)

    def _go_first_unsure(self) -> None:
        """On opening: the first unsure task cell (the table keeps the keys), else the first unsure header field."""
        found = self._unsure_places()
        first = next((p for p in found if p.row is not None), found[0] if found else None)
        if first is not None:
            self._go(first)

    def _jump(self, forward: bool) -> None:
        place = U.step(self._unsure_places(), self._place_at(), COLUMN_KEYS, forward)
        if place is None:
            self.notify("Không còn chỗ nào chưa chắc chắn", title="Rà soát")
            return
        self._go(place)

    def action_next_unsure(self) -> None:
        self._jump(True)

    def action_prev_unsure(self) -> None:
        self._jump(False)

    def _checked_header(self, widget: str) -> None:
        if widget in U.header_unsure_widgets(self.draft.header):
            U.check_header(self.draft.header, widget)
            self._fill()

    @on(Input.Changed, "#head Input")
    def _header_typed(self, event: Input.Changed) -> None:
        if event.input.id and event.value != self.header_values.get(event.input.id, event.value):
            self._checked_header(event.input.id)

    @on(Input.Submitted, "#head Input")
    def _header_confirmed(self, event: Input.Submitted) -> None:
        if event.input.id:
            self._checked_header(event.input.id)

    @on(Select.Changed, "#parent")
    def _parent_chosen(self) -> None:
        self._checked_header("parent")

    def _cursor(self) -> tuple[int, str] | None:
        table = self.query_one("#review-tasks", FittedTable)
        if not self.draft.tasks or not table.columns:
            return None
        return table.cursor_row, table.column_at(table.cursor_column).key or ""

    @on(DataTable.CellSelected, "#review-tasks")
    def _cell_selected(self) -> None:
        self.action_edit()

    @on(DataTable.CellHighlighted, "#review-tasks")
    def _show_task(self) -> None:
        at = self._cursor()
        detail = self.query_one("#task-detail", Static)
        if at is None:
            detail.update("")
            return
        task = self.draft.tasks[at[0]]
        t = Text()
        t.append(f"{task.path} ", style="bold")
        t.append(fmt.short(task.text, 400))
        t.append("\nChủ trì: ", style="dim")
        t.append_text(_units(task.lead))
        if task.support:
            t.append(" · Phối hợp: ", style="dim")
            t.append_text(_units(task.support))
        if task.deadline is not None:
            t.append(f"\nThời hạn: «{task.deadline.text}» → {fmt.deadline_text(task.deadline)}", style="dim")
        for w in task.warnings:
            t.append(f"\n⚠ {w}", style="yellow")
        detail.update(t)

    # -- edits ---------------------------------------------------------------------------------------------

    def action_edit(self) -> None:
        at = self._cursor()
        if at is None:
            self.action_add()
            return
        i, col = at
        task = self.draft.tasks[i]
        header_date = self.draft.header.date
        if col == "text":
            self.app.push_screen(TextDialog(f"Nội dung nhiệm vụ {task.path}", task.text), partial(self._set_text, i))
        elif col == "path":
            self.app.push_screen(PromptDialog("Số thứ tự (mục) của nhiệm vụ", task.path), partial(self._set, i, "path"))
        elif col in ("lead", "support"):
            names = "; ".join(r.name for r in getattr(task, col))
            what = "chủ trì" if col == "lead" else "phối hợp"
            self.app.push_screen(
                PromptDialog(f"Đơn vị {what} của nhiệm vụ {task.path}", names,
                             hint="Tên đơn vị như trong văn bản, ngăn cách bằng dấu ; — sẽ đối chiếu lại với danh mục"),
                partial(self._set_units, i, col),
            )
        elif col == "deadline":
            self.app.push_screen(
                PromptDialog(f"Thời hạn của nhiệm vụ {task.path}", task.deadline.text if task.deadline else "",
                             hint="Ví dụ: trước ngày 30/9/2022 · hằng tháng trước ngày 20 · trong vòng 5 ngày làm việc",
                             check=lambda v: parse_deadline(v, header_date)),
                partial(self._set, i, "deadline"),
            )
        elif col == "indicators":
            self.app.push_screen(
                PromptDialog(f"Chỉ số 766 của nhiệm vụ {task.path}", ", ".join(str(n) for n in task.indicators),
                             hint="Số thứ tự chỉ số (1–21), ngăn cách bằng dấu phẩy", check=parse_indicators),
                partial(self._set, i, "indicators"),
            )
        else:
            self.notify("\n".join(task.warnings) or "Không có cảnh báo", title=f"Nhiệm vụ {task.path}")

    def _set_text(self, i: int, value: str | None) -> None:
        if value is None or not value.strip():
            return
        self.draft.tasks[i].text = value.strip()
        U.check_task(self.draft.tasks[i], "text", COLUMN_KEYS)
        self._changed(i)

    def _set(self, i: int, field: str, value: str | None) -> None:
        if value is None:
            return
        task = self.draft.tasks[i]
        if field == "path":
            task.path = value
        elif field == "deadline":
            task.deadline = parse_deadline(value, self.draft.header.date)
        elif field == "indicators":
            task.indicators = parse_indicators(value)
        task.warnings = task_warnings(task)
        U.check_task(task, field, COLUMN_KEYS)
        self._changed(i)

    def _set_units(self, i: int, field: str, value: str | None) -> None:
        if value is None:
            return
        task = self.draft.tasks[i]
        old = getattr(task, field)
        issuer = self.draft.header.issuer_id
        names = split_names(value)
        self.fetch("resolved", lambda _s: (i, field, resolve_refs(names, issuer, old)))

    def show_resolved(self, result: tuple[int, str, list[UnitRef]]) -> None:
        i, field, refs = result
        if i >= len(self.draft.tasks):
            return
        task = self.draft.tasks[i]
        setattr(task, field, refs)
        task.warnings = task_warnings(task)
        U.check_task(task, field, COLUMN_KEYS)
        missing = [r.name for r in refs if r.id is None]
        if missing:
            self.notify("Chưa xác định: " + "; ".join(missing), title="Đối chiếu đơn vị", severity="warning")
        self._changed(i)

    def _changed(self, row: int | None = None) -> None:
        self.edited = True
        self._fill(row=row)

    def action_add(self) -> None:
        at = self._cursor()
        i = at[0] + 1 if at else 0
        task = Task(text="", path=new_path(self.draft))
        task.warnings = task_warnings(task)
        self.draft.tasks.insert(i, task)
        self._fill(row=i, column=1)

        def done(value: str | None) -> None:
            if value and value.strip():
                self._set_text(i, value)
            else:  # an empty new task is dropped
                self.draft.tasks.pop(i)
                self._fill(row=max(0, i - 1))

        self.app.push_screen(TextDialog("Nội dung nhiệm vụ mới", ""), done)

    def action_delete(self) -> None:
        at = self._cursor()
        if at is None:
            return
        i = at[0]
        task = self.draft.tasks[i]

        def done(yes: bool | None) -> None:
            if yes:
                self.draft.tasks.pop(i)
                self._changed(i)

        self.app.push_screen(ConfirmDialog(f"Xóa nhiệm vụ {task.path}?", fmt.short(task.text, 300), yes="Xóa"), done)

    def action_split(self) -> None:
        at = self._cursor()
        if at is None:
            return
        i = at[0]

        def done(value: str | None) -> None:
            if value:
                first, second = value.split("\x00", 1)
                split_task(self.draft, i, first, second)
                self._changed(i)

        self.app.push_screen(SplitDialog(f"Tách nhiệm vụ {self.draft.tasks[i].path}", self.draft.tasks[i].text), done)

    def action_merge(self) -> None:
        at = self._cursor()
        if at is None or at[0] + 1 >= len(self.draft.tasks):
            self.notify("Không có nhiệm vụ nào sau nhiệm vụ này để gộp", severity="warning")
            return
        merge_tasks(self.draft, at[0])
        self._changed(at[0])

    def action_resolve(self) -> None:
        draft = self.draft

        def work(_store: Any) -> int:
            resolve_all(draft)
            return sum(1 for t in draft.tasks for r in t.lead + t.support if r.id is None)

        self.fetch("resolved_all", work)

    def show_resolved_all(self, missing: int) -> None:
        self.notify(f"Đã đối chiếu lại; còn {missing} tên chưa xác định", title="Đối chiếu đơn vị")
        self._changed()

    # -- header -------------------------------------------------------------------------------------------------

    @on(Input.Submitted, "#r-issuer")
    def _issuer_changed(self) -> None:
        self._apply_header()
        draft = self.draft

        def work(_store: Any) -> str | None:
            from tracker.units import resolve_issuer

            found = resolve_issuer(draft.header, "\n".join(t.text for t in draft.tasks))
            draft.header.issuer_id = found.id
            if found.id:
                from tracker.units import level_of

                draft.header.level = level_of(found.id)
                resolve_all(draft)
            return found.id

        self.fetch("issuer", work)

    def show_issuer(self, issuer_id: str | None) -> None:
        if issuer_id is None:
            self.notify("Không xác định được cơ quan ban hành từ tên này", severity="warning")
        self._changed()

    def _apply_header(self) -> None:
        """Copy the header inputs into the draft; raises InputError for a date that is not one."""
        h = self.draft.header
        h.number = self.query_one("#r-number", Input).value.strip() or None
        h.issuer = self.query_one("#r-issuer", Input).value.strip() or h.issuer
        h.subject = self.query_one("#r-subject", Input).value.strip() or None
        text = self.query_one("#r-date", Input).value.strip()
        if text and text != format_document_day(h.date):
            day = parse_date(text).isoformat()
            if day != h.date:
                h.date = day
                # Deadlines counted from the directive's date (and the warning about one before it) follow the new date.
                for task in self.draft.tasks:
                    if task.deadline is not None and task.deadline.text:
                        task.deadline = parse_deadline(task.deadline.text, day) or task.deadline
                        task.warnings = task_warnings(task)

    # -- save / cancel ----------------------------------------------------------------------------------------

    def _parent_choice(self) -> int | None:
        value = self.query_one("#parent", Select).value
        return value if isinstance(value, int) and value != NO_PARENT else None

    def action_save(self) -> None:
        try:
            self._apply_header()
        except TrackerError as exc:
            self.notify(f"Ngày của văn bản: {exc}", severity="error")
            return
        if not self.draft.tasks:
            self.notify("Văn bản chưa có nhiệm vụ nào để lưu", severity="warning")
            return
        draft = self.draft
        self.fetch("preview", lambda s: s.save_drafts([draft], dry_run=True)[0])

    def show_preview(self, r: SaveResult) -> None:
        parent = self._parent_choice()
        lines = [
            f"{'Văn bản mới' if r.created else 'Cập nhật văn bản đã có'}: {r.label}",
            f"{r.tasks_added + r.tasks_updated} nhiệm vụ, {r.assignments_added + r.assignments_kept} phân công"
            + ("" if r.created else f" (thêm {r.assignments_added}, bỏ {r.assignments_removed}; trạng thái đã ghi được giữ)"),
        ]
        if r.unresolved:
            lines.append(f"{len(r.unresolved)} tên đơn vị chưa xác định, lưu nguyên văn: {fmt.short('; '.join(r.unresolved), 160)}")
        if r.unexpanded:
            lines.append(f"Nhóm chưa tách được thành đơn vị: {fmt.short('; '.join(r.unexpanded), 120)}")
        if parent is not None:
            lines.append(f"Văn bản cấp trên: {self.parent_labels.get(parent, str(parent))}")
        self._unmatched = list(r.unmatched)
        if r.unmatched:
            lines.append(f"{len(r.unmatched)} phân công đã có ghi nhận không còn trong bản này (được giữ lại):")
            lines += [f"  {u['id']}: {u['task_path']} {u['unit']} — {status_label(u['status'])}" for u in r.unmatched[:8]]
        self.app.push_screen(ConfirmDialog("Lưu vào dữ liệu?", "\n".join(lines), yes="Lưu", no="Chưa lưu"),
                             self._confirmed)

    def _confirmed(self, yes: bool | None) -> None:
        if not yes:
            return
        if getattr(self, "_unmatched", None):
            # Recorded work the new copy lacks is kept unless the clerk says to drop it.
            n = len(self._unmatched)
            self.app.push_screen(ConfirmDialog(f"Bỏ {n} phân công đã có ghi nhận?",
                                               "Văn bản nạp lại không còn các phân công này. Lịch sử vẫn được giữ.",
                                               yes="Bỏ", no="Giữ lại"), self._save)
            return
        self._save(False)

    def _save(self, drop: bool | None) -> None:
        drop_ids = {u["id"] for u in getattr(self, "_unmatched", [])} if drop else False
        draft = self.draft
        parent = self._parent_choice()
        link = parent is not None or (self.guess is not None and parent is None)

        def save(store: Any) -> SaveResult:
            with store.transaction("load"):
                result = store.save_draft(draft, drop_unmatched=drop_ids)
                if link:
                    from tracker.recorder import recorder

                    store.set_parent(result.directive_id, parent, confidence=1.0 if parent else None,
                                     confirmed=True, by=recorder(None))
            return result

        self.fetch("saved", save)

    def show_saved(self, r: SaveResult) -> None:
        self.notify(f"{r.label}: {r.tasks_added + r.tasks_updated} nhiệm vụ, "
                    f"{r.assignments_added + r.assignments_kept} phân công", title="Đã lưu")
        app = self.tracker
        app.data_changed()
        # Back to where the clerk started (closing the load screen), then open what was saved.
        from tracker.tui.screens.load import LoadScreen

        while len(app.screen_stack) > 1 and isinstance(app.screen_stack[-1], (ReviewScreen, LoadScreen)):
            app.pop_screen()
        self.open_directive_from_app(r.directive_id)

    def open_directive_from_app(self, did: int) -> None:
        from tracker.tui.screens.directive import DirectiveScreen

        self.app.push_screen(DirectiveScreen(did))

    def action_cancel(self) -> None:
        def done(yes: bool | None) -> None:
            if yes:
                self.app.pop_screen()

        body = "Chưa có gì được lưu vào dữ liệu." + (" Các chỉnh sửa sẽ mất." if self.edited else "")
        self.app.push_screen(ConfirmDialog("Bỏ văn bản này, không lưu?", body, yes="Bỏ", no="Tiếp tục rà soát"), done)


def _units(refs: list[UnitRef]) -> Text:
    t = Text()
    for n, r in enumerate(refs):
        if n:
            t.append("; ")
        t.append(r.name + ("" if r.id else " (?)"), style="" if r.id else "bold yellow")
    return t


def _cells(task: Task, limit: int = 105, unsure: set[str] | frozenset[str] = frozenset()) -> list[Any]:
    warn = bool(task.warnings)
    late = task.deadline is not None and bool(task.deadline.warning)
    cells = [
        Text(task.path, style="yellow" if warn else ""),
        Text(fmt.short(task.text, limit)),
        _units(task.lead) if task.lead else Text("(chưa có)", style="bold yellow"),
        _units(task.support),
        Text(fmt.deadline_text(task.deadline), style="bold yellow" if late else ""),
        Text(", ".join(str(i) for i in task.indicators)),
        Text("⚠", style="bold yellow") if warn else Text(""),
    ]
    for n, key in enumerate(COLUMN_KEYS):
        if key in unsure:  # a '?' first, so a cut cell still shows it; the text itself stays literal
            cell = Text("? ", style=UNSURE_STYLE)
            cell.append_text(cells[n])
            cell.stylize(UNSURE_STYLE)
            cells[n] = cell
    return cells
