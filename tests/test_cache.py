"""tracker/cache.py: data built at start-up is kept between runs, rebuilt when a source changes."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tracker.cache import cached
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


def test_a_changed_source_is_built_again_and_the_old_entry_goes(cache, tmp_path):
    src = tmp_path / "data.txt"
    src.write_text("one", encoding="utf-8")
    assert cached("t", [src], lambda: src.read_text(encoding="utf-8")) == "one"
    src.write_text("three", encoding="utf-8")
    assert cached("t", [src], lambda: src.read_text(encoding="utf-8")) == "three"
    assert len(list(cache.glob("t-*.marshal"))) == 1


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
