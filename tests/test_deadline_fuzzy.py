"""A recurrence word the rules leave out on purpose (deadlines.toml [recurring] attribute_of,
ignore_after: a column that runs regularly, a reward given regularly) is not read back in by
the reader of OCR-damaged words. A commune plan written for this test, in our own words."""
from __future__ import annotations

from conftest import DATA, parse_json
from tracker.extract.deadlines import read_deadline


def test_left_out_recurrence_words_stay_out():
    data = parse_json(DATA / "docs" / "emulation-columns.txt")
    got = [(t["text"][:24], t["deadline"] and t["deadline"]["kind"]) for t in data["tasks"]]
    assert got == [
        ("Duy trì chuyên mục thườn", None),          # the column's rhythm, not the task's
        ("Đề xuất khen thưởng thườ", None),          # a reward's rhythm
        ("Thường xuyên kiểm tra vi", "recurring"),
        ("Vận động hộ gia đình phâ", "date"),
    ]


def test_an_ocr_slip_still_reads_as_a_recurrence_word():
    assert read_deadline("Thường xuýt kiểm tra việc giữ gìn vệ sinh.").how == "fuzzy"
    assert read_deadline("Đề xuất khen thưởng thường xuýt cho các tổ dân phố.").deadline is None


def test_a_count_is_no_misread_letter():
    # "khoảng 2 tháng" is two letters from "hằng tháng" once spaces go, yet the "2" is a count, not
    # an OCR slip: the sentence says how long is left, not how often the task recurs.
    text = "Thời gian còn lại của năm chỉ khoảng 2 tháng, khối lượng còn lại rất lớn, cần đẩy nhanh tiến độ."
    assert read_deadline(text, "2026-10-20").deadline is None
    assert read_deadline("Báo cáo hẳng tháng kết quả thi công.", "2026-10-20").deadline.cycle == "monthly"
