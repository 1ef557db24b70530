"""What is a task (issue 11, session 28): a công điện's addressee wrapped over lines, lines that only
send the reader to other rules, short list entries under a title, numbered work under a lead-in.
Documents in our own words (tests/data/docs)."""
from __future__ import annotations

from conftest import DATA, parse_json


def _parse(name: str) -> dict:
    return parse_json(DATA / "docs" / name, "--no-resolve")


def test_a_dash_addressee_wrapped_before_a_capitalised_word_runs_to_its_semicolon():
    """'- Chủ tịch ... các xã vùng cao: Pà Cò, Hang Kia, Tân' / 'Sơn, Lũng Vân ...;': the second line
    opens with a capital (a place name cut in two), yet it is the same addressee; the weather report
    after the list is no task."""
    data = _parse("telegram-addressee-wrapped.md")
    recipients = data["directive"]["recipients"]
    assert "Tân Sơn" in recipients[0] and "Phiêng Luông" in recipients[0], recipients
    # "Giám đốc các sở: A, B": one office of one kind of body, one recipient per name (convention 4)
    assert recipients[1:] == ["Giám đốc Sở Nông nghiệp và Môi trường", "Giám đốc Sở Tài chính",
                              "Giám đốc Đài Phát thanh và Truyền hình tỉnh"], recipients
    assert [t["path"] for t in data["tasks"]] == ["1", "2", "3"], [t["text"][:40] for t in data["tasks"]]


def test_a_line_that_only_sends_the_reader_to_other_rules_is_no_task():
    """'Thực hiện theo quy định tại điểm a khoản này ...' and '... được thực hiện theo quy định của pháp
    luật ...' give no work of their own; 'Thực hiện theo hướng dẫn của Sở ..., báo cáo ... trước ngày'
    goes on to give work and stays a task."""
    data = _parse("lines-that-refer.txt")
    assert [t["path"] for t in data["tasks"]] == ["I.1.a", "I.1.c", "I.2.a"], [t["text"][:40] for t in data["tasks"]]


def test_short_list_entries_under_a_title_join_it_as_one_item():
    """'2. Hình thức gửi ý kiến ...' over '- Gửi thư qua hòm thư góp ý;' '- Nói trực tiếp ...;' '- Nhắn
    tin ...': short entries of one list (each closed by ';' or '.', no unit named) are one item with
    their title, not a task each."""
    data = _parse("list-entries-under-title.txt")
    texts = {t["path"]: t["text"] for t in data["tasks"]}
    assert list(texts) == ["I.1", "I.2", "I.3"], texts
    assert "Nói trực tiếp với trưởng thôn" in texts["I.2"]


def test_numbered_work_after_a_lead_in_is_each_a_task_led_by_its_units():
    """'1. Ủy ban ... tập trung lãnh đạo, chỉ đạo ..., trong đó:' over a) to đ), each a sentence of work:
    five tasks led by the lead-in's units, not one. Short points after 'cụ thể:' ('a) Vùng ven biển;')
    only detail their item; one '(1) Chỉ số ...; (2) ...' line under a point stays with that point."""
    data = _parse("lead-in-numbered-work.txt")
    got = [(t["path"], [u["name"] for u in t["lead"]]) for t in data["tasks"]]
    xa = ["Ủy ban nhân dân các xã, phường"]
    assert got == [("1.a", xa), ("1.b", xa), ("1.c", xa), ("1.d", xa), ("1.đ", xa), ("2", ["Công ty Thủy lợi tỉnh"]),
                   ("3.a", xa), ("3.b", xa)], got
    texts = {t["path"]: t["text"] for t in data["tasks"]}
    assert "Vùng trung du" in texts["2"] and "Chỉ số về năng suất" in texts["3.a"]


def test_a_meetings_timetable_section_is_no_work_but_a_campaigns_ways_are():
    """'III. THỜI GIAN THỰC HIỆN' of a meeting plan says when it sits ('phải xong trước ...', 'tổ chức hội
    nghị vào sáng ngày ...'): the work is under 'TỔ CHỨC THỰC HIỆN'. A campaign's 'NỘI DUNG THI ĐUA,
    PHƯƠNG ÁN TRIỂN KHAI' lays out how it is carried out: its 'Phương án triển khai' items are tasks,
    its targets ('Nội dung thi đua') are not."""
    data = _parse("meeting-plan-timetable.txt")
    assert [t["path"] for t in data["tasks"]] == ["IV.1.-1", "IV.1.-2", "IV.2.-1"], [t["text"][:40] for t in data["tasks"]]
    data = _parse("emulation-plan-ways.txt")
    assert [t["path"] for t in data["tasks"]] == ["I.2.a", "I.2.b", "III.1"], [t["text"][:40] for t in data["tasks"]]


def test_a_title_naming_a_unit_and_how_it_takes_part_is_a_heading():
    """'2. Đề nghị Ủy ban nhân dân xã phối hợp' over '- ' lines: the title names the unit and only how it
    takes part (no object); it leads the lines under it and is no task itself."""
    data = _parse("heading-unit-takes-part.txt")
    got = [(t["path"], [u["name"] for u in t["lead"]]) for t in data["tasks"]]
    assert [p for p, _ in got] == ["I.1.-1", "I.1.-2", "I.2.-1", "I.2.-2"], got
    assert got[2][1] == ["Ủy ban nhân dân xã"], got


def test_a_line_right_under_a_colon_goes_on_with_its_paragraph_in_a_blank_parted_text():
    """A web copy parts its paragraphs with blank lines; 'Tham dự có lãnh đạo các sở ...:' wraps its list
    onto the next line ('Công an, Xây dựng, ...') with no blank between: the same paragraph (who
    attended), no task led by 'Công an'."""
    data = _parse("notice-attendees-wrapped.md")
    assert [t["path"] for t in data["tasks"]] == ["1", "2"], [t["text"][:40] for t in data["tasks"]]


def test_a_ministers_title_whose_ministry_name_reads_as_a_verb_stays_whole():
    """'Bộ trưởng Bộ Xây dựng khẩn trương ...': 'Xây dựng' (to build) is the ministry's name, not the
    work; the lead is 'Bộ trưởng Bộ Xây dựng' and the task's text keeps it."""
    data = _parse("minister-named-by-verb-word.txt")
    first = data["tasks"][0]
    assert [u["name"] for u in first["lead"]] == ["Bộ trưởng Bộ Xây dựng"], first["lead"]
    assert first["text"].startswith("Bộ trưởng Bộ Xây dựng khẩn trương")


def test_a_units_name_under_a_regulations_titled_article_heads_its_duties():
    """'Điều 2. Phối hợp trong quy hoạch mạng lưới chợ' over '1. Sở Công Thương' / 'Chủ trì rà soát ...':
    under the unit's name every paragraph is its duty (a task it leads), though the article's title is
    no duty title; 'Điều 3. Nguyên tắc phối hợp' stays no task."""
    data = _parse("regulation-unit-headings.md")
    got = [(t["path"], [u["name"] for u in t["lead"]]) for t in data["tasks"]]
    assert got == [("Điều 2.1", ["Sở Công Thương"]), ("Điều 2.2", ["Ủy ban nhân dân cấp xã"])], got


def test_powers_prohibitions_competences_and_cited_documents_are_no_tasks():
    """'Sở X có quyền tạm khóa ...' (a power), 'Nghiêm cấm ...', 'Thẩm quyền cấp mới ...: ...', 'Về mẫu
    đơn ...: thực hiện theo khoản 2 Điều 5 ...' and '- Nghị định số ...' under 'Căn cứ các văn bản sau:'
    give no one work; the two items that do stay tasks."""
    data = _parse("rules-facts-and-powers.txt")
    texts = [t["text"] for t in data["tasks"]]
    assert len(texts) == 2, [t[:40] for t in texts]
    assert texts[0].startswith("Các sở, ban, ngành rà soát") and texts[1].startswith("Sở Khoa học và Công nghệ hướng dẫn")


def test_a_web_copys_emphasis_around_an_items_label_alone_keeps_the_item():
    """'*1. *Giao Ban cán sự đảng ...' (the copy emphasised only the label, its closing star before the
    next word): still item 1, one task per item, not one paragraph."""
    data = _parse("emphasised-labels.md")
    assert [t["path"] for t in data["tasks"]] == ["1", "2", "3"], [t["text"][:40] for t in data["tasks"]]
