"""A yearly word that names which budget ("dự toán ngân sách hằng năm", "kinh phí hàng năm") says
nothing of when the task falls (check_gold.py, s31: "hằng năm" qualifying a budget or settlement noun
is no cadence; s33: budget and settlement nouns only, never a plan or a campaign); where it opens the
item, or the item names a rhythm of its own, it still is one. The nouns are on in task_rules since s33
(deadlines.toml [recurring] qualified_nouns); one test turns them off in a copy of the rules. A report day
right before the word makes it the task's rhythm whatever body is named before it. Sentences in our own
words."""
from __future__ import annotations

import re

import pytest

from tracker.extract.deadlines import find_deadline

DOC = "2025-10-01"


@pytest.fixture
def budget_nouns_off(rules_copy):
    path = rules_copy / "deadlines.toml"
    text = path.read_text(encoding="utf-8")
    off = re.sub(r"(?m)^qualified_nouns = \[.*\]$", "qualified_nouns = []", text)
    assert off != text, "qualified_nouns moved: point this fixture at it again"
    path.write_text(off, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "text",
    [
        "Sở Tài chính tham mưu bố trí kinh phí trong dự toán ngân sách hằng năm cho các xã để duy trì hệ thống.",
        "Lập dự trù kinh phí hàng năm để bảo trì phần mềm quản lý văn bản.",
        "Kiểm tra số liệu tài sản trong quá trình thẩm tra, phê duyệt quyết toán hằng năm của đơn vị.",
        "Căn cứ khả năng cân đối ngân sách địa phương hàng năm, bố trí nguồn lực thực hiện đề án.",
    ],
)
def test_a_budgets_year_is_no_cadence(text):
    assert find_deadline(text, DOC) is None


def test_with_the_nouns_off_a_budgets_year_reads_as_a_cadence(budget_nouns_off):
    dl = find_deadline("Lập dự trù kinh phí hàng năm để bảo trì phần mềm quản lý văn bản.", DOC)
    assert dl is not None and dl.kind == "recurring"


@pytest.mark.parametrize(
    "text",
    [
        "Hằng năm, lập dự toán kinh phí bảo trì gửi Sở Tài chính.",  # opens the item: its rhythm
        "Tổ chức tổng kết công tác phòng chống thiên tai hằng năm.",  # no budget noun
        "Tổng hợp, đánh giá kết quả thực hiện kế hoạch hằng năm, báo cáo UBND tỉnh.",  # a plan is no budget
        # the item has a rhythm of its own besides the budget's year
        "Bố trí kinh phí trong dự toán ngân sách hằng năm và định kỳ báo cáo kết quả về Sở Nội vụ.",
    ],
)
def test_a_cadence_stays_a_cadence(text):
    dl = find_deadline(text, DOC)
    assert dl is not None and dl.kind == "recurring"


def test_a_budget_word_in_a_time_cell_is_still_the_rows_rhythm():
    dl = find_deadline("Bố trí trong dự toán ngân sách hằng năm", DOC, cell=True)
    assert dl is not None and dl.kind == "recurring" and dl.cycle == "yearly"


def test_a_report_day_before_the_word_makes_it_the_tasks_rhythm():
    # "Thi đua - Khen thưởng" names the council the report goes to; the day recurs each year
    dl = find_deadline("Tổng hợp danh sách gửi Hội đồng Thi đua - Khen thưởng huyện trước ngày 05/12 hằng năm.", DOC)
    assert dl is not None and (dl.kind, dl.cycle, dl.date) == ("recurring", "yearly", None)


def test_an_appraisal_rule_still_is_no_cadence():
    assert find_deadline("Kết quả là căn cứ xếp loại thi đua, khen thưởng hằng năm của tập thể.", DOC) is None
