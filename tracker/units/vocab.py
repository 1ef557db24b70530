"""The words of unit names, from task_rules/units/: one matching key per name.

`Vocab.words(name)` reduces a name as written to folded tokens: role words
dropped ("Trưởng Công an huyện" → "cong an huyen"), abbreviations unified
("Ủy ban nhân dân" → "ubnd", "Văn phòng" → "vp"), punctuation gone, "&" → "va",
filler words ("của", "trên địa bàn") turned into a `SEP` token that separates a
name from the place it is tied to. Both sides of every comparison go through
it, so rules can be written as people write names. It also holds the agency
templates (agencies.toml) and named groups (groups.toml), validated on load.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tracker import rules
from tracker.text import fold, normalize

SEP = "_"  # stands where a filler word was: the end of a name, the start of its place

LEVELS = ("province", "district", "commune")
LEVEL_NAMES = {"province": "tỉnh", "district": "huyện", "commune": "xã"}  # as messages name them
STRUCTURES = ("2022", "2025")
KINDS = ("agency", "post", "party")
_KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NON_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Template:
    """An agency, post, Party body or named group that every unit of a level has."""

    key: str
    level: str
    name: str  # may hold {party}
    kind: str  # agency | post | party | group
    aliases: tuple[str, ...] = ()  # may hold {party}
    tags: tuple[str, ...] = ()  # agencies: the named groups they belong to
    structures: tuple[str, ...] = STRUCTURES
    types: tuple[str, ...] | None = None  # None: every type of the level
    fmt: str = "{name} {type} {short}"
    members: str | None = None  # groups: the tag of their member agencies
    below: bool = False  # groups: the units one level down are members too
    own: bool = False  # groups: only the issuer's own, and only for an administrative issuer

    @property
    def is_group(self) -> bool:
        return self.kind == "group"

    def applies(self, structure: str, unit_type: str | None = None) -> bool:
        if structure not in self.structures:
            return False
        return unit_type is None or self.types is None or unit_type in self.types


class Vocab:
    """Everything task_rules/units/ says, loaded and checked once."""

    def __init__(self) -> None:
        self._load_names(rules.load("units/names"))
        self.templates: dict[str, list[Template]] = {lv: [] for lv in LEVELS}
        self._load_agencies(rules.load("units/agencies"))
        self._load_groups(rules.load("units/groups"))
        self._by_key = {(t.level, t.key): t for lv in LEVELS for t in self.templates[lv]}

    # ------------------------------------------------------------ loading

    def _load_names(self, rf: rules.RuleFile) -> None:
        self.abbrev: dict[tuple[str, ...], tuple[str, ...]] = {}
        for short, longs in rf.get("abbreviations", dict).items():
            if not isinstance(longs, list) or not all(isinstance(x, str) for x in longs):
                raise rf.error(f"abbreviation '{short}' must list its long forms as strings", short)
            target = tuple(self._tokens(short))
            for form in [short, *longs]:
                self.abbrev[tuple(self._tokens(form))] = target
        self._abbrev_len = max((len(k) for k in self.abbrev), default=1)

        def alternation(key: str) -> re.Pattern[str]:
            words = sorted((normalize(w).lower() for w in rf.strings(key)), key=len, reverse=True)
            return re.compile("|".join(re.escape(w) for w in words))

        roles = alternation("role_words")
        leading = alternation("leading_words")
        # A role word at the start, maybe after "các" ("các đồng chí"), then what follows.
        self._role_re = re.compile(rf"^(?:(?:{leading.pattern})\s+)?(?:{roles.pattern})(?=[\s,;:.]|$)[\s,;:.]*")
        self._leading = {tuple(fold(w).split()) for w in rf.strings("leading_words")}
        self._filler_re = re.compile(rf"(?<!\w)(?:{alternation('filler_words').pattern})(?!\w)")
        self._vague_re = re.compile(rf"(?<!\w)(?:{alternation('vague_words').pattern})(?!\w)")
        self.plural_markers = {fold(w) for w in rf.strings("plural_markers")}
        self.joiners = {fold(w) for w in rf.strings("list_joiners")}

        self.generic: dict[str, str] = {}  # level → folded generic word
        self.plural_label: dict[str, str] = {}
        self.party: dict[tuple[str, str], str] = {}  # (level, type) → Party committee name
        self.type_words: dict[tuple[str, ...], set[str]] = {}  # folded type phrase → levels
        levels = rf.get("levels", dict)
        for level in LEVELS:
            if level not in levels:
                raise rf.error(f"missing [levels.{level}]", "levels")
            info = levels[level]
            generic = info.get("generic")
            types = info.get("types")
            if not isinstance(generic, str) or not isinstance(types, dict) or not types:
                raise rf.error(f"[levels.{level}] needs generic = \"...\" and a [levels.{level}.types] table", level)
            self.generic[level] = fold(generic)
            self.plural_label[level] = str(info.get("plural", generic))
            for t, spec in types.items():
                party = spec.get("party") if isinstance(spec, dict) else None
                if not isinstance(party, str):
                    raise rf.error(f"type '{t}' of {level} needs party = \"...\"", t)
                self.party[(level, t)] = party
                self.type_words.setdefault(tuple(fold(t).split()), set()).add(level)
            self.type_words.setdefault(tuple(fold(generic).split()), set()).add(level)
        self._type_len = max(len(k) for k in self.type_words)

        m = rf.get("match", dict)
        self.min_score = float(rf.get("match.min_score", (int, float)))
        self.min_margin = float(rf.get("match.min_margin", (int, float)))
        self.candidate_score = float(m.get("candidate_score", 70))

    def _template(self, rf: rules.RuleFile, level: str, raw: dict, kind: str | None = None) -> Template:
        key = raw.get("key")
        if not isinstance(key, str) or not _KEY_RE.match(key):
            raise rf.error(f"{level}: key must be lower-case words joined by '-', not {key!r}", str(key))
        name = raw.get("name")
        if not isinstance(name, str) or not name:
            raise rf.error(f"{level} '{key}': missing name", key)
        kind = kind or raw.get("kind", "agency")
        if kind not in KINDS and kind != "group":
            raise rf.error(f"{level} '{key}': kind must be one of {', '.join(KINDS)}, not {kind!r}", key)

        def strings(field: str, default: list[str]) -> tuple[str, ...]:
            value = raw.get(field, default)
            if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                raise rf.error(f"{level} '{key}': {field} must be a list of strings", key)
            return tuple(value)

        structures = strings("structures", list(STRUCTURES))
        bad = [s for s in structures if s not in STRUCTURES]
        if bad:
            raise rf.error(f"{level} '{key}': unknown structure {bad[0]!r} (use {' or '.join(STRUCTURES)})", key)
        types = strings("types", []) or None
        for t in types or ():
            if (level, t) not in self.party:
                raise rf.error(f"{level} '{key}': unknown type {t!r} (names.toml lists the types of each level)", key)
        fmt = raw.get("format", "{name} {type} {short}")
        try:
            fmt.format(name="", type="", short="")
        except (KeyError, IndexError, ValueError):
            raise rf.error(f"{level} '{key}': format may use only {{name}}, {{type}}, {{short}}", key) from None
        return Template(
            key=key,
            level=level,
            name=name,
            kind=kind,
            aliases=strings("aliases" if kind != "group" else "phrases", []),
            tags=strings("groups", []),
            structures=structures,
            types=types,
            fmt=fmt,
        )

    def _load_agencies(self, rf: rules.RuleFile) -> None:
        for level in LEVELS:
            seen: set[str] = set()
            for raw in rf.get(level, list, []):
                t = self._template(rf, level, raw)
                if t.key in seen:
                    raise rf.error(f"{level}: key '{t.key}' is used twice", t.key)
                seen.add(t.key)
                self.templates[level].append(t)

    def _load_groups(self, rf: rules.RuleFile) -> None:
        tags = {tag for lv in LEVELS for t in self.templates[lv] for tag in t.tags}
        for raw in rf.get("group", list):
            base = self._template(rf, "group", raw, kind="group")
            members = raw.get("members")
            if members not in tags:
                raise rf.error(f"group '{base.key}': members = {members!r} is no agency's group tag in agencies.toml", base.key)
            levels = raw.get("levels")
            if not isinstance(levels, list) or not levels or any(lv not in LEVELS for lv in levels):
                raise rf.error(f"group '{base.key}': levels must list some of {', '.join(LEVELS)}", base.key)
            if not base.aliases:
                raise rf.error(f"group '{base.key}': phrases must not be empty", base.key)
            for level in levels:
                if any(t.key == base.key for t in self.templates[level]):
                    raise rf.error(f"group '{base.key}': an agency of {level} already has this key", base.key)
                self.templates[level].append(
                    Template(
                        key=base.key,
                        level=level,
                        name=base.name,
                        kind="group",
                        aliases=base.aliases,
                        structures=base.structures,
                        members=members,
                        below=bool(raw.get("below", False)),
                        own=bool(raw.get("own", False)),
                    )
                )

    # ------------------------------------------------------------ lookups

    def template(self, level: str, key: str) -> Template | None:
        return self._by_key.get((level, key))

    def for_unit(self, level: str, structure: str, unit_type: str | None = None) -> list[Template]:
        return [t for t in self.templates[level] if t.applies(structure, unit_type)]

    def render(self, text: str, level: str, unit_type: str) -> str:
        """Fill {party} for a unit of this type ("{party} viên" → "Huyện ủy viên")."""
        if "{party}" in text:
            text = text.replace("{party}", self.party.get((level, unit_type), ""))
        return text

    def type_at(self, tokens: list[str], i: int) -> tuple[int, set[str]] | None:
        """A type or level word at tokens[i]: (its length in tokens, the levels it can name)."""
        for n in range(min(self._type_len, len(tokens) - i), 0, -1):
            levels = self.type_words.get(tuple(tokens[i : i + n]))
            if levels:
                return n, levels
        return None

    # ------------------------------------------------------------ keys

    def words(self, name: str) -> list[str]:
        """A name as folded tokens: role words dropped, abbreviations unified, SEP for fillers."""
        text = _PARENS.sub(" ", normalize(name)).lower()
        while True:
            m = self._role_re.match(text)
            if not m or not m.group(0).strip():
                break
            text = text[m.end() :]
        text = self._filler_re.sub(f" {SEP} ", text)
        return self._abbreviate(self._tokens(text))

    def is_vague(self, name: str) -> bool:
        return bool(self._vague_re.search(normalize(name).lower()))

    def strip_leading(self, tokens: list[str]) -> list[str]:
        """Drop leading "các", "toàn thể" ... (after plural names have been recognised)."""
        changed = True
        while changed and tokens:
            changed = False
            for lead in self._leading:
                if tuple(tokens[: len(lead)]) == lead and len(tokens) > len(lead):
                    tokens = tokens[len(lead) :]
                    changed = True
        return tokens

    def key(self, name: str) -> str:
        """The matching key of a name or alias: its words, no leading "các", no SEP."""
        return " ".join(t for t in self.strip_leading(self.words(name)) if t != SEP)

    def _tokens(self, text: str) -> list[str]:
        text = fold(text).replace("&", " va ")
        return [t for t in _NON_WORD.sub(" ", text).replace("_", f" {SEP} ").split() if t]

    def _abbreviate(self, tokens: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(tokens):
            for n in range(min(self._abbrev_len, len(tokens) - i), 0, -1):
                target = self.abbrev.get(tuple(tokens[i : i + n]))
                if target is not None:
                    out.extend(target)
                    i += n
                    break
            else:
                out.append(tokens[i])
                i += 1
        return out


@lru_cache(maxsize=1)
def get_vocab() -> Vocab:
    return Vocab()


def clear_cache() -> None:
    """Forget the loaded vocabulary (tests that change the rules)."""
    get_vocab.cache_clear()
