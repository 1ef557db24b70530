"""The store's area filter, directive ids and indicator counts, each checked against a plain computation
from the directive files (parent links of the units, every history replayed), and what a store object
keeps between queries as of a past day."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from tracker.store import AssignmentFilter, in_area, open_store
from brute import replayed
from tracker.text import fold

D = date
ROOT = Path(__file__).resolve().parent.parent
DAYS = (D(2022, 3, 1), D(2022, 7, 15), D(2023, 6, 1))


@pytest.fixture(scope="module")
def synth_store(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "bench"))
    import synth

    return synth.build_store(tmp_path_factory.mktemp("q") / "db", directives=12, tasks=120, assignments=900,
                             events=1800, seed=5)


def brute(store, as_of):
    """Every assignment of directives issued by the day, not removed, replayed from its history:
    aid → (directive id, task id, unit key, category, indicators)."""
    return {aid: (did, int(a["task"]), a["unit"], want.category, list(t.get("indicators") or []))
            for did, aid, a, t, _st, _due, want in replayed(store, as_of) if not a.get("removed")}


def under(store):
    """Unit key → every unit it sits under (itself included), by the parent links of the synthetic
    province's directory (the store's units table holds only the units assignments name)."""
    import synth

    parent = {k: u.parent for k, u in synth.SynthUnits().units.items()}
    out = {}
    for key in [u.key for u in store.units()]:
        chain, k = [], key
        while k and k not in chain:
            chain.append(k)
            k = parent.get(k)
        out[key] = set(chain)
    return out


def test_in_area_follows_the_id_grammar():
    assert in_area("2022:p30.d298", "2022:p30.d298")
    assert in_area("2022:p30.d298.c11098/cong-an", "2022:p30.d298")
    assert in_area("2022:p30.d298/phong-tu-phap", "2022:p30.d298")
    assert in_area("2022:p30.d298#commune", "2022:p30.d298")
    assert not in_area("2022:p30.d2981", "2022:p30.d298")  # another district whose code starts alike
    assert not in_area("2022:p30", "2022:p30.d298")
    assert not in_area("?các cơ quan liên quan", "2022:p30") and not in_area(None, "2022:p30")


def test_the_area_filter_is_a_unit_and_every_unit_under_it(synth_store):
    s = synth_store
    ancestors = under(s)
    keys = sorted(ancestors)
    # The province, a district, "syn:p1.d1" beside "syn:p1.d10", a commune, an agency, a post.
    areas = ["syn:p1", "syn:p1.d1", "syn:p1.d10", "syn:p1.d1.c2", "syn:p1/so-3", next(k for k in keys if "/cc-" in k)]
    for day in DAYS:
        every = brute(s, day)
        for area in areas:
            want = {aid for aid, b in every.items() if area in ancestors[b[2]]}
            rows = s.assignments(day, AssignmentFilter(area=area), with_text=False)
            assert {r.id for r in rows} == want, (area, day)
            assert [r.id for r in rows] == [r.id for r in s.assignments(day, with_text=False) if r.id in want]
            counts = {u.unit_key: (u.total, u.overdue) for u in s.unit_counts(day, AssignmentFilter(area=area))}
            by_unit: dict[str, list[int]] = {}
            for aid in want:
                c = by_unit.setdefault(every[aid][2], [0, 0])
                c[0] += 1
                c[1] += every[aid][3] == "overdue"
            assert counts == {k: tuple(v) for k, v in by_unit.items()}
    # With the other filters: a level within an area, an area with a unit's name.
    day = DAYS[1]
    communes = s.assignments(day, AssignmentFilter(area="syn:p1.d2", level="commune"), with_text=False)
    assert communes and all(r.unit_level == "commune" and r.unit_key.startswith("syn:p1.d2.") for r in communes)
    assert s.assignments(day, AssignmentFilter(area="syn:p1.d2", unit="huyen so 3")) == []


def test_directive_ids_without_judging_match_the_directive_files(synth_store):
    s = synth_store
    ancestors = under(s)
    names = {u.key: u.name for u in s.units()}
    every = brute(s, D(9999, 12, 31))  # every directive, whatever its date
    for flt, keep in (
        (AssignmentFilter(), lambda b: True),
        (AssignmentFilter(area="syn:p1.d4"), lambda b: "syn:p1.d4" in ancestors[b[2]]),
        (AssignmentFilter(unit="Xã số 3-1"), lambda b: "xa so 3-1" in fold(names[b[2]])),
        (AssignmentFilter(indicator=7), lambda b: 7 in b[4]),
    ):
        want = {b[0] for b in every.values() if keep(b)}
        assert s.directive_ids(flt) == want, flt
    assert s.directive_ids(AssignmentFilter(area="syn:p9")) == set()
    # As of a day: judged, like states().
    day = DAYS[1]
    flt = AssignmentFilter(area="syn:p1.d4", overdue=True)
    assert s.directive_ids(flt, as_of=day) == {x.directive_id for x in s.states(day, flt)}
    with pytest.raises(ValueError):
        s.directive_ids(flt)


def test_indicator_counts_match_every_history_replayed(synth_store):
    s = synth_store
    for day in DAYS:
        every = brute(s, day)
        want: dict[int, dict[int, dict[str, int]]] = {}
        for did, tid, _unit, cat, inds in every.values():
            for i in set(inds):
                c = want.setdefault(i, {}).setdefault(tid, {})
                c[cat] = c.get(cat, 0) + 1
        got = s.indicator_counts(day)
        assert [g.indicator for g in got] == sorted(want)
        for g in got:
            assert {t.task_id: t.counts for t in g.tasks} == want[g.indicator]
            total: dict[str, int] = {}
            for c in want[g.indicator].values():
                for k, n in c.items():
                    total[k] = total.get(k, 0) + n
            assert g.counts == total and g.assignments == sum(total.values())
            assert all(every_task_of(every, t.task_id) == t.directive_id for t in g.tasks)
            assert all(t.path == s.task(t.task_id).path for t in g.tasks)
            places = [(t.directive_id, s.task(t.task_id).order, t.task_id) for t in g.tasks]
            assert places == sorted(places)  # directive and task order
    # Filtered: only a district's assignments count.
    day = DAYS[1]
    area = s.indicator_counts(day, AssignmentFilter(area="syn:p1.d1"))
    whole = {g.indicator: g.assignments for g in s.indicator_counts(day)}
    assert area and all(g.assignments <= whole[g.indicator] for g in area)
    assert sum(g.assignments for g in area) < sum(whole.values())


def every_task_of(every, tid):
    return next(b[0] for b in every.values() if b[1] == tid)


def test_a_store_object_replays_a_past_day_once_and_sees_every_change(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    import synth

    s = synth.build_store(tmp_path / "db", directives=6, tasks=40, assignments=300, events=900, seed=2)
    day = D(2022, 6, 30)
    reads: list[str] = []
    original = s._read

    def counting(key, *args, **kwargs):
        reads.append(key)
        return original(key, *args, **kwargs)

    s._read = counting  # type: ignore[method-assign]
    s.assignments(day, AssignmentFilter(area="syn:p1.d1"))
    district = {k for k in reads if k.startswith("d/")}
    reads.clear()
    s.unit_counts(day)  # the whole store after one district: no file the district's query read is read again
    assert district and district.isdisjoint(reads)
    first = s.assignments(day)
    reads.clear()
    assert s.assignments(day) == first
    assert s.unit_counts(day) and s.indicator_counts(day) is not None
    assert not [k for k in reads if k.startswith("d/")]  # replays and texts were kept from the first query
    # A change dated before the day: the next query sees it (the changed directive has a new file).
    r = next(r for r in first if r.category == "overdue")
    s.set_status(r.id, "hoan_thanh", on=D(2022, 6, 1), note="xong")
    again = {x.id: x for x in s.assignments(day)}
    assert again[r.id].category in ("on_time", "late") and again[r.id].done_on == D(2022, 6, 1)
    # Another process (another store object) saving is seen too once the store is re-read.
    other = open_store(tmp_path / "db")
    r2 = next(x for x in again.values() if x.category == "overdue" and x.directive_id != r.directive_id)
    other.set_status(r2.id, "khong_thuc_hien", on=D(2022, 6, 2), note="bỏ")
    assert s.changed()
    assert s.assignment(r2.id, day).category == "cancelled"
    assert {x.id: x.category for x in s.assignments(day)}[r2.id] == "cancelled"


def test_task_texts_are_the_tasks_texts(synth_store):
    s = synth_store
    for d in s.directives(D(2023, 6, 1)):
        texts = s.task_texts(d.id)
        assert texts == {t.id: t.text for t in s.tasks(d.id, include_removed=True)} and texts
        texts.clear()  # the caller's copy: the store's is untouched
        assert s.task_texts(d.id)
    assert s.task_texts(99999) == {}


def test_every_listed_row_has_every_field_and_matches_the_files(synth_store):
    """Rows are built by field name without __init__ (speed): none may lack a field, and each says
    what the directive files say (task text and path, unit, role, status, category)."""
    from dataclasses import fields

    from tracker.store import AssignmentRow

    names = {f.name for f in fields(AssignmentRow)}
    want = brute(synth_store, DAYS[1])
    rows = synth_store.assignments(DAYS[1])
    assert rows and {r.id for r in rows} == set(want)
    for r in rows:
        assert set(vars(r)) == names
        did, tid, unit, category, indicators = want[r.id]
        assert (r.directive_id, r.task_id, r.unit_key, r.category, r.indicators) == (did, tid, unit, category, indicators)
        task = synth_store.task(tid)
        assert (r.task, r.task_path) == (task.text, task.path)
        assert r.to_json()["category"] == category
    one = synth_store.assignment(rows[-1].id, DAYS[1])
    assert set(vars(one)) == names and one.id == rows[-1].id and one.category == rows[-1].category
