"""Routes whose confidence was measured on documents the reader met cold (confidence.toml
[measured]): the field takes the measured figure, whichever way it moves."""
from __future__ import annotations

from tracker.confidence import reconsider_leads, unsure_below
from tracker.model import Task

UNSURE = unsure_below()


def _task(text: str, **routes: tuple[str, float]) -> Task:
    t = Task(text=text, path="1")
    for field, (route, conf) in routes.items():
        t.found_by[field] = route
        t.confidence[field] = conf
    return t


def test_no_indicator_linked_to_a_procedure_task_without_keywords_is_sure():
    # about procedures, yet no indicator keyword: linked to none, and that is nearly always right
    t = _task("Rà soát quy trình giải quyết hồ sơ của người dân tại bộ phận một cửa.",
              indicators=("unlinked", 0.5))
    reconsider_leads([t])
    assert t.indicators == [] and t.confidence["indicators"] >= UNSURE
    assert t.found_by["indicators"] == "unlinked"


def test_a_route_not_measured_keeps_its_confidence():
    t = _task("Liên kết chỉ số số hóa hồ sơ.", indicators=("linked", 0.55))
    reconsider_leads([t])
    assert t.confidence["indicators"] == 0.55
