"""One browser session of `tracker serve`: `python -m tracker.serve_app [--as-of YYYY-MM-DD]`.

textual-serve starts this for every page opened, with TEXTUAL_DRIVER set to its web driver and
no terminal (so not `tracker tui`, which asks for one). The store comes in TRACKER_DB, as
`tracker serve` set it.
"""
from __future__ import annotations

import os
import sys
from datetime import date


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    as_of = date.fromisoformat(args[args.index("--as-of") + 1]) if "--as-of" in args else None
    from tracker.tui import run_app

    run_app(os.environ.get("TRACKER_DB") or None, as_of=as_of)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
