"""A post, then the body it heads named by words that could open a sentence ("Bộ trưởng Bộ Xây dựng",
"Giám đốc Sở Xây dựng"): the body's name is read whole, as it is at a name's start; phrases in our own words."""
from __future__ import annotations

import pytest

from tracker.extract.unit_phrases import units_at


@pytest.mark.parametrize("text,names", [
    ("Bộ trưởng Bộ Xây dựng trực tiếp chỉ đạo nhà thầu", ["Bộ trưởng Bộ Xây dựng"]),
    ("Giao đồng chí Bộ trưởng Bộ Xây dựng chỉ đạo", None),
    ("Bộ trưởng Bộ Xây dựng, Bộ trưởng Bộ Tài chính phối hợp", ["Bộ trưởng Bộ Xây dựng", "Bộ trưởng Bộ Tài chính"]),
    # names that never looked like a verb are read as before
    ("Bộ trưởng Bộ Công an chỉ đạo", ["Bộ trưởng Bộ Công an"]),
    ("Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ thực hiện", ["Các Bộ trưởng", "Thủ trưởng cơ quan ngang bộ"]),
])
def test_a_post_and_the_body_it_heads(text, names):
    if names is None:  # after an addressing word
        at = text.index("Bộ trưởng")
        assert [u.text for u in units_at(text, at)[0]] == ["Bộ trưởng Bộ Xây dựng"]
    else:
        assert [u.text for u in units_at(text, 0)[0]] == names


@pytest.mark.parametrize("text,at,names", [
    ("Đề nghị các sở, ngành, các thành viên Tổ công tác khẩn trương góp ý", 8, ["các sở, ngành", "các thành viên Tổ công tác"]),
    ("Thành viên Tổ công tác có trách nhiệm nghiên cứu hồ sơ", 0, ["Thành viên Tổ công tác"]),
    ("Các tổ chức thành viên của Mặt trận tham gia", 0, ["Các tổ chức thành viên của Mặt trận"]),
])
def test_the_members_of_a_board_are_a_unit(text, at, names):
    assert [u.text for u in units_at(text, at)[0]] == names
