"""bench/corpus/check_gold.py --conventions: the session-33 gold conventions (budget, related, attached,
recipients), on documents in our own words."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench" / "corpus"))
check_gold = pytest.importorskip("check_gold")  # needs ../shared/eval/score.py for fold()

PLAN = """KẾ HOẠCH
1. Phòng Kinh tế:
a) Lập dự toán sửa chữa chợ, bố trí trong kinh phí chi thường xuyên hằng năm của xã.
b) Hằng năm, lập dự toán kinh phí duy tu đường thôn.
c) Phối hợp với Trạm Y tế xã (Tổ tiêm chủng) tiêm phòng cho đàn gia súc.
d) Chỉ đạo Tổ thu gom rác (thuộc Hợp tác xã Môi trường) thu gom rác hằng tuần.
đ) Gửi danh sách cho Hội Nông dân xã (sau đây gọi là Hội) để rà soát.
2. Các phòng, ban và các tổ chức có liên quan phối hợp tổ chức lễ ra quân.
3. Các tổ chức, cá nhân có liên quan chấp hành quy định về vệ sinh.
"""
TABLE = PLAN + "Nội dung | Thời gian\nBố trí kinh phí chi thường xuyên hằng năm cho thư viện xã\nHằng năm\n"
YEARLY = {"kind": "recurring", "text": "hằng năm"}


def task(anchor: str, deadline=None, lead=(), support=()) -> dict:
    return {"anchor": anchor, "lead": list(lead), "support": list(support), "deadline": deadline, "indicators": []}


def kinds(t: dict, text: str = PLAN, directive: dict | None = None) -> list[str]:
    gold = {"tasks": [t] if t else [], "directive": directive or {}}
    return [c.split()[0] for c in check_gold.conventions(gold, text)]


def test_a_yearly_word_after_a_budget_noun_is_no_cadence():
    assert "budget" in kinds(task("Lập dự toán sửa chữa chợ", YEARLY))
    assert "budget" not in kinds(task("Lập dự toán sửa chữa chợ"))


def test_a_yearly_word_opening_the_item_is_a_cadence():
    assert "budget" not in kinds(task("Hằng năm, lập dự toán kinh phí", YEARLY))


def test_a_time_cell_gives_the_cadence():
    yearly_cell = {"kind": "recurring", "text": "Hằng năm"}
    assert "budget" not in kinds(task("Bố trí kinh phí chi thường xuyên hằng năm cho thư viện", yearly_cell), TABLE)


@pytest.mark.parametrize("unit, joined", [
    ("Các phòng, ban và các tổ chức có liên quan", True),
    ("các sở, ngành và các đơn vị khác", True),
    ("Các phòng, ban", False),
    ("các tổ chức có liên quan", False),
    ("Các tổ chức, cá nhân có liên quan", False),          # one comma list under one qualifier
    ("các cơ quan, đơn vị và cá nhân có liên quan", False),  # "và" without "các": the kinds share it
])
def test_a_catch_all_group_after_va_cac_is_a_unit_of_its_own(unit, joined):
    t = task("Các phòng, ban và các tổ chức có liên quan phối hợp", lead=[unit])
    assert ("related" in kinds(t)) is joined


def test_a_bracket_naming_a_part_belongs_to_the_unit():
    bare = task("Phối hợp với Trạm Y tế xã", support=["Trạm Y tế xã"])
    whole = task("Phối hợp với Trạm Y tế xã", support=["Trạm Y tế xã (Tổ tiêm chủng)"])
    assert "attached" in kinds(bare)
    assert "attached" not in kinds(whole)


def test_thuoc_a_body_belongs_to_the_unit():
    assert "attached" in kinds(task("Chỉ đạo Tổ thu gom rác", lead=["Tổ thu gom rác"]))


def test_a_defining_bracket_is_left_out():
    assert "attached" not in kinds(task("Gửi danh sách cho Hội Nông dân xã", lead=["Hội Nông dân xã"]))


@pytest.mark.parametrize("recipient, listed", [
    ("Các Sở: Tài chính, Xây dựng, Y tế", True),
    ("Bộ trưởng các Bộ: Công an, Quốc phòng", True),
    ("Chủ tịch UBND các xã: An Hòa, An Phú", True),
    ("Chủ tịch UBND các tỉnh, thành phố: Huế, Đà Nẵng", False),   # the text gives no kind per place
    ("Bí thư Đảng ủy, Chủ tịch UBND các xã: An Hòa, An Phú", False),  # two offices
    ("Sở Tài chính", False),
])
def test_a_header_list_under_one_kind_gives_one_recipient_per_name(recipient, listed):
    assert ("recipients" in kinds({}, directive={"recipients": [recipient]})) is listed
