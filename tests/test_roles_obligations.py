"""Obligations written as such (corpus convention d, s34): "X phải ...", "X có nghĩa vụ ..." name their bearer X,
read as written with the words saying which, when X opens with a kind of actor. Not a bearer: a thing ("Hồ sơ
phải được lưu ..."), a definition ("Tổ chức là ..."), a beneficiary meeting conditions ("... được hỗ trợ phải đáp
ứng các điều kiện sau")."""
from __future__ import annotations

import pytest

from tracker.extract.roles import Roles, names_actor, roles_of
from tracker.extract.unit_phrases import names_agent


@pytest.mark.parametrize("text,lead", [
    ("Hộ gia đình, cá nhân canh tác ven suối phải dọn thực bì trước mùa khô.", ["Hộ gia đình, cá nhân canh tác ven suối"]),
    ("Doanh nghiệp vận tải hành khách có nghĩa vụ niêm yết giá vé tại bến.", ["Doanh nghiệp vận tải hành khách"]),
    ("Người nộp lệ phí có nghĩa vụ lưu giữ biên lai.", ["Người nộp lệ phí"]),
    ("Các cơ quan, đơn vị, tổ chức, hộ gia đình, lực lượng vũ trang đóng ven biển phải chấp hành lệnh sơ tán.",
     ["Các cơ quan, đơn vị, tổ chức, hộ gia đình, lực lượng vũ trang đóng ven biển"]),
])
def test_an_obligation_names_its_bearer(text, lead):
    assert roles_of(text, Roles()).lead == lead
    assert names_actor(text)


@pytest.mark.parametrize("text", [
    "Hồ sơ phải được lưu trữ đầy đủ theo quy định.",
    "Nội dung tuyên truyền phải ngắn gọn, dễ hiểu.",
    "Tổ chức là các đơn vị kinh doanh có pháp nhân, phải có chức năng đào tạo.",
    "Tổ chức, cá nhân được hỗ trợ phải đáp ứng các điều kiện sau:",
])
def test_no_bearer(text):
    assert roles_of(text, Roles()).lead == []


def test_agents():
    assert names_agent("Người sử dụng hệ thống") and names_agent("Các doanh nghiệp") and names_agent("Chủ cơ sở")
    assert not names_agent("Thời gian thực hiện") and not names_agent("Hồ sơ")


def test_an_agent_noun_makes_a_lead_cue_part_of_the_bearer():
    r = roles_of("Người chủ trì soạn thảo tờ trình có trách nhiệm lấy ý kiến các phòng liên quan.", Roles())
    assert r.lead == ["Người chủ trì soạn thảo tờ trình"]
