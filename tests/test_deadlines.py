"""Deadline phrases: the six kinds, the forms officials write, and what is not a deadline."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tracker.errors import RulesError
from tracker.extract.deadlines import find_deadline
from tracker.text import normalize

ROOT = Path(__file__).resolve().parent.parent
DIRECTIVES = ROOT / "directives"


def kind_date(text: str, doc_date: str | None = "2022-08-05") -> tuple[str | None, str | None]:
    dl = find_deadline(text, doc_date)
    return (dl.kind, dl.date) if dl else (None, None)


# ------------------------------------------------------------------ date


@pytest.mark.parametrize(
    "text, expected, phrase",
    [
        ("Hoàn thành trước ngày 10/8/2022.", "2022-08-10", "trước ngày 10/8/2022"),
        ("gửi báo cáo chậm nhất ngày 05/09/2022", "2022-09-05", "chậm nhất ngày 05/09/2022"),
        ("hoàn thành trước ngày 15 tháng 9 năm 2022", "2022-09-15", "trước ngày 15 tháng 9 năm 2022"),
        ("xong trước ngày 15-9-2022", "2022-09-15", "xong trước ngày 15-9-2022"),
        ("xong trước ngày 15.9.2022", "2022-09-15", "xong trước ngày 15.9.2022"),
        ("Trước 30/9/2022", "2022-09-30", "Trước 30/9/2022"),
        ("30/9/2022", "2022-09-30", "30/9/2022"),  # an appendix cell that is only a date
        ("Thời hạn: 30/9/2022", "2022-09-30", "Thời hạn: 30/9/2022"),  # a time line's label
    ],
)
def test_date_forms(text, expected, phrase):
    dl = find_deadline(text, "2022-08-01")
    assert dl is not None and dl.kind == "date"
    assert dl.date == expected
    assert dl.text == phrase
    assert dl.warning is None


def test_date_without_year_takes_the_directive_year():
    assert kind_date("báo cáo trước ngày 25/9", "2021-08-05") == ("date", "2021-09-25")


def test_date_without_year_or_directive_date_keeps_the_phrase():
    dl = find_deadline("báo cáo trước ngày 25/9", None)
    assert dl is not None and dl.kind == "date" and dl.date is None and dl.text == "trước ngày 25/9"


def test_deadline_before_the_directive_is_kept_with_a_warning():
    dl = find_deadline("Cập nhật thông tin xong trước ngày 10/8/2020.", "2022-08")
    assert dl.kind == "date" and dl.date == "2020-08-10"
    assert dl.warning and "10/08/2020" in dl.warning and "08/2022" in dl.warning


def test_same_month_as_a_directive_with_blank_day_is_not_flagged():
    assert find_deadline("trước ngày 10/8/2022", "2022-08").warning is None


def test_earlier_day_of_a_dated_directive_is_flagged():
    assert "05/08/2022" in find_deadline("trước ngày 01/8/2022", "2022-08-05").warning


def test_impossible_day_keeps_the_month_and_says_so():
    dl = find_deadline("trước ngày 31/9/2022", "2022-08-01")
    assert dl.date == "2022-09-30" and "31/9/2022" in dl.warning


def test_latest_of_several_dates_is_the_completion_date():
    text = "Gửi dự thảo trước ngày 15/9/2022, hoàn thành trước ngày 30/9/2022."
    assert kind_date(text) == ("date", "2022-09-30")


# ------------------------------------------------------------------ start


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Áp dụng kể từ ngày 01/8/2022", "2022-08-01"),
        ("từ ngày 01 tháng 10 năm 2022 thực hiện tiếp nhận trực tuyến", "2022-10-01"),
    ],
)
def test_start(text, expected):
    assert kind_date(text) == ("start", expected)


def test_a_due_date_wins_over_a_start_date():
    assert kind_date("Từ ngày 01/9/2022 đến ngày 30/9/2022 rà soát toàn bộ hồ sơ") == ("date", "2022-09-30")


# ------------------------------------------------------------------ period


@pytest.mark.parametrize(
    "text, doc_date, expected",
    [
        ("hoàn thành trong tháng 10/2022", None, "2022-10-31"),
        ("hoàn thành trong tháng 9 năm 2022", None, "2022-09-30"),
        ("trong tháng 11", "2022-08-05", "2022-11-30"),
        ("Quý III/2022", None, "2022-09-30"),
        ("hoàn thành trong Quý IV/2022.", None, "2022-12-31"),
        ("trong quý 2 năm 2023", None, "2023-06-30"),
        ("6 tháng đầu năm 2022", None, "2022-06-30"),
        ("sơ kết 9 tháng đầu năm", "2022-03-01", "2022-09-30"),
        ("trong 6 tháng cuối năm 2022", None, "2022-12-31"),
        ("hoàn thành trong năm 2022", None, "2022-12-31"),
        ("đến hết năm 2023", None, "2023-12-31"),
        ("hoàn thành trước cuối năm", "2022-08-05", "2022-12-31"),
        ("cuối tháng 9/2022", None, "2022-09-30"),
        ("Năm 2023", None, "2023-12-31"),  # an appendix cell
        ("Thời gian thực hiện: tháng 9/2022", None, "2022-09-30"),
    ],
)
def test_period(text, doc_date, expected):
    assert kind_date(text, doc_date) == ("period", expected)


def test_a_year_inside_a_cited_title_is_not_a_period():
    text = "tích hợp dịch vụ công tại Quyết định số 422/QĐ-TTg ngày 04/4/2022 phê duyệt Danh mục dịch vụ công năm 2022."
    assert find_deadline(text, "2022-08-30") is None


# ------------------------------------------------------------------ recurring


@pytest.mark.parametrize(
    "text, cycle, day",
    [
        ("Thường xuyên", "continuous", None),
        ("Rà soát hồ sơ trên Hệ thống; thực hiện thường xuyên.", "continuous", None),
        ("Báo cáo hằng tháng, trước ngày 20", "monthly", 20),
        ("tổng hợp, báo cáo trước ngày 18 hằng tháng", "monthly", 18),
        ("hàng tháng", "monthly", None),
        ("báo cáo Chủ tịch UBND định kỳ hằng quý", "quarterly", None),
        ("tổ chức tổng kết hằng năm", "yearly", None),
        ("họp giao ban hằng tuần", "weekly", None),
        ("Định kỳ báo cáo UBND huyện", None, None),
    ],
)
def test_recurring(text, cycle, day):
    dl = find_deadline(text, "2022-08-05")
    assert dl is not None and dl.kind == "recurring"
    assert (dl.cycle, dl.day) == (cycle, day)


@pytest.mark.parametrize("text", ["Thường xuýt", "Thườngxuýt", "Thường  xuyen"])
def test_recurrence_words_read_through_ocr_noise(text):
    dl = find_deadline(text, None)
    assert dl is not None and dl.kind == "recurring" and dl.cycle == "continuous"


@pytest.mark.parametrize(
    "text",
    [
        "khen thưởng, xử lý kỷ luật cán bộ theo quy định",  # "thưởng, xử" is not "thường xuyên"
        "theo nguyên tắc không yêu cầu khai báo lại",
        "xem xét mức độ hoàn thành nhiệm vụ của cá nhân, tập thể hằng năm",  # the appraisal's rhythm
        "cập nhật trạng thái hồ sơ theo thời gian thực",
        "báo cáo kết quả trong kỳ báo cáo lên Hệ thống",
    ],
)
def test_not_recurring(text):
    assert find_deadline(text, "2022-08-05") is None


def test_a_yearless_date_recurs_with_its_cycle():
    dl = find_deadline("Hằng năm, báo cáo kết quả trước ngày 15/12", "2022-08-05")
    assert (dl.kind, dl.cycle, dl.day, dl.date) == ("recurring", "yearly", None, None)
    dl = find_deadline("báo cáo vào ngày 25 hằng tháng", "2022-08-05")
    assert (dl.kind, dl.cycle, dl.day) == ("recurring", "monthly", 25)


def test_a_due_date_wins_over_recurring():
    assert kind_date("Thường xuyên rà soát; hoàn thành trước ngày 15/9/2022") == ("date", "2022-09-15")


# ------------------------------------------------------------------ relative


@pytest.mark.parametrize(
    "text, hours, days, working",
    [
        ("Tiếp nhận hồ sơ trong vòng 8 giờ", 8, None, False),
        ("Tiếp nhận hồ sơ trực tuyến trong vòng 08 giờ làm việc kể từ khi người dân nộp", 8, None, True),
        ("trả lời trong vòng 05 ngày làm việc kể từ ngày nhận được hồ sơ", None, 5, True),
        ("có ý kiến 03 ngày làm việc kể từ khi nhận được văn bản", None, 3, True),
        ("gửi lại trong vòng hai tuần kể từ ngày ký", None, 14, False),
    ],
)
def test_relative(text, hours, days, working):
    dl = find_deadline(text, None)
    assert dl is not None and dl.kind == "relative"
    assert (dl.hours, dl.days, dl.working) == (hours, days, working)


def test_relative_phrase_keeps_the_event_it_counts_from():
    dl = find_deadline("phân quyền trong vòng 05 ngày làm việc kể từ ngày nhận được danh sách; báo cáo kết quả", None)
    assert dl.text == "trong vòng 05 ngày làm việc kể từ ngày nhận được danh sách"


# ------------------------------------------------------------------ event


@pytest.mark.parametrize(
    "text",
    [
        "Tham mưu sửa đổi quy trình khi có Quyết định công bố TTHC mới",
        "Ngay sau khi có kết quả kiểm tra, báo cáo UBND tỉnh",
        "Sau khi được phân quyền, tổ chức cập nhật dữ liệu",
        "Kịp thời tham mưu xem xét trách nhiệm khi có đơn vị để kết quả đánh giá ở mức thấp",
    ],
)
def test_event(text):
    dl = find_deadline(text, None)
    assert dl is not None and dl.kind == "event"


@pytest.mark.parametrize(
    "text",
    [
        # "khi" inside a clause says how the work is done, not when it starts.
        "Thực hiện số hóa hồ sơ khi tiếp nhận và trả kết quả",
        "Hướng dẫn người dân đánh giá mức độ hài lòng sau khi nhận kết quả",
        "chia sẻ thông tin công dân khi thực hiện thủ tục hành chính",
        "(Trường hợp đã có tài khoản thì liên hệ quản trị để được phân quyền)",
    ],
)
def test_not_an_event(text):
    assert find_deadline(text, None) is None


def test_a_start_date_wins_over_an_event():
    text = "Tham gia vận hành Hệ thống sau khi được phân quyền khi Hệ thống vận hành chính thức kể từ ngày 01/8/2022."
    assert kind_date(text, "2022-07-18") == ("start", "2022-08-01")


# ------------------------------------------------------------------ not deadlines


@pytest.mark.parametrize(
    "text",
    [
        "Triển khai Kế hoạch số 12/KH-UBND ngày 10/3/2022 của UBND tỉnh",
        "theo quy định tại Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ",
        "Từ ngày 01 tháng 8 năm 2022, Văn phòng Chính phủ thực hiện công khai kết quả đánh giá",
        "Chỉ đạo UBND cấp xã triển khai thực hiện các nội dung nêu trên.",
        "liên hệ đ/c Lương, SĐT: 0912.617.596",
        "",
    ],
)
def test_no_deadline(text):
    assert find_deadline(text, "2022-08-05") is None


def test_a_date_figures_are_counted_to_is_not_a_deadline():
    text = "Tính đến ngày 30/6/2022, tỷ lệ hồ sơ đúng hạn đạt 95%; phấn đấu hoàn thành trong năm 2022."
    assert kind_date(text) == ("period", "2022-12-31")
    assert find_deadline("lũy kế đến ngày 30/6/2022 đạt 50%", "2022-08-05") is None


def test_cited_document_date_does_not_hide_the_task_deadline():
    text = "Thực hiện theo Quyết định số 766/QĐ-TTg ngày 23/6/2022; hoàn thành trước ngày 30/9/2022."
    assert kind_date(text, "2022-08-01") == ("date", "2022-09-30")


# ------------------------------------------------------------------ sample files


def _paragraph(path: Path, start: str) -> str:
    """A numbered item of a sample text file, its lines re-joined."""
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    text = " ".join(ln for ln in lines if ln)
    begin = text.index(start)
    end = re.compile(r" (?:\d+\.|[a-zđ]\)) [A-ZĐÂ]").search(text, begin + len(start))
    return normalize(text[begin : end.start() if end else len(text)])


def test_tu_ky_deadline_typed_with_the_wrong_year_is_flagged():
    item = _paragraph(DIRECTIVES / "tu-ky-district-2022.txt", "Gửi danh sách cán bộ")
    dl = find_deadline(item, "2022-08")
    assert (dl.kind, dl.date) == ("date", "2020-08-10")
    assert dl.warning


def appendix_rows(path: Path) -> list[list[str]]:
    """The numbered rows of a tab-separated appendix; a row with no number and a
    name cell in lower case continues the row above, cell by cell."""
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("\t")]
        if re.fullmatch(r"\d\d", cells[0]):
            rows.append(cells)
        elif rows and cells[0] == "" and len(cells) > 1 and cells[1][:1].islower():
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells)]
    return [[normalize(c) for c in row] for row in rows]


def test_every_time_cell_of_the_hung_yen_appendix_is_recurring():
    rows = appendix_rows(DIRECTIVES / "hung-yen-2283-2022.md")
    assert len(rows) == 21
    found = [find_deadline(row[5], "2022-08-30") for row in rows]
    assert [dl.kind if dl else None for dl in found] == ["recurring"] * 21
    assert "Thường xuýt" in {dl.text for dl in found}  # the OCR-noisy cell of row 07


# ------------------------------------------------------------------ rules file


def test_a_phrase_added_to_the_rules_is_used(rules_copy):
    path = rules_copy / "deadlines.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"hạn chót",', '"hạn chót", "hạn nộp",'), encoding="utf-8")
    assert kind_date("hạn nộp 12/9/2022") == ("date", "2022-09-12")


def test_a_bad_pattern_names_the_file_and_line(rules_copy):
    path = rules_copy / "deadlines.toml"
    text = path.read_text(encoding="utf-8")
    broken = text.replace("quarter = ['", "quarter = ['(", 1)
    assert broken != text, "the quarter pattern moved: point this test at it again"
    text = broken
    path.write_text(text, encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith("quarter = "))
    with pytest.raises(RulesError, match=rf"deadlines\.toml:{line}: mẫu \(biểu thức chính quy\) sai"):
        find_deadline("Quý III/2022", None)


def test_a_bad_pattern_with_a_number_placeholder_names_its_line(rules_copy):
    path = rules_copy / "deadlines.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, ln in enumerate(lines, 1) if ln.strip().startswith("'(?P<n>{number})"))
    lines[line - 1] = lines[line - 1].replace("'(?P<n>", "'((?P<n>", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(RulesError, match=rf"deadlines\.toml:{line}: mẫu \(biểu thức chính quy\) sai trong 'relative.patterns'"):
        find_deadline("trong vòng 8 giờ", None)


def test_an_unknown_kind_in_the_order_is_refused(rules_copy):
    path = rules_copy / "deadlines.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"event"]', '"soon"]', 1), encoding="utf-8")
    with pytest.raises(RulesError, match=r"deadlines\.toml:\d+: loại thời hạn 'soon' trong choose.order không có"):
        find_deadline("Thường xuyên", None)


# ------------------------------------------------------------------ what a span counts from


@pytest.mark.parametrize(
    "text, counts_from, due",
    [
        # Each dossier, complaint or missed deadline has its own limit: a standing rule, never one due date.
        ("Giải quyết thủ tục trong vòng 8 giờ làm việc kể từ khi nhận hồ sơ hợp lệ.", "case", None),
        ("Nhắc nhở đơn vị trong 03 ngày làm việc kể từ ngày hết hạn báo cáo.", "case", None),
        ("Trả lời công dân trong vòng 10 ngày kể từ ngày tiếp nhận đơn.", "case", None),
        # Counted from the document: one due date.
        ("Tổ chức rà soát trong vòng 10 ngày kể từ ngày ký.", "document", "2026-03-12"),
        ("Gửi báo cáo trong thời hạn 15 ngày kể từ ngày nhận được Công văn này.", "document", "2026-03-17"),
        # A one-off event: due once its day is recorded.
        ("Công khai trong vòng 5 ngày kể từ khi có Quyết định công bố.", "event", None),
    ],
)
def test_a_span_says_what_it_counts_from_and_only_the_document_gives_a_due_date(text, counts_from, due):
    from datetime import date

    from tracker.track.due import due_date, is_standing_rule

    dl = find_deadline(text, "2026-03-02")
    assert dl.kind == "relative" and (dl.hours or dl.days)
    assert dl.counts_from == counts_from and dl.per_case == (counts_from == "case")
    assert dl.anchor and dl.anchor in text
    out = dl.to_json()
    assert out["kind"] == "relative" and out["counts_from"] == counts_from
    assert out.get("per_case", False) == (counts_from == "case")
    got = due_date(dl, issued=date(2026, 3, 2))
    assert (got.isoformat() if got else None) == due
    assert is_standing_rule(out) == (counts_from == "case")


def test_a_span_stored_before_anchors_were_read_is_judged_from_its_phrase():
    from datetime import date

    from tracker.track.due import due_date

    old = {"kind": "relative", "text": "trong vòng 8 giờ kể từ khi nhận hồ sơ", "hours": 8}
    assert due_date(old, issued=date(2022, 8, 5)) is None
    plain = {"kind": "relative", "text": "trong vòng 10 ngày", "days": 10}
    assert due_date(plain, issued=date(2022, 8, 5)) == date(2022, 8, 15)
