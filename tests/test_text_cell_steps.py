"""Step tables of an approved internal procedure in a web copy written one cell per block (issue 11):
rows open with "Bước N", and a step's content cell may run to thirty lines (sub-steps, addresses)."""
from __future__ import annotations

from pathlib import Path

from tracker.model import Table
from tracker.read.text import read_text


def _step(n: int, content_lines: int) -> str:
    content = "\n".join(f"+ Ý {k} của bước {n}: kiểm tra thành phần hồ sơ theo quy định" for k in range(content_lines))
    return f"**Bước {n}**\n|\n**{n}. Việc của bước {n}:**\n{content}\n|\nCông chức Bộ phận một cửa\n|\n0,5 ngày làm việc\n|\nPhiếu kiểm soát\n|\n|\n"


def test_a_step_table_with_long_cells_is_one_table_of_steps():
    text = ("**PHỤ LỤC**\nQUY TRÌNH NỘI BỘ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TRONG LĨNH VỰC HỘ TỊCH THUỘC THẨM QUYỀN CỦA ỦY BAN NHÂN DÂN XÃ\n"
            "*(Kèm theo Quyết định số 12/QĐ-UBND)*\n|\n**Thứ tự công việc**\n|\n**Nội dung công việc**\n|\n"
            "**Đơn vị thực hiện**\n|\n**Thời gian thực hiện**\n|\n**Sản phẩm**\n|\n|\n"
            + _step(1, 28) + _step(2, 2) + _step(3, 1))
    doc = read_text(Path("x.md"), text.encode("utf-8"), markdown=True)
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    rows = tables[0].rows
    assert rows[0][0] == "Thứ tự công việc" and [r[0] for r in rows[1:]] == ["Bước 1", "Bước 2", "Bước 3"]
    assert all(r[2] == "Công chức Bộ phận một cửa" and r[3] == "0,5 ngày làm việc" for r in rows[1:])


def test_rows_numbered_under_a_roman_group_open_rows_of_their_own():
    """'III.1' opens a row as '1' does: read as the rest of the row above, that row came out twice."""
    head = "**STT**\n|\n**Nhiệm vụ**\n|\n**Đơn vị chủ trì**\n|\n**Thời gian**\n|\n|\n"
    rows = "".join(f"{code}\n|\n{task}\n|\nSở Nội vụ\n|\nQuý IV/2026\n|\n|\n"
                   for code, task in [("III.1", "Rà soát hồ sơ cán bộ"), ("III.2", "Số hóa hồ sơ lưu trữ"),
                                      ("III.3", "Báo cáo kết quả thực hiện")])
    doc = read_text(Path("x.md"), ("Các nhiệm vụ cụ thể của các cơ quan, đơn vị trong năm 2026 được giao như sau, theo bảng kèm theo kế hoạch này:\n|\n" + head + rows).encode("utf-8"),
                    markdown=True)
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert [r[0] for r in table.rows] == ["STT", "III.1", "III.2", "III.3"]
    assert [r[1] for r in table.rows[1:]] == ["Rà soát hồ sơ cán bộ", "Số hóa hồ sơ lưu trữ", "Báo cáo kết quả thực hiện"]
