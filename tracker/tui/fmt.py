"""How the screens write things: Vietnamese labels, dd/mm/yyyy dates, short texts.

No Textual here: the labels are shared by screens, tests and the benchmark.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from tracker.model import Deadline
from tracker.track import CATEGORY_LABELS, format_date, format_document_day
from tracker.track import label as status_label

LEVELS: dict[str, str] = {"central": "trung ương", "province": "tỉnh", "district": "huyện", "commune": "xã"}
ROLES: dict[str, str] = {"lead": "chủ trì", "support": "phối hợp"}

# Rich styles per official category: the same colours on every screen.
CATEGORY_STYLES: dict[str, str] = {
    "on_time": "green",
    "late": "dark_orange",
    "not_due": "",
    "overdue": "bold red",
    "cancelled": "dim",
}

__all__ = [
    "CATEGORY_LABELS", "CATEGORY_STYLES", "LEVELS", "ROLES", "day", "doc_day", "level", "role",
    "status_label", "short", "days_late", "deadline_text", "pct",
]


def day(d: date | None) -> str:
    """dd/mm/yyyy, or '' for none."""
    return format_date(d)


def doc_day(text: str | None) -> str:
    """A directive's stored date (ISO, or yyyy-mm when the copy left the day blank) as dd/mm/yyyy or mm/yyyy."""
    return format_document_day(text)


def level(key: str | None) -> str:
    return LEVELS.get(key or "", key or "")


def role(key: str) -> str:
    return ROLES.get(key, key)


def short(text: str | None, width: int) -> str:
    """One line of at most `width` characters, cut with an ellipsis."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: max(0, width - 1)] + "…"


def days_late(n: int, category: str) -> str:
    if not n:
        return ""
    return f"{n} ngày" if category == "overdue" else f"trễ {n} ngày"


def pct(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}%"


def deadline_text(deadline: Deadline | dict[str, Any] | None) -> str:
    """A deadline as the clerk reads it ("hạn 30/09/2022", "định kỳ (ngày 20)", "trong vòng 5 ngày làm việc")."""
    from tracker.views.draft_text import deadline_label

    if deadline is None:
        return ""
    if isinstance(deadline, dict):
        deadline = Deadline.from_json(deadline)
    return deadline_label(deadline)


# Table cells: the official categories in fewer letters ("xong" for "hoàn thành").
SHORT_CATEGORY: dict[str, str] = {
    "on_time": "xong đúng hạn",
    "late": "xong quá hạn",
    "not_due": "chưa đến hạn",
    "overdue": "quá hạn",
    "cancelled": "không thực hiện",
}


def judgement(category: str, n: int) -> str:
    """The official category with the days late, in one cell ("quá hạn 42 ngày", "xong quá hạn 3 ngày")."""
    text = short_category(category)
    return f"{text} {n} ngày" if n and category in ("overdue", "late") else text


def category(key: str) -> str:
    return CATEGORY_LABELS.get(key, key)


def short_category(key: str) -> str:
    return SHORT_CATEGORY.get(key, key)
