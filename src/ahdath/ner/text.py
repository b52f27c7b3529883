"""Light text helpers for NER: a standalone tokenizer and a fast folding for feature keys."""

from __future__ import annotations

import re
from functools import lru_cache

from ahdath.language.normalize import _DROP_RANGES, ARABIC_DIGITS, CONTROL_CHARS, FOLD_MAP

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
TOKEN_RE = re.compile(rf"[\w{_MARKS}]+|[^\w\s{_MARKS}\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(k): v for k, v in FOLD_MAP.items()}
    for a, b in _DROP_RANGES:
        for o in range(a, b + 1):
            table[o] = None
    for ch in CONTROL_CHARS:
        table[ord(ch)] = None
    table.update(ARABIC_DIGITS)
    return table


def fold_key(word: str) -> str:
    """Folded, lower-cased form of one token (same folding as ``ahdath.language.normalize``)."""
    return word.translate(_fold_table()).lower()


def simple_tokens(text: str) -> list[tuple[int, int, str]]:
    """Whitespace + punctuation tokens as (start, end, text)."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]
