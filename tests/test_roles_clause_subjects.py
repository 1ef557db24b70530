"""The subject after an opening clause, read for a task's lead (s33): read whole as an opening sentence reads it
when a duty's cue confirms where its name ends, after "thì", past a clause word, after a recurring time."""
import pytest

from tracker.extract.roles import Roles, roles_of, subject_after_clause


def lead(text):
    return roles_of(text, Roles()).lead


@pytest.mark.parametrize("text,want", [
    # a kind whose words after it say which units, up to the duty's cue
    ("Khi hồ sơ chưa hợp lệ, cơ quan tiếp nhận có trách nhiệm hướng dẫn người nộp bổ sung.", ["cơ quan tiếp nhận"]),
    ("Trong 02 ngày làm việc, đơn vị được giao chủ trì phải gửi văn bản xin ý kiến.", ["đơn vị được giao chủ trì"]),
    # no cue after the words: the kind alone ("tiến hành" may be the verb)
    ("Căn cứ kết quả năm trước, các cơ quan, đơn vị tiến hành rà soát số liệu.", ["các cơ quan, đơn vị"]),
    # a body with its own name is never extended
    ("Sau khi có kết quả, Sở Tư pháp có trách nhiệm công bố.", ["Sở Tư pháp"]),
])
def test_a_kind_after_a_clause_read_whole(text, want):
    assert lead(text) == want


def test_the_main_clause_after_thi():
    assert lead("Trường hợp hồ sơ phải bổ sung thì cơ quan tiếp nhận có trách nhiệm thông báo cho người nộp.") == ["cơ quan tiếp nhận"]
    # not when only deciding whether a paragraph names who acts
    assert subject_after_clause("Trường hợp hồ sơ phải bổ sung thì cơ quan tiếp nhận có trách nhiệm thông báo.") == []


def test_a_clause_word_after_a_comma_is_no_verb():
    text = "Đối với hồ sơ sắp quá hạn, trong ngày làm việc tiếp theo, các đơn vị có trách nhiệm thông báo cho người nộp."
    assert lead(text) == ["các đơn vị"]


def test_a_recurring_time_opens_a_clause_for_the_lead_only():
    text = "Hằng năm, Sở Tài chính tổng hợp dự toán gửi Ủy ban nhân dân tỉnh."
    assert lead(text) == ["Sở Tài chính"]
    assert subject_after_clause(text) == []
    assert lead("Định kỳ hằng quý, các đơn vị báo cáo kết quả thực hiện.") == ["các đơn vị"]


def test_doi_voi_heading_names_its_kind_whole():
    from tracker.extract.roles import named_heading

    got = named_heading("Đối với các đơn vị vận hành, bảo trì hệ thống chiếu sáng (theo danh sách kèm theo):", True)
    assert got is not None and got.units == ["các đơn vị vận hành, bảo trì hệ thống chiếu sáng"]
    # not over no items, nor when words follow the colon, nor a list of work
    assert named_heading("Đối với các đơn vị vận hành, bảo trì hệ thống chiếu sáng:", False) is None
    assert named_heading("Đối với các cơ quan, đơn vị tổ chức thực hiện tốt các nội dung sau:", True) is None
