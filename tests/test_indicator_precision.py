"""Indicator keywords that named other work than the index's (issue 11, "precision before recall"):
digitising data or procedures is not digitising dossiers (13), a person's data store is where re-used
data lies (14, not 16), a list or a register that is no procedure (2, 4), processing time a unit answers
for (5), data synchronised between databases (4), satisfaction results as the basis of other work (21). Sentences in our own words."""
from __future__ import annotations

import pytest

from tracker.extract.indicators import link_indicators


@pytest.mark.parametrize(
    "text, indicator, linked",
    [
        # digitising dossiers, their results, at the desk that receives them: 13
        ("Số hóa toàn bộ hồ sơ, tài liệu còn hiệu lực của thủ tục hành chính trước tháng 12.", 13, True),
        ("Bố trí máy quét để tiếp nhận, số hóa, trả kết quả tại Bộ phận Một cửa xã.", 13, True),
        # digitising databases or the procedures themselves, or a bare call with no dossier: none
        ("Ưu tiên số hóa, hoàn thiện các bộ dữ liệu ngành phục vụ cải cách thủ tục hành chính.", 13, False),
        ("Nghiên cứu cắt giảm, số hóa các thủ tục hành chính thuộc lĩnh vực xây dựng.", 13, False),
        ("Phối hợp triển khai số hóa theo hướng dẫn của Bộ đối với cơ sở dữ liệu phục vụ thủ tục hành chính.", 13, False),
        # a person's data store: consulting or upgrading it is re-use (14), not 16
        ("Nâng cấp Kho dữ liệu điện tử của tổ chức, cá nhân để khai thác, sử dụng lại dữ liệu số hóa "
         "khi giải quyết thủ tục hành chính.", 16, False),
        ("Nâng cấp Kho dữ liệu điện tử của tổ chức, cá nhân để khai thác, sử dụng lại dữ liệu số hóa "
         "khi giải quyết thủ tục hành chính.", 14, True),
        # a list of procedures is published work (2); a list of feedback fields, a land register is not
        ("Cập nhật kịp thời danh mục thủ tục hành chính mới của ngành.", 2, True),
        ("Cấp tài khoản xử lý phản ánh, kiến nghị; cập nhật danh mục các lĩnh vực được phản ánh.", 2, False),
        ("Cung cấp thông tin khi giải quyết thủ tục hành chính, cập nhật dữ liệu đất đai của xã.", 2, False),
        ("Gửi bản sao giấy chứng nhận để cập nhật, chỉnh lý hồ sơ địa chính sau khi giải quyết thủ tục hành chính.", 4, False),
        # data synchronised with dossiers or the national portal is 4; between databases it is data work
        ("Đồng bộ dữ liệu hồ sơ thủ tục hành chính lên Cổng Dịch vụ công quốc gia.", 4, True),
        ("Chuẩn hóa, đồng bộ dữ liệu về Trung tâm dữ liệu quốc gia phục vụ giải quyết thủ tục hành chính.", 4, False),
        # processing time watched is 5; processing time a unit answers for is an accountability line
        ("Theo dõi thời gian giải quyết thủ tục hành chính của các xã, phường.", 5, True),
        ("Chịu trách nhiệm về thời gian giải quyết thủ tục hành chính tại cơ quan mình.", 5, False),
        # satisfaction measured is 21; satisfaction results as the basis of rewards are not
        ("Khảo sát mức độ hài lòng của người dân khi giải quyết thủ tục hành chính.", 21, True),
        ("Khen thưởng công chức Bộ phận Một cửa dựa trên kết quả đánh giá mức độ hài lòng của người dân.", 21, False),
    ],
)
def test_a_keyword_links_only_where_its_indicator_is_the_work(text, indicator, linked):
    assert (indicator in link_indicators(text)) is linked
