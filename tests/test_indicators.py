"""The Decision 766 catalogue and how task texts link to its indicators."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest

from tracker.errors import RulesError
from tracker.extract import indicators
from tracker.extract.indicators import link_indicators, load_catalogue, match_indicator_name
from tracker.text import normalize

ROOT = Path(__file__).resolve().parent.parent
DIRECTIVES = ROOT / "directives"


# ------------------------------------------------------------------ catalogue


def test_catalogue_has_21_indicators_in_5_groups_worth_100_points():
    cat = load_catalogue()
    assert [i.id for i in cat.indicators] == list(range(1, 22))
    assert [i.code for i in cat.indicators][:3] == ["01", "02", "03"]
    assert [g.code for g in cat.groups] == ["I", "II", "III", "IV", "V"]
    assert sum(i.points for i in cat.indicators) == 100 == cat.total_points
    assert [g.points for g in cat.groups] == [18, 20, 22, 22, 18]
    assert cat.group(2).indicators == (5,)
    assert cat.indicator(15).group_name == "Số hóa hồ sơ"
    assert {s.name: s.indicators for s in cat.subgroups}["Thanh toán trực tuyến"] == (9, 10, 11)
    assert cat.indicator(17).subgroup and cat.indicator(16).subgroup is None


def _appendix_rows() -> list[list[str]]:
    table = docx.Document(str(DIRECTIVES / "hung-yen-2283-2022.docx")).tables[-1]
    return [[normalize(c.text) for c in row.cells] for row in table.rows]


def test_catalogue_agrees_with_the_appendix_of_a_real_directive():
    cat = load_catalogue()
    rows = [r for r in _appendix_rows() if r[0].isdigit()]
    assert [int(r[0]) for r in rows] == list(range(1, 22))
    assert [float(r[2]) for r in rows] == [i.points for i in cat.indicators]


# ------------------------------------------------------------------ names


def test_every_name_cell_of_the_appendix_names_its_indicator():
    rows = [r for r in _appendix_rows() if r[0].isdigit()]
    # The cells carry the source's OCR slips ("TTTHC", "đề người dân").
    assert [match_indicator_name(r[1]) for r in rows] == list(range(1, 22))
    assert [link_indicators(r[1]) for r in rows] == [[i] for i in range(1, 22)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("05 Tỷ lệ hồ sơ xử lý đúng hạn", 5),
        ("Tỷ lệ thủ tục hành chính công bố đúng hạn", 1),
        ("Tỷ lệ hồ sơ TTHC được số hóa có kết nối,", 16),  # a cell cut short at a page break
        ("Tỷ lệ hồ sơ TTHC", None),  # the start of several names
        ("I. Công khai, minh bạch", None),
        ("Thanh toán trực tuyến", None),
        ("Tổng điểm tối đa", None),
        ("", None),
    ],
)
def test_match_indicator_name(text, expected):
    assert match_indicator_name(text) == expected


# ------------------------------------------------------------------ links


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Đẩy mạnh số hóa hồ sơ TTHC tại Bộ phận Một cửa", [12, 13]),
        ("Trang bị máy quét phục vụ tiếp nhận, số hóa, trả kết quả", [13]),
        ("Triển khai chứng thực bản sao điện tử từ bản chính cho người dân", [15]),
        ("Hướng dẫn người dân thanh toán trực tuyến phí, lệ phí", [9, 10, 11]),
        ("Phối hợp tích hợp thanh toán trực tuyến các khoản thu trên Cổng Dịch vụ công", [10]),
        ("Khai thác dữ liệu dân cư khi giải quyết hồ sơ của công dân", [17, 18]),
        ("Tăng tỷ lệ hồ sơ nộp trực tuyến tại xã", [8]),
        ("Cung cấp dịch vụ công trực tuyến toàn trình cho các thủ tục đủ điều kiện", [6]),
        ("Đẩy mạnh cung cấp các dịch vụ công trực tuyến tới người dân ở các xã", [6, 7, 8]),
        ("Niêm yết, công khai đầy đủ thủ tục hành chính tại trụ sở", [2, 3]),
        ("Cập nhật kịp thời danh mục thủ tục hành chính mới", [2]),
        ("Tham mưu công bố danh mục thủ tục hành chính đúng hạn", [1]),
        ("Cập nhật đầy đủ hồ sơ lên Hệ thống, bảo đảm đồng bộ với Cổng quốc gia", [4]),
        ("Giải quyết hồ sơ TTHC đúng hạn, không để tồn đọng", [5]),
        ("Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức", [19]),
        ("Khảo sát mức độ hài lòng của người dân khi đến giao dịch tại Bộ phận Một cửa", [21]),
        ("Thực hiện tái sử dụng dữ liệu số hóa đã có", [14]),
    ],
)
def test_keywords_link_a_task_to_its_indicators(text, expected):
    assert link_indicators(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Items about the index as a whole, or about organising the work.
        "Quán triệt nội dung Bộ chỉ số theo các nhóm chỉ số về công khai, minh bạch, tiến độ giải quyết,"
        " dịch vụ công trực tuyến, số hóa hồ sơ, mức độ hài lòng",
        "Phổ biến đầy đủ nội dung: công khai thủ tục hành chính; tiến độ giải quyết hồ sơ; dịch vụ công"
        " trực tuyến; số hóa hồ sơ; sự hài lòng của người dân",
        "Theo dõi, đôn đốc các đơn vị thực hiện Bộ chỉ số; tổng hợp báo cáo Chủ tịch UBND",
        "Cử cán bộ đầu mối theo dõi kết quả đánh giá trên Cổng Dịch vụ công quốc gia",
        "Công khai kết quả đánh giá của các cơ quan trên Cổng Dịch vụ công tỉnh",
    ],
)
def test_items_that_move_no_single_indicator(text):
    assert link_indicators(text) == []


def test_procedures_already_published_are_not_the_work_of_publishing():
    assert link_indicators("Cập nhật đầy đủ thủ tục hành chính đã được Chủ tịch UBND tỉnh công bố") == [2]
    assert link_indicators("Tham mưu Chủ tịch UBND tỉnh công bố thủ tục hành chính") == [1]


def test_an_ocr_slip_in_a_long_keyword_still_links():
    assert link_indicators("Hướng dẫn người dân thanh toán trực tuyếm lệ phí") == [9, 10, 11]


def test_a_keyword_never_matches_inside_another_word(monkeypatch):
    # Word by word, "chỉ số" and "hóa đơn" hold no "số hóa" (13); syllable by
    # syllable they do.
    text = "Niêm yết chỉ số hóa đơn điện tử tại Bộ phận Một cửa"
    assert link_indicators(text) == []
    monkeypatch.setattr(indicators, "_segmenter", lambda: None)
    indicators._tokens.cache_clear()
    try:
        assert link_indicators(text) == [13]
    finally:
        indicators._tokens.cache_clear()


def test_whole_index_item_from_a_real_directive_links_to_none():
    lines = (DIRECTIVES / "tu-ky-district-2022.txt").read_text(encoding="utf-8").splitlines()
    text = normalize(" ".join(ln.strip() for ln in lines if ln.strip()))
    start = text.index("a) Quán triệt, chỉ đạo")
    item = text[start : text.index("b) Gắn kết quả", start)]
    assert "số hóa hồ sơ" in item  # it names the groups, but is about the whole index
    assert link_indicators(item) == []


def test_without_underthesea_syllables_still_link(monkeypatch):
    monkeypatch.setattr(indicators, "_segmenter", lambda: None)
    indicators._tokens.cache_clear()
    try:
        assert link_indicators("Đẩy mạnh số hóa hồ sơ TTHC") == [12, 13]
        assert link_indicators("Hướng dẫn thanh toán trực tuyến lệ phí") == [9, 10, 11]
    finally:
        indicators._tokens.cache_clear()


# ------------------------------------------------------------------ rules file


@pytest.fixture
def catalogue_file(rules_copy):
    return rules_copy / "indicators" / "766.toml"


def _line(text: str, needle: str, after: str = "") -> int:
    lines = text.splitlines()
    start = next(i for i, ln in enumerate(lines) if after in ln) if after else 0
    return next(i for i, ln in enumerate(lines) if i >= start and needle in ln) + 1


def test_points_that_do_not_add_up_are_refused_with_file_and_line(catalogue_file):
    text = catalogue_file.read_text(encoding="utf-8").replace("points = 20\nkeywords", "points = 25\nkeywords")
    catalogue_file.write_text(text, encoding="utf-8")
    line = _line(text, "points = 20", after="[[group]]")  # group 2 keeps its 20 points
    with pytest.raises(RulesError, match=rf"indicators/766\.toml:{line}: nhóm 2 .* cộng lại 25"):
        load_catalogue()


def test_a_keyword_that_is_not_a_string_names_its_indicator(catalogue_file):
    text = catalogue_file.read_text(encoding="utf-8").replace('keywords = ["giao dịch thanh toán"]', "keywords = [9]")
    catalogue_file.write_text(text, encoding="utf-8")
    line = _line(text, "keywords = [9]")
    with pytest.raises(RulesError, match=rf"766\.toml:{line}: chỉ tiêu 9: 'keywords' phải là danh sách chuỗi"):
        link_indicators("thanh toán trực tuyến")


def test_indicators_out_of_order_are_refused(catalogue_file):
    text = catalogue_file.read_text(encoding="utf-8").replace("id = 7\n", "id = 70\n")
    catalogue_file.write_text(text, encoding="utf-8")
    line = _line(text, "id = 70")
    with pytest.raises(RulesError, match=rf"766\.toml:{line}: chỉ tiêu 70: chỉ tiêu phải đánh số .* cần id 7"):
        load_catalogue()


def test_a_keyword_added_to_the_rules_links(catalogue_file):
    text = catalogue_file.read_text(encoding="utf-8")
    catalogue_file.write_text(text.replace('"chứng thực điện tử",', '"chứng thực điện tử", "sổ chứng thực",'), encoding="utf-8")
    assert link_indicators("Rà soát sổ chứng thực của xã") == [15]


@pytest.mark.parametrize(
    "text, expected",
    [
        # online services named as the work: the services offered (6), not their use
        ("Chuẩn hóa mức độ cung cấp dịch vụ công trực tuyến của các sở", [6]),
        ("Tái cấu trúc quy trình, nâng cấp dịch vụ công trực tuyến của xã", [6]),
        # their use, or the whole procedure online: dossiers come in online too (7, 8)
        ("Hướng dẫn hộ kinh doanh sử dụng dịch vụ công trực tuyến", [6, 7, 8]),
        ("Đẩy mạnh thực hiện dịch vụ công trực tuyến tại Bộ phận Một cửa xã", [6, 7, 8]),
    ],
)
def test_online_services_offered_or_used(text, expected):
    assert link_indicators(text) == expected
