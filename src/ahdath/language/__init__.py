"""The Arabic text layer: normalization, repair, sentences, tokens."""

from __future__ import annotations

from ahdath.language.sentences import split_sentences
from ahdath.language.tokenize import tokenize
from ahdath.model import Document, Sentence


def analyze(doc: Document) -> Document:
    """Fill ``doc.sentences`` and ``doc.tokens`` (offsets into the original text)."""
    doc.sentences, doc.tokens = [], []
    for si, (start, end) in enumerate(split_sentences(doc.text)):
        toks = tokenize(doc.text, start, end, first_index=len(doc.tokens))
        for t in toks:
            t.sent = si
        doc.sentences.append(Sentence(si, start, end, doc.text[start:end], len(doc.tokens), len(doc.tokens) + len(toks)))
        doc.tokens.extend(toks)
    return doc


__all__ = ["analyze"]
