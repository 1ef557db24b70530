"""Indicator links where a phrase names the goal or the frame of other work, not the work (issue 11,
"precision before recall"), and dossiers listed beside other papers. Sentences in our own words."""
from __future__ import annotations

import pytest

from tracker.extract.indicators import link_indicators


@pytest.mark.parametrize(
    "text, expected",
    [
        # "đồng bộ với" is "in step with" unless the dossiers or the national portal are there
        ("Xây dựng kế hoạch cải cách thủ tục hành chính của huyện thống nhất, đồng bộ với kế hoạch của tỉnh.", False),
        ("Kết nối đồng bộ với hệ thống dịch vụ công và nền tảng dữ liệu mở của ngành.", False),
        ("Bảo đảm hồ sơ được giải quyết trên hệ thống của tỉnh và liên thông, đồng bộ với Cổng Dịch vụ "
         "công quốc gia.", True),
    ],
)
def test_in_step_with_is_no_synchronising(text, expected):
    assert (4 in link_indicators(text)) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # processing time as the goal of other work ("nhằm ...") is no work of processing on time
        ("Đẩy mạnh ủy quyền cho cấp xã nhằm rút ngắn thời gian giải quyết thủ tục hành chính.", False),
        ("Theo dõi tiến độ giải quyết hồ sơ thủ tục hành chính, không để hồ sơ quá hạn.", True),
    ],
)
def test_time_named_as_a_goal_links_no_indicator_5(text, expected):
    assert (5 in link_indicators(text)) is expected


def test_online_services_as_what_rules_are_fitted_to_are_not_their_use():
    fitted = link_indicators("Sửa đổi các văn bản chưa phù hợp với việc triển khai dịch vụ công trực tuyến toàn trình.")
    assert not {7, 8} & set(fitted)
    assert {6, 7, 8} <= set(link_indicators("Đẩy mạnh dịch vụ công trực tuyến toàn trình cho các thủ tục đủ điều kiện."))


def test_dossiers_listed_beside_other_papers_are_still_digitised_dossiers_and_results():
    assert {12, 13} <= set(link_indicators("Số hóa toàn bộ hồ sơ, tài liệu, kết quả giải quyết thủ tục hành chính còn hiệu lực."))


def test_the_set_of_procedures_published_is_publishing_procedures():
    assert 2 in link_indicators("Cập nhật đầy đủ, kịp thời Bộ thủ tục hành chính mới ban hành lên trang thông tin của huyện.")
