"""Publishing procedures (Decision 766 group I): sentences written for these tests, in our own words."""
from __future__ import annotations

import pytest

from tracker.extract.indicators import link_indicators


@pytest.mark.parametrize(
    "text, expected",
    [
        # modifiers between "niêm yết / công khai" and the procedures: timely, complete, the list,
        # the content of each one; still the work of publishing them (2) in full (3)
        ("Niêm yết công khai kịp thời, đầy đủ danh mục và nội dung cụ thể từng thủ tục hành chính tại trụ sở xã", [2, 3]),
        # "minh bạch" (transparent) qualifies the publishing like "đầy đủ", it names no other work
        ("Tăng cường kiểm tra việc công khai, minh bạch các thủ tục hành chính tại bộ phận một cửa", [2, 3]),
    ],
)
def test_publishing_procedures_through_modifiers(text, expected):
    assert link_indicators(text) == expected


def test_a_long_gap_still_stops_at_a_clause_mark():
    # the words a "~" skips never cross ";": publishing the news and then citing procedures is no link
    assert link_indicators("Công khai kết quả họp báo; rà soát thủ tục hành chính còn vướng mắc tại bộ phận một cửa") == []
