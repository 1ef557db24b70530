"""The clerk's settings, kept in the data folder beside the store: the home province (and commune).

    <data folder>/settings.toml          (the store folder: --db, TRACKER_DB, else the user's data folder)

    # Đơn vị của người dùng: dùng để phân biệt các đơn vị trùng tên ở các tỉnh khác nhau.
    home_province = "2025:p33"          # Tỉnh Hưng Yên
    home_commune = "2025:p33.c11983"    # Phường Sơn Nam

Ids are kept in the structure in force (2025); the resolver maps them to the
pre-2025 provinces for older documents. `tracker config` sets them; `tracker
load` asks once on a terminal when there is no settings file yet.
"""
from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.errors import InputError

FILE = "settings.toml"


def data_folder(db: str | os.PathLike[str] | None = None) -> Path:
    """The store folder: `db`, else TRACKER_DB, else `<user data dir>/tracker/store` (as tracker/store/core.py)."""
    from tracker.folders import default_path, store_path  # one rule: an empty path or a URL is refused

    raw = os.fspath(db) if db is not None else os.environ.get("TRACKER_DB")
    if isinstance(raw, str) and raw.startswith(("postgresql://", "postgres://")):
        # A store on a server: this user's settings for it live in her own data folder, one per database.
        import re
        from urllib.parse import urlsplit

        from platformdirs import user_data_dir

        parts = urlsplit(raw)
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{parts.hostname or 'local'}_{parts.port or ''}_{parts.path.strip('/')}")
        return Path(user_data_dir("tracker", appauthor=False)) / "servers" / name
    return store_path(db) if db is not None else default_path()


@dataclass
class Settings:
    home_province: str | None = None
    home_commune: str | None = None
    exists: bool = False  # a settings file was found (tracker load asks once when there is none)

    def to_json(self) -> dict[str, Any]:
        return {"home_province": self.home_province, "home_commune": self.home_commune}


def settings_path(db: str | os.PathLike[str] | None = None) -> Path:
    return data_folder(db) / FILE


def load_settings(db: str | os.PathLike[str] | None = None) -> Settings:
    """The settings in the data folder (none set when the file is missing). A damaged file: InputError."""
    path = settings_path(db)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise InputError(f"{path}: không đọc được tệp thiết lập ({exc}); hãy sửa hoặc xóa tệp, rồi chạy `tracker config`") from None
    out = Settings(exists=True)
    for key in ("home_province", "home_commune"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"{path}: '{key}' phải là mã đơn vị trong ngoặc kép; hãy chạy `tracker config --{key.replace('_', '-')} TÊN`")
        setattr(out, key, value or None)
    return out


def save_settings(settings: Settings, db: str | os.PathLike[str] | None = None) -> Path:
    """Write the settings file atomically (names of the units as comments, for whoever opens it)."""
    from tracker.store.files import file_mode, make_folder

    path = settings_path(db)
    make_folder(path.parent)  # a new store folder is private, as the store makes it
    lines = ["# tracker: đơn vị của người dùng (đặt bằng `tracker config`).",
             "# Dùng để phân biệt các đơn vị trùng tên ở các tỉnh khác nhau."]
    for key in ("home_province", "home_commune"):
        value = getattr(settings, key)
        if value:
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}  # {_name(value)}")
        else:
            lines.append(f'{key} = ""')
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.chmod(tmp, file_mode(path.parent))  # files follow their folder (tracker/store/files.py)
    os.replace(tmp, path)
    return path


def _name(uid: str) -> str:
    try:
        from tracker.units import get_hierarchy, structure_of

        return get_hierarchy(structure_of(uid)).get(uid).name
    except Exception:
        return ""


def resolve_context(db: str | os.PathLike[str] | None = None, cited: Any = None) -> Any:
    """A tracker.units.ResolveContext from the settings (and `cited`, a lookup of loaded directives)."""
    from tracker.units.context import ResolveContext

    try:
        s = load_settings(db)
    except InputError:
        s = Settings()  # a damaged settings file must not stop a parse; `tracker config` reports it
    return ResolveContext(home_province=s.home_province, home_commune=s.home_commune, cited=cited)


__all__ = ["FILE", "Settings", "data_folder", "load_settings", "resolve_context", "save_settings", "settings_path"]
