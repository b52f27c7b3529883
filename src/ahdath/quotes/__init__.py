"""Who said what, according to whom: quotes, attribution, statement-event links and framing.

Pipeline order: analyze -> ner -> actors -> ``QuoteExtractor`` (runs the ``AttributionTagger``
first) -> ``FramingTagger`` -> events -> ``link_statements``. The event coder sets
``Event.reported_by`` with :func:`reported_by`.
"""

from __future__ import annotations

from ahdath.quotes.attribution import AttributionTagger, reported_by
from ahdath.quotes.extract import QuoteExtractor
from ahdath.quotes.framing import FramingTagger
from ahdath.quotes.link import link_statements

__all__ = ["AttributionTagger", "FramingTagger", "QuoteExtractor", "link_statements", "reported_by"]
