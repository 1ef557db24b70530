"""The chair's meeting list: overdue, due in the next 14 days, done since the last meeting; 766 points at stake; export."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import DataTable, Input, Label, Select, Static, TabbedContent, TabPane

from tracker.errors import TrackerError
from tracker.store import AssignmentRow
from tracker.track import format_date, parse_date
from tracker.tui import data, fmt
from tracker.tui.actions import bindings
from tracker.tui.screens.base import TrackerScreen
from tracker.tui.screens.directive import assignment_details
from tracker.tui.widgets.columns import Col
from tracker.tui.widgets.paged_table import PagedTable, heading

GROUPS = [("Nhóm theo văn bản", "directive"), ("Nhóm theo đơn vị", "unit")]
SECTION_IDS = ("overdue", "due_soon", "done")
DEBOUNCE = 0.4
FORMATS = {"docx": "Word", "xlsx": "Excel", "md": "Markdown"}


class MeetingScreen(TrackerScreen):
    SCOPE = "meeting"
    TITLE = "Danh sách cho cuộc họp"
    BINDINGS = bindings("meeting")
    AUTO_FOCUS = "#t-overdue"

    def __init__(self) -> None:
        super().__init__()
        self.day: date | None = None
        self.since: date | None = None
        self.meeting: data.Meeting | None = None
        self.texts: dict[int, str] = {}
        self._timer: Timer | None = None
        self._asked: tuple[Any, ...] | None = None  # (day, since, unit, version) of the last load

    def body(self) -> ComposeResult:
        day = self.tracker.as_of
        with Horizontal(classes="filters"):
            yield Label("Ngày họp")
            yield Input(format_date(day), id="day", classes="date")
            yield Label("Hoàn thành từ")
            yield Input(format_date(data.default_since(day)), id="since", classes="date")
            yield Select(GROUPS, value="directive", allow_blank=False, id="group")
            yield Input(placeholder="Chỉ đơn vị (không cần dấu)…", id="unit")
        yield Static("Đang tải…", id="stakes")
        with TabbedContent(id="sections"):
            for sid in SECTION_IDS:
                with TabPane(_tab_title(sid, None, day), id=f"p-{sid}"):
                    yield PagedTable(id=f"t-{sid}", empty="Không có dòng nào")

    def on_mount(self) -> None:
        for sid in SECTION_IDS:
            t = self.query_one(f"#t-{sid}", PagedTable)
            t.set_columns([Col("ID", 5), Col("Đơn vị / văn bản", 18, grow=3), Col("#", 6), Col("Nhiệm vụ", 16, grow=4),
                           Col("Hạn" if sid != "done" else "Xong ngày", 10), Col("Trễ", 11),
                           Col("Trạng thái", 15, hide=1)])
            t.details = self._details

    def _details(self, item: Any) -> list[tuple[str, str]]:
        if not isinstance(item, AssignmentRow):
            return []
        return [("Đơn vị", item.unit)] + [
            (label, f"{item.task_path} {self.texts.get(item.task_id, item.task)}".strip() if label == "Nhiệm vụ" else text)
            for label, text in assignment_details(item)]

    # -- loading ------------------------------------------------------------------------------------

    def reload(self) -> None:
        try:
            day = parse_date(self.query_one("#day", Input).value)
            since = parse_date(self.query_one("#since", Input).value)
        except TrackerError as exc:
            self.query_one("#stakes", Static).update(Text(f"Ngày không hợp lệ: {exc}", style="red"))
            return
        unit = self.query_one("#unit", Input).value.strip() or None
        self.day, self.since = day, since
        self._asked = self._question()
        self.query_one("#sections", TabbedContent).loading = True
        self.fetch("meeting", lambda s: data.meeting(s, day, since, unit=unit))

    def data_changed(self) -> None:
        # A new as-of day for the app is a new meeting day here.
        day_input = self.query_one("#day", Input)
        if day_input.value != format_date(self.tracker.as_of):
            with self.prevent(Input.Changed):
                day_input.value = format_date(self.tracker.as_of)
        super().data_changed()

    def show_meeting(self, m: data.Meeting) -> None:
        first = self.meeting is None
        self.meeting = m
        self.texts = {}
        self.query_one("#sections", TabbedContent).loading = False
        self._summary()
        self._fill_tables()
        if first:  # the tabs would take the focus otherwise, sooner or later
            self.query_one("#t-overdue", PagedTable).focus()

    def failed_meeting(self, error: str) -> None:
        self.query_one("#sections", TabbedContent).loading = False

    def _summary(self) -> None:
        m = self.meeting
        if m is None:
            return
        s = m.sections
        t = Text()
        t.append(f"Họp ngày {format_date(m.day)}: ", style="bold")
        t.append(f"{len(s['overdue'])} quá hạn", style="bold red")
        t.append(f" · {len(s['due_soon'])} đến hạn trong {data.DUE_SOON_DAYS} ngày")
        t.append(f" · {len(s['done'])} hoàn thành từ {format_date(m.since)}", style="green")
        t.append(f" — {m.units} đơn vị, {m.directives} văn bản\n")
        if m.stakes:
            t.append("Điểm Bộ chỉ số 766 có việc chưa xong: ", style="bold")
            t.append("; ".join(f"{st.code}. {st.name} {st.points:g}/{st.group_points:g} điểm (chỉ số {', '.join(st.indicators)})"
                               for st in m.stakes))
        else:
            t.append("Không có việc chưa xong gắn với Bộ chỉ số 766.", style="dim")
        self.query_one("#stakes", Static).update(t)
        tabs = self.query_one("#sections", TabbedContent)
        for sid in SECTION_IDS:
            tabs.get_tab(f"p-{sid}").label = _tab_title(sid, len(s[sid]), m.since)

    def _fill_tables(self) -> None:
        m = self.meeting
        if m is None:
            return
        by = self.query_one("#group", Select).value
        by = by if isinstance(by, str) else "directive"
        for sid in SECTION_IDS:
            items: list[Any] = []
            for key, rows in data.group_rows(m.sections[sid], by):
                items.append(("g", key, len(rows)))
                items.extend(rows)
            table = self.query_one(f"#t-{sid}", PagedTable)
            table.show(items, lambda item, sid=sid, by=by: _render(item, sid, by, self.texts), key=_key)

    # -- task texts, for the rows on screen ------------------------------------------------------------------

    @on(PagedTable.RowsShown)
    def _rows_shown(self, event: PagedTable.RowsShown) -> None:
        missing = [r for r in event.records if isinstance(r, AssignmentRow) and r.task_id not in self.texts]
        if not missing:
            return
        known = dict(self.texts)

        def load(store: Any) -> dict[int, str]:
            texts = data.TaskTexts(store)
            texts.fill(missing)
            return {r.task_id: r.task for r in missing} | known

        self.fetch(f"texts_{(event.table.id or '').replace('-', '_')}", load)

    def _texts_done(self, table_id: str, texts: dict[int, str]) -> None:
        self.texts.update(texts)
        self.query_one(f"#{table_id}", PagedTable).refill()

    def show_texts_t_overdue(self, texts: dict[int, str]) -> None:
        self._texts_done("t-overdue", texts)

    def show_texts_t_due_soon(self, texts: dict[int, str]) -> None:
        self._texts_done("t-due_soon", texts)

    def show_texts_t_done(self, texts: dict[int, str]) -> None:
        self._texts_done("t-done", texts)

    # -- controls ----------------------------------------------------------------------------------------------

    def _question(self) -> tuple[Any, ...]:
        return (self.query_one("#day", Input).value.strip(), self.query_one("#since", Input).value.strip(),
                self.query_one("#unit", Input).value.strip(), self.tracker.store.version)

    @on(Input.Changed, "#day, #since, #unit")
    def _inputs_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self._reload_if_asked)

    def _reload_if_asked(self) -> None:
        # Inputs announce their first value too: load only when the question changed.
        if self._question() != self._asked:
            self.reload()

    @on(Select.Changed, "#group")
    def _group_changed(self) -> None:
        self._fill_tables()

    def action_toggle_group(self) -> None:
        select = self.query_one("#group", Select)
        select.value = "unit" if select.value == "directive" else "directive"

    def action_next_section(self) -> None:
        tabs = self.query_one("#sections", TabbedContent)
        ids = [f"p-{sid}" for sid in SECTION_IDS]
        nxt = ids[(ids.index(tabs.active) + 1) % len(ids)] if tabs.active in ids else ids[0]
        tabs.active = nxt
        self.query_one(f"#t-{nxt[2:]}", PagedTable).focus()

    def _current(self) -> AssignmentRow | None:
        tabs = self.query_one("#sections", TabbedContent)
        table = self.query_one(f"#t-{(tabs.active or 'p-overdue')[2:]}", PagedTable)
        rec = table.current_record()
        return rec if isinstance(rec, AssignmentRow) else None

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        r = self._current()
        if r is not None:
            self.open_directive(r.directive_id, r.task_id)

    # -- export (tracker.report, issue "Meeting brief and exports") ----------------------------------------------

    def action_export(self, kind: str) -> None:
        import importlib.util

        if importlib.util.find_spec("tracker.report") is None:
            self.notify("Chức năng xuất báo cáo (tracker.report) chưa có trong bản này; "
                        "danh sách vẫn xem được ở đây.", title="Chưa xuất được", severity="warning", timeout=8)
            return
        if self.day is None or self.since is None:
            return
        from tracker.tui.widgets.dialogs import ConfirmDialog, PromptDialog

        try:  # the name `tracker report` gives by default
            from tracker.report.output import default_name

            default = self.tracker.start_dir / default_name(kind, self.day)
        except ImportError:
            default = self.tracker.start_dir / f"bao-cao-{self.day.isoformat()}.{kind}"

        def chosen(value: str | None) -> None:
            if not value:
                return
            path = Path(value).expanduser()
            if not path.is_absolute():
                path = self.tracker.start_dir / path
            if path.exists():
                self.app.push_screen(
                    ConfirmDialog("Tệp đã có", f"{path.name} đã có. Ghi đè lên tệp này?", yes="Ghi đè"),
                    lambda yes: self._export(kind, path, True) if yes else None,
                )
            else:
                self._export(kind, path, False)

        self.app.push_screen(PromptDialog(f"Xuất báo cáo {FORMATS[kind]} ra tệp", default.name,
                                          hint=f"Tên tệp hoặc đường dẫn (mặc định trong {self.tracker.start_dir.name}/)"),
                             chosen)

    def _export(self, kind: str, path: Path, force: bool) -> None:
        from tracker.report import write_report

        day, since = self.day, self.since
        unit = self.query_one("#unit", Input).value.strip() or None
        self.notify(f"Đang xuất {path.name}…")
        self.fetch("exported", lambda s: write_report(s, kind, path, as_of=day, since=since, directive=None,
                                                       unit=unit, force=force) or path)

    def show_exported(self, result: Any) -> None:
        self.notify(f"Đã xuất: {result}", title="Xuất báo cáo")


def _tab_title(sid: str, n: int | None, since: date | None) -> str:
    title = {
        "overdue": "Quá hạn",
        "due_soon": f"Đến hạn trong {data.DUE_SOON_DAYS} ngày",
        "done": f"Hoàn thành từ {format_date(since)}" if since else "Đã hoàn thành",
    }[sid]
    return f"{title} ({n})" if n is not None else title


def _key(item: Any) -> str:
    """A row's key without its cells: the table finds the kept row among 100,000 by it."""
    return f"g:{item[1]}" if isinstance(item, tuple) else str(item.id)


def _render(item: Any, sid: str, by: str, texts: dict[int, str]) -> tuple[str, list[Any]]:
    if isinstance(item, tuple):
        _, key, n = item
        return _key(item), ["", heading(key), "", Text(f"{n} phân công", style="dim"), "", "", ""]
    r: AssignmentRow = item
    style = fmt.CATEGORY_STYLES.get(r.category, "")
    who = r.unit if by == "directive" else r.directive
    when = fmt.day(r.done_on) if sid == "done" else fmt.day(r.due)
    return _key(r), [
        str(r.id), "  " + who, r.task_path, fmt.short(texts.get(r.task_id, r.task), 400), when,
        Text(fmt.days_late(r.days_late, r.category), style=style), fmt.status_label(r.status),
    ]
