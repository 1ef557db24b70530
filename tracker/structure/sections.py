"""Cut a Document into its parts: header, recipients, body, closing, appendix.

PDF and DOCX readers already tag the two-column header and closing blocks by
position (regions). Text copies have no positions, so there the same parts are
found by what their lines look like: the header runs until "Kính gửi" or the
first body paragraph; the closing starts at "Nơi nhận"; an appendix starts at
a "Phụ lục" heading or the first table after the closing. A web copy lays the
header and the signature out as table cells (tracker/structure/cells.py) and
may put a source line and the site's own title above the header: those are
set aside (`preface`). A document attached after the signature (the plan a
decision issues: "KẾ HOẠCH ..." under the signer) is body again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker import rules
from tracker.model import Document, Line, Table
from tracker.structure.cells import cell_lines, clean, is_bar, is_noise, pipe_cells, read_rows, split_flattened
from tracker.text import fold, mostly_upper

PREFACE_MAX = 8  # lines a web copy may put above the header (source, the site's title)


@dataclass
class Sections:
    header_left: list[Line] = field(default_factory=list)
    header_right: list[Line] = field(default_factory=list)
    header: list[Line] = field(default_factory=list)  # untagged header lines (text copies)
    recipients: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    closing_left: list[Line] = field(default_factory=list)
    closing_right: list[Line] = field(default_factory=list)
    closing: list[Line] = field(default_factory=list)  # untagged closing lines (text copies)
    appendix: list[Line | Table] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)  # tables outside the appendix
    title: list[Line] = field(default_factory=list)  # "KẾ HOẠCH" and the subject under it
    preface: list[Line | Table] = field(default_factory=list)  # a web copy's lines above the header
    attached: list[Line] = field(default_factory=list)  # title lines of a document attached after the signature
    authority: list[Line] = field(default_factory=list)  # "GIÁM ĐỐC SỞ TƯ PHÁP" under a decision's subject

    @property
    def header_lines(self) -> list[Line]:
        return self.header_left + self.header_right + self.header


@dataclass(frozen=True)
class _Patterns:
    recipients: re.Pattern[str]
    closing: re.Pattern[str]
    appendix: re.Pattern[str]
    form: re.Pattern[str]
    attached_title: re.Pattern[str]
    template: re.Pattern[str]
    number: re.Pattern[str]
    subject: re.Pattern[str]
    place_date: re.Pattern[str]
    motto: tuple[re.Pattern[str], ...]
    titles: tuple[str, ...]
    titles_folded: frozenset[str]
    body_start: re.Pattern[str]
    telegram: re.Pattern[str]
    co_recipients: re.Pattern[str]
    title_stop: tuple[re.Pattern[str], ...]
    title_lines: int
    open_ends: tuple[str, ...]
    signing_mode: re.Pattern[str]
    site_min_labels: int  # a site's property block: at least this many labels stand together
    subject_opener: re.Pattern[str]  # "Về việc", "V/v": a subject begins


@rules.compiled
def patterns() -> _Patterns:
    outline = rules.load("outline")
    header = rules.load("header")
    return _Patterns(
        recipients=outline.regex(outline.get("markers.recipients", str), "markers.recipients"),
        closing=outline.regex(outline.get("markers.closing_list", str), "markers.closing_list"),
        appendix=outline.regex(outline.get("markers.appendix", str), "markers.appendix"),
        form=outline.regex(outline.get("markers.form", str), "markers.form"),
        attached_title=outline.regex(outline.get("markers.attached_title", str), "markers.attached_title"),
        template=outline.regex(outline.get("markers.template", str), "markers.template"),
        number=header.regex(header.get("number_line", str), "number_line"),
        subject=header.regex(header.get("lines.subject", str), "lines.subject"),
        place_date=header.regex(header.get("lines.place_date", str), "lines.place_date"),
        motto=tuple(header.regexes("lines.motto")),
        titles=tuple(header.get("doc_titles", dict).values()),
        titles_folded=frozenset(fold(t) for t in header.get("doc_titles", dict).values()),
        body_start=outline.regex(outline.get("markers.body_start", str), "markers.body_start"),
        telegram=header.regex(header.get("lines.telegram", str), "lines.telegram"),
        co_recipients=header.regex(header.get("lines.co_recipients", str), "lines.co_recipients"),
        title_stop=tuple(header.regexes("title.stop")),
        title_lines=int(header.get("title.max_lines", int)),
        open_ends=tuple(fold(w) for w in header.strings("title.open_ends")),
        signing_mode=header.regex(header.get("lines.signing_mode", str), "lines.signing_mode"),
        site_min_labels=int(header.get("site_fields.min_labels", int)),
        subject_opener=header.regex(header.get("title.subject_openers", str), "title.subject_openers"),
    )


def is_telegram_addressees(text: str, p: _Patterns | None = None) -> bool:
    """"THỦ TƯỚNG CHÍNH PHỦ điện:": a công điện's sender, its addressees follow."""
    m = (p or patterns()).telegram.match(text)
    return bool(m and _is_caps(m.group("sender")))


def _is_title(text: str, p: _Patterns) -> bool:
    return len(text) <= 40 and fold(text) in p.titles_folded


def _is_header_line(text: str, p: _Patterns) -> bool:
    return bool(
        p.number.match(text)
        or p.subject.match(text)
        or p.place_date.match(text)
        or any(m.match(text) for m in p.motto)
    )


def _is_caps(text: str) -> bool:
    return mostly_upper(text, 0.9)


def split_sections(doc: Document) -> Sections:
    p = patterns()
    s = Sections()
    lines_and_tables: list[Line | Table] = []
    for b in doc.blocks:
        if isinstance(b, Line):
            if b.region == "header-left":
                s.header_left.append(b)
                continue
            if b.region == "header-right":
                s.header_right.append(b)
                continue
            if b.region == "closing-left":
                s.closing_left.append(b)
                continue
            if b.region == "closing-right":
                s.closing_right.append(b)
                continue
        lines_and_tables.append(b)
    tagged_closing = bool(s.closing_left or s.closing_right)

    i = 0
    n = len(lines_and_tables)
    if not (s.header_left or s.header_right):
        i = _take_text_header(lines_and_tables, s, p)

    i = _take_site_block(lines_and_tables, i, s, p)

    # A plan or decision names its type in a title line and its subject under it.
    while i < n and isinstance(lines_and_tables[i], Line) and is_noise(lines_and_tables[i].text):
        i += 1
    if s.header and _is_title(s.header[-1].text, p):
        s.title.append(s.header.pop())
    elif i < n:
        n = _mend_title(lines_and_tables, i, p)
        if isinstance(lines_and_tables[i], Line) and _is_title(lines_and_tables[i].text, p):
            s.title.append(lines_and_tables[i])
            i += 1
    if s.title:
        i = _take_subject(lines_and_tables, i, s.title, p)
        # A decision names the authority that issues it under the subject ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH").
        if i < n and isinstance(lines_and_tables[i], Line) and _is_authority(lines_and_tables[i].text, p):
            s.authority.append(lines_and_tables[i])
            i += 1
            # its name may wrap ("TRƯỞNG BAN CHỈ ĐẠO QUỐC GIA VỀ ... NGÀNH CÔNG" / "NGHIỆP BÁN DẪN"); "QUYẾT ĐỊNH:" ends it
            while (i < n and len(s.authority) < 3 and isinstance(lines_and_tables[i], Line)
                   and _is_caps(lines_and_tables[i].text) and not lines_and_tables[i].text.rstrip().endswith(":")):
                s.authority.append(lines_and_tables[i])
                i += 1

    # Recipients: "Kính gửi:" (a công điện: "<SENDER> điện:") and the "- unit;" lines under it.
    if i < n and isinstance(lines_and_tables[i], Line) and _opens_recipients(lines_and_tables[i].text, p):
        i = _take_recipients(lines_and_tables, i, s, p)

    in_closing = False
    in_appendix = False
    signed = False  # a signature row was read: a title line now starts an attached document
    marked = False  # a "Phụ lục" heading opened the appendix: a title line there is the appendix's own
    attached = False  # past the signature, inside a document the decision issues: its lines are body
    issued = False  # a text copy: past the title of a document attached under the signature
    k = i
    while k < n:
        b = lines_and_tables[k]
        k += 1
        if tagged_closing and not marked and isinstance(b, Line) and not attached and _after_closing(b, s) \
                and (_is_title(b.text, p) or _attached_title(b.text, p)):
            # A PDF or Word decision: the plan it issues starts on the page after the signature
            # block ("KẾ HOẠCH" and its subject); its items are body, as in a text copy.
            start = len(s.attached)
            attached, in_appendix = True, False
            s.attached.append(b)
            k = _take_subject(lines_and_tables, k, s.attached, p)
            k = _take_issued_with(lines_and_tables, k, s.attached)
            if _template(s.attached[start:], p):
                attached, marked, in_appendix = False, True, True
            continue
        if attached:
            if isinstance(b, Line) and p.appendix.match(b.text):
                attached, marked, in_appendix = False, True, True
                s.appendix.append(b)
            elif isinstance(b, Table):
                s.tables.append(b)
            elif not is_noise(b.text) or _bare_marker(lines_and_tables, k - 1):
                s.body.append(b)
            continue
        if not tagged_closing and not in_appendix and _closing_row(b, p):
            _place_closing_row(b, s)
            in_closing, signed = True, True
            continue
        if isinstance(b, Table):
            if in_closing or in_appendix or (tagged_closing and _after_closing(b, s)):
                in_appendix = True
                in_closing = False
                s.appendix.append(b)
            else:
                s.tables.append(b)
            continue
        text = b.text
        if is_noise(text) and not in_closing and not _bare_marker(lines_and_tables, k - 1):
            continue  # a web copy's cell borders and empty emphasis ("|", "* *") say nothing
        if in_closing and not tagged_closing and (_is_title(text, p) or _attached_title(text, p)) \
                and (signed or _signed(s.closing)):
            # The document a decision issues, attached under the signature: its items are body.
            start = len(s.attached)
            in_closing, signed = False, False
            s.attached.append(b)
            k = _take_subject(lines_and_tables, k, s.attached, p)
            k = _take_issued_with(lines_and_tables, k, s.attached)
            issued = True
            if _template(s.attached[start:], p):
                in_appendix, marked = True, True
            continue
        if not in_appendix and p.appendix.match(text) and (in_closing or tagged_closing and _after_closing(b, s)):
            in_appendix, in_closing, marked = True, False, True
        if not in_appendix and issued and not in_closing and _opens_annex(text, p):
            # "PHỤ LỤC 1", "Mẫu số 01" after the last article of an attached regulation: its annexes and
            # forms (field labels, blanks to fill), as a PDF's pages after the attached text are
            in_appendix, marked = True, True
        if in_appendix:
            s.appendix.append(b)
            continue
        if tagged_closing and _after_closing(b, s):
            in_appendix = True
            s.appendix.append(b)
            continue
        if not tagged_closing and (p.closing.match(text) or _opens_signature(text, p)
                                   or _split_closing_label(text, lines_and_tables[k] if k < n else None, p)):
            in_closing = True
        if in_closing:
            s.closing.append(b)
        else:
            s.body.append(b)
    return s


def _split_closing_label(text: str, nxt, p: _Patterns) -> bool:
    """"*Nơi" / "nhận:*": a web copy broke the closing list's label over two lines; the two are that label."""
    word = text.strip(" *_")
    return len(word.split()) == 1 and isinstance(nxt, Line) and bool(p.closing.match(f"{word} {nxt.text.strip(' *_')}"))


ANNEX_WORDS = 4  # "Phụ lục số 02", "PHỤ LỤC II": an annex's heading alone on its line is this short


def _opens_annex(text: str, p: _Patterns) -> bool:
    """A line that opens an annex or a form inside a text copy's attached document: "PHỤ LỤC I" (what follows in
    capitals or on the next line), "Phụ lục 02", "Mẫu số 01"; not a sentence that opens on the word ("Phụ lục
    kèm theo Kế hoạch này gồm ...")."""
    t = text.strip()
    if p.form.match(t):
        return True
    if not p.appendix.match(t):
        return False
    head = t.split(":")[0]
    return _is_caps(head) or len(head.split()) <= ANNEX_WORDS and not head.endswith((".", ";", ","))


def _mend_title(blocks: list[Line | Table], i: int, p: _Patterns) -> int:
    """The title line at blocks[i] as a copy may have mangled it, mended in place: wrapped after a
    word ("QUYẾT" / "ĐỊNH"), or run on into its subject ("THÔNG BÁO KẾT LUẬN", "NGHỊ ĐỊNH Về hợp
    đồng ..."), which then stands on a line of its own. Returns the new number of blocks."""
    b = blocks[i]
    if not isinstance(b, Line) or _is_title(b.text, p):
        return len(blocks)
    nxt = blocks[i + 1] if i + 1 < len(blocks) and isinstance(blocks[i + 1], Line) else None
    if nxt is not None and len(b.text.split()) == 1 and _is_title(f"{b.text} {nxt.text}", p):
        blocks[i : i + 2] = [Line(f"{b.text} {nxt.text}", page=b.page, bold=b.bold, gap_before=b.gap_before)]
        return len(blocks)
    words = b.text.split()
    for k in (1, 2, 3):
        head, rest = " ".join(words[:k]), " ".join(words[k:])
        if rest and _is_caps(head) and _is_title(head, p) and (_is_caps(rest) or p.subject_opener.match(rest)):
            # the subject's weight is its next line's: a bold title runs on into a plain subject
            weight = nxt.bold if nxt is not None else b.bold
            blocks[i : i + 1] = [Line(head, page=b.page, bold=b.bold, gap_before=b.gap_before),
                                 Line(rest, page=b.page, bold=weight)]
            break
    return len(blocks)


def _take_subject(blocks: list[Line | Table], i: int, title: list[Line], p: _Patterns) -> int:
    """The subject under a title line: the first line whatever it opens with (a subject may
    read "Thực hiện ..."), then lines of the same case and weight until the body, the
    authority that issues a decision, or a công điện's addressees."""
    first: Line | None = None
    while i < len(blocks) and isinstance(blocks[i], Line) and len(title) <= p.title_lines:
        line = blocks[i]
        t = line.text
        if is_noise(t):
            i += 1
            continue
        if (
            (enumerator_start(t) and not _wrapped_name_dash(line, first, title))
            or _opens_recipients(t, p)
            or p.closing.match(t)
            or (any(m.search(t) for m in p.title_stop) and not (title[1:] and _ends_open(title[-1].text, p)))
            or (t.rstrip().endswith(":") and _is_caps(t))
        ):
            break
        if first is not None and fold(t) == fold(title[-1].text):
            i += 1  # a web copy that repeats the subject line
            continue
        if first is not None:
            if _starts_body(t) or _is_caps(t) != _is_caps(first.text) or line.bold != first.bold:
                break
            prev = title[-1].text.rstrip()
            wraps = t[:1].islower() or (
                # a capitalised word goes on a subject whose line did not end a sentence, set
                # apart from the body by weight, or with no blank line between (a blank line
                # everywhere says nothing)
                not prev.endswith((".", ":", ";")) and len(t) <= 120 and (line.bold or not line.gap_before)
            )
            if not _is_caps(t) and not wraps:
                break
        elif re.match(r"^(Căn cứ|Kính gửi)\b", t):
            break
        first = first or line
        title.append(line)
        i += 1
    return i


def _ends_open(text: str, p: _Patterns) -> bool:
    """Does a subject line end on a word that needs what follows ("... CỦA")?"""
    words = fold(text).split()
    return any(words[-len(w.split()):] == w.split() for w in p.open_ends if words)


def _attached_title(text: str, p: _Patterns) -> bool:
    """"QUY CHẾ", "KẾ HOẠCH HÀNH ĐỘNG" in capitals: the title of a text a decision attaches."""
    return bool(p.attached_title.match(text)) and _is_caps(text)


_MARKERS = ("-", "–", "—", "+", "•")


def _bare_marker(blocks: list[Line | Table], k: int) -> bool:
    """"-" alone on its line, its item's text on the next (a web copy's list marker), outside a table
    laid out as cell lines (there a lone "-" between two "|" is an empty cell)."""
    b = blocks[k]
    if not isinstance(b, Line) or b.text.strip() not in _MARKERS:
        return False
    near = [blocks[j] for j in (k - 1, k + 1) if 0 <= j < len(blocks)]
    return all(isinstance(x, Line) and not is_bar(x.text) and pipe_cells(x.text) is None for x in near) \
        and k + 1 < len(blocks) and not is_noise(blocks[k + 1].text)


def _template(title: list[Line], p: _Patterns) -> bool:
    """"NỘI QUY MẪU ÁP DỤNG CHO CÁC CHỢ ...", "QUY CHẾ (MẪU)": the decision issues a model that each body
    adapts and adopts as its own; the duties in it are the adopter's, given by no one here."""
    return any(p.template.search(line.text) for line in title)


def _take_issued_with(blocks: list[Line | Table], k: int, attached: list[Line]) -> int:
    """"(Kèm theo Quyết định số ... ngày ...)" under an attached document's subject, perhaps over
    two lines: part of its title."""
    if k < len(blocks) and isinstance(blocks[k], Line) and blocks[k].text.lstrip("*_ ").startswith("("):  # "*(...)*": a web copy's emphasis
        start = len(attached)
        while k < len(blocks) and isinstance(blocks[k], Line):
            attached.append(blocks[k])
            k += 1
            if ")" in attached[-1].text or len(attached) - start > 12:
                break
    return k


def _wrapped_name_dash(line: Line, first: Line | None, title: list[Line]) -> bool:
    """"... cao tốc Tân Phú" / "– Bảo Lộc": a subject line that did not end a sentence, then a
    line of the same weight opening with a dash and no blank line between: the dash of a name
    the wrap moved to the line start, not the body's first "-" item."""
    from tracker.structure.outline import enumerator

    enum = enumerator(line.text)
    if first is None or not title or enum is None or enum[0] != "dash":
        return False
    prev = title[-1].text.rstrip()
    return not prev.endswith((".", ":", ";")) and line.bold == first.bold and not line.gap_before


def _is_authority(text: str, p: _Patterns) -> bool:
    return _is_caps(text) and len(text) <= 120 and not is_telegram_addressees(text, p) and any(
        m.search(text) for m in p.title_stop
    )


def _opens_recipients(text: str, p: _Patterns) -> bool:
    return bool(p.recipients.match(text)) or is_telegram_addressees(text, p)


SITE_LABEL_MAX = 30  # a site's field label ("Ngày ban hành:") is short


def _take_site_block(blocks: list[Line | Table], i: int, s: Sections, p: _Patterns) -> int:
    """A legal website's property block under the header it took ("Số hiệu:" / "171/CV-BCĐ", then
    "Loại văn bản:" / "Công văn", "Người ký:" / ...): labels each with its value, header lines all,
    so that the "Kính gửi" or the title after it is read as such. Returns the index after it."""
    j, labels, taken = i, 0, []
    while j < len(blocks) and isinstance(blocks[j], Line):
        t = clean(blocks[j].text)
        if not t or is_noise(t) or is_bar(t):
            taken.append(blocks[j])
            j += 1
            continue
        if not (t.endswith(":") and len(t) <= SITE_LABEL_MAX) or _opens_recipients(t, p) or enumerator_start(t):
            break
        labels += 1
        taken.append(blocks[j])
        j += 1
        while j < len(blocks) and isinstance(blocks[j], Line) and (is_noise(blocks[j].text) or is_bar(blocks[j].text)):
            j += 1
        if j < len(blocks) and isinstance(blocks[j], Line) and not clean(blocks[j].text).endswith(":"):
            taken.append(blocks[j])  # the label's value
            j += 1
    if labels + 1 < p.site_min_labels:  # the header took the block's "Số hiệu:": it counts too
        return i
    s.header.extend(x for x in taken if not is_bar(x.text))
    return j


def _take_recipients(blocks: list[Line | Table], i: int, s: Sections, p: _Patterns) -> int:
    s.recipients.append(blocks[i])
    i += 1
    first = s.recipients[0].text
    m = p.telegram.match(first)
    first_rest = (m.group("rest") if m else re.sub(p.recipients, "", first)).strip()
    while i < len(blocks) and isinstance(blocks[i], Line):
        line = blocks[i]
        t = line.text
        prev = s.recipients[-1].text.rstrip()
        if is_noise(t):
            i += 1
            continue
        if t.startswith(("-", "–", "+", "•")):
            s.recipients.append(line)
            i += 1
            continue
        if (
            (len(s.recipients) > 1 or first_rest)  # "Kính gửi: Ủy ban nhân dân các tỉnh," / "thành phố ..."
            and not prev.endswith((";", "."))
            and (t[:1].islower() or prev.endswith((",", ":", "-", "(")) or prev.count("(") > prev.count(")"))
            and not _starts_body(t)
            and not enumerator_start(t)
        ):
            s.recipients.append(line)  # an item wrapped onto the next line
            i += 1
            continue
        if _open_dash_item(s.recipients) and not _starts_body(t) and not enumerator_start(t):
            # "- Đồng chí Bí thư ... các tỉnh: Hà Tĩnh, Quảng" / "Ngãi, Gia Lai ... Lâm Đồng;": a "-"
            # addressee runs on until its ";" or "." however its next line opens
            s.recipients.append(line)
            i += 1
            continue
        if len(s.recipients) == 1 and not first_rest:
            s.recipients.append(line)  # "Kính gửi:" alone, the unit on the next line
            i += 1
            continue
        break
    return i


ADDRESSEE_LINES = 3  # a "-" addressee wraps over at most this many lines; more is the body going on


def _open_dash_item(recipients: list[Line]) -> bool:
    """The last addressee opened with a dash and has not ended yet (no ";" or "." at its end) nor
    run longer than an addressee runs (the last one may lack its stop, the body after it is no part)."""
    k = len(recipients) - 1
    while k > 0 and not recipients[k].text.startswith(("-", "–", "+", "•")):
        k -= 1
    return 0 < k and len(recipients) - k < ADDRESSEE_LINES and not recipients[-1].text.rstrip().endswith((";", "."))


def _closing_row(b: Line | Table, p: _Patterns) -> bool:
    """A web copy's signature table: "| Nơi nhận: - ...; | KT. CHỦ TỊCH ... Name |"."""
    if isinstance(b, Table):
        first = next((c for row in b.rows for c in row if c and c.strip()), "")
    else:
        cells = pipe_cells(b.text)
        first = cells[0] if cells else ""
    return bool(first and p.closing.match(first.strip(" *_")))


def _place_closing_row(b: Line | Table, s: Sections) -> None:
    rows = read_rows([b], 0).rows
    for row in rows:
        if row:
            s.closing_left.extend(cell_lines(row[0], "closing-left"))
        for cell in row[1:]:
            s.closing_right.extend(cell_lines(cell, "closing-right"))


def _opens_signature(text: str, p: _Patterns) -> bool:
    """A signing mode in capitals ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"): the signature, which
    closes the body even when no "Nơi nhận" list comes before it."""
    return bool(p.signing_mode.match(text)) and _is_caps(text)


def _signed(closing: list[Line]) -> bool:
    """Has the closing reached the signer (a signing mode or a title in capitals after the list)?
    A web copy may drop the "Nơi nhận" list and keep only the signature: a signing mode in capitals
    ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH") is the signer's block as surely."""
    p = patterns()
    seen_list = False
    for line in closing:
        t = line.text.strip()
        if t.startswith(("-", "–", "+", "•")) or p.closing.match(t):
            seen_list = True
            continue
        if _opens_signature(t, p) or seen_list and (is_bar(t) or _is_caps(t)):
            return True
    return False


def _after_closing(block: Line | Table, s: Sections) -> bool:
    """In tagged documents, is this block past the closing block (an appendix)?"""
    anchor = (s.closing_left or s.closing_right)[0]
    if block.page != anchor.page:
        return block.page > anchor.page
    top = getattr(block, "top", None)
    return top is not None and anchor.top is not None and top > anchor.top


def _take_text_header(blocks: list[Line | Table], s: Sections, p: _Patterns) -> int:
    """The header of a text copy; returns the index of the first block after it.

    A web copy's header is a table (cells.py); the lines above it are the
    copy's own (source, the site's title) and are set aside. Otherwise the
    header is lines: caps issuer lines, Số, V/v (+ its wrapped lines), motto,
    place/date, maybe run together onto one line; it may start a few lines
    down, after such a preface, when it carries at least two header fields.
    """
    for k in range(min(PREFACE_MAX, len(blocks))):
        b = blocks[k]
        if isinstance(b, Table) or is_bar(b.text) or pipe_cells(b.text) is not None:
            # A copy that lost the opening bar starts with the first cell's lines (the issuer in capitals).
            lead = [x for x in blocks[:k] if isinstance(x, Line) and not is_noise(x.text)]
            lost_bar = (k and lead and isinstance(b, Line) and is_bar(b.text)
                        and all(_is_caps(x.text) and len(x.text) <= 80 for x in lead))
            for first in ([lead, None] if lost_bar else [None]):
                rows = read_rows(blocks, k, first)
                if rows.rows and _header_rows(rows.rows, p):
                    _place_header_rows(rows.rows, s, p)
                    s.preface = [] if first else blocks[:k]
                    return rows.end
            break
    for k in range(min(PREFACE_MAX, len(blocks))):
        header: list[Line] = []
        end, markers = _plain_header(blocks, k, header, p)
        if markers >= (1 if k == 0 else 2):
            s.header = header
            s.preface = blocks[:k]
            return end
    return 0


def _header_rows(rows: list[list[list[Line]]], p: _Patterns) -> bool:
    texts = [l.text for row in rows for cell in row for l in cell]
    return any(_is_header_line(piece, p) for t in texts for piece in split_flattened(clean(t)))


def _place_header_rows(rows: list[list[list[Line]]], s: Sections, p: _Patterns) -> None:
    for row in rows:
        left = cell_lines(row[0], "header-left")
        right = [l for cell in row[1:] for l in cell_lines(cell, "header-right")]
        if left and p.co_recipients.match(left[0].text):
            continue  # "Đồng kính gửi": told for information, not asked to act
        if left and _opens_recipients(left[0].text, p):
            s.recipients.extend(left + right)
            continue
        # A cell holds its column's lines; the motto and the place/date line are the right column's.
        for line in left + right:
            right_side = any(m.match(line.text) for m in p.motto) or bool(p.place_date.match(line.text))
            (s.header_right if right_side else s.header_left).append(line)
        for line in s.header_right:
            line.region = "header-right"
        for line in s.header_left:
            line.region = "header-left"


def _plain_header(blocks: list[Line | Table], i: int, header: list[Line], p: _Patterns) -> tuple[int, int]:
    """Header lines from blocks[i]: (index after them, how many header fields they hold)."""
    markers = 0
    in_subject = False
    while i < len(blocks):
        b = blocks[i]
        if isinstance(b, Table):
            break
        text = b.text
        if p.recipients.match(text) or _is_title(text, p):
            break
        if is_noise(text):
            i += 1
            continue
        pieces = split_flattened(clean(text)) if not in_subject else [text]
        if any(_is_header_line(t, p) for t in pieces):
            for t in pieces:
                if _is_header_line(t, p):
                    markers += 1
                    in_subject = bool(p.subject.match(t))
                header.append(Line(t, page=b.page, bold=b.bold, gap_before=b.gap_before))
            i += 1
            continue
        if in_subject and len(text) <= 80 and not _starts_body(text):
            header.append(b)  # the subject wraps onto following lines
            i += 1
            continue
        in_subject = False
        joined = _wrapped_header_line(blocks, i, p)
        if joined is not None:
            # A web copy wraps inside a header field ("CỘNG" / "HÒA XÃ HỘI ...", "Hà" / "Nội, ngày ..."):
            # neither half is a field, the two together are.
            header.append(joined)
            markers += 1
            i += 2
            continue
        if _is_caps(text) and len(text) <= 80:
            header.append(b)  # issuer lines
            i += 1
            continue
        break
    return i, markers


def _wrapped_header_line(blocks: list[Line | Table], i: int, p: _Patterns) -> Line | None:
    """blocks[i] and the next line joined, when only together they make a header field."""
    if i + 1 >= len(blocks) or not isinstance(blocks[i + 1], Line):
        return None
    first, second = blocks[i], blocks[i + 1]
    # Only a word or two can be a wrapped-off start; a capitals line before a field is the issuer's.
    if len(first.text.split()) > 2 or (_is_caps(first.text) and _is_header_line(second.text, p)):
        return None
    text = f"{first.text} {second.text}"
    return Line(text, page=first.page, bold=first.bold, gap_before=first.gap_before) if _is_header_line(text, p) else None


def enumerator_start(text: str) -> bool:
    from tracker.structure.outline import enumerator

    return enumerator(text) is not None


def _starts_body(text: str) -> bool:
    p = patterns()
    return bool(p.body_start.match(text) or p.recipients.match(text) or p.closing.match(text))
