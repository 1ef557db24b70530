"""One scenario on both backends, every answer compared: the TinyDB folder and PostgreSQL say the same.

Three sample directives that form a chain (province → district → commune) are
loaded, one re-loaded from another copy, statuses and an event date recorded,
a status set by hand on an answered assignment; then every query the CLI, the
TUI and the reports ask is asked as of several days on both stores.
"""
from __future__ import annotations

import copy
import json
from datetime import date, datetime

import pytest

from conftest import DIRECTIVES
from pgserver import pg_server, pg_url  # noqa: F401  (fixtures)
from tracker.store import AssignmentFilter, StatusChange, open_store

FILES = ["hai-duong-2333-2022.txt", "tu-ky-district-2022.txt", "ky-son-commune-2022.txt"]
RELOAD = "hai-duong-2333-2022.pdf"  # another copy of the first: a re-load merges
DAYS = [date(2022, 9, 1), date(2022, 12, 31), date(2023, 6, 30), date(2026, 6, 1)]
T0 = datetime(2026, 1, 2, 9, 0, 0)
TU_KY = "2022:p30.d298"


@pytest.fixture(scope="module")
def drafts():
    from tracker.parse import parse_file

    return {f: parse_file(str(DIRECTIVES / f), resolve=True) for f in [*FILES, RELOAD]}


def plain(value, keep_by: bool = False):
    """Records as JSON data, `by` left out (PostgreSQL writes the session's login there: checked apart),
    and a save's `version` (a folder's version number; a server has none)."""

    def records(v):
        if hasattr(v, "to_json"):
            return v.to_json()
        if hasattr(v, "_asdict"):
            return records(v._asdict())
        if isinstance(v, (list, tuple)):
            return [records(x) for x in v]
        if isinstance(v, dict):
            return {str(k): records(x) for k, x in v.items()}
        return v

    data = json.loads(json.dumps(records(value), default=str, sort_keys=True))

    def strip(v):
        if isinstance(v, dict):
            return {k: strip(x) for k, x in v.items() if k != "version" and (keep_by or k != "by")}
        if isinstance(v, list):
            return [strip(x) for x in v]
        return v

    return strip(data)


def entries(events, keep_ids: bool = False) -> list:
    """Events as JSON data; across backends without their ids (a server hands them out in blocks, with gaps)."""
    out = plain(events, keep_ids)
    return out if keep_ids else [{k: v for k, v in e.items() if k != "id"} for e in (out if isinstance(out, list) else [out])]


def run_scenario(store, drafts) -> dict:
    """Do what a coordinator and clerks do, then ask everything; returns every answer."""
    out: dict = {}
    for f in FILES:
        out[f"load {f}"] = plain([r for r in store.save_drafts([copy.deepcopy(drafts[f])], now=T0)])
    out["reload"] = plain(store.save_drafts([copy.deepcopy(drafts[RELOAD])], now=T0))
    rows = store.assignments(DAYS[-1])
    picked = [a.id for a in rows if not a.child_directive_id][:12]
    changes = [StatusChange(aid, ("hoan_thanh", "dang_thuc_hien", "khong_thuc_hien", "tam_dung")[k % 4],
                            date(2022, 10, 1 + k), note=f"ghi chú {k}", by="x") for k, aid in enumerate(picked[:8])]
    out["statuses"] = entries(store.set_statuses(changes, now=T0))
    out["done later"] = entries(store.set_status(picked[0], "hoan_thanh", on=date(2023, 3, 1), now=T0))
    out["event date"] = entries(store.record_event_date(picked[9], date(2022, 11, 15), note="họp", now=T0))
    answered = [a.id for a in rows if a.child_directive_id]
    if answered:
        out["by hand"] = entries(store.set_status(answered[0], "dang_thuc_hien", on=date(2022, 12, 1),
                                                  note="huyện báo cáo trực tiếp", now=T0))
    return {**out, **ask(store, keep_by=False)}


def ask(store, keep_by: bool = True) -> dict:
    """Every question the CLI, the TUI and the reports ask, as of each of DAYS."""
    from tracker.chain import chain_tree

    def plain_(value):
        return plain(value, keep_by)

    out: dict = {}
    hd = store.find_directive("2333")
    rows = store.assignments(DAYS[-1])
    picked = [a.id for a in rows if not a.child_directive_id][:12]
    answered = [a.id for a in rows if a.child_directive_id]

    for day in DAYS:
        d = day.isoformat()
        out[f"directives {d}"] = plain_(store.directives(day))
        out[f"assignments {d}"] = plain_(store.assignments(day))
        out[f"assignments no text {d}"] = plain_(store.assignments(day, with_text=False, limit=50, offset=10))
        for name, flt in {
            "unit": AssignmentFilter(unit="tu ky"), "area": AssignmentFilter(area=TU_KY),
            "status": AssignmentFilter(status="hoan_thanh"), "overdue": AssignmentFilter(overdue=True),
            "due soon": AssignmentFilter(due_within=60), "commune": AssignmentFilter(level="commune"),
            "support": AssignmentFilter(role="support"), "directive": AssignmentFilter(directive="2333"),
            "done since": AssignmentFilter(done_since=date(2022, 10, 3)), "indicator": AssignmentFilter(indicator=12),
        }.items():
            out[f"filter {name} {d}"] = plain_(store.assignments(day, flt))
            out[f"ids {name} {d}"] = sorted(store.directive_ids(flt, day))
        out[f"unit counts {d}"] = plain_(store.unit_counts(day))
        out[f"overdue by unit {d}"] = plain_(store.overdue_by_unit(day))
        out[f"overdue communes {d}"] = plain_(store.overdue_by_unit(day, level="commune"))
        out[f"indicators {d}"] = plain_(store.indicator_counts(day))
        out[f"states {d}"] = plain_(store.states(day))
        out[f"columns {d}"] = plain_(store.state_columns(day))
        out[f"chain {d}"] = plain_(chain_tree(store, hd, as_of=day).to_json())
        out[f"one {d}"] = plain_(store.assignment(picked[0], day))
    out["history"] = {aid: entries(store.history(aid), keep_by) for aid in [*picked, *answered[:1]]}
    out["units"] = plain_(store.units())
    out["task links"] = {str(k): v for k, v in store.task_links().items()}
    out["records"] = plain_(store.directive_records())
    out["tasks"] = {did: plain_(store.tasks(did)) for did in store.directive_records()}
    out["texts"] = {did: {str(k): v for k, v in store.task_texts(did).items()} for did in store.directive_records()}
    out["task"] = plain_(store.task(store.tasks(hd)[0].id))
    out["directive"] = plain_(store.directive(hd))
    return out


def test_tinydb_and_postgresql_give_the_same_answers(tmp_path, pg_url, drafts):
    tiny = run_scenario(open_store(tmp_path / "store"), drafts)
    pg_store = open_store(pg_url)
    assert type(pg_store).__name__ == "PgStore"
    pg = run_scenario(pg_store, drafts)
    assert tiny.keys() == pg.keys()
    for key in tiny:
        assert pg[key] == tiny[key], key
    # Something was judged: the scenario is not trivially equal.
    assert any(u["overdue"] for u in tiny[f"overdue by unit {DAYS[-1]}"])
    assert tiny["task links"] and any(a["child_directive_id"] for a in tiny[f"assignments {DAYS[-1]}"])
    # Every change carries its user: on PostgreSQL the session's login, whatever the caller said.
    for ev in pg_store.history(next(iter(tiny["history"]))):
        assert ev.by == "tracker_admin"
    # A second store object (another clerk's program) reads the same from the server.
    again = open_store(pg_url)
    assert plain(again.overdue_by_unit(DAYS[-1])) == tiny[f"overdue by unit {DAYS[-1]}"]
