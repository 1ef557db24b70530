"""Plain records that flow down the pipeline: read → structure → extract → resolve.

Every stage takes these in and gives these out; none of them knows about the
store or the UI. `to_json()` gives the JSON contract of `../shared/eval/README.md`
(extra keys are allowed there, so ids, pages and warnings ride along).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# ---------------------------------------------------------------- read stage


@dataclass
class Line:
    """One visual line of text as a reader found it."""

    text: str
    page: int = 1
    region: str = "body"  # body | header-left | header-right | closing-left | closing-right
    bold: bool = False
    x0: float | None = None
    top: float | None = None
    gap_before: bool = False  # a blank line (or a wide vertical gap) came before it


@dataclass
class Table:
    """A table as rows of cell strings (None for a merged cell)."""

    rows: list[list[str | None]]
    page: int = 1
    # Column boundaries left to right (PDF): a header-less table on the next
    # page with the same boundaries continues this one.
    xs: list[float] | None = None
    # (row, column) of the None cells that are the lower part of a cell merged
    # down (the rest of the None cells are merged from the left).
    merged_down: set[tuple[int, int]] = field(default_factory=set)
    # Cells bounded by rules (PDF, DOCX); False for a text copy's separated
    # rows, where a wrapped cell can spill onto a row of its own.
    ruled: bool = True


Block = Line | Table


@dataclass
class Document:
    """What a reader gives: lines and tables in reading order."""

    path: str
    format: str  # pdf | docx | txt | md
    blocks: list[Block] = field(default_factory=list)
    pages: int = 1
    sha256: str = ""


# ---------------------------------------------------------- extract stage


@dataclass
class UnitRef:
    """A unit as the document names it; `id` is filled in by the resolver."""

    name: str
    id: str | None = None  # unit id or group id in the hierarchy
    group: bool = False  # the id names a group that expands to members
    confidence: float | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        if self.id is not None:
            out.update(id=self.id, group=self.group)
            if self.confidence is not None:
                out["confidence"] = round(self.confidence, 3)
        return out


DEADLINE_KINDS = ("date", "start", "period", "recurring", "relative", "event")


@dataclass
class Deadline:
    kind: str  # one of DEADLINE_KINDS
    text: str  # the phrase as written
    date: str | None = None  # ISO date for date/start/period
    hours: int | None = None  # relative spans
    days: int | None = None
    working: bool = False  # "ngày/giờ làm việc": skip weekends and holidays
    cycle: str | None = None  # recurring: monthly | quarterly | yearly | weekly | continuous
    day: int | None = None  # recurring: report day of the cycle ("trước ngày 20 hằng tháng")
    warning: str | None = None
    # Relative spans: what the span counts from ("khi nhận hồ sơ", "ngày ký"), and how:
    # "document" (a due date from the directive's date), "case" (a standing rule that
    # applies to each dossier, complaint ...: never one due date) or "event" (a one-off
    # event: due once a clerk records when it happened).
    anchor: str | None = None
    counts_from: str | None = None
    per_case: bool = False

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text}
        for key in ("date", "hours", "days", "cycle", "day", "warning", "anchor", "counts_from"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.working:
            out["working"] = True
        if self.per_case:
            out["per_case"] = True
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Deadline | None:
        if not data:
            return None
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        known.setdefault("text", "")
        return cls(**known)


@dataclass
class Task:
    text: str
    path: str = ""  # outline path: "1.a", "2.-1", "PL.05"
    lead: list[UnitRef] = field(default_factory=list)
    support: list[UnitRef] = field(default_factory=list)
    deadline: Deadline | None = None
    indicators: list[int] = field(default_factory=list)
    page: int | None = None
    points: float | None = None  # appendix rows that carry the indicator's points
    warnings: list[str] = field(default_factory=list)
    # Where the deadline is written when not in the text itself: an appendix
    # row's time cell, an item's "Thời gian thực hiện: ..." line.
    deadline_source: str | None = None
    group: str | None = None  # an appendix row's group title ("Nhiệm vụ về chuyển đổi số")
    product: str | None = None  # an appendix row's "Sản phẩm" cell
    # How sure the reader is of the task and each field: "task", "lead", "support",
    # "deadline", "indicators" (0..1), as for the header.
    confidence: dict[str, float] = field(default_factory=dict)
    # How each field was found (its route: "item+no_lead", "cue", "time_one" ...), the key of
    # its confidence table; kept for measuring calibration (bench/calibration.py), not in the JSON.
    found_by: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "text": self.text,
            "lead": [u.to_json() for u in self.lead],
            "support": [u.to_json() for u in self.support],
            "deadline": self.deadline.to_json() if self.deadline else None,
            "indicators": list(self.indicators),
        }
        if self.page is not None:
            out["page"] = self.page
        if self.points is not None:
            out["points"] = self.points
        if self.warnings:
            out["warnings"] = list(self.warnings)
        if self.group:
            out["group"] = self.group
        if self.product:
            out["product"] = self.product
        if self.confidence:
            out["confidence"] = {k: round(v, 3) for k, v in self.confidence.items()}
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Task:
        def units(xs: list[Any]) -> list[UnitRef]:
            out = []
            for u in xs or []:
                if isinstance(u, str):
                    out.append(UnitRef(u))
                else:
                    out.append(UnitRef(u.get("name", ""), u.get("id"), bool(u.get("group")), u.get("confidence")))
            return out

        return cls(
            text=data.get("text", ""),
            path=data.get("path", ""),
            lead=units(data.get("lead")),
            support=units(data.get("support")),
            deadline=Deadline.from_json(data.get("deadline")),
            indicators=[int(i) for i in data.get("indicators") or []],
            page=data.get("page"),
            points=data.get("points"),
            warnings=list(data.get("warnings") or []),
            group=data.get("group"),
            product=data.get("product"),
            confidence=dict(data.get("confidence") or {}),
        )


@dataclass
class Header:
    number: str | None = None  # "2283/UBND-PVHCC&KSTT"; None when left blank
    symbol: str | None = None  # "UBND-PVHCC&KSTT"
    doc_type: str | None = None  # CV, QĐ, KH, TB, CT ...
    issuer: str | None = None  # "UBND tỉnh Hưng Yên"
    issuer_parent: str | None = None  # the line above the issuer ("UBND HUYỆN TỨ KỲ")
    issuer_id: str | None = None  # filled by the resolver
    level: str | None = None  # central | province | district | commune
    place: str | None = None
    date: str | None = None  # ISO; "2022-08" when the day is blank
    subject: str | None = None
    recipients: list[str] = field(default_factory=list)
    signer: str | None = None
    signer_title: str | None = None
    signing_mode: str | None = None  # "TM." / "KT." lines as written
    references: list[str] = field(default_factory=list)
    parent: str | None = None
    cc: list[str] = field(default_factory=list)  # "Nơi nhận" lines
    # Filled by the resolver: the structure of units the document is written in ("2022" | "2025")
    # and what said so (tracker/units/in_force.py: date, year, parent, header, setting, today).
    structure: str | None = None
    structure_basis: str | None = None
    # How sure the reader is of each field, 0..1 ("issuer": 0.95, "date": 0.3 ...); a field
    # below task_rules/confidence.toml's threshold is shown to the clerk as unsure.
    confidence: dict[str, float] = field(default_factory=dict)
    found_by: dict[str, str] = field(default_factory=dict, compare=False, repr=False)  # as Task.found_by

    def to_json(self) -> dict[str, Any]:
        out = {
            "number": self.number,
            "symbol": self.symbol,
            "doc_type": self.doc_type,
            "issuer": self.issuer,
            "level": self.level,
            "place": self.place,
            "date": self.date,
            "subject": self.subject,
            "recipients": list(self.recipients),
            "signer": self.signer,
            "signer_title": self.signer_title,
            "parent": self.parent,
            "references": list(self.references),
        }
        if self.issuer_id:
            out["issuer_id"] = self.issuer_id
        if self.signing_mode:
            out["signing_mode"] = self.signing_mode
        if self.cc:
            out["cc"] = list(self.cc)
        if self.structure:
            out["structure"] = self.structure
            out["structure_basis"] = self.structure_basis
        if self.confidence:
            out["confidence"] = {k: round(v, 3) for k, v in self.confidence.items()}
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Header:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


@dataclass
class Source:
    path: str
    format: str
    sha256: str
    pages: int = 1


@dataclass
class DirectiveDraft:
    """A parsed directive before it is stored: what the clerk reviews."""

    header: Header
    tasks: list[Task]
    source: Source
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "directive": self.header.to_json(),
            "tasks": [t.to_json() for t in self.tasks],
            "source": {
                "path": self.source.path,
                "format": self.source.format,
                "sha256": self.source.sha256,
                "pages": self.source.pages,
            },
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DirectiveDraft:
        src = data.get("source") or {}
        return cls(
            header=Header.from_json(data.get("directive") or {}),
            tasks=[Task.from_json(t) for t in data.get("tasks") or []],
            source=Source(src.get("path", ""), src.get("format", ""), src.get("sha256", ""), src.get("pages", 1)),
            warnings=list(data.get("warnings") or []),
        )
