"""The deadline of a task, in one of six kinds: date, start, period, recurring, relative, event.

Mechanism only: every phrase, word and pattern lives in `task_rules/deadlines.toml`.
Matching runs on the folded text (lower case, no accents, đ→d) with offsets kept
(`fold_keep_length`), so the phrase reported is cut from the text as written.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date as Date, timedelta
from functools import lru_cache
from typing import Callable

from tracker import rules
from tracker.model import DEADLINE_KINDS, Deadline
from tracker.text import fold, fold_keep_length, normalize

_WORD_EDGE_L = r"(?<![a-z0-9])"
_WORD_EDGE_R = r"(?![a-z0-9])"
_FORM_GROUPS = {
    "date": ("d", "m"),
    "month": ("m",),
    "quarter": ("q",),
    "part_of_year": ("n", "part"),
    "year": (),
}
_PERIOD_FORMS = ("month", "quarter", "part_of_year", "year")


@dataclass
class _Found:
    kind: str
    start: int
    end: int
    day: Date | None = None  # the date a date/start/period phrase names
    deadline: Deadline | None = None
    yearless: bool = False  # the phrase named no year ("trước ngày 15/12")
    scope: bool = False  # what the work covers ("đánh giá kết quả đến hết tháng 10"), not when it is due
    tentative: bool = False  # a planned time ("dự kiến ngày 05/12"): gives way to a firm one


class _Later:
    """Patterns compiled when first asked for."""

    def __init__(self, build: Callable[[], list[tuple[str, re.Pattern[str]]]]):
        self._build: Callable[[], list[tuple[str, re.Pattern[str]]]] | None = build
        self._value: list[tuple[str, re.Pattern[str]]] = []

    def __call__(self) -> list[tuple[str, re.Pattern[str]]]:
        if self._build is not None:
            self._value, self._build = self._build(), None
        return self._value


@dataclass
class _Rules:
    order: tuple[str, ...]
    roman: dict[str, int]
    numbers: dict[str, int]
    part_start: frozenset[str]
    date_re: list[re.Pattern[str]]
    start_re: list[re.Pattern[str]]
    start_written: tuple[str, ...]  # the start cues as written, tone marks kept
    before_period_re: list[tuple[str, re.Pattern[str]]]  # "trước năm 2030": due the day before the period
    period_re: list[tuple[str, re.Pattern[str]]]
    # Compiled on first use (most texts are neither short nor a time cell): start-up stays small.
    bare_re: _Later  # a text that is nothing but a time ("Năm 2023")
    bare_max: int
    cell_re: _Later  # forms read without a cue in a time cell
    start_cell_re: _Later  # "từ năm 2026" in a time cell
    bare_year_cues: frozenset[str]
    range_joins: list[re.Pattern[str]]
    details_re: list[re.Pattern[str]]
    leading_window: int
    scope_re: re.Pattern[str] | None
    due_re: re.Pattern[str] | None
    tentative_re: re.Pattern[str] | None
    tentative_window: int
    completion_re: re.Pattern[str] | None
    completion_window: int
    scope_window: int
    past_periods_are_scopes: bool
    breakdown_re: re.Pattern[str] | None  # after a period: a figure's breakdown goes on ("quý IV, cả năm 2025")
    past_start_days: int  # a start this many days before the directive: since when things stand, no start (0: off)
    stale_years: int  # a date this many years or more before the directive's is a cited cut-off (0: off)
    open_end_re: list[re.Pattern[str]]
    open_end_cycles: dict[str, str]
    relative_re: list[re.Pattern[str]]
    relative_units: dict[str, dict[str, int]]
    tail_re: list[re.Pattern[str]]
    anchor_re: list[re.Pattern[str]]
    counts_from: list[tuple[str, list[re.Pattern[str]]]]  # (document | case, patterns) in order
    other_anchor: str
    case_window: int
    compounds_re: re.Pattern[str] | None
    cycles: list[tuple[str, str, re.Pattern[str]]]  # (cycle, phrase, pattern) in preference order
    ignore_after: re.Pattern[str] | None
    ignore_window: int
    attribute_of: re.Pattern[str] | None
    qualified_re: re.Pattern[str] | None  # a budget or plan noun the yearly word qualifies ("dự toán ngân sách hằng năm")
    qualified_cycles: frozenset[str]
    after_day_re: re.Pattern[str] | None  # a report day right before the word ("trước ngày 10/12 hàng năm")
    day_re: list[re.Pattern[str]]
    day_window: int
    event_re: re.Pattern[str] | None
    clause_re: re.Pattern[str] | None
    item_re: re.Pattern[str] | None  # cues that count only where the item opens ("Trường hợp ..., ")
    level_heading_re: re.Pattern[str] | None  # a heading naming a warning level ("Dự báo cháy rừng cấp I"), as written
    event_written: frozenset[str]  # the event cues as written, tone marks kept
    request_written: frozenset[str]  # ... those that wait for a body's request ([event] request_cues)
    request_given_re: re.Pattern[str] | None  # ... unless the work was given already ([event] request_given_after)
    request_made_re: re.Pattern[str] | None  # ... or the request was made in a cited paper ([event] request_made_in)
    event_max: int
    discretion_re: re.Pattern[str] | None
    readiness_words_re: re.Pattern[str] | None
    readiness_window: int
    before_event_re: re.Pattern[str] | None
    clause_marks: str
    cited_before: list[re.Pattern[str]]
    cited_after: list[re.Pattern[str]]
    cited_title: list[re.Pattern[str]]
    as_of: re.Pattern[str] | None
    describes: re.Pattern[str] | None
    firm_cue: re.Pattern[str] | None
    cycles_take_yearless: frozenset[str]
    fuzzy_score: float
    confidence: dict[str, float]
    dated_share: float
    fuzzy_phrases: list[tuple[str, str, str, tuple[str, ...]]]  # (kind, cycle or "", folded, words as written)
    fuzzy_prefixes: frozenset[str]  # written words of 4+ letters: a word starting with one anchors its phrase
    fuzzy_short: frozenset[str]  # shorter written words: only the word itself anchors


# ---------------------------------------------------------------- rules


def _phrase_regex(phrase: str) -> str:
    """A plain phrase as a folded, whole-word regex with flexible spaces."""
    words = fold(phrase).split()
    return r"\s+".join(re.escape(w) for w in words)


def _alternation(phrases: list[str]) -> str:
    """Longest first, so "trước ngày" is tried before "trước" (then by text: the same rules give the same
    pattern in every process, so its compiled form is found again, tracker/cache.py)."""
    parts = sorted({_phrase_regex(p) for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(parts) + ")"


def _int_table(rf: rules.RuleFile, key: str) -> dict[str, int]:
    """A table of words to whole numbers, keys folded."""
    out = {}
    for word, value in rf.get(key, dict).items():
        if not isinstance(value, int) or isinstance(value, bool):
            raise rf.error(f"'{key}.{word}' phải là số nguyên, không phải {value!r}", word)
        out[fold(word)] = value
    return out


def _compile(rf: rules.RuleFile, raw: str, key: str, number_alt: str, prefix: str = "") -> re.Pattern[str]:
    """A pattern of the rules with "{number}" filled in; an error names the line it is written on."""
    from tracker.cache import compile_pattern

    try:
        return compile_pattern(prefix + raw.replace("{number}", number_alt))  # kept between runs: big alternations
    except re.error as exc:
        raise rf.bad_pattern(key, raw, exc) from None


HOWS = ("none", "none_among_dated", "row_none", "cell", "time_one", "time_choice", "time_scope", "time_no_year", "relative",
        "start", "recurring_leading", "recurring_inside", "recurring_inside_cycle", "event_opening", "event_inside", "event_request", "fuzzy")


def _confidence_table(rf: rules.RuleFile) -> dict[str, float]:
    """How a deadline was found → how sure the reader is of it, checked."""
    out = {}
    for how, value in rf.get("confidence", dict, {}).items():
        if how == "dated_share":
            continue
        if how not in HOWS:
            raise rf.error(f"'confidence.{how}' không phải một cách tìm thời hạn (các cách: {', '.join(HOWS)})", how)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
            raise rf.error(f"'confidence.{how}' phải là một số từ 0 đến 1, không phải {value!r}", how)
        out[how] = float(value)
    return out


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    rf = rules.load("deadlines")
    order = tuple(rf.strings("choose.order"))
    for kind in order:
        if kind not in DEADLINE_KINDS:
            raise rf.error(f"loại thời hạn '{kind}' trong choose.order không có (các loại: {', '.join(DEADLINE_KINDS)})", kind)

    roman = _int_table(rf, "numbers.roman")
    numbers = _int_table(rf, "numbers.words")
    words_alt = "|".join(sorted((re.escape(w) for w in numbers), key=len, reverse=True))
    number_alt = r"(?:\d{1,3}|" + words_alt + ")"
    # A span may count parts of a day: "0,25 ngày làm việc", "1,5 ngày" (a decimal comma), as the
    # step tables of an approved procedure give it.
    span_alt = r"(?:\d{1,3}(?:,\d{1,2}(?!\d))?|" + words_alt + ")"

    def form_list(name: str) -> list[str]:
        pats = []
        for raw in rf.strings(f"forms.{name}"):
            compiled = _compile(rf, raw, f"forms.{name}", number_alt)
            missing = [g for g in _FORM_GROUPS[name] if g not in compiled.groupindex]
            if missing:
                raise rf.error(f"mẫu trong 'forms.{name}' thiếu nhóm {', '.join(missing)}", raw[:30])
            pats.append(compiled.pattern)
        return pats

    forms = {name: form_list(name) for name in _FORM_GROUPS}

    def cued(cue_key: str, form_names: tuple[str, ...], between: str = "") -> list[tuple[str, re.Pattern[str]]]:
        cues = _alternation(rf.strings(cue_key))
        out = []
        for name in form_names:
            for p in forms[name]:
                out.append((name, rf.regex(_WORD_EDGE_L + cues + r"\s*:?\s*" + between + "(?P<form>" + p + ")", cue_key)))
        return out

    start_cell_re = _Later(lambda: cued("start.cell_cues", ("month", "quarter", "year")) if rf.strings("start.cell_cues", []) else [])
    time_of_day = rf.get("date.time_of_day", str, "")
    if time_of_day:
        rf.regex(time_of_day, "date.time_of_day")  # a bad pattern names its line
        time_of_day = "(?:" + time_of_day + ")?"

    free = rf.strings("period.free_forms")
    for name in free:
        if name not in _PERIOD_FORMS:
            raise rf.error(f"'period.free_forms' nêu dạng '{name}' không có (các dạng: {', '.join(_PERIOD_FORMS)})", name)
    period_re = cued("period.cues", _PERIOD_FORMS)
    # Cues that count only where a clause begins: "Đến năm 2030, 100% ..." sets the item's target,
    # while "Chương trình ... đến năm 2030" inside a clause is a name; "Tựu trường: Ngày 26/8" (a
    # timetable's line) is due that day, while "theo Thông báo ngày 15/3" is a cited document's date.
    def clause_cued(key: str, form_names: tuple[str, ...], marks_key: str, at_start: bool) -> list[tuple[str, re.Pattern[str]]]:
        if not rf.strings(key, []):
            return []
        marks = "".join(re.escape(m) for m in rf.strings(marks_key))
        lead = "(?:" + ("^|" if at_start else "") + r"(?<=[" + marks + r"]))[\s\-+]*"
        cues = _alternation(rf.strings(key))
        return [(name, rf.regex(lead + cues + r"\s+(?P<form>" + p + ")", key)) for name in form_names for p in forms[name]]

    period_re += clause_cued("period.clause_cues", _PERIOD_FORMS, "event.clause_marks", at_start=True)
    for name in free:
        for p in forms[name]:
            period_re.append((name, rf.regex(_WORD_EDGE_L + "(?P<form>" + p + ")", "forms." + name)))

    # A text that is nothing but a time expression (an appendix cell "Năm 2023",
    # "30/9/2022") is a deadline even without a cue.
    all_cues = _alternation(rf.strings("date.cues") + rf.strings("period.cues"))
    def bare() -> list[tuple[str, re.Pattern[str]]]:
        return [
            (name, rf.regex(r"^[\W_]*(?:" + all_cues + r"\s*:?\s*)?(?P<form>" + p + r")[\W_]*$", "forms." + name))
            for name in ("date",) + _PERIOD_FORMS
            for p in forms[name]
        ]

    # In a time cell ("Dự kiến tháng 11/2025 (sau khi ...)", "Từ tháng 12/2025 đến quý I/2026")
    # every calendar form is a time, cue or not; a year only with its number.
    def cell() -> list[tuple[str, re.Pattern[str]]]:
        return [
            (name, rf.regex(_WORD_EDGE_L + "(?P<form>" + p + ")", "forms." + name))
            for name in ("date",) + _PERIOD_FORMS
            for p in forms[name]
        ]

    units: dict[str, dict[str, int]] = {}
    for unit in rf.get("relative.units", dict):
        spec = _int_table(rf, f"relative.units.{unit}")
        if len(spec) != 1 or set(spec) - {"hours", "days"}:
            raise rf.error(f"'relative.units.{unit}' phải là {{ hours = N }} hoặc {{ days = N }}", unit)
        units[fold(unit)] = spec
    relative_re = []
    for raw in rf.strings("relative.patterns"):
        compiled = _compile(rf, raw, "relative.patterns", span_alt, prefix=_WORD_EDGE_L)
        if not {"n", "unit"} <= set(compiled.groupindex):
            raise rf.error("mẫu trong 'relative.patterns' cần có nhóm n và unit", raw[:30])
        relative_re.append(compiled)

    anchor_re = rf.regexes("relative.anchor_patterns", default=[])
    for p in anchor_re:
        if "anchor" not in p.groupindex:
            raise rf.error("mẫu trong 'relative.anchor_patterns' cần có nhóm anchor", p.pattern[:30])
    counts_from = [(how, rf.regexes(f"relative.counts_from.{how}", default=[])) for how in ("document", "case")]
    other_anchor = rf.get("relative.counts_from.other", str, "event")
    compounds = rf.strings("recurring.compounds", [])
    scope_words = rf.strings("period.scope_words", [])
    discretion = rf.strings("event.discretion", [])
    readiness_words = rf.strings("event.readiness_words", [])
    if other_anchor not in ("document", "case", "event"):
        raise rf.error(f"'relative.counts_from.other' phải là document, case hoặc event, không phải {other_anchor!r}", "other")

    prefer = rf.strings("recurring.prefer")
    cycle_table = rf.get("recurring.cycles", dict)
    cycles = []
    for cycle in prefer:
        for phrase in rf.strings(f"recurring.cycles.{cycle}", []):
            cycles.append((cycle, phrase, re.compile(_WORD_EDGE_L + _phrase_regex(phrase) + _WORD_EDGE_R)))
    for cycle in cycle_table:
        if cycle not in prefer:
            raise rf.error(f"chu kỳ '{cycle}' chưa có trong 'recurring.prefer'", cycle)
    ignore = rf.strings("recurring.ignore_after", [])
    ignore_after = re.compile(_WORD_EDGE_L + _alternation(ignore) + _WORD_EDGE_R) if ignore else None
    day_re = rf.regexes("recurring.day_patterns")
    qualified = rf.strings("recurring.qualified_nouns", [])
    gap = int(rf.get("recurring.qualified_gap", int, 0))
    # the noun, then up to `gap` words or commas of its own phrase (no number, no clause mark)
    qualified_re = (re.compile(_WORD_EDGE_L + _alternation(qualified) + r"(?:\s+[a-z]+|\s*,){0," + str(gap) + r"}\s*,?\s*$")
                    if qualified else None)
    for cycle in rf.strings("recurring.qualified_cycles", []):
        if cycle not in prefer:
            raise rf.error(f"'recurring.qualified_cycles' nêu chu kỳ '{cycle}' không có", cycle)
    after_day = rf.get("recurring.after_day_pattern", str, "")
    for p in day_re:
        if "day" not in p.groupindex:
            raise rf.error("mẫu trong 'recurring.day_patterns' cần có nhóm day", p.pattern[:30])

    request_cues = rf.strings("event.request_cues", [])
    event_cues = rf.strings("event.cues", []) + request_cues
    clause_cues = rf.strings("event.clause_cues", [])
    item_cues = rf.strings("event.item_cues", [])
    marks = "".join(re.escape(m) for m in rf.strings("event.clause_marks"))
    event_re = re.compile(_WORD_EDGE_L + _alternation(event_cues) + _WORD_EDGE_R) if event_cues else None
    clause_re = (
        re.compile(r"(?:^|[" + marks + r"])\s*(?P<cue>" + _alternation(clause_cues) + ")" + _WORD_EDGE_R)
        if clause_cues
        else None
    )

    as_of = rf.strings("cited.as_of", [])
    yearless_cycles = rf.strings("recurring.take_yearless_dates", [])
    for cycle in yearless_cycles:
        if cycle not in prefer:
            raise rf.error(f"'recurring.take_yearless_dates' nêu chu kỳ '{cycle}' không có", cycle)
    fuzzy_kinds = rf.strings("fuzzy.kinds", [])
    for kind in fuzzy_kinds:
        if kind not in ("recurring", "event"):
            raise rf.error(f"'fuzzy.kinds' chỉ được chứa recurring và event, không phải '{kind}'", kind)
    fuzzy_min = int(rf.get("fuzzy.min_length", int, 9))
    candidates = [("recurring", c, p) for c, p, _ in cycles] if "recurring" in fuzzy_kinds else []
    candidates += [("event", "", p) for p in event_cues] if "event" in fuzzy_kinds else []
    fuzzy_phrases = [
        (kind, cycle, fold(p), tuple(p.lower().split()))
        for kind, cycle, p in candidates
        if len(fold(p).replace(" ", "")) >= fuzzy_min
    ]
    return _Rules(
        order=order,
        roman=roman,
        numbers=numbers,
        part_start=frozenset(fold(p) for p in rf.strings("forms.part_start")),
        date_re=[p for _, p in cued("date.cues", ("date",), time_of_day)
                 + clause_cued("date.clause_cues", ("date",), "date.clause_marks", at_start=False)],
        start_re=[p for _, p in cued("start.cues", ("date",))],
        start_written=tuple(sorted({_as_written(c) for c in rf.strings("start.cues")}, key=len, reverse=True)),
        before_period_re=cued("date.before_period_cues", _PERIOD_FORMS) if rf.strings("date.before_period_cues", []) else [],
        period_re=period_re,
        bare_re=_Later(bare),
        bare_max=int(rf.get("forms.bare_max_length", int, 100)),
        cell_re=_Later(cell),
        start_cell_re=start_cell_re,
        bare_year_cues=frozenset(" ".join(fold(c).split()) for c in rf.strings("period.bare_year_cues", [])),
        range_joins=rf.regexes("choose.range_joins", default=[]),
        details_re=rf.regexes("choose.details_patterns", default=[]),
        leading_window=int(rf.get("choose.leading_recurrence_window", int, 0)),
        scope_re=re.compile(_WORD_EDGE_L + _alternation(scope_words) + _WORD_EDGE_R) if scope_words else None,
        scope_window=int(rf.get("period.scope_window", int, 50)),
        past_periods_are_scopes=bool(rf.get("period.past_periods_are_scopes", bool, False)),
        breakdown_re=(re.compile(r"\s*(?:,|va)?\s*" + _alternation(rf.strings("period.breakdown_next")) + _WORD_EDGE_R)
                      if rf.strings("period.breakdown_next", []) else None),
        past_start_days=int(rf.get("start.past_start_days", int, 0)),
        stale_years=int(rf.get("cited.stale_years", int, 0)),
        open_end_re=rf.regexes("choose.open_end_patterns", default=[]),
        open_end_cycles={fold(k): str(v) for k, v in rf.get("choose.open_end_cycles", dict, {}).items()},
        due_re=(re.compile(_WORD_EDGE_L + _alternation(rf.strings("period.due_cues")) + _WORD_EDGE_R)
                if rf.strings("period.due_cues", []) else None),
        tentative_re=(re.compile(_WORD_EDGE_L + _alternation(rf.strings("choose.tentative_words")) + _WORD_EDGE_R)
                      if rf.strings("choose.tentative_words", []) else None),
        tentative_window=int(rf.get("choose.tentative_window", int, 25)),
        completion_re=(re.compile(_WORD_EDGE_L + _alternation(rf.strings("choose.completion_words")) + _WORD_EDGE_R)
                       if rf.strings("choose.completion_words", []) else None),
        completion_window=int(rf.get("choose.completion_window", int, 15)),
        relative_re=relative_re,
        relative_units=units,
        tail_re=rf.regexes("relative.tail_patterns", default=[]),
        anchor_re=anchor_re,
        counts_from=counts_from,
        other_anchor=other_anchor,
        case_window=int(rf.get("relative.counts_from.case_window", int, 80)),
        compounds_re=re.compile(_WORD_EDGE_L + _alternation(compounds) + _WORD_EDGE_R) if compounds else None,
        cycles=cycles,
        ignore_after=ignore_after,
        ignore_window=int(rf.get("recurring.ignore_window", int, 40)),
        attribute_of=(re.compile(_WORD_EDGE_L + _alternation(rf.strings("recurring.attribute_of")) + r"\s*$")
                      if rf.strings("recurring.attribute_of", []) else None),
        day_re=day_re,
        qualified_re=qualified_re,
        qualified_cycles=frozenset(rf.strings("recurring.qualified_cycles", [])),
        after_day_re=rf.regex(after_day, "recurring.after_day_pattern") if after_day else None,
        day_window=int(rf.get("recurring.day_window", int, 60)),
        event_re=event_re,
        event_written=frozenset(_as_written(p) for p in event_cues + clause_cues + item_cues),
        request_written=frozenset(_as_written(p) for p in request_cues),
        request_made_re=(re.compile(_WORD_EDGE_L + _alternation(rf.strings("event.request_made_in")) + _WORD_EDGE_R)
                         if rf.strings("event.request_made_in", []) else None),
        request_given_re=(re.compile(_WORD_EDGE_L + _alternation(rf.strings("event.request_given_after")) + r"\s*,?\s*$")
                          if rf.strings("event.request_given_after", []) else None),
        clause_re=clause_re,
        item_re=re.compile(r"^[\W\d_]*(?P<cue>" + _alternation(item_cues) + ")" + _WORD_EDGE_R) if item_cues else None,
        level_heading_re=(rf.regex(rf.get("event.level_heading", str), "event.level_heading")
                          if rf.get("event.level_heading", str, "") else None),
        event_max=int(rf.get("event.max_length", int, 140)),
        discretion_re=re.compile(r"\s*" + _alternation(discretion) + _WORD_EDGE_R) if discretion else None,
        readiness_words_re=re.compile(_WORD_EDGE_L + _alternation(readiness_words) + _WORD_EDGE_R) if readiness_words else None,
        readiness_window=int(rf.get("event.readiness_window", int, 40)),
        clause_marks="".join(rf.strings("event.clause_marks")),
        before_event_re=(re.compile(_WORD_EDGE_L + _alternation(rf.strings("event.before_event")) + r"\s*$")
                         if rf.strings("event.before_event", []) else None),
        cited_before=rf.regexes("cited.before_patterns", default=[]),
        cited_after=rf.regexes("cited.after_patterns", default=[]),
        cited_title=rf.regexes("cited.title_patterns", default=[]),
        as_of=re.compile(_WORD_EDGE_L + _alternation(as_of) + r"\s*$") if as_of else None,
        describes=(re.compile(_WORD_EDGE_L + _alternation(rf.strings("descriptive.before")) + r"\s*$")
                   if rf.strings("descriptive.before", []) else None),
        firm_cue=(re.compile(_WORD_EDGE_L + _alternation(rf.strings("descriptive.unless_cues")) + _WORD_EDGE_R)
                  if rf.strings("descriptive.unless_cues", []) else None),
        cycles_take_yearless=frozenset(yearless_cycles),
        fuzzy_score=float(rf.get("fuzzy.score", (int, float), 85)),
        confidence=_confidence_table(rf),
        dated_share=float(rf.get("confidence.dated_share", (int, float), 1.01)),
        fuzzy_phrases=fuzzy_phrases,
        fuzzy_prefixes=frozenset(w for *_, written in fuzzy_phrases for w in written if len(w) >= 4),
        fuzzy_short=frozenset(w for *_, written in fuzzy_phrases for w in written if len(w) < 4),
    )


def clear_cache() -> None:
    """Forget compiled rules (tests that swap the rules folder)."""
    _rules.cache_clear()


rules.on_clear(clear_cache)


# ---------------------------------------------------------------- dates


def _doc_parts(doc_date: str | None) -> tuple[int | None, int | None, int | None]:
    if not doc_date:
        return None, None, None
    m = re.match(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", doc_date)
    if not m:
        return None, None, None
    return tuple(int(g) if g else None for g in m.groups())  # type: ignore[return-value]


def _year(group: str | None, doc_year: int | None) -> int | None:
    if not group:
        return doc_year
    y = int(group)
    return y + 2000 if y < 100 else y


def _month_end(year: int, month: int) -> Date:
    return Date(year, month, calendar.monthrange(year, month)[1])


def _date_of(form: str, m: re.Match[str], r: _Rules, doc_year: int | None) -> tuple[Date | None, str | None]:
    """The date a form names (a period's last day), and a note when it had to be mended."""
    g = m.groupdict()
    year = _year(g.get("y"), doc_year)
    if year is None or not 1900 <= year <= 2100:
        return None, None
    if form == "date":
        day, month = int(g["d"]), int(g["m"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None, None
        last = calendar.monthrange(year, month)[1]
        if day > last:  # "31/9": keep the month, note the impossible day
            return Date(year, month, last), f"Ngày {day}/{month}/{year} không có thật; lấy ngày cuối tháng"
        return Date(year, month, day), None
    if form == "month":
        month = int(g["m"])
        return (_month_end(year, month), None) if 1 <= month <= 12 else (None, None)
    if form == "quarter":
        q = g["q"]
        quarter = int(q) if q.isdigit() else r.roman.get(q, 0)
        return (_month_end(year, quarter * 3), None) if 1 <= quarter <= 4 else (None, None)
    if form == "part_of_year":
        n = g["n"]
        months = int(n) if n.isdigit() else r.numbers.get(n, 0)
        if g["part"] in r.part_start:
            return (_month_end(year, months), None) if 1 <= months <= 12 else (None, None)
        return Date(year, 12, 31), None
    return Date(year, 12, 31), None  # year


def _is_cited(folded: str, m: re.Match[str], r: _Rules) -> bool:
    """A date of a cited document ("Quyết định số 766/QĐ-TTg ngày 23/6/2022 của ..."),
    of background narrative, or of a figure ("tính đến ngày 30/6/2022")."""
    before, after = folded[max(0, m.start() - 80) : m.start()], folded[m.end() : m.end() + 80]
    if any(p.search(before) for p in r.cited_before) or any(p.search(after) for p in r.cited_after):
        return True
    if r.cited_title:
        title = folded[max(0, m.start() - 160) : m.start()]
        if any(p.search(title) for p in r.cited_title):
            return True
    form = m.start("form")
    if r.as_of and r.as_of.search(folded, max(0, form - 40), form):
        return True
    return _describes(folded, m.start(), form, r)


def _describes(folded: str, start: int, form: int, r: _Rules) -> bool:
    """A time that belongs to a clause describing something else ("các nhiệm vụ được giao trong
    năm 2025", "các dự án có kế hoạch hoàn thành năm 2025"): no deadline of the task, unless its
    own cue says it is due ("được giao trước ngày 30/6" stays open to both readings: kept)."""
    if r.describes is None or not r.describes.search(folded, max(_clause_start(folded, start), start - 40), start):
        return False
    return not (r.firm_cue and r.firm_cue.search(folded, start, form))


# ---------------------------------------------------------------- finders


_CLAUSE_END = re.compile(r"[;.\n]")


def _clause_start(folded: str, pos: int) -> int:
    """Where the clause holding `pos` begins (after the last ";", "." or line break before it)."""
    cut = max(folded.rfind(c, 0, pos) for c in ";.\n")
    return cut + 1


def _is_scope(folded: str, start: int, form: int, r: _Rules) -> bool:
    """A time that says what the work covers: a scope word stands before it in its clause,
    and its cue (folded[start:form]) does not say it is due."""
    if r.scope_re is None or (r.due_re and r.due_re.search(folded, start, form)):
        return False
    lo = max(_clause_start(folded, start), start - r.scope_window)
    return bool(r.scope_re.search(folded, lo, start))


def _is_tentative(folded: str, start: int, r: _Rules) -> bool:
    """A planned time: "dự kiến" just before it, no other number in between."""
    if r.tentative_re is None:
        return False
    hits = list(r.tentative_re.finditer(folded, max(0, start - r.tentative_window), start + 1))
    return bool(hits) and not re.search(r"\d", folded[hits[-1].end() : start])


def _first_day(form: str, last: Date) -> Date:
    """The first day of the period whose last day is `last`."""
    if form == "year":
        return Date(last.year, 1, 1)
    if form == "quarter":
        return Date(last.year, last.month - 2, 1)
    return Date(last.year, last.month, 1)


def _dated(kind: str, pats: list[tuple[str, re.Pattern[str]]], text: str, folded: str, r: _Rules, doc_year: int | None,
           need_year: bool = False, bare_year: bool = False, before: bool = False) -> list[_Found]:
    out = []
    for form, pat in pats:
        for m in pat.finditer(folded):
            if form == "year" and not m.group("y"):
                cue = " ".join(folded[m.start() : m.start("form")].replace(":", " ").split())
                if need_year or not (bare_year or cue in r.bare_year_cues):
                    continue  # "kinh phí bổ sung trong năm": during the year, not by its end
            day, note = _date_of(form, m, r, doc_year)
            if day is not None and kind == "start" and form != "date":
                day = _first_day(form, day)
            if day is not None and before:
                day = _first_day(form, day) - timedelta(days=1)
            if day is None and (m.groupdict().get("y") or doc_year):
                continue  # not a real date ("ngày 45/13")
            if _is_cited(folded, m, r):
                continue
            dl = Deadline(kind=kind, text=text[m.start() : m.end()].strip(), date=day.isoformat() if day else None, warning=note)
            out.append(_Found(kind, m.start(), m.end(), day, dl, yearless=not m.groupdict().get("y"),
                              scope=_is_scope(folded, m.start(), m.start("form"), r),
                              tentative=_is_tentative(folded, m.start(), r)))
    return out


def _relative(text: str, folded: str, r: _Rules) -> list[_Found]:
    out = []
    for pat in r.relative_re:
        for m in pat.finditer(folded):
            count = _count(m.group("n"), r)
            unit = r.relative_units.get(m.group("unit"))
            if not count or not unit:
                continue
            end = m.end()
            for tail in r.tail_re:
                t = tail.match(folded, end)
                if t:
                    end = t.end()
                    break
            working = bool(m.groupdict().get("working"))
            dl = Deadline(kind="relative", text=text[m.start() : end].strip(), working=working)
            if m.groupdict().get("anchor"):  # the event is written inside the phrase ("sau khi X 01 ngày")
                _classify(dl, text, folded, m.start("anchor"), m.end("anchor"), r)
            else:
                _anchor(dl, text, folded, m.end(), end, r)
            if dl.counts_from is None:
                _no_anchor(dl, folded, m.start(), r)
            span = count * unit.get("hours", unit.get("days", 1))
            span = int(span) if float(span).is_integer() else round(span, 4)  # "0,5 tuần": 3.5 days; "1,5 tháng": 45
            if "hours" in unit:
                dl.hours = span
            else:
                dl.days = span
            out.append(_Found("relative", m.start(), end, None, dl))
    return out


def _count(n: str, r: _Rules) -> int | float | None:
    """A span's count: digits, a decimal with a comma ("0,25": a quarter of a day) or a number word."""
    if n.isdigit():
        return int(n)
    if re.fullmatch(r"\d+,\d+", n):
        value = float(n.replace(",", "."))
        return int(value) if value.is_integer() else value
    return r.numbers.get(n)


def _anchor(dl: Deadline, text: str, folded: str, start: int, end: int, r: _Rules) -> None:
    """What a span counts from, and so how it is tracked (task_rules/deadlines.toml, [relative.counts_from]).

    "trong vòng 8 giờ kể từ khi nhận hồ sơ" applies to each dossier: a standing
    rule, never one due date; "trong 10 ngày kể từ ngày ký" gives a due date.
    """
    if end <= start:
        return
    for pat in r.anchor_re:
        m = pat.match(folded[start:end])
        if not m:
            continue
        _classify(dl, text, folded, start + m.start("anchor"), start + m.end("anchor"), r)
        return


def _classify(dl: Deadline, text: str, folded: str, a0: int, a1: int, r: _Rules) -> None:
    """The anchor text[a0:a1] and what it makes of the span: document, case or event."""
    anchor = text[a0:a1].strip(" ,")
    if not anchor:
        return
    key = folded[a0:a1]
    how = next((name for name, pats in r.counts_from if any(p.search(key) for p in pats)), r.other_anchor)
    dl.anchor, dl.counts_from, dl.per_case = anchor, how, how == "case"


def _no_anchor(dl: Deadline, folded: str, start: int, r: _Rules) -> None:
    """A span that names no event: per case when its clause speaks of a case ("giải quyết hồ sơ
    trong vòng 8 giờ"), else from the document's date ("hoàn thành trong 30 ngày")."""
    lo = max(_clause_start(folded, start), start - r.case_window)
    before = folded[lo:start]
    case = any(p.search(before) for p in dict(r.counts_from).get("case", []))
    dl.counts_from, dl.per_case = ("case", True) if case else ("document", False)


def relative_anchor(text: str) -> Deadline | None:
    """A relative span read again from its phrase alone, with its anchor (for records parsed before
    anchors were read): None when the phrase holds no span."""
    if not text:
        return None
    hits = _relative(text, fold_keep_length(text), _rules())
    return hits[0].deadline if hits else None


def _masked(folded: str, r: _Rules) -> str:
    """The folded text with fixed names that hold a recurrence word ("chi thường xuyên",
    "giáo dục thường xuyên") blanked out, offsets kept: a name says nothing of the task's rhythm."""
    if r.compounds_re is None:
        return folded

    def blank(m: re.Match[str]) -> str:
        # "...; nhiệm vụ thường xuyên." / "(nhiệm vụ thường xuyên)": the name stands alone as the
        # task's time label, between a list mark and the clause end: it gives the rhythm
        before, after = folded[: m.start()].rstrip(), folded[m.end() :].lstrip()
        if before[-1:] in (",", ";", "(") and (not after or after[0] in ".;)\n"):
            return m.group()
        return "#" * len(m.group())

    return r.compounds_re.sub(blank, folded)


def _not_the_tasks_rhythm(folded: str, start: int, r: _Rules, cycle: str = "") -> bool:
    """A recurrence word at `start` that says nothing of how often the task recurs."""
    if r.after_day_re and r.after_day_re.search(folded, max(0, start - 30), start):
        return False  # "trước ngày 10/12 hàng năm": a report day in the cycle, the task's own rhythm
    if r.ignore_after and r.ignore_after.search(folded, max(0, start - r.ignore_window), start):
        return True
    # "Nghị quyết hằng năm của HĐND", "bản tin định kỳ": the thing's rhythm, not the task's
    return bool(r.attribute_of and r.attribute_of.search(folded, max(0, start - 40), start))


def _qualifies(folded: str, start: int, r: _Rules, cycle: str, cell: bool) -> bool:
    """A yearly word that names which budget or plan ("bố trí trong dự toán ngân sách hằng năm"),
    not when the task falls (deadlines.toml [recurring] qualified_nouns)."""
    return (not cell and cycle in r.qualified_cycles and r.qualified_re is not None and start > r.leading_window
            and bool(r.qualified_re.search(folded, max(_clause_start(folded, start), start - 90), start)))


def _recurring(text: str, folded: str, r: _Rules, cell: bool = False) -> list[_Found]:
    hits, qualified = [], []
    for rank, (cycle, _phrase, pat) in enumerate(r.cycles):
        for m in pat.finditer(folded):
            if not _not_the_tasks_rhythm(folded, m.start(), r, cycle):
                hit = (rank, m.start(), m.end(), cycle)
                (qualified if _qualifies(folded, m.start(), r, cycle, cell) else hits).append(hit)
    if not hits:
        return []  # only a budget's or a plan's year: no rhythm of the task
    hits += qualified  # the item has a rhythm of its own ("... hằng năm và định kỳ báo cáo"): the most specific cycle
    _rank, start, end, cycle = min(hits)
    dl = Deadline(kind="recurring", text=text[start:end], cycle=None if cycle == "unspecified" else cycle)
    if cycle not in ("continuous", "daily", "unspecified"):
        for pat in r.day_re:
            for m in pat.finditer(folded):
                if min(abs(m.start() - end), abs(start - m.end())) <= r.day_window or m.start() <= start < m.end():
                    dl.day = int(m.group("day"))
                    s, e = min(start, m.start()), max(end, m.end())
                    dl.text = text[s:e].strip()
                    break
            if dl.day:
                break
    return [_Found("recurring", start, end, None, dl)]


def _clause_end(folded: str, start: int, limit: int) -> int:
    m = re.compile(r"[;.\n]").search(folded, start)
    end = m.start() if m else len(folded)
    return min(end, start + limit)


def _event(text: str, folded: str, r: _Rules) -> list[_Found]:
    spans = []
    if r.event_re:
        spans += [(m.start(), m.end()) for m in r.event_re.finditer(folded)]
    if r.clause_re:
        spans += [(m.start("cue"), m.end("cue")) for m in r.clause_re.finditer(folded)]
    if r.item_re and (m := r.item_re.match(folded)):
        clause = folded[m.end() : _clause_end(folded, m.end(), len(folded))]
        if "," in clause and ":" not in clause:
            spans.append((m.start("cue"), m.end("cue")))  # "Trường hợp X, <work>": the work waits for X
    out = []
    for start, cue_end in sorted(spans):
        if _readiness(folded, start, r) or _quoted(text, start):
            continue
        if _as_written(text[start:cue_end]) not in r.event_written:
            continue  # folded alike, written otherwise: "khí dầu mỏ" is no "khi"
        if (r.request_given_re and _as_written(text[start:cue_end]) in r.request_written
                and r.request_given_re.search(folded, max(0, start - 30), start)):
            continue  # "thực hiện các nhiệm vụ trên theo yêu cầu của UBND tỉnh": as required, not when asked
        end = _clause_end(folded, start, r.event_max)
        made = folded.find(" theo ", cue_end, end)  # up to the requester's name: "theo chỉ đạo ... tại" is another's paper
        if (r.request_made_re and _as_written(text[start:cue_end]) in r.request_written
                and r.request_made_re.search(folded, cue_end, end if made < 0 else made)):
            continue  # "theo đề nghị của Bộ X tại Văn bản số ...": the request is made, the work given now
        out.append(_Found("event", start, end, None, Deadline(kind="event", text=text[start:end].strip(" ,"))))
    return out


def _as_written(text: str) -> str:
    """Lower case, tone marks kept, spaces collapsed: how a cue is compared as written, not folded."""
    return " ".join(normalize(text).lower().split())


def _written_as(text: str, start: int, cues: tuple[str, ...]) -> bool:
    """Does one of `cues` stand at `start` as written, tone marks kept ("Chỉ thị số 12-CT/TU ngày
    12/11/2025": "TU ngày" folds to "tu ngay" as "từ ngày" does, and is no start)?"""
    head = _as_written(text[start : start + 40])
    return any(head.startswith(c) for c in cues)


def _quoted(text: str, start: int) -> bool:
    """Inside a quotation (“...”): the words of a rule the task cites or proposes, not its trigger."""
    return text.count("“", 0, start) > text.count("”", 0, start)


def _readiness(folded: str, start: int, r: _Rules) -> bool:
    """A condition that is no deadline (deadlines.toml [event]): discretion ("khi cần thiết":
    nothing to wait for), wherever it stands; or, inside a clause (not at its start, not in
    brackets), work done now for a later case ("bố trí phương án dự phòng khi xảy ra sự cố")."""
    if r.discretion_re and r.discretion_re.match(folded, start):
        return True
    if _opens_clause(folded, start, r):
        return False
    if r.before_event_re and r.before_event_re.search(folded, max(0, start - 12), start):
        return False  # "trước khi có lũ tràn về": done before it, the task's own event
    before = folded[:start].rstrip()
    sentence = max(before.rfind("."), before.rfind("\n"), start - r.readiness_window) + 1
    return bool(r.readiness_words_re and r.readiness_words_re.search(folded, sentence, start))


def _fuzzy(text: str, folded: str, r: _Rules) -> list[_Found]:
    """Recurrence words (and other phrases the rules allow) read through OCR noise ("Thường xuýt").

    A window of words matches a phrase when, spaces dropped and folded, it is
    close enough, and one of its words is one of the phrase's words exactly as
    written, tone marks included: "Thường xuýt" reads as "thường xuyên", but
    "thưởng, xử lý" or "theo nguyên" do not.
    """
    lower = text.lower()
    words = list(re.finditer(r"[a-z0-9]+", folded))
    seen = [lower[w.start() : w.end()] for w in words]
    # Each distinct word is tried once per phrase, not each occurrence: a line of one markup
    # opener repeated 100,000 times took most of a minute here.
    where: dict[str, list[int]] = {}
    for i, w in enumerate(seen):
        where.setdefault(w, []).append(i)
    # A word is an anchor of a phrase when it is one of the phrase's words as written, or (for a written
    # word of four letters or more) starts with one: found once per text through each word's prefixes,
    # not by trying every word against every phrase (that was a third of the parse of a 4-page plan).
    by_word: dict[str, set[int]] = {}  # a written word → where its anchors are (short and long ones differ in length)
    for w, at in where.items():
        if w in r.fuzzy_short:
            by_word.setdefault(w, set()).update(at)
        for k in range(4, len(w) + 1):
            if w[:k] in r.fuzzy_prefixes:
                by_word.setdefault(w[:k], set()).update(at)
    best: tuple[float, int, int, str, str] | None = None
    for kind, cycle, phrase, written in r.fuzzy_phrases:
        anchors = set().union(*(by_word.get(pw, ()) for pw in written))
        if not anchors:
            continue
        from rapidfuzz import fuzz, process  # here: most texts have no anchor, and rapidfuzz takes ~10 ms to import

        key = phrase.replace(" ", "")
        n = len(phrase.split())
        # Windows of n-1..n+1 words around an anchor: OCR also glues and splits words.
        starts = {
            (i, size)
            for a in anchors
            for size in {max(1, n - 1), n, n + 1}
            for i in range(max(0, a - size + 1), min(a, len(words) - size) + 1)
        }
        # A count is no misread letter: a window holding a number the phrase does not hold is other
        # text ("khoảng 2 tháng" is no "hằng tháng").
        digits = any(c.isdigit() for c in phrase)
        starts = {(i, size) for i, size in starts
                  if digits or not any(w.group().isdigit() for w in words[i : i + size])}
        # OCR misreads a letter or a tone mark inside a word, not the word's first letter: a window
        # of as many words as the phrase whose words start otherwise is other words ("nhân Tháng"
        # is no "hằng tháng").
        first = [w[0] for w in phrase.split()]
        starts = {(i, size) for i, size in starts
                  if size != n or [w.group()[0] for w in words[i : i + size]] == first}
        # A window of fewer words than the phrase is words OCR glued: it keeps their letters, less one at
        # most ("nhiều năm liên tục" holds no "năm liền kề" that lost a word).
        starts = {(i, size) for i, size in starts
                  if size >= n or sum(len(w.group()) for w in words[i : i + size]) >= len(key) - 1}
        windows = ["".join(w.group() for w in words[i : i + size]) for i, size in sorted(starts)]
        spans = [(words[i].start(), words[i + size - 1].end()) for i, size in sorted(starts)]
        hit = process.extractOne(key, windows, scorer=fuzz.ratio, score_cutoff=r.fuzzy_score)
        if hit and (best is None or hit[1] > best[0]):
            s, e = spans[hit[2]]
            best = (hit[1], s, e, kind, cycle)
    if best is None:
        return []
    _score, s, e, kind, cycle = best
    if kind == "recurring":
        if _not_the_tasks_rhythm(folded, s, r) or _qualifies(folded, s, r, cycle, False):
            return []  # the word read exactly, and left out on purpose
        dl = Deadline(kind="recurring", text=text[s:e], cycle=None if cycle == "unspecified" else cycle)
    else:
        e = _clause_end(folded, s, r.event_max)
        dl = Deadline(kind="event", text=text[s:e].strip(" ,"))
    return [_Found(kind, s, e, None, dl)]


# ---------------------------------------------------------------- public


def _fmt(d: Date) -> str:
    return d.strftime("%d/%m/%Y")


def _warn_if_early(found: _Found, doc: tuple[int | None, int | None, int | None]) -> Deadline:
    dl = found.deadline
    assert dl is not None
    year, month, day = doc
    if found.day is None or year is None or found.kind not in ("date", "period"):
        return dl
    if day is not None and month is not None:
        early, shown = found.day < Date(year, month, day), f"{day:02d}/{month:02d}/{year}"
    elif month is not None:
        early, shown = (found.day.year, found.day.month) < (year, month), f"{month:02d}/{year}"
    else:
        early, shown = found.day.year < year, str(year)
    if not early:
        return dl
    note = f"Hạn {_fmt(found.day)} trước ngày ban hành văn bản ({shown})"
    return replace(dl, warning=f"{dl.warning}; {note}" if dl.warning else note)


@dataclass(frozen=True)
class DeadlineReading:
    """A deadline read from a text, with how it was found and so how sure the reader is of it
    (task_rules/deadlines.toml [confidence]); `deadline` None means the text gives none."""

    deadline: Deadline | None
    how: str
    confidence: float


def level_heading(text: str) -> str | None:
    """The condition a heading names when it is a warning level that governs the items under it
    ("Dự báo cháy rừng cấp I (cấp thấp)", "Khi dự báo đến Cấp II: khả năng cháy ...": deadlines.toml
    [event] level_heading): the words up to its description, or None. An item under it that says no
    time of its own waits for that level (an event), as one under a time heading takes that time."""
    r = _rules()
    if not text or r.level_heading_re is None:
        return None
    body = re.sub(r"^\s*(?:\d{1,2}|[a-zđ]|[IVX]{1,4})[.)]\s+", "", text.strip())  # its number: "3. ", "b) ", "II. "
    head = re.split(r"[:(]", body, maxsplit=1)[0].strip(" .;,")
    return head if head and r.level_heading_re.match(_as_written(head)) else None


def find_deadline(text: str, doc_date: str | None = None, cell: bool = False) -> Deadline | None:
    """The deadline a task's text gives, or None (see `read_deadline`)."""
    return read_deadline(text, doc_date, cell).deadline


def read_deadline(text: str, doc_date: str | None = None, cell: bool = False) -> DeadlineReading:
    """The deadline a task's text gives (or None), with how sure the reader is of it.

    `text` is the whole task (normalised, lines re-joined) or an appendix cell
    ("Thường xuyên", "Quý III/2022"); `doc_date` the directive's ISO date
    ("2022-08-05", "2022-08" when the day is blank, or None); `cell` says the
    text is a time cell of a table or a labelled field, where every calendar
    form is a time ("Dự kiến tháng 11/2025 (sau khi ...)"). A date without a
    year takes the directive's year; a deadline before the directive's date is
    kept and carries a `warning`.
    """
    r = _rules()
    if not text or not text.strip():
        return _reading(None, "none", r)
    folded = fold_keep_length(text)
    doc = _doc_parts(doc_date)
    found: dict[str, list[_Found]] = {
        # "trước năm 2030", "trước tháng 6/2026": due by the last day before the period begins
        "date": _dated("date", [("date", p) for p in r.date_re], text, folded, r, doc[0])
        + _dated("date", r.before_period_re, text, folded, r, doc[0], need_year=True, before=True),
        "start": [f for f in _dated("start", [("date", p) for p in r.start_re], text, folded, r, doc[0])
                  if _written_as(text, f.start, r.start_written)],
        "period": _dated("period", r.period_re, text, folded, r, doc[0]),
        "relative": _relative(text, folded, r),
        "recurring": _recurring(text, _masked(folded, r), r, cell),
        "event": _event(text, folded, r),
    }
    if cell:
        found["start"] += _dated("start", r.start_cell_re(), text, folded, r, doc[0], need_year=True)
        for form, pat in r.cell_re():
            kind = "date" if form == "date" else "period"
            taken = [(f.start, f.end) for f in found["start"]]
            found[kind] += [f for f in _dated(kind, [(form, pat)], text, folded, r, doc[0], need_year=True)
                            if not any(a <= f.start < b for a, b in taken)]
    if cell and not any(found.values()) and (level := level_heading(text)):
        # a warning level's heading given as where the item's time is read: the item waits for that level
        found["event"].append(_Found("event", 0, len(level), None, Deadline(kind="event", text=level)))
    if not any(found.values()) and len(folded) <= r.bare_max:
        for form, pat in r.bare_re():
            m = pat.match(folded)
            if m:
                kind = "date" if form == "date" else "period"
                found[kind] = _dated(kind, [(form, pat)], text, folded, r, doc[0], bare_year=True)
                break
    if not cell and doc[0] is not None:
        _drop_past(found, doc, r)
    if r.breakdown_re and not cell:
        # "tình hình kinh tế - xã hội quý IV, cả năm 2025", "ước tính quý IV, cả năm 2025": the periods
        # a figure is broken down by, not when the work is due
        found["period"] = [f for f in found["period"] if not r.breakdown_re.match(folded, f.end)]
    cycle = (found["recurring"][0].deadline.cycle or "unspecified") if found["recurring"] else None
    if cycle in r.cycles_take_yearless:
        # "Hằng năm, báo cáo trước ngày 15/12": the date recurs with the cycle.
        for kind in ("date", "period"):
            found[kind] = [f for f in found[kind] if not f.yearless]
    fuzzy = False
    if not any(found.values()):
        for f in _fuzzy(text, _masked(folded, r), r):
            found[f.kind].append(f)
            fuzzy = True
    timed = _timed(found, folded, r)
    if r.past_periods_are_scopes and doc[0] is not None and not cell:
        # (a time cell or a "Thời gian:" field says when, whatever: kept, with its warning)
        timed = [f for f in timed if not _past_scope(f, folded, doc, r)]
    if r.open_end_re:
        timed = _open_ended(timed, found, text, folded, r)
    if timed and found["recurring"] and found["recurring"][0].start <= r.leading_window and all(f.kind == "period" for f in timed):
        timed = []  # "Thường xuyên theo dõi ... trong năm 2026": the period is the scope of a standing task
    for kind in r.order:
        if kind in ("date", "period"):
            if timed:
                best = _first_or_last(timed, folded, r)
                days = {f.day for f in timed}
                how = "time_one" if len(days) == 1 else "time_choice"
                if best.scope or best.tentative:
                    how = "time_scope"
                if best.day is None:
                    how = "time_no_year"  # "ngày 23 tháng 1" in a document whose year is unknown
                elif cell:
                    how = "cell"
                return _reading(_warn_if_early(best, doc), how, r)
            continue
        hits = found.get(kind) or []
        if hits:
            best = min(hits, key=lambda f: f.start)
            if fuzzy:
                how = "fuzzy"
            elif cell:
                how = "cell"
            elif kind == "recurring":
                leading = best.start <= r.leading_window or best.deadline.day is not None
                how = "recurring_leading" if leading else "recurring_inside"
                if how == "recurring_inside" and best.deadline.cycle not in (None, "continuous"):
                    # "báo cáo ... hằng quý": a named rhythm; "cập nhật thường xuyên" is as often
                    # a manner of the work as its rhythm
                    how = "recurring_inside_cycle"
            elif kind == "event":
                how = "event_opening" if _opens_clause(folded, best.start, r) else "event_inside"
                if any(_as_written(best.deadline.text).startswith(c) for c in r.request_written):
                    how = "event_request"  # "theo yêu cầu của cơ quan có thẩm quyền": a body's request
            else:
                how = kind
            return _reading(_warn_if_early(best, doc), how, r)
    return _reading(None, "none", r)


def row_reading(deadline: Deadline | None, text: str, doc_date: str | None, cell: bool) -> DeadlineReading:
    """How sure the reader is of a table row's deadline, read from its time cell (`cell`, by
    tracker/extract/table_cells.py) or, when the row has none, from its text."""
    r = _rules()
    if not cell:
        found = read_deadline(text, doc_date)
        # A row with no time cell: its table may give the time where it was not read.
        return found if found.deadline is not None else _reading(None, "row_none", r)
    if deadline is None:
        return _reading(None, "none", r)
    if deadline.kind in ("date", "period", "start") and not deadline.date:
        return _reading(deadline, "time_no_year", r)
    return _reading(deadline, "cell", r)


def settle_confidence(readings: list[DeadlineReading]) -> list[DeadlineReading]:
    """The readings of one document's tasks, with what the document says of them: where most
    tasks carry a deadline ([confidence] dated_share), one without may have lost it (a time
    column not read, a date in the item above) and is unsure."""
    r = _rules()
    if not readings:
        return readings
    share = sum(x.deadline is not None for x in readings) / len(readings)
    if share < r.dated_share:
        return readings
    return [_reading(None, "none_among_dated", r) if x.deadline is None else x for x in readings]


def _reading(deadline: Deadline | None, how: str, r: _Rules) -> DeadlineReading:
    return DeadlineReading(deadline, how, r.confidence.get(how, r.confidence.get("other", 0.5)))


def _opens_clause(folded: str, start: int, r: _Rules) -> bool:
    before = folded[:start].rstrip()
    return not before or before[-1] in r.clause_marks


def _timed(found: dict[str, list[_Found]], folded: str, r: _Rules) -> list[_Found]:
    """The dates and periods that may be the deadline, in text order: scopes and planned times only
    when nothing firmer gives a time, one phrase per place (the longest), a range or list as its last member."""
    timed = found["date"] + found["period"]
    if any(not f.scope for f in timed) or found["relative"]:
        timed = [f for f in timed if not f.scope]  # "đánh giá đến hết tháng 10, báo cáo trước ngày 15/11"
    if any(not f.tentative for f in timed):
        timed = [f for f in timed if not f.tentative]
    timed.sort(key=lambda f: (f.start, -f.end))
    inside: list[_Found] = []
    for f in timed:
        if inside and f.start < inside[-1].end:
            continue  # the same phrase read by a shorter form, or by the other kind
        inside.append(f)
    out = []
    for i, f in enumerate(inside):
        nxt = inside[i + 1] if i + 1 < len(inside) else None
        if nxt and any(j.match(folded[f.end : nxt.start]) for j in r.range_joins):
            continue  # "từ tháng 12/2025 đến quý I/2026", "Quý IV/2025 và Quý I/2026": the last one ends it
        out.append(f)
    return out


def _open_ended(timed: list[_Found], found: dict[str, list[_Found]], text: str, folded: str, r: _Rules) -> list[_Found]:
    """Drop the times that open a run with no end ("năm 2025 và các năm tiếp theo"); the first
    that is no scope makes the task recurring, unless a recurrence word already does."""
    kept = []
    for f in timed:
        m = next((m for p in r.open_end_re if (m := p.match(folded[f.end : f.end + 60]))), None)
        if m is None:
            kept.append(f)
            continue
        if not f.scope and not found["recurring"]:
            unit = m.groupdict().get("unit")
            end = f.end + m.end()
            dl = Deadline(kind="recurring", text=text[f.start : end].strip(), cycle=r.open_end_cycles.get(unit or ""))
            found["recurring"].append(_Found("recurring", f.start, end, deadline=dl))
    return kept


def _drop_past(found: dict[str, list[_Found]], doc: tuple[int | None, int | None, int | None], r: _Rules) -> None:
    """Times in running text that cannot be the task's, for they lie well behind the directive: a
    start long passed ("sau khi vận hành chính quyền địa phương 2 cấp từ ngày 01/7/2025" in a November
    letter: how things stand since then), and a date or period years back ("đất sử dụng trước ngày
    01/7/2004": a cut-off a law sets). A start a few days back ("áp dụng kể từ ngày 01/8" in a letter
    of 5 August) and a misprinted year stay (with their warning). A time cell or a "Thời gian:" field
    says when whatever it says: never dropped so."""
    year, month, day = doc
    assert year is not None
    issued = Date(year, month or 1, day or 1)
    if r.past_start_days:
        found["start"] = [f for f in found["start"] if f.day is None or (issued - f.day).days < r.past_start_days]
    if r.stale_years:
        for kind in ("date", "period"):
            found[kind] = [f for f in found[kind] if f.day is None or f.day.year > year - r.stale_years]


def _past_scope(f: _Found, folded: str, doc: tuple[int | None, int | None, int | None], r: _Rules) -> bool:
    """A period that ended before the directive was issued, with no cue saying it is due ("báo
    cáo kết quả 6 tháng đầu năm 2025" in a November letter): what the work covers, not a deadline."""
    if f.kind != "period" or f.day is None or (r.due_re and r.due_re.search(folded, f.start, f.start + _cue_length(folded, f))):
        return False
    year, month, day = doc
    if month is None:
        return f.day.year < year
    return f.day < Date(year, month, day or 1)


def _first_or_last(timed: list[_Found], folded: str, r: _Rules) -> _Found:
    """The first time belongs to the task's main instruction; when all stand in the details of the
    task ("cụ thể: - Học kỳ I: ... - Học kỳ II: ..."), they are its stages and the latest ends it."""
    details = min((m.end() for p in r.details_re for m in [p.search(folded)] if m), default=None)
    if details is not None and all(f.start >= details for f in timed):
        return max(timed, key=lambda f: (f.day or Date.min, -f.start))
    if r.completion_re:
        done = [f for f in timed if r.completion_re.search(folded, max(0, f.start - r.completion_window), f.start + _cue_length(folded, f))]
        if done:
            return done[0]
    if r.due_re:
        # "tiếp tục xử lý trong năm 2025 ...; gửi Bộ Tư pháp trước ngày 05/12/2025": a time its cue
        # says is due wins over one that only says when the work happens
        due = [f for f in timed if r.due_re.search(folded, f.start, f.start + _cue_length(folded, f))]
        if due and len(due) < len(timed):
            return due[0]
    return timed[0]


def _cue_length(folded: str, f: _Found) -> int:
    """How far into a phrase its time form starts (the cue's length: "hoàn thành trong ")."""
    m = re.search(r"\d|\b(?:thang|quy|nam|ngay)\b", folded[f.start : f.end])
    return m.start() if m else 0
