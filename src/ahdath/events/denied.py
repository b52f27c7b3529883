"""Who is answered when a claim is denied: «وتنفي قطر تلك الاتهامات», «ونفى مسؤولون سعوديون هذه الاتهامات».

A denial or rejection (REJECT) whose object is a claim noun (الاتهامات، المزاعم، الادعاءات), often after a
demonstrative, answers whoever made the claim (guidelines §3: the recipient of a rejection is the one rejected),
who is usually named in an earlier sentence as the actor of an accusation. ``denied_claim`` finds the claim noun
after the cue; ``claimants`` picks the accusers among the accusations the article has already coded, those aimed at
the denier first. Word lists in ``data/denied_claims.tsv``."""

from __future__ import annotations

from pathlib import Path

from ahdath.events.arguments import MentionIndex, first_object, same_entity
from ahdath.events.lexicon import TriggerMatch, listed, word_roles
from ahdath.model import Actor, Document, Event, Sentence

WORDS = Path(__file__).parent / "data" / "denied_claims.tsv"
DENIAL_TYPE = "REJECT"
CLAIM_TYPE = "ACCUSE"
WINDOW = 6  # tokens between the cue and the claim noun (the denier's name, a demonstrative)


def _words() -> dict[str, frozenset[str]]:
    return word_roles(WORDS)


def denied_claim(doc: Document, idx: MentionIndex, sent: Sentence, cue: TriggerMatch) -> int | None:
    """Char offset of the claim noun that is the object of denial cue ``cue``, if one follows it in the sentence
    with nothing but mentions, punctuation and ``gap`` words (هذه، تلك، بشدة) between."""
    words = _words()
    t = first_object(
        doc, idx, cue.end_tok, min(sent.token_end, cue.end_tok + WINDOW),
        lambda t: listed(doc.tokens[t], words["claim"]), lambda tok: listed(tok, words["gap"]),
    )
    if t is None or idx.starting_at(t + 1) is not None:
        return None  # مزاعم ويلسون، اتهامات واشنطن: the claim's maker is named after it
    return doc.tokens[t].start


def claimants(accusations: list[Event], deniers: list[Actor | None]) -> list[Actor]:
    """The actors of the latest accusation coded before the denial, preferring those aimed at one of the deniers
    (تتهم السعودية والإمارات قطر ... وتنفي قطر: both); never a denier itself."""
    pool = [e for e in accusations if e.actor is not None]
    aimed = [e for e in pool if e.recipient is not None and any(d is not None and same_entity(e.recipient, d) for d in deniers)]
    pool = aimed or pool
    if not pool:
        return []
    last = pool[-1].trigger.start
    found = [e.actor for e in pool if e.trigger.start == last and e.actor is not None]
    return [a for a in found if not any(d is not None and same_entity(a, d) for d in deniers)]
