"""A regulation a decision issues: only its responsibility parts hold tasks (issue 11, reader18).

The document (tests/data/docs/regulation-norms-duties.md, our own words) is a web copy: the
labels of its chapters and articles are broken over two lines ("Chương" / "I", "Điều" / "2.
Giải thích từ ngữ"), and the decision's Điều 1 wraps onto a paragraph of its own.
"""
from __future__ import annotations

from conftest import DATA, parse_json

from tracker.model import Line
from tracker.structure.outline import build_outline, paragraphs

DOC = DATA / "docs" / "regulation-norms-duties.md"


def _tasks() -> list[dict]:
    return parse_json(DOC, "--no-resolve")["tasks"]


def test_labels_broken_over_two_lines_are_one_article_and_one_chapter():
    """'Điều' alone, then '2. Giải thích từ ngữ': one article 'Điều 2', not a bare word and a
    numbered item 2 under the article before; 'Chương' / 'II' likewise one chapter."""
    paras = paragraphs([Line("Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này./."),
                        Line("Chương", gap_before=True), Line("II", gap_before=True),
                        Line("Điều", gap_before=True), Line("2. Giải thích từ ngữ", gap_before=True),
                        Line("1. “Phản ánh” là ý kiến gửi qua Cổng.", gap_before=True)])
    assert [(p.family, p.label) for p in paras] == [
        ("article", "Điều 3"), ("chapter", "Chương II"), ("article", "Điều 2"), ("number", "1")]


def test_a_chapter_closes_the_open_article_instead_of_nesting_in_it():
    """'Chương I' after the decision's 'Điều 3' starts a new part of the text beside it; the
    regulation's articles nest under the chapter, and their paths stay 'Điều 2.1'."""
    paras = paragraphs([Line("Điều 3. Giám đốc Sở chịu trách nhiệm thi hành Quyết định này./."),
                        Line("Chương I QUY ĐỊNH CHUNG"), Line("Điều 1. Phạm vi điều chỉnh"),
                        Line("Chương II TỔ CHỨC THỰC HIỆN"), Line("Điều 2. Trách nhiệm của Sở Tài chính"),
                        Line("1. Bố trí kinh phí hằng năm.")])
    root = build_outline(paras)
    assert [c.para.label for c in root.items()] == ["Điều 3", "Chương I", "Chương II"]
    item = root.items()[2].items()[0].items()[0]
    assert item.path == "Điều 2.1"


def test_only_the_duties_of_a_regulation_are_tasks():
    """Definitions, principles (even one naming who answers), the steps of a procedure (even
    one saying 'có trách nhiệm'), a minimum configuration and the decision's wrapped Điều 1 are
    no tasks; the duties are: a 'có trách nhiệm' clause under another title, the items under
    'Trách nhiệm của X', the 'Trách nhiệm thi hành' paragraph and the report of difficulties."""
    texts = [t["text"] for t in _tasks()]
    assert [t[:30] for t in texts] == [
        "Các sở, ngành có trách nhiệm b",
        "Duy trì Cổng hoạt động liên tụ",
        "Hướng dẫn, tập huấn cho người ",
        "Giám đốc các sở, Chủ tịch Ủy b",
        "Trong quá trình thực hiện, nếu",
    ], texts


def test_the_duties_keep_their_leads():
    got = {t["text"][:20]: [u["name"] for u in t["lead"]] for t in _tasks()}
    assert got["Duy trì Cổng hoạt độ"] == ["Sở Khoa học và Công nghệ"], got
    assert got["Các sở, ngành có trá"] == ["Các sở, ngành"], got
    assert got["Trong quá trình thực"] == ["các cơ quan, đơn vị"], got


def test_a_report_of_difficulties_in_a_regulation_is_an_event_task():
    """In a regulation 'nếu có khó khăn, vướng mắc ... phản ánh về X' is a duty when the
    occasion comes, not the closing formula it is in a plan."""
    task = next(t for t in _tasks() if t["text"].startswith("Trong quá trình"))
    assert task["path"] == "Điều 7"
