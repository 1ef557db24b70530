"""What a decision hands over is no task: the powers it delegates, a right to use something, the
accountability that comes with them (reader30). Only the duty it attaches is work.

tests/data/docs/delegation-article.txt (our own words): "Điều 1. Ủy quyền Giám đốc Sở Y tế thực
hiện ..., cụ thể:" over what may now be signed by the Sở; "Điều 2" with the Sở's answerability
(one word lost: "Chịu trách trước"), its yearly report and a right of its units to use data.
"""
from __future__ import annotations

from conftest import DATA, parse_json

from tracker.structure import regulation as REG
from tracker.structure.outline import states_only

DOC = DATA / "docs" / "delegation-article.txt"


def test_an_article_that_opens_on_the_delegation_itself_lists_powers():
    """Not only "X ủy quyền cho Y:", the act named first ("Ủy quyền Giám đốc Sở ...", "Phân cấp cho
    ...", "Giao quyền cho ...") announces powers used case by case."""
    assert REG.delegates("Ủy quyền Giám đốc Sở Y tế thực hiện nhiệm vụ trong lĩnh vực dược, cụ thể:")
    assert REG.delegates("Phân cấp cho Ủy ban nhân dân cấp xã thực hiện các nội dung sau:")
    assert REG.delegates("Uỷ quyền cho Chánh Văn phòng ký các văn bản sau:")
    # a duty that mentions what was delegated is no delegation
    assert not REG.delegates("Sở Y tế báo cáo kết quả thực hiện các nội dung được ủy quyền:")


def test_a_right_held_by_several_bodies_and_a_lost_word_stay_statements():
    assert states_only("Các phòng, đơn vị thuộc Sở được quyền khai thác dữ liệu cấp phép.")
    assert states_only("Chịu trách trước pháp luật về các nội dung được ủy quyền.")
    assert not states_only("Các phòng, đơn vị thuộc Sở cập nhật dữ liệu cấp phép hằng tháng.")


def test_only_the_report_the_decision_asks_for_is_a_task():
    tasks = parse_json(DOC, "--no-resolve")["tasks"]
    assert [(t["path"], t["text"][:30]) for t in tasks] == [("Điều 2.2", "Định kỳ hằng năm báo cáo kết q")], tasks
    assert [u if isinstance(u, str) else u["name"] for u in tasks[0]["lead"]] == ["Giám đốc Sở Y tế"]
