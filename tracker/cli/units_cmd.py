"""`tracker units find|tree|resolve`: look into the unit hierarchy and try name resolution."""
from __future__ import annotations

import argparse
from typing import Any
from tracker.views.literal import echo

NAME = "units"
HELP = "đơn vị hành chính và cơ quan: tìm (find), cây của một tỉnh (tree), xác định đơn vị từ tên (resolve)"
DESCRIPTION = "Đơn vị hành chính và cơ quan: tìm, xem cây của một tỉnh, xác định đơn vị từ tên như văn bản viết."
ORDER = 40


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--structure",
        choices=("2022", "2025"),
        metavar="CƠ_CẤU",
        help="2022: tỉnh → huyện → xã (đến 30/6/2025); 2025: tỉnh → xã (mặc định: cơ cấu của mã đã cho, "
        "nếu không thì $TRACKER_STRUCTURE, nếu không nữa thì cơ cấu đang có hiệu lực hôm nay)",
    )
    p.add_argument("--json", action="store_true", help="in JSON thay cho bảng")


def register(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="units_command", metavar="VIỆC", required=True)
    p = sub.add_parser("find", help="đơn vị có tên chứa CHỮ (không phân biệt dấu và hoa thường)")
    p.add_argument("text", metavar="CHỮ", help='ví dụ "Tứ Kỳ", "tu ky", "Sở Tư pháp Hải Dương"')
    p.add_argument("--limit", type=int, default=20, metavar="N", help="nhiều nhất N đơn vị (mặc định 20)")
    _common(p)
    p = sub.add_parser("tree", help="một tỉnh và các đơn vị trực thuộc")
    p.add_argument("province", metavar="TỈNH", help='tên hoặc mã tỉnh: "Hải Dương", "2022:p30"')
    p.add_argument("--depth", type=int, default=None, metavar="N", help="số cấp dưới tỉnh cần hiện (mặc định: tất cả)")
    p.add_argument("--agencies", action="store_true", help="hiện cả cơ quan, chức danh và tổ chức Đảng của mỗi đơn vị")
    _common(p)
    p = sub.add_parser("resolve", help="đơn vị mà một tên chỉ tới trong văn bản của CƠ_QUAN")
    p.add_argument("text", metavar="TÊN", help='tên như văn bản viết, ví dụ "Phòng Tư pháp huyện"')
    p.add_argument("--issuer", required=True, metavar="CƠ_QUAN",
                   help='cơ quan ban hành: mã ("2022:p30.d298") hoặc tên ("UBND huyện Tứ Kỳ")')
    _common(p)


def run(args: argparse.Namespace) -> int:
    from tracker.units import get_hierarchy

    h = get_hierarchy(args.structure or _structure_named(args))
    return {"find": _find, "tree": _tree, "resolve": _resolve}[args.units_command](h, args)


def _structure_named(args: argparse.Namespace) -> str | None:
    """An id carries its structure ("2022:p30.d298"): every action accepts either; an issuer named
    as a huyện is in the pre-2025 structure. None: the default (TRACKER_STRUCTURE, else today's)."""
    from tracker.model import Header
    from tracker.units import structure_in_force
    from tracker.units.hierarchy import STRUCTURES

    for value in (getattr(args, "province", None), getattr(args, "issuer", None)):
        if value and ":" in value and value.split(":", 1)[0] in STRUCTURES:
            return value.split(":", 1)[0]
    issuer = getattr(args, "issuer", None)
    if issuer:
        choice = structure_in_force(Header(issuer=issuer))
        return choice.structure if choice.basis == "header" else None
    return None


def _where(h: Any, unit_id: str) -> str:
    """"Xã Kỳ Sơn, Huyện Tứ Kỳ, Tỉnh Hải Dương": enough to tell namesakes apart."""
    return ", ".join(u.name for u in reversed(h.path(unit_id)))


def _path_text(h: Any, unit_id: str) -> str:
    return " › ".join(u.name for u in h.path(unit_id)[:-1])


def _find(h: Any, args: argparse.Namespace) -> int:
    from tracker.cli.common import print_json, print_table
    from tracker.errors import TrackerError

    if args.limit < 1:
        raise TrackerError("--limit phải từ 1 trở lên")
    units = h.find(args.text, limit=args.limit)
    if args.json:
        print_json([{**u.to_json(), "path": [p.name for p in h.path(u.id)]} for u in units])
        return 0
    if not units:
        echo(f"Không tìm thấy đơn vị nào khớp «{args.text}».")
        return 0
    print_table(
        f"Đơn vị khớp «{args.text}» (cơ cấu {h.structure})",
        ["Mã", "Tên", "Loại", "Thuộc"],
        [(u.id, u.name, u.kind, _path_text(h, u.id)) for u in units],
    )
    return 0


def _province(h: Any, text: str) -> Any:
    from tracker.errors import TrackerError
    from tracker.units import UnknownUnit

    if ":" in text:
        try:
            unit = h.get(text)
        except UnknownUnit as err:
            raise TrackerError(str(err)) from None
        return unit
    found = [u for u in h.find(text, limit=50) if u.kind == "province"]
    exact = [u for u in found if _folded(u.short) == _folded(text) or _folded(u.name) == _folded(text)]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0]
    if not found:
        raise TrackerError(f"không có tỉnh nào khớp '{text}' trong cơ cấu {h.structure} (thử `tracker units find {text}`)")
    names = ", ".join(u.name for u in found[:8])
    raise TrackerError(f"'{text}' khớp nhiều tỉnh ({names}): cho mã hoặc tên đầy đủ")


def _folded(text: str) -> str:
    from tracker.text import fold

    return fold(text)


def _tree(h: Any, args: argparse.Namespace) -> int:
    from tracker.cli.common import print_json
    from tracker.errors import TrackerError

    if args.depth is not None and args.depth < 0:
        raise TrackerError("--depth phải từ 0 trở lên")
    root = _province(h, args.province)
    max_depth = args.depth if args.depth is not None else len(h.levels)

    def node(unit: Any, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {"id": unit.id, "name": unit.name, "kind": unit.kind}
        kids = []
        if unit.is_admin and args.agencies:
            kids += [{"id": a.id, "name": a.name, "kind": a.kind} for a in h.agencies(unit.id)]
        if depth < max_depth:
            kids += [node(k, depth + 1) for k in h.admin_children(unit.id)]
        if kids:
            out["children"] = kids
        return out

    tree = node(root, 0)
    if args.json:
        print_json(tree)
        return 0
    lines: list[str] = []

    def show(n: dict[str, Any], indent: str) -> None:
        lines.append(f"{indent}{n['name']}  [{n['id']}]")
        for kid in n.get("children", []):
            show(kid, indent + "  ")

    show(tree, "")
    echo("\n".join(lines))
    return 0


def _resolve(h: Any, args: argparse.Namespace) -> int:
    from tracker.cli.common import print_json, print_table
    from tracker.errors import TrackerError
    from tracker.model import Header
    from tracker.units import UnknownUnit, resolve_issuer, resolve_name

    if ":" in args.issuer:
        try:
            issuer = h.get(args.issuer)
        except UnknownUnit as err:
            raise TrackerError(str(err)) from None
    else:
        found = resolve_issuer(Header(issuer=args.issuer), structure=h.structure)
        if found.id is None:
            hint = "; có thể là: " + ", ".join(f"{c} ({_where(h, c)})" for c in found.candidates[:6]) if found.candidates else ""
            raise TrackerError(f"cơ quan ban hành '{args.issuer}' không xác định được một đơn vị ({found.reason}){hint}: "
                               "cho mã của nó")
        issuer = h.get(found.id)
    res = resolve_name(args.text, issuer.id, hierarchy=h)
    unit = h.get(res.id) if res.id else None
    members = h.expand(res.id) if unit is not None and unit.is_group else []
    if args.json:
        out = res.to_json()
        out["issuer"] = {"id": issuer.id, "name": issuer.name}
        out["unit"] = {**unit.to_json(), "path": [p.name for p in h.path(unit.id)]} if unit else None
        out["members"] = [{"id": m, "name": h.get(m).name} for m in members]
        out["candidates"] = [{"id": c, "name": h.get(c).name} for c in res.candidates]
        print_json(out)
        return 0
    rows = [
        ("Tên như viết", args.text),
        ("Cơ quan ban hành", f"{issuer.name} [{issuer.id}]"),
        ("Đơn vị", f"{unit.name} [{unit.id}]" if unit else "— chưa xác định (để người dùng chọn)"),
        ("Độ tin cậy", f"{res.confidence:.2f}" if unit else ""),
        ("Lý do", res.reason),
    ]
    if members:
        shown = "\n".join(h.get(m).name for m in members[:12])
        more = f"\n… và {len(members) - 12} đơn vị khác" if len(members) > 12 else ""
        rows.append((f"Gồm {len(members)} đơn vị", shown + more))
    if res.candidates:
        rows.append(("Gần đúng", "\n".join(f"{h.get(c).name} [{c}]" for c in res.candidates)))
    print_table(None, ["", ""], rows)
    return 0
