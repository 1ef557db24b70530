"""Plain text and Markdown reader.

Text copies come from pdf-to-text tools or converters: lines wrapped where the
PDF wrapped them, often with a blank line between every line; Markdown adds
`**bold**`, `<b>`, headings (`##`), and tables as tab-separated rows. Lines are
kept as lines (the structure stage re-joins paragraphs); tab rows become
tables; markup is removed but remembered as `bold`.
"""
from __future__ import annotations

import re
from pathlib import Path

from tracker.errors import InputError
from tracker.read import is_page_number
from tracker.read.text_cells import cell_tables
from tracker.model import Document, Line, Table
from tracker.text import normalize

# Every pattern stops at the next opening mark of its kind (a "tempered" body,
# or a character class that excludes the opener), so a line of 43,000 `<b>`
# and no `</b>` costs one pass, not one pass per opener (that was quadratic).
_BOLD = re.compile(
    r"\*\*((?:(?!\*\*).)+?)\*\*|__((?:(?!__).)+?)__|<b>((?:(?!<b>).)*?)</b>|<strong>((?:(?!<strong>).)*?)</strong>", re.I
)
_STRIKE = re.compile(r"~~(?:(?!~~).)*?~~")
_SUP = re.compile(r"<sup>(?:(?!<sup>).)*?</sup>|\^\{[^{}]*\}", re.I)
_TAG = re.compile(r"</?[a-z][^<>]*>", re.I)
_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
_MDLINK = re.compile(r"\[([^\[\]]+)\]\((?:https?://|mailto:)[^()\[\]\s]+\)")
_TINY_EMPH = re.compile(r"(?<!\*)\*[^*\s]{1,3}\*(?!\*)")  # stray marks left by OCR ("*th*")
# Emphasis on part of a word, as copies of PDFs with per-glyph font runs give it ("Q*Đ*-TTg",
# "c*ủ*a", "Th*ủ *t*ướ*ng"): the letters are the text's own, only the marks go. Runs first, so
# _TINY_EMPH removes only a mark pair standing alone.
_WORD_EMPH = re.compile(r"(?<=\w)\*([^*\n]{1,8}?)\*|(?<![\w*])\*([^*\s][^*\n]{0,7}?)\*(?=\w)")
_EMPH = re.compile(r"(?<![\w*])\*(\S[^*]*?)\*(?![\w*])")
# Emphasis marks left unpaired once the pairs are gone: emphasis that spans lines ("*2.1. Sở" / "Tài
# chính:*", "*Căn cứ Luật ..." / "...;*") or is closed after a space ("*4.1. *Giao Đảng ủy ...", "*(i) *Chỉ
# đạo"): a mark opening a word or closing one goes. "* " opening a bullet, "(*)" and "*)" stay.
_EMPH_STRAY = re.compile(r"(?:^|(?<=\s))\*(?=[^\s*)])|(?<=[^\s*(])\s?\*(?=[\s:;,.!?]|$)")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
# Two bold runs glued with no space ("**NGHỊ ĐỊNH****Về hợp đồng ...**", "**Chương II****QUY ĐỊNH
# CHUNG**"): a website's separate title lines run together in the copy. An all-caps word then a word in
# sentence case, or a part's numeral then a capital, are two lines; a word cut by per-glyph runs
# ("**Tổng c****ộng**", "**THU NH****ẬP**") is not.
_GLUED_RUNS = re.compile(r"(?:(Chương|Mục|Phần|CHƯƠNG|MỤC|PHẦN) )?([^\s*]+)\*\*\*\*(?=([^\s*]{1,2}))")


def _unglue(raw: str) -> list[str]:
    def cut(m: re.Match[str]) -> str:
        part, left, right = m.groups()
        title = sum(c.isalpha() for c in left) >= 2 and left.isupper()
        numeral = part is not None and re.fullmatch(r"[IVXLC]{1,5}\.?", left) is not None
        # an all-caps title, then a line in sentence case; a part's numeral, then its capitalised name
        after = right[:1].isupper() and (numeral or right[1:].islower())
        return m.group(0)[:-4] + ("**\n**" if (title or numeral) and after else "****")
    return _GLUED_RUNS.sub(cut, raw).split("\n")


def _rewrap_bold(lines: list[str]) -> list[str]:
    """A bold run a hard-wrapped copy broke after its first word ("**QUY" / "CHẾ**", "**Điều" / "1. Phạm
    vi điều chỉnh**", "**Chương" / "I**") is one line again: the word alone is no title, no article and
    no signer. Only a run that opens on a lone word and closes within a few lines is joined."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        raw = lines[i].strip()
        if raw.startswith("**") and raw.count("**") == 1 and len(raw) > 2 and " " not in raw:
            j = i + 1
            while j < len(lines) and j <= i + 3 and lines[j].strip() and "**" not in lines[j]:
                j += 1
            if j < len(lines) and j <= i + 3 and lines[j].strip() and lines[j].count("**") % 2:
                out.append(" ".join(x.strip() for x in lines[i:j + 1]))
                i = j + 1
                continue
        out.append(lines[i])
        i += 1
    return out


# A date a hard-wrapped copy broke before its year ("*Vĩnh Long, ngày 16 tháng 11 năm" / "2025*"): the
# year alone on a line is no cell and no item, so it goes back to its date.
_DATE_CUT = re.compile(r"ngày\s*\d{0,2}\s*tháng\s*\d{0,2}\s*năm\s*\**\s*$", re.IGNORECASE)
_YEAR_ALONE = re.compile(r"^\s*\**\s*(?:19|20)\d\d\s*\**\s*$")


def _rejoin_years(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and _YEAR_ALONE.match(line) and _DATE_CUT.search(out[-1]):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$")  # |---|:--:|


def table_cells(raw: str) -> list[str] | None:
    """The cells of a table row in a text copy: tab-separated, or between pipes
    ("| 1 | Nội dung | Sở Nội vụ |", or at least three cells "a | b | c"); else None."""
    line = raw.strip("\n")
    if not line.strip():
        return None
    if "\t" in line:
        return line.split("\t")
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return stripped[1:-1].split("|")
    if stripped.count(" | ") >= 2:
        return stripped.split("|")
    return None


def decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: chữ không theo bảng mã UTF-8 (byte ở vị trí {exc.start} không giải mã được); hãy lưu lại tệp với bảng mã UTF-8 rồi thử lại"
        ) from None


def _clean(line: str, markdown: bool, bold_open: bool = False) -> tuple[str, bool]:
    """Markup out, text in; also says whether the whole line was bold.

    `bold_open`: a `**` opened on an earlier line is still open on this one.
    """
    raw = line.strip()
    if markdown and (bold_open or raw.count("**") % 2):
        # Bold that spans lines: close it at this line's end / open it at its start.
        if bold_open:
            raw = "**" + raw
        if raw.count("**") % 2:
            raw = raw + "**"
    if markdown:
        raw = _STRIKE.sub("", raw)
        raw = _SUP.sub("", raw)
        raw = _AUTOLINK.sub(r"\1", raw)
        raw = _MDLINK.sub(r"\1", raw)
        raw = _HEADING.sub("", raw)
    bold_text = "".join(next(g for g in m.groups() if g is not None) for m in _BOLD.finditer(raw))
    text = _BOLD.sub(lambda m: next(g for g in m.groups() if g is not None), raw)
    text = _TAG.sub("", text)
    if markdown:
        text = _WORD_EMPH.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
        text = _TINY_EMPH.sub("", text)
        text = _EMPH.sub(r"\1", text)
        text = _EMPH_STRAY.sub("", text)
        text = text.replace("\\", "")
    text = normalize(text)
    bold = bool(bold_text.strip()) and len(normalize(bold_text)) >= 0.8 * len(text.replace("#", "").strip())
    return text, bold


def read_text(path: Path, data: bytes, markdown: bool = False) -> Document:
    from tracker.read.guards import current

    budget = current()
    content = decode(path, data)
    if "\x00" in content:
        raise InputError(f"{path}: không phải tệp chữ (chứa dữ liệu nhị phân); hãy chọn đúng tệp văn bản")
    budget.add_chars(len(content))
    doc = Document(path=str(path), format="md" if markdown else "txt")
    page = 1
    blank = False
    bold_open = False
    table: list[list[str | None]] | None = None
    lines = content.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if markdown and "****" in content:
        lines = [part for raw in lines for part in _unglue(raw)]
    if markdown:
        lines = _rewrap_bold(lines)
    lines = _rejoin_years(lines)
    blocks = {t.start: t for t in cell_tables(lines, lambda s: _clean(s, markdown)[0])}
    skip_to = 0
    for index, raw in enumerate(lines):
        if not index % 1000:
            budget.tick()
        if index < skip_to:
            continue
        if index in blocks:  # a table written one cell per block (see text_cells)
            doc.blocks.append(Table([list(r) for r in blocks[index].rows], page=page, merged_down=set(blocks[index].merged_down)))
            skip_to, table, blank = blocks[index].end, None, False
            continue
        if raw.strip() == "\f" or "\f" in raw:
            page += 1
            raw = raw.replace("\f", "")
        if _PIPE_SEPARATOR.match(raw):
            continue  # the rule under a pipe table's header
        row = table_cells(raw)
        if row is not None:
            cells = [_clean(c, markdown)[0] or "" for c in row]
            if table is None:
                table = []
                doc.blocks.append(Table(table, page=page, ruled=False))
            table.append(cells)
            blank = False
            continue
        if not raw.strip():
            blank = True
            bold_open = False  # Markdown emphasis ends with its paragraph: a "**" left open ("** Lưu ý ...:*") ends here
            continue
        if markdown and _RULE.match(raw):
            blank = True
            continue
        text, bold = _clean(raw, markdown, bold_open)
        if markdown and raw.count("**") % 2:
            bold_open = not bold_open
        if not text:
            continue
        if is_page_number(text):
            page += 1  # a bare number on its own line is a page number in these copies
            blank = True
            continue
        table = None
        doc.blocks.append(Line(text, page=page, bold=bold, gap_before=blank))
        blank = False
    doc.pages = page
    if not doc.blocks:
        raise InputError(f"{path}: tệp không có chữ nào; hãy chọn đúng tệp văn bản")
    return doc
