"""The directive's own data: number, type, issuer, level, date, subject,
recipients, signer, cited documents and the parent it carries out.

Every field is read from what is there; a copy that starts mid-page or leaves
the number blank simply yields None for what is missing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tracker import rules
from tracker.model import Header, Line
from tracker.structure.sections import Sections, patterns
from tracker.text import fold, mostly_upper


@dataclass(frozen=True)
class _HeaderRules:
    document_number: re.Pattern[str]
    recipients: re.Pattern[str]
    signing_mode: re.Pattern[str]
    not_a_name: tuple[re.Pattern[str], ...]
    parent_cues: tuple[re.Pattern[str], ...]
    doc_types: dict[str, str]  # folded code → type
    doc_titles: dict[str, str]  # folded title → type
    abbreviations: tuple[tuple[str, str], ...]
    admin_words: tuple[str, ...]
    levels: dict[str, tuple[str, ...]]
    central_cities: tuple[str, ...]
    central: tuple[re.Pattern[str], ...]
    province_agencies: tuple[re.Pattern[str], ...]
    district_agencies: tuple[re.Pattern[str], ...]


@rules.compiled
def header_rules() -> _HeaderRules:
    r = rules.load("header")
    doc_types = {}
    for kind, codes in r.get("doc_types", dict).items():
        for code in codes:
            doc_types[fold(code)] = kind
    abbreviations = []
    for pair in r.get("issuer.abbreviations", list):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            raise r.error("each of issuer.abbreviations must be [long, short]", "abbreviations")
        abbreviations.append((pair[0], pair[1]))
    levels = {k: tuple(r.strings(f"levels.{k}")) for k in ("province", "district", "commune")}
    return _HeaderRules(
        document_number=r.regex(r.get("document_number", str), "document_number"),
        recipients=r.regex(r.get("lines.recipients", str), "lines.recipients"),
        signing_mode=r.regex(r.get("lines.signing_mode", str), "lines.signing_mode"),
        not_a_name=tuple(r.regexes("lines.not_a_name", re.I)),
        parent_cues=tuple(r.regexes("parent.cues")),
        doc_types=doc_types,
        doc_titles={fold(v): k for k, v in r.get("doc_titles", dict).items()},
        abbreviations=tuple(abbreviations),
        admin_words=tuple(sorted(r.strings("issuer.admin_words"), key=len, reverse=True)),
        levels=levels,
        central_cities=tuple(fold(c) for c in r.strings("levels.central_cities")),
        central=tuple(r.regexes("levels.central")),
        province_agencies=tuple(r.regexes("levels.province_agencies")),
        district_agencies=tuple(r.regexes("levels.district_agencies")),
    )


# --------------------------------------------------------------- numbers


def clean_number(num: str, sym: str) -> str:
    """"766/QĐ- TTg" → "766/QĐ-TTg": no spaces inside a document number."""
    sym = re.sub(r"\s*([-–/])\s*", lambda m: "-" if m.group(1) in "-–" else "/", sym).strip(" .,;")
    return f"{num}/{sym}" if num else sym


def find_numbers(text: str) -> list[str]:
    """Every document number cited in `text`, in order, as written (spaces removed)."""
    out = []
    for m in header_rules().document_number.finditer(text):
        out.append(clean_number(m.group("num"), m.group("sym")))
    return out


def number_key(number: str | None) -> str:
    """Comparable form of a document number (the scorer's: folded, no spaces or hyphens)."""
    return re.sub(r"[\s\-–]", "", fold(number or ""))


# ---------------------------------------------------------------- issuer


def _proper_case(caps: str, r: _HeaderRules) -> str:
    """"TỈNH HƯNG YÊN" → "tỉnh Hưng Yên"; "UBND HUYỆN TỨ KỲ" → "UBND huyện Tứ Kỳ"."""
    text = caps.strip()
    for long, short in r.abbreviations:
        text = re.sub(re.escape(long), short, text, flags=re.I)
    if not mostly_upper(text):
        return text
    out = []
    words = text.split()
    i = 0
    while i < len(words):
        matched = False
        for admin in r.admin_words:
            n = len(admin.split())
            if fold(" ".join(words[i : i + n])) == fold(admin):
                out.append(admin)
                i += n
                matched = True
                break
        if matched:
            continue
        w = words[i]
        if any(fold(w) == fold(short) for _, short in r.abbreviations) or (len(w) <= 5 and w.isupper() and not _is_syllable(w)):
            out.append(w)  # abbreviations stay upper case
        elif fold(w) == "va":
            out.append("và")
        else:
            out.append(w[:1].upper() + w[1:].lower())
        i += 1
    return " ".join(out)


def _is_syllable(word: str) -> bool:
    """Does an upper-case word read as a Vietnamese syllable (has a vowel)?"""
    return bool(re.search(r"[AĂÂEÊIOÔƠUƯYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]", word))




def _issuer_names(lines: list[str], r: _HeaderRules) -> list[str]:
    """Issuer lines → full names: a bare "ỦY BAN NHÂN DÂN" takes the place line under it."""
    names: list[str] = []
    pending = ""
    for raw in lines:
        text = _proper_case(raw, r)
        starts_with_place = any(fold(text).startswith(fold(a) + " ") for a in r.admin_words)
        if pending and starts_with_place:
            names.append(f"{pending} {text}")
            pending = ""
            continue
        if pending:
            names.append(pending)
            pending = ""
        if fold(text) in {fold(short) for _, short in r.abbreviations} or fold(text) in {fold(long) for long, _ in r.abbreviations}:
            pending = text
        elif names and not starts_with_place and text[:1].islower():
            names[-1] = f"{names[-1]} {text}"  # a long name wrapped onto the next line
        else:
            names.append(text)
    if pending:
        names.append(pending)
    return names


def level_of(issuer: str | None, parent: str | None = None) -> str | None:
    if not issuer:
        return None
    r = header_rules()
    if any(p.search(issuer) for p in r.central):
        return "central"
    f = fold(issuer)
    for admin in r.admin_words:
        m = re.search(r"(?:^|\s)" + re.escape(fold(admin)) + r"\s+(.+)$", f)
        if not m:
            continue
        if fold(admin) == "thanh pho":
            if any(m.group(1).startswith(c) for c in r.central_cities):
                return "province"
            return "district"
        for level, words in r.levels.items():
            if admin in words:
                return level
    if any(p.search(issuer) for p in r.province_agencies):
        return "province"
    if any(p.search(issuer) for p in r.district_agencies):
        return "district"
    return level_of(parent) if parent else None


# ---------------------------------------------------------------- header


def read_header(s: Sections, body_text: str, preamble: str = "", appendix_text: str = "") -> Header:
    """`body_text` is searched for cited numbers; `preamble` (the text before the first item) for the parent."""
    p = patterns()
    r = header_rules()
    h = Header()

    left = s.header_left or s.header
    everything = s.header_left + s.header_right + s.header

    # Issuer: the upper-case lines at the top of the left column, before "Số".
    issuer_lines = []
    for line in left:
        t = line.text
        if p.number.match(t) or p.subject.match(t):
            break  # the issuer stands above the number and the subject
        if any(m.match(t) for m in p.motto) or p.place_date.match(t):
            if s.header and issuer_lines:
                break
            continue
        if mostly_upper(t) and fold(t) not in r.doc_titles:
            issuer_lines.append(t)
        elif issuer_lines:
            break
    names = _issuer_names(issuer_lines, r)
    if names:
        h.issuer = names[-1]
        h.issuer_parent = names[-2] if len(names) > 1 else None
    h.level = level_of(h.issuer, h.issuer_parent)

    # Number and symbol; the number may sit on the line after "Số:".
    for i, line in enumerate(left):
        m = p.number.match(line.text)
        if not m:
            continue
        rest = m.group("rest").strip()
        if "/" not in rest and i + 1 < len(left):
            nxt = left[i + 1].text.strip()
            if re.match(r"^\d*\s*/", nxt):
                rest = f"{rest}{nxt}"
        nm = re.match(r"^(?P<num>\d*)\s*/\s*(?P<sym>\S.*)$", rest)
        if nm:
            sym = clean_number("", nm.group("sym"))
            h.symbol = sym or None
            h.number = clean_number(nm.group("num"), sym) if nm.group("num") else None
        elif re.match(r"^\d+$", rest):
            h.number = rest
        break

    # Subject: the V/v line and the lines it wraps onto.
    for i, line in enumerate(left):
        m = p.subject.match(line.text)
        if not m:
            continue
        parts = [m.group("subject")]
        for nxt in left[i + 1 :]:
            t = nxt.text
            if p.number.match(t) or p.subject.match(t) or p.place_date.match(t) or any(mm.match(t) for mm in p.motto):
                break
            if s.header and mostly_upper(t):
                break
            parts.append(t)
        h.subject = " ".join(x.strip() for x in parts if x.strip()) or None
        break

    if h.subject is None and len(s.title) > 1:
        subject = " ".join(l.text for l in s.title[1:])
        h.subject = re.sub(r"^(?:V/v|Về việc)\s*:?\s*", "", subject).strip() or None

    # Place and date.
    for line in everything:
        m = p.place_date.match(line.text)
        if m:
            h.place = m.group("place").strip()
            year, month, day = int(m.group("year")), int(m.group("month")), m.group("day")
            h.date = f"{year:04d}-{month:02d}-{int(day):02d}" if day else f"{year:04d}-{month:02d}"
            break

    # Type: from the symbol, else a title line, else a V/v line makes it a công văn.
    code = fold((h.symbol or "").split("-")[0])
    h.doc_type = r.doc_types.get(code)
    if h.doc_type is None:
        for line in everything + s.title[:1] + s.body[:3]:
            if fold(line.text) in r.doc_titles:
                h.doc_type = r.doc_titles[fold(line.text)]
                break
    if h.doc_type is None and (h.subject or h.symbol):
        h.doc_type = "CV"

    h.recipients = _recipients(s.recipients, r)
    _closing(s, h, r)

    # Cited documents, and the parent this one carries out.
    own = number_key(h.number)
    seen = set()
    for text in (h.subject or "", body_text, appendix_text):
        for num in find_numbers(text):
            key = number_key(num)
            if key and key != own and key not in seen and "/" in num:
                seen.add(key)
                h.references.append(num)
    h.parent = find_parent(preamble or body_text, h.subject or "")
    if h.parent and number_key(h.parent) not in seen and number_key(h.parent) != own:
        h.references.insert(0, h.parent)
    return h


def find_parent(preamble: str, subject: str = "") -> str | None:
    """The first number cited after "Thực hiện" (else "Triển khai", "Căn cứ") in the preamble."""
    r = header_rules()
    for cue in r.parent_cues:
        for text in (preamble, subject):
            for m in cue.finditer(text):
                sentence = re.split(r"[;:]|\.\s|\.$", text[m.end() :], maxsplit=1)[0]
                nums = find_numbers(sentence)
                if nums:
                    return nums[0]
    return None


def _recipients(lines: list[Line], r: _HeaderRules) -> list[str]:
    if not lines:
        return []
    first = r.recipients.match(lines[0].text)
    texts = [first.group("rest") if first else lines[0].text] + [l.text for l in lines[1:]]
    items: list[str] = []
    for t in texts:
        t = t.strip()
        if not t:
            continue
        if t[:1] in "-–+•" or not items:
            items.append(t.lstrip("-–+• ").strip())
        else:
            items[-1] = f"{items[-1]} {t}"
    return [i.rstrip(";.,").strip() for i in items if i.rstrip(";.,").strip()]


def _closing(s: Sections, h: Header, r: _HeaderRules) -> None:
    cc_lines, sign_lines = list(s.closing_left), list(s.closing_right)
    if s.closing:
        # A text copy: the "- ..." list, then the signature block.
        in_list = True
        for line in s.closing:
            t = line.text
            if in_list:
                prev = cc_lines[-1].text.rstrip() if cc_lines else ""
                if not cc_lines or t[:1] in "-–+•" or (not prev.endswith((";", ".")) and not mostly_upper(t)):
                    cc_lines.append(line)
                    continue
                in_list = False
            sign_lines.append(line)
    items: list[str] = []
    for line in cc_lines:
        t = re.sub(r"^Nơi nhận\s*:?\s*", "", line.text).strip()
        if not t:
            continue
        if t[:1] in "-–+•" or not items:
            items.append(t.lstrip("-–+• "))
        else:
            items[-1] += " " + t
    h.cc = [i.rstrip(";.").strip() for i in items if i.strip()]

    titles: list[str] = []
    modes: list[str] = []
    name = None
    for line in sign_lines:
        t = line.text.strip()
        if not t or any(p.match(t) for p in r.not_a_name):
            continue
        m = r.signing_mode.match(t)
        if m:
            modes.append(t)
            continue
        if mostly_upper(t):
            titles.append(t)
        elif _looks_like_name(t):
            name = t
    if modes:
        h.signing_mode = " / ".join(modes)
    if titles:
        h.signer_title = titles[-1]
    elif modes:
        # "KT. CHỦ TỊCH" with no title line under it: the title is the mode's rest.
        m = r.signing_mode.match(modes[-1])
        h.signer_title = m.group("rest") if m else None
    h.signer = name


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words) and not re.search(r"[\d:;()/]", text)
