"""A legal text's own closing clauses give no work (outline.toml [final]).

tests/data/docs/council-resolution-closing-clauses.md and circular-effect-and-execution.md (our own
words): a council resolution and a ministry's circular that end the way such texts end: when they take
effect, what they replace, who executes them, when the council passed them, and, before the articles,
what the council weighed ("Xét Tờ trình ..."). None of these is a task, nor a line of the item above it.
"""
from __future__ import annotations

from conftest import DATA, parse_json

from tracker.extract.tasks import final_clause

RESOLUTION = DATA / "docs" / "council-resolution-closing-clauses.md"
CIRCULAR = DATA / "docs" / "circular-effect-and-execution.md"


def _tasks(path) -> list[dict]:
    return parse_json(path, "--no-resolve")["tasks"]


def test_a_resolution_gives_only_its_charges():
    """'Xét Tờ trình ...', the effect clause and the council's passing line are no tasks; the replacing
    clause stays no task although the passing line stands under it."""
    assert [t["path"] for t in _tasks(RESOLUTION)] == ["Điều 2.1", "Điều 2.2"]


def test_a_circular_keeps_work_after_an_execution_formula():
    """'Thông tư này có hiệu lực ...' and '... chịu trách nhiệm thi hành Thông tư này./.' are no tasks;
    '... thi hành Quy chế này. Định kỳ ... báo cáo ...' gives work in its second sentence."""
    tasks = _tasks(CIRCULAR)
    assert [t["path"] for t in tasks] == ["Điều 2.1", "Điều 2.2"]
    assert "Định kỳ trước ngày 15 tháng 12" in tasks[1]["text"]


def test_final_clause_kinds():
    assert final_clause("Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.")
    assert final_clause("Nghị quyết này áp dụng trong năm 2027 và có hiệu lực kể từ ngày ký.")
    assert final_clause("Nghị quyết này đã được Hội đồng nhân dân tỉnh khóa XI, kỳ họp thứ 9 thông qua ngày 20/4/2026./.")
    assert final_clause("Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 12/TTr-SNV.")
    assert final_clause("Các Bộ trưởng, Chủ tịch UBND các tỉnh chịu trách nhiệm thi hành Nghị định này./.")
    # a directive's last charge is work; so is a later sentence that opens on it
    assert not final_clause("Các Bộ trưởng, Chủ tịch UBND các tỉnh chịu trách nhiệm thi hành Chỉ thị này.")
    assert not final_clause("Các sở chịu trách nhiệm thi hành Quy chế này. Định kỳ hằng năm báo cáo kết quả.")
    assert not final_clause("Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.")


def test_an_addressee_list_run_onto_one_line_is_no_work():
    """A copy that lost "Nơi nhận:" runs the list on after the last article: units, no task."""
    assert final_clause("Ban Thường vụ Tỉnh ủy; - Thường trực HĐND tỉnh; - Các sở, ban, ngành; - Lưu: VT, KT.")
    assert not final_clause("Sở Tài chính; Sở Nội vụ phối hợp rà soát biên chế trước ngày 30/6.")
