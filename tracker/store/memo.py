"""What a store object keeps between queries: replays and task texts per directive file, bounded.

Keyed by the file's name and checksum, so nothing kept is ever stale: a
changed directive gets a new file name.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

REPLAY_MEMO = 2048
TEXT_MEMO = 4096


class Memo:
    """A bounded map (least recently used out) shared by the threads that share a store object."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.data: OrderedDict[Any, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self.lock:
            value = self.data.get(key)
            if value is not None:
                self.data.move_to_end(key)
            return value

    def put(self, key: Any, value: Any) -> None:
        with self.lock:
            self.data[key] = value
            self.data.move_to_end(key)
            while len(self.data) > self.limit:
                self.data.popitem(last=False)


def memo(store: Any, name: str, limit: int) -> Memo:
    """The store object's memo called `name` (made on first use: the store's core knows nothing of it)."""
    memo = store.__dict__.get(name)
    if memo is None:
        memo = store.__dict__.setdefault(name, Memo(limit))
    return memo


def remember_texts(store: Any, ref: Any, data: dict[str, Any]) -> dict[int, str]:
    """Keep the task texts of a directive file just parsed (keyed like the file, so never stale)."""
    texts = {int(k): t.get("text", "") for k, t in (data.get("tasks") or {}).items()}
    if ref is not None:
        memo(store, "_text_memo", TEXT_MEMO).put((ref.name, ref.crc), texts)
    return texts
