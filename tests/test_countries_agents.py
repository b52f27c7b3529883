"""Format and consistency of the actor data files written for the resolver:
src/ahdath/actors/data/{countries,agents,loaded}.yaml (format: docs/actors.md)."""

from __future__ import annotations

import re
import string
from collections import Counter
from functools import lru_cache
from pathlib import Path

import yaml

from ahdath.actors.kb import KB, form_keys
from ahdath.language.normalize import fold_text

DATA = Path(__file__).resolve().parents[1] / "src" / "ahdath" / "actors" / "data"
SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PTY", "REB", "OPP", "CVL", "JRN", "MED", "REL", "BUS", "NGO",
           "EDU", "LAB", ""}
SPECIAL = {"IGO", "UNO", "EUR", "ISM"}
ROLES = {"head_of_state", "head_of_government", "vice_president", "crown_prince", "foreign_minister",
         "defence_minister", "interior_minister", "finance_minister", "oil_minister", "information_minister",
         "justice_minister", "spokesperson", "army_chief", "intelligence_chief", "parliament_speaker", "un_envoy",
         "secretary_general", "leader", "political_bureau_chief", "military_commander", "ambassador", "governor",
         "mayor", "opposition_leader", "mfa_spokesperson", "head_of", "judiciary_chief", "attorney_general",
         "deputy_foreign_minister", "central_bank_governor", "minister", "deputy_leader", "national_security_adviser",
         "deputy_prime_minister", "director_of_national_intelligence"}
ARABIC = re.compile(r"^[\u0621-\u064a\u0671-\u06d3 ]+$")
CORE = ["IRN", "ISR", "PSE", "USA", "SAU", "ARE", "EGY", "SYR", "IRQ", "LBN", "YEM", "JOR", "QAT", "KWT", "BHR", "OMN",
        "LBY", "TUN", "DZA", "MAR", "SDN", "TUR", "RUS", "GBR", "FRA", "DEU", "CHN"]


@lru_cache(maxsize=8)
def load(name: str):  # noqa: ANN201
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def countries() -> list[dict]:
    return load("countries.yaml")


def test_every_country_once_with_iso3() -> None:
    cs = countries()
    assert len(cs) >= 249
    ids = [c["id"] for c in cs]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Z]{3}", i) for i in ids)
    assert {"IRN", "ISR", "PSE", "USA", "XKX", "ESH", "TWN"} <= set(ids)


def test_country_fields() -> None:
    allowed = {"id", "iso2", "name", "ar", "nisba_base", "nisba", "plural", "demonym", "capital", "metonyms",
               "ambiguous", "places", "sovereign", "wikidata"}
    for c in countries():
        assert set(c) <= allowed, (c["id"], set(c) - allowed)
        assert c["name"] and c["ar"], c["id"]
        for field in ("ar", "nisba", "plural", "places"):
            for a in c.get(field, []):
                assert ARABIC.match(a) and a == a.strip() and "  " not in a, (c["id"], field, a)
        assert {"name", "ar", "curated"} <= set(c["capital"]) <= {"name", "ar", "curated", "homographs"}
        for m in c.get("metonyms", []):
            assert m["sector"] in SECTORS and ARABIC.match(m["ar"])
        if "wikidata" in c:
            assert re.fullmatch(r"Q[1-9][0-9]*", c["wikidata"])


def test_wikidata_ids_unique_and_known_ones() -> None:
    qs = Counter(c["wikidata"] for c in countries() if "wikidata" in c)
    assert all(n == 1 for n in qs.values()), [q for q, n in qs.items() if n > 1]
    by_id = {c["id"]: c for c in countries()}
    assert by_id["IRN"]["wikidata"] == "Q794" and by_id["ISR"]["wikidata"] == "Q801"
    assert by_id["USA"]["wikidata"] == "Q30"


def test_nisba_forms_all_genders_and_numbers() -> None:
    by_id = {c["id"]: c for c in countries()}
    iran = {fold_text(x) for x in by_id["IRN"]["nisba"]}
    for form in ("إيراني", "إيرانية", "الإيراني", "الإيرانية", "إيرانيون", "الإيرانيين", "إيرانيان", "إيرانيات",
                 "الإيرانيتان"):
        assert fold_text(form) in iran, form
    for code, form in [("USA", "أميركي"), ("USA", "الأمريكية"), ("SAU", "السعودي"), ("ARE", "الإماراتية"),
                       ("PSE", "الفلسطينيين"), ("ISR", "الإسرائيلي"), ("EGY", "المصرية"), ("RUS", "الروسي"),
                       ("TUR", "التركية"), ("PRK", "الكوري الشمالي"), ("PRK", "الكورية الشمالية"),
                       ("DEU", "الألمانية"), ("CHN", "الصيني"), ("MAR", "المغربية"), ("GBR", "البريطاني")]:
        assert fold_text(form) in {fold_text(x) for x in by_id[code]["nisba"]}, (code, form)
    assert "أتراك" in by_id["TUR"]["plural"] and "الأمريكان" in by_id["USA"]["plural"]


def test_nisba_non_empty_for_sovereign_states() -> None:
    sovereign = [c for c in countries() if c["sovereign"]]
    with_nisba = [c for c in sovereign if c["nisba"]]
    assert len(with_nisba) >= 0.85 * len(sovereign)
    by_id = {c["id"]: c for c in countries()}
    assert all(by_id[c]["nisba"] for c in CORE)
    assert not by_id["MLI"]["nisba"]  # مالي/المالي is "financial"


def test_core_country_names_and_capitals() -> None:
    by_id = {c["id"]: c for c in countries()}
    for c in CORE:
        assert by_id[c]["ar"], c
    assert "مصر" in by_id["EGY"]["ar"] and "جمهورية مصر العربية" in by_id["EGY"]["ar"]
    assert {"أمريكا", "أميركا", "الولايات المتحدة"} <= set(by_id["USA"]["ar"])
    assert by_id["IRN"]["capital"]["ar"] == ["طهران"] and "واشنطن" in by_id["USA"]["capital"]["ar"]
    assert by_id["JOR"]["capital"]["ar"] == []  # عمان is Oman


def test_names_belong_to_one_country() -> None:
    owner: dict[str, str] = {}
    for c in countries():
        for field in ("ar", "nisba"):
            for a in c[field]:
                key = fold_text(a)
                assert owner.setdefault(key, c["id"]) == c["id"], (a, owner[key], c["id"])
        for a in c["capital"]["ar"] + c.get("places", []):
            key = fold_text(a)
            assert owner.get(key, c["id"]) == c["id"], (a, owner.get(key), c["id"])


def test_agents_format() -> None:
    data = load("agents.yaml")
    assert set(data) == {"agents", "bodies", "commands", "org_prefixes", "blockers", "back_titles", "first_names",
                         "name_stops", "surname_stops", "title_fillers", "title_preps", "relational", "adjectival"}
    assert all(isinstance(w, str) and w for w in data["commands"])
    agent_forms = {f for a in data["agents"] for f in a["ar"]}
    assert all(w in agent_forms for w in data["adjectival"])  # each one an agent form that may be an adjective
    for head, rel in data["relational"].items():  # مستشار الرئيس: the possessor fills {of}
        assert not head.startswith("ال") and set(rel) <= {"name", "sector"} and "{of}" in rel["name"], head
        assert rel.get("sector", "same") in {"same", "CVL", "GOV", "JUD"}, head
    allowed = {"ar", "sector", "name", "role", "person", "cvl_people", "country", "loaded", "sector_by_country", "id",
               "needs_modifier", "title_roles", "office_of_complement", "posted", "context_country", "default_country"}
    codes = {c["id"] for c in countries()}
    assert len(data["agents"]) >= 80
    for ag in data["agents"]:
        assert set(ag) <= allowed, ag
        assert ag["ar"] and all(ARABIC.match(a) for a in ag["ar"]), ag
        assert ag["sector"] in SECTORS, ag
        assert ag.get("role") is None or ag["role"] in ROLES, ag
        assert not ag.get("country") or ag["country"] in codes | SPECIAL, ag
        fields = {f for _, f, _, _ in string.Formatter().parse(ag["name"].replace("[", "").replace("]", "")) if f}
        assert fields <= {"adj", "of"}, ag["name"]
        assert ag["name"].count("[") == ag["name"].count("]") <= 1
        assert set((ag.get("title_roles") or {}).items()) <= {(a, b) for a in ROLES for b in ROLES}
        for code, other in (ag.get("context_country") or {}).items():
            assert code in codes and other in codes, ag
        assert not ag.get("default_country") or ag["default_country"] in codes, ag
        for code, sec in (ag.get("sector_by_country") or {}).items():
            assert code in codes and sec in SECTORS
    for title, roles in data["back_titles"].items():
        assert ARABIC.match(title) and set(roles) <= ROLES, title
    for key in ("bodies", "org_prefixes", "blockers", "first_names", "name_stops", "surname_stops", "title_fillers",
                "title_preps"):
        assert data[key] and all(ARABIC.match(x) for x in data[key]), key


def test_agent_forms_do_not_shadow_each_other() -> None:
    seen: dict[tuple[str, ...], int] = {}
    for n, ag in enumerate(load("agents.yaml")["agents"]):
        for a in ag["ar"]:
            for k in form_keys(a):
                if k in seen and seen[k] != n:
                    raise AssertionError(f"{a!r} is listed by two agents")
                seen[k] = n


def test_loaded_references() -> None:
    items = load("loaded.yaml")
    kb = KB.load()
    forms = Counter()
    for it in items:
        assert set(it) <= {"ar", "ref", "name", "country", "sector", "kind", "gloss", "id", "context_ref"}, it
        for where, entry in (it.get("context_ref") or {}).items():  # article country -> knowledge-base entry
            assert where in kb.countries and entry in kb.entries, (where, entry)
        assert it["ar"] and all(ARABIC.match(a) for a in it["ar"])
        assert it["sector"] in SECTORS and it["kind"] in {"country", "agent", "organization"}
        assert it.get("gloss")
        if it.get("ref"):
            assert it["ref"] in kb.countries or it["ref"] in kb.entries, it["ref"]
        else:
            assert it["name"] and it["country"]
        for a in it["ar"]:
            forms[fold_text(a)] += 1
    assert all(n == 1 for n in forms.values()), [f for f, n in forms.items() if n > 1]
    israel = {fold_text(a) for it in items if it.get("ref") == "ISR" for a in it["ar"]}
    for term in ("الكيان الصهيوني", "الاحتلال", "قوات الاحتلال", "العدو الصهيوني", "العدو", "الصهاينة", "دولة الاحتلال"):
        assert fold_text(term) in israel, term
