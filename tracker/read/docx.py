"""DOCX reader (python-docx): paragraphs and tables in document order.

Word copies of directives set the header and the signature as borderless
two-cell tables; those become header-/closing- lines, left cell first. Every
other table is data (an appendix). Automatic list numbering is not part of a
paragraph's text in Word, so it is rendered here ("1.", "a)", "-") from the
numbering definitions, or the outline would lose its enumerators.
"""
from __future__ import annotations

import io
from pathlib import Path

from tracker.errors import InputError
from tracker.model import Document, Line, Table
from tracker.text import fold, normalize


def _open(path: Path, data: bytes):
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise InputError(f"{path}: not a Word .docx file (the zip holds no document); save it again as .docx") from None
    except Exception as exc:
        raise InputError(f"{path}: the .docx file is damaged ({type(exc).__name__}); save it again from Word") from None


class _Numbering:
    """Renders Word's automatic numbering as text: counters per list and level."""

    _ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    _LETTERS = "abcdđeghiklmnopqrstuvxy"  # Vietnamese lists skip f, j, w, z and add đ

    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[str, str]] = {}
        self.counters: dict[tuple[str, int], int] = {}
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError, AttributeError):
            return
        ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
        root = part.element
        abstract = {}
        for an in root.findall("w:abstractNum", ns):
            aid = an.get(f"{{{ns['w']}}}abstractNumId")
            lv = {}
            for lvl in an.findall("w:lvl", ns):
                ilvl = int(lvl.get(f"{{{ns['w']}}}ilvl"))
                fmt = lvl.find("w:numFmt", ns)
                txt = lvl.find("w:lvlText", ns)
                lv[ilvl] = (
                    fmt.get(f"{{{ns['w']}}}val") if fmt is not None else "decimal",
                    txt.get(f"{{{ns['w']}}}val") if txt is not None else "%1.",
                )
            abstract[aid] = lv
        for num in root.findall("w:num", ns):
            nid = num.get(f"{{{ns['w']}}}numId")
            ref = num.find("w:abstractNumId", ns)
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{{{ns['w']}}}val"), {}).items():
                self.levels[(nid, ilvl)] = spec

    @staticmethod
    def _num_pr(paragraph):
        """The paragraph's numbering, its own or its style's ("List Number")."""
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
            return ppr.numPr
        style = paragraph.style
        while style is not None:
            sppr = style.element.pPr
            if sppr is not None and sppr.numPr is not None and sppr.numPr.numId is not None:
                return sppr.numPr
            style = style.base_style
        return None

    def label(self, paragraph) -> str:
        num_pr = self._num_pr(paragraph)
        if num_pr is None:
            return ""
        nid = str(num_pr.numId.val)
        ilvl = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
        spec = self.levels.get((nid, ilvl))
        if spec is None:
            return ""
        fmt, text = spec
        self.counters[(nid, ilvl)] = self.counters.get((nid, ilvl), 0) + 1
        for key in [k for k in self.counters if k[0] == nid and k[1] > ilvl]:
            del self.counters[key]  # a higher level restarts the lower ones
        if fmt == "bullet":
            return "- "
        n = self.counters[(nid, ilvl)]
        rendered = {
            "decimal": str(n),
            "lowerLetter": self._LETTERS[(n - 1) % len(self._LETTERS)],
            "upperLetter": self._LETTERS[(n - 1) % len(self._LETTERS)].upper(),
            "lowerRoman": self._roman(n).lower(),
            "upperRoman": self._roman(n),
        }.get(fmt, str(n))
        # lvlText is like "%1." or "%2)"; only the own level's counter is kept.
        label = text
        for i in range(1, 10):
            label = label.replace(f"%{i}", rendered if i == ilvl + 1 else "")
        label = label.strip(".") + "." if label.endswith(".") else label
        return label.strip() + " "

    @classmethod
    def _roman(cls, n: int) -> str:
        out = ""
        for value, sym in cls._ROMAN:
            while n >= value:
                out += sym
                n -= value
        return out


def _is_bold(paragraph) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold or (r.bold is None and paragraph.style is not None and paragraph.style.font.bold) for r in runs)


def _layout_region(table) -> str | None:
    """'header' or 'closing' for the borderless two-cell layout tables, else None."""
    if len(table.rows) != 1 or len(table.columns) != 2:
        return None
    text = fold(" ".join(c.text for c in table.rows[0].cells))
    if "noi nhan" in text or text.lstrip().startswith(("tm.", "kt.")):
        return "closing"
    if "cong hoa xa hoi" in text or "doc lap" in text or "so:" in text:
        return "header"
    return None


def _cell_lines(cell, page: int, region: str) -> list[Line]:
    out = []
    for p in cell.paragraphs:
        for part in p.text.split("\n"):
            text = normalize(part)
            if text:
                out.append(Line(text, page=page, region=region, bold=_is_bold(p)))
    return out


def grid_table(t, page: int) -> Table:
    """A Word table on its layout grid: one cell per grid column, None where a cell
    merged across (gridSpan) or down (vMerge) covers the position, the latter
    recorded in `merged_down`; rows that start late or end early are padded."""
    from docx.table import _Cell

    rows: list[list[str | None]] = []
    merged_down: set[tuple[int, int]] = set()
    for ri, r in enumerate(t.rows):
        cells: list[str | None] = [None] * r.grid_cols_before
        for tc in r._tr.tc_lst:
            span = tc.grid_span
            if tc.vMerge == "continue":
                merged_down.update((ri, ci) for ci in range(len(cells), len(cells) + span))
                cells.extend([None] * span)
                continue
            cells.append(normalize(_Cell(tc, t).text.replace("\n", " ")))
            cells.extend([None] * (span - 1))
        rows.append(cells + [None] * r.grid_cols_after)
    width = max((len(r) for r in rows), default=0)
    return Table([r + [None] * (width - len(r)) for r in rows], page=page, merged_down=merged_down)


def read_docx(path: Path, data: bytes) -> Document:
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    document = _open(path, data)
    numbering = _Numbering(document)
    doc = Document(path=str(path), format="docx")
    page = 1
    try:
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                p = Paragraph(child, document)
                if 'w:br w:type="page"' in child.xml or "lastRenderedPageBreak" in child.xml:
                    page += 1
                text = normalize(p.text)
                if not text:
                    continue
                label = numbering.label(p)
                doc.blocks.append(Line(label + text if label else text, page=page, bold=_is_bold(p), gap_before=True))
            elif tag == "tbl":
                t = DocxTable(child, document)
                region = _layout_region(t)
                if region:
                    left, right = t.rows[0].cells
                    doc.blocks.extend(_cell_lines(left, page, f"{region}-left"))
                    doc.blocks.extend(_cell_lines(right, page, f"{region}-right"))
                    continue
                table = grid_table(t, page)
                if table.rows:
                    doc.blocks.append(table)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{path}: the .docx file is damaged ({type(exc).__name__}); save it again from Word") from None
    doc.pages = page
    if not any(isinstance(b, Line) for b in doc.blocks) and not any(isinstance(b, Table) for b in doc.blocks):
        raise InputError(f"{path}: the document has no text")
    return doc
