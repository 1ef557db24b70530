"""Indicator 10 of Decision 766 counts procedures whose financial obligations are integrated for
online payment. A task about financial obligations as tax work (assessing, collecting, chasing
land levies) advances no indicator; settling them electronically does (issue 11: "link only where
the task concerns administrative procedures and public services, precision before recall").
Sentences written for these tests, in our own words."""
from __future__ import annotations

import pytest

from tracker.extract.indicators import link_indicators


@pytest.mark.parametrize("text", [
    "Chi cục Thuế khu vực đôn đốc người sử dụng đất nộp đủ các khoản nghĩa vụ tài chính theo thông báo đã gửi.",
    "Phối hợp với cơ quan quản lý đất đai tháo gỡ vướng mắc khi xác định nghĩa vụ tài chính của hộ gia đình.",
    "Theo dõi các trường hợp được ghi nợ nghĩa vụ tài chính về đất và báo cáo khi đến hạn thanh toán nợ.",
])
def test_financial_obligations_as_tax_work_link_no_indicator(text):
    assert 10 not in link_indicators(text)


@pytest.mark.parametrize("text", [
    "Liên thông giải quyết hồ sơ đất đai có nghĩa vụ tài chính bằng phương thức điện tử giữa các cơ quan.",
    "Hướng dẫn người dân hoàn thành nghĩa vụ tài chính trực tuyến khi làm thủ tục đăng ký đất đai.",
])
def test_financial_obligations_settled_online_link_indicator_10(text):
    assert 10 in link_indicators(text)


def test_words_of_manner_do_not_break_a_keyword():
    # "bằng hình thức" only says how the payment is made: still online payment (9, 10, 11)
    assert {9, 10, 11} <= set(link_indicators("Khuyến khích người dân thanh toán phí, lệ phí thủ tục hành chính bằng hình thức trực tuyến."))
