"""bench/corpus/check_gold.py --conventions: the session-34 gold conventions (people, status, level, paired),
on documents in our own words."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench" / "corpus"))
check_gold = pytest.importorskip("check_gold")  # needs ../shared/eval/score.py for fold()

RULES = """QUY ĐỊNH
Điều 3. Sử dụng bếp chung
1. Tổ chức, cá nhân nấu ăn tại bếp chung phải tắt bếp sau khi dùng.
2. Doanh nghiệp cung cấp gas có trách nhiệm kiểm tra bình gas mỗi quý.
3. Hộ gia đình được hỗ trợ phải đáp ứng các điều kiện sau: a) Có hộ khẩu; b) Có đơn.
4. Cá nhân được cấp tài khoản công vụ phải đổi mật khẩu sau lần đăng nhập đầu.
5. Đơn vị vận hành bếp có nghĩa vụ: a) Lau dọn bếp; b) Ghi sổ.
Điều 4. Nguyên tắc dùng bếp
Người dân phải giữ trật tự theo các nguyên tắc chung.
Điều 9. Trách nhiệm của tổ chức, cá nhân
1. Tổ chức, cá nhân có trách nhiệm chấp hành Quy định này.
2. Ban Quản lý chợ là cơ quan thường trực của Tổ công tác.
3. Phòng Kinh tế là đơn vị đầu mối, chủ trì kiểm tra việc dùng bếp.
"""
REGULATION = {"doc_type": "QĐ", "subject": "Ban hành Quy định sử dụng bếp chung"}
PLAN = {"doc_type": "KH", "subject": "Kế hoạch dọn bếp"}

LEVELS = """QUY ĐỊNH CẤP CẢNH BÁO
2. Dự báo cháy rừng cấp I (cấp thấp)
Chủ tịch Ủy ban nhân dân cấp xã chỉ đạo tuần tra rừng.
3. Dự báo cháy rừng cấp II
Các chủ rừng phải thường xuyên kiểm tra lực lượng canh phòng.
"""

STEPS = """QUY TRÌNH
Bước 1 | Tiếp nhận hồ sơ | Văn thư | 0,5 ngày
Bước 2 | Thẩm định hồ sơ | Chuyên viên | 2 ngày
QUY TRÌNH 2
Bước 1 | Tiếp nhận hồ sơ | Văn thư | 1 ngày
"""


def task(anchor: str, deadline=None, lead=(), support=()) -> dict:
    return {"anchor": anchor, "lead": list(lead), "support": list(support), "deadline": deadline, "indicators": []}


def found(tasks: list[dict], text: str, directive: dict | None = None) -> list[str]:
    return check_gold.conventions({"tasks": tasks, "directive": directive or {}}, text)


def people(tasks, text=RULES, directive=REGULATION) -> list[str]:
    return [c for c in found(tasks, text, directive) if c.startswith("people")]


def test_a_rule_of_conduct_for_the_public_at_large_is_no_candidate():
    assert not any("nau an tai bep chung" in c for c in people([]))


def test_a_duty_of_a_named_operator_is_a_candidate_until_the_gold_has_it():
    assert any("doanh nghiep cung cap gas" in c for c in people([]))
    gold = [task("Doanh nghiệp cung cấp gas có trách nhiệm kiểm tra", lead=["Doanh nghiệp cung cấp gas"])]
    assert not any("doanh nghiep cung cap gas" in c for c in people(gold))


def test_conditions_principles_and_lead_ins_are_no_duty():
    cands = " ".join(people([]))
    assert "ho gia dinh duoc ho tro" not in cands      # eligibility conditions
    assert "nguoi dan phai giu trat tu" not in cands   # an article of principles
    assert "don vi van hanh" not in cands              # a lead-in: its a), b) carry the duties


def test_a_holder_of_an_official_account_is_staff_not_the_public():
    assert any("ca nhan duoc cap tai khoan cong vu" in c for c in people([]))


def test_the_public_in_an_article_of_responsibility_is_a_candidate():
    assert any("to chuc, ca nhan co trach nhiem chap hanh" in c for c in people([]))


def test_in_a_plan_every_addressed_class_leads_a_task():
    assert any("nau an tai bep chung" in c for c in people([], directive=PLAN))


def test_a_gold_task_binding_the_public_outside_a_responsibility_article_is_flagged():
    gold = [task("Tổ chức, cá nhân nấu ăn tại bếp chung phải tắt bếp", lead=["Tổ chức, cá nhân nấu ăn tại bếp chung"])]
    assert any(c.startswith("public") for c in found(gold, RULES, REGULATION))
    kept = [task("Tổ chức, cá nhân có trách nhiệm chấp hành", lead=["Tổ chức, cá nhân"])]
    assert not any(c.startswith("public") for c in found(kept, RULES, REGULATION))


def test_a_role_alone_is_no_task_a_role_with_work_is():
    status = [task("Ban Quản lý chợ là cơ quan thường trực", lead=["Ban Quản lý chợ"])]
    assert any(c.startswith("status") for c in found(status, RULES, REGULATION))
    work = [task("Phòng Kinh tế là đơn vị đầu mối, chủ trì kiểm tra", lead=["Phòng Kinh tế"])]
    assert not any(c.startswith("status") for c in found(work, RULES, REGULATION))


def test_an_item_under_a_warning_level_without_a_deadline_is_a_level_candidate():
    bare = [task("Chủ tịch Ủy ban nhân dân cấp xã chỉ đạo tuần tra rừng", lead=["Chủ tịch Ủy ban nhân dân cấp xã"])]
    assert any(c.startswith("level") for c in found(bare, LEVELS))
    event = {"kind": "event", "text": "Dự báo cháy rừng cấp I"}
    with_event = [dict(bare[0], deadline=event)]
    assert not any(c.startswith("level") for c in found(with_event, LEVELS))


def test_a_cadence_under_a_level_is_no_level_candidate():
    t = [task("Các chủ rừng phải thường xuyên kiểm tra", lead=["Các chủ rừng"])]
    assert not any(c.startswith("level") for c in found(t, LEVELS))


def test_repeated_step_anchors_with_different_values_are_reported_once():
    half = {"kind": "relative", "days": 0.5, "text": "0,5 ngày"}
    one = {"kind": "relative", "days": 1, "text": "1 ngày"}
    gold = [task("Tiếp nhận hồ sơ", half, ["Văn thư"]), task("Thẩm định hồ sơ", {"kind": "relative", "days": 2,
            "text": "2 ngày"}, ["Chuyên viên"]), task("Tiếp nhận hồ sơ", one, ["Văn thư"])]
    paired = [c for c in found(gold, STEPS) if c.startswith("paired")]
    assert len(paired) == 1 and "1 anchors" in paired[0]
    same = [task("Tiếp nhận hồ sơ", half, ["Văn thư"]), task("Tiếp nhận hồ sơ", half, ["Văn thư"])]
    assert not any(c.startswith("paired") for c in found(same, STEPS))
