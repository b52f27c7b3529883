"""The Arabic text layer: normalization, repair, sentences, tokens.

``analyze(doc)`` fills ``doc.sentences``, ``doc.tokens`` and ``doc.repairs``; every offset indexes
the original ``doc.text``, which is never modified. Repairs show up in ``Token.norm`` (the folded,
cleaned form used for lookup) and as :class:`ahdath.model.Repair` records.
"""

from __future__ import annotations

import gc

from ahdath.language.repair import text_repairs
from ahdath.language.sentences import split_sentences
from ahdath.language.tokenize import FUTURE, TOKEN_RE, analyze_word, lookup_forms, segment, tokenize
from ahdath.model import Document, Repair, Sentence, Token


def analyze(doc: Document) -> Document:
    """Fill ``doc.sentences``, ``doc.tokens`` and ``doc.repairs`` (offsets into the original text)."""
    # Tokens are plain acyclic objects: pausing the cyclic collector while they are made saves
    # most of the tokenizer's time on long runs (it resumes, as it was, before returning).
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _analyze(doc)
    finally:
        if paused:
            gc.enable()


def _analyze(doc: Document) -> Document:
    text = doc.text
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    repairs: list[Repair] = []
    finditer = TOKEN_RE.finditer
    append = tokens.append
    for si, (start, end) in enumerate(split_sentences(text)):
        t0 = len(tokens)
        for m in finditer(text, start, end):
            surface = m.group()
            a = analyze_word(surface)
            ts = m.start()
            te = m.end()
            append(Token(len(tokens), ts, te, surface, a.norm, a.prefixes, a.stem, a.suffix, a.is_punct, si))
            if a.repair_kind and a.repair_kind != "quote_marks":
                repairs.append(Repair(ts, te, surface, a.repair_kind, a.repaired))
        sentences.append(Sentence(si, start, end, text[start:end], t0, len(tokens)))
    extra = text_repairs(text)
    if extra:
        by_start = {t.start: t for t in tokens}
        for r in extra:
            t = by_start.get(r.start)
            if t is not None and t.end == r.end:
                t.norm = t.stem = r.replacement
        repairs.extend(extra)
        repairs.sort(key=lambda r: (r.start, r.end))
    doc.sentences, doc.tokens, doc.repairs = sentences, tokens, repairs
    return doc


__all__ = ["FUTURE", "analyze", "lookup_forms", "segment", "split_sentences", "tokenize"]
