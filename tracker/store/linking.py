"""The chain's links, made inside the transaction of a load (so a load is still one write).

After the drafts of a command are saved, `relink` works the links out again
from everything loaded, so the order in which directives were loaded never
matters:

1. Parent of every directive that cites one (tracker.link_rules decides: by
   number, else by issuer, date window and similarity, with a confidence).
   A clerk's link is kept. A cited document that is not loaded stays in
   `parent_ref`: the directive waits for it and picks it up when it is loaded.
2. Task links (`parent_task_ids`) of each child whose parent link is new or
   changed, or where the child or the parent was just (re)loaded; tasks whose
   links a clerk set are kept.
3. Answered assignments: the parent's assignments to the child's issuer get
   `child_directive_id` (one event each, like every assignment change): those
   it leads (chủ trì); its phối hợp assignments only when it leads none of the
   parent's tasks (a sở's plan answers its own work, not the support it gives
   another sở). The issuer is the same body under another structure's id too
   (a 2026 commune answers what a 2024 plan gave the communes it took over).
   When several loaded directives of that issuer carry out the same parent,
   the most confident link, then the earliest, answers. A clerk's answer is
   kept; a link a clerk set is recorded as the clerk's in the history.

Directive records gain `parent_method` ("number" | "similar" | "clerk") and,
for "similar", `parent_scores` (each signal 0..1) beside the existing
`parent_id`, `parent_confidence`, `parent_confirmed`.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from tracker.link_rules import (
    CLERK,
    DirectiveFacts,
    ParentChoice,
    ParentFinder,
    TaskFacts,
    ancestors,
    link_tasks,
    number_key,
    parent_unit_from_id,
    split_number,
)
from tracker.model import UnitRef
from tracker.store.index import T_DIRECTIVE, T_INDICATORS, T_REMOVED, task_entry


def _parent_of(directory: Any) -> Any:
    cache: dict[str, str | None] = {}

    def parent_of(uid: str) -> str | None:
        if uid not in cache:
            up = None
            try:
                up = directory.unit(UnitRef(uid, uid)).parent
            except Exception:  # a unit the directory does not know: the id scheme says
                up = None
            cache[uid] = up or parent_unit_from_id(uid)
        return cache[uid]

    return parent_of


def _kept(r: dict[str, Any]) -> bool:
    """A link a clerk set or confirmed: loads never change it."""
    return bool(r.get("parent_confirmed")) or r.get("parent_method") == CLERK


def relink(store: Any, tx: Any, directory: Any, touched: set[int], now: datetime,
           old_parents: set[int] = frozenset()) -> dict[int, Any]:  # type: ignore[assignment]
    """Work out again the links the directives in `touched` can change (see the module doc); returns
    the ParentChoice of every directive worked out again (and of those their parent chains pass).

    `touched`: directives just (re)loaded or relinked by hand; `old_parents`: directives that
    were the parent of one of them before (their answered assignments are checked again).
    The work grows with what `touched` reaches (its parent, the directives that cite it or may
    carry it out, their candidates, their tasks and the assignments they answer), not with the
    store: the directive records are read (one small record each), but the tasks only of the
    directives whose task links change, by key (a directive's indicators are kept on its record).
    """
    table = tx.directives_db().table("directives")
    # The transaction's own records (its private copy), not TinyDB documents: a Document each is a
    # copy of every record in the store. They change only through update_docs below.
    raw = (tx.directives_db().storage.read() or {}).get("directives") or {}
    recs: dict[int, dict[str, Any]] = {int(k): r for k, r in raw.items()}
    if not recs:
        return {}
    keys = _Keys(recs, _parent_of(directory))
    rule = ParentFinder((), keys.parent_of)  # could_choose/relation/score: no directive set needed
    facts = _Facts(tx, recs)

    # 1. Parents: found again for the touched directives, those linked to one of them, and those
    # that may now choose one of them; every other directive keeps its stored link.
    redo = {did for did in touched if did in recs}
    redo |= {did for did, r in recs.items() if r.get("parent_id") in touched}
    for x in touched:
        if x in recs:
            redo |= {d for d in keys.may_choose(x) if rule.could_choose(facts[d], facts[x])}
    redo = {did for did in redo if not _kept(recs[did])}
    pool: set[int] = set()
    for did in redo:
        pool |= keys.candidates(did)
    finder = ParentFinder([facts[d] for d in sorted(pool | redo)], keys.parent_of)
    choices: dict[int, Any] = {did: finder.find(facts[did]) for did in sorted(redo, key=lambda d: facts[d].sort_key)}
    _break_cycles(choices, recs, facts, redo)
    facts.backfill(tx)
    stamp = now.isoformat(timespec="seconds")
    changed: dict[int, int | None] = {}  # child → its parent before
    updates: dict[int, dict[str, Any]] = {}
    for did, ch in choices.items():
        r = recs[did]
        if _kept(r):
            continue
        new_fields = {"parent_id": ch.parent_id, "parent_confidence": ch.confidence, "parent_method": ch.method,
                      "parent_scores": ch.scores or None}
        if any(r.get(k) != v for k, v in new_fields.items()):
            if r.get("parent_id") != ch.parent_id:
                changed[did] = r.get("parent_id")
                new_fields.update(parent_linked_at=stamp, parent_linked_by="")
            updates[did] = new_fields
    if updates:  # (changes the records in `recs` too: they are the storage's)
        tx.directives_db().storage.update_docs("directives", updates)
        table.clear_cache()

    # 2. Task links.
    parent = {did: r.get("parent_id") for did, r in recs.items()}
    for child, p in parent.items():
        if child in changed or child in touched or (p is not None and p in touched):
            _link_tasks(tx, recs, child, p)

    # 3. Answered assignments.
    parents_to_check = {p for c, p in parent.items() if p is not None and (c in changed or c in touched or p in touched)}
    parents_to_check |= {old for old in changed.values() if old is not None} | set(old_parents)
    if parents_to_check:
        _answer(store, tx, recs, parents_to_check, now)
    return choices


class _Keys:
    """The directive records by number, issuer and what they cite: which directives a parent search
    looks at, and which may choose a given directive (each a superset the rule then decides on)."""

    def __init__(self, recs: dict[int, dict[str, Any]], parent_of: Any) -> None:
        self.recs = recs
        self.parent_of = parent_of
        self.by_number: dict[str, list[int]] = {}
        self.by_issuer: dict[str, list[int]] = {}
        self.citing: dict[str, list[int]] = {}  # cited number → directives that cite it (and seek a parent)
        # issuer → the cited number's numeric part → its directives that seek a parent
        self.seeking: dict[str, dict[str, list[int]]] = {}
        for did, r in recs.items():
            if r.get("number"):
                self.by_number.setdefault(number_key(r["number"]), []).append(did)
            issuer = r.get("issuer_id")
            if issuer:
                self.by_issuer.setdefault(issuer, []).append(did)
            if r.get("parent_ref"):
                for n in {number_key(n) for n in [r["parent_ref"], *(r.get("references") or [])] if n}:
                    self.citing.setdefault(n, []).append(did)
                numeric = split_number(r["parent_ref"])[0]
                self.seeking.setdefault(issuer or "", {}).setdefault(numeric, []).append(did)
        self.agencies: dict[str, list[str]] = {}  # unit → the issuers that hang from it by the id scheme
        for issuer in self.by_issuer:
            up = parent_unit_from_id(issuer)
            if up:
                self.agencies.setdefault(up, []).append(issuer)
        self._ups: dict[str, tuple[list[str], set[str]]] = {}

    def ups(self, uid: str | None) -> tuple[list[str], set[str]]:
        """The units above `uid`, nearest first, and as a set (ParentFinder.ancestors, cached)."""
        if not uid:
            return [], set()
        got = self._ups.get(uid)
        if got is None:
            up = ancestors(uid, self.parent_of)
            got = self._ups[uid] = (up, set(up))
        return got

    def candidates(self, did: int) -> set[int]:
        """Every directive ParentFinder.find may consider for `did`: those it cites by number, those
        of the units above its issuer, and of their agencies."""
        r = self.recs[did]
        out: set[int] = set()
        if not r.get("parent_ref"):
            return out
        for n in {number_key(n) for n in [r["parent_ref"], *(r.get("references") or [])] if n}:
            out.update(self.by_number.get(n, ()))
        ups, upset = self.ups(r.get("issuer_id"))
        for up in ups:
            out.update(self.by_issuer.get(up, ()))
            for issuer in self.agencies.get(up, ()):
                if issuer not in upset:
                    out.update(self.by_issuer[issuer])
        out.discard(did)
        return out

    def may_choose(self, x: int) -> set[int]:
        """The directives whose parent search may pick `x`: those citing its number, and those whose
        issuer has x's issuer (or, for an agency, the unit it hangs from) above it and whose cited
        number has no numeric part or x's (ParentFinder.score drops a candidate of another)."""
        r = self.recs[x]
        out: set[int] = set(self.citing.get(number_key(r["number"]), ())) if r.get("number") else set()
        xi = r.get("issuer_id")
        if xi:
            home = parent_unit_from_id(xi)
            numeric = split_number(r.get("number"))[0]
            for issuer, by_numeric in self.seeking.items():
                _ups, upset = self.ups(issuer)
                if xi in upset or (home is not None and home in upset):
                    if numeric:
                        out.update(by_numeric.get(numeric, ()))
                        out.update(by_numeric.get("", ()))
                    else:
                        for ds in by_numeric.values():
                            out.update(ds)
        out.discard(x)
        return out


class _Facts(dict):  # type: ignore[type-arg]
    """did → DirectiveFacts, made on first use. A directive's indicators come from its record
    (`indicators`, kept by every load); records written before that field are worked out once
    from the task entries and written back with this load (`backfill`)."""

    def __init__(self, tx: Any, recs: dict[int, dict[str, Any]]) -> None:
        super().__init__()
        self.tx, self.recs = tx, recs
        self._from_tasks: dict[int, set[int]] | None = None

    def __missing__(self, did: int) -> Any:
        r = self.recs[did]
        inds = r.get("indicators")
        if inds is None:
            inds = self._worked_out().get(did, ())
        got = self[did] = DirectiveFacts.from_record(did, r, inds)
        return got

    def _worked_out(self) -> dict[int, set[int]]:
        if self._from_tasks is None:
            self._from_tasks = {}
            for e in self.tx.index(change=False).tasks.values():
                if not e[T_REMOVED] and e[T_INDICATORS]:
                    self._from_tasks.setdefault(e[T_DIRECTIVE], set()).update(e[T_INDICATORS])
        return self._from_tasks

    def backfill(self, tx: Any) -> None:
        """Records without `indicators` get it, once (only when this load had to work them out)."""
        if self._from_tasks is None:
            return
        updates = {did: {"indicators": sorted(self._from_tasks.get(did, ()))}
                   for did, r in self.recs.items() if r.get("indicators") is None}
        if updates:  # (changes the records in `recs` too: they are the storage's)
            tx.directives_db().storage.update_docs("directives", updates)
            tx.directives_db().table("directives").clear_cache()


def _break_cycles(choices: dict[int, Any], recs: dict[int, dict[str, Any]], facts: Any, starts: set[int]) -> None:
    """A directive cannot (through its parents) carry out itself: the weakest link of a loop goes.

    Only a link worked out again can close a loop (the stored ones were checked when they were
    made), so the walks start from those; the stored links they pass are added to `choices`."""
    for start in sorted(starts, key=lambda d: facts[d].sort_key):
        seen = [start]
        cur = choices[start].parent_id
        while cur is not None and cur in recs and cur not in seen:
            if cur not in choices:
                choices[cur] = _stored(recs[cur])
            seen.append(cur)
            cur = choices[cur].parent_id
        if cur is not None and cur in seen:
            loop = seen[seen.index(cur):]
            weakest = min(loop, key=lambda d: (choices[d].confidence or 0.0, facts[d].sort_key))
            choices[weakest].parent_id = None
            choices[weakest].confidence = None
            choices[weakest].method = None


def _stored(r: dict[str, Any]) -> Any:
    return ParentChoice(r.get("parent_id"), r.get("parent_confidence"),
                        r.get("parent_method") or (CLERK if _kept(r) else None), r.get("parent_scores") or {})


def _link_tasks(tx: Any, recs: dict[int, dict[str, Any]], child: int, parent: int | None) -> None:
    """Work out the task links of one child (none when it has no parent); keep those a clerk set."""
    cdb = tx.directive_db(child)
    ctasks = {t.doc_id: dict(t) for t in cdb.table("tasks").all()}
    live = [tid for tid, t in sorted(ctasks.items(), key=lambda kv: (kv[1].get("order") or 0, kv[0]))
            if not t.get("removed") and not t.get("parent_links_confirmed")]
    if not live:
        return
    links: dict[int, list[int]] = {tid: [] for tid in live}
    if parent is not None and parent in recs:
        pdb = tx.directive_db(parent)
        ptasks = {t.doc_id: dict(t) for t in pdb.table("tasks").all()}
        issuer = recs[child].get("issuer_id")
        mine = [a for a in pdb.table("assignments").all() if issuer and a.get("unit") == issuer and not a.get("removed")]
        leads = [a for a in mine if a.get("role") != "support"]
        assigned = {a.get("task") for a in (leads or mine)}
        parents = [TaskFacts(tid, t.get("text") or "", frozenset(t.get("indicators") or []), tid in assigned)
                   for tid, t in sorted(ptasks.items(), key=lambda kv: (kv[1].get("order") or 0, kv[0]))
                   if not t.get("removed")]
        children = [TaskFacts(tid, ctasks[tid].get("text") or "", frozenset(ctasks[tid].get("indicators") or []))
                    for tid in live]
        if parents:
            links.update(link_tasks(children, parents))
    updates = {tid: {"parent_task_ids": ids} for tid, ids in links.items()
               if list(ctasks[tid].get("parent_task_ids") or []) != ids}
    if not updates:
        return
    cdb.storage.update_docs("tasks", updates)
    cdb.table("tasks").clear_cache()
    for tid, fields in updates.items():
        ctasks[tid].update(fields)
    # The child's task entries from its own file (the index is derived from it): no other directive's are read.
    tx.index_patch().directive_tasks(child, {tid: task_entry(t) for tid, t in ctasks.items()})


def _answer(store: Any, tx: Any, recs: dict[int, dict[str, Any]], parents: set[int], now: datetime) -> None:
    """Set `child_directive_id` on the assignments of `parents` to the issuers of their children.

    Reads the parents' own files (not the index columns of the whole store): the work grows
    with the parents' assignments.
    """
    body = _body_of()
    # Which child answers each (parent, unit): the most confident link, then the earliest directive.
    best: dict[tuple[int, str], tuple[tuple[Any, ...], int]] = {}
    for did, r in recs.items():
        p, issuer = r.get("parent_id"), r.get("issuer_id")
        if p in parents and issuer:
            rank = (not r.get("parent_confirmed"), -(r.get("parent_confidence") or 0.0), r.get("date") or "",
                    str(r.get("key") or ""))
            cur = best.get((p, body(issuer)))
            if cur is None or rank < cur[0]:
                best[(p, body(issuer))] = (rank, did)
    items = []
    for d in sorted(parents):
        if d not in recs:
            continue
        live = [a for a in tx.directive_db(d).table("assignments").all() if not a.get("removed")]
        # The bodies that lead something in the parent: their phối hợp assignments are not what a child answers.
        leading = {body(a.get("unit") or "") for a in live if a.get("role") != "support"}
        for a in live:
            who = body(a.get("unit") or "")
            want = best.get((d, who))
            if want is not None and a.get("role") == "support" and who in leading:
                want = None  # support given to a task another unit leads
            want_id = want[1] if want else None
            if (a.get("child_directive_id") or None) == want_id or a.get("child_confirmed"):
                continue  # already so, or a clerk's answer: it stays
            child = recs.get(want_id) if want_id else None
            by_clerk = bool(child and _kept(child))
            items.append((a.doc_id, _set_child(want_id, by_clerk, (child or {}).get("parent_linked_by") or "")))
    if items:
        store._change_assignments(items, "load", now)


def _body_of() -> Any:
    """unit key → the body it is now (its 2025 successor; itself when current, unknown or a name)."""
    cache: dict[str, str] = {}

    def body(key: str) -> str:
        got = cache.get(key)
        if got is None:
            got = key
            if key.startswith("2022:"):
                try:
                    from tracker.units.succession import get_succession

                    got = get_succession().current(key) or key
                except Exception:
                    got = key
            cache[key] = got
        return got

    return body


def _set_child(child: int | None, by_clerk: bool = False, by: str = "") -> Any:
    if child and by_clerk:
        note = "liên kết do người dùng đặt (văn bản thực hiện được chọn bằng tay)"
    elif child:
        note = "liên kết tự động khi nạp văn bản"
    else:
        note = "bỏ liên kết tự động"

    def change(a: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        fields = {"child_directive_id": child}
        event = {"kind": "child_directive", "on": None, "by": by if by_clerk else "", "from": None, "to": None,
                 "note": note, "child": child, "previous": a.get("child_directive_id")}
        return fields, event

    return change


def report_links(tx: Any, results: list[Any], choices: dict[int, Any]) -> None:
    """Fill each SaveResult's parent fields from the links worked out."""
    from tracker.store.records import directive_label

    table = tx.directives_db().table("directives")
    for r in results:
        rec = table.get(doc_id=r.directive_id) or {}
        r.parent_ref = rec.get("parent_ref")
        r.parent_id = rec.get("parent_id")
        r.parent_confidence = rec.get("parent_confidence")
        r.parent_method = rec.get("parent_method")
        if r.parent_id is not None:
            prec = table.get(doc_id=r.parent_id) or {}
            r.parent_label = directive_label(prec)
