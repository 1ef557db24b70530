"""A load reads and writes what the loaded directive reaches, not the whole store (issue 15).

Linking a new directive needs the directive records (small) and the tasks of the directives whose
links change, read by key; a directive's indicators are kept on its record. The folder store writes
the records and index entries a load changes as deltas (directivesdelta-<v>.json, indexdelta-<v>.bin),
not the whole directives table and index meta. A store written before those (records without
`indicators`, schema 2) still opens and loads, and gets the field on its first load.
"""
from __future__ import annotations

import copy
from datetime import date

import pytest
from pgserver import pg_server, pg_url  # noqa: F401  (fixtures)

from tracker.model import DirectiveDraft, Header, Source, Task, UnitRef
from tracker.store import open_store
from tracker.store import core as store_core
from tracker.store.core import StoreCore
from tracker.store.index import Index

PROVINCE, TU_KY, THANH_HA = "2022:p30", "2022:p30.d298", "2022:p30.d297"
KY_SON = "2022:p30.d298.c11098"


def draft(number: str, issuer: str, issuer_id: str, day: str, texts: list[tuple[str, list[int]]],
          parent: str | None = None, lead: UnitRef | None = None) -> DirectiveDraft:
    who = lead or UnitRef("UBND các xã, thị trấn", f"{issuer_id}#commune", True)
    return DirectiveDraft(
        header=Header(number=number, issuer=issuer, issuer_id=issuer_id, date=day, parent=parent,
                      references=[parent] if parent else [], subject="Triển khai chuyển đổi số"),
        tasks=[Task(text, str(k + 1), lead=[who], indicators=inds) for k, (text, inds) in enumerate(texts)],
        source=Source(path=f"/x/{number}.txt", format="txt", sha256=(number.replace("/", "") * 16)[:64]),
    )


def province_and_others() -> list[DirectiveDraft]:
    """A province plan, a district plan carrying it out, and directives of another district that
    nothing here links to (what a load must not read)."""
    out = [
        draft("10/KH-UBND", "UBND tỉnh Hải Dương", PROVINCE, "2022-03-01",
              [("Số hóa hồ sơ thủ tục hành chính", [3]), ("Khai thác dữ liệu dân cư", [5])],
              lead=UnitRef("UBND các huyện", f"{PROVINCE}#district", True)),
        draft("650/UBND-VP", "UBND huyện Tứ Kỳ", TU_KY, "2022-04-10",
              [("Số hóa hồ sơ khi tiếp nhận thủ tục hành chính", [3]), ("Khai thác dữ liệu dân cư khi giải quyết", [5])],
              parent="10/KH-UBND"),
    ]
    for n in range(6):
        out.append(draft(f"{200 + n}/UBND-VP", "UBND huyện Thanh Hà", THANH_HA, f"2022-0{n + 2}-15",
                         [(f"Việc riêng số {n} của huyện", [7 + n])]))
    return out


def commune_plan() -> DirectiveDraft:
    return draft("47/UBND", "UBND xã Kỳ Sơn", KY_SON, "2022-05-02",
                 [("Công chức số hóa hồ sơ thủ tục hành chính khi tiếp nhận", [3])], parent="650/UBND-VP",
                 lead=UnitRef("Công chức Văn phòng - Thống kê", None))


def by_number(store) -> dict[str, dict]:
    return {r.get("number"): r for r in store.directive_records().values()}


def test_a_load_reads_only_the_directives_linking_can_choose_and_writes_deltas(tmp_path, monkeypatch):
    db = tmp_path / "db"
    open_store(db).save_drafts(province_and_others())
    before = open_store(db).manifest
    recs = by_number(open_store(db))
    district = recs["650/UBND-VP"]["id"]

    read: list[str] = []
    real_read = StoreCore._read

    def spy_read(self, key, manifest=None, *, fresh=False):
        read.append(key)
        return real_read(self, key, manifest, fresh=fresh)

    decoded: list[int] = []
    real_tasks = Index.tasks

    def spy_tasks(self):
        decoded.append(1)
        return real_tasks.fget(self)

    monkeypatch.setattr(StoreCore, "_read", spy_read)
    monkeypatch.setattr(Index, "tasks", property(spy_tasks))
    [result] = open_store(db).save_drafts([commune_plan()])
    monkeypatch.undo()

    # The commune plan carries out its district's plan (cited by number), whose tasks and
    # assignments linking reads; no other directive's file is read, and no task entry of the index.
    assert result.parent_id == district and result.parent_method == "number"
    assert {k for k in read if k.startswith("d/")} == {f"d/{district}"}
    assert decoded == []
    # The table and the index meta stay as they were: the load wrote their deltas.
    after = open_store(db).manifest
    assert after.files["directives"] == before.files["directives"]
    assert after.files["index"] == before.files["index"]
    assert {"directivesdelta", "indexdelta"} <= set(after.files)

    # What a reader sees is what the whole files would say.
    store = open_store(db)
    assert store.check().problems == []
    recs = by_number(store)
    assert recs["47/UBND"]["parent_id"] == district and recs["47/UBND"]["indicators"] == [3]
    [task] = store.tasks(recs["47/UBND"]["id"])
    assert task.parent_task_ids == [store.tasks(district)[0].id]
    answers = [s for s in store.states(date(2022, 12, 31)) if s.unit_key == KY_SON and s.directive_id == district]
    assert answers and {s.child_directive_id for s in answers} == {recs["47/UBND"]["id"]}


def test_the_deltas_are_written_whole_again_when_they_grow(tmp_path, monkeypatch):
    from tracker.store import core

    monkeypatch.setattr(core, "MAX_DELTA_DIRECTIVES", 3)
    monkeypatch.setattr(core, "MAX_DELTA_TASKS", 3)
    db = tmp_path / "db"
    drafts = province_and_others()
    open_store(db).save_drafts(drafts[:2])
    first = open_store(db).manifest
    for d in drafts[2:]:
        open_store(db).save_drafts([d])
    store = open_store(db)
    # Past three records (task entries) the table (index meta) was written whole again.
    assert store.manifest.files["directives"] != first.files["directives"]
    assert store.manifest.files["index"] != first.files["index"]
    assert len((store._read("directivesdelta") or {}).get("directives") or {}) <= 3
    assert store.check().problems == []
    assert {r.get("number") for r in store.directive_records().values()} == {d.header.number for d in drafts}


def test_a_store_written_before_opens_and_loads_and_gets_the_indicators_once(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    for db in (old, new):
        open_store(db).save_drafts(province_and_others())
    store = open_store(old)
    with store.transaction("old") as tx:
        st = tx.directives_db().storage
        data = st.read()
        for r in data["directives"].values():
            r.pop("indicators", None)
        st.write(data)
        tx._directives_seen.clear()  # the table written whole
        tx.index()  # the index meta written whole, no delta
        tx.schema = 2
    reopened = open_store(old)  # an earlier schema: migrated on open
    assert reopened.manifest.schema == store_core.SCHEMA
    assert all("indicators" not in r for r in reopened.directive_records().values())

    for db in (old, new):
        open_store(db).save_drafts([commune_plan()])
    got, want = by_number(open_store(old)), by_number(open_store(new))
    for number in want:
        for field in ("parent_id", "parent_method", "parent_confidence", "indicators"):
            assert got[number].get(field) == want[number].get(field), (number, field)
    assert got["10/KH-UBND"]["indicators"] == [3, 5]
    assert open_store(old).check().problems == []


def test_a_postgresql_load_reads_no_task_entries_of_other_directives(pg_url, monkeypatch):
    from tracker.store.pg import core as pg_core

    open_store(pg_url).save_drafts(province_and_others())
    calls: list[object] = []
    real = pg_core.read_task_entries
    monkeypatch.setattr(pg_core, "read_task_entries", lambda conn, did=None: calls.append(did) or real(conn, did))
    [result] = open_store(pg_url).save_drafts([copy.deepcopy(commune_plan())])
    monkeypatch.undo()
    recs = by_number(open_store(pg_url))
    assert result.parent_id == recs["650/UBND-VP"]["id"] and recs["47/UBND"]["indicators"] == [3]
    assert calls == []


@pytest.mark.parametrize("key", ["directivesdelta", "indexdelta", "directivesbin"])
def test_a_damaged_delta_is_found_and_restore_loses_nothing(tmp_path, key):
    """The directives delta is data (backed up, restored from its copy); the index delta is derived
    (rebuilt from the directive files). Either way the commune plan and its link come back."""
    from conftest import one_line_error
    from conftest import store_cli as tracker

    db = tmp_path / "db"
    open_store(db).save_drafts(province_and_others())
    open_store(db).save_drafts([commune_plan()])
    want = {n: (r["parent_id"], r["indicators"]) for n, r in by_number(open_store(db)).items()}
    path = db / "data" / open_store(db).manifest.files[key].name
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    path.write_bytes(bytes(raw))
    assert path.name in one_line_error(tracker("db", "check", db=db))
    r = tracker("db", "restore", db=db)
    assert r.returncode == 0, r.stderr
    assert tracker("db", "check", db=db).returncode == 0
    store = open_store(db)
    recs = by_number(store)
    assert {n: (r["parent_id"], r["indicators"]) for n, r in recs.items()} == want
    [task] = store.tasks(recs["47/UBND"]["id"])
    assert task.parent_task_ids == [store.tasks(recs["650/UBND-VP"]["id"])[0].id]


def test_the_directives_table_is_read_from_its_copy_only_when_it_is_a_copy_of_that_table(tmp_path, monkeypatch):
    """A load reads the directives table from its marshal copy (directivesbin, derived): the same
    records as the JSON; a store without one gets it from its next load; a copy of another table
    (an earlier tracker wrote the table whole beside it) or a damaged one is never read."""
    import json

    from tracker.store import files

    db = tmp_path / "db"
    open_store(db).save_drafts(province_and_others())
    m = open_store(db).manifest
    assert "directivesbin" in m.files
    copy = db / "data" / m.files["directivesbin"].name
    table = json.loads((db / "data" / m.files["directives"].name).read_bytes())
    assert files.table_copy(copy.read_bytes(), m.files["directives"]) == table

    reads: list[str] = []
    real = files.load_json
    monkeypatch.setattr("tracker.store.core.load_json", lambda path, raw: reads.append(path.name) or real(path, raw))
    open_store(db).save_drafts([commune_plan()])  # the table's delta is written; the table read from its copy
    assert m.files["directives"].name not in reads
    after = open_store(db)
    assert after.manifest.files["directivesbin"] == m.files["directivesbin"]  # still the copy of that table
    want = by_number(after)

    # A copy of another table: the table written whole by a tracker that kept the old copy's entry.
    monkeypatch.setattr(store_core.Transaction, "_put_table_copy", lambda self, put, new, v: None)
    monkeypatch.setattr("tracker.store.core.MAX_DELTA_DIRECTIVES", 0)
    extra = draft("48/UBND", "UBND xã Kỳ Sơn", KY_SON, "2022-06-02", [("Việc khác của xã", [4])])
    open_store(db).save_drafts([extra])
    m2 = open_store(db).manifest
    assert m2.files["directives"] != m.files["directives"] and m2.files["directivesbin"] == m.files["directivesbin"]
    reads.clear()
    recs = by_number(open_store(db))
    assert m2.files["directives"].name in reads and "48/UBND" in recs
    assert {n: r for n, r in recs.items() if n != "48/UBND"} == want

    # Damaged: read from the JSON, the same records.
    monkeypatch.undo()
    monkeypatch.setattr("tracker.store.core.load_json", lambda path, raw: reads.append(path.name) or real(path, raw))
    open_store(db).save_drafts([commune_plan()])  # a re-load: the table's copy written again
    m3 = open_store(db).manifest
    assert files.table_copy((db / "data" / m3.files["directivesbin"].name).read_bytes(), m3.files["directives"])
    copy = db / "data" / m3.files["directivesbin"].name
    want = by_number(open_store(db))
    raw = bytearray(copy.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    copy.write_bytes(bytes(raw))
    reads.clear()
    assert by_number(open_store(db)) == want
    assert m3.files["directives"].name in reads


def test_a_store_without_the_table_copy_gets_one_from_its_next_load(tmp_path, monkeypatch):
    """A schema-3 store (no copy of the directives table) opens, is migrated, and its next load writes the copy."""
    from tracker.store import files

    old = tmp_path / "old"
    open_store(old).save_drafts(province_and_others())

    def as_schema_3(self, put, new, v):
        new.files.pop("directivesbin", None)

    with monkeypatch.context() as mp:
        mp.setattr(store_core.Transaction, "_put_table_copy", as_schema_3)
        with open_store(old).transaction("old") as tx:
            tx.touch()
            tx.schema = 3
    store = open_store(old)
    assert store.manifest.schema == store_core.SCHEMA and "directivesbin" not in store.manifest.files
    want = by_number(store)
    open_store(old).save_drafts([commune_plan()])
    m = open_store(old).manifest
    table = files.table_copy((old / "data" / m.files["directivesbin"].name).read_bytes(), m.files["directives"])
    assert {r["number"] for r in table["directives"].values()} == set(want)
    assert by_number(open_store(old))["47/UBND"]["parent_id"] == want["650/UBND-VP"]["id"]


@pytest.mark.parametrize("mid_full", [True, False])
def test_columns_outgrowing_their_delta_are_written_whole_without_decoding_the_task_entries(tmp_path, monkeypatch, mid_full):
    """When a load's rows pass the columns' delta limit, the columns file is written whole from the
    columns and the delta alone: every task entry of the index is neither decoded nor written again
    (30,000 at 450,000 assignments), and the index and due column still say what the data says."""
    from tracker.store import index as index_mod

    db = tmp_path / "db"
    drafts = province_and_others()
    open_store(db).save_drafts(drafts[:3])
    for d in drafts[3:5]:
        open_store(db).save_drafts([d])
    before = open_store(db).manifest
    assert "colsdelta" in before.files and "indexdelta" in before.files
    monkeypatch.setattr(index_mod, "MAX_DELTA_ROWS", 1)
    monkeypatch.setattr("tracker.store.dues.MAX_DELTA_ROWS", 1)
    if mid_full:  # the middle level (schema 5) can take no more: the columns are written whole
        monkeypatch.setattr(index_mod, "MAX_MID_ROWS", 1)
        monkeypatch.setattr("tracker.store.dues.MAX_MID_ROWS", 1)
    decoded: list[int] = []
    real = index_mod.Index.tasks

    def spy(self):
        decoded.append(1)
        return real.fget(self)

    monkeypatch.setattr(index_mod.Index, "tasks", property(spy))
    open_store(db).save_drafts([drafts[5]])
    m = open_store(db).manifest
    assert not decoded
    if mid_full:
        assert m.files["cols"] != before.files["cols"] and "colsdelta" not in m.files and "colsmid" not in m.files
        assert m.files["dues"] != before.files["dues"] and "duesdelta" not in m.files and "duesmid" not in m.files
    else:  # the deltas merged into the middle level; the 21 MB of columns (at 450,000) not written
        assert m.files["cols"] == before.files["cols"] and "colsdelta" not in m.files and "colsmid" in m.files
        assert m.files["dues"] == before.files["dues"] and "duesdelta" not in m.files and "duesmid" in m.files
    assert m.files["index"] == before.files["index"] and "indexdelta" in m.files  # the meta's delta, as before
    monkeypatch.undo()
    store = open_store(db)
    assert store.index().differences(store._rebuild_index(store.manifest)) is None
    assert store.check().problems == []
    assert {r.get("number") for r in store.directive_records().values()} == {d.header.number for d in drafts[:6]}
