"""Who is condemned when an act is condemned: «أدانت السعودية والإمارات ومصر الاعتداء على قطر».

A condemnation (ACCUSE) whose object is an attack noun condemns the attacker, who is often named only by the
noun's adjective (الهجوم الإسرائيلي) or in an earlier sentence that reported the attack; the victim after
على is not the one condemned. ``condemned_act`` finds the act and its adjective and victim in the sentence;
``attackers`` picks the doer among the attacks the article has already coded. Word lists in
``data/condemned_acts.tsv``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ahdath.events.arguments import MentionIndex, first_object, introduced_by, same_entity
from ahdath.events.lexicon import TriggerMatch, listed, word_roles
from ahdath.model import Actor, Document, Event, Sentence

WORDS = Path(__file__).parent / "data" / "condemned_acts.tsv"
ACT_TYPE = "ASSAULT"
DOER_MENTIONS = frozenset({"nisba", "loaded"})  # the act noun's adjective: الهجوم الإسرائيلي، العدوان الصهيوني
VICTIM_WINDOW = 3  # tokens between the act's noun and its victim's preposition


@dataclass(slots=True, frozen=True)
class CondemnedAct:
    start: int  # char offset of the act's noun: a recipient chosen after it is inside the act's description
    doer: Actor | None  # the noun's adjective (الهجوم الإسرائيلي، العدوان الصهيوني)
    victim: Actor | None  # the mention introduced by على / ضد / بحق after the noun
    kind: frozenset[str] = frozenset()  # the act noun's cue words, singular (غاره for بالغارات); empty for an anaphor (الجريمة)


def cue_kind(cue: str) -> frozenset[str]:
    """The content words of a lexicon cue (folded, as in triggers.tsv), each in its singular form: the kind of
    act it names (شن ... غارات → {شن, غاره}), to tell which earlier attack a condemnation means."""
    out = set()
    for w in cue.split():
        if w == "...":
            continue
        if len(w) > 4 and w.endswith("ات"):
            w = w[:-2] + "ه"
        out.add(w)
    return frozenset(out)


def _words() -> dict[str, frozenset[str]]:
    return word_roles(WORDS)


def condemned_act(
    doc: Document, idx: MentionIndex, sent: Sentence, cue: TriggerMatch, matches: list[TriggerMatch]
) -> CondemnedAct | None:
    """The attack noun that is the object of condemnation cue ``cue``, if the sentence has one."""
    words = _words()
    acts = {x.start_tok: x for x in matches if x.type == ACT_TYPE}
    start = first_object(
        doc, idx, cue.end_tok, sent.token_end,
        lambda t: t in acts or listed(doc.tokens[t], words["anaphor"]),  # ندد بالجريمة: the act reported before
        lambda tok: tok.norm == "و" or listed(tok, words["gap"]),
    )
    if start is None:
        return None
    end, kind = (acts[start].end_tok, cue_kind(acts[start].cue)) if start in acts else (start + 1, frozenset())
    doer = victim = None
    nxt = idx.starting_at(end)
    kinds = doc.user_data.get("actor_mentions", {})
    if nxt is not None and kinds.get((nxt.actor.start, nxt.actor.end)) in DOER_MENTIONS and nxt.actor.country:
        doer = nxt.actor  # an adjective, not the masdar's object (قتل المدنيين: the victims)
    for x in idx.in_range(end, min(sent.token_end, end + VICTIM_WINDOW + 2)):
        if introduced_by(doc, x, sent) in words["victim"]:
            victim = x.actor
            break
    return CondemnedAct(doc.tokens[start].start, doer, victim, kind)


def is_blame(cue: str) -> bool:
    """An accusation that names who is responsible (حمّل ... المسؤولية: a ``blame`` word in its lexicon cue)."""
    return bool(set(cue.split()) & _words().get("blame", frozenset()))


def attackers(
    act: CondemnedAct, attacks: list[Event], accusers: list[Actor | None], kinds: list[frozenset[str]] | None = None,
    blames: list[Event] | None = None,
) -> list[Actor]:
    """The doers of the condemned act: its adjective, else the actors of the latest attack already coded of
    the same kind (``kinds``: each attack's ``cue_kind``; نددت ... بالغارات: an earlier غارة, not clashes), on its
    victim (on the victim itself or in the victim country), else the accused of the article's first blame (``blames``:
    accusations with ``is_blame`` cues, in order: اغتيل هنية ... وحمّلت حماس إسرائيل المسؤولية), else of the article's
    first attack (on the victim): the act its lead reports, not a background attack coded after it. Never one of the
    accusers themselves."""
    found: list[Actor] = []
    if act.doer is not None:
        found = [act.doer]
    else:
        pool = [e for e in attacks if e.actor is not None]
        same_kind = []
        if act.kind and kinds is not None:
            same_kind = [e for e, k in zip(attacks, kinds, strict=True) if e.actor is not None and k & act.kind]
        if act.victim is not None:
            same_kind = [e for e in same_kind if _on(e, act.victim)] or same_kind
            pool = [e for e in pool if _on(e, act.victim)] or pool
        if same_kind:
            found = _sides_at(same_kind, same_kind[-1].trigger.start, "actor")
        elif blames:  # no attack of its kind: the one the article holds responsible
            found = _sides_at(blames, blames[0].trigger.start, "recipient")
        elif pool:  # ... else the article's first attack, the act its lead reports
            found = _sides_at(pool[:1], pool[0].trigger.start, "actor")
    return [a for a in found if not any(x is not None and same_entity(a, x) for x in accusers)]


def _sides_at(events: list[Event], start: int, role: str) -> list[Actor]:
    """The ``role`` sides ("actor" or "recipient") of the events whose trigger starts at ``start``: one act, with
    its split sides."""
    return [side for e in events if e.trigger.start == start and (side := getattr(e, role)) is not None]


def _on(attack: Event, victim: Actor) -> bool:
    """The attack was on ``victim``: its recipient, or a place in the victim country (الهجوم على قطر, a strike in Doha)."""
    if attack.recipient is not None and same_entity(attack.recipient, victim):
        return True
    where = attack.location or {}
    return victim.kind == "country" and bool(victim.country) and where.get("country") == victim.country
