"""PDF reader (pdfplumber): words with positions → lines, tables, header and closing columns.

Vietnamese administrative documents set two blocks side by side: on page 1 the
issuer (left) beside the national motto and place/date (right); at the end
"Nơi nhận" (left) beside the signature (right). Reading such a line straight
across interleaves them, so those bands are split at the empty vertical strip
(the gutter) between the columns and emitted column by column.
"""
from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import InputError
from tracker.read import is_page_number
from tracker.read.pdf_tables import find_tables, to_table
from tracker.model import Document, Line
from tracker.text import fold, normalize



@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool


@dataclass
class _Row:
    words: list[_Word]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def _open(path: Path, data: bytes):
    import pdfplumber

    from tracker.read.guards import install_pdf_guards

    install_pdf_guards()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # forces the page tree: a damaged file fails here
    except Exception as exc:  # pdfminer raises many kinds for damaged files; pdfplumber wraps them
        raise _known_cause(path, exc) or InputError(
            f"{path}: không đọc được tệp PDF (hỏng hoặc thiếu phần cuối: {type(exc).__name__}); hãy lấy lại một bản khác của tệp"
        ) from None
    return pdf


def _known_cause(path: Path, exc: BaseException) -> InputError | None:
    """The one line for a failure with a cause the user can act on (a limit, a password), else None."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    seen: list[BaseException] = []
    todo = [exc]
    while todo:  # pdfplumber wraps pdfminer's error in PdfminerException(error)
        e = todo.pop()
        if e in seen:
            continue
        seen.append(e)
        if isinstance(e, InputError):
            return e
        todo += [a for a in e.args if isinstance(a, BaseException)] + [c for c in (e.__cause__, e.__context__) if c]
    if any(isinstance(e, PDFPasswordIncorrect) for e in seen):
        return InputError(
            f"{path}: tệp PDF có mật khẩu; hãy gỡ mật khẩu (vd. 'qpdf --decrypt --password=… in.pdf out.pdf') rồi thử lại"
        )
    if any(isinstance(e, PDFEncryptionError) for e in seen):
        return InputError(f"{path}: tệp PDF được mã hóa theo cách chưa đọc được; hãy lưu lại bản không mã hóa "
                          "(vd. 'qpdf --decrypt in.pdf out.pdf') rồi thử lại")
    return None


def _page_words(page, table_boxes: list[tuple[float, float, float, float]]) -> list[_Word]:
    words = []
    for w in page.extract_words(extra_attrs=["fontname"], keep_blank_chars=False, use_text_flow=False):
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        if any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in table_boxes):
            continue
        text = normalize(w["text"])
        if not text:
            continue
        bold = "Bold" in w.get("fontname", "")
        last = words[-1] if words else None
        if last and abs(last.top - w["top"]) <= 1 and -WORD_GAP <= w["x0"] - last.x1 <= WORD_GAP:
            # Split only by a change of font (a subset font holding the accented letters:
            # "Th|ủ|t|ướ|ng"): letters that touch are one word, as pdfplumber joins them.
            bold = bold if len(text) > len(last.text) else last.bold
            words[-1] = _Word(normalize(last.text + text), last.x0, w["x1"], last.top, max(last.bottom, w["bottom"]), bold)
            continue
        words.append(_Word(text, w["x0"], w["x1"], w["top"], w["bottom"], bold))
    return words


WORD_GAP = 1.0  # letters this close touch (a space is wider, about a quarter of the font size)


def _rows(words: list[_Word]) -> list[_Row]:
    """Group words into visual lines by their vertical position."""
    rows: list[_Row] = []
    for w in sorted(words, key=lambda w: (round(w.top), w.x0)):
        if rows and abs(rows[-1].words[0].top - w.top) <= 2.5:
            rows[-1].words.append(w)
        else:
            rows.append(_Row([w]))
    for r in rows:
        r.words.sort(key=lambda w: w.x0)
    return rows


def _gutter(rows: list[_Row], width: float) -> float | None:
    """x of the widest empty vertical strip between two columns, or None."""
    spans = sorted((w.x0, w.x1) for r in rows for w in r.words)
    if not spans:
        return None
    merged = [list(spans[0])]
    for a, b in spans[1:]:
        if a <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    best, best_width = None, 6.0
    for (_, left_end), (right_start, _) in zip(merged, merged[1:]):
        mid = (left_end + right_start) / 2
        if 0.25 * width <= mid <= 0.75 * width and right_start - left_end > best_width:
            best, best_width = mid, right_start - left_end
    return best


def _crosses(row: _Row, cut: float) -> bool:
    return any(w.x0 < cut < w.x1 for w in row.words)


def _split(row: _Row, cut: float) -> tuple[_Row | None, _Row | None]:
    left = [w for w in row.words if w.x1 <= cut]
    right = [w for w in row.words if w.x0 >= cut]
    return (_Row(left) if left else None, _Row(right) if right else None)


def _is_bold(row: _Row) -> bool:
    return sum(len(w.text) for w in row.words if w.bold) > 0.6 * sum(len(w.text) for w in row.words)


def _line(row: _Row, page: int, region: str, gap: bool = False) -> Line:
    return Line(row.text, page=page, region=region, bold=_is_bold(row), x0=row.x0, top=row.top, gap_before=gap)


_TITLES = ("ke hoach", "quyet dinh", "chi thi", "thong bao", "bao cao", "to trinh", "huong dan", "cong dien", "thong tri")


def _header_band(rows: list[_Row], width: float) -> tuple[int, float | None]:
    """How many top rows of page 1 form the two-column header, and where to cut them."""
    motto = None
    for i, r in enumerate(rows[:10]):
        f = fold(r.text)
        if "cong hoa xa hoi" in f or "doc lap - tu do" in f or "doc lap tu do" in f:
            motto = i
            break
    if motto is None:
        return 0, None
    stop = len(rows)
    for i, r in enumerate(rows[:30]):
        f = fold(r.text)
        if f.startswith("kinh gui") or (i > motto + 1 and r.text.isupper() and f.startswith(_TITLES)):
            stop = i
            break
    cut = _gutter(rows[:stop], width) if stop < len(rows) else None
    if cut is None:
        cut = _gutter(rows[: motto + 2], width)
    if cut is None:
        return 0, None
    end = 0
    for i, r in enumerate(rows[:stop]):
        if i > motto and _crosses(r, cut):
            break
        end = i + 1
    return end, cut


def read_pdf(path: Path, data: bytes) -> Document:
    from tracker.read.guards import pdf_pages

    pdf = _open(path, data)
    doc = Document(path=str(path), format="pdf", pages=len(pdf.pages))
    total_words = 0
    has_images = False
    closing_seen = False
    try:
        for pno, page in pdf_pages(pdf, path):  # each page checked against the limits, closed after use
            has_images = has_images or bool(page.images)
            tables = find_tables(page)
            boxes = [t.bbox for t in tables]
            words = _page_words(page, boxes)
            total_words += len(words)
            rows = [r for r in _rows(words) if not _page_number(r, page.height)]
            pitch = _line_pitch(rows)

            blocks: list[tuple[float, object]] = []
            header_end, header_cut = _header_band(rows, page.width) if pno == 1 else (0, None)
            if header_end and header_cut is not None:
                lefts, rights = [], []
                for r in rows[:header_end]:
                    left, right = _split(r, header_cut)
                    if left:
                        lefts.append(_line(left, pno, "header-left"))
                    if right:
                        rights.append(_line(right, pno, "header-right"))
                for line in lefts + rights:
                    blocks.append((rows[0].top, line))
            body_rows = rows[header_end:]

            closing_at = None
            if not closing_seen:
                closing_at = next((i for i, r in enumerate(body_rows) if fold(r.text).startswith("noi nhan")), None)
            prev_bottom = None
            for i, r in enumerate(body_rows):
                if closing_at is not None and i >= closing_at:
                    break
                gap = prev_bottom is not None and pitch is not None and (r.top - prev_bottom) > 0.9 * pitch
                blocks.append((r.top, _line(r, pno, "body", gap)))
                prev_bottom = r.bottom
            if closing_at is not None:
                closing_seen = True
                band = body_rows[closing_at:]
                cut = _gutter(band, page.width)
                lefts, rights = [], []
                for r in band:
                    left, right = _split(r, cut) if cut is not None else (r, None)
                    if left:
                        lefts.append(_line(left, pno, "closing-left"))
                    if right:
                        rights.append(_line(right, pno, "closing-right"))
                top = band[0].top
                for line in lefts + rights:
                    blocks.append((top, line))
                    top += 0.001  # keep column order under the stable sort below

            for t in tables:
                table = to_table(t, pno)
                if table is not None:
                    blocks.append((t.bbox[1], table))
            blocks.sort(key=lambda b: b[0])
            doc.blocks.extend(b for _, b in blocks)
    except InputError:
        raise
    except Exception as exc:
        raise _known_cause(path, exc) or InputError(
            f"{path}: tệp PDF bị hỏng, không đọc được đến hết ({type(exc).__name__}); hãy lấy lại một bản khác của tệp"
        ) from None
    finally:
        pdf.close()

    if total_words == 0:
        if has_images:
            raise InputError(
                f"{path}: tệp PDF không có lớp chữ (là ảnh quét); hãy nhận dạng chữ (OCR) trước, vd. 'ocrmypdf -l vie in.pdf out.pdf'"
            )
        raise InputError(f"{path}: tệp PDF không có chữ nào; hãy kiểm tra lại tệp hoặc xuất lại PDF từ bản gốc")
    _check_legacy_font(path, doc)
    return doc


def _line_pitch(rows: list[_Row]) -> float | None:
    """The usual distance between the bottom of one line and the top of the next."""
    gaps = [b.top - a.bottom for a, b in zip(rows, rows[1:]) if 0 < b.top - a.bottom < 40]
    if len(gaps) < 3:
        return None
    return statistics.median(gaps) * 1.4 + 0.5


def _page_number(row: _Row, height: float) -> bool:
    near_edge = row.top < 0.08 * height or row.bottom > 0.92 * height
    return near_edge and is_page_number(row.text.strip())


# Text set in the legacy TCVN3 (ABC) or VNI fonts comes out of the PDF as
# Latin-1 look-alikes ("Uû ban", "¦" ...); we cannot read it reliably, so say so.
_LEGACY = re.compile(r"[¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿×÷þÞðÐ]")
_VIET = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u0300-\u0323àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]")


def _check_legacy_font(path: Path, doc: Document) -> None:
    text = " ".join(b.text for b in doc.blocks[:200] if isinstance(b, Line))
    legacy, viet = len(_LEGACY.findall(text)), len(_VIET.findall(text))
    if legacy > 20 and legacy > viet:
        raise InputError(
            f"{path}: chữ dùng bảng mã tiếng Việt cũ (TCVN3/VNI); hãy chuyển sang Unicode "
            "(vd. bằng công cụ chuyển mã của UniKey) hoặc xuất lại PDF từ bản Unicode"
        )
