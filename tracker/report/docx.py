"""The Word report (python-docx), laid out as a Vietnamese administrative report.

Decree 30/2020/NĐ-CP sets the frame: A4 portrait, margins top/bottom 20 mm,
left 30 mm, right 15 mm; Times New Roman; the issuing body and the national
motto side by side at the top (a borderless two-cell table, as Word copies
of directives do); the page number centred at the top from page 2. Body text
is 14 pt, tables 13 pt. Detail tables give one line per task with the units
it is late (due, done) at, and stop at DOCX_ROWS lines with a line saying how
many more there are (the Excel report lists every assignment): a meeting
brief is read on paper.
"""
from __future__ import annotations

import io
from typing import Any, Sequence

from tracker.track.dates import format_date

from tracker.report import labels as L
from tracker.report.data import ReportData

DOCX_ROWS = 100
FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 13
TASK_CHARS = 220  # a task's text in a table cell, cut with "…" beyond


def render_docx(data: ReportData) -> bytes:
    """The .docx file's bytes."""
    w = _Writer(data)
    w.build()
    buf = io.BytesIO()
    w.doc.save(buf)
    return buf.getvalue()


class _Writer:
    def __init__(self, data: ReportData):
        import docx

        self.data = data
        self.doc = docx.Document()
        self._setup()

    # -- page and styles ---------------------------------------------------------------

    def _setup(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm, Pt

        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.top_margin, sec.bottom_margin = Mm(20), Mm(20)
        sec.left_margin, sec.right_margin = Mm(30), Mm(15)
        sec.header_distance = Mm(10)
        self.text_width = sec.page_width - sec.left_margin - sec.right_margin

        styles = self.doc.styles
        normal = styles["Normal"]
        _font(normal, BODY_PT)
        pf = normal.paragraph_format
        pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(6), 1.15
        for name in ("Heading 1", "Heading 2"):
            h = styles[name]
            _font(h, BODY_PT, bold=True)
            h.paragraph_format.space_before, h.paragraph_format.space_after = Pt(12), Pt(6)
            h.paragraph_format.keep_with_next = True
        cell = styles.add_style("Ô bảng", WD_STYLE_TYPE.PARAGRAPH)
        cell.base_style = normal
        _font(cell, TABLE_PT)
        cell.paragraph_format.space_after, cell.paragraph_format.line_spacing = Pt(0), 1.0
        self.cell_style_id = cell.style_id
        for name in ("Header", "Caption"):
            _font(styles[name], TABLE_PT)

        # Page numbers from page 2, centred at the top.
        sec.different_first_page_header_footer = True
        p = sec.header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(p)

        props = self.doc.core_properties
        props.title = "Báo cáo tình hình thực hiện nhiệm vụ"
        props.subject = L.as_of_line(self.data)
        props.language = "vi-VN"
        props.author = "tracker"

    # -- the document ----------------------------------------------------------------

    def build(self) -> None:
        d = self.data
        self._masthead()
        self._title()
        n = _Numbers()
        self._heading(f"{n.next()}. {L.heading(L.SECTION_DIRECTIVES, upper=True)}")
        self._directives()
        self._heading(f"{n.next()}. {L.heading(L.SECTION_SUMMARY, upper=True)}")
        for line in L.summary_sentences(d):
            self._para(line, indent=not line.startswith("-"))
        self._unit_table()
        self._ageing_table()
        self._heading(f"{n.next()}. {L.heading(L.SECTION_OVERDUE, upper=True)}")
        self._rows_table(
            L.by_task(d.overdue, L.overdue_key), ["STT", "Đơn vị", "Nhiệm vụ", "Hạn", "Số ngày quá hạn"],
            lambda g: [g.unit_list(), L.task_text(g.row, TASK_CHARS), format_date(g.row.due), str(g.row.days_late)],
            [0.08, 0.3, 0.35, 0.16, 0.11], "Không có nhiệm vụ quá hạn.", overdue=True,
        )
        self._heading(f"{n.next()}. {L.section_soon(d, upper=True)}")
        self._rows_table(
            L.by_task(d.due_soon, L.overdue_key), ["STT", "Đơn vị", "Nhiệm vụ", "Hạn", "Còn lại (ngày)"],
            lambda g: [g.unit_list(), L.task_text(g.row, TASK_CHARS), format_date(g.row.due), str(L.days_left(g.row, d.as_of))],
            [0.08, 0.3, 0.35, 0.16, 0.11], "Không có nhiệm vụ đến hạn trong thời gian này.",
        )
        self._heading(f"{n.next()}. {L.section_done(d, upper=True)}")
        self._rows_table(
            L.by_task(d.done_since, L.done_key), ["STT", "Đơn vị", "Nhiệm vụ", "Hạn", "Ngày hoàn thành", "Đánh giá"],
            lambda g: [g.unit_list(), L.task_text(g.row, TASK_CHARS), format_date(g.row.due), format_date(g.row.done_on),
                       L.done_verdict(g.row)],
            [0.08, 0.26, 0.25, 0.155, 0.155, 0.1], "Không có nhiệm vụ hoàn thành trong thời gian này.",
        )
        if d.indicator_groups:
            self._heading(f"{n.next()}. {L.section_766(d, upper=True)}")
            self._indicator_table()
        self._heading(f"{n.next()}. {L.heading(L.SECTION_CHART, upper=True)}")
        self._chart()
        self._closing()

    def _masthead(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        d = self.data
        t = self.doc.add_table(rows=1, cols=2)
        _no_borders(t)
        left, right = t.rows[0].cells
        _width(t, self.text_width, [0.36, 0.64])
        self._cell(left, L.reporter_line(d) or "……………………", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        self._cell(left, "———", align=WD_ALIGN_PARAGRAPH.CENTER, new=True)
        self._cell(left, "Số:        /BC-……", align=WD_ALIGN_PARAGRAPH.CENTER, new=True)
        self._cell(right, L.NATION, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        self._cell(right, L.MOTTO, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, new=True, size=BODY_PT)
        self._cell(right, "———————————", align=WD_ALIGN_PARAGRAPH.CENTER, new=True)
        self._cell(right, L.date_line(d), italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, new=True, size=BODY_PT)

    def _title(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        p = self._para(L.TITLE, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        p.paragraph_format.space_before = Pt(18)
        p.paragraph_format.space_after = Pt(0)
        for line in L.scope_lines(self.data):
            self._para(line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER).paragraph_format.space_after = Pt(0)
        self._para(L.as_of_line(self.data), italic=True, align=WD_ALIGN_PARAGRAPH.CENTER).paragraph_format.space_after = Pt(12)

    def _directives(self) -> None:
        rows = [[d.number, d.date_text, d.issuer, d.subject] for d in self.data.directives]
        if not rows:
            self._para("Không có văn bản nào trong phạm vi báo cáo.", indent=True)
            return
        self._table(["STT", "Số, ký hiệu", "Ngày ban hành", "Cơ quan ban hành", "Trích yếu"], _numbered(rows),
                    [0.08, 0.2, 0.16, 0.19, 0.37], centre={0, 2})

    def _unit_table(self) -> None:
        d = self.data
        if not d.units:
            return
        self._para("Chi tiết theo đơn vị (xếp theo số nhiệm vụ quá hạn):", indent=True, keep=True)
        rows = [[u.unit, str(L.counted(u)), str(u.on_time), str(u.late), str(u.not_due), str(u.overdue)] for u in d.units]
        t = d.totals
        total = ["", t.unit, str(L.counted(t)), str(t.on_time), str(t.late), str(t.not_due), str(t.overdue)]
        self._table(["STT", "Đơn vị", "Tổng số", *L.CATEGORIES], _numbered(rows) + [total],
                    [0.08, 0.32, 0.1, 0.12, 0.12, 0.14, 0.12], centre={0, 2, 3, 4, 5, 6}, bold_last=True,
                    marks=[{6} if u.overdue else set() for u in d.units])

    def _ageing_table(self) -> None:
        late = [u for u in self.data.units if u.overdue]
        if not late:
            return
        self._para("Thời gian quá hạn của các nhiệm vụ quá hạn chưa hoàn thành:", indent=True, keep=True)
        rows = [[u.unit, str(u.overdue), str(u.over_30), str(u.over_60), str(u.over_120), str(u.max_days_late)] for u in late]
        t = self.data.totals
        total = ["", t.unit, str(t.overdue), str(t.over_30), str(t.over_60), str(t.over_120), str(t.max_days_late)]
        self._table(["STT", "Đơn vị", "Quá hạn", *L.AGEING_TITLES, "Lâu nhất (ngày)"], _numbered(rows) + [total],
                    [0.08, 0.32, 0.1, 0.125, 0.125, 0.125, 0.125], centre={0, 2, 3, 4, 5, 6}, bold_last=True)

    def _rows_table(self, groups: Sequence[L.TaskRows], head: list[str], cells: Any, widths: list[float], none: str,
                    *, overdue: bool = False) -> None:
        """A table of assignments, one line per task and units alike; overdue lines shaded."""
        if not groups:
            self._para(none, indent=True)
            return
        shown = groups[:DOCX_ROWS]
        every = set(range(len(head)))
        self._table(head, _numbered([cells(g) for g in shown]), widths, centre={0} | set(range(3, len(head))),
                    marks=[every for _ in shown] if overdue else None, whole_rows=False)
        if len(groups) > len(shown):
            self._para(L.more_rows(groups, len(shown)), italic=True)

    def _indicator_table(self) -> None:
        d = self.data
        rows = []
        for g in d.indicator_groups:
            codes = ", ".join(i.code for i in g.indicators)
            rows.append([g.code, g.name, codes, _num(g.points), str(g.tasks), str(g.tasks_overdue), str(g.tasks_open),
                         _num(g.points_at_risk)])
        total_points = sum(g.points for g in d.indicator_groups)
        at_risk = sum(g.points_at_risk for g in d.indicator_groups)
        rows.append(["", "Tổng cộng", "", _num(total_points), "", "", "", _num(at_risk)])
        self._table(["Nhóm", "Tên nhóm chỉ số", "Chỉ số", "Điểm", "Nhiệm vụ liên quan", "Quá hạn", "Đang thực hiện",
                     "Điểm có nguy cơ"], rows, [0.1, 0.26, 0.12, 0.09, 0.12, 0.1, 0.11, 0.1],
                    centre={0, 2, 3, 4, 5, 6, 7}, bold_last=True,
                    marks=[{5, 7} if g.tasks_overdue else set() for g in d.indicator_groups])
        self._para(L.NOTE_766, italic=True)

    def _chart(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        from tracker.report.chart import chart_units, render_chart

        units = chart_units(self.data.units)
        png = render_chart(units)
        self.doc.add_picture(io.BytesIO(png), width=self.text_width)
        self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        n = len([u for u in self.data.units if u.total - u.cancelled])
        note = (f"{len(units)} đơn vị có nhiều nhiệm vụ quá hạn nhất trong tổng số {n} đơn vị" if n > len(units)
                else f"{n} đơn vị")
        self._para(f"Biểu đồ: tỷ lệ phân công đã hoàn thành, đang thực hiện trong hạn và quá hạn ({note}).",
                   italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    def _closing(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        t = self.doc.add_table(rows=1, cols=2)
        _no_borders(t)
        _width(t, self.text_width, [0.5, 0.5])
        left, right = t.rows[0].cells
        self._cell(left, "Nơi nhận:", bold=True, italic=True, size=12)
        for line in ("- Như trên;", "- Lưu: VT."):
            self._cell(left, line, new=True, size=11)
        self._cell(right, "NGƯỜI LẬP BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        self._cell(right, "(Ký, ghi rõ họ tên)", italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, new=True)

    # -- building blocks -------------------------------------------------------------

    def _heading(self, text: str) -> None:
        self.doc.add_paragraph(text, style="Heading 1")

    def _para(self, text: str, *, bold: bool = False, italic: bool = False, indent: bool = False, align: Any = None,
              keep: bool = False) -> Any:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        p = self.doc.add_paragraph()
        run = p.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        p.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            p.paragraph_format.first_line_indent = Cm(1)
        if keep:  # an introduction: apart from the table above, on the page of its own
            p.paragraph_format.keep_with_next = True
            p.paragraph_format.space_before = Pt(6)
        return p

    def _cell(self, cell: Any, text: str, *, bold: bool = False, italic: bool = False, align: Any = None,
              new: bool = False, size: float | None = None) -> None:
        from docx.shared import Pt

        p = cell.add_paragraph() if new else cell.paragraphs[0]
        p._p.style = self.cell_style_id  # by id: `p.style = ...` looks the style up anew, slow in big tables
        if align is not None:
            p.alignment = align
        run = p.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)

    def _table(self, head: list[str], rows: list[list[str]], widths: list[float], *, centre: set[int] = frozenset(),
               bold_last: bool = False, marks: list[set[int]] | None = None, whole_rows: bool = True) -> None:
        """A grid with a shaded header row repeated on every page; `marks[n]`: the cells of row n
        shaded light red (overdue work). `whole_rows`: a row is never split across pages (not for
        rows that may be long, which would leave half pages empty)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        t = self.doc.add_table(rows=1, cols=len(head))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, head):
            self._cell(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
            _shade(cell, "D9D9D9")
        _row_flag(t.rows[0], "tblHeader")
        last = len(rows) - 1
        for n, values in enumerate(rows):
            row = t.add_row()
            if whole_rows:
                _row_flag(row, "cantSplit")
            cells = row.cells
            mark = marks[n] if marks is not None and n < len(marks) else ()
            for i, (cell, text) in enumerate(zip(cells, values)):
                self._cell(cell, text, bold=bold_last and n == last,
                           align=WD_ALIGN_PARAGRAPH.CENTER if i in centre else None)
                if i in mark:
                    _shade(cell, OVERDUE_FILL)
        _width(t, self.text_width, widths)


OVERDUE_FILL = "F8D7DA"  # overdue rows: a light red, legible in black and white print


class _Numbers:
    """I, II, III ... for the sections."""

    ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")

    def __init__(self) -> None:
        self.n = 0

    def next(self) -> str:
        self.n += 1
        return self.ROMAN[self.n - 1]


def _numbered(rows: list[list[str]]) -> list[list[str]]:
    return [[str(n), *r] for n, r in enumerate(rows, 1)]


def _num(x: float) -> str:
    return (f"{x:.2f}".rstrip("0").rstrip(".")).replace(".", ",")


# -- python-docx has no API for these: the few XML attributes Word reads ----------------


def _font(style: Any, size: float, *, bold: bool = False) -> None:
    """Times New Roman for every script (Vietnamese letters fall in several), black, `size` pt, Vietnamese."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold or None
    style.font.color.rgb = RGBColor(0, 0, 0)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")


def _page_field(paragraph: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _row_flag(row: Any, flag: str) -> None:
    """tblHeader: the row again at the top of every page the table runs onto; cantSplit: a row stays on one page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(f"w:{flag}")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def _no_borders(table: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)


def _width(table: Any, total: int, shares: list[float]) -> None:
    """Column widths as shares of the text width; Word reads the cells' widths, LibreOffice the grid's."""
    table.autofit = False
    widths = [int(total * s / sum(shares)) for s in shares]
    for col, w in zip(table.columns, widths):
        col.width = w
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w
