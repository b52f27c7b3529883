"""Who mediates, between whom: «بوساطة وزير الخارجية العماني بدر البوسعيدي», «نجاح الوسطاء في قطر ومصر».

A mediation noun (CONSULT, mode third-party) names its mediator after it -- right after the noun (بوساطة
الولايات المتحدة، بوساطة مصرية وقطرية), after a relative verb (جهود وساطة أجرتها مسقط) or, for the people who
mediate, after في (الوسطاء في قطر ومصر والولايات المتحدة) -- and the mediated parties elsewhere in the sentence:
after بين (اتفاق بين إسرائيل وحركة حماس), else the subject the sentence's reported clause starts with (أن الهند
وباكستان وافقتا ... بوساطة الولايات المتحدة). CAMEO 045 "mediate" codes the mediator as the actor and each party
as a recipient; the sides ranker, which saw few mediations in 2018 news, often takes a party for the mediator.
Word lists in ``data/mediation.tsv``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ahdath.events.arguments import BETWEEN, MentionIndex, coordinated, introduced_by, same_entity
from ahdath.events.lexicon import TriggerMatch, listed, word_roles
from ahdath.model import Actor, Document, Sentence

WORDS = Path(__file__).parent / "data" / "mediation.tsv"
MEDIATE_TYPE, MEDIATE_MODE = "CONSULT", "third-party"
WINDOW = 3  # link words between the noun and its mediator
REPORTED = frozenset({"ان", "بان"})  # a reported clause starts: its subject is the parties


@dataclass(slots=True, frozen=True)
class Mediation:
    mediators: list[Actor]
    parties: list[Actor]  # empty: none named in the sentence


def _words() -> dict[str, frozenset[str]]:
    return word_roles(WORDS)


def mediation(doc: Document, idx: MentionIndex, sent: Sentence, cue: TriggerMatch) -> Mediation | None:
    """The mediators a mediation noun names after it, and the parties of the sentence; None when ``cue`` is
    no mediation noun or names no mediator (then the one who mediates is the verb's subject: أعلنت عمان ...
    بعد جهود وساطة)."""
    words = _words()
    if cue.type != MEDIATE_TYPE or cue.mode != MEDIATE_MODE:
        return None
    head = doc.tokens[cue.head]
    if not listed(head, words["noun"]):
        return None
    links = words["link"] | (words["people_link"] if listed(head, words["people"]) else frozenset())
    first = None
    for t in range(cue.end_tok, min(sent.token_end, cue.end_tok + WINDOW + 1)):
        first = idx.starting_at(t)
        if first is not None or not listed(doc.tokens[t], links):
            break
    if first is None:
        return None
    mediators = [x.actor for x in coordinated(doc, idx, first, sent)]
    return Mediation(mediators, _parties(doc, idx, sent, cue, mediators))


def _parties(doc: Document, idx: MentionIndex, sent: Sentence, cue: TriggerMatch, mediators: list[Actor]) -> list[Actor]:
    """The mediated sides: the list after the sentence's بين nearest the noun, else the subject list of the
    clause the noun ends (after the last أن before it), never a mediator or one of a mediator's country."""

    def ok(a: Actor) -> bool:
        return not any(same_entity(a, m) or (a.country and a.country == m.country) for m in mediators)

    between = [x for x in idx.in_range(sent.token_start, sent.token_end) if introduced_by(doc, x, sent) == BETWEEN]
    if between:
        near = min(between, key=lambda x: abs(x.start_tok - cue.start_tok))
        return [x.actor for x in coordinated(doc, idx, near, sent) if ok(x.actor)]
    start = sent.token_start
    for t in range(sent.token_start, cue.start_tok):
        if doc.tokens[t].norm in REPORTED:
            start = t + 1
    for x in idx.in_range(start, cue.start_tok):
        if introduced_by(doc, x, sent) is None and ok(x.actor):
            return [y.actor for y in coordinated(doc, idx, x, sent) if ok(y.actor)]
    return []
