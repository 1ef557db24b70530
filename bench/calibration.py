"""Calibration of the reader's confidence (issue 11, section 3), for bench/corpus.py.

One threshold, task_rules/confidence.toml's `unsure_below` (tracker/confidence.py),
for header and task fields alike; a field under it is "unsure", a field without
a confidence is sure.

Header: every header field the gold gives (`directive.confidence`), right as
score.py's score_meta judges it; lists (references, recipients) are right when
their F1 is 1.

Tasks: every gold task the parser found (matched as score.py matches: the
predicted text holds the gold anchor) gives one judgement per field whose
confidence the JSON gives (`tasks[].confidence`: deadline, indicators, lead,
support): right as score.py judges it (a deadline of the same kind and
date/days/hours, or none where the gold has none; the same indicator set; the
same units). The task itself ("is this really a task") is judged on every task
the parser gave: right when it matched a gold task.

Per half and per field: of the fields marked sure, the share right; the share
marked unsure. The held-out half's figures are printed, never its misses.
"""
from __future__ import annotations

from tracker.confidence import unsure_below

HEADER_FIELDS = ("number", "date", "level", "doc_type", "issuer", "signer", "subject", "parent", "references", "recipients")


def header_judgements(score, out: dict, gold: dict) -> list[tuple[str, float | None, bool]]:
    """(field, confidence, right) for every header field the gold gives, judged as score.py's score_meta does."""
    p, g = out.get("directive") or {}, gold["directive"]
    conf = p.get("confidence") or {}
    judged = []
    for k in HEADER_FIELDS:
        if not g.get(k):
            continue
        if k in ("number", "parent"):
            right = score.doc_key(p.get(k)) == score.doc_key(g[k])
        elif k in ("date", "level", "doc_type"):
            right = score.fold(p.get(k) or "") == score.fold(g[k])
        elif k == "issuer":
            right = bool(p.get(k)) and score.same_unit(p[k], g[k])
        elif k in ("signer", "subject"):
            right = score.fuzz.ratio(score.fold(p.get(k) or ""), score.fold(g[k])) >= 85
        elif k == "references":
            right = score.set_f1([score.doc_key(r) for r in p.get(k) or []], [score.doc_key(r) for r in g[k]],
                                 lambda a, b: a == b) == 1.0
        else:
            right = score.set_f1(p.get(k) or [], g[k], score.same_unit) == 1.0
        judged.append((k, conf.get(k), right))
    return judged


def task_judgements(score, out: dict, gold: dict) -> list[tuple[str, float | None, bool]]:
    """(field, confidence, right) for each field of each gold task the parser found."""
    tasks = out.get("tasks") or []
    texts = [score.fold(t.get("text", "")) for t in tasks]
    used: set[int] = set()
    judged = []
    for g in gold["tasks"]:
        a = score.fold(g["anchor"])
        hits = [i for i, t in enumerate(texts) if a in t and i not in used]
        if not hits:
            continue
        i = min(hits, key=lambda i: len(texts[i]))
        used.add(i)
        p = tasks[i]
        conf = p.get("confidence") or {}
        pdl = p.get("deadline") if (p.get("deadline") or {}).get("kind") not in (None, "none") else None
        right = {
            "deadline": score.deadline_ok(pdl, g.get("deadline")),
            "indicators": set(g["indicators"]) == score.indicator_ids(p.get("indicators")),
            "lead": score.same_set(p.get("lead") or [], g["lead"]),
            "support": score.same_set(p.get("support") or [], g["support"]),
        }
        for field, ok in right.items():
            if field in conf:
                judged.append((field, conf[field], ok))
    # "Is this really a task": every task the parser gave, right when it is a gold task.
    for i, p in enumerate(tasks):
        if "task" in (p.get("confidence") or {}):
            judged.append(("task", p["confidence"]["task"], i in used))
    return judged


def calibration(judged: list[tuple[str, float | None, bool]], threshold: float) -> dict:
    def figures(rows):
        sure = [ok for _, c, ok in rows if c is None or c >= threshold]
        unsure = [ok for _, c, ok in rows if c is not None and c < threshold]
        return {
            "fields": len(rows),
            "sure_right": sum(sure) / len(sure) if sure else None,
            "unsure_share": len(unsure) / len(rows) if rows else None,
            "unsure_wrong": sum(not ok for ok in unsure) / len(unsure) if unsure else None,
            "without_confidence": sum(c is None for _, c, _ in rows),
        }

    out = {"all": figures(judged)}
    for field in sorted({f for f, _, _ in judged}):
        out[field] = figures([j for j in judged if j[0] == field])
    return out


def lines(cal: dict[str, dict], threshold: float) -> str:
    """Per half: for header and task fields, all fields then each field (sure right / unsure share)."""
    def fmt(x):
        return "  -  " if x is None else f"{x:.3f}"

    out = [f"   calibration (unsure below {threshold}): sure right / unsure share (of the unsure, wrong)"]
    for part, figures in cal.items():
        a = figures["all"]
        missing = f"; without confidence {a['without_confidence']}" if a["without_confidence"] else ""
        out.append(f"     {part:6} {a['fields']} fields: sure right {fmt(a['sure_right'])}, unsure {fmt(a['unsure_share'])}"
                   f" (wrong {fmt(a['unsure_wrong'])}){missing}")
        if len(figures) == 1:
            continue
        out.append("            " + ", ".join(f"{name} {c['fields']}: {fmt(c['sure_right'])}/{fmt(c['unsure_share'])}"
                                               for name, c in figures.items() if name != "all"))
    return "\n".join(out)
