"""A decision's own acts and the catalogues it publishes are no work (issue 11, task precision on held-out).

The document (tests/data/docs/decision-publishes-procedures.md, our own words) is a decision publishing
administrative procedures, as provinces issue them by the hundred: its Điều 1 publishes (done by signing), its
Điều 2 says from when each procedure applies (its clauses listed under "có hiệu lực thi hành:"), its Điều 3 gives
the Sở its work, and its appendix table lists the procedures with the body that handles their cases ("Cơ quan
thực hiện"), which is no lead of any task.
"""
from __future__ import annotations

import pytest
from conftest import DATA, parse_json

from tracker.extract.tasks import decides
from tracker.model import Table
from tracker.structure.tables import read_rows

DOC = DATA / "docs" / "decision-publishes-procedures.md"


def test_only_the_assignment_is_a_task():
    tasks = parse_json(DOC, "--no-resolve")["tasks"]
    assert [(t["path"], [u["name"] for u in t["lead"]]) for t in tasks] == [("Điều 3", ["Sở Văn hóa"])], \
        [(t["path"], t["text"][:40]) for t in tasks]


def _table(header: list[str]) -> Table:
    return Table(rows=[header, ["1", "1.000001", "Cấp giấy phép hoạt động thư viện", "Sở Văn hóa", "10 ngày"]], page=1)


def test_a_catalogue_of_procedures_gives_no_rows():
    assert read_rows([_table(["STT", "Mã TTHC", "Tên thủ tục hành chính", "Cơ quan thực hiện", "Thời hạn giải quyết"])]) == []
    assert read_rows([_table(["STT", "Mã TTHC", "Tên TTHC", "Cơ quan thực hiện", "Thời hạn giải quyết"])]) == []


def test_a_task_table_naming_procedures_keeps_its_rows():
    """Beside a procedure's name, a column of work ("Nội dung thực hiện") makes the table a task list."""
    rows = read_rows([Table(rows=[["STT", "Tên thủ tục hành chính", "Nội dung thực hiện", "Đơn vị chủ trì", "Thời gian"],
                                  ["1", "Cấp giấy phép thư viện", "Rà soát, đơn giản hóa thành phần hồ sơ", "Sở Văn hóa",
                                   "Quý III/2026"]], page=1)])
    assert len(rows) == 1 and rows[0].get("lead") == "Sở Văn hóa"


@pytest.mark.parametrize("text, expected", [
    ("Công bố kèm theo Quyết định này Danh mục 05 thủ tục hành chính mới ban hành.", True),
    ("Điều chỉnh danh mục dự án khai thác khoáng sản tại khu vực X như sau:", True),
    ("Bổ sung có mục tiêu từ ngân sách trung ương cho 12 địa phương số tiền 300 tỷ đồng.", True),
    ("Phê duyệt phương án đơn giản hóa thủ tục hành chính. Giao Sở Tư pháp tổ chức thực hiện.", False),
    ("Sở Văn hóa công bố danh mục thủ tục hành chính trên Cổng thông tin điện tử.", False),
    ("Tổ chức công bố danh mục thủ tục hành chính trước ngày 30/6.", False),
])
def test_what_a_decision_does_by_being_signed(text, expected):
    assert decides(text) is expected
