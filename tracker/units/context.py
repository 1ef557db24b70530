"""What a clerk's setting and the store know that helps resolve a directive's units.

The units package never reads the store or the settings file itself: the
caller (the load command, the parse command, the TUI) builds a context and
passes it down, so the pipeline keeps flowing one way.

- `home_province` / `home_commune`: the clerk's own unit (`tracker config`),
  ids of either structure: a name shared between provinces goes to the home
  one when nothing else tells them apart.
- `cited(numbers)`: the loaded directives with any of these numbers (the
  documents this one cites): their issuers' structure and province settle
  an undated document's structure and a shared name.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class CitedDirective:
    """A loaded directive that a document cites by number."""

    number: str
    issuer_id: str | None
    date: str | None = None


@dataclass
class ResolveContext:
    home_province: str | None = None
    home_commune: str | None = None
    cited: Callable[[list[str]], list[CitedDirective]] | None = None
    _seen: dict[tuple[str, ...], list[CitedDirective]] = field(default_factory=dict, repr=False)

    def cited_directives(self, numbers: list[str]) -> list[CitedDirective]:
        """The loaded directives among `numbers` (those with an issuer), cited order kept."""
        key = tuple(n for n in numbers if n)
        if not key or self.cited is None:
            return []
        if key not in self._seen:
            self._seen[key] = [c for c in self.cited(list(key)) if c.issuer_id]
        return self._seen[key]


__all__ = ["CitedDirective", "ResolveContext"]
