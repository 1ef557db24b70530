"""Lookups of single things in a store's snapshot: directives, tasks, units, history, chain links.

None of these judges anything (no `as_of`): they read the small tables and
one directive's file at most.
"""
from __future__ import annotations

from typing import Any

from tracker.errors import InputError
from tracker.store.core import reader
from tracker.store.index import T_DIRECTIVE, T_REMOVED, task_parents
from tracker.store.memo import TEXT_MEMO, memo, remember_texts
from tracker.store.records import Event, TaskRecord, UnitRecord, directive_label, event_record, task_record, unit_record
from tracker.text import fold
from tracker.track.bodies import Bodies


class Lookups:
    """Single-thing reads of `tracker.store.Store` (mixed into it through Queries)."""

    # -- small tables of the snapshot --------------------------------------------

    def _directive_docs(self) -> dict[int, dict[str, Any]]:
        data = self._read("directives") or {}
        return {int(k): v for k, v in (data.get("directives") or {}).items()}

    def _unit_docs(self) -> dict[str, dict[str, Any]]:
        data = self._read("units") or {}
        return {v["key"]: v for v in (data.get("units") or {}).values()}

    def _directive_data(self, did: int) -> dict[str, Any]:
        return self._read(f"d/{did}") or {}

    def _bodies(self) -> Bodies:
        """How each stored unit is shown: one unit per real body when both structures are stored."""
        keys = self.index().unit_keys
        kept = memo(self, "_bodies_memo", 4)
        key = (self.manifest.version, len(keys))
        got = kept.get(key)
        if got is None:
            got = Bodies(keys, self._unit_docs())
            kept.put(key, got)
        return got

    @reader
    def units(self) -> list[UnitRecord]:
        """Every unit an assignment names, sorted by level and name."""
        order = {"central": 0, "province": 1, "district": 2, "commune": 3}
        out = [unit_record(u) for u in self._unit_docs().values()]
        bodies = self._bodies()
        if bodies.mixed:
            for u in out:
                shown = bodies(u.key)
                u.current = shown.key if shown.key != u.key else None
        return sorted(out, key=lambda u: (order.get(u.level or "", 9), fold(u.name)))

    @reader
    def find_directive(self, ref: str | int) -> int:
        """The id of the directive `ref` names: its id, its number (any case and
        diacritics, spaces ignored) or a unique part of its number. Raises InputError."""
        docs = self._directive_docs()
        text = str(ref).strip()
        if text.isdigit() and int(text) in docs:
            return int(text)
        want = fold(text).replace(" ", "")
        exact = [did for did, d in docs.items() if d.get("number") and fold(d["number"]).replace(" ", "") == want]
        if len(exact) == 1:
            return exact[0]
        part = exact or [
            did for did, d in docs.items()
            if want and (want in fold(d.get("number") or "").replace(" ", "") or want in fold(directive_label(d)).replace(" ", ""))
        ]
        if len(part) == 1:
            return part[0]
        if not part:
            raise InputError(f"không có văn bản đã nạp nào khớp '{ref}' (`tracker tasks --json` liệt kê các văn bản kèm mã)")
        names = ", ".join(f"{did}: {directive_label(docs[did])}" for did in sorted(part)[:8])
        raise InputError(f"'{ref}' khớp nhiều văn bản ({names}): hãy cho mã của văn bản cần chọn")

    @reader
    def directive(self, did: int) -> dict[str, Any]:
        """The stored record of one directive (header, source, chain links)."""
        doc = self._directive_docs().get(int(did))
        if doc is None:
            raise InputError(f"không có văn bản nào mang mã {did}; hãy kiểm tra lại mã")
        return dict(doc, id=int(did))

    @reader
    def tasks(self, did: int, *, include_removed: bool = False) -> list[TaskRecord]:
        """The tasks of one directive, in document order."""
        data = self._directive_data(int(did))
        out = [task_record(int(k), t) for k, t in (data.get("tasks") or {}).items()]
        if not include_removed:
            out = [t for t in out if not t.removed]
        return sorted(out, key=lambda t: (t.order, t.id))

    @reader
    def task_texts(self, did: int) -> dict[int, str]:
        """Task id → text of one directive's tasks (removed ones too): what a list asked `with_text=False`
        shows on screen. Kept per directive file, so free after any query that read the file."""
        return dict(self._task_texts(int(did)))

    @reader
    def task(self, tid: int) -> TaskRecord:
        entry = self.index().tasks.get(int(tid))
        if entry is None:
            raise InputError(f"không có nhiệm vụ nào mang mã {tid}; hãy kiểm tra lại mã")
        t = (self._directive_data(entry[T_DIRECTIVE]).get("tasks") or {}).get(str(tid))
        return task_record(int(tid), t)

    @reader
    def history(self, aid: int) -> list[Event]:
        """Every event of one assignment, oldest first. Raises InputError for an unknown id."""
        idx = self.index()
        i = idx.row(int(aid))
        if i is None:
            raise InputError(f"không có phân công nào mang mã {aid} (`tracker tasks` liệt kê các phân công)")
        data = self._directive_data(idx.cols["did"][i])
        evs = [event_record(int(k), e) for k, e in (data.get("events") or {}).items() if e.get("assignment") == int(aid)]
        return sorted(evs, key=lambda e: e.id)

    def _task_texts(self, did: int) -> dict[int, str]:
        """Task id → text of one directive (kept per file: texts are small, parsing the file is not)."""
        m = self.manifest
        ref = m.files.get(f"d/{did}")
        got = memo(self, "_text_memo", TEXT_MEMO).get((ref.name, ref.crc)) if ref is not None else None
        if got is None:
            got = remember_texts(self, ref, self._read(f"d/{did}", m) or {})
        return got

    @reader
    def task_links(self) -> dict[int, list[int]]:
        """The chain's task links: task id → the parent task ids it carries out (tasks with links only)."""
        out = {}
        for tid, e in self.index().tasks.items():
            parents = task_parents(e)
            if parents and not e[T_REMOVED]:
                out[tid] = list(parents)
        return out

    @reader
    def directive_records(self) -> dict[int, dict[str, Any]]:
        """Every directive's stored record (header, source, chain links) by id, without counts: cheap."""
        return {did: dict(d, id=did) for did, d in self._directive_docs().items()}
