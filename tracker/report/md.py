"""The Markdown report: short, for a chat message or an e-mail.

The same sections as the Word report, each table cut to MD_ROWS lines (the
most pressing first) with a line saying how many more there are; a line is a
task with the units alike (at most UNITS named); task texts cut to
TASK_CHARS characters. No chart: chat apps do not show pictures
inside Markdown.
"""
from __future__ import annotations

from typing import Any, Sequence

from tracker.track.dates import format_date

from tracker.report import labels as L
from tracker.report.data import ReportData

MD_ROWS = 15
TASK_CHARS = 90
UNITS = 6  # units named in a line before "và N đơn vị khác"


def render_md(data: ReportData) -> str:
    d = data
    out: list[str] = [f"# {L.TITLE_SENTENCE}", ""]
    out += [f"**{line}**  " for line in L.scope_lines(d)]
    out += [f"*{L.as_of_line(d)}*", ""]
    if d.directives:
        out.append("**Văn bản chỉ đạo:** " + "; ".join(
            f"{x.number} ({', '.join(p for p in (x.date_text, x.issuer) if p)})" for x in d.directives) + ".")
        out.append("")

    out += ["## Tổng hợp", ""]
    out += L.summary_sentences(d)
    out.append("")
    if d.units:
        rows = [[u.unit, L.counted(u), u.on_time, u.late, u.not_due, u.overdue, u.over_30] for u in d.units]
        out += _table(["Đơn vị", "Tổng", "Xong đúng hạn", "Xong quá hạn", "Trong hạn", "Quá hạn", f"Quá hạn >{L.AGEING[0]} ngày"],
                      rows, right=range(1, 7), what="đơn vị")

    out += [f"## {L.SECTION_OVERDUE} ({len(d.overdue)})", ""]
    out += _table(["Đơn vị", "Nhiệm vụ", "Hạn", "Quá hạn (ngày)"],
                  [[g.unit_list(UNITS), L.task_text(g.row, TASK_CHARS), format_date(g.row.due), g.row.days_late]
                   for g in L.by_task(d.overdue, L.overdue_key)],
                  right=[3], none="Không có nhiệm vụ quá hạn.", what="dòng")
    out += [f"## {L.section_soon(d)} ({len(d.due_soon)})", ""]
    out += _table(["Đơn vị", "Nhiệm vụ", "Hạn", "Còn (ngày)"],
                  [[g.unit_list(UNITS), L.task_text(g.row, TASK_CHARS), format_date(g.row.due), L.days_left(g.row, d.as_of)]
                   for g in L.by_task(d.due_soon, L.overdue_key)],
                  right=[3], none="Không có nhiệm vụ đến hạn trong thời gian này.", what="dòng")
    out += [f"## {L.section_done(d)} ({len(d.done_since)})", ""]
    out += _table(["Đơn vị", "Nhiệm vụ", "Hoàn thành", "Đánh giá"],
                  [[g.unit_list(UNITS), L.task_text(g.row, TASK_CHARS), format_date(g.row.done_on), L.done_verdict(g.row)]
                   for g in L.by_task(d.done_since, L.done_key)],
                  none="Không có nhiệm vụ hoàn thành trong thời gian này.", what="dòng")
    if d.indicator_groups:
        out += [f"## {L.section_766(d)}", ""]
        out += _table(["Nhóm", "Điểm", "Nhiệm vụ", "Quá hạn", "Đang thực hiện", "Điểm có nguy cơ"],
                      [[f"{g.code}. {g.name}", _num(g.points), g.tasks, g.tasks_overdue, g.tasks_open, _num(g.points_at_risk)]
                       for g in d.indicator_groups], right=range(1, 6), limit=None)
        out += [f"_{L.NOTE_766}_", ""]
    return "\n".join(out).rstrip() + "\n"


def _table(head: list[str], rows: Sequence[Sequence[Any]], *, right: Any = (), none: str = "", what: str = "lượt",
           limit: int | None = MD_ROWS) -> list[str]:
    if not rows:
        return [none, ""] if none else []
    right = set(right)
    shown = rows if limit is None else rows[:limit]
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---:" if i in right else "---" for i in range(len(head))) + "|"]
    out += ["| " + " | ".join(_cell(v) for v in r) + " |" for r in shown]
    if len(rows) > len(shown):
        out.append("")
        out.append(f"_… và {len(rows) - len(shown)} {what} khác (đầy đủ trong báo cáo Word/Excel)._")
    out.append("")
    return out


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _num(x: float) -> str:
    return (f"{x:.2f}".rstrip("0").rstrip(".")).replace(".", ",")
