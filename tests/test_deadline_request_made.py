"""A request already made in a paper the clause cites is no event to wait for: the work is given now.
Sentences written for these tests."""
from __future__ import annotations

from tracker.extract.deadlines import find_deadline

DOC = "2025-11-20"


def test_a_request_made_in_a_cited_paper_is_no_event():
    text = "Đề nghị Sở Nội vụ ban hành hướng dẫn bố trí cán bộ theo đề nghị của Sở Tài chính tại Văn bản số 12/STC-NS."
    assert find_deadline(text, DOC) is None


def test_a_request_to_come_is_still_an_event():
    found = find_deadline("Cung cấp số liệu về giá đất theo yêu cầu của Sở Tài chính.", DOC)
    assert found is not None and found.kind == "event"


def test_a_paper_cited_for_another_body_leaves_the_request_pending():
    # the paper belongs to the instruction after "theo chỉ đạo", not to the request
    text = ("Có ý kiến thẩm định hồ sơ theo đề nghị của cơ quan chủ trì bảo đảm tiến độ theo chỉ đạo của UBND tỉnh "
            "tại Văn bản số 88/UBND-KT.")
    found = find_deadline(text, DOC)
    assert found is not None and found.kind == "event"
