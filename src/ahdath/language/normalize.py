"""Unicode normalization and letter folding for matching, with a map back to the original.

``fold("أَمِيرُ")`` gives ``Folded(text="امير", offsets=(0, 2, 4, 6, 7))``: ``offsets[i]`` is the
index in the original string of folded character ``i``, and ``offsets[len(text)]`` is the
original length, so a match ``folded.text[a:b]`` maps back to ``original[offsets[a]:offsets[b]]``
via :meth:`Folded.to_original`.

Two strengths of normalization:

* :func:`fold` / :func:`fold_text` -- full folding for dictionary matching: hamza carriers and
  alef variants to ا, ى to ي, ة to ه, ؤ to و, ئ to ي, tatweel, harakat and zero-width/bidi
  controls dropped, presentation forms (ﻻ ﷲ) expanded, Arabic-Indic digits to ASCII, lower case.
* :func:`light_fold` -- only what never carries meaning (harakat, tatweel, controls, presentation
  forms, Persian letter shapes, digits); it keeps أ إ آ ة ى, which the clitic segmenter and the
  vocabulary need (ة is never a pronoun suffix, ى ends إلى/على).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Letter folding table: variants that Arabic news spells inconsistently.
FOLD_MAP: dict[str, str] = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "ی": "ي",  # Persian yeh
    "ې": "ي",
    "ک": "ك",  # Persian kaf
    "ے": "ي",
    "ھ": "ه",
    "ہ": "ه",
    "ە": "ه",
    "ۀ": "ه",
}
# Shapes that are the same letter in Arabic text (kept by light_fold as well).
LIGHT_MAP: dict[str, str] = {"ٱ": "ا", "ی": "ي", "ې": "ي", "ک": "ك", "ے": "ي", "ھ": "ه", "ہ": "ه", "ە": "ه"}
# Characters dropped when folding: Quranic marks, harakat, superscript alef, tatweel.
_DROP_RANGES = ((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED), (0x0640, 0x0640))
# Zero-width and bidi controls: invisible in the original, dropped from the folded view.
CONTROL_CHARS = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
ARABIC_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")} | {
    ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")
}
# Arabic decimal and thousands separators read as their ASCII counterparts.
ARABIC_SEPARATORS = {0x066B: ".", 0x066C: ","}
_PRESENTATION_START = 0xFB50  # Arabic presentation forms A/B (and the compatibility blocks after them)
_PRESENTATION_CHAR = chr(_PRESENTATION_START)


def _is_dropped(ch: str) -> bool:
    if ch in CONTROL_CHARS:
        return True
    o = ord(ch)
    return any(a <= o <= b for a, b in _DROP_RANGES)


def _drop_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for a, b in _DROP_RANGES:
        for o in range(a, b + 1):
            table[o] = None
    for ch in CONTROL_CHARS:
        table[ord(ch)] = None
    table.update(ARABIC_DIGITS)
    table.update(ARABIC_SEPARATORS)
    return table


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str | None]:
    """``str.translate`` table of :func:`fold` (without NFKC and lower-casing)."""
    table = _drop_table()
    table.update({ord(k): v for k, v in FOLD_MAP.items()})
    return table


@lru_cache(maxsize=1)
def light_table() -> dict[int, str | None]:
    """``str.translate`` table of :func:`light_fold` (without NFKC and lower-casing)."""
    table = _drop_table()
    table.update({ord(k): v for k, v in LIGHT_MAP.items()})
    return table


@dataclass(frozen=True, slots=True)
class Folded:
    text: str
    offsets: tuple[int, ...]  # len(text) + 1 entries

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the folded slice ``text[start:end]``."""
        if start >= end:
            o = self.offsets[start]
            return o, o
        # The original end is where the next kept character starts, so dropped marks that
        # follow the last letter (harakat, tatweel) stay inside the span.
        last, nxt = self.offsets[end - 1], self.offsets[end]
        return self.offsets[start], nxt if nxt > last else last + 1


def fold_char(ch: str) -> str:
    """The folded form of one character ('' when it is dropped)."""
    if _is_dropped(ch):
        return ""
    ch = FOLD_MAP.get(ch, ch)
    o = ord(ch)
    if o in ARABIC_DIGITS:
        return ARABIC_DIGITS[o]
    if o in ARABIC_SEPARATORS:
        return ARABIC_SEPARATORS[o]
    return ch.lower()


def _needs_nfkc(text: str) -> bool:
    return bool(text) and max(text) >= _PRESENTATION_CHAR


def _nfkc_chars(text: str) -> str:
    """NFKC applied only to presentation/compatibility forms (ﻻ -> لا, ﷲ -> الله)."""
    return "".join(unicodedata.normalize("NFKC", ch) if ord(ch) >= _PRESENTATION_START else ch for ch in text)


def fold(text: str) -> Folded:
    """Fold ``text`` for matching, keeping the offset of every kept character."""
    if not _needs_nfkc(text):
        # Fast path: every character maps to at most one character.
        table = fold_table()
        out = text.translate(table)
        if len(out) == len(text):
            low = out.lower()
            if len(low) == len(out):
                return Folded(low, tuple(range(len(text) + 1)))
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        base = unicodedata.normalize("NFKC", ch) if ord(ch) >= _PRESENTATION_START else ch
        for b in base:
            for c in fold_char(b):
                chars.append(c)
                offsets.append(i)
    offsets.append(len(text))
    return Folded("".join(chars), tuple(offsets))


def fold_text(text: str) -> str:
    """Just the folded string (for dictionary keys); equals ``fold(text).text``."""
    if _needs_nfkc(text):
        text = _nfkc_chars(text)
    return text.translate(fold_table()).lower()


def light_fold(text: str) -> str:
    """Normalize what never carries meaning, keeping أ إ آ ؤ ئ ة ى (see the module docstring)."""
    if _needs_nfkc(text):
        text = _nfkc_chars(text)
    return text.translate(light_table()).lower()


def fold_light(light: str) -> str:
    """Full folding of a string that is already :func:`light_fold`-ed."""
    return light.translate(fold_table())
