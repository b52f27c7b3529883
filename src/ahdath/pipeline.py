"""The coding pipeline: a list of small components, each adding one layer to a Document.

Like spaCy's ``nlp.pipeline``: every component is a callable ``Document -> Document``,
created by a named factory, so a rule-based component can be swapped for a learned one
with the same interface. The stages follow the data flow:
text → language → entities → actors → quotes → events → links/framing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ahdath.io.readers import Record, RecordError
from ahdath.io.validate import DEFAULT_MAX_CHARS, InputError, check_text
from ahdath.model import Document

Component = Callable[[Document], Document]


@dataclass(frozen=True, slots=True)
class Settings:
    """What a pipeline is built from (hashable, so built pipelines can be cached)."""

    actors_paths: tuple[str, ...] = ()
    components: tuple[str, ...] | None = None  # None: DEFAULT_COMPONENTS
    max_chars: int = DEFAULT_MAX_CHARS


def _language(settings: Settings, built: dict[str, Component]) -> Component:
    from ahdath.language import analyze

    return analyze


def _ner(settings: Settings, built: dict[str, Component]) -> Component:
    from ahdath.ner import NERTagger

    return NERTagger.load()


def _actors(settings: Settings, built: dict[str, Component]) -> Component:
    from ahdath.actors.resolve import ActorResolver

    return ActorResolver.load(extra_paths=settings.actors_paths)


def _quotes(settings: Settings, built: dict[str, Component]) -> Component:
    from ahdath.quotes.extract import QuoteExtractor

    # The resolver names speakers that no actor mention covers.
    return QuoteExtractor.load(resolver=built.get("actors"))  # type: ignore[arg-type]


def _attribution(settings: Settings, built: dict[str, Component]) -> Component:
    from ahdath.quotes.attribution import AttributionTagger

    return AttributionTagger.load()


def _events(settings: Settings, built: dict[str, Component]) -> Component:
    from ahdath.events.coder import EventCoder

    return EventCoder.load(resolver=built.get("actors"))


def _link(settings: Settings, built: dict[str, Component]) -> Component:
    from ahdath.quotes.link import link_statements

    return link_statements


def _framing(settings: Settings, built: dict[str, Component]) -> Component:
    from ahdath.quotes.framing import FramingTagger

    return FramingTagger.load()


# A factory builds one component from the settings and the components built before it.
FACTORIES: dict[str, Callable[[Settings, dict[str, Component]], Component]] = {
    "language": _language,
    "ner": _ner,
    "actors": _actors,
    "attribution": _attribution,
    "quotes": _quotes,
    "events": _events,
    "link": _link,
    "framing": _framing,
}
# "attribution" runs inside "quotes" (which needs it); it stays available for custom pipelines.
DEFAULT_COMPONENTS: tuple[str, ...] = ("language", "ner", "actors", "quotes", "events", "link", "framing")


@dataclass
class Pipeline:
    """Named components applied in order."""

    components: list[tuple[str, Component]] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)

    @classmethod
    def load(cls, settings: Settings | None = None) -> Pipeline:
        settings = settings or Settings()
        names = settings.components or DEFAULT_COMPONENTS
        unknown = [n for n in names if n not in FACTORIES]
        if unknown:
            raise ValueError(f"unknown pipeline component(s): {', '.join(unknown)}; known: {', '.join(FACTORIES)}")
        built: dict[str, Component] = {}
        for n in names:
            built[n] = FACTORIES[n](settings, built)
        return cls(list(built.items()), settings)

    @property
    def names(self) -> list[str]:
        return [n for n, _ in self.components]

    def __call__(self, doc: Document) -> Document:
        check_text(doc.text, self.settings.max_chars)
        for _, component in self.components:
            doc = component(doc)
        return doc

    def code_records(self, records: Iterable[Record | RecordError]) -> Iterator[Document | RecordError]:
        """Code a stream of records; a bad record becomes a RecordError and the stream goes on."""
        for rec in records:
            if isinstance(rec, RecordError):
                yield rec
                continue
            doc = Document(id=rec.id, text=rec.text, title=rec.title, date=rec.date, source=rec.source, url=rec.url)
            try:
                yield self(doc)
            except InputError as e:
                yield RecordError(rec.id, rec.origin, str(e))
            except Exception as e:  # a bug on one article must not lose the batch
                yield RecordError(rec.id, rec.origin, f"internal error: {type(e).__name__}: {e}")


def actor_paths(paths: Sequence[str | Path] | None) -> tuple[str, ...]:
    return tuple(str(Path(p).resolve()) for p in (paths or ()))
