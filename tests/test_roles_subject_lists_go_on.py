"""A subject's list goes on past names the unit list does not know, one unit per separator, up to where the work
starts ("Lực lượng Kiểm lâm, Công an, Quân đội, chính quyền địa phương, chủ rừng | phối hợp ..."); an agent noun
keeps its verb ("người sử dụng"); names after a place named with its level are more places, not units."""
from __future__ import annotations

import pytest

from tracker.extract.roles import Roles, roles_of
from tracker.extract.unit_phrases import names_go_on


@pytest.mark.parametrize("text,lead", [
    ("Lực lượng Kiểm lâm, Công an, Biên phòng, chính quyền cơ sở, chủ rừng phối hợp tuần tra các khu rừng.",
     ["Lực lượng Kiểm lâm", "Công an", "Biên phòng", "chính quyền cơ sở", "chủ rừng"]),
    ("Các cơ quan, đơn vị và người sử dụng có trách nhiệm bảo vệ mật khẩu.", ["Các cơ quan, đơn vị", "người sử dụng"]),
])
def test_the_list_goes_on_to_the_work(text, lead):
    assert roles_of(text, Roles()).lead == lead


@pytest.mark.parametrize("text", [
    "Sở Tài chính, căn cứ dự toán được giao, tham mưu UBND tỉnh phân bổ kinh phí.",  # a clause, no name
    "Bộ Quốc phòng các tỉnh Lào Cai, Yên Bái khẩn trương hoàn thành.",  # more places
    "Sở Y tế, nhất là các bệnh viện tuyến tỉnh, bảo đảm thuốc men.",  # an aside, no work right after it
])
def test_no_list_going_on(text):
    lead = roles_of(text, Roles()).lead
    assert len(lead) <= 2 and all(not n.startswith(("căn cứ", "Yên Bái", "nhất là")) for n in lead)


def test_names_go_on_needs_the_work_after():
    text = "Công an tỉnh, Quân đội, dân quân tự vệ và"
    assert names_go_on(text, len("Công an tỉnh")) is None
