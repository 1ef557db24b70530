"""Build the compact administrative-unit files this folder ships.

    .venv/bin/python -m tracker.units.data.build

writes `units-2022.json.gz` and `units-2025.json.gz`. Run it again when a
source package publishes new data (see README.md here for what each file
holds and where it comes from). The package itself never imports the sources
at run time: they are large (a 7 MB SQLite file, a 390 kB lookup module) and
slow to load, and the hierarchy must load in well under half a second.
"""
from __future__ import annotations

import gzip
import json
import sys
from importlib import metadata
from pathlib import Path

from tracker.text import fold, normalize

HERE = Path(__file__).resolve().parent

# Type words as the sources write them, in the case we display.
_TYPES = ("Thành phố", "Tỉnh", "Quận", "Huyện", "Thị xã", "Thị trấn", "Phường", "Xã", "Đặc khu")


def _split(name: str, type_hint: str | None = None) -> tuple[str, str]:
    """("Thị trấn Tứ Kỳ") → ("Thị trấn", "Tứ Kỳ"); the type word in our case."""
    name = normalize(name)
    for t in ([type_hint] if type_hint else []) + list(_TYPES):
        if name.lower().startswith(t.lower() + " "):
            return t, name[len(t) + 1 :].strip()
    if type_hint:
        return type_hint, name
    raise ValueError(f"no type word in {name!r}")


def _key(text: str) -> str:
    """The matching key of a place name: folded, no spaces ("Tứ Kỳ" → "tuky")."""
    return fold(text).replace(" ", "").replace("-", "").replace("'", "")


def _aliases(raw: str | None, own: str) -> list[str]:
    """The source's alias keys (old names of merged units), minus the unit's own key."""
    if not raw:
        return []
    out = []
    for a in json.loads(raw):
        a = a.replace(" ", "")
        if a and a != own and a not in out:
            out.append(a)
    return out


def build_2022() -> dict:
    """63 provinces → districts → communes, the state before 1 July 2025 (vietnamadminunits)."""
    from vietnamadminunits.database import query

    rows = query(
        "SELECT provinceCode, province, provinceAlias, districtCode, district, districtType,"
        " districtAlias, wardCode, ward, wardType, wardAlias FROM admin_units_legacy"
        " ORDER BY provinceCode, districtCode, wardCode"
    )
    provinces: dict[str, list] = {}
    districts: dict[str, list] = {}
    communes: dict[str, list] = {}
    for r in rows:
        pc, dc, wc = r["provinceCode"], r["districtCode"], r["wardCode"]
        if pc not in provinces:
            t, s = _split(r["province"])
            provinces[pc] = [pc, "", t, s, _key(s), _aliases(r["provinceAlias"], _key(s))]
        if dc not in districts:
            t, s = _split(r["district"], r["districtType"])
            districts[dc] = [dc, pc, t, s, _key(s), _aliases(r["districtAlias"], _key(s))]
        if wc and wc not in communes:  # five island districts have no communes
            t, s = _split(r["ward"], r["wardType"])
            communes[wc] = [wc, dc, t, s, _key(s), _aliases(r["wardAlias"], _key(s))]
    return {
        "structure": "2022",
        "levels": ["province", "district", "commune"],
        "source": f"vietnamadminunits {metadata.version('vietnamadminunits')}, table admin_units_legacy "
        "(63 provinces, the 3-level structure in force until 30 June 2025; aliases are former names of merged units)",
        "province": list(provinces.values()),
        "district": list(districts.values()),
        "commune": list(communes.values()),
    }


def build_2025() -> dict:
    """34 provinces → communes, the structure from 1 July 2025 (vietnam-provinces, official codes)."""
    import vietnam_provinces as vp
    from vietnam_provinces import Province, VietNamDivisionType, Ward

    ptype = {VietNamDivisionType.TINH: "Tỉnh", VietNamDivisionType.THANH_PHO_TRUNG_UONG: "Thành phố"}
    wtype = {VietNamDivisionType.XA: "Xã", VietNamDivisionType.PHUONG: "Phường", VietNamDivisionType.DAC_KHU: "Đặc khu"}
    provinces = []
    for p in sorted(Province.iter_all(), key=lambda p: int(p.code)):
        t, s = _split(p.name, ptype[p.division_type])
        provinces.append([f"{int(p.code):02d}", "", t, s, _key(s), []])
    communes = []
    for w in sorted(Ward.iter_all(), key=lambda w: int(w.code)):
        t, s = _split(w.name, wtype[w.division_type])
        communes.append([f"{int(w.code):05d}", f"{int(w.province_code):02d}", t, s, _key(s), []])
    return {
        "structure": "2025",
        "levels": ["province", "commune"],
        "source": f"vietnam-provinces {vp.__version__} (data of {vp.__data_version__}; "
        "34 provinces, the 2-level structure from 1 July 2025, official codes)",
        "province": provinces,
        "commune": communes,
    }


def write(data: dict) -> Path:
    path = HERE / f"units-{data['structure']}.json.gz"
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # mtime=0: the same data gives the same bytes, so a rebuild shows no diff.
    with open(path, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    return path


def main() -> int:
    for data in (build_2022(), build_2025()):
        path = write(data)
        counts = ", ".join(f"{len(data[lv])} {lv}" for lv in data["levels"])
        print(f"{path.name}: {counts} ({path.stat().st_size // 1024} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
