"""The directive's own data: number, type, issuer, level, date, subject,
recipients, signer, cited documents and the parent it carries out.

Every field is read from what is there; a copy that starts mid-page or leaves
the number blank simply yields None for what is missing. When the header is
lost, the issuer comes from what else names it: a công điện's "<SENDER> điện:",
the sentence that gives the orders ("Chủ tịch UBND xã ... yêu cầu"), the "TM."
line of the signature, with the place line for its name.

Each field also says how sure it is (`Header.confidence`, 0..1): how it was
found maps to a confidence in task_rules/header.toml [confidence].
"""
from __future__ import annotations

import re
from typing import NamedTuple

from tracker import rules
from tracker.model import Header, Line
from tracker.structure.cells import clean, is_bar
from tracker.structure.sections import Sections, is_telegram_addressees, patterns
from tracker.text import fold, mostly_upper

LEVELS = ("central", "province", "district", "commune")


class _HeaderRules(NamedTuple):  # a named record: cheaper to define at import than a dataclass
    document_number: re.Pattern[str]
    not_cited_after: re.Pattern[str]
    party_number: re.Pattern[str]
    recipients: re.Pattern[str]
    telegram: re.Pattern[str]
    signing_mode: re.Pattern[str]
    footnote: re.Pattern[str]
    recipient_note: re.Pattern[str]
    not_a_name: tuple[re.Pattern[str], ...]
    signer_titles: tuple[str, ...]  # longest first
    parent_cues: tuple[tuple[re.Pattern[str], int], ...]  # (cue, rank)
    parent_cues_ranks: tuple[str, ...]
    cue_not_after: frozenset[str]
    issued: re.Pattern[str]  # "<who> ban hành <Kind> số N"
    legal_basis: tuple[re.Pattern[str], ...]
    never_parent: tuple[re.Pattern[str], ...]
    department_issuers: tuple[re.Pattern[str], ...]
    authority: tuple[re.Pattern[str], ...]  # the issuer a department answers to, in a "của ..." or a symbol
    citation_items: re.Pattern[str]  # one cited document's stretch of a cue's clause
    symbol_levels: tuple[tuple[re.Pattern[str], str], ...]
    subject_openers: re.Pattern[str]
    doc_types: dict[str, str]  # folded code → type
    doc_titles: dict[str, str]  # folded title → type
    abbreviations: tuple[tuple[str, str], ...]
    expansions: tuple[tuple[str, str], ...]
    admin_words: tuple[str, ...]
    admin: re.Pattern[str]  # an administrative word, its place name after it ("tỉnh Nghệ An")
    not_places: tuple[str, ...]
    type_words: tuple[str, ...]  # longest first
    proper_nouns: tuple[str, ...]
    levels: dict[str, tuple[str, ...]]
    central_cities: tuple[str, ...]
    central: tuple[re.Pattern[str], ...]
    central_signers: tuple[re.Pattern[str], ...]
    city_over_departments: tuple[re.Pattern[str], ...]
    province_agencies: tuple[re.Pattern[str], ...]
    district_agencies: tuple[re.Pattern[str], ...]
    body_issuer: tuple[re.Pattern[str], ...]
    authority_titles: tuple[str, ...]  # folded, longest first
    attached_caption: re.Pattern[str]
    subject_issuers: tuple[tuple[re.Pattern[str], str], ...]
    named_under: tuple[tuple[re.Pattern[str], re.Pattern[str], str], ...]
    site_labels: dict[str, str]  # folded label → header field
    type_names: dict[str, str]  # a kind's folded name ("công văn", a site's "Loại văn bản", a caption's) → doc_type
    site_min_labels: int
    site_max_lines: int
    confidence: dict[str, dict[str, float]]
    broken_share: float
    broken_factor: float
    broken_fields: tuple[str, ...]
    real_words: frozenset[str]


@rules.compiled
def header_rules() -> _HeaderRules:
    r = rules.load("header")
    doc_types = {}
    for kind, codes in r.get("doc_types", dict).items():
        for code in codes:
            doc_types[fold(code)] = kind
    def pairs(key: str) -> list[tuple[str, str]]:
        out = []
        for pair in r.get(key, list):
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
                raise r.error(f"each of {key} must be a pair of strings", key.split(".")[-1])
            out.append((pair[0], pair[1]))
        return out

    abbreviations = pairs("issuer.abbreviations")
    admin_words = tuple(sorted(r.strings("issuer.admin_words"), key=len, reverse=True))
    not_places = tuple(r.strings("issuer.not_places"))
    levels = {k: tuple(r.strings(f"levels.{k}")) for k in ("province", "district", "commune")}
    cues = []
    for rank, key in enumerate(("parent.carries_out", "parent.based_on")):
        cues.extend((p, rank) for p in r.regexes(key))
    symbol_levels = []
    for level in LEVELS:
        symbol_levels.extend((p, level) for p in r.regexes(f"parent.symbol_levels.{level}", default=[]))
    confidence: dict[str, dict[str, float]] = {}
    for name, table in r.get("confidence", dict).items():
        if not isinstance(table, dict) or not all(isinstance(v, (int, float)) and 0 <= v <= 1 for v in table.values()):
            raise r.error(f"confidence.{name} must map how a field was found to a number from 0 to 1", name)
        confidence[name] = {k: float(v) for k, v in table.items()}
    return _HeaderRules(
        document_number=r.regex(r.get("document_number", str), "document_number"),
        not_cited_after=r.regex(r.get("not_cited_after", str), "not_cited_after"),
        party_number=r.regex(r.get("party_number", str), "party_number"),
        recipients=r.regex(r.get("lines.recipients", str), "lines.recipients"),
        telegram=r.regex(r.get("lines.telegram", str), "lines.telegram"),
        signing_mode=r.regex(r.get("lines.signing_mode", str), "lines.signing_mode"),
        footnote=r.regex(r.get("lines.footnote", str), "lines.footnote"),
        recipient_note=r.regex(r.get("lines.recipient_note", str), "lines.recipient_note"),
        not_a_name=tuple(r.regexes("lines.not_a_name", re.I)),
        signer_titles=tuple(sorted((fold(t) for t in r.strings("lines.signer_titles")), key=len, reverse=True)),
        parent_cues=tuple(cues),
        parent_cues_ranks=("carries_out", "based_on"),
        cue_not_after=frozenset(r.strings("parent.not_after")),
        issued=_issued_pattern(r),
        legal_basis=tuple(r.regexes("parent.legal_basis")),
        never_parent=tuple(r.regexes("parent.never_parent")),
        department_issuers=tuple(r.regexes("parent.department_issuers", default=[])),
        authority=tuple(r.regexes("parent.authorities", default=[])),
        citation_items=_items_pattern(r),
        symbol_levels=tuple(symbol_levels),
        subject_openers=r.regex(r.get("title.subject_openers", str), "title.subject_openers"),
        doc_types=doc_types,
        doc_titles={fold(v): k for k, v in r.get("doc_titles", dict).items()},
        abbreviations=tuple(abbreviations),
        expansions=tuple(pairs("issuer.expansions")),
        admin_words=admin_words,
        admin=re.compile(
            r"(?<!\w)" + "".join(f"(?!{re.escape(n)}(?!\\w))" for n in not_places)
            + r"(?P<admin>" + "|".join(re.escape(a) for a in admin_words) + r")(?!\w)(?:\s+(?P<name>\S.*))?$",
            re.I,
        ),
        not_places=not_places,
        type_words=tuple(sorted(r.strings("issuer.type_words"), key=len, reverse=True)),
        proper_nouns=tuple(r.strings("issuer.proper_nouns")),
        levels=levels,
        central_cities=tuple(fold(c) for c in r.strings("levels.central_cities")),
        central=tuple(r.regexes("levels.central", re.I)),
        central_signers=tuple(r.regexes("levels.central_signers")),
        city_over_departments=tuple(r.regexes("levels.city_over_departments")),
        province_agencies=tuple(r.regexes("levels.province_agencies", re.I)),
        district_agencies=tuple(r.regexes("levels.district_agencies", re.I)),
        body_issuer=tuple(r.regexes("issuer.in_body")),
        authority_titles=tuple(sorted((fold(t) for t in r.strings("issuer.authority_titles")), key=len, reverse=True)),
        attached_caption=r.regex(r.get("issuer.attached_caption", str), "issuer.attached_caption"),
        named_under=tuple((r.regex(a, "issuer.named_under"), r.regex(b, "issuer.named_under"), c)
                          for a, b, c in r.get("issuer.named_under", list)),
        subject_issuers=tuple((r.regex(a, "issuer.subject_issuers", re.I), b) for a, b in pairs("issuer.subject_issuers")),
        site_labels={fold(k): v for k, v in r.get("site_fields.labels", dict).items()},
        type_names={**{fold(v): k for k, v in r.get("doc_titles", dict).items()},
                    **{fold(k): v for k, v in r.get("site_fields.types", dict).items()}},
        site_min_labels=int(r.get("site_fields.min_labels", int)),
        site_max_lines=int(r.get("site_fields.max_lines", int)),
        confidence=confidence,
        broken_share=float(r.get("text_quality.broken_share", (int, float))),
        broken_factor=float(r.get("text_quality.factor", (int, float))),
        broken_fields=tuple(r.strings("text_quality.fields")),
        real_words=frozenset(r.strings("text_quality.real_words")),
    )


def _issued_pattern(r) -> re.Pattern[str]:
    """A sentence saying a body issued a document: "Ngày 25/02/2026, C04 - Bộ Công an ban hành Kế hoạch số ..."."""
    kinds = "|".join(re.escape(k) for k in r.strings("parent.doc_kinds"))
    return r.regex(rf"(?<!\w)ban hành\s+(?:{kinds})\s+số\s+\S+", "parent.doc_kinds")


def _items_pattern(r) -> re.Pattern[str]:
    """A clause's items: up to ";", or up to ", <Kind> số" / " và <Kind> số" (another document)."""
    kinds = "|".join(re.escape(k) for k in r.strings("parent.doc_kinds"))
    nxt = rf"(?:,|\s+và)\s+(?:các\s+)?(?:{kinds})\s+(?:số\s+)?\d"
    return r.regex(rf"(?:(?!{nxt})[^;])+", "parent.doc_kinds")


# --------------------------------------------------------------- numbers


def clean_number(num: str, sym: str) -> str:
    """"766/QĐ- TTg" → "766/QĐ-TTg": no spaces inside a document number."""
    sym = re.sub(r"\s*([-–/])\s*", lambda m: "-" if m.group(1) in "-–" else "/", sym).strip(" .,;")
    return f"{num}/{sym}" if num else sym


class Cited(NamedTuple):
    number: str
    start: int
    end: int


def cited(text: str) -> list[Cited]:
    """Every document number cited in `text` with where it stands: state numbers
    ("766/QĐ-TTg") and Party numbers ("31-CT/TU"), in order."""
    r = header_rules()
    out = [Cited(clean_number(m.group("num"), m.group("sym")), m.start(), m.end()) for m in r.document_number.finditer(text)]
    for m in r.party_number.finditer(text):
        if not any(c.start <= m.start() < c.end for c in out):
            out.append(Cited(f"{m.group('num')}-{clean_number('', m.group('sym'))}", m.start(), m.end()))
    out = [c for c in out if not r.not_cited_after.search(text[max(0, c.start - 30) : c.start])]
    return sorted(out, key=lambda c: c.start)


def find_numbers(text: str) -> list[str]:
    """Every document number cited in `text`, in order, as written (spaces removed)."""
    return [c.number for c in cited(text)]


def number_key(number: str | None) -> str:
    """Comparable form of a document number (the scorer's: folded, no spaces or hyphens)."""
    return re.sub(r"[\s\-–]", "", fold(number or ""))


# ---------------------------------------------------------------- issuer


def _proper_case(caps: str, r: _HeaderRules) -> str:
    """Issuer lines in capitals as names are written: "TỈNH HƯNG YÊN" → "tỉnh Hưng Yên",
    "UBND HUYỆN TỨ KỲ" → "UBND huyện Tứ Kỳ", "SỞ GIÁO DỤC VÀ ĐÀO TẠO" → "Sở Giáo dục và Đào tạo",
    "THỦ TƯỚNG CHÍNH PHỦ" → "Thủ tướng Chính phủ"."""
    text = clean(caps)
    for short, long in r.expansions:
        text = re.sub(r"(?<!\w)" + re.escape(short) + r"\s*", long + " ", text)
    for long, short in r.abbreviations:
        text = re.sub(re.escape(long), short, text, flags=re.I)
    if not mostly_upper(text):
        return text
    shorts = {fold(short) for _, short in r.abbreviations}
    out: list[str] = []
    words = text.split()
    i = 0
    capital_next = True  # the first word of a name, after a type word, after "và" / "," / "-"
    in_place = False  # after an administrative word every word of the place name is capitalised
    while i < len(words):
        hit = _admin_at(words, i, r)
        if hit:
            out.append(hit)
            i += len(hit.split())
            in_place, capital_next = True, False
            continue
        hit = _phrase_at(words, i, r.type_words) if capital_next or in_place else None
        if hit:
            out.append(hit if out else hit[:1].upper() + hit[1:])
            i += len(hit.split())
            capital_next, in_place = True, False
            continue
        w = words[i]
        if fold(w) in shorts or (len(w) <= 5 and w.isupper() and not _is_syllable(w)):
            out.append(w)  # abbreviations stay upper case
            in_place = False
            capital_next = True
        elif fold(w) == "va":
            out.append("và")
            capital_next = True
        elif in_place or capital_next:
            out.append(w[:1].upper() + w[1:].lower())
            capital_next = False
        else:
            out.append(w.lower())
        if w.endswith((",", "-")) or w in ("-", "–"):
            capital_next = True
        i += 1
    name = " ".join(out)
    for noun in r.proper_nouns:
        name = re.sub(r"(?<!\w)" + re.escape(noun) + r"(?!\w)", noun, name, flags=re.I)
    return name


def _phrase_at(words: list[str], i: int, phrases: tuple[str, ...], exact: bool = False) -> str | None:
    """The phrase of `phrases` that words[i:] start with; `exact` keeps diacritics ("quận" is not "quân")."""
    key = (lambda x: x.lower()) if exact else fold
    for phrase in phrases:
        n = len(phrase.split())
        if key(" ".join(words[i : i + n])) == key(phrase):
            return phrase
    return None


def _admin_at(words: list[str], i: int, r: _HeaderRules) -> str | None:
    """An administrative word at words[i] ("tỉnh"), not a common noun that starts like one ("xã hội")."""
    if _phrase_at(words, i, r.not_places, exact=True):
        return None
    return _phrase_at(words, i, r.admin_words, exact=True)


def _is_syllable(word: str) -> bool:
    """Does an upper-case word read as a Vietnamese syllable (has a vowel)?"""
    return bool(re.search(r"[AĂÂEÊIOÔƠUƯYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]", word))


def names_a_place(name: str) -> bool:
    """Does an issuer's name carry its place ("UBND xã Kỳ Sơn", not "UBND xã")?"""
    return _has_place(name, header_rules())


def _has_place(name: str, r: _HeaderRules) -> bool:
    m = r.admin.search(name)
    return bool(m and m.group("name"))


def _place_of(name: str, r: _HeaderRules) -> str | None:
    """"UBND thành phố Hà Nội" → "thành phố Hà Nội"."""
    m = r.admin.search(name)
    return name[m.start() :] if m and m.group("name") else None


def _split_bodies(line: str, r: _HeaderRules) -> list[str]:
    """Two issuer lines run together ("UBND THÀNH PHỐ HÀ NỘI SỞ GIÁO DỤC VÀ ĐÀO TẠO"):
    cut where a new body starts (an abbreviation or a type word) after a place name."""
    words = line.split()
    abbreviations = [s for _, s in r.abbreviations] + [l for l, _ in r.abbreviations]
    seen_place = False
    for i in range(len(words)):
        if _admin_at(words, i, r):
            seen_place = True
            continue
        starts = _phrase_at(words, i, r.type_words) or _phrase_at(words, i, tuple(abbreviations))
        if seen_place and i > 1 and starts:
            # a body has a name after its kind: "PHÒNG" last on the line ends a place ("HẢI PHÒNG")
            if not _admin_at(words, i - 1, r) and i + len(starts.split()) < len(words):
                return [" ".join(words[:i]), *_split_bodies(" ".join(words[i:]), r)]
    return [line]


def _issuer_names(lines: list[str], r: _HeaderRules) -> list[str]:
    """Issuer lines → full names, the body above first. A line without a place takes the
    place line under it ("ỦY BAN NHÂN DÂN" / "TỈNH NGHỆ AN", "ỦY BAN MTTQ VIỆT NAM" / "XÃ LƯƠNG MINH")."""
    names: list[str] = []
    pending = ""
    for raw in lines:
        for part in _split_bodies(clean(raw), r):
            text = _proper_case(part, r)
            m = r.admin.match(text)
            starts_with_place = bool(m and m.group("name"))
            if pending and (starts_with_place or _wraps_on(text, r)):
                # "BAN CHỈ ĐẠO PHÁT TRIỂN KINH" / "TẾ SỐ TỈNH BẮC LAM": a name without its place
                # wrapped onto the next line, which opens no body of its own
                if not starts_with_place and not text.startswith(r.proper_nouns):
                    text = text[:1].lower() + text[1:]
                names.append(f"{pending} {text}")
                pending = ""
                continue
            if pending:
                names.append(pending)
                pending = ""
            if names and not starts_with_place and (text[:1].islower() or _bare(text, r)):
                names[-1] = f"{names[-1]} {text}"  # a long name wrapped onto the next line ("HÀ" / "NỘI")
            elif not _has_place(text, r) and not any(p.search(text) for p in r.central):
                pending = text
            else:
                names.append(text)
    if pending:
        names.append(pending)
    return names


def _wraps_on(text: str, r: _HeaderRules) -> bool:
    """A line opening in neither a kind of body, an abbreviation, a place word nor a central
    body, that names a place further on: the end of the name above it."""
    words = text.split()
    shorts = tuple(s for _, s in r.abbreviations) + tuple(l for l, _ in r.abbreviations)
    return bool(r.admin.search(text)) and not (
        _phrase_at(words, 0, r.type_words) or _phrase_at(words, 0, shorts) or _admin_at(words, 0, r)
        or any(p.search(text) for p in r.central)
    )


def _bare(text: str, r: _HeaderRules) -> bool:
    """A line that only goes on with a name: no kind of body, no abbreviation, no place word of its own."""
    words = text.split()
    shorts = tuple(s for _, s in r.abbreviations)
    return not (
        _phrase_at(words, 0, r.type_words) or _phrase_at(words, 0, shorts) or r.admin.search(text)
        or any(p.search(text) for p in r.central)
    )


def _issuer_name(names: list[str], r: _HeaderRules) -> tuple[str | None, str | None]:
    """(issuer, the body above it). An agency named without its place carries the place of
    the body above ("Sở Giáo dục và Đào tạo" under "UBND thành phố Hà Nội"); a part of a body
    carries the body ("Ban Thường trực" under "Ủy ban MTTQ Việt Nam xã Lương Minh")."""
    if not names:
        return None, None
    issuer = names[-1]
    above = names[-2] if len(names) > 1 else None
    for above_re, issuer_re, template in r.named_under:
        if above and above_re.search(above) and issuer_re.search(issuer):
            return template.format(issuer=issuer, above=above), above  # "VĂN PHÒNG" under a ministry
    if above and not _has_place(issuer, r) and not any(p.search(issuer) for p in r.central):
        place = _place_of(above, r)
        bare_admin = r.admin.search(issuer)
        if place and bare_admin and not bare_admin.group("name"):
            issuer = issuer[: bare_admin.start()].rstrip()  # "Bộ Chỉ huy Quân sự tỉnh" of the province above
        if place and fold(above).startswith(("ubnd", "hdnd")):
            issuer = f"{issuer} {place}"
        elif _has_place(above, r):
            issuer = f"{issuer} {above}"
    return issuer, above


def level_of(issuer: str | None, parent: str | None = None) -> str | None:
    if not issuer:
        return None
    r = header_rules()
    if any(p.search(issuer) for p in r.central):
        return "central"
    m = r.admin.search(issuer)
    if m:
        admin, name = m.group("admin").lower(), fold(m.group("name") or "")
        if admin == "thành phố":
            if name:
                return "province" if any(name.startswith(c) for c in r.central_cities) else "district"
        else:
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
    how: dict[str, str] = {}

    left = s.header_left or s.header
    everything = s.header_left + s.header_right + s.header
    site = site_fields([clean(x.text) for x in (s.header + s.body)[: r.site_max_lines]], r)

    # Issuer: the upper-case lines at the top of the left column, before "Số".
    issuer_lines = []
    for line in left:
        t = clean(line.text)
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
    h.issuer, h.issuer_parent = _issuer_name(_issuer_names(issuer_lines, r), r)
    if h.issuer:
        how["issuer"] = "header" if _has_place(h.issuer, r) or level_of(h.issuer) == "central" else "header_no_place"
    elif site.get("issuer"):
        name = site["issuer"]
        h.issuer = _proper_case(name, r) if mostly_upper(name) else name
        how["issuer"] = "site"

    # Number and symbol; the number may sit on the line after "Số:".
    how["number"] = "missing"
    for i, line in enumerate(left):
        m = p.number.match(clean(line.text))
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
            how["number"] = "header" if nm.group("num") else "blank"
        elif pm := r.party_number.fullmatch(rest.rstrip(" .")):
            h.symbol = clean_number("", pm.group("sym"))  # a Party document: "Số 212-KL/TW"
            h.number = f"{pm.group('num')}-{h.symbol}"
            how["number"] = "header"
        elif re.match(r"^\d+$", rest):
            h.number = rest
            how["number"] = "no_symbol"
        break
    if how["number"] == "missing" and site.get("number"):
        nm = re.match(r"^(?P<num>\d+)\s*/\s*(?P<sym>\S.*)$", site["number"])
        if nm:
            h.symbol = clean_number("", nm.group("sym")) or None
            h.number = clean_number(nm.group("num"), h.symbol or "")
            how["number"] = "site"

    # Subject: the V/v line and the lines it wraps onto.
    how["subject"] = "missing"
    for i, line in enumerate(left):
        m = p.subject.match(clean(line.text))
        if not m:
            continue
        parts = [m.group("subject")]
        for nxt in left[i + 1 :]:
            t = clean(nxt.text)
            if p.number.match(t) or p.subject.match(t) or p.place_date.match(t) or any(mm.match(t) for mm in p.motto):
                break
            if s.header and mostly_upper(t):
                break
            parts.append(t)
        h.subject = " ".join(x.strip() for x in parts if x.strip()) or None
        how["subject"] = "vv"
        break

    if h.subject is None and len(s.title) > 1:
        subject = " ".join(clean(l.text) for l in s.title[1:])
        h.subject = r.subject_openers.sub("", subject).strip() or None
        how["subject"] = "title"

    # Place and date.
    how["date"] = "missing"
    for line in everything:
        m = p.place_date.match(clean(line.text))
        if m:
            h.place = m.group("place").strip()
            year, month, day = m.group("year"), m.group("month"), m.group("day")
            if year and month and day:
                h.date = _iso(year.replace(' ', ''), month, day)
                how["date"] = "header"
            else:
                # "ngày   tháng 7 năm 2022" → "2022-07"; with the month blank too there is no date to give
                h.date = f"{int(year.replace(' ', '')):04d}-{int(month):02d}" if year and month else None
                how["date"] = "blank"
            break
    if how["date"] == "missing" and site.get("date"):
        m = re.match(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$", site["date"])
        if m:
            h.date = _iso(m.group(3), m.group(2), m.group(1))
            how["date"] = "site"

    # Type: from the symbol, else a title line, else a V/v line makes it a công văn.
    # "QĐ-UBND", "2025/QĐ-UBND", a Party's "TB/VPTW": the kind is the symbol's first part
    code = fold(re.split(r"[-/]", re.sub(r"^\d{4}/", "", h.symbol or ""))[0])
    h.doc_type = r.doc_types.get(code)
    how["doc_type"] = "symbol" if h.doc_type else "missing"
    titled = next((r.doc_titles[t] for line in everything + s.title[:1] + s.body[:3]
                   if (t := fold(clean(line.text))) in r.doc_titles), None)  # a title line: "CHỈ THỊ", "KẾ HOẠCH"
    if h.doc_type is None and titled:
        h.doc_type = titled
        how["doc_type"] = "title"
    if how["doc_type"] == "symbol" and h.doc_type != "CV" and how["subject"] == "vv" and titled is None:
        # A "V/v" line and no title: a letter whose symbol opens with its issuer's code ("CT-CS": Cục Thuế)
        h.doc_type = "CV"
        how["doc_type"] = "vv"
    kind = r.type_names.get(fold(site.get("doc_type", "")))
    if kind and kind != h.doc_type:
        # The site's "Loại văn bản" is declared; a symbol's first part may be an issuer code ("CT-NVT": Cục Thuế)
        h.doc_type = kind
        how["doc_type"] = "site"
    if h.doc_type is None and not s.title and s.recipients and r.recipients.match(clean(s.recipients[0].text)):
        h.doc_type = "CV"  # a header-lost copy that opens at "Kính gửi": a letter
        how["doc_type"] = "addressed"
    if h.doc_type is None and (h.subject or h.symbol):
        h.doc_type = "CV"
        how["doc_type"] = "vv" if how.get("subject") == "vv" else "default"

    if h.doc_type and how["number"] == "missing":
        attached = " ".join(clean(x.text) for x in s.attached[:10])  # the caption stands under the attached title
        m = next((m for t in (attached, body_text, appendix_text) if (m := r.attached_caption.search(t))), None)
        if m and r.type_names.get(fold(m.group("kind"))) == h.doc_type:
            h.number = m.group("number")
            h.symbol = h.number.split("/", 1)[1]
            h.date = _iso(m.group("year"), m.group("month"), m.group("day"))
            how["number"] = how["date"] = "caption"

    h.recipients = _recipients(s.recipients, r)
    how["recipients"] = "listed" if h.recipients else "missing"
    _closing(s, h, r)
    how["signer"] = "signature" if h.signer else "missing"
    if not h.signer and site.get("signer"):
        h.signer = site["signer"]
        how["signer"] = "site"

    if not h.issuer:
        how["issuer"] = _issuer_elsewhere(s, h, body_text, r)
    h.level = level_of(h.issuer, h.issuer_parent)
    how["level"] = _level_basis(h, r) if h.level else "missing"
    if not h.level and h.issuer and _bare_city(h.issuer, r):
        # "UBND Thành phố" without its name: a city that directs sở is a province's equal
        said = " ".join(clean(x.text) for x in s.recipients) + " " + body_text[:3000]
        if any(p.search(said) for p in r.city_over_departments):
            h.level, how["level"] = "province", "agency"
    if not h.level and h.signer_title and any(p.search(h.signer_title) for p in r.central_signers):
        h.level, how["level"] = "central", "signer"  # a body named without its place, signed by a minister

    # Cited documents, and the parent this one carries out.
    own = number_key(h.number)
    seen = set()
    for text in (h.subject or "", body_text, appendix_text, _footnotes(s, r)):
        for num in find_numbers(text):
            key = number_key(num)
            if key and key != own and key not in seen and "/" in num:
                seen.add(key)
                h.references.append(num)
    # A document cited again in short ("102/2025/NQLT" after "102/2025/NQLT/UBTVQH15-CP-...") is one.
    keys = [number_key(n) for n in h.references]
    h.references = [n for n, k in zip(h.references, keys) if not any(o != k and o.startswith(k) for o in keys)]
    how["references"] = "cited" if h.references else "none"
    choice = choose_parent(preamble or body_text, h.subject or "", level=h.level, own=h.number, date=h.date,
                           issuer=h.issuer)
    h.parent = choice.number
    how["parent"] = choice.basis
    if h.parent and number_key(h.parent) not in seen and number_key(h.parent) != own:
        h.references.insert(0, h.parent)
    h.confidence = _confidences(how, r)
    h.found_by = dict(how)
    if broken_text(body_text, r):
        for k in r.broken_fields:
            if k in h.confidence:
                h.confidence[k] *= r.broken_factor
                h.found_by[k] += "+broken"
    return h


# ---------------------------------------------------------- issuer elsewhere


def _issuer_elsewhere(s: Sections, h: Header, body_text: str, r: _HeaderRules) -> str:
    """A header without the issuer: a công điện's sender, a decision's authority line, the
    sentence that gives the orders, the "TM." line of the signature, each named with the
    place line. Sets `h.issuer` and returns how it was found."""
    if s.recipients and is_telegram_addressees(s.recipients[0].text):
        sender = r.telegram.match(s.recipients[0].text).group("sender")
        h.issuer, h.issuer_parent = _issuer_name(_issuer_names([sender], r), r)
        if h.issuer:
            return "telegram"
    for pattern, office in r.subject_issuers:
        if h.subject and pattern.search(h.subject if not mostly_upper(h.subject) else h.subject.capitalize()):
            h.issuer = office
            return "subject"
    body = _authority_body(" ".join(clean(x.text) for x in s.authority), r)
    if body:
        h.issuer, h.issuer_parent = _issuer_name(_issuer_names([body], r), r)
        if h.issuer:
            return "authority"
    opening = re.sub(r"\s+", " ", body_text[:3000])  # a web copy wraps its lines anywhere
    for pat in r.body_issuer:
        m = pat.search(opening)
        if m:
            g = m.groupdict()
            name = " ".join(x.strip() for x in (g["body"], g.get("admin"), g.get("name")) if x and x.strip())
            name = _named_with_place(name, h.place, r)
            if g.get("admin") and not (g.get("name") or "").strip() and not _has_place(name, r):
                # "Ủy ban nhân dân Thành phố đề nghị": the text names it in full elsewhere ("... của Ủy
                # ban nhân dân Thành phố Hồ Chí Minh"), with the same kind of place.
                name = _named_in_text(g["body"].strip(), opening, r, admin=g["admin"].strip()) or name
            h.issuer = _proper_case(name, r) if mostly_upper(name) else _abbreviate(name, r)
            central = any(c.search(h.issuer) for c in r.central)
            return "body" if _has_place(h.issuer, r) or central else "body_no_place"
    for mode in (h.signing_mode or "").split(" / "):
        m = r.signing_mode.match(mode)
        if m and m.group("mode") in ("TM.", "T/M") and m.group("rest").strip():
            name = _proper_case(m.group("rest"), r)
            if not _has_place(name, r):
                name = _named_in_text(name, opening, r) or name
            h.issuer = _abbreviate(name, r)
            return "signature" if _has_place(h.issuer, r) else "signature_no_place"
    return "missing"


def _named_in_text(body: str, text: str, r: _HeaderRules, admin: str | None = None) -> str | None:
    """"Ủy ban nhân dân" signing with its place lost: the first "Ủy ban nhân dân thành phố Hà Nội"
    in the text names it (the issuer speaks of itself by its full name). `admin`: the kind of
    place already known ("Thành phố"), so only a name of that kind will do."""
    spellings = {body, *(long for long, short in r.abbreviations if fold(short) == fold(body))}
    words = "|".join(r"\s+".join(re.escape(w) for w in x.split()) for x in spellings)
    admin = r"\s+".join(re.escape(w) for w in admin.split()) if admin else "|".join(re.escape(a) for a in r.admin_words)
    m = re.search(rf"(?<!\w)(?i:(?:{words})\s+(?:{admin}))(?:\s+[A-ZĐ]\w*)+", text)
    return m.group(0) if m else None


def _authority_body(line: str, r: _HeaderRules) -> str | None:
    """"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X" → "ỦY BAN NHÂN DÂN TỈNH X"; "TRƯỞNG BAN CHỈ ĐẠO ..." → "BAN CHỈ ĐẠO ...".
    Only where a kind of body follows the title ("THỦ TƯỚNG CHÍNH PHỦ" is a person's office: kept whole)."""
    folded = fold(line)
    for title in r.authority_titles:
        if folded.startswith(title + " "):
            rest = line[len(title) + 1 :].strip()
            rest_f = fold(rest)
            if any(rest_f.startswith(fold(w) + " ") for w in r.type_words) or any(
                rest_f.startswith(fold(a) + " ") for a, _ in r.abbreviations
            ):
                return rest
            return None
    return None


def site_fields(lines: list[str], r: _HeaderRules | None = None) -> dict[str, str]:
    """A legal website's property block ("Số hiệu:" / "174/CV-BCĐ" / "Người ký:" / ...): field → value.
    Empty unless enough of its labels stand together (task_rules/header.toml [site_fields])."""
    r = r or header_rules()
    out: dict[str, str] = {}
    labels = 0
    for i, line in enumerate(lines):
        label, _, value = line.partition(":")
        field = r.site_labels.get(fold(label.strip(" *|")))
        if not field or not _:
            continue
        labels += 1
        value = value.strip(" *|")
        if not value:
            value = next((x.strip(" *|") for x in lines[i + 1 : i + 3] if x.strip(" *|")), "")
            if r.site_labels.get(fold(value.partition(":")[0].strip(" *|"))):
                value = ""  # the next line is another label: this one was left empty
        if value and field not in out:
            out[field] = value
    return out if labels >= r.site_min_labels else {}


def _abbreviate(name: str, r: _HeaderRules) -> str:
    for long, short in r.abbreviations:
        name = re.sub(re.escape(long), short, name, flags=re.I)
    return re.sub(r"\s+", " ", name).strip()


def _named_with_place(name: str, place: str | None, r: _HeaderRules) -> str:
    """"UBND xã" + place line "An Sơn" → "UBND xã An Sơn"."""
    name = name.strip()
    m = r.admin.search(name)
    if place and m and not m.group("name"):
        return f"{name} {place}"
    return name


def _footnotes(s: Sections, r: _HeaderRules) -> str:
    """A copy's footnotes stand after the signature ("[1] Chương trình số 30-CTr/TU ..."): the body's
    own words, so the documents they cite are cited."""
    lines = [clean(x.text) for x in s.closing + s.closing_left + s.closing_right]
    at = next((i for i, t in enumerate(lines) if r.footnote.match(t)), None)
    return "" if at is None else " ".join(lines[at:])


def _iso(year: str, month: str, day: str) -> str:
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def _bare_city(issuer: str, r: _HeaderRules) -> bool:
    m = r.admin.search(issuer)
    return bool(m and m.group("admin").lower() == "thành phố" and not m.group("name"))


def _level_basis(h: Header, r: _HeaderRules) -> str:
    if h.issuer and (_has_place(h.issuer, r) or any(p.search(h.issuer) for p in r.central)):
        return "place"
    return "agency"


# ---------------------------------------------------------------- parent


class ParentChoice(NamedTuple):
    number: str | None
    basis: str  # single | nearest | based_on | issued | unnumbered | none


def find_parent(preamble: str, subject: str = "") -> str | None:
    """The document this one carries out (see `choose_parent`)."""
    return choose_parent(preamble, subject).number


def choose_parent(preamble: str, subject: str = "", level: str | None = None, own: str | None = None,
                  date: str | None = None, issuer: str | None = None) -> ParentChoice:
    """The document this one carries out: cited after "Thực hiện" / "Triển khai" / "Để tiếp tục
    thực hiện" (else after "Căn cứ", else a superior's document the preamble says was issued:
    "Ngày ..., Bộ X ban hành Kế hoạch số ..."), first in its clause. Among several, the one whose
    issuer is the issuer's direct superior (for a department, its own level's authority; else of its
    own level, else the nearest above); laws
    and decrees are legal bases, taken only when nothing else is cited; proposals and reports
    (header.toml never_parent) never; then the one whose
    description shares most words with this document's subject; then the first."""
    r = header_rules()
    own_key = number_key(own)
    own_words = _topic_words(subject)
    department = bool(issuer) and any(p.search(issuer) for p in r.department_issuers)
    candidates = []  # (rank tuple, number)
    for text, from_subject in ((preamble, False), (subject, True)):
        every = cited(text)
        if not every:
            continue
        for cue, cue_rank in r.parent_cues:
            for m in cue.finditer(text):
                if _quoted(text, m.start(), r):
                    continue
                for pos, c in enumerate(_clause_citations(text, m.end(), every)):
                    if number_key(c.number) == own_key or any(x.search(c.number) for x in r.never_parent):
                        continue
                    legal = any(lb.search(c.number) for lb in r.legal_basis)
                    cited_level = _cited_level(c, text, r)
                    level_rank = _level_rank(level, cited_level, date)
                    if department:
                        level_rank = _department_rank(level_rank, level, cited_level, _by_authority(c, text, r))
                    overlap = len(own_words & _topic_words(_description(c, text, every)))
                    rank = (cue_rank, int(from_subject), int(legal), level_rank, -overlap, m.start(), pos)
                    candidates.append((rank, c.number))
        if not from_subject:
            for m in r.issued.finditer(text):
                # "<who> ban hành <Kind> số N": only a superior's document is carried out
                found = cited(m.group(0))
                if not found or number_key(found[0].number) == own_key:
                    continue
                who = re.split(r"[,.;:]", text[max(0, m.start() - 90) : m.start()])[-1]
                level_rank = _level_rank(level, _level_in(who, r), date)
                if level_rank in (0,) or 3 <= level_rank < 9:
                    candidates.append(((len(r.parent_cues_ranks), 0, 0, level_rank, 0, m.start(), 0), found[0].number))
    if not candidates:
        # "Thực hiện Luật ..." with no number: it carries out something the reader could not pin down
        said = any(not _quoted(preamble, m.start(), r) for cue, rank in r.parent_cues if rank == 0
                   for m in cue.finditer(preamble))
        return ParentChoice(None, "unnumbered" if said else "none")
    candidates.sort(key=lambda x: x[0])
    best_rank, best = candidates[0]
    distinct = {number_key(n) for rank, n in candidates if rank[0] == best_rank[0]}
    basis = ("single" if len(distinct) == 1 else "nearest", "based_on", "issued")[best_rank[0]]
    return ParentChoice(best, basis)


def _quoted(text: str, start: int, r: _HeaderRules) -> bool:
    """Is the cue at text[start] part of a title ("Luật Thực hiện dân chủ", "... về Thực hiện ...")?"""
    m = re.search(r"(\S+)\s+$", text[max(0, start - 40) : start])
    if not m:
        return False
    word = m.group(1)
    # A title capitalises its words: a cue in lower case after a name ("UBND xã Ba Vì nhận được
    # Công văn số ...") is the sentence's own verb.
    capitalised_cue = text[start : start + 1].isupper()
    return word in r.cue_not_after or (capitalised_cue and word[-1:].isalnum() and word[:1].isupper() and not word.isupper())


def _topic_words(text: str) -> set[str]:
    """Words that carry a topic (folded, three letters or more) and the years of a period ("giai đoạn
    2026 - 2030"): two plans on one topic differ by their period. A date's year is no topic."""
    folded = fold(text or "")
    years = set(re.findall(r"(?<![\d/.-])(?:19|20)\d\d(?![\d/.-])", re.sub(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|nam \d{4}", "", folded)))
    return ({w for w in re.findall(r"[a-z]{3,}", folded)} | years) - {"cua", "ngay", "nam", "thang", "ve", "viec", "cac", "nhung", "trong", "tren", "theo"}


def _description(c: Cited, text: str, every: list[Cited]) -> str:
    """What a cited document is about: the words after it, up to the next ";" or cited number."""
    end = min([c.end + 240] + [o.start for o in every if o.start >= c.end])
    return text[c.end : end].split(";")[0]


def _clause_citations(text: str, start: int, every: list[Cited]) -> list[Cited]:
    """The documents a cue names: the first number of each item (";"-separated, or "..., <Kind>
    số ..." / "... và <Kind> số ...") up to the sentence's end. `every`: all citations of `text`."""
    m = re.compile(r"\.\s+(?=[A-ZĐÀ-Ỹ])|\./\.|:\s|\.$").search(text, start)  # re caches the compiled form
    end = m.start() if m else len(text)
    inside = [c for c in every if start <= c.start < end]
    if not inside:
        return []
    out = []
    for item in header_rules().citation_items.finditer(text, start, end):
        first = next((c for c in inside if item.start() <= c.start < item.end()), None)
        if first:
            out.append(first)
    return out


def _cited_level(c: Cited, text: str, r: _HeaderRules) -> str | None:
    """Who issued a cited document: "của <issuer>" after it, else its symbol."""
    who = _issued_by(c, text)
    if who:
        lv = _level_in(who, r)
        if lv:
            return lv
    sym = c.number.split("/", 1)[-1] if "/" in c.number else c.number
    for pat, level in r.symbol_levels:
        if pat.search(c.number) or pat.search(sym):
            return level
    return None


def _level_in(text: str, r: _HeaderRules) -> str | None:
    """The level a phrase naming an issuer gives ("UBND tỉnh", "Thủ tướng Chính phủ", "Ban Thường vụ Đảng ủy xã")."""
    if any(p.search(text) for p in r.central) or re.search(r"\bTrung ương\b|\bChính phủ\b|\bQuốc hội\b|\bBộ\s", text):
        return "central"
    m = r.admin.search(text)
    if m and m.group("admin").lower() != "thành phố":
        for level, words in r.levels.items():
            if m.group("admin").lower() in words:
                return level  # "UBND tỉnh", "Đảng ủy xã Lương Minh": the word is enough
    return level_of(text)


def _issued_by(c: Cited, text: str) -> str:
    """Who the text says issued a cited document: "của <issuer>" after it, up to what it is about; else ""."""
    after = re.split(r"[;]|\s(?:về|về việc|ban hành|phê duyệt|quy định|hướng dẫn)\s", text[c.end : c.end + 160], maxsplit=1)[0]
    m = re.search(r"\bcủa\s+(.+)$", after)
    return m.group(1) if m else ""


def _by_authority(c: Cited, text: str, r: _HeaderRules) -> bool:
    """Was a cited document issued by an authority (UBND): "của UBND ..." after it, or its symbol?"""
    said = _issued_by(c, text)
    return any(p.search(said) or p.search(c.number) for p in r.authority)


def _department_rank(rank: int, issuer_level: str | None, cited_level: str | None, by_authority: bool) -> int:
    """A department's direct superior is its own level's authority; the level above is one step farther."""
    if by_authority and cited_level in (None, issuer_level):
        return 0
    if rank == 0 and cited_level != issuer_level:
        return 3
    return rank


def _level_rank(issuer_level: str | None, cited_level: str | None, date: str | None) -> int:
    """0 the direct superior, 1 the same level, 2 unknown, then higher levels farther up; below: last."""
    if issuer_level not in LEVELS or cited_level not in LEVELS:
        return 2
    chain = [lv for lv in LEVELS if not (lv == "district" and (date or "") >= "2025-07")]
    if issuer_level not in chain or cited_level not in chain:
        return 2
    gap = chain.index(issuer_level) - chain.index(cited_level)
    if gap == 1 or (gap == 0 and issuer_level == "central"):
        return 0
    if gap == 0:
        return 1
    if gap > 1:
        return 1 + gap
    return 9


# ------------------------------------------------------------ recipients


def _recipients(lines: list[Line], r: _HeaderRules) -> list[str]:
    if not lines:
        return []
    first_text = clean(lines[0].text)
    first = r.recipients.match(first_text) or r.telegram.match(first_text)
    texts = [first.group("rest") if first else first_text] + [clean(l.text) for l in lines[1:]]
    items: list[str] = []
    for t in texts:
        t = t.strip()
        if not t:
            continue
        # "- ... các tỉnh: Gia Lai," / "- Đắk Lắk và Khánh Hòa;": an addressee left open on a comma goes on,
        # whatever the copy put at the next line's start
        if not items or (t[:1] in "-–+•" and not items[-1].endswith(",")):
            items.append(t.lstrip("-–+• ").strip())
        else:
            items[-1] = f"{items[-1]} {t.lstrip('-–+• ').strip()}"
    items = [r.recipient_note.sub("", i.rstrip(";.,")).strip() for i in items]
    return [i.rstrip(";.,").strip() for i in items if i.rstrip(";.,").strip()]


# --------------------------------------------------------------- closing


def _closing(s: Sections, h: Header, r: _HeaderRules) -> None:
    cc_lines, sign_lines = list(s.closing_left), list(s.closing_right)
    if s.closing:
        # A text copy: the "- ..." list, then the signature block (a web copy puts a "|" between them).
        in_list = True
        tagged_signature = bool(sign_lines)
        for line in s.closing:
            t = line.text
            if tagged_signature and _looks_like_name(clean(t)) and not mostly_upper(t):
                sign_lines.append(line)  # the name under a tagged signature column, set apart from it
                continue
            if is_bar(t):
                if cc_lines:
                    in_list = False
                if any(_looks_like_name(clean(x.text)) and not mostly_upper(x.text) for x in sign_lines):
                    break  # the signature's cell has ended with its name: an attached text follows
                continue
            if in_list:
                prev = cc_lines[-1].text.rstrip() if cc_lines else ""
                if not cc_lines or t[:1] in "-–+•" or (not prev.endswith((";", ".")) and not mostly_upper(t)):
                    cc_lines.append(line)
                    continue
                in_list = False
            sign_lines.append(line)
    if cc_lines and not sign_lines:
        # The two closing columns read as one (a PDF whose columns touch): the signer's name stands
        # on a line of its own after the "- ..." list; footnotes may follow it.
        plain = [clean(x.text) for x in cc_lines]
        at = max((i for i, t in enumerate(plain) if t[:1] in "-–+•"), default=-1)
        for i in range(at + 1, len(plain)):
            if _looks_like_name(plain[i]) and not mostly_upper(plain[i]):
                sign_lines = cc_lines[i : i + 1]
                cc_lines = cc_lines[:i]
                break
    items: list[str] = []
    for line in cc_lines:
        t = re.sub(r"^Nơi nhận\s*:?\s*", "", clean(line.text)).strip()
        if not t:
            continue
        if t[:1] in "-–+•" or not items:
            items.append(t.lstrip("-–+• "))
        else:
            items[-1] += " " + t
    h.cc = [i.rstrip(";.").strip() for i in items if i.strip()]

    titles: list[str] = []
    modes: list[str] = []
    name = piece = None
    name_line = prev_line = None
    last_was_mode = False
    for prev_line, line in zip([None, *sign_lines], sign_lines):
        if name and r.footnote.match(clean(line.text)):
            break  # the footnotes follow the signature
        for t in _caps_then_name(clean(line.text)):
            if not t or any(p.match(t) for p in r.not_a_name):
                continue
            m = r.signing_mode.match(t)
            if m:
                mode, title = _mode_and_title(t, r)
                modes.append(mode)
                last_was_mode = not title
                if title:
                    titles.append(title)
                continue
            continues_mode = last_was_mode and len(t.split()) <= 2 and fold(t) not in r.signer_titles
            last_was_mode = False
            if mostly_upper(t) and continues_mode:
                modes[-1] = f"{modes[-1]} {t}"  # "TM. ỦY BAN" / "NHÂN DÂN", "T/M BỘ CHÍNH" / "TRỊ"
            elif mostly_upper(t):
                titles.append(t)
                piece = None
            elif piece and _looks_like_name(f"{piece} {t}"):
                name, piece = f"{piece} {t}", None  # the name wrapped after its first word ("Phạm" / "Chí Thanh")
            elif _looks_like_name(t):
                name = t
                name_line = line
            elif (name and name_line is not None and name_line is prev_line and line.bold and name_line.bold
                  and len(name.split()) <= 3 and len(t.split()) == 1 and _looks_like_name(f"{name} {t}")):
                name = f"{name} {t}"  # a bold name the copy wrapped before its last word ("Nguyễn Quỳnh" / "Thiện")
                name_line = None
            elif not name and len(t.split()) == 1 and t[:1].isupper() and not re.search(r"[\d:;()/.,]", t):
                piece = t
    if modes:
        h.signing_mode = " / ".join(modes)
    if titles:
        h.signer_title = titles[-1].rstrip(",")
    elif modes:
        # "KT. CHỦ TỊCH" with no title line under it: the title is the mode's rest.
        m = r.signing_mode.match(modes[-1])
        h.signer_title = m.group("rest") if m else None
    h.signer = name


def _caps_then_name(text: str) -> list[str]:
    """"PHÓ CHỦ TỊCH Hoàng Việt Phương" (a signature cell flattened) → the title and the name."""
    words = _mend_syllables(text).split()
    if len(words) > 14:
        return [text]  # running text, not a signature
    for i in range(max(1, len(words) - 6), len(words)):  # a name is at most six words
        head, tail = words[:i], words[i:]
        if (
            mostly_upper(" ".join(head), 0.9)
            and not tail[0].isupper()
            and not mostly_upper(" ".join(tail))
            and _looks_like_name(" ".join(tail))
        ):
            return [" ".join(head), " ".join(tail)]
    return [" ".join(words)]


def _mend_syllables(text: str) -> str:
    """"Đặ ng Văn Minh" → "Đặng Văn Minh": a web copy splits a syllable after its vowel; a
    lower-case piece without a vowel cannot be a syllable of its own."""
    return re.sub(r"(?<=\w) (?=[bcdđghklmnpqrstvx]{1,3}(?:\s|$))", "", text)


def _mode_and_title(text: str, r: _HeaderRules) -> tuple[str, str | None]:
    """"KT. CHỦ TỊCH PHÓ CHỦ TỊCH" → ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"): a signer's title after the mode."""
    m = r.signing_mode.match(text)
    rest = m.group("rest") if m else ""
    words = rest.split()
    for k in range(1, len(words)):
        tail = fold(" ".join(words[k:])).rstrip(",")
        if tail in r.signer_titles:
            return f"{m.group('mode')} {' '.join(words[:k])}", " ".join(words[k:])
    return text, None


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words) and not re.search(r"[\d:;()/]", text)


# ------------------------------------------------------------ confidence


_VOWELS = set("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def broken_text(text: str, r: _HeaderRules) -> bool:
    """Do the text's syllables fall apart ("Ch ỉ đạ o")? Bare vowel fragments among its words."""
    words = text[:6000].split()
    if not words:
        return False
    fragments = sum(1 for w in words if len(w) <= 3 and set(w) <= _VOWELS and w not in r.real_words)
    return fragments / len(words) >= r.broken_share


def _confidences(how: dict[str, str], r: _HeaderRules) -> dict[str, float]:
    """How each field was found → how sure it is (task_rules/header.toml [confidence])."""
    out = {}
    for fieldname, basis in how.items():
        table = r.confidence.get(fieldname, {})
        if basis in table:
            out[fieldname] = table[basis]
    return out
