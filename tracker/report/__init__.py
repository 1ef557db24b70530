"""Meeting reports: Word, Excel and Markdown from the store, with a progress chart.

    from tracker.report import gather, write_report
    data = gather(store, directive="2333/UBND-VP", as_of=day)          # plain dataclasses (data.py)
    path = write_report(store, "docx", None, as_of=day, since=last)     # bao-cao-2022-09-30.docx

`gather` reads the store once; each format renders the same `ReportData`
(docx.py, xlsx.py, md.py; chart.py draws the picture the Word report holds).
Renderers return bytes; `output.py` picks the file name and writes it
atomically, never over an existing file unless asked.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tracker.report.data import (
    DirectiveInfo,
    IndicatorGroupLine,
    IndicatorLine,
    ReportData,
    gather,
)

FORMATS = ("docx", "xlsx", "md")


def render(data: ReportData, fmt: str) -> bytes:
    """The report in one format, as the bytes of its file."""
    if fmt == "docx":
        from tracker.report.docx import render_docx

        return render_docx(data)
    if fmt == "xlsx":
        from tracker.report.xlsx import render_xlsx

        return render_xlsx(data)
    if fmt == "md":
        from tracker.report.md import render_md

        return render_md(data).encode("utf-8")
    from tracker.errors import InputError

    raise InputError(f"không có định dạng báo cáo '{fmt}': dùng {', '.join(FORMATS)}")


def write_report(
    store: Any,
    fmt: str,
    path: str | Path | None,
    *,
    directive: str | None = None,
    unit: str | None = None,
    as_of: date,
    since: date | None = None,
    force: bool = False,
) -> Path:
    """Gather, render and write a report; returns the path written.

    `path` None: `bao-cao-<as_of>.<fmt>` in the current folder; an existing
    folder: that name inside it. An existing file is replaced only with
    `force`; the folder must exist. Raises TrackerError (one line) otherwise.
    """
    from tracker.report.output import check_target, target_path, write_file

    if fmt not in FORMATS:
        render(None, fmt)  # type: ignore[arg-type]  # raises the one-line error
    target = target_path(path, fmt, as_of)
    check_target(target, force=force)  # before the work: a refusal should be instant
    data = gather(store, directive=directive, unit=unit, as_of=as_of, since=since)
    return write_file(target, render(data, fmt), force=force)


__all__ = [
    "FORMATS", "DirectiveInfo", "IndicatorGroupLine", "IndicatorLine", "ReportData", "gather", "render",
    "write_report",
]
