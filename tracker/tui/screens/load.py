"""Load a directive (the clerk): type its path or pick a file in a folder tree; it is parsed in a worker with progress.

The path field has the focus when the screen opens, so a path typed at once
arrives whole ("/home/…" keeps its first "/"); "/" in the tree starts a path
in the field the same way. A relative path counts from the folder the tree
shows (where the app was started).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DirectoryTree, Input, Label, ProgressBar, Static

from tracker.errors import TrackerError
from tracker.tui.actions import bindings
from tracker.tui.screens.base import TrackerScreen

SUFFIXES = (".pdf", ".docx", ".txt", ".md")
# parse_file reports these stages (tracker.parse); the bar moves one step per stage, then one for "done".
STAGES = ("đọc tệp", "phân tích cấu trúc", "đối chiếu đơn vị")


class DirectiveFiles(DirectoryTree):
    """Folders and directive files only; hidden ones left out."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [p for p in paths if not p.name.startswith(".")
                and (p.is_dir() or p.suffix.lower() in SUFFIXES)]


class ParseProgress(Message):
    def __init__(self, stage: str):
        super().__init__()
        self.stage = stage


class Parsed(Message):
    def __init__(self, path: Path, draft: Any = None, error: str | None = None):
        super().__init__()
        self.path = path
        self.draft = draft
        self.error = error


class LoadScreen(TrackerScreen):
    SCOPE = "load"
    TITLE = "Nạp văn bản"
    BINDINGS = bindings("load")
    AUTO_FOCUS = "#path"

    def __init__(self) -> None:
        super().__init__()
        self.busy = False

    def body(self) -> ComposeResult:
        root = self.tracker.start_dir
        with Vertical(id="pick"):
            with Horizontal(classes="filters"):
                yield Label("Tệp")
                yield Input(placeholder="Gõ đường dẫn tệp (PDF, DOCX, TXT, MD) rồi Enter, hoặc chọn trong cây bên dưới",
                            id="path", select_on_focus=False)  # back in the field: go on typing, not replace
            tree = DirectiveFiles(root, id="files")
            tree.border_title = "Chọn tệp (Enter để đọc)"
            yield tree
        with Vertical(id="progress-box"):
            yield Static("Chọn một văn bản để đọc. Chưa có gì được lưu cho đến khi bạn xác nhận ở bước rà soát.",
                         id="stage")
            yield ProgressBar(total=len(STAGES) + 1, show_eta=False, id="bar")

    def on_mount(self) -> None:
        tree = self.query_one("#files", DirectiveFiles)
        tree.root.set_label(self.tracker.start_dir.name or str(self.tracker.start_dir))

    def action_type_path(self) -> None:
        """"/" outside the field: go to the field, and the "/" starts an absolute path (unless one is there)."""
        field = self.query_one("#path", Input)
        if not field.value:
            field.value = "/"
        field.focus()
        field.cursor_position = len(field.value)

    @on(DirectoryTree.FileSelected, "#files")
    def _file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        self.start(Path(event.path))

    @on(Input.Submitted, "#path")
    def _path_typed(self, event: Input.Submitted) -> None:
        text = event.value.strip().strip('"').strip("'")
        if not text:
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.tracker.start_dir / path
        self.start(path)

    def start(self, path: Path) -> None:
        """Parse `path` in a worker; the screen stays usable (a second file waits for the first)."""
        if self.busy:
            self.notify("Đang đọc một văn bản khác, xin chờ", severity="warning")
            return
        self.busy = True
        self.query_one("#bar", ProgressBar).update(progress=0)
        self.query_one("#stage", Static).update(Text(f"Đang đọc {path.name}…"))
        self.parse(path)

    @work(thread=True, exclusive=True, group="parse")
    def parse(self, path: Path) -> None:
        from tracker.parse import parse_file

        try:
            draft = parse_file(path, resolve=True, progress=lambda stage: self.post_message(ParseProgress(stage)))
        except TrackerError as exc:
            self.post_message(Parsed(path, error=str(exc)))
            return
        except Exception as exc:  # a parser bug must not take the app down: say so and keep going
            self.post_message(Parsed(path, error=f"lỗi nội bộ khi đọc tệp: {type(exc).__name__}: {exc}"))
            return
        self.post_message(Parsed(path, draft=draft))

    def on_parse_progress(self, message: ParseProgress) -> None:
        step = STAGES.index(message.stage) + 1 if message.stage in STAGES else None
        if step is not None:
            self.query_one("#bar", ProgressBar).update(progress=step)
        self.query_one("#stage", Static).update(Text(f"Đang {message.stage}…"))

    def on_parsed(self, message: Parsed) -> None:
        self.busy = False
        bar = self.query_one("#bar", ProgressBar)
        if message.error:
            bar.update(progress=0)
            self.query_one("#stage", Static).update(
                Text.assemble((f"Không đọc được {message.path.name}: ", "bold red"), message.error))
            return
        bar.update(progress=len(STAGES) + 1)
        self.query_one("#stage", Static).update(Text(f"Đã đọc {message.path.name}: {len(message.draft.tasks)} nhiệm vụ. Mời rà soát."))
        from tracker.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(message.draft))
