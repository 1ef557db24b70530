"""One unit per real body: how the stored units are shown when a store holds both structures.

Work loaded from pre-2025 directives names units of the three-level map
("Sở Lao động - Thương binh và Xã hội tỉnh Hưng Yên", "2022:p33/…"); work
from 2026 names the bodies of today ("Sở Nội vụ tỉnh Hưng Yên", "2025:p33/…").
In a store that holds both, each pre-2025 unit is shown as the 2025 body that
took it over (tracker.units.succession), with its old name visible: boards
count a body once, a name that matches both gives the current one, and an
area of today holds the older work of the units it took over. A store that
holds one structure only is shown as it is. A unit dissolved without a
successor is shown as itself.

Pure: unit keys and the store's unit records in, a lookup out; no store, no clock.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

OLD, NEW = "2022:", "2025:"
FORMER = "trước đây"


@dataclass(frozen=True)
class Shown:
    """How one stored unit is shown."""

    key: str  # the body's key: the 2025 id, or the stored key itself
    name: str  # the body's name
    id: str | None
    level: str | None
    former: str | None = None  # the stored unit's own name, when it is shown as its successor

    @property
    def label(self) -> str:
        """The name with the old one visible: "Sở Nội vụ tỉnh Hưng Yên (trước đây: Sở Lao động …)"."""
        return f"{self.name} ({FORMER}: {self.former})" if self.former else self.name


def is_mixed(keys: Iterable[str]) -> bool:
    """True when the keys name units of both structures (pre-2025 and 2025)."""
    old = new = False
    for k in keys:
        old = old or k.startswith(OLD)
        new = new or k.startswith(NEW)
        if old and new:
            return True
    return False


class Bodies:
    """Stored unit key → how it is shown (see the module doc)."""

    def __init__(self, keys: Iterable[str], docs: Mapping[str, Mapping[str, Any]]):
        keys = list(keys)
        self.mixed = is_mixed(keys)
        self._docs = docs
        self._shown: dict[str, Shown] = {}
        self._succession: Any = None

    def __call__(self, key: str) -> Shown:
        got = self._shown.get(key)
        if got is None:
            got = self._shown[key] = self._make(key)
        return got

    def body(self, key: str) -> str:
        return self(key).key

    def _own(self, key: str) -> Shown:
        doc = self._docs.get(key) or {}
        return Shown(key, doc.get("name") or key.lstrip("?"), doc.get("id"), doc.get("level"))

    def _make(self, key: str) -> Shown:
        own = self._own(key)
        if not self.mixed or not key.startswith(OLD):
            return own
        try:
            if self._succession is None:
                from tracker.units.succession import get_succession

                self._succession = get_succession()
            body = self._succession.current(key)
            if body is None:
                return own
            from tracker.units import get_hierarchy

            unit = get_hierarchy("2025").get(body)
        except Exception:  # a key the hierarchy does not know (synthetic data): shown as it is
            return own
        doc = self._docs.get(body) or {}
        return Shown(body, doc.get("name") or unit.name, body, unit.level, own.name)


__all__ = ["FORMER", "Bodies", "Shown", "is_mixed"]
