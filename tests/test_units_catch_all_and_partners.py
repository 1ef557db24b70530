"""s33: the catch-all group after "và các" is a unit of its own (gold convention 2); a partner list goes on after a
separator with names the lists do not know."""
import pytest

from tracker.extract.unit_phrases import partners_at, units_at


@pytest.mark.parametrize("text,want", [
    ("Các sở, ban, ngành tỉnh và các đơn vị có liên quan tổ chức thực hiện.", ["Các sở, ban, ngành tỉnh", "các đơn vị có liên quan"]),
    ("Các bộ, ngành và các cơ quan khác triển khai.", ["Các bộ, ngành", "các cơ quan khác"]),
    # kinds joined by "và" stay one collective without a catch-all, and "và" without "các" stays one
    ("Các bộ, ngành và các địa phương triển khai.", ["Các bộ, ngành và các địa phương"]),
    ("Các cơ quan, đơn vị và cá nhân có liên quan thực hiện.", ["Các cơ quan, đơn vị và cá nhân có liên quan"]),
])
def test_catch_all_after_va_cac(text, want):
    assert [u.text for u in units_at(text)[0]] == want


@pytest.mark.parametrize("text,want", [
    ("chính quyền cơ sở, Hội Nông dân xã và các chi hội triển khai", ["chính quyền cơ sở", "Hội Nông dân xã", "các chi hội"]),
    ("Sở Tài chính, Kho bạc Nhà nước khu vực tỉnh thực hiện", ["Sở Tài chính", "Kho bạc Nhà nước khu vực tỉnh"]),
    # not a clause or the verb after the comma
    ("Sở Tài chính, nhất là trong việc bố trí vốn", ["Sở Tài chính"]),
    ("Sở Tài chính, bảo đảm tiến độ", ["Sở Tài chính"]),
])
def test_partner_list_goes_on_with_unknown_names(text, want):
    assert partners_at(text, 0) == want


@pytest.mark.parametrize("text,want", [
    ("Các đội xung kích ngay khi nhận được lệnh phải có mặt.", ["Các đội xung kích"]),
    ("Các hộ kinh doanh luôn bảo đảm an toàn thực phẩm.", ["Các hộ kinh doanh"]),
])
def test_an_adverb_ends_a_kinds_name(text, want):
    from tracker.extract.roles import opening

    assert opening(text).units == want
