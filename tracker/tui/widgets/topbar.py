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
        # The navigation keys always show: on a narrow screen the left side says less, not the keys.
        right = Text()
        for key, label in NAV:
            right.append(f" {key}", style="bold")
            right.append(f" {label}")
        room = self.size.width - right.cell_len - 1
        for left in self._lefts():
            if left.cell_len <= room or room <= 0:
                break
        else:
            left.truncate(max(0, room), overflow="ellipsis")
        if room <= 0:
            return left
        left.append(" " * (room - left.cell_len + 1))
        left.append(right)
        return left

    def _lefts(self) -> list[Text]:
        """The left side, from the fullest to the shortest."""
        out = []
        for app_name, words, store in ((True, True, True), (False, True, True), (False, False, True),
                                       (False, False, False)):
            t = Text(no_wrap=True, overflow="ellipsis")
            if app_name:
                t.append("Theo dõi nhiệm vụ", style="bold")
                t.append(" › ")
            t.append(self.where, style="bold")
            t.append("  tính đến " if words else "  ")
            t.append(self.as_of, style="bold yellow")
            if store:
                t.append(f"  dữ liệu: {self.store_name}" if words else f" · {self.store_name}", style="dim")
            out.append(t)
        return out
