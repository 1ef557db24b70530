"""The four official categories with ageing of overdue work, on one line."""
from __future__ import annotations

from typing import Any, Mapping

from rich.text import Text
from textual.widgets import Static

from tracker.track.assess import AGEING, CATEGORY_LABELS, OFFICIAL
from tracker.tui.fmt import CATEGORY_STYLES


def counts_text(counts: Mapping[str, int], ageing: Mapping[int, int] | None = None, *, prefix: str = "") -> Text:
    """"Hoàn thành đúng hạn 12 · hoàn thành quá hạn 3 · chưa đến hạn 40 · quá hạn 9 (trên 30 ngày 4, …)"."""
    out = Text(prefix)
    for n, cat in enumerate(OFFICIAL):
        if n:
            out.append(" · ", style="dim")
        label = CATEGORY_LABELS[cat]
        out.append(f"{label[0].upper()}{label[1:]} " if n == 0 else f"{label} ")
        out.append(str(counts.get(cat, 0)), style=CATEGORY_STYLES.get(cat) or "bold")
    if ageing is not None and counts.get("overdue"):
        parts = ", ".join(f"trên {d} ngày: {ageing.get(d, 0)}" for d in AGEING)
        out.append(f" ({parts})", style="red")
    if counts.get("cancelled"):
        out.append(f" · không thực hiện {counts['cancelled']}", style="dim")
    return out


def unit_counts_text(u: Any, *, prefix: str = "") -> Text:
    """The same line from a `UnitCounts` (or their totals)."""
    counts = {"on_time": u.on_time, "late": u.late, "not_due": u.not_due, "overdue": u.overdue, "cancelled": u.cancelled}
    return counts_text(counts, {30: u.over_30, 60: u.over_60, 120: u.over_120}, prefix=prefix)


class CountsBar(Static):
    """A one-line summary in the four official categories."""

    DEFAULT_CSS = "CountsBar { height: auto; padding: 0 1; }"

    def show_counts(self, counts: Mapping[str, int], ageing: Mapping[int, int] | None = None, *, prefix: str = "") -> None:
        self.update(counts_text(counts, ageing, prefix=prefix))

    def show_units(self, u: Any, *, prefix: str = "") -> None:
        self.update(unit_counts_text(u, prefix=prefix))
