"""Cut a Document into its parts: header, recipients, body, closing, appendix.

PDF and DOCX readers already tag the two-column header and closing blocks by
position (regions). Text copies have no positions, so there the same parts are
found by what their lines look like: the header runs until "Kính gửi" or the
first body paragraph; the closing starts at "Nơi nhận"; an appendix starts at
a "Phụ lục" heading or the first table after the closing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker import rules
from tracker.model import Document, Line, Table
from tracker.text import fold, mostly_upper


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

    @property
    def header_lines(self) -> list[Line]:
        return self.header_left + self.header_right + self.header


@dataclass(frozen=True)
class _Patterns:
    recipients: re.Pattern[str]
    closing: re.Pattern[str]
    appendix: re.Pattern[str]
    number: re.Pattern[str]
    subject: re.Pattern[str]
    place_date: re.Pattern[str]
    motto: tuple[re.Pattern[str], ...]
    titles: tuple[str, ...]
    body_start: re.Pattern[str]


@rules.compiled
def patterns() -> _Patterns:
    outline = rules.load("outline")
    header = rules.load("header")
    return _Patterns(
        recipients=outline.regex(outline.get("markers.recipients", str), "markers.recipients"),
        closing=outline.regex(outline.get("markers.closing_list", str), "markers.closing_list"),
        appendix=outline.regex(outline.get("markers.appendix", str), "markers.appendix"),
        number=header.regex(header.get("number_line", str), "number_line"),
        subject=header.regex(header.get("lines.subject", str), "lines.subject"),
        place_date=header.regex(header.get("lines.place_date", str), "lines.place_date"),
        motto=tuple(header.regexes("lines.motto")),
        titles=tuple(header.get("doc_titles", dict).values()),
        body_start=outline.regex(outline.get("markers.body_start", str), "markers.body_start"),
    )


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

    # A plan or decision names its type in a title line and its subject under it.
    if s.header and fold(s.header[-1].text) in {fold(t) for t in p.titles}:
        s.title.append(s.header.pop())
    elif i < n and isinstance(lines_and_tables[i], Line) and fold(lines_and_tables[i].text) in {fold(t) for t in p.titles}:
        s.title.append(lines_and_tables[i])
        i += 1
    if s.title:
        while i < n and len(s.title) < 4 and isinstance(lines_and_tables[i], Line):
            t = lines_and_tables[i].text
            if _is_caps(t) or _starts_body(t) or enumerator_start(t):
                break
            s.title.append(lines_and_tables[i])
            i += 1

    # Recipients: "Kính gửi:" and the "- unit;" lines under it.
    if i < n and isinstance(lines_and_tables[i], Line) and p.recipients.match(lines_and_tables[i].text):
        s.recipients.append(lines_and_tables[i])
        i += 1
        while i < n and isinstance(lines_and_tables[i], Line):
            line = lines_and_tables[i]
            prev = s.recipients[-1].text.rstrip()
            if line.text.startswith(("-", "–", "+", "•")) or (
                len(s.recipients) > 1 and not prev.endswith((";", ".")) and line.text[:1].islower()
            ):
                s.recipients.append(line)
                i += 1
                continue
            if len(s.recipients) == 1 and not re.sub(p.recipients, "", s.recipients[0].text).strip():
                s.recipients.append(line)  # "Kính gửi:" alone, the unit on the next line
                i += 1
                continue
            break

    in_closing = False
    in_appendix = False
    for b in lines_and_tables[i:]:
        if isinstance(b, Table):
            if in_closing or in_appendix or (tagged_closing and _after_closing(b, s)):
                in_appendix = True
                in_closing = False
                s.appendix.append(b)
            else:
                s.tables.append(b)
            continue
        text = b.text
        if not in_appendix and p.appendix.match(text) and (in_closing or tagged_closing and _after_closing(b, s)):
            in_appendix, in_closing = True, False
        if in_appendix:
            s.appendix.append(b)
            continue
        if tagged_closing and _after_closing(b, s):
            in_appendix = True
            s.appendix.append(b)
            continue
        if not tagged_closing and p.closing.match(text):
            in_closing = True
        if in_closing:
            s.closing.append(b)
        else:
            s.body.append(b)
    return s


def _after_closing(block: Line | Table, s: Sections) -> bool:
    """In tagged documents, is this block past the closing block (an appendix)?"""
    anchor = (s.closing_left or s.closing_right)[0]
    if block.page != anchor.page:
        return block.page > anchor.page
    top = getattr(block, "top", None)
    return top is not None and anchor.top is not None and top > anchor.top


def _take_text_header(blocks: list[Line | Table], s: Sections, p: _Patterns) -> int:
    """Header lines of a text copy: caps issuer lines, Số, V/v (+ its wrapped lines), motto, place/date."""
    i = 0
    seen_marker = False
    in_subject = False
    while i < len(blocks):
        b = blocks[i]
        if isinstance(b, Table):
            break
        text = b.text
        if p.recipients.match(text):
            break
        if _is_header_line(text, p):
            seen_marker = True
            in_subject = bool(p.subject.match(text))
            s.header.append(b)
            i += 1
            continue
        if in_subject and len(text) <= 80 and not _starts_body(text):
            s.header.append(b)  # the subject wraps onto following lines
            i += 1
            continue
        in_subject = False
        if _is_caps(text) and len(text) <= 80:
            s.header.append(b)  # issuer lines, doc-type title
            i += 1
            continue
        break
    if not seen_marker:
        # Not a header after all (a copy that starts mid-page): give the lines back.
        s.header.clear()
        return 0
    return i


def enumerator_start(text: str) -> bool:
    from tracker.structure.outline import enumerator

    return enumerator(text) is not None


def _starts_body(text: str) -> bool:
    p = patterns()
    return bool(p.body_start.match(text) or p.recipients.match(text) or p.closing.match(text))
