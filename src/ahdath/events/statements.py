"""Events carried by what a speaker says, with no trigger word the lexicon knows.

Annotators code a statement as an event when its content is one of the types (guidelines §1: "speech acts are
events when their content is one of the types"): «وقال الوزير إن إيران تقف وراء زعزعة استقرار المنطقة» is an
ACCUSE by the minister though no word of it is an accusation cue (on the training batches about a third of the
annotated accusations have no lexicon cue at all: «يقف وراء»، «أسوأ المخالفين»، «سلوكها المزعزع»). When a sentence
holds a quote with a known speaker, and the sentence model reads one of the statement types in it that no cue of
the sentence was coded as, the speech verb becomes the trigger of that type (the sides ranker then picks the
speaker and the target as for any cue). Types and their sentence-model thresholds: ``data/statement_types.tsv``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ahdath.events.lexicon import TriggerMatch, read_rows
from ahdath.language.normalize import fold_text
from ahdath.model import PLOVER_TYPES, Document, Quote, Sentence

TYPES = Path(__file__).parent / "data" / "statement_types.tsv"


@cache
def statement_types(path: Path = TYPES) -> dict[str, float]:
    """{type: the sentence-model probability from which a statement in a sentence is an event of that type}."""
    out: dict[str, float] = {}
    for lineno, r in read_rows(path):
        p = float(r["threshold"])
        if r["type"] not in PLOVER_TYPES:
            raise ValueError(f"{path}:{lineno}: {r['type']!r} is not a PLOVER type")
        if not 0.0 < p <= 1.0:
            raise ValueError(f"{path}:{lineno}: threshold {p} is not a probability")
        out[r["type"]] = p
    return out


def statement_quote(doc: Document, sent: Sentence) -> int | None:
    """The index in ``doc.quotes`` of the first quote whose speech cue stands in ``sent`` and whose speaker is known."""
    return next((i for i, q in enumerate(doc.quotes) if q.speaker is not None and sent.start <= q.cue.start < sent.end), None)


def statement_trigger(doc: Document, sent: Sentence, quote: Quote, event_type: str, p: float) -> TriggerMatch | None:
    """The quote's speech cue (in ``sent``) as the trigger of an ``event_type`` event (weight: the sentence model's
    ``p``)."""
    cue = quote.cue
    toks = [i for i in range(sent.token_start, sent.token_end) if cue.start <= doc.tokens[i].start and doc.tokens[i].end <= cue.end]
    if not toks:
        return None
    first, last = toks[0], toks[-1]
    start, end = doc.tokens[first].start, doc.tokens[last].end
    return TriggerMatch(
        start_tok=first, end_tok=last + 1, start=start, end=end, type=event_type, mode=None, cameo="", pos="verb",
        arg=None, weight=p, cue=fold_text(doc.text[start:end]), text=doc.text[start:end], tokens=(first,),
    )
