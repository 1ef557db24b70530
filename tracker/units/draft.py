"""Resolve a parsed directive: the structure it is written in, its issuer, then every lead and supporting unit."""
from __future__ import annotations

from tracker.model import DirectiveDraft, UnitRef
from tracker.units.context import ResolveContext
from tracker.units.hierarchy import get_hierarchy, split_id, structure_of
from tracker.units.in_force import structure_in_force
from tracker.units.issuer import name_resolved_issuer, resolve_issuer
from tracker.units.resolve import resolve_name


def _cited_numbers(draft: DirectiveDraft) -> list[str]:
    h = draft.header
    return [n for n in [h.parent, *h.references] if n]


def resolve_draft(
    draft: DirectiveDraft,
    body_text: str = "",
    *,
    header_text: str = "",
    context: ResolveContext | None = None,
) -> DirectiveDraft:
    """Fill `header.issuer_id`, `header.structure` and each task's `UnitRef.id/.group/.confidence`, in place.

    The structure is the one in force for the document (tracker/units/in_force.py:
    its date, else its year from `header_text`, else the structure of a loaded
    directive it cites, else ...). Names that do not resolve keep `id=None` and
    leave a warning on the task and on the draft for the clerk; this never
    raises on a name. `body_text` (the directive's text) helps find an issuer
    the header leaves out; `context` brings the clerk's home province and the
    loaded directives this one cites (tracker/units/context.py).
    """
    context = context or ResolveContext()
    header = draft.header
    cited = context.cited_directives(_cited_numbers(draft))
    # The directive this one carries out comes first (the parser's `parent`), then other cited ones.
    cited_structure = structure_of(cited[0].issuer_id) if cited and cited[0].issuer_id else None
    issuer_id = header.issuer_id
    if issuer_id:
        try:
            get_hierarchy(structure_of(issuer_id)).get(issuer_id)
        except Exception:
            issuer_id = None
    if issuer_id:
        header.structure = structure_of(issuer_id)
        header.structure_basis = header.structure_basis or "issuer"
    else:
        choice = structure_in_force(header, header_text=header_text, cited_structure=cited_structure)
        header.structure, header.structure_basis = choice.structure, choice.basis
        if not body_text:
            body_text = "\n".join(t.text for t in draft.tasks)
        prefer = [_province_of(c.issuer_id) for c in cited if c.issuer_id]
        prefer += [context.home_commune or "", context.home_province or ""]
        found = resolve_issuer(header, body_text, structure=choice.structure, prefer=prefer)
        issuer_id = found.id
        if issuer_id is None:
            shown = header.issuer or "(không có)"
            hint = f"; có thể là: {', '.join(found.candidates[:5])}" if found.candidates else ""
            draft.warnings.append(f"Chưa xác định được cơ quan ban hành «{shown}» ({found.reason}){hint}")
            return draft
        header.issuer_id = issuer_id
        name_resolved_issuer(header, issuer_id, found.confidence)

    # A local issuer's level is that of the unit found: a commune's Phòng is commune level, whatever its
    # name suggests ("Phòng" reads as a district office). A central or unknown level is the parser's to say.
    if header.level in ("province", "district", "commune"):
        try:
            header.level = get_hierarchy(structure_of(issuer_id)).get(issuer_id).level
        except Exception:
            pass

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


def _province_of(uid: str) -> str:
    """The province part of a unit id ("2025:p33.c11983/cong-an" → "2025:p33")."""
    return split_id(uid)[0].split(".", 1)[0]


def _resolve_ref(ref: UnitRef, issuer_id: str) -> None:
    res = resolve_name(ref.name, issuer_id)
    ref.id = res.id
    ref.group = res.group if res.id else False
    ref.confidence = res.confidence if res.id else None
