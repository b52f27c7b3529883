"""Training/evaluation examples for the event classifier, built from ../shared.

- Annotated articles (silver + the project's extra annotations via ``event_sets``, dev gold): each
  event is located in the article (its ``sentence`` then its ``trigger``) and mapped to tokens of
  ``ahdath.language.analyze``.
- Sentence examples: one per analyzed sentence with the set of event types it holds; a sentence
  without an event of type T that repeats the trigger stem of a T event of the same article is
  marked unsure for T (the guidelines code a repeated event once, so it is not a clean negative).
- Candidate examples: trigger candidates (from a candidate generator) labelled with the type of
  the gold event whose trigger they overlap, ``NONE`` otherwise, or skipped when unsure as above.
- arabic_event_gsr: ASSAULT / PROTEST sentence labels (``ambiguous`` dropped unless asked).
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import event_sets

from ahdath.language import analyze
from ahdath.model import Document, Sentence

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("AHDATH_SHARED", REPO / ".." / "shared")).resolve()
DATA = SHARED / "data"
WORK = REPO / "training" / "work" / "events"


@dataclass
class GoldEvent:
    type: str
    trigger: str
    start: int  # char offsets of the trigger in the article (-1 when not found)
    end: int
    tok_start: int = -1
    tok_end: int = -1
    sent: int = -1


@dataclass
class Article:
    doc: Document
    events: list[GoldEvent] = field(default_factory=list)
    unaligned: int = 0

    def sentence_labels(self) -> list[tuple[set[str], set[str]]]:
        """Per sentence: (types it holds, types unsure because an event of that type repeats there)."""
        out: list[tuple[set[str], set[str]]] = [(set(), set()) for _ in self.doc.sentences]
        stems_by_type: dict[str, set[str]] = {}
        for e in self.events:
            if e.sent >= 0:
                out[e.sent][0].add(e.type)
                stems_by_type.setdefault(e.type, set()).update(
                    t.stem for t in self.doc.tokens[e.tok_start : e.tok_end] if not t.is_punct and len(t.stem) > 2
                )
        for s in self.doc.sentences:
            stems = {t.stem for t in self.doc.sentence_tokens(s)}
            for typ, ts in stems_by_type.items():
                if typ not in out[s.i][0] and stems & ts:
                    out[s.i][1].add(typ)
        return out


def _locate(text: str, sentence: str, trigger: str) -> tuple[int, int]:
    """Char span of the trigger (original offsets) or (-1, -1)."""
    s0 = text.find(sentence)
    if s0 < 0:
        s0 = text.find(sentence[:30])
    if s0 >= 0:
        t0 = text.find(trigger, s0)
        if t0 >= 0 and (t0 - s0) <= len(sentence) + 5:
            return t0, t0 + len(trigger)
    t0 = text.find(trigger)
    if t0 >= 0:
        return t0, t0 + len(trigger)
    return -1, -1


def annotated(articles: dict[str, dict], golds: dict[str, dict]) -> list[Article]:
    out: list[Article] = []
    for aid in sorted(articles):
        a = articles[aid]
        doc = analyze(Document(id=aid, text=a["text"], title=a.get("title"), date=a.get("date")))
        art = Article(doc)
        for ev in golds.get(aid, {}).get("events", []):
            start, end = _locate(doc.text, ev.get("sentence") or "", ev.get("trigger") or "\0")
            ge = GoldEvent(ev["type"], ev.get("trigger") or "", start, end)
            if start >= 0:
                toks = [t for t in doc.tokens if t.start < end and t.end > start]
                if toks:
                    ge.tok_start, ge.tok_end, ge.sent = toks[0].i, toks[-1].i + 1, toks[0].sent
            if ge.sent < 0:
                art.unaligned += 1
            art.events.append(ge)
        out.append(art)
    return out


def silver() -> list[Article]:
    """Training articles: ../shared silver plus the project's extra annotations (training/data)."""
    return annotated(*event_sets.training_set(SHARED))


def dev() -> list[Article]:
    return annotated(*event_sets.dev_set(SHARED))


@dataclass
class GsrSentence:
    id: str
    text: str
    label: int  # 1 yes, 0 no (-1 ambiguous)
    hard: bool  # "difficult no"
    accept: int = 0  # annotators accepting / rejecting the label
    reject: int = 0


def gsr(event_type: str, ambiguous: bool = False) -> list[GsrSentence]:
    """The dev half of arabic_event_gsr for ASSAULT or PROTEST, ``ambiguous`` left out unless asked."""
    path = DATA / "arabic_event_gsr" / f"{event_type.lower()}_gsr.csv"
    out = []
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["label"] == "ambiguous" and not ambiguous:
                continue
            label = -1 if r["label"] == "ambiguous" else int(r["label"] == "yes")
            hard = r["label"] == "difficult no"
            out.append(GsrSentence(r["id"], r["text"], label, hard, int(r["accept"]), int(r["reject"])))
    return out


def gsr_doc(s: GsrSentence) -> tuple[Document, Sentence]:
    """A GSR sentence as its own analyzed document and one sentence spanning all its tokens."""
    doc = analyze(Document(id=s.id, text=s.text))
    sent = Sentence(0, 0, len(doc.text), doc.text, 0, len(doc.tokens))
    return doc, sent


# -- candidates -----------------------------------------------------------------------------------
@dataclass
class Candidate:
    start_tok: int  # document token indices
    end_tok: int
    lex_type: str | None


CandidateGen = Callable[[Document], list[Candidate]]


def lexicon_generator() -> CandidateGen | None:
    """Candidates from the project's trigger lexicon, when it exists."""
    try:
        from ahdath.events.lexicon import TriggerLexicon
    except ImportError:
        return None
    lex = TriggerLexicon.load()

    def gen(doc: Document) -> list[Candidate]:
        return [Candidate(m.start_tok, m.end_tok, m.type) for m in lex.match(doc)]

    return gen


def label_candidates(art: Article, cands: list[Candidate]) -> list[tuple[Candidate, str | None]]:
    """(candidate, gold type | 'NONE' | None=unsure) for each candidate of an annotated article."""
    labels = art.sentence_labels()
    out: list[tuple[Candidate, str | None]] = []
    for c in cands:
        hit = [e for e in art.events if e.sent >= 0 and e.tok_start < c.end_tok and e.tok_end > c.start_tok]
        if hit:
            types = {e.type for e in hit}
            out.append((c, c.lex_type if c.lex_type in types else hit[0].type))
            continue
        sent = art.doc.tokens[c.start_tok].sent
        if c.lex_type and (c.lex_type in labels[sent][1] or c.lex_type in labels[sent][0]):
            out.append((c, None))  # a repeated mention, or a second cue of a coded event
        else:
            out.append((c, "NONE"))
    return out


def stem_lexicon(arts: list[Article], min_count: int = 2, min_ratio: float = 0.08) -> dict[str, str]:
    """A stand-in trigger lexicon learned from annotated articles: stem -> most frequent type.

    Used to generate training candidates when ``ahdath.events.lexicon`` is not available.
    """
    in_trig: dict[str, Counter[str]] = {}
    total: Counter[str] = Counter()
    for a in arts:
        for t in a.doc.tokens:
            if not t.is_punct:
                total[t.stem] += 1
        for e in a.events:
            if e.sent < 0:
                continue
            for t in a.doc.tokens[e.tok_start : e.tok_end]:
                if not t.is_punct and len(t.stem) > 2:
                    in_trig.setdefault(t.stem, Counter())[e.type] += 1
    out = {}
    for stem, c in in_trig.items():
        n = sum(c.values())
        if n >= min_count and n / max(total[stem], 1) >= min_ratio:
            out[stem] = c.most_common(1)[0][0]
    return out


def stem_generator(lex: dict[str, str]) -> CandidateGen:
    def gen(doc: Document) -> list[Candidate]:
        return [Candidate(t.i, t.i + 1, lex[t.stem]) for t in doc.tokens if not t.is_punct and t.stem in lex]

    return gen
