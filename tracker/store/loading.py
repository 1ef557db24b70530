"""Saving a parsed directive: one assignment per task and unit, re-loads merged, never losing history.

A directive is the same one again when its file has the same sha256, or it
has the same number and issuer. Then its tasks are matched to the stored
ones (same outline path and text, else same text, else same path and
similar text, else very similar text), and each task's assignments by unit:
matched records keep their ids, statuses, event dates and history; only
what the document says (text, deadline, role, names) is updated. A task or
assignment the new copy no longer has is deleted only when nothing was ever
recorded on it; otherwise it is kept, flagged `removed`, out of the lists.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from tracker.model import DirectiveDraft, Task, UnitRef
from tracker.store.index import row_of_assignment, task_entry
from tracker.store.records import SaveResult, UnitRecord
from tracker.store.storage import doc
from tracker.text import fold
from tracker.track import status as st

# -- units -------------------------------------------------------------------------


class UnitDirectory(Protocol):
    """Where the store learns about units: names, levels, and the members of groups."""

    def unit(self, ref: UnitRef) -> UnitRecord:
        """The unit a resolved, non-group reference names."""

    def members(self, ref: UnitRef) -> list[UnitRecord] | None:
        """The member units of a group reference, or None when it cannot be expanded."""


def unresolved_key(name: str) -> str:
    return "?" + fold(name)


class PlainDirectory:
    """No hierarchy at hand: ids are kept as given, groups stay unexpanded."""

    def unit(self, ref: UnitRef) -> UnitRecord:
        return UnitRecord(key=ref.id or unresolved_key(ref.name), name=ref.name, id=ref.id)

    def members(self, ref: UnitRef) -> list[UnitRecord] | None:
        return None


class HierarchyDirectory:
    """The units package (tracker.units): names, levels and group members of real units.

    Unit ids carry their structure ("2022:p30.d298"), so each is looked up in
    the hierarchy of its own structure.
    """

    def __init__(self) -> None:
        from tracker import units

        self._units = units

    def _record(self, uid: str, fallback_name: str) -> UnitRecord:
        u = self._units
        try:
            unit = u.get_hierarchy(u.structure_of(uid)).get(uid)
        except Exception:  # an id the hierarchy no longer knows: keep it as given
            try:
                level = u.level_of(uid)
            except Exception:
                level = None
            return UnitRecord(key=uid, name=fallback_name, id=uid, level=level)
        return UnitRecord(key=unit.id, name=unit.name, id=unit.id, level=unit.level, kind=unit.kind, parent=unit.parent)

    def unit(self, ref: UnitRef) -> UnitRecord:
        assert ref.id is not None
        return self._record(ref.id, ref.name)

    def members(self, ref: UnitRef) -> list[UnitRecord] | None:
        assert ref.id is not None
        u = self._units
        try:
            ids = u.get_hierarchy(u.structure_of(ref.id)).expand(ref.id)
        except Exception:
            return None
        return [self._record(m, m) for m in ids] or None


def default_directory() -> UnitDirectory:
    """The units package's hierarchy when it is there, else plain names and ids."""
    try:
        return HierarchyDirectory()
    except ImportError:
        return PlainDirectory()


# -- what a draft asks for ------------------------------------------------------------


@dataclass
class _Want:
    """One assignment the draft asks for."""

    unit: UnitRecord
    role: str  # lead | support
    via: str | None = None  # the group it came from
    unresolved: bool = False
    unexpanded: bool = False


def wanted_assignments(task: Task, directory: UnitDirectory) -> list[_Want]:
    """One per unit the task names (groups expanded), lead before support, each unit once."""
    out: dict[str, _Want] = {}
    for role, refs in (("lead", task.lead), ("support", task.support)):
        for ref in refs:
            for w in _expand(ref, role, directory):
                if w.unit.key not in out:  # a unit both leads and supports: it leads
                    out[w.unit.key] = w
    return list(out.values())


def _expand(ref: UnitRef, role: str, directory: UnitDirectory) -> list[_Want]:
    if not ref.id:
        name = ref.name.strip()
        if not name:
            return []
        return [_Want(UnitRecord(unresolved_key(name), name, resolved=False), role, unresolved=True)]
    if ref.group:
        members = directory.members(ref)
        if members is None:
            unit = UnitRecord(key=ref.id, name=ref.name, id=ref.id, kind="group")
            return [_Want(unit, role, unexpanded=True)]
        return [_Want(m, role, via=ref.id) for m in members]
    return [_Want(directory.unit(ref), role)]


# -- saving ------------------------------------------------------------------------------


def directive_key(number: str | None, issuer: str | None, sha256: str) -> str:
    if number:
        return "n:" + fold(number).replace(" ", "") + "|" + fold(issuer or "")
    return "h:" + (sha256 or "")


def _header_fields(draft: DirectiveDraft) -> dict[str, Any]:
    h = draft.header
    return {
        "number": h.number, "symbol": h.symbol, "doc_type": h.doc_type, "issuer": h.issuer,
        "issuer_parent": h.issuer_parent, "issuer_id": h.issuer_id, "level": h.level, "place": h.place,
        "date": h.date, "subject": h.subject, "recipients": list(h.recipients), "signer": h.signer,
        "signer_title": h.signer_title, "signing_mode": h.signing_mode, "references": list(h.references),
        "cc": list(h.cc), "parent_ref": h.parent,
    }


def _find_existing(directives: dict[int, dict[str, Any]], key: str, sha256: str) -> int | None:
    if sha256:
        for did, d in directives.items():
            if sha256 in (d.get("sha256s") or []):
                return did
    for did, d in directives.items():
        if d.get("key") == key:
            return did
    return None


def _match_tasks(old: dict[int, dict[str, Any]], new: list[Task]) -> list[int | None]:
    """For each new task, the id of the stored task it is (or None).

    Passes, each over the tasks still unmatched: the same outline path and
    text; the same text; the same path and a similar text (rapidfuzz ratio ≥
    60: a corrected or reworded item); a nearly equal text elsewhere (≥ 90).
    """
    free = dict(old)
    out: list[int | None] = [None] * len(new)
    folded = [fold(t.text) for t in new]
    old_folded = {tid: fold(t.get("text") or "") for tid, t in old.items()}

    for key_of_old, key_of_new in (
        (lambda tid: (free[tid].get("path"), old_folded[tid]), lambda i: (new[i].path, folded[i])),
        (lambda tid: old_folded[tid], lambda i: folded[i]),
    ):
        waiting: dict[Any, list[int]] = {}
        for tid in sorted(free):
            waiting.setdefault(key_of_old(tid), []).append(tid)
        for i in range(len(new)):
            if out[i] is None and waiting.get(key_of_new(i)):
                tid = waiting[key_of_new(i)].pop(0)
                out[i] = tid
                del free[tid]
    if free and any(o is None for o in out):
        from rapidfuzz import fuzz

        # A reworded item at the same outline place, then a moved item with
        # (almost) the same words.
        for same_place, threshold in ((True, 60.0), (False, 90.0)):
            for i in range(len(new)):
                if out[i] is not None or not free:
                    continue
                best, score = None, 0.0
                for tid in free:
                    if same_place and not (new[i].path and free[tid].get("path") == new[i].path):
                        continue
                    s = fuzz.ratio(old_folded[tid], folded[i])
                    if s > score:
                        best, score = tid, s
                if best is not None and score >= threshold:
                    out[i] = best
                    del free[best]
    return out


def _compact(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v is not False}


def save_into(tx: Any, draft: DirectiveDraft, directory: UnitDirectory, now: datetime) -> SaveResult:
    """Save one draft in a transaction (see the module's doc for how a re-load merges)."""
    stamp = now.isoformat(timespec="seconds")
    ddb = tx.directives_db().table("directives")
    directives = {d.doc_id: d for d in ddb.all()}
    sha = draft.source.sha256 or ""
    key = directive_key(draft.header.number, draft.header.issuer, sha)
    did = _find_existing(directives, key, sha)
    created = did is None
    fields = _header_fields(draft)
    source = {"path": draft.source.path, "format": draft.source.format, "sha256": sha, "pages": draft.source.pages}
    if created:
        did = tx.new_id("directive")
        record = dict(fields, key=key, source=source, sha256s=[sha] if sha else [], warnings=list(draft.warnings),
                      parent_id=None, parent_confidence=None, parent_confirmed=False,
                      loaded_at=stamp, updated_at=stamp)
    else:
        old = directives[did]
        record = dict(old)
        record.update(fields)
        record.update(key=key, source=source, warnings=list(draft.warnings), updated_at=stamp)
        if sha and sha not in (old.get("sha256s") or []):
            record["sha256s"] = [*(old.get("sha256s") or []), sha]
        if not fields["parent_ref"] and old.get("parent_ref"):
            record["parent_ref"] = old["parent_ref"]  # a copy that lacks the reference does not unlink it
    result = SaveResult(directive_id=did, label=draft.header.number or "", created=created)

    db = tx.directive_db(did)
    T, A, E = db.table("tasks"), db.table("assignments"), db.table("events")
    old_tasks = {t.doc_id: dict(t) for t in T.all()}
    old_assign = {a.doc_id: dict(a) for a in A.all()}
    with_events = {e.get("assignment") for e in E.all()}
    by_task: dict[int, dict[str, int]] = {}
    for aid, a in old_assign.items():
        by_task.setdefault(a["task"], {})[a["unit"]] = aid

    def has_history(aid: int) -> bool:
        a = old_assign[aid]
        return aid in with_events or a.get("status", st.INITIAL) != st.INITIAL or bool(a.get("event_on"))

    matches = _match_tasks({k: v for k, v in old_tasks.items()}, draft.tasks)
    units_seen: dict[str, UnitRecord] = {}
    new_tasks: dict[int, dict[str, Any]] = {}
    new_assign: dict[int, dict[str, Any]] = {}
    for order, (task, tid) in enumerate(zip(draft.tasks, matches)):
        t_fields = {
            "directive": did, "order": order, "path": task.path, "text": task.text,
            "lead": [u.to_json() for u in task.lead], "support": [u.to_json() for u in task.support],
            "deadline": task.deadline.to_json() if task.deadline else None, "indicators": list(task.indicators),
            "page": task.page, "points": task.points, "warnings": list(task.warnings), "removed": False,
        }
        if tid is None:
            tid = tx.new_id("task")
            t_fields.update(parent_task_ids=[], parent_links_confirmed=False)
            result.tasks_added += 1
        else:
            prev = old_tasks[tid]
            t_fields.update(parent_task_ids=prev.get("parent_task_ids") or [],
                            parent_links_confirmed=bool(prev.get("parent_links_confirmed")))
            result.tasks_updated += 1
        new_tasks[tid] = t_fields
        existing = dict(by_task.get(tid, {}))
        for w in wanted_assignments(task, directory):
            units_seen.setdefault(w.unit.key, w.unit)
            if w.unresolved and w.unit.name not in result.unresolved:
                result.unresolved.append(w.unit.name)
            if w.unexpanded and w.unit.name not in result.unexpanded:
                result.unexpanded.append(w.unit.name)
            # What the document says of this assignment. Absent optional fields
            # mean None/false: 150,000 records are worth keeping small.
            a_fields = {"directive": did, "task": tid, "unit": w.unit.key, "role": w.role,
                        "via": w.via, "unresolved": w.unresolved, "unexpanded": w.unexpanded}
            aid = existing.pop(w.unit.key, None)
            if aid is None:
                aid = tx.new_id("assignment")
                new_assign[aid] = _compact(dict(a_fields, status=st.INITIAL))
                result.assignments_added += 1
            else:
                merged = dict(old_assign[aid])
                merged.pop("removed", None)
                merged.update(a_fields)
                new_assign[aid] = _compact(merged)
                result.assignments_kept += 1
        # Units this task no longer names.
        for aid in existing.values():
            if has_history(aid):
                new_assign[aid] = dict(old_assign[aid], removed=True)
            result.assignments_removed += 1
    # Tasks the new copy no longer has.
    matched = {tid for tid in matches if tid is not None}
    for tid, t in old_tasks.items():
        if tid in matched:
            continue
        kept = [aid for aid in by_task.get(tid, {}).values() if has_history(aid)]
        result.tasks_removed += 1
        result.assignments_removed += len(by_task.get(tid, {}))
        if kept:
            new_tasks[tid] = dict(t, removed=True)
            for aid in kept:
                new_assign[aid] = dict(old_assign[aid], removed=True)

    # Write: the task and assignment tables are replaced whole; events are never touched.
    T.truncate()
    T.insert_multiple(doc(v, k) for k, v in sorted(new_tasks.items()))
    A.truncate()
    A.insert_multiple(doc(v, k) for k, v in sorted(new_assign.items()))
    record["tasks"] = sum(1 for t in new_tasks.values() if not t.get("removed"))
    record["assignments"] = sum(1 for a in new_assign.values() if not a.get("removed"))
    if created:
        ddb.insert(doc(record, did))
    else:
        ddb.remove(doc_ids=[did])
        ddb.insert(doc(record, did))
    _save_units(tx, units_seen)

    idx = tx.index()
    idx.replace_directive(
        did,
        {tid: task_entry(t) for tid, t in new_tasks.items()},
        [row_of_assignment(aid, a, idx.unit_code(a["unit"])) for aid, a in sorted(new_assign.items())],
    )
    if not result.label:
        from tracker.store.queries import directive_label

        result.label = directive_label(record)
    return result


def _save_units(tx: Any, seen: dict[str, UnitRecord]) -> None:
    """Add the units not known yet, and refresh what the hierarchy says of known ones."""
    if not seen:
        return
    table = tx.units_db().table("units")
    known = {u["key"]: u.doc_id for u in table.all()}
    current = {u.doc_id: dict(u) for u in table.all()}
    updates: dict[int, dict[str, Any]] = {}
    inserts = []
    for key, u in seen.items():
        rec = {"key": key, "name": u.name, "id": u.id, "level": u.level, "kind": u.kind, "parent": u.parent,
               "resolved": u.resolved}
        if key in known:
            old = current[known[key]]
            if u.resolved and any(old.get(k) != v for k, v in rec.items() if v is not None):
                updates[known[key]] = {k: v for k, v in rec.items() if v is not None}
        else:
            inserts.append(rec)
    if updates:
        tx.units_db().storage.update_docs("units", updates)
        table.clear_cache()
    if inserts:
        table.insert_multiple(inserts)
