"""Light text helpers for NER: a standalone tokenizer and a fast folding for feature keys."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

FOLD_FILE = Path(__file__).with_name("data") / "fold.tsv"

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
TOKEN_RE = re.compile(rf"[\w{_MARKS}]+|[^\w\s{_MARKS}\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for line in FOLD_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, _, repl = line.partition("\t")
            table[int(code, 16)] = repl or None
    return table


def fold_key(word: str) -> str:
    """Folded, lower-cased form of one token (same folding as ``ahdath.language.normalize``)."""
    return word.translate(_fold_table()).lower()


def simple_tokens(text: str) -> list[tuple[int, int, str]]:
    """Whitespace + punctuation tokens as (start, end, text)."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]
