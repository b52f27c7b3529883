"""CAMEO event codes: names, Goldstein scores, QuadClass, and default codes for PLOVER types.

``events/data/cameo.tsv`` is generated from the GDELT lookup tables by
``training/lexicon/build_cameo.py``; ``events/data/cameo_defaults.tsv`` (hand-written) gives the
code to use for a PLOVER (type, mode) when no cue supplied one.

    >>> cameo_info("042")
    CameoInfo(code='042', name='Make a visit', goldstein=1.9, quad_class=1)
    >>> default_cameo("ASSAULT", "aerial")
    '195'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ahdath.events.lexicon import read_rows

DATA_DIR = Path(__file__).resolve().parent / "data"
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True, slots=True)
class CameoInfo:
    code: str
    name: str
    goldstein: float
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoInfo]:
    """Every CAMEO code in ``cameo.tsv``."""
    out: dict[str, CameoInfo] = {}
    for _, row in read_rows(DATA_DIR / "cameo.tsv"):
        code = row["code"]
        out[code] = CameoInfo(code, row["name"], float(row["goldstein"]), int(row["quad_class"]))
    return out


@lru_cache(maxsize=1)
def _defaults() -> dict[tuple[str, str], str]:
    return {(row["type"], row.get("mode", "")): row["cameo"] for _, row in read_rows(DATA_DIR / "cameo_defaults.tsv")}


def cameo_info(code: str | None) -> CameoInfo | None:
    """Name, Goldstein score and QuadClass of a CAMEO code; a code missing from the table falls
    back to its parent (``1234`` -> ``123`` -> ``12``). None for an empty or unknown code."""
    if not code:
        return None
    table = cameo_table()
    for k in (code, code[:3], code[:2]):
        if k in table:
            return table[k]
    return None


def default_cameo(plover_type: str, mode: str | None = None) -> str:
    """The CAMEO code for a PLOVER type and mode ('' for an unknown type)."""
    d = _defaults()
    return d.get((plover_type, mode or ""), d.get((plover_type, ""), ""))


__all__ = ["QUAD_CLASSES", "CameoInfo", "cameo_info", "cameo_table", "default_cameo"]
