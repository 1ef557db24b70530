"""The constructed appendix tables the table tests read (our own words; see make_tables.py).

Each sample shows one layout real plans use. The expected answers live in the
tests, next to what they check.
"""
from __future__ import annotations

from tests.data.make_tables import PlanSpec, TableSpec

LONG = ("Rà soát, cập nhật danh mục dữ liệu dùng chung của ngành, thống nhất mã định danh, "
        "chuẩn hóa trường thông tin và công bố trên Cổng dữ liệu của tỉnh để các cơ quan khai thác")

# Five columns; every vertical rule drawn twice 4.5 pt apart (a Word export), the
# table runs on over the next page without its header.
DOUBLED = TableSpec(
    widths=[30, 190, 90, 100, 73],
    header=[["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn hoàn thành"]],
    rows=[
        [str(i), f"Nhiệm vụ số {i}: xây dựng bộ tiêu chí đánh giá mức độ số hóa hồ sơ của lĩnh vực thứ {i}, "
                 "thử nghiệm tại hai đơn vị và tổng hợp ý kiến góp ý",
         lead, support, due]
        for i, (lead, support, due) in enumerate([
            ("Sở Nội vụ", "Sở Tài chính", "Tháng 4/2025"),
            ("Sở Tài chính", "Sở Nội vụ, Kho bạc Nhà nước khu vực", "Quý II/2025"),
            ("Văn phòng UBND tỉnh", "Các sở, ban, ngành", "Trước ngày 30/6/2025"),
            ("Sở Văn hóa, Thể thao và Du lịch", "Sở Nội vụ", "Quý III/2025"),
            ("Công an tỉnh", "Văn phòng UBND tỉnh; VNPT An Phú", "Thường xuyên"),
            ("Sở Khoa học và Công nghệ", "Sở Nông nghiệp và Môi trường, Sở Xây dựng", "Năm 2025"),
            ("Sở Y tế", "Bảo hiểm xã hội tỉnh", "Tháng 9/2025"),
            ("Sở Giáo dục và Đào tạo", "Sở Khoa học và Công nghệ", "Quý IV/2025"),
            ("Sở Xây dựng", "UBND các xã, phường", "Trước ngày 15/10/2025"),
            ("Sở Tư pháp", "Sở Nội vụ", "Tháng 11/2025"),
            ("Trung tâm Phục vụ hành chính công tỉnh", "Bưu điện tỉnh, Viettel An Phú", "Thường xuyên"),
            ("Sở Công Thương", "Ban Quản lý các khu công nghiệp", "Năm 2025"),
            ("Sở Nội vụ", "Các sở, ban, ngành; UBND các xã, phường", "Trước ngày 20/12/2025"),
            ("Sở Tài chính", "Sở Nội vụ", "Tháng 12/2025"),
        ], start=1)
    ],
    doubled=4.5,
)

# The header over two rows ("Đơn vị thực hiện" over "Chủ trì" | "Phối hợp"), its
# vertical rules 4 pt to the right of the body's; a product column; the header
# repeated on every page; a row of column numbers under the header.
TWO_ROW_HEADER = TableSpec(
    widths=[28, 150, 80, 85, 70, 70],
    header=[
        ["STT", "Nội dung công việc", "Đơn vị thực hiện", "<", "Sản phẩm", "Thời gian hoàn thành"],
        ["^", "^", "Chủ trì", "Phối hợp", "^", "^"],
    ],
    rows=[
        [str(i), f"Tổ chức đợt kiểm tra thứ {i} việc tiếp nhận và trả kết quả hồ sơ trực tuyến tại các xã, "
                 "phường, lập biên bản và kiến nghị khắc phục",
         "Văn phòng UBND tỉnh", "Sở Nội vụ, Công an tỉnh", f"Báo cáo kiểm tra đợt {i}", f"Tháng {i % 12 + 1}/2025"]
        for i in range(1, 19)
    ],
    repeat_header=True,
    number_row=True,
    header_shift=4.0,
)

# Long rows that Word breaks across the page: the remainder on the next page has
# empty number cells and must join its row.
CUT_ROW = TableSpec(
    widths=[30, 215, 90, 85, 63],
    header=[["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Tiến độ"]],
    rows=[
        [str(i), f"Nhiệm vụ {i}. {LONG}. " + " ".join([LONG] * (1 + i % 3)),
         "Sở Khoa học và Công nghệ", "Các sở, ban, ngành", f"Quý {'I' * (1 + i % 3)}/2025"]
        for i in range(1, 13)
    ],
    cut_rows=True,
)

# Two numbering columns and group rows: Roman group rows span the whole row; an
# Arabic group row (12) carries its own lead, support and deadline in cells merged
# down over its detail rows (a, b, c), which leave them empty or give their own.
GROUPS = TableSpec(
    widths=[24, 22, 170, 90, 100, 77],
    header=[["TT", "<", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"]],
    rows=[
        ["I", "<", "Hoàn thiện thể chế, chính sách", "<", "<", "<"],
        ["1", "", "Rà soát các quy định về quản lý dữ liệu số của tỉnh", "Sở Tư pháp", "Sở Khoa học và Công nghệ", "Quý II/2025"],
        ["2", "", "Ban hành quy chế khai thác dữ liệu dùng chung", "Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh", "Quý III/2025"],
        ["II", "<", "Phát triển hạ tầng và nền tảng số", "<", "<", "<"],
        ["12", "", "Nâng cấp hạ tầng mạng của các cơ quan nhà nước", "Sở Khoa học và Công nghệ", "VNPT An Phú", "Năm 2025"],
        ["^", "a", "Nâng cấp đường truyền số liệu chuyên dùng đến các xã, phường", "^", "", "^"],
        ["^", "b", "Trang bị thiết bị bảo đảm an toàn thông tin cho Trung tâm dữ liệu", "^", "Công an tỉnh", "Quý IV/2025"],
        ["^", "c", "Kết nối hệ thống camera giám sát giao thông về Trung tâm điều hành", "Công an tỉnh", "", ""],
        ["13", "", "Vận hành nền tảng tích hợp, chia sẻ dữ liệu của tỉnh", "Sở Khoa học và Công nghệ", "Các sở, ban, ngành", "Thường xuyên"],
        ["III", "<", "Đào tạo, tuyên truyền", "<", "<", "<"],
        ["14", "", "Tập huấn kỹ năng số cho cán bộ, công chức cấp xã", "Sở Nội vụ", "UBND các xã, phường", "Tháng 8/2025"],
    ],
)

# No support column; the time column counts days (a bare number: days from the
# plan's date, 12/3/2025).
NO_SUPPORT = TableSpec(
    widths=[30, 250, 120, 83],
    header=[["Số TT", "Tên nhiệm vụ", "Cơ quan thực hiện", "Số ngày dự kiến"]],
    rows=[
        ["1", "Lập danh sách các thủ tục cần cắt giảm thời gian giải quyết", "Sở Nội vụ", "30"],
        ["2", "Công bố danh mục thủ tục được cắt giảm trên Cổng thông tin điện tử", "Văn phòng UBND tỉnh", "45"],
        ["3", "Tổng hợp kết quả và báo cáo UBND tỉnh", "Sở Nội vụ", "60"],
    ],
)

# The lead column FIRST; group rows that name a unit ("A." | "SỞ XÂY DỰNG" across
# the row); a task's number, lead, support and group merged down over its
# sub-rows, each sub-row one line of the content with its own target and time; a
# row under a group with no number of its own; times written in words.
LEAD_FIRST = TableSpec(
    widths=[26, 70, 78, 66, 120, 66, 57],
    header=[["STT", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thuộc nhóm nhiệm vụ", "Nội dung nhiệm vụ",
             "Chỉ tiêu cần đạt", "Thời hạn hoàn thành"]],
    rows=[
        ["A.", "SỞ XÂY DỰNG", "<", "<", "<", "<", "<"],
        ["1", "Sở Xây dựng", "- Sở Tài chính;\n- UBND các xã, phường.", "Giảm bụi từ công trình xây dựng",
         "- Ban hành quy định che chắn công trường và rửa xe trước khi ra đường.", "- Quy định được ban hành.",
         "Ban hành trong quý II năm 2026. Rà soát lại khi cần"],
        ["^", "^", "^", "^", "- Kiểm tra định kỳ các công trường lớn trong đô thị.", "- Biên bản kiểm tra từng đợt.",
         "Thực hiện thường xuyên, liên tục"],
        ["^", "^", "^", "^", "- Lập bản đồ các điểm bụi của đô thị.", "- Bản đồ được công bố.",
         "Hoàn thành trong giai đoạn 2026 - 2027 và cập nhật thường xuyên"],
        ["2", "Sở Xây dựng", "Công an tỉnh", "Giao thông xanh", "Mở rộng các tuyến xe buýt điện trong nội đô.",
         "- Ít nhất ba tuyến mới.", "Triển khai từ năm 2026 và duy trì thường xuyên"],
        ["B.", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "<", "<", "<", "<", "<"],
        ["", "Sở Nông nghiệp và Môi trường", "UBND thành phố Tân An, Thành phố Long Hòa", "Quan trắc không khí",
         "- Lắp đặt thêm các trạm quan trắc tự động.", "- Mười trạm mới.", "Trước năm 2028"],
        ["^", "^", "^", "^", "- Công bố chỉ số chất lượng không khí hằng ngày.", "- Bản tin hằng ngày.",
         "Giai đoạn 2026 - 2030."],
        ["C.", "CÔNG AN TỈNH", "<", "<", "<", "<", "<"],
        ["1", "", "Sở Xây dựng", "Xử lý vi phạm", "Xử lý các xe chở vật liệu rơi vãi trên đường.",
         "- Kế hoạch kiểm tra.", "Năm 2026"],
    ],
)

# No support column: a content cell names the units that support ("Chủ trì, phối
# hợp với Sở Tài chính ..."). Three such tables one after the other, a title line
# between them.
OVERDUE = [
    TableSpec(
        widths=[30, 200, 90, 100, 63],
        header=[["STT", "Nhiệm vụ", "Văn bản giao nhiệm vụ", "Cơ quan chủ trì thực hiện", "Thời hạn hoàn thành"]],
        rows=[
            ["1.", "Chủ trì, phối hợp với Sở Tài chính xây dựng định mức chi cho việc số hóa hồ sơ lưu trữ.",
             "Kế hoạch số 12/KH-UBND", "Sở Nội vụ", "30/06/2025"],
            ["2.", "Hoàn thiện cơ sở dữ liệu đất đai của các xã vùng ven biển.", "Kế hoạch số 12/KH-UBND",
             "Sở Nông nghiệp và Môi trường", "31/07/2025"],
        ],
    ),
    TableSpec(
        widths=[30, 200, 90, 100, 63],
        header=[["STT", "Nhiệm vụ", "Văn bản giao nhiệm vụ", "Cơ quan chủ trì thực hiện", "Thời hạn hoàn thành"]],
        rows=[
            ["1.", "Chủ trì, phối hợp với Công an tỉnh và Sở Tư pháp làm sạch dữ liệu hộ tịch đã số hóa.",
             "Thông báo số 7/TB-UBND", "Sở Nội vụ", "15/08/2025"],
            ["2.", "Sở Y tế chủ trì, phối hợp với Bảo hiểm xã hội tỉnh kết nối hồ sơ sức khỏe điện tử.",
             "Thông báo số 7/TB-UBND", "Sở Y tế", "30/09/2025"],
        ],
    ),
    TableSpec(
        widths=[30, 200, 90, 100, 63],
        header=[["STT", "Nhiệm vụ", "Văn bản giao nhiệm vụ", "Cơ quan chủ trì thực hiện", "Thời hạn hoàn thành"]],
        rows=[
            ["1.", "Trình UBND tỉnh danh mục dịch vụ công được miễn phí trên môi trường mạng.",
             "Công văn số 88/UBND-KSTT", "Văn phòng UBND tỉnh", "31/10/2025"],
        ],
    ),
]

# Group rows with their Roman number and title in one cell across the row
# ("I. NÂNG CAO NHẬN THỨC"); units abbreviated ("Sở KH&CN"); "Quí" for Quý; the
# plan's body lists some rows' work word for word, without units.
ROMAN_TITLES = TableSpec(
    widths=[30, 200, 80, 110, 63],
    header=[["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]],
    rows=[
        ["I. NÂNG CAO NHẬN THỨC VỀ KINH TẾ SỐ", "<", "<", "<", "<"],
        ["1", "Mở lớp bồi dưỡng kỹ năng số cho hộ kinh doanh tại các chợ truyền thống.", "Sở KH&CN",
         "Sở Công Thương; UBND các xã, phường", "Thường xuyên"],
        ["2", "Biên soạn sổ tay hướng dẫn bán hàng trên sàn thương mại điện tử.", "Sở Công Thương",
         "Sở KH&CN; các cơ quan, đơn vị liên quan", "Quí IV-2025"],
        ["II. HỖ TRỢ HỢP TÁC XÃ", "<", "<", "<", "<"],
        ["3", "Chọn mười hợp tác xã làm điểm về quản trị bằng phần mềm kế toán.", "Liên minh Hợp tác xã tỉnh",
         "Sở Tài chính, Sở KH&CN", "Hằng năm"],
    ],
)

ROMAN_BODY = [
    "Căn cứ tình hình thực tế, Sở Khoa học và Công nghệ ban hành Kế hoạch như sau:",
    "I. NHIỆM VỤ TRỌNG TÂM",
    "a) Mở lớp bồi dưỡng kỹ năng số cho hộ kinh doanh tại các chợ truyền thống.",
    "b) Biên soạn sổ tay hướng dẫn bán hàng trên sàn thương mại điện tử.",
    "c) Chọn mười hợp tác xã làm điểm về quản trị bằng phần mềm kế toán.",
    "II. TỔ CHỨC THỰC HIỆN",
    "Các nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.",
]

# A report on earlier tasks: what was done and a status per row. Not tasks to do.
PROGRESS = TableSpec(
    widths=[30, 170, 90, 60, 90, 43],
    header=[["STT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Kết quả thực hiện", "Tiến độ"]],
    rows=[
        ["1", "Số hóa sổ hộ tịch giai đoạn trước năm 2000.", "Sở Tư pháp", "30/06/2025",
         "Đã số hóa 80% số sổ, còn lại chuyển sang quý sau.", "Đang thực hiện"],
        ["2", "Công bố danh mục thủ tục hành chính nội bộ.", "Văn phòng UBND tỉnh", "31/07/2025",
         "Đã công bố tại Quyết định số 15/QĐ-UBND.", "Đã hoàn thành"],
        ["3", "Kết nối phần mềm một cửa với cơ sở dữ liệu dân cư.", "Sở Khoa học và Công nghệ", "31/08/2025",
         "Đã kết nối thử nghiệm tại hai xã.", "Đang thực hiện"],
    ],
)

SAMPLES: dict[str, PlanSpec] = {
    "doubled": PlanSpec(DOUBLED, issuer=("UBND TỈNH AN PHÚ", "VĂN PHÒNG"), number="Số: 118/VP-KSTT",
                        title="", subject="V/v triển khai các nhiệm vụ số hóa hồ sơ năm 2025"),
    "two-row-header": PlanSpec(TWO_ROW_HEADER),
    "cut-row": PlanSpec(CUT_ROW),
    "groups": PlanSpec(GROUPS),
    "no-support": PlanSpec(NO_SUPPORT),
    "lead-first": PlanSpec(LEAD_FIRST, number="Số: 40/KH-UBND", issuer=("UBND TỈNH AN PHÚ", ""),
                           place_date="An Phú, ngày 20 tháng 11 năm 2025"),
    "overdue": PlanSpec(OVERDUE[0], issuer=("UBND TỈNH AN PHÚ", "VĂN PHÒNG"), number="Số: 51/TB-VP", title="THÔNG BÁO",
                        subject="Các nhiệm vụ chậm tiến độ", place_date="An Phú, ngày 16 tháng 11 năm 2025",
                        appendix=["PHỤ LỤC", "CÁC NHIỆM VỤ CHẬM TIẾN ĐỘ", "1. Các nhiệm vụ về dữ liệu số"],
                        more=[("2. Các nhiệm vụ về hồ sơ điện tử", OVERDUE[1]),
                              ("3. Các nhiệm vụ về dịch vụ công", OVERDUE[2])]),
    "roman-titles": PlanSpec(ROMAN_TITLES, body=ROMAN_BODY),
    "progress": PlanSpec(PROGRESS, issuer=("UBND TỈNH AN PHÚ", "VĂN PHÒNG"), number="Số: 60/BC-VP", title="BÁO CÁO",
                         subject="Kết quả thực hiện các nhiệm vụ quý III năm 2025"),
}
