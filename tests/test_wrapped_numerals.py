"""A roman numeral wrapped to the line start is no part's label (outline._wrapped_numeral).

"... cấp dự báo từ cấp I đến cấp" / "V. Chi tiết quy định ...", "... Quốc hội khóa" / "XV.": a text copy broke
the sentence before the numeral a word like "cấp" or "khóa" takes; read as "V." the line opened a new part
and everything after it nested under it. Lines in our own words.
"""
from __future__ import annotations

from tracker.model import Line
from tracker.structure.outline import paragraphs


def _labels(*texts: str) -> list:
    return [p.label for p in paragraphs([Line(t) for t in texts])]


def test_a_numeral_after_its_word_goes_on_the_sentence():
    assert _labels("1. Biển báo chỉ cấp nguy cơ cháy từ cấp I đến cấp",
                   "V. Mẫu biển báo tại Phụ lục kèm theo.",
                   "2. Chủ rừng đặt biển báo tại cửa rừng.") == ["1", "2"]
    assert _labels("a) Trình Quốc hội tại Kỳ họp thứ 10, Quốc hội khóa", "XV.") == ["a"]


def test_a_part_after_a_finished_sentence_stays_a_part():
    assert _labels("1. Các xã rà soát danh sách hộ nghèo.", "II. TỔ CHỨC THỰC HIỆN") == ["1", "II"]
    assert _labels("1. Các xã rà soát danh sách hộ nghèo", "II. TỔ CHỨC THỰC HIỆN") == ["1", "II"]
