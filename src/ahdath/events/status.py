"""Event status from cue words around a trigger: asserted, negated, future or hypothetical.

The cues live in ``events/data/status_cues.tsv`` (format in docs/lexicon.md). For a trigger at
tokens ``[start_tok, end_tok)`` the nearest cue in its clause decides:

    >>> from ahdath.language import analyze
    >>> doc = analyze(Document(id="x", text="لم تقصف الطائرات المدينة"))
    >>> status_of(doc, 1, 2)
    ('negated', 'لم')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ahdath.events.lexicon import read_rows
from ahdath.language.normalize import fold_text
from ahdath.language.tokenize import FUTURE, lookup_forms
from ahdath.model import Document, Token

STATUS_PATH = Path(__file__).resolve().parent / "data" / "status_cues.tsv"
STATUSES = ("negated", "future", "hypothetical", "none")
SCOPES = ("before", "after", "prefix", "imperfect", "initial")
# Tokens that close a clause: a status cue does not reach across them.
BOUNDARY_PUNCT = frozenset('،,؛;:.!?؟()[]«»"“”')
BOUNDARY_WORDS = frozenset(
    fold_text(w) for w in ("لكن", "لكنه", "لكنها", "بل", "بينما", "فيما", "حيث", "الذي", "التي", "الذين", "عندما")
)
IMPERFECT_LETTERS = "يتنا"


@dataclass(frozen=True, slots=True)
class StatusCue:
    words: tuple[str, ...]  # folded
    status: str
    scope: str
    window: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class StatusLexicon:
    before: dict[str, tuple[StatusCue, ...]]  # first word -> cues (before/imperfect/initial scopes)
    after: dict[str, tuple[StatusCue, ...]]
    prefixes: tuple[StatusCue, ...]
    max_before: int  # how far back a before-cue can start
    max_after: int


def load_status_cues(path: Path = STATUS_PATH) -> list[StatusCue]:
    """Rows of a status cue TSV (raises ValueError naming the line)."""
    cues: list[StatusCue] = []
    for lineno, row in read_rows(path):
        where = f"{path.name}:{lineno}"
        words = tuple(fold_text(w) for w in row.get("cue", "").split())
        if not words:
            raise ValueError(f"{where}: empty cue")
        if row.get("status") not in STATUSES:
            raise ValueError(f"{where}: status {row.get('status')!r} not in {STATUSES}")
        if row.get("scope") not in SCOPES:
            raise ValueError(f"{where}: scope {row.get('scope')!r} not in {SCOPES}")
        try:
            window = int(row.get("window", ""))
        except ValueError as e:
            raise ValueError(f"{where}: window {row.get('window')!r} is not an integer") from e
        cues.append(StatusCue(words, row["status"], row["scope"], window, row.get("note", "")))
    return cues


@lru_cache(maxsize=4)
def status_lexicon(path: str = str(STATUS_PATH)) -> StatusLexicon:
    before: dict[str, list[StatusCue]] = {}
    after: dict[str, list[StatusCue]] = {}
    prefixes: list[StatusCue] = []
    for cue in load_status_cues(Path(path)):
        if cue.scope == "prefix":
            prefixes.append(cue)
        else:
            (after if cue.scope == "after" else before).setdefault(cue.words[0], []).append(cue)

    def freeze(d: dict[str, list[StatusCue]]) -> dict[str, tuple[StatusCue, ...]]:
        return {k: tuple(sorted(v, key=lambda c: -len(c.words))) for k, v in d.items()}

    max_before = max((c.window + len(c.words) for cs in before.values() for c in cs), default=0)
    max_after = max((c.window for cs in after.values() for c in cs), default=0)
    return StatusLexicon(freeze(before), freeze(after), tuple(prefixes), max_before, max_after)


def _is_boundary(tok: Token) -> bool:
    if tok.is_punct:
        return any(ch in BOUNDARY_PUNCT for ch in tok.text)
    return tok.norm in BOUNDARY_WORDS


def _forms(tok: Token) -> tuple[str, ...]:
    return () if tok.is_punct else _lookup_forms(tok.norm, tok.stem, tok.prefixes)


@lru_cache(maxsize=65_536)
def _lookup_forms(norm: str, stem: str, prefixes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(lookup_forms(Token(0, 0, 0, "", norm, prefixes, stem)))


def _cue_at(tokens: list[Token], k: int, cues: tuple[StatusCue, ...], limit: int) -> StatusCue | None:
    """The longest cue whose words match tokens k, k+1, ... (all before ``limit``)."""
    for cue in cues:
        n = len(cue.words)
        if k + n > limit:
            continue
        if all(cue.words[j] in _forms(tokens[k + j]) for j in range(1, n)):
            return cue
    return None


def _looks_imperfect(tok: Token) -> bool:
    stem = tok.norm[1:] if tok.prefixes and tok.prefixes[0] in ("و", "ف") else tok.norm
    return len(stem) >= 3 and stem[0] in IMPERFECT_LETTERS


def _cue_has_particle(cue: str) -> bool:
    """Whether a lexicon cue's first word starts with the future particle before an imperfective prefix (سيرد،
    سيدفع ... ثمن), not with a root letter س (سمح، سحب؛ سيطر reads as the particle too, which costs nothing: its
    future form سيسيطر is rare)."""
    word = cue.split()[0] if cue else ""
    return len(word) >= 4 and word[0] == FUTURE and word[1] in "يتن"


def _has_future_prefix(tok: Token, cue: str | None) -> bool:
    if FUTURE in tok.prefixes:
        return True
    # The language layer splits س only when the vocabulary supports it; a lexicon cue tells us
    # the word itself does not start with س (سيطر) when the caller passes it.
    if cue is None or cue.startswith(FUTURE):
        return False
    word = tok.norm[1:] if tok.prefixes and tok.prefixes[0] in ("و", "ف") else tok.norm
    return len(word) >= 4 and word[0] == FUTURE and word[1] in IMPERFECT_LETTERS


def status_of(doc: Document, start_tok: int, end_tok: int, cue: str | None = None) -> tuple[str, str | None]:
    """Status of the event whose trigger covers tokens ``[start_tok, end_tok)``, and the cue's text.

    ``cue`` (the lexicon key of the trigger, optional) lets the future prefix be read off words the
    language layer did not segment. Returns ``("asserted", None)`` when no cue applies.
    """
    tokens = doc.tokens
    if not tokens or not 0 <= start_tok < end_tok <= len(tokens):
        return "asserted", None
    lex = status_lexicon()
    head = tokens[start_tok]
    sent = head.sent
    found: list[tuple[int, str, int, int]] = []  # (distance, status, first token, last token)

    # Prefix cues: on the trigger itself, or an auxiliary verb shortly before it (ستعيد فرض).
    for pc in lex.prefixes:
        if pc.words[0] != FUTURE:
            continue
        # A cue that itself starts with the future particle (سيرد: a threat, made now) carries no future of its
        # own; a cue whose root starts with س (سمح، ساعد، سحب، سلم) does, with the particle before it (ستسمح).
        if not (cue and _cue_has_particle(cue)) and _has_future_prefix(head, cue):
            found.append((0, pc.status, start_tok, start_tok))
            continue
        for d in range(1, pc.window + 1):
            k = start_tok - d
            if k < 0 or tokens[k].sent != sent or _is_boundary(tokens[k]):
                break
            if FUTURE in tokens[k].prefixes:
                found.append((d, pc.status, k, k))
                break

    # Cues before the trigger, nearest first, not across a clause boundary.
    max_before = lex.max_before
    k = start_tok - 1
    while k >= 0 and start_tok - k <= max_before:
        tok = tokens[k]
        if tok.sent != sent or _is_boundary(tok):
            break
        for form in _forms(tok):
            c = _cue_at(tokens, k, lex.before.get(form, ()), start_tok)
            if c is None:
                continue
            last = k + len(c.words) - 1
            dist = start_tok - last
            if c.status != "none" and dist <= c.window and _applies(c, tokens, k, last):
                found.append((dist, c.status, k, last))
            break
        k -= 1

    # Cues after the trigger (المقبل، غدا).
    max_after = lex.max_after
    for k in range(end_tok, min(len(tokens), end_tok + max_after)):
        tok = tokens[k]
        if tok.sent != sent or _is_boundary(tok):
            break
        c = next((c for f in _forms(tok) if (c := _cue_at(tokens, k, lex.after.get(f, ()), len(tokens)))), None)
        if c is not None and c.status != "none" and k - end_tok + 1 <= c.window:
            found.append((k - end_tok + 1 + 100, c.status, k, k + len(c.words) - 1))  # before-cues win ties
            break

    if not found:
        return "asserted", None
    _, status, a, b = min(found)
    return status, doc.text[tokens[a].start : tokens[b].end]


def _applies(c: StatusCue, tokens: list[Token], first: int, last: int) -> bool:
    if c.scope == "imperfect":
        return last + 1 < len(tokens) and _looks_imperfect(tokens[last + 1])
    if c.scope == "initial":
        return first == 0 or tokens[first - 1].sent != tokens[first].sent or _is_boundary(tokens[first - 1])
    return True


__all__ = ["StatusCue", "load_status_cues", "status_lexicon", "status_of"]
