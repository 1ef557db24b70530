"""How sure the reader is of a task's deadline where the deadline reader's own route says too much
or too little (confidence.toml [measured], [condition_unread]). Sentences in our own words."""
from __future__ import annotations

from tracker.confidence import reconsider_leads, unsure_below
from tracker.extract.deadlines import read_deadline
from tracker.model import Task

UNSURE = unsure_below()


def _task(text: str, doc_date: str = "2025-10-01") -> Task:
    found = read_deadline(text, doc_date)
    t = Task(text=text, path="1", deadline=found.deadline)
    t.found_by["deadline"] = found.how
    t.confidence["deadline"] = found.confidence
    return t


def test_a_cadence_inside_the_item_is_sure():
    t = _task("Rà soát, cập nhật định kỳ danh mục tài sản của đơn vị.")
    assert t.deadline is not None and t.deadline.kind == "recurring"
    assert t.found_by["deadline"] == "recurring_inside"
    reconsider_leads([t])
    assert t.confidence["deadline"] >= UNSURE


def test_no_deadline_where_the_item_holds_a_condition_is_unsure():
    for text in ("Bộ phận tiếp nhận kiểm tra hồ sơ; trường hợp hồ sơ còn thiếu giấy tờ, hướng dẫn người nộp bổ sung.",
                 "Tổ chức dọn dẹp vệ sinh trường lớp sau khi nước rút."):
        t = _task(text)
        assert t.deadline is None
        reconsider_leads([t])
        assert t.confidence["deadline"] < UNSURE, text
        assert t.found_by["deadline"].endswith("+condition")


def test_no_deadline_without_a_condition_stays_sure():
    t = _task("Tăng cường tuyên truyền về an toàn giao thông trong trường học.")
    reconsider_leads([t])
    assert t.deadline is None and t.confidence["deadline"] >= UNSURE
