"""Constructed plans whose tasks sit in an appendix table, written as PDF, DOCX and text.

Every word here is ours: the plans are made up to show the layouts real
appendix tables use, never copied from a real document.

A table is a grid of strings, one list per row, with two marks:
"<" — this cell is merged with the one on its left; "^" — with the one above.

PDFs are drawn with reportlab rather than exported from Word or LibreOffice
because the tests need to say exactly where every rule goes: a rule drawn
twice a few points apart, header rules offset from the body's, a row cut by a
page break with its remainder on the next page, borders drawn (as Word draws
them) as thin filled rectangles per cell side. The Vietnamese font is DejaVu,
which matplotlib (a dependency of the report) ships.

    python tests/data/make_tables.py OUT_DIR     # writes every sample, for a look
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

LEFT, RIGHT, TOP, BOTTOM = 56.0, 539.0, 56.0, 786.0  # A4 margins (points, from the top)
PAGE_W, PAGE_H = 595.0, 842.0


@dataclass
class TableSpec:
    widths: list[float]  # column widths in points
    header: list[list[str]]  # one or two rows
    rows: list[list[str]]
    repeat_header: bool = False  # the header row(s) drawn again on every page
    number_row: bool = False  # a row "(1) (2) (3) ..." under the header
    doubled: float = 0.0  # every vertical rule drawn twice, this far apart
    header_shift: float = 0.0  # the header's vertical rules this far right of the body's
    cut_rows: bool = False  # a row that does not fit breaks across the page
    rects: bool = True  # borders as thin filled rectangles, as Word exports them
    font_size: float = 9.5


@dataclass
class PlanSpec:
    table: TableSpec
    issuer: tuple[str, str] = ("UBND TỈNH AN PHÚ", "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    number: str = "Số: 27/KH-SKHCN"
    place_date: str = "An Phú, ngày 12 tháng 3 năm 2025"
    title: str = "KẾ HOẠCH"
    subject: str = "Triển khai các nhiệm vụ chuyển đổi số năm 2025"
    body: list[str] = field(default_factory=lambda: [
        "Căn cứ tình hình thực tế, Sở Khoa học và Công nghệ ban hành Kế hoạch triển khai các nhiệm vụ "
        "chuyển đổi số năm 2025 như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Bảo đảm các nhiệm vụ được giao đúng người, đúng việc, đúng thời hạn.",
        "II. NHIỆM VỤ",
        "Các nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.",
    ])
    cc: list[str] = field(default_factory=lambda: ["- UBND tỉnh (b/c);", "- Lưu: VT."])
    signer: list[str] = field(default_factory=lambda: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "Lê Văn Tâm"])
    appendix: list[str] = field(default_factory=lambda: [
        "Phụ lục", "DANH MỤC NHIỆM VỤ NĂM 2025", "(Kèm theo Kế hoạch số 27/KH-SKHCN ngày 12/3/2025)"])
    filler_pages: int = 0  # pages of prose before the closing (for the 30-page benchmark)
    # Further tables after the first, each under a title line of its own ("2. Các nhiệm vụ ...").
    more: list[tuple[str, TableSpec]] = field(default_factory=list)


# ------------------------------------------------------------------ PDF


def _fonts():
    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    base = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf"
    if "Serif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Serif", str(base / "DejaVuSerif.ttf")))
        pdfmetrics.registerFont(TTFont("Serif-Bold", str(base / "DejaVuSerif-Bold.ttf")))
    return pdfmetrics


def _wrap(text: str, width: float, font: str, size: float) -> list[str]:
    pdfmetrics = _fonts()
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split():
            trial = f"{line} {word}".strip()
            if line and pdfmetrics.stringWidth(trial, font, size) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


class _Pdf:
    """A page cursor over a reportlab canvas; y grows downwards like pdfplumber's `top`."""

    def __init__(self, path: Path):
        from reportlab.pdfgen import canvas

        _fonts()
        self.c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
        self.y = TOP

    def new_page(self) -> None:
        self.c.showPage()
        self.y = TOP

    def text(self, x: float, y: float, s: str, bold: bool = False, size: float = 11, center: bool = False) -> None:
        self.c.setFont("Serif-Bold" if bold else "Serif", size)
        if center:
            self.c.drawCentredString(x, PAGE_H - y - size, s)
        else:
            self.c.drawString(x, PAGE_H - y - size, s)

    def para(self, s: str, bold: bool = False, size: float = 11, center: bool = False, indent: float = 0) -> None:
        font = "Serif-Bold" if bold else "Serif"
        for line in _wrap(s, RIGHT - LEFT - indent, font, size):
            if self.y + size * 1.35 > BOTTOM:
                self.new_page()
            self.text((LEFT + RIGHT) / 2 if center else LEFT + indent, self.y, line, bold, size, center)
            self.y += size * 1.35

    def rule(self, x0: float, y0: float, x1: float, y1: float, rect: bool) -> None:
        if rect:  # a thin filled rectangle, as Word draws a cell border
            w = 0.5
            if x0 == x1:
                self.c.rect(x0 - w / 2, PAGE_H - y1, w, y1 - y0, stroke=0, fill=1)
            else:
                self.c.rect(x0, PAGE_H - y0 - w / 2, x1 - x0, w, stroke=0, fill=1)
        else:
            self.c.setLineWidth(0.5)
            self.c.line(x0, PAGE_H - y0, x1, PAGE_H - y1)

    def save(self) -> None:
        self.c.save()


def _anchors(grid: list[list[str]]) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, col) of each cell that holds text → its span (rows, cols)."""
    out = {}
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v in ("<", "^"):
                continue
            cols = 1
            while c + cols < len(row) and row[c + cols] == "<":
                cols += 1
            rows = 1
            while r + rows < len(grid) and grid[r + rows][c] == "^":
                rows += 1
            out[(r, c)] = (rows, cols)
    return out


def _draw_table(pdf: _Pdf, t: TableSpec) -> None:
    size, lead, pad = t.font_size, t.font_size * 1.3, 3.0
    xs = [LEFT]
    for w in t.widths:
        xs.append(xs[-1] + w)
    head = [list(r) for r in t.header]
    if t.number_row:
        head.append([f"({i + 1})" for i in range(len(t.widths))])
    grid = head + [list(r) for r in t.rows]
    nh = len(head)
    spans = _anchors(grid)
    # Each anchor cell's lines; a row's height is its tallest single-row cell.
    lines: dict[tuple[int, int], list[str]] = {}
    for (r, c), (_, cols) in spans.items():
        width = xs[c + cols] - xs[c] - 2 * pad
        bold = r < nh
        lines[(r, c)] = _wrap(grid[r][c], width, "Serif-Bold" if bold else "Serif", size) if grid[r][c] else []

    def row_lines(r: int) -> int:
        return max([len(lines[(r, c)]) for c in range(len(t.widths)) if (r, c) in lines] + [1])

    def draw_fragment(r: int, first: int, count: int, top: float, is_head: bool, continued: bool) -> float:
        """Lines first..first+count of row r at `top`; returns the bottom."""
        bottom = top + count * lead + 2 * pad
        shift = t.header_shift if is_head else 0.0
        row = grid[r]
        for c in range(len(row)):
            if (r, c) in lines:
                for k, s in enumerate(lines[(r, c)][first:first + count]):
                    pdf.text(xs[c] + pad + shift, top + pad + k * lead, s, bold=is_head, size=size)
            # top rule over this cell, unless it continues a cell merged from above
            if row[c] != "^" or continued:
                pdf.rule(xs[c] + shift, top, xs[c + 1] + shift, top, t.rects)
        for b in range(len(row) + 1):
            if 0 < b < len(row) and row[b] == "<":
                continue  # inside a cell merged across
            x = xs[b] + shift
            pdf.rule(x, top, x, bottom, t.rects)
            if t.doubled:
                pdf.rule(x + t.doubled, top, x + t.doubled, bottom, t.rects)
        return bottom

    def close(bottom: float, r: int, shift: float = 0.0) -> None:
        pdf.rule(xs[0] + shift, bottom, xs[-1] + shift, bottom, t.rects)

    def header() -> None:
        for r in range(nh):
            pdf.y = draw_fragment(r, 0, row_lines(r), pdf.y, True, False)
        # the body's first top rule closes the header

    header()
    r = nh
    while r < len(grid):
        n = row_lines(r)
        need = n * lead + 2 * pad
        if pdf.y + need > BOTTOM:
            room = int((BOTTOM - pdf.y - 2 * pad) // lead)
            if t.cut_rows and room >= 1:
                pdf.y = draw_fragment(r, 0, room, pdf.y, False, False)
                close(pdf.y, r)
                pdf.new_page()
                if t.repeat_header:
                    header()
                pdf.y = draw_fragment(r, room, n - room, pdf.y, False, True)
                r += 1
                continue
            close(pdf.y, r)
            pdf.new_page()
            if t.repeat_header:
                header()
            pdf.y = draw_fragment(r, 0, n, pdf.y, False, True)
            r += 1
            continue
        pdf.y = draw_fragment(r, 0, n, pdf.y, False, False)
        r += 1
    close(pdf.y, r)


FILLER = ("Các cơ quan, đơn vị chủ động rà soát kết quả đã đạt được trong năm trước, đánh giá những việc "
          "còn chậm, đề xuất cách làm phù hợp với điều kiện của từng nơi và báo cáo kết quả theo định kỳ.")


def write_pdf(spec: PlanSpec, path: Path) -> Path:
    pdf = _Pdf(path)
    mid = (LEFT + RIGHT) / 2
    left_c, right_c = LEFT + 95, mid + 120
    pdf.text(left_c, pdf.y, spec.issuer[0], size=11, center=True)
    pdf.text(right_c, pdf.y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=11, center=True)
    pdf.y += 15
    pdf.text(left_c, pdf.y, spec.issuer[1], bold=True, size=11, center=True)
    pdf.text(right_c, pdf.y, "Độc lập - Tự do - Hạnh phúc", bold=True, size=12, center=True)
    pdf.y += 24
    pdf.text(left_c, pdf.y, spec.number, size=11, center=True)
    pdf.text(right_c, pdf.y, spec.place_date, size=11, center=True)
    if spec.title:
        pdf.y += 30
        pdf.para(spec.title, bold=True, size=13, center=True)
        pdf.para(spec.subject, bold=True, size=12, center=True)
    else:  # a công văn: the subject under the number
        pdf.y += 15
        pdf.text(left_c, pdf.y, spec.subject, size=10, center=True)
        pdf.y += 24
    pdf.y += 10
    for p in spec.body:
        pdf.para(p, indent=0)
    for k in range(spec.filler_pages):
        for _ in range(16):  # about a page
            pdf.para(FILLER)
    pdf.y += 12
    if pdf.y + 90 > BOTTOM:
        pdf.new_page()
    top = pdf.y
    pdf.text(LEFT, top, "Nơi nhận:", bold=True, size=10)
    for i, line in enumerate(spec.cc):
        pdf.text(LEFT, top + 13 * (i + 1), line, size=9)
    for i, line in enumerate(spec.signer):
        if line:
            pdf.text(right_c, top + 14 * i, line, bold=True, size=11, center=True)
    pdf.new_page()
    for i, line in enumerate(spec.appendix):
        pdf.para(line, bold=i < 2, size=11, center=True)
    pdf.y += 8
    _draw_table(pdf, spec.table)
    for title, table in spec.more:
        pdf.y += 14
        if pdf.y + 80 > BOTTOM:
            pdf.new_page()
        pdf.para(title, bold=True, size=11)
        pdf.y += 6
        _draw_table(pdf, table)
    pdf.save()
    return path


# ----------------------------------------------------------------- DOCX


def write_docx(spec: PlanSpec, path: Path) -> Path:
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    layout = d.add_table(rows=3, cols=2)
    cells = [(spec.issuer[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), (spec.issuer[1], "Độc lập - Tự do - Hạnh phúc"),
             (spec.number, spec.place_date)]
    for r, (a, b) in enumerate(cells):
        layout.cell(r, 0).text, layout.cell(r, 1).text = a, b
    _one_row(layout)
    if spec.title:
        d.add_paragraph(spec.title)
        d.add_paragraph(spec.subject)
    else:
        layout.cell(0, 0).text += "\n" + spec.subject
    for p in spec.body:
        d.add_paragraph(p)
    closing = d.add_table(rows=1, cols=2)
    closing.cell(0, 0).text = "\n".join(["Nơi nhận:", *spec.cc])
    closing.cell(0, 1).text = "\n".join(line for line in spec.signer if line)
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for line in spec.appendix:
        d.add_paragraph(line)
    _docx_table(d, spec.table)
    for title, table in spec.more:
        d.add_paragraph(title)
        _docx_table(d, table)
    d.save(str(path))
    return path


def _docx_table(d, t: TableSpec) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    head = [list(r) for r in t.header]
    if t.number_row:
        head.append([f"({i + 1})" for i in range(len(t.widths))])
    grid = head + [list(r) for r in t.rows]
    table = d.add_table(rows=len(grid), cols=len(t.widths))
    table.style = "Table Grid"
    for (r, c), (rows, cols) in _anchors(grid).items():
        cell = table.cell(r, c)
        if rows > 1 or cols > 1:
            cell = cell.merge(table.cell(r + rows - 1, c + cols - 1))
        cell.text = grid[r][c]
    for r in range(len(head)):
        tr_pr = table.rows[r]._tr.get_or_add_trPr()
        flag = OxmlElement("w:tblHeader")
        flag.set(qn("w:val"), "true")
        tr_pr.append(flag)


def _one_row(layout) -> None:
    """The header as Word copies set it: one borderless row of two cells, lines inside."""
    left = "\n".join(layout.cell(r, 0).text for r in range(3))
    right = "\n".join(layout.cell(r, 1).text for r in range(3))
    for r in (2, 1):
        layout._tbl.remove(layout.rows[r]._tr)
    layout.cell(0, 0).text, layout.cell(0, 1).text = left, right


# ----------------------------------------------------------------- text


def write_text(spec: PlanSpec, path: Path, pipes: bool = True, rows_per_page: int = 0) -> Path:
    """A text copy: the header flattened, the table as rows of cells between pipes (or tabs),
    its header again after every page break when the table repeats it."""
    t = spec.table
    out = [spec.issuer[0], spec.issuer[1], spec.number, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
           "Độc lập - Tự do - Hạnh phúc", spec.place_date, ""]
    out += [spec.title, spec.subject, ""] if spec.title else [spec.subject, ""]
    out += [p for p in spec.body for p in (p, "")]
    out += ["Nơi nhận:", *spec.cc, *[s for s in spec.signer if s], "", *spec.appendix, ""]

    def line(cells: list[str]) -> str:
        cells = ["" if c in ("<", "^") else c for c in cells]
        return f"| {' | '.join(cells)} |" if pipes else "\t".join(cells)

    head = [line(r) for r in t.header]
    out += head
    page = 1
    for i, row in enumerate(t.rows):
        if rows_per_page and i and i % rows_per_page == 0:
            page += 1
            out += ["", str(page), ""] + (head if t.repeat_header else [])
        out.append(line(row))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def write_cells(spec: PlanSpec, path: Path) -> Path:
    """A text copy as some sites dump a Word page: every table (the header's and the
    signature's two-column layout ones too) one cell per block, each block closed by
    a line holding only "|", a row opened by one; bold as **...**. Merged cells are
    lost: a cell merged from the left or from above is simply not written."""
    out: list[str] = []

    def table(rows: list[list[str]], bold_rows: set[int]) -> None:
        for r, row in enumerate(rows):
            out.append("|")
            spans = "<" in row
            for cell in row:
                if cell in ("<", "^"):
                    continue
                lines = [line for part in cell.split("\n") for line in _lines(part)] if cell else []
                if lines and (r in bold_rows or spans):
                    lines[0] = "**" + lines[0]
                    lines[-1] = lines[-1] + "**"
                out.extend(lines)
                out.append("|")

    table([[spec.issuer[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
           [spec.issuer[1], "Độc lập - Tự do - Hạnh phúc"], [spec.number, spec.place_date]], {0, 1})
    out.append("")
    if spec.title:
        out += [f"**{spec.title}**", "", spec.subject, ""]
    else:
        out += [spec.subject, ""]
    for p in spec.body:
        out += [*_lines(p), ""]
    table([["Nơi nhận:\n" + "\n".join(spec.cc), "\n".join(s for s in spec.signer if s)]], set())
    out += ["", *[f"**{line}**" for line in spec.appendix[:2]], *spec.appendix[2:], ""]
    for title, t in [("", spec.table), *spec.more]:
        if title:
            out.append(f"**{title}**")
        table([*t.header, *t.rows], set(range(len(t.header))))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def _lines(text: str, width: int = 70) -> list[str]:
    """A paragraph wrapped as the dumps wrap it."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line] if line else lines


def main() -> None:
    from tests.data import table_samples

    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    for name, spec in table_samples.SAMPLES.items():
        write_pdf(spec, out / f"{name}.pdf")
        write_docx(spec, out / f"{name}.docx")
        write_text(spec, out / f"{name}.txt")
        write_cells(spec, out / f"{name}.cells.md")
        print(name)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    main()
