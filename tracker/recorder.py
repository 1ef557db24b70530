"""Who records a change: the name given, else $TRACKER_USER, else the login (the CLI and the TUI ask the same)."""
from __future__ import annotations

import getpass
import os


def recorder(name: str | None = None) -> str:
    if name:
        return name
    try:
        return os.environ.get("TRACKER_USER") or getpass.getuser()
    except Exception:  # no login name (a container without /etc/passwd entry): record no name
        return ""
