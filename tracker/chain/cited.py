"""The loaded directives a document cites by number: what the resolver asks the store on load.

An undated document takes the structure of units of the directive it carries
out; a name several provinces share goes to that directive's province
(tracker/units/context.py). Directives being loaded in the same command count
as loaded, so the order of files on the command line does not matter.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

from tracker.link_rules import number_key
from tracker.units.context import CitedDirective


def cited_lookup(store: Any, batch: Iterable[Any] = ()) -> Callable[[list[str]], list[CitedDirective]]:
    """numbers → the loaded directives (in the store, or drafts of `batch`) with those numbers, cited order kept."""
    known: dict[str, CitedDirective] = {}
    for rec in (store.directive_records().values() if store is not None else ()):
        if rec.get("number") and rec.get("issuer_id"):
            known.setdefault(number_key(rec["number"]), CitedDirective(rec["number"], rec["issuer_id"], rec.get("date")))
    for draft in batch:
        h = draft.header
        if h.number and h.issuer_id:
            known[number_key(h.number)] = CitedDirective(h.number, h.issuer_id, h.date)

    def lookup(numbers: list[str]) -> list[CitedDirective]:
        out = []
        for n in numbers:
            hit = known.get(number_key(n))
            if hit is not None and hit not in out:
                out.append(hit)
        return out

    return lookup


# Structure bases a cited directive may overrule: the document itself said nothing.
WEAK_BASES = ("setting", "today")


def needs_context(draft: Any) -> bool:
    """A draft resolved on no evidence of its own (no date, no year, no issuer found) that cites a document."""
    h = draft.header
    cites = bool(h.parent or h.references)
    return cites and (h.issuer_id is None or h.structure_basis in WEAK_BASES)


def resolve_again(draft: Any, context: Any) -> Any:
    """Resolve a draft anew with `context` (the batch's drafts now known): ids cleared, names kept."""
    from tracker.units import resolve_draft

    draft.header.issuer_id = None
    draft.header.structure = draft.header.structure_basis = None
    for task in draft.tasks:
        task.warnings = [w for w in task.warnings if not w.startswith("Chưa xác định được đơn vị")]
        for ref in task.lead + task.support:
            ref.id, ref.group, ref.confidence = None, False, None
    draft.warnings = [w for w in draft.warnings if not w.startswith("Chưa xác định được")]
    return resolve_draft(draft, context=context)


__all__ = ["WEAK_BASES", "cited_lookup", "needs_context", "resolve_again"]
