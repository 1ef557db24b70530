"""A paragraph that asks for figures listed under it "(1). ...", "(2). ..." is one task, and a closing
that asks everyone to carry the letter out ("nghiêm túc triển khai, thực hiện./.") is none (reader30).

tests/data/docs/figures-and-closing.txt is our own công văn in that form.
"""
from __future__ import annotations

from conftest import DATA, parse_json

from tracker.extract import roles as R

DOC = DATA / "docs" / "figures-and-closing.txt"


def test_a_closing_with_a_comma_between_its_verbs_is_still_a_closing():
    assert R.is_closing("UBND Thành phố yêu cầu các sở, ban, ngành nghiêm túc triển khai, thực hiện./.")
    assert R.is_closing("Đề nghị các đơn vị nghiêm túc triển khai, thực hiện.")
    assert not R.is_closing("UBND Thành phố yêu cầu các sở, ban, ngành báo cáo kết quả trước ngày 20/4/2026./.")


def test_the_figures_asked_for_join_the_request_they_detail():
    tasks = parse_json(DOC, "--no-resolve")["tasks"]
    assert len(tasks) == 2, [t["text"][:40] for t in tasks]
    report = tasks[1]
    assert report["text"].startswith("Yêu cầu UBND các xã, phường") and "(3). Tỷ lệ tiết kiệm" in report["text"]
    assert [u if isinstance(u, str) else u["name"] for u in report["lead"]][:1] == ["UBND các xã, phường"]
