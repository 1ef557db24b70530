"""The five statuses of an assignment: stable keys in data, Vietnamese labels on screen."""
from __future__ import annotations

from tracker.errors import InputError
from tracker.text import fold

# key → label, in the order screens list them. Keys never change: they are
# what the store keeps and what `--json` prints.
LABELS: dict[str, str] = {
    "chua_thuc_hien": "chưa thực hiện",
    "dang_thuc_hien": "đang thực hiện",
    "hoan_thanh": "hoàn thành",
    "tam_dung": "tạm dừng",
    "khong_thuc_hien": "không thực hiện",
}
STATUSES: tuple[str, ...] = tuple(LABELS)
INITIAL = "chua_thuc_hien"
DONE = "hoan_thanh"
# Closed without being done: outside the four official categories.
CANCELLED = "khong_thuc_hien"
# Open statuses: the work is still owed (a paused task keeps its due date).
OPEN = frozenset({"chua_thuc_hien", "dang_thuc_hien", "tam_dung"})

# Small integer codes for the store's index (position in STATUSES).
CODE = {key: i for i, key in enumerate(STATUSES)}
DONE_CODE = CODE[DONE]
CANCELLED_CODE = CODE[CANCELLED]

_BY_FOLDED = {}
for _key, _label in LABELS.items():
    _BY_FOLDED[_key] = _key
    _BY_FOLDED[fold(_label)] = _key
    _BY_FOLDED[_key.replace("_", " ")] = _key
    _BY_FOLDED[_key.replace("_", "-")] = _key


def parse_status(text: str) -> str:
    """The status key for a label with or without diacritics, or a key itself."""
    key = _BY_FOLDED.get(fold(text or "").replace("  ", " "))
    if key is None:
        choices = ", ".join(f'"{label}"' for label in LABELS.values())
        raise InputError(f"không có trạng thái '{text}': hãy dùng một trong {choices} (gõ có dấu hay không dấu đều được)")
    return key


def label(key: str) -> str:
    return LABELS.get(key, key)
