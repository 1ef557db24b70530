"""tracker/cache.py: data built at start-up is kept between runs, rebuilt when a source changes."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tracker.cache import KEEP, cached
from tracker.text import fold
from conftest import ROOT


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TRACKER_CACHE", str(folder))
    return folder


def test_built_once_then_loaded(cache, tmp_path):
    src = tmp_path / "words.txt"
    src.write_text("a b\nc d\n", encoding="utf-8")
    calls = []

    def build():
        calls.append(1)
        return frozenset(src.read_text(encoding="utf-8").split("\n"))

    first = cached("t", [src], build)
    again = cached("t", [src], build)
    assert first == again == frozenset({"a b", "c d", ""})
    assert len(calls) == 1
    assert len(list(cache.glob("t-*.marshal"))) == 1


def test_a_changed_source_is_built_again_and_old_entries_go_beyond_a_few(cache, tmp_path):
    src = tmp_path / "data.txt"
    for n in range(KEEP + 3):
        src.write_text("x" * (n + 1), encoding="utf-8")  # another size: another fingerprint
        assert cached("t", [src], lambda: src.read_text(encoding="utf-8")) == "x" * (n + 1)
    assert len(list(cache.glob("t-*.marshal"))) == KEEP


def test_two_checkouts_do_not_rebuild_each_others_entries(cache, tmp_path):
    """Two installs on one account (a second checkout, a newer version) used to evict each other on every run."""
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("a", encoding="utf-8")
    second.write_text("b", encoding="utf-8")
    calls = []

    def build(src):
        calls.append(src.name)
        return src.read_text(encoding="utf-8")

    for _ in range(3):
        assert cached("words", [first], lambda: build(first)) == "a"
        assert cached("words", [second], lambda: build(second)) == "b"
    assert calls == ["a.txt", "b.txt"]


def test_an_entry_with_a_longer_name_is_not_taken_for_an_old_one(cache):
    cached("units-2022-extra", [], lambda: 1, content="c")
    for n in range(KEEP + 1):
        cached("units-2022", [], lambda: n, content=str(n))
    assert len(list(cache.glob("units-2022-extra-*.marshal"))) == 1


def test_a_value_the_codec_cannot_hold_is_built_and_leaves_no_file(cache):
    import datetime

    value = {"day": datetime.date(2026, 9, 2)}  # marshal holds built-in types only
    assert cached("t", [], lambda: value, content="d") == value
    assert not cache.exists() or list(cache.iterdir()) == []


def test_rules_with_toml_dates_are_kept_between_runs(cache):
    from tracker import rules

    rules.load.cache_clear()
    first = rules.load("holidays").data
    assert len(list(cache.glob("rules-holidays-*"))) == 1
    rules.load.cache_clear()
    assert rules.load("holidays").data == first


def test_the_same_size_and_time_with_other_text_is_another_entry(cache):
    assert cached("r", [], lambda: {"x": 1}, content="x = 1") == {"x": 1}
    assert cached("r", [], lambda: {"x": 2}, content="x = 2") == {"x": 2}


def test_an_unwritable_cache_only_costs_the_build(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TRACKER_CACHE", str(blocker / "cache"))
    assert cached("t", [], lambda: [1, 2]) == [1, 2]


def test_a_damaged_entry_is_built_again(cache):
    assert cached("t", [], lambda: "built", content="c") == "built"
    (entry,) = cache.glob("t-*.marshal")
    entry.write_bytes(b"\x00garbage")
    assert cached("t", [], lambda: "again", content="c") == "again"


def test_parse_gives_the_same_answer_cold_and_from_the_cache(tmp_path):
    """A user's second run reads the word list, the units and the rules from the cache: same JSON."""
    env = {**os.environ, "TRACKER_CACHE": str(tmp_path / "cache"), "TRACKER_DB": str(tmp_path / "db")}
    sample = ROOT / "directives" / "ky-son-commune-2022.txt"
    runs = [subprocess.run([sys.executable, "-m", "tracker", "parse", str(sample), "--json"], capture_output=True,
                           text=True, env=env, cwd=ROOT, check=True).stdout for _ in range(2)]
    assert runs[0] == runs[1]
    names = {p.name.rsplit("-", 1)[0] for p in (tmp_path / "cache").iterdir()}
    assert {"words", "units-2022", "rules-deadlines"} <= names


# ---------------------------------------------------------------- compiled patterns kept between runs

PATTERN_RUN = """
import re, sys
from tracker import cache
p = cache.compile_pattern(r"(?P<day>\\d{1,2})/(?P<month>\\d{1,2})(?:/(?P<year>\\d{4}))?|h[ạa]n", re.I)
m = p.search("Trước ngày 15/9/2026")
print(len(cache._NEW_PATTERNS), m.groupdict(), p.groupindex == {"day": 1, "month": 2, "year": 3}, p.flags & re.I != 0)
"""


def test_a_pattern_compiled_once_is_taken_from_the_cache_by_the_next_process(cache):
    env = {**os.environ, "TRACKER_CACHE": str(cache)}
    runs = [subprocess.run([sys.executable, "-c", PATTERN_RUN], capture_output=True, text=True, env=env, cwd=ROOT,
                           check=True).stdout.split(" ", 1) for _ in range(2)]
    assert [new for new, _ in runs] == ["1", "0"]  # compiled by the first, taken from the cache by the second
    assert runs[0][1] == runs[1][1] == "{'day': '15', 'month': '9', 'year': '2026'} True True\n"
    assert len(list(cache.glob("patterns-*.marshal"))) == 1


def test_a_kept_pattern_matches_as_re_compile_does(cache):
    from tracker import cache as c

    text = "Báo cáo trước ngày 15/12/2026; Hằng quý, trước ngày 20 tháng cuối quý"
    pattern = r"(?i)trước\s+ngày\s+(\d+)(?:/(\d+))?|hằng\s+(quý|tháng)"
    c.compile_pattern(pattern)
    c.save_patterns()
    c._PATTERNS = None  # as a new process: read what was written
    kept = c.compile_pattern(pattern)
    assert not c._NEW_PATTERNS
    assert [m.groups() for m in kept.finditer(text)] == [m.groups() for m in re.compile(pattern).finditer(text)]


def _new_process(c) -> None:
    c._PATTERNS = None
    c._USED.clear()
    c._NEW_PATTERNS.clear()


def test_kept_patterns_of_other_checkouts_go_once_they_outweigh_what_a_run_takes(cache):
    """Checkouts sharing one cache folder each keep their own edits' patterns: the entry keeps them while
    they are no more than this run's own code, and drops them past that, so loading it stays cheap."""
    from tracker import cache as c

    ours = [rf"(?i)trước\s+ngày\s+{i}\b" for i in range(3)]
    others = [rf"(?i)hạn\s+chót\s+{i}\s+tháng" for i in range(12)]
    _new_process(c)
    for pattern in others[:2]:  # another checkout's few patterns
        c.compile_pattern(pattern)
    c.save_patterns()
    _new_process(c)
    for pattern in ours:
        c.compile_pattern(pattern)
    c.save_patterns()
    kept = {key[0] for key in c.read_kept(c._patterns_path())}
    assert kept == set(ours) | set(others[:2])  # less than this run's own: kept for that checkout
    _new_process(c)
    for pattern in others:  # many more from elsewhere
        c.compile_pattern(pattern)
    c.save_patterns()
    _new_process(c)
    for pattern in ours:
        c.compile_pattern(pattern)
    c.compile_pattern(r"một\s+mẫu\s+mới")  # something new, so this run writes the entry
    c.save_patterns()
    kept = {key[0] for key in c.read_kept(c._patterns_path())}
    assert kept == set(ours) | {r"một\s+mẫu\s+mới"}
    _new_process(c)


def test_a_bad_pattern_raises_as_re_compile_does(cache):
    from tracker.cache import compile_pattern

    with pytest.raises(re.error):
        compile_pattern(r"(?P<x>unclosed")


def test_an_edited_rule_is_read_again_with_everything_kept(rules_copy, cache):
    """The kept rules file, its kept patterns: an edited deadlines.toml still changes what is read."""
    from tracker import rules
    from tracker.extract.deadlines import read_deadline

    phrase = "Nộp báo cáo hẹn tới 5/10/2026"
    assert read_deadline(phrase, None).deadline is None  # builds and keeps the rules and their patterns
    rules.clear_cache()
    assert read_deadline(phrase, None).deadline is None  # from what was kept
    path = rules_copy / "deadlines.toml"
    text = path.read_text(encoding="utf-8")
    assert "\n[date]\n" in text
    head, tail = text.split("\n[date]\n", 1)
    path.write_text(head + "\n[date]\n" + tail.replace("cues = [", 'cues = ["hẹn tới", ', 1), encoding="utf-8")
    rules.clear_cache()
    found = read_deadline(phrase, None).deadline
    assert found is not None and found.date == "2026-10-05"


# ---------------------------------------------------------------- the word list and the unit hierarchy as kept

def test_the_kept_word_list_answers_as_the_dictionary_file_does(cache):
    from tracker import words

    words.dictionary.cache_clear()
    try:
        kept = words.dictionary()
        if not kept:
            pytest.skip("underthesea's dictionary is not installed")
        for word in ("thủ tục", "hành chính", "công an", "thanh toán"):
            assert word in kept
        assert "thủ" not in kept and "tục thủ" not in kept and "" not in kept and 3 not in kept
        assert {"thủ tục", "xyz abc"} & kept == {"thủ tục"}
        assert words.segment("Người dân thanh toán phí, lệ phí") == ["Người", "dân", "thanh toán", "phí", ",", "lệ phí"]
    finally:
        words.dictionary.cache_clear()


def test_the_kept_hierarchy_is_the_data_file_read_afresh(cache):
    """Units, children, names and the data file's order, as a Hierarchy built straight from the file gives them."""
    import gzip
    import json

    from tracker.units import hierarchy as H

    for structure in ("2022", "2025"):
        fresh = H.Hierarchy(json.loads(gzip.decompress((H.DATA / f"units-{structure}.json.gz").read_bytes())))
        kept = H.load(structure)
        kept = H.load(structure)  # from the cache
        assert len(kept) == len(fresh)
        assert [(u.id, u.name, u.type, u.short, u.aliases) for u in kept.walk()] == \
               [(u.id, u.name, u.type, u.short, u.aliases) for u in fresh.walk()]
        assert [uid for uid, _ in kept._units.items()] == [uid for uid, _ in fresh._units.items()]
        some = [u.id for u in list(fresh.walk())[::97]]
        assert [kept.places(fold(kept.get(i).short).replace(" ", "")) for i in some] == \
               [fresh.places(fold(fresh.get(i).short).replace(" ", "")) for i in some]
        assert "2022:p99" not in kept._units and not kept.exists(f"{structure}:p99.c1")
    assert H.load("2022").id_of("commune", "11098") == "2022:p30.d298.c11098"


SEEDED = """
import re, sys
from tracker import cache
before = set(re._cache)
cache.seed_re_cache()
print(len(set(re._cache) - before))
from tracker.cli import main
sys.exit(main(["parse", sys.argv[1], "--json"]))
"""


def test_a_cli_run_keeps_what_re_compiled_and_the_next_finds_it_in_re_s_cache(cache):
    env = {**os.environ, "TRACKER_CACHE": str(cache), "TRACKER_DB": str(cache / "db")}
    sample = str(ROOT / "directives" / "ky-son-commune-2022.txt")
    runs = [subprocess.run([sys.executable, "-c", SEEDED, sample], capture_output=True, text=True, env=env, cwd=ROOT,
                           check=True).stdout for _ in range(2)]
    seeded = [int(r.split("\n", 1)[0]) for r in runs]
    assert seeded[0] == 0 and seeded[1] > 50  # the second run's re compiled none of those again
    assert runs[0].split("\n", 1)[1] == runs[1].split("\n", 1)[1]  # the same JSON
    assert len(list(cache.glob("re-*.marshal"))) == 1


def test_re_s_cache_seeded_answers_as_re_compiled(cache):
    from tracker import cache as c

    pattern, text = r"(?i)\b(ngày|tháng)\s+(\d+)", "Ngày 5 tháng 9, NGÀY 12"
    want = [m.groups() for m in re.compile(pattern).finditer(text)]
    re.purge()
    before = c.seed_re_cache()
    re.compile(pattern)
    c.keep_re_cache(before)
    re.purge()
    c.seed_re_cache()
    assert (str, pattern, 0) in re._cache
    assert [m.groups() for m in re.compile(pattern).finditer(text)] == want


def test_a_kept_table_is_built_again_when_a_rules_file_or_a_source_file_changes(rules_copy, cache, tmp_path, monkeypatch):
    from tracker import rules
    from tracker.extract import unit_phrases

    built = []
    real = unit_phrases._lexicon
    monkeypatch.setattr(unit_phrases, "_lexicon", lambda: built.append(1) or real())

    def names() -> tuple:
        rules.clear_cache()
        return unit_phrases.lexicon().known.get("ban", ())

    first = names()
    assert names() == first and len(built) == 1  # the second process-like load takes the kept one
    path = rules_copy / "unit_phrases.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('names = [', 'names = ["Ban Chuyên đề Thử nghiệm", ', 1),
                    encoding="utf-8")
    assert ("ban", "chuyên", "đề", "thử", "nghiệm") in names() and len(built) == 2
    # A source file of the program changed (its size): built again as well.
    package = tmp_path / "pkg"
    monkeypatch.setattr(rules, "__file__", str(package / "rules.py"))
    package.mkdir()
    (package / "rules.py").write_text("x = 1\n", encoding="utf-8")
    names()
    (package / "rules.py").write_text("x = 10\n", encoding="utf-8")
    names()
    assert len(built) == 4
