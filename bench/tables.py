"""Parse time of a 30-page plan with a 200-row task table, next to bare pdfplumber.

    .venv/bin/python bench/tables.py [--repeat N] [--keep DIR]

The plan is constructed (our own words, tests/data/make_tables.py): prose pages,
then an appendix table of 200 task rows in group rows of ten, Word-like ruling
with every vertical rule doubled 4.5 pt apart, rows cut by page breaks, cells
merged down over a group's rows. Prints the best of N runs of `parse_file`
(read, structure, extract, resolve units; imports and rules warmed up first)
and of pdfplumber's `extract_text` + `extract_tables` on every page, and their
ratio (aim: at most 2.0), then how many table rows came out.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.parse import bare, best  # noqa: E402  (the same timer and bare extraction as bench/parse.py)
from tests.data.make_tables import PlanSpec, TableSpec, write_pdf  # noqa: E402

LEADS = ["Sở Nội vụ", "Sở Tài chính", "Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh", "Công an tỉnh",
         "Sở Văn hóa, Thể thao và Du lịch", "Sở Xây dựng", "Sở Y tế"]
SUPPORTS = ["Các sở, ban, ngành", "UBND các xã, phường", "Sở Tư pháp; VNPT An Phú", "Bưu điện tỉnh, Viettel An Phú"]
TIMES = ["Quý I/2026", "Quý II/2026", "Tháng 9/2026", "Thường xuyên", "Trước ngày 15/12/2026", "Năm 2026"]


def plan(rows: int = 200, per_group: int = 10) -> PlanSpec:
    grid = []
    n = 0
    for g in range(rows // per_group):
        grid.append([str(g + 1), "<", f"Nhóm nhiệm vụ thứ {g + 1} về cải cách hành chính và chuyển đổi số",
                     LEADS[g % len(LEADS)], SUPPORTS[g % len(SUPPORTS)], TIMES[g % len(TIMES)]])
        for k in range(per_group):
            n += 1
            letter = "abcdeghikl"[k]
            text = (f"Nhiệm vụ {n}: rà soát quy trình nội bộ, cập nhật cơ sở dữ liệu chuyên ngành, số hóa hồ sơ "
                    f"lưu trữ của lĩnh vực thứ {n} và báo cáo kết quả thực hiện" + (", kèm theo danh mục chi tiết các "
                    "thủ tục, biểu mẫu, quy trình điện tử đã được chuẩn hóa trong kỳ" if n % 7 == 0 else ""))
            lead = "^" if k % 3 else LEADS[(g + k) % len(LEADS)]
            support = "" if k % 4 == 1 else SUPPORTS[(g + k) % len(SUPPORTS)]
            time_ = "" if k % 5 == 2 else TIMES[(g + k) % len(TIMES)]
            grid.append(["", letter, text, lead, support, time_])
    table = TableSpec(
        widths=[24, 20, 190, 90, 90, 69],
        header=[["TT", "<", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành"]],
        rows=grid,
        doubled=4.5,
        cut_rows=True,
    )
    return PlanSpec(table, filler_pages=8, place_date="An Phú, ngày 05 tháng 01 năm 2026",
                    number="Số: 3/KH-SKHCN")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="write the PDF here and keep it")
    a = ap.parse_args()
    import pdfplumber

    from tracker.parse import parse_file

    folder = a.keep or Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    path = write_pdf(plan(), folder / "plan-200-rows.pdf")
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
    draft = parse_file(path)  # warm-up: imports, rules, dictionary, unit hierarchy
    bare(path)
    t_parse = best(lambda: parse_file(path), a.repeat)
    t_bare = best(lambda: bare(path), a.repeat)
    rows = [t for t in draft.tasks if t.path.startswith("PL")]
    print(f"{path.name}: {pages} pages, {len(rows)} table rows read (200 written)")
    print(f"parse_file      {t_parse:7.3f} s")
    print(f"bare pdfplumber {t_bare:7.3f} s   (extract_text + extract_tables per page)")
    print(f"ratio           {t_parse / t_bare:7.2f}   (aim: at most 2.0)")
    with_lead = sum(1 for t in rows if t.lead)
    with_deadline = sum(1 for t in rows if t.deadline)
    print(f"rows with a lead {with_lead}, with a deadline {with_deadline}")


if __name__ == "__main__":
    main()
