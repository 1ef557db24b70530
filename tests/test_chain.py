"""The chain on the shared sample chain: Hải Dương 2333 (province) → Tứ Kỳ (district, no number in this
copy) → Kỳ Sơn (commune, citing Tứ Kỳ by a number the copy lacks), loaded in every order."""
from __future__ import annotations

import copy
import itertools
import json
from datetime import date as D

import pytest

from conftest import DIRECTIVES, run_cli
from tracker.errors import InputError
from tracker.model import DirectiveDraft, Header, Source, Task, UnitRef
from tracker.store import AssignmentFilter, directive_label, open_store

CHAIN = {"hd": "hai-duong-2333-2022.txt", "tk": "tu-ky-district-2022.txt", "ks": "ky-son-commune-2022.txt"}
TU_KY, KY_SON = "2022:p30.d298", "2022:p30.d298.c11098"

# Which parent tasks each child task carries out, read from the documents by hand.
# REQUIRED: the link must be made. ALSO: a link that may be made too (defensible either way).
# Tứ Kỳ → Hải Dương 2333.
TK_REQUIRED = {
    "1.a": {"1.a"},   # quán triệt nội dung Bộ chỉ số
    "1.b": {"6"},     # kết quả Bộ chỉ số gắn với trách nhiệm, xếp loại
    "1.d": {"1.b"},   # cập nhật hồ sơ trên Hệ thống thông tin giải quyết TTHC tỉnh (ind. 4)
    "1.e": {"1.c"},   # số hóa hồ sơ (12, 13)
    "1.f": {"1.d"},   # gửi danh sách cán bộ theo dõi Bộ chỉ số
    "2.a": {"1.c"},   # thiết bị cho số hóa
    "2.b": {"3.b"},   # dịch vụ công trực tuyến (6, 7, 8)
    "3": {"2"},       # chứng thực bản sao điện tử (15)
    "4": {"4"},       # dữ liệu dân cư (17, 18)
    "5": {"6"},       # dùng kết quả đánh giá làm căn cứ
    "6.b": {"1.c"},   # đôn đốc số hóa
    "6.c": {"5"},     # thanh toán trực tuyến (9-11)
    "6.e": {"1.đ"},   # tổng hợp, báo cáo kết quả thực hiện
}
TK_ALSO = {"6.a": {"7.a"}, "6.d": {"7.b"}, "6.e": {"7.a"}, "7": {"1.e"}}
# Kỳ Sơn → Tứ Kỳ.
KS_REQUIRED = {
    "1.a": {"1.d"},   # cập nhật hồ sơ, trạng thái (4, 5)
    "2": {"3"},       # chứng thực bản sao điện tử (15)
    "3.a": {"1.e"},   # số hóa (12, 13)
    "3.b": {"6.e"},   # tổng hợp, báo cáo kết quả thực hiện Bộ chỉ số
    "4": {"2.b"},     # nộp hồ sơ trực tuyến (8)
    "5": {"4"},       # dữ liệu dân cư (17, 18)
}
KS_ALSO = {"1.b": {"2.b"}, "1.c": {"1.a"}, "3.a": {"6.b", "2.a"}}


@pytest.fixture(scope="module")
def drafts() -> dict[str, DirectiveDraft]:
    from tracker.parse import parse_file

    return {k: parse_file(str(DIRECTIVES / f), resolve=True) for k, f in CHAIN.items()}


def load(tmp_path, drafts, order, name="s"):
    store = open_store(tmp_path / name)
    for k in order:
        store.save_drafts([copy.deepcopy(drafts[k])])
    return store


def by_issuer(store) -> dict[str, int]:
    return {r.get("issuer_id"): did for did, r in store.directive_records().items()}


def links_of(store) -> dict:
    """Every link, named by what stays the same whatever the load order (never by ids)."""
    recs = store.directive_records()
    name = {did: directive_label(r) for did, r in recs.items()}
    path = {}
    for did in recs:
        for t in store.tasks(did):
            path[t.id] = (name[did], t.path)
    parents = {name[d]: (name.get(r.get("parent_id")), r.get("parent_method"), r.get("parent_confidence"),
                         r.get("parent_ref")) for d, r in recs.items()}
    tasks = {path[t]: sorted(path[p] for p in ps) for t, ps in store.task_links().items()}
    answered = sorted((name[s.directive_id], path[s.task_id][1], s.unit_key, name[s.child_directive_id])
                      for s in store.states(D(2022, 12, 31)) if s.child_directive_id)
    return {"parents": parents, "tasks": tasks, "answered": answered}


def check_task_links(store, child: int, required: dict, also: dict) -> None:
    links = store.task_links()
    for t in store.tasks(child):
        got = {store.task(p).path for p in links.get(t.id, [])}
        need = required.get(t.path, set())
        assert need <= got, f"{t.path}: missing {need - got}"
        assert got <= need | also.get(t.path, set()), f"{t.path}: unexpected {got - need - also.get(t.path, set())}"


def test_every_load_order_gives_the_same_links(tmp_path, drafts):
    seen = []
    for n, order in enumerate(itertools.permutations(CHAIN)):
        store = load(tmp_path, drafts, order, f"s{n}")
        ids = by_issuer(store)
        recs = store.directive_records()
        hd, tk, ks = recs[ids["2022:p30"]], recs[ids[TU_KY]], recs[ids[KY_SON]]
        # Tứ Kỳ cites 2333/UBND-VP: linked by number. Kỳ Sơn cites 650/UBND-VP, which the Tứ Kỳ copy
        # lacks: linked by issuer, date and similarity, with a confidence, not confirmed.
        assert (tk["parent_id"], tk["parent_method"], tk["parent_confidence"]) == (hd["id"], "number", 1.0), order
        assert (ks["parent_id"], ks["parent_method"]) == (tk["id"], "similar"), order
        assert 0.7 <= ks["parent_confidence"] < 1 and not ks["parent_confirmed"]
        assert set(ks["parent_scores"]) == {"relation", "date", "number", "subject", "references", "content"}
        # Hải Dương 2333 carries out a central document that is not loaded: it waits for it.
        assert hd["parent_id"] is None and hd["parent_ref"] == "4660/VPCP-KSTT"
        check_task_links(store, tk["id"], TK_REQUIRED, TK_ALSO)
        check_task_links(store, ks["id"], KS_REQUIRED, KS_ALSO)
        seen.append(links_of(store))
    assert all(s == seen[0] for s in seen[1:])
    # The province's assignments Tứ Kỳ leads ("Chủ tịch UBND các huyện, thị xã, thành phố") are answered
    # by Tứ Kỳ's directive; its phối hợp in tasks 2 and 4 (led by Sở Tư pháp, Công an tỉnh) are not: a
    # child answers the work its issuer leads. Tứ Kỳ's to Kỳ Sơn by Kỳ Sơn's.
    answered = seen[0]["answered"]
    hd_tasks = sorted(p for d, p, u, c in answered if d == "2333/UBND-VP")
    assert hd_tasks == ["1.a", "1.b", "1.c", "1.d", "1.e", "1.đ"]
    assert {u for d, p, u, c in answered if d == "2333/UBND-VP"} == {TU_KY}
    assert sorted(p for d, p, u, c in answered if u == KY_SON) == ["1.a", "1.b", "1.c", "1.d", "1.e", "1.f"]


def test_a_load_is_one_commit_and_a_parent_loaded_later_picks_up_its_children(tmp_path, drafts):
    store = load(tmp_path, drafts, ["tk"])
    tk = by_issuer(store)[TU_KY]
    assert store.directive(tk)["parent_id"] is None
    assert store.directive(tk)["parent_ref"] == "2333/UBND-VP"  # waits for it
    v = store.version
    [res] = store.save_drafts([copy.deepcopy(drafts["hd"])])
    assert store.version == v + 1  # the parent, its links and the answered assignments: one commit
    assert store.directive(tk)["parent_id"] == res.directive_id
    answered = [s for s in store.states(D(2022, 9, 1)) if s.child_directive_id == tk]
    assert answered and all(s.directive_id == res.directive_id and s.unit_key == TU_KY for s in answered)
    ev = store.history(answered[0].id)[-1]
    assert ev.kind == "child_directive"
    # Loading the child again changes nothing of the links.
    before = links_of(store)
    store.save_drafts([copy.deepcopy(drafts["tk"])])
    assert links_of(store) == before


def central(number="4660/VPCP-KSTT"):
    """A central document as the province ones cite it (not among the samples)."""
    task = Task("Các tỉnh triển khai Bộ chỉ số theo Quyết định 766/QĐ-TTg, báo cáo kết quả thực hiện hằng tháng.",
                path="1", lead=[UnitRef("UBND tỉnh Hải Dương", "2022:p30"), UnitRef("UBND tỉnh Hưng Yên", "2022:p33")],
                indicators=[4, 12])
    return DirectiveDraft(
        header=Header(number=number, symbol="VPCP-KSTT", doc_type="CV", issuer="Văn phòng Chính phủ", level="central",
                      date="2022-07-26", subject="triển khai Quyết định số 766/QĐ-TTg"),
        tasks=[task], source=Source(path="/x/central.pdf", format="pdf", sha256="c" * 64),
    )


def test_unknown_parents_wait_as_references_and_link_when_loaded(tmp_path, drafts):
    from tracker.parse import parse_file

    store = load(tmp_path, drafts, ["hd"])
    hy = store.save_drafts([parse_file(str(DIRECTIVES / "hung-yen-2283-2022.md"), resolve=True),
                            parse_file(str(DIRECTIVES / "hung-yen-1846-2022.md"), resolve=True)])
    hd = by_issuer(store)["2022:p30"]
    waiting = {directive_label(r): r["parent_ref"] for r in store.directive_records().values() if not r["parent_id"]}
    assert waiting == {"2333/UBND-VP": "4660/VPCP-KSTT", "2283/UBND-PVHCC&KSTT": "4660/VPCP-KSTT",
                       "1846/UBND-PVHCC&KSTT": "766/QĐ-TTg"}
    r = run_cli("link", "--json", "--db", str(store.path))
    assert r.returncode == 0, r.stderr
    assert {i["label"]: i["waiting"] for i in json.loads(r.stdout)} == {k: True for k in waiting}
    [c] = store.save_drafts([central()])
    recs = store.directive_records()
    assert recs[hd]["parent_id"] == c.directive_id and recs[hd]["parent_method"] == "number"
    assert recs[hy[0].directive_id]["parent_id"] == c.directive_id
    assert recs[hy[1].directive_id]["parent_id"] is None  # 766/QĐ-TTg is still not loaded
    # The central task's assignments to each province are answered by that province's document.
    answered = {s.unit_key: s.child_directive_id for s in store.states(D(2022, 9, 1)) if s.directive_id == c.directive_id}
    assert answered == {"2022:p30": hd, "2022:p33": hy[0].directive_id}


def test_a_similar_link_prefers_the_right_directive_of_the_district(tmp_path, drafts):
    decoy = copy.deepcopy(drafts["tk"])
    decoy.header.date = "2022-03-02"
    decoy.header.number = "120/UBND-KT"
    decoy.header.subject = "tăng cường công tác phòng, chống dịch bệnh trên đàn gia súc, gia cầm"
    decoy.header.references = ["11/CT-TTg"]
    decoy.header.parent = None
    decoy.tasks = [Task("Tổ chức tiêm phòng vắc xin cho đàn gia súc, gia cầm; báo cáo kết quả trước ngày 30/4/2022.",
                        path="1", lead=[UnitRef("Chủ tịch UBND các xã, thị trấn", "2022:p30.d298#commune", group=True)])]
    decoy.source = Source(path="/x/decoy.pdf", format="pdf", sha256="d" * 64)
    for order in (["ks", "tk"], ["tk", "ks"]):
        store = open_store(tmp_path / "".join(order))
        store.save_drafts([decoy])
        for k in order:
            store.save_drafts([copy.deepcopy(drafts[k])])
        ids = {directive_label(r): did for did, r in store.directive_records().items()}
        assert store.directive(ids["45/UBND"])["parent_id"] == ids["(không số) UBND huyện Tứ Kỳ 08/2022"]


def test_a_commune_citing_an_unrelated_number_waits(tmp_path, drafts):
    store = load(tmp_path, drafts, ["hd", "ks"])
    ks = by_issuer(store)[KY_SON]
    # Kỳ Sơn cites 650/UBND-VP; Hải Dương's 2333/UBND-VP is above it but has another number.
    assert store.directive(ks)["parent_id"] is None
    assert store.directive(ks)["parent_ref"] == "650/UBND-VP"


def province_to_tu_ky(tmp_path, drafts, path: str):
    """The loaded chain, its directives by issuer, and 2333's assignment of task `path` to Tứ Kỳ."""
    store = load(tmp_path, drafts, ["hd", "tk", "ks"])
    ids = by_issuer(store)
    rows = store.assignments(D(2022, 9, 30), AssignmentFilter(directive=ids["2022:p30"]), with_text=False)
    [a] = [r for r in rows if r.task_path == path and r.unit_id == TU_KY]
    return store, ids, a


def test_rollup_from_commune_to_province(tmp_path, drafts):
    from tracker.chain import Rollup

    store, ids, hd_1b = province_to_tu_ky(tmp_path, drafts, "1.b")
    day = D(2022, 9, 30)
    roll = Rollup(store, day)
    p = roll.of(hd_1b.id)
    assert (p.source, p.basis, p.child_directive_id) == ("rollup", "tasks", ids[TU_KY])
    kids = roll.kids(hd_1b.id)
    kid_tasks = {store.task(roll.row(k).task_id).path for k in kids}
    assert kid_tasks == {"1.d"}  # Tứ Kỳ's task that carries out 2333's 1.b
    # Kỳ Sơn's assignment of Tứ Kỳ 1.d rolls up from Kỳ Sơn's 1.a (its one linked task).
    [ks_kid] = [k for k in kids if roll.row(k).unit_key == KY_SON]
    assert roll.of(ks_kid).source == "rollup"
    [ks_1a] = roll.kids(ks_kid)
    # Every unit done but Kỳ Sơn's commune: a percentage between; overdue since 2333's date passed.
    others = [k for k in kids if k != ks_kid]
    from tracker.store import StatusChange

    store.set_statuses([StatusChange(k, "hoan_thanh", D(2022, 8, 18), "Đã cập nhật", "Lan") for k in others])
    p = Rollup(store, day).of(hd_1b.id)
    assert p.category == "overdue" and p.days_late == (day - D(2022, 8, 20)).days
    assert p.progress == pytest.approx(len(others) / len(kids))
    assert p.done == len(others) and p.counted == len(kids)
    # The commune finishes: Kỳ Sơn's rolls up done, and so does the province's assignment to Tứ Kỳ (late:
    # after 2333's 20/08).
    store.set_status(ks_1a, "hoan_thanh", on=D(2022, 8, 25), note="Đã tiếp nhận 100%")
    roll = Rollup(store, day)
    assert roll.of(ks_kid).category == "on_time"
    p = roll.of(hd_1b.id)
    assert (p.status, p.category, p.progress, p.done_on, p.days_late) == ("hoan_thanh", "late", 1.0, D(2022, 8, 25), 5)
    # As of a day before the commune's entry it was still open.
    assert Rollup(store, D(2022, 8, 24)).of(hd_1b.id).status != "hoan_thanh"
    # A cancelled assignment is left out of the count.
    store.set_status(others[0], "khong_thuc_hien", on=D(2022, 8, 19), note="Không thuộc nhiệm vụ")
    p = Rollup(store, day).of(hd_1b.id)
    assert p.counted == len(kids) - 1 and p.progress == 1.0


def test_a_status_set_by_hand_needs_a_note_and_wins(tmp_path, drafts):
    from tracker.chain import Rollup, chain_tree

    store, ids, a = province_to_tu_ky(tmp_path, drafts, "1.a")
    day = D(2022, 9, 30)
    assert Rollup(store, day).of(a.id).source == "rollup"
    v = store.version
    with pytest.raises(InputError, match="cần ghi chú"):
        store.set_status(a.id, "hoan_thanh", on=D(2022, 9, 5))
    assert store.version == v  # nothing saved
    r = run_cli("status", str(a.id), "hoàn thành", "--on", "05/09/2022", "--db", str(store.path))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "--note" in r.stderr
    r = run_cli("status", str(a.id), "hoàn thành", "--on", "05/09/2022", "--note", "Huyện báo cáo đã quán triệt",
                "--db", str(store.path))
    assert r.returncode == 0, r.stderr
    store = open_store(store.path)
    p = Rollup(store, day).of(a.id)
    assert (p.source, p.status, p.category, p.progress) == ("hand", "hoan_thanh", "late", 1.0)
    # Before the day it was set, the roll-up still applies (Tứ Kỳ's directive, dated 08/2022, counts
    # from the month's last day); before the child directive existed, its own status.
    assert Rollup(store, D(2022, 9, 4)).of(a.id).source == "rollup"
    assert Rollup(store, D(2022, 8, 20)).of(a.id).source == "own"
    node = next(n for n in chain_tree(store, "2333/UBND-VP", as_of=day).walk() if n.assignment_id == a.id)
    assert (node.source, node.status) == ("hand", "hoan_thanh") and node.note
    # Linking the assignment again by hand gives it back to the roll-up.
    store.set_child_directive(a.id, ids[TU_KY], by="Lan")
    assert Rollup(open_store(store.path), day).of(a.id).source == "rollup"


def test_clerk_links_are_kept_by_later_loads(tmp_path, drafts):
    store = load(tmp_path, drafts, ["hd", "tk", "ks"])
    ids = by_issuer(store)
    db = str(store.path)
    # The clerk confirms the similar link: its confidence and method stay, now confirmed.
    r = run_cli("link", "parent", "45/UBND", str(ids[TU_KY]), "--db", db, "--json")
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert (info["parent_id"], info["parent_method"], info["parent_confirmed"]) == (ids[TU_KY], "similar", True)
    # The clerk says Kỳ Sơn carries out no loaded directive: Tứ Kỳ's assignments lose their answer.
    r = run_cli("link", "parent", "45/UBND", "none", "--db", db)
    assert r.returncode == 0, r.stderr
    store = open_store(db)
    assert store.directive(ids[KY_SON])["parent_id"] is None
    assert not [s for s in store.states(D(2022, 9, 1)) if s.child_directive_id == ids[KY_SON]]
    assert not store.task_links().keys() & {t.id for t in store.tasks(ids[KY_SON])}
    store.save_drafts([copy.deepcopy(drafts["ks"]), copy.deepcopy(drafts["tk"])])
    assert store.directive(ids[KY_SON])["parent_id"] is None
    # A task link set by hand.
    tk_tasks = {t.path: t.id for t in store.tasks(ids[TU_KY])}
    hd_tasks = {t.path: t.id for t in store.tasks(ids["2022:p30"])}
    r = run_cli("link", "task", f"t{tk_tasks['6.d']}", f"t{hd_tasks['7.b']}", f"t{hd_tasks['1.d']}", "--db", db)
    assert r.returncode == 0, r.stderr
    assert "7.b" in r.stdout
    store.save_drafts([copy.deepcopy(drafts["tk"]), copy.deepcopy(drafts["hd"])])
    assert store.task(tk_tasks["6.d"]).parent_task_ids == [hd_tasks["7.b"], hd_tasks["1.d"]]
    assert store.task_links()[tk_tasks["6.d"]] == [hd_tasks["7.b"], hd_tasks["1.d"]]
    # Bad input: one line, exit 2, nothing changed.
    v = open_store(db).version
    for args in (["link", "task", "t999999", "t1"], ["link", "parent", "45/UBND", "45/UBND"],
                 ["link", "answer", "1", "99999"], ["link", "task", "2333/UBND-VP", "t1"]):
        r = run_cli(*args, "--db", db)
        assert r.returncode == 2 and r.stderr.count("\n") == 1, (args, r.stderr)
    assert open_store(db).version == v


def test_cli_chain_json_goes_from_province_to_commune(tmp_path):
    db = str(tmp_path / "db")
    r = run_cli("load", *(str(DIRECTIVES / f) for f in CHAIN.values()), "--yes", "--db", db)
    assert r.returncode == 0, r.stderr
    r = run_cli("chain", "2333/UBND-VP", "--json", "--as-of", "30/09/2022", "--db", db)
    assert r.returncode == 0, r.stderr
    tree = json.loads(r.stdout)
    assert (tree["kind"], tree["unit_id"], tree["level"], tree["as_of"]) == ("directive", "2022:p30", "province", "2022-09-30")
    assert "4660/VPCP-KSTT" in tree["note"]  # waits for the central document
    t1a = next(t for t in tree["children"] if t["label"].startswith("1.a "))
    tu_ky = next(a for a in t1a["children"] if a["unit_id"] == TU_KY)
    assert (tu_ky["kind"], tu_ky["source"], tu_ky["due"]) == ("assignment", "rollup", "2022-08-15")
    assert tu_ky["category"] == "overdue" and tu_ky["days_late"] == 46
    [district] = tu_ky["children"]
    assert (district["kind"], district["level"], district["confidence"]) == ("directive", "district", 1.0)
    assert [t["label"].split()[0] for t in district["children"]] == ["1.a"]  # the task that carries out 1.a
    ky_son = next(a for a in district["children"][0]["children"] if a["unit_id"] == KY_SON)
    [commune] = ky_son["children"]
    assert commune["level"] == "commune" and 0.7 <= commune["confidence"] < 1 and commune["confirmed"] is False
    for node in (tree, t1a, tu_ky, district, ky_son, commune):
        assert set(node) >= {"kind", "label", "unit_id", "unit_name", "level", "status", "due", "days_late",
                             "progress", "children"}
    # The same for one task, by its id; and the text form.
    r = run_cli("chain", f"t{t1a['task_id']}", "--as-of", "30/09/2022", "--db", db)
    assert r.returncode == 0, r.stderr
    assert "Huyện Tứ Kỳ" in r.stdout and "Xã Kỳ Sơn" in r.stdout and "tổng hợp từ cấp dưới" in r.stdout
    for bad in ("9999/XX", "t999999"):
        r = run_cli("chain", bad, "--db", db)
        assert r.returncode == 2 and r.stderr.count("\n") == 1
