"""Dates as users type them (dd/mm/yyyy or ISO) and as they see them (dd/mm/yyyy).

Everything inside the store and the track functions is a `datetime.date`
(or its ordinal, in the hot loops); text only at the edges.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

from tracker.errors import InputError

_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$", re.ASCII)
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$", re.ASCII)
YEARS = (1900, 2199)  # what due dates, working days and reports can be computed for
_ISO_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


def parse_date(text: str) -> date:
    """`dd/mm/yyyy` (also `d/m/yyyy`, `dd.mm.yyyy`, `dd-mm-yyyy`) or ISO `yyyy-mm-dd`.

    Raises InputError with one line saying what is expected.
    """
    m = _DMY.match(text or "")
    day = None
    try:
        if m:
            day = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        elif m := _ISO.match(text or ""):
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise InputError(f"'{text}' không phải ngày có thật; kiểm tra lại ngày, tháng") from None
    if day is None:
        raise InputError(f"'{text}' không phải một ngày: hãy viết dd/mm/yyyy (vd. 15/09/2022) hoặc yyyy-mm-dd")
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise InputError(f"'{text}': năm {day.year} nằm ngoài khoảng tracker tính được ({YEARS[0]}–{YEARS[1]}); kiểm tra lại ngày")
    return day


def format_date(day: date | None) -> str:
    """dd/mm/yyyy, or '' for no date."""
    return day.strftime("%d/%m/%Y") if day else ""


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def from_iso(text: str | None) -> date | None:
    """An ISO date from stored data; None for None/''."""
    return date.fromisoformat(text) if text else None


def document_day(text: str | None) -> date | None:
    """A directive's date as stored by the parser: ISO, or "2022-08" when the day was left blank.

    A blank day counts as the month's last day: due dates counted from it are
    then never earlier than the real ones could be (a unit is not called late
    because the copy lacked a day).
    """
    if not text:
        return None
    m = _ISO.match(text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    m = _ISO_MONTH.match(text)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12:
            return date(y, mo, calendar.monthrange(y, mo)[1])
    return None


def format_document_day(text: str | None) -> str:
    """A directive's date for display: dd/mm/yyyy, or mm/yyyy when the day was left blank."""
    if not text:
        return ""
    m = _ISO_MONTH.match(text)
    if m:
        return f"{int(m.group(2)):02d}/{m.group(1)}"
    day = document_day(text)
    return format_date(day) if day else text
