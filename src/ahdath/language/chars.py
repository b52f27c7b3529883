"""Character classes shared by the tokenizer, the sentence splitter and the repairs."""

from __future__ import annotations

import re

# Harakat, Quranic marks, superscript alef, tatweel: belong to the letter before them.
MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
# Invisible controls that may sit inside a word (joiners, direction marks and embeddings).
INWORD_CONTROLS = "\u200c-\u200f\u202a-\u202e\u2066-\u2069"
# Invisible characters that separate words like a space does.
SEPARATOR_CONTROLS = "\u200b\ufeff"
CONTROLS = INWORD_CONTROLS + SEPARATOR_CONTROLS
ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\ufb50-\ufdff\ufe70-\ufefc"
QUOTES = '"“”«»„‟'

# A word: letters/digits/marks, with in-word controls allowed only between them.
WORD = rf"(?:[^\W_]|[{MARKS}])+(?:[{INWORD_CONTROLS}]+(?:[^\W_]|[{MARKS}])+)*"
WORD_RE = re.compile(WORD)
ARABIC_LETTER_RE = re.compile(f"[{ARABIC_LETTERS}]")


def has_arabic(text: str) -> bool:
    """Whether ``text`` contains an Arabic letter."""
    return ARABIC_LETTER_RE.search(text) is not None
