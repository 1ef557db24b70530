"""Hostile inputs: what `tracker parse` does with files made to exhaust memory or time.

    .venv/bin/python bench/hostile.py [--only NAME ...] [--timeout S] [--keep DIR]

Generates each input itself (nothing downloaded, nothing copied from real
documents except the pages of our own sample PDF, repeated), runs
`tracker parse FILE` on it in a fresh process and prints its exit code, the
first line of stderr, wall time and peak memory (the child's own maximum
resident set, from os.wait4). Aims (issue 14): an ordinary PDF at most 2x the
time of bare pdfplumber closing each page, and under 300 MB at 100 pages;
every other input read or refused in under 60 s and 300 MB; never a
traceback or "internal error".
"""
from __future__ import annotations

import argparse
import io
import os
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PDF = ROOT / "directives" / "hung-yen-2283-2022.pdf"
SAMPLE_DOCX = ROOT / "directives" / "hung-yen-2283-2022.docx"


# -- a minimal PDF writer (enough for hand-made hostile files) -----------------------------


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF whose object n (1-based) is objects[n-1]; object 1 must be the catalog."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def stream(data: bytes, extra: bytes = b"", *, compress: bool = False) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def one_page_pdf(content: bytes, *, width: float = 595, height: float = 842, resources: bytes = b"",
                 extra_objects: list[bytes] = (), compress: bool = True) -> bytes:
    font = b"/Font << /F1 4 0 R >>"
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Resources << %s %s >> /Contents 5 0 R >>"
        % (width, height, font, resources),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        stream(content, compress=compress),
        *extra_objects,
    ])


# -- the inputs ------------------------------------------------------------------------------


def repeated_pages(path: Path, pages: int) -> None:
    """An ordinary directive of `pages` pages: our sample's pages over and over."""
    import pypdf

    reader = pypdf.PdfReader(str(SAMPLE_PDF))
    writer = pypdf.PdfWriter()
    for k in range(pages):
        writer.add_page(reader.pages[k % len(reader.pages)])
    with path.open("wb") as f:
        writer.write(f)


def huge_page(path: Path) -> None:
    """One page 5 m square, full of text (about 3 million characters)."""
    side = 5000 / 25.4 * 72
    line = b"(" + b"Uy ban nhan dan huyen giao cac phong ban thuc hien nhiem vu. " * 45 + b") Tj\n"
    rows = []
    y = side - 20
    while y > 10:
        rows.append(b"1 0 0 1 10 %.1f Tm " % y + line)
        y -= 12
    content = b"BT /F1 10 Tf\n" + b"".join(rows) + b"ET\n"
    path.write_bytes(one_page_pdf(content, width=side, height=side))


def pdf_stream_bomb(path: Path, mb: int = 1024) -> None:
    """A 1 MB PDF whose page content inflates to 1 GB (spaces: a valid, empty content stream)."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    parts = [comp.compress(b"BT /F1 12 Tf 72 720 Td (Kinh gui cac xa) Tj ET\n")]
    for _ in range(mb):
        parts.append(comp.compress(chunk))
    parts.append(comp.flush())
    data = b"".join(parts)
    body = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    path.write_bytes(pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        body,
    ]))


def form_loop(path: Path, *, fan: int = 2, depth: int = 40, loop: bool = True) -> None:
    """Forms that draw each other: Fx0 draws Fx1 `fan` times, ... and the last draws Fx0 (a loop, and 2^40 paths).

    `loop=False`: the last form draws nothing (no cycle, only the fan-out).
    """
    first = 6
    objs = []
    for k in range(depth):
        nxt = first + (k + 1) % depth
        calls = fan if loop or k < depth - 1 else 0
        content = b"BT /F1 9 Tf 10 10 Td (x) Tj ET " + b"/Fx Do " * calls
        res = b"<< /XObject << /Fx %d 0 R >> /Font << /F1 4 0 R >> >>" % nxt
        objs.append(stream(content, b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources " + res))
    path.write_bytes(one_page_pdf(b"/Fx Do", resources=b"/XObject << /Fx %d 0 R >>" % first, extra_objects=objs))


def many_lines(path: Path, n: int = 60000) -> None:
    """One A4 page with `n` ruled line segments (what a table finder meets in a hostile grid)."""
    segs = []
    for k in range(n):
        x = 20 + (k * 7) % 550
        y = 20 + (k * 13) % 800
        segs.append(b"%d %d m %d %d l S\n" % (x, y, x + 30, y + (k % 3) * 10))
    content = b"0.5 w\n" + b"".join(segs) + b"BT /F1 12 Tf 72 720 Td (Kinh gui cac xa) Tj ET\n"
    path.write_bytes(one_page_pdf(content))


def encrypted_pdf(path: Path, algorithm: str) -> None:
    import pypdf

    reader = pypdf.PdfReader(str(SAMPLE_PDF))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="mat-khau", owner_password="chu-so-huu", algorithm=algorithm)
    with path.open("wb") as f:
        writer.write(f)


DOCX_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_with_body(path: Path, body_chunks, *, numbering: bytes | None = None) -> None:
    """Our DOCX sample with its document.xml replaced by `body_chunks` (streamed: it may be huge)."""
    with zipfile.ZipFile(SAMPLE_DOCX) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename == "word/document.xml":
                info = zipfile.ZipInfo(item.filename)
                info.compress_type = zipfile.ZIP_DEFLATED
                with dst.open(info, "w", force_zip64=True) as f:
                    f.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {DOCX_NS}><w:body>'.encode())
                    for chunk in body_chunks:
                        f.write(chunk)
                    f.write(b"</w:body></w:document>")
            elif item.filename == "word/numbering.xml" and numbering is not None:
                dst.writestr(item.filename, numbering)
            else:
                dst.writestr(item, src.read(item))


def docx_bomb(path: Path, mb: int = 1024) -> None:
    """A .docx of about 1 MB whose document.xml inflates to 1 GB."""
    def chunks():
        yield b"<w:p><w:r><w:t>"
        block = b"A" * (1 << 20)
        for _ in range(mb):
            yield block
        yield b"</w:t></w:r></w:p>"

    docx_with_body(path, chunks())


def docx_paragraphs(path: Path, n: int = 200_000) -> None:
    """200,000 numbered paragraphs in list styles (the style and numbering look-ups per paragraph)."""
    def chunks():
        for k in range(n):
            yield (f'<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="{k % 3}"/><w:numId w:val="1"/>'
                   f"</w:numPr></w:pPr><w:r><w:t>Phòng Tư pháp thực hiện việc số {k}.</w:t></w:r></w:p>").encode()

    docx_with_body(path, chunks())


def docx_bad_ilvl(path: Path) -> None:
    numbering = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {DOCX_NS}>'
                 '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="abc"><w:numFmt w:val="decimal"/>'
                 '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/>'
                 "</w:num></w:numbering>").encode()

    def chunks():
        yield ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
               "<w:r><w:t>Phòng Tư pháp chủ trì thực hiện.</w:t></w:r></w:p>").encode()

    docx_with_body(path, chunks(), numbering=numbering)


def text_file(content: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_text(content, encoding="utf-8")

    return make


def big_text(path: Path, chars: int = 60_000_000) -> None:
    """Line after line of tasks (each with a lead, a support and a deadline): `chars` characters."""
    line = "Phòng Tư pháp chủ trì, phối hợp các đơn vị thực hiện việc số hóa hồ sơ trước ngày 30/9/2022.\n"
    with path.open("w", encoding="utf-8") as f:
        for _ in range(chars // len(line)):
            f.write(line)


def symlink_to(target: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.symlink_to(target)

    return make


def symlink_loop(path: Path) -> None:
    other = path.with_name("loop-b.pdf")
    path.symlink_to(other)
    other.symlink_to(path)


def fifo(path: Path) -> None:
    os.mkfifo(path)


@dataclass
class Case:
    name: str
    file: str
    make: Callable[[Path], None]
    env: dict[str, str] | None = None  # limits raised, to see what the reading itself costs


CASES = [
    Case("pdf-100-pages", "p100.pdf", lambda p: repeated_pages(p, 100)),
    Case("pdf-300-pages", "p300.pdf", lambda p: repeated_pages(p, 300)),
    Case("pdf-1000-pages", "p1000.pdf", lambda p: repeated_pages(p, 1000)),
    Case("pdf-huge-page", "huge-page.pdf", huge_page),
    Case("pdf-stream-bomb", "stream-bomb.pdf", pdf_stream_bomb),
    Case("pdf-form-loop", "form-loop.pdf", form_loop),
    Case("pdf-form-fanout", "form-fanout.pdf", lambda p: form_loop(p, depth=20, loop=False)),
    Case("pdf-60k-lines", "lines.pdf", many_lines),
    Case("pdf-password-rc4", "locked-rc4.pdf", lambda p: encrypted_pdf(p, "RC4-128")),
    Case("pdf-password-aes256", "locked-aes.pdf", lambda p: encrypted_pdf(p, "AES-256")),
    Case("docx-zip-bomb", "bomb.docx", docx_bomb),
    Case("docx-200k-paragraphs", "paragraphs.docx", docx_paragraphs),
    Case("docx-200k-raised", "paragraphs.docx", docx_paragraphs,
         {"TRACKER_MAX_DOCX_XML_MB": "100", "TRACKER_MAX_PARAGRAPHS": "1000000", "TRACKER_MAX_CHARS": "100000000"}),
    Case("docx-ilvl-abc", "ilvl.docx", docx_bad_ilvl),
    Case("dev-zero-link", "zero.pdf", symlink_to("/dev/zero")),
    Case("dev-zero-link-txt", "zero.txt", symlink_to("/dev/zero")),
    Case("named-pipe", "pipe.txt", fifo),
    Case("symlink-loop", "loop-a.pdf", symlink_loop),
    Case("txt-80-MB", "big.txt", big_text),
    Case("txt-990k-chars-of-tasks", "near-limit.txt", lambda p: big_text(p, chars=990_000)),
    Case("txt-1.1M-chars", "over-limit.txt", lambda p: big_text(p, chars=1_100_000)),
    Case("txt-<b>x43000", "bold.txt", text_file("<b>" * 43000)),
    Case("md-<b>x43000", "bold.md", text_file("<b>" * 43000)),
    Case("md-link-bomb", "links.md", text_file("[a](http://" * 40000)),
    Case("md-autolink-bomb", "autolinks.md", text_file("<http://a" * 40000)),
    Case("md-tag-bomb", "tags.md", text_file("<a" * 60000)),
    Case("md-sup-bomb", "sup.md", text_file("<sup>" * 30000)),
    Case("txt-90k-table-bars", "bars.txt",
         text_file("Kính gửi: UBND các xã\n" + "Phòng Tư pháp\n|\n1\n|\nViệc\n|\n" * 30000)),
    Case("txt-1MB-one-line", "one-line.txt",
         text_file("Kính gửi: UBND các xã. " + "Phòng Tư pháp chủ trì thực hiện, hoàn thành trước ngày 30/9/2022; " * 15000)),
    Case("txt-escapes", "escapes.txt",
         text_file("Kính gửi: UBND các xã\n1. Phòng Tư pháp [/x] chủ trì \x1b[2J\x1b]0;pwned\x07 [link=file:///etc/passwd]bấm[/link] thực hiện.\n")),
]


# -- running ---------------------------------------------------------------------------------


@dataclass
class Result:
    code: int | str
    first: str
    seconds: float
    peak_mb: float


def run(argv: list[str], timeout: float, env: dict[str, str] | None = None) -> Result:
    """Run `argv`; its exit code, first stderr line, wall time and peak RSS (its own, via wait4)."""
    err = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL, cwd=ROOT,
                            start_new_session=True, env={**os.environ, **(env or {})})
    code: int | str
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            code = os.waitstatus_to_exitcode(status)
            break
        if time.perf_counter() - t0 > timeout:
            os.killpg(proc.pid, signal.SIGKILL)
            pid, status, usage = os.wait4(proc.pid, 0)
            code = f"killed after {timeout:.0f} s"
            break
        time.sleep(0.02)
    proc.returncode = 0  # reaped above
    seconds = time.perf_counter() - t0
    err.seek(0)
    lines = [ln for ln in err.read().decode("utf-8", "replace").splitlines() if ln.strip()]
    traceback = any("Traceback" in ln for ln in lines)
    first = (lines[0] if lines else "") + ("  [TRACEBACK]" if traceback else "")
    return Result(code, first, seconds, usage.ru_maxrss / 1024)


BARE = r"""
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text(); page.extract_tables()
        page.close()
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", nargs="*", help="names of the cases to run (default: all)")
    ap.add_argument("--timeout", type=float, default=240)
    ap.add_argument("--keep", metavar="DIR", help="generate into DIR and keep the files (reused when present)")
    a = ap.parse_args()
    folder = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    cases = [c for c in CASES if not a.only or c.name in a.only]
    print(f"{'input':24} {'size':>9} {'exit':>5} {'time s':>7} {'peak MB':>8}  first line of stderr")
    for c in cases:
        path = folder / c.file
        if not os.path.lexists(path):
            c.make(path)
        size = path.stat().st_size if path.is_file() else 0
        r = run([sys.executable, "-m", "tracker", "parse", str(path)], a.timeout, c.env)
        first = r.first.replace(str(folder) + "/", "")
        print(f"{c.name:24} {size / 1e6:8.1f}M {r.code!s:>5} {r.seconds:7.1f} {r.peak_mb:8.0f}  {first[:150]}", flush=True)
        if c.name == "pdf-100-pages":
            b = run([sys.executable, "-c", BARE, str(path)], a.timeout)
            print(f"{'  bare pdfplumber':24} {'':>9} {b.code!s:>5} {b.seconds:7.1f} {b.peak_mb:8.0f}  "
                  f"(ratio {r.seconds / b.seconds:.2f})", flush=True)
    if not a.keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
