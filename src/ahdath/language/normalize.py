"""Unicode normalization and letter folding for matching, with a map back to the original.

``fold("أَمِيرُ")`` gives ``Folded(text="امير", offsets=[0, 2, 4, 6, 7])``: ``offsets[i]`` is the
index in the original string of folded character ``i``, and ``offsets[len(text)]`` is the
original length, so a match ``folded.text[a:b]`` maps back to ``original[offsets[a]:offsets[b]]``
via :meth:`Folded.to_original`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Letter folding table: variants that Arabic news spells inconsistently.
FOLD_MAP: dict[str, str] = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "ی": "ي",  # Persian yeh
    "ک": "ك",  # Persian kaf
    "ے": "ي",
    "ھ": "ه",
}
# Characters dropped when folding: tatweel, harakat, Quranic marks, superscript alef.
_DROP_RANGES = ((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED), (0x0640, 0x0640))
# Zero-width and bidi controls: invisible in the original, dropped from the folded view.
CONTROL_CHARS = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
ARABIC_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")} | {ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")}


def _is_dropped(ch: str) -> bool:
    if ch in CONTROL_CHARS:
        return True
    o = ord(ch)
    return any(a <= o <= b for a, b in _DROP_RANGES)


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
    if ch.isdigit():
        ch = ch.translate(ARABIC_DIGITS)
    return ch.lower()


def fold(text: str) -> Folded:
    """Fold ``text`` for matching, keeping the offset of every kept character."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        # NFKC per character turns presentation forms (ﻻ, ﷲ) into letters; may give several.
        base = unicodedata.normalize("NFKC", ch) if ord(ch) >= 0xFB50 else ch
        for b in base:
            f = fold_char(b)
            for c in f:
                out.append(c)
                offsets.append(i)
    offsets.append(len(text))
    return Folded("".join(out), tuple(offsets))


def fold_text(text: str) -> str:
    """Just the folded string (for dictionary keys)."""
    return fold(text).text
