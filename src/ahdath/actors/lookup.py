"""Explain how a mention resolves: ``ahdath actors lookup "عبد اللهيان" --date 2023-10-14``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ahdath.actors.kb import Entry
from ahdath.language.normalize import fold_text
from ahdath.model import Document

if TYPE_CHECKING:
    from ahdath.actors.resolve import ActorResolver


def lookup(text: str, date: str | None = None, resolver: ActorResolver | None = None) -> list[dict[str, Any]]:
    """Candidates for ``text`` with the reason for each, best first.

    The first items are the mentions the resolver finds when ``text`` is read as a short document on
    ``date`` (``"resolved"``); then every knowledge-base entry, country or agent whose surface forms include
    the folded ``text`` (``"candidate"``), with the roles each person holds on ``date``.
    """
    from ahdath.actors.resolve import ActorResolver

    resolver = resolver or ActorResolver.load()
    kb = resolver.kb
    doc = Document(id="lookup", text=text, date=date)
    resolver(doc)
    out: list[dict[str, Any]] = []
    for a in doc.actors:
        d = a.to_dict()
        d["match"] = "resolved"
        e = kb.entries.get(a.actor_id or "")
        if e is not None and e.roles:
            d["roles"] = _roles(e, date)
        out.append(d)
    key = fold_text(text).strip()
    seen = {d.get("id") for d in out}
    for e in kb.entries.values():
        forms = {fold_text(a) for a in e.ar}
        if key in forms or fold_text(e.name) == key or e.id == text:
            if e.id in seen:
                continue
            roles = _roles(e, date)
            out.append({"match": "candidate", "id": e.id, "name": e.name, "kind": e.type, "country": e.country,
                        "sector": e.sector, "wikidata": e.wikidata, "roles": roles,
                        "reason": f"surface form of {e.id} in {e.source or 'knowledge base'}"})
    for c in kb.countries.values():
        forms = {fold_text(a): "name" for a in c.ar} | {fold_text(a): "nisba" for a in c.nisba} \
            | {fold_text(a): "capital" for a in c.capital}
        if key in forms and c.id not in seen:
            out.append({"match": "candidate", "id": c.id, "name": c.name, "kind": "country", "country": c.id,
                        "sector": "GOV" if forms[key] == "capital" else "", "reason": f"country {forms[key]}"})
    for ag in kb.agents.values():
        if key in {fold_text(a) for a in ag.ar}:
            out.append({"match": "candidate", "id": ag.id, "name": ag.name, "kind": "agent", "country": ag.country,
                        "sector": ag.sector, "role": ag.role, "reason": "agent noun (combine with a country)"})
    return out


def _roles(e: Entry, date: str | None) -> list[dict[str, Any]]:
    """The entry's offices, each marked valid or not on ``date``."""
    return [{"role": r.role, "of": r.of, "start": r.start, "end": r.end, "valid": r.valid_on(date)} for r in e.roles]
