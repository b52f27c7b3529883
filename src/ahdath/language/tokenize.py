"""Tokenization and clitic segmentation over the original text.

Tokens keep offsets into the original string; their ``norm`` is the folded form and
``prefixes``/``stem``/``suffix`` a light clitic segmentation used for lexicon lookup.
"""

from __future__ import annotations

import re

from ahdath.language.normalize import fold_text
from ahdath.model import Token

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d\u200e\u200f"
TOKEN_RE = re.compile(rf"(?:[^\W_]|[{_MARKS}])+|[^\s{_MARKS}]", re.UNICODE)

# Proclitics in the order they attach: conjunction, preposition, article.
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
ARTICLE = "ال"
# Pronoun suffixes, longest first.
SUFFIXES = ("هما", "كما", "هم", "هن", "كم", "كن", "ها", "نا", "ني", "ه", "ك")
MIN_STEM = 2


def segment(norm: str) -> tuple[tuple[str, ...], str, str]:
    """Split a folded word into (prefixes, stem, suffix); conservative, for lookup."""
    prefixes: list[str] = []
    rest = norm
    if len(rest) > 3 and rest[0] in CONJUNCTIONS:
        prefixes.append(rest[0])
        rest = rest[1:]
    if rest.startswith("لل") and len(rest) > 3:
        prefixes += ["ل", ARTICLE]
        return tuple(prefixes), rest[2:], ""
    if len(rest) > 3 and rest[0] in PREPOSITIONS and rest[1:3] == ARTICLE:
        prefixes.append(rest[0])
        rest = rest[1:]
    if rest.startswith(ARTICLE) and len(rest) - 2 >= MIN_STEM:
        prefixes.append(ARTICLE)
        return tuple(prefixes), rest[2:], ""
    suffix = ""
    for suf in SUFFIXES:
        if rest.endswith(suf) and len(rest) - len(suf) >= 3:
            suffix = suf
            rest = rest[: -len(suf)]
            break
    return tuple(prefixes), rest, suffix


def lookup_forms(token: Token) -> list[str]:
    """Forms to try in a lexicon, most specific first (norm, without conjunction, stem...)."""
    forms = [token.norm]
    if token.prefixes and token.prefixes[0] in CONJUNCTIONS:
        forms.append(token.norm[1:])
    stem = token.stem
    if ARTICLE in token.prefixes:
        forms.append(ARTICLE + stem)
    forms.append(stem)
    if token.suffix:
        forms.append(stem + token.suffix)
    seen: set[str] = set()
    return [f for f in forms if f and not (f in seen or seen.add(f))]


def tokenize(text: str, start: int = 0, end: int | None = None, first_index: int = 0) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    out: list[Token] = []
    end = len(text) if end is None else end
    for m in TOKEN_RE.finditer(text, start, end):
        surface = m.group()
        norm = fold_text(surface)
        is_punct = not any(ch.isalnum() for ch in surface)
        if is_punct:
            prefixes, stem, suffix = (), norm, ""
        else:
            prefixes, stem, suffix = segment(norm)
        out.append(
            Token(
                i=first_index + len(out),
                start=m.start(),
                end=m.end(),
                text=surface,
                norm=norm,
                prefixes=prefixes,
                stem=stem,
                suffix=suffix,
                is_punct=is_punct,
            )
        )
    return out
