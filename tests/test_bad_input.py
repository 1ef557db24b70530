"""Each kind of bad input: one line on stderr naming the file and the problem,
exit code 2, no traceback (the real CLI, as a subprocess)."""
from __future__ import annotations

import shutil

import pytest

from conftest import DIRECTIVES, run_cli


def assert_one_clear_line(r, path, *words):
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert str(path) in lines[0]
    for w in words:
        assert w.lower() in lines[0].lower(), lines[0]
    assert r.stdout == ""


def test_missing_file(tmp_path):
    p = tmp_path / "khong-co.pdf"
    assert_one_clear_line(run_cli("parse", str(p)), p, "không có tệp")


def test_a_directory(tmp_path):
    assert_one_clear_line(run_cli("parse", str(tmp_path)), tmp_path, "thư mục")


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert_one_clear_line(run_cli("parse", str(p)), p, "trống")


def test_unsupported_extension(tmp_path):
    p = tmp_path / "directive.xls"
    p.write_text("x")
    assert_one_clear_line(run_cli("parse", str(p)), p, "không đọc loại tệp")


def test_text_named_pdf(tmp_path):
    p = tmp_path / "fake.pdf"
    p.write_text("Số: 12/UBND\nKính gửi: UBND các xã", encoding="utf-8")
    assert_one_clear_line(run_cli("parse", str(p)), p, "không khớp với đuôi '.pdf'")


def test_pdf_named_docx(tmp_path):
    p = tmp_path / "fake.docx"
    shutil.copy(DIRECTIVES / "ky-son-commune-2022.pdf", p)
    assert_one_clear_line(run_cli("parse", str(p)), p, "PDF")


def test_zip_that_is_not_a_docx(tmp_path):
    import zipfile

    p = tmp_path / "archive.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "xin chào")
    assert_one_clear_line(run_cli("parse", str(p)), p, "docx")


def test_corrupt_pdf(tmp_path):
    p = tmp_path / "corrupt.pdf"
    p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    assert_one_clear_line(run_cli("parse", str(p)), p, "PDF")


def test_truncated_pdf(tmp_path):
    data = (DIRECTIVES / "hung-yen-2283-2022.pdf").read_bytes()
    p = tmp_path / "truncated.pdf"
    p.write_bytes(data[: len(data) // 3])
    assert_one_clear_line(run_cli("parse", str(p)), p, "PDF")


def test_password_protected_pdf(tmp_path):
    import pypdf

    reader = pypdf.PdfReader(str(DIRECTIVES / "ky-son-commune-2022.pdf"))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="mat-khau", owner_password="chu-so-huu")
    p = tmp_path / "locked.pdf"
    with p.open("wb") as f:
        writer.write(f)
    assert_one_clear_line(run_cli("parse", str(p)), p, "mật khẩu")


def test_scanned_pdf_without_text_layer(tmp_path):
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(img).text((50, 50), "UY BAN NHAN DAN", fill="black")
    p = tmp_path / "scanned.pdf"
    img.save(p, "PDF", resolution=72)
    assert_one_clear_line(run_cli("parse", str(p)), p, "OCR", "ocrmypdf")


def test_text_that_does_not_decode(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes("Kính gửi: UBND các xã, thị trấn\n".encode("utf-16-le")[2:] + b"\xff\xfe\x80\x81" * 3 + b"\x00")
    r = run_cli("parse", str(p))
    assert r.returncode == 2 and "Traceback" not in r.stderr and str(p) in r.stderr
    q = tmp_path / "cp1258.txt"
    q.write_bytes(b"K\xednh g\xe1i c\xe1c x\xe3")  # Windows-1258 bytes, not UTF-8
    assert_one_clear_line(run_cli("parse", str(q)), q, "UTF-8")


def test_a_broken_rules_file_names_file_and_line(tmp_path):
    rules = tmp_path / "task_rules"
    shutil.copytree(DIRECTIVES.parent / "task_rules", rules)
    text = (rules / "roles.toml").read_text(encoding="utf-8")
    (rules / "roles.toml").write_text(text.replace("lead_cues = ['\\bchủ trì\\b']", "lead_cues = ['(chủ trì']"), encoding="utf-8")
    r = run_cli("parse", str(DIRECTIVES / "ky-son-commune-2022.txt"), env={"TRACKER_RULES": str(rules)})
    assert r.returncode == 2 and "Traceback" not in r.stderr
    line = next(i for i, l in enumerate((rules / "roles.toml").read_text(encoding="utf-8").splitlines(), 1) if "(chủ trì" in l)
    assert f"roles.toml:{line}" in r.stderr, r.stderr


def test_a_readable_document_with_no_tasks_gives_an_empty_list(tmp_path):
    p = tmp_path / "thong-bao.txt"
    p.write_text(
        "ỦY BAN NHÂN DÂN\nHUYỆN TỨ KỲ\nSố: 12/TB-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Tứ Kỳ, ngày 03 tháng 9 năm 2022\nTHÔNG BÁO\nLịch tiếp công dân tháng 9/2022\n"
        "Ngày 15/9/2022, lãnh đạo UBND huyện tiếp công dân tại trụ sở.\n",
        encoding="utf-8",
    )
    r = run_cli("parse", str(p), "--json")
    assert r.returncode == 0, r.stderr
    import json

    data = json.loads(r.stdout)
    assert data["tasks"] == []
    assert data["directive"]["number"] == "12/TB-UBND"
    assert data["directive"]["doc_type"] == "TB"


def _big_text(items: int) -> str:
    parts = ["ỦY BAN NHÂN DÂN", "XÃ KỲ SƠN", "Số: 7/UBND", "Kính gửi: Các bộ phận", "Chủ tịch UBND xã yêu cầu:"]
    filler = " ".join(["tiếp nhận, giải quyết hồ sơ của người dân, doanh nghiệp đúng quy định, công khai, minh bạch"] * 8)
    for i in range(1, items + 1):
        parts.append(f"{i}. Bộ phận Một cửa")
        parts.append(f"a) Tiếp nhận hồ sơ thủ tục hành chính số {i}, {filler}, hoàn thành trước ngày 30/9/2022.")
        parts.append(f"b) Số hóa hồ sơ khi tiếp nhận và trả kết quả, {filler}.")
    return "\n".join(parts) + "\n"


def test_a_3mb_text_parses_whole(tmp_path, monkeypatch):
    """Every task of a 3 MB text is found (how its parse time grows with size: bench/big_text.py)."""
    from tracker.parse import parse_file

    monkeypatch.setenv("TRACKER_MAX_CHARS", "10000000")  # above the default limit on purpose
    monkeypatch.setenv("TRACKER_MAX_READ_SECONDS", "3600")  # its 4,400 tasks are counted, not timed

    big = tmp_path / "big.txt"
    big.write_text(_big_text(2200), encoding="utf-8")
    assert big.stat().st_size > 3_000_000
    assert len(parse_file(big, resolve=False).tasks) == 4400


def test_deeply_nested_outline_does_not_recurse(tmp_path):
    from tracker.parse import parse_file

    markers = ["I.", "1.", "1.1.", "1.1.1.", "a)", "(1)", "-", "+", "•"]
    lines = ["UBND XÃ KỲ SƠN", "Số: 8/UBND", "Kính gửi: Công an xã"]
    for rep in range(300):
        for depth, m in enumerate(markers):
            lines.append(f"{m} Công an xã kiểm tra hồ sơ mức {depth} lần {rep}.")
    p = tmp_path / "deep.txt"
    p.write_text("\n".join(lines), encoding="utf-8")
    draft = parse_file(p, resolve=False)
    assert len(draft.tasks) >= 300


def test_text_in_a_legacy_tcvn3_font_is_refused_with_advice():
    from tracker.errors import InputError
    from tracker.model import Document, Line
    from tracker.read.pdf import _check_legacy_font

    # "Ủy ban nhân dân huyện" as TCVN3 (ABC) glyphs read back as Latin-1 look-alikes
    doc = Document("x.pdf", "pdf", [Line("Uû ban nh©n d©n huyÖn Tø Kú ®· ban hµnh kÕ ho¹ch sè hãa hå s¬ ®óng h¹n") for _ in range(5)])
    with pytest.raises(InputError, match="bảng mã tiếng Việt cũ"):
        _check_legacy_font("x.pdf", doc)
    ok = Document("x.pdf", "pdf", [Line("Ủy ban nhân dân huyện Tứ Kỳ đã ban hành kế hoạch số hóa hồ sơ")] * 5)
    _check_legacy_font("x.pdf", ok)
