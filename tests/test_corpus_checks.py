"""bench/corpus/check_gold.py: the checks a hand-written gold answer goes through (documents in our own words)."""
from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench" / "corpus"))
check_gold = pytest.importorskip("check_gold")  # needs ../shared/eval/score.py for fold()

DECISION = """QUYẾT ĐỊNH
Điều 1. Giao Phòng Văn hóa rà soát các thiết chế văn hóa trước ngày 30/6/2026.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng, Trưởng Phòng Văn hóa và các đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.
"""


def task(anchor: str, deadline=None) -> dict:
    return {"anchor": anchor, "lead": [], "support": [], "deadline": deadline, "indicators": []}


def test_execution_clause_is_a_closing_candidate():
    gold = {"tasks": [task("Chánh Văn phòng, Trưởng Phòng Văn hóa")]}
    assert any(c.startswith("closing") for c in check_gold.conventions(gold, DECISION))


def test_an_ordinary_article_is_not_a_closing_candidate():
    gold = {"tasks": [task("Giao Phòng Văn hóa rà soát")]}
    assert not any(c.startswith("closing") for c in check_gold.conventions(gold, DECISION))


def test_anchor_missing_from_the_text_is_a_problem():
    gold = {"tasks": [task("Giao Phòng Y tế")]}
    assert check_gold.problems(gold, DECISION) == ["anchor not in the text: 'Giao Phòng Y tế'"]


@pytest.mark.parametrize("deadline, bad", [
    ({"kind": "date", "date": "2026-06-30", "text": "trước ngày 30/6/2026"}, False),
    ({"kind": "period", "date": "2026-06-15", "text": "tháng 6/2026"}, True),   # a period ends its month
    ({"kind": "start", "text": "kể từ ngày ký"}, True),                         # a start needs its date
    ({"kind": "relative", "text": "trong 03 tháng kể từ ngày ký"}, False),      # months: kind only (corpus.md)
])
def test_deadline_problems(deadline, bad):
    assert bool(check_gold.deadline_problems(deadline)) is bad


def test_kind_table_hides_small_held_out_groups():
    sys.path.insert(0, str(ROOT / "bench"))
    corpus = pytest.importorskip("corpus")  # bench/corpus.py
    entries = [{"id": f"kh{i}", "kind": "KH", "level": "commune", "form": "docx", "split": s}
               for i, s in enumerate(["dev", "held-out", "held-out", "held-out"])]
    entries += [{"id": "cd", "kind": "CĐ", "level": "commune", "form": "docx", "split": "held-out"},
                {"id": "gone", "kind": "CĐ", "level": "commune", "form": "docx", "split": "dropped"}]
    scores = {"kh0": 0.5, "kh1": 0.4, "kh2": 0.6, "kh3": 0.8, "cd": 0.9}
    lines = corpus.kind_lines(entries, scores)
    kh = next(l for l in lines if " KH " in l)
    cd = next(l for l in lines if " CĐ " in l)
    assert "0.50" in kh and "0.60" in kh        # dev mean; held-out mean over three documents
    assert "0.90" not in cd and "   1 (   -)" in cd  # one held-out document: counted, its score not shown


def _bench_corpus():
    """bench/corpus.py as a module (its folder bench/corpus/ shares the name)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_save_keeps_held_out_documents_only_when_asked():
    bench = _bench_corpus()
    result = {"dev": {"docs": [{"id": "a", "score": 0.5}], "under_0.60": ["a"]},
              "held-out": {"overall": 0.7, "docs": [{"id": "h", "score": 0.4}], "under_0.60": ["h"]}}
    quiet = bench.saved(result, held_out_docs=False)
    assert "docs" not in quiet["held-out"] and quiet["held-out"]["under_0.60"] == 1
    assert quiet["held-out"]["overall"] == 0.7 and quiet["dev"]["docs"] == [{"id": "a", "score": 0.5}]
    assert bench.saved(result, held_out_docs=True)["held-out"]["docs"] == [{"id": "h", "score": 0.4}]
    assert result["held-out"]["under_0.60"] == ["h"]  # the printed figures are not touched


def test_outcomes_count_precision_and_indicator_links():
    bench = _bench_corpus()
    # score.py's two helpers the pairing uses, simplified: tests read nothing outside the checkout
    score = SimpleNamespace(
        fold=str.lower, indicator_ids=lambda xs: set(xs or []),
        set_f1=lambda p, g, same: 1.0 if sorted(p) == sorted(g) else 0.0, same_unit=str.__eq__,
        deadline_ok=lambda p, g: (p or None) == (g or None))
    by_date = {"kind": "date", "date": "2026-09-15"}
    gold = {"tasks": [
        {**task("Giao Phòng Văn hóa rà soát", by_date), "indicators": [6], "lead": ["Phòng Văn hóa"]},
        {**task("Sở Tư pháp công bố thủ tục"), "indicators": [1, 2], "lead": ["Sở Tư pháp"]},
        task("Công an xã kiểm tra", {"kind": "event", "text": "khi có yêu cầu"}),
    ]}
    out = {"tasks": [
        {"text": "Giao Phòng Văn hóa rà soát các thiết chế", "indicators": [6], "lead": ["Phòng Văn hóa"],
         "deadline": {"kind": "date", "date": "2026-09-30"}},
        {"text": "Sở Tư pháp công bố thủ tục hành chính", "indicators": [1], "deadline": by_date},
        {"text": "Văn phòng tổng hợp báo cáo", "indicators": [9]},  # given, no gold
    ]}
    c = bench.outcomes(score, out, gold)
    assert (c["given"], c["gold"], c["paired"]) == (3, 3, 2)
    assert (c["links_exact"], c["links_differ"], c["links_given_only"], c["links_gold_only"]) == (1, 1, 0, 0)
    assert (c["lead_right"], c["lead_differ"], c["lead_given_none"], c["lead_gold_none"]) == (1, 0, 1, 0)
    assert (c["due_right"], c["due_value"], c["due_kind"], c["due_given_only"], c["due_gold_only"]) == (0, 1, 0, 1, 0)
    line = bench.outcome_line([c, c])
    assert "6 given, 6 gold, 4 paired (precision 0.67, recall 0.67)" in line
    assert "leads of paired tasks: 2 right, 0 differ, 2 none given" in line


SIGNED = """BỘ XÂY DỰNG
Số: /BXD-QLN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Hà Nội, ngày     tháng 3 năm 2026
Kính gửi: Ủy ban nhân dân các tỉnh.
"""


@pytest.mark.parametrize("directive, bad", [
    ({"number": "412/BXD-QLN", "date": "2026-03"}, ["number"]),     # the e-office stamps the number outside the text
    ({"number": None, "date": "2026-03-12"}, ["date"]),             # the day is blank: the month alone
    ({"number": None, "date": "2026-03"}, []),
])
def test_a_number_or_day_the_document_leaves_blank_is_a_problem(directive, bad):
    found = check_gold.header_problems(directive, SIGNED)
    assert [p.split()[0] for p in found] == bad


def test_a_written_number_and_date_pass():
    text = SIGNED.replace("Số: /", "Số: 412/").replace("ngày     tháng 3", "ngày 12 tháng 3")
    assert check_gold.header_problems({"number": "412/BXD-QLN", "date": "2026-03-12"}, text) == []
