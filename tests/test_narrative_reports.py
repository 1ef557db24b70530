"""A report of what happened or what a body thinks is no task (outline.toml [narrative], tasks._narrates).

tests/data/docs/letter-received-then-assigned.md (our own words): "UBND tỉnh nhận được Công văn số ..."
and "... đã ban hành Kết luận số ...; ... ghi nhận và đánh giá cao ..." report; only "UBND tỉnh giao Sở
Nội vụ chủ trì ..." hands out work.
"""
from __future__ import annotations

import pytest
from conftest import DATA, parse_json

from tracker.extract.tasks import _narrates

DOC = DATA / "docs" / "letter-received-then-assigned.md"


def test_only_the_assignment_is_a_task():
    tasks = parse_json(DOC, "--no-resolve")["tasks"]
    assert len(tasks) == 1
    assert "giao Sở Nội vụ chủ trì" in tasks[0]["text"]


@pytest.mark.parametrize("text", [
    "Văn phòng Bộ đã tổ chức lấy ý kiến góp ý dự thảo quy chế và đã nhận được ý kiến của các đơn vị.",
    "Cơ bản thống nhất với Báo cáo của Ban Tổ chức về kết quả hoạt động trong quý.",
    "Thường trực Tỉnh ủy ghi nhận và biểu dương các cấp ủy đã nỗ lực khắc phục khó khăn.",
])
def test_reports_and_opinions_are_no_work(text):
    assert _narrates(text)


@pytest.mark.parametrize("text", [
    "Biểu dương, khen thưởng kịp thời các tập thể có thành tích xuất sắc.",
    "Thống nhất với đề xuất của Sở Xây dựng; giao Sở Xây dựng hoàn thiện hồ sơ trước ngày 10/8.",
    "Ủy ban nhân dân tỉnh nhận được Công văn số 12/BCA. Giao Công an tỉnh tham mưu trả lời trước ngày 5/9.",
])
def test_work_after_or_without_a_report_stays(text):
    assert not _narrates(text)
