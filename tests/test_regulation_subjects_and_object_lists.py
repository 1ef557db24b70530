"""Parts of a regulation that read like work and give none (issue 11, task precision on held-out).

The document (tests/data/docs/regulation-subjects-and-object-lists.md, our own words) is a decision issuing a
regulation. Each family below made tasks of text that gives no one work:
- an article title that reads as a subject and its verb ("Các loại dữ liệu được gửi về Sở ...") over items that
  only name kinds of data;
- a clause naming whom a rule covers ("Đối tượng được cấp tài khoản:") over the bodies it names;
- a sentence that stops on a preposition before its colon ("... cập nhật dữ liệu vào Kho đối với:") over the
  objects it governs: one task, the lines its text;
- a unit's rights ("... có các quyền sau:") beside its duties ("... có các nghĩa vụ sau:");
- what a rule grants a unit ("Sở X được cấp một tài khoản ...") beside what it binds it to ("... phải đổi mật khẩu");
- a duty's title naming its holder with words after the name ("Trách nhiệm của Thủ trưởng các đơn vị thuộc Sở được
  phân cấp"): the title is no task, its clauses are.
"""
from __future__ import annotations

import pytest
from conftest import DATA, parse_json

from tracker.extract.tasks import _granted
from tracker.structure.outline import ends_on_object_list
from tracker.structure.regulation import grants_rights

DOC = DATA / "docs" / "regulation-subjects-and-object-lists.md"


@pytest.fixture(scope="module")
def tasks() -> list[dict]:
    return parse_json(DOC, "--no-resolve")["tasks"]


def test_only_work_is_read_as_tasks(tasks):
    assert [t["path"] for t in tasks] == [
        "Điều 2.3", "Điều 3.3", "Điều 4.2.a", "Điều 4.2.b", "Điều 5.1", "Điều 5.2", "Điều 6.1", "Điều 6.2"], \
        [(t["path"], t["text"][:40]) for t in tasks]


def test_an_object_list_is_the_text_of_its_sentence(tasks):
    """The lines under "... đối với:" join the sentence: one task, led by the unit that opens it."""
    task = next(t for t in tasks if t["path"] == "Điều 5.1")
    assert task["text"].startswith("Sở Văn hóa chịu trách nhiệm cập nhật dữ liệu vào Kho đối với:")
    assert "Hồ sơ xếp hạng di tích cấp tỉnh" in task["text"] and "Kết quả kiểm kê di sản" in task["text"]
    assert [u["name"] for u in task["lead"]] == ["Sở Văn hóa"]


def test_a_duty_title_naming_its_holder_leads_its_clauses(tasks):
    leads = {t["path"]: [u["name"] for u in t["lead"]] for t in tasks}
    # the holder as the title names it, with what it was given ("được phân cấp": the roles reader keeps it)
    assert leads["Điều 6.1"] == leads["Điều 6.2"] == ["Thủ trưởng các đơn vị thuộc Sở được phân cấp"]
    assert not any(t["text"].startswith("Trách nhiệm của") for t in tasks)


@pytest.mark.parametrize("text, expected", [
    ("Sở Tài chính chịu trách nhiệm cập nhật dữ liệu vào Cơ sở dữ liệu đối với:", True),
    ("Vụ trưởng Vụ Tổ chức quản lý hồ sơ của:", True),
    ("Sở Tài chính có trách nhiệm thực hiện các nhiệm vụ sau:", False),
    ("Đối với Ủy ban nhân dân cấp xã:", False),  # a scope label at the start, not a preposition left hanging
    ("Sở Tư pháp tham mưu Ủy ban nhân dân tỉnh về:", False),
])
def test_object_list_endings(text, expected):
    assert ends_on_object_list(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("Đơn vị thoát nước có các quyền sau:", True),
    ("Trung tâm có quyền:", True),
    ("Hội đồng là cơ quan tham mưu, có nhiệm vụ, quyền hạn sau:", False),  # duties and powers together: work
    ("Đơn vị thoát nước có các nghĩa vụ sau:", False),
])
def test_rights_lead_ins(text, expected):
    assert grants_rights(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("Các cơ quan, đơn vị được cấp 01 tài khoản quản trị hệ thống.", True),
    ("Sở Tư pháp được khai thác, sử dụng thông tin trong Cơ sở dữ liệu.", True),
    ("Cơ quan, đơn vị được cấp tài khoản phải đổi mật khẩu ngay sau khi đăng nhập.", False),
    ("Sở Khoa học và Công nghệ được giao quản lý, vận hành hệ thống.", False),  # an assignment: work
    ("Sở Tài chính chủ trì, cấp tài khoản cho các đơn vị được cấp quyền khai thác.", False),
])
def test_what_a_rule_grants(text, expected):
    assert _granted(text) is expected
