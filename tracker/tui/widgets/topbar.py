"""The line at the top of every screen: where you are, the day counted from, the data, the navigation keys."""
from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

NAV = (("F2", "Văn bản"), ("F3", "Nạp"), ("F4", "Quá hạn"), ("F5", "Họp"), ("F6", "766"), ("F8", "Ngày tính"))


class TopBar(Widget):
    DEFAULT_CSS = "TopBar { height: 1; background: $panel; color: $text; padding: 0 1; }"

    where = reactive("")
    as_of = reactive("")
    store_name = reactive("")

    def render(self) -> Text:
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append("Theo dõi nhiệm vụ", style="bold")
        t.append(" › ")
        t.append(self.where, style="bold")
        t.append("  tính đến ", style="")
        t.append(self.as_of, style="bold yellow")
        t.append(f"  dữ liệu: {self.store_name}", style="dim")
        right = Text()
        for key, label in NAV:
            right.append(f" {key}", style="bold")
            right.append(f" {label}")
        gap = self.size.width - t.cell_len - right.cell_len
        if gap > 0:
            t.append(" " * gap)
            t.append(right)
        return t
