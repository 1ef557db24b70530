"""Doubts measured on documents the reader met cold (dev documents added after an earlier reader,
bench/calibration.py --reader) and kept only where held-out's sure-right rose: a lead named by its
kind alone ([lead_kind_only]), an empty support beside a lead that works with someone
([support_unread]), no addressee found in a công văn ([recipients_missing]). Tasks and texts are
our own words."""
from __future__ import annotations

import pytest

from tracker.confidence import reconsider_leads, unsure_below
from tracker.model import Task, UnitRef

UNSURE = unsure_below()


def _task(text: str, **fields: tuple[list[str], str, float]) -> Task:
    t = Task(text=text, path="1")
    for field, (units, route, conf) in fields.items():
        setattr(t, field, [UnitRef(n) for n in units])
        t.found_by[field], t.confidence[field] = route, conf
    reconsider_leads([t])
    return t


@pytest.mark.parametrize("text, lead, route, sure", [
    # "cơ quan chủ trì" of a rule: a role, not a unit
    ("Phối hợp với cơ quan chủ trì giải quyết vướng mắc về hồ sơ đất đai.", ["cơ quan"], "cue", False),
    # a name cut short: "Cơ quan | thanh tra"
    ("Cơ quan thanh tra khẩn trương ban hành kết luận.", ["Cơ quan"], "subject+opening", False),
    ("Hỗ trợ địa phương khắc phục sạt lở.", ["địa phương"], "cue", False),
    # a kind in the plural, a list of kinds, a body of each place: units as the contract names them
    ("Các đơn vị rà soát thủ tục trong tháng.", ["Các đơn vị"], "subject+opening", True),
    ("Các sở, ngành tổ chức tập huấn.", ["Các sở, ngành"], "subject+opening", True),
    ("Ủy ban nhân dân các địa phương chủ trì kiểm tra.", ["Ủy ban nhân dân các địa phương"], "cue", True),
    ("Sở Y tế chủ trì kiểm tra an toàn thực phẩm.", ["Sở Y tế"], "cue", True),
    # common nouns, yet one body's name: capitals after the first word
    ("Phối hợp với Sở Nội vụ thống nhất danh mục hồ sơ.", ["Ban Tổ chức Tỉnh ủy"], "cue", True),
    # a table's lead column names its units as the table does
    ("Rà soát quy trình nội bộ.", ["cơ quan"], "column", True),
])
def test_a_lead_named_by_its_kind_alone_is_unsure(text, lead, route, sure):
    conf = {"cue": 0.9, "subject+opening": 0.75, "column": 0.95}[route]
    t = _task(text, lead=(lead, route, conf))
    assert (t.confidence["lead"] >= UNSURE) is sure
    assert t.found_by["lead"].endswith("+kind_only") is (not sure)


@pytest.mark.parametrize("text, sure", [
    # the lead works with someone the reader did not take as support
    ("Chủ trì giải quyết các vướng mắc với Ủy ban nhân dân cấp xã và cơ quan thuế.", False),
    ("Giao Sở Xây dựng chủ trì, làm việc với Cảng hàng không để thống nhất phương án.", False),
    ("Đơn vị được giao chủ trì phải chủ động, phối hợp, đôn đốc việc giải quyết.", False),
    # leading alone: the empty support stands
    ("Chủ trì xây dựng kế hoạch của ngành năm 2026.", True),
    ("Chủ trì điều phối nguồn hàng cứu trợ cho người dân.", True),
    ("Rà soát quy chế làm việc của cơ quan.", True),
])
def test_an_empty_support_beside_a_lead_that_works_with_someone_is_unsure(text, sure):
    t = _task(text, support=([], "none", 0.9))
    assert (t.confidence["support"] >= UNSURE) is sure


@pytest.mark.parametrize("doc_type, recipients, sure", [
    ("CV", [], False),            # a công văn always names its addressees: the header was read wrong
    ("CĐ", [], False),
    (None, [], False),            # the type itself not read
    ("KH", [], True),             # a plan or a decision often has none
    ("QĐ", [], True),
    ("CV", ["Các sở, ban, ngành tỉnh"], True),
])
def test_no_addressee_in_a_kind_of_document_that_always_has_them_is_unsure(doc_type, recipients, sure):
    from tracker.confidence import doubt_header
    from tracker.model import Header

    h = Header(doc_type=doc_type, recipients=list(recipients))
    h.confidence["recipients"] = 0.85 if recipients else 0.7
    h.found_by["recipients"] = "listed" if recipients else "missing"
    doubt_header(h)
    assert (h.confidence["recipients"] >= UNSURE) is sure


def _dated(text: str, phrase: str, route: str = "time_one", conf: float = 0.9) -> Task:
    from tracker.model import Deadline

    t = Task(text=text, path="1", deadline=Deadline(kind="period", text=phrase, date="2026-04-30"))
    t.found_by["deadline"], t.confidence["deadline"] = route, conf
    reconsider_leads([t])
    return t


def test_a_rhythm_inside_the_text_that_names_its_cycle_takes_its_measured_confidence():
    t = _dated("Tham mưu phân bổ kế hoạch đầu tư công trung hạn, hằng năm cho các dự án.", "hằng năm",
               route="recurring_inside_cycle", conf=0.8)
    assert t.confidence["deadline"] < UNSURE and t.found_by["deadline"] == "recurring_inside_cycle"
