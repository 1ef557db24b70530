"""A task about the index as a whole links none (issue 11, indicators: "an item about the index as a
whole → none"): one that names the work of three of the five groups of Decision 766 at once is about
the index broadly, not about the work of any one indicator. Texts written for these tests."""
from __future__ import annotations

from tracker.extract.indicators import read_indicators


def test_a_task_naming_three_groups_is_about_the_whole_index():
    text = ("Tập trung cải thiện kết quả của tỉnh: công khai thủ tục hành chính, giải quyết hồ sơ đúng hạn, "
            "số hóa hồ sơ tại Bộ phận Một cửa các cấp.")
    found = read_indicators(text)
    assert (found.ids, found.how) == ([], "whole_index")


def test_a_task_of_two_groups_still_links():
    text = "Công khai thủ tục hành chính và giải quyết hồ sơ đúng hạn tại Bộ phận Một cửa."
    found = read_indicators(text)
    assert found.ids == [2, 3, 5] and found.how == "linked_groups"
