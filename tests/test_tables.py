"""Appendix tables of tasks, end to end: constructed plans (tests/data/table_samples.py,
our own words) written as PDF, DOCX and text, then parsed as a user would."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.data import table_samples as S
from tests.data.make_tables import PlanSpec, write_cells, write_docx, write_pdf, write_text
from tracker.model import Table
from tracker.parse import parse_file
from tracker.read import read_document

FORMATS = ("pdf", "docx", "txt")
# The families of the real text copies: every format, and the cell-per-block dump
FAMILIES = ("lead-first", "overdue", "roman-titles", "progress")
FAMILY_FORMATS = ("pdf", "docx", "cells")


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[tuple[str, str], Path]:
    out = tmp_path_factory.mktemp("tables")
    made = {}
    for name, spec in S.SAMPLES.items():
        made[(name, "pdf")] = write_pdf(spec, out / f"{name}.pdf")
        made[(name, "docx")] = write_docx(spec, out / f"{name}.docx")
        if name in FAMILIES:
            made[(name, "cells")] = write_cells(spec, out / f"{name}.md")
        else:
            made[(name, "txt")] = write_text(spec, out / f"{name}.txt", rows_per_page=5)
    return made


def rows_of(path: Path) -> list[dict]:
    return [t.to_json() for t in parse_file(path, resolve=False).tasks if t.path.startswith("PL")]


def names(units: list[dict]) -> list[str]:
    return [u["name"] for u in units]


def deadline(t: dict) -> tuple | None:
    d = t["deadline"]
    return None if d is None else (d["kind"], d.get("date") or d.get("days") or d.get("cycle"))


# ------------------------------------------------------------ ruling, pages


def test_doubled_rules_give_the_tables_own_columns(files):
    doc = read_document(files[("doubled", "pdf")])
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert [len(t.rows[0]) for t in tables] == [5, 5]  # not one thin column per doubled rule
    assert tables[0].rows[0] == ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn hoàn thành"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_row_of_a_table_that_runs_on_over_the_next_page(files, fmt):
    rows = rows_of(files[("doubled", fmt)])
    assert [t["path"] for t in rows] == [f"PL.{i}" for i in range(1, 15)]
    by = {t["path"]: t for t in rows}
    assert names(by["PL.1"]["lead"]) == ["Sở Nội vụ"] and names(by["PL.1"]["support"]) == ["Sở Tài chính"]
    assert deadline(by["PL.3"]) == ("date", "2025-06-30")
    assert deadline(by["PL.12"]) == ("period", "2025-12-31")  # on the page without a header
    assert names(by["PL.13"]["support"]) == ["Các sở, ban, ngành", "UBND các xã, phường"]
    assert names(by["PL.14"]["lead"]) == ["Sở Tài chính"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_unit_names_with_commas_or_va_inside_stay_whole(files, fmt):
    by = {t["path"]: t for t in rows_of(files[("doubled", fmt)])}
    assert names(by["PL.4"]["lead"]) == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert names(by["PL.6"]["support"]) == ["Sở Nông nghiệp và Môi trường", "Sở Xây dựng"]
    assert names(by["PL.9"]["lead"]) == ["Sở Xây dựng"]
    assert names(by["PL.11"]["support"]) == ["Bưu điện tỉnh", "Viettel An Phú"]
    assert names(by["PL.12"]["support"]) == ["Ban Quản lý các khu công nghiệp"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_header_over_two_rows_repeated_on_every_page(files, fmt):
    rows = rows_of(files[("two-row-header", fmt)])
    assert len(rows) == 18  # no header row, no row of column numbers among them
    for i, t in enumerate(rows, start=1):
        assert t["text"].startswith(f"Tổ chức đợt kiểm tra thứ {i} ")
        assert names(t["lead"]) == ["Văn phòng UBND tỉnh"]
        assert names(t["support"]) == ["Sở Nội vụ", "Công an tỉnh"]
        assert t["product"] == f"Báo cáo kiểm tra đợt {i}"
    assert deadline(rows[0]) == ("period", "2025-02-28")


def test_a_row_cut_by_the_page_break_joins_its_row(files):
    pdf = rows_of(files[("cut-row", "pdf")])
    docx = rows_of(files[("cut-row", "docx")])  # Word keeps the row whole: the reference
    assert len(pdf) == 12
    assert [t["text"] for t in pdf] == [t["text"] for t in docx]
    assert all(t["text"].endswith("khai thác") for t in pdf)
    assert {t["page"] for t in pdf} >= {2, 3, 4}


# ------------------------------------------------------------ hierarchy


GROUPS_EXPECTED = [
    # path, first words, lead, support, deadline, group
    ("PL.1", "Rà soát các quy định", ["Sở Tư pháp"], ["Sở Khoa học và Công nghệ"], ("period", "2025-06-30"),
     "Hoàn thiện thể chế, chính sách"),
    ("PL.2", "Ban hành quy chế", ["Sở Khoa học và Công nghệ"], ["Văn phòng UBND tỉnh"], ("period", "2025-09-30"),
     "Hoàn thiện thể chế, chính sách"),
    # a: lead and deadline merged down from 12, its empty support filled from 12
    ("PL.12.a", "Nâng cấp đường truyền", ["Sở Khoa học và Công nghệ"], ["VNPT An Phú"], ("period", "2025-12-31"),
     "Nâng cấp hạ tầng mạng của các cơ quan nhà nước"),
    # b: its own support and deadline are kept
    ("PL.12.b", "Trang bị thiết bị", ["Sở Khoa học và Công nghệ"], ["Công an tỉnh"], ("period", "2025-12-31"),
     "Nâng cấp hạ tầng mạng của các cơ quan nhà nước"),
    # c: its own lead; empty support and deadline from 12
    ("PL.12.c", "Kết nối hệ thống camera", ["Công an tỉnh"], ["VNPT An Phú"], ("period", "2025-12-31"),
     "Nâng cấp hạ tầng mạng của các cơ quan nhà nước"),
    ("PL.13", "Vận hành nền tảng", ["Sở Khoa học và Công nghệ"], ["Các sở, ban, ngành"], ("recurring", "continuous"),
     "Phát triển hạ tầng và nền tảng số"),
    ("PL.14", "Tập huấn kỹ năng số", ["Sở Nội vụ"], ["UBND các xã, phường"], ("period", "2025-08-31"),
     "Đào tạo, tuyên truyền"),
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_group_rows_fill_only_the_empty_cells_of_their_rows(files, fmt):
    rows = rows_of(files[("groups", fmt)])
    got = [(t["path"], t["text"], names(t["lead"]), names(t["support"]), deadline(t), t.get("group")) for t in rows]
    assert len(got) == len(GROUPS_EXPECTED), [g[:2] for g in got]
    for g, e in zip(got, GROUPS_EXPECTED):
        assert g[1].startswith(e[1]), (g, e)
        assert (g[0], *g[2:]) == (e[0], *e[2:])


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_table_without_a_support_column_and_days_to_do_it(files, fmt):
    rows = rows_of(files[("no-support", fmt)])
    assert [(t["path"], names(t["lead"]), t["support"], deadline(t)) for t in rows] == [
        ("PL.1", ["Sở Nội vụ"], [], ("relative", 30)),
        ("PL.2", ["Văn phòng UBND tỉnh"], [], ("relative", 45)),
        ("PL.3", ["Sở Nội vụ"], [], ("relative", 60)),
    ]


# ------------------------------------------------------------ text copies


def test_a_text_copy_with_pipes_and_the_header_on_every_page(tmp_path):
    path = write_text(PlanSpec(S.TWO_ROW_HEADER), tmp_path / "copy.txt", pipes=True, rows_per_page=4)
    text = path.read_text(encoding="utf-8")
    assert text.count("| STT | Nội dung công việc |") == 5  # the header again on every page
    r = subprocess.run([sys.executable, "-m", "tracker", "parse", str(path), "--json"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    rows = [t for t in json.loads(r.stdout)["tasks"] if t["path"].startswith("PL")]
    assert [t["path"] for t in rows] == [f"PL.{i}" for i in range(1, 19)]
    assert all(t["product"].startswith("Báo cáo kiểm tra đợt") for t in rows)


def test_a_text_copy_with_tabs(tmp_path):
    path = write_text(PlanSpec(S.GROUPS), tmp_path / "tabs.txt", pipes=False)
    rows = rows_of(path)
    assert [t["path"] for t in rows] == [e[0] for e in GROUPS_EXPECTED]


def test_body_items_an_appendix_restates_give_way_to_its_rows(tmp_path):
    body = ["Căn cứ tình hình thực tế, Sở ban hành Kế hoạch như sau:", "1. Nhiệm vụ cụ thể"]
    body += [f"- {r[1]}." for r in S.NO_SUPPORT.rows]
    path = write_text(PlanSpec(S.NO_SUPPORT, body=body), tmp_path / "restated.txt", pipes=True)
    tasks = parse_file(path, resolve=False).tasks
    assert [t.path for t in tasks] == ["PL.1", "PL.2", "PL.3"]


def test_a_loaded_table_keeps_each_tasks_group_path_and_product(tmp_path):
    from tracker.store import open_store

    store = open_store(tmp_path / "store")
    groups = write_docx(PlanSpec(S.GROUPS, number="Số: 31/KH-SKHCN"), tmp_path / "groups.docx")
    products = write_docx(PlanSpec(S.TWO_ROW_HEADER, number="Số: 32/KH-SKHCN"), tmp_path / "products.docx")
    g = store.save_draft(parse_file(groups)).directive_id
    p = store.save_draft(parse_file(products)).directive_id
    by_path = {t.path: t for t in store.tasks(g)}
    assert by_path["PL.12.b"].group == "Nâng cấp hạ tầng mạng của các cơ quan nhà nước"
    assert [t.product for t in store.tasks(p) if t.path == "PL.3"] == ["Báo cáo kiểm tra đợt 3"]


@pytest.mark.parametrize("cell, role", [
    ("Cơ quan\nchủ\ntrì", "lead"), ("Đơn vị chủtrì", "lead"), ("Trách nhiệm thực hiện", "lead"),
    ("Đơn vị phối-hợp", "support"), ("Thờigian hoàn thành", "deadline"), ("Thời gian (ngày)", "duration"),
    ("Số ngày dự kiến", "duration"), ("Kết quả/ Sản phẩm", "product"), ("Nội dung công việc", "text"),
    ("Theo dõi, kiểm tra, đôn đốc", None), ("I. Nhiệm vụ chung về chuyển đổi số của các cơ quan nhà nước trên địa bàn", None),
])
def test_header_cells_name_their_column_despite_breaks_and_typos(cell, role):
    from tracker.structure.tables import cell_role

    assert cell_role(cell) == role


# ------------------------------------------------------------ families of real plans


LEAD_FIRST_EXPECTED = [
    # path, first words, lead, support, deadline, group
    ("PL.A.1", "Ban hành quy định che chắn", ["Sở Xây dựng"], ["Sở Tài chính", "UBND các xã, phường"],
     ("period", "2026-06-30"), "Giảm bụi từ công trình xây dựng"),
    # sub-rows: their own content and time, the lead and support merged down to them
    ("PL.A.1", "Kiểm tra định kỳ", ["Sở Xây dựng"], ["Sở Tài chính", "UBND các xã, phường"],
     ("recurring", "continuous"), "Giảm bụi từ công trình xây dựng"),
    ("PL.A.1", "Lập bản đồ các điểm bụi", ["Sở Xây dựng"], ["Sở Tài chính", "UBND các xã, phường"],
     ("period", "2027-12-31"), "Giảm bụi từ công trình xây dựng"),
    ("PL.A.2", "Mở rộng các tuyến xe buýt", ["Sở Xây dựng"], ["Công an tỉnh"], ("start", "2026-01-01"), "Giao thông xanh"),
    # a row without a number under its group; one head for each place
    ("PL.B", "Lắp đặt thêm các trạm", ["Sở Nông nghiệp và Môi trường"],
     ["UBND thành phố Tân An", "UBND Thành phố Long Hòa"], ("date", "2027-12-31"), "Quan trắc không khí"),
    ("PL.B", "Công bố chỉ số chất lượng", ["Sở Nông nghiệp và Môi trường"],
     ["UBND thành phố Tân An", "UBND Thành phố Long Hòa"], ("period", "2030-12-31"), "Quan trắc không khí"),
    # no lead of its own: the unit its group row names
    ("PL.C.1", "Xử lý các xe chở vật liệu", ["CÔNG AN TỈNH"], ["Sở Xây dựng"], ("period", "2026-12-31"), "Xử lý vi phạm"),
]


@pytest.mark.parametrize("fmt", FAMILY_FORMATS)
def test_a_lead_column_first_unit_groups_and_sub_rows_under_merged_cells(files, fmt):
    rows = rows_of(files[("lead-first", fmt)])
    got = [(t["path"], t["text"], names(t["lead"]), names(t["support"]), deadline(t), t.get("group")) for t in rows]
    assert len(got) == len(LEAD_FIRST_EXPECTED), [g[:2] for g in got]
    for g, e in zip(got, LEAD_FIRST_EXPECTED):
        assert g[1].startswith(e[1]), (g, e)  # the content's list dash is no part of the task
        assert (g[0], *g[2:]) == (e[0], *e[2:])


@pytest.mark.parametrize("fmt", FAMILY_FORMATS)
def test_support_named_in_the_content_of_tables_without_a_support_column(files, fmt):
    rows = rows_of(files[("overdue", fmt)])  # three tables, a title line between each two
    assert [(names(t["lead"]), names(t["support"]), deadline(t)) for t in rows] == [
        (["Sở Nội vụ"], ["Sở Tài chính"], ("date", "2025-06-30")),
        (["Sở Nông nghiệp và Môi trường"], [], ("date", "2025-07-31")),
        (["Sở Nội vụ"], ["Công an tỉnh", "Sở Tư pháp"], ("date", "2025-08-15")),
        (["Sở Y tế"], ["Bảo hiểm xã hội tỉnh"], ("date", "2025-09-30")),
        (["Văn phòng UBND tỉnh"], [], ("date", "2025-10-31")),
    ]
    assert not any("Các nhiệm vụ về" in t["text"] for t in rows)  # the titles between are no rows


@pytest.mark.parametrize("fmt", FAMILY_FORMATS)
def test_roman_group_titles_abbreviated_units_and_the_body_that_restates_rows(files, fmt):
    tasks = [t.to_json() for t in parse_file(files[("roman-titles", fmt)], resolve=False).tasks]
    rows = [t for t in tasks if t["path"].startswith("PL")]
    assert [(t["path"], names(t["lead"]), names(t["support"]), deadline(t), t.get("group")) for t in rows] == [
        ("PL.1", ["Sở KH&CN"], ["Sở Công Thương", "UBND các xã, phường"], ("recurring", "continuous"),
         "NÂNG CAO NHẬN THỨC VỀ KINH TẾ SỐ"),
        ("PL.2", ["Sở Công Thương"], ["Sở KH&CN", "các cơ quan, đơn vị liên quan"], ("period", "2025-12-31"),
         "NÂNG CAO NHẬN THỨC VỀ KINH TẾ SỐ"),
        ("PL.3", ["Liên minh Hợp tác xã tỉnh"], ["Sở Tài chính", "Sở KH&CN"], ("recurring", "yearly"),
         "HỖ TRỢ HỢP TÁC XÃ"),
    ]
    # the body's items say the rows' work word for word: the rows, which name the units, stay
    body = [t["text"] for t in tasks if not t["path"].startswith("PL")]
    assert not any(t.startswith(("Mở lớp bồi dưỡng", "Biên soạn sổ tay", "Chọn mười hợp tác xã")) for t in body)


@pytest.mark.parametrize("fmt", FAMILY_FORMATS)
def test_a_report_on_earlier_tasks_assigns_none(files, fmt):
    assert rows_of(files[("progress", fmt)]) == []


@pytest.mark.parametrize("cell, expected", [
    ("Ban hành trong quý I năm 2026. Thực hiện rà soát, điều chỉnh (nếu có)", ("period", "2026-03-31")),
    ("Giai đoạn 2026 - 2027. Thực hiện rà soát, cập nhật (nếu có)", ("period", "2027-12-31")),
    ("Hoàn thành trong giai đoạn 2026 - 2027 và vận hành thường xuyên, liên tục", ("period", "2027-12-31")),
    ("Triển khai từ năm 2026 và thực hiện thường xuyên, liên tục", ("start", "2026-01-01")),
    ("Mạng lưới được đầu tư, hoàn thành trước năm 2027 và vận hành thường xuyên.", ("date", "2026-12-31")),
    ("Thí điểm trong giai đoạn 2026 - 2027 và mở rộng sau năm 2028", ("period", "2027-12-31")),
    ("Quí IV-2025", ("period", "2025-12-31")),
    ("Thường xuyên, hằng năm", ("recurring", None)),
    ("Tháng 6 và tháng 12 hằng năm", ("recurring", None)),  # no year: the cell as a whole
    ("45", ("relative", None)),
])
def test_a_time_cell_is_due_when_its_first_clause_naming_a_year_says(cell, expected):
    from tracker.extract.table_cells import cell_deadline

    d = cell_deadline(cell, "2025-11-20")
    assert (d.kind, d.date) == expected


@pytest.mark.parametrize("cell, units", [
    ("- Bộ Khoa học và Công nghệ;\n- Bộ Xây dựng;\n- Các bộ, ngành liên quan và UBND các tỉnh.",
     ["Bộ Khoa học và Công nghệ", "Bộ Xây dựng", "Các bộ, ngành liên quan", "UBND các tỉnh"]),
    ("Các Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", ["Các Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"]),
    ("Ban Quản lý Khu kinh tế, Sở Công Thương, các doanh nghiệp viễn thông",
     ["Ban Quản lý Khu kinh tế", "Sở Công Thương", "các doanh nghiệp viễn thông"]),
    ("UBND thành phố Tân An, Thành phố Long Hòa và các địa phương",
     ["UBND thành phố Tân An", "UBND Thành phố Long Hòa", "các địa phương"]),
    ("Sở Xây dựng (chủ trì phần hạ tầng); UBND các xã (phần vận hành)", ["Sở Xây dựng", "UBND các xã"]),
    ("Văn phòng UBND tỉnh (Trung tâm Thông tin)", ["Văn phòng UBND tỉnh (Trung tâm Thông tin)"]),
    ("SỞ XÂY DỰNG VÀ CÔNG AN TỈNH", ["SỞ XÂY DỰNG", "CÔNG AN TỈNH"]),
    # kinds named by bare heads, joined by commas: one collective
    ("Viện, Trường; Hội nghề nghiệp; Sở, ban, ngành có liên quan", ["Viện, Trường", "Hội nghề nghiệp", "Sở, ban, ngành có liên quan"]),
    ("Viện, Sở Y tế", ["Viện", "Sở Y tế"]),
])
def test_units_listed_in_a_cell(cell, units):
    from tracker.extract.table_cells import cell_units

    assert cell_units(cell) == units


def test_a_body_heading_the_table_groups_its_rows_under_gives_way_but_not_an_item_naming_the_topic():
    from tracker.extract.tasks import drop_restated
    from tracker.model import Task

    rows = [Task("Lắp đặt trạm quan trắc bụi mịn tại các khu dân cư đông đúc", path="PL.1",
                 group="Kiểm soát bụi mịn tại các đô thị lớn của tỉnh"),
            Task("Thu phí gửi xe bằng phương thức điện tử tại các bãi xe", path="PL.2", group="Thanh toán trực tuyến")]
    body = [Task("Kiểm soát bụi mịn tại các đô thị lớn của tỉnh", path="II.1"),
            Task("Đẩy mạnh thanh toán trực tuyến các khoản phí, lệ phí của công dân", path="II.2")]
    assert [t.path for t in drop_restated(body, rows)] == ["II.2"]
