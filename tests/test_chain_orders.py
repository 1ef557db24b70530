"""Other chains link the same way in any load order: a synthetic province (bench/synth.py) whose district
directives cite province ones and commune directives their district's; and the rules file's checks."""
from __future__ import annotations

import copy
import random
import sys
from datetime import date as D

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import chain as chain_bench  # noqa: E402  (bench/chain.py)
import synth  # noqa: E402

from tracker.errors import RulesError  # noqa: E402
from tracker.store import open_store  # noqa: E402
from tracker.store.loading import directive_key  # noqa: E402


def signature(store) -> tuple:
    """Links named by directive numbers and task paths, never by ids (those follow the load order)."""
    recs = store.directive_records()
    num = {did: r["key"] for did, r in recs.items()}  # number and issuer, or the file's hash
    where = {t.id: (num[did], t.path) for did in recs for t in store.tasks(did)}
    parents = sorted((num[d], num.get(r.get("parent_id")), r.get("parent_method")) for d, r in recs.items())
    tasks = sorted((where[t], tuple(sorted(where[p] for p in ps))) for t, ps in store.task_links().items())
    answered = sorted((num[s.directive_id], where[s.task_id], s.unit_key, num[s.child_directive_id])
                      for s in store.states(D(2022, 12, 31)) if s.child_directive_id)
    return parents, tasks, answered


def test_a_synthetic_province_links_the_same_in_any_order(tmp_path):
    units = synth.SynthUnits()
    drafts = chain_bench.chained_drafts(units, directives=15, tasks=45, assignments=400)
    assert {d.header.level for d in drafts} == {"province", "district", "commune"}
    # Copies of some district directives with their number left blank: the communes citing them
    # must be linked by issuer, date and similarity.
    by_number = {d.header.number: d for d in drafts}
    for d in drafts:
        if d.header.level == "district" and d.header.number.startswith("10"):
            d.header.number = None
    key = {id(d): directive_key(d.header.number, d.header.issuer, d.source.sha256) for d in drafts}
    cited = sorted((key[id(d)], key[id(by_number[d.header.parent])] if d.header.parent else None) for d in drafts)
    whole = open_store(tmp_path / "whole")
    whole.save_drafts(copy.deepcopy(drafts), units=units)  # all in one load
    expected = signature(whole)
    parents, tasks, answered = expected
    linked = [p for p in parents if p[1]]
    assert len(linked) == sum(1 for d in drafts if d.header.parent) and tasks and answered
    assert {p[2] for p in linked} == {"number", "similar"}
    assert [p[:2] for p in parents] == cited  # each to the one it cites
    for seed in (1, 2):
        order = list(drafts)
        random.Random(seed).shuffle(order)
        store = open_store(tmp_path / f"s{seed}")
        for d in order:  # one load each, children often before their parents
            store.save_drafts([copy.deepcopy(d)], units=units)
        assert signature(store) == expected


def test_a_bad_chain_rule_names_its_file_and_line(rules_copy):
    from tracker import link_rules as link

    path = rules_copy / "chain.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("min_confidence = 0.55", "min_confidence = 1.5"), encoding="utf-8")
    with pytest.raises(RulesError, match=r"chain\.toml:\d+: 'parent.min_confidence' must be a number between 0 and 1"):
        link.parent_rules()
    path.write_text(text.replace("threshold = 0.30", 'threshold = "high"'), encoding="utf-8")
    from tracker import rules

    rules.clear_cache()
    with pytest.raises(RulesError, match=r"chain\.toml:\d+: 'task_links.threshold' phải là"):
        link.task_rules()
