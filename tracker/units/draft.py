"""Resolve a parsed directive: its issuer, then every lead and supporting unit of its tasks."""
from __future__ import annotations

from tracker.model import DirectiveDraft, UnitRef
from tracker.units.hierarchy import get_hierarchy, structure_of
from tracker.units.issuer import resolve_issuer
from tracker.units.resolve import resolve_name


def resolve_draft(draft: DirectiveDraft, body_text: str = "") -> DirectiveDraft:
    """Fill `header.issuer_id` and each task's `UnitRef.id/.group/.confidence`, in place (and return it).

    Names that do not resolve keep `id=None` and leave a warning on the task
    and on the draft for the clerk; this never raises on a name. `body_text`
    (the directive's text) helps find an issuer the header leaves out.
    """
    header = draft.header
    issuer_id = header.issuer_id
    if issuer_id:
        try:
            get_hierarchy(structure_of(issuer_id)).get(issuer_id)
        except Exception:
            issuer_id = None
    if not issuer_id:
        if not body_text:
            body_text = "\n".join(t.text for t in draft.tasks)
        found = resolve_issuer(header, body_text)
        issuer_id = found.id
        if issuer_id is None:
            shown = header.issuer or "(không có)"
            hint = f"; có thể là: {', '.join(found.candidates[:5])}" if found.candidates else ""
            draft.warnings.append(f"Chưa xác định được cơ quan ban hành «{shown}» ({found.reason}){hint}")
            return draft
        header.issuer_id = issuer_id

    unresolved: list[str] = []
    for task in draft.tasks:
        for role, refs in (("chủ trì", task.lead), ("phối hợp", task.support)):
            for ref in refs:
                _resolve_ref(ref, issuer_id)
                if ref.id is None:
                    msg = f"Chưa xác định được đơn vị {role} «{ref.name}»"
                    if msg not in task.warnings:
                        task.warnings.append(msg)
                    if ref.name not in unresolved:
                        unresolved.append(ref.name)
    if unresolved:
        draft.warnings.append("Chưa xác định được đơn vị: " + "; ".join(f"«{n}»" for n in unresolved))
    return draft


def _resolve_ref(ref: UnitRef, issuer_id: str) -> None:
    res = resolve_name(ref.name, issuer_id)
    ref.id = res.id
    ref.group = res.group if res.id else False
    ref.confidence = res.confidence if res.id else None
