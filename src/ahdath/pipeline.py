"""The coding pipeline: a list of small components, each adding one layer to a Document.

Like spaCy's ``nlp.pipeline``: every component is a callable ``Document -> Document``,
created by a named factory, so a rule-based component can be swapped for a learned one
with the same interface. The stages follow the data flow:
text → language → entities → actors → quotes → events → links/framing.
A component may also have a ``pipe(docs) -> docs`` method for a batch of documents:
``Pipeline.pipe`` and ``code_records`` (the ``ahdath code`` loop) use it.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ahdath.io.readers import Record, RecordError
from ahdath.io.validate import DEFAULT_MAX_CHARS, InputError, check_text
from ahdath.model import Document

Component = Callable[[Document], Document]
DEFAULT_BATCH = 64  # documents per batch in pipe/code_records


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

    def run_batch(self, docs: Sequence[Document], timings: dict[str, float] | None = None) -> list[Document | Exception]:
        """Code a batch of documents; each result is the coded document or the exception it raised.

        A component with a ``pipe(docs) -> docs`` method gets all still-running documents at once
        (the NER tags all their sentences in one batched run); the others get one document at a time.
        If a ``pipe`` call raises, that component falls back to one call per document, so only the
        document at fault fails (``pipe`` components must therefore be safe to re-run). With
        ``timings``, each component's CPU time (this process) is added to ``timings[name]``.
        """
        results: list[Document | Exception] = []
        for doc in docs:
            try:
                check_text(doc.text, self.settings.max_chars)
                results.append(doc)
            except InputError as e:
                results.append(e)
        for name, component in self.components:
            t0 = time.process_time()
            live = [i for i, r in enumerate(results) if isinstance(r, Document)]
            batch_fn = getattr(component, "pipe", None)
            done = False
            if batch_fn is not None and len(live) > 1:
                try:
                    for i, doc in zip(live, batch_fn([results[i] for i in live]), strict=True):
                        results[i] = doc
                    done = True
                except Exception:  # find the document at fault below
                    done = False
            if not done:
                for i in live:
                    try:
                        results[i] = component(results[i])  # type: ignore[arg-type]
                    except Exception as e:
                        results[i] = e
            if timings is not None:
                timings[name] = timings.get(name, 0.0) + time.process_time() - t0
        return results

    def pipe(self, docs: Iterable[Document], batch_size: int = DEFAULT_BATCH) -> Iterator[Document]:
        """Code documents in batches of ``batch_size`` (spaCy's ``nlp.pipe``); yields them in order.

        Same results as calling the pipeline on each document; raises the first document's error,
        as that call would (use ``code_records`` to keep going past bad documents).
        """
        for batch in _chunks(docs, batch_size):
            for res in self.run_batch(batch):
                if isinstance(res, Exception):
                    raise res
                yield res

    def code_records(
        self, records: Iterable[Record | RecordError], batch_size: int = DEFAULT_BATCH
    ) -> Iterator[Document | RecordError]:
        """Code a stream of records in batches; a bad record becomes a RecordError (in its place in
        the stream) and the others go on."""
        pending: list[Record | RecordError] = []
        n_docs = 0
        for rec in records:
            pending.append(rec)
            if not isinstance(rec, RecordError):
                n_docs += 1
            if n_docs >= batch_size:
                yield from self._code_pending(pending)
                pending, n_docs = [], 0
        if pending:
            yield from self._code_pending(pending)

    def _code_pending(self, pending: list[Record | RecordError]) -> Iterator[Document | RecordError]:
        recs = [r for r in pending if not isinstance(r, RecordError)]
        docs = [Document(id=r.id, text=r.text, title=r.title, date=r.date, source=r.source, url=r.url) for r in recs]
        coded = iter(self.run_batch(docs))
        for rec in pending:
            if isinstance(rec, RecordError):
                yield rec
                continue
            res = next(coded)
            if isinstance(res, InputError):
                yield RecordError(rec.id, rec.origin, str(res))
            elif isinstance(res, Exception):  # a bug on one article must not lose the batch
                yield RecordError(rec.id, rec.origin, f"internal error: {type(res).__name__}: {res}")
            else:
                yield res


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def tune_gc_for_batch(gen0: int = 50_000) -> None:
    """For a long batch run in its own process (``ahdath code``): move everything loaded so far (the
    models) out of the garbage collector's sight and collect less often. Python's cyclic GC otherwise
    re-traverses the loaded models at every full collection (about 20% of a run's time on ant_news)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(gen0, 20, 100)


def actor_paths(paths: Sequence[str | Path] | None) -> tuple[str, ...]:
    return tuple(str(Path(p).resolve()) for p in (paths or ()))
