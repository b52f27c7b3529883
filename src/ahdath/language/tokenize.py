"""Tokenization and clitic segmentation over the original text.

Tokens keep offsets into the original string; their ``norm`` is the folded, repaired form and
``prefixes``/``stem``/``suffix`` a clitic segmentation used for lexicon lookup (all folded).

Segmentation works on the light-folded word (ة and ى kept, so ta marbuta is never taken for the
pronoun ه) and asks the corpus vocabulary whether a split leaves a real word: وزير stays whole
(زير is rare) while وقال is و + قال. The future particle س is a prefix (سيزور -> س + يزور) so
callers can read future status from ``FUTURE in token.prefixes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ahdath.language.chars import CONTROLS, MARKS, QUOTES, WORD
from ahdath.language.normalize import fold_light, light_fold
from ahdath.language.repair import repair_word
from ahdath.language.vocab import load_clitics, load_vocabulary, load_word_list
from ahdath.model import Token

# A number with decimal/thousands separators, a word, a run of one quote mark, or one other character;
# a hashtag's "#" before a letter is not a token, so that «محمود #عباس» reads as the name it is (the "_"
# inside a hashtag stays a token: the actor layer joins #محمود_عباس itself).
HASHTAG_MARK = r"#(?=[^\W\d_])"
TOKEN_RE = re.compile(
    rf"\d+(?:[.,\u066b\u066c]\d+)+|{WORD}|([{QUOTES}'])\1+|(?!{HASHTAG_MARK})[^\s{MARKS}{CONTROLS}]"
)

ARTICLE = "ال"
FUTURE = "س"
CONJUNCTIONS = load_clitics().get("conj", ("و", "ف"))
PREPOSITIONS = load_clitics().get("prep", ("ب", "ل", "ك"))
SUFFIXES = load_clitics().get("suffix", ())
HOSTS = frozenset(load_clitics().get("host", ()))
IMPERFECTIVE = "يتنأ"  # letters an imperfective verb starts with (after the future س)
MIN_STEM = 2
MIN_COUNT = 20  # a stem must be seen this often to count as a word
SPLIT_RATIO = 0.05  # ... and at least this often relative to the unsplit form
CONJ_RATIO = 0.02  # (و attaches to most verbs: وأضاف is 20 times as frequent as أضاف; ف and
# prepositions before short words need the rest to be half as frequent: فكرة، بحر are words)
# Form VIII verbal nouns of roots in ل look like ال + word: التزام, التقاء, التفافات.
_FORM_VIII = re.compile(r"الت.ا.(?:ات|ة|ه)?")
_ALNUM = re.compile(r"[^\W_]")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")


@dataclass(frozen=True, slots=True)
class WordAnalysis:
    """Context-free analysis of one token string (cached)."""

    norm: str
    prefixes: tuple[str, ...]
    stem: str
    suffix: str
    is_punct: bool
    repair_kind: str = ""
    repaired: str = ""


def _count(word: str) -> int:
    return load_vocabulary().count(word)


def _evidence(word: str) -> int:
    """How often ``word`` occurs, or failing that its stem when it has clitics of its own."""
    c = _count(word)
    if c >= MIN_COUNT:
        return c
    prefixes, stem, suffix = segment_light(word)
    return max(c, _count(stem)) if (suffix and not prefixes) else c


def _splits(whole: str, part: str, ratio: float = SPLIT_RATIO) -> bool:
    """Whether ``part`` is a word in its own right often enough to split it off ``whole``."""
    cp = _evidence(part)
    cw = _count(whole)
    if cw == 0:
        return cp >= 3
    return cp >= MIN_COUNT and cp >= ratio * cw


def _suffix_bases(base: str) -> list[str]:
    """Spellings of a stem before a pronoun suffix: حكومت -> حكومة, علي -> على, مستوا -> مستوى."""
    out = [base]
    if base.endswith("ت"):
        out.insert(0, base[:-1] + "ة")
    elif base.endswith("ي") or base.endswith("ا"):
        out.append(base[:-1] + "ى")
    return out


def _host_suffix(word: str) -> tuple[str, str] | None:
    """A particle or preposition with a pronoun suffix: فيها = في + ها, عليه = على + ه."""
    for suf in SUFFIXES:
        if word.endswith(suf):
            for base in _suffix_bases(word[: -len(suf)]):
                if base in HOSTS:
                    return base, suf
    return None


def _strip_suffix(rest: str) -> tuple[str, str]:
    for suf in SUFFIXES:
        if rest.endswith(suf) and len(rest) - len(suf) >= MIN_STEM:
            bases = _suffix_bases(rest[: -len(suf)])
            best = max(bases, key=_count)
            if (len(best) >= 3 or best in HOSTS) and _splits(rest, best):
                return best, suf
    return rest, ""


@lru_cache(maxsize=262_144)
def segment_light(word: str) -> tuple[tuple[str, ...], str, str]:
    """Segment a light-folded Arabic word into (prefixes, stem, suffix), all light-folded."""
    keep = load_word_list("keep_whole.txt")
    if len(word) < 3 or word in keep or not _ARABIC_WORD.fullmatch(word):
        return (), word, ""
    hosted = _host_suffix(word)
    if hosted:
        return (), *hosted
    prefixes: list[str] = []
    rest = word
    # Conjunction: split when the rest is a word, or the whole is unknown and the rest starts
    # with a clitic chain (والاحتلالات).
    if rest[0] in CONJUNCTIONS and len(rest) >= 3:
        r = rest[1:]
        if r in keep:
            split = True
        elif _count(rest) < 3:
            p, stem, suffix = segment_light(r)
            split = _count(r) >= 3 or bool((p or suffix) and _count(stem) >= 3)
        else:
            # A two-letter rest (وهي, ولي) needs more evidence.
            split = _splits(rest, r, 0.3 if len(r) == 2 else CONJ_RATIO if rest[0] == "و" else 0.5)
        if split:
            prefixes.append(rest[0])
            rest = r
    if rest in keep:
        return tuple(prefixes), rest, ""
    hosted = _host_suffix(rest) if prefixes else None
    if hosted:
        return tuple(prefixes), *hosted
    # Preposition, or the future particle before an imperfective verb.
    if len(rest) >= 3 and rest[0] in PREPOSITIONS:
        r = rest[1:]
        if rest[0] == "ل" and r[0] == "ل" and len(r) >= 3:
            # لل = ل + ال with the alif dropped; للجنة is ل + ال + لجنة, للحكومة ل + ال + حكومة.
            whole_stem, short_stem = r, r[1:]
            stem = whole_stem if _count(ARTICLE + whole_stem) > _count(ARTICLE + short_stem) else short_stem
            if len(stem) >= MIN_STEM:
                return (*prefixes, "ل", ARTICLE), stem, ""
        elif (r.startswith(ARTICLE) and len(r) >= 5 and (_count(r) >= 3 or _count(rest) < 3)) or (
            _splits(rest, r, SPLIT_RATIO if rest[0] != "ك" else 0.5)
        ):
            prefixes.append(rest[0])
            rest = r
    elif len(rest) >= 4 and rest[0] == FUTURE and rest[1] in IMPERFECTIVE and _splits(rest, rest[1:]):
        prefixes.append(FUTURE)
        rest = rest[1:]
    if rest in keep:
        return tuple(prefixes), rest, ""
    # Article: split, unless the word is known, its remainder is not, and it looks like a form VIII
    # verbal noun (التزام is not ال + تزام; الأربعاء is ال + أربعاء).
    if rest.startswith(ARTICLE) and len(rest) - 2 >= MIN_STEM:
        stem = rest[2:]
        if _FORM_VIII.fullmatch(rest) and _count(stem) < 3 and _count(rest) >= 3:
            return tuple(prefixes), rest, ""
        return (*prefixes, ARTICLE), stem, ""
    stem, suffix = _strip_suffix(rest)
    return tuple(prefixes), stem, suffix


def segment(norm: str) -> tuple[tuple[str, ...], str, str]:
    """Split a word into folded (prefixes, stem, suffix) for lookup.

    A fully folded word (ة already ه, hamzas dropped) is first respelled the way the corpus
    usually writes it (``لحركه`` -> ``لحركة``), so the ta marbuta is still not taken for ه.
    """
    prefixes, stem, suffix = segment_light(load_vocabulary().respell(light_fold(norm)))
    return tuple(fold_light(p) for p in prefixes), fold_light(stem), fold_light(suffix)


@lru_cache(maxsize=262_144)
def analyze_word(surface: str) -> WordAnalysis:
    """Folded form, clitic segmentation and word-level repair of one token string."""
    if not _ALNUM.search(surface):
        norm = fold_light(light_fold(surface))
        if len(surface) > 1 and surface[0] in QUOTES + "'" and len(set(surface)) == 1:
            quote = '"' if surface[0] == "'" else surface[0]
            return WordAnalysis(quote, (), quote, "", True, "quote_marks", quote)
        return WordAnalysis(norm, (), norm, "", True)
    light = light_fold(surface)
    kind, repaired = "", ""
    fixed = repair_word(light, segment_light)
    if fixed is not None:
        kind, repaired = fixed
        light = repaired
    prefixes, stem, suffix = segment_light(load_vocabulary().respell(light))
    return WordAnalysis(
        fold_light(light),
        tuple(fold_light(p) for p in prefixes),
        fold_light(stem),
        fold_light(suffix),
        False,
        kind,
        repaired,
    )


def lookup_forms(token: Token) -> list[str]:
    """Forms to try in a lexicon, most specific first.

    ``وبالحكومة`` -> ``["وبالحكومه", "بالحكومه", "الحكومه", "حكومه"]``; ``وحكومته`` ->
    ``["وحكومته", "حكومته", "حكومه"]``; ``سيزور`` -> ``["سيزور", "يزور"]``.
    """
    return segment_forms(token.norm, token.prefixes, token.stem)


def segment_forms(norm: str, prefixes: tuple[str, ...], stem: str) -> list[str]:
    """``lookup_forms`` of a token given as its norm, prefixes and stem."""
    if not prefixes:
        if norm == stem or not stem:
            return [norm] if norm else []
        return [norm, stem] if norm else [stem]
    forms = [norm]
    pos = 0
    for k, p in enumerate(prefixes):
        if p == ARTICLE:
            forms.append(ARTICLE + stem)
            break
        pos += len(p)
        nxt = prefixes[k + 1] if k + 1 < len(prefixes) else None
        # After ل of للحكومة the rest (لحكومه) is not a form of the word: go straight to الحكومه.
        if nxt != ARTICLE or norm.startswith(ARTICLE, pos):
            forms.append(norm[pos:])
    forms.append(stem)
    seen: set[str] = set()
    return [f for f in forms if f and not (f in seen or seen.add(f))]


def tokenize(text: str, start: int = 0, end: int | None = None, first_index: int = 0) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text`` (word-level repairs in ``norm``)."""
    out: list[Token] = []
    end = len(text) if end is None else end
    i = first_index
    for m in TOKEN_RE.finditer(text, start, end):
        surface = m.group()
        a = analyze_word(surface)
        out.append(Token(i, m.start(), m.end(), surface, a.norm, a.prefixes, a.stem, a.suffix, a.is_punct))
        i += 1
    return out
