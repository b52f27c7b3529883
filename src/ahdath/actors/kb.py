"""The actor knowledge base: entries, countries, agents and loaded references, indexed for matching.

Data files (YAML, documented in docs/actors.md) live in ``ahdath/actors/data``:
``people.yaml``, ``organizations.yaml``, ``igos.yaml`` (entries), ``countries.yaml``, ``agents.yaml`` and
``loaded.yaml``. User files (``--actors``) hold entries in the same format and override shipped entries
with the same id.

Surface forms are indexed in a token trie keyed by folded tokens (:func:`ahdath.language.normalize.fold_text`
of each token the tokenizer gives), so matching is a walk over ``doc.tokens``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ahdath.language.normalize import fold_text
from ahdath.language.tokenize import tokenize

DATA_DIR = Path(__file__).resolve().parent / "data"
ENTRY_FILES = ("people.yaml", "organizations.yaml", "igos.yaml")
SPECIAL_COUNTRIES = frozenset({"IGO", "UNO", "EUR", "ISM"})
INTERNATIONAL = frozenset({"IGO", "UNO", "EUR"})  # an official of one of these acts for it, not for a country
NASAB = frozenset({"بن", "ابن", "بنت"})  # يوسف بن أحمد العثيمين: "son of" + the father's name

try:  # the C loader is ~10x faster
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

# Kinds of index targets, in order of precedence when one surface form has several.
TARGET_ORDER = ("blocker", "loaded", "entry", "country", "metonym", "capital", "agent", "plural", "nisba", "place",
                "relational")  # relational: built in resolution (مستشار الرئيس), never indexed
_ORDER = {k: i for i, k in enumerate(TARGET_ORDER)}


def _date(v: Any) -> str | None:
    if v is None or v == "":
        return None
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()[:10]
    return str(v)[:10]


# Sectors of an office of state, the first preferred when a person holds several roles on a date.
OFFICE_SECTORS = ("GOV", "MIL", "SPY", "COP", "JUD", "LEG")


@dataclass(frozen=True, slots=True)
class Role:
    role: str
    of: str
    sector: str = ""
    start: str | None = None  # ISO date, None = open
    end: str | None = None

    def valid_on(self, date: str | None) -> bool:
        if date is None:
            return True
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(slots=True)
class Entry:
    """A person, organization or IGO."""

    id: str
    type: str
    name: str
    ar: tuple[str, ...]
    country: str = ""
    sector: str = ""
    wikidata: str | None = None
    roles: tuple[Role, ...] = ()
    member_of: str | None = None
    loaded: bool = False
    ambiguous: bool = False
    source: str = ""
    ner_ar: tuple[str, ...] = ()  # forms that are also common words: only when the NER tags them (القاعدة)
    # article country -> entry id: a movement's national branch (the Brotherhood in an article about Jordan)
    context_ref: dict[str, str] = field(default_factory=dict)

    def roles_on(self, date: str | None) -> list[Role]:
        return [r for r in self.roles if r.valid_on(date)]

    def dated_roles_on(self, date: str | None) -> list[Role]:
        """The roles with a start or end date that are valid on ``date`` (an undated role says nothing of it)."""
        return [r for r in self.roles if (r.start or r.end) and r.valid_on(date)]


@dataclass(slots=True)
class Country:
    id: str
    name: str
    ar: tuple[str, ...]
    nisba: tuple[str, ...]
    plural: tuple[str, ...] = ()
    demonym: str = ""
    capital: tuple[str, ...] = ()
    capital_curated: bool = False
    metonyms: tuple[tuple[str, str], ...] = ()  # (arabic, sector)
    ambiguous: frozenset[str] = frozenset()  # folded forms that are also common words
    wikidata: str | None = None
    sovereign: bool = False
    places: tuple[str, ...] = ()  # towns and regions: evidence of the country, never actors themselves
    capital_homographs: tuple[str, ...] = ()  # the capital with a diacritic; folded, another country (عمّان)


@dataclass(slots=True)
class Agent:
    id: str
    ar: tuple[str, ...]
    sector: str
    name: str
    role: str | None = None
    person: bool = False
    cvl_people: bool = False
    country: str = ""
    loaded: bool = False
    sector_by_country: dict[str, str] = field(default_factory=dict)
    needs_modifier: bool = False  # only an actor with a country/organization after it (رئيس منظمة ...)
    title_roles: dict[str, str] = field(default_factory=dict)  # a title over this body holds another role
    office_of_complement: bool = False  # the office is of the country after إلى/لدى/ل (المبعوث الأممي إلى اليمن)
    posted: bool = False  # في + a country says where it is, not whose it is (السفارة في واشنطن)
    context_country: dict[str, str] = field(default_factory=dict)  # article country -> the agent's (التحالف in YEM: SAU)
    default_country: str = ""  # the agent's country when the article's is not in context_country ("": the article's)


@dataclass(slots=True)
class LoadedRef:
    id: str
    ar: tuple[str, ...]
    ref: str | None
    name: str
    country: str
    sector: str
    kind: str
    gloss: str = ""
    context_ref: dict[str, str] = field(default_factory=dict)  # article country -> entry id (in a YEM article: houthis)


@dataclass(frozen=True, slots=True)
class Target:
    """What a surface form points to (shared by all forms of one referent)."""

    kind: str  # one of TARGET_ORDER
    ref: str  # entry id, country ISO3, agent id or loaded id
    sector: str | None = None  # for metonyms

    @property
    def rank(self) -> int:
        return _ORDER[self.kind]


def form_keys(text: str) -> list[tuple[str, ...]]:
    """Folded token keys of an Arabic surface form, with spacing variants (عبد اللهيان/عبداللهيان)."""
    toks = tuple(t.norm for t in tokenize(text) if t.norm)
    if not toks:
        return []
    keys = [toks]
    merged: list[str] = []
    i = 0
    changed = False
    while i < len(toks):
        if toks[i] in ("عبد", "ابو") and i + 1 < len(toks):
            merged.append(toks[i] + toks[i + 1])
            i += 2
            changed = True
        else:
            merged.append(toks[i])
            i += 1
    if changed:
        keys.append(tuple(merged))
    split: list[str] = []
    for t in toks:
        if t.startswith("عبدال") and len(t) > 6:
            split += ["عبد", t[3:]]
        else:
            split.append(t)
    if len(split) != len(toks):
        keys.append(tuple(split))
    return keys


def _article_variants(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The key and its first token with/without the article (الحكومة/حكومة)."""
    first = key[0]
    if first.startswith("ال") and (len(first) > 6 or (len(key) > 1 and len(first) > 4)):
        return [key, (first[2:], *key[1:])]
    if not first.startswith("ال") and len(first) >= 3:
        return [key, ("ال" + first, *key[1:])]
    return [key]


def _tanween_variants(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The accusative of an indefinite masculine form: وفدا أميركيا (the tanween alef)."""
    if all(not t.startswith("ال") and len(t) >= 3 and t[-1] not in "اهى" for t in key):
        return [tuple(t + "ا" for t in key)]
    return []


@dataclass
class KB:
    """All actor knowledge, indexed. Build with :meth:`load`."""

    entries: dict[str, Entry] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    agents: dict[str, Agent] = field(default_factory=dict)
    loaded: dict[str, LoadedRef] = field(default_factory=dict)
    bodies: frozenset[str] = frozenset()
    commands: frozenset[str] = frozenset()  # قيادة: before a force, that force (agents.absorb)
    org_prefixes: frozenset[str] = frozenset()
    back_titles: dict[str, frozenset[str]] = field(default_factory=dict)  # folded title -> roles
    relational: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)  # folded head -> (name, sector)
    first_names: frozenset[str] = frozenset()
    blockers: tuple[str, ...] = ()
    adjectival: frozenset[str] = frozenset()  # agent forms that are adjectives after a definite noun (الخارجية)
    name_stops: frozenset[str] = frozenset()  # words that end an unknown name (في، من، قال...)
    surname_stops: frozenset[str] = frozenset()  # name endings never used alone as a surname (الله، الدين)
    title_fillers: frozenset[str] = frozenset()  # words between a title and its name (السابق، البارز، المدعو)
    title_preps: frozenset[str] = frozenset()  # prepositions of a title's place complement (لدى، في)
    # The index of surface forms: folded token tuple -> targets (best first), and every proper prefix of a
    # form, for longest-match walks. Flat tuples of strings keep the garbage collector's work small.
    index: dict[tuple[str, ...], tuple[Target, ...]] = field(default_factory=dict)
    prefixes: frozenset[tuple[str, ...]] = frozenset()
    first_words: frozenset[str] = frozenset()  # words (clitics included) that may begin a surface form
    roles: dict[tuple[str, str], list[tuple[Role, str]]] = field(default_factory=dict)  # (role, of) -> holders
    surnames: dict[str, list[str]] = field(default_factory=dict)  # folded last token -> person ids
    homographs: dict[str, str] = field(default_factory=dict)  # folded form of another country -> capital's country
    ner_forms: dict[tuple[str, ...], str] = field(default_factory=dict)  # folded ner_ar form -> entry id
    skeletons: dict[tuple[str, ...], list[str]] = field(default_factory=dict)  # name_skeleton of a person's full name -> ids

    # ---- loading ----------------------------------------------------------------------------
    @classmethod
    def load(cls, extra_paths: Iterable[str | Path] = (), data_dir: Path = DATA_DIR) -> KB:
        kb = cls()
        for fn in ENTRY_FILES:
            p = data_dir / fn
            if p.exists():
                kb.add_entries(_read_yaml(p), source=fn)
        if (data_dir / "countries.yaml").exists():
            kb.add_countries(_read_yaml(data_dir / "countries.yaml"))
        if (data_dir / "agents.yaml").exists():
            kb.add_agents(_read_yaml(data_dir / "agents.yaml"))
        if (data_dir / "loaded.yaml").exists():
            kb.add_loaded(_read_yaml(data_dir / "loaded.yaml"))
        for p in extra_paths:
            kb.add_user_file(Path(p))
        kb.build_index()
        return kb

    def add_user_file(self, path: Path) -> None:
        """A user ``--actors`` file: a list of entries, or a mapping with entries/agents/loaded lists."""
        data = _read_yaml(path)
        if isinstance(data, dict):
            self.add_entries(data.get("entries") or [], source=str(path))
            if data.get("agents"):
                self.add_agents({"agents": data["agents"]})
            if data.get("loaded"):
                self.add_loaded(data["loaded"])
        else:
            self.add_entries(data or [], source=str(path))

    def add_entries(self, items: list[dict], source: str = "") -> None:
        if not isinstance(items, list):
            raise ValueError(f"{source}: expected a list of actor entries")
        for n, d in enumerate(items):
            if not isinstance(d, dict) or not d.get("id") or not (d.get("ar") or d.get("name")):
                raise ValueError(f"{source}: entry {n + 1} needs at least 'id' and 'ar' (see docs/actors.md)")
            roles = tuple(
                Role(str(r["role"]), str(r.get("of", "")), str(r.get("sector") or ""), _date(r.get("start")),
                     _date(r.get("end")))
                for r in d.get("roles") or []
            )
            ar = d.get("ar") or []
            if isinstance(ar, str):
                ar = [ar]
            self.entries[str(d["id"])] = Entry(
                id=str(d["id"]),
                type=str(d.get("type") or "organization"),
                name=str(d.get("name") or d["id"]),
                ar=tuple(str(a) for a in ar),
                country=str(d.get("country") or ""),
                sector=str(d.get("sector") or ""),
                wikidata=d.get("wikidata") or None,
                roles=roles,
                member_of=d.get("member_of") or None,
                loaded=bool(d.get("loaded", False)),
                ambiguous=bool(d.get("ambiguous", False)),
                source=source,
                ner_ar=tuple(str(a) for a in d.get("ner_ar") or ()),
                context_ref={str(k): str(v) for k, v in (d.get("context_ref") or {}).items()},
            )

    def add_countries(self, items: list[dict]) -> None:
        for d in items:
            cap = d.get("capital") or {}
            self.countries[d["id"]] = Country(
                id=d["id"],
                name=d["name"],
                ar=tuple(d.get("ar") or ()),
                nisba=tuple(d.get("nisba") or ()),
                plural=tuple(d.get("plural") or ()),
                demonym=d.get("demonym") or "",
                capital=tuple(cap.get("ar") or ()),
                capital_curated=bool(cap.get("curated", False)),
                metonyms=tuple((m["ar"], m.get("sector", "GOV")) for m in d.get("metonyms") or ()),
                ambiguous=frozenset(fold_text(a) for a in d.get("ambiguous") or ()),
                wikidata=d.get("wikidata") or None,
                sovereign=bool(d.get("sovereign", False)),
                places=tuple(d.get("places") or ()),
                capital_homographs=tuple(cap.get("homographs") or ()),
            )

    def add_agents(self, data: dict) -> None:
        for i, d in enumerate(data.get("agents") or []):
            aid = str(d.get("id") or f"agent{len(self.agents) + i}")
            self.agents[aid] = Agent(
                id=aid,
                ar=tuple(d["ar"]),
                sector=str(d.get("sector") or ""),
                name=str(d.get("name") or ""),
                role=d.get("role") or None,
                person=bool(d.get("person", False)),
                cvl_people=bool(d.get("cvl_people", False)),
                country=str(d.get("country") or ""),
                loaded=bool(d.get("loaded", False)),
                sector_by_country=dict(d.get("sector_by_country") or {}),
                needs_modifier=bool(d.get("needs_modifier", False)),
                title_roles=dict(d.get("title_roles") or {}),
                office_of_complement=bool(d.get("office_of_complement", False)),
                posted=bool(d.get("posted", False)),
                context_country=dict(d.get("context_country") or {}),
                default_country=str(d.get("default_country") or ""),
            )
        if "bodies" in data:
            self.bodies = frozenset(fold_text(b) for b in data["bodies"])
        if "commands" in data:
            self.commands = frozenset(fold_text(b) for b in data["commands"])
        if "org_prefixes" in data:
            self.org_prefixes = frozenset(fold_text(b) for b in data["org_prefixes"])
        if "back_titles" in data:
            self.back_titles = {fold_text(k): frozenset(v) for k, v in data["back_titles"].items()}
        for k, v in (data.get("relational") or {}).items():
            self.relational[tuple(fold_text(k).split())] = (str(v["name"]), str(v.get("sector") or "same"))
        if "surname_stops" in data:
            self.surname_stops = frozenset(fold_text(b) for b in data["surname_stops"])
        if "title_preps" in data:
            self.title_preps = frozenset(fold_text(b) for b in data["title_preps"])
        if "title_fillers" in data:
            self.title_fillers = frozenset(fold_text(b) for b in data["title_fillers"])
        if "name_stops" in data:
            self.name_stops = frozenset(fold_text(b) for b in data["name_stops"])
        if "first_names" in data:
            self.first_names = frozenset(fold_text(b) for b in data["first_names"])
        self.blockers = self.blockers + tuple(data.get("blockers") or ())
        if "adjectival" in data:
            self.adjectival = self.adjectival | frozenset(fold_text(b) for b in data["adjectival"])

    def add_loaded(self, items: list[dict]) -> None:
        for i, d in enumerate(items):
            lid = str(d.get("id") or f"loaded{len(self.loaded) + i}")
            ref = d.get("ref") or None
            country = d.get("country") or ""
            name = d.get("name") or ""
            if ref and ref in self.countries:
                country = country or ref
                name = name or self.countries[ref].name
            self.loaded[lid] = LoadedRef(lid, tuple(d["ar"]), ref, name, country, str(d.get("sector") or ""),
                                         str(d.get("kind") or "agent"), str(d.get("gloss") or ""),
                                         dict(d.get("context_ref") or {}))

    # ---- index --------------------------------------------------------------------------------
    def _add(self, key: tuple[str, ...], target: Target) -> None:
        target = self._targets.setdefault(target, target)
        lst = self._build.setdefault(key, [])
        if target not in lst:
            lst.append(target)

    def build_index(self) -> None:
        self._build: dict[tuple[str, ...], list[Target]] = {}
        self._targets: dict[Target, Target] = {}
        self.roles = {}
        self.surnames = {}
        for c in self.countries.values():
            for a in c.ar:
                for k in form_keys(a):
                    self._add(k, Target("country", c.id))
            for a in c.nisba:
                for k in form_keys(a):
                    for kk in [k, *_tanween_variants(k)]:
                        self._add(kk, Target("nisba", c.id))
            for a in c.plural:
                for k in form_keys(a):
                    for kk in [k, *_tanween_variants(k)]:
                        self._add(kk, Target("plural", c.id))
            for a in c.capital:
                for k in form_keys(a):
                    self._add(k, Target("capital", c.id, sector="GOV"))
            for a in c.places:
                for k in form_keys(a):
                    self._add(k, Target("place", c.id))
            for a, sector in c.metonyms:
                for k in form_keys(a):
                    self._add(k, Target("metonym", c.id, sector=sector))
        self.homographs = {" ".join(k): c.id for c in self.countries.values() for a in c.capital_homographs
                           for k in form_keys(a)}
        for ag in self.agents.values():
            for a in ag.ar:
                for k in form_keys(a):
                    for kk in _article_variants(k) + _tanween_variants(k):
                        self._add(kk, Target("agent", ag.id))
        self.ner_forms = {}
        self.skeletons = {}
        for e in self.entries.values():
            for a in e.ar:
                for k in form_keys(a):
                    self._add(k, Target("entry", e.id))
                    if e.type == "person" and "-" in e.name and len(k) >= 3 and "-" not in k:
                        # Lai Ching-te: Arabic news writes the given name's syllables with a hyphen too (لاي تشينغ-ته)
                        self._add((*k[:-1], "-", k[-1]), Target("entry", e.id))
            for a in e.ner_ar:
                for k in form_keys(a):
                    self.ner_forms.setdefault(k, e.id)
            for r in e.roles:
                self.roles.setdefault((r.role, r.of), []).append((r, e.id))
            if e.type == "person":
                for a in e.ar:
                    for k in form_keys(a)[:1]:
                        sk = self.name_skeleton(k)
                        if sk is not None and e.id not in self.skeletons.setdefault(sk, []):
                            self.skeletons[sk].append(e.id)
                    toks = a.split()
                    if len(toks) >= 2:
                        last = fold_text(toks[-1])
                        for s in {last, last[2:] if last.startswith("ال") and len(last) > 4 else last}:
                            if len(s) >= 3:
                                ids = self.surnames.setdefault(s, [])
                                if e.id not in ids:
                                    ids.append(e.id)
        for lr in self.loaded.values():
            for a in lr.ar:
                for k in form_keys(a):
                    self._add(k, Target("loaded", lr.id))
        for b in self.blockers:
            for k in form_keys(b):
                self._add(k, Target("blocker", ""))
        self.index = {k: tuple(sorted(v, key=lambda t: t.rank)) for k, v in self._build.items()}
        self.prefixes = frozenset(k[:n] for k in self.index for n in range(1, len(k)))
        firsts = {k[0] for k in self.index}
        glued = set(firsts)  # first words as they may stand in text, with clitics (وإيران، بطهران، للكيان)
        for f in firsts:
            glued.update(pre + f for pre in ("و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"))
            if f.startswith("ال"):
                glued.update(pre + f for pre in ("ك", "وك", "فك"))
                glued.update(pre + f[2:] for pre in ("لل", "ولل", "فلل"))
        self.first_words = frozenset(glued)
        del self._build, self._targets

    # ---- queries ------------------------------------------------------------------------------
    def name_skeleton(self, toks: tuple[str, ...]) -> tuple[str, ...] | None:
        """A full name (folded tokens) as transliterations of one foreign name share it: a common first
        name kept whole, any other word without its long vowels after the first letter (رافينا شمداساني and
        رافينا شامداساني: رافينا شمدسن). None for a name of one word or of first names only, which would
        join different people (محمد علي / محمود علي)."""
        if len(toks) < 2 or all(t in self.first_names for t in toks):
            return None
        return tuple(t if t in self.first_names else t[:1] + "".join(ch for ch in t[1:] if ch not in "اويى") for t in toks)

    def person_variant(self, toks: tuple[str, ...]) -> tuple[Entry, str] | None:
        """The known person an unknown full name (folded tokens) spells another way: without its nasab
        (يوسف بن أحمد العثيمين: يوسف العثيمين) or with other vowels (``name_skeleton``); with the reason.
        Only a single known person qualifies."""
        bare = tuple(t for i, t in enumerate(toks) if t not in NASAB and (i == 0 or toks[i - 1] not in NASAB))
        if len(bare) >= 2 and bare != toks:
            ids = {t.ref for t in self.index.get(bare, ()) if t.kind == "entry" and self.entries[t.ref].type == "person"}
            if len(ids) == 1:
                return self.entries[ids.pop()], "the known name without its nasab (بن ...)"
        sk = self.name_skeleton(toks)
        ids = set(self.skeletons.get(sk, ())) if sk else set()
        if len(ids) == 1:
            return self.entries[ids.pop()], "the known name spelled with other vowels"
        return None

    def country_on(self, e: Entry, date: str | None) -> str:
        """A person's country on ``date``: an international official acts for the organization while in
        office (Donald Tusk: EUR as President of the European Council 2014-2019, POL as Poland's prime
        minister from 2023; Ismail Ould Cheikh Ahmed: UNO as UN envoy, MRT as Mauritania's foreign
        minister). Other people keep their entry's country."""
        if e.type != "person" or not date:
            return e.country
        held = [c for c in (self.role_country(r) for r in e.dated_roles_on(date)) if c]
        if not held or e.country in held:
            return e.country
        intl = [c for c in held if c in INTERNATIONAL]
        if intl:
            return intl[0]
        return held[0] if e.country in INTERNATIONAL else e.country

    def sector_on(self, e: Entry, date: str | None) -> str:
        """A person's sector on ``date``: the office held then, an office of state before a party post
        (Gebran Bassil GOV as foreign minister 2014-2020, PTY as party leader after; Riek Machar GOV as vice
        president, the entry's REB between his terms). Without a dated role valid on ``date``, the entry's."""
        if e.type != "person" or not date:
            return e.sector
        held = [r.sector for r in e.dated_roles_on(date) if r.sector]
        if not held:
            return e.sector
        return min(held, key=lambda s: OFFICE_SECTORS.index(s) if s in OFFICE_SECTORS else len(OFFICE_SECTORS))

    def role_country(self, r: Role) -> str:
        """The country (or IGO/UNO/EUR code) an officeholder acts for: a UN envoy to Yemen for the UN."""
        if r.role.startswith("un_"):
            return "UNO"
        if r.of in self.countries:
            return r.of
        org = self.entries.get(r.of)
        return org.country if org is not None else ""

    def officeholders(self, role: str, of: str, date: str | None) -> list[tuple[Role, Entry]]:
        """People holding ``role`` of ``of``: on ``date`` (several overlapping: the longest-serving first, as
        overlaps are mostly deputies or acting holders), or with no date the latest holder first."""
        holders = self._holders(role, of)
        if date is not None:
            holders = [h for h in holders if h[0].valid_on(date)]
            holders.sort(key=lambda h: h[0].start or "")
        else:
            holders.sort(key=lambda h: (h[0].end is None, h[0].end or "", h[0].start or ""), reverse=True)
        return holders

    def recent_holders(self, role: str, of: str, date: str, days: int) -> list[tuple[Role, Entry]]:
        """People whose term in ``role`` of ``of`` ended at most ``days`` before ``date``, the latest first: news
        of a death or resignation still calls them by the office for a few days."""
        try:
            day = dt.date.fromisoformat(date[:10])
        except ValueError:
            return []
        out = []
        for r, e in self._holders(role, of):
            if not r.end:
                continue
            try:
                gap = (day - dt.date.fromisoformat(r.end[:10])).days
            except ValueError:
                continue
            if 0 <= gap <= days:
                out.append((gap, r, e))
        return [(r, e) for _, r, e in sorted(out, key=lambda x: x[0])]

    def _holders(self, role: str, of: str) -> list[tuple[Role, Entry]]:
        """Every (role period, person) of ``role`` of ``of`` in the knowledge base."""
        return [(r, self.entries[eid]) for r, eid in self.roles.get((role, of), ()) if eid in self.entries]

    def country_name(self, code: str) -> str:
        c = self.countries.get(code)
        if c:
            return c.name
        return {"UNO": "United Nations", "EUR": "European Union", "IGO": "", "ISM": ""}.get(code, code)

    def demonym(self, code: str) -> str:
        c = self.countries.get(code)
        return c.demonym if c and c.demonym else self.country_name(code)

    def lookup_key(self, key: tuple[str, ...]) -> list[Target]:
        return list(self.index.get(key, ()))

    def starts(self, form: str) -> bool:
        """Whether some surface form begins with the folded word ``form``."""
        return (form,) in self.index or (form,) in self.prefixes


def _read_yaml(path: Path) -> Any:
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=_Loader)


@lru_cache(maxsize=1)
def default_kb() -> KB:
    """The shipped knowledge base, loaded once."""
    return KB.load()
