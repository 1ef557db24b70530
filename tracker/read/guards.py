"""What one document may cost to read: checked while reading, refused in one line when passed.

The limits themselves live in `tracker.limits` (defaults, environment
variables). This module applies them:

- `reading(path)`: the budget of one read (a deadline, characters and
  inflated bytes so far), kept per thread so the TUI's workers each have their own;
- `read_file(path)`: only a regular file, never more than the size limit
  (a named pipe, /dev/zero or a symlink loop is refused at once);
- `check_zip(path, data)`: a .docx whose parts would inflate past the limit;
- `pdf_pages(pdf, path)`: each page laid out under a budget of characters,
  shapes, forms and graphics states, then closed as soon as the reader is done
  with it, so memory stays that of one page;
- bounded decoders for pdfminer's compressed streams (`_install_decoders`):
  pdfminer inflates a stream whole with no limit, and offers no hook, so its
  decoder functions are replaced by versions that stop at the budget.
"""
from __future__ import annotations

import errno
import logging
import os
import stat
import threading
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from tracker import limits
from tracker.errors import InputError

MB = 1_000_000
M2_PER_PT2 = (0.0254 / 72) ** 2
# Pending path segments, graphics states and operands a page may pile up
# before painting: far above any real page, far below what exhausts memory.
SEGMENTS_PER_SHAPE = 10
MAX_STATE_DEPTH = 1000
MAX_OPERANDS = 64
MAX_FORM_DEPTH = 24
MAX_FORMS = 2000  # form XObjects drawn on one page: each is a content stream parsed again


class LimitExceeded(InputError):
    """A document passed one of the limits of `tracker.limits`."""


@dataclass
class Budget:
    """What one read has spent so far."""

    path: Path
    deadline: float
    inflated: int = 0
    chars: int = 0
    ticks: int = field(default=0, repr=False)
    max_chars: float | None = field(default=None, repr=False)  # read once per read: add_chars runs per paragraph

    def fail(self, env: str, found: str) -> LimitExceeded:
        return LimitExceeded(f"{self.path}: {limits.exceeded(env, found)}")

    def tick(self) -> None:
        """Refuse once the read has taken longer than its limit."""
        if time.monotonic() > self.deadline:
            secs = limits.get("TRACKER_MAX_READ_SECONDS")
            raise self.fail("TRACKER_MAX_READ_SECONDS", f"đọc đã quá {limits.number(secs)} giây")

    def add_chars(self, n: int) -> None:
        self.chars += n
        if self.max_chars is None:
            self.max_chars = limits.get("TRACKER_MAX_CHARS")
        if self.chars > self.max_chars:
            raise self.fail("TRACKER_MAX_CHARS", "văn bản quá dài")

    def inflate_room(self) -> int:
        return max(0, int(limits.get("TRACKER_MAX_INFLATED_MB") * MB) - self.inflated)

    def too_inflated(self) -> LimitExceeded:
        limit = limits.get("TRACKER_MAX_INFLATED_MB")
        return self.fail("TRACKER_MAX_INFLATED_MB", f"nội dung nén giải ra hơn {limits.number(limit)} MB")


_local = threading.local()


@contextmanager
def reading(path: Path) -> Iterator[Budget]:
    """The budget of reading `path`, current for this thread until the block ends."""
    outer = getattr(_local, "budget", None)
    budget = Budget(Path(path), time.monotonic() + limits.get("TRACKER_MAX_READ_SECONDS"))
    _local.budget = budget
    try:
        yield budget
    finally:
        _local.budget = outer


def current() -> Budget:
    """The budget of the read in progress on this thread (a fresh one outside any read)."""
    budget = getattr(_local, "budget", None)
    if budget is None:
        budget = Budget(Path("?"), time.monotonic() + limits.get("TRACKER_MAX_READ_SECONDS"))
    return budget


# -- the file --------------------------------------------------------------------------------


def read_file(path: Path) -> bytes:
    """The bytes of a regular file no bigger than the size limit; InputError otherwise.

    Opened without blocking and checked on the open descriptor, so a named
    pipe or a device can neither hang the read nor stream without end.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: không có tệp này; hãy kiểm tra lại đường dẫn") from None
    except IsADirectoryError:
        raise InputError(f"{path}: là thư mục, không phải tệp; hãy chỉ tới một tệp văn bản (.pdf, .docx, .txt, .md)") from None
    except PermissionError:
        raise InputError(f"{path}: không có quyền đọc tệp; hãy xin quyền đọc hoặc chép tệp sang thư mục của mình") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{path}: liên kết tượng trưng (symlink) trỏ vòng quanh chính nó; "
                             "hãy chỉ tới tệp văn bản thật") from None
        raise InputError(f"{path}: không đọc được tệp ({exc.strerror or exc}); hãy kiểm tra tệp và ổ đĩa rồi thử lại") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{path}: là thư mục, không phải tệp; hãy chỉ tới một tệp văn bản (.pdf, .docx, .txt, .md)")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path}: không phải tệp thường ({_kind(st.st_mode)}); hãy chỉ tới một tệp văn bản "
                             ".pdf, .docx, .txt hoặc .md đã lưu trên đĩa")
        limit = int(limits.get("TRACKER_MAX_FILE_MB") * MB)
        if st.st_size > limit:
            raise current().fail("TRACKER_MAX_FILE_MB", f"tệp lớn {st.st_size / MB:.1f} MB")
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # grew while being read
                raise current().fail("TRACKER_MAX_FILE_MB", f"tệp lớn hơn {limits.number(limit / MB)} MB")
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"{path}: không đọc được tệp ({exc.strerror or exc}); hãy kiểm tra tệp và ổ đĩa rồi thử lại") from None
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "một đường ống có tên (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "một thiết bị"
    if stat.S_ISSOCK(mode):
        return "một socket"
    return "không phải tệp dữ liệu"


def check_zip(path: Path, data: bytes) -> None:
    """Refuse a .docx whose parts inflate past the limit (read from the zip's own directory, nothing inflated)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # the reader says what is wrong with it
    # python-docx holds every part in memory, and parses the XML ones into a
    # tree about ten times their size: both are bounded before it starts.
    total = sum(i.file_size for i in parts)
    xml = sum(i.file_size for i in parts if i.filename.lower().endswith((".xml", ".rels")))
    budget = current()
    if total > budget.inflate_room():
        raise budget.fail("TRACKER_MAX_INFLATED_MB", f"các phần của tệp giải nén ra {total / MB:.0f} MB")
    if xml > limits.get("TRACKER_MAX_DOCX_XML_MB") * MB:
        raise budget.fail("TRACKER_MAX_DOCX_XML_MB", f"phần chữ của tệp giải nén ra {xml / MB:.0f} MB")
    budget.inflated += total


# -- PDF pages -------------------------------------------------------------------------------


def pdf_pages(pdf: Any, path: Path) -> Iterator[tuple[int, Any]]:
    """(page number, page) of a pdfplumber PDF, each laid out under the page budgets and closed after use."""
    budget = current()
    max_pages = limits.get("TRACKER_MAX_PAGES")
    pages = pdf.pages
    if len(pages) > max_pages:
        raise budget.fail("TRACKER_MAX_PAGES", f"tệp có {len(pages)} trang")
    max_area = limits.get("TRACKER_MAX_PAGE_M2")
    for pno, page in enumerate(pages, start=1):
        budget.tick()
        area = float(page.width) * float(page.height) * M2_PER_PT2
        if area > max_area:
            raise budget.fail("TRACKER_MAX_PAGE_M2", f"trang {pno} rộng {area:.1f} m²")
        try:
            page._layout = _layout(pdf, page, pno, budget)  # pdfplumber's own cache of Page.layout
            yield pno, page
        finally:
            page.close()  # frees the page's objects; pdfplumber would keep every page otherwise


def _layout(pdf: Any, page: Any, pno: int, budget: Budget) -> Any:
    """What pdfplumber's Page.layout computes, with a device and interpreter that keep to the budget."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class Device(PDFPageAggregatorWithMarkedContent):
        def render_char(self, *args: Any, **kwargs: Any) -> float:
            meter.char()
            return super().render_char(*args, **kwargs)

        def paint_path(self, *args: Any, **kwargs: Any) -> None:
            before = len(self.cur_item._objs)
            super().paint_path(*args, **kwargs)
            meter.shapes(max(1, len(self.cur_item._objs) - before))

        def begin_figure(self, *args: Any, **kwargs: Any) -> None:
            meter.figure(+1)
            super().begin_figure(*args, **kwargs)

        def end_figure(self, *args: Any, **kwargs: Any) -> None:
            meter.figure(-1)
            super().end_figure(*args, **kwargs)

    class Interpreter(PDFPageInterpreter):
        def push(self, obj: Any) -> None:
            if len(self.argstack) >= MAX_OPERANDS:  # operands no operator takes: keep the last ones
                del self.argstack[: MAX_OPERANDS // 2]
            super().push(obj)

        def do_q(self) -> None:
            if len(self.gstack) >= MAX_STATE_DEPTH:
                raise meter.malformed(f"trạng thái đồ họa lồng nhau quá {MAX_STATE_DEPTH} tầng")
            super().do_q()

    meter = _PageMeter(budget, pno)
    for op in ("m", "l", "c", "v", "y", "re", "h"):
        setattr(Interpreter, f"do_{op}", _counting(getattr(PDFPageInterpreter, f"do_{op}"), meter))
    device = Device(pdf.rsrcmgr, pageno=page.page_number, laparams=pdf.laparams)
    Interpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
    return device.get_result()


def _counting(method: Any, meter: "_PageMeter") -> Any:
    """A path operator that first counts its segment (pending segments are kept until painted).

    pdfminer passes an operator as many operands as its method's code object
    declares, so the wrapper keeps the exact arity.
    """
    arity = method.__code__.co_argcount - 1
    if arity == 0:
        def op(self: Any) -> Any:
            meter.segment()
            return method(self)
    elif arity == 2:
        def op(self: Any, a: Any, b: Any) -> Any:  # type: ignore[misc]
            meter.segment()
            return method(self, a, b)
    elif arity == 4:
        def op(self: Any, a: Any, b: Any, c: Any, d: Any) -> Any:  # type: ignore[misc]
            meter.segment()
            return method(self, a, b, c, d)
    elif arity == 6:
        def op(self: Any, a: Any, b: Any, c: Any, d: Any, e: Any, f: Any) -> Any:  # type: ignore[misc]
            meter.segment()
            return method(self, a, b, c, d, e, f)
    else:
        return method
    return op


class _PageMeter:
    """Counts what one page draws; refuses past the page limits."""

    def __init__(self, budget: Budget, pno: int):
        self.budget = budget
        self.pno = pno
        self.max_chars = limits.get("TRACKER_MAX_PAGE_CHARS")
        self.max_shapes = limits.get("TRACKER_MAX_PAGE_SHAPES")
        self.max_doc_chars = limits.get("TRACKER_MAX_CHARS")
        self.n_chars = 0
        self.n_shapes = 0
        self.n_segments = 0
        self.depth = 0
        self.forms = 0
        self.n = 0

    def over(self, env: str, found: str) -> LimitExceeded:
        return self.budget.fail(env, found)

    def malformed(self, what: str) -> LimitExceeded:
        """A structure no real page has (the file was made to exhaust the reader)."""
        return LimitExceeded(f"{self.budget.path}: trang {self.pno} của tệp PDF hỏng cấu trúc ({what}); "
                             "hãy xuất lại PDF từ bản gốc")

    def _tick(self) -> None:
        self.n += 1
        if not self.n & 1023:
            self.budget.tick()

    def char(self) -> None:
        self.n_chars += 1
        self.budget.chars += 1
        if self.n_chars > self.max_chars:
            raise self.over("TRACKER_MAX_PAGE_CHARS", f"trang {self.pno} có quá nhiều ký tự")
        if self.budget.chars > self.max_doc_chars:
            raise self.over("TRACKER_MAX_CHARS", "văn bản quá dài")
        self._tick()

    def shapes(self, n: int) -> None:
        self.n_shapes += n
        if self.n_shapes > self.max_shapes:
            raise self.over("TRACKER_MAX_PAGE_SHAPES", f"trang {self.pno} vẽ quá nhiều hình")
        self._tick()

    def segment(self) -> None:
        self.n_segments += 1
        if self.n_segments > self.max_shapes * SEGMENTS_PER_SHAPE:
            raise self.over("TRACKER_MAX_PAGE_SHAPES", f"trang {self.pno} vẽ quá nhiều hình")
        self._tick()

    def figure(self, step: int) -> None:
        self.depth += step
        if step > 0:
            self.forms += 1
            if self.depth > MAX_FORM_DEPTH:
                raise self.malformed(f"hình (form) lồng nhau quá {MAX_FORM_DEPTH} tầng")
            if self.forms > MAX_FORMS:
                raise self.malformed(f"vẽ hơn {MAX_FORMS} hình lồng (form)")
            self.shapes(1)


# -- bounded decoders for pdfminer ------------------------------------------------------------


_CHUNK = 4 << 20


class _BoundedZlib:
    """Stands in for the `zlib` module inside pdfminer.pdftypes: inflates only up to the budget."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)
    MAX_WBITS = zlib.MAX_WBITS

    @staticmethod
    def decompress(data: bytes, *args: Any) -> bytes:
        """zlib.decompress, inflating a few MB at a time and stopping once past the budget."""
        budget = current()
        room = budget.inflate_room()
        d = zlib.decompressobj()
        out: list[bytes] = []
        size, pending = 0, data
        while True:
            chunk = d.decompress(pending, _CHUNK)
            size += len(chunk)
            if size > room:
                raise budget.too_inflated()
            out.append(chunk)
            pending = d.unconsumed_tail
            if not pending and len(chunk) < _CHUNK:
                break
        if not d.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        budget.inflated += size
        return out[0] if len(out) == 1 else b"".join(out)


def _inflate_corrupted(data: bytes) -> bytes:
    """pdfminer's decompress_corrupted (a stream damaged in its last bytes), linear and bounded."""
    budget = current()
    room = budget.inflate_room()
    d = zlib.decompressobj()
    head, tail = data[:-3], data[-3:]
    out = [d.decompress(head, room + 1)]  # an error before the last 3 bytes propagates, as in pdfminer
    size = len(out[0])
    if size > room:
        raise budget.too_inflated()
    for k in range(len(tail)):
        try:
            chunk = d.decompress(tail[k : k + 1], room + 1 - size)
        except zlib.error:
            break  # the damaged checksum: keep what was inflated
        out.append(chunk)
        size += len(chunk)
        if size > room:
            raise budget.too_inflated()
    budget.inflated += size
    return b"".join(out)


def _lzw(data: bytes) -> bytes:
    import io

    from pdfminer.lzw import LZWDecoder

    budget = current()
    room = budget.inflate_room()
    out, size = [], 0
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        size += len(chunk)
        if size > room:
            raise budget.too_inflated()
        out.append(chunk)
    budget.inflated += size
    return b"".join(out)


def _run_length(data: bytes) -> bytes:
    """RunLengthDecode (PDF reference 3.3.4), bounded."""
    budget = current()
    room = budget.inflate_room()
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        length = data[i]
        i += 1
        if length == 128:
            break
        if length < 128:
            out += data[i : i + length + 1]
            i += length + 1
        elif i < n:
            out += data[i : i + 1] * (257 - length)
            i += 1
        if len(out) > room:
            raise budget.too_inflated()
    budget.inflated += len(out)
    return bytes(out)


_installed = False
_install_lock = threading.Lock()


def install_pdf_guards() -> None:
    """Bound pdfminer's decoders and keep its warnings off the terminal (once per process)."""
    global _installed
    with _install_lock:
        if _installed:
            return
        import pdfminer.pdftypes as types

        types.zlib = _BoundedZlib  # type: ignore[assignment]
        types.decompress_corrupted = _inflate_corrupted
        types.lzwdecode = _lzw
        types.rldecode = _run_length
        for name in ("pdfminer", "pdfplumber"):
            logging.getLogger(name).addHandler(logging.NullHandler())  # no library warning reaches stderr
        _installed = True

