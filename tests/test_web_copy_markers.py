"""Web copies that put a list marker on a line of its own and drop the "Nơi nhận" list (reader30).

The documents (tests/data/docs/web-copy-*.md, our own words) are laid out as the legal sites
lay out a quy phạm decision: "1.", "a)" or "-" alone on a line with the item's text on the
next, a signature block with no "Nơi nhận" before it, then the regulation the decision issues.
"""
from __future__ import annotations

from conftest import DATA, parse_json

from tracker.model import Line
from tracker.structure.outline import build_outline, paragraphs

MARKERS = DATA / "docs" / "web-copy-bare-markers.md"
MODEL = DATA / "docs" / "web-copy-model-rules.md"


def test_a_marker_alone_on_its_line_opens_the_item_its_next_line_fills():
    """'1.' / 'a)' / '-' alone, the text under each: one numbered, lettered or dashed item each,
    the text its own (not a bare label with an unnumbered paragraph under it)."""
    paras = paragraphs([Line("1."), Line("Sở Xây dựng"), Line("a)", gap_before=True),
                        Line("Rà soát các bến thuyền."), Line("-", gap_before=True),
                        Line("Báo cáo kết quả hằng quý.")])
    assert [(p.family, p.label, p.body) for p in paras] == [
        ("number", "1", "Sở Xây dựng"), ("letter", "a", "Rà soát các bến thuyền."),
        ("dash", "-", "Báo cáo kết quả hằng quý.")]
    root = build_outline(paras)
    assert root.items()[0].items()[0].items()[0].path == "1.a.-1"


def test_a_blank_line_after_a_bare_label_still_parts_it_from_the_text():
    """With a blank line between, the label and the text were set apart on purpose: the text
    is a paragraph under the label, as before."""
    paras = paragraphs([Line("1."), Line("Sở Xây dựng rà soát các bến.", gap_before=True),
                        Line("Công an tỉnh kiểm tra.", gap_before=True)])
    assert [p.label for p in paras] == ["1", None, None]


def _tasks(path) -> list[dict]:
    return parse_json(path, "--no-resolve")["tasks"]


def test_the_regulation_under_a_signature_with_no_recipient_list_is_read():
    """The signature opens with 'TM. ỦY BAN NHÂN DÂN' and no 'Nơi nhận': the 'QUY ĐỊNH' after it
    is the text the decision issues; its duties are tasks, each under its unit's heading, and
    the decision's own replacement clause is none."""
    got = [(t["path"], t["text"][:25], [u if isinstance(u, str) else u["name"] for u in t["lead"]])
           for t in _tasks(MARKERS)]
    assert got == [
        ("Điều 2.1.a", "Rà soát, cấp phép hoạt độ", ["Sở Xây dựng"]),
        ("Điều 2.1.b", "Kiểm tra định kỳ hằng quý", ["Sở Xây dựng"]),
        ("Điều 2.2.-1", "Hướng dẫn chủ bến lập phư", ["Công an tỉnh"]),
        ("Điều 2.2.-2", "Xử lý các trường hợp chở ", ["Công an tỉnh"]),
        ("Điều 2.3", "Ủy ban nhân dân các xã, p", ["Ủy ban nhân dân các xã, phường có bến thuyền"]),
    ], got


def test_a_model_text_the_decision_attaches_gives_no_tasks():
    """'NỘI QUY MẪU ...' under the signature is a model each body adapts: its duties belong to
    whoever adopts it. Only the decision's own articles give work."""
    texts = [t["text"][:30] for t in _tasks(MODEL)]
    assert texts == ["Giao Sở Văn hóa và Thể thao hư", "Ủy ban nhân dân các xã, phường"], texts
