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


@pytest.mark.parametrize(
    "text, expected",
    [
        # digitising data (registers, databases) is not digitising the dossiers of procedures (13)
        ("Số hóa dữ liệu hộ tịch để người dân không phải nộp lại giấy tờ khi làm thủ tục hành chính", []),
        # ... and where that data is put to use again, the re-use links (14)
        ("Số hóa dữ liệu đất đai, tái sử dụng dữ liệu đã số hóa trong giải quyết thủ tục hành chính", [14]),
        # digitising the dossiers themselves still does
        ("Trang bị máy quét phục vụ tiếp nhận, số hóa, trả kết quả tại bộ phận một cửa", [13]),
    ],
)
def test_digitising_data_is_not_digitising_dossiers(text, expected):
    assert link_indicators(text) == expected


def test_the_evaluation_of_how_procedures_are_handled_is_satisfaction_work():
    # "đánh giá chất lượng giải quyết TTHC" is the evaluation people give of how their case was
    # handled: the satisfaction indicator (21)
    text = "Kết nối hệ thống một cửa điện tử với hệ thống đánh giá chất lượng giải quyết thủ tục hành chính"
    assert link_indicators(text) == [21]
