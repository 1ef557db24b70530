"""Signals in an item's own words (and in its lead) that say how sure its lead is (confidence.toml
[lead_opening], [lead_own_actor]), on notices written for these tests (our own words)."""
from __future__ import annotations

import pytest

from conftest import DATA
from tracker.confidence import reconsider_leads, unsure_below
from tracker.model import Task, UnitRef
from tracker.parse import parse_file

UNSURE = unsure_below()


def _task(text: str, lead: list[str], route: str, conf: float) -> Task:
    t = Task(text=text, lead=[UnitRef(n) for n in lead])
    t.confidence["lead"], t.found_by["lead"] = conf, route
    reconsider_leads([t])
    return t


def leads(name: str) -> dict[str, tuple[list[str], str, bool]]:
    draft = parse_file(DATA / "docs" / name)
    return {t.path: ([u.name for u in t.lead], t.found_by["lead"], t.confidence["lead"] < UNSURE) for t in draft.tasks}


def test_an_opening_that_is_all_the_lead_then_a_verb_is_sure():
    got = leads("conclusion-occasions.txt")
    assert got["1"] == (["Sở Giáo dục và Đào tạo"], "subject+opening", False)
    assert got["4"] == (["Sở Tài chính"], "subject+opening", False)
    # "Các cơ quan | báo chí của tỉnh tăng ...": a name cut short keeps its doubt
    assert got["5"][2] is True


def test_an_item_with_its_own_actor_doubts_the_lead_in_above_it():
    got = leads("conclusion-own-actors.txt")
    # a lead-in naming kinds of bodies ("các sở, ban, ngành và địa phương": one collective, the s27
    # convention) is as unsure as any list of kinds taken from above ([lead_collective])
    assert got["1.a"] == (["các sở, ban, ngành và địa phương"], "intro+collective", True)
    # "Các phường Bắc Hà, Nam Hà đẩy nhanh ...": the item's own actors lead, one unit per place
    # (unit_phrases: a plural level before place names), not the lead-in sentence above it
    assert got["1.b"][:2] == (["phường Bắc Hà", "phường Nam Hà"], "subject")
    assert got["1.c"][1] == "intro+collective"


@pytest.mark.parametrize("text, lead, sure", [
    ("a) Sở Nội vụ và Sở Tư pháp chủ trì rà soát quy chế.", ["Sở Nội vụ", "Sở Tư pháp"], True),
    ("Sở Nội vụ và Sở Tư pháp chủ trì rà soát quy chế.", ["Sở Nội vụ"], False),      # a unit left out
    ("Sở Văn hóa, Thể thao và Du lịch tổ chức hội thi.", ["Sở Văn hóa"], False),     # a name cut short
    ("Bộ Xây dựng nghiên cứu, đề xuất cơ chế.", ["Bộ Xây dựng"], True),
])
def test_opening_signal(text, lead, sure):
    t = _task(text, lead, "subject", 0.55)
    assert (t.confidence["lead"] >= UNSURE) is sure


def test_own_actor_signal_leaves_other_routes_and_the_named_lead_alone():
    assert _task("Xã hội hóa nguồn lực cho trường học.", ["UBND xã An Bình"], "intro", 0.7).confidence["lead"] == 0.7
    assert _task("Sở Y tế kiểm tra an toàn thực phẩm.", ["Sở Y tế"], "heading", 0.9).confidence["lead"] == 0.9
    assert _task("Tỉnh Bắc Lam rà soát quy hoạch.", ["các bộ, ngành"], "column", 0.95).confidence["lead"] == 0.95
    # "Giao X ..." asks of X: its lead stays as unsure as its route says
    assert _task("Giao Sở Tài chính rà soát các khoản chi.", ["Sở Tài chính"], "assigned", 0.55).confidence["lead"] == 0.55
    # under a heading the doubt lowers the lead; under a lead-in sentence (0.7) it makes it unsure
    own = _task("Các phường Bắc Hà, Nam Hà đẩy nhanh việc bàn giao mặt bằng.", ["Sở Xây dựng"], "intro", 0.7)
    assert (own.found_by["lead"], own.confidence["lead"] < UNSURE) == ("intro+own_actor", True)
    assert _task("Tỉnh Bắc Lam rà soát quy hoạch.", ["các bộ, ngành"], "heading", 0.9).confidence["lead"] < 0.9


def test_a_list_of_units_taken_from_above_is_unsure_one_unit_is_not():
    many = _task("Rà soát quy chế phối hợp.", ["Sở Nội vụ", "UBND các xã"], "intro", 0.7)
    assert (many.found_by["lead"], many.confidence["lead"] < UNSURE) == ("intro+many", True)
    assert _task("Rà soát quy chế phối hợp.", ["Sở Nội vụ"], "intro", 0.7).confidence["lead"] == 0.7
    # a heading names its units on a line of their own: its list stays as sure as its route
    assert _task("Rà soát quy chế.", ["Sở Nội vụ", "Sở Tư pháp", "Sở Y tế"], "heading", 0.9).confidence["lead"] == 0.9
    # a list in the item's own opening, or in a table column, is read where it stands
    assert _task("Rà soát quy chế.", ["Sở Nội vụ", "Sở Tư pháp", "Sở Y tế"], "column", 0.95).confidence["lead"] == 0.95


def test_paragraphs_sharing_one_item_are_less_sure_of_being_tasks():
    def task(path: str, route: str) -> Task:
        t = Task(text="Rà soát hồ sơ.", path=path)
        t.confidence["task"], t.found_by["task"] = 0.8, route
        return t

    # "1.b" holds two unnumbered paragraphs read as two tasks: either may only go on with the other
    first, second, alone, item = task("1.b", "paragraph"), task("1.b", "paragraph"), task("2", "paragraph"), task("3.a", "item")
    reconsider_leads([first, second, alone, item])
    assert first.confidence["task"] < UNSURE and second.found_by["task"] == "paragraph+shared_item"
    assert alone.confidence["task"] == 0.8 and item.confidence["task"] == 0.8


def test_a_partner_named_where_no_support_was_read_leaves_the_support_unsure():
    def task(text: str, support: list[str]) -> Task:
        t = Task(text=text, support=[UnitRef(n) for n in support])
        t.confidence["support"], t.found_by["support"] = 0.9, "none" if not support else "cue"
        reconsider_leads([t])
        return t

    missed = task("Phối hợp với chính quyền cơ sở dọn dẹp trường lớp sau lũ.", [])
    assert (missed.found_by["support"], missed.confidence["support"] < UNSURE) == ("none+partner", True)
    # no partner named: an empty support is as sure as before
    assert task("Dọn dẹp trường lớp sau lũ.", []).confidence["support"] == 0.9
    # "phối hợp chặt chẽ" alone names no partner
    assert task("Chỉ đạo các trường phối hợp chặt chẽ, bảo đảm an toàn.", []).confidence["support"] == 0.9


def test_a_class_of_units_taken_from_a_lead_in_is_unsure_one_named_unit_is_not():
    # "Các bộ, ngành, địa phương, đơn vị thực hiện:" opens a list whose items may name their own actors
    many = _task("Rà soát hồ sơ dự án chậm tiến độ.", ["các bộ, ngành, địa phương, đơn vị"], "intro", 0.7)
    assert many.confidence["lead"] < UNSURE and many.found_by["lead"] == "intro+collective"
    # a lead-in cut before where the class ends ("... các tỉnh, thành phố | từ Hà Tĩnh đến Lâm Đồng")
    cut = _task("Huy động lực lượng dọn bùn sau lũ.", ["Chủ tịch Ủy ban nhân dân các tỉnh, thành phố"], "intro", 0.7)
    assert cut.confidence["lead"] < UNSURE
    # one unit named by the lead-in stays as sure as its route
    one = _task("Rà soát văn bản quy phạm pháp luật.", ["Sở Tư pháp"], "intro", 0.7)
    assert one.confidence["lead"] == 0.7 and one.found_by["lead"] == "intro"
    # a class of units under a heading of its own is read well: no doubt there
    assert _task("Rà soát hồ sơ.", ["Các sở, ban, ngành"], "heading", 0.9).confidence["lead"] == 0.9
    # "các" inside one unit's name, a comma inside one unit's name: one unit
    assert _task("Vận động doanh nghiệp.", ["Ban Quản lý các khu công nghiệp tỉnh"], "intro", 0.7).confidence["lead"] == 0.7
    assert _task("Tổ chức lễ hội.", ["Sở Văn hóa, Thể thao và Du lịch"], "intro", 0.7).confidence["lead"] == 0.7


def test_a_lead_in_naming_the_documents_own_issuer_is_unsure():
    def led(name: str, route: str = "intro", conf: float = 0.7) -> Task:
        t = Task(text="Tăng cường quan trắc môi trường vùng biển.", lead=[UnitRef(name)])
        t.confidence["lead"], t.found_by["lead"] = conf, route
        reconsider_leads([t], "2026-03-02", "UBND tỉnh Nam Hải")
        return t

    # the plan's author telling what the plan holds: "Ủy ban nhân dân tỉnh Nam Hải xác định các nhiệm vụ sau:"
    own = led("Ủy ban nhân dân tỉnh Nam Hải")
    assert own.confidence["lead"] < UNSURE and own.found_by["lead"] == "intro+issuer"
    assert led("Ủy ban nhân dân tỉnh").confidence["lead"] < UNSURE  # the issuer without its place
    # another unit named by the lead-in, or the issuer under a heading of its own: as the route says
    assert led("Sở Tài nguyên và Môi trường").confidence["lead"] == 0.7
    assert led("UBND tỉnh Nam Hải", "heading", 0.9).confidence["lead"] == 0.9
    # without a known issuer nothing is doubted
    t = Task(text="Tăng cường quan trắc.", lead=[UnitRef("UBND tỉnh Nam Hải")])
    t.confidence["lead"], t.found_by["lead"] = 0.7, "intro"
    reconsider_leads([t], None, None)
    assert t.confidence["lead"] == 0.7


def test_parse_gives_the_issuer_to_the_lead_doubts():
    # UBND tỉnh Nam Hải's plan: "Ủy ban nhân dân tỉnh Nam Hải thực hiện các nhiệm vụ, giải pháp sau:"
    draft = parse_file(DATA / "docs" / "plan-issuer-lead-in.txt", resolve=False)
    assert draft.header.issuer == "UBND tỉnh Nam Hải"
    assert draft.tasks and all(t.found_by["lead"] == "intro+issuer" and t.confidence["lead"] < UNSURE
                               for t in draft.tasks)
