"""Build the shipped gazetteer (folded phrase<TAB>type) from the licensed lists in ../shared/data.

Sources: mledoze/countries (ODbL 1.0), GeoNames cities15000 + country translations (CC BY 4.0),
AKhateeb/arabic-names (MIT). Types: COUNTRY, CITY, BIGCITY, FIRST, LAST.
With ``extended``: PNAME, the Arabic tokens of person names mined from Wikidata
(wikidata_translit_ar, CC0 1.0); KBPER and KBORG, the Arabic names of the people and of the
organizations/IGOs in ahdath's own actor knowledge base (src/ahdath/actors/data, written for the project).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from ahdath.ner.text import TOKEN_RE, fold_key


def _key(name: str) -> str:
    return " ".join(fold_key(t) for t in TOKEN_RE.findall(name) if fold_key(t))


KB_DIR = Path(__file__).resolve().parents[2] / "src" / "ahdath" / "actors" / "data"
PNAME_MIN_CHARS = 3


def extended_rows(shared_data: Path, kb_dir: Path = KB_DIR) -> set[tuple[str, str]]:
    import yaml

    rows: set[tuple[str, str]] = set()
    with (shared_data / "wikidata_translit_ar/wd_arabic.normalized.aligned.tokens").open(encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                k = _key(parts[1].replace(" ", ""))
                if len(k) >= PNAME_MIN_CHARS and " " not in k:
                    rows.add((k, "PNAME"))
    for fname, kind in (("people.yaml", "KBPER"), ("organizations.yaml", "KBORG"), ("igos.yaml", "KBORG")):
        for entry in yaml.safe_load((kb_dir / fname).read_text(encoding="utf-8")) or []:
            for name in entry.get("ar") or []:
                k = _key(str(name))
                if k and len(k) > 2:
                    rows.add((k, kind))
    return rows


def build(shared_data: Path, out: Path, extended: bool = False) -> int:
    rows: set[tuple[str, str]] = extended_rows(shared_data) if extended else set()
    countries = json.loads((shared_data / "countries_mledoze/countries.json").read_text(encoding="utf-8"))
    for c in countries:
        ara = c.get("translations", {}).get("ara", {})
        for name in (ara.get("common"), ara.get("official")):
            if name:
                rows.add((_key(name), "COUNTRY"))
    trans = json.loads((shared_data / "geonames_cities15000/country_translations.json").read_text(encoding="utf-8"))
    for names in trans.values():
        if names.get("ar"):
            rows.add((_key(names["ar"]), "COUNTRY"))
    with (shared_data / "geonames_cities15000/cities15000_arabic_script_names.tsv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            pop = int(r["population"] or 0)
            for name in r["arabic_script_names"].split("|"):
                k = _key(name)
                if k and len(k) > 2:
                    rows.add((k, "BIGCITY" if pop >= 500_000 else "CITY"))
    names_dir = shared_data / "arabic_person_names"
    for fname, kind in (
        ("male-first--names-in-arabic.txt", "FIRST"),
        ("female-first-names-in-arabic.txt", "FIRST"),
        ("last-names-in-arabic.txt", "LAST"),
    ):
        for line in (names_dir / fname).read_text(encoding="utf-8-sig").splitlines():
            k = _key(line.strip())
            if k:
                rows.add((k, kind))
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as w:
        for k, kind in sorted(rows):
            w.write(f"{k}\t{kind}\n")
    return len(rows)
