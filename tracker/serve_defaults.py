"""`tracker serve`'s defaults, apart from the server so the CLI can show them without importing asyncio."""
from __future__ import annotations

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 20  # browser tabs at once, each its own app process
