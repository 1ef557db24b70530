"""Shared test helpers: paths to the samples and running the real CLI; under CI, no skip goes unnoticed.

The suite is self-contained: what a test reads is in directives/ or tests/data/
(tests/data/gold are copies of ../shared/eval/gold). A test that cannot run says
why (`-rfEs` in pyproject.toml's addopts prints the reasons); with CI=1 (.ci/run) a
skip fails the test, except the few that depend on the machine itself.
"""
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


def store_cli(*args: str, db: Path | None = None, env: dict | None = None, cwd: Path = ROOT,
              prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    """`tracker ARGS... --db DB` as a user runs it, wide tables; `prefix` replaces `python -m tracker`."""
    full = {**os.environ, "COLUMNS": "250", **(env or {})}
    if not env or "TRACKER_DB" not in env:
        full.pop("TRACKER_DB", None)
    if db is not None:
        args = (*args, "--db", str(db))
    return subprocess.run([*(prefix or [sys.executable, "-m", "tracker"]), *args], capture_output=True, text=True,
                          env=full, cwd=cwd, timeout=120)


def one_line_error(r: subprocess.CompletedProcess) -> str:
    """The one line a refused command prints (exit 2, no traceback, no internal error)."""
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tracker: ") and "Traceback" not in r.stderr, r.stderr
    assert "internal error" not in r.stderr
    return lines[0]


def parse_json(path: Path | str, *extra: str) -> dict:
    r = run_cli("parse", str(path), "--json", *extra)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


# Skips that depend on the machine, not on the checkout: the only ones CI lets pass.
MACHINE_SKIPS = ("mounting a tmpfs needs root", "cannot mount a tmpfs here", "acting as a second OS user needs root")


def _fail_skip_under_ci(report: pytest.CollectReport | pytest.TestReport) -> None:
    """With CI=1 a skip is a failure (a missing file, a missing package), saying why."""
    if not os.environ.get("CI") or not report.skipped or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if any(m in reason for m in MACHINE_SKIPS):
        return
    report.outcome = "failed"
    report.longrepr = f"skipped under CI (CI=1), where everything must run: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    _fail_skip_under_ci(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):
    outcome = yield
    _fail_skip_under_ci(outcome.get_result())


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
