"""`tracker report` as users run it: a real store from sample directives, every format through the CLI,
each file opened with python-docx / openpyxl / Pillow and checked against the store's own queries."""
from __future__ import annotations

import io
import warnings
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from conftest import DIRECTIVES, run_cli
from tracker.store import AssignmentFilter, StatusChange, open_store
from tracker.track import format_date

AS_OF = date(2022, 12, 20)  # overdue work then reaches every ageing bucket, and work due 31/12 is due soon
SINCE = date(2022, 10, 1)
ARGS = ("--as-of", "20/12/2022", "--since", "2022-10-01")
SAMPLES = ("hai-duong-2333-2022.txt", "ky-son-commune-2022.txt")
RED = "F8D7DA"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """Two sample directives loaded with `tracker load`, then progress recorded so every category shows.

    Past-due work is left open (overdue), done before its due date, done
    after it, or started (still overdue), in turn; work not yet due is left
    open, started, or (one in five) not carried out.
    """
    path = tmp_path_factory.mktemp("report") / "store"
    r = run_cli("load", "--yes", "--db", str(path), *(str(DIRECTIVES / f) for f in SAMPLES))
    assert r.returncode == 0, r.stderr
    store = open_store(path)
    changes = []
    for n, a in enumerate(store.assignments(AS_OF, with_text=False)):
        start = date(2022, 8, 25)
        if a.due and a.due < AS_OF:
            kind = n % 4
            if kind == 1:
                changes.append(StatusChange(a.id, "hoan_thanh", min(a.due, a.due - timedelta(days=2)), "xong", "test"))
            elif kind == 2:
                changes.append(StatusChange(a.id, "hoan_thanh", a.due + timedelta(days=3), "xong muộn", "test"))
            elif kind == 3:
                changes.append(StatusChange(a.id, "dang_thuc_hien", start, "đang làm", "test"))
        elif n % 5 == 0:
            changes.append(StatusChange(a.id, "khong_thuc_hien", start, "không làm", "test"))
        elif n % 2:
            changes.append(StatusChange(a.id, "dang_thuc_hien", start, "đang làm", "test"))
    store.set_statuses(changes)
    return path


@pytest.fixture(scope="module")
def store(db):
    return open_store(db)


def report(db: Path, fmt: str, out: Path | str, *extra: str):
    return run_cli("report", "--format", fmt, "-o", str(out), "--db", str(db), *ARGS, *extra)


def one_line_error(r) -> str:
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tracker: ") and "Traceback" not in r.stderr, r.stderr
    return lines[0]


def store_counts(store, **flt) -> dict[str, tuple[int, ...]]:
    """The store's own per-unit counts: (on time, late, not due, overdue, >30, >60, >120), by unit name."""
    return {u.unit: (u.on_time, u.late, u.not_due, u.overdue, u.over_30, u.over_60, u.over_120)
            for u in store.unit_counts(AS_OF, AssignmentFilter(**flt))}


def test_the_test_store_has_every_category_and_ageing_bucket(store):
    totals = [sum(c) for c in zip(*store_counts(store).values())]
    assert all(totals), totals  # on time, late, not due, overdue, >30, >60, >120: none is empty
    assert store.assignments(AS_OF, AssignmentFilter(due_within=14))
    assert store.assignments(AS_OF, AssignmentFilter(done_since=SINCE))


# -- Word ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docx_file(db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "bao-cao.docx"
    r = report(db, "docx", out)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(out)
    return out


def cells(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def table_after(doc, heading_start: str):
    """The first table after the heading that starts with `heading_start` (None if a paragraph says there is none)."""
    body = doc.element.body
    found = False
    for el in body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p" and not found:
            text = "".join(t.text or "" for t in el.iter() if t.tag.endswith("}t"))
            found = heading_start in text
        elif found and tag == "tbl":
            from docx.table import Table

            return Table(el, doc)
    raise AssertionError(f"no table after {heading_start!r}")


def test_docx_is_an_a4_administrative_report_in_times_new_roman(docx_file):
    import docx

    doc = docx.Document(str(docx_file))
    sec = doc.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    mm = {k: round(getattr(sec, f"{k}_margin").mm) for k in ("top", "bottom", "left", "right")}  # stored in twips
    assert 20 <= mm["top"] <= 25 and 20 <= mm["bottom"] <= 25 and 30 <= mm["left"] <= 35 and 15 <= mm["right"] <= 20, mm
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14
    for table in doc.tables:  # every cell's text in a 13-14 pt Times New Roman style or run
        for row in table.rows[:3]:
            for cell in row.cells:
                for p in cell.paragraphs:
                    sizes = [r.font.size.pt for r in p.runs if r.font.size] or [p.style.font.size.pt]
                    assert all(11 <= s <= 14 for s in sizes)  # the closing "Nơi nhận" is smaller, as in the decree
                    assert (p.style.font.name or normal.name) == "Times New Roman"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ" in text
    assert "Tính đến ngày 20/12/2022" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells(doc.tables[0])[0][1]


def test_docx_lists_the_directives_covered(docx_file, store):
    import docx

    doc = docx.Document(str(docx_file))
    rows = cells(table_after(doc, "CÁC VĂN BẢN CHỈ ĐẠO"))[1:]
    loaded = {d.number: d for d in store.directives(AS_OF)}
    assert {r[1] for r in rows} == set(loaded) and len(rows) == 2
    for r in rows:
        d = loaded[r[1]]
        assert r[2] == format_date(date.fromisoformat(d.date)) and r[3] == d.issuer
        assert r[4].lower().startswith(d.subject[:20].lower())


def test_docx_counts_per_unit_are_the_stores(docx_file, store):
    import docx

    doc = docx.Document(str(docx_file))
    want = store_counts(store)
    rows = cells(table_after(doc, "KẾT QUẢ THỰC HIỆN THEO ĐƠN VỊ"))
    assert rows[0][3:] == ["Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện trong hạn / chưa đến hạn",
                           "Quá hạn chưa hoàn thành"]
    body, total = rows[1:-1], rows[-1]
    got = {r[1]: tuple(int(x) for x in r[3:7]) for r in body}
    assert got == {u: c[:4] for u, c in want.items()}  # a unit whose work was all cancelled shows zeros
    for r in body:
        assert int(r[2]) == sum(int(x) for x in r[3:7])  # "Tổng số" is the four categories
    assert total[1] == "Tổng cộng"
    assert [int(x) for x in total[3:7]] == [sum(c[i] for c in want.values()) for i in range(4)]
    # Ageing: units with overdue work, "quá hạn trên 30/60/120 ngày".
    ageing = cells(table_after(doc, "Thời gian quá hạn"))
    assert ageing[0][3:6] == ["Quá hạn trên 30 ngày", "Quá hạn trên 60 ngày", "Quá hạn trên 120 ngày"]
    assert {r[1]: (int(r[2]), int(r[3]), int(r[4]), int(r[5])) for r in ageing[1:-1]} == {
        u: (c[3], c[4], c[5], c[6]) for u, c in want.items() if c[3]}


def test_docx_tables_of_overdue_due_soon_and_done_are_the_stores(docx_file, store):
    import docx

    from tracker.report.docx import DOCX_ROWS

    doc = docx.Document(str(docx_file))
    assert "… và" not in "\n".join(p.text for p in doc.paragraphs)  # this store's tables are not cut short

    def assignments(heading: str, date_col: int) -> list[tuple[str, str]]:
        """(unit, date) for every unit of every line: a line is a task with the units alike ("A; B; C")."""
        rows = cells(table_after(doc, heading))[1:]
        assert len(rows) <= DOCX_ROWS
        return sorted((u, r[date_col]) for r in rows for u in r[1].split("; "))

    def named(a) -> str:
        return a.unit + (" (chưa xác định)" if a.unresolved else "") + (" (phối hợp)" if a.role == "support" else "")

    overdue = store.assignments(AS_OF, AssignmentFilter(overdue=True))
    assert assignments("NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH", 3) == sorted((named(a), format_date(a.due)) for a in overdue)
    rows = cells(table_after(doc, "NHIỆM VỤ QUÁ HẠN"))[1:]
    assert len(rows) < len(overdue)  # tasks given to many units are one line each
    days = [int(r[4]) for r in rows]
    assert days == sorted(days, reverse=True) and days[0] == max(a.days_late for a in overdue)
    assert all((AS_OF - datetime.strptime(r[3], "%d/%m/%Y").date()).days == int(r[4]) for r in rows)
    assert RED in table_after(doc, "NHIỆM VỤ QUÁ HẠN").rows[1].cells[0]._tc.xml  # overdue lines are shaded

    soon = store.assignments(AS_OF, AssignmentFilter(due_within=14))
    assert soon and assignments("NHIỆM VỤ ĐẾN HẠN TRONG 14 NGÀY TỚI", 3) == sorted((named(a), format_date(a.due)) for a in soon)
    rows = cells(table_after(doc, "NHIỆM VỤ ĐẾN HẠN TRONG 14 NGÀY TỚI"))[1:]
    assert all(int(r[4]) == (datetime.strptime(r[3], "%d/%m/%Y").date() - AS_OF).days for r in rows)

    done = store.assignments(AS_OF, AssignmentFilter(done_since=SINCE))
    heading = "NHIỆM VỤ ĐÃ HOÀN THÀNH TỪ NGÀY 01/10/2022 ĐẾN NGÀY 20/12/2022"
    assert assignments(heading, 4) == sorted((named(a), format_date(a.done_on)) for a in done)
    rows = cells(table_after(doc, heading))[1:]
    assert {r[5] for r in rows} == {"Đúng hạn" if a.category == "on_time" else f"Quá hạn {a.days_late} ngày" for a in done}


def test_docx_766_points_and_chart(docx_file, store):
    import docx
    from PIL import Image

    from tracker.extract.indicators import load_catalogue
    from tracker.report.chart import MAX_UNITS, size_for

    doc = docx.Document(str(docx_file))
    rows = cells(table_after(doc, "ĐIỂM CHỈ SỐ THEO QUYẾT ĐỊNH 766/QĐ-TTg"))
    cat = load_catalogue()
    assert [r[0] for r in rows[1:-1]] == [g.code for g in cat.groups]
    assert rows[-1][3] == "100" and sum(float(r[3].replace(",", ".")) for r in rows[1:-1]) == 100
    linked = {t.id for d in store.directives(AS_OF) for t in store.tasks(d.id) if t.indicators}
    assert max(int(r[4]) for r in rows[1:-1]) > 0 and max(int(r[4]) for r in rows[1:-1]) <= len(linked)

    assert len(doc.inline_shapes) == 1
    blob = doc.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = doc.part.related_parts[blob].blob
    im = Image.open(io.BytesIO(image))
    assert im.format == "PNG"
    units = [u for u in store.unit_counts(AS_OF) if u.total - u.cancelled]
    assert im.size == size_for(min(len(units), MAX_UNITS))


# -- Excel -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook(db, tmp_path_factory):
    import openpyxl

    out = tmp_path_factory.mktemp("xlsx") / "bao-cao.xlsx"
    r = report(db, "xlsx", out)
    assert r.returncode == 0, r.stderr
    return openpyxl.load_workbook(out)


def test_xlsx_has_a_sheet_per_table_with_frozen_filtered_headers_and_fitting_widths(workbook):
    from openpyxl.utils import get_column_letter

    assert workbook.sheetnames == ["Báo cáo", "Văn bản", "Tổng hợp theo đơn vị", "Quá hạn", "Đến hạn 14 ngày",
                                   "Đã hoàn thành", "Tất cả phân công", "Chỉ số 766"]
    for ws in workbook.worksheets[1:]:
        assert ws.freeze_panes == "A2", ws.title
        last = get_column_letter(ws.max_column)
        assert ws.auto_filter.ref == f"A1:{last}{ws.max_row}", ws.title
        for col, head in enumerate(next(ws.iter_rows(max_row=1, values_only=True)), 1):
            width = ws.column_dimensions[get_column_letter(col)].width
            assert width >= max(len(w) for w in head.split()), (ws.title, head)
            values = [v for (v,) in ws.iter_rows(min_row=2, min_col=col, max_col=col, values_only=True) if v is not None]
            longest = max((10 if isinstance(v, datetime) else len(str(v)) for v in values), default=0)  # dd/mm/yyyy
            assert width >= min(longest, 60), (ws.title, head)  # long texts wrap in a capped width


def test_xlsx_dates_are_real_dates_shown_dd_mm_yyyy(workbook, store):
    ws = workbook["Quá hạn"]
    head = [c.value for c in ws[1]]
    due = head.index("Hạn") + 1
    late = head.index("Số ngày quá hạn") + 1
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == len(store.assignments(AS_OF, AssignmentFilter(overdue=True)))
    for row in rows:
        cell = row[due - 1]
        assert isinstance(cell.value, datetime) and cell.number_format == "DD/MM/YYYY"
        assert (AS_OF - cell.value.date()).days == row[late - 1].value
    done = workbook["Đã hoàn thành"]
    col = [c.value for c in done[1]].index("Ngày hoàn thành")
    days = [r[col] for r in done.iter_rows(min_row=2, values_only=True)]
    assert days and all(isinstance(d, datetime) and SINCE <= d.date() <= AS_OF for d in days)


def test_xlsx_overdue_rows_are_highlighted_and_only_those(workbook, store):
    ws = workbook["Tất cả phân công"]
    head = [c.value for c in ws[1]]
    verdict = head.index("Đánh giá")
    seen = set()
    for row in ws.iter_rows(min_row=2):
        red = {c.fill.fgColor.rgb[-6:] == RED for c in row if c.fill.fill_type}
        overdue = row[verdict].value == "Quá hạn chưa hoàn thành"
        assert red == ({True} if overdue else set()), [c.value for c in row]
        seen.add(overdue)
    assert seen == {True, False}
    assert ws.max_row - 1 == len(store.assignments(AS_OF))


def test_xlsx_counts_per_unit_are_the_stores(workbook, store):
    ws = workbook["Tổng hợp theo đơn vị"]
    head = [c.value for c in ws[1]]
    cols = [head.index(h) for h in ("Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện trong hạn / chưa đến hạn",
                                    "Quá hạn chưa hoàn thành", "Quá hạn trên 30 ngày", "Quá hạn trên 60 ngày",
                                    "Quá hạn trên 120 ngày")]
    got = {r[1]: tuple(r[i] for i in cols) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert got == store_counts(store)
    units = {u.name: u for u in store.units()}
    assert all(r[2] == (units[r[1]].id or "") for r in ws.iter_rows(min_row=2, values_only=True))


# -- Markdown ----------------------------------------------------------------------------------


def test_markdown_to_the_terminal_and_to_a_file(db, tmp_path, store):
    r = report(db, "md", "-")
    assert r.returncode == 0, r.stderr
    md = r.stdout
    assert md.startswith("# Báo cáo tình hình thực hiện nhiệm vụ") and "*Tính đến ngày 20/12/2022*" in md
    t = [sum(c[i] for c in store_counts(store).values()) for i in range(4)]
    assert f"- Hoàn thành đúng hạn: {t[0]} (" in md and f"- Quá hạn chưa hoàn thành: {t[3]} (" in md
    overdue = store.assignments(AS_OF, AssignmentFilter(overdue=True))
    assert f"## Nhiệm vụ quá hạn chưa hoàn thành ({len(overdue)})" in md
    assert "| Đơn vị | Nhiệm vụ | Hạn | Quá hạn (ngày) |" in md
    r = report(db, "md", tmp_path / "x.md")
    assert r.returncode == 0 and (tmp_path / "x.md").read_text(encoding="utf-8") == md


def test_directive_and_unit_narrow_the_report(db, store):
    r = report(db, "md", "-", "--directive", "45/UBND")
    assert r.returncode == 0, r.stderr
    assert "Thực hiện văn bản số 45/UBND" in r.stdout and "2333/UBND-VP" not in r.stdout
    # A commune by the words of its name: the commune and its posts, nothing of the province.
    r = report(db, "md", "-", "--unit", "ky son")
    assert r.returncode == 0, r.stderr
    units = [line.split("|")[1].strip() for line in r.stdout.split("## Tổng hợp")[1].split("##")[0].splitlines()
             if line.startswith("| ") and not line.startswith("| Đơn vị")]
    assert units and all("Kỳ Sơn" in u for u in units)
    assert "Đơn vị: Xã Kỳ Sơn và các đơn vị trực thuộc" in r.stdout
    err = one_line_error(report(db, "md", "-", "--unit", "Sở"))
    assert "khớp nhiều đơn vị" in err
    err = one_line_error(report(db, "md", "-", "--directive", "9999/XYZ"))
    assert "9999/XYZ" in err


def test_a_unit_report_is_the_whole_report_narrowed_to_the_units_under_it(store):
    """--unit: the rows of the unit and of every unit under it by the hierarchy's parent links, no other."""
    from tracker.report import gather
    from tracker.units import get_hierarchy, structure_of

    parents = {u.key: u.parent for u in store.units()}
    memo: dict[str, list[str]] = {}

    def chain(key: str) -> list[str]:
        if key not in memo:
            parent = parents.get(key)
            if parent is None and key not in parents and not key.startswith("?"):
                parent = get_hierarchy(structure_of(key)).get(key).parent
            memo[key] = [key] + (chain(parent) if parent else [])
        return memo[key]

    whole = gather(store, as_of=AS_OF, since=SINCE)
    areas = sorted({a for r in whole.rows for a in chain(r.unit_key)[1:]})
    assert {"2022:p30", "2022:p30.d298"} <= set(areas) and any(a.count(".") == 2 for a in areas)
    for area in areas:
        part = gather(store, as_of=AS_OF, since=SINCE, unit=area)
        want = [r.id for r in whole.rows if area in chain(r.unit_key)]
        assert want and [r.id for r in part.rows] == want, area
        assert part.totals.total == len(want) and part.unit.key == area


# -- files: never overwrite, clear errors, atomic ----------------------------------------------


def test_an_existing_file_is_kept_without_force_and_replaced_with_it(db, tmp_path):
    out = tmp_path / "bc.md"
    out.write_text("giữ nguyên", encoding="utf-8")
    err = one_line_error(report(db, "md", out))
    assert "--force" in err and str(out) in err
    assert out.read_text(encoding="utf-8") == "giữ nguyên"
    r = report(db, "md", out, "--force")
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").startswith("# Báo cáo")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bc.md"]  # no temporary file left behind


def test_a_missing_folder_is_one_clear_line(db, tmp_path):
    err = one_line_error(report(db, "docx", tmp_path / "khong-co" / "bc.docx"))
    assert "không tồn tại" in err and "khong-co" in err
    assert not (tmp_path / "khong-co").exists()
    err = one_line_error(report(db, "xlsx", "-"))
    assert "-o" in err


def test_a_folder_gets_the_default_name(db, tmp_path):
    r = report(db, "xlsx", tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(tmp_path / "bao-cao-2022-12-20.xlsx")
    assert (tmp_path / "bao-cao-2022-12-20.xlsx").stat().st_size > 0


def test_a_failed_render_leaves_no_file(store, tmp_path, monkeypatch):
    import tracker.report as report_pkg
    from tracker.report import write_report

    def broken(data, fmt):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(report_pkg, "render", broken)
    with pytest.raises(RuntimeError):
        write_report(store, "md", tmp_path / "bc.md", as_of=AS_OF)
    assert list(tmp_path.iterdir()) == []


def test_write_report_api_gives_the_path_and_refuses_to_overwrite(store, tmp_path):
    from tracker.errors import TrackerError
    from tracker.report import write_report

    path = write_report(store, "md", tmp_path / "a.md", as_of=AS_OF, since=SINCE)
    assert path == tmp_path / "a.md" and path.read_text(encoding="utf-8").startswith("# Báo cáo")
    with pytest.raises(TrackerError, match="--force"):
        write_report(store, "md", tmp_path / "a.md", as_of=AS_OF)


# -- the chart --------------------------------------------------------------------------------


def test_chart_is_a_png_of_the_expected_size_with_every_vietnamese_glyph(store):
    from PIL import Image

    from tracker.report.chart import chart_units, render_chart, size_for
    from tracker.report.data import unit_counts

    units = chart_units(unit_counts(store.assignments(AS_OF, with_text=False)), limit=5)
    assert any(set(u.unit) & set("ăâđêôơưạảãàáằẳẵặậẫẩềểễệỗộờởỡợừửữựỹỵỷỳ") for u in units)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font" for a letter it cannot draw
        png = render_chart(units)
    im = Image.open(io.BytesIO(png))
    assert im.format == "PNG" and im.size == size_for(len(units))
    # Bars are drawn: the three colours of done / in progress / overdue are there.
    colours = {c for _, c in im.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert {(0x2E, 0x7D, 0x32), (0x15, 0x65, 0xC0), (0xC6, 0x28, 0x28)} <= colours
    empty = Image.open(io.BytesIO(render_chart([])))
    assert empty.size == size_for(0)
