#!/usr/bin/env python3
"""Which entries of task_rules/ does any document need? (issue 11: "every rule entry that no
document of the corpus needs is suspect")

    python bench/ablation.py [--files roles,unit_phrases,...] [--group 8] [--budget 1500] [--save F]

Switches off each entry of the rule lists in turn (a word of a vocabulary, a pattern of a
list, a key of a table of words; [confidence] tables are calibration, not rules, and are left
alone) and parses every document of the workload with it:

- the dev half of the corpus (bench/corpus/, rebuilt by build.py), and with `--whole` the
  held-out half too: "is the entry needed" looks only at whether a parse changes, never at a
  score or a miss, so asking it of held-out tunes nothing (an entry held-out needs is kept),
- ../shared/directives (the samples score.py scores),
- tests/data/docs and tests/data/docs2026 (the constructed documents the tests parse).

An entry is NEEDED when its removal changes the parse (`tracker parse --json`, units resolved)
of any of them, which is stricter than "changes a score": an entry whose removal changes
nothing cannot change a score. It is UNNEEDED when every document parses exactly as before.
The rules refusing to load without it (a key the code requires) count as needed.

To stay within a shared 2-core machine, entries are tested in groups (`--group`) and a group
that changes something is halved until the entries that matter are found; a variant stops at
the first document it changes (that document is tried first next time); the entries of a
list found unneeded one by one are then switched off together, since they may stand in for
each other (two spellings of one cue). `--switches` also sets a few thresholds to a value
that disables what they allow (a fuzzy match). Documents are read
once (reading uses no rule this tests) and parsed in process. `--budget` caps the seconds
spent; the entries not reached are listed as untested. Prints one line per list:
entries tested / unneeded, then the unneeded entries; `--save` writes all as JSON.
"""
from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench" / "corpus"))
import build  # noqa: E402  (bench/corpus/build.py)

from tracker import rules  # noqa: E402

# The rule files the reader tunes. Not here: holidays (the calendar), units/ (the catalogue
# of real units), chain (linking directives, not reading them), confidence (calibration).
DEFAULT_FILES = ("roles", "unit_phrases", "outline", "deadlines", "tables", "header", "recurrence", "indicators/766")
SKIP_TABLES = ("confidence",)
# Used while reading a file, which is done once here: their removal would show nothing.
READ_STAGE = {("outline", "markers", "page_number")}
# Thresholds are switched off by a value that disables what they allow (`--switches`).
SWITCHES = (
    ("indicators/766", "match.fuzzy_score", 101),       # no keyword read through OCR noise
    ("indicators/766", "match.fuzzy_syllable", 0),      # no floor on each differing syllable
    ("indicators/766", "match.name_score", 101),        # a name cell must be the indicator's name exactly
    ("indicators/766", "match.name_head_min", 10**6),   # no name cell cut short
    ("deadlines", "fuzzy.score", 101),                  # no deadline phrase read through OCR noise
    ("tables", "match.fuzzy", 101),                     # no header cell matched fuzzily
)
_DELETE = object()


@dataclass
class Entry:
    file: str
    path: tuple  # keys and list indices down to the list or table holding the entry
    key: Any  # index in the list, or key in the table
    value: Any
    off: Any = _DELETE  # what the entry becomes when switched off: removed, or this value

    @property
    def where(self) -> str:
        return ".".join(str(p) for p in self.path)

    def label(self) -> str:
        return f"{self.file}:{self.where}[{self.key!r}]={self.value!r}"[:160]


@dataclass
class Verdict:
    entry: Entry
    needed_by: str | None = None  # the first document whose parse changed, or "rules refuse"
    tested: bool = False


@dataclass
class Doc:
    name: str
    path: Path
    document: Any = None
    baseline: str = ""


@dataclass
class Workload:
    docs: list[Doc] = field(default_factory=list)
    passes: int = 0
    parses: int = 0


def entries_of(name: str, data: Any) -> list[Entry]:
    """Every entry of the file's lists of words/patterns and of its tables of words."""
    out: list[Entry] = []
    stack: list[tuple[tuple, Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            if path and path[0] in SKIP_TABLES:
                continue
            if path and node and all(isinstance(v, str) for v in node.values()):
                out.extend(Entry(name, path, k, v) for k, v in node.items())  # a table of words
                continue
            for k, v in node.items():
                if not (len(path) == 0 and k in SKIP_TABLES):
                    stack.append((path + (k,), v))
        elif isinstance(node, list):
            if node and all(isinstance(v, str) for v in node):
                out.extend(Entry(name, path, i, v) for i, v in enumerate(node))  # words or patterns
            for i, v in enumerate(node):
                if isinstance(v, dict) and all(isinstance(x, (str, int, float, bool)) for x in v.values()):
                    out.append(Entry(name, path, i, v))  # a record of an array of tables: [[enumerator]]
                elif isinstance(v, (dict, list)):
                    stack.append((path + (i,), v))
    out = [e for e in out if (name, *e.path, e.key) not in READ_STAGE]
    return sorted(out, key=lambda e: (e.where, str(e.key)))


def _without(data: Any, entries: list[Entry]) -> Any:
    data = copy.deepcopy(data)
    by_holder: dict[tuple, list] = {}
    for e in entries:
        by_holder.setdefault(e.path, []).append(e.key)
    for path, keys in by_holder.items():
        keys = [k for k in keys if not any(e.off is not _DELETE and e.path == path and e.key == k for e in entries)]
        node = data
        for p in path:
            node = node[p]
        if isinstance(node, list):
            for i in sorted(keys, reverse=True):
                del node[i]
        else:
            for k in keys:
                del node[k]
    for e in entries:
        if e.off is not _DELETE:
            node = data
            for p in e.path:
                node = node[p]
            node[e.key] = e.off
    return data


class Switch:
    """rules.load with some entries switched off; the rest of tracker sees nothing else."""

    def __init__(self) -> None:
        self.original = rules.load
        self.off: list[Entry] = []
        self.cache: dict[str, rules.RuleFile] = {}
        def patched(name: str) -> rules.RuleFile:
            return self.load(name)

        patched.cache_clear = self.clear  # type: ignore[attr-defined]
        rules.load = patched  # type: ignore[assignment]

    def load(self, name: str) -> rules.RuleFile:
        if name not in self.cache:
            rf = self.original(name)
            mine = [e for e in self.off if e.file == name]
            self.cache[name] = rules.RuleFile(rf.path, rf.text, _without(rf.data, mine)) if mine else rf
        return self.cache[name]

    def clear(self) -> None:
        self.cache.clear()

    def set(self, entries: list[Entry]) -> None:
        self.off = list(entries)
        rules.clear_cache()


def parse(doc: Doc) -> str:
    from tracker.parse import _parse
    from tracker.read import guards
    from tracker.settings import resolve_context
    from tracker.units import resolve_draft

    with guards.reading(doc.path):
        draft, body_text, header_text = _parse(copy.deepcopy(doc.document))
    draft = resolve_draft(draft, body_text=body_text, header_text=header_text, context=resolve_context())
    return json.dumps(draft.to_json(), ensure_ascii=False, sort_keys=True)


def workload(shared: Path, corpus: Path, halves: tuple[str, ...] = ("dev",)) -> Workload:
    from tracker.read import read_document

    w = Workload()
    for d in build.load_sources():
        path = corpus / f"{d['id']}.{d.get('format', 'txt')}"
        if d["split"] in halves and path.exists() and (ROOT / "bench" / "corpus" / "gold" / f"{d['id']}.json").exists():
            w.docs.append(Doc(f"{d['split']}:{d['id']}", path))
    for folder, tag in ((shared / "directives", "shared"), (ROOT / "tests" / "data" / "docs", "test"),
                        (ROOT / "tests" / "data" / "docs2026", "test")):
        for path in sorted(folder.glob("*")):
            if path.suffix.lower() in (".pdf", ".docx", ".txt", ".md") and path.name != "README.md":
                w.docs.append(Doc(f"{tag}:{path.name}", path))
    for doc in w.docs:
        doc.document = read_document(doc.path)
    return w


def changed(w: Workload, switch: Switch, entries: list[Entry]) -> str | None:
    """The first document whose parse changes with `entries` off (that one goes first next time)."""
    switch.set(entries)
    w.passes += 1
    for i, doc in enumerate(w.docs):
        w.parses += 1
        try:
            out = parse(doc)
        except rules.RulesError:
            return "rules refuse"
        except Exception as exc:  # noqa: BLE001  (a crash is a change)
            out = f"crash {type(exc).__name__}"
        if out != doc.baseline:
            w.docs.insert(0, w.docs.pop(i))
            return doc.name
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", default=",".join(DEFAULT_FILES))
    ap.add_argument("--only", default="", help="only lists whose dotted path starts with one of these (comma-separated)")
    ap.add_argument("--group", type=int, default=8)
    ap.add_argument("--budget", type=float, default=1500, help="seconds")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--corpus", type=Path, default=build.default_out())
    ap.add_argument("--switches", action="store_true", help="also switch off the thresholds of SWITCHES")
    ap.add_argument("--save", type=Path)
    ap.add_argument("--whole", action="store_true",
                    help="the whole corpus (held-out too): only whether a parse changes is looked at")
    a = ap.parse_args(argv)

    t0, c0 = time.time(), time.process_time()
    w = workload(a.shared, a.corpus, ("dev", "held-out") if a.whole else ("dev",))
    switch = Switch()
    switch.set([])
    for doc in w.docs:
        doc.baseline = parse(doc)
    again = [parse(doc) == doc.baseline for doc in w.docs]
    if not all(again):
        print("parses differ between two runs: " + ", ".join(d.name for d, ok in zip(w.docs, again) if not ok))
        return 1
    print(f"{len(w.docs)} documents read and parsed twice in {time.time() - t0:.0f}s wall "
          f"({time.process_time() - c0:.0f}s CPU)")

    verdicts: list[Verdict] = []
    for name in a.files.split(","):
        es = entries_of(name, switch.original(name).data)
        if a.only:
            es = [e for e in es if any(e.where.startswith(p) for p in a.only.split(","))]
        verdicts.extend(Verdict(e) for e in es)
    if a.switches:
        for name, key, off in SWITCHES:
            *path, last = key.split(".")
            verdicts.append(Verdict(Entry(name, tuple(path), last, switch.original(name).get(key, (int, float)), off)))
    holders: dict[tuple, list[Verdict]] = {}
    for v in verdicts:
        holders.setdefault((v.entry.file, v.entry.path), []).append(v)

    # Groups of entries of one list; a group that changes something is halved.
    work = [vs[i:i + a.group] for vs in holders.values() for i in range(0, len(vs), a.group)]
    while work and time.time() - t0 < a.budget:
        group = work.pop(0)
        who = changed(w, switch, [v.entry for v in group])
        if who is None:
            for v in group:
                v.tested = True
        elif len(group) == 1:
            group[0].tested, group[0].needed_by = True, who
        else:
            half = len(group) // 2
            work[:0] = [group[:half], group[half:]]
    # Entries unneeded one by one may stand in for each other: try each list's together.
    together: dict[tuple, str | None] = {}
    for holder, vs in holders.items():
        unneeded = [v.entry for v in vs if v.tested and v.needed_by is None]
        if len(unneeded) >= 2 and time.time() - t0 < a.budget:
            together[holder] = changed(w, switch, unneeded)
    switch.set([])

    untested = sum(not v.tested for v in verdicts)
    print(f"{sum(v.tested for v in verdicts)} entries tested of {len(verdicts)} ({untested} not reached), "
          f"{w.passes} variants, {w.parses} parses, {time.time() - t0:.0f}s wall ({time.process_time() - c0:.0f}s CPU)")
    for (file, path), vs in holders.items():
        tested = [v for v in vs if v.tested]
        unneeded = [v for v in tested if v.needed_by is None]
        where = ".".join(str(p) for p in path)
        joint = ""
        if (file, path) in together:
            who = together[(file, path)]
            joint = "; all of them off together: " + (f"changes {who} (they stand in for each other)" if who else "no change")
        print(f"{file}:{where}: {len(tested)}/{len(vs)} tested, {len(unneeded)} unneeded{joint}")
        for v in unneeded:
            off = "" if v.entry.off is _DELETE else f" (set to {v.entry.off})"
            print(f"    unneeded: {v.entry.key!r} = {v.entry.value!r}{off}"[:170])
    if a.save:
        a.save.write_text(json.dumps([
            {"file": v.entry.file, "where": v.entry.where, "key": v.entry.key, "value": v.entry.value,
             "off": None if v.entry.off is _DELETE else v.entry.off,
             "tested": v.tested, "needed_by": v.needed_by} for v in verdicts], ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
