"""Universities and research institutes named as kinds of bodies ("các trường đại học, viện nghiên cứu" is one
collective, as the gold writes it); phrases in our own words."""
from __future__ import annotations

import pytest

from tracker.extract.unit_phrases import partners_at, units_at


@pytest.mark.parametrize("text,names", [
    ("Các trường đại học, viện nghiên cứu chủ động đề xuất đề tài", ["Các trường đại học, viện nghiên cứu"]),
    ("Các viện nghiên cứu trực thuộc Bộ thực hiện", ["Các viện nghiên cứu trực thuộc Bộ"]),
])
def test_research_bodies_are_a_kind(text, names):
    assert [u.text for u in units_at(text, 0)[0]] == names


def test_research_bodies_as_partners():
    text = "Phối hợp với các trường đại học, viện nghiên cứu đào tạo nhân lực"
    assert partners_at(text, text.index("các")) == ["các trường đại học, viện nghiên cứu"]
