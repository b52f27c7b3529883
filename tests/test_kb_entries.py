"""Format and consistency checks for the actor knowledge base data files.

Files: src/ahdath/actors/data/{people,organizations,igos}.yaml -- YAML lists of mappings with the keys
id, type, name, ar, country, sector and optionally wikidata, roles, member_of, loaded, ambiguous, ner_ar,
context_ref.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from ahdath.language.normalize import fold_text

DATA = Path(__file__).resolve().parents[1] / "src" / "ahdath" / "actors" / "data"
FILES = {"people.yaml": "person", "organizations.yaml": "organization", "igos.yaml": "igo"}
SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PTY", "REB", "OPP", "CVL", "JRN", "MED", "REL", "BUS", "NGO",
           "EDU", "LAB", ""}
SPECIAL_COUNTRIES = {"IGO", "UNO", "EUR", "ISM"}
REQUIRED = ("id", "type", "name", "ar", "country", "sector")
OPTIONAL = ("wikidata", "roles", "member_of", "loaded", "ambiguous", "ner_ar", "context_ref")
ROLE_KEYS = {"role", "of", "sector", "start", "end"}
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_RE = re.compile(r"^[A-Z]{3}$")
WIKIDATA_RE = re.compile(r"^Q[0-9]+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ROLE_RE = re.compile(r"^[a-z]+(?:_[a-z]+)*$")


@lru_cache(maxsize=1)
def load_all() -> tuple[tuple[str, dict], ...]:
    out: list[tuple[str, dict]] = []
    for fn in FILES:
        entries = yaml.safe_load((DATA / fn).read_text(encoding="utf-8"))
        assert isinstance(entries, list), fn
        out.extend((fn, e) for e in entries)
    return tuple(out)


def as_date(v: object) -> dt.date:
    if isinstance(v, dt.date):
        return v
    assert isinstance(v, str) and DATE_RE.match(v), f"bad date {v!r}"
    return dt.date.fromisoformat(v)


def is_arabic_alias(s: str) -> bool:
    has_letter = False
    for ch in s:
        if ch in " -+." or ch.isascii() and ch.isdigit():
            continue
        if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f":
            if unicodedata.category(ch).startswith("L"):
                has_letter = True
            continue
        return False
    return has_letter and s == s.strip() and "  " not in s


def test_files_parse_and_are_big_enough() -> None:
    entries = load_all()
    assert len(entries) > 1000
    counts = defaultdict(int)
    for _, e in entries:
        counts[e["type"]] += 1
    assert counts["person"] > 500 and counts["organization"] > 150 and counts["igo"] > 40


def test_keys_and_types() -> None:
    for fn, e in load_all():
        assert isinstance(e, dict), (fn, e)
        missing = [k for k in REQUIRED if k not in e]
        assert not missing, (fn, e.get("id"), missing)
        extra = set(e) - set(REQUIRED) - set(OPTIONAL)
        assert not extra, (fn, e["id"], extra)
        assert e["type"] == FILES[fn], (fn, e["id"], e["type"])
        assert isinstance(e["name"], str) and e["name"].strip() == e["name"] and e["name"], e["id"]
        assert isinstance(e["ar"], list) and e["ar"], e["id"]
        for k in ("loaded", "ambiguous"):
            if k in e:
                assert isinstance(e[k], bool), (e["id"], k)


def test_ids_unique_and_slugs() -> None:
    seen: dict[str, str] = {}
    for fn, e in load_all():
        assert isinstance(e["id"], str) and ID_RE.match(e["id"]), e["id"]
        assert e["id"] not in seen, f"duplicate id {e['id']} in {fn} and {seen[e['id']]}"
        seen[e["id"]] = fn


def test_sectors_countries_wikidata() -> None:
    for _, e in load_all():
        assert e["sector"] in SECTORS, (e["id"], e["sector"])
        c = e["country"]
        if e["type"] == "igo":  # "": a group of states that is no organization (الدول الغربية، دول الخليج)
            assert c in {"IGO", "UNO", "EUR", ""}, (e["id"], c)
        else:
            assert isinstance(c, str) and COUNTRY_RE.match(c), (e["id"], c)
        if "wikidata" in e:
            assert isinstance(e["wikidata"], str) and WIKIDATA_RE.match(e["wikidata"]), e["id"]


def test_context_refs() -> None:
    """``context_ref``: article country -> the entry (of that country) that the name means in such an article."""
    entries = {e["id"]: e for _, e in load_all()}
    found = 0
    for _, e in load_all():
        for where, ref in (e.get("context_ref") or {}).items():
            assert COUNTRY_RE.match(where) and ref in entries and ref != e["id"], (e["id"], where, ref)
            assert entries[ref]["country"] == where and entries[ref]["type"] == e["type"], (e["id"], ref)
            found += 1
    assert found >= 2


def test_wikidata_ids_unique() -> None:
    seen: dict[str, str] = {}
    for _, e in load_all():
        q = e.get("wikidata")
        if q:
            assert q not in seen, f"{q} on {e['id']} and {seen[q]}"
            seen[q] = e["id"]


def _name_skeleton(name: str) -> str:
    """An English name without inner vowels, article or punctuation: Sadiq Dowaid and Sadiq Duwaid are one
    skeleton (Ahmad and Hamid Vahidi are two)."""
    n = re.sub(r"\b(?:al|el|ad|as|ash|an|ar|at|az)[- ]", "", name.lower())
    return " ".join(w[0] + re.sub(r"[aeiouy]", "", w[1:]) for w in re.sub(r"[^a-z ]", "", n).split())


def test_no_person_entered_twice() -> None:
    # the same person under two transliterations splits their mentions between two identities
    seen: dict[tuple[str, str], str] = {}
    for _, e in load_all():
        if e["type"] != "person":
            continue
        key = (e["country"], _name_skeleton(e["name"]))
        assert key not in seen, f"{e['id']} and {seen[key]}: one person? merge them (ar, roles)"
        seen[key] = e["id"]


def test_roles() -> None:
    ids = {e["id"]: e for _, e in load_all()}
    for _, e in load_all():
        for r in e.get("roles", []) or []:
            assert isinstance(r, dict) and set(r) <= ROLE_KEYS and {"role", "of", "sector"} <= set(r), (e["id"], r)
            assert ROLE_RE.match(r["role"]), (e["id"], r)
            assert r["sector"] in SECTORS - {""}, (e["id"], r)
            of = r["of"]
            assert COUNTRY_RE.match(of) or of in ids, f"{e['id']}: role of unknown {of!r}"
            if "start" in r and "end" in r:
                assert as_date(r["start"]) <= as_date(r["end"]), (e["id"], r)
            elif "start" in r:
                as_date(r["start"])
            if "end" in r:
                assert "start" in r, (e["id"], r)
        if "member_of" in e:
            assert e["member_of"] in ids and ids[e["member_of"]]["type"] != "person", (e["id"], e["member_of"])
        if e["type"] != "person":
            for r in e.get("roles", []) or []:
                assert r["role"] in {"leader", "member", "military_commander", "secretary_general"}, (e["id"], r)


def test_aliases_arabic_script() -> None:
    for _, e in load_all():
        for a in e["ar"] + e.get("ner_ar", []):
            assert isinstance(a, str) and is_arabic_alias(a), (e["id"], a)
            assert not a.startswith("ال "), (e["id"], a)


def test_no_bare_titles() -> None:
    titles = {fold_text(t) for t in ("الرئيس", "الوزير", "رئيس الوزراء", "وزير الخارجية", "الملك", "الأمير",
                                      "الشيخ", "الجيش", "الحكومة", "المعارضة", "الأمين العام", "السفير")}
    for _, e in load_all():
        for a in e["ar"]:
            assert fold_text(a) not in titles, (e["id"], a)


def test_shared_aliases_marked_ambiguous() -> None:
    owners: dict[str, list[dict]] = defaultdict(list)
    for _, e in load_all():
        for f in {fold_text(a) for a in e["ar"]}:
            owners[f].append(e)
    for f, es in owners.items():
        if len(es) > 1:
            unmarked = [x["id"] for x in es if not x.get("ambiguous")]
            assert not unmarked, f"alias {f!r} shared by {[x['id'] for x in es]}; unmarked {unmarked}"


@pytest.mark.parametrize(
    ("alias", "expected_id"),
    [("عبداللهيان", "hossein-amir-abdollahian"), ("زياد النخالة", "ziyad-al-nakhalah"),
     ("إسماعيل هنية", "ismail-haniyeh"), ("الأونروا", "unrwa"), ("داعش", "isis"),
     ("ستيف منوتشين", "steven-mnuchin")],  # ant_news spells him so 14 times, and منوتشين alone 42 times
)
def test_key_actors_present(alias: str, expected_id: str) -> None:
    hits = [e["id"] for _, e in load_all() if fold_text(alias) in {fold_text(a) for a in e["ar"]}]
    assert expected_id in hits, (alias, hits)


def test_amir_abdollahian_roles() -> None:
    e = next(e for _, e in load_all() if e["id"] == "hossein-amir-abdollahian")
    fm = [r for r in e["roles"] if r["role"] == "foreign_minister"]
    assert fm and fm[0]["of"] == "IRN" and str(fm[0]["start"]) == "2021-08-25" and str(fm[0]["end"]) == "2024-05-19"


def holders(role: str, of: str, date: str) -> list[str]:
    """Ids of the entries holding `role` of `of` on `date`, read from the data files alone."""
    day = dt.date.fromisoformat(date)
    out = []
    for _, e in load_all():
        for r in e.get("roles", []) or []:
            if r["role"] != role or r["of"] != of or "start" not in r:
                continue
            if as_date(r["start"]) <= day and ("end" not in r or day <= as_date(r["end"])):
                out.append(e["id"])
    return out


@pytest.mark.parametrize(
    ("role", "of", "date", "expected_id"),
    [
        ("defence_minister", "ISR", "2024-01-15", "yoav-gallant"),
        ("defence_minister", "ISR", "2025-01-15", "israel-katz"),
        ("army_chief", "ISR", "2025-04-01", "eyal-zamir"),
        ("head_of_state", "IRN", "2024-06-10", "mohammad-mokhber"),
        ("foreign_minister", "IRN", "2024-10-01", "abbas-araghchi"),
        ("head_of_state", "SYR", "2025-03-01", "ahmed-al-sharaa"),
        ("secretary_general", "hezbollah", "2024-11-15", "naim-qassem"),
        ("head_of_government", "LBN", "2025-03-01", "nawaf-salam"),
        ("head_of_state", "USA", "2025-03-01", "donald-trump"),
        ("defence_minister", "QAT", "2024-06-01", "saoud-bin-abdulrahman"),
        ("defence_minister", "QAT", "2023-06-01", "khalid-al-attiyah"),
        ("interior_minister", "GBR", "2024-01-10", "james-cleverly"),
        ("interior_minister", "FRA", "2024-11-01", "bruno-retailleau"),
        ("army_chief", "UKR", "2024-05-01", "oleksandr-syrskyi"),
        ("foreign_minister", "UKR", "2020-05-01", "vadym-prystaiko"),
        ("head_of", "icj", "2025-06-01", "iwasawa-yuji"),
        ("central_bank_governor", "LBN", "2024-06-01", "wassim-mansouri"),
        ("head_of_government", "DZA", "2025-10-01", "sifi-ghrieb"),
        ("parliament_speaker", "QAT", "2024-01-01", "hassan-al-ghanim"),
    ],
)
def test_dated_officeholders(role: str, of: str, date: str, expected_id: str) -> None:
    assert holders(role, of, date) == [expected_id], (role, of, date, holders(role, of, date))


@pytest.mark.parametrize(
    ("role", "of"),
    [("head_of_state", c) for c in ("USA", "IRN", "SYR", "LBN", "EGY", "TUR", "ISR", "SDN", "YEM", "IRQ", "UKR")]
    + [("foreign_minister", c) for c in ("USA", "IRN", "SYR", "LBN", "EGY", "TUR", "ISR", "GBR", "FRA", "UKR", "IRQ")]
    + [("defence_minister", c) for c in ("USA", "ISR", "IRN", "GBR", "DEU", "UKR", "QAT")],
)
def test_one_officeholder_at_a_time(role: str, of: str) -> None:
    for year in range(2019, 2026):
        for month in (1, 4, 7, 10):
            day = f"{year}-{month:02d}-15"
            assert len(holders(role, of, day)) <= 1, (role, of, day, holders(role, of, day))
