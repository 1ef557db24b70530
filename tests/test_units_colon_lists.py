"""Colon lists of names (s33 gold convention 4): one unit per name with the office and the kind, under one kind
and at most one office; otherwise one unit as written."""
import pytest

from tracker.extract.unit_phrases import colon_list, split_units


@pytest.mark.parametrize("text,want", [
    ("Các Sở: Xây dựng, Công Thương; Khoa học và Công nghệ",
     ["Sở Xây dựng", "Sở Công Thương", "Sở Khoa học và Công nghệ"]),
    ("Bộ trưởng các Bộ: Công an, Ngoại giao", ["Bộ trưởng Bộ Công an", "Bộ trưởng Bộ Ngoại giao"]),
    ("Các Cục: Thuế, Hải quan", ["Cục Thuế", "Cục Hải quan"]),
    ("Tổng giám đốc: Đài Phát thanh A, Đài Truyền hình B", ["Tổng giám đốc Đài Phát thanh A", "Tổng giám đốc Đài Truyền hình B"]),
    # a name with commas inside stays whole, and the kind goes on after ";"
    ("Các Bộ: Văn hóa, Thể thao và Du lịch; Tài chính", ["Bộ Văn hóa, Thể thao và Du lịch", "Bộ Tài chính"]),
])
def test_one_unit_per_name(text, want):
    assert split_units(text) == want


@pytest.mark.parametrize("text", [
    "Chủ tịch UBND các tỉnh, thành phố: Cần Thơ, Đà Nẵng",  # which place is which kind is not said
    "Bí thư Tỉnh ủy, Chủ tịch UBND các tỉnh: Gia Lai, Lâm Đồng",  # two offices
    # two offices joined by "và", an honorific before the first
    "Đồng chí Bí thư Tỉnh ủy và Chủ tịch UBND các tỉnh: Sơn La, Lai Châu",
    "Các đồng chí Bí thư Thành ủy và Chủ tịch UBND các thành phố: Hải Phòng, Cần Thơ",
])
def test_one_unit_as_written(text):
    assert split_units(text) == [text]


def test_no_colon_list():
    assert colon_list("Sở, ban, ngành; UBND cấp xã") is None
    assert split_units("Sở, ban, ngành; UBND cấp xã") == ["Sở, ban, ngành", "UBND cấp xã"]


def test_honorific_before_one_office_still_splits():
    # "Đồng chí" is no post of its own: one office, one kind of body, one unit per name
    assert split_units("Đồng chí Chủ tịch UBND các huyện: Mường Tè, Sìn Hồ") == [
        "Đồng chí Chủ tịch UBND huyện Mường Tè", "Đồng chí Chủ tịch UBND huyện Sìn Hồ"]
