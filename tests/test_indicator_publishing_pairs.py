"""Publishing procedures and digitising dossiers link the indicators the gold reads together
(Decision 766 group I: 2 and 3; group IV: 12 and 13). Sentences written for these tests."""
from __future__ import annotations

import pytest

from tracker.extract.indicators import link_indicators


@pytest.mark.parametrize(
    "text, expected",
    [
        # posting procedures where people file them: publishing (2) them in full (3)
        ("Các phòng chuyên môn niêm yết công khai tại Trung tâm Phục vụ hành chính công và thực hiện "
         "giải quyết thủ tục hành chính theo quy trình đã duyệt", [2, 3]),
        ("Gửi đủ nội dung, quy trình giải quyết thủ tục hành chính để Bộ phận Một cửa xã niêm yết, công khai", [2, 3]),
        # publishing in full, no procedure named between: still 2 with 3
        ("Tổ chức niêm yết công khai đầy đủ danh mục tại Bộ phận Một cửa của xã", [2, 3]),
    ],
)
def test_posting_procedures_publishes_them(text, expected):
    assert link_indicators(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # posted, but not procedures: replies to voters, a price list at a shop
        "Niêm yết công khai kết quả giải quyết kiến nghị của cử tri tại nhà văn hóa thôn",
        "Niêm yết công khai giá bán lẻ và thu phí, lệ phí đúng mức tại các điểm bán hàng",
    ],
)
def test_posting_other_things_links_none(text):
    assert link_indicators(text) == []


def test_digitising_the_parts_of_a_dossier_links_both_digitising_indicators():
    text = "Khi hồ sơ hợp lệ, công chức một cửa thực hiện số hóa thành phần hồ sơ và chuyển bộ phận chuyên môn"
    assert link_indicators(text) == [12, 13]


def test_digitising_at_the_desk_alone_links_the_dossiers():
    assert link_indicators("Thực hiện tiếp nhận, số hóa và trả hồ sơ tại Bộ phận Một cửa cấp xã") == [13]


def test_data_already_digitised_is_no_digitising_work():
    # "đã được số hóa": the data is there already; the work is using it, not digitising dossiers
    text = "Đơn giản hóa các thủ tục hành chính có thể dùng giấy tờ, hồ sơ đã được số hóa của người dân"
    assert 13 not in link_indicators(text)


def test_a_procedures_filing_address_is_no_online_filing_work():
    # the step tells applicants where to file; no work that brings more dossiers online (8)
    text = ("Bước 1. Nộp hồ sơ: - Nộp hồ sơ trực tuyến tại địa chỉ https://dichvucong.gov.vn; - Nộp trực tiếp "
            "tại Bộ phận Một cửa; công chức tiếp nhận, số hóa thành phần hồ sơ")
    assert link_indicators(text) == [12, 13]


def test_raising_online_filing_still_links():
    assert link_indicators("Tăng tỷ lệ hồ sơ nộp trực tuyến tại Bộ phận Một cửa các xã") == [8]
