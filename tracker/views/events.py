"""An assignment's history entry as a clerk reads it (the CLI's `history` and the TUI's history dialog)."""
from __future__ import annotations

from typing import Any

from tracker.track import format_date, label


def change_text(event: Any) -> str:
    """What an entry changed, in Vietnamese: "chưa thực hiện → hoàn thành", "ngày sự kiện: 05/09/2022"…"""
    if event.kind == "status":
        return f"{label(event.from_status or '')} → {label(event.to_status or '')}"
    if event.kind == "event_date":
        return f"ngày sự kiện: {format_date(event.on) or '(xóa)'}"
    if event.kind == "child_directive":
        return "liên kết văn bản thực hiện"
    return "ghi nhận khác"  # a kind a later version adds: never its internal name
