"""Times that count only where a clause opens (deadlines.toml `period.clause_cues`,
`date.clause_cues`):

- a plan item's target sentence "Đến năm 2030, ..." gives the item's period (the corpus convention
  of s26: a `period` ending 2030-12-31), while "đến năm 2030" inside a clause is part of a
  programme's or a strategy's name and no deadline;
- a timetable's line "Tựu trường: Ngày 26/8" is due that day (the convention of s25), while a day
  inside a clause ("theo Thông báo ngày 15/3") or opening a sentence of narrative ("Ngày 10/5, Sở
  Y tế có văn bản ...") is none.

Sentences written for these tests, in our own words."""
from __future__ import annotations

import pytest

from tracker.extract.deadlines import read_deadline


@pytest.mark.parametrize("text, day", [
    ("Nâng cấp các trạm quan trắc nước mặt. Đến năm 2030, toàn bộ các trạm được kết nối về trung tâm dữ liệu.", "2030-12-31"),
    ("Đến năm 2028, 100% trường học có nhà vệ sinh đạt chuẩn.", "2028-12-31"),
    ("Rà soát, cấp giấy chứng nhận cho hộ nuôi ong; đến tháng 6/2027 hoàn thành cấp giấy cho các hộ đủ điều kiện.", "2027-06-30"),
])
def test_a_target_sentence_gives_the_period(text, day):
    found = read_deadline(text, "2026-03-02").deadline
    assert found is not None and (found.kind, found.date) == ("period", day)


@pytest.mark.parametrize("text", [
    "Tiếp tục triển khai Chương trình phát triển du lịch cộng đồng của tỉnh đến năm 2030 trên địa bàn các xã ven biển.",
    "Lồng ghép các nội dung của Chiến lược dân số Việt Nam đến năm 2030 vào kế hoạch của địa phương.",
])
def test_a_name_ending_in_a_year_is_no_deadline(text):
    assert read_deadline(text, "2026-03-02").deadline is None


@pytest.mark.parametrize("text, day", [
    ("Tổ chức ngày hội đọc sách của trường: Ngày 21/4/2027 (thứ Tư).", "2027-04-21"),
    ("Kết thúc học kỳ I: ngày 15/01/2027. Riêng khối 12 kết thúc trước một tuần.", "2027-01-15"),
])
def test_a_timetable_line_is_due_on_its_day(text, day):
    found = read_deadline(text, "2026-08-10").deadline
    assert found is not None and (found.kind, found.date) == ("date", day)


@pytest.mark.parametrize("text", [
    "Chuẩn bị hồ sơ theo Thông báo ngày 15/3/2027 của Sở Y tế.",
    "Ngày 10/5/2027, Sở Y tế có văn bản đề nghị; các xã triển khai thực hiện.",
])
def test_a_day_in_a_clause_or_in_narrative_is_no_deadline(text):
    assert read_deadline(text, "2026-08-10").deadline is None
