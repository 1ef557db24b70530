"""Calibration of the task fields' confidence (issue 11, section 3), for bench/corpus.py.

Every gold task the parser found (matched as score.py matches: the predicted
text holds the gold anchor) gives one judgement per field whose confidence the
JSON gives (`tasks[].confidence`: deadline, indicators, and lead, support,
task where the reader gives them): the field is right as score.py judges it
(a deadline of the same kind and date/days/hours, or none where the gold has
none; the same indicator set; the same units), and it is sure unless its
confidence is under task_rules/confidence.toml's threshold. Per half and per
field: of the fields marked sure, the share right; the share marked unsure.
The held-out half's figures are printed, never its misses.
"""
from __future__ import annotations

THRESHOLD_DEFAULT = 0.6


def unsure_below() -> float:
    """task_rules/confidence.toml's threshold, or 0.6 while that file is not there yet."""
    try:
        from tracker.confidence import unsure_below as threshold

        return threshold()
    except Exception:  # noqa: BLE001 - the module lands with another branch
        return THRESHOLD_DEFAULT


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
            "task": True,
        }
        for field, ok in right.items():
            if field in conf:
                judged.append((field, conf[field], ok))
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
        }

    out = {"all": figures(judged)}
    for field in sorted({f for f, _, _ in judged}):
        out[field] = figures([j for j in judged if j[0] == field])
    return out


def line(cal: dict, threshold: float) -> str:
    def fmt(x):
        return "   -" if x is None else f"{x:.3f}"

    parts = [f"{name} {c['fields']} fields: sure right {fmt(c['sure_right'])}, unsure {fmt(c['unsure_share'])}"
             f" (of them wrong {fmt(c['unsure_wrong'])})" for name, c in cal.items()]
    return f"   task-field calibration (unsure below {threshold}): " + "; ".join(parts)
