"""argparse in Vietnamese: the help's headings and argparse's own error messages, as a clerk reads them.

argparse writes its words in English ("usage:", "options:", "invalid choice").
`VietnameseParser` names the sections itself, adds a Vietnamese -h, and turns
argparse's error messages into one Vietnamese line (`tracker: …`, exit 2) by
their known shapes; one it does not know is still printed, never hidden.
"""
from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

# argparse's messages (Python 3.11–3.13) → Vietnamese, by pattern.
_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^the following arguments are required: (?P<a>.+)$"), "thiếu {a}"),
    (re.compile(r"^unrecognized arguments: (?P<a>.+)$"), "không hiểu {a}"),
    (re.compile(r"^argument (?P<arg>[^:]+): invalid choice: (?P<v>.+?) \(choose from (?P<c>.+)\)$"),
     "{arg}: không có lựa chọn {v} (chọn một trong {c})"),
    (re.compile(r"^argument (?P<arg>[^:]+): invalid (?P<t>\w+) value: (?P<v>.+)$"), "{arg}: {v} không phải {t}"),
    (re.compile(r"^argument (?P<arg>[^:]+): expected one argument$"), "{arg}: cần một giá trị"),
    (re.compile(r"^argument (?P<arg>[^:]+): expected at least one argument$"), "{arg}: cần ít nhất một giá trị"),
    (re.compile(r"^argument (?P<arg>[^:]+): expected (?P<n>\d+) arguments?$"), "{arg}: cần {n} giá trị"),
    (re.compile(r"^argument (?P<arg>[^:]+): not allowed with argument (?P<b>.+)$"), "{arg}: không dùng cùng {b}"),
    (re.compile(r"^argument (?P<arg>[^:]+): ignored explicit argument (?P<v>.+)$"), "{arg}: không nhận giá trị {v}"),
    (re.compile(r"^ambiguous option: (?P<o>\S+) could match (?P<m>.+)$"), "{o} có thể là {m}: viết đầy đủ hơn"),
]
_TYPES = {"int": "một số nguyên", "float": "một số"}


def vietnamese(message: str) -> str:
    """argparse's `message` in Vietnamese (unchanged when its shape is unknown)."""
    for pattern, text in _MESSAGES:
        m = pattern.match(message)
        if m:
            parts = {k: _TYPES.get(v, v) if k == "t" else v for k, v in m.groupdict().items()}
            return text.format(**parts)
    return message


class VietnameseFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="Cách dùng: " if prefix is None else prefix)


class VietnameseParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Vietnamese (its subcommands' parsers too)."""

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("formatter_class", VietnameseFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "đối số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="in hướng dẫn này rồi thoát")

    def error(self, message: str) -> NoReturn:
        # One line, like every other error of the program; the usage is one `--help` away.
        self.exit(2, f"{self.prog.split()[0]}: {vietnamese(message)} (xem `{self.prog} --help`)\n")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            from tracker.views.literal import plain

            sys.stderr.write(plain(message))  # it may quote what was typed: shown literally
        raise SystemExit(status)
