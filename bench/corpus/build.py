#!/usr/bin/env python3
"""Rebuild the real-directive corpus from local mirrors into a folder outside the repository.

The corpus is other people's documents: their texts never enter this
repository. `bench/corpus/sources.toml` says where each one lives (public
repository, commit, path, sha256); this script takes each file out of the
mirror that the search tool's `fetch` brought onto the machine
(`/work/.mirror/<owner>+<name>/repo`, a bare git directory), checks its
sha256, turns it into the form a clerk receives (see `extract` below) and
writes `<out>/<id>.<format>`.

    python bench/corpus/build.py [--out DIR] [--mirrors DIR] [--only ID,...]

Defaults: --out $TRACKER_CORPUS or ~/.cache/tracker/corpus; --mirrors
$TRACKER_MIRRORS or /work/.mirror. A document whose mirror is missing is
listed with the `fetch` that brings it; nothing else is downloaded.

Fields of a [[doc]] entry in sources.toml:
  id        file stem of the rebuilt document and of its gold answer
  repo      "owner/name" on GitHub;  commit  40 hex;  path  inside the repository
  sha256    of the file at that commit, as stored in the repository
  format    what is written: pdf | docx | txt | md
  extract   how the stored file becomes that (default "raw", the file as it is):
              raw          the bytes as they are
              html         the visible text of an HTML page, one line per block
                           (what a clerk gets copying from a legal-document website)
              json         a string inside a JSON file, chosen by `select`
              jsonl        a string inside one line of a JSON-lines file (`line`, 1-based, and `select`)
              docx2pdf     the .docx (or old .doc) exported to PDF by LibreOffice (a Word-exported PDF)
              doc2docx     an old Word .doc saved as .docx by LibreOffice (what opening and saving it gives)
  select    for json/jsonl: keys and indexes separated by "/", e.g. "data/12/content"
  lines     for a text result: keep only lines "A-B" (1-based, inclusive) of it, the part a
            clerk selects on a page whose site adds its own summary, menus and footers
  kind, level, year, form, tables   what the document is (for coverage counts)
  split     dev | held-out | dropped   (held-out: never tuned on; dropped: looked at, not used)
  note      why dropped, or anything worth knowing
"""
from __future__ import annotations

import argparse
import hashlib
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources.toml"


def default_out() -> Path:
    env = os.environ.get("TRACKER_CORPUS")
    return Path(env) if env else Path.home() / ".cache" / "tracker" / "corpus"


def default_mirrors() -> Path:
    return Path(os.environ.get("TRACKER_MIRRORS", "/work/.mirror"))


def load_sources(path: Path = SOURCES) -> list[dict]:
    docs = tomllib.loads(path.read_text(encoding="utf-8")).get("doc", [])
    seen: set[str] = set()
    for d in docs:
        for key in ("id", "repo", "commit", "path", "sha256", "split"):
            if key not in d:
                raise SystemExit(f"{path}: entry {d.get('id', '?')!r} lacks '{key}'")
        if d["id"] in seen:
            raise SystemExit(f"{path}: id {d['id']!r} appears twice")
        seen.add(d["id"])
    return docs


def gold_documents(corpus: Path, halves: tuple[str, ...], only: set[str] = frozenset()) -> tuple[list, list[Path]]:
    """The rebuilt documents of `halves` that have a gold answer, as (entry, path, gold), in
    sources.toml's order; and the paths of those with gold that were not rebuilt."""
    docs, missing = [], []
    for d in load_sources():
        gold_path = HERE / "gold" / f"{d['id']}.json"
        path = corpus / f"{d['id']}.{d.get('format', 'txt')}"
        if d["split"] not in halves or (only and d["id"] not in only) or not gold_path.exists():
            continue
        if not path.exists():
            missing.append(path)
            continue
        docs.append((d, path, json.loads(gold_path.read_text(encoding="utf-8"))))
    return docs, missing


def mirror_git(mirrors: Path, repo: str) -> Path:
    return mirrors / repo.replace("/", "+") / "repo"


def blob(mirrors: Path, d: dict) -> bytes:
    git = mirror_git(mirrors, d["repo"])
    if not git.is_dir():
        raise FileNotFoundError(f"no mirror of {d['repo']} (use the search tool: fetch github:{d['repo']})")
    r = subprocess.run(["git", "--git-dir", str(git), "show", f"{d['commit']}:{d['path']}"],
                       capture_output=True)
    if r.returncode != 0:
        raise FileNotFoundError(f"{d['repo']}@{d['commit'][:10]}:{d['path']}: {r.stderr.decode(errors='replace').strip()}")
    return r.stdout


class _Text(html.parser.HTMLParser):
    """Visible text of a page, a line per block element, as a browser copy gives it."""

    BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article"}
    SKIP = {"script", "style", "head", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.out.append("\n")
        elif tag in ("td", "th"):
            self.out.append("\t")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        # Source line breaks inside a paragraph are whitespace, as a browser shows them
        # (pages saved by Word wrap every paragraph at ~70 columns).
        if not self.skip:
            self.out.append(re.sub(r"[ \t\r\n\f]+", " ", data).replace("\xa0", " "))

    def text(self) -> str:
        lines = [" ".join(l.split()) if "\t" not in l else "\t".join(" ".join(c.split()) for c in l.split("\t")).strip("\t")
                 for l in "".join(self.out).split("\n")]
        out, blank = [], False
        for l in lines:
            if l:
                out.append(l); blank = False
            elif not blank and out:
                out.append(""); blank = True
        return "\n".join(out).strip() + "\n"


def _select(data, select: str):
    for part in [p for p in select.split("/") if p]:
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def render(d: dict, raw: bytes) -> bytes:
    out = _render(d, raw)
    if "lines" in d:
        first, last = (int(x) for x in str(d["lines"]).split("-"))
        out = "".join(out.decode("utf-8").splitlines(keepends=True)[first - 1:last]).encode("utf-8")
    return out


def _render(d: dict, raw: bytes) -> bytes:
    how = d.get("extract", "raw")
    if how == "raw":
        return raw
    if how == "html":
        # Word's "Save as Web Page" declares windows-1252 and writes Vietnamese as entities.
        m = re.search(rb"""charset=["']?([A-Za-z0-9_-]+)""", raw[:4096])
        p = _Text()
        p.feed(raw.decode(m.group(1).decode() if m else "utf-8", errors="replace"))
        return p.text().encode("utf-8")
    if how == "json":
        return str(_select(json.loads(raw), d["select"])).encode("utf-8")
    if how == "jsonl":
        line = raw.decode("utf-8").splitlines()[int(d["line"]) - 1]
        return str(_select(json.loads(line), d.get("select", ""))).encode("utf-8")
    if how in ("docx2pdf", "doc2docx"):
        office = shutil.which("libreoffice") or shutil.which("soffice")
        if not office:
            raise RuntimeError(f"{how} needs LibreOffice (apt-get install libreoffice-writer)")
        target = "pdf" if how == "docx2pdf" else "docx"
        # keep the stored file's own suffix (.doc or .docx): LibreOffice picks its import filter by it
        suffix = Path(d["path"]).suffix.lower() or ".docx"
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / f"doc{suffix}"
            src.write_bytes(raw)
            out = Path(tmp) / "out"
            # a private profile: a second LibreOffice (another engineer's build) must not block this one
            subprocess.run([office, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                            "--convert-to", target, "--outdir", str(out), str(src)],
                           check=True, capture_output=True, timeout=180)
            return (out / f"doc.{target}").read_bytes()
    raise ValueError(f"unknown extract {how!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=default_out())
    ap.add_argument("--mirrors", type=Path, default=default_mirrors())
    ap.add_argument("--only", default="", help="comma-separated ids")
    ap.add_argument("--all", action="store_true", help="also rebuild dropped documents")
    a = ap.parse_args(argv)
    only = {x for x in a.only.split(",") if x}
    a.out.mkdir(parents=True, exist_ok=True)
    built = missing = 0
    for d in load_sources():
        if only and d["id"] not in only:
            continue
        if d["split"] == "dropped" and not (a.all or only):
            continue
        try:
            raw = blob(a.mirrors, d)
        except FileNotFoundError as exc:
            print(f"MISSING {d['id']}: {exc}", file=sys.stderr)
            missing += 1
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest != d["sha256"]:
            print(f"CHANGED {d['id']}: sha256 {digest} != {d['sha256']}", file=sys.stderr)
            missing += 1
            continue
        target = a.out / f"{d['id']}.{d.get('format', 'txt')}"
        target.write_bytes(render(d, raw))
        built += 1
    print(f"{built} documents in {a.out}" + (f"; {missing} missing (see above)" if missing else ""))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
