"""An item that opens on the case it waits for ("Trường hợp X, <work>") is due when X happens: an
event. Not where "Trường hợp X:" heads the cases of a regulation (the condition ends in a colon), nor a
discretion ("Trường hợp cần thiết, ..."), nor "trường hợp" inside a longer item. Difficulties met
"(nếu có)" are solved or reported when they arise (check_gold.py). Sentences in our own words."""
from __future__ import annotations

import pytest

from tracker.extract.deadlines import find_deadline, read_deadline

DOC = "2025-10-01"


@pytest.mark.parametrize(
    "text",
    [
        "Trường hợp mực nước sông vượt báo động III, tổ chức di dời người dân khỏi vùng trũng.",
        "Trường hợp hồ sơ nộp trực tuyến bị lỗi, bộ phận một cửa hướng dẫn người nộp gửi lại.",
    ],
)
def test_an_item_opening_on_its_case_waits_for_it(text):
    found = read_deadline(text, DOC)
    assert found.deadline is not None and found.deadline.kind == "event"
    assert found.deadline.text.startswith("Trường hợp")
    assert found.how == "event_opening"


@pytest.mark.parametrize(
    "text",
    [
        "Trường hợp xe quá tải do hai cơ quan kiểm tra: Công an tỉnh chủ trì lập biên bản.",
        "Trường hợp thanh tra việc sử dụng đất, xây dựng theo Điều 5 Quy định này: Sở Xây dựng chủ trì.",
        "Trường hợp cần thiết, báo cáo Chủ tịch UBND xã xem xét.",
        "Tổ chức trực ban; trường hợp mưa lớn kéo dài, huy động lực lượng xung kích.",
    ],
)
def test_no_event_from_a_case_heading_a_discretion_or_a_case_inside(text):
    dl = find_deadline(text, DOC)
    assert dl is None or not dl.text.lower().startswith("trường hợp")


def test_difficulties_if_any_are_the_items_event():
    dl = find_deadline("Theo dõi, giải quyết các vướng mắc (nếu có) trong quá trình triển khai.", DOC)
    assert dl is not None and dl.kind == "event" and dl.text.startswith("vướng mắc (nếu có)")


def test_a_fee_if_any_is_no_event():
    assert find_deadline("Thu phí, lệ phí (nếu có) và trả kết quả cho người dân.", DOC) is None


def test_a_forecast_the_work_waits_for_is_an_event():
    dl = find_deadline("Vận hành xả nước đệm các hồ chứa khi dự báo có bão đổ bộ.", DOC)
    assert dl is not None and dl.kind == "event" and dl.text.startswith("khi dự báo")
