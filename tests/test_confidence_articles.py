"""Task confidence that follows the document's structure (confidence.toml [article_item]): an item of
an article ("Điều 5.2.a") whose lead it gave itself, or a lead-in above it gave, may be a rule, a power
or a per-case step rather than a standing duty; one under a heading naming its unit, or outside any
article, keeps its route's confidence. And deadline routes measured right on dev and met cold
([measured]: row_none) are sure. Texts are our own words."""
from __future__ import annotations

import pytest

from tracker.confidence import reconsider_leads, unsure_below
from tracker.model import Task, UnitRef

UNSURE = unsure_below()


def _task(text: str, path: str, task_route: str, lead_route: str, lead: list[str]) -> Task:
    t = Task(text=text, path=path, lead=[UnitRef(n) for n in lead])
    t.found_by.update(task=task_route, lead=lead_route)
    t.confidence.update(task=0.9, lead=0.75)
    reconsider_leads([t])
    return t


@pytest.mark.parametrize("path, task_route, lead_route, sure", [
    # an article's item naming its own actor: a power as often as a duty
    ("Điều 7.2", "item", "subject+opening", False),
    ("Điều 12", "paragraph", "subject", False),
    # a lead-in sentence of the article gave the lead
    ("Điều 9.1.b", "item", "intro", False),
    # the article's heading names the unit ("Điều 15. Trách nhiệm của Sở Tư pháp"): a duty
    ("Điều 15.3", "item", "heading", True),
    # a plan's item, outside any article
    ("II.2.a", "item", "subject+opening", True),
    # a table row under an article keeps the row's confidence
    ("Điều 3.PL.4", "row", "column", True),
])
def test_an_article_item_whose_lead_it_names_itself_is_an_unsure_task(path, task_route, lead_route, sure):
    t = _task("Sở Giao thông vận tải được quyền truy cập dữ liệu đăng kiểm phương tiện.", path, task_route,
              lead_route, ["Sở Giao thông vận tải"])
    assert (t.confidence["task"] >= UNSURE) is sure
    assert t.found_by["task"].endswith("+article") is not sure


def test_the_article_doubt_lowers_never_raises():
    t = Task(text="Ủy ban nhân dân cấp xã bố trí cán bộ tiếp nhận.", path="Điều 4.1", lead=[UnitRef("Ủy ban nhân dân cấp xã")])
    t.found_by.update(task="item+no_lead", lead="subject")
    t.confidence.update(task=0.3, lead=0.55)
    reconsider_leads([t])
    assert t.confidence["task"] == 0.3


@pytest.mark.parametrize("route", ["row_none"])
def test_deadline_routes_measured_right_are_sure(route):
    t = Task(text="Hằng tháng cập nhật số liệu vào hệ thống theo dõi.", path="1")
    t.found_by["deadline"], t.confidence["deadline"] = route, 0.4
    reconsider_leads([t])
    assert t.confidence["deadline"] >= UNSURE
