"""A parsed directive as readable terminal tables (header, then tasks)."""
from __future__ import annotations

from tracker.confidence import is_unsure
from tracker.model import Deadline, DirectiveDraft, UnitRef

UNSURE = "[yellow]?[/]"  # after a value the reader is unsure of: check it

KIND_LABELS = {
    "date": "hạn",
    "start": "từ",
    "period": "trong kỳ, hạn",
    "recurring": "định kỳ",
    "relative": "trong vòng",
    "event": "khi có sự kiện",
}


def vn_date(iso: str | None) -> str:
    """ISO date → dd/mm/yyyy (or mm/yyyy when the day is blank)."""
    if not iso:
        return ""
    parts = iso.split("-")
    return "/".join(reversed(parts))


def deadline_label(d: Deadline | None) -> str:
    if d is None:
        return ""
    if d.kind in ("date", "start", "period") and d.date:
        return f"{KIND_LABELS[d.kind]} {vn_date(d.date)}"
    if d.kind == "relative":
        span = f"{d.hours} giờ" if d.hours else f"{d.days} ngày" if d.days else ""
        rule = " (từng trường hợp)" if d.per_case else ""
        return f"{KIND_LABELS[d.kind]} {span}{' làm việc' if d.working and span else ''}{rule}".strip()
    if d.kind == "recurring" and d.day:
        return f"{KIND_LABELS[d.kind]} (ngày {d.day})"
    return KIND_LABELS.get(d.kind, d.kind)


def units_label(units: list[UnitRef]) -> str:
    return "; ".join(u.name + ("" if u.id else " (?)") for u in units) if units else ""


def print_draft(draft: DirectiveDraft) -> None:
    """The header and the tasks as tables; everything from the document shown literally, what the
    reader is unsure of in yellow with a '?'."""
    from rich.console import Console
    from rich.table import Table

    from tracker.views.literal import PLAIN_ABOVE, echo_rows
    from tracker.views.literal import text as literal

    h = draft.header
    console = Console()
    head = Table(show_header=False, box=None, padding=(0, 1))
    head.add_column(style="bold")
    head.add_column()
    rows = [
        ("Số", "number", h.number or "(để trống)"),
        ("Loại", "doc_type", h.doc_type or ""),
        ("Cơ quan ban hành", "issuer", (h.issuer or "") + (f"  [{h.issuer_id}]" if h.issuer_id else "")),
        ("Cấp", "level", {"central": "trung ương", "province": "tỉnh", "district": "huyện", "commune": "xã"}.get(h.level or "", "")),
        ("Ngày", "date", vn_date(h.date)),
        ("Trích yếu", "subject", h.subject or ""),
        ("Kính gửi", "recipients", "; ".join(h.recipients)),
        ("Người ký", "signer", f"{h.signer or ''} ({h.signer_title or ''})" if h.signer or h.signer_title else ""),
        ("Thực hiện văn bản", "parent", h.parent or ""),
        ("Văn bản dẫn chiếu", "references", ", ".join(h.references)),
    ]
    unsure = 0
    for label, key, value in rows:
        if is_unsure(h.confidence, key):
            unsure += 1
            head.add_row(f"{label} {UNSURE}", literal(value or "(không đọc được)", style="yellow"))
        else:
            head.add_row(label, literal(value))
    console.print(head)
    fields = ("lead", "support", "deadline", "indicators")
    if len(draft.tasks) > PLAIN_ABOVE:
        # a long table as plain lines: an unsure value carries its '?' as text
        def mark(task, key: str, value: str) -> str:
            return f"{value} ?" if is_unsure(task.confidence, key) else value

        echo_rows(f"{len(draft.tasks)} nhiệm vụ", ["#", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Chỉ số"],
                  [[mark(task, "task", task.path), task.text,
                    *(mark(task, key, v) for key, v in zip(fields, _task_cells(task)))] for task in draft.tasks])
        unsure += sum(is_unsure(task.confidence, key) for task in draft.tasks for key in ("task", *fields))
        _print_footer(console, unsure, draft.warnings, literal)
        return
    t = Table(title=f"{len(draft.tasks)} nhiệm vụ", show_lines=True)
    for col in ("#", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Chỉ số"):
        t.add_column(col, overflow="fold")
    for task in draft.tasks:
        text = literal(task.text if len(task.text) <= 220 else task.text[:217] + "…")
        if task.warnings:
            text.append("\n⚠ " + "; ".join(literal(w).plain for w in task.warnings), style="yellow")
        cells = []
        for key, value in zip(fields, _task_cells(task)):
            if is_unsure(task.confidence, key):
                unsure += 1
                cell = literal(value or "—", style="yellow")
                cell.append(" ?", style="yellow")
            else:
                cell = literal(value)
            cells.append(cell)
        path = literal(task.path)
        if is_unsure(task.confidence, "task"):
            unsure += 1
            path.append(" ?", style="yellow")
        t.add_row(path, text, *cells)
    console.print(t)
    _print_footer(console, unsure, draft.warnings, literal)


def _task_cells(task) -> list[str]:
    return [units_label(task.lead), units_label(task.support), deadline_label(task.deadline),
            ", ".join(str(i) for i in task.indicators)]


def _print_footer(console, unsure: int, warnings: list[str], literal) -> None:
    if unsure:
        console.print(f"[yellow]? = chưa chắc chắn ({unsure} chỗ): hãy kiểm tra lại với văn bản gốc[/]")
    for w in warnings:
        console.print(literal("⚠ " + w, style="yellow"))
