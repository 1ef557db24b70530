"""The outline and appendix tables → tasks with lead, support, deadline, indicators.

One task per actionable item: the lowest enumerated item that instructs, or an
unnumbered paragraph that does. Headings that only name units give the lead
of the items under them; a lead-in ("Chủ trì, phối hợp với X thực hiện:")
gives roles to the items under it; sub-items that only detail an item join its
text. Preambles, closings and contact lines are not tasks. Every row of an
appendix table that names a lead unit is a task.

The walk over the outline uses an explicit stack, never recursion, so any depth
of nesting is fine.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field as dc_field

from tracker.extract import roles as R
from tracker.extract.unit_phrases import is_opener, split_units, staff_heading
from tracker.model import Task, UnitRef
from tracker.text import mostly_upper
from tracker.structure import regulation as REG
from tracker.structure.outline import (Node, Paragraph, ends_on_object_list, first_sentence, is_meeting_fact,
                                      is_procedure, is_step, is_time_heading, names_document, names_thing, names_work,
                                      only_refers, opens_member_list, outline_rules, states_only, without_about)
from tracker.structure.tables import Row


@dataclass
class _Frame:
    node: Node
    ctx: R.Roles
    index: int = 0
    task: Task | None = None  # the node's own task, which continuation text joins
    worded: bool = False  # `task` is the item's own words ("2. Giao Sở X ..."), not a paragraph's under a heading
    last: Task | None = None  # the last task made among its children: sibling field lines fill it
    narrative: bool = False  # aims or background: nothing is a task until a paragraph announces the work
    named_only: bool = False  # funding: only what names who acts is a task
    members: bool = False  # after "Thành phần:": the items list people or units, up to the next paragraph
    unled: list[Task] = dc_field(default_factory=list)  # items just before, with no fields and no lead
    mark: int = 0  # tasks made from here on belong to this node's children (a performers block fills them)
    filled: tuple[int, int] | None = None  # the tasks the last performers block filled (labelled lines after it too)
    approved: bool = False  # under "Phê duyệt ... với các nội dung sau:": the items describe what is approved
    norm: bool = False  # a regulation's article of norms: only what gives someone work is a task
    closed: bool = False  # an item that is no task (a decision's own clause): its plain paragraphs go with it
    lines: bool = False  # a list of measures: each paragraph under it is a task of its own
    steps: bool = False  # past "Bước 1: ...": the paragraphs detail the task that announced the steps
    entries: bool = False  # after "Nghiên cứu, triển khai ... như:": the "- " lines name things, the paragraph's task takes them
    competence: bool = False  # who may decide what: only "X có trách nhiệm ..." is a task (also in the articles of such a chapter)
    when: str | None = None  # under "1. Giai đoạn 2026 - 2030": the time the heading gives the work under it
    occasion: bool = False  # a norm's item that is itself an occasion ("Khi dự báo đến Cấp III: ..."): its items are its measures
    announced: bool = False  # past "... Phó Thủ tướng X có ý kiến như sau:" outside any item: the paragraphs are the work


def _new_task(text: str, path: str, page: int, roles: R.Roles, how: str) -> Task:
    """`how`: how the task was found (roles.toml [confidence.task]); the roles carry theirs."""
    task = Task(text=text.strip(), path=path, lead=[UnitRef(u) for u in roles.lead],
                support=[UnitRef(u) for u in roles.support], page=page)
    task.found_by.update(R.task_routes(roles, how, task.text))
    task.confidence.update({part: R.route_confidence(part, route) for part, route in task.found_by.items()})
    return task


def _inline_tasks(text: str, path: str, page: int, ctx: R.Roles, how: str) -> list[Task] | None:
    """One task per instruction a point numbers inside its sentence ("Bộ Khoa học và Công nghệ: (1)
    trình ...; (2) chủ trì, phối hợp ..."; "(3) các bộ, ngành tập trung: (i) ...; (ii) ..."), each
    with its own roles; the words before the first number, when they name units, lead the parts
    that name none. None when the text numbers no instructions inside it."""
    split = R.inline_parts(text)
    if split is None:
        return None
    prefix, parts = split
    op = R.opening(prefix) if prefix else None
    if op is not None and op.units and op.kind in ("heading", "subject", "runon"):
        ctx = R.Roles(op.units, [], "heading")
    elif not any(R.names_actor(part) for _label, part in parts):
        return None  # "Kết quả: (1) ...; (2) ...": points of an assessment, no one given work
    out: list[Task] = []
    for label, part in parts:
        here = f"{path}({label})"
        inner = _inline_tasks(part, here, page, ctx, how)
        out += inner if inner is not None else [_new_task(part, here, page, R.roles_of(part, ctx), how)]
    return out


_CONTEXT_HOWS = ("heading", "addressed", "addressed_duty", "intro", "staff", "item", "recipients")  # leads a task takes from above it


def _split_inline(tasks: list[Task]) -> list[Task]:
    """Each task whose text numbers its instructions inside it, as one task per instruction (its
    text may have grown over several paragraphs, so this runs on the finished tasks). A part naming
    no unit takes the lead the task took from above it, never one read from another part."""
    out: list[Task] = []
    for task in tasks:
        how = task.found_by.get("task", "paragraph").split("+")[0]
        lead_how = task.found_by.get("lead", "none")
        ctx = R.Roles([u.name for u in task.lead], [], lead_how) if lead_how in _CONTEXT_HOWS else R.Roles([], [], "recipients")
        parts = _inline_tasks(task.text, task.path, task.page, ctx, how) if how not in ("field", "row") else None
        out.extend(parts or [task])
    return out


def _continued(task: Task, text: str) -> None:
    """`text` goes on with `task` (a heading wrapped onto the next line, the item's next
    paragraph). A task that named no lead takes the subject after a topic label wrapped over
    both ("Hoàn thiện thể chế," / "cơ chế chính sách: Các bộ khẩn trương trình ..."), as it
    would on one line; no other cue of the text that goes on is read again."""
    task.text = f"{task.text} {text}"
    if task.lead or not (units := R.subject_after_label(task.text)):
        return
    how = task.found_by["task"].split("+")[0]
    task.lead = [UnitRef(u) for u in units]
    task.found_by.update(lead="subject", task=R.task_route(how, True, task.text))
    task.confidence.update({part: R.route_confidence(part, task.found_by[part]) for part in ("task", "lead")})


def _flatten(node: Node) -> str:
    """All text under a node, in order (for sub-items that only detail it)."""
    parts: list[str] = []
    stack: list[Node | Paragraph] = list(reversed(node.children))
    while stack:
        item = stack.pop()
        if isinstance(item, Paragraph):
            parts.append(item.text)
        else:
            if item.para:
                parts.append(item.para.text)
            stack.extend(reversed(item.children))
    return " ".join(parts)


TOPIC_WORDS = 12  # a title over sub-items of any kind is at most this long
GROUP_WORDS = 40  # over numbered sub-items ("3. Tổ chức theo dõi, ... của Ủy ban MTTQ xã" / "3.1. ...")


def _is_topic_heading(text: str, node: Node) -> bool:
    """"1. Công khai, minh bạch": a title over sub-items, no instruction."""
    items = node.items()
    if not items and node.children and text.isupper() and not text.rstrip().endswith((".", ";", ":")):
        return True  # "II. TỔ CHỨC THỰC HIỆN" over paragraphs: they carry the work, the title none
    if not items and isinstance(node.children[0] if node.children else None, Paragraph) \
            and not text.rstrip().endswith((".", ";", ":")) and len(text.split()) <= TOPIC_WORDS \
            and not R.opening(text).units and R.names_actor(node.children[0].text):
        return True  # "2. Tổ chức cuộc thi tìm hiểu" over "Sở Nội vụ chủ trì ... tổ chức cuộc thi ..."
    if not items and node.family == "article" and node.children and not text.rstrip().endswith((".", ";", ":")) \
            and len(text.split()) <= TOPIC_WORDS and not R.opening(text).units:
        return True  # "Điều 2. Hiệu lực thi hành" over its clause: an article's title; its paragraphs say what holds or is done
    if not items or text.rstrip().endswith((";", ":")) or R.opening(text).units:
        return False
    instructs = all(_numbered(c) for c in items) or _instructs_each(items)
    if text.rstrip().endswith("."):
        # "IV. Tổ chức thực hiện." over its units' items: a short title the typist closed with a
        # stop (one phrase, no sentence before it) is still a title over items that carry the work
        phrase = text.rstrip()[:-1]
        return instructs and "." not in phrase and len(phrase.split()) <= TOPIC_WORDS
    limit = GROUP_WORDS if instructs else TOPIC_WORDS
    return len(text.split()) <= limit


def _caps_title(text: str) -> bool:
    """"NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU (chi tiết Phụ lục đính kèm)": a title in capitals (what is in brackets
    aside), no sentence."""
    bare = re.sub(r"\([^)]*\)", " ", text).strip()
    return len(bare.split()) >= 2 and not bare.endswith((".", ";", ":")) and mostly_upper(bare, 0.9)


ITEM_WORDS = 8  # a "-" line of at least this many words is a sentence of its own, not a word list's entry


def _instructs_each(items: list[Node]) -> bool:
    """Every item under a title is a sentence of work of its own ("- Tổ chức tuyên truyền sâu rộng
    ... bằng nhiều hình thức."): the title over them names a line of work, however long it is, and
    the items are the tasks (the lowest items that instruct)."""
    # a line opening in lower case goes on with the title's sentence ("... di tích lịch sử" / "- văn hóa, ...")
    return all(c.para is not None and c.para.body[:1].isupper() and len(c.para.body.split()) >= ITEM_WORDS
               for c in items)


def _details(text: str, node: Node) -> bool:
    """Do the sub-items only detail the item (their text joins its task)? Yes for short entries of
    one list ("Các phương thức tiếp nhận" over "- Qua điện thoại;" ...). Not when they are numbered,
    at least two, and each a sentence of work of its own: after "... tập trung chỉ đạo ..., trong
    đó:" or "... cụ thể như sau:" the items "a) Huy động lực lượng ...", "b) Rà soát ..." are the
    tasks, the line over them their lead-in (one "(1) Chỉ số ...; (2) ..." line is still a list)."""
    items = node.items()
    if _lists_entries(items) and node.family not in ("article", "roman"):
        return True
    if len(items) >= 2 and all((c.family or "") in ("dash", "plus", "bullet") and c.para is not None and not c.children
                               and names_document(c.para.body) for c in items):
        return True  # "Nghiên cứu, quán triệt ...:" over "- Nghị định số ...", "- Chỉ thị số ...": what to study
    if ends_on_object_list(text) and all(not c.children and c.para is not None and not R.names_actor(c.para.body)
                                         for c in items):
        return True  # "Sở X chịu trách nhiệm cập nhật dữ liệu đối với:" over "a) Báo cáo giá ...;" "b) Giá tính ...;"
    if REG.without_scope(text) == "" and _instructs_each(items):
        return False  # "9.1. Đối với các cơ sở sản xuất ...:" over "+ Rà soát ...", "+ Tăng cường ...": whom they bind
    if not R.details_children(text, [c.family or "" for c in items], node.family):
        return False
    return not (len(items) >= 2 and all(_numbered(c) for c in items) and all(_instructs_or_leads(c) for c in items))


def _instructs_or_leads(item: Node) -> bool:
    """A numbered sub-item that is work of its own: a sentence of work (_instructs_each), or a lead-in over its
    own items ("c) Các bộ, cơ quan, địa phương:" over "- Nắm chắc tình hình ...;" "- Đẩy mạnh ...")."""
    if item.para is None:
        return False
    body = item.para.body.strip()
    return _instructs_each([item]) or (body[:1].isupper() and body.endswith(":") and bool(item.items()))


def _lists_entries(items: list[Node]) -> bool:
    """"- Kiến nghị bằng văn bản;" / "- Kiến nghị trực tiếp;": '-' lines that are entries of one list
    (short, each closed by ";" or ".", nothing under them, no unit named), not sentences of work."""
    return bool(items) and all(
        (c.family or "") in ("dash", "plus", "bullet") and c.para is not None and not c.children
        and len(c.para.body.split()) < ITEM_WORDS and c.para.body.rstrip().endswith((";", "."))
        and not R.opening(c.para.body).units
        for c in items)


def _fields(node: Node) -> list[tuple[str, str]]:
    """Labelled lines among an item's direct children ("- Thời gian thực hiện: Quý IV"). None
    when a child names who performs the work ("b) Cơ quan thực hiện:" after "a) Nhiệm vụ: ..."):
    the children are read one by one, that child's lines filling the tasks before it."""
    if any(isinstance(c, Node) and c.para and R.names_performers(c.para.body) for c in node.children):
        return []
    out = []
    for c in node.children:
        text = c.text if isinstance(c, Paragraph) else (c.para.body if c.para else "")
        f = R.field_of(text)
        if f and f[0] == "task" and isinstance(c, Node) and _has_fields(c):
            continue  # "1.1. Nội dung: ..." over its own "- Thời gian: ..." lines: a block of its own
        if f:
            out.append(f)
    return out


def _has_fields(node: Node) -> bool:
    """Labelled lines other than a "Nội dung: ..." among the node's direct children."""
    for c in node.children:
        f = R.field_of(c.text if isinstance(c, Paragraph) else (c.para.body if c.para else ""))
        if f and f[0] != "task":
            return True
    return False


def _apply_fields(task: Task, fields: list[tuple[str, str]]) -> None:
    for kind, value in fields:
        if kind == "task":
            task.text = f"{task.text} {value}".strip() if task.text != value else value
        elif kind == "lead":
            task.lead = [UnitRef(u) for u in split_units(value)]
            task.found_by.update(lead="field", task=R.task_route("field", bool(task.lead), task.text))
            task.confidence["lead"] = R.confidence("lead", "field")
            task.confidence["task"] = R.route_confidence("task", task.found_by["task"])
        elif kind == "support":
            task.support = [UnitRef(u) for u in split_units(value)]
            task.found_by["support"] = "field"
            task.confidence["support"] = R.confidence("support", "field")
        elif kind == "deadline":
            task.deadline_source = value


def _fill_fields(tasks: list[Task], fields: list[tuple[str, str]]) -> None:
    """Give `tasks` the lead, support and time of a performers block, where they say none themselves."""
    for task in tasks:
        own = {"lead": task.found_by.get("lead") not in ("none", "recipients"),
               "support": task.found_by.get("support") not in ("none", "context"),
               "deadline": task.deadline_source is not None}
        _apply_fields(task, [(k, v) for k, v in fields if k in own and not own[k]])


_NUMBERED = ("number", "letter", "paren", "paren_roman", "roman", "article", "dotted")


def _numbered(node: Node) -> bool:
    return (node.family or "").startswith(_NUMBERED)


def _field_block(node: Node, text: str, fields: list[tuple[str, str]], roles: R.Roles) -> list[Task]:
    """An item with labelled lines under it ("- Đơn vị chủ trì: ...", "- Thời gian hoàn
    thành: ...") is one task with those fields. Its other "-" lines say how (they join
    its text); numbered steps under it ("(1) Tổ chức hiệp thương lần thứ nhất: ...") are
    tasks of their own with the same fields. When the item only names a topic ("Tổng
    kết công tác bầu cử", "Tham gia thực hiện các nhiệm vụ:"), its unlabelled lines are
    the work, each a task with the block's fields."""
    page = node.para.page if node.para else 1
    def text_here(c: Node | Paragraph) -> str:
        return c.text if isinstance(c, Paragraph) else (c.para.body if c.para else "")

    # "- Thành phần: Ban Thường trực ...; đại diện ...": who attends, no line of work (nor a field of the block)
    rest = [c for c in node.children if R.field_of(text_here(c)) is None
            and not is_meeting_fact(text_here(c)) and not opens_member_list(text_here(c))]
    steps: list[Node] = []  # numbered nodes at any depth under the item
    stack: list[Node | Paragraph] = list(reversed(rest))
    while stack:
        c = stack.pop()
        if isinstance(c, Node):
            if _numbered(c):
                steps.append(c)
            else:
                stack.extend(reversed(c.children))
    details = [c for c in rest if c not in steps]

    def text_of(c: Node | Paragraph) -> str:
        if isinstance(c, Paragraph):
            return c.text.strip()
        parts = [c.para.body.strip() if c.para else ""]
        below: list[Node | Paragraph] = list(reversed(c.children))
        while below:
            d = below.pop()
            if isinstance(d, Paragraph):
                parts.append(d.text)
            elif d not in steps:
                parts.append(d.para.body if d.para else "")
                below.extend(reversed(d.children))
        return " ".join(p for p in parts if p).strip()

    def made(t: str, path: str, pg: int) -> Task:
        task = _new_task(t, path, pg, roles, "field")
        _apply_fields(task, fields)
        return task

    topic = R.is_intro(text) or (len(text.split()) <= 12 and not text.rstrip().endswith((".", ";")))
    out: list[Task] = []
    if topic and details:
        for c in details:
            path = c.path if isinstance(c, Node) else node.path
            out.append(made(text_of(c), path, c.page if isinstance(c, Paragraph) else (c.para.page if c.para else page)))
    else:
        joined = " ".join([text, *(text_of(c) for c in details)])
        out.append(made(joined, node.path, page))
    for c in steps:
        step = made(text_of(c), c.path, c.para.page if c.para else page)
        if step.deadline_source and _own_date(step.text):
            # "(1) Tổ chức hiệp thương lần thứ nhất: Chậm nhất ngày 10/12/2025" under a block
            # due "Quý IV/2025 và Quý I/2026": the step's own date is its deadline
            step.deadline_source = None
        out.append(step)
    return out


def _timed(task: Task, when: str | None) -> None:
    """Under a heading that is nothing but a time ("1. Giai đoạn 2026 - 2030", "Năm 2027"), an item that says no
    time of its own takes the heading as where its deadline is read (as a "Thời gian thực hiện:" field gives it)."""
    from tracker.extract.deadlines import find_deadline

    if when and task.deadline_source is None and find_deadline(task.text) is None:
        task.deadline_source = when


def _own_date(text: str) -> bool:
    from tracker.extract.deadlines import find_deadline

    found = find_deadline(text)
    return found is not None and found.kind == "date"


@dataclass
class _Regulation:
    """Where the walk stands: inside a regulation a decision issues (its chapters, or its
    articles numbered from "Điều 1" again after the decision's own)?"""

    inside: bool = False
    articles: bool = False  # an article was met before

    def enter(self, node: Node) -> None:
        family = node.family or ""
        if family in outline_rules().parts:
            self.inside = True
        elif family == "article":
            label = node.para.label if node.para else ""
            if self.articles and re.fullmatch(r"\S+\s+1", label or ""):
                self.inside = True
            elif not self.articles and node.para is not None and REG.is_title(node.para.body) \
                    and REG.is_norm_title(node.para.body):
                # "Điều 1. Phạm vi điều chỉnh" opening the decision itself: a quyết định quy phạm
                # states its rules in its own articles, as a regulation it would issue does
                self.inside = True
            self.articles = True


def tasks_from_outline(root: Node, recipients: list[str]) -> list[Task]:
    tasks: list[Task] = []
    stack = [_Frame(root, R.Roles(list(recipients), [], "recipients"))]
    reg = _Regulation()

    def paragraph(p: Paragraph, frame: _Frame, path: str) -> None:
        """An unnumbered paragraph (or a heading's run-on text) under `frame`."""
        text = p.text.strip()
        trailing = False
        if R.field_of(text) and frame.task is not None:
            return  # applied to the item's task already (see _fields)
        if frame.steps or is_step(text):
            # "Bước 1: Đăng nhập phần mềm" and the lines after it: how to do the work announced above
            frame.steps = True
            if frame.task is not None:
                _continued(frame.task, text)
            return
        # "..., các bộ, tỉnh nhập dữ liệu ... vào phần mềm theo các bước sau:" over "Bước 1: ...": the work itself
        announces_steps = isinstance(nxt := (frame.node.children[frame.index] if frame.index < len(frame.node.children)
                                             else None), Paragraph) and is_step(nxt.text)
        top_level = frame.node.para is None
        # "Căn cứ ..." opens work inside an item, unless it prefaces the item's own sub-items
        prefaces = any(isinstance(c, Node) for c in frame.node.children[frame.index:])
        # in a regulation "nếu có khó khăn, vướng mắc ... báo cáo" is a duty, not the closing formula
        # elsewhere too where it opens the paragraph, or follows the closing formula (corpus convention (b))
        # (not where an item that gives work goes on with it: "2. Giao Sở X triển khai ..." / "Trong quá trình thực
        # hiện, nếu phát sinh vướng mắc, báo cáo ...": the report belongs to that item)
        occasion = REG.reports_difficulty(text) if reg.inside else (
            REG.opens_on_difficulty(text) and (not frame.worded or _at_end(stack)))
        if final_clause(text):
            return  # "Nghị quyết này đã được ... thông qua ...": the text's own clause, no line of the item above
        if not reg.inside and not occasion and frame.worded and frame.task is not None and REG.opens_on_difficulty(text):
            _continued(frame.task, text)  # the item's work goes on with its report of difficulties
            return
        if not occasion and not reg.inside and R.is_closing(text) and (tail := REG.difficulty_tail(text)) is not None \
                and (_at_end(stack) or not frame.worded and R.is_closing(text[: -len(tail)].strip())):
            # "Chủ tịch UBND tỉnh yêu cầu ... nghiêm túc thực hiện. Trong quá trình thực hiện, nếu có vướng mắc, các
            # cơ quan báo cáo UBND tỉnh ...": the closing formula, then the report of difficulties (after work that
            # is no closing, the report is part of that work's sentence run)
            text, trailing, occasion = tail, True, True
        if not occasion and (R.is_closing(text) or R.is_preamble(text, in_item=not top_level and not prefaces)):
            if R.is_intro(text):
                # "Ngày ..., Luật X được thông qua. ... Thủ tướng yêu cầu các Bộ trưởng ...
                # thực hiện các nhiệm vụ sau:": the last sentence names who leads the list.
                last = R.sentences(text)[-1]
                # "Để ..., tỉnh Bắc Lam cần tập trung thực hiện các nội dung sau:": the subject after the purpose
                assigned = R.addressed_units(last) or R.clause_subject_takes_on(last)
                if assigned:
                    frame.ctx = R.Roles(assigned, [], "intro")
                    frame.task = None
                return
            later = R.trailing_instruction(text)
            if later is None or final_clause(later):
                return
            text = later
            trailing = True
        lead_in = R.lead_in_roles(text, frame.ctx)
        if lead_in is not None:
            frame.ctx = lead_in.as_context("intro")
            frame.task = None
            return
        op = R.opening(text)
        if op.kind == "heading" and not op.rest.strip() and isinstance(nxt, Paragraph) \
                and (final_clause(nxt.text) or R.is_closing(nxt.text)):
            # "Chánh Văn phòng UBND thành phố; Giám đốc các Sở: ...; Chủ tịch UBND các xã, phường;" / "Thủ trưởng các
            # cơ quan ... chịu trách nhiệm thi hành Quyết định này./.": the clause's addressees, wrapped off it
            return
        addressed = op.kind in ("subject", "runon") or bool(R.addressed_units(text)) or occasion
        if frame.closed and not addressed and not R.names_actor(text):
            return  # "Điều 1. Ban hành kèm theo ... Quy chế" / "Hệ thống X.": the clause goes on, still no task
        if R.is_intro(text) and is_opener(text, 0) and _entries_follow(frame):
            # "Nghiên cứu, triển khai các nền tảng ... như:" over "- Hệ thống giám sát ...;" "- Hệ thống thu phí
            # ...": the paragraph is the work, the lines only name what it covers
            task = _new_task(text, path, p.page, R.roles_of(text, frame.ctx), "paragraph")
            tasks.append(task)
            frame.task, frame.entries = task, True
            return
        if R.is_intro(text) and not announces_steps and not _figures_follow(frame):
            # "Chủ tịch UBND xã yêu cầu Công an xã ... sau:": the units after the
            # cue are addressed; the subject is only the issuer speaking.
            assigned = R.addressed_units(text)
            if not assigned:
                # "Trung tâm X thực hiện nhiệm vụ, quyền hạn ... cụ thể như sau:": the subject
                # takes on the work listed; "Các đơn vị cấp nước trên địa bàn có trách nhiệm:" names it
                named = R.named_heading(text, False) if op.kind == "subject" else None
                assigned = R.work_taker(op) or (named.units if named and named.kind == "heading" else [])
            if assigned:
                frame.ctx = R.Roles(assigned, [], "intro")
            frame.task = None
            frame.announced = top_level and not prefaces
            return
        if (top_level and not frame.announced or (prefaces and not is_opener(text, 0))) and not addressed:
            return  # narrative outside any item, or prefacing an item's sub-items: no instruction to anyone
        if frame.task is not None and not addressed and not frame.lines:
            _continued(frame.task, text)  # the item goes on
            return
        roles = R.roles_of(text, frame.ctx)
        task = _new_task(text, path, p.page, roles, "trailing" if trailing else "paragraph")
        _timed(task, frame.when)
        tasks.append(task)
        frame.task = task

    while stack:
        frame = stack[-1]
        if frame.index >= len(frame.node.children):
            stack.pop()
            continue
        child = frame.node.children[frame.index]
        frame.index += 1
        if frame.narrative:
            # "Đề nghị tỉnh tập trung thực hiện các nhiệm vụ sau:" after the assessment: the work
            # starts, in this part and the parts around it (the paragraph may sit under a bullet
            # of the assessment, the items after it beside that bullet)
            if isinstance(child, Paragraph):
                if R.announces_work(child.text):
                    for f in stack:
                        f.narrative = False
                    paragraph(child, frame, frame.node.path or "0")
            else:
                stack.append(_Frame(child, frame.ctx.inherited(), narrative=True))
            continue
        if frame.norm and (REG.per_case_step(t := child.text if isinstance(child, Paragraph) else child.para.body)
                           and not frame.occasion
                           or not ((REG.binds_in_competence(t) if frame.competence else REG.gives_duty(t))
                                   or (not frame.competence and (
                                   _acts(REG.without_scope(t))
                                   # "1. Sở Dân tộc và Tôn giáo" over its work: a unit's name heads its duties
                                   or (isinstance(child, Node) and R.opening(t).kind == "heading"))))):
            if isinstance(child, Node) and REG.lists_measures(t):
                # "b) Biện pháp phòng cháy, chữa cháy rừng bao gồm:" over its lines: each line is a measure to take
                measures = _Frame(child, frame.ctx.inherited(), lines=True)
                if (rest := t.partition(":")[2].strip()):
                    # "b) Biện pháp phòng cháy, chữa cháy rừng: Chủ tịch UBND cấp xã chỉ đạo ...": the first line runs on
                    paragraph(Paragraph(rest, page=child.para.page), measures, child.path)
                stack.append(measures)
            elif isinstance(child, Node) and REG.is_duty_title(t) and REG.is_title(t.rstrip(":")):
                # "1. Phân công nhiệm vụ tổng hợp, ... báo cáo giá thị trường:" over who does what
                stack.append(_Frame(child, frame.ctx.inherited()))
            elif isinstance(child, Node) and R.is_skipped_section(t):
                # "2. Đối tượng được cấp tài khoản:" over the bodies it names: whom the rule covers, as in any
                # document (the names under it take no work, even where they read like a subject and its verb)
                stack.append(_Frame(child, frame.ctx.inherited(), narrative=True))
            elif isinstance(child, Node):
                # "3. Khi dự báo đến Cấp III: ..." over "a) ...", "đ) Khi xảy ra cháy rừng, Chủ tịch UBND cấp xã huy động
                # ...": the measures of that occasion, each the named unit's work (an occasion of its own included)
                stack.append(_Frame(child, frame.ctx.inherited(), norm=True, competence=frame.competence,
                                    occasion=bool(child.items()) and REG.per_case_step(t)))
            continue  # a definition, a principle, a condition: what holds, no one given work
        if frame.named_only and not (R.names_actor(t := child.text if isinstance(child, Paragraph) else child.para.body)
                                     or R.subject_after_label(t)):  # "Dự toán kinh phí: UBND thành phố tổ chức lập ..."
            if isinstance(child, Node):
                stack.append(_Frame(child, frame.ctx.inherited(), named_only=True))
            continue  # "Kinh phí thực hiện được bố trí từ nguồn ...": where the money comes from
        if frame.entries and frame.task is not None and isinstance(child, Node) and _entry(child):
            _continued(frame.task, child.para.text)  # "- Hệ thống kiểm tra tải trọng xe tự động."
            continue
        frame.entries = False
        if isinstance(child, Paragraph):
            frame.members = opens_member_list(child.text)
            if not frame.members:
                paragraph(child, frame, frame.node.path or "0")
            continue
        if frame.members:
            continue  # a member or an attendee, not work
        if frame.approved and child.para is not None and R.describes_approved(child.para.body):
            continue  # "3. Cơ quan thẩm định: Sở Xây dựng.": what is approved, no one given work
        if child.para is not None and (field := R.field_of(child.para.body)) is not None \
                and not (field[0] == "task" and _fields(child)):
            if frame.task is not None:
                continue  # "- Đơn vị chủ trì: ..." belongs to the item above (see _fields)
            if field[0] == "task":
                # "- Nhiệm vụ: ..." opens a block of labelled lines side by side: one task
                task = _new_task(field[1], child.path, child.para.page, frame.ctx, "field")
                tasks.append(task)
                frame.last = task
                continue
            if frame.filled is not None and frame.filled[1] == len(tasks):
                # "c) Thời gian thực hiện: ..." right after "b) Cơ quan thực hiện:": the same tasks'
                _fill_fields(tasks[frame.filled[0]:], [field])
                continue
            if frame.last is not None:
                _apply_fields(frame.last, [field])  # "- Đơn vị chủ trì: ..." after its sibling task
                continue

        node = child
        para = node.para
        assert para is not None
        text = para.body.strip()
        path = node.path
        reg.enter(node)
        if reg.inside and (part := _regulation_part(node, text, frame)) is not None:
            stack.append(part)
            continue
        if opens_member_list(text) or is_meeting_fact(text):
            continue  # a body's members, a meeting's attendees, time or place: with everything under it
        if node.items() and REG.grants_rights(text):
            stack.append(_Frame(node, frame.ctx.inherited(), narrative=True))
            continue  # "Đơn vị X có các quyền sau:" over what it may do: powers, no work
        if node.items() and REG.delegates(text):
            stack.append(_Frame(node, frame.ctx.inherited(), narrative=True))
            continue  # "UBND tỉnh ủy quyền cho X:" over the powers it passes on, each used per case
        if R.is_named_only_section(text):
            stack.append(_Frame(node, frame.ctx.inherited(), named_only=True))
            continue
        if R.is_skipped_section(text) or R.is_skipped_section(without_about(text)) or is_procedure(text):
            # aims and background of a plan, with everything under them
            stack.append(_Frame(node, frame.ctx.inherited(), narrative=True))
            continue
        op = R.opening(text)
        if op.kind == "subject" and (named := R.named_heading(text, bool(node.children))) and named.kind == "heading":
            op = named  # "1. Nhà đầu tư của hai dự án X:" over its items
        elif op.kind == "plain" and node.items() and (named := R.addressed_heading(text)) is not None:
            op = named  # "6. Đề nghị các tổ chức cung cấp dịch vụ chi trả" over its a), b)
        elif op.kind == "subject" and node.items() and _bare_verb(op.rest):
            op = R.Opening(op.units, "", "heading")  # "2. Đề nghị UBND xã phối hợp" over its "- " items
        elif op.kind == "subject" and _numbered(node) and _heads_work_lines(text, node):
            # "7. Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao thông trên địa bàn" over "- Chủ động
            # phối hợp ...", "- Ứng dụng ...": the units the lines below work for, no work of its own (the
            # lines' lead keeps the route an item's subject gives them)
            op = R.Opening(op.units, "", "heading", route="item")
        elif op.kind == "subject" and reg.inside and node.family == "article" and node.children \
                and REG.is_title(text) and REG.is_duty_title(text):
            # "Điều 17. Trách nhiệm của Thủ trưởng các đơn vị thuộc Bộ được phân cấp" over its clauses: a duty's
            # title naming its holder, whatever words follow the name; the clauses carry the work
            op = R.Opening(op.units, "", "heading")
        if node.children and op.kind != "heading" and (staff := staff_heading(text)):
            op = R.Opening([staff], "", "staff")  # "3. Cán bộ phụ trách lĩnh vực ..." over its tasks
        sub = _Frame(node, frame.ctx.inherited(), approved=frame.approved,
                     when=text if node.children and is_time_heading(text) else frame.when)
        if node.items() and R.approves_contents(text):
            sub.approved = True  # "Điều 1. Phê duyệt Kế hoạch X, với các nội dung sau:": no task itself
            stack.append(sub)
            continue
        fields = _fields(node)
        if fields and R.names_performers(text):
            # "b) Cơ quan thực hiện:" over "- Đơn vị chủ trì: X" / "- Đơn vị phối hợp: Y": who
            # does the work of the items before it ("a) Nhiệm vụ: ..." and the lines under it)
            _fill_fields(tasks[frame.mark:], fields)
            frame.filled = (frame.mark, len(tasks))
            frame.mark = len(tasks)
            continue
        if fields and op.kind not in ("heading", "staff"):
            made = _field_block(node, text, fields, R.roles_of(text, frame.ctx))
            for earlier in frame.unled:
                # "3.1 ... 3.2 ... 3.3 ... - Đơn vị chủ trì: ... - Thời gian: ...": the fields
                # written once after a run of items serve the items before that name no unit
                _apply_fields(earlier, [f for f in fields if f[0] in ("lead", "support", "deadline")])
            frame.unled = []
            tasks.extend(made)
            frame.last = made[-1] if made else frame.last
            continue
        if op.kind in ("heading", "staff"):
            sub.ctx = R.Roles(op.units, [], op.route or op.kind)
            if not node.children:
                # "- Bộ phận Một cửa; Cán bộ, công chức xã" as the first line under a
                # topic: it names the units of the items after it, its siblings.
                frame.ctx = R.Roles(op.units, [], "heading")
                frame.task = None
        elif op.kind == "runon":
            sub.ctx = R.Roles(op.units, [], "heading")
            paragraph(Paragraph(op.rest, page=para.page), sub, path)
        elif (R.is_closing(text) or R.is_preamble(text, in_item=True) or final_clause(text)) \
                and not (REG.reports_difficulty(text) if reg.inside else REG.opens_on_difficulty(text)):
            sub.closed = True
            if node.items() and text.rstrip().endswith(":") and final_clause(text):
                # "Quyết định này có hiệu lực thi hành:" over "1. Kể từ ngày ... đối với thủ tục ...": the clause goes on
                sub.narrative = True
        elif not reg.inside and "article" in (node.family, frame.node.family) and decides(text):
            sub.closed = True  # "Điều 1. Công bố kèm theo Quyết định này Danh mục ...": the decision's own act
            # "..., cụ thể:" over "1. Sửa đổi, bổ sung: - 05 thủ tục hành chính ...": what is published, item by item
            sub.narrative = bool(node.items()) and bool(outline_rules().publishes.match(text))
        elif reg.inside and node.family == "article" and node.children and not R.opening(text).units \
                and REG.is_title(text, REG.ARTICLE_TITLE_WORDS):
            pass  # a regulation's article title, however long ("Trách nhiệm rà soát ...; xử lý ..."): its clauses carry the work
        elif (details := _details(text, node)) is False and _is_topic_heading(text, node):
            pass
        elif not node.children and _caps_title(text):
            pass  # "III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU (chi tiết Phụ lục đính kèm)": a part's title, its work elsewhere
        else:
            lead_in = R.lead_in_roles(text, frame.ctx)
            if lead_in is not None:
                sub.ctx = lead_in.as_context("intro")
            elif R.is_intro(text) and not details and node.children:
                sub.ctx = R.roles_of(text, frame.ctx).as_context("intro")
            else:
                roles = R.roles_of(text, frame.ctx)
                how = "item" if _numbered(node) else "paragraph"
                if details:
                    task = _new_task(f"{text} {_flatten(node)}", path, para.page, roles, how)
                    _timed(task, frame.when)
                    tasks.append(task)
                    continue  # its sub-items are part of it
                task = _new_task(text, path, para.page, roles, how)
                _timed(task, frame.when)
                tasks.append(task)
                sub.task, sub.worded = task, True
                frame.last = task
                if not task.lead and _numbered(node) and not node.items():
                    frame.unled.append(task)
                if op.kind == "subject":
                    sub.ctx = R.Roles(op.units, [], "item")
        sub.mark = len(tasks)
        stack.append(sub)
    tasks = _without_content_parts(tasks, root)
    return _split_inline([t for t in tasks if not _refers_only(t.text) and not states_only(t.text) and not _narrates(t.text)
                          and not _granted(t.text) and not _catalogued(t)])


def _without_content_parts(tasks: list[Task], root: Node) -> list[Task]:
    """Drop the items of a plan's top part that lays out what the work covers: a roman-numbered part none of whose
    items names a unit, while another such part gives its items to units ("IV. TỔ CHỨC THỰC HIỆN" over "1. Sở X:
    ..."), and whose title names no work (outline.toml [content]: "II. NỘI DUNG KẾ HOẠCH" over the sites and
    parameters of a monitoring programme; not "III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", tasks listed without units)."""
    titles: dict[str, str] = {}
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        for c in node.items():
            if c.family == "roman" and c.para is not None:
                titles[c.path] = c.para.body
            if c.family in ("article", "roman") or c.family in outline_rules().parts:
                stack.append(c)  # a decision's "Điều 1" may hold the plan's parts
    parts: dict[str, list[Task]] = {}
    for t in tasks:
        if (part := _part(t.path)) in titles:
            parts.setdefault(part, []).append(t)
    led = {p for p, ts in parts.items() if any(t.lead for t in ts)}
    if not led:
        return tasks
    content = {p for p in parts if p not in led and not names_work(titles[p])}
    return [t for t in tasks if _part(t.path) not in content]


def _at_end(stack: list[_Frame]) -> bool:
    """Is the walk past the last item and paragraph of the body but closing formulas ("Yêu cầu ... nghiêm túc thực
    hiện./.")? A report of difficulties there closes the whole text, whatever item it hangs under in the outline."""
    for frame in stack:
        for c in frame.node.children[frame.index:]:
            # ("Kế hoạch này thay thế Kế hoạch số ...": the text's own clause too)
            if not (isinstance(c, Paragraph) and (R.is_closing(c.text) or final_clause(c.text) or _refers_only(c.text))):
                return False
    return True


def final_clause(text: str) -> bool:
    """"Thông tư này có hiệu lực ...", "... chịu trách nhiệm thi hành Nghị định này", "Nghị quyết này đã được
    ... thông qua ...", "Xét Tờ trình số ...": a legal text's own clause (outline.toml [final]), in its first
    sentence, and no later sentence that opens on work ("... thi hành Quy chế này. Định kỳ ... báo cáo ...")."""
    parts = re.split(r"(?<=\.)\s+(?=[(\w])", text.strip())
    return any(p.search(parts[0]) for p in outline_rules().final) and not any(is_opener(s, 0) for s in parts[1:])


def decides(text: str) -> bool:
    """"Công bố kèm theo Quyết định này Danh mục ...", "Điều chỉnh danh mục dự án ...": what a decision does by being
    signed (outline.toml [final] acts), in the first sentence, which names no unit to act, and no later sentence that
    opens on work ("Phê duyệt ... . Giao Sở X tổ chức thực hiện.")."""
    parts = re.split(r"(?<=\.)\s+(?=[(\w])", text.strip())
    return bool(outline_rules().acts.match(parts[0])) and not R.names_actor(parts[0]) \
        and not any(is_opener(s, 0) or _hands_out(s) for s in parts[1:])


def _narrates(text: str) -> bool:
    """"Thủ tướng Chính phủ đã ban hành Công điện số ...", "Bộ Chính trị cơ bản nhất trí với Tờ trình ...": the
    first sentence reports what happened or what a body thinks (outline.toml [narrative]), and no later
    sentence hands out work."""
    parts = re.split(r"(?<=[.;])\s+(?=\S)", text.strip())
    # a later clause that hands out work ("...; giao Bộ X hoàn thiện ...", "Sở Y chủ trì ...") keeps it
    return _reports(parts[0]) and not any(_hands_out(p) and not _reports(p) for p in parts[1:])


def _granted(text: str) -> bool:
    """"Các cơ quan, đơn vị được cấp 01 tài khoản quản trị.", "Sở X được khai thác, sử dụng dữ liệu ...": right after
    the units that open the first sentence, what a rule grants them (outline.toml [granted]), and no "phải ..." or
    "có trách nhiệm ..." binding them in it; or what it forbids them ("X không được chia sẻ ...")."""
    first = first_sentence(text)
    op = R.opening(first)
    r = outline_rules()
    return bool(op.units) and (bool(r.granted.match(op.rest.strip())) and not r.granted_unless.search(op.rest)
                               or bool(r.forbidden.match(op.rest.strip())))


def _catalogued(task: Task) -> bool:
    """"Văn bản về ... chưa công khai.", "Thông số (chỉ tiêu), tần suất quan trắc ...": an entry of a catalogue, a thing
    named (outline.toml [things]) with no unit given the work: none above it, none in its first sentence."""
    first = first_sentence(task.text)
    return not task.lead and names_thing(task.text) and not R.names_actor(first)


def _hands_out(clause: str) -> bool:
    """"giao Bộ X hoàn thiện ...", "Sở Y chủ trì ...": the clause addresses units or opens on them."""
    if R.addressed_units(clause):
        return True
    op = R.opening(clause)
    return bool(op.units) and op.kind == "subject"


def _reports(clause: str) -> bool:
    r = outline_rules()
    op = R.opening(clause)
    rest = (op.rest if op.units else clause).strip()
    rest = rest[:1].lower() + rest[1:]
    return any(p.search(rest) for p in r.narrative) or (bool(op.units) and any(p.search(rest) for p in r.narrative_subject))


_FIGURE = re.compile(r"^\(\d{1,2}\)\.?\s")


def _figures_follow(frame: _Frame) -> bool:
    """"... báo cáo số liệu định kỳ hàng tháng ... bao gồm:" over "(1). Tổng số gói thầu ...;" "(2). Tổng giá
    trị ...": the lines after the paragraph are entries of what it asks for (figures, no one named in them),
    so the paragraph is the task and they detail it, not an intro over tasks of their own."""
    nxt = frame.node.children[frame.index] if frame.index < len(frame.node.children) else None
    return isinstance(nxt, Paragraph) and bool(_FIGURE.match(nxt.text)) and not R.names_actor(_FIGURE.sub("", nxt.text))


ENTRIES_MIN = 2  # "- " lines after a paragraph that make a list of things


def _entry(node: Node) -> bool:
    """"- Hệ thống thu phí điện tử không dừng ...": a "-" line with nothing under it that names a thing: it
    opens on no work word and names no one who acts."""
    if (node.family or "") not in ("dash", "plus", "bullet") or node.children or node.para is None:
        return False
    body = node.para.body.strip()
    return bool(body) and not is_opener(body, 0) and not R.names_actor(body) and not R.opening(body).units


def _entries_follow(frame: _Frame) -> bool:
    """The children after the paragraph at frame.index - 1 are "-" lines naming things (_entry), at least
    ENTRIES_MIN of them, up to the next paragraph: the list the paragraph's work covers."""
    run = 0
    for c in frame.node.children[frame.index:]:
        if not isinstance(c, Node):
            break
        if not _entry(c):
            return False
        run += 1
    return run >= ENTRIES_MIN


def _heads_work_lines(text: str, node: Node) -> bool:
    """A title that names units and ends no sentence, over at least two "-" lines that each open on work and
    name no unit of their own, and nothing else: the lines are the units' work, the title their lead."""
    items = node.items()
    return (not text.rstrip().endswith((".", ";", ":")) and len(items) >= 2 and len(items) == len(node.children)
            and all((c.family or "") in ("dash", "plus", "bullet") and c.para is not None
                    and is_opener(c.para.body, 0) and not R.opening(c.para.body).units for c in items))


def _bare_verb(rest: str) -> bool:
    """"phối hợp", "thực hiện": a title's words after its units that only say how they take part,
    with no object (the work is in the items under it)."""
    rest = rest.strip().rstrip(":").strip()
    return 0 < len(rest.split()) <= 2 and not any(ch in rest for ch in ".;,")


def _acts(text: str) -> bool:
    """Under a title of norms, does the clause name who acts ("Sở X chủ trì ...")? Not when its units are followed by
    what they decide or approve ("Văn phòng UBND tỉnh quyết định dung lượng ..."): a power, used per case."""
    if not R.names_actor(text):
        return False
    op = R.opening(text)
    return not (op.units and REG.is_power(op.rest))


def _refers_only(text: str) -> bool:
    """One sentence that only sends the reader to other rules ("Thực hiện theo quy định tại khoản 2
    Điều này;"): no work of its own."""
    return len(R.sentences(text.strip())) == 1 and only_refers(text)


def _regulation_part(node: Node, text: str, frame: _Frame) -> _Frame | None:
    """How a regulation's chapter or titled article is walked (structure/regulation.py), or None
    to walk it as any item. A chapter is never a task itself, nor is anything under a procedure's
    title, a principle's or a definition's; under a duty's title (or a unit's name) every item is
    a task; under any other title (conditions, the subject matter) only an item that gives someone
    work. A chapter's title says nothing of its articles' kind ("TỔ CHỨC THỰC HIỆN" holds
    "Khen thưởng" as well): each article is judged by its own."""
    chapter = (node.family or "") in outline_rules().parts
    if not chapter and not (node.family == "article"
                            and REG.is_title(text, REG.ARTICLE_TITLE_WORDS if node.children else REG.TITLE_WORDS)):
        return None
    ctx = frame.ctx.inherited()
    if REG.is_procedure_title(text):
        return _Frame(node, ctx, narrative=True)
    if chapter:
        # "Chương II PHÂN CẤP MỘT SỐ NỘI DUNG ...": its articles pass powers on, unless titled for a duty
        return _Frame(node, ctx, competence=REG.is_competence_title(text) and not REG.is_duty_title(text))
    if R.is_skipped_section(text) or R.is_named_only_section(text) or is_procedure(text):
        return None  # scope, aims, funding: as in any document
    if R.opening(text).kind == "heading":
        return None  # "Sở X": its items are duties
    if REG.is_plain_competence(text):
        return _Frame(node, ctx, norm=True, competence=True)  # "Thẩm quyền quyết định ... thi hành án ...": powers
    if frame.competence and REG.is_duty_title(text) and REG.is_competence_area(text) and not R.opening(text).units:
        return _Frame(node, ctx, norm=True, competence=True)  # "Trách nhiệm giám định ..." among shared-out powers
    if REG.is_duty_title(text):
        return None  # "Trách nhiệm của Sở X", "Tổ chức thực hiện": its items are duties
    # a title that reads as a subject and its verb ("Các loại thông tin được gửi đến Sở X ...", "Đơn vị tính
    # giá ... theo thời gian ..."): what the article is about, no one named to act; judged as other titles
    if REG.is_norm_title(text):
        return _Frame(node, ctx, narrative=True)
    if REG.is_competence_title(text) or frame.competence:
        return _Frame(node, ctx, norm=True, competence=True)
    return _Frame(node, ctx, norm=True)


_BULLET = re.compile(r"^[-–•+*]\s+")


def tasks_from_rows(rows: list[Row], doc_date: str | None = None) -> list[Task]:
    """Every table row with a content and a lead (its own or its group's) is a task."""
    from tracker.extract.deadlines import find_deadline
    from tracker.extract.table_cells import cell_deadline, cell_units

    tasks = []
    for row in rows:
        text = _BULLET.sub("", row.get("text"))  # "- Xây dựng ...": one line of the content cell's list
        own = cell_units(row.get("lead"))
        leads = own or _group_units(row)
        if not leads or not text:
            continue
        if "support" in row.cells:
            support = cell_units(row.get("support"))
            support_how = "column" if support else "column_empty"
        else:
            # No support column: the content names them ("Chủ trì, phối hợp với X ...").
            support = R.roles_of(text, R.Roles(leads, [])).support
            support_how = "content" if support else "none"
        task = Task(
            text=text,
            path="PL." + ".".join(row.path) if row.path else "PL",
            lead=[UnitRef(u) for u in leads],
            support=[UnitRef(u) for u in support],
            page=row.page,
            group=row.group,
            product=row.get("product") or None,
            found_by={"task": "row", "lead": "column" if own else "group", "support": support_how},
        )
        task.confidence = {part: R.route_confidence(part, route) for part, route in task.found_by.items()}
        points = row.get("points").replace(",", ".")
        try:
            task.points = float(points) if points else None
        except ValueError:
            task.points = None
        cell = row.get("deadline")
        task.deadline_source = cell or None
        # The time cell says when, even when it says it vaguely ("Theo hướng dẫn
        # của Trung ương"); only a row without one may carry it in its content.
        when = f"{row.year}" if row.year and not (doc_date or "").startswith(str(row.year)) else doc_date
        task.deadline = cell_deadline(cell, when, row.days) if cell else find_deadline(text, doc_date)
        if tasks and _same_row(tasks[-1], task):
            # a copy of the row above (a group row the cell reader took for the rest of that row, its first cells
            # merged down): one task, whichever of the two has a time
            if tasks[-1].deadline is None and task.deadline is not None:
                tasks[-1] = task
            continue
        tasks.append(task)
    return tasks


def _same_row(a: Task, b: Task) -> bool:
    """The same row read twice: the same text, lead and support, and no two different times read (rows that repeat
    a report for each quarter are different tasks)."""
    return a.text == b.text and [u.name for u in a.lead] == [u.name for u in b.lead] \
        and [u.name for u in a.support] == [u.name for u in b.support] \
        and (a.deadline is None or b.deadline is None or a.deadline_source == b.deadline_source)


def _group_units(row: Row) -> list[str]:
    """The units a group row names ("B." | "SỞ XÂY DỰNG"): the lead of the rows under it
    that name none (the nearest such group)."""
    from tracker.extract.table_cells import cell_units, names_units

    for title in reversed(row.titles):
        units = cell_units(title)
        if units and names_units(units):
            return units
    return []


def drop_restated(tasks: list[Task], row_tasks: list[Task]) -> list[Task]:
    """Body items that an appendix table restates row for row: the row, which names
    the units, is the task; the body's copy goes."""
    if not row_tasks:
        return tasks
    from rapidfuzz import fuzz

    from tracker.text import fold_name

    def key(text: str) -> str:
        return fold_name(text)[:RESTATED_CHARS]

    keys = [key(t.text) for t in row_tasks]
    # A row's group title restates a body heading the same work is listed under
    # ("Thuộc nhóm nhiệm vụ"), when it says the whole heading: a short topic
    # ("Thanh toán trực tuyến") found inside a body item is no restatement.
    titles = {key(t.group) for t in row_tasks if t.group}

    def restated(task: Task) -> bool:
        # The body may put the unit in front ("Sở Tư pháp tham mưu ...") or
        # spell a name out: the row's opening found within the item's, or the
        # other way round. An item that names its own unit ("e) Bộ Giáo dục và Đào tạo
        # nghiên cứu ...") is work given in the body, whatever table sums it up.
        if task.found_by.get("lead") in OWN_LEAD:
            return False
        k = key(task.text)
        for rk in keys:
            for a, b in ((k, rk), (rk, k)):
                n = min(len(a), RESTATED_CHARS // 2)
                if n >= 20 and fuzz.partial_ratio(a[:n], b) >= RESTATED_SCORE:
                    return True
        return any(fuzz.ratio(k, title) >= RESTATED_SCORE for title in titles)

    kept = [t for t in tasks if not restated(t)]
    if len(row_tasks) >= TABLE_LIST_ROWS:
        # The appendix is the task list of a part of the plan, each row with its unit: in a part
        # whose items the rows restate ("III. NHIỆM VỤ, GIẢI PHÁP"), an item that names no unit,
        # nor takes one from a heading above it, only describes a solution the rows assign
        # ("a) Đẩy mạnh truyền thông ..."): no work given to anyone.
        listed = {_part(t.path) for t in tasks if t not in kept}
        kept = [t for t in kept if t.lead or _part(t.path) not in listed]
    return kept


def _part(path: str) -> str:
    """The top part of the body an item stands in ("III" of "III.1.a"; "Điều 1.II" of "Điều 1.II.3.-2")."""
    pieces = path.split(".")
    k = 0
    while k < len(pieces) - 1 and pieces[k].startswith("Điều"):
        k += 1
    return ".".join(pieces[: k + 1])


OWN_LEAD = ("subject", "subject+opening", "cue", "assigned")  # lead routes read from the item's own words
TABLE_LIST_ROWS = 3  # appendix rows with a lead that make the table a plan's task list
RESTATED_CHARS = 100  # the opening of a task compared with the table's rows
RESTATED_SCORE = 92
