"""What the reader is unsure of (issue 11, section 3): general signals of doubt, and the
route each field records so its confidence can be measured (bench/calibration.py)."""
from __future__ import annotations

from conftest import parse_json
from tracker.confidence import unsure_below
from tracker.extract import roles as R
from tracker.parse import parse_file

UNSURE = unsure_below()

# A plan of our own, in whole syllables; BROKEN is the same plan as a PDF whose font maps
# letters one by one gives it ("Ch ủ t ị ch"): the syllables fall apart.
PLAN = """ỦY BAN NHÂN DÂN
XÃ AN HÒA

Số: 12/KH-UBND

An Hòa, ngày 3 tháng 3 năm 2026

KẾ HOẠCH
Dọn vệ sinh kênh mương mùa khô năm 2026

{body}

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Văn Nam
"""
WHOLE = """Chủ tịch UBND xã yêu cầu các đơn vị thực hiện các nội dung sau:
1. Công an xã chủ trì, phối hợp với Đoàn Thanh niên xã kiểm tra việc đổ rác xuống kênh mương trên địa bàn, báo cáo trước ngày 30/4/2026.
2. Văn phòng HĐND và UBND xã chủ trì tổng hợp danh sách các tuyến kênh cần nạo vét trong mùa khô, trình Chủ tịch UBND xã trước ngày 15/3/2026.
3. Trạm Y tế xã chủ trì hướng dẫn người dân xử lý nước sinh hoạt sau khi nạo vét kênh mương, hoàn thành trước ngày 30/5/2026."""
BROKEN = """Ch ủ t ị ch UBND xã yêu c ầ u các đơ n v ị th ự c hi ệ n các n ộ i dung sau:
1. Công an xã ch ủ trì, ph ố i h ợ p v ớ i Đ oàn Thanh niên xã ki ể m tra vi ệ c đổ rác xu ố ng kênh m ươ ng trên đị a bàn, báo cáo tr ướ c ngày 30/4/2026.
2. V ă n phòng H Đ ND và UBND xã ch ủ trì t ổ ng h ợ p danh sách các tuy ế n kênh c ầ n n ạ o vét trong mùa khô, trình Ch ủ t ị ch UBND xã tr ướ c ngày 15/3/2026.
3. Tr ạ m Y t ế xã ch ủ trì h ướ ng d ẫ n ng ườ i dân x ử lý n ướ c sinh ho ạ t sau khi n ạ o vét kênh m ươ ng, hoàn thành tr ướ c ngày 30/5/2026."""


def test_tasks_read_from_text_whose_syllables_fall_apart_are_unsure(tmp_path):
    whole, broken = tmp_path / "whole.txt", tmp_path / "broken.txt"
    whole.write_text(PLAN.format(body=WHOLE), encoding="utf-8")
    broken.write_text(PLAN.format(body=BROKEN), encoding="utf-8")
    sure = parse_json(whole)["tasks"]
    doubtful = parse_json(broken)["tasks"]
    assert len(sure) == len(doubtful) == 3
    for t in sure:
        assert t["confidence"]["task"] >= UNSURE and t["confidence"]["lead"] >= UNSURE, t
    for t in doubtful:
        # which units, and whether it is a task at all, are read from the running text
        assert t["confidence"]["task"] < UNSURE and t["confidence"]["lead"] < UNSURE, t
        # the dates survive the broken font, their cue ("tr ướ c") does not: no deadline is read,
        # and a date to come in the item's words makes that empty deadline unsure ([date_unread])
        assert t["deadline"] is None and t["confidence"]["deadline"] < UNSURE, t


def test_a_parent_chosen_among_several_cited_documents_is_unsure(tmp_path):
    # A commune plan carrying out both a Prime Minister's decision and its province's plan:
    # the province's is the parent, but which one it carries out is a choice the clerk checks.
    body = ("Thực hiện Quyết định số 45/QĐ-TTg ngày 10/01/2026 của Thủ tướng Chính phủ và Kế hoạch số 88/KH-UBND "
            "ngày 20/01/2026 của UBND tỉnh về dọn vệ sinh kênh mương, UBND xã ban hành kế hoạch như sau:\n" + WHOLE)
    f = tmp_path / "plan.txt"
    f.write_text(PLAN.format(body=body), encoding="utf-8")
    d = parse_json(f)["directive"]
    assert d["parent"] == "88/KH-UBND"
    assert d["confidence"]["parent"] < UNSURE
    # one document after "Thực hiện" is taken as said
    f.write_text(PLAN.format(body=body.replace("Quyết định số 45/QĐ-TTg ngày 10/01/2026 của Thủ tướng Chính phủ và ", "")),
                 encoding="utf-8")
    d = parse_json(f)["directive"]
    assert d["parent"] == "88/KH-UBND" and d["confidence"]["parent"] >= UNSURE


def test_every_confidence_has_the_route_it_was_given_by(tmp_path):
    # bench/calibration.py measures right/total per route: each field's confidence must be
    # the one its route's table gives, doubts included ("item+no_lead").
    f = tmp_path / "plan.txt"
    f.write_text(PLAN.format(body=WHOLE + "\n4. Rà soát kênh mương."), encoding="utf-8")
    draft = parse_file(f, resolve=False)
    assert [t.found_by["task"] for t in draft.tasks] == ["item", "item", "item", "item+short"]
    for t in draft.tasks:
        assert set(t.found_by) == set(t.confidence), t.found_by
        for part in ("task", "lead", "support"):
            assert t.confidence[part] == R.route_confidence(part, t.found_by[part])
    assert set(draft.header.found_by) >= set(draft.header.confidence)
