"""An item under a heading naming its doer that opens by handing work to that unit's own people, named in
common nouns ("Giao lực lượng Công an cấp xã ...", "Phân công cán bộ, công chức ..."): the heading's unit leads.
A body named by its own name ("Giao Công an tỉnh ...") is handed the work over the heading: it leads. Two posts
over one colon list of places in the addressee lines stay one recipient as written (convention 4)."""
from __future__ import annotations

import pytest
from conftest import DATA, parse_json

from tracker.extract.roles import Roles, roles_of


def test_heading_unit_hands_work_to_its_own_people_end_to_end():
    data = parse_json(DATA / "docs" / "heading-unit-hands-own-people.txt", "--no-resolve")
    leads = [(t["path"], [u["name"] for u in t["lead"]]) for t in data["tasks"]]
    xa = ["UBND các xã, phường"]
    assert leads == [("1.-1", xa), ("1.-2", xa), ("1.-3", ["Công an tỉnh"]), ("2.-1", ["Sở Tư pháp"])]
    assert data["directive"]["recipients"][0] == "Đồng chí Bí thư Huyện ủy và Chủ tịch UBND các huyện: Mường Lay, Tủa Chùa"


HEADING = Roles(["Các cơ quan, đơn vị"], [], "heading")


@pytest.mark.parametrize("text", [
    "Giao lực lượng bảo vệ cơ quan kiểm tra hệ thống phòng cháy hằng tuần.",
    "Phân công công chức phụ trách cập nhật dữ liệu lên hệ thống.",
])
def test_own_people_keep_the_heading_lead(text):
    r = roles_of(text, HEADING)
    assert (r.lead, r.lead_how) == (["Các cơ quan, đơn vị"], "heading")


@pytest.mark.parametrize("text,lead", [
    ("Giao Sở Tài chính bố trí kinh phí thực hiện.", ["Sở Tài chính"]),
    ("Giao các phòng chuyên môn tham mưu thực hiện.", ["các phòng chuyên môn"]),
])
def test_a_body_by_its_name_or_a_plural_is_handed_the_work(text, lead):
    assert roles_of(text, HEADING).lead == lead


def test_without_a_heading_the_assigned_units_lead():
    r = roles_of("Giao lực lượng Công an cấp xã tuần tra ban đêm.", Roles(["UBND tỉnh"], [], "recipients"))
    assert r.lead == ["lực lượng Công an cấp xã"]
