"""A task inside an article of a legal text whose title names no duty (confidence.toml
[norm_article]): such articles lay down norms, procedures and competences whose sentences read like
work with a subject; whether they are tasks at all is unsure. Texts are our own words."""
from __future__ import annotations

from pathlib import Path

import pytest

from tracker.confidence import article_titles, doubt_norm_articles, unsure_below
from tracker.model import Task, UnitRef
from tracker.parse import parse_file
from tracker.structure.outline import Paragraph, build_outline

UNSURE = unsure_below()
DOCS = Path(__file__).parent / "data" / "docs"


def _task(path: str, lead_route: str, lead: str = "Sở Xây dựng") -> Task:
    t = Task(text=f"{lead} quyết định việc cấp phép sửa chữa bến thuyền theo đề nghị của chủ đầu tư.", path=path)
    t.lead = [UnitRef(lead)]
    t.found_by.update(task="item", lead=lead_route)
    t.confidence.update(task=0.9, lead=0.55)
    return t


ARTICLES = {
    "Điều 4": "Cấp phép sửa chữa bến thuyền",
    "Điều 7": "Trách nhiệm của Sở Xây dựng",
    "Điều 8": "Tổ chức thực hiện",
    "Điều 9": "Giao Sở Xây dựng",
}


@pytest.mark.parametrize("path, route, sure", [
    ("Điều 4.1", "subject", False),           # a competence laid down in a norm article
    ("Điều 4.2.a", "intro", False),           # under a lead-in of that article
    ("Điều 4", "subject+kind_only", False),   # the article's own paragraph; doubts on the lead do not hide the route
    ("Điều 4.1", "heading", False),
    ("Điều 7.1", "subject", True),            # duties of a body: work
    ("Điều 8.2", "subject", True),
    ("Điều 9.1", "subject", True),            # "Giao ...": work handed out
    ("Điều 4.1", "column", True),             # a table's lead column names its units as the table does
    ("Điều 4.1", "regulation", True),         # the regulated body's own functions
    ("Điều 40.1", "subject", True),           # "Điều 4" is no prefix of "Điều 40"
    ("II.4.1", "subject", True),              # no article: a plan's item
])
def test_a_task_in_an_article_of_norms_is_unsure(path, route, sure):
    t = _task(path, route)
    doubt_norm_articles([t], ARTICLES)
    assert (t.confidence["task"] >= UNSURE) is sure
    assert t.found_by["task"].endswith("+norm_article") is not sure


def test_without_articles_nothing_changes():
    t = _task("Điều 4.1", "subject")
    doubt_norm_articles([t], {})
    doubt_norm_articles([t], None)
    assert t.confidence["task"] == 0.9 and t.found_by["task"] == "item"


def test_a_doubt_never_raises_a_task_already_unsure():
    t = _task("Điều 4.1", "subject")
    t.confidence["task"] = 0.3
    doubt_norm_articles([t], ARTICLES)
    assert t.confidence["task"] == 0.3 and t.found_by["task"] == "item"


def test_article_titles_read_the_outline_and_join_two_articles_of_one_number():
    paras = [
        Paragraph("Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý bến thuyền.", label="Điều 1", family="article"),
        Paragraph("Điều 2. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này.", label="Điều 2", family="article"),
        Paragraph("Điều 1. Phạm vi điều chỉnh", label="Điều 1", family="article"),
        Paragraph("Điều 2. Nguyên tắc quản lý", label="Điều 2", family="article"),
        Paragraph("1. Công khai, minh bạch.", label="1", family="number"),
    ]
    titles = article_titles(build_outline(paras))
    assert titles["Điều 1"].startswith("Ban hành kèm theo") and titles["Điều 1"].endswith("Phạm vi điều chỉnh")
    assert "thi hành" in titles["Điều 2"] and "Nguyên tắc quản lý" in titles["Điều 2"]
    assert set(titles) == {"Điều 1", "Điều 2"}


def test_a_regulation_marks_its_norm_articles_unsure_and_its_duties_sure():
    tasks = {t.path: t for t in parse_file(DOCS / "regulation-norm-articles.txt", resolve=False).tasks}
    # "Điều 4. Cấp và khóa tài khoản": who decides, who may not lend an account (a grant with a
    # prohibition, which the task reader drops; if it ever reads it as work, it must be doubted too)
    for path in ("Điều 4.1", "Điều 4.2"):
        if path == "Điều 4.2" and path not in tasks:
            continue
        assert tasks[path].confidence["task"] < UNSURE, path
        assert "norm_article" in tasks[path].found_by["task"]
    # "Điều 5. Trách nhiệm của Sở ...", "Điều 6. Trách nhiệm của Ủy ban nhân dân ...": the work
    for path in ("Điều 5.2", "Điều 6.1", "Điều 6.2"):
        assert tasks[path].confidence["task"] >= UNSURE, path
