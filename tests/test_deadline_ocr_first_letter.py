"""A recurrence word read through OCR noise ("Thường xuýt") keeps its first letters: OCR misreads
a letter or a tone mark inside a word, not the word's first letter. "nhân Tháng hành động" (on the
occasion of an action month) is other words, no misread "hằng tháng" (issue 11: a descriptive
clause is not a deadline). Sentences written for these tests, in our own words."""
from __future__ import annotations

import pytest

from tracker.extract.deadlines import read_deadline


@pytest.mark.parametrize("text", [
    "Tổ chức các hoạt động truyền thông nhân Tháng hành động vì trẻ em trên địa bàn phường.",
    "Treo băng rôn, khẩu hiệu nhân Tháng an toàn giao thông tại các tuyến đường chính.",
])
def test_an_occasion_named_by_its_month_is_no_recurrence(text):
    assert read_deadline(text, "2026-03-02").deadline is None


def test_a_slip_inside_the_word_still_reads():
    found = read_deadline("Thường xuýt kiểm tra việc thu gom rác tại khu dân cư.", "2026-03-02")
    assert found.how == "fuzzy" and found.deadline.kind == "recurring"
