"""Times in running text that lie well behind the directive are not the task's (deadlines.toml
[start] past_start_days, [cited] stale_years), nor are the periods a figure is broken down by
([period] breakdown_next); a time cell says when whatever it says."""
from tracker.extract.deadlines import find_deadline, read_deadline


def test_a_start_months_before_the_directive_says_how_things_stand():
    text = ("Về kinh phí của các xã sau khi vận hành chính quyền địa phương hai cấp từ ngày 01/7/2025: "
            "đề nghị Sở Tài chính tổng hợp, báo cáo.")
    assert find_deadline(text, "2025-11-20") is None


def test_a_start_a_few_days_before_the_directive_applies_it_from_then():
    dl = find_deadline("Áp dụng kể từ ngày 01/11/2025 đối với các hồ sơ nộp mới.", "2025-11-20")
    assert (dl.kind, dl.date) == ("start", "2025-11-01")


def test_a_start_after_the_directive_is_a_start():
    dl = find_deadline("Thực hiện thu phí theo mức mới kể từ ngày 01/01/2026.", "2025-11-20")
    assert (dl.kind, dl.date) == ("start", "2026-01-01")


def test_a_long_past_start_in_a_time_cell_is_kept():
    dl = read_deadline("Từ ngày 01/7/2025", "2025-11-20", cell=True).deadline
    assert dl is not None and dl.kind == "start"


def test_a_cut_off_years_back_gives_way_to_the_span_of_the_task():
    text = ("Kiểm tra hồ sơ đối với đất sử dụng ổn định trước ngày 01 tháng 7 năm 2004, gửi kết quả "
            "trong thời hạn không quá 05 ngày làm việc kể từ ngày nhận hồ sơ.")
    dl = find_deadline(text, "2025-11-20")
    assert dl is not None and dl.kind == "relative" and dl.days == 5


def test_a_cut_off_years_back_alone_is_no_deadline():
    assert find_deadline("Rà soát các hồ sơ lập trước năm 2015 còn lưu tại đơn vị.", "2025-11-20") is None


def test_a_year_misprinted_by_two_stays_with_its_warning():
    dl = find_deadline("Nộp danh sách trước ngày 10/8/2023.", "2025-08-01")
    assert (dl.kind, dl.date) == ("date", "2023-08-10") and dl.warning


def test_a_glued_window_keeps_the_letters_of_the_phrase():
    # "năm liền kề" is a yearly phrase read through OCR noise; "nhiều năm liên tục" holds none
    assert find_deadline("Đề xuất xử lý đối với các đơn vị nhiều năm liên tục có sai sót.", "2025-11-20") is None


def test_periods_a_figure_is_broken_down_by_are_no_deadline():
    text = "Phân tích các yếu tố ảnh hưởng đến tình hình kinh tế - xã hội trên địa bàn quý IV, cả năm 2025."
    assert find_deadline(text, "2025-11-17") is None
    assert find_deadline("Ước tính tốc độ tăng trưởng quý IV và cả năm 2025 gửi Sở Tài chính.", "2025-11-17") is None


def test_a_quarter_alone_is_still_the_period_of_the_work():
    dl = find_deadline("Hoàn thành việc rà soát trong quý IV/2025.", "2025-11-17")
    assert (dl.kind, dl.date) == ("period", "2025-12-31")
