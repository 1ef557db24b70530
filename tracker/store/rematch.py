"""Which stored assignment each assignment of a re-loaded directive is: recorded work must never be lost.

A new parse may resolve a unit differently (an id where there was a name, a
name where there was an id, the 2025 id of a body the old copy named in the
2022 structure), expand a group or not, or move an item. So assignments are
matched in passes, each over what is still unmatched:

1. the same task and the same unit id;
2. the same task and the same body: ids with the same successor
   (tracker.units.succession), the name as written on either side, the
   unit's name;
3. the same task and a close name (rapidfuzz ≥ 90: a typo, an OCR slip);
4. another task, for work with a record only: the same body as in 2 and a
   similar task text (the item was moved or re-numbered).

What is left of the old assignments with a record (a status, an event date,
history) is "kept": the load shows it and keeps it unless the clerk drops it.
Pure functions: no store, no clock.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from tracker.text import fold

NAME_SCORE = 90.0
TASK_SCORE = 60.0


@dataclass
class Side:
    """One assignment on either side of the match."""

    ref: object  # old: the assignment id; new: (task order, position)
    task: int | None  # the stored task id (new side: the stored task the new task matched, if any)
    unit: str  # unit key ("2022:p30/so-tu-phap", "?so noi vu")
    names: tuple[str, ...] = ()  # folded names: as written (when named, not via a group), the unit's own
    body: str | None = None  # the body the unit is now (its 2025 successor, or itself when current)
    recorded: bool = False  # old side: a status, event date or history to keep
    tokens: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        toks = {self.unit} | {"?" + n for n in self.names if n}
        if self.body:
            toks.add("@" + self.body)
        self.tokens = frozenset(toks)


def folded_name(text: str | None) -> str:
    return fold(text or "").strip()


def match(old: list[Side], new: list[Side], task_similarity: Callable[[int, object], float]) -> dict[object, object]:
    """new.ref → old.ref for every new assignment that is an old one (see the module doc for the passes).

    `task_similarity(old task id, new ref)` is 0..100: how alike the old
    assignment's task and the new assignment's task read.
    """
    by_task: dict[int | None, dict[object, Side]] = {}
    for o in old:
        by_task.setdefault(o.task, {})[o.ref] = o
    out: dict[object, object] = {}
    taken: set[object] = set()

    def take(n: Side, o: Side) -> None:
        out[n.ref] = o.ref
        taken.add(o.ref)
        del by_task[o.task][o.ref]

    # 1: the same task and unit (a dict per task: a province's 104 communes × 30 items stay cheap).
    for task, olds in by_task.items():
        by_unit: dict[str, list[Side]] = {}
        for o in olds.values():
            by_unit.setdefault(o.unit, []).append(o)
        for n in new:
            if n.task == task and task is not None and n.ref not in out and by_unit.get(n.unit):
                take(n, by_unit[n.unit].pop(0))
    # 2: the same task and body.
    for n in new:
        if n.ref in out or n.task is None:
            continue
        for o in by_task.get(n.task, {}).values():
            if n.tokens & o.tokens:
                take(n, o)
                break
    # 3: the same task, a close name.
    if any(by_task.values()):
        from rapidfuzz import fuzz

        for n in new:
            if n.ref in out or n.task is None or not by_task.get(n.task):
                continue
            best, score = None, 0.0
            for o in by_task[n.task].values():
                s = max((fuzz.ratio(a, b) for a in n.names for b in o.names if a and b), default=0.0)
                if s > score:
                    best, score = o, s
            if best is not None and score >= NAME_SCORE:
                take(n, best)
    # 4: recorded work that moved to another task.
    left = [o for olds in by_task.values() for o in olds.values() if o.recorded and o.task is not None]
    if left:
        by_token: dict[str, list[Side]] = {}
        for n in new:
            if n.ref not in out:
                for t in n.tokens:
                    by_token.setdefault(t, []).append(n)
        for o in left:
            best, score = None, 0.0
            for t in o.tokens:
                for n in by_token.get(t, ()):
                    if n.ref in out:
                        continue
                    s = task_similarity(o.task, n.ref)  # type: ignore[arg-type]
                    if s > score:
                        best, score = n, s
            if best is not None and score >= TASK_SCORE:
                take(best, o)
    return out


__all__ = ["NAME_SCORE", "Side", "TASK_SCORE", "folded_name", "match"]
