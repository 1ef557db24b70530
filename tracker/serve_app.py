"""One browser session of `tracker serve`: `python -m tracker.serve_app [--as-of YYYY-MM-DD]`.

textual-serve starts this for every page opened, with TEXTUAL_DRIVER set to its web driver and
no terminal (so not `tracker tui`, which asks for one). The store comes in TRACKER_DB, as
`tracker serve` set it. A store that cannot be opened (a server down, a login refused) is said on
the page itself, in the one line the CLI would print, and in the server's log.
"""
from __future__ import annotations

import os
import sys
from datetime import date

# textual-serve's pipe: a line announcing a Textual app, then packets of a kind byte, a 4-byte length and
# the payload: b"D" terminal bytes for the page, b"M" JSON for textual-serve ({"type": "exit"} ends the session).
_PRELUDE = b"__GANGLION__\n"


def _packet(kind: bytes, data: bytes) -> bytes:
    return kind + len(data).to_bytes(4, "big") + data


def said_and_closed(text: str) -> bytes:
    """What the page's terminal shows `text` with, followed by the end of the session (the page says so)."""
    return _PRELUDE + _packet(b"D", text.replace("\n", "\r\n").encode("utf-8")) + _packet(b"M", b'{"type": "exit"}')


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    as_of = date.fromisoformat(args[args.index("--as-of") + 1]) if "--as-of" in args else None
    from tracker.errors import TrackerError
    from tracker.tui import TrackerApp

    try:
        app = TrackerApp(os.environ.get("TRACKER_DB") or None, as_of=as_of)
    except TrackerError as err:
        from tracker.views.literal import plain

        line = f"tracker: {plain(err)}"
        sys.stdout.buffer.write(said_and_closed(f"\n  {line}\n"))
        sys.stdout.buffer.flush()
        print(line, file=sys.stderr)
        return err.exit_code
    app.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
