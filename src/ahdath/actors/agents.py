"""Agents: role nouns that give a sector (and maybe an office) without a name, and how they combine.

An agent mention absorbs the modifier after it (a nisba, a country, a place, an organization, another
agent, a person in apposition); an office with a country or organization and the article date gives the
officeholder. Used by :class:`ahdath.actors.resolve.ActorResolver`; the data is ``agents.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ahdath.actors.kb import INTERNATIONAL, KB, Target

CONJ = ("و", "ف")

# Roles that may stand for each other when the knowledge base codes the office under another key.
ROLE_FALLBACK: dict[str, tuple[str, ...]] = {
    "secretary_general": ("leader",),
    "leader": ("secretary_general", "political_bureau_chief"),
    "political_bureau_chief": ("leader",),
    "head_of_state": ("leader",),
    "military_commander": ("army_chief",),
    "head_of": ("leader", "head_of_state", "secretary_general"),
    "attorney_general": ("judiciary_chief",),
}


@dataclass(slots=True)
class Mention:
    """A mention under resolution: its token range, what it matched and the identity built so far."""

    i: int  # token range [i, j)
    j: int
    start: int
    end: int
    target: Target
    prefix: str = ""  # clitics stripped from the first token
    form: str = ""  # the folded surface form that matched
    kind: str = ""
    name: str = ""
    country: str = ""
    sector: str = ""
    actor_id: str | None = None
    wikidata: str | None = None
    loaded: bool = False
    reason: str = ""
    conf: float = 0.5
    mention: str = "agent"  # name | surname | title | agent | nisba | capital | loaded
    role: str | None = None  # office of a title
    person_title: bool = False
    people: bool = False  # a group of people (CVL) from a plural nisba
    has_country: bool = False
    emit: bool = True
    of_name: str = ""
    modifier: bool = False  # nisba/country usable as a modifier
    office_sector: str = ""  # the sector of the body a title belongs to (spokesperson of a ministry)
    office: tuple[str, str] | None = None  # (role, of) of the office whose holder this title was given


def absorb(kb: KB, m: Mention, nxt: Mention, date: str | None) -> None:
    """Agent ``m`` takes the modifier ``nxt`` right after it."""
    ag = kb.agents[m.target.ref]
    if nxt.kind == "person" and nxt.actor_id and nxt.mention in ("name", "surname"):
        if ag.person and (not m.has_country or nxt.country in ("", m.country)):  # title in apposition to a name
            m.kind, m.name, m.country, m.sector = "person", nxt.name, nxt.country, nxt.sector
            m.actor_id, m.wikidata = nxt.actor_id, nxt.wikidata
            m.reason, m.conf = f"title in apposition to {nxt.name}", 0.9
            m.has_country = True
            nxt.role = nxt.role or ag.role
        elif not m.has_country:  # إدارة ترامب, نظام الأسد
            m.country, m.has_country = nxt.country, True
            m.name = fill_name(ag.name, kb.demonym(nxt.country), nxt.name)
            m.reason = f"agent of {nxt.name} → {nxt.country} {m.sector}"
            m.conf = 0.8
        return
    if nxt.kind == "person":
        return
    if m.has_country and not (nxt.kind in ("organization", "igo") and ag.role):
        return
    if nxt.kind in ("organization", "igo") and nxt.actor_id:
        e = kb.entries[nxt.actor_id]
        m.country, m.has_country = e.country, True
        body = m.form.split()[-1] in kb.bodies or m.form in kb.bodies
        if body and not ag.person:  # المكتب السياسي لحركة حماس: the organization itself
            m.kind, m.name, m.sector, m.actor_id, m.wikidata = nxt.kind, e.name, e.sector, e.id, e.wikidata
            m.reason, m.conf, m.mention = f"body of {e.name}", 0.85, "name"
            m.end, m.j = nxt.end, nxt.j
            m.loaded = m.loaded or nxt.loaded
            return
        m.sector = e.sector or m.sector
        m.of_name = e.name
        m.name = fill_name(ag.name, "", e.name)
        m.reason = f"{m.form} of {e.id} → {e.country} {m.sector}"
        m.conf = 0.8
        if nxt.loaded:
            m.loaded = True
        m.end, m.j = nxt.end, nxt.j
        if ag.role:
            m.role = ag.role
            officeholder(kb, m, date, of=e.id)
        return
    if (nxt.target.kind == "agent" and nxt.kind == "agent" and not nxt.person_title and not ag.person
            and not m.has_country and m.form in kb.commands):
        # قيادة التحالف، قيادة الجيش: the command of a force is that force (its country comes with it, later)
        nxt.start, nxt.i = m.start, m.i
        m.emit = False
        return
    if nxt.target.kind == "agent" and (nxt.person_title or not (ag.person or m.form.endswith("باسم"))):
        return
    if nxt.kind == "place":  # سكان غزة: the place gives the country and joins the mention
        m.country, m.has_country = nxt.country, True
        m.name = fill_name(ag.name, kb.demonym(nxt.country), "")
        m.reason = f"{m.form} of {nxt.form} → {nxt.country} {m.sector}".rstrip()
        m.conf = 0.75
        m.end, m.j = nxt.end, nxt.j
        return
    if nxt.has_country and nxt.country and (nxt.modifier or nxt.kind == "agent"):
        m.country, m.has_country = nxt.country, True
        m.loaded = m.loaded or nxt.loaded
        if not m.sector:  # the head of a body has its sector; the leader of a country is GOV
            m.sector = nxt.sector if nxt.target.kind == "agent" and nxt.sector else \
                ("GOV" if nxt.country in kb.countries else "")
        adj = kb.demonym(nxt.country)
        of_name = nxt.name if nxt.target.kind == "agent" else ""
        m.name = fill_name(ag.name, adj if not of_name else "", of_name or adj)
        m.reason = f"{m.form} + {nxt.form} → {nxt.country} {m.sector}".strip()
        m.conf = 0.85
        if nxt.mention == "nisba" or (nxt.kind == "country" and nxt.mention in ("name", "loaded")):
            if nxt.mention == "nisba":
                nxt.emit = False
            m.end, m.j = nxt.end, nxt.j
        elif nxt.target.kind == "agent":  # المتحدث باسم وزارة الخارجية الإيرانية
            m.end, m.j = nxt.end, nxt.j
            m.office_sector = nxt.sector
            m.role = kb.agents[nxt.target.ref].title_roles.get(m.role or "", m.role)


def member_of(kb: KB, m: Mention, nxt: Mention) -> None:
    """A person noun followed by في + an organization (القيادي في حماس): one of its members, not its officeholder."""
    ag = kb.agents[m.target.ref]
    e = kb.entries[nxt.actor_id or ""]
    m.country, m.has_country = e.country, True
    m.sector = e.sector or m.sector
    m.of_name = e.name
    m.name = fill_name(ag.name, "", e.name)
    m.role = None
    m.reason = f"{m.form} in {e.id} → {e.country} {m.sector}".rstrip()
    m.conf = 0.8
    m.loaded = m.loaded or nxt.loaded
    m.end, m.j = nxt.end, nxt.j


VACANCY_DAYS = 7  # a vacant office still names its last holder this long (reports of a death, a resignation)


def officeholder(kb: KB, m: Mention, date: str | None, of: str | None = None) -> None:
    of = of or m.country
    if not m.role or not of:
        return
    for role in (m.role, *ROLE_FALLBACK.get(m.role, ())):
        holders = kb.officeholders(role, of, date)
        if not holders and role == m.role and date:  # the office is vacant: its holder of the last few days
            holders = kb.recent_holders(role, of, date, VACANCY_DAYS)
        if m.office_sector:
            holders = [h for h in holders if (h[0].sector or h[1].sector) in ("", m.office_sector)]
        if holders:
            r, e = holders[0]
            m.office = (role, of)
            m.kind, m.name, m.actor_id, m.wikidata = "person", e.name, e.id, e.wikidata
            acts_for = kb.role_country(r)  # the President of the European Council acts for the EU, not Poland
            m.country = acts_for if acts_for in INTERNATIONAL else (e.country or m.country)
            m.sector = r.sector or e.sector or m.sector
            when = date or "latest"
            m.reason = f"title+{'org' if of not in kb.countries else 'country'}+date → role {role} of {of} ({when})"
            m.conf = 0.85 if date else 0.65
            return


def country_sector(kb: KB, m: Mention) -> None:
    """Agents whose sector depends on the country (المعارضة in Syria is armed: REB)."""
    if m.target.kind == "agent" and m.kind == "agent" and m.country:
        sec = kb.agents[m.target.ref].sector_by_country.get(m.country)
        if sec:
            m.sector = sec


@lru_cache(maxsize=8192)
def fill_name(template: str, adj: str, of: str) -> str:
    """``"[{adj} ]Foreign Minister"`` with the demonym; the bracketed part drops when empty."""
    value = adj or of
    out, i = [], 0
    while i < len(template):
        ch = template[i]
        if ch == "[":
            j = template.index("]", i)
            part = template[i + 1:j]
            if value:
                out.append(part.replace("{adj}", adj or of).replace("{of}", of or adj))
            i = j + 1
        else:
            out.append(ch)
            i += 1
    return "".join(out).replace("{adj}", adj or of).replace("{of}", of or adj).strip()
