"""A body's own name the scanner cut where its words run on in lower case to the capitals closing it: read to those
capitals ("Trung tâm Bảo tồn di tích Cổ Loa - Đông Anh", "Ban Quản lý khu Kinh tế tỉnh Bắc Minh"), never past a
verb, a clause word or "là" (what the body is)."""
from __future__ import annotations

import pytest

from tracker.extract.roles import opening
from tracker.extract.unit_phrases import proper_tail_end


@pytest.mark.parametrize("text,name,kind", [
    ("Trung tâm Bảo tồn di tích Cổ Loa - Đông Anh.", "Trung tâm Bảo tồn di tích Cổ Loa - Đông Anh", "heading"),
    ("Ban Quản lý khu Kinh tế tỉnh Bắc Minh phối hợp với các sở thực hiện.", "Ban Quản lý khu Kinh tế tỉnh Bắc Minh", "subject"),
])
def test_the_name_runs_on_to_its_capitals(text, name, kind):
    op = opening(text)
    assert (op.units, op.kind) == ([name], kind)


@pytest.mark.parametrize("text", [
    "Bộ Khoa học và Công nghệ là Cơ quan thường trực Ban Chỉ đạo, có trách nhiệm tham mưu:",
    "Sở Tư pháp hướng dẫn UBND các xã thực hiện.",
    "Sở Y tế làm việc với Bệnh viện Bạch Mai.",
])
def test_no_run_past_a_verb_or_copula(text):
    assert opening(text).units[0] in ("Bộ Khoa học và Công nghệ", "Sở Tư pháp", "Sở Y tế")


def test_lower_case_words_after_the_last_capital_are_the_verbs():
    text = "Trung tâm Y tế huyện Tân Lạc quản lý chặt chẽ"
    assert proper_tail_end(text, len("Trung tâm Y tế")) is None or text[: proper_tail_end(text, len("Trung tâm Y tế"))].endswith("Tân Lạc")
