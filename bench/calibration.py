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

    python bench/calibration.py [--half dev] [--min N]

run alone, parses the dev half in process and prints, per field, every route
(how the field was found: `found_by`, the key of its confidence table, with the
doubts that lowered it: "paragraph+no_lead") with right/total and the
confidence it is given: a route right less often than its confidence says is
one to lower; one right far more often, one to raise. Only the dev half: the
held-out half is never tuned on.

    python bench/calibration.py --reader COMMIT

asks how the confidence does on documents the reader never saw, without looking at the
held-out half: the reader of an earlier COMMIT (its tracker/ and task_rules/, taken with
`git archive`) parses the dev documents whose gold came after COMMIT, which nobody had tuned
it on; then today's doubts (tracker/confidence.py: reconsider_leads, doubt_header) are laid
over its fields. It prints calibration with the old reader's own confidences and with today's
doubts added, and the routes table. Dev errors of a reader tuned on dev are few; these are
the errors of a reader meeting documents cold, the kind the held-out half shows.

    python bench/calibration.py --cold [--cache DIR]

the same question for every dev document at once: each is parsed by the reader of the day its gold
was added (the tree of the commit before the one that added bench/corpus/gold/ID.json: a reader never
tuned on it), with the outline's item texts and article titles, so today's doubts that read the
outline apply too. Beside the calibration it prints, for the dev half read by today's reader and for
these cold readings, what each doubt of tracker/confidence.py does alone: the fields only it makes
unsure and how many of them are wrong (a doubt catching few errors spends the unsure share for little).
Cold readings are kept in DIR (default ~/.cache/tracker/cold) by document and reader.

    python bench/calibration.py --fit [--rate 0.25]

fits confidence.toml's [fitted] tables: for each task field, a logistic model of "this sure field is
wrong" over tracker.confidence.fitted_signs, on every field sure without the fitted doubt in the dev
half read by today's reader and in the cold readings above (the held-out half is never read). Each
field's cut is the lowest score whose fields are wrong `--rate` of the time or more on the two together;
a field whose cut flags fewer than 20 fields gets no table. It prints the tables as TOML, with what they
flag, to replace the [fitted.FIELD] tables by.

    python bench/calibration.py --since COMMIT [--dump FILE]

an honest proxy without the held-out half: today's reader over the dev half, routes and
calibration of the dev documents whose gold came before COMMIT (where confidence entries are
chosen) beside those added after it (where they are checked). --dump writes every task judgement
with its document's kind and the task's path, length, routes and confidences, to look for what
tells a wrong task or lead in general.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from tracker.confidence import unsure_below

Judgement = tuple  # (field, confidence | None, right, route | None)

HEADER_FIELDS = ("number", "date", "level", "doc_type", "issuer", "signer", "subject", "parent", "references", "recipients")


def header_judgements(score, out: dict, gold: dict) -> list[tuple[str, float | None, bool]]:
    """(field, confidence, right) for every header field the gold gives, judged as score.py's score_meta does."""
    p, g = out.get("directive") or {}, gold["directive"]
    conf = p.get("confidence") or {}
    routes = p.get("found_by") or {}
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
        judged.append((k, conf.get(k), right, routes.get(k)))
    return judged


def pairs(score, out: dict, gold: dict) -> list[tuple[dict, int | None]]:
    """Each gold task with the index of the parser's task score.py pairs it with (None: missed):
    the shortest unused task whose text holds the gold anchor."""
    texts = [score.fold(t.get("text", "")) for t in out.get("tasks") or []]
    used: set[int] = set()
    paired = []
    for g in gold["tasks"]:
        a = score.fold(g["anchor"])
        hits = [i for i, t in enumerate(texts) if a in t and i not in used]
        i = min(hits, key=lambda i: len(texts[i])) if hits else None
        if i is not None:
            used.add(i)
        paired.append((g, i))
    return paired


def task_judgements(score, out: dict, gold: dict) -> list[tuple[str, float | None, bool]]:
    """(field, confidence, right) for each field of each gold task the parser found."""
    tasks = out.get("tasks") or []
    used: set[int] = set()
    judged = []
    for g, i in pairs(score, out, gold):
        if i is None:
            continue
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
        routes = p.get("found_by") or {}
        for field, ok in right.items():
            if field in conf:
                judged.append((field, conf[field], ok, routes.get(field)))
    # "Is this really a task": every task the parser gave, right when it is a gold task.
    for i, p in enumerate(tasks):
        if "task" in (p.get("confidence") or {}):
            judged.append(("task", p["confidence"]["task"], i in used, (p.get("found_by") or {}).get("task")))
    return judged


def calibration(judged: list[Judgement], threshold: float) -> dict:
    def figures(rows):
        sure = [j[2] for j in rows if j[1] is None or j[1] >= threshold]
        unsure = [j[2] for j in rows if j[1] is not None and j[1] < threshold]
        return {
            "fields": len(rows),
            "sure_right": sum(sure) / len(sure) if sure else None,
            "unsure_share": len(unsure) / len(rows) if rows else None,
            "unsure_wrong": sum(not ok for ok in unsure) / len(unsure) if unsure else None,
            "without_confidence": sum(j[1] is None for j in rows),
        }

    out = {"all": figures(judged)}
    for field in sorted({j[0] for j in judged}):
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


def route_table(judged: list[Judgement]) -> dict[tuple[str, str], dict]:
    """(field, route) → right, total and the confidences given (a route's doubts may vary it)."""
    table: dict[tuple[str, str], dict] = defaultdict(lambda: {"right": 0, "total": 0, "conf": set()})
    for field, conf, ok, route in judged:
        row = table[(field, route or "?")]
        row["right"] += ok
        row["total"] += 1
        if conf is not None:
            row["conf"].add(round(conf, 2))
    return dict(table)


def _parsed(path: Path) -> dict:
    """`tracker parse --json`, in process, with each field's route beside its confidence."""
    from tracker.parse import parse_file

    draft = parse_file(path)
    out = draft.to_json()
    out["directive"]["found_by"] = dict(draft.header.found_by)
    for t, task in zip(out["tasks"], draft.tasks):
        t["found_by"] = dict(task.found_by)
    return out


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "bench" / "corpus"))
    import build  # bench/corpus/build.py

    ap = argparse.ArgumentParser(description="Routes of the reader's confidence on the dev half: right/total per route.")
    ap.add_argument("--corpus", type=Path, default=build.default_out())
    ap.add_argument("--shared", type=Path, default=root.parent / "shared")
    ap.add_argument("--min", type=int, default=1, help="show routes judged at least this often")
    ap.add_argument("--reader", metavar="COMMIT",
                    help="parse with this earlier commit's reader the dev documents added after it; add today's doubts")
    ap.add_argument("--since", metavar="COMMIT",
                    help="today's reader; routes and calibration of the dev documents whose gold came before COMMIT"
                         " (where confidence is set) beside those added after it (where it is checked)")
    ap.add_argument("--dump", type=Path, help="write every dev judgement with its task's features as JSON lines")
    ap.add_argument("--cold", action="store_true",
                    help="read each dev document by the reader of the day its gold was added; what each doubt does")
    ap.add_argument("--fit", action="store_true",
                    help="fit confidence.toml [fitted] on the dev readings and the cold ones; print it as TOML")
    ap.add_argument("--rate", type=float, default=0.35,
                    help="--fit: each field's cut is the lowest score whose fields scoring at least it are wrong"
                         " this often, on the two readings together")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "tracker" / "cold",
                    help="where --cold keeps the cold readings")
    a = ap.parse_args(argv)
    sys.path.insert(0, str(a.shared / "eval"))
    import score  # ../shared/eval/score.py

    judged: list[Judgement] = []
    docs, _ = build.gold_documents(a.corpus, ("dev",))  # the held-out half is never tuned on
    threshold = unsure_below()
    if a.reader:
        return _unseen(a.reader, docs, root, score, threshold, a.min)
    if a.cold:
        return _cold(docs, root, score, threshold, a.cache)
    if a.fit:
        return _fit(docs, root, score, threshold, a.cache, a.rate)
    new = _added_after(root, a.since, [d["id"] for d, _, _ in docs]) if a.since else set()
    groups: dict[str, list[Judgement]] = {"old": [], "new": []}
    rows = []
    for d, path, gold in docs:
        try:
            out = _parsed(path)
        except Exception as exc:  # noqa: BLE001  (a failing document scores nothing here, as in corpus.py)
            print(f"{d['id']}: {type(exc).__name__}", file=sys.stderr)
            continue
        found = header_judgements(score, out, gold) + task_judgements(score, out, gold)
        judged += found
        groups["new" if d["id"] in new else "old"] += found
        if a.dump:
            rows += _features(score, d, out, gold)
    if a.dump:
        a.dump.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    if a.since:
        for name, js in groups.items():
            print(f"dev documents {'before' if name == 'old' else 'added after'} {a.since}: routes")
            print_routes(js, a.min)
        print(lines({f"old {len(docs) - len(new)}": calibration(groups["old"], threshold),
                     f"new {len(new)}": calibration(groups["new"], threshold)}, threshold))
        return 0
    print(f"dev half, routes (unsure below {threshold}): right/total = share, confidence given")
    print_routes(judged, a.min)
    print(lines({"all": calibration(judged, threshold)}, threshold))
    return 0


def _features(score, d: dict, out: dict, gold: dict) -> list[dict]:
    """Each task field judged on one dev document, with what may tell a wrong one in general: the
    document's kind, level and form, the task's outline path, length, routes and confidences."""
    tasks = out.get("tasks") or []
    paired = {i: g for g, i in pairs(score, out, gold) if i is not None}
    rows = []
    for i, p in enumerate(tasks):
        g = paired.get(i)
        pdl = p.get("deadline") if (p.get("deadline") or {}).get("kind") not in (None, "none") else None
        right = {"task": g is not None}
        if g is not None:
            right.update({
                "deadline": score.deadline_ok(pdl, g.get("deadline")),
                "indicators": set(g["indicators"]) == score.indicator_ids(p.get("indicators")),
                "lead": score.same_set(p.get("lead") or [], g["lead"]),
                "support": score.same_set(p.get("support") or [], g["support"]),
            })
        rows.append({"doc": d["id"], "kind": d.get("kind"), "level": d.get("level"), "form": d.get("form"),
                     "n_tasks": len(tasks), "i": i, "path": p.get("path"), "len": len(p.get("text") or ""),
                     "text": (p.get("text") or "")[:160], "lead": [u.get("name") if isinstance(u, dict) else u
                                                            for u in p.get("lead") or []],
                     "deadline": pdl, "gold_deadline": g.get("deadline") if g else None,
                     "conf": p.get("confidence") or {}, "found_by": p.get("found_by") or {}, "right": right})
    return rows


def print_routes(judged: list[Judgement], least: int) -> None:
    last = None
    for (field, route), row in sorted(route_table(judged).items()):
        if row["total"] < least:
            continue
        if field != last:
            print(f"{field}:")
            last = field
        conf = ",".join(f"{c:.2f}" for c in sorted(row["conf"])) or "-"
        mark = "" if not row["conf"] else (" OVER" if row["right"] / row["total"] < min(row["conf"]) - 0.05 else "")
        print(f"   {route:34} {row['right']:4}/{row['total']:<4} = {row['right'] / row['total']:.2f}   conf {conf}{mark}")


# Run by the earlier reader (its tree first on sys.path): each document's JSON with its routes.
# The outline it built is walked as tracker.confidence.outline_texts does (every item's paragraph by its
# path, the same path's texts joined by " | "), so the doubts that read the outline apply to it too.
_OLD_PARSE = """
import json, sys
import tracker.structure.outline as outline
from tracker.parse import parse_file
roots = []
build = outline.build_outline
def keep(*a, **k):
    roots.append(build(*a, **k))
    return roots[-1]
outline.build_outline = keep
def texts(root):
    items, articles, stack = {}, {}, [root]
    while stack:
        node = stack.pop()
        for child in getattr(node, "children", ()) or ():
            if not hasattr(child, "children"):
                continue
            para = getattr(child, "para", None)
            body = getattr(para, "body", None) or getattr(para, "text", "") or ""
            for out in (items, articles) if getattr(child, "family", None) == "article" else (items,):
                out[child.path] = out[child.path] + " | " + body if child.path in out else body
            stack.append(child)
    return items, articles
for path in sys.argv[1:]:
    roots.clear()
    try:
        draft = parse_file(path)
    except Exception as exc:
        print(json.dumps({"path": path, "error": type(exc).__name__}))
        continue
    out = draft.to_json()
    out["directive"]["found_by"] = dict(getattr(draft.header, "found_by", {}) or {})
    out["directive"]["confidence"] = dict(getattr(draft.header, "confidence", {}) or {})
    for t, task in zip(out["tasks"], draft.tasks):
        t["found_by"] = dict(getattr(task, "found_by", {}) or {})
    try:
        headings, articles = texts(roots[-1]) if roots else ({}, {})
    except Exception:
        headings, articles = {}, {}
    print(json.dumps({"path": path, "out": out, "headings": headings, "articles": articles}, ensure_ascii=False))
"""


def _added_after(root: Path, commit: str, ids: list[str]) -> set[str]:
    """The documents whose gold entered the repository after `commit`: that reader never saw them."""
    git = ["git", "-C", str(root)]
    since = int(subprocess.run(git + ["log", "-1", "--format=%ct", commit], check=True, capture_output=True,
                               text=True).stdout)
    out = set()
    for i in ids:
        added = subprocess.run(git + ["log", "--diff-filter=A", "--format=%ct", "--", f"bench/corpus/gold/{i}.json"],
                               check=True, capture_output=True, text=True).stdout.split()
        if added and int(added[-1]) > since:
            out.add(i)
    return out


def with_todays_doubts(out: dict, headings: dict | None = None, articles: dict | None = None) -> dict:
    """An earlier reader's output with today's doubts (tracker/confidence.py) laid over its fields;
    `headings` and `articles` (its outline, as _OLD_PARSE gives them) for the doubts that read it."""
    from tracker.confidence import doubt_fitted, doubt_header, reconsider_leads
    from tracker.model import Header, Task

    tasks = []
    for t in out["tasks"]:
        task = Task.from_json(t)
        task.found_by = dict(t.get("found_by") or {})
        tasks.append(task)
    d = out["directive"]
    header = Header.from_json(d)
    header.confidence, header.found_by = dict(d.get("confidence") or {}), dict(d.get("found_by") or {})
    doubt_header(header)
    reconsider_leads(tasks, d.get("date"), d.get("issuer"), articles, d.get("subject"), headings)
    doubt_fitted(tasks, d.get("doc_type"))
    new = dict(out, directive=dict(d, confidence=header.confidence, found_by=header.found_by))
    new["tasks"] = [dict(t.to_json(), found_by=t.found_by) for t in tasks]
    return new


def _unseen(commit: str, docs: list, root: Path, score, threshold: float, least: int) -> int:
    ids = _added_after(root, commit, [d["id"] for d, _, _ in docs])
    docs = [x for x in docs if x[0]["id"] in ids]
    if not docs:
        print(f"no dev document was added after {commit}")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        tree = subprocess.run(["git", "-C", str(root), "archive", commit, "tracker", "task_rules"],
                              check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=tree, check=True)
        env = dict(os.environ, PYTHONPATH=tmp)  # the old tree before the installed one
        run = subprocess.run([sys.executable, "-c", _OLD_PARSE, *[str(p) for _, p, _ in docs]], cwd=tmp, env=env,
                             check=True, capture_output=True, text=True)
    outs, outs_outline = {}, {}
    for line in run.stdout.splitlines():
        if line.startswith("{"):
            row = json.loads(line)
            if "out" in row:
                outs[row["path"]] = row["out"]
                outs_outline[row["path"]] = row
            else:
                print(f"{Path(row['path']).stem}: {row['error']}", file=sys.stderr)
    before: list[Judgement] = []
    after: list[Judgement] = []
    for d, path, gold in docs:
        out = outs.get(str(path))
        if out is None:
            continue
        before += header_judgements(score, out, gold) + task_judgements(score, out, gold)
        new = with_todays_doubts(out, outs_outline.get(str(path), {}).get("headings"),
                                 outs_outline.get(str(path), {}).get("articles"))
        after += header_judgements(score, new, gold) + task_judgements(score, new, gold)
    print(f"{len(outs)} dev documents the reader of {commit} never saw; routes with today's doubts"
          f" (unsure below {threshold}):")
    print_routes(after, least)
    print(f"   with the reader's own confidence:")
    print(lines({"own": calibration(before, threshold)}, threshold))
    print(f"   with today's doubts added:")
    print(lines({"today": calibration(after, threshold)}, threshold))
    return 0


def _reader_of(root: Path, doc_id: str) -> str | None:
    """The commit before the one that added the document's gold: the reader of that day, never tuned on it."""
    git = ["git", "-C", str(root)]
    added = subprocess.run(git + ["log", "--diff-filter=A", "--format=%H", "--", f"bench/corpus/gold/{doc_id}.json"],
                           capture_output=True, text=True).stdout.split()
    if not added:
        return None
    parent = subprocess.run(git + ["rev-parse", "--verify", "-q", added[-1] + "^"], capture_output=True, text=True)
    return parent.stdout.strip() or None


def cold_readings(docs: list, root: Path, cache: Path) -> dict[str, dict]:
    """Each dev document read by the reader of the day its gold was added (_OLD_PARSE: its JSON with
    routes, its outline's item texts and article titles), kept in `cache` by document and reader."""
    cache.mkdir(parents=True, exist_ok=True)
    readers: dict[str, list] = defaultdict(list)
    out: dict[str, dict] = {}
    for d, path, _ in docs:
        commit = _reader_of(root, d["id"])
        if commit is None:
            continue
        kept = cache / f"{d['id']}.{commit[:12]}.json"
        if kept.exists():
            out[d["id"]] = json.loads(kept.read_text(encoding="utf-8"))
        else:
            readers[commit].append((d["id"], path, kept))
    for commit, todo in readers.items():
        with tempfile.TemporaryDirectory() as tmp:
            tree = subprocess.run(["git", "-C", str(root), "archive", commit, "tracker", "task_rules"],
                                  check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", tmp], input=tree, check=True)
            env = dict(os.environ, PYTHONPATH=tmp, TRACKER_CACHE=str(Path(tmp) / ".cache"))
            run = subprocess.run([sys.executable, "-c", _OLD_PARSE, *[str(p) for _, p, _ in todo]], cwd=tmp, env=env,
                                 capture_output=True, text=True)
        rows = {}
        for line in run.stdout.splitlines():
            if line.startswith("{"):
                row = json.loads(line)
                rows[row["path"]] = row
        for doc_id, path, kept in todo:
            row = rows.get(str(path))
            if row is None or "out" not in row:
                print(f"{doc_id}: not read by {commit[:10]} ({(row or {}).get('error', 'no output')})", file=sys.stderr)
                continue
            kept.write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
            out[doc_id] = row
    return out


def todays_readings(docs: list) -> dict[str, dict]:
    """Each dev document read by today's reader in process, with every task and header field as found
    before today's doubts (what reconsider_leads and doubt_header are handed), so the doubts can be
    laid anew, one left out at a time."""
    import copy

    from tracker import confidence

    seen: dict = {}
    lay, header_doubt, broken = confidence.reconsider_leads, confidence.doubt_header, confidence.doubt_broken_text

    def keep_tasks(tasks, doc_date=None, issuer=None, articles=None, subject=None, headings=None):
        tasks = list(tasks)
        seen["tasks"] = [copy.deepcopy((t.confidence, t.found_by)) for t in tasks]
        seen["args"] = (doc_date, issuer, articles, subject, headings)
        lay(tasks, doc_date, issuer, articles, subject, headings)

    def keep_header(header):
        seen["header"] = copy.deepcopy((header.confidence, header.found_by))
        header_doubt(header)

    def keep_text(tasks, body_text):
        seen["body_text"] = body_text
        broken(tasks, body_text)

    out = {}
    confidence.reconsider_leads, confidence.doubt_header, confidence.doubt_broken_text = keep_tasks, keep_header, keep_text
    try:
        for d, path, _ in docs:
            seen.clear()
            try:
                row = {"out": _parsed(path)}
            except Exception as exc:  # noqa: BLE001  (a failing document scores nothing here, as in corpus.py)
                print(f"{d['id']}: {type(exc).__name__}", file=sys.stderr)
                continue
            row["today"] = dict(seen)
            out[d["id"]] = row
    finally:
        confidence.reconsider_leads, confidence.doubt_header, confidence.doubt_broken_text = lay, header_doubt, broken
    return out


def relaid(row: dict) -> dict:
    """A reading (todays_readings or cold_readings) with today's doubts laid over its fields as found:
    before any doubt for today's reader, over its own confidences for an earlier reader."""
    from tracker import confidence
    from tracker.model import Header, Task

    out = json.loads(json.dumps(row["out"]))
    d = out["directive"]
    today = row.get("today")
    header = Header.from_json(d)
    if today:
        (header.confidence, header.found_by), args = copy_pair(today["header"]), today["args"]
        found = [copy_pair(x) for x in today["tasks"]]
    else:
        header.confidence, header.found_by = dict(d.get("confidence") or {}), dict(d.get("found_by") or {})
        args = (d.get("date"), d.get("issuer"), row.get("articles"), d.get("subject"), row.get("headings"))
        found = [(dict(t.get("confidence") or {}), dict(t.get("found_by") or {})) for t in out["tasks"]]
    tasks = []
    for t, (conf, routes) in zip(out["tasks"], found):
        task = Task.from_json(t)
        task.confidence, task.found_by = conf, routes
        tasks.append(task)
    confidence.doubt_header(header)
    confidence.reconsider_leads(tasks, *args)
    confidence.doubt_fitted(tasks, d.get("doc_type"))
    if today and today.get("body_text"):
        confidence.doubt_broken_text(tasks, today["body_text"])
    d["confidence"], d["found_by"] = header.confidence, header.found_by
    for t, task in zip(out["tasks"], tasks):
        t["confidence"], t["found_by"] = task.confidence, task.found_by
    return out


def copy_pair(pair) -> tuple[dict, dict]:
    return dict(pair[0]), dict(pair[1])


def doubt_names() -> list[str]:
    """The doubts of tracker/confidence.py that can be left out one at a time: every doubt_* the parser
    runs after reading (not the broken-text factor), the measured routes and the lead signals."""
    from tracker import confidence

    return sorted(n for n, f in vars(confidence).items() if callable(f) and n != "doubt_broken_text"
                  and (n.startswith("doubt_") or n in ("settle_measured", "_reconsider_leads")))


def judged_all(score, rows: dict[str, dict], golds: dict[str, dict]) -> list[Judgement]:
    judged: list[Judgement] = []
    for doc_id, row in rows.items():
        out = relaid(row)
        judged += header_judgements(score, out, golds[doc_id]) + task_judgements(score, out, golds[doc_id])
    return judged


def doubt_table(score, rows: dict[str, dict], golds: dict[str, dict], threshold: float) -> list[str]:
    """Per doubt: the fields it alone makes unsure (unsure with it, sure without) and how many of them
    are wrong; the fields it alone makes sure (a measured route raised) and how many are wrong."""
    from tracker import confidence

    base = judged_all(score, rows, golds)
    unsure = lambda j: j[1] is not None and j[1] < threshold  # noqa: E731
    lines = []
    for name in doubt_names():
        keep = getattr(confidence, name)
        setattr(confidence, name, lambda *a, **k: None)
        try:
            without = judged_all(score, rows, golds)
        finally:
            setattr(confidence, name, keep)
        alone = [b for b, w in zip(base, without) if unsure(b) and not unsure(w)]
        raised = [b for b, w in zip(base, without) if not unsure(b) and unsure(w)]
        wrong = sum(not j[2] for j in alone)
        share = f"{wrong / len(alone):.2f}" if alone else "  - "
        lines.append(f"     {name:26} unsure only by it {len(alone):4}, wrong {wrong:4} ({share})"
                     + (f"; sure only by it {len(raised)}, wrong {sum(not j[2] for j in raised)}" if raised else ""))
    return lines


def _cold(docs: list, root: Path, score, threshold: float, cache: Path) -> int:
    golds = {d["id"]: gold for d, _, gold in docs}
    for name, rows in (("dev, today's reader", todays_readings(docs)),
                       ("dev met cold (the reader of the day each gold was added)", cold_readings(docs, root, cache))):
        print(f"{name}: {len(rows)} documents")
        print(lines({"all": calibration(judged_all(score, rows, golds), threshold)}, threshold))
        print("   what each doubt does alone:")
        print("\n".join(doubt_table(score, rows, golds, threshold)))
    return 0


FIT_FIELDS = ("task", "lead", "support", "deadline")


def fit_rows(score, rows: dict[str, dict], golds: dict[str, dict], threshold: float) -> dict[str, list]:
    """Per field, (signs, wrong) of every field the reader marks sure once every doubt but the fitted one
    is laid (tracker.confidence.fitted_signs): what [fitted] is fitted on. A task is wrong when no gold
    task pairs with it; a field, as task_judgements judges it."""
    from tracker import confidence
    from tracker.model import Task

    out: dict[str, list] = {f: [] for f in FIT_FIELDS}
    keep = confidence.doubt_fitted
    confidence.doubt_fitted = lambda *a, **k: None
    try:
        for doc_id, row in rows.items():
            laid = relaid(row)
            gold = golds[doc_id]
            doc_type = (laid.get("directive") or {}).get("doc_type")
            paired = {i: g for g, i in pairs(score, laid, gold) if i is not None}
            for i, p in enumerate(laid.get("tasks") or []):
                task = Task.from_json(p)
                task.confidence, task.found_by = dict(p.get("confidence") or {}), dict(p.get("found_by") or {})
                g = paired.get(i)
                right = {"task": g is not None}
                if g is not None:
                    pdl = p.get("deadline") if (p.get("deadline") or {}).get("kind") not in (None, "none") else None
                    right.update(deadline=score.deadline_ok(pdl, g.get("deadline")),
                                 lead=score.same_set(p.get("lead") or [], g["lead"]),
                                 support=score.same_set(p.get("support") or [], g["support"]))
                for field, ok in right.items():
                    conf = task.confidence.get(field)
                    if conf is not None and conf >= threshold:
                        out[field].append((confidence.fitted_signs(task, field, doc_type), not ok))
    finally:
        confidence.doubt_fitted = keep
    return out


def logistic(rows: list, least: int = 20, l2: float = 2.0, steps: int = 50) -> tuple[float, dict[str, float]]:
    """An L2-penalised logistic model of `wrong` on the signs (each 0 or 1), fitted by Newton's method;
    signs seen fewer than `least` times are left out. (bias, weights)."""
    import numpy as np

    counts: dict[str, int] = defaultdict(int)
    for signs, _ in rows:
        for s in signs:
            counts[s] += 1
    names = sorted(s for s, n in counts.items() if n >= least)
    index = {s: i for i, s in enumerate(names)}
    x = np.zeros((len(rows), len(names) + 1))
    x[:, -1] = 1
    for i, (signs, _) in enumerate(rows):
        for s in signs:
            if s in index:
                x[i, index[s]] = 1
    y = np.array([float(w) for _, w in rows])
    w = np.zeros(len(names) + 1)
    pen = np.r_[np.full(len(names), l2), 0.0]
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) + pen * w
        hess = (x.T * (p * (1 - p))) @ x + np.diag(pen) + 1e-9 * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    return float(w[-1]), {s: float(w[i]) for s, i in index.items()}


def _fit(docs: list, root: Path, score, threshold: float, cache: Path, rate: float, least: int = 20) -> int:
    from tracker import confidence

    golds = {d["id"]: gold for d, _, gold in docs}
    parts = {"dev": fit_rows(score, todays_readings(docs), golds, threshold),
             "cold": fit_rows(score, cold_readings(docs, root, cache), golds, threshold)}
    out = []
    for field in FIT_FIELDS:
        rows = parts["dev"][field] + parts["cold"][field]
        bias, weights = logistic(rows)
        weights = {s: round(v, 2) for s, v in sorted(weights.items()) if abs(v) >= 0.05}
        scored = {k: sorted((confidence.weigh(round(bias, 2), weights, signs), wrong)
                            for signs, wrong in parts[k][field]) for k in parts}
        both = sorted(scored["dev"] + scored["cold"], reverse=True)
        cut, wrong = None, 0
        for n, (value, bad) in enumerate(both, 1):
            wrong += bad
            if wrong / n >= rate and (n == len(both) or both[n][0] < value):
                cut = value
        flagged = {k: [bad for value, bad in v if value >= cut] for k, v in scored.items()} if cut is not None else {}
        if sum(len(v) for v in flagged.values()) < least:
            # too few fields flagged to say how often they are wrong: no table for this field
            out.append(f"# {field}: no cut flags {least} fields wrong {rate:.0%} of the time or more")
            continue
        out.append(f"# {field}: flagged dev {sum(flagged['dev'])}/{len(flagged['dev'])} wrong, "
                   f"cold {sum(flagged['cold'])}/{len(flagged['cold'])} (sure fields: dev {len(scored['dev'])}, "
                   f"cold {len(scored['cold'])})")
        out.append(f"[fitted.{field}]\nbias = {bias:.2f}\ncut = {cut}")
        out.append("weights = { " + ", ".join(f'"{s}" = {v}' for s, v in weights.items()) + " }")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
