"""When the reader is unsure of a field: one threshold for header and task fields.

Header fields (structure/header.py) and task fields (extract/) carry a
confidence from 0 to 1 in a `confidence` mapping; a field below
task_rules/confidence.toml's `unsure_below` is shown to the clerk as unsure.
A field with no confidence recorded is taken as sure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from tracker import rules
from tracker.model import Header, Task


def _fraction(r: rules.RuleFile, key: str) -> float:
    """`key` as a number from 0 to 1 (a confidence or a factor), or a one-line rules error."""
    value = r.get(key, (int, float))
    if not 0 <= value <= 1:
        raise r.error(f"'{key}' phải là một số từ 0 đến 1", *key.split("."))
    return float(value)


@rules.compiled
def unsure_below() -> float:
    return _fraction(rules.load("confidence"), "unsure_below")


def is_unsure(confidence: dict[str, float] | None, field: str) -> bool:
    value = (confidence or {}).get(field)
    return value is not None and value < unsure_below()


def unsure_fields(confidence: dict[str, float] | None) -> list[str]:
    """The fields below the threshold, in the mapping's order."""
    return [k for k in (confidence or {}) if is_unsure(confidence, k)]


@rules.compiled
def _broken_text_fields() -> tuple[str, ...]:
    return tuple(rules.load("confidence").strings("broken_text.fields"))


def doubt_broken_text(tasks: Iterable[Task], body_text: str) -> None:
    """A text whose syllables fall apart (header.toml [text_quality]): every task's fields read
    from running text (confidence.toml [broken_text]) are less sure, as the header's are."""
    from tracker.structure.header import broken_text, header_rules

    r = header_rules()
    if not broken_text(body_text, r):
        return
    for task in tasks:
        for k in _broken_text_fields():
            if k in task.confidence:
                task.confidence[k] *= r.broken_factor
                task.found_by[k] = task.found_by.get(k, "?") + "+broken"


@dataclass(frozen=True)
class _LeadRules:
    opening_routes: frozenset[str]
    opening_confidence: float
    verbs: re.Pattern[str]
    actor_routes: frozenset[str]
    actor_factor: float
    actors: re.Pattern[str]
    many_units: dict[str, int]
    many_confidence: float
    collective_routes: frozenset[str]
    collective: re.Pattern[str]
    collective_confidence: float


def _words(phrases: list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


# Numbering, bullets and brackets before the item's first word ("1.", "a)", "- ", "(2)").
_NUMBERING = r"[\s\-+*•–]*(?:\(?(?:\d{1,2}|[a-zđ]|[ivx]{1,4})[.)]\s*)*"
_OPENING = re.compile(_NUMBERING)
_JOIN = re.compile(r"\s*(?:,|;|và\b|:)?\s*")


@rules.compiled
def _lead_rules() -> _LeadRules:
    r = rules.load("confidence")
    value = _fraction(r, "lead_opening.confidence")
    factor = _fraction(r, "lead_own_actor.factor")
    return _LeadRules(
        opening_routes=frozenset(r.strings("lead_opening.routes")),
        opening_confidence=value,
        verbs=re.compile(rf"(?:{_words(r.strings('lead_opening.verbs'))})\b"),
        actor_routes=frozenset(r.strings("lead_own_actor.routes")),
        actor_factor=factor,
        actors=re.compile(_NUMBERING + rf"(?:các\s+)?(?:{_words(r.strings('lead_own_actor.actors'))})\b"),
        many_units={k: int(v) for k, v in r.get("lead_many_units.routes", dict).items()},
        many_confidence=_fraction(r, "lead_many_units.confidence"),
        collective_routes=frozenset(r.strings("lead_collective.routes")),
        collective=re.compile("|".join(r.strings("lead_collective.patterns"))),
        collective_confidence=_fraction(r, "lead_collective.confidence"),
    )


def _opens_with(text: str, names: list[str]) -> int | None:
    """Where the item's opening ends when it is nothing but `names` in order; else None."""
    low = text.lower()
    pos = _OPENING.match(low).end()
    for i, name in enumerate(names):
        if i:
            pos = _JOIN.match(low, pos).end()
        if not name or not low.startswith(name.lower(), pos):
            return None
        pos += len(name)
    return pos


def reconsider_leads(tasks: Iterable[Task], doc_date: str | None = None, issuer: str | None = None,
                     articles: dict[str, str] | None = None, subject: str | None = None,
                     headings: dict[str, str] | None = None) -> None:
    """Two signals in the item's own words that its lead's route cannot see
    (confidence.toml [lead_opening], [lead_own_actor]), and one in the lead itself: a list of
    units taken from above the item ([lead_many_units]). Then the doubts that need the whole
    document's tasks (doubt_shared_items): the parser's one call for doubts read after extraction.
    `doc_date` (ISO, the header's) tells a date still to come from one already past; `issuer`
    (the header's) a lead that is the document's own author ([lead_issuer]); `articles` (article
    path → title, article_titles) the articles that lay down norms, not duties ([norm_article]);
    `subject` (the header's) a document that publishes a catalogue ([catalogue_rows]); `headings`
    (path → text of every item, outline_texts) the headings that only give a time ([dated_heading]).
    The fitted doubt (doubt_fitted) weighs what all these leave, and the parser calls it next."""
    tasks = list(tasks)
    settle_measured(tasks)
    _reconsider_leads(tasks)
    doubt_issuer_leads(tasks, issuer)
    doubt_kind_only_leads(tasks)
    doubt_shared_items(tasks)
    doubt_norm_articles(tasks, articles)
    doubt_catalogue_rows(tasks, subject)
    doubt_dated_headings(tasks, headings)
    doubt_unread_support(tasks)
    doubt_unread_dates(tasks, doc_date)
    doubt_unread_conditions(tasks)
    doubt_parent_tasks(tasks)
    doubt_cut_leads(tasks, headings)


@rules.compiled
def _measured() -> dict[str, dict[str, float]]:
    r = rules.load("confidence")
    out: dict[str, dict[str, float]] = {}
    for field, routes in r.get("measured", dict, {}).items():
        if not isinstance(routes, dict):
            raise r.error(f"'measured.{field}' phải là một bảng: tuyến = độ tin cậy", "measured", field)
        out[field] = {route: _fraction(r, f"measured.{field}.{route}") for route in routes}
    return out


def settle_measured(tasks: Iterable[Task]) -> None:
    """A task field found by a route of confidence.toml [measured] takes the confidence measured
    for that route on documents the reader met cold (bench/calibration.py --reader), up or down:
    the reader's own table was set on the documents it was tuned on. The route keeps its name, so
    the doubts after this one still know it."""
    table = _measured()
    for task in tasks:
        for field, routes in table.items():
            route = task.found_by.get(field)
            if route in routes and field in task.confidence:
                task.confidence[field] = routes[route]


def _reconsider_leads(tasks: list[Task]) -> None:
    r = _lead_rules()
    for task in tasks:
        route, conf = task.found_by.get("lead"), task.confidence.get("lead")
        if conf is None or not task.lead:
            continue
        if len(task.lead) >= r.many_units.get(route, len(task.lead) + 1) and conf > r.many_confidence:
            task.confidence["lead"] = conf = r.many_confidence
            task.found_by["lead"] = route = route + "+many"
        if (route in r.collective_routes and conf > r.collective_confidence
                and any(r.collective.search(u.name.lower()) for u in task.lead)):
            task.confidence["lead"] = conf = r.collective_confidence
            task.found_by["lead"] = route = route + "+collective"
        names = [u.name for u in task.lead]
        if route in r.opening_routes:
            end = _opens_with(task.text, names)
            low = task.text.lower()
            if end is not None and r.verbs.match(low, len(low) - len(low[end:].lstrip())):
                task.confidence["lead"] = max(conf, r.opening_confidence)
                task.found_by["lead"] = route + "+opening"
        elif route in r.actor_routes:
            low = task.text.lower()
            if r.actors.match(low) and _opens_with(task.text, names[:1]) is None:
                task.confidence["lead"] = conf * r.actor_factor
                task.found_by["lead"] = route + "+own_actor"


@rules.compiled
def _shared_item_rules() -> tuple[frozenset[str], float]:
    r = rules.load("confidence")
    return frozenset(r.strings("shared_item.routes")), _fraction(r, "shared_item.factor")


def doubt_shared_items(tasks: list[Task]) -> None:
    """Several tasks read from the unnumbered paragraphs of one item (confidence.toml
    [shared_item]): where the document numbers no further, one paragraph may only go on with
    the one before it, or give its details; each is less sure of being a task of its own."""
    routes, factor = _shared_item_rules()
    count: dict[str, int] = {}
    for task in tasks:
        count[task.path] = count.get(task.path, 0) + 1
    for task in tasks:
        route = task.found_by.get("task", "")
        if count[task.path] > 1 and route.split("+")[0] in routes and "task" in task.confidence:
            task.confidence["task"] *= factor
            task.found_by["task"] = route + "+shared_item"


@rules.compiled
def _support_rules() -> tuple[frozenset[str], re.Pattern[str], float]:
    r = rules.load("confidence")
    value = _fraction(r, "support_unread.confidence")
    return (frozenset(r.strings("support_unread.routes")),
            re.compile(r"(?<!\w)(?:" + "|".join(r.strings("support_unread.patterns")) + r")(?!\w)"), value)


def doubt_unread_support(tasks: list[Task]) -> None:
    """A task that names a partner to work with ("phối hợp với ...", "cùng với ...") where no
    supporting unit was read (confidence.toml [support_unread]): the partner was missed, or is
    not a unit; either way the empty support is unsure."""
    routes, pattern, value = _support_rules()
    for task in tasks:
        route, conf = task.found_by.get("support"), task.confidence.get("support")
        if route in routes and conf is not None and conf > value and not task.support and pattern.search(task.text.lower()):
            _lower(task, "support", value, "partner")


@dataclass(frozen=True)
class _DateRules:
    routes: frozenset[str]
    confidence: float
    date: re.Pattern[str]
    citation: re.Pattern[str]


@rules.compiled
def _date_rules() -> _DateRules:
    r = rules.load("confidence")
    value = _fraction(r, "date_unread.confidence")
    return _DateRules(
        routes=frozenset(r.strings("date_unread.routes")),
        confidence=value,
        # a whole date: "ngày 19 tháng 12 năm 2025", "01/12/2025", "5-1-2026"
        date=re.compile(r"(?<![\w/.-])(\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)(\d{1,2})\s*(?:/|-|\.|\s+năm\s+)(\d{4})(?!\d)"),
        citation=re.compile(r"(?:" + "|".join(r.strings("date_unread.citations")) + r")\s*$"),
    )


def doubt_unread_dates(tasks: list[Task], doc_date: str | None) -> None:
    """A task read as having no deadline whose own words hold a whole date not yet past on the
    document's date (confidence.toml [date_unread]): "... khởi công vào ngày 19 tháng 12 năm 2025"
    is a deadline the deadline reader did not take; the empty deadline is unsure. Dates of cited
    documents ("Quyết định số 12/QĐ-UBND ngày 3/3/2026") and dates before the document's are no
    deadline."""
    r = _date_rules()
    for task in tasks:
        route, conf = task.found_by.get("deadline"), task.confidence.get("deadline")
        if task.deadline is not None or route not in r.routes or conf is None or conf <= r.confidence:
            continue
        low = task.text.lower()
        for m in r.date.finditer(low):
            day, month, year = (int(g) for g in m.groups())
            if not (1 <= day <= 31 and 1 <= month <= 12):
                continue
            if doc_date and f"{year:04d}-{month:02d}-{day:02d}" < doc_date[:10]:
                continue  # already past when the document was signed
            if r.citation.search(low[max(0, m.start() - 60):m.start()]):
                continue
            _lower(task, "deadline", r.confidence, "date_unread")
            break


@dataclass(frozen=True)
class _HeaderDoubts:
    references_from: int
    references_confidence: float
    recipients_list: re.Pattern[str]
    recipients_confidence: float
    signer_not_name: re.Pattern[str]
    signer_confidence: float
    addressed_types: frozenset[str]
    addressed_confidence: float


@rules.compiled
def _header_doubts() -> _HeaderDoubts:
    r = rules.load("confidence")
    return _HeaderDoubts(
        references_from=int(r.get("references_many.from", int)),
        references_confidence=_fraction(r, "references_many.confidence"),
        recipients_list=re.compile("|".join(r.strings("recipients_list.patterns"))),
        recipients_confidence=_fraction(r, "recipients_list.confidence"),
        signer_not_name=re.compile("|".join(r.strings("signer_not_name.patterns")), re.IGNORECASE),
        signer_confidence=_fraction(r, "signer_not_name.confidence"),
        addressed_types=frozenset(r.strings("recipients_missing.doc_types")),
        addressed_confidence=_fraction(r, "recipients_missing.confidence"),
    )


def _lower(record: Header | Task, field: str, value: float, why: str) -> None:
    """Bring a field's confidence down to `value` (never up) and say why on its route."""
    conf = record.confidence.get(field)
    if conf is not None and conf > value:
        record.confidence[field] = value
        record.found_by[field] = record.found_by.get(field, "?") + "+" + why


def doubt_header(header: Header) -> None:
    """Header fields whose value itself says it may be wrong, whatever route found it
    (confidence.toml [references_many], [recipients_list], [signer_not_name]), and addressees not
    found in a kind of document that always has them ([recipients_missing])."""
    r = _header_doubts()
    if len(header.references) >= r.references_from:
        _lower(header, "references", r.references_confidence, "many")
    if any(r.recipients_list.search(x) for x in header.recipients):
        _lower(header, "recipients", r.recipients_confidence, "list")
    if header.signer and r.signer_not_name.search(header.signer):
        _lower(header, "signer", r.signer_confidence, "not_name")
    if not header.recipients and (header.doc_type or "") in r.addressed_types:
        _lower(header, "recipients", r.addressed_confidence, "addressed")


def _unit_key(name: str) -> str:
    """A unit's name folded for comparing two spellings ("Ủy ban nhân dân tỉnh X" = "UBND tỉnh X")."""
    from tracker.text import fold_name

    key = fold_name(name)
    return re.sub(r"^cac\s+", "", key).strip(" .,:;")


@rules.compiled
def _issuer_rules() -> tuple[frozenset[str], float]:
    r = rules.load("confidence")
    return frozenset(r.strings("lead_issuer.routes")), _fraction(r, "lead_issuer.confidence")


def doubt_issuer_leads(tasks: list[Task], issuer: str | None) -> None:
    """A lead taken from a lead-in sentence that is the document's own issuer ("Ủy ban nhân dân
    tỉnh X xác định các nhiệm vụ, giải pháp sau:" in UBND tỉnh X's plan) (confidence.toml
    [lead_issuer]): the author telling what the plan holds, not a unit given the work; the items
    under it often name no unit at all. The lead is unsure. The lead matches the issuer when its
    folded name is the issuer's or the start of it ("UBND tỉnh" in UBND tỉnh X's document)."""
    if not issuer:
        return
    routes, value = _issuer_rules()
    own = _unit_key(issuer)
    for task in tasks:
        if task.found_by.get("lead") not in routes or not task.lead:
            continue
        keys = [_unit_key(u.name) for u in task.lead]
        if any(k and own.startswith(k) and len(k.split()) >= 2 for k in keys):
            _lower(task, "lead", value, "issuer")


@rules.compiled
def _kind_only_rules() -> tuple[frozenset[str], frozenset[str], float]:
    r = rules.load("confidence")
    return (frozenset(r.strings("lead_kind_only.routes")), frozenset(w.lower() for w in r.strings("lead_kind_only.plurals")),
            _fraction(r, "lead_kind_only.confidence"))


def _kind_only(name: str, plurals: frozenset[str]) -> bool:
    """One unit named by its kind alone, in the singular ("cơ quan", "địa phương"): no name of its own
    (a capital after the first word: "Ban Tổ chức Tỉnh ủy" is one body's name), no list ("các sở,
    ngành"), no plural anywhere ("Ủy ban nhân dân các địa phương")."""
    from tracker.extract.unit_phrases import is_generic

    words = name.split()
    if not words or "," in name or plurals.intersection(w.lower() for w in words):
        return False
    return not any(w[:1].isupper() for w in words[1:]) and is_generic(name)


def doubt_kind_only_leads(tasks: list[Task]) -> None:
    """A lead that is a singular kind of unit and no unit ("cơ quan" of "cơ quan chủ trì phải có văn
    bản ...", "Cơ quan" of "Cơ quan thanh tra" cut short, "địa phương") (confidence.toml
    [lead_kind_only]): a role in a rule or a name cut short; the lead is unsure."""
    routes, plurals, value = _kind_only_rules()
    for task in tasks:
        if task.found_by.get("lead", "").split("+")[0] not in routes:
            continue
        if any(_kind_only(u.name, plurals) for u in task.lead):
            _lower(task, "lead", value, "kind_only")


@rules.compiled
def _condition_rules() -> tuple[frozenset[str], re.Pattern[str], float]:
    r = rules.load("confidence")
    return (frozenset(r.strings("condition_unread.routes")),
            re.compile("|".join(r.strings("condition_unread.patterns"))),
            _fraction(r, "condition_unread.confidence"))


def doubt_unread_conditions(tasks: list[Task]) -> None:
    """A task read as having no deadline whose own words hold a condition (confidence.toml
    [condition_unread]: "Trường hợp hồ sơ chưa đầy đủ, ...", "... sau khi nước rút"): the work may
    wait for it (an event the deadline reader did not take), or the condition only narrows the
    work; the empty deadline is unsure."""
    routes, pattern, value = _condition_rules()
    for task in tasks:
        route, conf = task.found_by.get("deadline"), task.confidence.get("deadline")
        if task.deadline is None and route in routes and conf is not None and conf > value \
                and pattern.search(task.text.lower()):
            _lower(task, "deadline", value, "condition")


def outline_texts(root, family: str | None = None) -> dict[str, str]:
    """Each item of the outline (of `family` only, when given) by its path, with the words of its own
    paragraph after its enumerator. Two items of one path (a decision and the regulation it issues
    both number their articles from 1) give both texts, joined by " | "."""
    out: dict[str, str] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        for child in getattr(node, "children", ()):
            if not hasattr(child, "children"):
                continue
            if family is None or child.family == family:
                out[child.path] = f"{out[child.path]} | {child.para.body}" if child.path in out else child.para.body
            stack.append(child)
    return out


def article_titles(root) -> dict[str, str]:
    """Each article of the outline ("Điều 5" of a decision's regulation, of a circular) by its path,
    with its title: the words after "Điều N." on its own paragraph."""
    return outline_texts(root, "article")


@rules.compiled
def _norm_article_rules() -> tuple[frozenset[str], re.Pattern[str], float]:
    r = rules.load("confidence")
    return (frozenset(r.strings("norm_article.routes")),
            re.compile("|".join(r.strings("norm_article.duties"))),
            _fraction(r, "norm_article.confidence"))


def _article_of(path: str, articles: dict[str, str]) -> str | None:
    """The title of the article a task's path lies in ("Điều 5.1.d" → Điều 5's), or None."""
    best = None
    for key in articles:
        if (path == key or path.startswith(key + ".")) and (best is None or len(key) > len(best)):
            best = key
    return None if best is None else articles[best]


def doubt_norm_articles(tasks: list[Task], articles: dict[str, str] | None) -> None:
    """A task inside an article whose title names no duty (confidence.toml [norm_article]: "Điều 6.
    Cấp, quản lý tài khoản", "Điều 9. Thẩm quyền ...", not "Điều 12. Trách nhiệm của Sở X"), its
    lead read from its own words or the lines above it: such articles lay down norms, procedures and
    competences, whose sentences read like work with a subject ("Cơ quan X quyết định ...", "Người
    đứng đầu ... được ..."); whether they are tasks at all is in doubt."""
    if not articles:
        return
    routes, duties, value = _norm_article_rules()
    for task in tasks:
        if task.found_by.get("lead", "").split("+")[0] not in routes:
            continue
        title = _article_of(task.path, articles)
        if title is not None and not duties.search(title.lower()):
            _lower(task, "task", value, "norm_article")


@rules.compiled
def _catalogue_rules() -> tuple[re.Pattern[str], float]:
    r = rules.load("confidence")
    return re.compile("|".join(r.strings("catalogue_rows.subjects"))), _fraction(r, "catalogue_rows.confidence")


def doubt_catalogue_rows(tasks: list[Task], subject: str | None) -> None:
    """The rows of a table in a document whose subject says it publishes a catalogue (confidence.toml
    [catalogue_rows]: "Công bố danh mục thủ tục hành chính ..."): a row names a procedure, with the
    body that settles it in a column, and reads like work ("Cấp bản sao ...", "Chứng thực ..."); it is
    an entry of the list, not a task, as often as not."""
    pattern, value = _catalogue_rules()
    if not subject or not pattern.search(subject.lower()):
        return
    for task in tasks:
        if task.found_by.get("task", "").split("+")[0] == "row":
            _lower(task, "task", value, "catalogue")


@rules.compiled
def _dated_heading_rules() -> tuple[frozenset[str], float]:
    r = rules.load("confidence")
    return frozenset(r.strings("dated_heading.routes")), _fraction(r, "dated_heading.confidence")


def doubt_dated_headings(tasks: list[Task], headings: dict[str, str] | None) -> None:
    """A task read as having no deadline under a heading that gives nothing but a time ("Giai đoạn
    2026 - 2030", "Năm 2026": outline.toml markers.time_heading) (confidence.toml [dated_heading]): the heading dates every item under it,
    and the deadline reader, reading the item alone, did not see it; the empty deadline is unsure."""
    if not headings:
        return
    from tracker.structure.outline import is_time_heading  # the rule the task reader dates items by

    routes, value = _dated_heading_rules()
    for task in tasks:
        if task.deadline is not None or task.found_by.get("deadline") not in routes:
            continue
        parts = task.path.split(".")
        above = (headings.get(".".join(parts[:i])) for i in range(1, len(parts)))
        if any(h and is_time_heading(h) for h in above):
            _lower(task, "deadline", value, "dated_heading")


@rules.compiled
def _parent_rules() -> float:
    return _fraction(rules.load("confidence"), "parent_task.confidence")


def doubt_parent_tasks(tasks: list[Task]) -> None:
    """A task with tasks of its own under it ("2." read as a task while "2.a", "2.b" are tasks too)
    (confidence.toml [parent_task]): the work is in the lowest items, and an item over them is a topic
    heading, a lead-in naming who acts, or a title; whether it is a task itself is in doubt."""
    value = _parent_rules()
    paths = [t.path for t in tasks if t.path]
    for task in tasks:
        if task.path and any(p.startswith(task.path + ".") for p in paths):
            _lower(task, "task", value, "parent")


@dataclass(frozen=True)
class _CutRules:
    routes: frozenset[str]
    after: re.Pattern[str]
    confidence: float


@rules.compiled
def _cut_rules() -> _CutRules:
    r = rules.load("confidence")
    words = r.strings("lead_cut_short.after") + r.strings("lead_opening.verbs")
    return _CutRules(frozenset(r.strings("lead_cut_short.routes")),
                     re.compile(rf"(?:{_words(words)})(?!\w)"), _fraction(r, "lead_cut_short.confidence"))


def _runs_on(heading: str, names: list[str], after: re.Pattern[str]) -> bool | None:
    """Whether the heading that names `names` goes on with more of a name after the last of them
    ("Đối với các cơ sở sản xuất có lưu lượng xả bụi lớn" read as "các cơ sở sản xuất có"); None when
    the heading does not hold the names. A name ends at punctuation, at the heading's end, or before
    one of `after` (a verb, "có", "theo chức năng ...")."""
    low = heading.lower()
    first = low.find(names[0].lower())
    if first < 0:
        return None
    last = low.find(names[-1].lower(), first)
    if last < 0:
        return None
    rest = low[last + len(names[-1]):].lstrip()
    return bool(rest) and rest[0].isalnum() and not after.match(rest)


def doubt_cut_leads(tasks: list[Task], headings: dict[str, str] | None) -> None:
    """A lead taken from a heading or lead-in above the item (confidence.toml [lead_cut_short]) where
    that line goes on with more of the name after the units read ("Ban Quản lý khu" of "Ban Quản lý
    khu Kinh tế", "Các Sở" of "Các Sở quản lý ngành, lĩnh vực:"): the name was cut short, or the
    words after it narrow which units are meant; the lead is unsure. The nearest line above that
    names the lead is the one it was read from."""
    if not headings:
        return
    r = _cut_rules()
    for task in tasks:
        if not task.lead or task.found_by.get("lead", "").split("+")[0] not in r.routes:
            continue
        names = [u.name for u in task.lead if u.name]
        parts = task.path.split(".")
        for i in range(len(parts) - 1, 0, -1):
            runs = _runs_on(headings.get(".".join(parts[:i]), ""), names, r.after) if names else None
            if runs is not None:
                if runs:
                    _lower(task, "lead", r.confidence, "cut")
                break


# Numbering that opens a label ("Nhiệm vụ: ...", "Về phương pháp: ...") within the first words.
_LABEL = re.compile(r"^[^:]{0,80}:\s")


def fitted_signs(task: Task, field: str, doc_type: str | None = None) -> set[str]:
    """What the fitted doubt (confidence.toml [fitted]) knows of one field of a task: how the field was
    found ("route:cue") and which doubts touched it ("doubt:own_actor"), how the task and its lead were
    found and the doubts on the other fields ("lead_doubt:kind_only"), the document's type, where the
    item sits (an article, an appendix, how deep), how long its text is, how many lead units, whether it
    has a support, a deadline of which kind, indicators, a label before a colon, a lead named in eight
    words or more or holding a clause ([fitted] name_clause: "Sở Y tế căn cứ Danh mục ..."), an item
    opening with an actor of its own ([lead_own_actor] actors), naming a partner ([fitted] partner) or
    in several parts (two ";" or more), and the field's confidence so far (tenths). Each sign is a word of [fitted.FIELD] weights; signs no weight names weigh nothing."""
    routes = task.found_by
    parts = routes.get(field, "?").split("+")
    signs = {f"route:{parts[0]}"} | {f"doubt:{d}" for d in parts[1:]}
    for other in ("task", "lead", "support", "deadline"):
        if other != field:
            how = routes.get(other, "?").split("+")
            if other in ("task", "lead"):
                signs.add(f"{other}_route:{how[0]}")
            signs.update(f"{other}_doubt:{d}" for d in how[1:] if d != "fitted")
    if doc_type:
        signs.add(f"doc:{doc_type}")
    path = task.path or ""
    signs.add("in:article" if path.startswith("Điều") else "in:appendix" if path.startswith("PL") else "in:items")
    signs.add(f"depth:{min(path.count('.'), 3)}")
    if "-" in path:
        signs.add("unnumbered")
    n = len(task.text)
    signs.add("length:" + ("short" if n < 80 else "mid" if n < 200 else "long" if n < 400 else "very_long"))
    signs.add(f"leads:{min(len(task.lead), 3) if len(task.lead) < 5 else 5}")
    if task.support:
        signs.add("support")
    signs.add("deadline:" + (task.deadline.kind if task.deadline else "none"))
    if task.indicators:
        signs.add("indicators")
    if _LABEL.match(task.text):
        signs.add("label")
    if any(len(u.name.split()) >= 8 for u in task.lead):
        signs.add("long_name")
    words = _fitted_words()
    if any(words.name.search(u.name.lower()) for u in task.lead):
        signs.add("lead_name_clause")
    low = task.text.lower()
    if _lead_rules().actors.match(low):
        signs.add("opens_with_actor")
    if words.partner.search(low):
        signs.add("works_with")
    if low.count(";") >= 2:
        signs.add("several_parts")
    conf = task.confidence.get(field)
    if conf is not None:
        signs.add(f"conf:{min(int(conf * 10), 9)}")
    return signs


@dataclass(frozen=True)
class _FittedWords:
    name: re.Pattern[str]
    partner: re.Pattern[str]


@rules.compiled
def _fitted_words() -> _FittedWords:
    r = rules.load("confidence")
    return _FittedWords(re.compile(rf"(?<!\w)(?:{_words(r.strings('fitted.name_clause'))})(?!\w)"),
                        re.compile(rf"(?<!\w)(?:{_words(r.strings('fitted.partner'))})(?!\w)"))


@dataclass(frozen=True)
class _Fitted:
    bias: float
    cut: float
    weights: dict[str, float]
    confidence: float


@rules.compiled
def _fitted_rules() -> dict[str, _Fitted]:
    r = rules.load("confidence")
    value = _fraction(r, "fitted.confidence")
    out = {}
    for field, table in r.get("fitted", dict, {}).items():
        if not isinstance(table, dict):
            continue
        weights = table.get("weights", {})
        if not isinstance(weights, dict) or not all(isinstance(v, (int, float)) for v in weights.values()):
            raise r.error(f"'fitted.{field}.weights' phải là một bảng: dấu hiệu = trọng số", "fitted", field)
        out[field] = _Fitted(float(r.get(f"fitted.{field}.bias", (int, float))), float(r.get(f"fitted.{field}.cut", (int, float))),
                             {k: float(v) for k, v in weights.items()}, value)
    return out


def fitted_score(task: Task, field: str, doc_type: str | None = None) -> float | None:
    """The log-odds that a field is wrong by confidence.toml [fitted.FIELD] (bias plus the weights of
    its signs, fitted_signs), or None when no such table is set."""
    model = _fitted_rules().get(field)
    if model is None:
        return None
    return weigh(model.bias, model.weights, fitted_signs(task, field, doc_type))


def weigh(bias: float, weights: dict[str, float], signs: Iterable[str]) -> float:
    """bias plus the weights of `signs`, added in one order and rounded, so that a score equal to a
    table's cut compares the same way wherever it is computed."""
    return round(bias + sum(weights.get(s, 0.0) for s in sorted(signs)), 6)


def doubt_fitted(tasks: Iterable[Task], doc_type: str | None = None) -> None:
    """A sure field whose signs together say it is often wrong (confidence.toml [fitted]: a logistic
    model over fitted_signs, its weights fitted on the dev readings and on dev documents met cold by
    bench/calibration.py --fit): each sign alone is weak (a task of a quyết định, a task with no
    deadline, a lead read from the sentence's subject), several together are where the reader errs.
    A field scoring at least its table's `cut` is unsure."""
    tables = _fitted_rules()
    unsure = unsure_below()
    for task in tasks:
        for field, model in tables.items():
            conf = task.confidence.get(field)
            if conf is None or conf < unsure:
                continue
            if fitted_score(task, field, doc_type) >= model.cut:
                _lower(task, field, model.confidence, "fitted")
