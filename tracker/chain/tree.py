"""The chain tree: a directive (or one task) → tasks → each unit's assignment → the directive that
answers it → its tasks → … down to the commune, each node judged as of a day with the roll-up.

    chain_tree(store, ref, as_of=day) -> ChainNode

`ref`: a directive id (int, or its digits), a directive number ("2333/UBND-VP",
any case and diacritics; see Store.find_directive), or a task as "t<id>"
("t123"; also "task:123").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracker.chain.rollup import Progress, Rollup, summarize
from tracker.track import status as st
from tracker.track.assess import CATEGORY_LABELS

_TASK_REF = re.compile(r"^\s*(?:t|task\s*:?)\s*#?\s*(\d+)\s*$", re.IGNORECASE)
MAX_DEPTH = 8  # province → district → commune needs 3; a guard against loops in hand-made links


@dataclass
class ChainNode:
    """One node of the chain tree (what the TUI draws and `tracker chain --json` prints)."""

    kind: str  # directive | task | assignment
    label: str
    unit_id: str | None = None
    unit_name: str | None = None
    level: str | None = None  # province | district | commune (of the unit / the issuer)
    status: str | None = None  # status key (own, rolled up, or set by hand)
    due: date | None = None
    days_late: int = 0
    progress: float | None = None  # 0..1; None when nothing is counted (all cancelled)
    category: str | None = None  # on_time | late | not_due | overdue | cancelled
    children: list["ChainNode"] = field(default_factory=list)
    directive_id: int | None = None
    task_id: int | None = None
    assignment_id: int | None = None
    source: str | None = None  # assignments: own | rollup | hand
    confidence: float | None = None  # directives under an assignment: how sure the parent link is
    confirmed: bool | None = None  # ... and whether a clerk confirmed it
    note: str | None = None  # e.g. the document a directive waits for, or the link's method

    @property
    def status_label(self) -> str:
        return st.label(self.status) if self.status else ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind, "label": self.label, "unit_id": self.unit_id, "unit_name": self.unit_name,
            "level": self.level, "status": self.status, "status_label": self.status_label,
            "category": self.category, "category_label": CATEGORY_LABELS.get(self.category or "", None),
            "due": self.due.isoformat() if self.due else None, "days_late": self.days_late,
            "progress": self.progress, "directive_id": self.directive_id, "task_id": self.task_id,
            "assignment_id": self.assignment_id, "source": self.source, "confidence": self.confidence,
            "confirmed": self.confirmed, "note": self.note,
            "children": [c.to_json() for c in self.children],
        }
        return out

    def walk(self) -> Any:
        yield self
        for c in self.children:
            yield from c.walk()


def parse_ref(store: Any, ref: str | int) -> tuple[str, int]:
    """("directive", id) or ("task", id) for what the user typed. Raises InputError."""
    if isinstance(ref, int):
        return "directive", store.find_directive(ref)
    m = _TASK_REF.match(str(ref))
    if m:
        tid = int(m.group(1))
        store.task(tid)  # raises for an unknown id
        return "task", tid
    return "directive", store.find_directive(str(ref))


class _Builder:
    def __init__(self, store: Any, as_of: date, root: int):
        self.store = store
        self.as_of = as_of
        self.roll = Rollup(store, as_of, below=[root])
        self.records = store.directive_records()
        self.units = {u.key: u for u in store.units()}
        self._tasks: dict[int, list[Any]] = {}

    def tasks(self, did: int) -> list[Any]:
        if did not in self._tasks:
            self._tasks[did] = self.store.tasks(did)
        return self._tasks[did]

    def label(self, did: int) -> str:
        from tracker.store import directive_label

        rec = self.records.get(did) or {}
        return directive_label(rec)

    # -- nodes ----------------------------------------------------------------------------

    def directive(self, did: int, *, only_tasks: set[int] | None = None, depth: int = 0,
                  seen: frozenset[int] = frozenset()) -> ChainNode:
        rec = self.records.get(did) or {}
        node = ChainNode("directive", f"{self.label(did)} — {rec.get('issuer') or ''}".strip(" —"),
                         unit_id=rec.get("issuer_id"), unit_name=rec.get("issuer"), level=rec.get("level"),
                         directive_id=did, confidence=rec.get("parent_confidence"),
                         confirmed=bool(rec.get("parent_confirmed")) if rec.get("parent_id") else None,
                         note=self.parent_note(rec))
        seen = seen | {did}
        by_task: dict[int, list[int]] = {}
        for aid in self.roll.assignments_of(did):
            by_task.setdefault(self.roll.row(aid).task_id, []).append(aid)
        progress: list[Progress] = []
        for t in self.tasks(did):
            if only_tasks is not None and t.id not in only_tasks:
                continue
            tn = self.task(t, by_task.get(t.id, []), depth, seen)
            node.children.append(tn)
            progress.extend(self.roll.of(a) for a in by_task.get(t.id, []))
        self.fill(node, summarize(progress, self.as_of) if progress else None)
        return node

    def task(self, t: Any, aids: list[int], depth: int, seen: frozenset[int]) -> ChainNode:
        rec = self.records.get(t.directive_id) or {}
        node = ChainNode("task", f"{t.path} {t.text}".strip(), level=rec.get("level"), directive_id=t.directive_id,
                         task_id=t.id, unit_id=rec.get("issuer_id"), unit_name=rec.get("issuer"))
        rows = sorted(aids, key=lambda a: self.unit_sort(self.roll.row(a)))
        for aid in rows:
            node.children.append(self.assignment(aid, depth, seen))
        self.fill(node, summarize([self.roll.of(a) for a in aids], self.as_of) if aids else None)
        return node

    def assignment(self, aid: int, depth: int, seen: frozenset[int]) -> ChainNode:
        s = self.roll.row(aid)
        p = self.roll.of(aid)
        u = self.units.get(s.unit_key)
        name = (u.name if u else None) or s.unit_key.lstrip("?")
        node = ChainNode("assignment", name + (" (phối hợp)" if s.role == "support" else ""),
                         unit_id=u.id if u else None, unit_name=name, level=u.level if u else None,
                         directive_id=s.directive_id, task_id=s.task_id, assignment_id=aid, source=p.source)
        self.fill(node, p)
        child = s.child_directive_id
        if child and child in self.records and child not in seen and depth + 1 < MAX_DEPTH:
            # The child's tasks that carry this task out (as the roll-up counts them), else all of them.
            linked = self.roll.linked(child, s.task_id)
            only = {self.roll.row(k).task_id for k in linked} if linked else None
            node.children.append(self.directive(child, only_tasks=only, depth=depth + 1, seen=seen))
        if p.source == "hand":
            node.note = "trạng thái nhập tay (thay cho số liệu tổng hợp từ cấp dưới)"
        return node

    def fill(self, node: ChainNode, p: Progress | None) -> None:
        if p is None:
            return
        node.status, node.category, node.progress = p.status, p.category, p.progress
        node.due, node.days_late = p.due, p.days_late

    def unit_sort(self, s: Any) -> tuple[int, int, str]:
        from tracker.text import fold

        u = self.units.get(s.unit_key)
        order = {"province": 0, "district": 1, "commune": 2}
        return (s.role == "support", order.get((u.level if u else "") or "", 3), fold(u.name if u else s.unit_key))

    def parent_note(self, rec: dict[str, Any]) -> str | None:
        """What the directive carries out: the linked parent (and how sure), or the document it waits for."""
        pid = rec.get("parent_id")
        if pid:
            how = rec.get("parent_method")
            conf = rec.get("parent_confidence")
            text = f"thực hiện {self.label(pid)}"
            if rec.get("parent_confirmed"):
                return text + " (đã xác nhận)"
            if how == "similar" and conf is not None:
                return text + f" (liên kết gần đúng, độ tin cậy {conf:.2f}, chưa xác nhận)"
            return text
        if rec.get("parent_ref"):
            return f"chờ văn bản {rec['parent_ref']} (chưa nạp)"
        return None


def chain_tree(store: Any, ref: str | int, *, as_of: date) -> ChainNode:
    """The chain below a directive or a task, judged as of `as_of` (see the module doc for `ref`)."""
    kind, rid = parse_ref(store, ref)
    if kind == "directive":
        return _Builder(store, as_of, rid).directive(rid)
    t = store.task(rid)
    b = _Builder(store, as_of, t.directive_id)
    aids = [a for a in b.roll.assignments_of(t.directive_id) if b.roll.row(a).task_id == rid]
    node = b.task(t, aids, 0, frozenset({t.directive_id}))
    node.label = f"{b.label(t.directive_id)} · {node.label}"
    parents = store.task_links().get(rid) or []
    if parents:
        names = []
        for p in parents:
            pt = store.task(p)
            names.append(f"{pt.path} của {b.label(pt.directive_id)}")
        node.note = "thực hiện nhiệm vụ " + "; ".join(names)
    return node
