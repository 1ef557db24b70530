"""The words of a report, shared by every format so Word, Excel and Markdown say the same thing.

Category names are those of official task reports (Văn phòng Chính phủ):
four counts per unit and ageing of overdue work "quá hạn trên 30/60/120 ngày".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Hashable, Sequence

from tracker.store.records import AssignmentRow, UnitCounts
from tracker.track.assess import AGEING, LATE
from tracker.track.dates import format_date

from tracker.report.data import LEVEL_LABELS, SOON_DAYS, ReportData

TITLE = "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"
TITLE_SENTENCE = "Báo cáo tình hình thực hiện nhiệm vụ"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# The four official categories, in their order, as column titles.
ON_TIME = "Hoàn thành đúng hạn"
LATE_DONE = "Hoàn thành quá hạn"
NOT_DUE = "Đang thực hiện trong hạn / chưa đến hạn"
OVERDUE = "Quá hạn chưa hoàn thành"
CATEGORIES = (ON_TIME, LATE_DONE, NOT_DUE, OVERDUE)
AGEING_TITLES = tuple(f"Quá hạn trên {n} ngày" for n in AGEING)

# Section titles, in sentence case; `heading()` fills them and upper-cases them for Word.
SECTION_DIRECTIVES = "Các văn bản chỉ đạo"
SECTION_SUMMARY = "Kết quả thực hiện theo đơn vị"
SECTION_OVERDUE = "Nhiệm vụ quá hạn chưa hoàn thành"
SECTION_SOON = "Nhiệm vụ đến hạn trong {} ngày tới (từ {} đến {})"
SECTION_DONE = "Nhiệm vụ đã hoàn thành từ ngày {} đến ngày {}"
SECTION_766 = "Điểm chỉ số theo Quyết định {} có liên quan"
SECTION_CHART = "Biểu đồ tiến độ theo đơn vị"

NOTE_766 = (
    "Điểm có nguy cơ: tổng điểm các chỉ số có ít nhất một nhiệm vụ liên quan quá hạn. "
    "Một nhiệm vụ là quá hạn khi có đơn vị quá hạn, đang thực hiện khi chưa quá hạn và còn đơn vị chưa hoàn thành."
)


def as_of_line(data: ReportData) -> str:
    return f"Tính đến ngày {format_date(data.as_of)}"


def heading(template: str, *values: object, upper: bool = False) -> str:
    """A section title with its values; upper case (Word's headings) leaves the values as they are ("766/QĐ-TTg")."""
    return (template.upper() if upper else template).format(*values)


def section_soon(data: ReportData, *, upper: bool = False) -> str:
    return heading(SECTION_SOON, SOON_DAYS, format_date(data.as_of), format_date(data.soon_until), upper=upper)


def section_done(data: ReportData, *, upper: bool = False) -> str:
    return heading(SECTION_DONE, format_date(data.since), format_date(data.as_of), upper=upper)


def section_766(data: ReportData, *, upper: bool = False) -> str:
    return heading(SECTION_766, data.catalogue, upper=upper)


def scope_lines(data: ReportData) -> list[str]:
    """What the report covers, under its title."""
    out = []
    if data.directive is not None:
        d = data.directive
        when = f" ngày {d.date_text}" if d.date_text else ""
        by = f" của {d.issuer}" if d.issuer else ""
        out.append(f"Thực hiện văn bản số {d.number}{when}{by}")
    if data.unit is not None:
        under = " và các đơn vị trực thuộc" if data.unit.kind in ("province", "district", "commune") else ""
        out.append(f"Đơn vị: {data.unit.name}{under}")
    return out


def pct(part: int, whole: int) -> str:
    """56,5% (Vietnamese decimal comma); '0%' of nothing."""
    if not whole:
        return "0%"
    value = round(100.0 * part / whole, 1)
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def counted(u: UnitCounts) -> int:
    """Assignments in the four categories: all but those not carried out (không thực hiện)."""
    return u.total - u.cancelled


def summary_sentences(data: ReportData) -> list[str]:
    """The summary paragraph: totals in the four categories, ageing, and what is left out."""
    t = data.totals
    n = counted(t)
    if not t.total:
        return ["Không có nhiệm vụ nào trong phạm vi báo cáo."]
    out = [
        f"Tổng số {data.tasks} nhiệm vụ, giao {t.total} lượt cho {len(data.units)} đơn vị "
        f"(chủ trì và phối hợp); {n} lượt được đánh giá, trong đó:",
        f"- {ON_TIME}: {t.on_time} ({pct(t.on_time, n)});",
        f"- {LATE_DONE}: {t.late} ({pct(t.late, n)});",
        f"- {NOT_DUE}: {t.not_due} ({pct(t.not_due, n)});",
        f"- {OVERDUE}: {t.overdue} ({pct(t.overdue, n)})"
        + (f", trong đó quá hạn trên {AGEING[0]} ngày: {t.over_30}, trên {AGEING[1]} ngày: {t.over_60}, "
           f"trên {AGEING[2]} ngày: {t.over_120}." if t.overdue else "."),
    ]
    if t.cancelled:
        out.append(f"Có {t.cancelled} lượt không thực hiện (không tính vào các tỷ lệ trên).")
    return out


@dataclass
class TaskRows:
    """Assignments of one task that stand alike (same due date, days late, ...): one line on paper."""

    row: AssignmentRow  # the first of them: the task, due date, days late
    units: list[str] = field(default_factory=list)

    def unit_list(self, limit: int | None = None) -> str:
        """'A; B; C', or with `limit`: 'A; B và 5 đơn vị khác'."""
        if limit is None or len(self.units) <= limit:
            return "; ".join(self.units)
        return "; ".join(self.units[:limit]) + f" và {len(self.units) - limit} đơn vị khác"


def by_task(rows: Sequence[AssignmentRow], key: Callable[[AssignmentRow], Hashable]) -> list[TaskRows]:
    """Rows of the same task and `key` together, in the order their first row comes.

    A task given to "UBND các xã" is one assignment per commune: on paper it
    reads as one line listing the units, not thirty lines repeating the task.
    """
    groups: dict[tuple[int, Hashable], TaskRows] = {}
    for r in rows:
        g = groups.get((r.task_id, key(r)))
        if g is None:
            g = groups[(r.task_id, key(r))] = TaskRows(r)
        g.units.append(unit_name(r))
    return list(groups.values())


def overdue_key(r: AssignmentRow) -> Hashable:
    return (r.due, r.days_late)


def done_key(r: AssignmentRow) -> Hashable:
    return (r.done_on, r.category, r.days_late)


def unit_name(r: AssignmentRow) -> str:
    """The unit as a table cell: its name, '(phối hợp)' for supporting units, '(?)' when unresolved."""
    name = r.unit + (" (chưa xác định)" if r.unresolved else "")
    return name + (" (phối hợp)" if r.role == "support" else "")


def task_text(r: AssignmentRow, limit: int | None = None) -> str:
    """The task as a table cell: its text (cut at `limit` characters), then where it comes from."""
    text = " ".join(r.task.split())
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    where = r.directive + (f", mục {r.task_path}" if r.task_path else "")
    return f"{text} ({where})" if text else f"({where})"


def done_verdict(r: AssignmentRow) -> str:
    if r.category == LATE:
        return f"Quá hạn {r.days_late} ngày"
    return "Đúng hạn"


def days_left(r: AssignmentRow, as_of: date) -> int:
    return (r.due - as_of).days if r.due else 0


def level_label(level: str | None) -> str:
    return LEVEL_LABELS.get(level or "", "")


def more_rows(groups: Sequence[TaskRows], shown: int, fmt_hint: str = "tệp Excel (tracker report --format xlsx)") -> str:
    """The line under a table cut short: how many lines and assignments are left out, and where they all are."""
    rest = groups[shown:]
    return (f"… và {len(rest)} dòng khác ({sum(len(g.units) for g in rest)} lượt phân công); "
            f"danh sách đầy đủ trong {fmt_hint}.")


def reporter_line(data: ReportData) -> str:
    return (data.reporter or "").upper()


def date_line(data: ReportData) -> str:
    """'Hải Dương, ngày 05 tháng 02 năm 2022' as Decree 30/2020 writes it: a zero before days
    under 10 and the months 1 and 2 only; the place left to fill when unknown."""
    d = data.as_of
    place = data.place or "……………"
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"{place}, ngày {d.day:02d} tháng {month} năm {d.year}"
