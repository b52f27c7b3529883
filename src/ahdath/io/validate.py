"""Checks on an article's text before coding: each failure is a clear, record-level message."""

from __future__ import annotations

DEFAULT_MAX_CHARS = 1_000_000
MIN_ARABIC_SHARE = 0.3


class InputError(ValueError):
    """The text of one record cannot be coded; the message says why."""


def arabic_share(text: str, sample: int = 20000) -> float:
    """Share of letters in the Arabic blocks among all letters (of a prefix sample)."""
    letters = arabic = 0
    for ch in text[:sample]:
        if ch.isalpha():
            letters += 1
            if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff":
                arabic += 1
    return arabic / letters if letters else 0.0


def check_text(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> None:
    """Raise :class:`InputError` when ``text`` is not something ahdath can code."""
    if not text or not text.strip():
        raise InputError("empty text")
    if len(text) > max_chars:
        raise InputError(f"too large: {len(text):,} characters (limit {max_chars:,}; raise it with --max-chars)")
    controls = sum(1 for ch in text[:20000] if ch < " " and ch not in "\n\r\t")
    if controls > 0.01 * min(len(text), 20000):
        raise InputError(f"looks binary: {controls} control characters in the first 20,000")
    share = arabic_share(text)
    if share < MIN_ARABIC_SHARE:
        raise InputError(f"not Arabic: {share:.0%} of letters are Arabic (need at least {MIN_ARABIC_SHARE:.0%})")
