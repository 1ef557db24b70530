"""Errors a user can act on: the CLI prints their message on one line, no traceback."""
from __future__ import annotations


class TrackerError(Exception):
    """A problem the user can fix; `str(err)` is the one line they see."""

    exit_code = 2


class InputError(TrackerError):
    """A file that cannot be read as a directive (missing, wrong type, scanned ...)."""


class RulesError(TrackerError):
    """A rules file in task_rules/ that does not validate; names the file and line."""


class StoreError(TrackerError):
    """The data file cannot be read or written; says what to do about it."""
