"""Who said what, according to whom: quotes, attribution, statement-event links and framing."""

from __future__ import annotations

from ahdath.quotes.attribution import AttributionTagger, reported_by
from ahdath.quotes.extract import QuoteExtractor

__all__ = ["AttributionTagger", "QuoteExtractor", "reported_by"]
