"""The fitted doubt (confidence.toml [fitted], tracker/confidence.py doubt_fitted): signs of a field
weighed together by a logistic model fitted with bench/calibration.py --fit. Tasks are our own words."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tracker import confidence
from tracker.confidence import _Fitted, doubt_fitted, fitted_signs, unsure_below, weigh
from tracker.model import Deadline, Task, UnitRef

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import calibration  # noqa: E402

UNSURE = unsure_below()


def _task(text: str, path: str = "1", lead: tuple[list[str], str] = ([], "none"), support: list[str] = (),
          deadline: Deadline | None = None, task_route: str = "item") -> Task:
    t = Task(text=text, path=path, lead=[UnitRef(n) for n in lead[0]], support=[UnitRef(n) for n in support],
             deadline=deadline)
    t.found_by = {"task": task_route, "lead": lead[1], "support": "cue" if support else "none",
                  "deadline": "time_one" if deadline else "none"}
    t.confidence = {"task": 0.9, "lead": 0.9, "support": 0.9, "deadline": 0.9}
    return t


def test_the_signs_say_how_and_where_a_field_was_read():
    t = _task("Sở Tài chính quyết định mức thu.", path="Điều 5.2", lead=(["Sở Tài chính"], "subject+opening"))
    signs = fitted_signs(t, "lead", "QĐ")
    assert {"route:subject", "doubt:opening", "task_route:item", "doc:QĐ", "in:article", "depth:1",
            "length:short", "leads:1", "deadline:none", "conf:9"} <= signs
    assert "lead_route:subject" not in signs  # the field's own route is "route:"
    assert "support" not in signs and "label" not in signs
    # a label before a colon, a lead named at length, a dated task with a support in an appendix
    t = _task("Nhiệm vụ: rà soát hồ sơ tồn đọng của các xã trên địa bàn.", path="PL.3",
              lead=(["Các cơ quan được giao quản lý hồ sơ đất đai trên địa bàn"], "column"), support=["Sở Tư pháp"],
              deadline=Deadline(kind="date", text="trước ngày 1/6/2026", date="2026-06-01"))
    signs = fitted_signs(t, "task")
    assert {"label", "long_name", "support", "deadline:date", "in:appendix", "lead_route:column"} <= signs
    assert not any(s.startswith("doc:") for s in signs)  # no document type known: no sign of it


@pytest.mark.parametrize("text, lead, sign, present", [
    # a lead that runs into a clause ("căn cứ ...") was cut in the wrong place
    ("Rà soát quy trình nội bộ.", ["Sở Y tế căn cứ danh mục được công bố"], "lead_name_clause", True),
    ("Rà soát quy trình nội bộ.", ["Sở Y tế"], "lead_name_clause", False),
    # an item naming an actor of its own under a lead read from above it
    ("Sở Công Thương khẩn trương kiểm tra.", ["Sở Tài chính"], "opens_with_actor", True),
    ("Khẩn trương kiểm tra thị trường.", ["Sở Tài chính"], "opens_with_actor", False),
    # an item that works with someone, an item in several parts
    ("Chủ trì, phối hợp với Sở Nội vụ rà soát.", ["Sở Tư pháp"], "works_with", True),
    ("Rà soát hồ sơ; cập nhật dữ liệu; báo cáo kết quả.", ["Sở Tư pháp"], "several_parts", True),
    ("Rà soát hồ sơ; cập nhật dữ liệu.", ["Sở Tư pháp"], "several_parts", False),
])
def test_signs_read_from_the_items_words(text, lead, sign, present):
    t = _task(text, lead=(lead, "heading"))
    assert (sign in fitted_signs(t, "task")) is present


def test_the_doubts_on_the_other_fields_are_signs_too():
    t = _task("Phối hợp kiểm tra.", lead=(["cơ quan"], "cue+kind_only"))
    t.found_by["deadline"] = "none+condition+fitted"
    signs = fitted_signs(t, "task")
    assert {"lead_route:cue", "lead_doubt:kind_only", "deadline_doubt:condition"} <= signs
    assert "deadline_doubt:fitted" not in signs  # the fitted doubt is not a sign of itself


@pytest.fixture
def planted(monkeypatch):
    """One table: a task read from a sentence's subject in a quyết định with no deadline is wrong often."""
    model = {"task": _Fitted(bias=-3.0, cut=-1.0, confidence=0.5,
                             weights={"lead_route:subject": 1.0, "doc:QĐ": 1.0, "deadline:none": 0.5,
                                      "support": -1.0})}
    monkeypatch.setattr(confidence, "_fitted_rules", lambda: model)


@pytest.mark.parametrize("doc_type, support, deadline, sure", [
    ("QĐ", [], None, False),              # -3 + 1 + 1 + 0.5 = -0.5: at or above the cut
    ("KH", [], None, True),               # -1.5: below it
    ("QĐ", ["Sở Nội vụ"], None, True),    # a support read weighs against
    # -3 + 1 + 1 = -1.0, the cut itself: a score at the cut is unsure too
    ("QĐ", [], Deadline(kind="date", text="trước ngày 5/5/2026", date="2026-05-05"), False),
    ("KH", [], Deadline(kind="date", text="trước ngày 5/5/2026", date="2026-05-05"), True),
])
def test_a_field_scoring_at_its_cut_is_unsure(planted, doc_type, support, deadline, sure):
    t = _task("Sở Xây dựng kiểm tra công trình.", lead=(["Sở Xây dựng"], "subject"), support=support, deadline=deadline)
    doubt_fitted([t], doc_type)
    assert (t.confidence["task"] >= UNSURE) is sure
    assert t.found_by["task"].endswith("+fitted") is (not sure)
    # only the fields a table names are weighed
    assert t.confidence["lead"] == 0.9 and t.confidence["deadline"] == 0.9


def test_an_unsure_field_is_left_as_it_is(planted):
    t = _task("Sở Xây dựng kiểm tra công trình.", lead=(["Sở Xây dựng"], "subject"))
    t.confidence["task"] = 0.4
    doubt_fitted([t], "QĐ")
    assert t.confidence["task"] == 0.4 and t.found_by["task"] == "item"


def test_a_score_is_the_same_whatever_the_order_of_its_signs():
    weights = {"a": 0.1, "b": 0.2, "c": -0.3}
    assert weigh(-1.0, weights, ["a", "b", "c"]) == weigh(-1.0, weights, ["c", "b", "a"]) == weigh(-1.0, weights, {"c", "a", "b"})


def test_the_tables_in_the_rules_are_read():
    tables = confidence._fitted_rules()
    assert "task" in tables and tables["task"].confidence < UNSURE
    # a task under a heading that names its unit, with a support and a date: sure by any table
    t = _task("Rà soát, cập nhật danh mục thủ tục hành chính của ngành.", path="2.a",
              lead=(["Sở Nội vụ"], "heading"), support=["Sở Tư pháp"],
              deadline=Deadline(kind="date", text="trước ngày 30/6/2026", date="2026-06-30"))
    t.found_by["deadline"] = "cell"
    doubt_fitted([t], "KH")
    assert all(v >= UNSURE for v in t.confidence.values())


def test_the_fit_finds_the_sign_that_tells_a_wrong_field():
    # 200 fields: wrong 3 times in 4 with sign "x", once in 20 without; "y" says nothing
    rows = [({"x", "y"} if (i // 4) % 2 else {"x"}, i % 4 != 0) for i in range(96)]
    rows += [({"y"} if (i // 20) % 2 else set(), i % 20 == 0) for i in range(80)]
    bias, weights = calibration.logistic(rows, least=1)
    assert weights["x"] > 2 and abs(weights["y"]) < 0.5 and bias < -1.5
