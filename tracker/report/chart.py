"""The progress chart of a report: per unit, the share done, in progress and overdue, as a PNG.

Drawn with matplotlib's object API (a Figure and the Agg canvas, no pyplot:
no global state, safe in a TUI worker thread), imported only here and only
when a chart is drawn. Text uses the DejaVu Sans that matplotlib bundles,
by file, so Vietnamese labels render on any machine whatever its fonts or
matplotlib settings.

The picture is sized for the Word page it goes on: 16 cm wide at DPI dots
per inch, one bar per unit; `size_for(n)` says the size in pixels.
"""
from __future__ import annotations

import io
import textwrap
from typing import Sequence

from tracker.store.records import UnitCounts

MAX_UNITS = 20  # more bars than this do not read on a page: the most overdue units are shown
DPI = 200
WIDTH_PX = 1260  # 16 cm (the A4 text width less a little) at DPI
BASE_PX = 260  # title, legend and axis
BAR_PX = 64  # one unit
NAME_WIDTH = 38  # characters a label line holds before it wraps (two lines at most)
COLOURS = {"done": "#2e7d32", "open": "#1565c0", "overdue": "#c62828"}
LABELS = {"done": "Đã hoàn thành", "open": "Đang thực hiện, trong hạn", "overdue": "Quá hạn"}


def chart_units(units: Sequence[UnitCounts], limit: int = MAX_UNITS) -> list[UnitCounts]:
    """The units a chart shows: those with work counted (not all cancelled), in the order given, at most `limit`."""
    return [u for u in units if u.total - u.cancelled > 0][:limit]


def size_for(n: int) -> tuple[int, int]:
    """The chart's size in pixels (width, height) for `n` units (at least one row, for "no data")."""
    return WIDTH_PX, BASE_PX + BAR_PX * max(n, 1)


def render_chart(units: Sequence[UnitCounts], *, title: str = "Tiến độ thực hiện nhiệm vụ theo đơn vị") -> bytes:
    """A horizontal bar per unit, 100 % wide: done, in progress (not yet due), overdue; counts inside."""
    from matplotlib import get_data_path
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    font = FontProperties(fname=f"{get_data_path()}/fonts/ttf/DejaVuSans.ttf", size=8)
    bold = FontProperties(fname=f"{get_data_path()}/fonts/ttf/DejaVuSans-Bold.ttf", size=9.5)
    w, h = size_for(len(units))
    fig = Figure(figsize=(w / DPI, h / DPI), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    fig.suptitle(title, fontproperties=bold)
    if not units:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "Không có nhiệm vụ trong phạm vi báo cáo", ha="center", va="center", fontproperties=font)
        return _png(fig)

    names = [_label(u.unit) for u in units]
    parts = {
        "done": [u.on_time + u.late for u in units],
        "open": [u.not_due for u in units],
        "overdue": [u.overdue for u in units],
    }
    totals = [max(u.total - u.cancelled, 1) for u in units]
    ys = list(range(len(units)))
    left = [0.0] * len(units)
    for key, counts in parts.items():
        widths = [100.0 * c / t for c, t in zip(counts, totals)]
        ax.barh(ys, widths, left=left, height=0.66, color=COLOURS[key], label=LABELS[key])
        for y, x0, wd, c in zip(ys, left, widths, counts):
            if c and wd >= 6:  # a count only where it fits inside its segment
                ax.text(x0 + wd / 2, y, str(c), ha="center", va="center", color="white", fontproperties=font)
        left = [a + b for a, b in zip(left, widths)]
    for y, t in zip(ys, totals):
        ax.text(101, y, str(t), ha="left", va="center", fontproperties=font)

    ax.set_yticks(ys, names)
    for lab in ax.get_yticklabels():
        lab.set_fontproperties(font)
    ax.invert_yaxis()  # the first unit (the most overdue) on top
    ax.set_xlim(0, 108)
    ax.set_xticks(range(0, 101, 20), [f"{p}%" for p in range(0, 101, 20)])
    for lab in ax.get_xticklabels():
        lab.set_fontproperties(font)
    ax.set_xlabel("Tỷ lệ phân công; số cuối thanh: tổng số phân công", fontproperties=font)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.legend(loc="outside lower center", ncols=3, frameon=False, prop=font)
    return _png(fig)


def _label(name: str) -> str:
    """A unit name on at most two lines; longer ones end with '…'."""
    lines = textwrap.wrap(name, NAME_WIDTH)
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), NAME_WIDTH, placeholder="…")]
    return "\n".join(lines)


def _png(fig: object) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI)  # type: ignore[attr-defined]
    return buf.getvalue()
