"""tracker/cache.py: data built at start-up is kept between runs, rebuilt when a source changes."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tracker.cache import KEEP, cached
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
