"""The cells of a task table row → units and a deadline.

A lead or support cell only lists units, so it can be split more boldly than a
sentence: at ";", "," and "và" — except inside a name the unit vocabulary
(task_rules/units/) knows whole ("Sở Văn hóa, Thể thao và Du lịch", "Sở Nông
nghiệp và Môi trường"). A time cell is short and may say what no sentence
would: a bare number of days ("Số ngày dự kiến: 30", counted from the
directive's date), a bare year, a span of years.
"""
from __future__ import annotations

import re
from datetime import date as Date
from functools import lru_cache

from tracker.extract.deadlines import find_deadline
from tracker.extract.unit_phrases import is_opener, split_units
from tracker.model import Deadline
from tracker.text import fold, fold_keep_length

_SEPARATOR = re.compile(r"\s*(?:;|,|\n|(?<!\w)và(?!\w)|\+)\s*", re.I)
_BULLET = re.compile(r"^[-–•+*]\s*")  # "- Bộ Xây dựng;" as one line of a list in the cell
_PLACE = r"(?i:thành phố|tỉnh|huyện|quận|thị xã|thị trấn|xã|phường)\s+[A-ZĐ]"
_LOCAL_HEAD = re.compile(rf"^(?P<head>(?:\S+\s+){{1,4}}?){_PLACE}")  # "UBND thành phố Hà Nội"
_LOCALITY = re.compile(rf"^{_PLACE}")  # "Thành phố Hồ Chí Minh"
_PLURAL = re.compile(r"^(?:\w+\s+){0,3}?các\s", re.I)  # "Các Bộ, ...", "Thủ trưởng các sở, ..."


@lru_cache(maxsize=1)
def _whole_names() -> re.Pattern[str] | None:
    """Known unit names with a comma, "và" or a dash inside, as one folded alternation."""
    from tracker.units.vocab import get_vocab
    from tracker.text import fold

    v = get_vocab()
    names = set()
    for level in v.templates.values():
        for t in level:
            for name in (t.name, *t.aliases):
                if "{" in name:
                    continue
                f = fold(name)
                if re.search(r",| va | - |&", f):
                    names.add(re.sub(r"^cac\s+", "", f))
    if not names:
        return None
    alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)")


def _protected(text: str) -> list[tuple[int, int]]:
    pat = _whole_names()
    if pat is None:
        return []
    return [(m.start(), m.end()) for m in pat.finditer(fold_keep_length(text))]


def _starts_unit(piece: str) -> bool:
    """Does a unit name start here: (role word) (các) head — "Sở ...", "các cơ quan", "Giám đốc Công an"?"""
    from tracker.extract.unit_phrases import _match, lexicon, tokenize

    lex = lexicon()
    toks = tokenize(piece)
    i = _match(toks, 0, lex.role_words)
    if i < len(toks) and toks[i].key in ("các", "toàn thể"):
        i += 1
    elif not i and not piece[:1].isupper():
        # "sở, ban, ngành", "xã, phường, đặc khu", "đơn vị có liên quan" and
        # "(Trung tâm Xúc tiến đầu tư,) thương mại và du lịch" go on; "sở Thông
        # tin ...", "đơn vị sự nghiệp công lập" are names of their own.
        n = _match(toks, 0, lex.named_heads)
        if n and n < len(toks) and toks[n].capitalised:
            return True
        head = _match(toks, 0, lex.heads) or n
        return bool(head) and not _collective_tail(toks, lex)
    if i >= len(toks):
        return False
    return bool(_match(toks, i, lex.heads) or _match(toks, i, lex.named_heads))


@lru_cache(maxsize=1)
def _after_collective():
    """Words that may follow a collective word inside the same name (task_rules/tables.toml)."""
    from tracker import rules
    from tracker.extract.unit_phrases import _phrases

    return _phrases(rules.load("tables").strings("units.after_collective", default=[]))


def _collective_tail(toks, lex) -> bool:
    """Tokens up to the next separator: a collective word ("ban", "đơn vị") and only
    words that place it ("tỉnh", "có liên quan"): "ngành tỉnh" goes on a list, "tổ
    chức chính trị - xã hội" is a unit of its own."""
    from tracker.extract.unit_phrases import _match

    n = _match(toks, 0, lex.collective_tail)
    if not n:
        return False
    j = n
    while j < len(toks) and toks[j].text not in (",", ";") and toks[j].key not in ("và", "&"):
        m = _match(toks, j, _after_collective()) or _match(toks, j, lex.collective_tail)
        if not m:
            return False
        j += m
    return True


def names_units(units: list[str]) -> bool:
    """Does every piece name a unit ("SỞ XÂY DỰNG", "UBND các xã"), not a topic
    ("NÂNG CAO NHẬN THỨC")? For a group row's title in capitals too."""
    return all(_starts_unit(u) for u in units)


def _proper(unit: str) -> bool:
    """A unit named in its own right ("Sở Tài chính", "Văn phòng Ban Chỉ huy"), not a
    collective list ("Các sở, ban, ngành", "UBND các xã, phường")."""
    unit = unit.strip()
    return unit[:1].isupper() and not unit.lower().startswith("các ") and "," not in unit


def _head_word(piece: str) -> bool:
    """Does the piece open with a unit head, in any case ("cơ quan", "Sở")?"""
    from tracker.extract.unit_phrases import _match, lexicon, tokenize

    lex = lexicon()
    toks = tokenize(piece)
    return bool(_match(toks, 0, lex.heads) or _match(toks, 0, lex.named_heads))


def cell_units(text: str) -> list[str]:
    """A lead or support cell → the units it lists.

    Split at ";" always; at ",", "và", "+" and line breaks only where a unit
    starts after them (a head such as "Sở", "UBND", "các cơ quan"; after "và"
    and a unit named in its own right, a lower-case one too: "Sở Tài chính và
    cơ quan liên quan"), so "UBND các xã, phường", "Các sở, ban, ngành và địa
    phương" and "Sở Giáo dục và Đào tạo" stay whole; and never inside a name
    the unit vocabulary knows ("Văn phòng Đoàn ĐBQH và HĐND").
    """
    # "(chủ trì phần chính sách)", "(mạng lưới quốc gia)": a remark on the unit, not its
    # name; "(Trung tâm Thông tin)" names the part of it that does the work, and stays.
    text = re.sub(r"\s*\(([^()]*)\)", lambda m: "" if m.group(1).strip()[:1].islower() else m.group(0), text or "")
    text = re.sub(r"[ \t]+", " ", text).strip(" ;,.\n")
    if not text:
        return []
    spans = _protected(text)
    out: list[str] = []
    current = ""
    pos = 0

    def flush() -> None:
        unit = _BULLET.sub("", re.sub(r"\s+", " ", current).strip(" ,;.\n")).strip(" ,;.")
        if unit:
            out.extend(_unjoined(unit, spans != []))

    for m in _SEPARATOR.finditer(text):
        if any(a < m.start() < b for a, b in spans):
            continue
        current += text[pos:m.start()]
        nxt = text[m.end():]
        sep = m.group().strip()
        local = _LOCAL_HEAD.match(_BULLET.sub("", current.strip())) if sep == "," else None
        if local and _LOCALITY.match(nxt):
            # "UBND thành phố Hà Nội, Thành phố Hồ Chí Minh": the same head for each place.
            flush()
            current = local.group("head")
            pos = m.end()
            continue
        if sep == "," and _bare_head(_BULLET.sub("", current.strip()).split(",")[-1]) \
                and _bare_head(re.split(r"[,;\n]|\s+và\s+", nxt, maxsplit=1)[0]):
            # "Viện, Trường; Doanh nghiệp": kinds named by their bare heads, one collective (the institutes
            # and schools), not two units each wanting a name
            current += m.group()
            pos = m.end()
            continue
        if sep == "," and _PLURAL.match(_BULLET.sub("", current.strip())) and nxt[:1].islower() \
                and not nxt.lower().startswith("các "):
            # "Các Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ": "các" governs the
            # whole list; a new "các ..." after a comma starts another unit.
            split = False
        else:
            split = sep == ";" or not current.strip() or _starts_unit(nxt) or (sep == "," and nxt.lower().startswith("các ")) \
                or (sep != "," and (_head_word(nxt) or nxt.lower().startswith("các ")) and _proper(current))
        if split:
            flush()
            current = ""
        else:
            current += m.group()
        pos = m.end()
    current += text[pos:]
    flush()
    # "Theo phân công tại Quyết định số ...": a pointer elsewhere, not a unit.
    return [u for u in out if _starts_unit(u) or not is_opener(u, 0)]


def _bare_head(piece: str) -> bool:
    """Is the piece a head that wants a name, alone ("Viện", "Trường", "Bệnh viện")?"""
    from tracker.extract.unit_phrases import _match, lexicon, tokenize

    toks = tokenize(piece.strip())
    return bool(toks) and toks[0].capitalised and _match(toks, 0, lexicon().named_heads) == len(toks)


def _bare(text: str) -> str:
    return re.sub(r"[\s,;]", "", text)


def _unjoined(segment: str, known: bool) -> list[str]:
    """Two names with no separator between ("Sở, ban, ngành UBND cấp huyện"): the sentence
    scanner's split, when every part it gives starts a unit (it would also cut "Sở Xây
    dựng" at the verb-like "Xây dựng")."""
    parts = split_units(segment)
    if len(parts) < 2 or all(_bare_head(p) for p in parts) or not all(p[:1].isupper() and _starts_unit(p) for p in parts[1:]) \
            or _bare("".join(parts)) != _bare(segment):
        return [segment]
    spans = _protected(segment) if known else []
    pos = 0
    for part in parts[1:]:
        pos = segment.find(part, pos + 1)
        if any(a < pos < b for a, b in spans):
            return [segment]  # the cut would fall inside a name the vocabulary knows
    return parts


_BARE_NUMBER = re.compile(r"^\s*(\d{1,4})\s*(ngày)?\s*\.?\s*$", re.I)
_CELL_DATE = re.compile(r"(?:ngày\s+)?\d{1,2}\s*(?:/|-|\.|\s+tháng\s+)\s*\d{1,2}(?:\s*(?:/|-|\.|,?\s*năm\s+)\s*\d{2,4})?", re.I)
_CITED = re.compile(r"\bsố\s*\d+\s*/", re.I)  # "Quyết định số 1441/QĐ-UBND ngày 25/9/2025": the document's date
_YEAR_SPAN = re.compile(r"^\s*(?:năm|giai đoạn)?\s*(20\d\d)\s*(?:-|–|đến)\s*(20\d\d)\s*$", re.I)


# A time cell that says several things ("Hoàn thành trong giai đoạn 2026 - 2027 và vận
# hành thường xuyên"; "Triển khai từ năm 2026 và ..."): its clauses, the first one
# naming a year says when the task is due.
_CLAUSE = re.compile(r"\.\s+-?\s*(?=\S)|;\s*|\s+và\s+|\n+", re.I)
_YEAR_PHRASES = (
    # (kind, folded pattern, the date from the year(s) found)
    ("period", re.compile(r"(?<![\d/])(20\d\d)\s*(?:-|–|đến|den)\s*(20\d\d)(?![\d/])"), lambda y: Date(y, 12, 31)),
    ("start", re.compile(r"\b(?:tu|bat dau tu|ke tu)\s+nam\s+(20\d\d)\b"), lambda y: Date(y, 1, 1)),
    ("date", re.compile(r"\btruoc\s+nam\s+(20\d\d)\b"), lambda y: Date(y - 1, 12, 31)),
)


def _year_phrase(clause: str) -> Deadline | None:
    """A clause of a time cell that dates the task by years: a span of years (its last
    year), "từ năm 2026" (from its first day), "trước năm 2030" (by the year before)."""
    folded = fold(clause)
    for kind, pat, day in _YEAR_PHRASES:
        m = pat.search(folded)
        if m:
            return Deadline(kind=kind, text=clause.strip(" .;-"), date=day(int(m.groups()[-1])).isoformat())
    return None


def cell_deadline(cell: str, doc_date: str | None, days: bool = False) -> Deadline | None:
    """A time cell's deadline: a bare number counts days from the directive's date
    (kind `relative`, which tracking counts from that date); a bare year or a span
    of years is the period's end; a cell of several clauses is due when the first
    clause that names a year says; anything else is read as a deadline phrase."""
    text = (cell or "").strip()
    if not text:
        return None
    for clause in _CLAUSE.split(text.lstrip("-–• ")):
        if not re.search(r"\b20\d\d\b", clause):
            continue
        found = _year_phrase(clause) or find_deadline(clause, doc_date)
        if found is not None and found.kind in ("date", "period", "start"):
            return found
        break
    return _whole_cell(text, doc_date, days)


def _whole_cell(text: str, doc_date: str | None, days: bool) -> Deadline | None:
    m = _BARE_NUMBER.match(text)
    if m:
        n = int(m.group(1))
        if 1900 <= n <= 2100 and not days and not m.group(2):
            return Deadline(kind="period", text=text, date=Date(n, 12, 31).isoformat())
        if n <= 1000:
            return Deadline(kind="relative", text=text, days=n)
    m = _YEAR_SPAN.match(text)
    if m:
        return Deadline(kind="period", text=text, date=Date(int(m.group(2)), 12, 31).isoformat())
    found = find_deadline(text, doc_date, cell=True)  # a time cell: every calendar form in it is a time
    if found is None:
        # A calendar date with no cue ("20 giờ 15 phút ngày 23 tháng 1"): in the time
        # column it is the day the task is due (unless it dates a document cited).
        dates = [d for d in _CELL_DATE.finditer(text) if not _CITED.search(text[:d.end()])]
        if dates:
            found = find_deadline(f"Thời hạn: {dates[-1].group()}", doc_date)
            if found is not None:
                found.text = text
    return found
