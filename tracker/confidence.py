"""When the reader is unsure of a field: one threshold for header and task fields.

Header fields (structure/header.py) and task fields (extract/) carry a
confidence from 0 to 1 in a `confidence` mapping; a field below
task_rules/confidence.toml's `unsure_below` is shown to the clerk as unsure.
A field with no confidence recorded is taken as sure.
"""
from __future__ import annotations

from typing import Iterable

from tracker import rules
from tracker.model import Task


@rules.compiled
def unsure_below() -> float:
    r = rules.load("confidence")
    value = r.get("unsure_below", (int, float))
    if not 0 <= value <= 1:
        raise r.error("'unsure_below' phải là một số từ 0 đến 1", "unsure_below")
    return float(value)


def is_unsure(confidence: dict[str, float] | None, field: str) -> bool:
    value = (confidence or {}).get(field)
    return value is not None and value < unsure_below()


def unsure_fields(confidence: dict[str, float] | None) -> list[str]:
    """The fields below the threshold, in the mapping's order."""
    return [k for k in (confidence or {}) if is_unsure(confidence, k)]


@rules.compiled
def _broken_text_fields() -> tuple[str, ...]:
    return tuple(rules.load("confidence").strings("broken_text.fields"))


def doubt_broken_text(tasks: Iterable[Task], body_text: str) -> None:
    """A text whose syllables fall apart (header.toml [text_quality]): every task's fields read
    from running text (confidence.toml [broken_text]) are less sure, as the header's are."""
    from tracker.structure.header import broken_text, header_rules

    r = header_rules()
    if not broken_text(body_text, r):
        return
    for task in tasks:
        for k in _broken_text_fields():
            if k in task.confidence:
                task.confidence[k] *= r.broken_factor
                task.found_by[k] = task.found_by.get(k, "?") + "+broken"
