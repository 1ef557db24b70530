"""The store: saving and re-loading directives, statuses and history, queries as of a day, versions."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tracker.errors import InputError, StoreError
from tracker.model import Deadline, DirectiveDraft, Header, Source, Task, UnitRef
from tracker.store import AssignmentFilter, StatusChange, UnitRecord, open_store
from tracker.store import core as store_core

D = date
ROOT = Path(__file__).resolve().parent.parent


# -- building drafts ------------------------------------------------------------------


def unit(spec):
    """"name" → unresolved; ("name", id) → a unit; ("name", id, True) → a group."""
    if isinstance(spec, str):
        return UnitRef(spec)
    return UnitRef(spec[0], spec[1], len(spec) > 2 and spec[2])


def task(text, lead=(), support=(), deadline=None, path="", indicators=()):
    return Task(text=text, path=path, lead=[unit(u) for u in lead], support=[unit(u) for u in support],
                deadline=deadline, indicators=list(indicators))


def draft(tasks, number="12/KH-UBND", issuer="UBND tỉnh Thử", day="2022-08-05", sha="a" * 64, level="province", parent=None):
    return DirectiveDraft(
        header=Header(number=number, issuer=issuer, date=day, level=level, subject="Thử nghiệm", parent=parent),
        tasks=list(tasks), source=Source(path=f"/x/{sha[:6]}.pdf", format="pdf", sha256=sha),
    )


class FakeUnits:
    """A UnitDirectory with two districts and their communes."""

    UNITS = {
        "t:p": UnitRecord("t:p", "UBND tỉnh Thử", "t:p", "province", "province"),
        "t:p/tu-phap": UnitRecord("t:p/tu-phap", "Sở Tư pháp", "t:p/tu-phap", "province", "agency", "t:p"),
        "t:p.d1": UnitRecord("t:p.d1", "UBND huyện Một", "t:p.d1", "district", "district", "t:p"),
        "t:p.d2": UnitRecord("t:p.d2", "UBND huyện Hai", "t:p.d2", "district", "district", "t:p"),
        "t:p.d1.c1": UnitRecord("t:p.d1.c1", "UBND xã Một Một", "t:p.d1.c1", "commune", "commune", "t:p.d1"),
    }
    GROUPS = {"t:p#district": ["t:p.d1", "t:p.d2"]}

    def unit(self, ref):
        return self.UNITS.get(ref.id) or UnitRecord(ref.id, ref.name, ref.id)

    def members(self, ref):
        ids = self.GROUPS.get(ref.id)
        return [self.UNITS[i] for i in ids] if ids else None


UNITS = FakeUnits()
DISTRICTS = ("UBND các huyện", "t:p#district", True)
TU_PHAP = ("Sở Tư pháp", "t:p/tu-phap")


def sample():
    return draft([
        task("Rà soát thủ tục hành chính", [TU_PHAP], [DISTRICTS], Deadline("date", "trước 15/9", date="2022-09-15"),
             path="1", indicators=[1]),
        task("Báo cáo hằng tháng", [DISTRICTS], deadline=Deadline("recurring", "hằng tháng"), path="2"),
        task("Số hóa hồ sơ", ["Trung tâm Phục vụ hành chính công"], deadline=Deadline("period", "quý IV", date="2022-12-31"),
             path="3", indicators=[12, 13]),
        task("Cập nhật khi có quyết định", [TU_PHAP], deadline=Deadline("event", "khi có"), path="4"),
    ])


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "db")
    s.save_draft(sample(), units=UNITS)
    return s


def by_unit(rows):
    return {(r.task_path, r.unit): r for r in rows}


# -- saving ----------------------------------------------------------------------------


def test_one_assignment_per_task_and_unit_groups_expanded_unresolved_kept_by_name(store):
    rows = by_unit(store.assignments(D(2022, 9, 1)))
    assert set(rows) == {
        ("1", "Sở Tư pháp"), ("1", "UBND huyện Một"), ("1", "UBND huyện Hai"),
        ("2", "UBND huyện Một"), ("2", "UBND huyện Hai"),
        ("3", "Trung tâm Phục vụ hành chính công"),
        ("4", "Sở Tư pháp"),
    }
    assert rows[("1", "Sở Tư pháp")].role == "lead" and rows[("1", "UBND huyện Một")].role == "support"
    unresolved = rows[("3", "Trung tâm Phục vụ hành chính công")]
    assert unresolved.unresolved and unresolved.unit_id is None
    assert rows[("1", "UBND huyện Hai")].unit_level == "district"
    assert all(r.status == "chua_thuc_hien" and r.directive == "12/KH-UBND" for r in rows.values())
    assert rows[("1", "Sở Tư pháp")].task == "Rà soát thủ tục hành chính"


def test_a_group_the_hierarchy_cannot_expand_stays_one_flagged_assignment(tmp_path):
    s = open_store(tmp_path / "db")
    res = s.save_draft(draft([task("Việc", [("Các phòng", "t:p.d9#phong", True)])]), units=UNITS)
    assert res.unexpanded == ["Các phòng"]
    [row] = s.assignments(D(2022, 9, 1))
    assert row.unit_key == "t:p.d9#phong"


def test_groups_expand_through_the_real_hierarchy(tmp_path):
    from tracker import units

    members = units.get_hierarchy("2022").expand("2022:p30#district")  # the id says its structure
    s = open_store(tmp_path / "db")
    s.save_draft(draft([task("Việc", [("UBND các huyện", "2022:p30#district", True)])], issuer="UBND tỉnh Hải Dương"))
    rows = s.assignments(D(2022, 9, 1))
    assert sorted(r.unit_id for r in rows) == sorted(members)
    assert all(r.unit_level == "district" for r in rows)


def test_loading_the_same_directive_again_updates_it_and_keeps_history(store):
    rows = by_unit(store.assignments(D(2022, 9, 1)))
    kept = rows[("1", "Sở Tư pháp")]
    gone_with_history = rows[("4", "Sở Tư pháp")]
    store.set_status(kept.id, "hoan_thanh", on=D(2022, 9, 10), note="Đã rà soát", by="Lan")
    store.set_status(gone_with_history.id, "dang_thuc_hien", on=D(2022, 9, 2), by="Lan")
    version = store.version
    again = draft([
        task("Rà soát các thủ tục hành chính", [TU_PHAP], [DISTRICTS], Deadline("date", "", date="2022-09-20"), path="1"),
        task("Báo cáo hằng tháng", [("UBND huyện Một", "t:p.d1")], deadline=Deadline("recurring", ""), path="2"),
        task("Việc mới", [TU_PHAP], path="5"),
    ], sha="b" * 64)  # another copy (another file) of the same number and issuer
    res = store.save_draft(again, units=UNITS)
    assert store.version == version + 1  # one commit
    assert not res.created and res.directive_id == 1
    assert (res.tasks_added, res.tasks_updated, res.tasks_removed) == (1, 2, 2)
    rows = by_unit(store.assignments(D(2022, 9, 30)))
    same = rows[("1", "Sở Tư pháp")]
    assert same.id == kept.id and same.status == "hoan_thanh" and same.due == D(2022, 9, 20)
    assert same.task == "Rà soát các thủ tục hành chính"
    assert [e.note for e in store.history(kept.id)] == ["Đã rà soát"]
    assert ("2", "UBND huyện Hai") not in rows and ("3", "Trung tâm Phục vụ hành chính công") not in rows
    # The task gone from the new copy had recorded work: kept, in the lists, and reported by the load.
    assert rows[("4", "Sở Tư pháp")].status == "dang_thuc_hien"
    assert [u["id"] for u in res.unmatched] == [gone_with_history.id]
    assert store.history(gone_with_history.id)[0].to_status == "dang_thuc_hien"
    assert [t.path for t in store.tasks(1)] == ["1", "2", "5", "4"]  # kept work after the document's items
    # Once the clerk confirms, it leaves the lists; its history stays.
    res = store.save_draft(again, units=UNITS, drop_unmatched={gone_with_history.id})
    assert res.dropped == 1 and not res.unmatched
    rows = by_unit(store.assignments(D(2022, 9, 30)))
    assert ("4", "Sở Tư pháp") not in rows
    assert [e.kind for e in store.history(gone_with_history.id)][0] == "status"
    assert store.history(gone_with_history.id)[-1].kind == "dropped"
    hidden = store.assignments(D(2022, 9, 30), AssignmentFilter(include_removed=True))
    assert any(r.id == gone_with_history.id and r.removed for r in hidden)
    assert [t.path for t in store.tasks(1)] == ["1", "2", "5"]
    assert len(store.directives(D(2022, 9, 1))) == 1


def test_unnumbered_copies_are_the_same_directive_only_when_the_file_is_the_same(tmp_path):
    s = open_store(tmp_path / "db")
    first = s.save_draft(draft([task("Việc", ["Phòng A"])], number=None, sha="c" * 64), units=UNITS)
    again = s.save_draft(draft([task("Việc", ["Phòng A"])], number=None, sha="c" * 64), units=UNITS)
    other = s.save_draft(draft([task("Việc", ["Phòng A"])], number=None, sha="d" * 64), units=UNITS)
    assert first.directive_id == again.directive_id != other.directive_id
    assert first.label.startswith("(không số) UBND tỉnh Thử")


def test_several_directives_in_one_load_are_one_commit(tmp_path):
    s = open_store(tmp_path / "db")
    results = s.save_drafts([sample(), draft([task("Việc", ["Phòng B"])], number="13/KH-UBND", sha="e" * 64)], units=UNITS)
    assert s.version == 1 and [r.version for r in results] == [1, 1]
    assert {d.label for d in s.directives(D(2022, 9, 1))} == {"12/KH-UBND", "13/KH-UBND"}


def test_a_dry_run_writes_nothing(tmp_path):
    s = open_store(tmp_path / "db")
    [res] = s.save_drafts([sample()], units=UNITS, dry_run=True)
    assert res.created and res.assignments_added == 7
    assert s.version == 0 and not (tmp_path / "db" / "manifest.json").exists()


# -- statuses and history ---------------------------------------------------------------


def test_every_status_change_appends_an_event(store):
    aid = store.assignments(D(2022, 9, 1))[0].id
    store.set_status(aid, "dang_thuc_hien", on=D(2022, 8, 20), by="Lan", note="Bắt đầu")
    store.set_status(aid, "hoan_thanh", on=D(2022, 9, 14), by="Huệ", note="Xong")
    events = store.history(aid)
    assert [(e.from_status, e.to_status, e.on, e.by, e.note) for e in events] == [
        ("chua_thuc_hien", "dang_thuc_hien", D(2022, 8, 20), "Lan", "Bắt đầu"),
        ("dang_thuc_hien", "hoan_thanh", D(2022, 9, 14), "Huệ", "Xong"),
    ]
    assert events[0].id < events[1].id and events[0].at
    j = events[1].to_json()
    assert (j["from"], j["to"], j["to_label"], j["on"]) == ("dang_thuc_hien", "hoan_thanh", "hoàn thành", "2022-09-14")


def test_a_batch_of_changes_is_one_commit_and_a_bad_id_changes_nothing(store):
    ids = [r.id for r in store.assignments(D(2022, 9, 1))]
    v = store.version
    store.set_statuses([StatusChange(a, "dang_thuc_hien", D(2022, 8, 20)) for a in ids])
    assert store.version == v + 1
    with pytest.raises(InputError):
        store.set_statuses([StatusChange(ids[0], "hoan_thanh", D(2022, 9, 1)), StatusChange(99999, "hoan_thanh", D(2022, 9, 1))])
    assert store.version == v + 1
    assert store.assignment(ids[0], D(2022, 9, 2)).status == "dang_thuc_hien"
    with pytest.raises(InputError):
        store.history(99999)


def test_done_on_time_and_late_and_overdue_as_of_any_day(store):
    rows = by_unit(store.assignments(D(2022, 9, 1)))
    on_time, late, idle = rows[("1", "Sở Tư pháp")], rows[("1", "UBND huyện Một")], rows[("1", "UBND huyện Hai")]
    store.set_status(on_time.id, "hoan_thanh", on=D(2022, 9, 15))
    store.set_status(late.id, "hoan_thanh", on=D(2022, 9, 25))
    now = by_unit(store.assignments(D(2022, 10, 1)))
    assert now[("1", "Sở Tư pháp")].category == "on_time"
    assert now[("1", "UBND huyện Một")].category == "late" and now[("1", "UBND huyện Một")].days_late == 10
    assert now[("1", "UBND huyện Hai")].category == "overdue" and now[("1", "UBND huyện Hai")].days_late == 16
    # As of 20/09 the late one was still open and overdue; as of 10/09 nothing was due yet.
    then = by_unit(store.assignments(D(2022, 9, 20)))
    assert then[("1", "UBND huyện Một")].category == "overdue" and then[("1", "UBND huyện Một")].status == "chua_thuc_hien"
    assert {r.category for k, r in by_unit(store.assignments(D(2022, 9, 10))).items() if k[0] == "1"} == {"not_due"}
    # Nothing existed before the directive's date.
    assert store.assignments(D(2022, 8, 1)) == []
    assert idle.id not in {r.id for r in store.assignments(D(2022, 10, 1), AssignmentFilter(status="hoan_thanh"))}


def test_recurring_task_is_overdue_when_a_cycle_passes_without_a_report(store):
    r = by_unit(store.assignments(D(2022, 9, 1)))[("2", "UBND huyện Một")]
    assert r.due == D(2022, 8, 20) and r.category == "overdue"
    store.set_status(r.id, "dang_thuc_hien", on=D(2022, 9, 15), note="Báo cáo tháng 9")
    later = store.assignment(r.id, D(2022, 9, 25))
    assert later.due == D(2022, 10, 20) and later.category == "not_due"
    assert store.assignment(r.id, D(2022, 10, 21)).category == "overdue"


def test_an_event_date_sets_the_due_date_of_an_event_task(store):
    r = by_unit(store.assignments(D(2022, 9, 1)))[("4", "Sở Tư pháp")]
    assert r.due is None and r.category == "not_due"
    ev = store.record_event_date(r.id, D(2022, 9, 5), by="Lan", note="QĐ 123 đã ban hành")
    assert ev.kind == "event_date" and ev.on == D(2022, 9, 5)
    assert store.assignment(r.id, D(2022, 9, 10)).due == D(2022, 9, 5)
    assert store.assignment(r.id, D(2022, 9, 10)).category == "overdue"
    assert store.assignment(r.id, D(2022, 9, 4)).due is None  # not yet happened then


# -- queries ----------------------------------------------------------------------------


def test_filters_fold_diacritics_and_combine(store):
    day = D(2022, 9, 20)
    assert {r.unit for r in store.assignments(day, AssignmentFilter(unit="so tu phap"))} == {"Sở Tư pháp"}
    assert {r.unit for r in store.assignments(day, AssignmentFilter(unit="HUYEN MOT"))} == {"UBND huyện Một"}
    assert {r.task_path for r in store.assignments(day, AssignmentFilter(indicator=12))} == {"3"}
    assert len(store.assignments(day, AssignmentFilter(directive="12/kh-ubnd"))) == 7
    assert {r.unit_level for r in store.assignments(day, AssignmentFilter(level="district"))} == {"district"}
    assert {r.role for r in store.assignments(day, AssignmentFilter(role="support"))} == {"support"}
    overdue = store.assignments(day, AssignmentFilter(overdue=True))
    assert {r.task_path for r in overdue} == {"1", "2"} and all(r.overdue for r in overdue)
    soon = store.assignments(D(2022, 9, 10), AssignmentFilter(due_within=7))
    assert {r.task_path for r in soon} == {"1"}
    assert store.assignments(day, AssignmentFilter(unit="tu phap", indicator=12)) == []
    with pytest.raises(InputError):
        store.assignments(day, AssignmentFilter(directive="999/XX"))
    page = store.assignments(day, limit=2, offset=1)
    assert [r.id for r in page] == [r.id for r in store.assignments(day)][1:3]


def test_done_since_and_the_light_states_of_the_whole_store(store):
    rows = store.assignments(D(2022, 9, 1))
    store.set_status(rows[0].id, "hoan_thanh", on=D(2022, 9, 5))
    store.set_status(rows[1].id, "hoan_thanh", on=D(2022, 9, 20))
    day = D(2022, 10, 1)
    assert [r.id for r in store.assignments(day, AssignmentFilter(done_since=D(2022, 9, 10)))] == [rows[1].id]
    assert len(store.assignments(day, AssignmentFilter(done_since=D(2022, 9, 1)))) == 2
    assert store.assignments(D(2022, 9, 15), AssignmentFilter(done_since=D(2022, 9, 10))) == []  # not done yet then
    states = store.states(day)
    full = {r.id: r for r in store.assignments(day)}
    assert [s.id for s in states] == sorted(full)
    for s in states:
        r = full[s.id]
        assert (s.directive_id, s.task_id, s.unit_key, s.role, s.status, s.category, s.due, s.days_late) == (
            r.directive_id, r.task_id, r.unit_key, r.role, r.status, r.category, r.due, r.days_late)


def test_unit_counts_use_the_four_categories_with_ageing(store):
    rows = by_unit(store.assignments(D(2022, 9, 1)))
    store.set_status(rows[("1", "Sở Tư pháp")].id, "hoan_thanh", on=D(2022, 9, 1))
    store.set_status(rows[("4", "Sở Tư pháp")].id, "khong_thuc_hien", on=D(2022, 9, 1))
    counts = {u.unit: u for u in store.unit_counts(D(2023, 1, 31))}
    tp = counts["Sở Tư pháp"]
    assert (tp.total, tp.on_time, tp.cancelled, tp.overdue, tp.done_pct) == (2, 1, 1, 0, 100.0)
    h2 = counts["UBND huyện Hai"]
    # 15/09 date task: 138 days late; the monthly report first due 20/08: 164 days.
    assert (h2.overdue, h2.days_late, h2.max_days_late, h2.over_30, h2.over_60, h2.over_120) == (2, 138 + 164, 164, 2, 2, 2)
    board = store.overdue_by_unit(D(2023, 1, 31))
    assert board[0].overdue >= board[-1].overdue and "Sở Tư pháp" not in {u.unit for u in board}
    assert {u.unit for u in store.overdue_by_unit(D(2023, 1, 31), level="district")} == {"UBND huyện Một", "UBND huyện Hai"}
    assert json.loads(json.dumps(board[0].to_json()))["over_120"] == 2


def test_directive_list_has_counts_and_percent_done(store):
    rows = store.assignments(D(2022, 9, 1))
    store.set_status(rows[0].id, "hoan_thanh", on=D(2022, 9, 1))
    [d] = store.directives(D(2022, 10, 1))
    assert (d.tasks, d.assignments, d.number, d.level) == (4, 7, "12/KH-UBND", "province")
    assert d.done_pct == round(100 / 7, 1) and d.overdue == 4
    assert d.counts["on_time"] == 1


def test_the_index_answers_like_a_full_replay_of_every_history(tmp_path):
    """Cross-check the fast path (index columns) against replaying every event with the track functions."""
    sys.path.insert(0, str(ROOT / "bench"))
    import synth
    from brute import replayed

    s = synth.build_store(tmp_path / "db", directives=12, tasks=120, assignments=900, events=1800, seed=3)
    for as_of in (D(2022, 3, 1), D(2022, 7, 15), D(2022, 12, 31), D(2023, 6, 1)):
        fast = {r.id: r for r in s.assignments(as_of, with_text=False)}
        checked = 0
        for _did, aid, _a, _t, st, due, want in replayed(s, as_of):
            got = fast[aid]
            assert (got.status, got.due, got.category, got.days_late) == (st.status, due, want.category, want.days_late)
            checked += 1
        assert checked == len(fast)


# -- versions, backups, damage -------------------------------------------------------------


def committed_status(store, aid, status, on):
    """A status change committed as a new version (inside a transaction of its own, as a load's
    changes are), not appended to the store's change log: for tests of versions and backups."""
    with store.transaction("status"):
        store.set_status(aid, status, on=on)


def test_last_five_versions_are_kept_and_old_files_cleaned(store):
    aid = store.assignments(D(2022, 9, 1))[0].id
    for n in range(8):
        committed_status(store, aid, "dang_thuc_hien", D(2022, 9, 1 + n))
    root = store.path
    versions = sorted(int(p.stem) for p in (root / "versions").iterdir())
    assert versions == list(range(store.version - 5, store.version + 1))
    referenced = set()
    for v in versions:
        referenced |= {e[0] for e in json.loads((root / "versions" / f"{v:08d}.json").read_text())["files"].values()}
    on_disk = {str(p.relative_to(root / "data")) for p in (root / "data").rglob("*") if p.is_file()}
    assert on_disk == referenced
    backups = store.backups()
    assert [b["version"] for b in backups] == versions[::-1] and all(b["problem"] is None for b in backups)


def test_old_files_are_cleaned_after_a_commit_that_rewrote_many_directives(tmp_path):
    """Dropping the version before such a commit leaves more candidates than are searched for byte-wise
    (core.names_referenced parses the kept manifests instead): still exactly the unnamed files go."""
    s = open_store(tmp_path / "db")
    n = store_core._SEARCH_NAMES + 8
    s.save_drafts([draft([task("Rà soát", [TU_PHAP], path="1")], number=f"{i + 1}/KH-UBND", sha=f"{i:064x}")
                   for i in range(n)], units=UNITS)
    aids = [a.id for a in s.assignments(D(2022, 9, 1))]
    before = dict(s.manifest.files)
    with s.transaction("status"):  # one version rewriting every directive's file
        s.set_statuses([StatusChange(aid, "dang_thuc_hien", D(2022, 9, 1)) for aid in aids])
    rewritten = [k for k in before if k.startswith("d/") and s.manifest.files[k].name != before[k].name]
    assert len(rewritten) == n
    for k in range(store_core.KEEP_BACKUPS + 1):
        committed_status(s, aids[0], "hoan_thanh", D(2022, 9, 2 + k))
    root = s.path
    versions = sorted(int(p.stem) for p in (root / "versions").iterdir())
    referenced = set()
    for v in versions:
        referenced |= {e[0] for e in json.loads((root / "versions" / f"{v:08d}.json").read_text())["files"].values()}
    on_disk = {str(p.relative_to(root / "data")) for p in (root / "data").rglob("*") if p.is_file()}
    assert on_disk == referenced and not {before[k].name for k in rewritten} & on_disk
    assert all(b["problem"] is None for b in s.backups())


def test_names_a_kept_manifest_lists_are_found_whether_parsed_or_searched():
    many = sorted(f"d/{i}-1.json" for i in range(store_core._SEARCH_NAMES * 2))
    named, named_in_damaged = many[:5], many[5:10]
    good = json.dumps({"files": {n: [n, 1, "0"] for n in named}}).encode()
    damaged = json.dumps({"files": {n: [n, 1, "0"] for n in named_in_damaged}}).encode()[:-1]  # does not parse
    for candidates in (set(many), {*named[:2], *named_in_damaged[:2], "d/1-2.json"}):
        found = store_core.names_referenced(candidates, [good, damaged, b""])
        assert found == candidates & {*named, *named_in_damaged}


def test_restore_goes_back_to_a_version_as_a_new_one(store):
    aid = store.assignments(D(2022, 9, 1))[0].id
    store.set_status(aid, "hoan_thanh", on=D(2022, 9, 1))
    with pytest.raises(StoreError, match="nguyên vẹn"):
        store.restore()
    new = store.restore(1)
    assert new.version == 3 and new.restored_from == 1
    again = open_store(store.path)
    assert again.assignment(aid, D(2022, 9, 2)).status == "chua_thuc_hien"
    # Ids are never handed out twice: the event id counter does not go back.
    ev = again.set_status(aid, "dang_thuc_hien", on=D(2022, 9, 3))
    assert ev.id == 2


def damage(path: Path, how: str) -> None:
    raw = path.read_bytes()
    if how == "truncate":
        path.write_bytes(raw[: len(raw) // 2])
    else:
        path.write_bytes(raw.replace(b"chua_thuc_hien", b"hoan_thanh_xx", 1) if b"chua_thuc_hien" in raw else raw[:-1] + b"}")


@pytest.mark.parametrize("how", ["truncate", "edit"])
def test_a_damaged_data_file_is_repaired_from_its_backup_copy(store, how):
    aid = store.assignments(D(2022, 9, 1))[0].id
    committed_status(store, aid, "hoan_thanh", D(2022, 9, 1))
    current = store.manifest.files["d/1"].name
    damage(store.path / "data" / current, how)
    with pytest.raises(StoreError) as err:
        open_store(store.path).assignments(D(2022, 9, 1))
    msg = str(err.value)
    assert "bị hỏng" in msg and "bản dự phòng tốt mới nhất là phiên bản 2" in msg and "chính bản hiện tại" in msg
    assert "tracker db restore" in msg
    new = open_store(store.path, strict=False).restore()
    assert new.restored_from == 2
    assert open_store(store.path).assignment(aid, D(2022, 9, 2)).status == "hoan_thanh"  # nothing lost


def test_a_file_damaged_with_its_backup_copy_goes_back_to_an_older_version(store):
    aid = store.assignments(D(2022, 9, 1))[0].id
    committed_status(store, aid, "hoan_thanh", D(2022, 9, 1))
    name = store.manifest.files["d/1"].name
    damage(store.path / "data" / name, "truncate")
    damage(store.path / "backup" / (name + ".gz"), "truncate")
    with pytest.raises(StoreError, match=r"bản dự phòng tốt mới nhất là phiên bản 1 \(lưu lúc .*\): chạy `tracker db restore"):
        open_store(store.path).assignments(D(2022, 9, 1))
    assert open_store(store.path, strict=False).restore().restored_from == 1
    assert open_store(store.path).assignment(aid, D(2022, 9, 2)).status == "chua_thuc_hien"


def test_backup_copies_are_written_and_cleaned_with_their_files(store):
    aid = store.assignments(D(2022, 9, 1))[0].id
    for n in range(7):
        committed_status(store, aid, "dang_thuc_hien", D(2022, 9, 1 + n))
    root = store.path
    data = {str(p.relative_to(root / "data")) for p in (root / "data").rglob("*.json") if not p.name.startswith("index")}
    mirrors = {str(p.relative_to(root / "backup"))[:-3] for p in (root / "backup").rglob("*.gz")}
    assert data == mirrors


def test_a_truncated_manifest_names_the_newest_good_backup(store):
    aid = store.assignments(D(2022, 9, 1))[0].id
    committed_status(store, aid, "hoan_thanh", D(2022, 9, 1))
    damage(store.path / "manifest.json", "truncate")
    with pytest.raises(StoreError, match=r"bản dự phòng tốt mới nhất là phiên bản 2 .*tracker db restore"):
        open_store(store.path)
    open_store(store.path, strict=False).restore()
    assert open_store(store.path).assignment(aid, D(2022, 9, 2)).status == "hoan_thanh"


def test_a_damaged_index_is_rebuilt_from_the_data(store):
    day = D(2022, 10, 1)
    before = [(r.id, r.category, r.due) for r in store.assignments(day)]
    damage(store.path / "data" / store.manifest.files["cols"].name, "truncate")
    again = open_store(store.path)
    assert [(r.id, r.category, r.due) for r in again.assignments(day)] == before
    again.set_status(before[0][0], "hoan_thanh", on=day)  # and the next write stores a good one
    assert open_store(store.path).assignment(before[0][0], day).status == "hoan_thanh"


def test_a_status_change_on_columns_that_name_the_wrong_directive_still_lands_on_its_assignment(tmp_path):
    """A status change reads one row of the index columns in place (not the whole file, unchecked):
    when that row is wrong (here every directive column says directive 1), the directive's own file
    decides, the change goes to the right assignment, and readers see it."""
    s = open_store(tmp_path / "db")
    s.save_draft(sample(), units=UNITS)
    other = sample()
    other.header.number, other.source.sha256 = "77/KH-UBND", "f" * 64
    second = s.save_draft(other, units=UNITS).directive_id
    day = D(2022, 9, 1)
    aid = next(r.id for r in s.assignments(day) if r.directive_id == second)
    cols = s.path / "data" / s.manifest.files["cols"].name
    raw = bytearray(cols.read_bytes())
    start = 8 + 4 + int.from_bytes(raw[8:12], "little")
    n = (len(raw) - start) // (4 * 12)
    raw[start + 4 * n : start + 8 * n] = (1).to_bytes(4, "little") * n  # the "did" column: all directive 1
    cols.write_bytes(bytes(raw))
    open_store(s.path).set_status(aid, "hoan_thanh", on=day)
    fresh = open_store(s.path)
    assert fresh.assignment(aid, day).status == "hoan_thanh"
    assert [e.to_status for e in fresh.history(aid)] == ["hoan_thanh"]


def test_the_load_preview_takes_no_lock_and_writes_nothing(store, monkeypatch):
    """`tracker load` previews before it saves: the preview works in memory, so a writer holding the
    lock (a clerk's status change, another load) does not hold it up, and it leaves no version."""
    from filelock import FileLock

    monkeypatch.setenv("TRACKER_LOCK_TIMEOUT", "1")
    other = sample()
    other.header.number, other.source.sha256 = "78/KH-UBND", "e" * 64
    version = store.version
    with FileLock(str(store.path / "lock")):
        preview = open_store(store.path).save_drafts([other], units=UNITS, dry_run=True)
    assert preview[0].created and preview[0].assignments_added > 0
    assert open_store(store.path).version == version
    saved = open_store(store.path).save_drafts([other], units=UNITS)
    assert (saved[0].tasks_added, saved[0].assignments_added) == (preview[0].tasks_added, preview[0].assignments_added)


def test_many_changes_fold_the_delta_back_into_the_columns(store, monkeypatch):
    from tracker.store import index

    monkeypatch.setattr(index, "MAX_DELTA_ROWS", 3)
    ids = [r.id for r in store.assignments(D(2022, 9, 1))]
    deltas = []
    for n, aid in enumerate(ids[:5]):
        committed_status(store, aid, "dang_thuc_hien", D(2022, 9, 1 + n))
        deltas.append("colsdelta" in store.manifest.files)
    # Small changes go to the delta; the 4th changed row passes the limit and the columns are written whole.
    assert deltas == [True, True, True, False, True]
    fresh = open_store(store.path)
    assert [fresh.assignment(a, D(2022, 9, 9)).status for a in ids[:5]] == ["dang_thuc_hien"] * 5


def test_schema_migrations_run_once_and_keep_the_old_version(store, monkeypatch):
    ran = []
    now = store_core.SCHEMA
    monkeypatch.setattr(store_core, "SCHEMA", now + 1)
    monkeypatch.setitem(store_core.MIGRATIONS, now, lambda tx: ran.append(tx.base.version))
    migrated = open_store(store.path)
    assert ran == [1] and migrated.manifest.schema == now + 1 and migrated.version == 2
    open_store(store.path)
    assert ran == [1]
    monkeypatch.setattr(store_core, "SCHEMA", now)
    with pytest.raises(StoreError, match="bản tracker mới hơn"):
        open_store(store.path)


def test_another_process_saving_is_noticed_and_read(store):
    day = D(2022, 9, 1)
    viewer = open_store(store.path)
    aid = viewer.assignments(day)[0].id
    assert not viewer.changed()
    open_store(store.path).set_status(aid, "hoan_thanh", on=day)
    assert viewer.changed()
    assert viewer.assignment(aid, day).status == "hoan_thanh"
    assert not viewer.changed()


def test_a_reader_whose_files_were_cleaned_away_reads_the_newest_version(store):
    day = D(2022, 9, 1)
    viewer = open_store(store.path)
    aid = viewer.assignments(day)[0].id
    viewer._cache.clear()
    writer = open_store(store.path)
    for n in range(8):  # enough versions that the viewer's files are gone
        committed_status(writer, aid, "dang_thuc_hien", D(2022, 9, 1 + n))
    viewer._index = None
    assert viewer.history(aid)[-1].on == D(2022, 9, 8)


def test_threads_sharing_one_store_object_do_not_mix_their_writes(store):
    import threading

    ids = [r.id for r in store.assignments(D(2022, 9, 1))]
    errors = []

    def work(tag):
        try:
            for n in range(15):
                store.set_status(ids[n % len(ids)], "dang_thuc_hien", on=D(2022, 9, 1), note=f"{tag}-{n}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    notes = {e.note for a in ids for e in open_store(store.path).history(a)}
    assert notes == {f"{t}-{n}" for t in "ab" for n in range(15)}


def test_chain_links_have_room_in_the_schema(store):
    child = store.save_draft(draft([task("Việc của huyện", [("UBND xã Một Một", "t:p.d1.c1")])], number="5/KH-UBND",
                                   issuer="UBND huyện Một", sha="f" * 64, level="district", parent="12/KH-UBND"), units=UNITS)
    assert store.directive(child.directive_id)["parent_ref"] == "12/KH-UBND"
    store.set_parent(child.directive_id, 1, confidence=0.93, confirmed=False)
    [row] = [d for d in store.directives(D(2022, 9, 1)) if d.id == child.directive_id]
    assert (row.parent_id, row.parent_confidence, row.parent_confirmed) == (1, 0.93, False)
    parent_task = store.tasks(1)[0].id
    child_task = store.tasks(child.directive_id)[0].id
    store.set_task_links(child_task, [parent_task], confirmed=True)
    assert store.task(child_task).parent_task_ids == [parent_task]
    a = by_unit(store.assignments(D(2022, 9, 1)))[("1", "UBND huyện Một")]
    ev = store.set_child_directive(a.id, child.directive_id, by="Lan")
    assert ev.kind == "child_directive"
    assert store.assignment(a.id, D(2022, 9, 1)).child_directive_id == child.directive_id
    # A re-load of the parent keeps the link.
    store.save_draft(sample(), units=UNITS)
    assert store.assignment(a.id, D(2022, 9, 1)).child_directive_id == child.directive_id


def test_a_file_path_for_the_store_is_refused(tmp_path):
    f = tmp_path / "data.json"
    f.write_text("{}")
    with pytest.raises(StoreError, match="thư mục"):
        open_store(f)


def test_the_core_never_imports_textual(store):
    code = (
        "import sys\nfrom datetime import date\nfrom tracker.store import open_store\nimport tracker.track\n"
        f"s = open_store({str(store.path)!r})\ns.overdue_by_unit(date(2022, 10, 1)); s.assignments(date(2022, 10, 1))\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual',)]\nassert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_help_does_not_import_the_store_engine():
    code = (
        "import sys\nimport tracker.cli as c\nc.build_parser()\n"
        "bad = [m for m in ('tinydb', 'filelock', 'platformdirs', 'tracker.store') if m in sys.modules]\nassert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=dict(os.environ))
