"""Readers: a file on disk → `Document` (lines and tables in reading order).

`read_document()` checks the path, sniffs what the bytes really are (not just
the extension) and hands over to the reader for that format. Every problem a
user can fix becomes one `InputError` line naming the file.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from tracker import rules
from tracker.errors import InputError
from tracker.model import Document

FORMATS = ("pdf", "docx", "txt", "md")


@rules.compiled
def _page_number() -> re.Pattern[str]:
    r = rules.load("outline")
    return r.regex(r.get("markers.page_number", str), "markers.page_number")


def is_page_number(text: str) -> bool:
    """A line that is only a page number (task_rules/outline.toml: markers.page_number)."""
    return bool(_page_number().match(text))


def sniff(data: bytes) -> str:
    """What the bytes are: pdf, zip (docx), ole (old .doc), text or binary."""
    head = data[:8]
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return "text"
    sample = data[:4096]
    if b"\x00" in sample:
        return "binary"
    return "text"


def read_document(path: str | Path) -> Document:
    """Read a directive file; InputError (one line) for anything that is not one or costs too much.

    The limits of `tracker.limits` apply to the whole read (tracker/read/guards.py).
    """
    from tracker.read import guards

    p = Path(path)
    with guards.reading(p):
        return _read(p, guards)


def _read(p: Path, guards) -> Document:  # type: ignore[no-untyped-def]
    data = guards.read_file(p)
    if not data.strip():
        raise InputError(f"{p}: tệp trống, không có nội dung; hãy chọn đúng tệp văn bản hoặc lưu lại từ bản gốc")

    ext = p.suffix.lower().lstrip(".")
    kind = sniff(data)
    expected = {"pdf": "pdf", "docx": "zip", "txt": "text", "md": "text"}.get(ext)
    if expected is None:
        raise InputError(f"{p}: tracker không đọc loại tệp '.{ext}'; hãy dùng tệp .pdf, .docx, .txt hoặc .md")
    if kind != expected:
        what = {"pdf": "tệp PDF", "zip": "tệp nén/Office", "ole": "tệp Word .doc kiểu cũ",
                "text": "chữ thuần", "binary": "dữ liệu nhị phân"}[kind]
        todo = "hãy mở bằng Word và lưu lại thành .docx" if kind == "ole" else "hãy đặt đuôi tệp cho đúng hoặc lưu lại đúng định dạng"
        raise InputError(f"{p}: nội dung là {what}, không khớp với đuôi '.{ext}'; {todo}")

    if ext == "pdf":
        from tracker.read.pdf import read_pdf

        doc = read_pdf(p, data)
    elif ext == "docx":
        from tracker.read.docx import read_docx

        guards.check_zip(p, data)
        doc = read_docx(p, data)
    else:
        from tracker.read.text import read_text

        doc = read_text(p, data, markdown=ext == "md")
    doc.sha256 = hashlib.sha256(data).hexdigest()
    return doc
