"""tracker/cli/startup.py: what a CLI command keeps between runs to start fast changes nothing it does."""
from __future__ import annotations

import dataclasses

import pytest

from tracker.cli import startup


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TRACKER_CACHE", str(folder))
    return folder


def make_classes() -> dict:
    """Dataclasses of every kind @dataclass writes methods for, made afresh."""
    ns: dict = {}
    exec(
        "from dataclasses import dataclass, field\n"
        "@dataclass(frozen=True, order=True)\n"
        "class Due:\n"
        "    day: str\n"
        "    days: int = 0\n"
        "@dataclass\n"
        "class Task:\n"
        "    text: str\n"
        "    units: list = field(default_factory=list)\n"
        "    due: Due | None = None\n"
        "@dataclass(slots=True, kw_only=True)\n"
        "class Row:\n"
        "    key: str\n"
        "    cells: tuple = ()\n",
        ns,
    )
    return ns


def behaviour(ns: dict) -> list:
    Due, Task, Row = ns["Due"], ns["Task"], ns["Row"]
    a, b = Task("Báo cáo"), Task("Báo cáo", ["Sở Tư pháp"], Due("2026-09-30", 3))
    a.units.append("x")
    out = [repr(a), repr(b), a == Task("Báo cáo", ["x"]), a == b, Task("y").units is not Task("y").units,
           Due("a") < Due("b"), hash(Due("a", 1)) == hash(Due("a", 1)), repr(Row(key="k")), Row.__slots__,
           Task.__init__.__annotations__]  # the field types, not their names (no __future__ leaking in)
    try:
        Due("a").day = "b"
    except dataclasses.FrozenInstanceError as exc:
        out.append(type(exc).__name__)
    try:
        Row("k")
    except TypeError:
        out.append("kw_only")
    return out


def test_dataclasses_made_from_kept_methods_behave_as_made_afresh(cache):
    want = behaviour(make_classes())
    with startup.quick_start() as start:
        first = behaviour(make_classes())
        start.keep = True
    assert "exec" not in vars(dataclasses)  # dataclasses' own exec again after the command
    methods = startup._KeptMethods()
    methods.install()
    try:
        assert methods.kept  # what the first run compiled
        again = behaviour(make_classes())
        assert not methods.new  # every method text was kept: none compiled again
    finally:
        methods.uninstall()
    assert first == again == want
    assert "exec" not in vars(dataclasses)


def test_a_command_inside_a_command_leaves_the_outer_one_in_place(cache):
    with startup.quick_start():
        outer = vars(dataclasses).get("exec")
        assert outer is not None
        with startup.quick_start():
            assert vars(dataclasses).get("exec") is outer
        assert vars(dataclasses).get("exec") is outer
    assert "exec" not in vars(dataclasses)


def test_a_command_that_does_not_keep_writes_nothing(cache):
    with startup.quick_start():
        behaviour(make_classes())
        import re

        re.compile(r"(?:một mẫu|chưa từng) gặp \d+")
    assert not cache.exists() or list(cache.iterdir()) == []
