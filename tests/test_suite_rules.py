"""The suite's own rules: it needs nothing outside the checkout, and under CI nothing skips unnoticed."""
from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

TESTS = ROOT / "tests"


def run_pytest(folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k != "CI"} | env
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rfEs", str(folder)],
                          capture_output=True, text=True, cwd=folder, env=full, timeout=120)


def test_under_ci_a_test_that_skips_for_a_missing_file_fails(tmp_path):
    (tmp_path / "directives").mkdir()
    tests = tmp_path / "tests"
    tests.mkdir()
    shutil.copy(TESTS / "conftest.py", tests / "conftest.py")
    (tests / "test_x.py").write_text(
        "import pytest\n"
        "def test_needs_a_file():\n    pytest.skip('gold/x.json is missing')\n"
        "def test_needs_root():\n    pytest.skip('mounting a tmpfs needs root')\n",
        encoding="utf-8")
    local = run_pytest(tests, {})
    assert local.returncode == 0, local.stdout
    assert "gold/x.json is missing" in local.stdout  # a skip says why
    ci = run_pytest(tests, {"CI": "1"})
    assert ci.returncode == 1, ci.stdout
    assert "FAILED test_x.py::test_needs_a_file" in ci.stdout
    assert "skipped under CI" in ci.stdout
    assert "1 failed, 1 skipped" in ci.stdout  # the machine's own limits still skip


def _code_strings(tree: ast.AST) -> list[ast.Constant]:
    """String constants that are not docstrings."""
    docs = {id(body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and (body := node.body) and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)}
    return [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def test_no_test_reads_outside_the_checkout():
    outside = re.compile(r"(^|/)\.\./|^/work/|(^|/)shared(/|$)")
    offenders = []
    for path in sorted(TESTS.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        for node in _code_strings(tree):
            if outside.search(node.value):
                offenders.append(f"{path.name}:{node.lineno}: {node.value!r}")
        for node in ast.walk(tree):  # ROOT.parent / "shared": the folder beside the checkout
            if isinstance(node, ast.Attribute) and node.attr == "parent" and isinstance(node.value, ast.Name) \
                    and node.value.id == "ROOT":
                offenders.append(f"{path.name}:{node.lineno}: ROOT.parent")
    assert not offenders, offenders
