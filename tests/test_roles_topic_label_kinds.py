"""A kind of unit after a topic label ("Về ...:", "Đối với ...:"), named by the words after the kind that say
which units (the unit scanner stops there: they read as a verb); phrases in our own words."""
from __future__ import annotations

import pytest

from tracker.extract.roles import subject_after_label


@pytest.mark.parametrize("text,lead", [
    # a kind after a topic label, the words saying which after it (the scanner stops at the verb-like words)
    ("Đối với mạng lưới đang khai thác: Đơn vị cấp nước có trách nhiệm:", ["Đơn vị cấp nước"]),
    ("Về các tuyến kênh tưới: Đơn vị thủy nông kiểm tra định kỳ mỗi quý.", ["Đơn vị thủy nông"]),
    # a unit the list knows by name stays as the scanner reads it
    ("Về y tế: Sở Y tế rà soát danh mục thuốc.", ["Sở Y tế"]),
])
def test_a_kind_after_a_topic_label_keeps_the_words_that_say_which(text, lead):
    assert subject_after_label(text) == lead
