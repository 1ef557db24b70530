"""The unit hierarchy, group expansion, issuer resolution and resolving a whole directive."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tracker import rules
from tracker.errors import RulesError
from tracker.model import DirectiveDraft, Header, Source, Task, UnitRef
from tracker.units import (
    UnknownUnit,
    get_hierarchy,
    level_of,
    resolve_draft,
    resolve_issuer,
    resolve_name,
    in_force_on,
    structure_for_date,
    structure_in_force,
)
from tracker.units import hierarchy as hierarchy_mod
from tracker.units import vocab as vocab_mod

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).resolve().parent / "data" / "gold"  # copies of ../shared/eval/gold

HAI_DUONG = "2022:p30"
TU_KY = "2022:p30.d298"
KY_SON = "2022:p30.d298.c11098"


# ------------------------------------------------------------------ the hierarchy


def test_the_sample_chain_is_there_with_its_depth_from_data():
    h = get_hierarchy("2022")
    assert [u.name for u in h.path(KY_SON)] == ["Tỉnh Hải Dương", "Huyện Tứ Kỳ", "Xã Kỳ Sơn"]
    assert [u.kind for u in h.path(KY_SON)] == ["province", "district", "commune"]
    assert len(h.provinces()) == 63
    h25 = get_hierarchy("2025")
    assert len(h25.provinces()) == 34
    assert h25.levels == ("province", "commune")
    hung_yen = [u for u in h25.provinces() if u.short == "Hưng Yên"][0]
    assert {k.level for k in h25.admin_children(hung_yen.id)} == {"commune"}


def test_ids_carry_structure_and_level():
    assert level_of("2022:p30.d298") == "district"
    assert level_of("2022:p30.d298.c11098/cong-an") == "commune"
    assert level_of("2025:p33.c11983") == "commune"
    assert level_of("2022:p30#district/cong-an") == "province"
    # 2025 reused codes for other provinces: the structure keeps ids apart.
    assert get_hierarchy("2022").get("2022:p15").short == "Yên Bái"
    assert get_hierarchy("2025").get("2025:p15").short == "Lào Cai"


def test_agencies_at_every_level_from_the_rules():
    h = get_hierarchy("2022")
    province = {a.name for a in h.agencies(HAI_DUONG)}
    assert {"Sở Tư pháp tỉnh Hải Dương", "Sở Thông tin và Truyền thông tỉnh Hải Dương", "Công an tỉnh Hải Dương",
            "Kho bạc Nhà nước tỉnh Hải Dương", "Cục Thuế tỉnh Hải Dương", "VNPT Hải Dương",
            "Văn phòng UBND tỉnh Hải Dương", "Tỉnh ủy Hải Dương"} <= province
    district = {a.name for a in h.agencies(TU_KY)}
    assert {"Văn phòng HĐND và UBND huyện Tứ Kỳ", "Phòng Tư pháp huyện Tứ Kỳ", "Phòng Nội vụ huyện Tứ Kỳ",
            "Phòng Văn hóa và Thông tin huyện Tứ Kỳ", "Công an huyện Tứ Kỳ", "Huyện ủy Tứ Kỳ"} <= district
    commune = {a.id: a for a in h.agencies(KY_SON)}
    assert commune[f"{KY_SON}/cc-tu-phap-ho-tich"].kind == "post"
    assert commune[f"{KY_SON}/bo-phan-mot-cua"].name == "Bộ phận Một cửa xã Kỳ Sơn"
    assert commune[f"{KY_SON}/dang-uy"].kind == "party"
    # Types matter: a thị xã has Phòng Kinh tế, a huyện Phòng Kinh tế và Hạ tầng.
    my_hao = {a.key for a in h.agencies("2022:p33.d328")}
    assert "phong-kinh-te" in my_hao and "phong-kinh-te-ha-tang" not in my_hao
    # 2025 communes have phòng, not the 2022 công chức posts.
    h25 = get_hierarchy("2025")
    keys = {a.key for a in h25.agencies("2025:p33.c11983")}
    assert "phong-van-hoa-xa-hoi" in keys and "cc-tu-phap-ho-tich" not in keys


def test_children_and_unknown_ids():
    h = get_hierarchy("2022")
    kids = h.children(TU_KY)
    assert f"{TU_KY}/phong-tu-phap" in [k.id for k in kids]
    assert KY_SON in [k.id for k in kids]
    assert h.children(f"{TU_KY}/phong-tu-phap") == []
    with pytest.raises(UnknownUnit):
        h.get("2022:p30.d999")
    with pytest.raises(UnknownUnit):
        h.get(f"{TU_KY}/so-tu-phap")  # a district has no sở
    with pytest.raises(UnknownUnit):
        h.get("Tứ Kỳ")


def test_find_ignores_diacritics_and_case():
    h = get_hierarchy("2022")
    assert h.find("tu ky")[0].id == TU_KY
    assert h.find("TỨ KỲ")[0].id == TU_KY
    assert h.find("Hung Yen")[0].id == "2022:p33"
    assert h.find("ngoc ky")[0].id == KY_SON  # a former name
    assert h.find("so tu phap hai duong")[0].id == f"{HAI_DUONG}/so-tu-phap"
    assert h.find("Tứ Kỳy")[0].id == TU_KY  # a typo falls back to fuzzy search
    assert h.find("   ") == []


# ------------------------------------------------------------------ groups


def test_collective_names_expand_to_their_members():
    h = get_hierarchy("2022")
    districts = h.expand(resolve_name("UBND các huyện, thị xã, thành phố", HAI_DUONG).id)
    assert len(districts) == 12 and TU_KY in districts
    assert h.expand(resolve_name("UBND cấp huyện", HAI_DUONG).id) == districts
    communes = h.expand(resolve_name("Chủ tịch UBND các xã, thị trấn", TU_KY).id)
    assert KY_SON in communes and all(c.startswith(TU_KY + ".c") for c in communes)
    everywhere = h.expand(resolve_name("UBND cấp xã", HAI_DUONG).id)
    assert len(everywhere) > len(communes) and set(communes) <= set(everywhere)
    sbn = h.expand(resolve_name("Sở, ban, ngành tỉnh", HAI_DUONG).id)
    assert f"{HAI_DUONG}/so-tu-phap" in sbn and f"{HAI_DUONG}/vnpt" not in sbn
    assert all(m.startswith(HAI_DUONG + "/") for m in sbn)
    own = h.expand(resolve_name("các cơ quan, đơn vị", TU_KY).id)
    assert f"{TU_KY}/phong-tu-phap" in own and all(m.startswith(TU_KY + "/") for m in own)
    posts = h.expand(resolve_name("Cán bộ, công chức xã", KY_SON).id)
    assert f"{KY_SON}/cc-tu-phap-ho-tich" in posts and all(h.get(p).kind == "post" for p in posts)
    party = h.expand(resolve_name("Bí thư Đảng ủy các xã, thị trấn", TU_KY).id)
    assert f"{KY_SON}/dang-uy" in party and len(party) == len(communes)


def test_a_unit_expands_to_itself():
    h = get_hierarchy("2022")
    assert h.expand(TU_KY) == [TU_KY]
    assert h.expand(f"{TU_KY}/cong-an") == [f"{TU_KY}/cong-an"]


def test_groups_of_groups_flatten():
    h = get_hierarchy("2022")
    gid = resolve_name("Cán bộ, công chức các xã", TU_KY).id
    members = h.expand(gid)
    assert f"{KY_SON}/cc-van-hoa-xa-hoi" in members
    assert all("#" not in m for m in members)


# ------------------------------------------------------------------ resolution


def test_resolution_is_relative_to_the_issuer():
    assert resolve_name("Phòng Tư pháp huyện", TU_KY).id == f"{TU_KY}/phong-tu-phap"
    assert resolve_name("Phòng Tư pháp huyện", "2022:p30.d291").id == "2022:p30.d291/phong-tu-phap"
    assert resolve_name("Công an tỉnh", TU_KY).id == f"{HAI_DUONG}/cong-an"
    assert resolve_name("Công an tỉnh", "2022:p33").id == "2022:p33/cong-an"


def test_unresolved_names_come_back_with_a_reason_and_never_raise():
    for name in ["các cơ quan liên quan", "", "   ", "(để b/c)", "Bộ Tư pháp", "x" * 500, "!!!"]:
        res = resolve_name(name, TU_KY)
        assert res.id is None and res.reason and res.group is False
    near = resolve_name("Phòng Tài chính", TU_KY)
    assert near.id is None and f"{TU_KY}/phong-tai-chinh-ke-hoach" in near.candidates
    with pytest.raises(UnknownUnit):
        resolve_name("Công an tỉnh", "2022:p99")


def test_structure_follows_the_date_and_the_setting_only_fills_in(monkeypatch):
    monkeypatch.delenv("TRACKER_STRUCTURE", raising=False)
    assert structure_for_date("2022-08-30") == "2022"
    assert structure_for_date("2025-06-30") == "2022"
    assert structure_for_date("2025-07") == "2025"
    assert structure_for_date("2026") == "2025"
    # No date: the structure in force today (these machines live after 1 July 2025).
    assert structure_for_date(None) == in_force_on(None)
    monkeypatch.setenv("TRACKER_STRUCTURE", "2022")
    # The setting fills in where a document gives no date; it never overrides one.
    assert structure_for_date("2026-03-01") == "2025"
    assert structure_for_date(None) == "2022"
    assert get_hierarchy().structure == "2022"


def test_the_structure_in_force_comes_from_the_document(monkeypatch):
    monkeypatch.setenv("TRACKER_STRUCTURE", "2022")
    year = structure_in_force(Header(issuer="UBND TỈNH HƯNG YÊN"), header_text="Hưng Yên, ngày    tháng    năm 2026")
    assert (year.structure, year.basis) == ("2025", "year")
    parent = structure_in_force(Header(issuer="UBND TỈNH HƯNG YÊN"), cited_structure="2025")
    assert (parent.structure, parent.basis) == ("2025", "parent")
    # A header naming a huyện is older than the two-level map, whatever today is.
    district = structure_in_force(Header(issuer="UBND XÃ KỲ SƠN", issuer_parent="UBND HUYỆN TỨ KỲ"))
    assert (district.structure, district.basis) == ("2022", "header")
    monkeypatch.delenv("TRACKER_STRUCTURE")
    today = structure_in_force(Header(issuer="UBND TỈNH HƯNG YÊN"))
    assert (today.structure, today.basis) == (in_force_on(None), "today")


# ------------------------------------------------------------------ issuers


def test_issuer_from_the_header():
    assert resolve_issuer(Header(issuer="UBND huyện Tứ Kỳ", date="2022-08")).id == TU_KY
    assert resolve_issuer(Header(issuer="UBND tỉnh Hưng Yên", date="2022-08-30")).id == "2022:p33"
    assert resolve_issuer(Header(issuer="ỦY BAN NHÂN DÂN TỈNH HUNG YÊN", date="2022-08")).id == "2022:p33"
    assert resolve_issuer(Header(issuer="UBND XÃ KỲ SƠN", issuer_parent="UBND HUYỆN TỨ KỲ")).id == KY_SON
    assert resolve_issuer(Header(issuer="SỞ TƯ PHÁP", issuer_parent="UBND TỈNH HẢI DƯƠNG")).id == f"{HAI_DUONG}/so-tu-phap"
    assert resolve_issuer(Header(issuer="UBND THÀNH PHỐ HẢI DƯƠNG", date="2024-01-02")).id == "2022:p30.d288"


def test_namesakes_come_back_as_candidates():
    res = resolve_issuer(Header(issuer="UBND xã Kỳ Sơn", date="2022-08-16"))
    assert res.id is None
    assert KY_SON in res.candidates and len(res.candidates) >= 2


def test_header_without_issuer_resolves_from_place_line_and_body():
    header = Header(issuer="UBND xã", place="An Sơn", date="2023-08-22", signer_title="CHỦ TỊCH")
    alone = resolve_issuer(header)
    assert alone.id is None and len(alone.candidates) >= 2
    body = "Thực hiện Công văn số 125/UBND-VP ngày 10/8/2023 của UBND huyện Nam Sách, Chủ tịch UBND xã yêu cầu"
    res = resolve_issuer(header, body)
    h = get_hierarchy("2022")
    assert res.id is not None
    assert [u.name for u in h.path(res.id)] == ["Tỉnh Hải Dương", "Huyện Nam Sách", "Xã An Sơn"]
    assert resolve_issuer(Header(place="An Sơn", date="2023-08-22"), body).id == res.id


def test_issuer_after_july_2025_is_in_the_new_structure(monkeypatch):
    monkeypatch.delenv("TRACKER_STRUCTURE", raising=False)
    res = resolve_issuer(Header(issuer="UBND TỈNH HƯNG YÊN", date="2025-08-01"))
    assert res.id == "2025:p33" and res.structure == "2025"
    # "xã Kỳ Sơn" is no "phường Kỳ Sơn": the type word must agree.
    assert resolve_issuer(Header(issuer="UBND xã Kỳ Sơn", date="2025-08-01")).id is None


# ------------------------------------------------------------------ whole directives


def _gold_draft(name: str) -> DirectiveDraft:
    data = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    draft = DirectiveDraft.from_json(data)
    draft.source = Source(path=f"{name}.txt", format="txt", sha256="")
    return draft


@pytest.mark.parametrize(
    "name, issuer",
    [
        ("hai-duong-2333-2022", HAI_DUONG),
        ("hung-yen-1846-2022", "2022:p33"),
        ("hung-yen-2283-2022", "2022:p33"),
        ("tu-ky-district-2022", TU_KY),
        ("ky-son-commune-2022", KY_SON),
    ],
)
def test_every_unit_of_the_samples_resolves_except_the_vague_ones(name, issuer):
    draft = _gold_draft(name)
    if name == "ky-son-commune-2022":
        draft.header.issuer_parent = "UBND HUYỆN TỨ KỲ"
    resolve_draft(draft)
    assert draft.header.issuer_id == issuer
    refs = [r for t in draft.tasks for r in t.lead + t.support]
    unresolved = {r.name for r in refs if r.id is None}
    assert all("liên quan" in n for n in unresolved), unresolved
    h = get_hierarchy("2022")
    for r in refs:
        if r.id:
            assert h.get(r.id).is_group == r.group
            assert 0.9 <= r.confidence <= 1.0
    out = draft.to_json()
    assert all("id" in u for t in out["tasks"] for u in t["lead"] if "liên quan" not in u["name"])
    if unresolved:
        assert any("liên quan" in w for w in draft.warnings)
        assert any(t.warnings for t in draft.tasks)


def test_resolve_draft_flags_an_unknown_issuer_and_keeps_names():
    draft = DirectiveDraft(
        header=Header(issuer="UBND xã Kỳ Sơn", date="2022-08-16"),
        tasks=[Task(text="…", lead=[UnitRef("Công an xã")])],
        source=Source("x.txt", "txt", ""),
    )
    resolve_draft(draft)
    assert draft.header.issuer_id is None
    assert draft.tasks[0].lead[0].id is None
    assert any("cơ quan ban hành" in w for w in draft.warnings)


def test_resolve_draft_uses_a_given_issuer_id():
    draft = DirectiveDraft(
        header=Header(issuer_id=KY_SON),
        tasks=[Task(text="…", lead=[UnitRef("Công an xã")], support=[UnitRef("Bộ phận Một cửa")])],
        source=Source("x.txt", "txt", ""),
    )
    resolve_draft(draft)
    assert draft.tasks[0].lead[0].to_json() == {"name": "Công an xã", "id": f"{KY_SON}/cong-an", "group": False, "confidence": 1.0}
    assert draft.tasks[0].support[0].id == f"{KY_SON}/bo-phan-mot-cua"
    assert draft.warnings == []


# ------------------------------------------------------------------ rules


@pytest.fixture
def own_rules(tmp_path, monkeypatch):
    dest = tmp_path / "task_rules"
    shutil.copytree(ROOT / "task_rules", dest)
    monkeypatch.setenv("TRACKER_RULES", str(dest))

    def reset():
        rules.clear_cache()
        vocab_mod.clear_cache()
        hierarchy_mod.clear_cache()

    reset()
    yield dest / "units"
    monkeypatch.delenv("TRACKER_RULES")
    reset()


def test_a_bad_agency_rule_names_file_and_line(own_rules):
    path = own_rules / "agencies.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('key = "so-tu-phap"', 'key = "Sở Tư pháp"'), encoding="utf-8")
    with pytest.raises(RulesError, match=r"agencies\.toml:\d+: province: key must be"):
        get_hierarchy("2022")


def test_a_group_with_unknown_members_is_refused(own_rules):
    path = own_rules / "groups.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('members = "so-ban-nganh"', 'members = "nothing"'), encoding="utf-8")
    with pytest.raises(RulesError, match=r"groups\.toml:\d+: group 'so-ban-nganh'"):
        get_hierarchy("2022")


def test_a_new_agency_in_the_rules_resolves_without_code(own_rules):
    path = own_rules / "agencies.toml"
    path.write_text(
        path.read_text(encoding="utf-8") + '\n[[province]]\nkey = "so-ngoai-vu"\nname = "Sở Ngoại vụ"\ngroups = ["co-quan", "so-ban-nganh"]\n',
        encoding="utf-8",
    )
    assert resolve_name("Sở Ngoại vụ", HAI_DUONG).id == f"{HAI_DUONG}/so-ngoai-vu"
    assert f"{HAI_DUONG}/so-ngoai-vu" in get_hierarchy("2022").expand(f"{HAI_DUONG}#so-ban-nganh")


def test_a_central_issuer_is_no_local_unit_whatever_its_place_line():
    res = resolve_issuer(Header(issuer="BỘ NỘI VỤ", place="Hà Nội", level="central", date="2025-12-01"))
    assert res.id is None and "trung ương" in res.reason


def test_a_communes_own_phong_is_commune_level_as_issuer():
    draft = DirectiveDraft(
        header=Header(issuer="PHÒNG KINH TẾ", issuer_parent="UBND XÃ NHƯ QUỲNH", level="district", date="2026-03-02"),
        tasks=[Task(text="…", lead=[UnitRef("Công an xã")])],
        source=Source("x.txt", "txt", ""),
    )
    resolve_draft(draft)
    assert draft.header.issuer_id == "2025:p33.c11986/phong-kinh-te"
    assert draft.header.level == "commune"
    assert draft.tasks[0].lead[0].id == "2025:p33.c11986/cong-an"
