#!/usr/bin/env python3
"""Score the reader on the real-directive corpus, both halves, with ../shared/eval/score.py.

    python bench/corpus/build.py          # once: rebuild the documents outside the repository
    python bench/corpus.py [--half dev|held-out|both] [-v] [--save FILE] [--compare FILE]

For every document of bench/corpus/sources.toml that has a gold answer in
bench/corpus/gold/<id>.json and has been rebuilt, runs `tracker parse FILE
--json` and scores it with score.py's own `score_doc`. Prints, per half: the
overall score (mean over documents, as score.py computes it), the mean of each
family (meta = header fields, tasks F1, lead, support, deadline, indicators),
the documents under 0.60, the rows of appendix tables (gold tasks marked
"table": true): rows found, lead, support, deadline per document, and the
calibration of the confidence (bench/calibration.py): header fields and task
fields, each judged right or wrong as score.py judges it and "unsure" under
the one threshold of task_rules/confidence.toml. Per half: of the fields
marked sure, the share right; the share of all fields marked unsure.

-v lists the misses of the dev half only: the held-out half is never tuned on,
so its misses are not shown, and its per-document lines only with
--held-out-docs (for a closing note): by default it prints its summary and
calibration figures, so nobody tuning the reader sees which document moved.
Per half it also counts tasks given, gold and paired (precision against recall) and how the
indicator links, leads and deadlines of paired tasks compare (right, differ, given only, gold
only): which way a half errs, without any document's misses.
--save writes the figures as JSON; --compare prints them beside an earlier --save.
--kinds adds the corpus by kind, by level and by form (sources.toml's fields): documents per
half and their mean score; a held-out mean only over at least MIN_GROUP documents, so that
no single held-out document's score can be read from it.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench" / "corpus"))
import build  # noqa: E402  (bench/corpus/build.py)

sys.path.insert(0, str(ROOT / "bench"))
import calibration  # noqa: E402  (bench/calibration.py: confidence of header and task fields)

FAMILIES = ("meta", "tasks_f1", "lead", "support", "deadline", "indicators")
MIN_GROUP = 3  # fewest held-out documents whose mean score --kinds prints


def kind_lines(entries: list[dict], scores: dict[str, float]) -> list[str]:
    """Per kind, level and form of the kept documents: count per half and mean score (see --kinds).

    entries: sources.toml entries; scores: id -> score of the documents scored in this run."""
    lines = []
    for field in ("kind", "level", "form"):
        groups: dict[str, dict[str, list]] = {}
        for d in entries:
            if d["split"] in ("dev", "held-out"):
                groups.setdefault(str(d.get(field, "?")), {"dev": [], "held-out": []})[d["split"]].append(d["id"])
        lines.append(f"   {field:6} {'':14} dev (mean)     held-out (mean)")
        for name, halves in sorted(groups.items(), key=lambda kv: -len(kv[1]["dev"]) - len(kv[1]["held-out"])):
            cells = []
            for half in ("dev", "held-out"):
                got = [scores[i] for i in halves[half] if i in scores]
                show = got and (half == "dev" or len(got) >= MIN_GROUP)
                cells.append(f"{len(halves[half]):3} ({fmt(mean(got) if show else None)})")
            lines.append(f"   {'':6} {name:14} {cells[0]:14} {cells[1]}")
    return lines


def score_module(shared: Path):
    sys.path.insert(0, str(shared / "eval"))
    import score  # ../shared/eval/score.py
    return score


def parse(cmd: list[str], path: Path, timeout: float) -> dict | str:
    try:
        r = subprocess.run([*cmd, str(path), "--json"], capture_output=True, text=True, timeout=timeout)
        return json.loads(r.stdout)
    except Exception as exc:  # a crash or bad JSON scores zero, as in score.py
        return f"{type(exc).__name__}: {str(exc)[:100]}"


def table_figures(score, out: dict, gold: dict) -> dict | None:
    """Rows of task tables only: score.py's matching on the gold tasks marked "table"."""
    rows = [t for t in gold["tasks"] if t.get("table")]
    if not rows:
        return None
    with contextlib.redirect_stdout(io.StringIO()):
        r = score.score_doc(out, {"directive": {}, "tasks": rows}, False)
    found = r["recall"]
    return {"rows": len(rows), "found": found, "lead": r["lead"], "support": r["support"], "deadline": r["deadline"]}


def outcomes(score, out: dict, gold: dict) -> dict[str, int]:
    """Counts that say which way a half errs, with no document's misses: tasks given, gold and
    paired (precision against recall), and how the indicator links of paired tasks compare."""
    paired = calibration.pairs(score, out, gold)
    tasks = out.get("tasks") or []
    c = {"given": len(tasks), "gold": len(paired), "paired": 0,
         "links_exact": 0, "links_differ": 0, "links_given_only": 0, "links_gold_only": 0,
         "lead_right": 0, "lead_differ": 0, "lead_given_none": 0, "lead_gold_none": 0,
         "due_right": 0, "due_kind": 0, "due_value": 0, "due_given_only": 0, "due_gold_only": 0}
    for g, i in paired:
        if i is None:
            continue
        c["paired"] += 1
        p = tasks[i]
        plead = p.get("lead") or []
        if score.set_f1(plead, g["lead"], score.same_unit) == 1.0:
            c["lead_right"] += 1
        else:
            c["lead_gold_none" if not g["lead"] else "lead_given_none" if not plead else "lead_differ"] += 1
        pdl = p.get("deadline") if (p.get("deadline") or {}).get("kind") not in (None, "none") else None
        gdl = g.get("deadline")
        if score.deadline_ok(pdl, gdl):
            c["due_right"] += 1 if (pdl or gdl) else 0
        elif not pdl or not gdl:
            c["due_gold_only" if gdl else "due_given_only"] += 1
        else:
            c["due_kind" if pdl.get("kind") != gdl["kind"] else "due_value"] += 1
        gi, pi = set(g["indicators"]), score.indicator_ids(p.get("indicators"))
        if gi and pi:
            c["links_exact" if gi == pi else "links_differ"] += 1
        elif gi or pi:
            c["links_gold_only" if gi else "links_given_only"] += 1
    return c


def outcome_line(counts: list[dict[str, int]]) -> str:
    t = {k: sum(c[k] for c in counts) for k in counts[0]} if counts else {}
    if not t:
        return ""
    return (f"   tasks: {t['given']} given, {t['gold']} gold, {t['paired']} paired "
            f"(precision {t['paired'] / max(t['given'], 1):.2f}, recall {t['paired'] / max(t['gold'], 1):.2f}); "
            f"indicator links of paired tasks: {t['links_exact']} exact, {t['links_differ']} differ, "
            f"{t['links_given_only']} given only, {t['links_gold_only']} gold only\n"
            f"   leads of paired tasks: {t['lead_right']} right, {t['lead_differ']} differ, "
            f"{t['lead_given_none']} none given, {t['lead_gold_none']} given where the gold has none; "
            f"deadlines: {t['due_right']} right, {t['due_kind']} other kind, {t['due_value']} other value, "
            f"{t['due_given_only']} given only, {t['due_gold_only']} gold only")


def mean(xs):
    xs = [x for x in xs if x is not None]
    return sum(xs) / len(xs) if xs else None


def fmt(x) -> str:
    return "   -" if x is None else f"{x:.2f}"


def saved(result: dict, held_out_docs: bool) -> dict:
    """What --save writes: the held-out half's documents only with --held-out-docs.

    A saved file is read by whoever tunes the reader next (docdiff, --compare);
    the held-out half's per-document scores and its list of low documents would
    tell them which held-out document moved, so by default it keeps only counts.
    """
    out = dict(result)
    if "held-out" in out and not held_out_docs:
        h = dict(out["held-out"])
        h.pop("docs", None)
        h["under_0.60"] = len(h.get("under_0.60") or [])
        out["held-out"] = h
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=build.default_out())
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cmd", default=None, help="parser command (default: the venv's tracker parse)")
    ap.add_argument("--half", choices=("dev", "held-out", "both"), default="both")
    ap.add_argument("--held-out-docs", action="store_true", help="print the held-out half's per-document scores too")
    ap.add_argument("--only", default="", help="comma-separated ids")
    ap.add_argument("-j", "--jobs", type=int, default=min(4, os.cpu_count() or 1))
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("-v", "--verbose", action="store_true", help="misses of the dev half")
    ap.add_argument("--save", type=Path)
    ap.add_argument("--compare", type=Path)
    ap.add_argument("--kinds", action="store_true", help="the corpus by kind, level and form, per half")
    a = ap.parse_args(argv)

    score = score_module(a.shared)
    if a.cmd:
        cmd = a.cmd.split()
    else:
        tracker = Path(sys.executable).parent / "tracker"
        cmd = [str(tracker), "parse"] if tracker.exists() else [sys.executable, "-m", "tracker", "parse"]
    halves = ("dev", "held-out") if a.half == "both" else (a.half,)
    only = {x for x in a.only.split(",") if x}
    docs, missing = build.gold_documents(a.corpus, halves, only)
    for path in missing:
        print(f"not rebuilt: {path} (run bench/corpus/build.py)", file=sys.stderr)

    with ThreadPoolExecutor(a.jobs) as pool:
        outs = list(pool.map(lambda x: parse(cmd, x[1], a.timeout), docs))

    result: dict = {}
    threshold = calibration.unsure_below()
    for half in halves:
        rows = []
        judged: dict[str, list] = {"header": [], "tasks": []}
        counted: list[dict[str, int]] = []
        print(f"\n== {half} ==")
        for (d, path, gold), out in zip(docs, outs):
            if d["split"] != half:
                continue
            lines = half == "dev" or a.held_out_docs
            if isinstance(out, str):
                row = {"id": d["id"], "score": 0.0, "failed": out}
                if lines:
                    print(f"{d['id']:40} FAILED {out}")
                rows.append(row)
                continue
            show = a.verbose and half == "dev"
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                r = score.score_doc(out, gold, show)
            row = {"id": d["id"], **{k: r[k] for k in ("score", *FAMILIES, "recall", "precision", "n_pred", "n_gold")}}
            counted.append(outcomes(score, out, gold))
            found = {"header": calibration.header_judgements(score, out, gold),
                     "tasks": calibration.task_judgements(score, out, gold)}
            for part, js in found.items():
                judged[part].extend(js)
                if show:
                    for k, c, ok, *_ in js:
                        if (c is None or c >= threshold) != ok:
                            buf.write(f"    CONF    {part} {k}: {'right' if ok else 'WRONG'} at {c}\n")
            tf = table_figures(score, out, gold)
            if tf:
                row["table"] = tf
            rows.append(row)
            if not lines:
                continue
            print(f"{d['id']:40} score={r['score']:.3f} tasks_f1={r['tasks_f1']:.2f} ({r['n_pred']}/{r['n_gold']}) "
                  + " ".join(f"{k}={fmt(r[k])}" for k in ("lead", "support", "deadline", "indicators", "meta")))
            if tf:
                print(f"{'':40} table rows={tf['rows']} found={tf['found']:.2f} lead={fmt(tf['lead'])} "
                      f"support={fmt(tf['support'])} deadline={fmt(tf['deadline'])}")
            if show and buf.getvalue():
                print(buf.getvalue().rstrip())
        fam = {k: mean(r.get(k) for r in rows) for k in FAMILIES}
        overall = mean(r["score"] for r in rows)
        low = [r["id"] for r in rows if r["score"] < 0.60]
        cal = {part: calibration.calibration(js, threshold) for part, js in judged.items()}
        cal["both"] = {"all": calibration.calibration(judged["header"] + judged["tasks"], threshold)["all"]}
        result[half] = {"n": len(rows), "overall": overall, "families": fam, "under_0.60": low, "docs": rows,
                        "calibration": cal,
                        "outcomes": {k: sum(c[k] for c in counted) for k in counted[0]} if counted else {}}
        print(f"-- {half}: {len(rows)} documents, overall {fmt(overall)}; "
              + " ".join(f"{k}={fmt(v)}" for k, v in fam.items())
              + f"; under 0.60: {len(low)}")
        print(outcome_line(counted))
        print(calibration.lines(cal, threshold))
    if a.kinds:
        print("\n== corpus by kind, level, form (kept documents; mean score of those scored) ==")
        scores = {r["id"]: r["score"] for h in halves for r in result[h]["docs"]}
        print("\n".join(kind_lines(build.load_sources(), scores)))
    if a.compare and a.compare.exists():
        old = json.loads(a.compare.read_text())
        print("\n== compared with", a.compare, "==")
        for half in halves:
            if half in old and half in result:
                o, n = old[half], result[half]
                print(f"{half:9} overall {fmt(o['overall'])} -> {fmt(n['overall'])}  "
                      + " ".join(f"{k} {fmt(o['families'].get(k))}->{fmt(n['families'].get(k))}" for k in FAMILIES))
                for part in ("header", "tasks"):
                    oc = ((o.get("calibration") or {}).get(part) or {}).get("all") or {}
                    nc = ((n.get("calibration") or {}).get(part) or {}).get("all") or {}
                    print(f"{'':9} {part} sure right {fmt(oc.get('sure_right'))} -> {fmt(nc.get('sure_right'))}, "
                          f"unsure share {fmt(oc.get('unsure_share'))} -> {fmt(nc.get('unsure_share'))}")
    if a.save:
        a.save.write_text(json.dumps(saved(result, a.held_out_docs), ensure_ascii=False, indent=1))
    summary = " | ".join(f"{h} {fmt(result[h]['overall'])} ({result[h]['n']} docs)" for h in halves)
    print(f"\noverall: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
