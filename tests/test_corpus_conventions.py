"""bench/corpus/check_gold.py --conventions: the session-27 gold conventions (documents in our own words)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench" / "corpus"))
check_gold = pytest.importorskip("check_gold")  # needs ../shared/eval/score.py for fold()

PLAN = """KẾ HOẠCH
1. Phòng Văn hóa - Xã hội:
a) Rà soát các điểm sinh hoạt cộng đồng; định kỳ báo cáo Ủy ban nhân dân xã kết quả.
b) Bố trí kinh phí chi thường xuyên để sửa chữa nhà văn hóa thôn.
c) Hướng dẫn các thôn tổ chức lễ hội; nếu có khó khăn, vướng mắc, kịp thời báo cáo.
d) Cập nhật danh sách hộ nghèo khi cần thiết.
e) Chủ trì, phối hợp với Trạm Y tế xã tổ chức khám sàng lọc cho người cao tuổi.
g) Đối chiếu sổ sách với báo cáo quyết toán hằng năm của các thôn.
h) Tuyên truyền qua các chiến dịch ra quân hằng năm vào tháng Ba.
i) Hằng năm tổng hợp nhu cầu sửa chữa nhà văn hóa.
2. Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch hướng dẫn việc kiểm kê di tích.
"""


def task(anchor: str, deadline=None, lead=(), support=()) -> dict:
    return {"anchor": anchor, "lead": list(lead), "support": list(support), "deadline": deadline, "indicators": []}


def found(kind: str, t: dict) -> bool:
    return any(c.startswith(kind) for c in check_gold.conventions({"tasks": [t]}, PLAN))


def test_a_cadence_inside_the_item_asks_for_recurring():
    assert found("recurring", task("Rà soát các điểm sinh hoạt"))
    assert not found("recurring", task("Rà soát các điểm sinh hoạt", {"kind": "recurring", "text": "định kỳ"}))


def test_a_budget_noun_is_no_cadence():
    assert not found("recurring", task("Bố trí kinh phí chi thường xuyên"))


def test_hang_nam_qualifying_a_settlement_or_campaign_is_no_cadence():
    # s31: the yearly settlement or campaign names which one, not when the work falls
    assert not found("recurring", task("Đối chiếu sổ sách với báo cáo"))
    assert not found("recurring", task("Tuyên truyền qua các chiến dịch"))
    # the same word standing for the work itself still asks for recurring
    assert found("recurring", task("Hằng năm tổng hợp nhu cầu"))


def test_a_trigger_asks_for_event_but_discretion_does_not():
    assert found("event", task("Hướng dẫn các thôn tổ chức lễ hội"))
    assert not found("event", task("Cập nhật danh sách hộ nghèo"))


def test_cooperation_without_support_is_listed():
    assert found("support", task("Chủ trì, phối hợp với Trạm Y tế xã"))
    assert not found("support", task("Chủ trì, phối hợp với Trạm Y tế xã", support=["Trạm Y tế xã"]))


def test_the_minister_as_addressee_keeps_the_role_word():
    assert found("role", task("Bộ trưởng Bộ Văn hóa, Thể thao", lead=["Bộ Văn hóa, Thể thao và Du lịch"]))
    assert not found("role", task("Bộ trưởng Bộ Văn hóa, Thể thao", lead=["Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch"]))


def test_discretion_written_as_an_event_is_listed():
    t = task("Cập nhật danh sách hộ nghèo", {"kind": "event", "text": "khi cần thiết"})
    assert found("event", t)


def test_common_nouns_joined_by_va_are_one_unit():
    text = "2. Các cơ quan, đơn vị và địa phương rà soát hồ sơ.\n"
    t = task("Các cơ quan, đơn vị và địa phương rà soát", lead=["Các cơ quan, đơn vị", "địa phương"])
    assert any(c.startswith("split") for c in check_gold.conventions({"tasks": [t]}, text))
    one = task("Các cơ quan, đơn vị và địa phương rà soát", lead=["Các cơ quan, đơn vị và địa phương"])
    assert not any(c.startswith("split") for c in check_gold.conventions({"tasks": [one]}, text))


# --- s32: norm articles (a), difficulty reports (b), procedure steps (c) ---

RULES = """QUYẾT ĐỊNH
Điều 1. Phạm vi
Quy chế này áp dụng cho các chợ do xã quản lý.
Điều 2. Giờ mở cửa
Chợ mở cửa từ 5 giờ đến 19 giờ hằng ngày.
Điều 3. Trách nhiệm của Ban quản lý chợ
a) Kiểm tra vệ sinh các quầy hàng; nếu có vướng mắc thì báo cáo Ủy ban nhân dân xã.
b) Thu tiền thuê quầy đúng quy định.
Điều 4. Quy trình cấp chỗ bán hàng
Bước 1. Tiếp nhận đơn của hộ kinh doanh trong 01 ngày làm việc.
Bước 2. Thẩm định đơn và trình Chủ tịch xã trong 03 ngày làm việc.
Điều 5. Tổ chức thực hiện
Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị báo cáo về Văn phòng Ủy ban nhân dân xã.
Yêu cầu các đơn vị nghiêm túc thực hiện./.
"""


def regulation(tasks, doc_type="QĐ", subject="Ban hành Quy chế quản lý chợ") -> dict:
    return {"directive": {"doc_type": doc_type, "subject": subject}, "tasks": tasks}


def kinds(gold: dict, text: str = RULES) -> list[str]:
    return [c.split()[0] for c in check_gold.conventions(gold, text)]


def test_an_item_of_a_regulation_naming_no_unit_is_a_norm_candidate():
    rule = task("Chợ mở cửa từ 5 giờ")
    assert "norm" in kinds(regulation([rule]))
    assert "norm" not in kinds(regulation([task("Chợ mở cửa từ 5 giờ", lead=["Ban quản lý chợ"])]))
    # a plan's items are work, whatever unit they name; a công văn is no regulation
    assert "norm" not in kinds(regulation([rule], subject="Ban hành Kế hoạch sửa chữa chợ"))
    assert "norm" not in kinds(regulation([rule], doc_type="CV"))


def test_a_difficulty_report_paragraph_outside_every_task_is_a_report_candidate():
    duties = [task("Kiểm tra vệ sinh các quầy hàng", lead=["Ban quản lý chợ"])]
    assert kinds(regulation(duties)).count("report") == 1
    closing = task("Trong quá trình thực hiện, nếu có khó khăn", {"kind": "event", "text": "nếu có khó khăn, vướng mắc"},
                   lead=["các đơn vị"])
    assert "report" not in kinds(regulation(duties + [closing]))


def test_a_difficulty_report_inside_an_item_belongs_to_it():
    # the sentence in item a) is part of that task: only the closing paragraph is listed
    duties = [task("Kiểm tra vệ sinh các quầy hàng", lead=["Ban quản lý chợ"])]
    found_reports = [c for c in check_gold.conventions(regulation(duties), RULES) if c.startswith("report")]
    assert len(found_reports) == 1 and "trong qua trinh" in found_reports[0]


def test_a_difficulty_sentence_that_reports_to_no_one_is_no_candidate():
    text = "KẾ HOẠCH\n1. Tổ chức hội chợ.\nNếu có khó khăn, vướng mắc thì tạm hoãn hội chợ.\n"
    assert "report" not in kinds(regulation([task("Tổ chức hội chợ", lead=["Ban quản lý chợ"])]), text)


def test_a_procedure_step_wants_a_relative_or_event_deadline():
    step = "Bước 2. Thẩm định đơn và trình"
    assert "step" in kinds(regulation([task(step, lead=["Công chức địa chính"])]))
    relative = {"kind": "relative", "days": 3, "text": "trong 03 ngày làm việc"}
    assert "step" not in kinds(regulation([task(step, relative, lead=["Công chức địa chính"])]))
