"""A part's title in capitals with nothing under it is no task (tasks._caps_title).

"III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU (chi tiết Phụ lục đính kèm)": the part's work is in the appendix.
"""
from __future__ import annotations

from tracker.extract.tasks import _caps_title


def test_titles_in_capitals():
    assert _caps_title("NHIỆM VỤ VÀ GIẢI PHÁP TRỌNG TÂM (chi tiết tại Phụ lục kèm theo)")
    assert _caps_title("TỔ CHỨC THỰC HIỆN")


def test_sentences_and_names_are_no_titles():
    assert not _caps_title("Rà soát, công bố TTHC thuộc thẩm quyền (chi tiết tại Phụ lục).")
    assert not _caps_title("UBND")
    assert not _caps_title("Sở Nội vụ chủ trì tổng hợp BÁO CÁO")
