"""A decision that states its rules itself, competences and measures (issue 11, reader27).

tests/data/docs/quy-pham-own-articles.md (our own words) is a quyết định quy phạm: its own Điều 1 is
"Phạm vi điều chỉnh", so its articles are read as a regulation's (no second "Điều 1", no chapter).
tests/data/docs/regulation-competence-chapter.md issues a regulation whose chapter "PHÂN CẤP ..."
passes powers on article by article.
"""
from __future__ import annotations

from conftest import DATA, parse_json

from tracker.structure import regulation as REG

OWN = DATA / "docs" / "quy-pham-own-articles.md"
CHAPTER = DATA / "docs" / "regulation-competence-chapter.md"


def _tasks(path) -> list[dict]:
    return parse_json(path, "--no-resolve")["tasks"]


def _paths(path) -> list[str]:
    return [t["path"] for t in _tasks(path)]


def test_a_decision_opening_with_its_scope_is_read_as_a_regulation():
    """Standards (Điều 2), delegated contents (Điều 3), the powers under 'ủy quyền cho X:' (4.1.a-b),
    a level's features (5.1.a), a power after an occasion ('được quyền huy động'), the clause on
    which text applies and the decision's own effect and execution clause are no tasks; the duties
    are: 4.2, each measure under 'Biện pháp ứng phó bao gồm:', the clauses under a long duty title,
    'tổ chức thực hiện và chịu trách nhiệm ...; định kỳ báo cáo' and the report of difficulties."""
    assert _paths(OWN) == ["Điều 4.2", "Điều 5.1.b", "Điều 5.1.b", "Điều 6.1", "Điều 6.2", "Điều 7.1", "Điều 7.3"]


def test_each_measure_line_is_its_own_task():
    texts = [t["text"] for t in _tasks(OWN) if t["path"] == "Điều 5.1.b"]
    assert [t[:25] for t in texts] == ["Chủ tịch Ủy ban nhân dân ", "Lực lượng xung kích trực "], texts


def test_a_long_article_title_is_no_task():
    """'Điều 6. Trách nhiệm theo dõi ...; tiếp nhận ...; di dời ...' (over 25 words) titles its clauses."""
    assert not any(t["text"].startswith("Trách nhiệm theo dõi") for t in _tasks(OWN))


def test_work_before_accountability_is_a_task():
    task = next(t for t in _tasks(OWN) if t["path"] == "Điều 7.1")
    assert [u["name"] for u in task["lead"]] == ["Sở Tư pháp"]


def test_a_competence_chapter_gives_work_only_in_its_duty_articles():
    """Chương II 'PHÂN CẤP ...': 'Sở Xây dựng cấp giấy phép ...' and 'UBND xã phê duyệt nội quy ...' are
    powers; so is 'Điều 4. Trách nhiệm quản lý an toàn ...' (a field of work shared out, no holder named: s31,
    "X chịu trách nhiệm quản lý ..." is a competence), except its clause 'X có trách nhiệm báo cáo ...'; an
    article titled 'Thẩm quyền ...' is powers whatever duty word it holds inside ('... thi hành án'); Chương
    III's duties are tasks."""
    assert _paths(CHAPTER) == ["Điều 4.2", "Điều 5.1", "Điều 5.2"]


def test_title_kinds():
    assert REG.is_competence_title("Nội dung phân cấp")
    assert REG.is_competence_title("PHÂN CẤP MỘT SỐ NỘI DUNG QUẢN LÝ CHỢ")
    assert not REG.is_competence_title("Trách nhiệm của Sở Công Thương")
    assert REG.is_norm_title("Tiêu chuẩn chung áp dụng đối với hòa giải viên")
    assert REG.lists_measures("Biện pháp ứng phó bao gồm:")
    assert not REG.lists_measures("Biện pháp ứng phó được thực hiện theo quy định của Bộ.")
    assert REG.delegates("Ủy ban nhân dân tỉnh ủy quyền cho Giám đốc Sở Tư pháp:")
    assert not REG.delegates("Sở Tư pháp được ủy quyền cho ký văn bản.")
