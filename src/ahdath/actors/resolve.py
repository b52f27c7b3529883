"""Resolve actor mentions in a document: who is who, on the article's date.

``ActorResolver(kb)(doc)`` fills ``doc.actors`` with every actor mention, each an
:class:`ahdath.model.Actor` with offsets into the original ``doc.text``, an English name, country,
sector, kind, knowledge-base id, ``loaded`` flag, a short ``reason`` and a ``confidence``.

Steps (all over ``doc.tokens``; folded forms, clitics و ف ب ل ك لل allowed on the first token):
1. longest-first token-trie match of every known surface form (entries, countries, nisba adjectives,
   capitals, agents, loaded references; blockers stop false hits like أمريكا اللاتينية);
2. right-to-left composition: an agent absorbs the modifier after it (وزير الخارجية + الإيراني,
   رئيس المكتب السياسي + لحركة حماس, المتحدث باسم + وزارة الخارجية الإيرانية) and, for an office,
   the article date picks the officeholder; a title right before a name is that person;
3. unknown persons from ``doc.entities`` (PERS) or a title followed by a first name, named by the
   transliterator;
4. in-document coreference: surnames (النخالة), bare titles (الوزير) pointing back to a named person;
5. agents without a country take the article's main country.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ahdath.actors.agents import CONJ as _CONJ
from ahdath.actors.agents import Mention as _M
from ahdath.actors.agents import absorb, country_sector, fill_name, member_of, officeholder
from ahdath.actors.kb import KB, Entry, Target, default_kb, form_keys
from ahdath.language.chars import QUOTES
from ahdath.language.dateline import leading_dateline
from ahdath.language.normalize import fold
from ahdath.model import Actor, Document, Token

KIND_OF_TYPE = {"person": "person", "organization": "organization", "igo": "igo"}
# Organizations of these sectors are named for where a story was published or posted (رويترز، فيسبوك، يوتيوب),
# not where it happens: they are no evidence of the article's country.
NO_CONTEXT_SECTORS = frozenset({"BUS", "JRN"})
SURNAME_PARTICLES = frozenset({"بن", "ابن", "ال", "ابو"})  # folded: a family name's first word (بن مبارك، آل خليفة)
# Preference of a mention as "the most specific" one of its entity.
MENTION_RANK = {"name": 5, "surname": 4, "title": 3, "loaded": 2, "agent": 2, "capital": 1, "nisba": 1}
# Titles of address that stand before a given name (الأمير خالد، الشيخة حسينة), folded.
HONORIFICS = frozenset({"الامير", "الاميره", "الشيخ", "الشيخه", "الملك", "السلطان", "السيد", "السيده"})
DOMESTIC_SECTORS = frozenset({"COP", "JUD"})  # agents that act where they are: a country named as a place gives theirs
# mentions that stay where they stand (``canonical``): a place, and a country named by its adjective, capital or a
# loaded reference («قاعدة الشعيرات الجوية السورية», «مصالح طهران», «الاحتلال»): the words of the act's own
# sentence are its evidence, not the country's name elsewhere in the article
KEEP_MENTIONS = frozenset({"place", "nisba", "capital", "loaded"})
# a knowledge-base match: end token, offset of the form in its first token, clitic prefix, targets, form key
_Hit = tuple[int, int, str, tuple[Target, ...], tuple[str, ...]]
PEOPLE_SUFFIXES = ("يون", "يين", "يات", "يان", "يتان", "يتين")


def _translit() -> Any:
    try:
        from ahdath.actors.translit import transliterate
    except ImportError:  # pragma: no cover - the transliterator ships separately
        return None
    return transliterate


def _first_forms(tok: Token) -> list[tuple[str, int, str]]:
    """(form, folded chars stripped, prefix) for the first token of a match, unstripped first."""
    n = tok.norm
    out = [(n, 0, "")]
    base, off, pre = n, 0, ""
    if len(n) > 3 and n[0] in _CONJ:
        base, off, pre = n[1:], 1, n[0]
        out.append((base, off, pre))
    if base.startswith("لل") and len(base) > 3:
        out.append(("ال" + base[2:], off, pre + "ل"))
    elif len(base) > 3 and (base[0] in "بل" or (base[0] == "ك" and base[1:3] == "ال")):
        out.append((base[1:], off + 1, pre + base[0]))
    if tok.suffix and len(tok.stem) >= 3:  # a pronoun suffix: جنوده، حكومتها (ت before a suffix is ة)
        stem = tok.stem[:-1] + "ه" if tok.stem.endswith("ت") else tok.stem
        conj = 1 if tok.prefixes[:1] and tok.prefixes[0] in _CONJ else 0
        out.append((stem, conj, "+"))
    return out


def _cache_key(tok: Token) -> str:
    """What ``_first_forms`` reads of a token: its folded form, and for a word the language layer read with a pronoun
    suffix (أمينه العام: its secretary-general) its stem and conjunction too. The same letters read without one
    (أمينة, a name, in another article) are another key: keyed by the letters alone, the word cached first
    decided for every later article, so an article's actors depended on the articles coded before it."""
    return f"{tok.norm}+{tok.stem}+{tok.prefixes[:1]}" if tok.suffix else tok.norm


ORG_ANAPHORS = Path(__file__).parent / "data" / "org_anaphors.tsv"


@lru_cache(maxsize=1)
def _org_heads(path: Path = ORG_ANAPHORS) -> frozenset[str]:
    rows = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    return frozenset(rows[1:])


class ActorResolver:
    """Fill ``doc.actors``; see the module docstring."""

    def __init__(self, kb: KB | None = None) -> None:
        self.kb = kb or default_kb()
        self._translit = _translit()
        self._names: dict[str, str] = {}
        # folded word -> the trie nodes it can start (with clitics stripped): words repeat across articles
        self._forms_cache: dict[str, list[tuple[str, int, str]]] = {}
        self._miss: set[str] = set()  # folded words known to begin no surface form
        self._first_cache: dict[str, list[tuple[str, int, str]]] = {}

    @classmethod
    def load(cls, extra_paths: Iterable[str | Path] = ()) -> ActorResolver:
        extra = tuple(extra_paths)
        return cls(KB.load(extra) if extra else default_kb())

    # ------------------------------------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        if not doc.tokens and doc.text:
            from ahdath.language import analyze

            analyze(doc)
        date = (doc.date or "")[:10]
        date = date if len(date) == 10 and date[4] == "-" and date[7] == "-" else None  # ISO dates only
        toks = doc.tokens
        base = self._match(doc, toks)
        res = self._compose(doc, base, date)
        res += self._relational(doc, res)
        res += self._unknown_persons(doc, res, date)
        self._kb_appositions(doc, res)
        res += self._unknown_orgs(doc, res)
        res.sort(key=lambda m: (m.start, -m.end))
        res = self._coref(doc, res, date)
        if date is None:
            self._undated_offices(res)
        self._drop_dateline(doc, res)
        self._context_country(res, date, toks)
        for m in res:
            country_sector(self.kb, m)
        kept = [m for m in res if m.emit]
        doc.actors = [self._actor(m, doc.text) for m in kept]
        # mention type per span (name, surname, title, agent, loaded, nisba, capital, place): other components read it
        doc.user_data["actor_mentions"] = {(m.start, m.end): m.mention for m in kept}
        doc.user_data["actor_prefixes"] = {(m.start, m.end): m.prefix for m in kept if m.prefix}
        return doc

    # ---- 1. matching --------------------------------------------------------------------------
    def _match(self, doc: Document, toks: list[Token]) -> list[_M]:
        kb = self.kb
        out: list[_M] = []
        get = self._first_cache.get
        norms = [t.norm for t in toks]
        keys = [_cache_key(t) for t in toks]
        # only words that may start a known form (most words are known misses after the first articles)
        miss = self._miss
        candidates = [k for k, key in enumerate(keys) if key not in miss]
        i = 0
        for k in candidates:
            if k < i:
                continue
            i = k
            tok = toks[i]
            starts = get(keys[i]) or self._starts(tok)
            if not starts:
                continue
            best = self._longest(toks, norms, i, starts)
            if best is not None and best[3][0].kind == "agent" and len(best[4]) == best[0] - i > 1 \
                    and not kb.agents[best[3][0].ref].person:
                best = self._yield_to_entry(toks, norms, i, best)
            if best is not None and tok.norm.removeprefix("و") in HONORIFICS and best[3][0].kind == "entry":
                best = self._honorific_span(toks, norms, i, best)
            if best is None:
                continue
            j, off, pre, targets, key = best
            if pre == "+" and targets[0].kind != "agent":  # pronoun suffixes only on role nouns (جنوده)
                continue
            start = tok.start
            if off:
                start = tok.start + fold(tok.text).offsets[off]
            t0 = targets[0] if len(targets) == 1 else self._on_date(targets, doc.date)
            if t0.kind == "agent" and not pre and " ".join(key) in kb.adjectival and i > 0 \
                    and "ال" in toks[i - 1].prefixes and not toks[i - 1].is_punct:
                i = j  # السياسة الخارجية، الشؤون الداخلية: an adjective of the noun before, no ministry
                continue
            if t0.kind != "blocker":
                out.append(_M(i, j, start, toks[j - 1].end, t0, prefix=pre, form=" ".join(key)))
            i = j
        return out

    def _on_date(self, targets: list[Target], date: str | None) -> Target:
        """Of several entries sharing a form (السنوار، باول), the first listed that is in office on ``date``;
        with none in office, the one whose latest role began last before it; the first when the date cannot tell."""
        entries = [(t, self.kb.entries.get(t.ref)) for t in targets if t.kind == "entry"]
        if date is None or len(entries) < 2 or targets[0].kind != "entry":
            return targets[0]
        roles = [(t, e.roles if e is not None else ()) for t, e in entries]
        serving = next((t for t, rs in roles if any(r.valid_on(date) for r in rs)), None)
        if serving is not None:
            return serving
        latest = [(max((r.start for r in rs if r.start and r.start <= date), default=""), -k, t)
                  for k, (t, rs) in enumerate(roles)]
        return max(latest, key=lambda x: x[:2])[2]

    def _starts(self, tok: Token) -> list[tuple[str, int, str]]:
        """The forms of ``tok`` (clitics split off) that begin a knowledge-base form; cached per word, and a
        word that begins none is remembered as a miss."""
        key = _cache_key(tok)
        if key in self._miss:
            return []
        starts = self._first_cache.get(key)
        if starts is not None:
            return starts
        starts = []
        if not tok.is_punct and (tok.norm in self.kb.first_words or tok.suffix):
            starts = [(f, o, p) for f, o, p in self._forms(tok) if f and self.kb.starts(f)]
        if not starts:
            if len(self._miss) < 500_000:
                self._miss.add(key)
        elif len(self._first_cache) < 200_000:
            self._first_cache[key] = starts
        return starts

    def _longest(self, toks: list[Token], norms: list[str], i: int,
                 starts: list[tuple[str, int, str]]) -> _Hit | None:
        """The longest knowledge-base form starting at token ``i`` (one of its first-word forms ``starts``)."""
        index, prefixes, n = self.kb.index, self.kb.prefixes, len(toks)
        best: _Hit | None = None
        for form, off, pre in starts:
            key: tuple[str, ...] = (form,)
            j = i + 1
            hit = index.get(key)
            last = (j, hit, key) if hit else None
            while j < n and key in prefixes:
                if (norms[j] == "_" and j + 1 < n and toks[j].start == toks[j - 1].end) or \
                        (len(norms[j]) == 1 and norms[j] in QUOTES and j + 1 < n
                         and ((*key, norms[j + 1]) in index or (*key, norms[j + 1]) in prefixes)):
                    j += 1  # a hashtag joins words with "_" (#الأمم_المتحدة); quotes inside a name
                key = (*key, norms[j])
                j += 1
                hit = index.get(key)
                if hit:
                    last = (j, hit, key)
            if last and (best is None or last[0] > best[0]):
                best = (last[0], off, pre, last[1], last[2])
        return best

    def _yield_to_entry(self, toks: list[Token], norms: list[str], i: int, agent: _Hit) -> _Hit | None:
        """A role-noun match (not a person's title) whose last words begin a longer knowledge-base name
        (مقاتلات التحالف + التحالف العربي لدعم الشرعية, طيران التحالف + التحالف الدولي) gives way to the name:
        the role noun keeps its first words when they are a form on their own, else it is dropped."""
        j = agent[0]
        for k in range(i + 1, j):
            hit = self._longest_at(toks, norms, k)
            if hit is None or hit[0] <= j or hit[3][0].kind in ("agent", "blocker"):
                continue
            head = agent[4][:k - i]
            targets = self.kb.index.get(head)
            return (k, agent[1], agent[2], targets, head) if targets and targets[0].kind == "agent" else None
        return agent

    def _longest_at(self, toks: list[Token], norms: list[str], k: int) -> _Hit | None:
        """The longest knowledge-base form starting at token ``k``, its word read without a pronoun suffix."""
        starts = [s for s in self._starts(toks[k]) if s[2] != "+"]
        return self._longest(toks, norms, k, starts) if starts else None

    def _honorific_span(self, toks: list[Token], norms: list[str], i: int, hit: _Hit) -> _Hit:
        """An honorific's form (الشيخ محمد بن زايد) whose entry has a longer form starting after the honorific and
        going on with a family name (محمد بن زايد آل نهيان) takes the longer span: the family name left over would
        break a list of names."""
        longer = self._longest_at(toks, norms, i + 1) if i + 1 < len(toks) else None
        if longer is None or longer[0] <= hit[0] or {t.ref for t in longer[3]} != {t.ref for t in hit[3]} \
                or "ال" not in norms[hit[0]:longer[0]]:  # only a family name (آل نهيان), no patronymic (بن عبد العزيز)
            return hit
        return (longer[0], hit[1], hit[2], hit[3], (norms[i], *longer[4]))

    def _forms(self, tok: Token) -> list[tuple[str, int, str]]:
        key = _cache_key(tok)
        forms = self._forms_cache.get(key)
        if forms is None:
            forms = _first_forms(tok)
            if len(self._forms_cache) < 200_000:
                self._forms_cache[key] = forms
        return forms

    # ---- 2. composition -----------------------------------------------------------------------
    def _base(self, m: _M, doc: Document, date: str | None) -> None:
        """Fill a mention's identity from its own target (a person's country as on ``date``)."""
        kb, t = self.kb, m.target
        if t.kind == "entry":
            e = kb.entries[t.ref]
            m.kind, m.name, m.country, m.sector = (KIND_OF_TYPE.get(e.type, "organization"), e.name,
                                                    kb.country_on(e, date), kb.sector_on(e, date))
            m.actor_id, m.wikidata, m.loaded = e.id, e.wikidata, e.loaded
            m.mention = "name"
            weak = e.ambiguous and " " not in m.form  # an ambiguous entry's one-word forms (الأسد)
            m.conf = 0.6 if weak else 0.95
            m.reason = f"knowledge base: {e.id}" + (" (ambiguous form)" if weak else "")
            m.has_country = bool(e.country)
        elif t.kind in ("country", "capital", "metonym"):
            c = kb.countries[t.ref]
            m.kind, m.name, m.country, m.actor_id, m.wikidata = "country", c.name, c.id, c.id, c.wikidata
            m.has_country = True
            m.modifier = t.kind == "country"
            if t.kind == "country":
                m.mention, m.sector = "name", ""
                m.conf = 0.3 if m.form in c.ambiguous else 0.95
                m.reason = f"country name → {c.id}"
            else:
                m.mention, m.sector = "capital", t.sector or "GOV"
                m.kind = "country" if t.kind == "capital" else "agent"
                m.conf = (0.7 if c.capital_curated else 0.4) if t.kind == "capital" else 0.85
                m.reason = f"{'capital' if t.kind == 'capital' else 'metonym'} as metonym → {c.id} {m.sector}"
        elif t.kind == "place":  # a town or region: its country, weakly (the coder decides if it acts)
            c = kb.countries[t.ref]
            m.kind, m.country, m.has_country, m.name, m.sector = "place", c.id, True, c.name, ""
            m.mention, m.modifier, m.conf = "place", True, 0.3
            m.reason = f"place in {c.id}"
        elif t.kind in ("nisba", "plural"):
            c = kb.countries[t.ref]
            m.kind, m.country, m.actor_id, m.wikidata, m.has_country = "country", c.id, c.id, c.wikidata, True
            m.name, m.mention, m.modifier = c.name, "nisba", True
            m.people = t.kind == "plural" or m.form.endswith(PEOPLE_SUFFIXES) or (
                m.i > 0 and doc.tokens[m.i - 1].norm.isdigit())  # 15 فلسطينيا: a count of people
            if m.people:
                m.kind, m.sector, m.name = "agent", "CVL", (c.demonym + "s" if c.demonym else c.name)
                m.actor_id = None
                m.conf, m.reason = 0.6, f"plural nisba → {c.id} people"
            else:  # alone, فرنسية is "a French woman"; after a noun the noun decides (absorbed then)
                m.kind, m.sector, m.actor_id = "agent", "CVL", None
                m.name = f"{c.demonym} person" if c.demonym else c.name
                m.conf, m.reason = 0.35, f"nisba adjective → {c.id} (a person)"
        elif t.kind == "loaded":
            lr = kb.loaded[t.ref]
            ref = kb.entries.get(lr.ref or "")
            m.kind = lr.kind if lr.kind in ("country", "agent", "organization", "person", "igo") else "agent"
            m.name, m.country, m.sector = lr.name, lr.country, lr.sector
            if ref is not None:
                m.actor_id, m.wikidata = ref.id, ref.wikidata
                m.name, m.country = lr.name or ref.name, lr.country or ref.country
            elif lr.ref in kb.countries and m.kind == "country":
                m.actor_id, m.wikidata = lr.ref, kb.countries[lr.ref].wikidata
            m.loaded, m.mention, m.has_country, m.modifier = True, "loaded", bool(m.country), m.kind == "country"
            m.conf = 0.9
            m.reason = f"loaded reference → {m.country} {m.sector}".rstrip() + (f" ({lr.gloss})" if lr.gloss else "")
        elif t.kind == "agent":
            ag = kb.agents[t.ref]
            m.kind, m.sector, m.role, m.person_title = "agent", ag.sector, ag.role, ag.person
            m.loaded, m.mention = ag.loaded, ("title" if ag.person else "agent")
            m.country = ag.country
            m.has_country = bool(ag.country)
            m.name = fill_name(ag.name, kb.demonym(ag.country) if ag.country else "", "")
            m.conf = 0.6 if ag.country else 0.5
            m.reason = f"agent noun → {ag.sector or '?'}" + (f" of {ag.country}" if ag.country else "")

    def _homographs(self, doc: Document, base: list[_M]) -> dict[int, str]:
        """A capital whose name folds like another country's (عمّان Amman / عمان Oman): the capital when the
        text writes the diacritic, after العاصمة, or when the article names the capital's country more often."""
        kb, toks = self.kb, doc.tokens
        counts: Counter[str] = Counter(m.target.ref for m in base if m.target.kind in ("country", "nisba", "plural")
                                       and m.form not in kb.homographs)  # the ambiguous forms themselves don't count
        notes: dict[int, str] = {}
        for k, m in enumerate(base):
            cap = kb.homographs.get(m.form) if m.target.kind == "country" else None
            if cap is None:
                continue
            if "\u0651" in doc.text[m.start:m.end]:
                why = "written with shadda"
            elif any(t.norm in ("العاصمه", "عاصمه") for t in toks[max(0, m.i - 2):m.i]):
                why = "after العاصمة"
            elif counts[cap] > counts[m.target.ref]:
                why = f"article about {cap}"
            else:
                continue
            m.target = Target("capital", cap, sector="GOV")
            notes[k] = why
        return notes

    def _compose(self, doc: Document, base: list[_M], date: str | None) -> list[_M]:
        kb = self.kb
        toks = doc.tokens
        notes = self._homographs(doc, base) if kb.homographs else {}
        for k, m in enumerate(base):
            self._base(m, doc, date)
            if k in notes:
                m.reason += f" ({notes[k]})"
            if m.mention == "nisba" and not m.people and m.i > 0 and not toks[m.i - 1].is_punct and not m.prefix \
                    and toks[m.i - 1].norm not in self.kb.name_stops \
                    and _definite(toks[m.i - 1]) == m.form.startswith("ال"):
                # an adjective of the word before it (قوة إسرائيلية): the country, not a person
                c = self.kb.countries[m.target.ref]
                m.kind, m.sector, m.actor_id, m.name = "country", "", c.id, c.name
                m.reason = f"nisba adjective → {c.id}"
        for k in range(len(base) - 1, -1, -1):
            m = base[k]
            nxt = base[k + 1] if k + 1 < len(base) else None
            adjacent = nxt is not None and nxt.i == m.j and nxt.prefix[:1] not in _CONJ
            from_country = nxt is not None and nxt.kind == "country" and nxt.i == m.j + 1 and toks[m.j].norm == "من"
            # a title and a name separated by a comma: وزير الخارجية الإيراني، حسين أمير عبداللهيان
            if (nxt is not None and not adjacent and nxt.i == m.j + 1 and toks[m.j].text in "،,#" and nxt.kind == "person"
                    and not nxt.prefix):
                adjacent = True
            if (m.target.kind == "agent" and nxt is not None and nxt.kind == "country" and nxt.mention == "name"
                    and kb.agents[m.target.ref].office_of_complement
                    and ((nxt.i == m.j and nxt.prefix == "ل")
                         or (nxt.i == m.j + 1 and not nxt.prefix and toks[m.j].norm in kb.title_preps))):
                m.end, m.j = nxt.end, nxt.j  # المبعوث الأممي إلى اليمن: the envoy for Yemen
                m.reason += f"; for {nxt.country}"
                officeholder(kb, m, date, of=nxt.country)
            elif m.target.kind == "agent" and adjacent and nxt is not None and not self._not_construct(toks, m, nxt):
                absorb(kb, m, nxt, date)
                if m.person_title and m.kind in ("agent", "person") and m.j > nxt.i:
                    # title + nisba / organization + name: the name wins over the date's officeholder
                    after = next((b for b in base[k + 2:k + 3] if b.kind == "person" and b.mention == "name"
                                  and (b.i == m.j or (b.i == m.j + 1 and toks[m.j].text in "،,#"))), None)
                    if after is not None:
                        absorb(kb, m, after, date)
            elif (m.target.kind == "agent" and m.person_title and not m.has_country and nxt is not None
                  and nxt.kind in ("organization", "igo") and nxt.actor_id and nxt.i > m.j
                  and self._member_gap(toks[m.j:nxt.i], nxt.prefix)):
                member_of(kb, m, nxt)  # القيادي (السابق) في حركة حماس: a member of the organization
            elif (m.target.kind == "agent" and nxt is not None and nxt.mention == "nisba" and not m.has_country
                  and 0 < nxt.i - m.j <= 2 and nxt.form.startswith("ال")
                  and (not m.form.startswith("ال") or not nxt.people)
                  and all(t.norm.startswith("ال") and not t.is_punct and t.norm not in kb.name_stops
                          for t in toks[m.j:nxt.i])):
                # a construct phrase (قوات الدفاع الإسرائيلية، هيئة الأوراق المالية الإسرائيلية) or a definite
                # head with its adjectives (النيابة العسكرية الإسرائيلية، المحكمة العليا الإسرائيلية)
                m.j, m.end = nxt.j, nxt.end
                if m.person_title:  # رئيس الاتحاد المصري: the head of that body, not Egypt's president
                    m.role = None
                absorb(kb, m, nxt, date)
            elif (m.target.kind == "agent" and nxt is not None and not m.has_country
                  and (nxt.kind == "place" or (nxt.kind == "country" and nxt.mention in ("name", "capital")
                                               and (from_country or not (kb.agents[m.target.ref].person
                                                                         or kb.agents[m.target.ref].posted))))
                  and (nxt.prefix in ("ب", "وب") or (nxt.i == m.j + 1 and toks[m.j].norm in ("في", "من")))):
                # المتظاهرين في غزة، الشرطة في هولندا (not a person's office abroad: السفير في واشنطن), and from
                # anywhere: وفد من مصر، مسؤولون من الأردن
                m.country, m.has_country = nxt.country, True
                m.name = fill_name(kb.agents[m.target.ref].name, kb.demonym(nxt.country), "")
                m.reason += f"; {'from' if from_country else 'in'} {nxt.form} → {nxt.country}"
                m.conf = 0.7
            elif m.kind in ("organization", "igo", "person") and adjacent and nxt is not None and nxt.mention == "nisba" \
                    and not nxt.people:
                nxt.emit = False  # وكالة تسنيم الإيرانية: the adjective belongs to the name
                m.end, m.j = nxt.end, nxt.j
                if not m.country:
                    m.country, m.has_country = nxt.country, True
            # an organization-type word right before an organization name belongs to its mention
            if m.kind in ("organization", "igo") and m.i > 0 and m.prefix == "" and (k == 0 or base[k - 1].j < m.i):
                q = 1 if m.i > 1 and len(toks[m.i - 1].text) == 1 and toks[m.i - 1].text in QUOTES else 0
                prev = toks[m.i - 1 - q]  # تنظيم "القاعدة": the word before the quote mark
                forms = {f for f, _, _ in self._forms(prev)}
                if forms & kb.org_prefixes and (k == 0 or base[k - 1].j < m.i - q) and not _definite(prev):
                    # (not a definite noun: «دعت المنظمة المجتمع الدولي» is subject and object)
                    m.i, m.start = m.i - 1 - q, prev.start
                    if prev.norm[:1] in _CONJ and prev.norm not in kb.org_prefixes:
                        m.start = prev.start + fold(prev.text).offsets[1]
        for m in base:
            if m.target.kind == "agent" and m.role and m.has_country and m.kind == "agent" and not m.of_name:
                officeholder(self.kb, m, date)  # (the head of an organization named after it is not the country's)
            if m.target.kind == "agent" and m.kind == "agent" and not m.has_country \
                    and kb.agents[m.target.ref].needs_modifier:
                m.emit = False
        return base

    def _not_construct(self, toks: list[Token], m: _M, nxt: _M) -> bool:
        """A definite noun heads no construct: «طلبت السلطات الاتحاد الأوروبي»، «انتقدت السفارة الولايات المتحدة»
        are subject and object, not one mention. Not for a name after a title (apposition), an adjective
        (القنصلية السعودية، القيادي الحوثي: nisba-shaped) or an organization word (الجماعات المسلحة تنظيم الدولة)."""
        head = toks[nxt.i]
        return (not nxt.prefix and nxt.kind in ("country", "organization", "igo") and nxt.mention != "nisba"
                and _definite(toks[m.j - 1]) and not head.norm.endswith(_NISBA_ENDINGS)
                and head.norm not in self.kb.org_prefixes)

    def _member_gap(self, gap: list[Token], prefix: str) -> bool:
        """Whether the words between a person noun and an organization make it a member: في، (السابق) بـ."""
        fillers = self.kb.title_fillers
        if not prefix and gap[-1].norm == "في":
            return all(t.norm in fillers for t in gap[:-1])
        return prefix == "ب" and all(t.norm in fillers for t in gap)

    # ---- 3. unknown persons -------------------------------------------------------------------
    def _unknown_persons(self, doc: Document, res: list[_M], date: str | None) -> list[_M]:
        kb, toks = self.kb, doc.tokens
        covered = [(m.start, m.end, m) for m in res if m.emit]
        out: list[_M] = []

        def overlaps(s: int, e: int, kinds: tuple[str, ...]) -> bool:
            return any(a < e and s < b and m.kind in kinds for a, b, m in covered)

        spans: list[tuple[int, int, str]] = []
        for ent in doc.entities:
            if ent.label != "PERS":
                continue
            s, e = _hashtag_span(toks, ent.start, ent.end) if "_" in doc.text[max(0, ent.start - 1):ent.end + 1] \
                else (ent.start, ent.end)
            if overlaps(s, e, ("person", "organization", "igo")) and self._other_first_name(doc, res, s, e):
                covered = [(a, b, m) for a, b, m in covered if m.emit]
            if not overlaps(s, e, ("person", "organization", "igo")):
                spans.append((s, e, "named entity (PERS)"))
        # a title (with its country) followed by a first name: الرئيس الفلسطيني محمود عباس
        for m in res:
            if not (m.emit and m.person_title and (m.kind == "agent" or m.reason.startswith("title+"))):
                continue
            k = m.j
            if k < len(toks) and toks[k].text in "،,#":
                k += 1
            if k >= len(toks) or toks[k].norm not in kb.first_names:
                continue
            j = k
            while j < len(toks) and j - k < 3 and not toks[j].is_punct and toks[j].norm not in kb.name_stops and \
                    (j == k or toks[j].norm[:1] not in _CONJ or toks[j].norm in kb.first_names) and \
                    not overlaps(toks[j].start, toks[j].end, ("person", "organization", "igo", "country", "agent")):
                j += 1
            known = next((p for p in res if p.emit and p.kind == "person" and p.actor_id and p.i == j
                          and p.mention == "name" and not p.prefix), None)
            if known is not None and j > k:  # الرئيس رجب طيب + أردوغان: first names join the known name
                known.i, known.start = k, toks[k].start
                known.reason += "; first names before it"
                m.kind, m.name, m.country, m.sector = "person", known.name, known.country, known.sector
                m.actor_id, m.wikidata, m.reason, m.conf = known.actor_id, known.wikidata, f"title in apposition to {known.name}", 0.85
                continue
            if j - k >= 2 and not any(s < toks[j - 1].end and toks[k].start < e for s, e, _ in spans):
                spans.append((toks[k].start, toks[j - 1].end, "title + first name"))
        by_start = {t.start: t.i for t in toks} if spans else {}
        for s, e, why in spans:
            i = by_start.get(s)
            if i is None:
                i = next((t.i for t in toks if t.start <= s < t.end), 0)
            j = max(i + 1, bisect_left(toks, e, key=lambda t: t.start))  # one past the last token starting before e
            split = toks[i].prefixes[:1] == ("و",)
            whole = not toks[i].prefixes and toks[i].text[:1] == "و" and len(toks[i].norm) > 4  # وراسلان: kept whole
            if j - i >= 2 and (split or whole) and s == toks[i].start and (
                    (split and toks[i].stem in kb.first_names) or self._after_name(res, spans, toks, i)):
                s += fold(toks[i].text).offsets[1]  # X وعصام الشابي: the conjunction is not part of the name
            text = doc.text[s:e]
            known = self.kb.person_variant(tuple(t.norm for t in toks[i:j] if t.norm and not t.is_punct))
            if known is not None:  # a known person spelled another way: يوسف بن أحمد العثيمين
                ent, how = known
                p = _M(i, j, s, e, Target("entry", ent.id))
                self._base(p, doc, date)
                p.reason, p.conf = f"{why}; {how}: {ent.id}", 0.8
                out.append(p)
                continue
            name = self.english_name(text.replace("_", " "))
            p = _M(i, j, s, e, Target("entry", ""), kind="person", name=name, mention="name", reason=why,
                   conf=0.6 if why.startswith("named") else 0.5)
            self._describe(doc, p, res, why)
            out.append(p)
        return out

    def _relational(self, doc: Document, res: list[_M]) -> list[_M]:
        """A person (a name or a title) right after a relational noun (``relational`` in agents.yaml) is that
        noun's possessor: مستشار الرئيس التركي is the president's adviser, زوجة الرئيس الفرنسي his wife. The
        phrase becomes one title mention of another, unnamed person (the possessor's country; the possessor's
        sector for aides, the given one for relatives), which a name in apposition can fill (مستشار الرئيس
        التركي ياسين أقطاي); the possessor's mention and any mention of the noun alone (نائبة: a member of
        parliament) are switched off."""
        kb, toks = self.kb, doc.tokens
        out: list[_M] = []
        for p in res:
            if not (p.emit and (p.kind == "person" or (p.kind == "agent" and p.person_title))) or p.prefix:
                continue
            for n in (2, 1):
                k = p.i - n
                if k < 0 or any(t.is_punct or "ال" in t.prefixes for t in toks[k:p.i]):
                    continue
                first = toks[k]
                clitics = fold(first.text).offsets[len("".join(first.prefixes))] if first.prefixes else 0
                key = (first.norm[len("".join(first.prefixes)):], *(t.norm for t in toks[k + 1:p.i]))
                hit = kb.relational.get(key)
                if hit is None:
                    continue
                if any(o.emit and o.i < p.i and o.j > k and not (k <= o.i and o.j <= p.i) for o in res):
                    break  # the noun belongs to a longer mention (نائب الرئيس)
                for o in res:
                    if o.emit and k <= o.i and o.j <= p.i:
                        o.emit = False
                label, sector = hit
                m = _M(k, p.j, first.start + clitics, p.end, Target("relational", ""), prefix="".join(first.prefixes),
                       kind="agent", name=label.format(of=p.name or "?"), country=p.country,
                       sector=(p.sector or "GOV") if sector == "same" else sector, mention="title", person_title=True,
                       has_country=bool(p.country), conf=0.7,
                       reason=f"{' '.join(key)} of {p.name or p.form}: another person, of its country")
                p.emit = False
                out.append(m)
                break
        return out

    @staticmethod
    def _after_name(res: list[_M], spans: list[tuple[int, int, str]], toks: list[Token], i: int) -> bool:
        """Token ``i`` follows a person's name (a resolved person or another PERS span): a و-list of names."""
        if i == 0:
            return False
        prev = toks[i - 1]
        return any(m.emit and m.kind == "person" and m.start <= prev.start < m.end for m in res) or any(
            a <= prev.start < b for a, b, _ in spans)

    def _other_first_name(self, doc: Document, res: list[_M], s: int, e: int) -> bool:
        """Whether the known one-word name (or family name: بن مبارك) inside the PERS name ``doc.text[s:e]``
        belongs to someone else: the words before it are names none of the entry's forms has (نازانين زاغاري
        راتكليف is not John Ratcliffe, تيلور سويفت not the SWIFT network, جوهر بن مبارك not Ahmad Awad bin
        Mubarak). Such a mention is switched off (``emit``)."""
        toks = doc.tokens
        inside = [m for m in res if m.emit and m.kind in ("person", "organization", "igo") and m.target.kind == "entry"
                  and m.target.ref and s < m.start and m.end <= e
                  and (m.j - m.i == 1 or (m.j - m.i == 2 and toks[m.i].norm in SURNAME_PARTICLES))]
        if len(inside) != 1:
            return False
        m = inside[0]
        names = [t for t in toks[bisect_left(toks, s, key=lambda t: t.start):m.i] if not t.is_punct
                 and not any(o is not m and o.emit and o.start < t.end and t.start < o.end for o in res)]
        kb = self.kb
        if not names or names[-1].i != m.i - 1 or not all(
                t.norm.isalpha() and not t.norm.startswith("ال") and t.norm not in kb.title_fillers
                and t.norm not in kb.name_stops for t in names):  # الشيخ، السيد: a title, not another first name
            return False
        words = {w for a in kb.entries[m.target.ref].ar for k in form_keys(a) for w in k}
        if any(t.norm in words for t in names):
            return False
        m.emit = False
        return True

    def _describe(self, doc: Document, p: _M, res: list[_M], why: str) -> None:
        """Country and sector of an unknown person from the words around the name: a title before it
        (الرئيس الفلسطيني X، السفير الفلسطيني لدى روسيا X، القيادي في حماس X، الناشط X) or after it
        (X، وزير الإعلام البحريني؛ X زعيم كوريا الشمالية), or a nisba in brackets (X (سعودي الجنسية))."""
        kb, toks, text = self.kb, doc.tokens, doc.text[p.start:p.end]
        m, where = self._title_before(toks, res, p.i)
        if m is None:
            m, where = self._title_after(toks, res, p.j)
        if m is None or m.mention == "nisba":
            p.sector = "CVL"  # a named person with no title: a private individual
            p.reason += "; no title: civilian"
            if m is not None:
                p.country, p.has_country = m.country, True
                p.reason += f"; nisba {m.form} → {m.country}"
            return
        by_role = m.kind == "person" and m.reason.startswith("title+")
        holder = kb.entries.get(m.actor_id or "") if by_role else None
        last = fold(text.split()[-1]).text if text.split() else ""
        if holder is not None and any(fold(a.split()[-1]).text == last for a in holder.ar if a.split()):
            # the officeholder, spelled in a way the knowledge base lacks
            p.kind, p.name, p.actor_id, p.wikidata = "person", holder.name, holder.id, holder.wikidata
            p.country, p.sector, p.has_country = m.country, m.sector, True
            p.reason, p.conf = f"{why}; surname of {holder.name}, {m.form} on the date", 0.8
            return
        p.country, p.sector, p.has_country = m.country, m.sector, bool(m.country)
        p.role = m.role
        p.reason = f"{why}; title {where} {m.form}" + (f" → {m.country} {m.sector}".rstrip() if m.country else "")
        if m.person_title:
            m.kind, m.name, m.actor_id, m.wikidata = "person", p.name, None, None
            m.reason, m.conf = f"title in apposition to {text}", 0.6

    def _kb_appositions(self, doc: Document, res: list[_M]) -> None:
        """A generic title right before or after a person the knowledge base knows (القيادي في حماس صالح
        العاروري، المسؤول الإيراني X; X المتحدث باسم الوزارة) describes that person: it takes the person's
        identity, as titles next to unknown persons do (``_describe``), unless its country disagrees. So does
        a title the date would give to its officeholder (سفير روسيا لدى الولايات المتحدة أناتولي أنطونوف is
        not Russia's envoy to the UN): the name beside it says who holds it here."""
        toks = doc.tokens
        known = [p for p in res if p.emit and p.kind == "person" and p.actor_id and p.mention == "name"]
        before = [(self._title_before(toks, res, p.i)[0], p) for p in known]
        claimed = {id(m) for m, _ in before if m is not None}  # a title before a name is that name's first
        after = [(m, p) for p in known if (m := self._title_next(toks, res, p.j)) is not None and id(m) not in claimed]
        for m, p in before + after:
            by_role = m is not None and m.kind == "person" and m.reason.startswith("title+")
            if m is None or not (m.kind == "agent" or by_role) or not m.person_title or m.actor_id == p.actor_id \
                    or (m.country and p.country and m.country != p.country):
                continue
            m.kind, m.name, m.country, m.sector = "person", p.name, p.country, p.sector
            m.actor_id, m.wikidata, m.has_country = p.actor_id, p.wikidata, True
            m.reason, m.conf = f"title in apposition to {p.name}", 0.85

    @staticmethod
    def _title_next(toks: list[Token], res: list[_M], j: int) -> _M | None:
        """The mention right after a name ending at token ``j``, when it is a person's title in apposition:
        after a comma (X، وزير الخارجية) or a spokesperson's title (X المتحدث باسم الوزارة). Other titles
        right after a name may be a verb's object (استقبل ترامب وزير الخارجية)."""
        comma = j < len(toks) and toks[j].text in "،,"
        m = next((m for m in res if m.emit and m.i == j + comma), None)
        if m is None or not m.person_title or toks[m.i].prefixes[:1] == ("و",):  # وولي عهد ...: the list's next member
            return None
        return m if comma or m.role == "spokesperson" else None

    def _title_before(self, toks: list[Token], res: list[_M], i: int) -> tuple[_M | None, str]:
        """The title (or singular agent noun) describing a name that starts at token ``i``, skipping commas,
        honorifics and fillers (السابق، البارز، المدعو) and a place complement (لدى روسيا، في الخرطوم)."""
        kb = self.kb
        ends: dict[int, _M] = {}
        for m in res:
            if m.emit and (m.j not in ends or m.i < ends[m.j].i):
                ends[m.j] = m
        k, comma, weak = i, False, None
        for _ in range(6):
            if k <= 0:
                break
            prev = toks[k - 1]
            if prev.text in "،,#":
                comma = True
                k -= 1
                continue
            m = ends.get(k)
            if m is None:
                if prev.norm in kb.title_fillers:
                    k -= 1
                    continue
                break
            if m.kind in ("country", "place") and m.mention in ("name", "capital", "place") and (
                    m.prefix[-1:] == "ب" or (m.i > 0 and toks[m.i - 1].norm in kb.title_preps)):
                k = m.i - (0 if m.prefix[-1:] == "ب" else 1)  # a complement: لدى روسيا، في الخرطوم
                continue
            titled = m.person_title and (m.kind == "agent" or m.reason.startswith("title+"))
            if titled and m.has_country:
                return m, "before"
            if titled or (m.target.kind == "agent" and m.kind == "agent" and not comma and not m.people):
                if weak is None:
                    weak = m  # الشيخ X: look further back for a title with a country (النائب العام السعودي، الشيخ X)
                k = m.i
                continue
            if m.mention == "nisba" and not m.people and not comma and m.j == i:
                return m, "before"
            break
        return weak, "before"

    def _title_after(self, toks: list[Token], res: list[_M], j: int) -> tuple[_M | None, str]:
        """A title in apposition after a name ending at token ``j``: X، وزير الخارجية البحريني; X (سعودي)."""
        if j >= len(toks):
            return None, ""
        sep = toks[j].text if toks[j].text in "،,(" else ""
        k = j + 1 if sep else j
        m = next((m for m in res if m.emit and m.i == k), None)
        if m is None:
            return None, ""
        if m.mention == "nisba" and not m.people and sep == "(":
            return m, "after"
        titled = m.person_title and (m.kind == "agent" or m.reason.startswith("title+"))
        if titled and m.has_country and sep != "(":
            return m, "after"
        return None, ""

    def _unknown_orgs(self, doc: Document, res: list[_M]) -> list[_M]:
        """Organizations the knowledge base lacks, from NER ORG entities: an organization word before or at the
        start of the name (جمعية، شركة، جامعة، حزب، صحيفة) gives the sector, a nisba inside or right after it
        the country (شركة "نوفاتيك" الروسية); with neither the entity is left alone. A knowledge-base form
        that is also a common word (``ner_ar``: القاعدة) counts only here."""
        kb, toks = self.kb, doc.tokens
        ents = [e for e in doc.entities if e.label == "ORG"]
        if not ents:
            return []
        live = [m for m in res if m.emit]
        by_start = {t.start: t.i for t in toks}
        out: list[_M] = []
        for ent in ents:
            i = by_start.get(ent.start)
            if i is None:
                continue
            j = max(i + 1, bisect_left(toks, ent.end, key=lambda t: t.start))
            start = ent.start
            if any(m.start < ent.end and start < m.end and m.kind in ("person", "organization", "igo") for m in live):
                continue
            rest = tuple(t.norm for t in toks[i + 1:j])
            hit = next(((f, off, pre) for f, off, pre in self._forms(toks[i]) if pre != "+" and (f, *rest) in kb.ner_forms),
                       None)
            if hit is not None:
                f, off, pre = hit
                s0 = toks[i].start + (fold(toks[i].text).offsets[off] if off else 0)
                o = _M(i, j, s0, toks[j - 1].end, Target("entry", kb.ner_forms[(f, *rest)]), prefix=pre,
                       form=" ".join((f, *rest)))
                self._base(o, doc, None)  # an organization: no dated affiliation
                o.reason += " (named entity ORG)"
                out.append(o)
                continue
            if sum(ch.isalpha() and not ch.isascii() for ch in ent.text) < 3:
                continue
            inside = [m for m in live if m.start >= start and m.end <= ent.end]
            agent = next((m for m in live if m.target.kind == "agent" and (m.i == i or m.start <= start < m.end)
                          and m.kind == "agent"
                          and not m.person_title and not kb.agents[m.target.ref].cvl_people), None)
            if agent is None:
                k = i - 1 if i > 0 and len(toks[i - 1].text) == 1 and toks[i - 1].text in QUOTES else i
                agent = next((m for m in live if m.j == k and m.target.kind == "agent" and m.kind == "agent"
                              and not m.person_title and not kb.agents[m.target.ref].cvl_people), None)
            nisba = next((m for m in inside if m.mention == "nisba"), None)
            if nisba is None:
                k = j + 1 if j < len(toks) and len(toks[j].text) == 1 and toks[j].text in QUOTES else j
                nisba = next((m for m in live if m.i == k and m.mention == "nisba" and not m.people
                              and m.form.startswith("ال")), None)
            if agent is None and (nisba is None or toks[i].norm.startswith(("ال", "وال"))):
                continue  # with a nisba alone only a foreign-looking name (يوفنتوس الإيطالي, not السنة الإيرانية)
            # with an organization word, a nisba that is the entity's own last word (هيئة الطيران المدني السعودية;
            # a role noun inside the name absorbed it) gives the country too
            inner = self._nisba_country(toks[j - 1]) if nisba is None and agent is not None and j - i > 1 else ""
            if agent is not None and agent.start >= start and agent.end >= ent.end:
                continue  # the entity is the organization word alone (منظمة)
            o = _M(i, j, start, toks[j - 1].end, Target("entry", ""), kind="organization", mention="name", conf=0.5)
            name_from = start
            if agent is not None:
                o.sector = kb.agents[agent.target.ref].sector_by_country.get(agent.country, agent.sector)
                if agent.has_country and "article context" not in agent.reason:
                    o.country, o.has_country = agent.country, True
                if agent.start < start or agent.i == i:  # before the name, or a clitic before it (للحزب)
                    o.i, o.start = agent.i, agent.start
                if agent.i == i and agent.j == i + 1:
                    name_from = toks[i].end
                o.reason = f"named entity (ORG) with {agent.form} → {o.sector or '?'}"
            else:
                o.reason = "named entity (ORG)"
            if nisba is not None:
                o.country, o.has_country = nisba.country, True
                o.j, o.end = max(o.j, nisba.j), max(o.end, nisba.end)
                o.reason += f"; nisba {nisba.form} → {nisba.country}"
            elif inner:
                o.country, o.has_country = inner, True
                o.reason += f"; nisba {toks[j - 1].norm} → {inner}"
            name = doc.text[name_from:ent.end].strip(" " + QUOTES)
            o.name = self.english_name(name) or name
            for m in live:
                if o.start <= m.start and m.end <= o.end:
                    m.emit = False
            out.append(o)
        return out

    def _nisba_country(self, tok: Token) -> str:
        """The country whose adjective (nisba) the word is, clitics aside (السعودية، الإماراتية), else ''."""
        for form, _off, pre in self._forms(tok):
            if pre == "+":
                continue
            for t in self.kb.index.get((form,), ()):
                if t.kind == "nisba":
                    return t.ref
        return ""

    def english_name(self, arabic: str) -> str:
        """English spelling of an unknown person's Arabic name (the transliterator; '' when unavailable)."""
        if arabic in self._names:
            return self._names[arabic]
        name = ""
        if self._translit is not None:
            try:
                name = self._translit(arabic)
            except Exception:  # noqa: BLE001 - a missing/broken model must not stop resolution
                self._translit = None
        if len(self._names) < 100_000:
            self._names[arabic] = name
        return name

    # ---- 4. coreference -----------------------------------------------------------------------
    def _coref(self, doc: Document, res: list[_M], date: str | None) -> list[_M]:
        kb, toks = self.kb, doc.tokens
        persons = [m for m in res if m.emit and m.kind == "person" and m.mention == "name"]
        surname: dict[tuple[str, ...], _M] = {}
        for p in persons:
            words = [t.norm for t in toks[p.i:p.j] if not t.is_punct]
            if len(words) < 2:
                continue
            keys = [tuple(words[-1:]), tuple(words[-2:])]
            if words[-2] in ("عبد", "ابو"):
                keys.append((words[-2] + words[-1],))
            for key in keys:
                last = key[-1]
                if len(key) == 1 and (last in kb.first_names or last in kb.surname_stops):
                    continue
                surname.setdefault(key, p)
                if last.startswith("ال") and len(last) > 4:
                    surname.setdefault((*key[:-1], last[2:]), p)
                elif len(key) == 1 and len(last) >= 3:
                    surname.setdefault(("ال" + last,), p)
        self._relink_short_names(doc, res, persons, surname)
        for m in res:  # a nisba standing alone after a person named by it is that person: السوداني after محمد شياع السوداني
            if m.emit and m.mention == "nisba" and m.kind == "agent" and not m.people and m.j == m.i + 1:
                p = surname.get((m.form,))
                if p is not None and p.start < m.start:
                    m.emit = False
        covered = sorted((m.i, m.j) for m in res if m.emit)
        cov = set()
        for a, b in covered:
            cov.update(range(a, b))
        added: list[_M] = []
        if surname:
            firsts = {k[0] for k in surname}
            glued = set(firsts)  # the surnames with the clitics a word may carry (والنخالة، للنخالة، بنخالة)
            for f in firsts:
                for pre in ("و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"):
                    glued.add(pre + f)
                if f.startswith("ال"):
                    glued.update(("لل" + f[2:], "ولل" + f[2:], "فلل" + f[2:]))
            cands = [k for k, t in enumerate(toks) if t.norm in glued]
            i = 0
            for i0 in cands:
                if i0 < i:
                    continue
                i = i0
                if i in cov or toks[i].is_punct:
                    continue
                hit = None
                for form, off, _pre in self._forms(toks[i]):
                    if len(form) < 3 or form in kb.name_stops:
                        continue
                    two = (form, toks[i + 1].norm) if i + 1 < len(toks) and i + 1 not in cov else None
                    if two and two in surname:
                        hit = (2, off, surname[two])
                    elif (form,) in surname:
                        hit = (1, off, surname[(form,)])
                    if hit:
                        break
                if hit:
                    n, off, p = hit
                    s = toks[i].start + (fold(toks[i].text).offsets[off] if off else 0)
                    e = toks[i + n - 1].end
                    c = replace(p, i=i, j=i + n, start=s, end=e, mention="surname",
                                reason=f"surname → {p.name or doc.text[p.start:p.end]} (in-document)",
                                conf=0.85 if s > p.start else 0.7)
                    added.append(c)
                    i += n
        res = sorted(res + added, key=lambda m: (m.start, -m.end))
        # bare titles pointing back to the last named person with a compatible office
        last_persons: list[_M] = []
        for m in res:
            if not m.emit:
                continue
            if m.kind == "person" and m.mention in ("name", "surname"):
                last_persons.append(m)
                continue
            if m.kind == "agent" and m.person_title and not m.has_country:
                roles = kb.back_titles.get(m.form) or kb.back_titles.get("ال" + m.form)
                if not roles:
                    continue
                for p in reversed(last_persons):
                    if self._holds(p, roles, date):
                        m.kind, m.name, m.country, m.sector = "person", p.name, p.country, p.sector
                        m.actor_id, m.wikidata, m.has_country = p.actor_id, p.wikidata, True
                        m.reason, m.conf = f"title points back to {p.name}", 0.7
                        break
        return self._org_anaphors(doc, res)

    def _relink_short_names(self, doc: Document, res: list[_M], persons: list[_M], surname: dict[tuple[str, ...], _M]) -> None:
        """A short name the NER tagged on its own (وقال هانت، ونفى رمضان، وقال كيم) after or before the full name
        (جيريمي هانت، طارق رمضان، كيم يونغ أون) is that person, not a new unknown one: it takes the full
        name's identity. Besides the surnames, the first word of a name of three or more words with no
        Arabic article or kinship word (East Asian names lead with the family name: كيم، مون، شي) counts."""
        toks = doc.tokens
        leading: dict[str, _M] = {}
        given: dict[str, list[_M]] = {}  # a known person's given name (after an honorific): الشيخة حسينة واجد → حسينة
        for p in persons:
            words = [t.norm for t in toks[p.i:p.j] if not t.is_punct]
            if len(words) >= 3 and words[0] not in self.kb.name_stops and not any(
                w.startswith("ال") or w in ("بن", "ابن", "ابو", "عبد") for w in words
            ):
                leading.setdefault(words[0], p)
            names = [w for w in words if w not in HONORIFICS]
            if (
                p.actor_id and len(names) >= 2 and names[0] not in ("ابو", "عبد", "ال") and len(names[0]) >= 3
                and not any(q.actor_id == p.actor_id for q in given.get(names[0], []))
            ):
                given.setdefault(names[0], []).append(p)
        for m in res:
            if not (m.emit and m.kind == "person" and m.mention == "name"):
                continue
            unknown = m.actor_id is None and m.reason.startswith("named entity")
            if not unknown and m.j - m.i != 1:
                continue
            words = [t.norm for t in toks[m.i:m.j] if not t.is_punct]
            if not words or len(words) > 2:
                continue
            key = tuple(words)
            p = surname.get(key) or surname.get(tuple(w.removeprefix("و") for w in key)) or surname.get((m.form,))
            if p is None and len(words) == 1 and unknown:
                p = leading.get(words[0]) or leading.get(words[0].removeprefix("و"))
            if p is None and len(words) == 1 and unknown:
                # «الأمير خالد» after «الأمير خالد بن سلمان», «حسينة» after «الشيخة حسينة واجد»: the one known person
                # of that given name named before; a common first name only after an honorific
                known = given.get(words[0]) or given.get(words[0].removeprefix("و")) or []
                titled = m.i > 0 and toks[m.i - 1].norm.removeprefix("و") in HONORIFICS
                if len(known) == 1 and known[0].start < m.start and (titled or words[0] not in self.kb.first_names):
                    p = known[0]
            if p is None or p is m or p.j - p.i <= m.j - m.i or (not unknown and (p.actor_id == m.actor_id or p.start > m.start)):
                continue
            # an unknown short name, or a knowledge-base surname alias (المالكي: Nouri al-Maliki) after another
            # person of that surname is named in the article (رياض المالكي ... وقال المالكي)
            m.name, m.country, m.sector, m.actor_id, m.wikidata = p.name, p.country, p.sector, p.actor_id, p.wikidata
            m.has_country, m.office_sector, m.mention = p.has_country, p.office_sector, "surname"
            m.reason = f"short name → {p.name or doc.text[p.start:p.end]} (in-document)"
            m.conf = 0.85 if p.start < m.start else 0.7

    def _org_anaphors(self, doc: Document, res: list[_M]) -> list[_M]:
        """A definite head noun alone (data/org_anaphors.tsv: الحزب، الحركة، الجماعة، القطاع، الجامعة) is the last
        organization, international organization or place named with that head before it (حزب الله ... وقال
        الحزب في بيان; جامعة الدول العربية ... وقالت الجامعة; قطاع غزة ... إلى القطاع)."""
        toks, heads = doc.tokens, _org_heads()
        last: dict[str, _M] = {}
        at = {(m.i, m.j): m for m in res if m.emit}
        out = list(res)
        orgs = sorted(
            (m for m in res if (m.emit and m.kind in ("organization", "igo") and m.mention in ("name", "loaded"))
             or (m.kind == "place" and m.mention == "place")),
            key=lambda m: m.i,
        )
        k = 0
        for i, t in enumerate(toks):
            while k < len(orgs) and orgs[k].i < i:
                # its head noun (a hashtag: جامعة_الدول_العربية), and the head nouns inside it where no organization
                # has them yet (مجلس جامعة الدول العربية ... الجامعة; not مجلس شورى حزب الله ... الحزب after حزب الله)
                for n, tok in enumerate(toks[orgs[k].i : orgs[k].j]):
                    for part in tok.stem.split("_"):
                        if part in heads and (n == 0 or part not in last):
                            last[part] = orgs[k]
                k += 1
            if "ال" not in t.prefixes or t.suffix or t.stem not in heads or t.stem not in last:
                continue
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is not None and (nxt.prefixes[:1] == ("ال",) or nxt.norm.startswith("ال")):
                continue  # الحزب الحاكم: another organization (not الوكالة بالمشاركة، الحزب والحكومة)
            org = last[t.stem]
            reason = f"refers back to {org.name or doc.text[org.start:org.end]} (in-document)"
            m = at.get((i, i + 1))
            if m is not None and m.kind == "agent":
                m.emit = False
            elif m is not None or any(x.emit and x.i <= i < x.j for x in res):
                continue
            kind = "place" if org.kind == "place" else "anaphor"  # a place anaphor reads as the place it names
            first = i
            body = at.get((i - 1, i))
            if body is not None and body.kind == "agent" and toks[i - 1].stem in heads and "ال" not in toks[i - 1].prefixes:
                body.emit = False  # مجلس الجامعة، لجنة الحزب: a body of the organization named before, not an agent
                first = i - 1
            out.append(replace(org, i=first, j=i + 1, start=toks[first].start, end=t.end, mention=kind, reason=reason, conf=0.7))
        return sorted(out, key=lambda m: (m.start, -m.end))

    def _drop_dateline(self, doc: Document, res: list[_M]) -> None:
        """The places of a leading dateline (لندن، بريطانيا (CNN) --) say where the report was filed: they are
        not actors of the story, nor evidence of its country. A dateline is one only when every word before
        its bracket belongs to a country, capital or place mention, or some does and the bracket holds a
        Latin outlet name (دبي، الإمارات العربية المتحدة (CNN)); قالت مصر (في بيان) - is not one."""
        found = leading_dateline(doc)
        if found is None:
            return
        bracket, end = found
        places = [m for m in res if m.end <= bracket and m.target.kind in ("country", "capital", "place", "metonym")]
        words = [t for t in doc.tokens if t.end <= bracket and not t.is_punct]
        latin = any(ch.isascii() and ch.isalpha() for ch in doc.text[bracket:end])  # (CNN), (AFP)
        covered = [any(m.start <= t.start and t.end <= m.end for m in places) for t in words]
        if not words or not (all(covered) or (latin and any(covered))):
            return
        for m in res:
            if m.end <= end:  # not emitted, and not counted by _context_country
                m.emit, m.kind, m.mention = False, "dateline", "dateline"

    def _undated_offices(self, res: list[_M]) -> None:
        """With no article date a title goes to its latest holder (وزير الخارجية الإيراني → today's minister);
        when the article names an earlier holder of the same office (حسين أمير عبداللهيان), the title is his."""
        named = {m.actor_id: m for m in res if m.emit and m.kind == "person" and m.mention == "name" and m.actor_id}
        if not named:
            return
        for m in res:
            if not m.emit or m.office is None or m.actor_id in named:
                continue
            role, of = m.office
            p = next((named[e.id] for _r, e in self.kb.officeholders(role, of, None) if e.id in named), None)
            if p is not None:
                was = m.name
                m.name, m.actor_id, m.wikidata = p.name, p.actor_id, p.wikidata
                m.country, m.sector = p.country or m.country, p.sector or m.sector
                m.reason += f"; no article date: {p.name}, named in the article, held it (not {was})"

    def _holds(self, p: _M, roles: frozenset[str], date: str | None) -> bool:
        if p.role in roles:
            return True
        e = self.kb.entries.get(p.actor_id or "")
        return bool(e) and any(r.role in roles for r in e.roles_on(date))

    # ---- 5. context country ------------------------------------------------------------------
    def _context_country(self, res: list[_M], date: str | None, toks: list[Token]) -> None:
        """An agent (or unknown person/organization) with no country of its own takes the country of a place
        named in its sentence (اعتقلت قوات الأمن عشرات المحتجين في طهران: Iranian protesters; for police and courts
        also a country named as a place, في بلجيكا), else the article's most mentioned country."""
        counts: Counter[str] = Counter()
        places: dict[int, Counter[str]] = {}
        located: dict[int, Counter[str]] = {}  # countries named as places (في بلجيكا): for domestic agents only
        attached: dict[int, str] = {}  # token right after «X في» / at «بX» -> the country of the place or body named there
        for m in res:
            if (
                m.country
                and m.country in self.kb.countries
                and m.mention != "loaded"
                and (m.emit or m.kind == "place")
                and not (m.kind == "organization" and m.sector in NO_CONTEXT_SECTORS)
            ):
                counts[m.country] += 2 if m.kind == "country" and m.mention == "name" else 1
                if m.mention in ("place", "capital") and m.i < len(toks):
                    places.setdefault(toks[m.i].sent, Counter())[m.country] += 1
                elif m.mention == "name" and m.kind == "country" and m.i < len(toks) and _locative(toks, m.i):
                    located.setdefault(toks[m.i].sent, Counter())[m.country] += 1
                if m.i < len(toks) and (m.mention in ("place", "capital") or (m.mention == "name" and m.kind == "country")):
                    if "ب" in toks[m.i].prefixes:
                        attached[m.i] = m.country
                    elif m.i > 0 and toks[m.i - 1].norm == "في":
                        attached[m.i - 1] = m.country
                elif 0 < m.i < len(toks) and toks[m.i - 1].norm == "في" and (
                    (m.kind == "organization" and m.mention == "name") or (m.kind == "agent" and m.has_country)
                ):  # مسؤولون في الإدارة الأميركية، مصدر في حركة حماس: the body they belong to
                    attached[m.i - 1] = m.country
        if not counts:
            return
        article_top = counts.most_common(1)[0][0]

        # An agent that an earlier mention gave a country (مجلس الوزراء الإماراتي ... مجلس الوزراء) keeps it.
        own: dict[str, list[tuple[int, str]]] = {}
        for m in res:
            if m.emit and m.kind == "agent" and m.country and m.target.kind == "agent":
                own.setdefault(m.target.ref, []).append((m.i, m.country))

        def context(m: _M) -> tuple[str, str, bool]:
            """(country, where it came from, whether an agent's ``context_country`` may remap it)."""
            near = _attached_place(toks, m.j, attached)
            if near is not None:  # الحكومة الانتقالية في مالي، المحتجون في فرنسا: the place it is named with
                return near, "the place named with it", True
            here = places.get(toks[m.i].sent) if m.i < len(toks) else None
            if not here and m.sector in DOMESTIC_SECTORS and m.i < len(toks):
                here = located.get(toks[m.i].sent)
            if here:
                return here.most_common(1)[0][0], "a place in its sentence", True
            before = [c for i, c in own.get(m.target.ref, ()) if i < m.i] if m.target.kind == "agent" else []
            if before:
                return before[-1], "an earlier mention with a country", False  # the antecedent's own country
            return article_top, "article context", True

        for m in res:
            ref = self._context_ref(m, article_top) if m.emit else None
            if ref is not None:
                # الميليشيات الموالية لإيران in an article about Yemen: the Houthis; الإخوان المسلمين in one about
                # Jordan: the Jordanian Brotherhood
                e = self.kb.entries[ref]
                m.kind, m.name, m.country, m.sector = KIND_OF_TYPE.get(e.type, "organization"), e.name, e.country, e.sector
                m.actor_id, m.wikidata = e.id, e.wikidata
                m.reason += f"; in an article about {article_top}: {e.name}"
            elif m.emit and m.kind == "agent" and not m.country:
                top, where, remap = context(m)
                m.country = top
                if m.target.kind == "agent":
                    ag = self.kb.agents[m.target.ref]
                    # التحالف in a Yemen article: the Saudi-led one; المملكة: the article's kingdom, else Saudi Arabia
                    if remap:
                        m.country = ag.context_country.get(top, ag.default_country or top)
                    m.name = fill_name(ag.name, self.kb.demonym(m.country), "")
                m.reason += f"; country {m.country} from {where}" + (f" ({top})" if m.country != top else "")
                m.conf *= 0.6
                if m.role and m.person_title:
                    officeholder(self.kb, m, date)
            elif m.emit and m.kind in ("person", "organization") and not m.actor_id and not m.country:
                top, where, _ = context(m)
                m.country = top  # a person/organization the knowledge base lacks: most are from the article's country
                m.reason += f"; country {top} from {where}"
                m.conf *= 0.6

    # ---- output ------------------------------------------------------------------------------
    def _context_ref(self, m: _M, article_top: str) -> str | None:
        """The entry a loaded reference or a movement's name stands for in an article about ``article_top``
        (``context_ref`` in the knowledge base), if it lists one."""
        if m.target.kind == "loaded":
            refs = self.kb.loaded[m.target.ref].context_ref
        elif m.target.kind == "entry" and m.actor_id == m.target.ref:
            refs = self.kb.entries[m.target.ref].context_ref
        else:
            return None
        return refs.get(article_top)

    def _actor(self, m: _M, text: str) -> Actor:
        return Actor(start=m.start, end=m.end, text=text[m.start:m.end], name=m.name, country=m.country, sector=m.sector,
                     kind="country" if m.kind == "place" else (m.kind or "unknown"), actor_id=m.actor_id or None, wikidata=m.wikidata, loaded=m.loaded,
                     reason=m.reason, confidence=round(m.conf, 3))

    # ---- API for the event coder --------------------------------------------------------------
    def resolve_span(self, doc: Document, start: int, end: int) -> Actor | None:
        """The best actor mention inside ``doc.text[start:end]``: outermost mentions only (a title with its
        organization, not the organization alone), then person > organization/IGO > agent > country,
        confidence and length; else a mention overlapping the span; else None."""
        if not doc.actors and "actor_mentions" not in doc.user_data:
            self(doc)
        inside = [a for a in doc.actors if a.start >= start and a.end <= end]
        if not inside:
            inside = [a for a in doc.actors if a.start < end and start < a.end]
        if not inside:
            return None
        # a mention inside a longer one is part of it (حركة حماس in رئيس المكتب السياسي لحركة حماس)
        outer = [a for a in inside if not any(b is not a and b.start <= a.start and a.end <= b.end
                                              and (b.end - b.start) > (a.end - a.start) for b in inside)]
        return max(outer, key=lambda a: (_KIND_RANK.get(a.kind, 0), a.confidence, a.end - a.start, -a.start))

    def canonical(self, doc: Document, actor: Actor) -> Actor:
        """``actor`` pointed at the most specific mention of the same entity in the article (a name beats a title)."""
        kinds = doc.user_data.get("actor_mentions", {})
        prefixes = doc.user_data.get("actor_prefixes", {})
        if actor.kind == "agent" or (actor.kind == "person" and not actor.actor_id and not actor.name) \
                or kinds.get((actor.start, actor.end)) in KEEP_MENTIONS:
            return actor
        key = identity(actor)
        same = [a for a in doc.actors if identity(a) == key]
        if not same:
            return actor
        def rank(a: Actor) -> tuple[int, bool, int, int]:
            mention, prefix = kinds.get((a.start, a.end), "agent"), prefixes.get((a.start, a.end), "")
            # a name beats a title; a mention without a preposition glued to it (للكيان) beats one with
            return MENTION_RANK.get(mention, 0), not prefix.strip("و+"), a.end - a.start, -a.start

        best = max(same, key=rank)
        out = actor.with_mention(best.start, best.end, best.text)
        return out

    def antecedent(self, doc: Document, offset: int) -> Actor | None:
        """The last person (else organization) mentioned before ``offset``: the subject of وأضاف / بدوره."""
        before = [a for a in doc.actors if a.end <= offset]
        for kinds in (("person",), ("organization", "igo")):
            cands = [a for a in before if a.kind in kinds]
            if cands:
                return cands[-1]
        return None


def _hashtag_span(toks: list[Token], start: int, end: int) -> tuple[int, int]:
    """A name written as a hashtag (#محمود_عباس) is the whole hashtag, whatever part of it the NER tagged."""
    i = bisect_right(toks, start, key=lambda t: t.end)  # the first token ending after start
    if i >= len(toks):
        return start, end
    a = b = i

    def glued(k: int) -> bool:  # toks[k] is "_" between two words with no space
        return 0 < k < len(toks) - 1 and toks[k].text == "_" and toks[k - 1].end == toks[k].start == toks[k - 1].end \
            and toks[k + 1].start == toks[k].end and not toks[k - 1].is_punct and not toks[k + 1].is_punct

    while a >= 2 and glued(a - 1):
        a -= 2
    while b + 2 < len(toks) and glued(b + 1):
        b += 2
    if a == b == i:
        return start, end
    return toks[a].start, toks[b].end


_NISBA_ENDINGS = ("ي", "يه", "يون", "يين", "يان", "يتان", "يتين")
_KIND_RANK = {"person": 5, "organization": 4, "igo": 4, "agent": 3, "country": 2, "unknown": 1}


def identity(a: Actor) -> tuple[str, ...]:
    """A key shared by all mentions of one entity."""
    if a.actor_id:
        return ("id", a.actor_id) if a.kind != "agent" else ("agent", a.actor_id, a.sector)
    if a.kind in ("person", "organization"):
        return (a.kind, a.name, a.country)
    return (a.kind, a.country, a.sector)


def entry_label(e: Entry) -> str:
    return f"{e.name} ({e.type}, {e.country or '-'}/{e.sector or '-'})"


def _definite(tok: Token) -> bool:
    """The word carries the article, after any clitic (الهجوم، بالهجوم، وللهجوم)."""
    return "ال" in tok.prefixes or tok.norm.startswith("ال")


ATTACHED_GAP = 2  # adjectives between an agent and the place named with it (الحكومة الانتقالية في مالي)


def _attached_place(toks: list[Token], j: int, attached: dict[int, str]) -> str | None:
    """The country of a place named right after a mention ending before token ``j`` (في مالي، بفرنسا), over at most
    ``ATTACHED_GAP`` definite adjectives of its own."""
    for k in range(j, min(j + ATTACHED_GAP + 1, len(toks))):
        if k in attached:
            return attached[k]
        tok = toks[k]
        if tok.is_punct or not _definite(tok) or tok.sent != toks[j - 1].sent:
            return None
    return None


def _locative(toks: list[Token], i: int) -> bool:
    """A country named as a place (في بلجيكا، ببلجيكا), not as an actor."""
    return "ب" in toks[i].prefixes or (i > 0 and toks[i - 1].norm == "في")
