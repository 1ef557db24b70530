"""Saving a parsed directive: one assignment per task and unit, re-loads merged, never losing recorded work.

A directive is the same one again when its file has the same sha256, or it
has the same number and issuer. Then its tasks are matched to the stored
ones (same outline path and text, else same text, else same path and
similar text, else very similar text), and the assignments to the stored
ones by unit, task and text (tracker/store/rematch.py: the same unit, the
same body under another id or name, a close name, the same body in a moved
item): matched records keep their ids, statuses, event dates and history;
only what the document says (text, deadline, role, unit) is updated. An
old assignment with nothing recorded on it that the new copy no longer has
is deleted. One with a record is KEPT, live and flagged `kept`, and shown by
the load (SaveResult.unmatched) until the clerk confirms dropping it
(`drop_unmatched`); then it is flagged `removed` and `dropped`, out of the
lists, with an event saying so.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from tracker.model import DirectiveDraft, Task, UnitRef
from tracker.store import rematch
from tracker.store.dues import due_row, issued_of
from tracker.store.index import row_of_assignment, task_entry
from tracker.store.records import SaveResult, UnitRecord
from tracker.store.storage import doc
from tracker.text import fold
from tracker.track import status as st
from tracker.track.due import recorded

# -- units -------------------------------------------------------------------------


class UnitDirectory(Protocol):
    """Where the store learns about units: names, levels, and the members of groups."""

    def unit(self, ref: UnitRef) -> UnitRecord:
        """The unit a resolved, non-group reference names."""

    def members(self, ref: UnitRef) -> list[UnitRecord] | None:
        """The member units of a group reference, or None when it cannot be expanded."""

    # Optional: `current(unit_id) -> str | None`, the body a unit is now (its 2025 successor, or itself
    # when current): a re-load matches a unit named in another structure to the same body.


def body_of(directory: Any, key: str) -> str | None:
    """The body a stored unit key is now, when the directory knows (None for names and unknown ids)."""
    if key.startswith("?"):
        return None
    current = getattr(directory, "current", None)
    try:
        return current(key) if current is not None else None
    except Exception:  # an id the hierarchy no longer knows
        return None


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

    def current(self, uid: str) -> str | None:
        """The body a unit is now: its 2025 successor, itself when current, None when dissolved or unknown."""
        from tracker.units.succession import get_succession, is_current

        if is_current(uid):
            return uid
        return get_succession().current(uid)


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
    written: str | None = None  # the name as the document writes it (not for a group's members)


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
        return [_Want(UnitRecord(unresolved_key(name), name, resolved=False), role, unresolved=True, written=name)]
    if ref.group:
        members = directory.members(ref)
        if members is None:
            unit = UnitRecord(key=ref.id, name=ref.name, id=ref.id, kind="group")
            return [_Want(unit, role, unexpanded=True, written=ref.name)]
        return [_Want(m, role, via=ref.id) for m in members]
    return [_Want(directory.unit(ref), role, written=ref.name)]


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


def _written_names(t: dict[str, Any]) -> dict[str, str]:
    """unit key → the name a stored task wrote it with (units named directly, not a group's members)."""
    out: dict[str, str] = {}
    for ref in list(t.get("lead") or []) + list(t.get("support") or []):
        name = ref.get("name") or ""
        if ref.get("group") and ref.get("id"):
            out.setdefault(ref["id"], name)  # an unexpanded group is stored under the group's id
        elif ref.get("id"):
            out.setdefault(ref["id"], name)
        elif name.strip():
            out.setdefault(unresolved_key(name.strip()), name)
    return out


def save_into(tx: Any, draft: DirectiveDraft, directory: UnitDirectory, now: datetime,
              drop_unmatched: bool | set[int] = False, by: str = "") -> SaveResult:
    """Save one draft in a transaction (see the module's doc for how a re-load merges).

    `drop_unmatched`: True drops every old assignment with a record that the
    new copy does not have; a set of assignment ids drops those only; False
    keeps them (flagged `kept`) and lists them in `SaveResult.unmatched`.
    """
    stamp = now.isoformat(timespec="seconds")
    ddb = tx.directives_db().table("directives")
    # The records as stored (read only here): not a TinyDB Document copy of each directive in the store.
    directives = {int(k): d for k, d in ((tx.directives_db().storage.read() or {}).get("directives") or {}).items()}
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
    wants = [wanted_assignments(task, directory) for task in draft.tasks]
    unit_names = {u["key"]: u.get("name") or u["key"] for u in tx.units_db().table("units").all()} if old_assign else {}
    pairs = _match_assignments(unit_names, directory, old_tasks, old_assign, draft.tasks, matches, wants, has_history)
    units_seen: dict[str, UnitRecord] = {}
    new_tasks: dict[int, dict[str, Any]] = {}
    new_assign: dict[int, dict[str, Any]] = {}
    new_events: list[dict[str, Any]] = []
    used: set[int] = set()
    for order, (task, tid) in enumerate(zip(draft.tasks, matches)):
        t_fields = {
            "directive": did, "order": order, "path": task.path, "text": task.text,
            "lead": [u.to_json() for u in task.lead], "support": [u.to_json() for u in task.support],
            "deadline": recorded(task.deadline), "indicators": list(task.indicators),
            "page": task.page, "points": task.points, "warnings": list(task.warnings), "removed": False,
            "group": task.group, "product": task.product,
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
        for j, w in enumerate(wants[order]):
            units_seen.setdefault(w.unit.key, w.unit)
            if w.unresolved and w.unit.name not in result.unresolved:
                result.unresolved.append(w.unit.name)
            if w.unexpanded and w.unit.name not in result.unexpanded:
                result.unexpanded.append(w.unit.name)
            # What the document says of this assignment. Absent optional fields
            # mean None/false: 150,000 records are worth keeping small.
            a_fields = {"directive": did, "task": tid, "unit": w.unit.key, "role": w.role,
                        "via": w.via, "unresolved": w.unresolved, "unexpanded": w.unexpanded}
            aid = pairs.get((order, j))
            if aid is None:
                aid = tx.new_id("assignment")
                new_assign[aid] = _compact(dict(a_fields, status=st.INITIAL))
                result.assignments_added += 1
                continue
            used.add(aid)
            before = old_assign[aid]
            merged = dict(before)
            for flag in ("removed", "kept", "dropped"):
                merged.pop(flag, None)
            merged.update(a_fields)
            new_assign[aid] = _compact(merged)
            result.assignments_kept += 1
            if before.get("unit") != w.unit.key and has_history(aid):
                # The same body read another way (another structure's id, a name resolved now or no longer):
                # the record moves with it, and its history says so.
                new_events.append({"assignment": aid, "kind": "unit", "on": None, "by": by, "from": None, "to": None,
                                   "note": f"nạp lại: đơn vị đọc thành «{w.unit.name}» (trước: «{_unit_name(unit_names, before)}»)",
                                   "unit": w.unit.key, "previous": before.get("unit")})
            elif before.get("kept") or before.get("removed"):
                new_events.append({"assignment": aid, "kind": "kept", "on": None, "by": by, "from": None, "to": None,
                                   "note": "nạp lại: văn bản lại có phân công này"})
    # Old assignments the new copy does not have: deleted when nothing was recorded, else kept (or dropped).
    kept_tasks: set[int] = set()
    for aid, a in old_assign.items():
        if aid in used:
            continue
        if not has_history(aid):
            result.assignments_removed += 1
            continue
        if a.get("dropped"):
            new_assign[aid] = a  # dropped by a clerk earlier: stays out of the lists
            continue
        drop = drop_unmatched is True or (isinstance(drop_unmatched, set) and aid in drop_unmatched)
        if drop:
            new_assign[aid] = dict(a, removed=True, dropped=True)
            new_events.append({"assignment": aid, "kind": "dropped", "on": None, "by": by, "from": None, "to": None,
                               "note": "nạp lại: văn bản không còn phân công này; người dùng xác nhận bỏ"})
            result.assignments_removed += 1
            result.dropped += 1
            continue
        new_assign[aid] = dict({k: v for k, v in a.items() if k != "removed"}, kept=True)
        if not a.get("kept"):
            new_events.append({"assignment": aid, "kind": "kept", "on": None, "by": by, "from": None, "to": None,
                               "note": "nạp lại: văn bản không còn phân công này; giữ lại vì đã có ghi nhận"})
        kept_tasks.add(a["task"])
        t = old_tasks.get(a["task"]) or {}
        result.unmatched.append({
            "id": aid, "task_path": t.get("path") or "", "task": t.get("text") or "",
            "unit": _unit_name(unit_names, a), "unit_key": a.get("unit"), "role": a.get("role"),
            "status": a.get("status") or st.INITIAL,
        })
    # Tasks the new copy no longer has.
    matched = {tid for tid in matches if tid is not None}
    for tid, t in old_tasks.items():
        if tid in matched:
            continue
        result.tasks_removed += 1
        if tid in kept_tasks:
            # Listed after the document's own items, in their old order.
            order = int(t.get("order") or 0) if t.get("kept") else len(draft.tasks) + int(t.get("order") or 0)
            new_tasks[tid] = dict(t, removed=False, kept=True, order=order)
        elif any(a.get("task") == tid for a in new_assign.values()):
            new_tasks[tid] = dict(t, removed=True)  # only dropped work hangs from it: kept for its history
    if new_events:
        E = db.table("events")
        stamp_ev = now.isoformat(timespec="seconds")
        E.insert_multiple(doc(dict({k: v for k, v in ev.items() if v is not None}, at=stamp_ev), tx.new_id("event"))
                          for ev in new_events)

    # Write: the task and assignment tables are replaced whole; events are only ever added.
    T.truncate()
    T.insert_multiple(doc(v, k) for k, v in sorted(new_tasks.items()))
    A.truncate()
    A.insert_multiple(doc(v, k) for k, v in sorted(new_assign.items()))
    record["tasks"] = sum(1 for t in new_tasks.values() if not t.get("removed"))
    record["assignments"] = sum(1 for a in new_assign.values() if not a.get("removed"))
    # What linking compares of a directive's content, kept on its record so a load reads no other
    # directive's tasks (tracker/store/linking.py).
    record["indicators"] = sorted({int(i) for t in new_tasks.values() if not t.get("removed")
                                   for i in t.get("indicators") or []})
    if created:
        ddb.insert(doc(record, did))
    else:
        ddb.remove(doc_ids=[did])
        ddb.insert(doc(record, did))
    _save_units(tx, units_seen)

    # The index: through a patch of its deltas when no row leaves it (a first load, most re-loads),
    # so a load does not read or write every task entry and row of the store (Transaction.index_patch).
    idx = tx.index_patch(rows_gone=any(aid not in new_assign for aid in old_assign))
    idx.replace_directive(
        did,
        {tid: task_entry(t) for tid, t in new_tasks.items()},
        [row_of_assignment(aid, a, idx.unit_code(a["unit"])) for aid, a in sorted(new_assign.items())],
    )
    # The folder store's due column, through the judging functions the queries use (tracker/store/dues.py).
    set_dues = getattr(tx, "set_dues", None)  # PostgreSQL keeps its own `due` column
    if set_dues is not None:
        issued = issued_of(record)
        set_dues({aid: due_row((new_tasks.get(int(a["task"])) or {}).get("deadline"), issued, a)
                  for aid, a in new_assign.items()})
    if not result.label:
        from tracker.store.records import directive_label

        result.label = directive_label(record)
    return result


def _unit_name(names: dict[str, str], a: dict[str, Any]) -> str:
    """A stored assignment's unit as the units table names it (the name as written, for unresolved ones)."""
    key = a.get("unit") or ""
    return names.get(key) or key.lstrip("?")


def _match_assignments(
    unit_names: dict[str, str], directory: UnitDirectory, old_tasks: dict[int, dict[str, Any]], old_assign: dict[int, dict[str, Any]],
    tasks: list[Task], matches: list[int | None], wants: list[list[_Want]], has_history: Any,
) -> dict[tuple[int, int], int]:
    """(task order, want position) → the stored assignment id it is (tracker/store/rematch.py)."""
    if not old_assign:
        return {}
    from rapidfuzz import fuzz

    written = {tid: _written_names(t) for tid, t in old_tasks.items()}
    bodies: dict[str, str | None] = {}

    def body(key: str) -> str | None:
        if key not in bodies:
            bodies[key] = body_of(directory, key)
        return bodies[key]

    old = []
    for aid, a in old_assign.items():
        if a.get("dropped"):
            continue
        key = a.get("unit") or ""
        names = (rematch.folded_name(written.get(a.get("task"), {}).get(key)) if not a.get("via") else "",
                 rematch.folded_name(_unit_name(unit_names, a)))
        old.append(rematch.Side(aid, a.get("task"), key, names, body(key), has_history(aid)))
    new = []
    for i, ws in enumerate(wants):
        for j, w in enumerate(ws):
            names = (rematch.folded_name(w.written), rematch.folded_name(w.unit.name))
            new.append(rematch.Side((i, j), matches[i], w.unit.key, names, body(w.unit.key)))
    texts = {tid: fold(t.get("text") or "") for tid, t in old_tasks.items()}
    new_texts = [fold(t.text) for t in tasks]
    memo: dict[tuple[int, int], float] = {}

    def similarity(old_tid: int, ref: object) -> float:
        i = ref[0]  # type: ignore[index]
        key = (old_tid, i)
        if key not in memo:
            memo[key] = fuzz.token_set_ratio(texts.get(old_tid, ""), new_texts[i])
        return memo[key]

    return rematch.match(old, new, similarity)  # type: ignore[return-value]


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
