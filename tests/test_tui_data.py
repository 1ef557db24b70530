"""The TUI's data layer on the demo store: each view built from the store's narrow queries is what a plain
pass over every assignment (the store's whole sorted list) gives."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from test_tui import demo_master  # noqa: F401  (the demo store, built once per test process)
from tracker.store import AssignmentFilter, open_store
from tracker.track.assess import LATE, NOT_DUE, ON_TIME, OVERDUE
from tracker.tui import data

AS_OF = date(2022, 10, 1)


@pytest.fixture
def store(demo_master: Path):  # noqa: F811
    return open_store(demo_master)


def plain_meeting(store, day, since, unit=None, days=data.DUE_SOON_DAYS):
    """The meeting's sections from every assignment in the store's order, then each section's own order."""
    horizon = day + timedelta(days=days)
    out: dict[str, list] = {"overdue": [], "due_soon": [], "done": []}
    for r in store.assignments(day, AssignmentFilter(unit=unit), with_text=False):
        if r.category == OVERDUE:
            out["overdue"].append(r)
        elif r.category == NOT_DUE and r.due is not None and r.due <= horizon:
            out["due_soon"].append(r)
        elif r.category in (ON_TIME, LATE) and r.done_on is not None and since <= r.done_on <= day:
            out["done"].append(r)
    out["overdue"].sort(key=lambda r: -r.days_late)
    out["due_soon"].sort(key=lambda r: r.due)
    out["done"].sort(key=lambda r: r.done_on, reverse=True)
    return out


@pytest.mark.parametrize("day,unit", [(AS_OF, None), (date(2022, 8, 20), None), (date(2022, 9, 15), "tu ky")])
def test_the_meeting_list_is_a_pass_over_every_assignment(store, day, unit):
    since = data.default_since(day)
    m = data.meeting(store, day, since, unit=unit)
    want = plain_meeting(store, day, since, unit)
    assert {k: [r.id for r in v] for k, v in m.sections.items()} == {k: [r.id for r in v] for k, v in want.items()}
    assert m.sections["overdue"] and m.sections["done"] and (m.sections["due_soon"] or day == AS_OF)
    open_rows = want["overdue"] + want["due_soon"]
    assert m.stakes == data.stakes(r.indicators for r in open_rows)


def test_indicator_summaries_count_every_assignment_of_linked_tasks(store):
    _cat, got = data.indicator_summaries(store, AS_OF)
    want: dict[int, dict[int, dict[str, int]]] = {}
    for r in store.assignments(AS_OF, with_text=False):
        for i in r.indicators:
            c = want.setdefault(i, {}).setdefault(r.task_id, {})
            c[r.category] = c.get(r.category, 0) + 1
    assert len(got) == 21 and any(s.per_task for s in got)
    for s in got:
        assert s.per_task == want.get(s.id, {})
        assert s.assignments == sum(sum(c.values()) for c in s.per_task.values())
        assert all(store.task(tid).directive_id == did for tid, did in s.directive_of.items())


def test_the_board_of_an_area_is_the_whole_board_narrowed(store):
    whole = data.board(store, AS_OF, only_overdue=False)
    areas = data.area_choices(store.units(), store.directives(AS_OF))
    assert len(areas) >= 3
    for _name, area in areas:
        got = data.board(store, AS_OF, area=area, only_overdue=False)
        assert got == [u for u in whole if u.unit_id and (u.unit_id == area or u.unit_id.startswith(
            (area + ".", area + "/", area + "#")))]
        for level in ("district", "commune"):
            narrowed = data.board(store, AS_OF, area=area, level=level)
            assert narrowed == [u for u in got if u.level == level and u.overdue]


def test_the_unit_filter_finds_the_directives_of_every_matching_unit(store):
    for text in ("tu ky", "ky son", "so tai chinh", "khong co don vi nay"):
        want = {r.directive_id for r in store.assignments(date(9999, 12, 31), AssignmentFilter(unit=text), with_text=False)}
        assert data.directives_for_unit(store, text) == want
    assert data.directives_for_unit(store, "tu ky")


def test_the_tasks_of_an_indicator_are_the_stores_tasks(store):
    from tracker.store import directive_label

    _cat, summaries = data.indicator_summaries(store, AS_OF)
    shown = 0
    for s in summaries:
        lines = data.indicator_tasks(store, s)
        assert [ts.task.id for ts in lines] == sorted(s.per_task, key=lambda t: (-s.per_task[t].get(OVERDUE, 0), s.directive_of[t], t))
        for ts in lines:
            t = store.task(ts.task.id)
            assert (ts.task.directive_id, ts.task.path, ts.task.text) == (t.directive_id, t.path, t.text)
            assert ts.directive == directive_label(store.directive(t.directive_id)) and ts.counts == s.per_task[t.id]
            shown += 1
    assert shown
