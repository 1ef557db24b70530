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
