"""Units: the real province → (district →) commune hierarchy, and resolving the names directives use.

    from tracker.units import get_hierarchy, resolve_name, resolve_issuer, resolve_draft

    h = get_hierarchy()                       # the structure in force today unless TRACKER_STRUCTURE says otherwise
    h.find("Tứ Kỳ")                           # diacritic-insensitive search
    res = resolve_name("Phòng Tư pháp huyện", "2022:p30.d298")
    res.id                                    # "2022:p30.d298/phong-tu-phap"
    h.expand("2022:p30.d298#commune")         # every commune of huyện Tứ Kỳ

Structures. "2022" is the 63-province structure of 2022 – 30 June 2025
(province → district → commune); "2025" the 34-province one from 1 July 2025
(province → commune). Depth comes from the data files (data/README.md), never
from code. A document is resolved in the structure in force for it
(in_force.py: its date, else its year, else the cited parent's structure,
else what its header names; `TRACKER_STRUCTURE` only fills in where the
document gives none; else today's). `succession.py` maps every pre-2025 unit
to the 2025 unit(s) that took it over; 2025 units keep their former names.

Unit ids (stable strings; the level of any id is derivable, `level_of()`):

    2022:p30                       Tỉnh Hải Dương            structure ":" p<province code>
    2022:p30.d298                  Huyện Tứ Kỳ               … "." d<district code>
    2022:p30.d298.c11098           Xã Kỳ Sơn                 … "." c<commune code>
    2025:p33.c11983                Phường Sơn Nam (2025)     no district level in 2025
    2022:p30/so-tu-phap            Sở Tư pháp tỉnh Hải Dương  admin id "/" agency key (task_rules/units/agencies.toml)
    2022:p30.d298.c11098/cong-an   Công an xã Kỳ Sơn
    2022:p30#so-ban-nganh          the province's sở, ban, ngành   admin id "#" group key (groups.toml)
    2022:p30#district              UBND of every district of the province   "#" level
    2022:p30.d298#commune/cong-an  Công an of every commune of Tứ Kỳ         "#" level "/" key

Codes are the official ones (GSO) of each structure. Ids carry their
structure because 2025 reused codes: p15 is Yên Bái in 2022, Lào Cai in 2025.
Agency and group keys are written in the rules and must never be renamed.

Resolution is always relative to the issuer (tracker/units/resolve.py says
how); a name that does not resolve with confidence stays free text and is
flagged: a wrong unit is worse than none. Collective names become groups;
vague ones ("các cơ quan liên quan") stay unresolved on purpose.

Nothing here is imported by `tracker --help`; the hierarchy loads on first use.
"""
from __future__ import annotations

from tracker.units.context import CitedDirective, ResolveContext
from tracker.units.draft import resolve_draft
from tracker.units.hierarchy import (
    Hierarchy,
    Unit,
    UnknownUnit,
    default_structure,
    get_hierarchy,
    in_force_on,
    level_of,
    split_id,
    structure_for_date,
    structure_of,
)
from tracker.units.in_force import StructureChoice, structure_in_force
from tracker.units.issuer import IssuerResolution, resolve_issuer
from tracker.units.resolve import Resolution, resolve_name

__all__ = [
    "CitedDirective",
    "ResolveContext",
    "StructureChoice",
    "structure_in_force",
    "in_force_on",
    "Hierarchy",
    "IssuerResolution",
    "Resolution",
    "Unit",
    "UnknownUnit",
    "default_structure",
    "get_hierarchy",
    "level_of",
    "resolve_draft",
    "resolve_issuer",
    "resolve_name",
    "split_id",
    "structure_for_date",
    "structure_of",
]
