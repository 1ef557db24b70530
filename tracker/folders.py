"""Where a store folder is: the user's --db, TRACKER_DB, or the user data folder.

Its own small module so that commands which only need the path (settings for
`tracker parse`) do not import the whole store package.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from tracker.errors import StoreError


def default_path() -> Path:
    """TRACKER_DB, else `<user data dir>/tracker/store`."""
    env = os.environ.get("TRACKER_DB")
    if env is not None:
        return store_path(env, "TRACKER_DB")
    from platformdirs import user_data_dir

    return Path(user_data_dir("tracker", appauthor=False)) / "store"


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def store_path(raw: str | os.PathLike[str], what: str = "--db") -> Path:
    """A store folder named by the user; an empty name or a database URL is refused, never taken for a folder.

    (`--db ""` used to fall back to the real default store, and `--db
    postgresql://…` made a folder named "postgresql:" in the current one.)
    """
    text = os.fspath(raw)
    if not str(text).strip():
        raise StoreError(f"{what} trống: hãy cho đường dẫn một thư mục kho dữ liệu, hoặc bỏ {what} để dùng kho mặc định")
    if _URL.match(str(text)):
        raise StoreError(f"{what} {text}: tracker chưa dùng được máy chủ cơ sở dữ liệu; "
                         "hãy cho đường dẫn một thư mục kho dữ liệu trên máy")
    return Path(text).expanduser()
