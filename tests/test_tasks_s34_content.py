"""What a plan lays out beside its tasks (issue 11, session 34).

tests/data/docs/plan-content-parts.md (our own words) is a plan whose "II. NỘI DUNG KẾ HOẠCH" lists sampling sites
and parameters, whose "III. THI ĐUA VÀ KHEN THƯỞNG" sets award quotas and lists a dossier's papers, whose "IV.
NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU" lists tasks with no unit, and whose "V. TỔ CHỨC THỰC HIỆN" gives work to units (then
a line saying what one body is). Only IV and V hold tasks.
"""
from __future__ import annotations

from conftest import DATA, parse_json

from tracker.extract.tasks import _catalogued, _without_content_parts
from tracker.model import Line, Task, UnitRef
from tracker.structure.outline import build_outline, names_work, paragraphs, states_only

DOC = DATA / "docs" / "plan-content-parts.md"


def test_only_the_tasks_and_the_units_work_are_tasks():
    tasks = parse_json(DOC, "--no-resolve")["tasks"]
    assert [t["path"] for t in tasks] == ["IV.1", "IV.2", "IV.3", "V.1", "V.2", "V.3"]
    assert [[u["name"] for u in t["lead"]] for t in tasks][:3] == [[], [], []]


def _outline(lines: list[str]):
    return build_outline(paragraphs([Line(t, page=1) for t in lines]))


def _task(path: str, text: str, lead: list[str] = ()) -> Task:
    return Task(text=text, path=path, lead=[UnitRef(u) for u in lead])


PLAN = ["I. NỘI DUNG", "1. Hồ A: Lấy mẫu 02 vị trí.", "2. Hồ B: Lấy mẫu 01 vị trí.",
        "II. TỔ CHỨC THỰC HIỆN", "1. Sở Xây dựng: Chủ trì lấy mẫu."]


def test_a_part_with_no_unit_beside_a_part_of_units_is_content():
    root = _outline(PLAN)
    tasks = [_task("I.1", "Hồ A: Lấy mẫu 02 vị trí."), _task("I.2", "Hồ B: Lấy mẫu 01 vị trí."),
             _task("II.1", "Sở Xây dựng: Chủ trì lấy mẫu.", ["Sở Xây dựng"])]
    assert [t.path for t in _without_content_parts(tasks, root)] == ["II.1"]


def test_no_part_of_units_keeps_every_part():
    root = _outline(PLAN)
    tasks = [_task("I.1", "Hồ A: Lấy mẫu 02 vị trí."), _task("II.1", "Chủ trì lấy mẫu.")]
    assert [t.path for t in _without_content_parts(tasks, root)] == ["I.1", "II.1"]


def test_a_part_naming_work_keeps_its_tasks_without_units():
    lines = ["I. NHIỆM VỤ VÀ GIẢI PHÁP", "1. Tổ chức tuyên truyền.", "II. TỔ CHỨC THỰC HIỆN", "1. Sở Xây dựng: Chủ trì."]
    tasks = [_task("I.1", "Tổ chức tuyên truyền."), _task("II.1", "Sở Xây dựng: Chủ trì.", ["Sở Xây dựng"])]
    assert [t.path for t in _without_content_parts(tasks, _outline(lines))] == ["I.1", "II.1"]
    # a part where one item names a unit is work given, however its title reads
    tasks = [_task("I.1", "Tổ chức tuyên truyền.", ["Sở Y tế"]), _task("II.1", "Chủ trì.", ["Sở Xây dựng"])]
    assert len(_without_content_parts(tasks, _outline(PLAN))) == 2


def test_titles_that_name_work():
    for title in ("NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", "TỔ CHỨC THỰC HIỆN", "Các hoạt động trọng tâm", "PHÂN CÔNG TRÁCH NHIỆM"):
        assert names_work(title), title
    for title in ("NỘI DUNG KẾ HOẠCH", "VỊ TRÍ VÀ THÔNG SỐ QUAN TRẮC", "THỦ TỤC, HỒ SƠ VÀ THỜI GIAN KHEN THƯỞNG"):
        assert not names_work(title), title


def test_quotas_state_no_work():
    for line in ("Ban Quản lý hồ Đá Trắng: Không quá 03 cá nhân;", "Tổ tuần tra hồ Khe Mây: 01 tập thể/01 tổ;",
                 "Đối với các xã ven hồ: Mỗi xã chọn 02 trường hợp (tập thể hoặc cá nhân).", "Số lượng: 96 mẫu.",
                 "Đoàn kiểm tra của tỉnh: Mỗi đoàn xét chọn 01 cá nhân/01 đoàn;",
                 "Các đơn vị còn lại: chọn không quá 01 trường hợp, bảo đảm đủ tiêu chuẩn."):
        assert states_only(line), line
    for line in ("Sở Nội vụ: Tổng hợp 02 lần/năm, báo cáo Ủy ban nhân dân tỉnh.", "Sở Tư pháp: Chủ trì lựa chọn 05 mô hình điểm.",
                 "Sở Nội vụ chủ trì, đề nghị cấp trên khen thưởng các tập thể.", "Tổ chức 02 hội nghị tập huấn trong quý II."):
        assert not states_only(line), line


def test_what_a_body_is_states_no_work():
    assert states_only("Sở Nội vụ là cơ quan thường trực của Hội đồng thi đua tỉnh.")
    assert states_only("Ban Quản lý là đơn vị sự nghiệp công lập thuộc Ủy ban nhân dân tỉnh.")
    for line in ("Sở Khoa học và Công nghệ là cơ quan thường trực, chủ trì theo dõi việc thực hiện Kế hoạch.",
                 "Sở Y tế là cơ quan đầu mối, có trách nhiệm tổng hợp kết quả.", "Giao Sở Nội vụ là cơ quan đầu mối."):
        assert not states_only(line), line


def test_a_dossiers_papers_are_catalogue_entries():
    for line in ("Tờ trình đề nghị khen thưởng của đơn vị;", "Báo cáo thành tích của tập thể, cá nhân theo mẫu;",
                 "Các văn bản liên quan (nếu có).", "Thủ tục, hồ sơ đề nghị tặng Bằng khen"):
        assert _catalogued(_task("1", line)), line
    assert not _catalogued(_task("1", "Tờ trình đề nghị khen thưởng của đơn vị;", ["Sở Nội vụ"]))
    assert not _catalogued(_task("1", "Báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 15/12."))


def test_a_procedures_total_and_the_header_repeated_over_the_next_are_no_steps():
    from tracker.model import Table
    from tracker.structure.tables import read_rows

    head = ["Thứ tự công việc", "Nội dung công việc cụ thể", "Đơn vị/ Người thực hiện", "Thời gian thực hiện", "Sản phẩm"]
    rows = [head,
            ["Bước 1", "Tiếp nhận hồ sơ của tổ chức.", "Công chức Trung tâm Phục vụ hành chính công", "0,5 ngày", "Phiếu hẹn"],
            ["Bước 2", "Thẩm định hồ sơ, trình lãnh đạo Sở.", "Chuyên viên phòng chuyên môn", "05 ngày", "Tờ trình"],
            # the cell reader runs the total, the next procedure's title and its header's first cells into one row
            ["Tổng thời gian giải quyết TTHC", "Không quá 06 ngày làm việc.", "2. Thủ tục cấp lại giấy phép", head[0], head[1]],
            ["", "", head[2], head[3], head[4]],
            ["Bước 1", "Tiếp nhận hồ sơ đề nghị cấp lại.", "Công chức Trung tâm Phục vụ hành chính công", "0,5 ngày", "Phiếu hẹn"]]
    got = [(r.get("text"), r.get("lead")) for r in read_rows([Table(rows=rows)])]
    assert got == [("Tiếp nhận hồ sơ của tổ chức.", "Công chức Trung tâm Phục vụ hành chính công"),
                   ("Thẩm định hồ sơ, trình lãnh đạo Sở.", "Chuyên viên phòng chuyên môn"),
                   ("Tiếp nhận hồ sơ đề nghị cấp lại.", "Công chức Trung tâm Phục vụ hành chính công")]


def test_the_closing_lists_label_broken_over_two_lines():
    from tracker.model import Document
    from tracker.structure.sections import split_sections

    lines = ["VĂN PHÒNG CHÍNH PHỦ", "Số: 120/VPCP-KGVX", "V/v triển khai đề án X",
             "Kính gửi: Bộ Xây dựng.", "Bộ Xây dựng chủ trì rà soát đề án X, báo cáo trong quý I năm 2026.",
             "Văn phòng Chính phủ thông báo để Bộ Xây dựng biết, thực hiện./.",
             "*Nơi", "nhận:*", "- Như trên;", "- Lưu: VT, KGVX (2).", "KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "Trần Văn Nam"]
    s = split_sections(Document(path="x.md", format="md", blocks=[Line(t, page=1) for t in lines]))
    assert not any("Như trên" in b.text or "Lưu:" in b.text for b in s.body)
    assert any("Như trên" in b.text for b in s.closing)


def test_a_procedures_flow_table_header():
    from tracker.structure.tables import column_roles

    head = ["CÁC BƯỚC", "TRÌNH TỰ THỰC HIỆN", "ĐƠN VỊ GIẢI QUYẾT TTHC", "THỜI GIAN GIẢI QUYẾT TTHC (03 ngày làm việc)", "PHÍ"]
    assert column_roles(head) == {0: "number", 1: "text", 2: "lead", 3: "deadline"}
    # a step-number column worded "Trình tự thực hiện" stays the numbers where it comes first
    assert column_roles(["Trình tự thực hiện", "Nội dung công việc", "Trách nhiệm thực hiện"])[0] == "number"


LETTER = """|
**VĂN PHÒNG CHÍNH PHỦ**
-------
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
|
Số: 1207/VPCP-CN
*V/v triển khai dự án cầu Bến Lở*
|
*Hà Nội, ngày 03 tháng 12 năm 2025*
|
**Kính gửi:** Bộ trưởng Bộ Xây dựng.
Về tiến độ dự án cầu Bến Lở nêu tại Báo cáo số 88/BC-BXD ngày 20/11/2025 của Bộ Xây dựng, Phó Thủ tướng Lê Văn An có ý kiến như sau:
Trên cơ sở kết quả rà soát của đoàn công tác liên ngành tại hiện trường, Bộ Xây dựng làm việc với tỉnh Bắc Lam để tháo gỡ vướng mắc về mặt bằng, bảo đảm thông xe trong năm 2026.
Văn phòng Chính phủ xin thông báo để Bộ Xây dựng biết, thực hiện./.
|
Nơi nhận:
- Như trên;
- Lưu: VT, CN (2).
|
**KT. BỘ TRƯỞNG, CHỦ NHIỆM**
PHÓ CHỦ NHIỆM
**Trần Văn Nam**
|
"""


def test_the_paragraphs_after_a_letters_announcing_line_are_its_work(tmp_path):
    path = tmp_path / "letter.md"
    path.write_text(LETTER, encoding="utf-8")
    tasks = parse_json(path, "--no-resolve")["tasks"]
    assert [t["text"][:30] for t in tasks] == ["Trên cơ sở kết quả rà soát của"]


LEVELS = """|
**ỦY BAN NHÂN DÂN**
TỈNH BẮC LAM
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
|
Số: 12/2026/QĐ-UBND
|
*Bắc Lam, ngày 10 tháng 3 năm 2026*
|

**QUYẾT ĐỊNH**

BAN HÀNH QUY ĐỊNH PHÒNG CHÁY RỪNG TỈNH BẮC LAM

**QUYẾT ĐỊNH:**

**Điều 1.** Ban hành kèm theo Quyết định này Quy định phòng cháy rừng tỉnh Bắc Lam.

**Điều 2.** Quyết định này có hiệu lực thi hành kể từ ngày ký.

|
*Nơi nhận:*
- Lưu: VT.
|
**TM. ỦY BAN NHÂN DÂN**
CHỦ TỊCH
Trần Thị Bình
|

**QUY ĐỊNH**

PHÒNG CHÁY RỪNG TỈNH BẮC LAM

**Điều 1. Phạm vi điều chỉnh**

Quy định này quy định các biện pháp phòng cháy rừng trên địa bàn tỉnh.

**Điều 2. Tổ chức các biện pháp phòng cháy**

1. Khi dự báo đến Cấp IV: thời tiết khô hanh kéo dài, nguy cơ cháy lớn.

a) Chủ tịch Ủy ban nhân dân cấp xã trực tiếp chỉ đạo triển khai phương án phòng cháy rừng trên địa bàn.

b) Khi đám cháy vượt tầm kiểm soát của cấp xã, Ban chỉ huy cấp xã lập báo cáo và chuyển ngay thông tin về Chi cục Kiểm lâm.

2. Khi có yêu cầu cấp lại giấy phép, tổ chức gửi đơn về Sở Nông nghiệp và Môi trường.
"""


def test_the_measures_of_a_warning_level_include_those_with_an_occasion_of_their_own(tmp_path):
    path = tmp_path / "levels.md"
    path.write_text(LEVELS, encoding="utf-8")
    tasks = parse_json(path, "--no-resolve")["tasks"]
    assert [t["path"] for t in tasks] == ["Điều 2.1.a", "Điều 2.1.b"]
