"""A Bộ's guide copied from a legal website (issue 11, reader27).

tests/data/docs/guide-steps-web-copy.md (our own words): the site's field list stands before "Kính gửi:",
the item labels are italic and alone on their lines ("*1.1.*"), one item names only the texts to study,
one announces software steps ("Bước 1: ..."), and a contact line and a repeal clause close it.
"""
from __future__ import annotations

from conftest import DATA, parse_json

from tracker.model import Line
from tracker.structure.outline import is_step, names_document, paragraphs

DOC = DATA / "docs" / "guide-steps-web-copy.md"


def _parsed() -> dict:
    return parse_json(DOC, "--no-resolve")


def test_addressees_after_a_field_list_are_the_recipients():
    assert _parsed()["directive"]["recipients"] == ["Sở Nông nghiệp các tỉnh", "Chi cục Kiểm lâm vùng I"]


def test_one_task_per_item_steps_and_document_lists_join_it():
    """1.1's '- Nghị định số ...' lines name what to study (one task); 1.2's announcing paragraph is the task
    and its 'Bước 1/2' lines detail it (the second names the units again, still a step); the contact line and
    the repeal clause are no tasks."""
    tasks = _parsed()["tasks"]
    assert [t["path"] for t in tasks] == ["1.1", "1.2", "1.3"], [t["text"][:60] for t in tasks]
    assert tasks[0]["text"].startswith("Nghiên cứu, quán triệt các văn bản sau:")
    assert "Thông tư số 07/2026/TT-BNL" in tasks[0]["text"]
    assert tasks[1]["text"].startswith("Trên cơ sở số liệu đã rà soát, các đơn vị cập nhật")
    assert "Bước 2: Nhập số liệu" in tasks[1]["text"]


def test_italic_marks_and_bare_dotted_labels():
    paras = paragraphs([Line("*1.1.*"), Line("*Nghiên cứu, quán triệt các văn bản sau:*", gap_before=True),
                        Line("**Điều 1.****"), Line("**Ban hành kèm theo Quyết định này Quy chế.", gap_before=True),
                        Line("1.16 )/Báo cáo chi tiết", gap_before=True)])
    assert [(p.family, p.label, p.body) for p in paras[:2]] == [
        ("dotted1", "1.1", "Nghiên cứu, quán triệt các văn bản sau:"),
        ("article", "Điều 1", ""),
    ]
    assert paras[2].text == "Ban hành kèm theo Quyết định này Quy chế."  # no unpaired bold marks left
    assert paras[3].label is None  # "1.16 )" is a wrapped menu path, not an item


def test_step_and_document_lines():
    assert is_step("Bước 2: Nhập số liệu")
    assert not is_step("Bước đầu triển khai thí điểm tại 03 xã.")
    assert names_document("Nghị định số 42/2026/NĐ-CP ngày 02/02/2026 của Chính phủ")
    assert names_document("Các Nghị định về rừng trồng: số 42/2026/NĐ-CP, số 43/2026/NĐ-CP")
    assert not names_document("Văn bản hướng dẫn do Sở Nông nghiệp chủ trì xây dựng tại số liệu năm 2025")


SCOPE = DATA / "docs" / "scope-items-web-copy.md"


def test_a_long_scope_heading_over_sentences_of_work_gives_each_its_task():
    """'1.1. Đối với các cơ sở sản xuất ... (a long scope):' over '+ Rà soát ...', '+ Tăng cường ...': the
    '+' lines are the work, one task each, not details of the scope; '1.2.' alone over a whole sentence
    stays a label over its paragraphs (each a task); the italic preamble line 'Ủy ban nhân dân tỉnh ban
    hành Quy chế ...' names what the issuer issues, no task."""
    tasks = parse_json(SCOPE, "--no-resolve")["tasks"]
    assert [t["text"][:22] for t in tasks] == [
        "Rà soát, bảo đảm các h", "Tăng cường tần suất ki", "Đơn vị thu gom chất th", "Chủ tịch Ủy ban nhân d"]
