"""The chain: each directive linked to the one it carries out, and status rolled up from commune to province.

    from tracker.chain import chain_tree, rollup, Rollup, Progress, ChainNode

    chain_tree(store, ref, *, as_of) -> ChainNode
        ref: a directive id (int or digits), its number ("2333/UBND-VP"), or a task "t<id>" ("t123").
        Directive → its tasks → each unit's assignment → the child directive that answers it → the
        child's tasks that carry that task out (all of them when none is linked) → … recursively.
        ChainNode: kind (directive|task|assignment), label, unit_id, unit_name, level, status (key),
        category, due, days_late, progress (0..1 or None), children, directive_id, task_id,
        assignment_id, source (own|rollup|hand), confidence/confirmed/note (the parent link); to_json().

    rollup(store, as_of) -> Mapping[int, Progress]        # assignment id → progress, status derived
        Every assignment judged on the day; the answered ones are rolled up at once, a Progress for
        any other is made when asked (dict(...) makes them all: ~1 s for 150,000).
        Progress: status (key), category, progress (0..1 | None), due, days_late, done_on,
        source (own | rollup | hand), child_directive_id, counted, done, basis ("tasks" | "directive").
        Rules: tracker/chain/rollup.py.
    Rollup(store, as_of, below=None)                      # the same object, with what each counted:
        .of(aid), .kids(aid), .answered(), .row(aid), .assignments_of(did), .linked(child, task)

Links are made on load inside the store's transaction (tracker/store/linking.py) with the rules of
tracker/link_rules.py and task_rules/chain.toml; a clerk confirms or changes them with
`tracker link` (Store.set_parent / set_task_links / set_child_directive). A status set by hand on an
answered assignment needs a note and wins over the roll-up.
"""
from __future__ import annotations

from tracker.chain.rollup import Progress, Rollup, RollupMap, rollup, summarize
from tracker.chain.tree import ChainNode, chain_tree, parse_ref

__all__ = ["ChainNode", "Progress", "Rollup", "RollupMap", "chain_tree", "parse_ref", "rollup", "summarize"]
