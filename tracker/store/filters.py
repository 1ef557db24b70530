"""Which assignments a query wants: the filter, and the rows of the index columns that pass it.

The filters that do not depend on the day are applied here, on the index
columns, before anything is judged (tracker/store/queries.py judges what is left).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

from tracker.store.index import FLAG_REMOVED, FLAG_SUPPORT, T_INDICATORS
from tracker.text import fold
from tracker.track import status as st


@dataclass
class AssignmentFilter:
    """Which assignments a query wants; every field is optional (None/False = no filter)."""

    unit: str | None = None  # unit id, or text found in the unit's name (diacritics folded)
    directive: str | int | None = None  # directive id or number ("2333/UBND-VP"), see find_directive
    status: str | Iterable[str] | None = None  # status keys
    indicator: int | None = None  # Decision 766 indicator number
    overdue: bool = False  # only those overdue as of the day
    due_within: int | None = None  # only open ones due within this many days from the day
    level: str | None = None  # the unit's level (province, district, commune)
    category: str | Iterable[str] | None = None  # on_time | late | not_due | overdue | cancelled
    role: str | None = None  # lead | support
    done_since: date | None = None  # only those done (on time or late) on or after this day
    include_removed: bool = False  # also those whose task or unit left the directive on a re-load
    area: str | None = None  # a unit id: that unit and every unit under it (see in_area)

    def day_independent(self) -> bool:
        """True when no field needs a day to be judged (then `directive_ids` can answer without one)."""
        return not (self.category or self.overdue or self.due_within is not None or self.done_since)


def in_area(key: str | None, area: str) -> bool:
    """True when the unit id `key` is `area` or hangs from it.

    Unit ids spell their ancestry (tracker.units): "2022:p30.d298" holds
    "2022:p30.d298.c11098" (a commune), "2022:p30.d298/phong-tu-phap" (an
    agency) and "2022:p30.d298#commune" (a group of its communes left
    unexpanded), but not "2022:p30.d2981". Unresolved units ("?name") sit
    under nothing but themselves.
    """
    if not key:
        return False
    return key == area or (key.startswith(area) and key[len(area) : len(area) + 1] in (".", "/", "#"))


class RowSelection:
    """Row selection of `tracker.store.Store` (mixed into it through Queries)."""

    def _rows(self, flt: AssignmentFilter) -> list[int]:
        """Row positions that pass the filters that do not depend on the day, in id order.

        The most selective filters go first and each next one looks only at
        the rows left, so a directive or an area costs one pass over the
        columns, not one per filter.
        """
        idx = self.index()
        rows: list[int] | None = None  # None: every row still in

        def narrow(col: str, keep: Any) -> None:
            nonlocal rows
            values = idx.cols[col]
            if rows is None:
                rows = [i for i, v in enumerate(values) if keep(v)]
            else:
                rows = [i for i in rows if keep(values[i])]

        if flt.directive is not None:
            did = self.find_directive(flt.directive)
            narrow("did", did.__eq__)
        if flt.unit or flt.level or flt.area:
            narrow("unit", self._unit_codes(flt.unit, flt.level, flt.area).__contains__)
        if flt.indicator is not None:
            want = int(flt.indicator)
            narrow("tid", {tid for tid, e in idx.tasks.items() if want in (e[T_INDICATORS] or [])}.__contains__)
        if flt.status:
            narrow("status", {st.CODE[s] for s in ([flt.status] if isinstance(flt.status, str) else flt.status)}.__contains__)
        if not flt.include_removed:
            narrow("flags", lambda f: not f & FLAG_REMOVED)
        if flt.role:
            want_support = flt.role == "support"
            narrow("flags", lambda f: bool(f & FLAG_SUPPORT) == want_support)
        return list(range(len(idx))) if rows is None else rows

    def _unit_codes(self, text: str | None, level: str | None, area: str | None = None) -> set[int]:
        idx = self.index()
        units = self._unit_docs()
        bodies = self._bodies()
        want = fold(text) if text else None
        out = set()
        for code, key in enumerate(idx.unit_keys):
            shown = bodies(key)  # a pre-2025 unit shown as its successor: in the successor's area, by either name
            if area is not None and not (in_area(key, area) or in_area(shown.key, area)):
                continue
            u = units.get(key) or {"key": key, "name": key.lstrip("?")}
            if level and (u.get("level") or "") != level and (shown.level or "") != level:
                continue
            if want and not (
                want in fold(u.get("name") or "") or want == fold(key) or want == fold(u.get("id") or "")
                or (shown.key != key and (want in fold(shown.name) or want == fold(shown.key)))
            ):
                continue
            out.add(code)
        return out
