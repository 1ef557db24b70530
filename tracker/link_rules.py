"""Which loaded directive a directive carries out, and which parent tasks each of its tasks carries out.

Pure functions over plain facts (no store, no clock): a module of its own so
that the store (which links inside the transaction of a load,
tracker/store/linking.py, so a load stays one write) and the chain
(tracker/chain/) both use it and the store never imports the chain. Weights and thresholds are data: task_rules/chain.toml.

Parent: the directive cites its parent by number ("Thực hiện Công văn số
2333/UBND-VP ..."). A loaded directive with that number is the parent
(method "number", confidence 1). Otherwise the candidates are directives
whose issuer is above the child's issuer, dated in a window before it,
and whose own number, if any, has the cited numeric part; each is scored on
issuer relation, date, number/symbol, subject, shared references and shared
indicators (method "similar", confidence 0..1). Ties break on the
directives' stable keys (number and issuer, or file hash), never on ids, so
any load order gives the same links.

Tasks: a child task links to the parent tasks it shares rare words and
word pairs with, and indicators, with a bonus for the tasks the parent
assigned to the child's issuer.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Callable, Iterable

from tracker import rules
from tracker.text import fold

NUMBER, SIMILAR, CLERK = "number", "similar", "clerk"


# -- rules -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParentRules:
    window_days: int
    after_days: int
    min_confidence: float
    relation: tuple[float, ...]
    agency_of: float
    number_blank_same_symbol: float
    number_blank: float
    weights: dict[str, float]
    full_days: int


@dataclass(frozen=True)
class TaskRules:
    text: float
    indicators: float
    assigned: float
    threshold: float
    also_threshold: float
    also_within: float
    max_links: int


_WEIGHTS = ("relation", "date", "number", "subject", "references", "content")


def _number(rf: rules.RuleFile, key: str, low: float = 0.0, high: float | None = None) -> float:
    value = rf.get(key, (int, float))
    if isinstance(value, bool) or value < low or (high is not None and value > high):
        span = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise rf.error(f"'{key}' must be a number {span}, not {value!r}", key.split(".")[-1])
    return float(value)


@rules.compiled
def parent_rules() -> ParentRules:
    rf = rules.load("chain")
    relation = rf.get("parent.relation", list)
    if not relation or any(isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1 for v in relation):
        raise rf.error("'parent.relation' must list numbers between 0 and 1, nearest unit first", "relation")
    weights = {w: _number(rf, f"parent.weights.{w}") for w in _WEIGHTS}
    if sum(weights.values()) <= 0:
        raise rf.error("'parent.weights' must not all be 0", "[parent.weights]")
    return ParentRules(
        window_days=int(_number(rf, "parent.window_days", 1)),
        after_days=int(_number(rf, "parent.after_days")),
        min_confidence=_number(rf, "parent.min_confidence", 0, 1),
        relation=tuple(float(v) for v in relation),
        agency_of=_number(rf, "parent.agency_of", 0, 1),
        number_blank_same_symbol=_number(rf, "parent.number_blank_same_symbol", 0, 1),
        number_blank=_number(rf, "parent.number_blank", 0, 1),
        weights=weights,
        full_days=int(_number(rf, "parent.date.full_days")),
    )


@rules.compiled
def task_rules() -> TaskRules:
    rf = rules.load("chain")
    return TaskRules(
        text=_number(rf, "task_links.text"),
        indicators=_number(rf, "task_links.indicators"),
        assigned=_number(rf, "task_links.assigned"),
        threshold=_number(rf, "task_links.threshold"),
        also_threshold=_number(rf, "task_links.also_threshold"),
        also_within=_number(rf, "task_links.also_within"),
        max_links=int(_number(rf, "task_links.max_links", 1)),
    )


# -- numbers, dates, units ----------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)  # pure, and asked for the same few hundred strings over and over on a load
def number_key(text: str | None) -> str:
    """A document number for comparing: folded, without spaces ("2333/UBND - VP" → "2333/ubnd-vp")."""
    return re.sub(r"\s+", "", fold(text or ""))


@lru_cache(maxsize=1 << 16)  # pure, and asked for the same few hundred strings over and over on a load
def split_number(text: str | None) -> tuple[str, str]:
    """(numeric part, symbol) of a number: "61/2018/NĐ-CP" → ("61/2018", "nd-cp"); "/UBND-VP" → ("", "ubnd-vp")."""
    parts = number_key(text).split("/")
    numeric = []
    while parts and parts[0].isdigit():
        numeric.append(parts.pop(0))
    return "/".join(numeric), "/".join(p for p in parts if p)


@lru_cache(maxsize=1 << 16)  # pure, and asked for the same few hundred strings over and over on a load
def day_range(text: str | None) -> tuple[date, date] | None:
    """The days a directive's stored date can mean: one day, or a whole month when the day was blank."""
    if not text:
        return None
    m = re.match(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$", text.strip())
    if not m:
        return None
    try:
        y, mo = int(m.group(1)), int(m.group(2))
        if m.group(3):
            d = date(y, mo, int(m.group(3)))
            return d, d
        first = date(y, mo, 1)
        last = (date(y + mo // 12, mo % 12 + 1, 1)) - timedelta(days=1)
        return first, last
    except ValueError:
        return None


def parent_unit_from_id(uid: str) -> str | None:
    """The unit above `uid` by the id scheme of tracker.units: an agency/group hangs from its
    administrative unit ("…/so-tu-phap" → "…"), which hangs from the one before its last
    "." part ("2022:p30.d298" → "2022:p30")."""
    m = re.match(r"^([^/#]+)[/#]", uid)
    if m:
        return m.group(1)
    head, sep, _ = uid.rpartition(".")
    return head if sep and head else None


def ancestors(uid: str | None, parent_of: Callable[[str], str | None]) -> list[str]:
    """The units above `uid`, nearest first (loops and runaway chains cut)."""
    out: list[str] = []
    cur = uid
    while cur and len(out) < 8:
        up = parent_of(cur)
        if not up or up in out or up == uid:
            break
        out.append(up)
        cur = up
    return out


# -- parent links -------------------------------------------------------------------------------------


@dataclass
class DirectiveFacts:
    """What linking needs of a stored directive."""

    id: int
    key: str  # stable identity (number and issuer, or file hash): ties break on it, never on ids
    number: str | None = None
    symbol: str | None = None
    issuer_id: str | None = None
    date: str | None = None
    subject: str = ""
    references: list[str] = field(default_factory=list)
    parent_ref: str | None = None
    indicators: frozenset[int] = frozenset()

    @classmethod
    def from_record(cls, did: int, rec: dict[str, Any], indicators: Iterable[int] = ()) -> "DirectiveFacts":
        return cls(
            id=int(did), key=str(rec.get("key") or (rec.get("sha256s") or [""])[0] or did),
            number=rec.get("number"), symbol=rec.get("symbol"), issuer_id=rec.get("issuer_id"),
            date=rec.get("date"), subject=rec.get("subject") or "", references=list(rec.get("references") or []),
            parent_ref=rec.get("parent_ref"), indicators=frozenset(indicators),
        )

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.date or "", self.key)


@dataclass
class ParentChoice:
    """The parent found for a directive (parent_id None: the cited document is not loaded: it waits)."""

    parent_id: int | None
    confidence: float | None = None
    method: str | None = None  # number | similar
    scores: dict[str, float] = field(default_factory=dict)  # per signal, for "similar"


class ParentFinder:
    """Finds parents among a fixed set of directives (all those loaded)."""

    def __init__(self, directives: Iterable[DirectiveFacts], parent_of: Callable[[str], str | None],
                 rules_: ParentRules | None = None):
        self.rules = rules_ or parent_rules()
        self.parent_of = parent_of
        self.all = {d.id: d for d in directives}
        self.by_number: dict[str, list[DirectiveFacts]] = {}
        self.by_issuer: dict[str, list[DirectiveFacts]] = {}
        for d in self.all.values():
            if d.number:
                self.by_number.setdefault(number_key(d.number), []).append(d)
            if d.issuer_id:
                self.by_issuer.setdefault(d.issuer_id, []).append(d)
        self._ancestors: dict[str, list[str]] = {}
        self._cited: dict[int, frozenset[str]] = {}

    def ancestors(self, uid: str | None) -> list[str]:
        if not uid:
            return []
        if uid not in self._ancestors:
            self._ancestors[uid] = ancestors(uid, self.parent_of)
        return self._ancestors[uid]

    def relation(self, child: DirectiveFacts, cand: DirectiveFacts) -> float:
        """How the candidate's issuer stands above the child's: 1 = its parent unit, 0 = unrelated."""
        if not child.issuer_id or not cand.issuer_id:
            return 0.0
        ups = self.ancestors(child.issuer_id)
        steps = self.rules.relation
        for k, up in enumerate(ups):
            value = steps[min(k, len(steps) - 1)]
            if cand.issuer_id == up:
                return value
            if parent_unit_from_id(cand.issuer_id) == up and cand.issuer_id not in ups:
                return value * self.rules.agency_of
        return 0.0

    def find(self, child: DirectiveFacts) -> ParentChoice:
        """The parent: among the loaded directives the child cites (the one after "Thực hiện" first, then
        the others it names), the one whose issuer is nearest above the child's issuer; when the only
        cited one loaded is not issued above it (a central decision), a directive of the issuer's direct
        superior that matches closely is preferred; else the similar search."""
        if not child.parent_ref:
            return ParentChoice(None)
        cited = list(dict.fromkeys(number_key(n) for n in [child.parent_ref, *child.references] if n))
        ranked = []
        for k, key in enumerate(cited):
            for d in self.by_number.get(key, []):
                if d.id == child.id or any(r[-1].id == d.id for r in ranked):
                    continue
                rel = self.relation(child, d)
                if k > 0 and rel <= 0:
                    continue  # another cited document counts only when issued above the child
                if k > 0 and _after(d, child, self.rules.after_days):
                    continue  # a later document cannot be what this one carries out
                ranked.append((rel, k == 0, -_gap(child, d), _neg(d.key), d))
        if ranked:
            rel, _first, _g, _n, best = max(ranked, key=lambda r: r[:4])
            if rel >= self.rules.relation[0] or not child.issuer_id:
                return ParentChoice(best.id, 1.0, NUMBER)
            near = self._similar(child)
            if near.parent_id is not None and self.relation(child, self.all[near.parent_id]) >= self.rules.relation[0]:
                return near
            related = rel > 0 or not best.issuer_id
            return ParentChoice(best.id, 1.0 if related else 0.8, NUMBER)
        return self._similar(child)

    def cited(self, child: DirectiveFacts) -> frozenset[str]:
        """The numbers the child names (the document it carries out, and its references), as number keys."""
        got = self._cited.get(child.id)
        if got is None:
            got = self._cited[child.id] = frozenset(number_key(n) for n in [child.parent_ref, *child.references] if n)
        return got

    def could_choose(self, child: DirectiveFacts, cand: DirectiveFacts) -> bool:
        """`find(child)` may pick `cand` (or pick otherwise because `cand` is there): it cites its number,
        or `cand` is a candidate of the similar search. A load re-finds the parents of these only."""
        if not child.parent_ref or child.id == cand.id:
            return False
        if cand.number and number_key(cand.number) in self.cited(child):
            return True
        if self.relation(child, cand) <= 0:
            return False  # what score() says first, without working out the rest
        numeric, symbol = split_number(child.parent_ref)
        return self.score(child, cand, numeric, symbol) is not None

    def _candidates(self, child: DirectiveFacts) -> list[DirectiveFacts]:
        out: dict[int, DirectiveFacts] = {}
        for up in self.ancestors(child.issuer_id):
            for d in self.by_issuer.get(up, []):
                out[d.id] = d
        # Agencies of the units above (a Sở's plan carried out by a district).
        ups = set(self.ancestors(child.issuer_id))
        for issuer, ds in self.by_issuer.items():
            if issuer not in ups and parent_unit_from_id(issuer) in ups:
                for d in ds:
                    out[d.id] = d
        out.pop(child.id, None)
        return list(out.values())

    def _similar(self, child: DirectiveFacts) -> ParentChoice:
        r = self.rules
        cited_numeric, cited_symbol = split_number(child.parent_ref)
        best: tuple[float, tuple[Any, ...], DirectiveFacts, dict[str, float]] | None = None
        for cand in self._candidates(child):
            scores = self.score(child, cand, cited_numeric, cited_symbol)
            if scores is None:
                continue
            total = sum(r.weights[k] * scores[k] for k in _WEIGHTS) / sum(r.weights.values())
            rank = (round(total, 6), _neg(cand.key))
            if best is None or rank > best[1]:
                best = (total, rank, cand, scores)
        if best is None or best[0] < r.min_confidence:
            return ParentChoice(None)
        return ParentChoice(best[2].id, round(best[0], 3), SIMILAR, {k: round(v, 3) for k, v in best[3].items()})

    def score(self, child: DirectiveFacts, cand: DirectiveFacts, cited_numeric: str, cited_symbol: str) -> dict[str, float] | None:
        """Each signal 0..1 for one candidate, or None when it cannot be the parent."""
        r = self.rules
        rel = self.relation(child, cand)
        if rel <= 0:
            return None
        # Number: a numbered candidate must carry the cited numeric part; a blank one may be it.
        numeric, symbol = split_number(cand.number)
        if numeric:
            if cited_numeric and numeric != cited_numeric:
                return None
            num = 1.0 if symbol == cited_symbol else 0.5 + 0.5 * _ratio(symbol, cited_symbol)
        else:
            own_symbol = split_number(cand.symbol)[1] or number_key(cand.symbol)
            num = r.number_blank_same_symbol if own_symbol and own_symbol == cited_symbol else r.number_blank
        # Date: the parent comes before the child, within the window.
        cr, pr = day_range(child.date), day_range(cand.date)
        if cr and pr:
            if cr[1] < pr[0] - timedelta(days=r.after_days):
                return None
            gap = max(0, (cr[0] - pr[1]).days)
            if gap > r.window_days:
                return None
            span = max(1, r.window_days - r.full_days)
            dscore = 1.0 if gap <= r.full_days else max(0.0, 1 - (gap - r.full_days) / span)
        else:
            dscore = 0.5
        subject = _subject_similarity(child.subject, cand.subject)
        own = {number_key(child.parent_ref), number_key(child.number)}
        mine = {number_key(x) for x in child.references} - own - {""}
        theirs = {number_key(x) for x in cand.references} | {number_key(cand.number)}
        refs = len(mine & theirs) / len(mine) if mine else 0.5
        if child.indicators and cand.indicators:
            content = len(child.indicators & cand.indicators) / min(len(child.indicators), len(cand.indicators))
        else:
            content = 0.5
        return {"relation": rel, "date": dscore, "number": num, "subject": subject, "references": refs, "content": content}


def _neg(key: str) -> tuple[int, ...]:
    """A sort key that ranks `key` in reverse (so max() picks the smallest key on ties)."""
    return tuple(-ord(c) for c in key)


def _after(cand: DirectiveFacts, child: DirectiveFacts, slack: int) -> bool:
    """The candidate is dated after the child (beyond `slack` days)."""
    cr, pr = day_range(child.date), day_range(cand.date)
    return bool(cr and pr and pr[0] > cr[1] + timedelta(days=slack))


def _gap(child: DirectiveFacts, cand: DirectiveFacts) -> int:
    cr, pr = day_range(child.date), day_range(cand.date)
    if not cr or not pr:
        return 10**6
    return abs((cr[0] - pr[1]).days)


def _ratio(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) / 100.0 if a and b else 0.0


def _subject_similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(fold(a), fold(b)) / 100.0


# -- task links ---------------------------------------------------------------------------------------


@dataclass
class TaskFacts:
    id: int
    text: str
    indicators: frozenset[int] = frozenset()
    assigned: bool = False  # parent side: the task is assigned to the child's issuer


_WORD = re.compile(r"[a-z0-9]")


@lru_cache(maxsize=50_000)
def _features(text: str) -> frozenset[str]:
    """Words (dictionary segmentation, folded) and pairs of neighbouring words of a task's text."""
    from tracker.words import segment

    words = [fold(w) for w in segment(text)]
    words = [w for w in words if _WORD.match(w)]
    return frozenset(words) | frozenset(a + "|" + b for a, b in zip(words, words[1:]))


def task_scores(children: list[TaskFacts], parents: list[TaskFacts], rules_: TaskRules | None = None) -> dict[int, list[tuple[int, float]]]:
    """For each child task, every parent task with its score (best first)."""
    r = rules_ or task_rules()
    feats = {("c", t.id): _features(t.text) for t in children}
    feats.update({("p", t.id): _features(t.text) for t in parents})
    df = Counter(f for fs in feats.values() for f in fs)
    n = len(feats)
    idf = {f: math.log((n + 1) / (c + 0.5)) for f, c in df.items()}
    mass = {k: sum(idf[f] for f in fs) for k, fs in feats.items()}
    out: dict[int, list[tuple[int, float]]] = {}
    for c in children:
        fc, mc = feats[("c", c.id)], mass[("c", c.id)]
        row = []
        for p in parents:
            fp, mp = feats[("p", p.id)], mass[("p", p.id)]
            small = min(mc, mp)
            text = sum(idf[f] for f in fc & fp) / small if small > 0 else 0.0
            ind = len(c.indicators & p.indicators) / min(len(c.indicators), len(p.indicators)) if c.indicators and p.indicators else 0.0
            score = r.text * text + r.indicators * ind + (r.assigned if p.assigned else 0.0)
            row.append((p.id, round(score, 4)))
        row.sort(key=lambda x: (-x[1], x[0]))
        out[c.id] = row
    return out


def pick_links(scored: list[tuple[int, float]], rules_: TaskRules | None = None) -> list[int]:
    """The parent tasks a child task is linked to, from its scores (best first)."""
    r = rules_ or task_rules()
    if not scored or scored[0][1] < r.threshold:
        return []
    best = scored[0][1]
    out = [scored[0][0]]
    for pid, s in scored[1:]:
        if len(out) >= r.max_links:
            break
        if s >= r.also_threshold and s >= best - r.also_within:
            out.append(pid)
    return out


def link_tasks(children: list[TaskFacts], parents: list[TaskFacts], rules_: TaskRules | None = None) -> dict[int, list[int]]:
    """child task id → the parent task ids it carries out (possibly none).

    Ties between equal scores break on the parent tasks' order in `parents`
    (callers pass them in document order), never on ids.
    """
    r = rules_ or task_rules()
    order = {p.id: k for k, p in enumerate(parents)}
    out = {}
    for cid, row in task_scores(children, parents, r).items():
        row.sort(key=lambda x: (-x[1], order[x[0]]))
        out[cid] = pick_links(row, r)
    return out
