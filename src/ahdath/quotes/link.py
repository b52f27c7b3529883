"""Statements linked to events: an event reported inside a quote points to it, and back.

Run after the event coder. An event is a quote's when its trigger lies inside the quote's content,
or when it stands in the quote's cue sentence with the quote's speaker as its actor (بدوره شكر X ...
وقال: ...). ``event.quote`` gets the quote's index in ``doc.quotes``; ``quote.events`` the event ids.
First, a quote whose cue the event coder coded as an event (ووصف ترامب الاتفاق بأنه "كارثة": ACCUSE) is
dropped: a speech act that is an event is not also a quote (EVENT_GUIDELINES 5), unless its verb only
reports (``reporting_verbs.tsv``: وأكد دعمه is an event and a quote) or the event was read off the quote's
content (a statement event, ``events/statements.py``, which the coder marks with ``event.quote``).
"""

from __future__ import annotations

from functools import lru_cache

from ahdath.language.normalize import fold_text
from ahdath.model import Actor, Document, Event, Quote
from ahdath.quotes.phrases import read_tsv


@lru_cache(maxsize=1)
def reporting_lemmas() -> frozenset[str]:
    return frozenset(fold_text(lemma) for (lemma,) in read_tsv("reporting_verbs.tsv", 1))


def drop_event_speech(doc: Document) -> Document:
    """Remove the quotes whose cue is an event's trigger and is no plain reporting verb; renumber the rest."""
    if not doc.quotes or not doc.events:
        return doc
    from ahdath.quotes.extract import load_lexicon  # extract imports this module

    lex, plain = load_lexicon(), reporting_lemmas()
    by_start = {t.start: t for t in doc.tokens}
    keep: list[Quote] = []
    for i, q in enumerate(doc.quotes):
        tok = by_start.get(q.cue.start)
        cue = lex.cue(tok) if tok is not None else None
        # (an event the coder read off this quote's content, ``event.quote == i``, is the quote's, not its cue's)
        coded = any(e.trigger.start < q.cue.end and q.cue.start < e.trigger.end and e.quote != i for e in doc.events)
        if coded and cue is not None and cue.lemma not in plain:
            continue
        keep.append(q)
    if len(keep) < len(doc.quotes):
        for i, q in enumerate(keep):
            q.id = i
        doc.quotes = keep
    return doc


def same_actor(a: Actor | None, b: Actor | None) -> bool:
    """Two mentions of one entity (same id, same English name, same mention or same folded text)."""
    if a is None or b is None:
        return False
    if a.actor_id and a.actor_id == b.actor_id:
        return True
    if a.name and a.name == b.name:
        return True
    if (a.start, a.end) == (b.start, b.end):
        return True
    return fold_text(a.text) == fold_text(b.text)


def quote_of(doc: Document, event: Event) -> int | None:
    """Index of the quote that carries ``event``, or None."""
    trig = event.trigger.start
    inside = [i for i, q in enumerate(doc.quotes) if q.start <= trig < q.end]
    if inside:
        return min(inside, key=lambda i: doc.quotes[i].end - doc.quotes[i].start)  # the innermost
    for i, q in enumerate(doc.quotes):
        if _cue_sentence(doc, q, event) and same_actor(event.actor, q.speaker):
            return i
    return None


def _cue_sentence(doc: Document, q: Quote, event: Event) -> bool:
    sent = doc.sentence_of(q.cue.start)
    return sent is not None and sent.start <= event.trigger.start < sent.end


def link_statements(doc: Document) -> Document:
    """Set ``event.quote`` and ``quote.events`` for every event that comes from a statement (after
    ``drop_event_speech``)."""
    drop_event_speech(doc)
    ids = [e.id for e in doc.events]
    unique = len(set(ids)) == len(ids)
    for q in doc.quotes:
        q.events = []
    for n, event in enumerate(doc.events):
        qi = quote_of(doc, event)
        event.quote = qi
        if qi is not None:
            doc.quotes[qi].events.append(event.id if unique else n)
    return doc
