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

SAMPLES: dict[str, PlanSpec] = {
    "doubled": PlanSpec(DOUBLED, issuer=("UBND TỈNH AN PHÚ", "VĂN PHÒNG"), number="Số: 118/VP-KSTT",
                        title="", subject="V/v triển khai các nhiệm vụ số hóa hồ sơ năm 2025"),
    "two-row-header": PlanSpec(TWO_ROW_HEADER),
    "cut-row": PlanSpec(CUT_ROW),
    "groups": PlanSpec(GROUPS),
    "no-support": PlanSpec(NO_SUPPORT),
}
