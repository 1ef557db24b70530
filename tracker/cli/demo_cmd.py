"""`tracker demo [--reset]`: a demo store built from the sample directives, never the user's own data."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any
from tracker.views.literal import echo

NAME = "demo"
HELP = "mở chương trình trên dữ liệu mẫu dựng từ các văn bản mẫu (dữ liệu của bạn không bị động tới)"
ORDER = 90
DESCRIPTION = (
    "Dựng (một lần) dữ liệu mẫu từ các văn bản mẫu trong directives/ (mỗi văn bản một tệp, ưu tiên PDF) "
    "trong thư mục riêng, ghi một ít tiến độ để thấy việc xong đúng hạn, xong quá hạn và quá hạn, rồi mở "
    "giao diện (không có cửa sổ dòng lệnh thì in bảng đơn vị quá hạn và danh sách phân công)."
)
# The day the demo's progress is judged against besides today: the sample directives are of 2022.
FIXED_DAY = "2022-10-01"
_PREFERRED = (".pdf", ".docx", ".md", ".txt")


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reset", action="store_true", help="dựng lại dữ liệu mẫu từ đầu")
    parser.add_argument("--no-tui", action="store_true", help="in bảng đơn vị quá hạn và danh sách thay cho mở giao diện")
    parser.add_argument("--directives", metavar="THƯ_MỤC", help="thư mục văn bản mẫu (mặc định: directives/)")


def demo_path() -> Path:
    """$TRACKER_DEMO_DB, else `<user cache dir>/tracker/demo` (never the real store)."""
    import os

    env = os.environ.get("TRACKER_DEMO_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tracker", appauthor=False)) / "demo"


def sample_files(folder: Path) -> list[Path]:
    """One file per document stem, in the order of _PREFERRED."""
    best: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in _PREFERRED or not path.is_file():
            continue
        have = best.get(path.stem)
        if have is None or _PREFERRED.index(path.suffix.lower()) < _PREFERRED.index(have.suffix.lower()):
            best[path.stem] = path
    return [best[k] for k in sorted(best)]


def _directives_folder(given: str | None) -> Path:
    from tracker.errors import InputError

    if given:
        folder = Path(given)
    else:
        import tracker

        folder = Path(tracker.__file__).resolve().parent.parent / "directives"
        if not folder.is_dir():
            folder = Path.cwd() / "directives"
    if not folder.is_dir():
        raise InputError(f"{folder}: không có thư mục văn bản mẫu (chỉ định bằng --directives THƯ_MỤC)")
    return folder


def build(path: Path, folder: Path, *, reset: bool = False) -> Any:
    """The demo store at `path`, built from `folder` unless it already holds data."""
    import shutil

    from tracker.cli.load_cmd import read_all
    from tracker.errors import InputError
    from tracker.store import open_store

    if reset and path.exists():
        if any(path.iterdir()) and not (path / "manifest.json").exists() and not (path / "README.txt").exists():
            raise InputError(f"{path} không phải dữ liệu của tracker; không xóa")
        shutil.rmtree(path)
    store = open_store(path)
    if store.version:
        return store
    files = sample_files(folder)
    if not files:
        raise InputError(f"{folder}: không có văn bản nào (.pdf, .docx, .md, .txt) để dựng dữ liệu mẫu")
    drafts = read_all([str(f) for f in files])
    store.save_drafts(drafts)
    record_progress(store)
    return store


def record_progress(store: Any) -> None:
    """Record believable progress so every category shows, as of today and as of FIXED_DAY.

    Deterministic (by assignment id): about a fifth done on time, a fifth done
    late, a fifth in progress, a few paused or cancelled, the rest untouched
    (overdue once their due date has passed); some recurring reports and an
    event date, all in one commit.
    """
    from datetime import date, timedelta

    from tracker.store import StatusChange
    from tracker.track import document_day

    fixed = date.fromisoformat(FIXED_DAY)
    rows = store.assignments(fixed, with_text=False)
    changes: list[StatusChange] = []
    events: list[tuple[int, date]] = []
    by = "demo"
    for n, r in enumerate(rows):
        if r.child_directive_id is not None:
            continue  # answered by a lower directive: its progress rolls up from there
        issued = document_day(store.directive(r.directive_id).get("date")) or fixed - timedelta(days=60)
        start = issued + timedelta(days=3)
        due = r.due or issued + timedelta(days=30)
        kind = (r.deadline or {}).get("kind")
        slot = n % 10
        if kind == "event" and slot < 5:
            events.append((r.id, issued + timedelta(days=10)))
        if slot in (0, 1):
            changes.append(StatusChange(r.id, "dang_thuc_hien", start, "Đã triển khai", by))
            changes.append(StatusChange(r.id, "hoan_thanh", max(start, due - timedelta(days=2)), "Đã hoàn thành", by))
        elif slot in (2, 3):
            changes.append(StatusChange(r.id, "dang_thuc_hien", start, "Đang thực hiện", by))
            changes.append(StatusChange(r.id, "hoan_thanh", due + timedelta(days=12), "Hoàn thành chậm", by))
        elif slot in (4, 5):
            changes.append(StatusChange(r.id, "dang_thuc_hien", start, "Đã giao bộ phận chuyên môn", by))
            if kind == "recurring":
                changes.append(StatusChange(r.id, "dang_thuc_hien", issued + timedelta(days=20), "Báo cáo định kỳ", by))
        elif slot == 6 and n % 20 == 6:
            changes.append(StatusChange(r.id, "tam_dung", start, "Chờ hướng dẫn của cấp trên", by))
        elif slot == 7 and n % 30 == 7:
            changes.append(StatusChange(r.id, "khong_thuc_hien", start, "Không thuộc thẩm quyền", by))
    with store.transaction("demo"):
        for aid, day in events:
            store.record_event_date(aid, day, by=by, note="Đã có quyết định")
        store.set_statuses(changes)


def run(args: argparse.Namespace) -> int:
    import importlib.util
    import sys
    from datetime import date

    store = build(demo_path(), _directives_folder(args.directives), reset=args.reset)
    if not args.no_tui and sys.stdout.isatty() and importlib.util.find_spec("tracker.tui") is not None:
        try:
            from tracker.tui import run_app  # type: ignore[attr-defined]
        except ImportError:
            run_app = None  # the app is not there (yet): print instead
        if run_app is not None:
            # Judged as of the demo's day: the samples are of 2022, so as of today
            # every open task would simply be overdue.
            run_app(store.path, as_of=date.fromisoformat(FIXED_DAY))
            return 0
    from tracker.cli.overdue_cmd import print_board
    from tracker.cli.tasks_cmd import print_assignments
    from tracker.store import AssignmentFilter

    today = date.today()
    echo(f"Dữ liệu mẫu: {store.path}")
    for day in (date.fromisoformat(FIXED_DAY), today):
        print_board(store.overdue_by_unit(day)[:15], day)
    rows = store.assignments(today, AssignmentFilter())
    print_assignments(rows[:40], today, f"Phân công (40 / {len(rows)}) — tính đến {today.strftime('%d/%m/%Y')}")
    echo("Xem thêm: tracker tasks --db", store.path, "| tracker overdue --by-unit --db", store.path)
    return 0
