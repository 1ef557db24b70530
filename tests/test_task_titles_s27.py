"""What is a task (issue 11, session 27): titles over items, tables whose columns are worded unlike
ours. Each on a document written in our own words (tests/data/docs)."""
from __future__ import annotations

from conftest import DATA, parse_json


def _texts(name: str) -> list[str]:
    data = parse_json(DATA / "docs" / name, "--no-resolve")
    return [t["text"] for t in data["tasks"]]


def test_a_long_title_over_lines_of_work_is_no_task():
    """'1. Nâng cao nhận thức ... trong phát triển kinh tế địa phương' (over 12 words, no stop) names
    a line of work; the '-' sentences under it are the tasks. A title whose only line opens in lower
    case goes on with that line: the title stays a task; so does a title over a short line."""
    texts = _texts("long-topic-titles.txt")
    starts = [t[:30] for t in texts]
    assert not any(t.startswith(("Nâng cao nhận thức", "Hoàn thiện hạ tầng")) for t in texts), starts
    assert sum(t.startswith(("Tổ chức các lớp", "Phát hành tờ gấp", "Rà soát, đề xuất", "Lắp đặt biển"))
               for t in texts) == 4, starts
    # a short line ("- Thực hiện theo quy định.") is no sentence of work: its title stays the task
    assert any(t.startswith("Phát triển các tuyến du lịch") for t in texts), starts
    # "- du lịch trong khu vực ..." continues the title's sentence: the title is work
    assert any(t.startswith("Quảng bá hình ảnh") for t in texts), starts


def test_a_short_title_closed_with_a_stop_is_still_a_title():
    """'II. Tổ chức thực hiện.' over its units' numbered items: the stop does not make it work."""
    texts = _texts("long-topic-titles.txt")
    assert not any(t.startswith("Tổ chức thực hiện") for t in texts), texts
    assert sum(t.startswith(("Sở Văn hóa", "Ủy ban nhân dân các xã")) for t in texts) == 2, texts


def test_an_appendix_whose_columns_are_worded_unlike_ours():
    """'Cơ quan phụ trách giải quyết' is the lead column; 'Vấn đề địa phương nêu' is no content word
    we know, but its cells are sentences beside a column of place names: each row is a task, its
    text the sentence, its lead the unit in charge."""
    data = parse_json(DATA / "docs" / "appendix-unknown-columns.md", "--no-resolve")
    rows = [(t["text"][:20].strip(), [u["name"] for u in t["lead"]]) for t in data["tasks"] if t["path"].startswith("PL")]
    assert rows == [("Hướng dẫn cách tính", ["Sở Nội vụ"]), ("Bổ sung kinh phí sửa", ["Sở Tài chính"]),
                    ("Cấp thêm tài khoản p", ["Sở Khoa học và Công nghệ"])], rows


def test_an_attached_regulations_caption_in_emphasis_is_its_title_not_body():
    """'*(Ban hành kèm theo Quyết định số 27/2026/QĐ-UBND ...)*' under the regulation's title in a
    web copy: part of the attached title, never a paragraph of the decision's last article."""
    from tracker.read import read_document
    from tracker.structure.sections import split_sections

    s = split_sections(read_document(DATA / "docs" / "regulation-caption-titled-articles.md"))
    assert any("Ban hành kèm theo Quyết định số 27/2026" in line.text for line in s.attached)
    assert not any("Ban hành kèm theo Quyết định số" in line.text for line in s.body)


def test_a_decisions_titled_article_is_no_task():
    """'Điều 2. Hiệu lực thi hành' over 'Quyết định này có hiệu lực ...': the article's title names
    what it is about; its clause says what holds. Neither is work."""
    data = parse_json(DATA / "docs" / "regulation-caption-titled-articles.md", "--no-resolve")
    paths = [t["path"] for t in data["tasks"]]
    assert paths == ["Điều 2.1", "Điều 2.2", "Điều 3.1", "Điều 3.2", "Điều 4.1", "Điều 4.2", "Điều 4.3"], paths


def _tasks(name: str) -> list[tuple[str, list[str]]]:
    data = parse_json(DATA / "docs" / name, "--no-resolve")
    return [(t["path"], [u["name"] for u in t["lead"]]) for t in data["tasks"]]


def test_a_cost_estimate_part_gives_work_only_where_it_names_who_acts():
    """'II. DỰ TOÁN KINH PHÍ THỰC HIỆN:' states sums and sources, like 'KINH PHÍ': only its item that
    names who acts ('Sở Tài chính thẩm định dự toán ...') is a task. (s34: 'I. NỘI DUNG THỰC HIỆN' names no unit
    while 'III. TỔ CHỨC THỰC HIỆN' gives the work to units: it lays out what the monitoring covers, as the corpus
    gold reads a monitoring plan's content part, so its items are no tasks either.)"""
    assert _tasks("plan-cost-estimate.txt") == [
        ("II.3", ["Sở Tài chính"]),
        ("III.1", ["Sở Nông nghiệp và Môi trường"]), ("III.2", ["Ủy ban nhân dân các xã"]),
    ]


def test_a_conclusions_parts_named_with_ve_are_read_by_their_title():
    """'I. VỀ KẾT QUẢ ĐẠT ĐƯỢC', 'II. VỀ TỒN TẠI, HẠN CHẾ': what was done and what fell short, no
    work; only 'III. NHIỆM VỤ THỜI GIAN TỚI' gives it."""
    assert _tasks("conclusion-about-parts.txt") == [("III.1", ["Sở Khoa học và Công nghệ"]), ("III.2", ["Sở Nội vụ"])]
