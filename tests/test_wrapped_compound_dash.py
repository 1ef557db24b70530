"""A compound's dash wrapped to the line start is no list marker (outline._wrapped_compound).

A text copy breaks "tổ chức chính trị - xã hội" or "kinh tế - xã hội" after its first half, so the
next line opens "- xã hội, ...": read as a "-" item it became a task of its own, a fragment of a
sentence. Lines in our own words.
"""
from __future__ import annotations

from tracker.model import Line
from tracker.structure.outline import paragraphs


def _paras(*texts: str, gap: bool = False) -> list:
    return paragraphs([Line(t, gap_before=gap and k > 0) for k, t in enumerate(texts)])


def test_a_wrapped_compound_goes_on_with_its_sentence():
    paras = _paras("1. Ủy ban nhân dân xã phối hợp với Mặt trận Tổ quốc và các tổ chức chính trị",
                   "- xã hội tuyên truyền chính sách bảo hiểm y tế đến từng hộ gia đình.",
                   "2. Công an xã bảo đảm an ninh tại các điểm tiếp dân.")
    assert [p.label for p in paras] == ["1", "2"]
    assert "chính trị - xã hội tuyên truyền" in paras[0].text


def test_list_entries_after_a_colon_or_a_semicolon_stay_items():
    paras = _paras("Nội dung tuyên truyền gồm:", "- chính sách bảo hiểm y tế;", "- chính sách bảo hiểm xã hội.")
    assert [p.label for p in paras] == [None, "-", "-"]


def test_a_capitalised_line_after_a_dash_stays_an_item():
    paras = _paras("1. Các sở thực hiện các nội dung sau", "- Rà soát thủ tục hành chính của ngành.")
    assert [p.label for p in paras] == ["1", "-"]
