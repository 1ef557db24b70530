"""A target the item sets ("phấn đấu đến năm 2030 đạt ...") is due by then; a span a task must be done
in stays its deadline even after words that describe work already given ("theo lộ trình được giao
hoàn thành trong năm 2025"). Sentences in our own words."""
from __future__ import annotations

from tracker.extract.deadlines import find_deadline

DOC = "2025-10-01"


def test_a_target_year_is_the_items_period():
    dl = find_deadline("Hỗ trợ hợp tác xã đưa máy móc vào sản xuất, phấn đấu đến năm 2030 có 60% hợp tác xã áp dụng.", DOC)
    assert dl is not None and (dl.kind, dl.date) == ("period", "2030-12-31")
    assert dl.text.lower().startswith("phấn đấu đến năm 2030")


def test_a_programmes_name_inside_a_clause_is_no_target():
    assert find_deadline("Tuyên truyền Chiến lược phát triển nông nghiệp bền vững đến năm 2030 trên đài phát thanh.", DOC) is None


def test_a_span_to_be_done_in_after_work_given_is_kept():
    dl = find_deadline("Thực hiện phương án cắt giảm giấy tờ theo lộ trình được giao hoàn thành trong năm 2026.", DOC)
    assert dl is not None and (dl.kind, dl.date) == ("period", "2026-12-31")


def test_a_plan_that_describes_other_work_stays_no_deadline():
    assert find_deadline("Ưu tiên vốn cho các công trình có kế hoạch hoàn thành năm 2025.", DOC) is None
