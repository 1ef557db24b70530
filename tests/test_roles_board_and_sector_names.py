"""Unit names: boards named by what they manage, the sector bodies of a
province since 2025, kinds of body named by what they are in charge of; on our own sentences and
on a decision written for them (tests/data/docs/boards-and-sector-bodies.txt)."""
from __future__ import annotations

import pytest
from conftest import DATA, parse_json

from tracker.extract.roles import opening
from tracker.extract.unit_phrases import units_at


def _names(text: str) -> list[str]:
    return [s.text for s in units_at(text)[0]]


@pytest.mark.parametrize("text,units", [
    # a board named by what it manages: "Quản lý" is the name's, up to the place, a capitalised name or the cue
    ("Ban Quản lý các khu công nghệ cao và khu công nghiệp tỉnh Hòa Lâm chủ trì thẩm định",
     ["Ban Quản lý các khu công nghệ cao và khu công nghiệp tỉnh Hòa Lâm"]),
    ("Ban Quản lý các khu công nghiệp chủ trì thẩm định", ["Ban Quản lý các khu công nghiệp"]),
    ("Ban Quản lý các cụm công nghiệp Nam Sơn cấp giấy phép", ["Ban Quản lý các cụm công nghiệp Nam Sơn"]),
    ("Ban quản lý chợ đầu mối có trách nhiệm bố trí", ["Ban quản lý chợ đầu mối"]),
    # a verb right after the board's head: the head alone is the name
    ("Trưởng ban Ban Quản lý trình Ủy ban nhân dân tỉnh", ["Trưởng ban Ban Quản lý"]),
    # a name known whole still stands when nothing runs on past it
    ("Ban Quản lý dự án đầu tư xây dựng số 2 triển khai", ["Ban Quản lý dự án đầu tư xây dựng số 2"]),
])
def test_board_names_run_over_what_they_manage(text, units):
    assert _names(text) == units


@pytest.mark.parametrize("text,units", [
    ("Thuế tỉnh Nam Lâm rà soát", ["Thuế tỉnh Nam Lâm"]),
    ("Thống kê tỉnh, thành phố chủ trì", ["Thống kê tỉnh, thành phố"]),
    ("Thuế thành phố Đông Hải căn cứ giá", ["Thuế thành phố Đông Hải"]),
    # the field alone names a law, not a body
    ("Luật Thuế sử dụng đất nông nghiệp", []),
])
def test_sector_bodies_of_a_province(text, units):
    assert _names(text) == units


@pytest.mark.parametrize("text,units", [
    ("Các Sở quản lý công trình xây dựng chuyên ngành Tỉnh chủ trì kiểm tra", ["Các Sở quản lý công trình xây dựng chuyên ngành Tỉnh"]),
    ("Sở quản lý ngành, lĩnh vực thẩm định", ["Sở quản lý ngành, lĩnh vực"]),
    ("các cơ quan chuyên môn quản lý ngành, lĩnh vực cấp tỉnh và UBND các xã tiếp nhận",
     ["các cơ quan chuyên môn quản lý ngành, lĩnh vực cấp tỉnh", "UBND các xã"]),
    # after a body's own name the words are its work
    ("Sở Xây dựng quản lý nhà nước về chất lượng công trình", ["Sở Xây dựng"]),
    # after words saying which, not right after the kind: the verb of the sentence
    ("các cơ quan, đơn vị có liên quan quản lý lĩnh vực báo chí", ["các cơ quan, đơn vị có liên quan"]),
])
def test_kinds_named_by_their_charge(text, units):
    assert _names(text) == units


def test_a_kind_with_its_charge_and_more_kinds_before_the_duty():
    op = opening("Các cơ quan quản lý nhà nước, tổ chức, cá nhân có liên quan có trách nhiệm thực hiện")
    assert op.units == ["Các cơ quan quản lý nhà nước, tổ chức, cá nhân có liên quan"]


def test_decision_assigning_boards_and_sector_bodies():
    data = parse_json(DATA / "docs" / "boards-and-sector-bodies.txt", "--no-resolve")
    got = [([u["name"] for u in t["lead"]], [u["name"] for u in t["support"]]) for t in data["tasks"]]
    board = "Ban Quản lý các khu công nghệ cao và khu công nghiệp tỉnh Hòa Lâm"
    assert got == [
        ([board], []),
        (["Ban Quản lý các cụm công nghiệp Nam Sơn"], []),
        (["Các Sở quản lý công trình xây dựng chuyên ngành Tỉnh"], []),
        (["Thuế tỉnh Nam Lâm"], []),
        (["Thống kê tỉnh Nam Lâm"], [board]),
    ]


@pytest.mark.parametrize("text,units", [
    # the Party's bodies of every kind go on a list of kinds after a comma
    ("Yêu cầu các cấp ủy, tổ chức đảng, các cơ quan, đơn vị, địa phương quán triệt",
     ["các cấp ủy, tổ chức đảng", "các cơ quan, đơn vị, địa phương"]),
    ("Đề nghị các chi bộ, đảng bộ trực thuộc tổ chức học tập", ["các chi bộ, đảng bộ trực thuộc"]),
])
def test_party_bodies_in_a_list_of_kinds(text, units):
    from tracker.extract.roles import addressed_units

    assert addressed_units(text) == units


@pytest.mark.parametrize("text,support", [
    # "có" and what work makes: the lead's verb, not words saying which partners
    ("Công ty Thủy lợi phối hợp với các địa phương có phương án điều tiết nước", ["các địa phương"]),
    ("Sở Y tế chủ trì, phối hợp các Sở, ngành có kế hoạch tập huấn", ["các Sở, ngành"]),
    # "có thẩm quyền" still says which
    ("Phối hợp với các cơ quan có thẩm quyền xử lý vi phạm", ["các cơ quan có thẩm quyền"]),
])
def test_partners_end_before_have_a_plan(text, support):
    from tracker.extract.roles import Roles, roles_of

    assert roles_of(text, Roles()).support == support
