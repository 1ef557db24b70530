"""The administrative hierarchy of one structure, with the agencies and groups of every unit.

Provinces, districts and communes come from the generated files in `data/`
(one load, about 15 ms). Agencies, posts, Party bodies and groups are not
stored: they are built from the templates of task_rules/units/ when asked for
by id, so a commune's Công an costs nothing until someone names it.
"""
from __future__ import annotations

import marshal
import os
import threading
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any, Iterable

from tracker.errors import TrackerError
from tracker.text import fold
from tracker.units.vocab import LEVELS, STRUCTURES, Vocab, get_vocab

DATA = Path(__file__).resolve().parent / "data"
CUTOVER = "2025-07"  # the 2-level structure is in force from 1 July 2025
_LETTER = {"province": "p", "district": "d", "commune": "c"}
_LEVEL_OF_LETTER = {v: k for k, v in _LETTER.items()}


class UnknownUnit(TrackerError):
    """An id that names no unit of the hierarchy."""


@dataclass(slots=True)
class Unit:
    """A unit that can be assigned work: an administrative unit, an agency, a post, a Party body or a group.

    Shared by everyone who asks the hierarchy: treat it as read-only. (Not
    frozen only because frozen dataclasses build 3-4× slower, and the 2022
    structure builds 10 794 of them on load.)
    """

    id: str
    name: str
    kind: str  # province | district | commune | agency | post | party | group
    level: str  # province | district | commune
    parent: str | None
    aliases: tuple[str, ...] = ()
    type: str = ""  # administrative units: "Tỉnh", "Huyện", "Thị xã", "Xã" ...
    short: str = ""  # administrative units: the name without its type ("Tứ Kỳ")
    key: str = ""  # agencies and groups: the template key ("phong-tu-phap")

    @property
    def is_admin(self) -> bool:
        return self.kind in LEVELS

    @property
    def is_group(self) -> bool:
        return self.kind == "group"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name, "kind": self.kind, "level": self.level, "parent": self.parent}
        if self.aliases:
            out["aliases"] = list(self.aliases)
        return out


def in_force_on(day: str | Date | None = None) -> str:
    """The structure in force on a day (ISO "2026-03-01", "2026-03", a year "2026" or a date; None: today)."""
    text = (day or Date.today()).isoformat() if not isinstance(day, str) else day
    if len(text) == 4:  # a year alone: 2025 was mostly the old structure, every later year the new one
        return "2025" if text > CUTOVER[:4] else "2022"
    return "2025" if text[:7] >= CUTOVER else "2022"


def setting_structure() -> str | None:
    """`TRACKER_STRUCTURE` ("2022" or "2025") when set: fills in for documents that give no date."""
    value = os.environ.get("TRACKER_STRUCTURE")
    if not value:
        return None
    if value not in STRUCTURES:
        raise TrackerError(f"TRACKER_STRUCTURE={value!r} không hợp lệ: hãy đặt {' hoặc '.join(STRUCTURES)}, hoặc bỏ biến này")
    return value


def default_structure() -> str:
    """Where nothing says otherwise: `TRACKER_STRUCTURE`, else the structure in force today."""
    return setting_structure() or in_force_on(None)


def structure_for_date(date: str | None) -> str:
    """The structure in force on a document's ISO date ("2022-08-05", "2022-08" or a year "2026").

    The date wins; with none, `TRACKER_STRUCTURE`, else today's (see
    tracker/units/draft.py for the fuller rule: date, year, cited parent, setting, today).
    """
    if date:
        return in_force_on(date)
    return default_structure()


def structure_of(unit_id: str) -> str:
    """The structure an id belongs to ("2022:p30.d298" → "2022")."""
    prefix = unit_id.split(":", 1)[0]
    if prefix not in STRUCTURES or ":" not in unit_id:
        raise UnknownUnit(f"'{unit_id}' không phải mã đơn vị (mã có dạng 2022:p30.d298; tìm mã bằng `tracker units find`)")
    return prefix


def split_id(unit_id: str) -> tuple[str, str, str]:
    """"2022:p30.d298/cong-an" → ("2022:p30.d298", "/", "cong-an"); admin ids → (id, "", "")."""
    for sep in ("#", "/"):
        if sep in unit_id:
            admin, rest = unit_id.split(sep, 1)
            return admin, sep, rest
    return unit_id, "", ""


def level_of(unit_id: str) -> str:
    """The level of any id: that of its administrative part ("2022:p30.d298/cong-an" → "district")."""
    admin = split_id(unit_id)[0]
    last = admin.rsplit(".", 1)[-1].rsplit(":", 1)[-1]
    level = _LEVEL_OF_LETTER.get(last[:1])
    if level is None:
        raise UnknownUnit(f"'{unit_id}' không phải mã đơn vị; tìm mã bằng `tracker units find`")
    return level


@dataclass
class _Place:
    """Name lookups for administrative units: folded name without spaces → unit ids."""

    index: dict[str, list[str]] = field(default_factory=dict)

    def add(self, key: str, unit_id: str) -> None:
        # The build step drops aliases equal to a unit's own key, so no id repeats under a key.
        self.index.setdefault(key, []).append(unit_id)


def _tables(data: dict[str, Any]) -> dict[str, Any]:
    """A data file's rows as the lookup tables of a Hierarchy, in plain types (so tracker.cache can
    keep them between runs: a new process loads them instead of building them).

    Each table is kept as marshal bytes read on first use, and the units and
    their children per province: a parse that names a few units of one province
    reads that province, not the 10 000 units of the country.
    """
    structure, levels = data["structure"], tuple(data["levels"])
    # Former names (units merged into this one in 2025): found only when no current name is.
    former = {(level, code): keys for level, rows in (data.get("former") or {}).items() for code, keys in rows}
    ids: dict[tuple[str, str], str] = {}  # (level, code) → id
    rows: dict[str | None, dict[str, tuple]] = {}  # province id → its units' rows: id → (name, level, parent, aliases, type, short)
    kids: dict[str | None, dict[str | None, list[str]]] = {None: {None: []}}  # province id → unit id → children
    places, formers = _Place(), _Place()
    for depth, level in enumerate(levels):
        parent_level = levels[depth - 1] if depth else None
        for code, parent_code, utype, short, key, aliases in data[level]:
            parent = ids[(parent_level, parent_code)] if parent_level else None
            uid = (f"{parent}." if parent else f"{structure}:") + f"{_LETTER[level]}{code}"
            ids[(level, code)] = uid
            olds = former.get((level, code), ())
            province = _province_of(uid)
            rows.setdefault(province, {})[uid] = (f"{utype} {short}", level, parent, tuple(aliases) + tuple(olds), utype, short)
            kids.setdefault(_province_of(parent) if parent else None, {}).setdefault(parent, []).append(uid)
            kids.setdefault(province, {}).setdefault(uid, [])
            places.add(key, uid)
            for alias in aliases:
                places.add(alias, uid)
            for old in olds:
                formers.add(old, uid)
    return {"structure": structure, "levels": levels, "source": data.get("source", ""), "order": marshal.dumps(list(ids.values())),
            "rows": {p: marshal.dumps(r) for p, r in rows.items()}, "kids": {p: marshal.dumps(k) for p, k in kids.items()},
            "places": _by_initial(places.index), "former": _by_initial(formers.index), "ids": marshal.dumps(ids)}


def _by_initial(index: dict[str, list[str]]) -> dict[str, bytes]:
    """A name index cut by the key's first letter: a lookup reads one part (~1/30 of 9 000 names)."""
    parts: dict[str, dict[str, list[str]]] = {}
    for key, ids in index.items():
        parts.setdefault(key[:1], {})[key] = ids
    return {initial: marshal.dumps(part) for initial, part in parts.items()}


def _province_of(uid: str) -> str:
    """"2022:p30.d298.c10999" → "2022:p30" (an agency's or group's id → its province's)."""
    return split_id(uid)[0].split(".", 1)[0]


class _Shards:
    """Province id → its table, unmarshalled the first time a unit of that province is asked for."""

    def __init__(self, blobs: dict[str | None, bytes]):
        self._blobs = blobs
        self._loaded: dict[str | None, dict] = {}

    def of(self, province: str | None) -> dict:
        table = self._loaded.get(province)
        if table is None:
            blob = self._blobs.get(province)
            table = self._loaded[province] = marshal.loads(blob) if blob is not None else {}
        return table


class _Units:
    """id → Unit for the administrative units: each built from its row when first asked for (a parse
    meets a few dozen of them, the 2022 structure holds 10 794). Read-only, like a dict."""

    def __init__(self, rows: _Shards, order: _Lazy):
        self._rows = rows
        self._order = order  # every id, in the data file's order
        self._made: dict[str, Unit] = {}

    def __getitem__(self, uid: str) -> Unit:
        unit = self._made.get(uid)
        if unit is None:
            name, level, parent, aliases, utype, short = self._rows.of(_province_of(uid) if uid else None)[uid]
            unit = self._made[uid] = Unit(uid, name, level, level, parent, tuple(aliases), utype, short)
        return unit

    def get(self, uid: str, default: Unit | None = None) -> Unit | None:
        try:
            return self[uid]
        except (KeyError, AttributeError, TypeError):
            return default

    def __contains__(self, uid: object) -> bool:
        return isinstance(uid, str) and bool(uid) and uid in self._rows.of(_province_of(uid))

    def __len__(self) -> int:
        return len(self._order.value())

    def items(self) -> Iterable[tuple[str, Unit]]:
        """In the data file's order (the order name searches rank ties in)."""
        for uid in self._order.value():
            yield uid, self[uid]


class _Kids:
    """Administrative id (None: the top) → its administrative children's ids, read per province."""

    def __init__(self, kids: _Shards):
        self._kids = kids

    def get(self, uid: str | None, default: Any = None) -> Any:
        try:
            return self._kids.of(_province_of(uid) if uid else None).get(uid, default)
        except (AttributeError, TypeError):
            return default

    def __getitem__(self, uid: str | None) -> list[str]:
        found = self.get(uid, _MISSING)
        if found is _MISSING:
            raise KeyError(uid)
        return found


_MISSING: Any = object()


class _Lazy:
    """A table kept as marshal bytes, read the first time it is used."""

    def __init__(self, blob: bytes):
        self._blob: bytes | None = blob
        self._value: Any = None

    def value(self) -> Any:
        if self._blob is not None:
            self._value, self._blob = marshal.loads(self._blob), None
        return self._value


class Hierarchy:
    """Provinces → (districts →) communes of one structure, and what each of them has."""

    def __init__(self, data: dict[str, Any], vocab: Vocab | None = None, tables: dict[str, Any] | None = None):
        """From a data file's contents, or from its `tables` (`_tables(data)`, maybe kept from an earlier run)."""
        t = tables if tables is not None else _tables(data)
        self.vocab = vocab or get_vocab()
        self.structure: str = t["structure"]
        self.levels: tuple[str, ...] = tuple(t["levels"])
        self.source: str = t["source"]
        self._units = _Units(_Shards(t["rows"]), _Lazy(t["order"]))
        self._kids = _Kids(_Shards(t["kids"]))
        self._place_table = _Shards(t["places"])  # first letter of the key → its part of the index
        self._former_table = _Shards(t["former"])
        self._built: dict[str, Unit] = {}
        self._lock = threading.Lock()
        self._find_index: list[tuple[str, str]] | None = None
        self._shorts: list[tuple[str, str]] | None = None
        self._ids = _Lazy(t["ids"])

    def id_of(self, level: str, code: str) -> str | None:
        """The id of the administrative unit with this official code at this level ("commune", "11098")."""
        return self._ids.value().get((level, code))

    # ------------------------------------------------------------ units

    def get(self, unit_id: str) -> Unit:
        unit = self._units.get(unit_id) or self._built.get(unit_id)
        if unit is not None:
            return unit
        if structure_of(unit_id) != self.structure:
            raise UnknownUnit(f"'{unit_id}' thuộc cơ cấu đơn vị {structure_of(unit_id)}, không phải {self.structure}; tìm mã bằng `tracker units find`")
        admin_id, sep, rest = split_id(unit_id)
        admin = self._units.get(admin_id)
        if admin is None or not rest:
            raise UnknownUnit(f"no unit '{unit_id}' (try `tracker units find NAME`)")
        unit = self._agency(admin, rest) if sep == "/" else self._group(admin, rest)
        if unit is None:
            raise UnknownUnit(f"no unit '{unit_id}': {admin.name} has no '{rest}'")
        with self._lock:
            self._built[unit_id] = unit
        return unit

    def exists(self, unit_id: str) -> bool:
        try:
            self.get(unit_id)
        except UnknownUnit:
            return False
        return True

    def provinces(self) -> list[Unit]:
        return [self._units[i] for i in self._kids[None]]

    def admin_children(self, unit_id: str) -> list[Unit]:
        return [self._units[i] for i in self._kids.get(unit_id, [])]

    def agencies(self, unit_id: str) -> list[Unit]:
        """The agencies, posts and Party bodies of an administrative unit (not its groups)."""
        unit = self.get(unit_id)
        if not unit.is_admin:
            return []
        return [
            self.get(f"{unit.id}/{t.key}")
            for t in self.vocab.for_unit(unit.level, self.structure, unit.type)
            if not t.is_group
        ]

    def children(self, unit_id: str) -> list[Unit]:
        """An administrative unit's agencies then its administrative children; nothing under others."""
        unit = self.get(unit_id)
        if not unit.is_admin:
            return []
        return self.agencies(unit_id) + self.admin_children(unit_id)

    def path(self, unit_id: str) -> list[Unit]:
        """Province → … → the unit."""
        out = []
        unit: Unit | None = self.get(unit_id)
        while unit is not None:
            out.append(unit)
            unit = self.get(unit.parent) if unit.parent else None
        return out[::-1]

    def admin_of(self, unit_id: str) -> Unit:
        """The administrative unit an id hangs from (itself for one)."""
        return self.get(split_id(unit_id)[0])

    def descendants(self, unit_id: str, level: str) -> list[str]:
        """Administrative units of `level` under (or equal to) a unit, in hierarchy order."""
        if self._units[unit_id].level == level:
            return [unit_id]
        out: list[str] = []
        for kid in self._kids.get(unit_id, []):
            out.extend([kid] if self._units[kid].level == level else self.descendants(kid, level))
        return out

    def expand(self, unit_id: str) -> list[str]:
        """A group → its member unit ids (groups of groups flattened); any other unit → [itself]."""
        unit = self.get(unit_id)
        if not unit.is_group:
            return [unit.id]
        admin_id, _, spec = split_id(unit.id)
        admin = self._units[admin_id]
        tpl = self.vocab.template(admin.level, spec)
        if tpl is not None and tpl.is_group:
            members = [a.id for a in self.agencies(admin.id) if tpl.members in self._tags(a)]
            if tpl.below:
                members += [k.id for k in self.admin_children(admin.id)]
            return members
        level, _, key = spec.partition("/")
        out: list[str] = []
        for member in self.descendants(admin.id, level):
            if not key:
                out.append(member)
                continue
            m_unit = self._units[member]
            sub = self.vocab.template(level, key)
            if sub is None or not sub.applies(self.structure, m_unit.type):
                continue
            out.extend(self.expand(f"{member}#{key}") if sub.is_group else [f"{member}/{key}"])
        return out

    def _tags(self, unit: Unit) -> tuple[str, ...]:
        tpl = self.vocab.template(unit.level, unit.key)
        return tpl.tags if tpl else ()

    # ------------------------------------------------------------ building agencies and groups

    def _agency(self, admin: Unit, key: str) -> Unit | None:
        tpl = self.vocab.template(admin.level, key)
        if tpl is None or tpl.is_group or not tpl.applies(self.structure, admin.type):
            return None
        name = tpl.fmt.format(name=self.vocab.render(tpl.name, admin.level, admin.type), type=admin.type.lower(), short=admin.short)
        aliases = tuple(self.vocab.render(a, admin.level, admin.type) for a in tpl.aliases)
        return Unit(f"{admin.id}/{key}", name, tpl.kind, admin.level, admin.id, aliases, key=key)

    def _group(self, admin: Unit, spec: str) -> Unit | None:
        tpl = self.vocab.template(admin.level, spec)
        if tpl is not None:
            if not tpl.is_group or not tpl.applies(self.structure, admin.type):
                return None
            name = f"{tpl.name} {admin.type.lower()} {admin.short}"
            return Unit(f"{admin.id}#{spec}", name, "group", admin.level, admin.id, tpl.aliases, key=spec)
        level, _, key = spec.partition("/")
        if level not in self.levels or self.levels.index(level) <= self.levels.index(admin.level):
            return None
        members = [self._units[m] for m in self.descendants(admin.id, level)]
        label = self._plural_label(level, {m.type for m in members})
        if key:
            sub = self.vocab.template(level, key)
            if sub is None or not sub.applies(self.structure):
                return None
            head = self.vocab.render(sub.name, level, members[0].type if members else "")
            name = f"{head} các {label} ({admin.name})"
        else:
            name = f"UBND các {label} ({admin.name})"
        return Unit(f"{admin.id}#{spec}", name, "group", admin.level, admin.id, key=spec)

    def _plural_label(self, level: str, types: set[str]) -> str:
        """"huyện, thị xã, thành phố": the types the members have, in the rules' order."""
        order = [t for (lv, t) in self.vocab.party if lv == level]
        present = [t.lower() for t in order if t in types]
        return ", ".join(present) or self.vocab.plural_label[level]

    # ------------------------------------------------------------ names

    def places(self, key: str) -> list[str]:
        """Administrative units whose name (or former name) folds to `key` ("tuky", "xangocky").

        A current name wins: a unit's former name counts only when no unit bears it now.
        """
        return self._place_table.of(key[:1]).get(key) or self._former_table.of(key[:1]).get(key, [])

    def former_only(self, key: str) -> bool:
        """True when `key` is only a former name here (a unit merged away: "tinhhaiduong" in 2025)."""
        return key not in self._place_table.of(key[:1]) and key in self._former_table.of(key[:1])

    def find(self, text: str, limit: int = 20) -> list[Unit]:
        """Units whose name holds every word of `text`, ignoring case and diacritics.

        Administrative units, and the agencies of provinces and districts
        (commune agencies: ask for the commune's children). Typos: when no
        name holds every word, the closest names by rapidfuzz.
        """
        words = fold(text).replace("-", " ").split()
        if not words:
            return []
        index = self._index_for_find()
        spaceless = "".join(words)
        hits: list[tuple[tuple[int, int, int], str]] = []
        for folded, uid in index:
            tokens = folded.split()
            if all(w in tokens for w in words) or spaceless in self._units.get(uid, _NO_UNIT).aliases:
                unit_short = fold(self._units[uid].short).replace(" ", "") if uid in self._units else ""
                exact = 0 if unit_short == spaceless else 1
                hits.append(((exact, _RANK.get(level_of(uid), 9) + (0 if uid in self._units else 3), len(folded)), uid))
        if not hits:
            # A typo: the closest place names, then agency names, by rapidfuzz.
            from rapidfuzz import fuzz, process

            query = " ".join(words)
            shorts = self._short_names()
            for _, score, i in process.extract(query, [s for s, _ in shorts], scorer=fuzz.ratio, limit=limit, score_cutoff=80):
                uid = shorts[i][1]
                hits.append(((1, int(100 - score), _RANK[self._units[uid].level]), uid))
            if not hits:
                names = [f for f, _ in index]
                for _, score, i in process.extract(query, names, scorer=fuzz.token_sort_ratio, limit=limit, score_cutoff=85):
                    hits.append(((1, int(100 - score), 9), index[i][1]))
        hits.sort()
        return [self.get(uid) for _, uid in hits[:limit]]

    def _short_names(self) -> list[tuple[str, str]]:
        """(folded short name, id) of every administrative unit ("tu ky")."""
        if self._shorts is None:
            self._shorts = [(fold(u.short), uid) for uid, u in self._units.items()]
        return self._shorts

    def _index_for_find(self) -> list[tuple[str, str]]:
        if self._find_index is None:
            index = []
            folded_types = {}
            for uid, unit in self._units.items():
                index.append((fold(unit.name), uid))
                folded_types[uid] = (fold(unit.type), fold(unit.short))
            for uid, unit in self._units.items():
                if unit.level == "commune":
                    continue
                ftype, fshort = folded_types[uid]
                for tpl in self.vocab.for_unit(unit.level, self.structure, unit.type):
                    if tpl.is_group:
                        continue
                    name = tpl.fmt.format(name=self.vocab.render(tpl.name, unit.level, unit.type), type=ftype, short=fshort)
                    index.append((fold(name), f"{uid}/{tpl.key}"))
            self._find_index = index
        return self._find_index

    def walk(self, unit_id: str | None = None) -> Iterable[Unit]:
        """Every administrative unit under `unit_id` (all when None), depth first."""
        stack = list(reversed(self._kids[unit_id]))
        while stack:
            uid = stack.pop()
            yield self._units[uid]
            stack.extend(reversed(self._kids.get(uid, [])))

    def __len__(self) -> int:
        return len(self._units)


_NO_UNIT = Unit("", "", "", "", None)
_RANK = {"province": 0, "district": 1, "commune": 2}
_cache: dict[str, Hierarchy] = {}
_cache_lock = threading.Lock()


def load(structure: str) -> Hierarchy:
    """Read one structure's data file (no cache: `get_hierarchy` keeps them)."""
    if structure not in STRUCTURES:
        raise TrackerError(f"không có cơ cấu đơn vị {structure!r}: hãy dùng {' hoặc '.join(STRUCTURES)}")
    from tracker.cache import cached

    path = DATA / f"units-{structure}.json.gz"
    if not path.exists():
        raise TrackerError(f"{path}: thiếu dữ liệu đơn vị; hãy dựng lại bằng `python -m tracker.units.data.build`")
    def build() -> dict[str, Any]:
        import gzip
        import json

        return _tables(json.loads(gzip.decompress(path.read_bytes())))

    # The tables are kept between runs (tracker/cache.py): building them is most of a cold load.
    tables = cached(f"units-{structure}", [path, Path(__file__)], build)
    return Hierarchy({}, tables=tables)


def get_hierarchy(structure: str | None = None) -> Hierarchy:
    """The hierarchy of a structure ("2022": province → district → commune; "2025": province → commune).

    Loaded once per process; `structure=None` means `TRACKER_STRUCTURE`, else the one in force today.
    """
    structure = structure or default_structure()
    h = _cache.get(structure)
    if h is None:
        with _cache_lock:
            h = _cache.get(structure)
            if h is None:
                h = _cache[structure] = load(structure)
    return h


def clear_cache() -> None:
    """Forget loaded hierarchies (tests that change the rules)."""
    _cache.clear()
