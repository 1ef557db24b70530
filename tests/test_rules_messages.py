"""A broken task_rules/ file, as a maintainer meets it through the CLI: one line in Vietnamese
naming the file and line, what is wrong and what to do; exit 2, no traceback."""
from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

DOC = ROOT / "tests" / "data" / "docs" / "deadline-forms.txt"
# Words of the old English messages: none may reach the user.
ENGLISH = re.compile(r"\b(?:missing|must|bad pattern|needs|not in|unknown|found|expected|lacks)\b")
# A Vietnamese letter with a diacritic no English message has.
VIETNAMESE = re.compile(r"[ảạắằẳẵặấầẩẫậđẻẽẹếềểễệỉĩịỏọốồổỗộớờởỡợủũụứừửữựỳỷỹỵơư]", re.I)


def _break(tmp_path: Path, name: str, old: str, new: str) -> tuple[Path, int]:
    rules = tmp_path / "task_rules"
    shutil.copytree(ROOT / "task_rules", rules)
    path = rules / f"{name}.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if new.splitlines()[0] in ln)
    return rules, line


@pytest.mark.parametrize("name, old, new, says", [
    ("confidence", "unsure_below = 0.6", 'unsure_below = "0,6"', "'unsure_below' phải là số, không phải chuỗi"),
    ("confidence", "unsure_below = 0.6", "unsure_below = 1.6", "'unsure_below' phải là một số từ 0 đến 1"),
    ("confidence", "unsure_below = 0.6", "unsure_beloww = 0.6", "thiếu khóa 'unsure_below'"),
    # a doubt's own confidence is checked like the threshold, and the line is the key's
    ("confidence", "confidence = 0.5\ncitations", "confidence = 1.5\ncitations",
     "'date_unread.confidence' phải là một số từ 0 đến 1"),
    ("deadlines", "completion_words = [", "completion_words = [1, ", "chỉ được chứa chuỗi"),
    ("deadlines", "range_joins = ['", "range_joins = ['(?:", "mẫu (biểu thức chính quy) sai trong"),
    ("deadlines", 'order = ["date",', 'order = ["soon", "date",', "loại thời hạn 'soon'"),
    ("confidence", "unsure_below = 0.6", "unsure_below = 0.6 0.7", "sai cú pháp TOML"),
])
def test_a_broken_rules_file_gives_one_vietnamese_line(tmp_path, name, old, new, says):
    rules, line = _break(tmp_path, name, old, new)
    r = run_cli("parse", str(DOC), env={"TRACKER_RULES": str(rules)})
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, r.stderr
    # A key that is missing has no line of its own: the file is named.
    assert f"{name}.toml:{line}:" in lines[0] or ("thiếu khóa" in says and f"{name}.toml:" in lines[0]), lines[0]
    assert says in lines[0], lines[0]
    assert "hãy sửa tệp quy tắc này" in lines[0]  # what to do
    assert not ENGLISH.search(lines[0].split(":", 2)[-1]), lines[0]


# The modules that validate the rule files this test covers. Each message they give for a
# broken rule (the first argument of `.error(...)`) must be Vietnamese.
VALIDATORS = ["tracker/rules.py", "tracker/confidence.py", "tracker/extract/deadlines.py",
              "tracker/extract/indicators.py", "tracker/track/calendar.py", "tracker/track/recurrence.py"]


def _messages(path: Path) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "error"
                and node.args and not isinstance(node.args[0], ast.Name)):
            text = "".join(p.value for p in ast.walk(node.args[0]) if isinstance(p, ast.Constant) and isinstance(p.value, str))
            if text.strip(" :{}"):
                out.append((node.lineno, text))
    return out


@pytest.mark.parametrize("module", VALIDATORS)
def test_every_rules_message_is_vietnamese(module):
    found = _messages(ROOT / module)
    english = [f"{module}:{n}: {t!r}" for n, t in found if not VIETNAMESE.search(t) or ENGLISH.search(t)]
    assert not english, "\n".join(english)
