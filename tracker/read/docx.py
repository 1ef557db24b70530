"""DOCX reader (python-docx): paragraphs and tables in document order.

Word copies of directives set the header and the signature as borderless
two-cell tables; those become header-/closing- lines, left cell first. Every
other table is data (an appendix). Automatic list numbering is not part of a
paragraph's text in Word, so it is rendered here ("1.", "a)", "-") from the
numbering definitions, or the outline would lose its enumerators.

The body is streamed: python-docx opens the package with an empty body (for
its styles, numbering and tables), and the real document.xml is read element
by element, each paragraph dropped once read. python-docx would parse the
whole body into a tree about ten times its size (470 MB for 200,000
paragraphs) and make a Python object of every element it is asked about.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Iterator

from tracker import limits
from tracker.errors import InputError
from tracker.model import Document, Line, Table
from tracker.text import fold, normalize


_NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_OFFICE_DOCUMENT = "/officeDocument"
# The main part as python-docx gets it: an empty body; the real one is streamed (_body_children).
_SKELETON = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_NS_W}"><w:body/></w:document>'.encode()


def _main_part(z: zipfile.ZipFile) -> str | None:
    """The name of the document's main part (word/document.xml as Word writes it), None when there is none."""
    from lxml import etree

    names = set(z.namelist())
    try:
        rels = etree.fromstring(z.read("_rels/.rels"), etree.XMLParser(resolve_entities=False, no_network=True))
    except (KeyError, etree.XMLSyntaxError):
        rels = None
    for rel in rels.iter() if rels is not None else ():
        if (rel.get("Type") or "").endswith(_OFFICE_DOCUMENT) and rel.get("TargetMode") != "External":
            target = (rel.get("Target") or "").lstrip("/")
            return target if target in names else None
    return "word/document.xml" if "word/document.xml" in names else None


def _open(path: Path, data: bytes):
    """(python-docx Document with an empty body, the zip, the main part's name)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    not_docx = InputError(f"{path}: không phải tệp Word .docx (tệp nén không chứa văn bản); hãy mở bằng Word và lưu lại thành .docx")
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        main = _main_part(z)
        if main is None:
            raise not_docx
        skeleton = io.BytesIO()
        with zipfile.ZipFile(skeleton, "w", zipfile.ZIP_STORED) as out:
            for item in z.infolist():
                out.writestr(item.filename, _SKELETON if item.filename == main else z.read(item))
        return docx.Document(skeleton), z, main
    except InputError:
        raise
    except PackageNotFoundError:
        raise not_docx from None
    except Exception as exc:
        raise InputError(f"{path}: tệp .docx bị hỏng ({type(exc).__name__}); hãy mở bằng Word và lưu lại") from None


def _body_children(z: zipfile.ZipFile, main: str) -> Iterator:
    """The paragraphs and tables of the body, in order, each freed (with what came before it) once used."""
    from lxml import etree

    body = f"{{{_NS_W}}}body"
    with z.open(main) as f:
        for _event, el in etree.iterparse(f, events=("end",), tag=(f"{{{_NS_W}}}p", f"{{{_NS_W}}}tbl"),
                                          resolve_entities=False, no_network=True, remove_blank_text=True):
            parent = el.getparent()
            if parent is None or parent.tag != body:
                continue  # a paragraph inside a table: read with its table
            yield el
            el.clear()
            while el.getprevious() is not None:
                del parent[0]


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
                ilvl = _level(lvl.get(f"{{{ns['w']}}}ilvl"))
                if ilvl is None:
                    continue  # a level Word would not write ("abc"): its paragraphs go unnumbered
                fmt = lvl.find("w:numFmt", ns)
                txt = lvl.find("w:lvlText", ns)
                lv[ilvl] = (
                    fmt.get(f"{{{ns['w']}}}val") if fmt is not None else "decimal",
                    txt.get(f"{{{ns['w']}}}val") if txt is not None else "%1.",
                )
            abstract[aid] = lv
        for num in root.findall("w:num", ns):
            nid = _number(num.get(f"{{{ns['w']}}}numId"))
            ref = num.find("w:abstractNumId", ns)
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{{{ns['w']}}}val"), {}).items():
                self.levels[(nid, ilvl)] = spec

    def label(self, ref: "tuple[str, int] | None") -> str:
        """The rendered number of the next paragraph with numbering `ref` (numId, level), counting it."""
        if ref is None:
            return ""
        nid, ilvl = ref
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


def _number(raw: str | None) -> str | None:
    """A decimal attribute as Word means it ("01" is 1), None if it is not one."""
    try:
        return str(int(raw)) if raw is not None else None
    except ValueError:
        return None


def _level(raw: str | None) -> int | None:
    n = _number(raw)
    return int(n) if n is not None else None


class _Styles:
    """A paragraph style's facts (bold, list numbering), looked up once per style id.

    python-docx finds a style by searching the styles part on every look-up;
    at 200,000 paragraphs that search was most of the reading.
    """

    def __init__(self, document) -> None:
        self._part = document.part
        self._facts: dict[str | None, tuple[bool, tuple[str, int] | None]] = {}

    def facts(self, sid: str | None) -> tuple[bool, tuple[str, int] | None]:
        """(bold, numbering) of the paragraph style `sid` (None: the document's default paragraph style)."""
        if sid not in self._facts:
            from docx.enum.style import WD_STYLE_TYPE

            style = self._part.get_style(sid, WD_STYLE_TYPE.PARAGRAPH)
            bold = bool(style is not None and style.font.bold)
            ref, hops = None, 0
            while style is not None and ref is None and hops < 32:  # base styles could name each other in a loop
                ref = _numbering_ref(style.element.find(_PPR))
                style, hops = style.base_style, hops + 1
            self._facts[sid] = (bold, ref)
        return self._facts[sid]


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _R, _HYPERLINK, _T, _TAB, _BR, _CR, _NB_HYPHEN, _PTAB = (
    f"{_W}{t}" for t in ("p", "r", "hyperlink", "t", "tab", "br", "cr", "noBreakHyphen", "ptab"))
_RPR, _B, _VAL, _TYPE = f"{_W}rPr", f"{_W}b", f"{_W}val", f"{_W}type"
_PPR, _PSTYLE, _NUMPR, _NUMID, _ILVL = (f"{_W}{t}" for t in ("pPr", "pStyle", "numPr", "numId", "ilvl"))
_OFF = ("0", "false", "off")


def _run_text(run) -> str:
    """What python-docx's Run.text gives, read straight from the XML (its xpath per run is slow)."""
    parts = []
    for e in run.iterchildren(_T, _TAB, _BR, _CR, _NB_HYPHEN, _PTAB):
        tag = e.tag
        if tag == _T:
            parts.append(e.text or "")
        elif tag in (_TAB, _PTAB):
            parts.append("\t")
        elif tag == _BR:
            parts.append("\n" if e.get(_TYPE, "textWrapping") == "textWrapping" else "")
        elif tag == _CR:
            parts.append("\n")
        else:
            parts.append("-")
    return "".join(parts)


def _run_bold(run) -> bool | None:
    rpr = run.find(_RPR)
    b = rpr.find(_B) if rpr is not None else None
    if b is None:
        return None
    return b.get(_VAL, "true").lower() not in _OFF


def _numbering_ref(ppr) -> tuple[str, int] | None:
    """(numId, level) a pPr element asks for, or None; a value Word would not write counts as none."""
    numpr = ppr.find(_NUMPR) if ppr is not None else None
    nid_el = numpr.find(_NUMID) if numpr is not None else None
    if nid_el is None:
        return None
    ilvl_el = numpr.find(_ILVL)
    nid = _number(nid_el.get(_VAL))
    ilvl = _level(ilvl_el.get(_VAL)) if ilvl_el is not None else 0
    return (nid, ilvl) if nid is not None and ilvl is not None else None


def _paragraph_facts(element, styles: _Styles) -> tuple[str, bool, tuple[str, int] | None]:
    """A w:p element's text (as python-docx's Paragraph.text), whether all its visible runs are bold, its numbering."""
    ppr = element.find(_PPR)
    pstyle = ppr.find(_PSTYLE) if ppr is not None else None
    style_bold, style_ref = styles.facts(pstyle.get(_VAL) if pstyle is not None else None)
    own = ppr.find(_NUMPR) if ppr is not None else None
    ref = _numbering_ref(ppr) if own is not None and own.find(_NUMID) is not None else style_ref
    texts, bold, any_run = [], True, False
    for el in element.iterchildren(_R, _HYPERLINK):
        for run in (el,) if el.tag == _R else el.iterchildren(_R):
            t = _run_text(run)
            texts.append(t)
            if t.strip():
                any_run = True
                b = _run_bold(run)
                if b is False or (b is None and not style_bold):
                    bold = False
    return "".join(texts), any_run and bold, ref


def _is_bold(paragraph, styles: _Styles) -> bool:
    return _paragraph_facts(paragraph._p, styles)[1]


def _breaks_page(element) -> bool:
    """A hard page break or the page break Word last rendered inside this paragraph."""
    for el in element.iter(_BR, f"{_W}lastRenderedPageBreak"):
        if el.tag != _BR or el.get(_TYPE) == "page":
            return True
    return False


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


def _cell_lines(cell, page: int, region: str, styles: _Styles) -> list[Line]:
    out = []
    for p in cell.paragraphs:
        for part in p.text.split("\n"):
            text = normalize(part)
            if text:
                out.append(Line(text, page=page, region=region, bold=_is_bold(p, styles)))
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
    from docx.oxml.parser import parse_xml
    from docx.table import Table as DocxTable
    from lxml import etree

    from tracker.read.guards import current

    budget = current()
    max_paragraphs = limits.get("TRACKER_MAX_PARAGRAPHS")
    document, z, main = _open(path, data)
    styles = _Styles(document)
    numbering = _Numbering(document)
    doc = Document(path=str(path), format="docx")
    page = 1
    count = 0
    try:
        for child in _body_children(z, main):
            count += 1
            if count > max_paragraphs:
                raise budget.fail("TRACKER_MAX_PARAGRAPHS", f"tệp có hơn {limits.number(max_paragraphs)} đoạn")
            if count % 1000 == 1:
                budget.tick()
            if child.tag == _P:
                if _breaks_page(child):
                    page += 1
                raw, bold, ref = _paragraph_facts(child, styles)
                text = normalize(raw)
                if not text:
                    continue
                budget.add_chars(len(text))
                label = numbering.label(ref)
                doc.blocks.append(Line(label + text if label else text, page=page, bold=bold, gap_before=True))
            else:
                # A table (rare, small) is read through python-docx, from its own element.
                t = DocxTable(parse_xml(etree.tostring(child)), document)
                region = _layout_region(t)
                if region:
                    left, right = t.rows[0].cells
                    doc.blocks.extend(_cell_lines(left, page, f"{region}-left", styles))
                    doc.blocks.extend(_cell_lines(right, page, f"{region}-right", styles))
                    continue
                table = grid_table(t, page)
                if table.rows:
                    doc.blocks.append(table)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{path}: tệp .docx bị hỏng ({type(exc).__name__}); hãy mở bằng Word và lưu lại") from None
    finally:
        z.close()
    doc.pages = page
    if not any(isinstance(b, Line) for b in doc.blocks) and not any(isinstance(b, Table) for b in doc.blocks):
        raise InputError(f"{path}: văn bản không có chữ nào; hãy kiểm tra lại tệp hoặc lưu lại từ bản gốc")
    return doc
