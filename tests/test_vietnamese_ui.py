"""Everything a clerk reads is Vietnamese: the CLI's help, output and errors (run as a user runs them, on the
demo store) and the strings of the CLI, the TUI, the reports and the shared views (their source).

English is found by its small words ("the", "is", "with", "give"…): two different ones in a line of prose is
English. Paths, options (--as-of), `commands in backticks` and identifiers are left out first. Developer
messages (logs, TRACKER_DEBUG tracebacks, test helpers) may stay English and are not scanned.
"""
from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import test_tui
from conftest import DIRECTIVES, ROOT, SAMPLES

demo_master = test_tui.demo_master

ENGLISH = {
    "the", "and", "is", "are", "not", "with", "of", "for", "from", "this", "that", "which", "have", "has", "been",
    "will", "should", "must", "cannot", "give", "use", "only", "every", "each", "or", "its", "their", "when",
    "where", "into", "already", "without", "please", "invalid", "unknown", "expected", "required", "found",
    "file", "folder", "arguments", "options", "usage", "show", "exit", "choose", "default", "error", "matches",
    "closely", "enough", "nothing", "saved", "confirm", "there", "here", "what", "how", "after", "before",
}
# Scanned for literals: the views (the core's messages are scanned below).
VIEWS = ["tracker/cli", "tracker/tui", "tracker/report", "tracker/views", "tracker/recorder.py"]
NOT_USER_FACING = {"tracker/tui/testing.py"}  # helpers for tests and the benchmark


def english_words(text: str) -> set[str]:
    """The English small words of `text`, once paths, options, `code` and identifiers are removed."""
    text = re.sub(r"`[^`]*`", " ", text)
    tokens = [t for t in re.split(r"[\s,;:()\[\]«»\"'.!?]+", text) if t]
    words = [t.lower() for t in tokens
             if not t.startswith(("-", "$", "/", "<")) and "/" not in t and "_" not in t and "." not in t
             and "=" not in t]
    return {w for w in words if w in ENGLISH}


def is_english(text: str) -> bool:
    return any(len(english_words(line)) >= 2 for line in text.splitlines())


def test_the_detector_tells_english_from_vietnamese() -> None:
    assert is_english("nothing saved: confirm with --yes (there is no terminal to ask on)")
    assert is_english("no unit matches closely enough")
    assert not is_english("chưa lưu gì: thêm --yes để xác nhận (không có cửa sổ dòng lệnh để hỏi)")
    assert not is_english("/tmp/pytest-of-root/pytest-3/test_x0/store: phiên bản 2 nguyên vẹn (14 tệp).")
    assert not is_english("tracker: --format: không có lựa chọn 'pdf' (chọn một trong 'docx', 'xlsx', 'md')")


# -- the source: literals of the views ---------------------------------------------------------------------


def _literals(path: Path, skip_calls: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """The string literals of `path` (f-strings without their fields), but docstrings, regexes and what is
    passed to a call named in `skip_calls`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for call in ast.walk(tree) if isinstance(call, ast.Call)
               and (getattr(call.func, "attr", None) or getattr(call.func, "id", None)) in skip_calls
               for n in ast.walk(call)}
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    # Patterns (re.compile) match English text from elsewhere (argparse's messages): they are not shown.
    patterns = {id(a) for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "compile" for a in node.args}
    out = []
    for node in ast.walk(tree):
        if id(node) in patterns or id(node) in skipped:
            continue
        if isinstance(node, ast.JoinedStr):
            out.append((node.lineno, " ".join(v.value for v in node.values if isinstance(v, ast.Constant))))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            out.append((node.lineno, node.value))
    return out


def english_literals(places: list[str], left_out: set[str], skip_calls: frozenset[str] = frozenset()) -> list[str]:
    """`file:line: 'text'` of each English literal in the modules under `places` (but those in `left_out`)."""
    found = []
    for where in places:
        base = ROOT / where
        for path in sorted([base] if base.is_file() else base.rglob("*.py")):
            rel = str(path.relative_to(ROOT))
            if rel not in left_out:
                found += [f"{rel}:{n}: {text!r}" for n, text in _literals(path, skip_calls) if is_english(text)]
    return found


def test_no_english_in_the_strings_of_the_cli_tui_and_reports() -> None:
    found = english_literals(VIEWS, NOT_USER_FACING)
    assert not found, "\n".join(found)


# -- the CLI as a clerk runs it ------------------------------------------------------------------------------


def tracker(*args: str, db: Path) -> str:
    env = {**os.environ, "TRACKER_DB": str(db), "COLUMNS": "200"}
    r = subprocess.run([sys.executable, "-m", "tracker", *args], capture_output=True, text=True, env=env, cwd=ROOT,
                       timeout=120)
    return r.stdout + r.stderr


def _helps() -> list[tuple[str, ...]]:
    from tracker.cli import build_parser

    parser, commands = build_parser()
    out: list[tuple[str, ...]] = [("--help",)]
    for name in commands:
        out.append((name, "--help"))
    out += [("db", action, "--help") for action in ("info", "backups", "check", "restore")]
    out += [("units", action, "--help") for action in ("find", "tree", "resolve")]
    out += [("link", action, "--help") for action in ("show", "parent", "task", "answer")]
    return out


RUNS: list[tuple[str, ...]] = [
    ("tasks", "--as-of", "01/10/2022", "--limit", "30"),
    ("overdue", "--by-unit", "--as-of", "01/10/2022"),
    ("overdue", "--as-of", "01/10/2022", "--directive", "45/UBND"),
    ("history", "3"),
    ("chain", "45/UBND", "--as-of", "01/10/2022"),
    ("link",),
    ("link", "show", "45/UBND"),
    ("db", "info"),
    ("db", "backups"),
    ("db", "check"),
    ("report", "--format", "md", "--as-of", "01/10/2022"),
    ("units", "find", "tu ky"),
    ("units", "tree", "Hải Dương", "--depth", "1"),
    ("config",),
    # mistakes a clerk makes
    ("load", str(SAMPLES[0])),  # no terminal to confirm on
    ("status", "abc", "hoàn thành"),
    ("status", "3"),
    ("history", "1,2"),
    ("report", "--format", "pdf"),
    ("report", "--format", "docx", "-o", "-"),
    ("report", "--format", "md", "--unit", "Sở"),
    ("tasks", "--limit", "x"),
    ("tasks", "--due-within", "-1"),
    ("tasks", "--bogus"),
    ("units", "tree", "Không Có"),
    ("units", "find", "x", "--limit", "0"),
    ("link", "task", "45/UBND", "t1"),
    ("nosuchcommand",),
    ("load",),
    ("config", "--home-province", "Không Có"),
    ("config", "--home-commune", "Kỳ Sơn"),
]


@pytest.mark.parametrize("args", _helps(), ids=" ".join)
def test_every_help_is_vietnamese(args: tuple[str, ...], tmp_path: Path) -> None:
    out = tracker(*args, db=tmp_path / "store")
    assert "Cách dùng: tracker" in out
    english = [line for line in out.splitlines() if len(english_words(line)) >= 2]
    assert not english, "\n".join(english)


@pytest.mark.parametrize("args", RUNS, ids=" ".join)
def test_output_and_errors_are_vietnamese(args: tuple[str, ...], demo_master: Path, tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "demo"
    shutil.copytree(demo_master, db)
    out = tracker(*args, db=db)
    assert out.strip()
    english = [line for line in out.splitlines() if len(english_words(line)) >= 2]
    assert not english, "\n".join(english)


# -- the core's messages: what reading a file, the store, units, dates and statuses say -----------------------

# The core's modules whose messages reach a clerk (through the CLI's one-line errors, `db check`, the warnings of a
# parse). Left out: the checks of task_rules/ data (`RuleFile.error`, read by whoever edits the rules), developer
# errors (ValueError …) and logs.
CORE = ["tracker/read", "tracker/store", "tracker/units", "tracker/track", "tracker/rules.py", "tracker/settings.py",
        "tracker/limits.py"]
NOT_FOR_CLERKS = {"tracker/units/data/build.py",  # builds the units data from its sources (a developer's tool)
                  "tracker/store/pg/counts.py"}  # SQL only, no message
DEVELOPER_CALLS = frozenset({"error", "ValueError", "ImportError", "KeyError", "AssertionError", "RuntimeError",
                             "TypeError", "debug", "info", "warning", "exception",
                             "execute", "executemany"})  # SQL statements (tracker/store/pg) are no messages


def test_no_english_in_the_messages_of_the_core() -> None:
    found = english_literals(CORE, NOT_FOR_CLERKS, DEVELOPER_CALLS)
    assert not found, "\n".join(found)


VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵằắẳẵặầấẩẫậềếểễệồốổỗộờớởỡợừứửữự]", re.I)


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    """Files a clerk may pick by mistake, each made here."""
    import zipfile

    import pypdf
    from PIL import Image, ImageDraw

    out = {"missing": tmp_path / "khong-co.pdf", "folder": tmp_path}
    out.setdefault("empty", tmp_path / "trong.txt").write_text("  \n", encoding="utf-8")
    out.setdefault("wrong type", tmp_path / "bang.xls").write_bytes(b"\xd0\xcf\x11\xe0 old excel")
    out.setdefault("old .doc named .docx", tmp_path / "cu.docx").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 600)
    out.setdefault("binary", tmp_path / "anh.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 50)
    out.setdefault("not UTF-8", tmp_path / "ma-cu.txt").write_bytes(b"K\xednh g\xe1i c\xe1c x\xe3 v\xe0 ph\xf2ng")
    with zipfile.ZipFile(out.setdefault("zip without document", tmp_path / "nen.docx"), "w") as z:
        z.writestr("ghi-chu.txt", "xin chào")
    reader = pypdf.PdfReader(str(DIRECTIVES / "ky-son-commune-2022.pdf"))
    writer = pypdf.PdfWriter()
    writer.add_page(reader.pages[0])
    writer.encrypt(user_password="mat-khau", owner_password="chu-so-huu")
    with (out.setdefault("password", tmp_path / "khoa.pdf")).open("wb") as f:
        writer.write(f)
    img = Image.new("RGB", (300, 400), "white")
    ImageDraw.Draw(img).text((20, 20), "UY BAN NHAN DAN", fill="black")
    img.save(out.setdefault("scanned", tmp_path / "anh-quet.pdf"), "PDF", resolution=72)
    out.setdefault("damaged PDF", tmp_path / "hong.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    return out


BAD_FILES = ["missing", "folder", "empty", "wrong type", "old .doc named .docx", "binary", "not UTF-8",
             "zip without document", "password", "scanned", "damaged PDF"]


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_is_refused_in_vietnamese(kind: str, tmp_path: Path) -> None:
    path = _bad_files(tmp_path)[kind]
    env = {**os.environ, "COLUMNS": "200"}
    r = subprocess.run([sys.executable, "-m", "tracker", "parse", str(path)], capture_output=True, text=True, env=env,
                       cwd=ROOT, timeout=120)
    [line] = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert r.returncode == 2 and str(path) in line, r.stderr
    said = line.replace(str(path), "")
    assert VIETNAMESE_LETTERS.search(said) and not english_words(said), line


BAD_VALUES: list[tuple[str, ...]] = [
    ("status", "1", "xong roi"),
    ("status", "999999", "hoan thanh"),
    ("status", "1", "hoàn thành", "--on", "31/02/2022"),
    ("tasks", "--as-of", "hôm kia"),
    ("tasks", "--directive", "9999/XYZ"),
    ("chain", "9999/XYZ"),
]


@pytest.mark.parametrize("args", BAD_VALUES, ids=" ".join)
def test_a_bad_value_is_refused_in_vietnamese(args: tuple[str, ...], demo_master: Path, tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "demo"
    shutil.copytree(demo_master, db)
    out = tracker(*args, db=db)
    lines = [ln for ln in out.splitlines() if ln.strip()]
    assert lines and all(VIETNAMESE_LETTERS.search(ln) and not english_words(ln) for ln in lines), out
