"""Kinds of non-tasks in regulations and the annexes after them (issue 11, session 33).

tests/data/docs/regulation-norms-and-forms.md (our own words) is a text copy of a quyết định issuing a
quy chế: a power ("X quyết định dung lượng ..."), a prohibition after the units ("... được cấp hộp thư không
được chia sẻ ..."), a discretion clause ("Trường hợp cần thiết, X ..."), an article of measures naming no one
("Biện pháp bảo đảm an toàn ..."), then the duties of one unit, then an annex and a form ("PHỤ LỤC 1",
"Mẫu số 02") with field labels and blanks.
"""
from __future__ import annotations

from conftest import DATA, parse_json

from tracker.extract.tasks import _acts, _granted
from tracker.model import Document, Line
from tracker.structure import regulation as REG
from tracker.structure.outline import states_only
from tracker.structure.sections import _opens_annex, patterns, split_sections

DOC = DATA / "docs" / "regulation-norms-and-forms.md"


def test_only_the_duties_of_a_named_unit_are_tasks():
    tasks = parse_json(DOC, "--no-resolve")["tasks"]
    assert [t["path"] for t in tasks] == ["Điều 4.1", "Điều 4.2"]
    assert all([u["name"] for u in t["lead"]] == ["Sở Khoa học và Công nghệ"] for t in tasks)


def test_forms_after_an_attached_regulation_are_its_appendix():
    lines = ["QUYẾT ĐỊNH", "VỀ VIỆC BAN HÀNH QUY CHẾ X", "Điều 1. Ban hành kèm theo Quyết định này Quy chế X.",
             "Nơi nhận:", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Thị Bình",
             "QUY CHẾ", "SỬ DỤNG HỘP THƯ", "Điều 1. Phạm vi điều chỉnh", "Quy chế này quy định việc X.",
             "Mẫu số 01", "Họ và tên:", "Đơn vị công tác:"]
    s = split_sections(Document(path="x.md", format="md", blocks=[Line(t, page=1) for t in lines]))
    assert [b.text for b in s.appendix] == ["Mẫu số 01", "Họ và tên:", "Đơn vị công tác:"]
    assert s.body[-1].text == "Quy chế này quy định việc X."


def test_what_opens_an_annex():
    p = patterns()
    for heading in ("PHỤ LỤC 1", "Phụ lục II", "PHỤ LỤC I: DANH MỤC BIỂU MẪU", "Mẫu số 01", "MẪU SỐ 02/BC", "Mẫu 03"):
        assert _opens_annex(heading, p), heading
    for sentence in ("Phụ lục kèm theo Kế hoạch này gồm các biểu tổng hợp.", "Mẫu số 01 ban hành kèm theo Nghị định",
                     "Mẫu biểu báo cáo thống nhất trong toàn tỉnh."):
        assert not _opens_annex(sentence, p), sentence


def test_competence_titles():
    assert REG.is_plain_competence("Thẩm quyền quyết định phê duyệt phương án xử lý tài sản đã có quyết định thi hành án")
    assert not REG.is_plain_competence("Thẩm quyền, điều kiện và quy trình cấp mới tài khoản")
    assert not REG.is_plain_competence("Thẩm quyền và trách nhiệm của Sở Tài chính")
    assert REG.is_competence_area("Trách nhiệm giám định xây dựng")
    assert not REG.is_competence_area("Trách nhiệm của Sở Xây dựng")
    assert not REG.is_competence_area("Trách nhiệm thi hành")


def test_what_binds_among_shared_out_powers():
    assert REG.binds_in_competence("Ủy ban nhân dân xã có trách nhiệm báo cáo Sở Xây dựng hằng quý.")
    assert not REG.binds_in_competence("Ủy ban nhân dân xã chịu trách nhiệm quản lý trật tự xây dựng trên địa bàn.")


def test_a_power_under_a_norm_title_is_no_one_acting():
    assert not _acts("Văn phòng Ủy ban nhân dân tỉnh quyết định dung lượng cấp cho mỗi hộp thư.")
    assert not _acts("Sở Tài chính phê duyệt phương án xử lý tài sản đã tiếp nhận.")
    assert _acts("Sở Tài chính tham mưu Ủy ban nhân dân tỉnh quyết định ban hành định mức.")
    assert _acts("Sở Nội vụ quyết định thành lập Tổ công tác và báo cáo kết quả.") is True


def test_prohibitions_and_discretion_are_no_work():
    assert _granted("Các cơ quan, tổ chức, cá nhân được cấp tài khoản không được chia sẻ mật khẩu.")
    assert _granted("Các cơ quan, đơn vị tuyệt đối không được tiết lộ mật khẩu.")
    assert not _granted("Sở Tư pháp chủ trì kiểm tra, không được để chậm trễ.")
    assert states_only("Trường hợp cần thiết, Chủ tịch Ủy ban nhân dân tỉnh huy động lực lượng.")
    assert states_only("Khi cần thiết Chủ tịch Ủy ban nhân dân xã đề nghị hỗ trợ.")
    assert not states_only("Trường hợp cần thiết điều chỉnh danh mục, Sở Tài chính có trách nhiệm tham mưu.")
    assert not states_only("Trường hợp cần thiết điều chỉnh danh mục, Sở Tài chính tham mưu Ủy ban nhân dân tỉnh.")


PLAN = DATA / "docs" / "plan-difficulty-report.md"


def test_a_plans_report_of_difficulties_is_a_task():
    """Corpus convention (b): the numbered item that opens on 'Trong quá trình thực hiện, nếu có khó khăn, vướng mắc,
    ... báo cáo ...' and the same report after the closing formula are tasks with an event deadline."""
    tasks = parse_json(PLAN, "--no-resolve")["tasks"]
    reports = [t for t in tasks if t["path"].startswith("II") and "vướng mắc" in t["text"]]
    assert [t["text"][:30] for t in reports] == ["Trong quá trình thực hiện, nếu", "Trong quá trình thực hiện, nếu"]
    assert [[u["name"] for u in t["lead"]] for t in reports] == [["các cơ quan, đơn vị"], ["các địa phương"]]
    assert all(t["deadline"]["kind"] == "event" for t in reports)
    assert not any(t["text"].startswith("Yêu cầu") for t in tasks)


def test_a_report_of_difficulties_that_goes_on_with_an_item_is_part_of_it():
    """'3. Giao Sở Tư pháp hướng dẫn ...' and the paragraph after it 'Trong quá trình thực hiện, nếu có vướng mắc, các xã
    báo cáo về Sở Tư pháp ...', items following: one task (the report belongs to the item's work)."""
    tasks = parse_json(PLAN, "--no-resolve")["tasks"]
    mine = [t for t in tasks if t["path"] == "I.3"]
    assert len(mine) == 1 and "báo cáo về Sở Tư pháp" in mine[0]["text"]


def test_where_a_report_of_difficulties_starts():
    assert REG.opens_on_difficulty("Trong quá trình thực hiện Kế hoạch, nếu có khó khăn, vướng mắc, các sở phản ánh về "
                                   "Sở Nội vụ.")
    assert REG.opens_on_difficulty("Quá trình thực hiện nếu có khó khăn, vướng mắc các cơ quan báo cáo về UBND tỉnh")
    assert not REG.opens_on_difficulty("Sở Nội vụ tổng hợp khó khăn, vướng mắc của các xã, báo cáo UBND tỉnh.")
    assert not REG.opens_on_difficulty("Trong quá trình thực hiện, các sở chủ động phối hợp với nhau.")
    assert REG.difficulty_tail("Yêu cầu các sở nghiêm túc thực hiện. Trong quá trình thực hiện, nếu có vướng mắc, các "
                               "sở báo cáo UBND tỉnh./.") == "Trong quá trình thực hiện, nếu có vướng mắc, các sở báo cáo UBND tỉnh./."
    assert REG.difficulty_tail("Yêu cầu các sở nghiêm túc thực hiện./.") is None


def test_a_catalogue_entry_with_no_unit_is_no_task():
    from tracker.extract.tasks import _catalogued
    from tracker.model import Task, UnitRef

    assert _catalogued(Task(text="Văn bản về chủ trương, báo cáo, tờ trình về công tác cán bộ chưa công khai.", path="1.a"))
    assert _catalogued(Task(text="Thông số (chỉ tiêu), tần suất quan trắc môi trường nuôi tôm nước lợ.", path="2"))
    assert not _catalogued(Task(text="Văn bản tham gia ý kiến của các bộ gửi về Bộ Nội vụ.", path="3",
                                lead=[UnitRef("Các bộ")]))
    assert not _catalogued(Task(text="Danh mục dự án, giao Sở Tài chính chủ trì rà soát.", path="4"))
    assert not _catalogued(Task(text="Rà soát danh mục văn bản cần sửa đổi.", path="5"))


PUBLISH = DATA / "docs" / "decision-publish-catalogue.md"


def test_a_publishing_decision_gives_only_its_implementing_work():
    """'Điều 1. Công bố ... cụ thể:' over counts of procedures (what is published), 'Các nội dung khác được thực hiện
    theo quy định tại Nghị định ...; Nghị định ...' (a reference to several texts) and the execution clause whose
    addressee list wrapped onto its own line ('Chánh Văn phòng ...; Giám đốc các Sở: ...;' / 'Chủ tịch ... chịu trách
    nhiệm thi hành Quyết định này./.') are no tasks; Sở Tư pháp's update is."""
    assert [t["path"] for t in parse_json(PUBLISH, "--no-resolve")["tasks"]] == ["Điều 2.1"]


def test_a_step_table_reads_each_step_with_its_body_and_time():
    """Corpus convention (c): 'Thứ tự công việc' | 'Nội dung công việc cụ thể' | 'Đơn vị/ Người thực hiện' | 'Thời
    gian thực hiện': the first column numbers the steps ('Bước 1'), the content is the task's text, the body its lead,
    the time a relative deadline."""
    from tracker.extract.tasks import tasks_from_rows
    from tracker.model import Table
    from tracker.structure.tables import read_rows

    table = Table(rows=[["Thứ tự công việc", "Nội dung công việc cụ thể", "Đơn vị/ Người thực hiện", "Thời gian thực hiện"],
                        ["Bước 1", "Tiếp nhận, kiểm tra hồ sơ", "Công chức Bộ phận một cửa", "0,5 ngày làm việc"],
                        ["Bước 2", "Thẩm định hồ sơ, dự thảo kết quả", "Phòng Quản lý đất đai", "02 ngày làm việc"]])
    tasks = tasks_from_rows(read_rows([table]), "2026-03-01")
    assert [t.text for t in tasks] == ["Tiếp nhận, kiểm tra hồ sơ", "Thẩm định hồ sơ, dự thảo kết quả"]
    assert [[u.name for u in t.lead] for t in tasks] == [["Công chức Bộ phận một cửa"], ["Phòng Quản lý đất đai"]]
    assert [(t.deadline.kind, t.deadline.days) for t in tasks] == [("relative", 0.5), ("relative", 2)]


def test_a_row_read_twice_is_one_task():
    """A copy of the row above (same text and units, one of the two without a time) is one task; the same work in two
    rows with two different times is two."""
    from tracker.extract.tasks import tasks_from_rows
    from tracker.structure.tables import Row

    def row(text: str, when: str) -> Row:
        return Row(cells={"text": text, "lead": "Bộ Công an", "deadline": when}, path=["4"])

    assert len(tasks_from_rows([row("Xây dựng ứng dụng trợ lý ảo", "Năm 2026"), row("Xây dựng ứng dụng trợ lý ảo", "")])) == 1
    assert len(tasks_from_rows([row("Báo cáo kết quả", "Quý I/2026"), row("Báo cáo kết quả", "Quý II/2026")])) == 2
