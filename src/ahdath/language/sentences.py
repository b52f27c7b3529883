"""Sentence splitting for Arabic news, over the original text.

A sentence ends at ``. ! ? ؟ …`` (and runs of them) followed by whitespace or the end of the
text, taking any closing quotes and brackets right after the mark with it (``مهمة.”`` ends with
the quote); at a line break; and at a period glued to the next Arabic word (``المهمة.وقال``, but not ``العربية.نت``).
Commas, semicolons and colons (``، ؛ : , ;``) never end one; nor does a period inside a number
(``3.5``), after a single letter (dotted initials: ``ج.م.ع``، ``U.S.``) or after an abbreviation
listed in ``data/abbreviations.txt``.
"""

from __future__ import annotations

import re

from ahdath.language.chars import ARABIC_LETTERS, CONTROLS, MARKS, QUOTES
from ahdath.language.normalize import light_fold
from ahdath.language.vocab import load_word_list

TERMINATORS = ".!?؟…"
CLOSERS = QUOTES + "'’)]}"
# A terminator run, then any closing quotes/brackets, then whitespace or the end; or a period
# between an Arabic letter (with its marks) and the next Arabic word; or a line break.
_BOUNDARY = re.compile(
    rf"[{re.escape(TERMINATORS)}]+[{re.escape(CLOSERS)}]*(?=[\s{CONTROLS}]|$)"
    rf"|(?<=[{ARABIC_LETTERS}{MARKS}])\.(?!(?:نت|كوم|أورغ|اورغ)\b)(?=[{ARABIC_LETTERS}][{ARABIC_LETTERS}{MARKS}])"
    r"|[\r\n\u2028\u2029]+"
)
_WORD_BEFORE = re.compile(rf"(?:[^\W\d_]|[{MARKS}])+$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``text[dot]`` closes an abbreviation or an initial."""
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = light_fold(m.group())
    return len(word) <= 1 or word.rstrip("ـ") in load_word_list("abbreviations.txt")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of surrounding whitespace and controls."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        g = m.group()
        if g[0] in "\r\n\u2028\u2029":
            end = m.start()
        else:
            if g[0] == "." and g.rstrip(CLOSERS) == "." and _is_abbreviation(text, m.start()):
                continue
            end = m.end()
        _add(text, pos, end, spans)
        pos = m.end()
    _add(text, pos, len(text), spans)
    return spans


def _blank(ch: str) -> bool:
    return ch.isspace() or ch in CONTROLS


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and _blank(text[start]):
        start += 1
    while end > start and _blank(text[end - 1]):
        end -= 1
    if end > start:
        spans.append((start, end))
