"""The parse pipeline: file → Document → sections → header + outline → tasks → (units).

    read → normalize → structure → extract → resolve

Each stage is its own module; this one only wires them together.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from tracker.model import DirectiveDraft, Source, Task

Progress = Callable[[str], None]


def parse_file(path: str | Path, resolve: bool = True, progress: Progress | None = None,
               context: Any = None) -> DirectiveDraft:
    """Read a directive and extract its header and tasks.

    `resolve` maps unit names to units of the hierarchy (tracker.units);
    `progress` is told the stage being worked on (for UIs); `context` (a
    tracker.units.ResolveContext: home province, loaded directives it cites)
    helps the resolver, else the clerk's settings alone are used.
    """
    from tracker.read import guards, read_document

    say = progress or (lambda _stage: None)
    # One time budget for reading and extracting: a document of 200,000 paragraphs read under raised
    # size limits is refused in one line at the time limit rather than running for many minutes.
    with guards.reading(Path(path)) as budget:
        say("đọc tệp")
        doc = read_document(path)
        say("phân tích cấu trúc")
        budget.tick()
        draft, body_text, header_text = _parse(doc)
    if resolve:
        say("đối chiếu đơn vị")
        from tracker.units import resolve_draft

        if context is None:
            from tracker.settings import resolve_context

            context = resolve_context()
        draft = resolve_draft(draft, body_text=body_text, header_text=header_text, context=context)
    return draft


def parse_document(doc) -> DirectiveDraft:
    """A read Document → its draft (no unit resolution)."""
    return _parse(doc)[0]


def _parse(doc) -> tuple[DirectiveDraft, str, str]:
    from tracker.confidence import (article_titles, doubt_broken_text, doubt_fitted, doubt_header, outline_texts,
                                    reconsider_leads)
    from tracker.extract.deadlines import read_deadline, row_reading, settle_confidence
    from tracker.extract.indicators import read_indicators, settle_indicators
    from tracker.extract.roles import lead_by_occasion, lead_by_regulation
    from tracker.extract.short_names import expand_short_names
    from tracker.extract.tasks import drop_restated, tasks_from_outline, tasks_from_rows
    from tracker.extract.unit_phrases import tokenize
    from tracker.model import Line, Table
    from tracker.read import guards
    from tracker.structure.header import read_header
    from tracker.structure.outline import build_outline, paragraphs
    from tracker.structure.sections import split_sections
    from tracker.structure.tables import read_rows

    tokenize.cache_clear()  # the unit-name tokens are cached for one document's sentences, not across documents
    sections = split_sections(doc)
    paras = paragraphs(sections.body)
    first_item = next((i for i, p in enumerate(paras) if p.family is not None), len(paras))
    preamble = " ".join(p.text for p in paras[:first_item])
    body_text = " ".join(p.text for p in paras)
    # The header and the lines at the top: a date line left blank ("ngày  tháng  năm 2026") ends a text
    # copy's header, yet its year says which structure of units the document is written in.
    top = [b for b in doc.blocks[:25] if isinstance(b, Line)]
    header_text = "\n".join(l.text for l in sections.header_left + sections.header_right + sections.header + top)
    # Numbers cited in the appendix and in tables (a plan's "Căn cứ" column) are references too.
    appendix_text = " ".join(
        [b.text for b in sections.appendix if isinstance(b, Line)]
        + [c for b in sections.appendix + sections.tables if isinstance(b, Table) for row in b.rows for c in row if c]
    )
    header = read_header(sections, body_text, preamble=preamble, appendix_text=appendix_text)
    doubt_header(header)  # on the lines as written: where one addressee of a listed line ends is a guess
    header.recipients = _recipient_units(header.recipients)

    root = build_outline(paras)
    tasks = tasks_from_outline(root, header.recipients)
    lead_by_occasion(tasks, preamble)
    lead_by_regulation(tasks, [" ".join(l.text for l in part) for part in (sections.title, sections.attached)], body_text)

    tables = [b for b in sections.appendix if isinstance(b, Table)] + sections.tables
    rows = read_rows(tables)
    row_tasks = tasks_from_rows(rows, header.date)
    tasks = drop_restated(tasks, row_tasks)

    warnings: list[str] = []
    all_tasks: list[Task] = tasks + row_tasks
    readings = []
    budget = guards.current()
    budget.tick()
    for task in tasks:
        budget.tick()
        # A labelled field ("Thời gian hoàn thành: ...") holds nothing but the time: read every calendar form in it.
        found = read_deadline(task.deadline_source or task.text, header.date, cell=bool(task.deadline_source))
        if task.deadline_source and found.deadline is None:
            found = read_deadline(task.text, header.date)
        readings.append(found)
    for task in row_tasks:
        # tasks_from_rows read the row's time cell (or its content when it has none).
        readings.append(row_reading(task.deadline, task.text, header.date, cell=bool(task.deadline_source)))
    links = settle_indicators([read_indicators(task.text) for task in all_tasks], header.subject)
    for task, found, linked in zip(all_tasks, settle_confidence(readings), links):
        budget.tick()
        task.deadline = found.deadline
        task.confidence["deadline"] = found.confidence
        task.indicators = linked.ids
        task.confidence["indicators"] = linked.confidence
        task.found_by.update(deadline=found.how, indicators=linked.how)
    reconsider_leads(all_tasks, header.date, header.issuer, article_titles(root), header.subject, outline_texts(root))
    doubt_fitted(all_tasks, header.doc_type)  # last of the doubts on what the reader found: it weighs what they left
    doubt_broken_text(all_tasks, body_text)
    expand_short_names(all_tasks, body_text)
    for task in all_tasks:
        if task.deadline and task.deadline.warning:
            task.warnings.append(task.deadline.warning)
            warnings.append(f"{task.path}: {task.deadline.warning}")
        if not task.lead:
            task.warnings.append("Chưa xác định đơn vị chủ trì")
    draft = DirectiveDraft(
        header=header,
        tasks=all_tasks,
        source=Source(path=doc.path, format=doc.format, sha256=doc.sha256, pages=doc.pages),
        warnings=warnings,
    )
    return draft, body_text, header_text


def _recipient_units(recipients: list[str]) -> list[str]:
    """A header line listing names after a colon ("Các Sở: Nội vụ, Tư pháp; Y tế") is one recipient per
    name. The header reader gives its lines as written (structure does not know unit names); the unit
    reader of extract splits them."""
    from tracker.extract.unit_phrases import split_units

    out = []
    for line in recipients:
        units = split_units(line) if ":" in line else [line]
        # a list the unit reader read only in part ("... các xã vùng cao: A" | "B" | ...) stays as written
        out.extend(units if len(units) == 1 or not any(":" in unit for unit in units) else [line])
    return out
