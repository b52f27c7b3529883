"""ahdath (أحداث): Arabic news to political event data, with evidence in the original text.

>>> import ahdath
>>> doc = ahdath.code("طالب وزير الخارجية الإيراني بوقف الهجمات على غزة.", date="2023-10-14")
>>> doc.to_dict()["events"][0]["type"]
'REQUEST'
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ahdath.model import Document
from ahdath.pipeline import Pipeline, Settings, actor_paths

__version__ = "0.1.0"


@lru_cache(maxsize=4)
def _cached_pipeline(settings: Settings) -> Pipeline:
    return Pipeline.load(settings)


def load(actors: Sequence[str | Path] | None = None, components: Sequence[str] | None = None) -> Pipeline:
    """The coding pipeline (built once per distinct configuration and reused)."""
    return _cached_pipeline(
        Settings(actors_paths=actor_paths(actors), components=tuple(components) if components else None)
    )


def code(
    text: str,
    date: str | None = None,
    source: str | None = None,
    *,
    doc_id: str = "doc",
    title: str | None = None,
    actors: Sequence[str | Path] | None = None,
) -> Document:
    """Code one Arabic article; raises ``ahdath.io.validate.InputError`` for text that cannot be coded."""
    return load(actors)(Document(id=doc_id, text=text, date=date, source=source, title=title))


__all__ = ["Document", "Pipeline", "code", "load", "__version__"]
