"""Trigger lexicon: Arabic cue words and phrases -> PLOVER type, mode and CAMEO code.

The reviewed data lives in ``events/data/triggers.tsv`` (format in docs/lexicon.md). On load every
row is expanded into the folded surface forms it can take in text -- verb inflections generated from
the lemma (past, imperfect, future with ``س``), noun duals and plurals, tanween -- and indexed by
its first word, so matching a document is one dict lookup per candidate form of each token.

    lex = TriggerLexicon.load()
    for m in lex.match(analyze(doc)):
        print(m.type, m.mode, m.cameo, doc.text[m.start:m.end])
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from ahdath.language.normalize import fold_text, light_fold
from ahdath.language.tokenize import segment_forms
from ahdath.model import PLOVER_TYPES, Document, Token

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_PATH = DATA_DIR / "triggers.tsv"
POS_VALUES = ("verb", "noun", "masdar", "phrase")
BLOCKER = "-"  # type of rows that are names, not events (مجلس التعاون): they consume tokens, emit nothing
GAP = "..."  # in a cue: up to MAX_GAP tokens of anything (same sentence)
# 8, not 4: a VSO subject often sits between a verb and the rest of its cue (دعا وزير الخارجية الإيراني ... إلى،
# وقعتا في منتصف حزيران/يونيو اتفاقا). Honest CV on 1,137 articles, trigger / dyad: gap 4 0.496 / 0.276,
# 6 0.536 / 0.289, 8 0.537 / 0.292 (training/events/cv_eval.py).
MAX_GAP = 8
COLUMNS = ("cue", "pos", "type", "mode", "cameo", "arg", "weight", "note")

# Verb inflection (folded letters). Past: 3rd person (and 1st plural) endings; imperfect:
# person prefixes and number endings; the future is ``س`` + imperfect.
PAST_SUFFIXES = ("", "ت", "وا", "ا", "تا", "نا", "تم", "ن", "و")
IMPERFECT_PREFIXES = ("ي", "ت", "ن")
# the first person singular (أطالب، أدين، سأزور): folded أ, with the bare stem only
FIRST_PERSON_PREFIX = "ا"
IMPERFECT_SUFFIXES = ("", "ون", "ان", "ن", "وا", "ين", "و")
# Nouns: sound plurals and duals (a final ة folds to ه).
NOUN_SUFFIXES = ("ان", "ين", "ات", "ه", "ون")
FEM_SUFFIXES = ("ات", "تان", "تين")
# Variants accepted for the second and later words of a phrase (adjective agreement).
REST_SUFFIXES = ("ه", "ات", "ين", "ان", "ون", "ا")
PREPOSITION_CLITICS = ("ب", "ل", "ك")
CONJUNCTION_CLITICS = ("و", "ف")
# Function words that a cue may require after its head (بحث ... مع) but that are not part of the
# trigger's text span.
FUNCTION_WORDS = frozenset(fold_text(w) for w in ("مع", "على", "عن", "إلى", "في", "من", "بين", "ضد", "أمام", "لصالح"))
PRONOUN_SUFFIXES = ("هما", "كما", "هم", "هن", "كم", "كن", "ها", "نا", "ني", "ه", "ك")


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon row, folded."""

    cue: str  # folded cue, words separated by single spaces
    pos: str
    type: str
    mode: str | None
    cameo: str
    arg: str | None
    weight: float
    note: str = ""
    forms: tuple[str, ...] = ()  # extra (irregular) surface forms of the first word

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.cue.split(" "))


@dataclass(slots=True)
class TriggerMatch:
    """A lexicon cue found in a document (token indices end-exclusive; char offsets into doc.text)."""

    start_tok: int
    end_tok: int
    start: int
    end: int
    type: str
    mode: str | None
    cameo: str
    pos: str
    arg: str | None
    weight: float
    cue: str  # the lexicon key (folded)
    text: str = ""  # doc.text[start:end]
    tokens: tuple[int, ...] = ()  # indices of the tokens matched by cue words (gaps excluded)
    # Other readings of the same cue (ambiguous rows): (type, mode, cameo, weight).
    alternatives: tuple[tuple[str, str | None, str, float], ...] = field(default_factory=tuple)

    @property
    def head(self) -> int:
        """Index of the first cue token (the verb or noun that carries the event)."""
        return self.tokens[0] if self.tokens else self.start_tok

    @property
    def gapped(self) -> bool:
        """Words stand between the cue's own words (أطلقت [السلطات] سراح)."""
        return bool(self.tokens) and self.tokens[-1] - self.tokens[0] + 1 > len(self.tokens)


@dataclass(frozen=True, slots=True)
class _Entry:
    cue: Cue
    rest: tuple[frozenset[str] | None, ...]  # later words: accepted forms; None = gap
    exact: bool  # the indexed form is the cue itself or an explicit form (not generated)


# A token's (norm, stem, prefixes, suffix, is_punct, candidate forms, (rank, index entry) pairs).
_Info = tuple[str, str, tuple[str, ...], str, bool, tuple[str, ...], tuple[tuple[int, _Entry], ...]]


def _verb_forms(lemma: str) -> set[str]:
    """Regular inflected forms of a verb given its folded 3ms past (قصف، استهدف، التقي، دعا)."""
    forms = {lemma}
    imp = lemma[1:] if lemma.startswith("ا") and len(lemma) >= 4 else lemma
    if len(lemma) >= 3 and lemma.endswith("ي"):  # defective: التقى، نفى، ألغى، تلقى
        base, ibase = lemma[:-1], imp[:-1]
        forms |= {base + "ت", base + "وا", lemma + "ا", base + "تا", lemma + "نا", base + "و"}
        imps = {ibase + "ي", ibase + "يان", ibase + "ون", ibase + "وا", ibase + "ين", ibase}  # ibase: jussive (لم يلتق)
        first = ibase + "ي"
    elif len(lemma) == 3 and lemma.endswith("ا"):  # دعا، نجا
        base = lemma[:-1]
        forms |= {base + "ت", base + "وا", base + "تا", base + "ونا", base + "و"}
        imps = {base + "و", base + "وا", base + "ون", base + "وان", base}  # base: jussive (لم يدع)
        first = base + "و"
    elif len(lemma) == 3 and lemma[1] == "ا":  # hollow (زار، قاد): imperfect listed in `forms`
        forms |= {lemma + s for s in ("ت", "وا", "ا", "تا", "و")}
        imps, first = set(), ""
    else:
        forms |= {lemma + s for s in PAST_SUFFIXES}
        imps = {imp + s for s in IMPERFECT_SUFFIXES}
        first = imp
    for stem in imps:
        for p in IMPERFECT_PREFIXES:
            forms.add(p + stem)
            forms.add("س" + p + stem)
    forms |= _first_person(first)
    return forms


def _first_person(stem: str) -> set[str]:
    """أفعل and سأفعل of an imperfect stem (folded)."""
    return {FIRST_PERSON_PREFIX + stem, "س" + FIRST_PERSON_PREFIX + stem} if len(stem) >= 2 else set()


def _noun_forms(noun: str) -> set[str]:
    forms = {noun}
    if noun.endswith("ه") and len(noun) >= 3:
        forms |= {noun[:-1] + s for s in FEM_SUFFIXES}
    else:
        forms |= {noun + s for s in NOUN_SUFFIXES}
    return forms


def _rest_forms(word: str) -> frozenset[str]:
    forms = {word} | {word + s for s in REST_SUFFIXES}
    if word.startswith("ال") and len(word) > 3:
        forms |= _rest_forms(word[2:])
    if word.endswith("ه"):
        forms |= {word[:-1] + "ات", word[:-1] + "تان", word[:-1] + "تين"}
    return frozenset(forms)


def candidate_forms(token: Token) -> list[str]:
    """Folded forms of a token to look up, most specific first (see ``_candidate_forms``)."""
    return list(_candidate_forms(token.norm, token.stem, token.prefixes, token.suffix, _ta_marbuta(token.text)))


def _ta_marbuta(text: str) -> bool:
    """Whether the word ends in ة (which folds to ه and must not be taken for the pronoun ه)."""
    letters = light_fold(text)
    return letters.endswith("ة")


@lru_cache(maxsize=131_072)
def _candidate_forms(
    norm: str, stem: str, prefixes: tuple[str, ...], suffix: str, ta_marbuta: bool = False
) -> tuple[str, ...]:
    """Folded forms of a token to look up, most specific first.

    ``lookup_forms`` (conjunction, preposition, future س, article and pronoun suffix removed by the
    language layer) plus what that conservative segmentation leaves: a conjunction or pronoun suffix it kept
    (اغتالوه -> اغتالوا, استهدفته -> استهدفت, زيارتها -> زياره), a bare preposition clitic (بغارة ->
    غاره) and tanween alif (اتصالا -> اتصال, دعما -> دعم). Extra forms only matter when the
    lexicon has them, so over-generating here is harmless.
    """
    base = segment_forms(norm, prefixes, stem)
    out: list[str] = list(base)
    for f in base:  # a conjunction the language layer kept (rare words: وتجمهر)
        if len(f) >= 4 and f[0] in CONJUNCTION_CLITICS:
            out.append(f[1:])
    for f in list(out):
        if len(f) >= 4 and f[0] in PREPOSITION_CLITICS and f[1:3] != "ال":
            out.append(f[1:])
    for f in list(out):
        if not f.endswith(PRONOUN_SUFFIXES):  # (the common case: no suffix to try)
            continue
        for suf in PRONOUN_SUFFIXES:
            if suf == "ه" and ta_marbuta:  # وزارة is not وزار + ه
                continue
            if f.endswith(suf) and len(f) - len(suf) >= 3:
                r = f[: -len(suf)]
                out.append(r)
                if r.endswith("و"):
                    out.append(r + "ا")
                elif r.endswith("ت"):
                    out.append(r[:-1] + "ه")
                elif r.endswith("ي"):  # a hamza seated before the suffix: الغائها -> الغاء
                    out.append(r[:-1] + "ء")
                break
    for f in list(out):
        if len(f) >= 4 and f.endswith("ا") and not f.endswith("وا"):
            out.append(f[:-1])
    seen: set[str] = set()
    return tuple(f for f in out if f and not (f in seen or seen.add(f)))


def _parse_float(value: str, where: str) -> float:
    try:
        return float(value)
    except ValueError as e:
        raise ValueError(f"{where}: weight {value!r} is not a number") from e


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a TSV with a header row; ``#`` lines and blank lines are skipped."""
    with path.open(encoding="utf-8", newline="") as f:
        lines = [(i, line) for i, line in enumerate(f, 1) if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return
    reader = csv.reader((line for _, line in lines), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [h.strip() for h in next(reader)]
    for (lineno, _), values in zip(lines[1:], reader, strict=True):
        values = [v.strip() for v in values]
        values += [""] * (len(header) - len(values))
        yield lineno, dict(zip(header, values, strict=False))


@cache
def word_roles(path: Path) -> dict[str, frozenset[str]]:
    """A word list with ``word`` and ``role`` columns (data/condemned_acts.tsv, data/denied_claims.tsv) as role ->
    its words (folded, clitics stripped as in triggers.tsv)."""
    out: dict[str, set[str]] = {}
    for _, r in read_rows(path):
        out.setdefault(r["role"], set()).add(r["word"])
    return {k: frozenset(v) for k, v in out.items()}


def listed(tok: Token, words: frozenset[str]) -> bool:
    """The word, with or without its clitics, is one of ``words`` (a ``word_roles`` list)."""
    return tok.stem in words or tok.norm in words


def load_cues(path: Path) -> list[Cue]:
    """Rows of a trigger TSV, folded and checked (raises ValueError naming the line)."""
    cues: list[Cue] = []
    for lineno, row in read_rows(path):
        where = f"{path.name}:{lineno}"
        words = [fold_text(w) for w in row.get("cue", "").split()]
        words = [GAP if w == GAP or w == "…" else w for w in words if w]
        if not words or words[0] == GAP or words[-1] == GAP:
            raise ValueError(f"{where}: empty cue or cue starting/ending with a gap")
        pos = row.get("pos", "")
        if pos not in POS_VALUES:
            raise ValueError(f"{where}: pos {pos!r} not in {POS_VALUES}")
        ptype = row.get("type", "")
        if ptype not in PLOVER_TYPES and ptype != BLOCKER:
            raise ValueError(f"{where}: type {ptype!r} is not a PLOVER type (or {BLOCKER!r} for a blocker)")
        mode = row.get("mode") or None
        if mode and ptype != BLOCKER and mode not in plover_modes()[ptype]:
            raise ValueError(f"{where}: mode {mode!r} is not a mode of {ptype} (see plover_modes.tsv)")
        forms = tuple(fold_text(f.strip()) for f in row.get("forms", "").split(",") if f.strip())
        cues.append(
            Cue(
                cue=" ".join(words),
                pos=pos,
                type=ptype,
                mode=mode,
                cameo=row.get("cameo", ""),
                arg=row.get("arg") or None,
                weight=_parse_float(row.get("weight", ""), where),
                note=row.get("note", ""),
                forms=forms,
            )
        )
    return cues


def first_word_forms(cue: Cue) -> tuple[set[str], set[str]]:
    """(exact forms, generated forms) under which a cue is indexed."""
    first = cue.words[0]
    exact = {first, *(f for f in cue.forms if not f.startswith("-"))}
    gen: set[str] = set()
    for f in cue.forms:  # "-زور": an imperfect stem (يزور، تزور، سيزورون ...)
        if f.startswith("-") and len(f) > 1:
            for s in IMPERFECT_SUFFIXES:
                for p in IMPERFECT_PREFIXES:
                    gen |= {p + f[1:] + s, "س" + p + f[1:] + s}
            gen |= _first_person(f[1:])
    if cue.pos == "verb":
        gen |= _verb_forms(first)
    elif cue.pos in ("noun", "masdar"):
        gen |= _noun_forms(first)
    return exact, gen - exact


class TriggerLexicon:
    """An index of trigger cues by the folded forms of their first word."""

    def __init__(self, cues: Iterable[Cue]):
        self.cues: list[Cue] = list(cues)
        self._index: dict[str, list[_Entry]] = {}
        self._info: dict[str, _Info] = {}  # token text -> what _token_info says (words repeat across documents)
        for cue in self.cues:
            rest = tuple(None if w == GAP else _rest_forms(w) for w in cue.words[1:])
            exact, gen = first_word_forms(cue)
            for forms, is_exact in ((exact, True), (gen, False)):
                for f in forms:
                    self._index.setdefault(f, []).append(_Entry(cue, rest, is_exact))

    @classmethod
    def load(cls, path: str | Path | None = None) -> TriggerLexicon:
        if path is None:
            return default_lexicon()
        return cls(load_cues(Path(path)))

    def __len__(self) -> int:
        return len(self.cues)

    def lookup(self, form: str) -> list[Cue]:
        """Cues whose first word can take the folded surface form ``form``."""
        return [e.cue for e in self._index.get(form, [])]

    def _token_info(self, tok: Token) -> _Info:
        """(norm, stem, prefixes, suffix, is_punct, candidate forms, (rank, index entry) pairs to try) of
        one token, cached by its text.

        A token's analysis is a function of its text except where the language layer repaired it in
        context, so a cache hit is only used when norm and segmentation are the same as well.
        """
        hit = self._info.get(tok.text)
        if hit is not None and hit[0] == tok.norm and hit[1] == tok.stem and hit[2] == tok.prefixes \
                and hit[3] == tok.suffix and hit[4] == tok.is_punct:
            return hit
        if tok.is_punct:
            forms: tuple[str, ...] = ()
        else:
            forms = _candidate_forms(tok.norm, tok.stem, tok.prefixes, tok.suffix, _ta_marbuta(tok.text))
        index = self._index
        entries = tuple((rank, e) for rank, form in enumerate(forms) for e in index.get(form, ()))
        info = (tok.norm, tok.stem, tok.prefixes, tok.suffix, tok.is_punct, forms, entries)
        if len(self._info) < 200_000:
            self._info[tok.text] = info
        return info

    def match(self, doc: Document, inside: frozenset[int] = frozenset()) -> list[TriggerMatch]:
        """Trigger cues in ``doc`` (which must be analyzed: ``doc.tokens`` filled), in text order.

        At each token the longest cue wins (then an exact over a generated form, then the higher
        weight); tokens used by a match are not reused by a later one. Tokens in ``inside`` (the
        non-initial words of actor mentions) do not count towards a gap's length, so a whole name
        fits in one: تلقى [الرئيس المصري عبد الفتاح السيسي] اتصالا.
        """
        tokens = doc.tokens
        get, info = self._info.get, self._token_info
        infos: list[_Info] = []
        for t in tokens:  # (the cache check of _token_info, inlined: most words were seen before)
            hit = get(t.text)
            if hit is not None and hit[0] == t.norm and hit[1] == t.stem and hit[2] == t.prefixes \
                    and hit[3] == t.suffix and hit[4] == t.is_punct:
                infos.append(hit)
            else:
                infos.append(info(t))
        cands = [h[5] for h in infos]
        used: set[int] = set()
        out: list[TriggerMatch] = []
        match_rest = self._match_rest
        for i, h in enumerate(infos):
            entries = h[6]
            if not entries or i in used:
                continue
            best: tuple[tuple[int, int, int, float], _Entry, tuple[int, ...]] | None = None
            readings: dict[tuple[int, ...], list[_Entry]] = {}
            for rank, entry in entries:
                parts = match_rest(entry.rest, i, tokens, cands, used, inside) if entry.rest else (i,)
                if parts is None:
                    continue
                key = (parts[-1], len(parts), -rank if entry.exact else -rank - 100, entry.cue.weight)
                readings.setdefault(parts, []).append(entry)
                if best is None or key > best[0]:
                    best = (key, entry, parts)
            if best is None:
                continue
            _, entry, parts = best
            used.update(parts)
            cue = entry.cue
            if cue.type == BLOCKER:
                continue
            alts = []
            for e in readings[parts]:
                r = (e.cue.type, e.cue.mode, e.cue.cameo, e.cue.weight)
                if e.cue.type not in (cue.type, BLOCKER) and r not in alts:
                    alts.append(r)
            content = [w for w in cue.words if w != GAP]  # one per matched token
            last = len(parts) - 1
            while last > 0 and content[last] in FUNCTION_WORDS:
                last -= 1
            start, end = tokens[parts[0]].start, tokens[parts[last]].end
            out.append(
                TriggerMatch(
                    start_tok=parts[0],
                    end_tok=parts[last] + 1,
                    start=start,
                    end=end,
                    type=cue.type,
                    mode=cue.mode,
                    cameo=cue.cameo,
                    pos=cue.pos,
                    arg=cue.arg,
                    weight=cue.weight,
                    cue=cue.cue,
                    text=doc.text[start:end],
                    tokens=parts,
                    alternatives=tuple(sorted(alts, key=lambda r: -r[3])),
                )
            )
        return out

    @staticmethod
    def _match_rest(
        rest: tuple[frozenset[str] | None, ...],
        i: int,
        tokens: list[Token],
        cands: list[tuple[str, ...]],
        used: set[int],
        inside: frozenset[int] = frozenset(),
    ) -> tuple[int, ...] | None:
        """Token indices matched by the cue words (the first at ``i``), or None."""
        parts = [i]
        sent = tokens[i].sent
        j = i + 1
        gap = 0
        for want in rest:
            if want is None:
                gap = MAX_GAP
                continue
            found = None
            k, skipped = j, 0
            while k < len(tokens) and k - j - skipped <= gap:
                t = tokens[k]
                if t.sent != sent:
                    break
                if k not in used and not want.isdisjoint(cands[k]):
                    found = k
                    break
                skipped += k in inside
                k += 1
            if found is None:
                return None
            parts.append(found)
            j, gap = found + 1, 0
        return tuple(parts)


@lru_cache(maxsize=1)
def plover_modes() -> dict[str, frozenset[str]]:
    """Modes allowed for each PLOVER type (``events/data/plover_modes.tsv``, from the guidelines)."""
    return {
        row["type"]: frozenset(m.strip() for m in row.get("modes", "").split(",") if m.strip())
        for _, row in read_rows(DATA_DIR / "plover_modes.tsv")
    }


@lru_cache(maxsize=4)
def _load_default(path: str) -> TriggerLexicon:
    return TriggerLexicon(load_cues(Path(path)))


def default_lexicon() -> TriggerLexicon:
    """The shipped lexicon (loaded once)."""
    return _load_default(str(DEFAULT_PATH))


__all__ = [
    "BLOCKER",
    "Cue",
    "TriggerLexicon",
    "TriggerMatch",
    "candidate_forms",
    "default_lexicon",
    "load_cues",
    "plover_modes",
    "read_rows",
]
