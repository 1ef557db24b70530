"""The `tracker` command line.

Each subcommand lives in its own module `tracker/cli/*_cmd.py`, found at start-up,
that defines:

    NAME = "parse"            # the subcommand
    HELP = "one line"         # shown in `tracker --help`
    ORDER = 10                # position in the help
    def register(parser): ... # add its arguments to an argparse parser
    def run(args) -> int: ... # do the work; import heavy modules here, not at the top

so `tracker --help` stays fast and adding a command touches no shared file.
A command named on the line (`tracker parse …`) builds only its own parser:
the others are imported for the full help and for a mistyped command only.
With no subcommand, `tracker` opens the terminal UI. Global options (`--db`)
are accepted before the command as well as after it. Help and errors are in
Vietnamese (tracker/cli/parser.py).
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from types import ModuleType

from tracker import __version__
from tracker.cli.common import add_db_option
from tracker.cli.parser import VietnameseParser
from tracker.errors import TrackerError


def _command_names() -> list[str]:
    """The subcommands, from the module files' names (`parse_cmd.py` → "parse"): no import needed."""
    names = set()
    for folder in __path__:
        for entry in os.listdir(folder):
            stem, _, ext = entry.partition(".")
            if stem.endswith("_cmd") and stem.isidentifier() and (ext in ("py", "pyc") or ext.endswith(".so")):
                names.add(stem[: -len("_cmd")])
    return sorted(names)


def _command_modules(only: str | None = None) -> list[ModuleType]:
    names = [only] if only else _command_names()
    mods = [importlib.import_module(f"{__name__}.{name}_cmd") for name in names]
    return sorted(mods, key=lambda m: (getattr(m, "ORDER", 100), m.NAME))


def _named_command(argv: list[str]) -> str | None:
    """The subcommand `argv` names, when it is the first word that is not a global option and exists."""
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--db":
            i += 2
            continue
        if word.startswith("--db="):
            i += 1
            continue
        if word.startswith("-"):
            return None  # --help, --version, a typo: the full parser answers
        return word if word in _command_names() else None
    return None


def build_parser(only: str | None = None) -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    """The parser of every command, or of the command `only` alone (what a named command needs)."""
    parser = VietnameseParser(
        prog="tracker",
        description="Đọc văn bản chỉ đạo, trích xuất nhiệm vụ và theo dõi tiến độ thực hiện của từng đơn vị. "
        "Không có LỆNH: mở giao diện. `tracker LỆNH --help` cho biết cách dùng từng lệnh.",
    )
    parser.add_argument("--version", action="version", version=f"tracker {__version__}",
                        help="in phiên bản rồi thoát")
    # Global: before the command (tracker --db X load …) as after it; a command's own --db, when given, wins.
    add_db_option(parser)
    parser.set_defaults(db=None)
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", title="các lệnh")
    commands: dict[str, ModuleType] = {}
    for mod in _command_modules(only):
        p = sub.add_parser(mod.NAME, help=mod.HELP, description=getattr(mod, "DESCRIPTION", mod.HELP))
        mod.register(p)
        commands[mod.NAME] = mod
    return parser, commands


# Commands that run until their user stops them: what they compile may come from what she typed.
SESSIONS = ("tui", "serve")


def main(argv: list[str] | None = None) -> int:
    from tracker.cli.startup import quick_start

    named = _named_command(sys.argv[1:] if argv is None else list(argv))
    with quick_start() as start:  # what earlier runs compiled (patterns, dataclasses' methods)
        code = _main(argv, named)
        start.keep = code == 0 and named is not None and named not in SESSIONS  # ... kept for the next
        return code


def _main(argv: list[str] | None, named: str | None) -> int:
    parser, commands = build_parser(named)
    args = parser.parse_args(argv)
    name = args.command or ("tui" if "tui" in commands else None)
    if name is None:
        parser.print_help()
        return 0
    if args.command is None:
        # `tracker` alone (or with global options only): the TUI with its defaults and those options.
        if hasattr(commands[name], "default_args"):
            args = argparse.Namespace(**{**vars(commands[name].default_args()), "db": args.db})
    try:
        return int(commands[name].run(args) or 0)
    except TrackerError as err:
        from tracker.views.literal import plain

        print(f"tracker: {plain(err)}", file=sys.stderr)  # a file name or a document's words, shown literally
        return err.exit_code
    except KeyboardInterrupt:
        print("tracker: đã dừng", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `tracker tasks | head`: the reader went away; not an error.
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except Exception as exc:  # a bug: one line unless asked for the traceback
        if os.environ.get("TRACKER_DEBUG"):
            raise
        from tracker.views.literal import plain

        print(f"tracker: lỗi nội bộ của chương trình: {type(exc).__name__}: {plain(exc)} (đặt TRACKER_DEBUG=1 để xem chi tiết)",
              file=sys.stderr)
        return 1
