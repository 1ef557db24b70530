"""Items that state an amount, a permission, or leave rights to the law give no work (outline.toml
[statements] no_work).

"Đối với Trưởng ban: 1.000.000 đồng/người/tháng." sets what is paid; "Các quyền khác theo quy định của
pháp luật." closes a list of a body's rights; "Được phép ..." says what one may do. Sentences in our own words.
"""
from __future__ import annotations

import pytest

from tracker.structure.outline import states_only


@pytest.mark.parametrize("text", [
    "Đối với Trưởng ban: 1.500.000 đồng/người/tháng.",
    "Đối với cộng tác viên thôn: 30% mức lương cơ sở.",
    "Mức hỗ trợ ăn trưa: tối đa 40.000 đồng/người/ngày.",
    "Các quyền khác theo quy định của pháp luật.",
    "Các nghĩa vụ khác theo quy định của pháp luật về thoát nước.",
    "Được phép áp dụng hình thức chỉ định thầu đối với các gói thầu khắc phục sự cố.",
    "Các hộ kinh doanh chỉ được phép đặt biển quảng cáo sau khi có văn bản chấp thuận.",
    "Trung tâm có tư cách pháp nhân, có con dấu và tài khoản riêng theo quy định.",
])
def test_amounts_and_rights_left_to_the_law_are_no_work(text):
    assert states_only(text)


@pytest.mark.parametrize("text", [
    "Đối với các xã: tổ chức tuyên truyền đến 100% thôn trước ngày 30/6.",
    "Mức chi: thực hiện theo hướng dẫn của Sở Tài chính.",
    "Các sở thực hiện các quyền và nghĩa vụ theo quy định, báo cáo kết quả hằng quý.",
    "Sở Công Thương chủ trì, bảo đảm các hộ kinh doanh được phép hoạt động trở lại.",
    "Sở Nội vụ là cơ quan thường trực của Hội đồng, tổng hợp kết quả hằng năm.",
])
def test_work_beside_amounts_stays(text):
    assert not states_only(text)
