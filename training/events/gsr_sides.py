"""Sides-ranker training examples from the arabic_event_gsr span files (dev half, MIT).

Each distinct annotator span set (source, verb, target) of a sentence becomes a gold event of the
file's type: trigger = the verb's words, actor / recipient = the source / target words (``None``
when the annotator left them empty: agentless, or no target). Candidates are labelled with the
scorer's side match, which for a side given only as text compares content words. The sentences
are full of passives, agent markers (على يد، برصاص) and instruments (بغارة إسرائيلية) that the
article annotations rarely hold; agentless sets teach nothing about the actor (every actor
candidate counts as right) but still teach the recipient.
"""

from __future__ import annotations

from collections.abc import Iterable

import eval_gsr
import train_sides

from ahdath.events.coder import EventCoder
from ahdath.model import Document

TYPES = ("ASSAULT", "PROTEST")


def _side(text: str, span: tuple[int, int] | None) -> dict | None:
    return {"text": text[span[0] : span[1]]} if span else None


def gsr_golds(types: Iterable[str] = TYPES) -> list[tuple[str, str, dict]]:
    """(key, sentence text, gold dict with ``events``) per span-file sentence; key = TYPE-index."""
    out = []
    for t in types:
        for k, s in enumerate(eval_gsr.span_sentences(t)):
            events = [
                {
                    "type": t,
                    "sentence": s.text,
                    "trigger": s.text[g.verb[0] : g.verb[1]],
                    "actor": _side(s.text, g.source),
                    "recipient": _side(s.text, g.target),
                }
                for g in s.spans
                if g.verb is not None
            ]
            out.append((f"{t}-{k}", s.text, {"events": events}))
    return out


# Each span set's examples count this many times: with 1,137 annotated articles (session 5) twice keeps
# the GSR share of the ranker's training about where it was with 642 (656 GSR sets against 3,178 article
# events then, 1,312 against 6,055 now); GSR spans per sentence ASSAULT target 0.435 -> 0.458. With 2,217
# articles (session 6, 11,938 article events) four times keeps that share.
GSR_REPEAT = 4


def gsr_examples(pipe: object, coder: EventCoder, golds: list[tuple[str, str, dict]] | None = None) -> dict[str, list]:
    """Sides examples (``train_sides.Example``) per span-file sentence, keyed TYPE-index; ``golds``: those
    of ``gsr_golds()`` when the caller already read them."""
    out: dict[str, list] = {}
    for key, text, gold in golds if golds is not None else gsr_golds():
        doc = pipe(Document(id=f"gsr-{key}", text=text))  # type: ignore[operator]
        out[key] = list(train_sides.doc_examples(doc, gold, coder)) * GSR_REPEAT
    return out
