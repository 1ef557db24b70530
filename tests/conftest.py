"""Shared test helpers: paths to the samples and running the real CLI."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIRECTIVES = ROOT / "directives"
DATA = Path(__file__).resolve().parent / "data"
GOLD = DATA / "gold"  # copies of ../shared/eval/gold: hand-made answers for the samples

SAMPLES = sorted(p for p in DIRECTIVES.iterdir() if p.suffix in (".pdf", ".docx", ".txt", ".md"))


def run_cli(*args: str, env: dict | None = None, input: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """`tracker ARGS...` as a user runs it: a separate process."""
    full_env = {**os.environ, **(env or {})}
    full_env.setdefault("TRACKER_DB", str(Path(full_env.get("TMPDIR", "/tmp")) / "tracker-tests-never-used.db"))
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True, text=True, env=full_env, input=input, timeout=timeout, cwd=ROOT,
    )


def parse_json(path: Path | str, *extra: str) -> dict:
    r = run_cli("parse", str(path), "--json", *extra)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def rules_copy(tmp_path, monkeypatch):
    """A copy of task_rules/ the test may edit or break; every rules cache is reset around it."""
    from tracker import rules

    target = tmp_path / "task_rules"
    shutil.copytree(ROOT / "task_rules", target)
    monkeypatch.setenv("TRACKER_RULES", str(target))
    rules.clear_cache()
    yield target
    monkeypatch.delenv("TRACKER_RULES")
    rules.clear_cache()
