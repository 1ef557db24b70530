"""One registry of the app's commands: it feeds the key bindings, the help screen and the command palette.

Each command names the screen it belongs to (its scope), the keys that run
it, the Textual action it calls and two Vietnamese texts: a short label for
the footer and one line for the help screen and the palette. Screens take
their BINDINGS from here (`bindings("home")`), so a key shown in the footer,
listed in the help and offered in the palette is always the same one.
"""
from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Command:
    id: str  # stable: "home.open"
    scope: str  # "app", a screen's scope, or "table" (every paged table)
    keys: str  # Textual key names, comma-separated: "f1,question_mark"
    action: str  # the Textual action it runs (method `action_<name>` of the scope's class)
    label: str  # short, for the footer
    help: str  # one line, for the help screen and the palette
    footer: bool = True
    palette: bool = True
    priority: bool = False  # also while typing in an input


# Scope → title in the help screen, in the order the help lists them.
SCOPES: dict[str, str] = {
    "app": "Chung (mọi màn hình)",
    "table": "Mọi bảng",
    "home": "Trang chủ — văn bản đã nạp",
    "load": "Nạp văn bản",
    "review": "Rà soát văn bản trước khi lưu",
    "directive": "Văn bản và nhiệm vụ",
    "overdue": "Bảng đơn vị quá hạn",
    "unit": "Phân công của một đơn vị",
    "meeting": "Danh sách cho cuộc họp",
    "indicators": "Chỉ số Quyết định 766",
    "chain": "Chuỗi thực hiện",
    "help": "Trợ giúp",
}

# Enter is never shown in the footer: tables and trees bind it themselves (to select), so whether the
# screen's meaning shows would depend on which widget has the focus. The help and the palette list it.

# Status keys 1..5 change the highlighted assignment's status (then Enter saves, with a note if typed).
STATUS_DIGITS = ("1", "2", "3", "4", "5")


def _status_commands(scope: str) -> list[Command]:
    from tracker.track.status import LABELS

    out = [Command(f"{scope}.status", scope, "s", "status", "Trạng thái",
                   "Đổi trạng thái của phân công đang chọn (kèm ghi chú)")]
    for digit, (key, text) in zip(STATUS_DIGITS, LABELS.items()):
        out.append(Command(f"{scope}.status.{key}", scope, digit, f"status('{key}')", text,
                           f"Chuyển phân công đang chọn sang «{text}» (Enter để lưu, có thể ghi chú)", footer=False))
    out.append(Command(f"{scope}.history", scope, "h", "history", "Lịch sử", "Xem lịch sử thay đổi của phân công"))
    return out


COMMANDS: list[Command] = [
    # -- everywhere
    Command("app.help", "app", "f1,question_mark", "help", "Trợ giúp", "Mọi phím tắt và lệnh"),
    Command("app.palette", "app", "ctrl+p", "command_palette", "Lệnh", "Tìm và chạy một lệnh bất kỳ", footer=False, priority=True),
    Command("app.home", "app", "f2", "go('home')", "Văn bản", "Trang chủ: các văn bản đã nạp", footer=False),
    Command("app.load", "app", "f3", "go('load')", "Nạp", "Nạp một văn bản mới (PDF, DOCX, TXT, MD)", footer=False),
    Command("app.overdue", "app", "f4", "go('overdue')", "Quá hạn", "Bảng xếp hạng đơn vị quá hạn", footer=False),
    Command("app.meeting", "app", "f5", "go('meeting')", "Họp", "Danh sách công việc cho cuộc họp", footer=False),
    Command("app.indicators", "app", "f6", "go('indicators')", "766", "21 chỉ số của Quyết định 766", footer=False),
    Command("app.as_of", "app", "f8", "as_of", "Ngày tính", "Đổi ngày dùng để tính hạn và quá hạn", footer=False),
    Command("app.reload", "app", "ctrl+r", "reload", "Làm mới", "Đọc lại dữ liệu", footer=False),
    Command("app.quit", "app", "ctrl+q", "quit", "Thoát", "Thoát chương trình", footer=False, priority=True),
    # -- every paged table
    # The whole list scrolls (a table builds only the rows on screen): these move over all of it.
    Command("table.next", "table", "pagedown,right_square_bracket", "page_down", "Trang sau",
            "Xuống một trang (một màn hình) của bảng", footer=False),
    Command("table.prev", "table", "pageup,left_square_bracket", "page_up", "Trang trước",
            "Lên một trang (một màn hình) của bảng", footer=False),
    Command("table.first", "table", "home,ctrl+home", "first_row", "Đầu bảng", "Về dòng đầu của bảng", footer=False),
    Command("table.last", "table", "end,ctrl+end", "last_row", "Cuối bảng", "Tới dòng cuối của bảng", footer=False),
    Command("table.up", "table", "up", "cursor_up", "Lên", "Lên một dòng", footer=False, palette=False),
    Command("table.down", "table", "down", "cursor_down", "Xuống", "Xuống một dòng", footer=False, palette=False),
    Command("table.left", "table", "left", "scroll_left", "Sang trái", "Cuộn bảng sang trái", footer=False, palette=False),
    Command("table.right", "table", "right", "scroll_right", "Sang phải", "Cuộn bảng sang phải", footer=False,
            palette=False),
    Command("table.select", "table", "enter", "select_cursor", "Mở", "Mở dòng đang chọn", footer=False, palette=False),
    # Not in the footer (it would push the screen's own keys off a narrow one): every table's caption says it.
    Command("table.full", "table", "i", "row_in_full", "Xem đủ", "Xem đầy đủ dòng đang chọn: mọi cột, chữ không bị cắt",
            footer=False),
    # -- home
    Command("home.open", "home", "enter", "open", "Mở", "Mở văn bản đang chọn", footer=False),
    Command("home.search", "home", "slash", "focus('search')", "Tìm", "Tìm theo số, cơ quan, trích yếu (không cần dấu)"),
    Command("home.unit", "home", "u", "focus('unit')", "Đơn vị", "Lọc văn bản giao việc cho một đơn vị"),
    Command("home.level", "home", "v", "cycle_level", "Cấp", "Lọc theo cấp ban hành (tỉnh, huyện, xã)"),
    Command("home.status", "home", "t", "cycle_status", "Tình trạng", "Lọc theo tình trạng (quá hạn, chưa xong, đã xong)"),
    Command("home.tree", "home", "a", "focus('tree')", "Địa bàn", "Chọn địa bàn trên cây tỉnh → (huyện →) xã"),
    Command("home.clear", "home", "x", "clear_filters", "Bỏ lọc", "Bỏ mọi bộ lọc"),
    Command("home.chain", "home", "c", "chain", "Chuỗi", "Chuỗi thực hiện của văn bản đang chọn"),
    Command("home.load", "home", "n", "app.go('load')", "Nạp", "Nạp văn bản mới", footer=False),
    Command("home.quit", "home", "q", "app.quit", "Thoát", "Thoát chương trình", footer=False),
    # -- load
    Command("load.path", "load", "slash", "type_path", "Gõ đường dẫn", "Gõ đường dẫn của tệp cần nạp (bắt đầu bằng /)"),
    Command("load.tree", "load", "ctrl+t", "focus('files')", "Cây thư mục", "Chọn tệp trong cây thư mục", priority=True),
    Command("load.back", "load", "escape", "back", "Quay lại", "Quay lại màn hình trước"),
    # -- review
    Command("review.edit", "review", "e", "edit", "Sửa ô", "Sửa ô đang chọn (nội dung, đơn vị, thời hạn, chỉ số)"),
    Command("review.edit_enter", "review", "enter", "edit", "Sửa ô", "Sửa ô đang chọn (như phím e)", footer=False,
            palette=False),
    Command("review.add", "review", "a", "add", "Thêm", "Thêm một nhiệm vụ sau nhiệm vụ đang chọn"),
    Command("review.delete", "review", "delete,d", "delete", "Xóa", "Xóa nhiệm vụ đang chọn"),
    # Split and merge are in the table's caption; the footer keeps room for the rest on a narrow screen.
    Command("review.split", "review", "p", "split", "Tách", "Tách nhiệm vụ đang chọn làm hai", footer=False),
    Command("review.merge", "review", "g", "merge", "Gộp", "Gộp nhiệm vụ đang chọn với nhiệm vụ sau nó", footer=False),
    # n/N in the table; F7/Shift+F7 also from a header field, where n is a letter being typed. Not in the
    # footer (it would push F1 off a narrow one): the screen's legend says the keys whenever there is a place.
    Command("review.next_unsure", "review", "n,f7", "next_unsure", "Chỗ chưa chắc",
            "Đến chỗ chưa chắc chắn tiếp theo (tô vàng, dấu ?) để kiểm tra", footer=False),
    Command("review.prev_unsure", "review", "N,shift+f7", "prev_unsure", "Chỗ trước",
            "Về chỗ chưa chắc chắn trước đó", footer=False),
    Command("review.resolve", "review", "r", "resolve", "Đối chiếu", "Đối chiếu lại mọi tên đơn vị với danh mục"),
    Command("review.parent", "review", "ctrl+u", "focus('parent')", "VB cấp trên", "Chọn hoặc xác nhận văn bản cấp trên"),
    Command("review.save", "review", "ctrl+s", "save", "Lưu", "Lưu văn bản vào dữ liệu (hỏi xác nhận)", priority=True),
    Command("review.cancel", "review", "escape", "cancel", "Hủy", "Bỏ, không lưu gì"),
    # -- directive
    Command("directive.assignments", "directive", "enter", "focus_assignments", "Phân công",
            "Xem phân công của nhiệm vụ đang chọn", footer=False),
    *_status_commands("directive"),
    Command("directive.chain", "directive", "c", "chain", "Chuỗi", "Chuỗi thực hiện của nhiệm vụ đang chọn"),
    Command("directive.back", "directive", "escape", "back", "Quay lại", "Quay lại màn hình trước"),
    # -- overdue board
    Command("overdue.open", "overdue", "enter", "drill", "Xem", "Xem phân công của đơn vị đang chọn", footer=False),
    Command("overdue.level", "overdue", "v", "cycle_level", "Cấp", "Lọc theo cấp của đơn vị"),
    Command("overdue.area", "overdue", "a", "focus('area')", "Địa bàn", "Lọc theo địa bàn (tỉnh, huyện)"),
    Command("overdue.search", "overdue", "slash", "focus('search')", "Tìm", "Tìm đơn vị theo tên (không cần dấu)"),
    Command("overdue.all", "overdue", "o", "toggle_all", "Cả đơn vị đúng hạn",
            "Hiện cả đơn vị không có việc quá hạn", footer=False),
    Command("overdue.back", "overdue", "escape", "back", "Quay lại", "Quay lại màn hình trước"),
    # -- one unit's assignments
    *_status_commands("unit"),
    Command("unit.open", "unit", "enter", "open", "Mở VB", "Mở văn bản của phân công đang chọn", footer=False),
    Command("unit.chain", "unit", "c", "chain", "Chuỗi", "Chuỗi thực hiện của nhiệm vụ"),
    Command("unit.all", "unit", "o", "toggle_all", "Tất cả", "Hiện mọi phân công, không chỉ việc quá hạn"),
    Command("unit.back", "unit", "escape", "back", "Quay lại", "Quay lại bảng đơn vị"),
    # -- meeting
    Command("meeting.day", "meeting", "slash", "focus('day')", "Ngày họp", "Đổi ngày họp và mốc «hoàn thành từ»"),
    Command("meeting.group", "meeting", "g", "toggle_group", "Nhóm", "Nhóm theo văn bản hoặc theo đơn vị"),
    Command("meeting.section", "meeting", "t", "next_section", "Mục", "Chuyển mục: quá hạn, sắp đến hạn, đã hoàn thành"),
    Command("meeting.open", "meeting", "enter", "open", "Mở VB", "Mở văn bản của dòng đang chọn", footer=False),
    Command("meeting.docx", "meeting", "w", "export('docx')", "Word", "Xuất báo cáo Word (.docx)"),
    Command("meeting.xlsx", "meeting", "x", "export('xlsx')", "Excel", "Xuất báo cáo Excel (.xlsx)"),
    Command("meeting.md", "meeting", "m", "export('md')", "Markdown", "Xuất báo cáo Markdown (.md)"),
    Command("meeting.back", "meeting", "escape", "back", "Quay lại", "Quay lại màn hình trước"),
    # -- indicators
    Command("indicators.open", "indicators", "enter", "open", "Mở", "Xem nhiệm vụ của chỉ số / mở văn bản của nhiệm vụ", footer=False),
    Command("indicators.back", "indicators", "escape", "back", "Quay lại", "Quay lại màn hình trước"),
    # -- chain
    Command("chain.open", "chain", "o", "open", "Mở VB", "Mở văn bản của mục đang chọn"),
    Command("chain.expand", "chain", "e", "expand_all", "Mở hết", "Mở mọi nhánh của mục đang chọn"),
    Command("chain.whole", "chain", "d", "whole", "Cả văn bản", "Xem chuỗi của cả văn bản, không chỉ nhiệm vụ"),
    *[c for c in _status_commands("chain") if c.action != "history"],
    Command("chain.back", "chain", "escape", "back", "Quay lại", "Quay lại màn hình trước"),
    # -- help
    Command("help.close", "help", "escape,f1,q", "back", "Đóng", "Đóng trợ giúp"),
]


def commands(scope: str) -> list[Command]:
    return [c for c in COMMANDS if c.scope == scope]


def bindings(scope: str) -> list[Binding]:
    """The Textual bindings of a scope, built from the registry."""
    return [
        Binding(c.keys, c.action, c.label, show=c.footer, id=c.id, priority=c.priority)
        for c in commands(scope)
    ]


def key_display(keys: str) -> str:
    """How the help screen writes a key list ("f1,question_mark" → "F1 / ?")."""
    names = {
        "question_mark": "?", "slash": "/", "enter": "Enter", "escape": "Esc", "delete": "Delete",
        "tab": "Tab", "right_square_bracket": "]", "left_square_bracket": "[", "space": "Space",
        "pagedown": "PgDn", "pageup": "PgUp", "home": "Home", "end": "End", "up": "↑", "down": "↓",
        "left": "←", "right": "→",
    }
    out = []
    for k in keys.split(","):
        k = k.strip()
        if k in names:
            out.append(names[k])
        elif k.startswith("shift+"):
            out.append("Shift+" + key_display(k[6:]))
        elif k.startswith("ctrl+"):
            out.append("Ctrl+" + k[5:].upper())
        elif k.startswith("f") and k[1:].isdigit():
            out.append(k.upper())
        else:
            out.append(k)
    return " / ".join(out)
