"""Doubts read after extraction (tracker/confidence.py), each on a constructed document of its own
(tests/data/docs): a signal that the field's route cannot see, found in the document itself."""
from __future__ import annotations

from pathlib import Path

from tracker.confidence import unsure_below
from tracker.parse import parse_file

DOCS = Path(__file__).parent / "data" / "docs"
UNSURE = unsure_below()


def _tasks(name: str):
    return {t.path: t for t in parse_file(DOCS / name, resolve=False).tasks}


def test_a_date_still_to_come_left_unread_makes_the_empty_deadline_unsure():
    tasks = _tasks("beach-day-dates.txt")
    # "lễ ra quân diễn ra ngày 26/4/2026": a day the work is set for, not read as its deadline
    assert tasks["1"].deadline is None
    assert tasks["1"].confidence["deadline"] < UNSURE
    assert tasks["1"].found_by["deadline"].endswith("+date_unread")
    # a cited plan's date is no deadline: the empty deadline stays sure
    assert tasks["2"].deadline is None and tasks["2"].confidence["deadline"] >= UNSURE
    # a deadline read is left as its route says
    assert tasks["3"].deadline is not None and tasks["3"].confidence["deadline"] >= UNSURE
    # a date already past on the document's date tells what was done, not what is due
    assert tasks["4"].deadline is None and tasks["4"].confidence["deadline"] >= UNSURE


def test_a_listed_addressee_is_unsure_and_eight_references_are_not():
    h = parse_file(DOCS / "flood-telegram-lists.txt", resolve=False).header
    # "Chủ tịch UBND các tỉnh: A, B, C, D": where one addressee ends is a guess (doubted as written,
    # then one recipient per place by corpus convention 4)
    assert "Chủ tịch Ủy ban nhân dân tỉnh Bắc Lam" in h.recipients
    assert h.confidence["recipients"] < UNSURE and h.found_by["recipients"].endswith("+list")
    # eight documents cited: a list of this length is read right as often as a short one
    assert len(h.references) == 8
    assert h.confidence["references"] >= UNSURE and not h.found_by["references"].endswith("+many")
    # the signer's name is a name
    assert h.signer == "Lê Văn Hòa" and h.confidence["signer"] >= UNSURE


def test_short_lists_in_the_header_stay_sure(tmp_path):
    text = (DOCS / "flood-telegram-lists.txt").read_text(encoding="utf-8")
    text = text.replace("- Chủ tịch Ủy ban nhân dân các tỉnh: Bắc Lam, Nam Lam, Đông Giang, Tây Giang;",
                        "- Chủ tịch Ủy ban nhân dân tỉnh Bắc Lam;")
    text = text.replace("- Các Bộ: Quốc phòng, Công an, Xây dựng, Nông nghiệp và Môi trường.", "- Bộ trưởng Bộ Quốc phòng.")
    text = text.replace(", Công điện số 290/CĐ-TTg, Công điện số 295/CĐ-TTg, Thông báo số 410/TB-VPCP, Văn bản số 5120/VPCP-NN", "")
    f = tmp_path / "short.txt"
    f.write_text(text, encoding="utf-8")
    h = parse_file(f, resolve=False).header
    assert len(h.recipients) == 2 and len(h.references) == 4
    assert h.confidence["recipients"] >= UNSURE and h.confidence["references"] >= UNSURE


def test_a_signer_that_is_no_name_is_unsure():
    from tracker.confidence import doubt_header
    from tracker.model import Header

    for signer, sure in (("Chương II", False), ("Điều 5", False), ("Vi Thị Hoa", True), ("Nguyễn Văn Xuân", True)):
        h = Header(signer=signer)
        h.confidence["signer"] = 0.9
        h.found_by["signer"] = "signature"
        doubt_header(h)
        assert (h.confidence["signer"] >= UNSURE) is sure, signer
