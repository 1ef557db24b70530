"""The core never imports Textual: only tracker.tui does (as in Harlequin, checked in a fresh interpreter)."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

CORE = ["tracker.parse", "tracker.store", "tracker.units", "tracker.track", "tracker.extract.indicators",
        "tracker.cli", "tracker.cli.tui_cmd", "tracker.tui.data", "tracker.tui.fmt"]
OPTIONAL = ["tracker.chain", "tracker.report"]  # other issues' modules, when they are there


def test_core_modules_do_not_load_textual() -> None:
    code = f"""
import importlib, importlib.util, sys
for name in {CORE!r}:
    importlib.import_module(name)
for name in {OPTIONAL!r}:
    if importlib.util.find_spec(name) is not None:
        importlib.import_module(name)
from tracker.cli import build_parser
build_parser()  # imports every command module, the tui command included
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(len(loaded), loaded[:3])
sys.exit(1 if loaded else 0)
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, f"textual was imported by the core: {r.stdout} {r.stderr}"


def test_the_check_would_fail_if_textual_were_loaded() -> None:
    # The same check on tracker.tui.app, which must load Textual: proves the test above can fail.
    code = "import sys, tracker.tui.app; sys.exit(1 if 'textual' in sys.modules else 0)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 1, r.stderr


def test_the_tui_never_imports_the_cli() -> None:
    """Both are views over the core: what they share (who records a change) lives in the core."""
    import ast

    found = []
    for path in sorted((ROOT / "tracker" / "tui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            found += [f"{path.relative_to(ROOT)}: {n}" for n in names if n == "tracker.cli" or n.startswith("tracker.cli.")]
    assert not found, found
