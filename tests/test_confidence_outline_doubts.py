"""Doubts chosen in s33 on dev and on dev documents met cold: a task with tasks under it
([parent_task]), a lead whose heading goes on with more of its name ([lead_cut_short]), a start date
as the deadline ([measured] deadline.start), a task under "Hiệu lực thi hành" ([norm_article]), more
condition words over an empty deadline ([condition_unread]), long lists of references only
([references_many]). Tasks, headings and texts are our own words."""
from __future__ import annotations

import pytest

from tracker.confidence import doubt_header, reconsider_leads, unsure_below
from tracker.model import Deadline, Header, Task, UnitRef

UNSURE = unsure_below()


def _task(path: str, text: str = "Tổ chức tập huấn cho cán bộ làm công tác văn thư.", lead: list[str] = (),
          route: str = "heading", conf: float = 0.9) -> Task:
    t = Task(text=text, path=path, lead=[UnitRef(n) for n in lead])
    t.found_by.update(task="item", lead=route, support="none", deadline="none")
    t.confidence.update(task=0.9, lead=conf, support=0.9, deadline=0.9)
    return t


# --- a task with tasks under it ------------------------------------------------------------------

def test_a_task_with_tasks_under_it_is_unsure_and_its_items_stay_sure():
    tasks = [_task("2", "Đẩy mạnh chuyển đổi số trong quản lý văn bản"), _task("2.a"), _task("2.b"), _task("3")]
    reconsider_leads(tasks)
    top, a, b, other = tasks
    assert top.confidence["task"] < UNSURE and top.found_by["task"].endswith("+parent")
    assert all(t.confidence["task"] >= UNSURE for t in (a, b, other))


@pytest.mark.parametrize("paths", [
    ["2", "2.-1", "2.-2"],      # paragraphs under an item
    ["PL.I", "PL.I.1"],         # a group row over the rows of a table
])
def test_any_task_under_a_task_makes_it_unsure(paths):
    tasks = [_task(p) for p in paths]
    reconsider_leads(tasks)
    assert tasks[0].confidence["task"] < UNSURE
    assert all(t.confidence["task"] >= UNSURE for t in tasks[1:])


def test_a_path_that_only_begins_alike_is_no_task_under_it():
    # "1" and "12" (or "Điều 1" and "Điều 12") share a first character, not an item
    tasks = [_task("1"), _task("12"), _task("Điều 1"), _task("Điều 12")]
    reconsider_leads(tasks)
    assert all(t.confidence["task"] >= UNSURE for t in tasks)


# --- a lead cut short in the heading it was read from ----------------------------------------------

@pytest.mark.parametrize("heading, lead, sure", [
    # the heading goes on with more of the name
    ("Ban Quản lý khu Kinh tế", ["Ban Quản lý khu"], False),
    ("Các Sở quản lý ngành, lĩnh vực:", ["Các Sở"], False),
    ("Đối với các cơ sở sản xuất có lưu lượng khí thải lớn:", ["các cơ sở sản xuất có"], False),
    # the name is whole: the line ends, punctuation or a verb follows
    ("Ban Quản lý khu Kinh tế", ["Ban Quản lý khu Kinh tế"], True),
    ("Sở Nội vụ:", ["Sở Nội vụ"], True),
    ("Sở Tài chính chủ trì thực hiện các nội dung sau:", ["Sở Tài chính"], True),
    ("Đơn vị vận hành có các nghĩa vụ sau:", ["Đơn vị vận hành"], True),
    ("Hội đồng Thi đua tỉnh là cơ quan tham mưu, có nhiệm vụ sau:", ["Hội đồng Thi đua tỉnh"], True),
    ("Sở Y tế, Sở Tư pháp theo chức năng, nhiệm vụ thực hiện:", ["Sở Y tế", "Sở Tư pháp"], True),
])
def test_a_lead_cut_short_in_its_heading_is_unsure(heading, lead, sure):
    t = _task("3.a", lead=lead, route="heading")
    reconsider_leads([t], headings={"3": heading})
    assert (t.confidence["lead"] >= UNSURE) is sure
    assert t.found_by["lead"].endswith("+cut") is (not sure)


def test_the_nearest_heading_naming_the_lead_is_the_one_read():
    # the item's own lead-in names the whole unit; a topic heading higher up holds a longer phrase
    t = _task("II.3.a", lead=["Sở Xây dựng"], route="intro", conf=0.7)
    reconsider_leads([t], headings={"II": "Sở Xây dựng và các đơn vị liên quan", "II.3": "Sở Xây dựng:"})
    assert t.confidence["lead"] >= UNSURE


@pytest.mark.parametrize("route, sure", [
    ("subject", True),   # read from the item's own words, not from a heading: no heading to run on
    ("column", True),
    ("intro", False),
    ("staff", False),
])
def test_only_leads_read_from_a_line_above_are_checked(route, sure):
    t = _task("3.a", lead=["Ban Quản lý khu"], route=route, conf=0.9)
    reconsider_leads([t], headings={"3": "Ban Quản lý khu Kinh tế"})
    assert (t.confidence["lead"] >= UNSURE) is sure


# --- deadlines --------------------------------------------------------------------------------

def test_a_start_date_as_the_deadline_is_unsure():
    t = _task("1", "Áp dụng mức phí mới từ ngày 01/7/2026 đối với hồ sơ nộp trực tuyến.")
    t.deadline = Deadline(kind="start", text="từ ngày 01/7/2026", date="2026-07-01")
    t.found_by["deadline"], t.confidence["deadline"] = "start", 0.7
    reconsider_leads([t])
    assert t.confidence["deadline"] < UNSURE and t.found_by["deadline"] == "start"


@pytest.mark.parametrize("text, sure", [
    ("Thông báo bằng văn bản cho cơ quan thuế nếu phát hiện sai sót trong hồ sơ.", False),
    ("Cung cấp thông tin về cao độ nền cho tổ chức, cá nhân có yêu cầu.", False),
    ("Báo cáo tình hình thực hiện theo đề nghị của Sở Tài chính.", False),
    ("Báo cáo khó khăn, vướng mắc (nếu có) về Sở Nội vụ.", True),    # "(nếu có)" only narrows
    ("Tổ chức tập huấn cho cán bộ văn thư các xã.", True),
])
def test_condition_words_over_an_empty_deadline(text, sure):
    t = _task("1", text)
    reconsider_leads([t])
    assert (t.confidence["deadline"] >= UNSURE) is sure


# --- articles -----------------------------------------------------------------------------------

@pytest.mark.parametrize("title, sure", [
    ("Hiệu lực thi hành", False),          # when the text takes effect: no duty
    ("Trách nhiệm thi hành", True),
    ("Tổ chức thi hành", True),
])
def test_an_article_on_when_the_text_takes_effect_names_no_duty(title, sure):
    t = _task("Điều 2.1", "Sở Tư pháp có trách nhiệm hướng dẫn thực hiện Quy chế này.", lead=["Sở Tư pháp"],
              route="subject")
    reconsider_leads([t], articles={"Điều 2": title})
    assert (t.confidence["task"] >= UNSURE) is sure


# --- header -------------------------------------------------------------------------------------

@pytest.mark.parametrize("count, sure", [(8, True), (23, True), (24, False), (40, False)])
def test_only_a_long_list_of_references_is_unsure(count, sure):
    h = Header(references=[f"{i}/QĐ-UBND" for i in range(1, count + 1)])
    h.confidence["references"], h.found_by["references"] = 0.9, "cited"
    doubt_header(h)
    assert (h.confidence["references"] >= UNSURE) is sure
