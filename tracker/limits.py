"""Every limit and tunable of the program, in one place: a default, and an environment variable to change it.

A directive is a few pages; a file that is not (a zip bomb, a page five metres
square, a form that draws itself) is refused with one line naming the limit it
passed and the variable that raises it, instead of eating the machine. The
README's table "Limits" lists the same rows; `tracker/read/guards.py` applies
the reading limits, the store applies the lock timeout.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from tracker.errors import TrackerError


@dataclass(frozen=True)
class Setting:
    env: str  # the environment variable that overrides the default
    default: float
    unit: str  # what the number counts, for messages ("MB", "trang", "giây" ...)
    what: str  # one line in Vietnamese: what is limited


SETTINGS: dict[str, Setting] = {
    s.env: s
    for s in (
        Setting("TRACKER_MAX_FILE_MB", 50, "MB", "dung lượng một tệp văn bản"),
        Setting("TRACKER_MAX_INFLATED_MB", 100, "MB", "dung lượng giải nén của một tệp (nội dung nén trong PDF, các phần của .docx)"),
        Setting("TRACKER_MAX_DOCX_XML_MB", 20, "MB", "dung lượng phần chữ (XML) của tệp .docx sau giải nén"),
        Setting("TRACKER_MAX_PAGES", 200, "trang", "số trang của một tệp PDF"),
        Setting("TRACKER_MAX_PAGE_M2", 2, "m²", "diện tích một trang PDF (A0 là 1 m²)"),
        Setting("TRACKER_MAX_PAGE_CHARS", 50_000, "ký tự", "số ký tự trên một trang PDF"),
        Setting("TRACKER_MAX_PAGE_SHAPES", 20_000, "hình", "số nét vẽ, khung và hình lồng (form) trên một trang PDF"),
        Setting("TRACKER_MAX_CHARS", 1_000_000, "ký tự", "số ký tự của cả văn bản (khoảng 300 trang chữ)"),
        Setting("TRACKER_MAX_PARAGRAPHS", 100_000, "đoạn", "số đoạn và dòng bảng của một tệp .docx"),
        Setting("TRACKER_MAX_READ_SECONDS", 120, "giây", "thời gian đọc và phân tích một tệp"),
        Setting("TRACKER_LOCK_TIMEOUT", 60, "giây", "thời gian chờ một tracker khác lưu xong vào kho dữ liệu"),
    )
}


def get(env: str) -> float:
    """The value in force: the environment variable when set to a number (0 or more), else the default."""
    s = SETTINGS[env]
    raw = os.environ.get(env)
    if raw is None or not raw.strip():
        return s.default
    try:
        value = float(raw.strip().replace(",", "."))
    except ValueError:
        value = -1.0
    if value < 0 or value != value or value == float("inf"):
        raise TrackerError(f"{env}={raw!r} không phải một số hợp lệ: đặt một số từ 0 trở lên, "
                           f"hoặc bỏ biến này để dùng mặc định {number(s.default)}")
    return value


def exceeded(env: str, found: str) -> str:
    """The one line for a limit passed: what, how much, and how to raise it."""
    s = SETTINGS[env]
    limit = get(env)
    return (f"{found}, vượt giới hạn {s.what} ({number(limit)} {s.unit}); nếu đúng là văn bản cần đọc, "
            f"đặt biến môi trường {env} lớn hơn (ví dụ {env}={number(max(limit * 4, 1))}) rồi chạy lại")


def number(x: float) -> str:
    """A limit as people write it: 3000000, 2, 0.5 (never 3e+06)."""
    return str(int(x)) if x == int(x) else f"{x:.6f}".rstrip("0").rstrip(".")
