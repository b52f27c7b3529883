"""Actors: who is who in Arabic news, on the article's date.

``ActorResolver.load()(doc)`` fills ``doc.actors``; ``lookup(text, date, resolver)`` explains a resolution.
Data files and their format: ``ahdath/actors/data`` and docs/actors.md.
"""

from __future__ import annotations

from ahdath.actors.kb import KB, default_kb
from ahdath.actors.lookup import lookup
from ahdath.actors.resolve import ActorResolver, identity

__all__ = ["KB", "ActorResolver", "default_kb", "identity", "lookup"]
