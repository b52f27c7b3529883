"""Repair of feed artifacts, reported as :class:`ahdath.model.Repair` and never changing offsets.

Word level (:func:`repair_word`, applied to each token's light-folded form; the repaired form is
what ``Token.norm`` holds):

* ``doubled_letter`` -- a run of three equal letters, a doubled alif (``االإيرانية`` ->
  ``الإيرانية``) or, with more evidence, another doubled letter, where the word is unknown to the
  vocabulary and the single letter gives a known word (ببركاته، روسيي stay: clitic and plural);
* ``stray_letter`` -- an unknown word that is a frequent definite noun (ال + four letters or more)
  plus one glued letter at its end or start: ``الاحتلالن`` -> ``الاحتلال``. Endings that inflect
  (ة ي ه ا ى, and ن/ت after ا و ي) never count as stray.

Text level (:func:`text_repairs`, over the whole original text):

* ``quote_marks`` -- a doubled quote mark (``""`` -> ``"``) or one left unbalanced in its paragraph
  (a lone ``”``; replacement ``""``);
* ``control_char`` -- zero-width and bidi control characters (replacement ``""``, or ``" "`` for a
  zero-width space between two words);
* ``punctuation`` -- Latin ``,`` ``;`` ``?`` in Arabic text read as ``،`` ``؛`` ``؟``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ahdath.language.chars import ARABIC_LETTERS, CONTROLS, MARKS, QUOTES, SEPARATOR_CONTROLS
from ahdath.language.normalize import fold_light
from ahdath.language.vocab import load_vocabulary
from ahdath.model import Repair

Segmenter = Callable[[str], tuple[tuple[str, ...], str, str]]

KNOWN = 3  # a word seen this often in the corpus is taken as it is
DOUBLED_MIN = 10  # a word with a doubled alif or a tripled letter: the repaired word's evidence
DOUBLED_OTHER_MIN = 200  # ... with another doubled letter (often legitimate: ببركاته، تترفع)
STRAY_MIN = 200  # a word with a glued letter: the repaired word's evidence
# Last letters that make adjectives and feminines of definite nouns (النيلي، الحمرة): never stray.
NOT_STRAY_LAST = frozenset("اىيهة")
PROCLITIC_LETTERS = frozenset("وفبلكس")
_LETTER = re.compile(r"[\u0621-\u063a\u0641-\u064a]")
_DEFINITE = re.compile(r"[وف]?[بلك]?ال[^\W\d_]{4,}")


def _known(word: str, segmenter: Segmenter) -> int:
    """Corpus evidence that ``word`` is a word: its own count, or that of its clitic-free stem."""
    vocab = load_vocabulary()
    c = vocab.count(word)
    if c:
        return c
    prefixes, stem, suffix = segmenter(word)
    if (prefixes or suffix) and stem != word:
        return vocab.count(stem) + (vocab.count("ال" + stem) if "ال" in prefixes else 0)
    return 0


def _collapse_runs(word: str) -> list[str]:
    """Variants of ``word`` with each run of three or more equal letters cut to one or two."""
    m = re.search(r"(.)\1\1+", word)
    if not m or not _LETTER.match(m.group(1)):
        return []
    a, b, ch = m.start(), m.end(), m.group(1)
    return [word[:a] + ch + word[b:], word[:a] + ch + ch + word[b:]]


def _doubling_allowed(word: str, folded: str, i: int) -> bool:
    """Whether the pair ``word[i:i + 2]`` may be a doubling artifact at all."""
    if folded[i] == "ا":
        return not (i > 0 and word[i - 1] == "ل")  # لاأهتم is لا أهتم without its space
    return i > 0 and len(word) >= 5 and folded[i] not in "وي"  # روسيي، كوبيين are plurals


def repair_word(word: str, segmenter: Segmenter) -> tuple[str, str] | None:
    """``(kind, repaired)`` for a light-folded word with a feed artifact, else ``None``."""
    if len(word) < 3 or not _LETTER.search(word):
        return None
    runs = _collapse_runs(word)
    if runs:
        count, best = max((_known(w, segmenter), -len(w), w) for w in runs)[::2]
        return ("doubled_letter", best) if count >= DOUBLED_MIN else None
    if _known(word, segmenter) >= KNOWN:
        return None
    folded = fold_light(word)
    # A doubled letter (the same letter after folding: اإ counts as a doubled alif). A doubled alif
    # is never right; other letters double legitimately, so they need more evidence and no
    # clitic reading (ببركاته is ب + بركاته).
    scored: list[tuple[int, str]] = []
    for i in range(len(word) - 1):
        if folded[i] == folded[i + 1] and _LETTER.match(word[i]):
            drop = i if word[i] == folded[i] else i + 1  # keep the hamza-bearing spelling
            cand = word[:drop] + word[drop + 1 :]
            alif = folded[i] == "ا"
            if _doubling_allowed(word, folded, i):
                count = _known(cand, segmenter)
                if count >= (DOUBLED_MIN if alif else DOUBLED_OTHER_MIN):
                    scored.append((count, cand))
    if scored:
        return "doubled_letter", max(scored)[1]
    if len(word) < 5:
        return None
    # A glued letter: only after or before a definite noun (ال + four letters or more), where
    # the word cannot be a rare inflection or a name (الحالب، مقالب، بوشناق are words).
    stray: list[tuple[int, str]] = []
    last, cand = word[-1], word[:-1]
    plural = last in "نت" and cand[-1] in "اوي"  # ان ين ون ات: dual and plural endings
    if _LETTER.match(last) and last not in NOT_STRAY_LAST and not plural and _DEFINITE.fullmatch(cand):
        stray.append((_known(cand, segmenter), cand))
    first, cand = word[0], word[1:]
    if _LETTER.match(first) and first not in PROCLITIC_LETTERS and _DEFINITE.fullmatch(cand):
        stray.append((_known(cand, segmenter), cand))
    stray = [sc for sc in stray if sc[0] >= STRAY_MIN]
    if stray:
        return "stray_letter", max(stray)[1]
    return None


# ---------------------------------------------------------------------------------------------
# Text-level repairs

_CONTROL_RUN = re.compile(f"[{CONTROLS}]+")
_LATIN_PUNCT = re.compile(r"[,;?]")
_PUNCT_MAP = {",": "،", ";": "؛", "?": "؟"}
_ARABIC_BEFORE = re.compile(rf"[{ARABIC_LETTERS}][{MARKS}{CONTROLS}]*\s*$")
_ARABIC_AFTER = re.compile(rf"^[\s{QUOTES}{CONTROLS}]*[{ARABIC_LETTERS}]")
_QUOTE_RUN = re.compile(rf"([{QUOTES}])\1*|''+")
_FAMILY = {'"': "straight", "“": "curly", "”": "curly", "„": "curly", "‟": "curly", "«": "angle", "»": "angle"}
_OPENERS = "([{"
_TRAILERS = ".,;:!?،؛؟…)]}"


def _control_repairs(text: str) -> list[Repair]:
    out = []
    for m in _CONTROL_RUN.finditer(text):
        a, b = m.span()
        between_words = a > 0 and b < len(text) and text[a - 1].isalnum() and text[b].isalnum()
        sep = between_words and any(ch in SEPARATOR_CONTROLS for ch in m.group())
        out.append(Repair(a, b, m.group(), "control_char", " " if sep else ""))
    return out


def _punctuation_repairs(text: str) -> list[Repair]:
    out = []
    for m in _LATIN_PUNCT.finditer(text):
        a = m.start()
        ch = m.group()
        if not _ARABIC_BEFORE.search(text, max(0, a - 12), a):
            continue
        if ch != "?" and not _ARABIC_AFTER.match(text[a + 1 : a + 12]):
            continue
        out.append(Repair(a, a + 1, ch, "punctuation", _PUNCT_MAP[ch]))
    return out


def _quote_role(text: str, a: int, b: int) -> str:
    """'open', 'close' or 'either' from the characters around a quote mark."""
    before = text[a - 1] if a > 0 else " "
    after = text[b] if b < len(text) else " "
    space_before = before.isspace() or before in _OPENERS or before in ":،,"
    space_after = after.isspace() or after in _TRAILERS
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    return "either"


def _quote_repairs(text: str) -> list[Repair]:
    out: list[Repair] = []
    line_start = 0
    for line in text.split("\n"):
        open_at: dict[str, tuple[int, int]] = {}
        for m in _QUOTE_RUN.finditer(line):
            a, b = line_start + m.start(), line_start + m.end()
            mark = m.group()
            if len(mark) > 1:
                single = '"' if mark[0] == "'" else mark[0]
                out.append(Repair(a, b, mark, "quote_marks", single))
            family = _FAMILY.get(mark[0], "straight")
            role = _quote_role(text, a, b)
            if mark[0] == "«" and role == "either":
                role = "open"
            elif mark[0] == "»" and role == "either":
                role = "close"
            if family in open_at:
                if role == "open":  # a second opener: the first one was never closed
                    pa, pb = open_at[family]
                    out.append(Repair(pa, pb, text[pa:pb], "quote_marks", ""))
                    open_at[family] = (a, b)
                else:
                    del open_at[family]
            elif role == "close":
                out.append(Repair(a, b, mark, "quote_marks", ""))
            else:
                open_at[family] = (a, b)
        for pa, pb in open_at.values():
            out.append(Repair(pa, pb, text[pa:pb], "quote_marks", ""))
        line_start += len(line) + 1
    # One report per span: a doubled mark that is also unbalanced is reported as dropped.
    by_span: dict[tuple[int, int], Repair] = {}
    for r in out:
        if (r.start, r.end) not in by_span or r.replacement == "":
            by_span[(r.start, r.end)] = r
    return list(by_span.values())


def text_repairs(text: str) -> list[Repair]:
    """Every text-level repair of ``text``, in text order."""
    out: list[Repair] = []
    if _CONTROL_RUN.search(text):
        out += _control_repairs(text)
    if _LATIN_PUNCT.search(text):
        out += _punctuation_repairs(text)
    out += _quote_repairs(text)
    out.sort(key=lambda r: (r.start, r.end))
    return out
