"""The Excel report (openpyxl): one sheet per table, for offices that file and filter.

Every table sheet has its header in row 1, frozen, with an auto-filter over
the whole table; dates are real date cells shown dd/mm/yyyy; rows that stand
for overdue work are filled light red; column widths fit their contents
(long texts wrap within a capped width). The first sheet, "Báo cáo", holds the
title, the scope and the summary in sentences and in figures.

Written in openpyxl's write-only mode: rows stream to the file, so a
province-year of assignments fits in little memory; styles are named styles
registered once, not per cell.
"""
from __future__ import annotations

import io
from copy import copy
from datetime import date
from typing import Any, Callable, Sequence

from tracker.store.records import AssignmentRow
from tracker.track import status as st
from tracker.track.assess import AGEING, OVERDUE
from tracker.track.dates import format_date

from tracker.report import labels as L
from tracker.report.data import ReportData

DATE_FORMAT = "DD/MM/YYYY"
OVERDUE_FILL = "F8D7DA"  # the same light red as the Word report
HEADER_FILL = "D9D9D9"
MAX_WIDTH = 70  # characters; longer texts wrap
MIN_WIDTH = 6
CATEGORY_TITLES = dict(zip(("on_time", "late", "not_due", "overdue"), L.CATEGORIES), cancelled="Không thực hiện")


class Column:
    """A column of a sheet: its title and how to get its cell from a row."""

    def __init__(self, title: str, get: Callable[[Any], Any], *, wrap: bool = False, width: int | None = None):
        self.title, self.get, self.wrap, self.width = title, get, wrap, width


def render_xlsx(data: ReportData) -> bytes:
    """The .xlsx file's bytes."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    styles = _styles(wb)
    _cover(wb, data, styles)
    d = data
    _sheet(wb, styles, "Văn bản", d.directives, [
        Column("STT", None),  # type: ignore[arg-type]
        Column("Số, ký hiệu", lambda x: x.number),
        Column("Ngày ban hành", lambda x: x.date or x.date_text),
        Column("Cơ quan ban hành", lambda x: x.issuer),
        Column("Trích yếu", lambda x: x.subject, wrap=True),
    ])
    _sheet(wb, styles, "Tổng hợp theo đơn vị", d.units, [
        Column("STT", None),  # type: ignore[arg-type]
        Column("Đơn vị", lambda u: u.unit),
        Column("Mã đơn vị", lambda u: u.unit_id or ""),
        Column("Cấp", lambda u: L.level_label(u.level)),
        Column("Tổng số", L.counted),
        Column(L.ON_TIME, lambda u: u.on_time),
        Column(L.LATE_DONE, lambda u: u.late),
        Column(L.NOT_DUE, lambda u: u.not_due),
        Column(L.OVERDUE, lambda u: u.overdue),
        *[Column(title, (lambda n: lambda u: getattr(u, f"over_{n}"))(n)) for n, title in zip(AGEING, L.AGEING_TITLES)],
        Column("Quá hạn lâu nhất (ngày)", lambda u: u.max_days_late),
        Column("Không thực hiện", lambda u: u.cancelled),
        Column("Tỷ lệ hoàn thành (%)", lambda u: u.done_pct),
    ], highlight=lambda u: u.overdue > 0, cells={8, 9, 10, 11, 12})
    _sheet(wb, styles, "Quá hạn", d.overdue, [
        *_assignment_columns(),
        Column("Hạn", lambda r: r.due),
        Column("Số ngày quá hạn", lambda r: r.days_late),
        Column("Thời gian quá hạn", lambda r: _ageing(r.days_late)),
        Column("Trạng thái", lambda r: st.label(r.status)),
    ], highlight=lambda r: True)
    _sheet(wb, styles, f"Đến hạn {L.SOON_DAYS} ngày", d.due_soon, [
        *_assignment_columns(),
        Column("Hạn", lambda r: r.due),
        Column("Còn lại (ngày)", lambda r: L.days_left(r, d.as_of)),
        Column("Trạng thái", lambda r: st.label(r.status)),
    ])
    _sheet(wb, styles, "Đã hoàn thành", d.done_since, [
        *_assignment_columns(),
        Column("Hạn", lambda r: r.due),
        Column("Ngày hoàn thành", lambda r: r.done_on),
        Column("Đánh giá", L.done_verdict),
    ])
    _sheet(wb, styles, "Tất cả phân công", d.rows, [
        *_assignment_columns(),
        Column("Hạn", lambda r: r.due),
        Column("Trạng thái", lambda r: st.label(r.status)),
        Column("Đánh giá", lambda r: CATEGORY_TITLES.get(r.category, r.category)),
        Column("Số ngày trễ hạn", lambda r: r.days_late or None),  # overdue: so far; done late: when done
        Column("Ngày hoàn thành", lambda r: r.done_on),
    ], highlight=lambda r: r.category == OVERDUE)
    if d.indicator_groups:
        lines = [(g, i) for g in d.indicator_groups for i in g.indicators]
        _sheet(wb, styles, "Chỉ số 766", lines, [
            Column("Nhóm", lambda p: p[0].code),
            Column("Tên nhóm chỉ số", lambda p: p[0].name, wrap=True, width=40),
            Column("Chỉ số", lambda p: p[1].code),
            Column("Tên chỉ số", lambda p: p[1].name, wrap=True),
            Column("Điểm", lambda p: p[1].points),
            Column("Nhiệm vụ liên quan", lambda p: p[1].tasks),
            Column("Quá hạn", lambda p: p[1].tasks_overdue),
            Column("Đang thực hiện", lambda p: p[1].tasks_open),
            Column("Đã hoàn thành", lambda p: p[1].tasks_done),
        ], highlight=lambda p: p[1].at_risk)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _assignment_columns() -> list[Column]:
    return [
        Column("STT", None),  # type: ignore[arg-type]
        Column("Đơn vị", lambda r: r.unit + (" (chưa xác định)" if r.unresolved else "")),
        Column("Mã đơn vị", lambda r: r.unit_id or ""),
        Column("Vai trò", lambda r: "Phối hợp" if r.role == "support" else "Chủ trì"),
        Column("Văn bản", lambda r: r.directive),
        Column("Mục", lambda r: r.task_path),
        Column("Nhiệm vụ", lambda r: " ".join(r.task.split()), wrap=True),
    ]


def _ageing(days: int) -> str:
    over = [n for n in AGEING if days > n]
    return f"Trên {over[-1]} ngày" if over else f"Đến {AGEING[0]} ngày"


def _styles(wb: Any) -> dict[str, str]:
    """Named styles, registered once: plain, wrapped, date, header, and each of those on a red fill."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    out = {}
    for fill_name, fill in (("", None), ("od", PatternFill("solid", fgColor=OVERDUE_FILL))):
        for kind in ("text", "wrap", "date", "number"):
            s = NamedStyle(name=f"tracker-{kind}{'-' + fill_name if fill_name else ''}")
            s.font = Font(name="Times New Roman", size=12)
            s.border = border
            s.alignment = Alignment(vertical="top", wrap_text=kind == "wrap")
            if kind == "date":
                s.number_format = DATE_FORMAT
                s.alignment = Alignment(vertical="top", horizontal="center")
            if fill is not None:
                s.fill = fill
            wb.add_named_style(s)
            out[f"{kind}{'-' + fill_name if fill_name else ''}"] = s.name
    head = NamedStyle(name="tracker-header")
    head.font = Font(name="Times New Roman", size=12, bold=True)
    head.fill = PatternFill("solid", fgColor=HEADER_FILL)
    head.border = border
    head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wb.add_named_style(head)
    out["header"] = head.name
    for name, size, bold in (("title", 14, True), ("line", 12, False), ("bold", 12, True)):
        s = NamedStyle(name=f"tracker-{name}")
        s.font = Font(name="Times New Roman", size=size, bold=bold)
        wb.add_named_style(s)
        out[name] = s.name
    return out


def _sheet(wb: Any, styles: dict[str, str], title: str, rows: Sequence[Any], columns: list[Column],
           highlight: Callable[[Any], bool] | None = None, cells: set[int] | None = None) -> None:
    """One table: header in row 1 (frozen, filtered), a row per item, widths that fit.

    Items for which `highlight` holds are filled light red: the whole row,
    or only the columns in `cells` (0-based).
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    table = [[n if c.get is None else c.get(item) for c in columns] for n, item in enumerate(rows, 1)]
    for i, c in enumerate(columns):
        ws.column_dimensions[get_column_letter(i + 1)].width = c.width or _fit(c.title, (r[i] for r in table))
    last = get_column_letter(len(columns))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}{len(table) + 1}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    head = []
    for c in columns:
        cell = WriteOnlyCell(ws, c.title)
        cell.style = styles["header"]
        head.append(cell)
    ws.append(head)
    # One styled cell per style, whose style array each new cell copies: setting a named style
    # looks it up by name every time, which was a fifth of the time of a province-year sheet.
    protos: dict[str, Any] = {}
    for key, name in styles.items():
        proto = WriteOnlyCell(ws)
        proto.style = name
        protos[key] = proto._style
    kinds = ["wrap" if c.wrap else "text" for c in columns]
    for item, values in zip(rows, table):
        marked = highlight is not None and highlight(item)
        out = []
        for i, (kind, value) in enumerate(zip(kinds, values)):
            suffix = "-od" if marked and (cells is None or i in cells) else ""
            if isinstance(value, date):
                kind = "date"
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                kind = "number"
            cell = WriteOnlyCell(ws, value)
            cell._style = copy(protos[kind + suffix])
            out.append(cell)
        ws.append(out)


def _cover(wb: Any, data: ReportData, styles: dict[str, str]) -> None:
    """The first sheet: what the report is, as of when, and the totals."""
    from openpyxl.cell import WriteOnlyCell

    ws = wb.create_sheet("Báo cáo")
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 12

    def line(*values: Any, style: str = "line") -> None:
        cells = []
        for v in values:
            cell = WriteOnlyCell(ws, v)
            cell.style = styles[style]
            if isinstance(v, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(v, float):  # a share: a real number Excel shows as a percentage
                cell.number_format = "0.0%"
            cells.append(cell)
        ws.append(cells)

    line(L.TITLE, style="title")
    for s in L.scope_lines(data):
        line(s, style="bold")
    line("Tính đến ngày", data.as_of)
    if data.reporter:
        line("Đơn vị báo cáo", data.reporter)
    line()
    t = data.totals
    n = L.counted(t)
    line("Tổng hợp", "Số lượt", "Tỷ lệ", style="bold")
    line("Số nhiệm vụ", data.tasks)
    line("Số đơn vị", len(data.units))
    for title, value in zip(L.CATEGORIES, (t.on_time, t.late, t.not_due, t.overdue)):
        line(title, value, value / n if n else 0.0)
    for title, value in zip(L.AGEING_TITLES, (t.over_30, t.over_60, t.over_120)):
        line(title, value)
    line("Không thực hiện (không tính tỷ lệ)", t.cancelled)
    line()
    for s in L.summary_sentences(data):
        line(s)
    line()
    line("Các bảng:", style="bold")
    line(f"Quá hạn: {len(data.overdue)} lượt; đến hạn từ {format_date(data.as_of)} đến {format_date(data.soon_until)}: "
         f"{len(data.due_soon)} lượt; hoàn thành từ {format_date(data.since)}: {len(data.done_since)} lượt.")


def _fit(title: str, values: Any) -> float:
    """A width that shows the longest value (capped) and the title's longest word."""
    longest = max((len(w) for w in title.split()), default=0)
    widest = len(title) if len(title) <= 16 else max(longest, 16)
    for v in values:
        if isinstance(v, date):
            n = 10
        elif isinstance(v, float):
            n = len(f"{v:.1f}")
        else:
            n = len(str(v)) if v is not None else 0
        if n > widest:
            widest = n
            if widest >= MAX_WIDTH:
                break
    return min(max(widest, MIN_WIDTH), MAX_WIDTH) + 2
