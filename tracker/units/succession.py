"""Which 2025 unit took over each unit of the pre-2025 structure, and the other way round.

    s = get_succession()
    s.successors("2022:p30.d298.c11098")     # ["2025:p31.c11113"]: the commune(s) it became
    s.current("2022:p33/so-lao-dong-tbxh")   # "2025:p33/so-noi-vu": where its work is shown now
    s.predecessors("2025:p33")               # ["2022:p33", "2022:p34"]: Hưng Yên and Thái Bình

Administrative units come from data (data/succession-2022-2025.json.gz, built
from the official conversion table by data/build.py): a province or commune
maps to the 2025 unit(s) that took it over, the default one first; a district
to the communes that took its communes, its primary successor first (the one
bearing its name, else the one that took its town). Agencies, posts and Party
bodies follow their unit, by task_rules/units/successors.toml (merged sở, the
district offices whose work went down to the communes or up to the province).

`current()` is the one unit a defunct unit's work is shown under; None when
the unit is already current or has no successor (a body dissolved outright).
"""
from __future__ import annotations

import gzip
import json
import threading
from dataclasses import dataclass
from functools import lru_cache

from tracker import rules
from tracker.errors import TrackerError
from tracker.units.hierarchy import DATA, Hierarchy, UnknownUnit, get_hierarchy, split_id, structure_of
from tracker.units.vocab import LEVELS

OLD, NEW = "2022", "2025"
_LETTER = {"province": "p", "district": "d", "commune": "c"}


@dataclass(frozen=True)
class AgencyRules:
    """successors.toml: old agency key → the keys (maybe "commune:"/"province:" prefixed) to try, per level."""

    by_level: dict[str, dict[str, tuple[str, ...]]]

    def targets(self, level: str, key: str) -> tuple[str, ...] | None:
        """The keys to try for an agency; None when the rules do not name it (same key then)."""
        return self.by_level.get(level, {}).get(key)


@rules.compiled
def agency_rules() -> AgencyRules:
    rf = rules.load("units/successors")
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for level in LEVELS:
        table = rf.get(level, dict, {})
        for key, targets in table.items():
            if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
                raise rf.error(f"[{level}] {key} must list the new keys as strings", key)
            for t in targets:
                where, _, k = t.rpartition(":")
                if where not in ("", "commune", "province") or (where and level != "district"):
                    raise rf.error(f"[{level}] {key}: '{t}' — only district agencies may name commune:KEY or province:KEY", key)
            out.setdefault(level, {})[key] = tuple(targets)
    return AgencyRules(out)


class Succession:
    """The pre-2025 → 2025 map of administrative units, and of agencies by the rules."""

    def __init__(self, data: dict, old: Hierarchy, new: Hierarchy):
        self.old, self.new = old, new
        self._by_old: dict[str, list[str]] = {}
        for level in ("province", "district", "commune"):
            for code, targets in data[level]:
                uid = old.id_of(level, code)
                if uid is not None:
                    self._by_old[uid] = [f"{NEW}:" + self._new_path(t) for t in targets]
        self._back: dict[str, list[str]] | None = None
        self._lock = threading.Lock()

    def _new_path(self, code: str) -> str:
        """A 2025 id from a bare code: provinces are 2 digits, communes 5 (their province from the data)."""
        if len(code) <= 2:
            return f"p{code}"
        unit = self.new.id_of("commune", code)
        if unit is None:
            raise TrackerError(f"dữ liệu sáp nhập nêu xã mã {code} (2025) mà units-2025 không có: hãy dựng lại dữ liệu bằng `python -m tracker.units.data.build`")
        return unit.split(":", 1)[1]

    # ------------------------------------------------------------ pre-2025 → 2025

    def successors(self, uid: str) -> list[str]:
        """The 2025 units that took over a pre-2025 unit (the primary first); [] for current ids or none."""
        if not uid.startswith(OLD + ":"):
            return []
        admin, sep, rest = split_id(uid)
        admins = self._by_old.get(admin, [])
        if not sep:
            return list(admins)
        if sep == "#":
            return [f"{a}#{rest}" for a in admins[:1] if self.new.exists(f"{a}#{rest}")]
        return self._agency(admin, rest, admins)

    def current(self, uid: str) -> str | None:
        """The one 2025 unit a pre-2025 unit's work is shown under (None: current already, or no successor)."""
        found = self.successors(uid)
        return found[0] if found else None

    def _agency(self, admin: str, key: str, admins: list[str]) -> list[str]:
        try:
            level = self.old.get(admin).level
        except UnknownUnit:
            return []
        targets = agency_rules().targets(level, key)
        if targets is None:
            targets = (key,)
        for t in targets:
            where, _, k = t.rpartition(":")
            if where == "province" and admins:
                base = [self.new.path(admins[0])[0].id]
            else:
                base = admins[:1]
            for b in base:
                cand = f"{b}/{k}"
                if self.new.exists(cand):
                    return [cand]
        return []

    # ------------------------------------------------------------ 2025 → pre-2025

    def predecessors(self, uid: str) -> list[str]:
        """The pre-2025 administrative units whose primary successor is this 2025 unit."""
        if self._back is None:
            with self._lock:
                if self._back is None:
                    back: dict[str, list[str]] = {}
                    for old_id, news in self._by_old.items():
                        if news:
                            back.setdefault(news[0], []).append(old_id)
                    self._back = back
        return list(self._back.get(uid, []))

    def province_areas(self, province_2025: str) -> list[str]:
        """The pre-2025 provinces a 2025 province took over (for settling names in old documents)."""
        return [p for p in self.predecessors(province_2025) if "." not in p]


@lru_cache(maxsize=1)
def _data() -> dict:
    path = DATA / f"succession-{OLD}-{NEW}.json.gz"
    try:
        return json.loads(gzip.decompress(path.read_bytes()))
    except FileNotFoundError:
        raise TrackerError(f"{path}: thiếu dữ liệu sáp nhập đơn vị; hãy dựng lại bằng `python -m tracker.units.data.build`") from None


_cache: list[Succession] = []
_cache_lock = threading.Lock()


def get_succession() -> Succession:
    """The succession map, loaded once per process."""
    if not _cache:
        with _cache_lock:
            if not _cache:
                _cache.append(Succession(_data(), get_hierarchy(OLD), get_hierarchy(NEW)))
    return _cache[0]


def is_current(uid: str) -> bool:
    """True for an id of the structure in force now (2025)."""
    try:
        return structure_of(uid) == NEW
    except UnknownUnit:
        return False


__all__ = ["Succession", "agency_rules", "get_succession", "is_current"]
