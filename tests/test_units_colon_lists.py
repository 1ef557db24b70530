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
])
def test_one_unit_as_written(text):
    assert split_units(text) == [text]


def test_no_colon_list():
    assert colon_list("Sở, ban, ngành; UBND cấp xã") is None
    assert split_units("Sở, ban, ngành; UBND cấp xã") == ["Sở, ban, ngành", "UBND cấp xã"]
