"""`tracker config [--home-province P] [--home-commune C] [--clear]`: the clerk's own unit, kept in the data folder."""
from __future__ import annotations

import argparse
from typing import Any

from tracker.cli.common import add_db_option, add_json_option
from tracker.views.literal import echo

NAME = "config"
HELP = "tỉnh/thành phố (và xã, phường) của bạn: để hiểu đúng tên đơn vị trùng giữa các tỉnh"
ORDER = 45
DESCRIPTION = (
    "Đơn vị của người dùng: tỉnh/thành phố (và xã, phường) nơi bạn làm việc. Khi một tên xã, phường "
    "có ở nhiều tỉnh và văn bản không nói rõ, tên đó được hiểu là của tỉnh này. Lưu trong thư mục dữ "
    "liệu (settings.toml cạnh dữ liệu). Không có tùy chọn: cho xem các thiết đặt. Tên được hiểu theo cơ "
    "cấu đang có hiệu lực (34 tỉnh, thành phố); một tên cũ (\"Thái Bình\") cho tỉnh đã tiếp nhận nó."
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--home-province", metavar="TÊN", help='tên hoặc mã tỉnh, ví dụ "Hưng Yên", "2025:p33"')
    parser.add_argument("--home-commune", metavar="TÊN", help='xã hoặc phường của tỉnh đó, ví dụ "Phường Sơn Nam"')
    parser.add_argument("--clear", action="store_true", help="bỏ tỉnh và xã đã đặt")
    add_db_option(parser)
    add_json_option(parser)


def find_province(text: str) -> Any:
    """The 2025 province a name or id means (a former province gives its successor). Raises InputError."""
    from tracker.errors import InputError
    from tracker.text import fold
    from tracker.units import get_hierarchy
    from tracker.units.succession import get_succession

    h = get_hierarchy("2025")
    uid = _id_in(text)
    if uid:
        if uid.startswith("2022:"):
            uid = (get_succession().successors(uid.split(".")[0].split("/")[0]) or [uid])[0]
        unit = _get(h, uid)
        if unit.kind != "province":
            raise InputError(f"'{text}' không phải một tỉnh (`tracker units find` cho xem các đơn vị và mã)")
        return unit
    key = fold(text).replace(" ", "")
    for word in ("tinh", "thanhpho"):
        if key.startswith(word) and len(key) > len(word):
            key = key[len(word):]
    # Typed first ("tinhthaibinh": a former province), then the bare name.
    found = []
    for typed in ("tinh" + key, "thanhpho" + key, key):
        found = [h.get(u) for u in h.places(typed) if h.get(u).kind == "province"]
        if found:
            break
    if not found:
        found = [u for u in h.provinces() if key and key in fold(u.short).replace(" ", "")]
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(f"không có tỉnh nào tên '{text}' (34 tỉnh, thành phố từ 1/7/2025; thử `tracker units find {text}`)")
    raise InputError(f"'{text}' khớp nhiều tỉnh ({', '.join(u.name for u in found[:6])}): cho thêm chữ trong tên")


def find_commune(text: str, province: Any) -> Any:
    """A commune, ward or special zone of `province` (2025) by name or id. Raises InputError."""
    from tracker.errors import InputError
    from tracker.text import fold
    from tracker.units import get_hierarchy

    h = get_hierarchy("2025")
    uid = _id_in(text)
    if uid:
        unit = _get(h, uid)
        if unit.kind != "commune" or (province is not None and not unit.id.startswith(province.id + ".")):
            raise InputError(f"'{text}' không phải xã, phường của {province.name if province else 'cơ cấu đang có hiệu lực'}")
        return unit
    if province is None:
        raise InputError("đặt --home-province trước (tên xã, phường được tìm trong tỉnh đó)")
    words = fold(text).split()
    hits = [u for u in h.admin_children(province.id) if fold(u.name) == " ".join(words) or fold(u.short) == " ".join(words)]
    if not hits:
        key = "".join(words)
        hits = [h.get(u) for u in h.places(key) if u.startswith(province.id + ".")]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise InputError(f"không có xã, phường nào tên '{text}' ở {province.name} "
                         f"(`tracker units tree {province.id}` cho xem danh sách)")
    raise InputError(f"'{text}' khớp nhiều đơn vị của {province.name} ({', '.join(u.name for u in hits[:6])}): "
                     "viết cả loại (Xã ..., Phường ...)")


def _id_in(text: str) -> str | None:
    text = text.strip()
    return text if ":" in text and text.split(":", 1)[0] in ("2022", "2025") else None


def _get(h: Any, uid: str) -> Any:
    from tracker.errors import InputError
    from tracker.units import UnknownUnit, get_hierarchy, structure_of

    try:
        return get_hierarchy(structure_of(uid)).get(uid)
    except UnknownUnit as err:
        raise InputError(str(err)) from None


def run(args: argparse.Namespace) -> int:
    from tracker.errors import InputError
    from tracker.settings import Settings, load_settings, save_settings, settings_path

    for opt in ("home_province", "home_commune"):
        value = getattr(args, opt)
        if value is not None and not value.strip():
            raise InputError(f"--{opt.replace('_', '-')} đang trống: cho một tên, hoặc dùng --clear")
    current = load_settings(args.db)
    changed = False
    if args.clear:
        current, changed = Settings(), True
    if args.home_province:
        province = find_province(args.home_province)
        if current.home_commune and not current.home_commune.startswith(province.id + "."):
            current.home_commune = None  # a commune of another province no longer applies
        current.home_province, changed = province.id, True
    if args.home_commune:
        province = find_province(current.home_province) if current.home_province else None
        commune = find_commune(args.home_commune, province)
        if province is None:
            current.home_province = commune.id.split(".")[0]
        current.home_commune, changed = commune.id, True
    if changed:
        save_settings(current, args.db)
    if args.json:
        from tracker.cli.common import print_json

        print_json(dict(current.to_json(), names=_names(current), path=str(settings_path(args.db))))
        return 0
    names = _names(current)
    if not current.home_province and not current.home_commune:
        echo("Chưa đặt tỉnh/thành phố của bạn: tracker config --home-province TÊN")
    else:
        echo(f"Tỉnh/thành phố: {names['home_province'] or '—'}" + (f" [{current.home_province}]" if current.home_province else ""))
        echo(f"Xã/phường: {names['home_commune'] or '—'}" + (f" [{current.home_commune}]" if current.home_commune else ""))
    echo(f"Tệp: {settings_path(args.db)}" + (" (đã lưu)" if changed else ""))
    return 0


def _names(s: Any) -> dict[str, str | None]:
    from tracker.units import get_hierarchy, structure_of

    out: dict[str, str | None] = {}
    for key in ("home_province", "home_commune"):
        uid = getattr(s, key)
        try:
            out[key] = get_hierarchy(structure_of(uid)).get(uid).name if uid else None
        except Exception:
            out[key] = uid
    return out
