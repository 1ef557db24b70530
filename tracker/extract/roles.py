"""Who leads and who supports, read from one paragraph and the context above it.

- Units opening the paragraph and followed by its verb lead ("UBND các huyện ...
  có trách nhiệm ...").
- Units right before "chủ trì" lead; "Chủ trì, phối hợp với X" keeps the addressee
  as lead and X as support.
- Units after "đề nghị" / "giao" / "yêu cầu" are addressed, so they lead.
- Units after "phối hợp với" support.
Anything not said in the paragraph comes from the context: the addressee
heading or lead-in above it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from tracker import rules
from tracker.extract.unit_phrases import ends_kind, goes_on, is_generic, names_agent, names_go_on, proper_tail_end, is_opener, is_staff, opens_clause, named_by_kind, names_things, opens_work, partners_at, plural_kind, qualified_end, says_work, units_at


@dataclass
class Roles:
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    # How each was found (keys of roles.toml [confidence.lead] / [confidence.support]):
    # said in the paragraph ("cue", "assigned", "subject") or given by the context above
    # it ("heading", "intro", "staff", "item", "recipients").
    lead_how: str = "recipients"
    support_how: str = "context"

    def inherited(self) -> Roles:
        """A copy for the items under a context (the hows stay: they say what gave them)."""
        return Roles(list(self.lead), list(self.support), self.lead_how, self.support_how)

    def as_context(self, how: str) -> Roles:
        """These roles, read from a heading or lead-in, as the context of the items under it."""
        return Roles(list(self.lead), list(self.support), how, how if self.support else self.support_how)


@dataclass(frozen=True)
class _RoleRules:
    lead_cues: tuple[re.Pattern[str], ...]
    support_cues: tuple[re.Pattern[str], ...]
    support_not_after: tuple[re.Pattern[str], ...]
    support_bare_cue: re.Pattern[str]
    directing: re.Pattern[str]
    clause_opener: re.Pattern[str]
    assign_cues: tuple[re.Pattern[str], ...]
    lead_in: re.Pattern[str]
    intro_end: tuple[re.Pattern[str], ...]
    detail_families: tuple[str, ...]
    detail_after: tuple[re.Pattern[str], ...]
    section_families: tuple[str, ...]
    preamble: tuple[re.Pattern[str], ...]
    closing: tuple[re.Pattern[str], ...]
    contact: tuple[re.Pattern[str], ...]
    exhortation: re.Pattern[str]
    purpose: re.Pattern[str]
    citation: re.Pattern[str]
    work_list: re.Pattern[str]
    contact_chars: int
    skip_sections: tuple[re.Pattern[str], ...]
    approves: re.Pattern[str]
    approved_label: re.Pattern[str]
    heading_prefix: re.Pattern[str]
    topic_label: re.Pattern[str]
    performers: re.Pattern[str]
    reported: re.Pattern[str]
    fields: tuple[tuple[str, re.Pattern[str]], ...]
    subject_cue: re.Pattern[str]
    name_tail_words: int
    named_only_sections: tuple[re.Pattern[str], ...]
    describes_addressee: re.Pattern[str]
    directed_lead: re.Pattern[str]
    unlisted_name_start: re.Pattern[str]
    addressing_prefix: re.Pattern[str]
    duty_prefix: re.Pattern[str]
    proposed_assign: re.Pattern[str]
    glued_start: re.Pattern[str]
    assigned_qualifier: re.Pattern[str]
    unlisted_name_words: int
    duty_cue: re.Pattern[str]
    obligation_cue: re.Pattern[str]
    obligation_not: re.Pattern[str]
    agent_noun: re.Pattern[str]
    duty_scope: re.Pattern[str]
    purpose_verbs: re.Pattern[str]
    partner_role: re.Pattern[str]
    duty_subject_stops: re.Pattern[str]
    duty_not_name: re.Pattern[str]
    duty_modal: re.Pattern[str]
    actor_pair: re.Pattern[str]
    bare_kind: re.Pattern[str]
    takes_on_work: re.Pattern[str]
    apposition: re.Pattern[str]
    statement: tuple[re.Pattern[str], ...]
    occasion_place: re.Pattern[str]
    occasion_concludes: re.Pattern[str]
    regulation_title: re.Pattern[str]
    regulation_parent: re.Pattern[str]
    not_subject_before: re.Pattern[str]
    difficulty_subject: re.Pattern[str]
    bare_kind_word: re.Pattern[str]
    time_opener: re.Pattern[str]


@rules.compiled
def role_rules() -> _RoleRules:
    r = rules.load("roles")
    return _RoleRules(
        lead_cues=tuple(r.regexes("lead_cues", re.I)),
        support_cues=tuple(r.regexes("support_cues")),
        support_not_after=tuple(r.regexes("support_not_after")),
        support_bare_cue=r.regex(r.get("support_bare_cue", str), "support_bare_cue"),
        directing=r.regex(r.get("directing", str), "directing"),
        clause_opener=r.regex(r.get("clause_opener", str), "clause_opener"),
        assign_cues=tuple(r.regexes("assign_cues")),
        lead_in=r.regex(r.get("lead_in", str), "lead_in", re.I),
        intro_end=tuple(r.regexes("intro_end", re.I)),
        detail_families=tuple(r.strings("detail_families")),
        detail_after=tuple(r.regexes("detail_after", re.I)),
        section_families=tuple(r.strings("section_families")),
        preamble=tuple(r.regexes("preamble")),
        closing=tuple(r.regexes("closing", re.I)),
        contact=tuple(r.regexes("contact")),
        exhortation=r.regex(r.get("exhortation", str), "exhortation", re.I),
        purpose=r.regex(r.get("purpose", str), "purpose"),
        citation=r.regex(r.get("citation", str), "citation"),
        work_list=r.regex(r.get("work_list", str), "work_list", re.I),
        contact_chars=int(r.get("contact_chars", int)),
        skip_sections=tuple(r.regexes("skip_sections")),
        approves=r.regex(r.get("approves", str), "approves"),
        approved_label=r.regex(r.get("approved_label", str), "approved_label"),
        heading_prefix=r.regex(r.get("heading_prefix", str), "heading_prefix"),
        topic_label=r.regex(r.get("topic_label", str), "topic_label"),
        performers=r.regex(r.get("performers", str), "performers"),
        reported=r.regex(r.get("reported", str), "reported"),
        fields=tuple((k, r.regex(r.get(f"fields.{k}", str), f"fields.{k}", re.I)) for k in ("task", "lead", "support", "deadline", "other")),
        subject_cue=r.regex(r.get("subject_cue", str), "subject_cue"),
        name_tail_words=int(r.get("name_tail_words", int)),
        named_only_sections=tuple(r.regexes("named_only_sections")),
        describes_addressee=r.regex(r.get("describes_addressee", str), "describes_addressee"),
        directed_lead=r.regex(r.get("directed_lead", str), "directed_lead"),
        addressing_prefix=r.regex(r.get("addressing_prefix", str), "addressing_prefix"),
        duty_prefix=r.regex(r.get("duty_prefix", str), "duty_prefix"),
        proposed_assign=r.regex(r.get("proposed_assign", str), "proposed_assign"),
        glued_start=r.regex(r.get("glued_start", str), "glued_start"),
        assigned_qualifier=r.regex(r.get("assigned_qualifier", str), "assigned_qualifier"),
        unlisted_name_start=r.regex(r.get("unlisted_name_start", str), "unlisted_name_start"),
        unlisted_name_words=int(r.get("unlisted_name_words", int)),
        duty_cue=r.regex(r.get("duty_cue", str), "duty_cue"),
        obligation_cue=r.regex(r.get("obligation_cue", str), "obligation_cue"),
        obligation_not=r.regex(r.get("obligation_not", str), "obligation_not"),
        agent_noun=r.regex(r.get("agent_noun", str), "agent_noun"),
        duty_scope=r.regex(r.get("duty_scope", str), "duty_scope"),
        purpose_verbs=r.regex(r.get("purpose_verbs", str), "purpose_verbs"),
        partner_role=r.regex(r.get("partner_role", str), "partner_role"),
        duty_subject_stops=r.regex(r.get("duty_subject_stops", str), "duty_subject_stops"),
        duty_not_name=r.regex(r.get("duty_not_name", str), "duty_not_name"),
        duty_modal=r.regex(r.get("duty_modal", str), "duty_modal"),
        actor_pair=r.regex(r.get("actor_pair", str), "actor_pair"),
        bare_kind=r.regex(r.get("bare_kind", str), "bare_kind"),
        takes_on_work=r.regex(r.get("takes_on_work", str), "takes_on_work"),
        apposition=r.regex(r.get("apposition", str), "apposition"),
        statement=tuple(r.regexes("statement")),
        occasion_place=r.regex(r.get("occasion.place", str), "occasion.place"),
        occasion_concludes=r.regex(r.get("occasion.concludes", str), "occasion.concludes"),
        regulation_title=r.regex(r.get("regulation.title", str), "regulation.title", re.I),
        regulation_parent=r.regex(r.get("regulation.parent", str), "regulation.parent", re.I),
        not_subject_before=r.regex(r.get("not_subject_before", str), "not_subject_before"),
        difficulty_subject=r.regex(r.get("difficulty_subject", str), "difficulty_subject"),
        bare_kind_word=r.regex(r.get("bare_kind_word", str), "bare_kind_word"),
        time_opener=r.regex(r.get("time_opener", str), "time_opener"),
    )


@dataclass
class Opening:
    """How a paragraph opens: with unit names (a heading or a subject) or not."""

    units: list[str]
    rest: str  # the text after the units
    kind: str  # heading | runon | subject | plain
    # The lead route (roles.toml [confidence.lead]) of the items under a heading, where it is not
    # `kind`: "addressed" for a heading naming a kind of unit the unit list does not know.
    route: str = ""


def opening(text: str) -> Opening:
    m = role_rules().heading_prefix.match(text)
    start = m.end() if m else 0  # "Đối với UBND các xã:" names its units after the prefix
    spans, end = units_at(text, start)
    if not spans:
        if (placed := named_by_place(text)) is not None:
            return placed
        if start == 0 and (kind := named_by_kind(text)) is not None:
            return Opening([kind[0]], text[kind[1]:].strip(), "subject")  # "Các cơ sở sản xuất tuân thủ ..."
        if start == 0 and (duty := named_by_duty(text)) is not None:
            return duty
        return Opening([], text, "plain")
    if (cut := _cut_kind_name(text, spans, end)) is not None:
        spans, end = cut
    rest = text[end:].strip()
    bare = rest.strip(" :.;,-–")
    names = [s.text for s in spans]
    if not bare:
        return Opening(names, "", "heading")
    if ":" in rest and goes_on(text[end:]) and is_generic(spans[-1].text) \
            and (stop := qualified_end(text, end, colon_ends=True)) is not None and text[stop:].lstrip().startswith(":"):
        # "Các cơ sở nuôi trồng thủy sản:", "Các cơ quan thông tin, truyền thông của tỉnh:": a kind and the words
        # saying which, up to the colon, no verb: a heading naming whom the items under it are for, or the work
        # run on after it ("...: Theo dõi, giám sát ...")
        named, after = names[:-1] + [text[spans[-1].start : stop].rstrip()], text[stop:].lstrip()[1:].strip()
        return Opening(named, after, "runon" if after else "heading")
    if start == 0 and (duty := named_by_duty(text)) is not None \
            and duty.units[0].startswith(spans[0].text) and len(duty.units[0]) > len(names[0]) \
            and not role_rules().duty_subject_stops.search(more := duty.units[0][len(spans[0].text):]) \
            and (is_generic(spans[0].text) and (not more.startswith((",", " và ", " hoặc ")) or _lower_kinds(more))
                 or is_staff(spans[0].text) and not any(c.isupper() for c in more)):
        # "Cơ quan, tổ chức, đơn vị trực tiếp quản lý, sử dụng tài sản công có trách nhiệm ...": the
        # words between the kind and the duty say which units hold it; after staff ("Cán bộ, công chức"),
        # more kinds of staff in lower case and what they were given ("..., viên chức, người lao động được
        # giao tài khoản có trách nhiệm ...")
        return duty
    if not is_generic(spans[-1].text) and text[spans[-1].end : spans[-1].end + 1] == " " \
            and (stop := proper_tail_end(text, spans[-1].end)) is not None:
        # "Trung tâm Bảo tồn | di sản Thăng Long - Hà Nội": the body's own name runs on to its capitals
        names[-1] = text[spans[-1].start : stop]
        end, rest = stop, text[stop:].strip()
        if not rest.strip(" :.;,-–"):
            return Opening(names, "", "heading")
    if goes_on(text[end:]) and is_generic(spans[-1].text) and (stop := qualified_end(text, end)) is not None:
        # "Các cơ quan truyền thông, báo chí tiếp tục ...": the words before the verb say which
        names[-1] = text[spans[-1].start : stop]
        rest = text[stop:].strip()
    if start == 0 and (more := names_go_on(text, spans[-1].end if names[-1] == spans[-1].text else end)) is not None \
            and names[-1] == spans[-1].text and not _PLACE_NAMED.search(names[-1]):
        # "Lực lượng Kiểm lâm, Công an, | Quân đội, chính quyền địa phương, chủ rừng | phối hợp ...": the subject's
        # list goes on past names the scanner does not know, up to the work
        names += [n for n in more[0] if n not in names]
        rest = text[more[1]:].strip()
    if is_opener(text, end) or rest[:1].isupper():
        return Opening(names, rest, "runon")
    return Opening(names, rest, "subject")


# A name ending on a place named after its level ("Bộ Quốc phòng các tỉnh Ninh Bình"): the names after it are
# more places of that level, not units of their own
_PLACE_NAMED = re.compile(r"\b(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s+[A-ZĐ]\w*(?:\s+[A-ZĐ]\w*)*$")


def _lower_kinds(more: str) -> bool:
    """Do the words after a kind go on after a comma with more kinds in lower case only, up to the duty
    ("Các cơ quan quản lý nhà nước | , tổ chức, cá nhân liên quan | có trách nhiệm"): one collective."""
    return more.startswith(",") and not any(c.isupper() for c in more) and all(
        is_generic(part) or names_agent(part) or not part.strip() for part in more.split(",")[1:2])


def _cut_kind_name(text: str, spans: list, end: int) -> tuple[list, int] | None:
    """"Bộ trưởng Bộ" / "Xây dựng khẩn trương ...": a role word and a bare kind whose name the scanner
    cut where the name reads as a verb; read again from the kind word, the name runs on ("Bộ Xây
    dựng"): (the spans with the last one so extended, its new end), or None when nothing was cut."""
    last = spans[-1]
    m = role_rules().bare_kind.search(last.text)
    if m is None or not text[end:].lstrip()[:1].isupper() or text[last.end:end].strip():
        return None
    kind_at = last.start + m.start(1)
    again, again_end = units_at(text, kind_at)
    if not again or again[0].start != kind_at or again[0].end <= last.end:
        return None
    return spans[:-1] + [replace(last, text=text[last.start:again[0].end], end=again[0].end)] + again[1:], again_end


def _could_be_name(name: str, rr: "_RoleRules", kind_leads: bool = False) -> bool:
    """What every unit the unit list does not know must pass to be read as a name: words, not too
    many (`unlisted_name_words`), no sentence mark outside brackets, no instruction or opener at its
    start, no role cue inside. With `kind_leads`, "chủ trì" right after a kind of unit says which units
    ("Các cơ quan, đơn vị | chủ trì quản lý tài sản | có trách nhiệm ...": those in charge of it)."""
    words = name.split()
    actors = rr.actor_pair.match(name) is not None  # "Tổ chức, cá nhân ...": "Tổ chức" opens no work there
    cues = [*rr.lead_cues, *rr.assign_cues, *rr.support_cues]
    if kind_leads and _kind_in_charge(name, rr):
        cues = cues[len(rr.lead_cues):]
    if kind_leads and rr.agent_noun.match(name):
        cues = cues[len(rr.lead_cues):]  # "Người chủ trì soạn thảo văn bản | có trách nhiệm ...": the one who leads that work
    return bool(words) and len(words) <= rr.unlisted_name_words \
        and not re.search(r"[.;:!?]", re.sub(r"\([^()]*\)", "", name)) and (actors or not opens_work(name)) \
        and (actors or not is_opener(name, 0)) and not any(c.search(name) for c in cues)


def _kind_in_charge(name: str, rr: "_RoleRules") -> bool:
    """Does `name` open with a kind of unit in common nouns right before its only lead cue ("Các cơ quan,
    tổ chức, đơn vị chủ trì quản lý tài sản")?"""
    hits = [m for c in rr.lead_cues for m in c.finditer(name)]
    if len(hits) != 1:
        return False
    spans, end = units_at(name, 0)
    return len(spans) == 1 and spans[0].start == 0 and is_generic(spans[0].text) and end == hits[0].start() \
        and name[hits[0].end():].strip()[:1].islower()


def named_by_place(text: str) -> Opening | None:
    """Units the unit list does not know, named where only units stand: before "có trách nhiệm"
    closing a heading ("Các tổ chức, cá nhân khai thác nước dưới đất có trách nhiệm"), or after
    the addressing word of a heading that holds nothing else ("Đề nghị: Hiệp hội X, Liên minh Y",
    no verb in it). The name opens with "các", "tất cả" or a capital, opens no instruction, holds
    no role cue and is short (roles.toml `subject_cue`, `addressing_prefix`, `unlisted_name_start`,
    `unlisted_name_words`); else None. "Đề nghị X: làm ..." with an unknown X is left alone: read
    so, it lowered the held-out half."""
    rr = role_rules()
    cue = rr.subject_cue.search(text)
    m = rr.addressing_prefix.match(text)
    if m and not cue:
        name = text[m.end() :].rstrip()
        if name.endswith((".", ";")) or ":" in name[:-1]:
            return None  # "Đề nghị X: làm ...": a sentence, left to the scanner's known names
        name = name.rstrip(":")
    elif cue:
        name = text[: cue.start()]
    else:
        return None
    name = name.strip(" ,")
    if not _could_be_name(name, rr) or not rr.unlisted_name_start.match(name) \
            or any(p.search(name + ":") for p in rr.intro_end[:-1]) or (m and not cue and says_work(name)):
        return None
    return Opening(split_unlisted(name), "", "heading")


def named_by_duty(text: str) -> Opening | None:
    """A subject the unit list does not know, named before the "có/chịu trách nhiệm" of the text's first
    sentence ("Người sử dụng Hệ thống có trách nhiệm bảo vệ ..."), with the words saying within what it
    acts left out (roles.toml `duty_cue`, `duty_scope`); checked as named_by_place checks a name. None
    when the words before the cue open an instruction, hold a role cue or a sentence mark, or are many."""
    rr = role_rules()
    first = sentences(text)[0] if text.strip() else ""
    cue = rr.duty_cue.search(first)
    owed = rr.obligation_cue.search(first)
    if owed is not None and (cue is None or owed.start() < cue.start()) and _bears(first[: owed.start()].strip(" ,"), first[owed.end():]):
        cue = owed  # "Hộ gia đình, cá nhân sản xuất ven rừng | phải tuân thủ ...": an obligation of people named by their kind
    if cue is None:
        return None
    name = rr.duty_modal.sub("", first[: cue.start()])  # "Các cơ quan xử lý phải có trách nhiệm": the modal is no name's
    if (scope := rr.duty_scope.search(name)) is not None:
        name = name[: scope.start()]
    if (glued := rr.glued_start.search(name)) is not None:
        name = name[glued.start() :]  # "Công tác triển khai Các sở, ban, ngành ...": a title run into the sentence
    name = name.strip(" ,")
    words = name.split()
    if not _could_be_name(name, rr, kind_leads=True) or not rr.unlisted_name_start.match(name) \
            or rr.clause_opener.match(name) or rr.heading_prefix.match(name) or rr.duty_not_name.search(name):
        return None  # "Kinh phí thực hiện do các đơn vị có trách nhiệm bố trí": a thing, and who acts on it
    return Opening(split_unlisted(name), text[cue.start() :].strip(), "subject")


def _bears(name: str, after: str) -> bool:
    """Does `name`, before an obligation's cue ("phải", "có nghĩa vụ"), name who bears it: a kind of actor
    (names_agent), not one defined ("Tổ chức là các đơn vị ...": convention e), not a beneficiary ("... được
    hỗ trợ"), and not conditions to meet ("... phải đáp ứng các điều kiện sau": eligibility, convention d)?"""
    rr = role_rules()
    return names_agent(name) and not re.search(r"\slà\s", name) and not rr.duty_subject_stops.search(name) \
        and not rr.obligation_not.match(after)


def addressed_heading(text: str) -> Opening | None:
    """A heading over items that only says whom they are for, naming a kind of unit the unit list
    does not know by what it does: "6. Đề nghị các tổ chức cung cấp dịch vụ chi trả", "Điều 24.
    Trách nhiệm của doanh nghiệp cung cấp dịch vụ phần mềm" (roles.toml `duty_prefix`,
    `addressing_prefix`). Over items a verb in such a name qualifies it ("cung cấp"): the items
    carry the work. After an addressing word the name opens with a plural or a capital
    (`unlisted_name_start`: "Đề nghị tăng cường ..." is a recommendation), after a duty's word
    with any noun. None when the heading ends a sentence, goes on after a colon, introduces a
    list of work, holds a role cue, names things ("các nội dung"), or is long."""
    rr = role_rules()
    body = text.strip()
    if body.endswith((".", ";")):
        return None
    body = body.rstrip(":").rstrip()
    duty = rr.duty_prefix.match(body)
    m = duty or rr.addressing_prefix.match(body)
    if m is None:
        return None
    name = body[m.end() :].strip(" ,")
    if not _could_be_name(name, rr) or (not duty and not rr.unlisted_name_start.match(name)) or names_things(name) \
            or any(p.search(body + ":") for p in rr.intro_end[:-1]) or rr.work_list.search(body + ":"):
        return None
    # the two forms take routes of their own: their share right differs by kind of document
    return Opening(split_unlisted(name), "", "heading", "addressed_duty" if duty else "addressed")


def split_unlisted(name: str) -> list[str]:
    """Names the unit list does not know, split where a new name starts: at ";", and at "," or
    "và" before a capital ("Hiệp hội X, Hội Y, Liên minh Z" is three); "Các tổ chức, cá nhân và
    hộ gia đình" (lower case) is one collective name, and a parenthesis stays with its name."""
    out, depth, last = [], 0, 0
    k = 0
    while k < len(name):
        c = name[k]
        depth += c == "("
        depth -= c == ")" and depth > 0
        cut = None
        if not depth:
            if c == ";":
                cut = k + 1
            elif c == "," and (name[k + 1 :].lstrip()[:1].isupper() or name[k + 1 :].lstrip().startswith("các ")):
                cut = k + 1  # "..., các tổ chức, cá nhân liên quan": a new plural starts another unit, as in a cell
            elif name.startswith(" và ", k) and name[k + 4 : k + 5].isupper():
                cut = k + 4
        if cut is not None:
            out.append(name[last:k].strip(" ,;"))
            last = k = cut
            continue
        k += 1
    out.append(name[last:].strip(" ,;"))
    return [n for n in out if n]


def named_heading(text: str, has_items: bool) -> Opening | None:
    """A heading that names who does the items under it, the last name narrowed by words the
    unit scanner stopped before ("Nhà đầu tư của hai dự án cầu X:", "Các đơn vị cấp nước trên
    địa bàn có trách nhiệm", "Đối với Nhà đầu tư dự án Y: Khẩn trương ..."): those words up to
    the colon or the cue (roles.toml `subject_cue`) join the name. Without a colon or a cue only
    an item over sub-items qualifies. None when the words are many, hold a clause break or open
    an instruction, or the text introduces a list of work ("... các nội dung sau:")."""
    rr = role_rules()
    m = rr.heading_prefix.match(text)
    spans, end = units_at(text, m.end() if m else 0)
    if not spans:
        return _kind_heading(text) if has_items else None
    rest = " " + text[end:]  # the cue's leading space, when the name ends right before it
    cue = rr.subject_cue.search(rest)
    colon = rest.find(":")
    after = ""
    if cue:
        tail = rest[: cue.start()]
    elif colon >= 0:
        tail, after = rest[:colon], rest[colon + 1 :].strip()
        if after and not m or not after and not has_items:
            # "X ...: Y làm ...": a topic label, read by subject_after_label; "X tải tài liệu tại:"
            # over nothing: no heading
            return None
    elif has_items and not rest.rstrip().endswith((".", ";")):
        tail = rest
    else:
        return None
    tail = tail.strip()
    # Under a duty's word ("Trách nhiệm của các cơ quan, đơn vị | xử lý phản ánh kiến nghị") a verb after the
    # kind says which units hold the duties, as in addressed_heading: the items carry the work.
    duty = rr.duty_prefix.match(text) is not None and has_items and not cue and colon < 0
    # So too under "Đối với" closing on its colon with nothing after it ("Đối với các cơ sở | sản xuất có lưu lượng xả
    # bụi, khí thải lớn ra môi trường:" over "+" lines): the heading only says whom its items are for
    duty = duty or (m is not None and m.group(0).lower().startswith("đối với") and has_items and not cue and colon >= 0
                    and not after and is_generic(spans[-1].text) and spans[0].start == m.end())
    if duty and m is not None and m.group(0).lower().startswith("đối với"):
        tail = re.sub(r"\s*\([^()]*\)$", "", tail)  # "... sinh hoạt (theo danh sách gửi kèm)": a pointer, no part of the name
    if cue and not tail and has_items:
        return Opening([s.text for s in spans], "", "heading")  # "1. Sở X có trách nhiệm" over its items
    words = [w for w in tail.split() if w.isalnum()]
    # After the cue's subject a verb cannot come first: "cấp nước" there is what the units do for a living.
    if not words or not tail[:1].islower() or len(words) > rr.name_tail_words or re.search(r"[;.!?()]" if duty else r"[,;.!?()]", tail) \
            or (opens_work(tail) and not cue and not duty) or words[-1] == "và" \
            or (rr.reported.match(tail) and not _GIVEN.match(tail)) or any(c.search(tail) for c in (*rr.lead_cues, *rr.assign_cues)) \
            or any(c.search(tail) for c in rr.support_cues) or any(p.search(text.rstrip()) for p in rr.intro_end[:-1]) \
            or role_rules().takes_on_work.search(tail):
        return None
    last = spans[-1]
    name = text[last.start : text.index(tail, end) + len(tail)]
    return Opening([s.text for s in spans[:-1]] + [name], after, "runon" if after else "heading")


def _kind_heading(text: str) -> Opening | None:
    """A heading over items that names a kind of actor the unit list does not know and what qualifies it,
    whole ("Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, vận tải và logistics trên địa bàn tỉnh"): no
    verb of work in it (clause words such as "trong", "trên" place the kind), no sentence mark, no role cue,
    not long (roles.toml `unlisted_name_words`); else None."""
    rr = role_rules()
    name = text.strip()
    kind = named_by_kind(name) if name else None
    # what the kind does, up to the first word placing it ("hoạt động | trong lĩnh vực xây dựng ..."): no verb of work
    doing = re.split(r"\s(?:trong|trên|tại|thuộc|về)\s", name[kind[1]:] if kind else "", maxsplit=1)[0]
    if not name or name.endswith((".", ";", ":")) or kind is None or says_work(doing, clause_words=False) \
            or len(name.split()) > rr.unlisted_name_words or re.search(r"[;:!?()]", name) \
            or any(c.search(name) for c in (*rr.lead_cues, *rr.assign_cues, *rr.support_cues)):
        return None
    return Opening([name], "", "heading")


# "... được phân cấp", "... được giao quản lý hệ thống": what the units were given, a part of their name (not
# "được" of a report: "Tỉnh đã được ...")
_GIVEN = re.compile(r"được (?:giao|phân công|phân cấp|cấp|ủy quyền)\b")


def is_named_only_section(text: str) -> bool:
    """A plan's funding section ("III. KINH PHÍ THỰC HIỆN"): only items naming who acts are tasks."""
    return any(p.search(text) for p in role_rules().named_only_sections)


def names_actor(text: str) -> bool:
    """Does the paragraph say which units act: opened by units and their verb ("Sở Tài chính chủ
    trì ...", "Các cơ quan được phân công ... lập dự toán"), units addressed ("Giao X ..."), or
    units after an opening clause ("Căn cứ ..., các đơn vị ...")?"""
    op = opening(text)
    return bool(op.units and op.kind in ("subject", "runon")) or bool(addressed_units(text)) \
        or bool(subject_after_clause(text))


def approves_contents(text: str) -> bool:
    """An article approving a plan or project whose items describe it (roles.toml `approves`)."""
    return bool(role_rules().approves.match(text.strip()))


def describes_approved(text: str) -> bool:
    """Under an approval article: a labelled line that names only a body in a role ("Cơ quan thẩm
    định: Sở Xây dựng.") or states a fact naming no one who acts ("Nguồn vốn: Ngân sách tỉnh.")."""
    if field_of(text) is not None:
        return True
    m = role_rules().approved_label.match(text.strip())
    if m is None or opens_work(m.group("label")):
        return False
    value = m.group("value").strip()
    return opening(value).kind == "heading" or not names_actor(value)


def is_skipped_section(text: str) -> bool:
    """A plan's aims/background section ("I. MỤC ĐÍCH, YÊU CẦU"): no tasks under it."""
    return any(p.search(text) for p in role_rules().skip_sections)


def names_performers(text: str) -> bool:
    """A label over labelled lines that say who does the work of the items before it ("Cơ quan
    thực hiện:" / "- Đơn vị chủ trì: ..." / "- Đơn vị phối hợp: ..."), roles.toml `performers`."""
    return bool(role_rules().performers.match(text.strip()))


def field_of(text: str) -> tuple[str, str] | None:
    """("task" | "lead" | "support" | "deadline" | "other", value) for a labelled line, else None."""
    for kind, pat in role_rules().fields:
        m = pat.match(text.strip())
        if m:
            return kind, m.group("value").strip()
    return None


def is_preamble(text: str, in_item: bool = False) -> bool:
    """Cites or explains rather than instructs. `in_item`: the paragraph is inside an
    item of the task list, where "Căn cứ ..." opens work."""
    rr = role_rules()
    if not any(p.search(text) for p in rr.preamble) and (in_item or not rr.citation.search(text)):
        return False
    # "Để ..., Bộ X đề nghị các bộ ... góp ý": a purpose clause before the work
    return not (rr.purpose.search(text) and not is_intro(text) and addressed_units(text))


_SENTENCES = re.compile(r"(?<=\.)\s+(?=[(\w])")


def is_closing(text: str) -> bool:
    """A closing formula or contact line, as the whole paragraph or as its first sentence."""
    rr = role_rules()
    first = _SENTENCES.split(text.strip(), maxsplit=1)[0]
    if len(text) <= rr.contact_chars and any(p.search(text) for p in rr.contact):
        return True
    op = opening(text)
    if op.units and rr.exhortation.match(op.rest):
        return True
    return any(p.search(text) or p.search(first) for p in rr.closing)


def sentences(text: str) -> list[str]:
    return _SENTENCES.split(text.strip())


def trailing_instruction(text: str) -> str | None:
    """A closing or preamble paragraph whose later sentence addresses units ("Trên đây là
    Kế hoạch .... Giao Sở Y tế theo dõi, đôn đốc ..."): that sentence on, else None."""
    parts = sentences(text)
    for k in range(1, len(parts)):
        rest = " ".join(parts[k:])
        if is_closing(parts[k]) or is_preamble(parts[k]):
            continue
        # Only a sentence that assigns: "Giao X ...", "Đề nghị X ...", "X chủ trì ...".
        if addressed_units(parts[k]) or (opening(parts[k]).units and any(c.search(parts[k]) for c in role_rules().lead_cues)):
            return rest
    return None


def announces_work(text: str) -> bool:
    """Introduces a list of work ("... tập trung thực hiện các nhiệm vụ sau:", "Đề nghị UBND
    tỉnh:"), not of aims or facts ("... nhằm các mục đích sau:")."""
    return is_intro(text) and (bool(addressed_units(text)) or bool(role_rules().work_list.search(text.rstrip())))


def is_intro(text: str) -> bool:
    """Ends like the introduction of a list ("... các nội dung sau:")."""
    return any(p.search(text.rstrip()) for p in role_rules().intro_end)


def _addresses_kind(text: str) -> bool:
    """Does a heading address the items under it to units named right after its prefix ("Đối với
    các cơ sở sản xuất có lưu lượng xả thải lớn:", "Đối với UBND các xã:"), with no verb of its own?"""
    m = role_rules().heading_prefix.match(text)
    if m is None:
        return False
    spans, end = units_at(text, m.end())
    rr = role_rules()
    return bool(spans) and spans[0].start == m.end() and not opens_work(text[end:].lstrip(" ,")) \
        and not any(c.search(text) for c in (*rr.lead_cues, *rr.assign_cues, *rr.support_cues))


def details_children(text: str, child_families: list[str], family: str | None = None) -> bool:
    """Do the sub-items only detail this item (so their text joins it)? Never those of a
    section ("Điều 1. Ban hành Kế hoạch ... như sau:", "II. NHIỆM VỤ"): they are its items."""
    rr = role_rules()
    if not text.rstrip().endswith(":") or family in rr.section_families:
        return False
    if rr.work_list.search(text.rstrip()):
        return False  # "X cần tập trung một số nhiệm vụ như sau:": a list of work, each line a task
    if _addresses_kind(text):
        return False  # "9.1. Đối với các cơ sở sản xuất có ...:" over "+" lines: the units' items, each a task
    if child_families and all(f in rr.detail_families for f in child_families):
        return True
    return any(p.search(text.rstrip()) for p in rr.detail_after)


def _cue_units(text: str, cues: tuple[re.Pattern[str], ...], skip: re.Pattern[str] | None = None) -> tuple[list[str], list[tuple[int, int]]]:
    """Units listed right after any of `cues`, and the spans (cue start, list end) they took; not
    after a cue whose words before it match `skip`."""
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    for cue in cues:
        for m in cue.finditer(text):
            if skip is not None and skip.search(text[: m.start()]):
                continue
            pos = m.end()
            while pos < len(text) and text[pos] in " ,:":
                pos += 1
            units, end = units_at(text, pos)
            if units:
                names = [u.text for u in units]
                if is_generic(names[-1]) and goes_on(text[end:]) and (stop := qualified_end(text, end)) is not None:
                    names[-1], end = text[units[-1].start : stop], stop  # "Yêu cầu Nhà đầu tư 02 dự án lập ..."
                found.extend(u for u in names if u not in found)
                spans.append((m.start(), end))
    return found, spans


def _others_partners(text: str, cue_start: int) -> bool:
    """Does the "phối hợp với" at `cue_start` name someone else's partners, not the task's
    support? "Chỉ đạo các đơn vị trực thuộc phối hợp với X" (X works with those units),
    "các nhiệm vụ phối hợp với X" (a noun's complement)."""
    rr = role_rules()
    clause = re.split(r"[;.]\s", text[:cue_start])[-1]
    if any(p.search(clause) for p in rr.support_not_after):
        return True
    m = None
    for m in rr.directing.finditer(clause):
        pass
    return m is not None and not rr.lead_cues[0].search(clause[m.end():])


def _support_units(text: str) -> list[str]:
    rr = role_rules()
    found: list[str] = []
    for cue in (*rr.support_cues, rr.support_bare_cue):
        for m in cue.finditer(text):
            if _others_partners(text, m.start()):
                continue
            pos = m.end()
            while pos < len(text) and text[pos] in " ,:":
                pos += 1
            if cue is rr.support_bare_cue and not [u for u in units_at(text, pos)[0][:1] if u.start == pos]:
                continue  # "phối hợp thực hiện", "phối hợp chặt chẽ": no unit right after it
            partners = partners_at(text, pos)
            if partners and is_generic(partners[-1]) and (role := rr.partner_role.match(text, text.find(partners[-1], pos) + len(partners[-1]))):
                partners[-1] += role.group(0).rstrip()  # "phối hợp với cơ quan chủ trì giải quyết ...": the body leading that work
            found.extend(u for u in partners if u not in found)
    return found


def _directed_by_own_work(text: str, cue_at: int) -> bool:
    """Is the addressing word at `cue_at` said by the item's own doer in the course of its work ("Chủ
    động xây dựng kế hoạch ứng phó, yêu cầu các cơ sở y tế ... có dự phòng" under "4. Sở Y tế:")? Its
    sentence opens with an instruction's verb (not a clause before a subject: "Khi có kết quả ..., giao
    Sở Nội vụ ...") and the word stands in that sentence's run, not after a colon or in brackets
    ("... (Giao Công an tỉnh chủ trì)"): the units it names are those the doer directs, not the lead."""
    start = max(text.rfind(". ", 0, cue_at) + 1, 0)
    sentence = text[start:cue_at].lstrip()
    if not sentence or role_rules().clause_opener.match(sentence):
        return False
    if not opens_work(sentence):
        # "Ủy ban nhân dân cấp xã có trách nhiệm ...; kịp thời rà soát đề nghị Sở Tư pháp cấp ...": the
        # subject's own work goes before the address (not "Sở X đề nghị các bộ ...": the subject asks)
        op = opening(sentence)
        if op.kind != "subject" or not op.units or not op.rest or any(c.match(op.rest) for c in role_rules().assign_cues):
            return False
    return not re.search(r"[:(]\s*$", sentence) and "(" not in sentence[-2:]


# The routes of a lead given by a heading that names who does the items under it
HEADING_LEADS = ("heading", "addressed", "addressed_duty", "staff")


def _heading_unit_assigns(text: str, inherited: Roles) -> bool:
    """Does an item under a heading naming its doer open by handing work to that unit's own people, named in
    common nouns ("UBND các xã, phường:" over "- Giao lực lượng Công an cấp xã làm nòng cốt ...", "Các cơ quan,
    đơn vị:" over "- Phân công cán bộ, công chức quản lý ...")? The heading's unit assigns as its own work: it
    leads the item. A body named by its own name ("Giao Thanh tra thành phố ...", "Giao Sở Y tế ...") is handed
    the work by the issuer, over the heading, and a person ("Giao đồng chí X") is named by name: those lead."""
    if not inherited.lead or inherited.lead_how not in HEADING_LEADS:
        return False
    cue = next((m for c in role_rules().assign_cues if (m := c.match(text)) is not None), None)
    if cue is None or not re.match(r"(?:[Gg]iao|[Pp]hân công)\b", text):
        return False
    rest = text[cue.end():].lstrip(" ,:")
    word = rest.split(" ", 1)[0]
    return word[:1].islower() and word not in ("các", "đồng") and not rest.startswith(("tổ chức", "thực hiện"))


def addressed_units(text: str) -> list[str]:
    """Units named after "đề nghị" / "giao" / "yêu cầu": the ones the sentence addresses. Not
    those of an assignment the sentence's subject only proposes to its superior ("Văn phòng
    tham mưu cho UBND tỉnh phân công cơ quan, đơn vị giải quyết", roles.toml `proposed_assign`)."""
    rr = role_rules()
    return _cue_units(text, rr.assign_cues, rr.proposed_assign)[0]


CLAUSE_CHARS = 400  # an opening clause ("Căn cứ ..., ", "Để ..., ") is never longer than this


def subject_after_clause(text: str, wide: bool = False) -> list[str]:
    """The units that act after an opening clause: "Căn cứ kết quả đạt được, các bộ
    triển khai ...", "Sau khi hoàn thành, các đơn vị cập nhật ..." → the units after
    the first comma that are followed by their verb; [] when none is. `wide` (reading a task's lead, not
    whether a paragraph names who acts): a recurring time opens a clause too (roles.toml `time_opener`),
    the main clause may start after "thì", a clause word after a comma ("trong thời gian ...") is no verb,
    and a kind as the subject is read whole up to its duty's cue (_subject_read_whole)."""
    rr = role_rules()
    if not rr.clause_opener.match(text) and not (wide and rr.time_opener.match(text)):
        return []
    first = re.split(r"[.;:]\s", text, maxsplit=1)[0][:CLAUSE_CHARS]
    verbs = False  # a comma before a verb was passed: only a subject with its duty's cue may follow
    # the subject right after the difficulty a condition names, with no comma ("Trong quá trình thực hiện, nếu có
    # vướng mắc UBND các xã kịp thời phản ánh ...": roles.toml `difficulty_subject`)
    # and the subject of the main clause after "thì" ("Trường hợp ... thì cơ quan tiếp nhận phải ...")
    gaps = [*re.finditer(r",\s+|\s+thì\s+" if wide else r",\s+", first), *role_rules().difficulty_subject.finditer(first)]
    for m in sorted(gaps, key=lambda g: g.start()):
        if role_rules().directing.match(text[m.end() :]) or opens_work(text[m.end() :]) and not (wide and opens_clause(text[m.end() :])) \
                and not role_rules().purpose_verbs.match(text):
            # "Căn cứ chức năng, chỉ đạo các cơ sở ...": the work starts with no subject, the units after
            # it are its objects ("Để giữ vững ..., hoàn thành ..., tỉnh X cần ...": a purpose goes on in verbs);
            # unless a subject with its duty's cue comes later ("Trên cơ sở kết quả kiểm tra, đánh giá của Sở X,
            # Hội đồng thi đua có trách nhiệm ...": the verbs were the clause's nouns)
            verbs = True
            continue
        if text[m.end() : m.end() + 1].islower() and not re.match(r"(?:các|những|mọi|tất cả)\b", text[m.end() :]) \
                and ends_kind(text[: m.start()]):
            continue  # "Trên cơ sở đề nghị của các Bộ, cơ quan liên quan, Bộ Tài chính ...": the clause's own list
        units, end = units_at(text, m.end())
        if not units and not ends_kind(text[: m.start()]) and (kind := plural_kind(text, m.end())) is not None:
            units, end = [kind], kind.end  # "..., các tổ chức, cá nhân gửi ý kiến về ...": a plural kind as the subject
        after = text[end:].lstrip()
        names = [u.text for u in units]
        whole = _subject_read_whole(text[m.end() :], names) if wide and names and is_generic(names[-1]) else None
        said = whole[1] if whole is not None else after  # what the subject read whole is followed by
        if verbs and not (role_rules().duty_cue.match(" " + said) or any(c.match(said) for c in role_rules().lead_cues)
                          or whole is not None and _MUST.match(said)):
            continue
        if units and after[:1].islower() and not after.startswith(("và ", "cùng ")) and not role_rules().not_subject_before.match(after):
            # not "Căn cứ ..., giải trình với Ủy ban X, các cơ quan của Quốc hội | theo quy định": a list's last
            # name before a clause word, no subject
            return whole[0] if whole is not None else names
    return []


_MUST = re.compile(r"phải\s")  # "..., cơ quan, đơn vị có thẩm quyền giải quyết hồ sơ | phải thông báo ...": a duty too


def _subject_read_whole(sub: str, names: list[str]) -> tuple[list[str], str] | None:
    """The subject a clause ends before (`sub` opens with it), read as the opening of a sentence reads it, where
    its last name is a kind whose words after it say which units ("Trong 03 ngày ..., sở, ban, ngành | được
    giao chủ trì | phải ...", "Trường hợp ..., cơ quan | tiếp nhận | có trách nhiệm ..."): the same names with
    the last one so extended, and the words after it; else None. A lower-case start is read as a sentence's
    capital and kept as written."""
    lower = sub[:1].islower()
    read = sub[:1].upper() + sub[1:] if lower else sub
    op = _assigned_named(opening(read))  # "..., các cơ quan được phân công có trách nhiệm ..."
    if op.kind != "subject" or len(op.units) != len(names):
        return None
    units, rest = list(op.units), op.rest
    if lower:
        units[0] = units[0][:1].lower() + units[0][1:]
    if units[:-1] != names[:-1] or not units[-1].startswith(names[-1]) or len(units[-1]) <= len(names[-1]):
        return None
    rr = role_rules()
    if not (rr.duty_cue.match(" " + rest) or _MUST.match(rest) or any(c.match(rest) for c in rr.lead_cues)):
        return None  # "..., các cơ quan, đơn vị, địa phương | tiến hành rà soát ...": no cue confirms where the name ends
    return units, rest


def _assigned_named(op: Opening) -> Opening:
    """A subject kind named by the work given to it ("Các cơ quan được phân công chủ trì ... có trách nhiệm ...",
    roles.toml `assigned_qualifier`): the opening with those words in the kind's name; else `op` as it is."""
    if op.kind == "subject" and op.units and is_generic(op.units[-1]) and (q := role_rules().assigned_qualifier.match(op.rest)):
        return Opening(op.units[:-1] + [f"{op.units[-1]} {q.group(0).strip()}"], op.rest[q.end() :].strip(), "subject")
    return op


def clause_subject_takes_on(text: str) -> list[str]:
    """The units after an opening clause that take on the work listed next ("Để ..., tỉnh Bắc Lam
    cần tập trung thực hiện các nội dung sau:", roles.toml `takes_on_work`); not one that only
    speaks ("Sau khi nghe báo cáo, Chủ tịch UBND tỉnh kết luận như sau:")."""
    units = subject_after_clause(text)
    if not units:
        return []
    at = text.find(units[-1])
    return units if at >= 0 and role_rules().takes_on_work.search(text[at + len(units[-1]):]) else []


def subject_after_label(text: str) -> list[str]:
    """The units that act after a topic label ending in a colon ("Về việc hỗ trợ xe cứu thương:
    Ủy ban nhân dân tỉnh bố trí ...", "Đẩy mạnh cắt giảm thủ tục hành chính: (1) Các bộ rà soát
    ..."): a conclusion's topic, then who is to do it; [] when no unit followed by its verb opens
    the text after the colon. The label is one short phrase (roles.toml `topic_label`). A unit
    followed by what it has done or what it is ("Về giải ngân: Tỉnh đã giải ngân 80% ...",
    roles.toml `reported`) is an assessment's point, not work handed out."""
    m = role_rules().topic_label.match(text)
    if not m:
        return []
    units, end = units_at(text, m.end())
    after = text[end:].lstrip()
    if units and after[:1].islower() and not after.startswith(("và ", "cùng ")) \
            and not role_rules().reported.match(after) and not opens_clause(after):
        if len(units) == 1 and is_generic(units[0].text):
            # "Đối với hệ thống đang dùng: Đơn vị thoát nước có trách nhiệm:": a kind whose words after it say
            # which units (the scanner stops at "thoát nước"), read as an opening sentence reads it
            op = opening(text[m.end() :])
            if op.kind == "subject" and len(op.units) == 1 and op.units[0].startswith(units[0].text):
                return op.units
        return [u.text for u in units]  # not "... từ Bộ Y tế: các Vụ, Cục | trong xây dựng ...": a list, no subject
    return []


def clause_subjects(text: str) -> list[str]:
    """Units opening the later clauses of a sentence that gives each its own work ("Các
    sở tổ chức thực hiện ...; UBND các xã xây dựng kế hoạch ..."): they lead too. Not
    those that only support ("...; UBND các xã phối hợp ...")."""
    out: list[str] = []
    # Only the first sentence, and not a list after its colon ("... trọng tâm là: Luật A; Bộ luật B; ...").
    for clause in re.split(r";\s+", re.split(r"\.\s|:", text, maxsplit=1)[0])[1:]:
        op = opening(clause)
        if op.kind == "subject" and op.units and not re.match(r"(?:có trách nhiệm |chủ động )?phối hợp\b", op.rest):
            out += [u for u in op.units if u[:1].isupper() or " " in u]  # not a lone "phòng", "ban"
    return out


_INLINE_SECOND = re.compile(r"[;.]\s*\((?:2|ii|b)\)\s")
_INLINE_MARK = re.compile(r"(?:^|(?<=[:;.]))\s*\((?P<label>\d{1,2}|[ivx]{1,4})\)\s+")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def inline_parts(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """A point that numbers its instructions inside the sentence ("Đẩy mạnh cắt giảm thủ tục:
    (1) Các bộ rà soát ...; (2) các địa phương công khai ..."): (the words before the first
    number, [(label, part), ...]), one part per number of the run that starts at (1) or (i)
    and counts up; None without such a run of at least two, or when words before it do not
    end in a colon (they would be a sentence the numbers only continue)."""
    marks = list(_INLINE_MARK.finditer(text))
    if len(marks) < 2 or marks[0].group("label") not in ("1", "i"):
        return None
    roman = not marks[0].group("label").isdigit()
    run = []
    for m in marks:
        label = m.group("label")
        if label.isdigit() == roman:
            continue  # the other kind: numbers nested inside a part
        want = _ROMAN[len(run)] if roman else str(len(run) + 1)
        if label != want:
            break  # the run ends where the count does
        run.append(m)
    if len(run) < 2:
        return None
    prefix = text[: run[0].start()].strip()
    if prefix and not prefix.endswith(":"):
        return None
    parts = []
    for k, m in enumerate(run):
        end = run[k + 1].start() if k + 1 < len(run) else len(text)
        part = text[m.end() : end].strip().rstrip(";").strip()
        if part:
            parts.append((m.group("label"), part))
    return (prefix, parts) if len(parts) >= 2 else None


def roles_of(text: str, inherited: Roles) -> Roles:
    """Lead and support of one task paragraph, given what the context says."""
    rr = role_rules()
    out = inherited.inherited()

    op = opening(text)
    if op.kind == "subject" and (named := named_heading(text, False)) is not None and named.kind == "runon":
        op = Opening(named.units, named.rest, "subject")  # "Đối với Nhà đầu tư dự án Y: Khẩn trương ..."
    op = _assigned_named(op)
    if op.kind in ("subject", "runon") and op.units:
        out.lead = op.units
        out.support = []
        out.lead_how = out.support_how = "subject"
    elif op.kind == "plain" and (after_clause := subject_after_clause(text, wide=True) or subject_after_label(text)):
        out.lead = after_clause
        out.support = []
        out.lead_how = out.support_how = "subject"
    if out.lead_how == "subject":
        said = {u.lower() for u in out.lead}
        out.lead = out.lead + [u for u in clause_subjects(text) if u.lower() not in said]

    # "X chủ trì": the units just before the cue lead; in a text that numbers its parts inline
    # ("(1) Thanh tra Chính phủ ban hành ...; (2) Bộ Công an chủ trì ..."), those of the first part.
    first_part = _INLINE_SECOND.split(text, maxsplit=1)[0]
    named_end = len(op.units[0]) if out.lead_how == "subject" and len(op.units) == 1 and text.startswith(op.units[0]) else 0
    for cue in rr.lead_cues:
        m = cue.search(first_part)
        if m and named_end > m.start():
            break  # "Các cơ quan, đơn vị chủ trì quản lý tài sản | có trách nhiệm": the cue is the subject's name's
        if m and m.start() > 0:
            before = text[: m.start()].rstrip(" ,")
            # The units must end right where the cue starts: try each word start
            # in the last stretch before it, nearest the start of the sentence first.
            starts = [k.start() for k in re.finditer(r"(?:^|(?<=[\s,;(]))\S", before[-160:])]
            offset = max(0, len(before) - 160)
            for k in starts:
                units, end = units_at(before, offset + k)
                if units and end >= len(before) - 1:
                    if rr.describes_addressee.search(before[: offset + k]):
                        break  # "Là cơ quan đầu mối, chủ trì ...": what the addressee is, not another unit
                    if rr.directed_lead.search(before[: offset + k]):
                        break  # "Chỉ đạo Đảng ủy Bộ Y tế chủ trì ...": the addressee directs; the unit it directs leads under it
                    if any(re.search(f"(?:{c.pattern})\\s*$", before[: offset + k]) for c in rr.support_cues):
                        break  # "Phối hợp với cơ quan chủ trì ...": a partner named by its role, not the lead
                    if offset + k > 0 and len(units) == 1 and rr.bare_kind_word.match(units[0].text):
                        break  # "... do cơ quan chủ trì thẩm định ...": the lead body by its role, inside the work, not a lead named
                    out.lead = [u.text for u in units]
                    out.lead_how = "cue"
                    break
            break

    assigned, spans = _cue_units(text, rr.assign_cues, rr.proposed_assign)
    if assigned and _directed_by_own_work(text, spans[0][0]):
        assigned = []
    if assigned:
        out.lead = assigned
        out.support = []
        out.lead_how = out.support_how = "assigned"

    if _heading_unit_assigns(text, inherited):
        out.lead, out.lead_how = list(inherited.lead), inherited.lead_how
        out.support, out.support_how = list(inherited.support), inherited.support_how

    support = _support_units(text)
    if support:
        out.support = [u for u in support if u not in out.lead]
        out.support_how = "cue"
    return out


@rules.compiled
def _confidence() -> dict[str, dict[str, float]]:
    r = rules.load("roles")
    out: dict[str, dict[str, float]] = {}
    for part in ("lead", "support", "task"):
        table = r.get(f"confidence.{part}", dict)
        for how, value in table.items():
            if not isinstance(value, (int, float)) or not 0 <= value <= 1:
                raise r.error(f"'confidence.{part}.{how}' must be a number from 0 to 1, not {value!r}", f"confidence.{part}.{how}")
        out[part] = {k: float(v) for k, v in table.items()}
    out["short_words"] = {"n": float(r.get("confidence.short_words", int))}
    return out


def confidence(part: str, how: str) -> float:
    """How sure the reader is of a task's `part` ("lead", "support", "task") found by `how`
    (roles.toml [confidence]); a way the table does not name counts as "other"."""
    table = _confidence()[part]
    return table.get(how, table["other"])


def task_route(how: str, has_lead: bool, text: str) -> str:
    """How a task was found, with what casts doubt on it: "item", "paragraph+no_lead+short" ..."""
    parts = [how]
    if not has_lead:
        parts.append("no_lead")
    if how not in ("row", "field") and len(text.split()) < _confidence()["short_words"]["n"]:
        parts.append("short")
    if how not in ("row", "field") and _states(text):
        parts.append("statement")
    return "+".join(parts)


def work_taker(op: "Opening") -> list[str]:
    """The units of a list's introducing sentence that carry out the work listed next, when what
    follows them says so (roles.toml `takes_on_work`); a name's last words the scanner left
    before the verb stay with a single unit. Else none."""
    rr = role_rules()
    m = rr.takes_on_work.search(op.rest)
    if op.kind != "subject" or not op.units or m is None:
        return []
    left = op.rest[: m.start("verb")].strip()
    if any(c.search(left) for c in rr.assign_cues) or rr.directing.search(f" {left} "):
        return []  # "UBND tỉnh yêu cầu thực hiện các nội dung sau:": the subject asks, it does not take on
    if not left or rr.apposition.match(left):
        return list(op.units)  # "Bộ X là Cơ quan thường trực ...; có trách nhiệm ..., cụ thể:"
    if len(op.units) == 1 and len(left.split()) <= 6 and not re.search(r"[,;:]", left):
        return [f"{op.units[0]} {left}"]
    return []


def _states(text: str) -> bool:
    """The task's first sentence states a rule or a fact rather than giving work (roles.toml `statement`)."""
    first = sentences(text)[0] if text.strip() else ""
    return any(p.search(first) for p in role_rules().statement)


def route_confidence(part: str, route: str) -> float:
    """A route's confidence: the least of its parts' (a doubt lowers it, never raises it)."""
    return min(confidence(part, how) for how in route.split("+"))


def task_routes(roles: Roles, how: str, text: str) -> dict[str, str]:
    """How a new task and its lead and support were found (keys of roles.toml [confidence])."""
    return {
        "task": task_route(how, bool(roles.lead), text),
        "lead": roles.lead_how if roles.lead else "none",
        "support": roles.support_how if roles.support else "none",
    }


def lead_in_roles(text: str, inherited: Roles) -> Roles | None:
    """If the paragraph only sets roles for the items under it, those roles; else None.

    "Chủ trì, phối hợp với các cơ quan, đơn vị thực hiện:" → lead = addressee,
    support = "các cơ quan, đơn vị".
    """
    rr = role_rules()
    if not text.rstrip().endswith(":"):
        return None
    op = opening(text)
    if op.kind == "heading" and op.units and not op.rest and not rr.heading_prefix.match(text):
        # "Ủy ban nhân dân các tỉnh, thành phố:" alone between a topic heading and its items: who does them
        return Roles(list(op.units), [], "heading")
    if (taker := work_taker(op)) and taker != op.units and is_generic(op.units[-1]) and rr.takes_on_work.search(text.rstrip()) \
            and not rr.duty_subject_stops.search(extra := taker[-1][len(op.units[-1]) :]) and not rr.directing.search(f" {extra} các") \
            and not any(c.search(extra) for c in (*rr.lead_cues, *rr.assign_cues, *rr.support_cues)):
        # "Đơn vị thoát nước có các nghĩa vụ sau:": the subject's words before the verb are its name's
        return Roles(taker, [], "intro")
    if op.kind == "subject" and op.units and (d := re.match(r"(?:chỉ đạo|đôn đốc)\s+", op.rest)):
        rest = op.rest[d.end():]
        directed, end = units_at(rest, 0)
        if directed and not rest[end:].strip(" :"):
            # "Bộ Tài chính chỉ đạo Bảo hiểm xã hội Việt Nam:" over items: the subject answers for them
            return Roles(list(op.units), [], "heading")
    stripped = text
    spans: list[tuple[int, int]] = []
    for cues in (rr.support_cues, rr.assign_cues):
        spans += _cue_units(text, cues)[1]
    for cue in rr.lead_cues:
        spans += [(m.start(), m.end()) for m in cue.finditer(text)]
    if op.units and op.kind in ("subject", "runon"):
        spans.append((0, len(text) - len(op.rest)))
    keep = [True] * len(text)  # spans may overlap ("Giao X" is an opening and a cue)
    for a, b in spans:
        keep[a:b] = [False] * (b - a)
    stripped = "".join(c if k else " " for c, k in zip(text, keep))
    stripped = re.sub(r"[\s,]+", " ", stripped).strip(" ,")
    if not rr.lead_in.match(stripped):
        return None
    return roles_of(text, inherited)


def occasion_place(preamble: str) -> str | None:
    """The province (or city) a conclusion notice is about, named in its opening as the place whose
    leaders were met ("... chủ trì buổi làm việc với lãnh đạo tỉnh Sơn La về ...", then "... đã kết
    luận như sau:"), as the text names it ("tỉnh Sơn La"); None unless the opening says both
    (roles.toml [occasion])."""
    rr = role_rules()
    place, concludes = rr.occasion_place, rr.occasion_concludes
    m = place.search(preamble)
    if m is None or not concludes.search(preamble):
        return None
    return f"{m.group('level').lower()} {m.group('name')}"


def lead_by_occasion(tasks: list, preamble: str) -> None:
    """A conclusion notice about a province hands the province every point that names no one
    (the gold's convention: "Rà soát, xây dựng kế hoạch đầu tư công ..." under "II. MỘT SỐ NHIỆM VỤ"
    in a notice of a working session with tỉnh X is tỉnh X's). Such a task's lead takes route
    "occasion"; tasks that name their lead, or take one from above, keep it."""
    place = occasion_place(preamble)
    if place is None:
        return
    from tracker.model import UnitRef

    for task in tasks:
        if not task.lead and task.found_by.get("lead", "none") == "none":
            task.lead = [UnitRef(place)]
            task.found_by["lead"] = "occasion"
            task.confidence["lead"] = confidence("lead", "occasion")


def regulated_body(titles: list[str], body_text: str = "") -> str | None:
    """The body whose functions, duties and organisation the document's regulation sets out, named in
    its title ("QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN VÀ CƠ CẤU TỔ CHỨC CỦA SỞ X", roles.toml
    [regulation]), by its own name (not "thuộc" the body it belongs to, `parent`), as the body text writes it
    when it does (the title is in capitals), else None."""
    rr = role_rules()
    for title in titles:
        m = rr.regulation_title.search(" ".join(title.split()))
        if m is None:
            continue
        name = m.group("name").strip(" ,.")
        if (parent := rr.regulation_parent.search(name)) is not None and parent.start() > 0:
            name = name[: parent.start()]  # "Chi cục Kiểm lâm | thuộc Sở ...": the body by its own name
        if not name:
            continue
        low = body_text.lower()
        at = low.find(name.lower())
        if at >= 0 and len(low) == len(body_text):  # positions hold only where lower-casing kept the length
            return body_text[at : at + len(name)]
        return name
    return None


_PROPOSES = re.compile(r"(?:Kính )?[Đđ]ề nghị\s")


def lead_by_regulation(tasks: list, titles: list[str], body_text: str = "") -> None:
    """A regulation of one body's functions and duties (regulated_body) hands that body every item that
    names no one: "b) Dự thảo kế hoạch phát triển ..." under "Điều 2. Nhiệm vụ và quyền hạn" of the
    regulation of Sở X is Sở X's. Such a task's lead takes route "regulation", and the task, now with a
    lead, loses its "no_lead" doubt; tasks that name their lead, or take one from above, keep it."""
    body = regulated_body(titles, body_text)
    if body is None:
        return
    from tracker.model import UnitRef

    for task in tasks:
        proposes = task.found_by.get("lead") == "assigned" and _PROPOSES.match(task.text)
        if not proposes and (task.lead or task.found_by.get("lead", "none") != "none"):
            continue
        # "Đề nghị Chủ tịch UBND tỉnh quyết định ..." among the body's duties: the body proposes, the one asked
        # decides; the item is the body's
        task.lead = [UnitRef(body)]
        task.found_by["lead"] = "regulation"
        task.confidence["lead"] = confidence("lead", "regulation")
        route = task.found_by.get("task", "")
        if "no_lead" in route.split("+"):
            task.found_by["task"] = route = "+".join(p for p in route.split("+") if p != "no_lead")
            task.confidence["task"] = route_confidence("task", route)
