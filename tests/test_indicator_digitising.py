"""Digitised dossiers and re-used data (Decision 766 group IV), read from a plan written for
these tests in our own words (tests/data/docs/digitised-records-plan.txt)."""
from __future__ import annotations

import pytest

from conftest import DATA, parse_json
from tracker.extract.indicators import link_indicators


@pytest.fixture(scope="module")
def links() -> list[list[int]]:
    data = parse_json(DATA / "docs" / "digitised-records-plan.txt")
    return [t["indicators"] for t in data["tasks"]]


def test_digitising_dossiers_and_their_results_links_both(links):
    # "100%" between the verb and its object is a filler word like "các": the dossiers (13)
    # and the results of handling them (12) are both digitised.
    assert links[0] == [12, 13]


def test_reusing_digitised_data_to_drop_dossier_parts_links_reuse(links):
    # "dữ liệu đã được số hóa" is data already digitised, put to use again (14), not the work
    # of digitising (13); dropping parts of a dossier is procedure work, so the task is in scope.
    assert links[1] == [14]


def test_a_word_for_another_word_is_no_ocr_slip(links):
    # "công bố lên" is not an OCR reading of "đồng bộ lên" (4): one letter apart, yet another word.
    assert links[2] == [2]
    assert link_indicators("Đồng bộ lên Cổng Dịch vụ công quốc gia toàn bộ hồ sơ đã tiếp nhận") == [4]


def test_a_plan_item_outside_procedures_links_none(links):
    assert links[3] == []


@pytest.mark.parametrize(
    "text",
    [
        "Hướng dẫn các xã, phường trong việc khai thác, kết nối dữ liệu dân cư gắn với Đề án 06",
        # the database by its whole name, "cơ sở dữ liệu" being one word to the dictionary
        "Kết nối hệ thống của tỉnh với Cơ sở dữ liệu quốc gia về dân cư để giải quyết thủ tục hành chính",
    ],
)
def test_population_data_is_procedure_work_and_links_17_18(text):
    # the population data procedures draw on is in scope on its own
    assert link_indicators(text) == [17, 18]


def test_percent_signs_split_alike_with_or_without_the_dictionary(monkeypatch):
    from tracker.extract import indicators

    text = "Số hóa 100% hồ sơ, kết quả giải quyết thủ tục hành chính"
    assert link_indicators(text) == [12, 13]
    monkeypatch.setattr(indicators, "_segmenter", lambda: None)
    indicators._tokens.cache_clear()
    try:
        assert link_indicators(text) == [12, 13]
    finally:
        indicators._tokens.cache_clear()
