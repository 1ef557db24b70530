"""Body lines → paragraphs → a tree of enumerated items.

Paragraphs: a line starts a new paragraph when it opens with an enumerator,
when its formatting changes (bold), when the PDF shows a first-line indent or
a wider gap, or, in text copies without positions, when the previous line
ended a sentence and this one starts like a new one.

Items: the first enumerator family met opens level 1; a family not yet open
goes one level deeper; a family already open closes the levels below it.
Unnumbered paragraphs belong to the item above them. Recursion-free, so a
deeply nested outline or a huge file parses in linear time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker import rules
from tracker.model import Line


@dataclass
class Paragraph:
    text: str
    page: int = 1
    bold: bool = False
    label: str | None = None  # enumerator as written ("1", "a", "-")
    family: str | None = None  # enumerator family ("number", "letter", "dash" ...)

    @property
    def body(self) -> str:
        """The text without its enumerator."""
        return self.text if self.label is None else _strip_label(self.text)


@dataclass
class Node:
    """An enumerated item (or the root): its own paragraph, the unnumbered
    paragraphs under it, and its sub-items, in document order."""

    para: Paragraph | None
    children: list[Node | Paragraph] = field(default_factory=list)
    parent: Node | None = None
    seq: int = 0  # position among the siblings of its family ("-" items have no label of their own)

    @property
    def family(self) -> str | None:
        return self.para.family if self.para else None

    @property
    def path(self) -> str:
        parts = []
        node: Node | None = self
        while node is not None and node.para is not None:
            label = node.para.label or ""
            if node.family not in outline_rules().parts:  # "Điều 14.1", as the text cites it, not under its chapter
                parts.append(label if label[:1].isalnum() else f"{label}{node.seq}")
            node = node.parent
        return ".".join(reversed(parts))

    def items(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]


@dataclass(frozen=True)
class _OutlineRules:
    enumerators: tuple[tuple[str, re.Pattern[str]], ...]
    inline_heading: re.Pattern[str]
    indent: float
    blank_share: float
    blank_parted_share: float
    member_intro: tuple[re.Pattern[str], ...]
    meeting_facts: tuple[re.Pattern[str], ...]
    procedure: tuple[re.Pattern[str], ...]
    step: re.Pattern[str]  # "Bước 1: ...": a step of how to do the work announced above it
    parts: frozenset[str]  # families that divide the whole text (chapters): they never nest in an item
    split_label: re.Pattern[str]  # "Điều" alone on a line, its number on the next
    split_label_number: re.Pattern[str]
    about: re.Pattern[str]  # "VỀ ", "Về " before a part's title
    refers: tuple[re.Pattern[str], ...]  # "Thực hiện theo quy định tại ...": a line that only refers to rules
    no_work: tuple[re.Pattern[str], ...]  # "Nghiêm cấm ...", "... phải do X phê duyệt": a rule or a fact stated
    document: re.Pattern[str]  # "Nghị định số 214/2025/NĐ-CP ...": a line naming a text
    numeral_words: tuple[str, ...]  # "cấp", "khóa": a roman numeral after one of them goes on its sentence
    final: tuple[re.Pattern[str], ...]  # "Thông tư này có hiệu lực ...": a legal text's own closing clauses
    acts: re.Pattern[str]  # "Công bố kèm theo Quyết định này ...": what a decision does by being signed
    publishes: re.Pattern[str]  # "Công bố ...": a decision's act of publishing a catalogue
    narrative: tuple[re.Pattern[str], ...]  # "đã ban hành Công điện số ...": what happened, after the subject
    narrative_subject: tuple[re.Pattern[str], ...]  # "ghi nhận và biểu dương ...": only after a subject
    object_list: re.Pattern[str]  # "... cập nhật dữ liệu đối với:": the items under it are the sentence's objects
    time_heading: re.Pattern[str]  # "Giai đoạn 2026 - 2030", "Năm 2027": a heading that is nothing but a time
    granted: re.Pattern[str]  # "được cấp ...", "được khai thác ..." right after the units: what they receive
    granted_unless: re.Pattern[str]  # "... phải ...": the words before name who is bound, the item is work
    forbidden: re.Pattern[str]  # "không được ..." right after the units: a prohibition
    thing: re.Pattern[str]  # "Văn bản về ...", "Thông số ...": a catalogue's entry opens on the thing it names
    work_title: re.Pattern[str]  # "NHIỆM VỤ VÀ GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN": a part's title that names work


@rules.compiled
def outline_rules() -> _OutlineRules:
    r = rules.load("outline")
    enums = []
    parts = set()
    for i, spec in enumerate(r.get("enumerator", list)):
        if not isinstance(spec, dict) or not isinstance(spec.get("family"), str) or not isinstance(spec.get("pattern"), str):
            raise r.error(f"enumerator #{i + 1} needs a 'family' and a 'pattern'", "[[enumerator]]")
        pat = r.regex(spec["pattern"], f"enumerator.{spec['family']}")
        if "label" not in pat.groupindex:
            raise r.error(f"enumerator '{spec['family']}' must capture (?P<label>...)", spec["pattern"][:20])
        enums.append((spec["family"], pat))
        if spec.get("part") is True:
            parts.add(spec["family"])
    return _OutlineRules(
        enumerators=tuple(enums),
        inline_heading=r.regex(r.get("markers.inline_heading", str), "markers.inline_heading"),
        indent=float(r.get("joining.indent_points", (int, float))),
        blank_share=float(r.get("joining.blank_line_share", (int, float))),
        blank_parted_share=float(r.get("joining.blank_parted_share", (int, float))),
        member_intro=tuple(r.regexes("members.intro")),
        meeting_facts=tuple(r.regexes("members.facts")),
        procedure=tuple(r.regexes("procedure.sections")),
        step=r.regex(r.get("procedure.step", str), "procedure.step"),
        parts=frozenset(parts),
        split_label=r.regex(r.get("markers.split_label", str), "markers.split_label"),
        split_label_number=r.regex(r.get("markers.split_label_number", str), "markers.split_label_number"),
        about=r.regex(r.get("markers.about", str), "markers.about"),
        refers=tuple(r.regexes("references.only")),
        document=r.regex(r.get("references.document", str), "references.document"),
        no_work=tuple(r.regexes("statements.no_work")),
        final=tuple(r.regexes("final.clauses")),
        acts=r.regex(r.get("final.acts", str), "final.acts"),
        publishes=r.regex(r.get("final.publishes", str), "final.publishes"),
        numeral_words=tuple(w.lower() for w in r.strings("markers.numeral_words")),
        narrative=tuple(r.regexes("narrative.any")),
        narrative_subject=tuple(r.regexes("narrative.subject_only")),
        object_list=r.regex(r.get("details.object_list", str), "details.object_list"),
        time_heading=r.regex(r.get("markers.time_heading", str), "markers.time_heading", re.IGNORECASE),
        granted=r.regex(r.get("granted.after_units", str), "granted.after_units"),
        granted_unless=r.regex(r.get("granted.unless", str), "granted.unless"),
        forbidden=r.regex(r.get("granted.forbidden", str), "granted.forbidden"),
        thing=r.regex(r.get("things.opening", str), "things.opening"),
        work_title=r.regex(r.get("content.work_title", str), "content.work_title", re.IGNORECASE),
    )


def opens_member_list(text: str) -> bool:
    """"Thành phần:", "... gồm các thành viên sau:": people or units listed, not work."""
    return any(p.search(text.strip()) for p in outline_rules().member_intro)


def is_time_heading(text: str) -> bool:
    """"Giai đoạn 2026 - 2030", "Năm 2027", "Quý I/2026": a heading that says only when the work under it falls."""
    return bool(outline_rules().time_heading.match(text.strip()))


def ends_on_object_list(text: str) -> bool:
    """"Sở X chịu trách nhiệm cập nhật dữ liệu đối với:": the sentence stops on a preposition, its objects
    listed below it (outline.toml [details])."""
    return bool(outline_rules().object_list.search(text.strip()))


def is_procedure(text: str) -> bool:
    """"Trình tự tổ chức hội nghị", "NỘI DUNG, PHƯƠNG THỨC TỔ CHỨC": how something runs, not work."""
    return any(p.search(text.strip()) for p in outline_rules().procedure)


def without_about(text: str) -> str:
    """"VỀ KẾT QUẢ ĐẠT ĐƯỢC" → "KẾT QUẢ ĐẠT ĐƯỢC", "Về tình hình ..." → "Tình hình ...": the part's own title."""
    m = outline_rules().about.match(text.strip())
    if not m:
        return text
    rest = text.strip()[m.end():]
    return rest[:1].upper() + rest[1:]


def only_refers(text: str) -> bool:
    """"Thực hiện theo quy định tại khoản 2 Điều này;": the line sends the reader to other rules."""
    return any(p.search(text.strip()) for p in outline_rules().refers)


def names_document(text: str) -> bool:
    """"Nghị định số 214/2025/NĐ-CP ...", "Ý kiến chỉ đạo của ... tại Văn bản số ...": a line naming a text to study."""
    return bool(outline_rules().document.search(text.strip()))


def first_sentence(text: str) -> str:
    """The words up to the first "." or ";" that a space follows."""
    return re.split(r"(?<=[.;])\s", text.strip(), maxsplit=1)[0]


def states_only(text: str) -> bool:
    """"Nghiêm cấm ...", "Báo cáo ... phải do lãnh đạo phê duyệt": the first sentence states a rule or a fact."""
    first = first_sentence(text)
    return any(p.search(first) for p in outline_rules().no_work)


def names_thing(text: str) -> bool:
    """"Văn bản về ... chưa công khai.", "Thông số, tần suất quan trắc ...": an item that opens on a thing it names."""
    return bool(outline_rules().thing.match(text.strip()))


def names_work(title: str) -> bool:
    """"NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", "TỔ CHỨC THỰC HIỆN": a part's title that names work to do (outline.toml
    [content]), not what the work covers ("NỘI DUNG KẾ HOẠCH", "SỐ LƯỢNG ...")."""
    return bool(outline_rules().work_title.search(title))


def is_step(text: str) -> bool:
    """"Bước 1: Đăng nhập phần mềm": a step of how to do the work the paragraph above announced."""
    return bool(outline_rules().step.match(text.strip()))


def is_meeting_fact(text: str) -> bool:
    """"Địa điểm: Trụ sở ...": when and where a meeting sits, not work."""
    return any(p.match(text.strip()) for p in outline_rules().meeting_facts)


def enumerator(text: str) -> tuple[str, str, int] | None:
    """(family, label, end offset) of the enumerator opening `text`, if any."""
    for family, pat in outline_rules().enumerators:
        m = pat.match(text)
        if m:
            if family == "dotted":
                family = f"dotted{m.group('label').count('.')}"
            return family, m.group("label"), m.end()
    return None


def _strip_label(text: str) -> str:
    e = enumerator(text)
    return text[e[2] :].strip() if e else text


_SENTENCE_END = (".", ":", ";", "!", "?", "./.")


def paragraphs(lines: list[Line]) -> list[Paragraph]:
    r = outline_rules()
    # Split lines at Markdown heading markers a converter left inside the text.
    pieces: list[tuple[Line, str, bool]] = []  # (line, text, forced break)
    for line in lines:
        parts = r.inline_heading.split(" " + _unwrap_label(line.text))
        for k, part in enumerate(parts):
            # "**Điều 1.****" / "**Ban hành ...": a web copy's unpaired bold markers are no text
            part = _EMPHASIS_RUN.sub("", part)
            # "*1.3. Đối với ...:*", "... pháp luật và* *chỉ đạo ...": single italic marks at a line's
            # edges and between two runs (a bullet's "* " keeps its space, so it stays)
            part = _ITALIC_EDGE.sub("", part.strip().replace("* *", " "))
            part = re.sub(r"\s{2,}", " ", part).strip().lstrip("#").strip()
            if part:
                pieces.append((line, part, k > 0))
    pieces = _join_split_articles(pieces)

    margin = _left_margin([l.x0 for l, _, _ in pieces if l.x0 is not None])
    blank_share = sum(1 for l, _, _ in pieces if l.gap_before) / max(1, len(pieces))
    blanks_mean_paragraphs = blank_share <= r.blank_share
    # blank lines part the paragraphs (a web copy's <p>), so a line right under another goes on with it
    blank_parted = blanks_mean_paragraphs and blank_share >= r.blank_parted_share

    out: list[Paragraph] = []
    prev_line: Line | None = None
    for line, text, forced in pieces:
        enum = enumerator(text)
        if enum is not None and enum[0] == "roman" and _wrapped_numeral(out, line.gap_before and blanks_mean_paragraphs):
            enum = None  # "... từ cấp I đến cấp" / "V. ...": the numeral goes on the sentence
        if enum is not None and enum[0] == "dash" and (
                _wrapped_dash(line, prev_line, out, margin)
                or _wrapped_compound(text, enum, out, line.gap_before and blanks_mean_paragraphs)):
            enum = None  # "... cao tốc Tân Phú" / "– Bảo Lộc ...": a name's dash wrapped to the line start
        bold_change = prev_line is not None and line.bold != prev_line.bold
        if bold_change and enum is None and out and _goes_on(out[-1].text, text):
            bold_change = False  # "**3. Sở Văn hóa, Thể thao và" / "Du lịch:** Phối hợp ...": a bold run wrapped
        new = prev_line is None or forced or enum is not None or bold_change
        if not new and prev_line is not None:
            if line.page != prev_line.page and margin is not None:
                new = line.x0 is not None and line.x0 > margin + r.indent
            elif margin is not None and line.x0 is not None:
                new = line.x0 > margin + r.indent or line.gap_before
            elif blanks_mean_paragraphs and line.gap_before:
                new = True
            else:
                prev_text = out[-1].text if out else ""
                new = prev_text.rstrip().endswith(_SENTENCE_END) and _starts_sentence(text)
                if new and blank_parted and prev_text.rstrip().endswith(":"):
                    # "... lãnh đạo các Bộ là Ủy viên Ban Chỉ đạo:" / "Công an, Xây dựng, ...": the list
                    # the colon opens, in the same paragraph (no blank line between)
                    new = False
        if new and enum is None and not forced and not line.gap_before and out and out[-1].label is not None \
                and not out[-1].body.strip():
            new = False  # "1." or "a)" alone on its line (a web copy's list marker): the next line is its text
        if new or not out:
            out.append(Paragraph(text, page=line.page, bold=line.bold,
                                 label=enum[1] if enum else None, family=enum[0] if enum else None))
        else:
            out[-1].text = _join(out[-1].text, text)
        prev_line = line
    return _split_caps_runons(_title_bare_labels(out))


_EMPHASIS_RUN = re.compile(r"\*{2,}")
# "Nghiên cứu, quán triệt ... Thành ủy:", "Thời hạn: Các đơn vị ...": a title, or a labelled line, under a bare
# "1.1." (a whole sentence under it stays a paragraph of the item)
_LABEL_LINE = re.compile(r"^(?:[^:]*:\s*$|[^:.;]{1,40}:\s)")
# (at the start only before a label: an italic line of text, "*Sở Y tế:*" or a note, keeps its mark as it did)
_ITALIC_EDGE = re.compile(r"^\*(?=\d{1,2}(?:\.\d{1,2})*\.)|(?<=[^\s*])\*$")
_EMPHASISED_LABEL = re.compile(r"^\*\s*(\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\)|\((?:\d{1,2}|[ivx]{1,4})\))\s*\*\s*(?=\S)")


def _unwrap_label(text: str) -> str:
    """"*4.1. *Giao Đảng ủy ...": a web copy's emphasis around an item's label alone (the reader
    keeps a mark whose closing star stands before the next word); the label opens the line."""
    return _EMPHASISED_LABEL.sub(r"\1 ", text)


def _join_split_articles(pieces: list[tuple[Line, str, bool]]) -> list[tuple[Line, str, bool]]:
    """"Điều" alone on a line, "2. Giải thích từ ngữ" on the next ("Chương" / "II"): a web copy
    broke the label of an article or a chapter in two; it is one label, not a bare word and a
    numbered item."""
    r = outline_rules()
    out: list[tuple[Line, str, bool]] = []
    for piece in pieces:
        if out and r.split_label.match(out[-1][1]) and r.split_label_number.match(piece[1]):
            line, word, forced = out.pop()
            piece = (line, f"{word} {piece[1]}", forced)
        out.append(piece)
    return out


_JOINERS = ("và", "của", "các", "với", "hoặc", ",", "-", "–", "&")


def _goes_on(before: str, text: str) -> bool:
    """A line that cannot start a paragraph: it opens in lower case after text that did not end a
    sentence, or the text before it ends on a joining word ("Sở Văn hóa, Thể thao và")."""
    before = before.rstrip()
    if before.endswith(_JOINERS) and (before.endswith((",", "-", "–", "&")) or before.split()[-1] in _JOINERS):
        return True
    return text[:1].islower() and not before.endswith(_SENTENCE_END)


def _wrapped_dash(line: Line, prev: Line | None, out: list[Paragraph], margin: float | None) -> bool:
    """A dash at the body's left edge (where wrapped lines start, not where items are indented)
    right after a line that ends mid-sentence, on the same page: the line goes on."""
    if prev is None or not out or margin is None or line.x0 is None or prev.x0 is None or line.page != prev.page:
        return False
    return abs(line.x0 - margin) <= 1 and not out[-1].text.rstrip().endswith(_SENTENCE_END)


def _wrapped_numeral(out: list[Paragraph], parted: bool) -> bool:
    """The paragraph so far ends, mid-sentence, on a word a numeral follows ("cấp", "khóa", "Mục"), no
    parting blank line between: a roman numeral opening the next line is that numeral, wrapped."""
    if parted or not out:
        return False
    before = out[-1].text.rstrip().lower()
    return not before.endswith(_SENTENCE_END) and any(
        before.endswith(" " + w) or before == w for w in outline_rules().numeral_words)


def _wrapped_compound(text: str, enum: tuple[str, str, int], out: list[Paragraph], parted: bool) -> bool:
    """"... tổ chức chính trị" / "- xã hội, đơn vị sự nghiệp ...": a compound's dash ("chính trị - xã hội",
    "kinh tế - xã hội") wrapped to the line start in a text copy: its second half opens in lower case
    right after a line that did not end a sentence (no blank line between, where blank lines part
    paragraphs). A list's "- " entries follow a colon or an entry's ";"."""
    rest = text[enum[2]:].lstrip()
    return (not parted and bool(out) and rest[:1].isalpha() and rest[:1].islower()
            and not out[-1].text.rstrip().endswith((*_SENTENCE_END, ",")))


def _title_bare_labels(paras: list[Paragraph]) -> list[Paragraph]:
    """"Điều 2." on a line of its own, its title ("Nhiệm vụ, quyền hạn") on the next (a text copy
    that broke the line): the title is the item's text, so the item reads as headed by it."""
    out: list[Paragraph] = []
    for p in paras:
        last = out[-1] if out else None
        if (last is not None and last.label is not None and not last.body.strip() and p.label is None
                and (p.bold and last.bold or len(p.text) <= 80 and not p.text.rstrip().endswith(_SENTENCE_END)
                     # "1.1." alone, "Nghiên cứu, quán triệt ...:" under it: a dotted label has no title of its own
                     or (last.family or "").startswith("dotted") and _LABEL_LINE.match(p.text))):
            last.text = _join(last.text, p.text.lstrip("*"))  # "*Nghiên cứu ...:*" under "*1.1.*": the mark is no text
            continue
        out.append(p)
    return out


def _split_caps_runons(paras: list[Paragraph]) -> list[Paragraph]:
    """"III. TỔ CHỨC THỰC HIỆN Căn cứ vào ..." (a text copy that lost the line break):
    the heading in capitals is the item, the sentence after it a paragraph of its own."""
    out: list[Paragraph] = []
    for p in paras:
        cut = _caps_heading_end(p.body) if p.label is not None else None
        if cut is None:
            out.append(p)
            continue
        body = p.body
        head = p.text[: len(p.text) - len(body)] + body[:cut].rstrip()
        out.append(Paragraph(head, page=p.page, bold=p.bold, label=p.label, family=p.family))
        out.append(Paragraph(body[cut:].strip(), page=p.page, bold=p.bold))
    return out


def _caps_heading_end(body: str) -> int | None:
    """Where a heading in capitals ends and a sentence-case sentence starts, if it does."""
    from tracker.words import dictionary

    words = list(re.finditer(r"\S+", body))
    k = 0
    while k < len(words) and _is_caps(words[k].group()):
        k += 1
    if k < 2 or k >= len(words):
        return None
    nxt = words[k].group()
    if not (nxt[:1].isupper() and any(c.islower() for c in nxt[1:])):
        return None
    # Two capitalised abbreviations ("UBND TP Hà Nội") are a name, not a heading:
    # the run must hold a word of the language ("TỔ CHỨC", "NỘI DUNG").
    caps = [w.group().strip(",.:;").lower() for w in words[:k]]
    pairs = {" ".join(caps[i : i + 2]) for i in range(len(caps) - 1)}
    return words[k].start() if pairs & dictionary() else None


def _is_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _left_margin(xs: list[float]) -> float | None:
    """The body's left edge: the leftmost x0 that many lines share (wrapped lines start there)."""
    if len(xs) < 3:
        return None
    counts: dict[int, int] = {}
    for x in xs:
        counts[round(x)] = counts.get(round(x), 0) + 1
    common = [x for x, n in counts.items() if n >= max(2, len(xs) // 20)]
    return float(min(common)) if common else None


def _starts_sentence(text: str) -> bool:
    first = text.lstrip("(“\"'")[:1]
    return first.isupper() or first.isdigit()


def _join(a: str, b: str) -> str:
    return f"{a.rstrip()} {b.lstrip()}"


def build_outline(paras: list[Paragraph]) -> Node:
    """Nest paragraphs by their enumerators (see the module docstring)."""
    r = outline_rules()
    root = Node(None)
    stack: list[Node] = [root]
    counts: dict[tuple[int, str | None], int] = {}  # (id of parent, family) → items so far
    for p in paras:
        if p.family is None:
            stack[-1].children.append(p)
            continue
        open_families = [n.family for n in stack[1:]]
        if p.family in open_families:
            depth = open_families.index(p.family) + 1
            del stack[depth:]
        elif p.family in r.parts:
            # "Chương II" after "Điều 3. ...": a new part of the text, beside the last one, not inside its item
            depth = max((k + 1 for k, f in enumerate(open_families) if f in r.parts), default=0) + 1
            del stack[depth:]
        key = (id(stack[-1]), p.family)
        counts[key] = counts.get(key, 0) + 1
        node = Node(p, parent=stack[-1], seq=counts[key])
        stack[-1].children.append(node)
        stack.append(node)
    return root
