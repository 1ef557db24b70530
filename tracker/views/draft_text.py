"""A parsed directive as readable terminal tables (header, then tasks)."""
from __future__ import annotations

from tracker.model import Deadline, DirectiveDraft, UnitRef

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
    """The header and the tasks as tables; everything from the document shown literally."""
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
        ("Số", h.number or "(để trống)"),
        ("Loại", h.doc_type or ""),
        ("Cơ quan ban hành", (h.issuer or "") + (f"  [{h.issuer_id}]" if h.issuer_id else "")),
        ("Cấp", {"central": "trung ương", "province": "tỉnh", "district": "huyện", "commune": "xã"}.get(h.level or "", "")),
        ("Ngày", vn_date(h.date)),
        ("Trích yếu", h.subject or ""),
        ("Kính gửi", "; ".join(h.recipients)),
        ("Người ký", f"{h.signer or ''} ({h.signer_title or ''})" if h.signer or h.signer_title else ""),
        ("Thực hiện văn bản", h.parent or ""),
        ("Văn bản dẫn chiếu", ", ".join(h.references)),
    ]
    for k, v in rows:
        head.add_row(k, literal(v))
    console.print(head)
    if len(draft.tasks) > PLAIN_ABOVE:
        echo_rows(f"{len(draft.tasks)} nhiệm vụ", ["#", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Chỉ số"],
                  [[task.path, task.text, units_label(task.lead), units_label(task.support), deadline_label(task.deadline),
                    ", ".join(str(i) for i in task.indicators)] for task in draft.tasks])
        for w in draft.warnings:
            console.print(literal("⚠ " + w, style="yellow"))
        return
    t = Table(title=f"{len(draft.tasks)} nhiệm vụ", show_lines=True)
    for col in ("#", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Chỉ số"):
        t.add_column(col, overflow="fold")
    for task in draft.tasks:
        text = literal(task.text if len(task.text) <= 220 else task.text[:217] + "…")
        if task.warnings:
            text.append("\n⚠ " + "; ".join(literal(w).plain for w in task.warnings), style="yellow")
        t.add_row(literal(task.path), text, literal(units_label(task.lead)), literal(units_label(task.support)),
                  literal(deadline_label(task.deadline)), ", ".join(str(i) for i in task.indicators))
    console.print(t)
    for w in draft.warnings:
        console.print(literal("⚠ " + w, style="yellow"))
