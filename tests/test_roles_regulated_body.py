"""A decision issuing the regulation of one body's functions and duties: the items of its articles name no
one, and the body the regulation is about leads them (roles.toml [regulation]); on a document written for
these tests (tests/data/docs, our own words) parsed end to end, and on titles one at a time."""
from __future__ import annotations

import pytest
from conftest import DATA, parse_json

from tracker.extract.roles import regulated_body


def _roles(data):
    return {t["path"]: ([u["name"] for u in t["lead"]], [u["name"] for u in t["support"]]) for t in data["tasks"]}


def test_items_of_a_functions_regulation_are_the_regulated_bodys():
    data = parse_json(DATA / "docs" / "decision-regulates-body-functions.txt", "--no-resolve")
    body = ["Sở Nông nghiệp và Môi trường"]  # as the body text writes it, not the capitals of the title
    roles = _roles(data)
    assert roles["Điều 2.1.a"] == (body, [])
    assert roles["Điều 2.2.a"] == (body, [])
    assert roles["Điều 2.2.b"] == (body, ["Sở Tài chính"])  # "Chủ trì, phối hợp với X": the body leads
    assert roles["Điều 2.2.c"][0] == ["Công an tỉnh"]  # an item naming its own doer keeps it
    assert roles["Điều 2.3"] == (body, [])
    conf = {t["path"]: t["confidence"] for t in data["tasks"]}
    assert conf["Điều 2.1.b"]["lead"] >= 0.6 and conf["Điều 2.1.b"]["task"] >= 0.6  # no longer "no lead"
    assert not any(t["path"].startswith("Điều 3") for t in data["tasks"])  # the organisation article stays no task


@pytest.mark.parametrize("titles,body", [
    (["QUYẾT ĐỊNH BAN HÀNH QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN VÀ CƠ CẤU TỔ CHỨC CỦA SỞ XÂY DỰNG", ""],
     "SỞ XÂY DỰNG"),
    # the attached regulation's title, its issuing line in brackets after it
    (["QUYẾT ĐỊNH", "QUY CHẾ TỔ CHỨC VÀ HOẠT ĐỘNG CỦA BAN QUẢN LÝ KHU KINH TẾ (Kèm theo Quyết định số 5/QĐ-UBND)"],
     "BAN QUẢN LÝ KHU KINH TẾ"),
    (["Quyết định Quy định chức năng, nhiệm vụ, quyền hạn của Trung tâm Dịch vụ nông nghiệp"], "Trung tâm Dịch vụ nông nghiệp"),
    (["QUY CHẾ LÀM VIỆC CỦA ỦY BAN NHÂN DÂN XÃ HÒA AN"], "ỦY BAN NHÂN DÂN XÃ HÒA AN"),
    # a body under another: its own name, not the body it belongs to
    (["QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN VÀ CƠ CẤU TỔ CHỨC CỦA CHI CỤC THỦY LỢI THUỘC SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"],
     "CHI CỤC THỦY LỢI"),
    (["Quy chế tổ chức và hoạt động của Trung tâm Khuyến công trực thuộc Sở Công Thương tỉnh Bắc Lam"], "Trung tâm Khuyến công"),
    # a regulation of a field, or of how bodies work together: no one body it is about
    (["QUYẾT ĐỊNH BAN HÀNH QUY CHẾ PHỐI HỢP TRONG CÔNG TÁC QUẢN LÝ NHÀ NƯỚC VỀ TÔN GIÁO TRÊN ĐỊA BÀN TỈNH"], None),
    (["QUYẾT ĐỊNH BAN HÀNH QUY CHẾ QUẢN LÝ, SỬ DỤNG HỆ THỐNG THƯ ĐIỆN TỬ CỦA TỈNH"], None),
    (["KẾ HOẠCH TRIỂN KHAI NHIỆM VỤ CỦA SỞ Y TẾ NĂM 2026"], None),
])
def test_the_body_a_regulation_is_about(titles, body):
    assert regulated_body(titles) == body


def test_the_body_as_the_text_writes_it():
    titles = ["QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN CỦA SỞ XÂY DỰNG"]
    assert regulated_body(titles, "Điều 1. Ban hành kèm theo Quyết định này Quy định ... của Sở Xây dựng.") == "Sở Xây dựng"



def test_a_body_under_another_as_the_text_writes_it():
    titles = ["QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ, QUYỀN HẠN CỦA CHI CỤC THỦY LỢI THUỘC SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH BẮC LAM"]
    body = "Điều 1. Vị trí và chức năng. 1. Chi cục Thủy lợi là tổ chức hành chính thuộc Sở Nông nghiệp và Môi trường."
    assert regulated_body(titles, body) == "Chi cục Thủy lợi"


def test_a_branch_under_a_department_leads_its_items_by_its_own_name():
    """The regulation of a branch 'thuộc Sở ...': its items, and those that propose to someone ('Đề nghị Giám đốc Sở
    quyết định ...': the branch proposes), are the branch's, named as its articles name it."""
    data = parse_json(DATA / "docs" / "decision-regulates-branch-functions.txt", "--no-resolve")
    roles = _roles(data)
    body = ["Chi cục Thủy lợi"]
    assert roles["Điều 2.1"] == (body, [])
    assert roles["Điều 2.2"] == (body, [])
    assert roles["Điều 2.3"] == (body, [])
