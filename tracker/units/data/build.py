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


def _match_key(text: str) -> str:
    """A name reduced to letters and digits, for matching the two packages' spellings ("–" and "-")."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


def _vau_data(name: str) -> dict:
    """One of the JSON files vietnamadminunits ships (its parser's and converter's lookups)."""
    import vietnamadminunits

    return json.loads((Path(vietnamadminunits.__file__).parent / "data" / f"{name}.json").read_text("utf-8"))


def build_succession(old: dict, new: dict) -> dict:
    """Which 2025 units took over each pre-2025 province, district and commune.

    From vietnamadminunits' converter table (old commune → the new commune it
    became, or the several it was divided into with the default one marked),
    matched to the codes of both structures we ship. The 2025 codes of our
    data come from vietnam-provinces; 114 differ from vietnamadminunits', so
    a new commune is found by its code and name, else by its name within its
    province. A district's successors are those of its communes; its primary
    successor (where its own work is shown) is the successor that bears its
    name, else the one that took its town (thị trấn), else the one that took
    most of its communes.
    """
    conv, legacy, current = _vau_data("converter_2025"), _vau_data("parser_legacy"), _vau_data("parser_from_2025")
    old_prov = {k: v["provinceCode"] for k, v in legacy["DICT_PROVINCE"].items()}
    new_prov = {k: v["provinceCode"] for k, v in current["DICT_PROVINCE"].items()}
    old_dist = {(p, d): v["districtCode"] for p, ds in legacy["DICT_PROVINCE_DISTRICT"].items() for d, v in ds.items()}
    old_ward: dict[str, str] = {}
    for table in ("DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED", "DICT_PROVINCE_DISTRICT_WARD_ACCENTED"):
        for p, ds in legacy[table].items():
            for d, ws in ds.items():
                for w, v in ws.items():
                    old_ward[f"{p}_{d}_{w}"] = v["wardCode"]
    new_ward: dict[tuple[str, str], tuple[str, str]] = {}  # (province key, ward key) → (code, folded name)
    for table in ("DICT_PROVINCE_WARD_NO_ACCENTED", "DICT_PROVINCE_WARD_ACCENTED"):
        for p, ws in current[table].items():
            for w, v in ws.items():
                new_ward[(p, w)] = (v["wardCode"], _match_key(v["ward"]))

    # Our 2025 communes by code and by (province, name).
    ours = {c[0]: c for c in new["commune"]}
    by_name: dict[tuple[str, str], list[str]] = {}
    for c in new["commune"]:
        by_name.setdefault((c[1], _match_key(c[2] + c[3])), []).append(c[0])
    old_dist_of = {c[0]: c[1] for c in old["commune"]}
    old_type = {c[0]: c[2] for c in old["commune"]}

    def ours_for(pkey: str, wkey: str) -> str:
        code, name = new_ward[(pkey, wkey)]
        pcode = f"{int(new_prov[pkey]):02d}"
        code = f"{int(code):05d}"
        row = ours.get(code)
        if row is not None and row[1] == pcode and _match_key(row[2] + row[3]) == name:
            return code
        found = by_name.get((pcode, name), [])
        if len(found) != 1:
            raise ValueError(f"2025 commune {wkey} of {pkey}: {len(found)} matches in vietnam-provinces")
        return found[0]

    communes: dict[str, list[str]] = {}
    districts_direct: dict[str, list[str]] = {}  # island districts with no communes
    for pkey, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wkey, olds in wards.items():
            code = ours_for(pkey, wkey)
            for o in olds:
                if o in old_ward:
                    communes.setdefault(old_ward[o], []).append(code)
                else:
                    p, d, _w = o.split("_")
                    districts_direct.setdefault(old_dist[(p, d)], []).append(code)
    for pkey, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for o, parts in olds.items():
            codes = [ours_for(pkey, x["newWardKey"]) for x in sorted(parts, key=lambda x: not x["isDefaultNewWard"])]
            communes.setdefault(old_ward[o], []).extend(codes)
    communes = {k: list(dict.fromkeys(v)) for k, v in communes.items()}
    missing = [c[0] for c in old["commune"] if c[0] not in communes]
    if missing:
        raise ValueError(f"{len(missing)} pre-2025 communes have no successor (first: {missing[:5]})")

    provinces = {}
    for nkey, okeys in conv["DICT_PROVINCE"].items():
        for okey in okeys:
            provinces[old_prov[okey]] = [f"{int(new_prov[nkey]):02d}"]

    new_short = {c[0]: _key(c[3]) for c in new["commune"]}
    districts = []
    for code, _parent, _t, short, _key_, _aliases in old["district"]:
        mine = [c for c, d in old_dist_of.items() if d == code]
        counts: dict[str, int] = {}
        for c in mine:
            for n in communes[c][:1]:
                counts[n] = counts.get(n, 0) + 1
        succ = list(dict.fromkeys([n for c in mine for n in communes[c]] + districts_direct.get(code, [])))
        named = [n for n in succ if new_short[n] == _key(short)]
        towns = [communes[c][0] for c in mine if old_type[c] == "Thị trấn"]
        if named:
            primary = named[0]
        elif len(set(towns)) == 1:
            primary = towns[0]
        elif counts:
            primary = min(counts, key=lambda n: (-counts[n], n))
        else:
            primary = succ[0]
        districts.append([code, [primary] + [n for n in succ if n != primary]])
    return {
        "from": old["structure"],
        "to": new["structure"],
        "source": f"vietnamadminunits {metadata.version('vietnamadminunits')}, converter_2025.json "
        "(each pre-2025 commune → the 2025 commune(s) it became), matched to the codes of both files here",
        "province": sorted(provinces.items()),
        "district": districts,
        "commune": sorted(communes.items()),
    }


def former_names(old: dict, new: dict, succession: dict) -> dict:
    """Former names of 2025 provinces and communes (the pre-2025 units merged into them), as alias keys.

    Only units whose whole area went to one successor give their name: a commune
    divided between several names none of them.
    """
    out: dict[str, dict[str, list[str]]] = {"province": {}, "commune": {}}
    for level in ("province", "commune"):
        rows = {r[0]: r for r in old[level]}
        own = {r[0]: {r[4], _key(r[2]) + r[4]} for r in new[level]}
        for code, succ in succession[level]:
            if len(succ) != 1:
                continue
            _c, _p, utype, short, key, aliases = rows[code]
            for alias in [_key(utype) + key, key] + list(aliases):
                if alias not in own[succ[0]] and alias not in out[level].setdefault(succ[0], []):
                    out[level][succ[0]].append(alias)
    return {level: sorted([k, v] for k, v in table.items()) for level, table in out.items()}


def write(data: dict, name: str | None = None) -> Path:
    path = HERE / (name or f"units-{data['structure']}.json.gz")
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # mtime=0: the same data gives the same bytes, so a rebuild shows no diff.
    with open(path, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    return path


def main() -> int:
    old, new = build_2022(), build_2025()
    succession = build_succession(old, new)
    new["former"] = former_names(old, new, succession)
    for data in (old, new):
        path = write(data)
        counts = ", ".join(f"{len(data[lv])} {lv}" for lv in data["levels"])
        print(f"{path.name}: {counts} ({path.stat().st_size // 1024} kB)")
    path = write(succession, f"succession-{succession['from']}-{succession['to']}.json.gz")
    print(f"{path.name}: " + ", ".join(f"{len(succession[lv])} {lv}" for lv in ("province", "district", "commune"))
          + f" ({path.stat().st_size // 1024} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
