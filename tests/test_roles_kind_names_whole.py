"""A kind of unit in common nouns and the words saying which, read whole: up to a heading's colon ("Các cơ sở
nuôi ong mật:", "...: Theo dõi ..."), through what "có" has ("các cơ sở chế biến có lưu lượng nước thải lớn"),
but not through "có" before the predicate's verb ("Các đơn vị có yêu cầu gửi ..."). A short name the document
defines as a kind ("(sau đây gọi tắt là cơ quan, đơn vị)") stays as the document writes it."""
from __future__ import annotations

import pytest

from tracker.extract.roles import Roles, opening, roles_of
from tracker.extract.short_names import short_names


@pytest.mark.parametrize("text,name", [
    ("Các cơ sở nuôi ong mật:", "Các cơ sở nuôi ong mật"),
    ("Các cơ quan báo chí, phát thanh của huyện:", "Các cơ quan báo chí, phát thanh của huyện"),
])
def test_kind_heading_up_to_its_colon(text, name):
    op = opening(text)
    assert (op.kind, op.units, op.rest) == ("heading", [name], "")


def test_kind_heading_with_its_work_run_on():
    op = opening("Các cơ sở nuôi ong mật: Theo dõi diễn biến thời tiết, di chuyển đàn ong kịp thời.")
    assert (op.kind, op.units) == ("runon", ["Các cơ sở nuôi ong mật"])
    assert op.rest.startswith("Theo dõi")


def test_a_kind_with_a_verb_before_the_colon_is_no_heading():
    # "thực hiện" is the verb: a labelled line or a sentence, not a name up to the colon
    assert opening("Các đơn vị thực hiện: Sở Y tế, Sở Tài chính.").units == ["Các đơn vị"]


def test_what_co_has_is_part_of_the_name():
    r = roles_of("Các cơ sở chế biến có lưu lượng nước thải lớn phải lắp đặt thiết bị quan trắc tự động.", Roles())
    assert r.lead == ["Các cơ sở chế biến có lưu lượng nước thải lớn"]


def test_co_before_the_verb_is_the_predicate():
    r = roles_of("Các đơn vị có yêu cầu gửi văn bản về Văn phòng trước ngày 10 hằng tháng.", Roles())
    assert r.lead == ["Các đơn vị"]


def test_a_kind_as_short_name_is_not_written_out():
    text = ("Quy chế áp dụng đối với các cơ quan, đơn vị nhà nước của tỉnh (sau đây gọi tắt là cơ quan, đơn vị). "
            "Ban Chỉ đạo chuyển đổi số tỉnh Bắc Minh (sau đây gọi tắt là Ban Chỉ đạo) họp hằng quý.")
    found = short_names(text)
    assert "co quan, don vi" not in found
    assert found["ban chi dao"] == "Ban Chỉ đạo chuyển đổi số tỉnh Bắc Minh"
