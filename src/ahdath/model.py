"""The one data model that travels through every stage of ahdath.

Every annotation is a span over ``Document.text`` -- the original string as it was
given (after decoding only). Offsets are Python string indices (code points) into
that string and are never shifted by normalization or repair: layers that need a
cleaned view (folded letters, repaired words) keep it beside the span (``Token.norm``)
or keep a map back to the original (``ahdath.language.normalize.Folded``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
STATUSES: tuple[str, ...] = ("asserted", "negated", "future", "hypothetical")
ENTITY_LABELS: tuple[str, ...] = ("PERS", "LOC", "ORG", "MISC")


@dataclass(slots=True)
class Span:
    """A stretch of the original text: ``doc.text[start:end] == text``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Token:
    """One whitespace/punctuation token of the original text.

    ``norm`` is the folded, repaired form used for lexicon lookup; ``prefixes``,
    ``stem`` and ``suffix`` are its clitic segmentation (``وبالحكومة`` ->
    ``("و", "ب", "ال")``, ``"حكومه"``, ``""``), all in folded form.
    """

    i: int
    start: int
    end: int
    text: str
    norm: str
    prefixes: tuple[str, ...] = ()
    stem: str = ""
    suffix: str = ""
    is_punct: bool = False
    sent: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Sentence:
    i: int
    start: int
    end: int
    text: str
    token_start: int = 0  # index of the first token
    token_end: int = 0  # one past the last token

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Repair:
    """An artifact found in the original text and how the cleaned view reads it."""

    start: int
    end: int
    text: str
    kind: str  # doubled_letter | stray_letter | quote_marks | control_char | punctuation
    replacement: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Entity:
    """A named-entity mention (from the NER model or the actor dictionary)."""

    start: int
    end: int
    text: str
    label: str  # PERS | LOC | ORG | MISC (GPE may refine LOC)
    source: str = "ner"
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"text": self.text, "start": self.start, "end": self.end, "label": self.label, "source": self.source}
        if self.score is not None:
            d["score"] = round(self.score, 3)
        return d


@dataclass(slots=True)
class Actor:
    """A mention resolved to an identity (or an agent: a role with a country)."""

    start: int
    end: int
    text: str
    name: str = ""
    country: str = ""
    sector: str = ""
    kind: str = ""  # person | organization | country | igo | agent | unknown
    actor_id: str | None = None  # knowledge-base id
    wikidata: str | None = None
    loaded: bool = False  # a loaded/euphemistic reference (الكيان الصهيوني)
    reason: str = ""
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "kind": self.kind,
            "id": self.actor_id,
            "wikidata": self.wikidata,
            "loaded": self.loaded,
            "reason": self.reason,
            "confidence": round(self.confidence, 3),
        }

    def with_mention(self, start: int, end: int, text: str, reason: str | None = None) -> Actor:
        """The same identity, pointed at another mention (coreference)."""
        out = Actor(**{k: getattr(self, k) for k in self.__slots__})  # type: ignore[attr-defined]
        out.start, out.end, out.text = start, end, text
        if reason:
            out.reason = reason
        return out


@dataclass(slots=True)
class Event:
    type: str
    trigger: Span
    sentence: Span
    actor: Actor | None = None
    recipient: Actor | None = None
    mode: str | None = None
    cameo: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    status: str = "asserted"
    location: dict[str, Any] | None = None
    date: str | None = None
    reported_by: str | None = None
    confidence: float = 0.5
    reason: str = ""
    quote: int | None = None  # index into Document.quotes when the event comes from a statement
    id: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "status": self.status,
            "actor": self.actor.to_dict() if self.actor else None,
            "recipient": self.recipient.to_dict() if self.recipient else None,
            "trigger": self.trigger.to_dict(),
            "sentence": self.sentence.to_dict(),
            "location": self.location,
            "date": self.date,
            "reported_by": self.reported_by,
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
            "quote": self.quote,
        }


@dataclass(slots=True)
class Quote:
    speaker: Actor | None
    cue: Span
    start: int
    end: int
    text: str
    direct: bool
    reported_by: str | None = None
    events: list[int] = field(default_factory=list)  # ids of events the quote contains
    id: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict(),
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "direct": self.direct,
            "reported_by": self.reported_by,
            "events": list(self.events),
        }


@dataclass(slots=True)
class Frame:
    """A loaded term (name-calling, euphemism) and whose voice uses it."""

    start: int
    end: int
    text: str
    gloss: str
    category: str
    voice: str  # "narration" or "quote"
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Document:
    """An article and every layer of annotation over it."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    source: str | None = None
    url: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)  # every resolved actor mention
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    attributions: list[Span] = field(default_factory=list)  # agencies the article cites
    warnings: list[str] = field(default_factory=list)
    user_data: dict[str, Any] = field(default_factory=dict)  # scratch space between components

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def sentence_of(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    def sentence_tokens(self, sent: Sentence) -> list[Token]:
        return self.tokens[sent.token_start : sent.token_end]

    def to_dict(self) -> dict[str, Any]:
        """The JSONL output object (see docs/schema.json)."""
        return {
            "doc_id": self.id,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "url": self.url,
            "events": [e.to_dict() for e in self.events],
            "entities": [e.to_dict() for e in self.entities],
            "actors": [a.to_dict() for a in self.actors],
            "quotes": [q.to_dict() for q in self.quotes],
            "framing": [f.to_dict() for f in self.frames],
            "repairs": [r.to_dict() for r in self.repairs],
            "warnings": list(self.warnings),
        }
