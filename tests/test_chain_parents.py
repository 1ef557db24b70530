"""Which directive a document carries out when it cites several, and how hand-set links are recorded.

A commune plan that says "Thực hiện Quyết định số 766/QĐ-TTg của Thủ tướng Chính phủ và Công văn số
650/UBND-VP của UBND huyện" carries out its district's công văn (the issuer's direct superior), whatever
the order the three are loaded in.
"""
from __future__ import annotations

import copy
import itertools
from datetime import date
from pathlib import Path

from tracker.model import DirectiveDraft, Header, Source, Task, UnitRef
from tracker.store import open_store

ROOT = Path(__file__).resolve().parent.parent
TU_KY, KY_SON = "2022:p30.d298", "2022:p30.d298.c11098"
COMMUNE_TEXT = """UBND HUYỆN TỨ KỲ
UBND XÃ KỲ SƠN

Số: 47/UBND
V/v triển khai Bộ chỉ số phục vụ người dân, doanh nghiệp

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Kỳ Sơn, ngày 18 tháng 8 năm 2022

Thực hiện Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ và Công văn số 650/UBND-VP ngày 10/8/2022 của UBND huyện Tứ Kỳ, Chủ tịch UBND xã yêu cầu:
1. Công an xã chủ trì khai thác dữ liệu dân cư trong giải quyết thủ tục hành chính; hoàn thành trước ngày 30/9/2022.
2. Bộ phận Một cửa UBND xã số hóa hồ sơ khi tiếp nhận; hoàn thành trước ngày 31/10/2022.

Nơi nhận:
- Lưu: VP.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn Thử
"""


def draft(number, issuer, issuer_id, day, tasks, parent=None, references=(), level=None, sha=None):
    return DirectiveDraft(
        header=Header(number=number, issuer=issuer, issuer_id=issuer_id, date=day, parent=parent,
                      references=list(references), level=level, subject="Triển khai Bộ chỉ số phục vụ người dân"),
        tasks=tasks, source=Source(path=f"/x/{number}.txt", format="txt", sha256=sha or (number * 8)[:64]),
    )


def chain(tmp_path) -> dict[str, DirectiveDraft]:
    from tracker.parse import parse_file
    from tracker.units.context import ResolveContext

    path = tmp_path / "ky-son-47.txt"
    path.write_text(COMMUNE_TEXT, encoding="utf-8")
    commune = parse_file(path, resolve=True, context=ResolveContext())
    # The parser already names the direct superior's (the district's) among the documents after "Thực hiện".
    assert commune.header.parent == "650/UBND-VP" and "766/QĐ-TTg" in commune.header.references
    assert commune.header.issuer_id == KY_SON
    pm = draft("766/QĐ-TTg", "Thủ tướng Chính phủ", None, "2022-06-23",
               [Task("Triển khai Bộ chỉ số", "1", lead=[UnitRef("UBND các tỉnh")])], level="central")
    district = draft("650/UBND-VP", "UBND huyện Tứ Kỳ", TU_KY, "2022-08-10",
                     [Task("Khai thác dữ liệu dân cư trong giải quyết thủ tục hành chính", "1",
                           lead=[UnitRef("UBND các xã, thị trấn", f"{TU_KY}#commune", True)])],
                     parent="766/QĐ-TTg", references=["766/QĐ-TTg"], level="district")
    return {"pm": pm, "district": district, "commune": commune}


def test_a_commune_plan_carries_out_its_districts_cong_van_in_any_load_order(tmp_path):
    drafts = chain(tmp_path)
    for n, order in enumerate(itertools.permutations(drafts)):
        store = open_store(tmp_path / f"s{n}")
        for k in order:
            store.save_drafts([copy.deepcopy(drafts[k])])
        recs = {r.get("number"): r for r in store.directive_records().values()}
        commune, district, pm = recs["47/UBND"], recs["650/UBND-VP"], recs["766/QĐ-TTg"]
        assert (commune["parent_id"], commune["parent_method"]) == (district["id"], "number"), order
        assert district["parent_id"] == pm["id"], order
        # The district's assignment to Kỳ Sơn is answered by the commune's plan.
        answered = [s for s in store.states(date(2022, 12, 31)) if s.unit_key == KY_SON and s.directive_id == district["id"]]
        assert [s.child_directive_id for s in answered] == [commune["id"]], order


def test_a_link_set_by_hand_is_recorded_as_the_clerks(tmp_path):
    drafts = chain(tmp_path)
    store = open_store(tmp_path / "db")
    commune = copy.deepcopy(drafts["commune"])
    commune.header.parent, commune.header.references = None, []  # cites nothing: no link is found
    store.save_drafts([copy.deepcopy(drafts["district"]), commune])
    recs = {r.get("number"): r for r in store.directive_records().values()}
    assert recs["47/UBND"]["parent_id"] is None
    store.set_parent(recs["47/UBND"]["id"], recs["650/UBND-VP"]["id"], confirmed=True, by="Lan")
    [row] = [s for s in store.states(date(2022, 12, 31)) if s.unit_key == KY_SON]
    assert row.child_directive_id == recs["47/UBND"]["id"]
    [event] = [e for e in store.history(row.id) if e.kind == "child_directive"]
    assert event.by == "Lan" and "người dùng" in event.note and "tự động" not in event.note
    # Later loads keep the clerk's link and say nothing new about it.
    store.save_drafts([copy.deepcopy(drafts["district"])])
    assert [e.note for e in store.history(row.id) if e.kind == "child_directive"] == [event.note]
