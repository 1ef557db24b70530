"""Indicator 6 links where online public services are the work, not where they are named as what
other work serves or is judged by (a purpose clause, a survey of the present state): issue 11,
"precision before recall". Sentences in our own words."""
from __future__ import annotations

import pytest

from tracker.extract.indicators import link_indicators


@pytest.mark.parametrize(
    "text, linked",
    [
        # the service is the work
        ("Đẩy mạnh cung cấp dịch vụ công trực tuyến trên Cổng Dịch vụ công quốc gia.", True),
        ("Rà soát thủ tục hành chính; nâng cấp dịch vụ công trực tuyến lên mức toàn trình.", True),
        # ... or only what the work serves, the state surveyed, a user's experience
        ("Kết nối cơ sở dữ liệu đất đai với hệ thống giải quyết thủ tục hành chính phục vụ cung cấp "
         "dịch vụ công trực tuyến cho người dân.", False),
        ("Tổng rà soát hiện trạng cung cấp dịch vụ công trực tuyến của các sở.", False),
        ("Ban hành tiêu chuẩn về trải nghiệm của người dùng dịch vụ công trực tuyến.", False),
        ("Khắc phục bất cập liên quan đến thực hiện thủ tục hành chính và cung cấp dịch vụ công trực tuyến.", False),
    ],
)
def test_online_services_named_as_context_link_no_indicator_6(text, linked):
    assert (6 in link_indicators(text)) is linked


@pytest.mark.parametrize(
    "text, linked",
    [
        # handling feedback (on time, watched, urged) is indicator 19's work
        ("Theo dõi, đôn đốc các xã kịp thời xử lý phản ánh, kiến nghị của người dân.", True),
        ("Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính.", True),
        # promoting the app, accounts, statistics: feedback named, not handled
        ("Tuyên truyền, hướng dẫn người dân sử dụng ứng dụng phản ánh kiến nghị.", False),
        ("Cấp tài khoản cho các cơ quan để xử lý phản ánh kiến nghị trên ứng dụng.", False),
        ("Báo cáo số liệu tiếp nhận, xử lý phản ánh kiến nghị hằng tháng.", False),
    ],
)
def test_feedback_links_indicator_19_only_where_its_handling_is_the_work(text, linked):
    assert (19 in link_indicators(text)) is linked
