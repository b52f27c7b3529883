"""Framing: loaded terms (name-calling, euphemisms, loaded labels, casualty terms) and whose voice uses them.

Each match of the lexicon ``data/framing.tsv`` becomes a :class:`ahdath.model.Frame` with its neutral
gloss and category; ``voice`` is ``"quote"`` when the term stands inside a quote's content (with the
quoted speaker's name) and ``"narration"`` when the outlet itself uses it. Run after the quotes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ahdath.model import Document, Frame, Quote
from ahdath.quotes.phrases import PhraseMatcher, read_tsv

CATEGORIES = ("name-calling", "loaded-label", "euphemism", "casualty-term", "delegitimizing")


@dataclass(frozen=True, slots=True)
class Term:
    term: str
    gloss: str
    category: str


@lru_cache(maxsize=1)
def load_lexicon() -> PhraseMatcher[Term]:
    return PhraseMatcher((term, Term(term, gloss, category)) for term, gloss, category in read_tsv("framing.tsv", 3))


def speaker_label(q: Quote) -> str | None:
    if q.speaker is None:
        return None
    return q.speaker.name or q.speaker.text


class FramingTagger:
    """Pipeline component: fills ``doc.frames``."""

    def __init__(self, lexicon: PhraseMatcher[Term]) -> None:
        self.lexicon = lexicon

    @classmethod
    def load(cls) -> FramingTagger:
        return cls(load_lexicon())

    def __call__(self, doc: Document) -> Document:
        doc.frames = []
        for sent in doc.sentences:
            toks = doc.sentence_tokens(sent)
            for m in self.lexicon.find_all(toks):
                start, end = toks[m.first].start, toks[m.last].end
                quote = next((q for q in doc.quotes if q.start <= start and end <= q.end), None)
                doc.frames.append(
                    Frame(
                        start=start,
                        end=end,
                        text=doc.text[start:end],
                        gloss=m.value.gloss,
                        category=m.value.category,
                        voice="quote" if quote is not None else "narration",
                        speaker=speaker_label(quote) if quote is not None else None,
                    )
                )
        return doc
