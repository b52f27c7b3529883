"""Data-file loading and clitic-tolerant phrase matching over ``doc.tokens`` (shared by the quote layer)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar

from ahdath.language.normalize import fold_text
from ahdath.model import Token

DATA_DIR = Path(__file__).with_name("data")
V = TypeVar("V")

# Proclitic chains stripped from a token before lookup (conjunction, then preposition).
_PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل")
_ARTICLE = "ال"
# Quotation marks, openers and closers; the straight ones are both.
OPENERS = '“«„‟"❝'
CLOSERS = '”»"❞'
QUOTE_MARKS = frozenset(OPENERS + CLOSERS + "‘’")


def read_tsv(name: str, columns: int) -> list[list[str]]:
    """Rows of a data file (comments and blank lines skipped), padded to ``columns`` fields."""
    rows: list[list[str]] = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        rows.append([p.strip() for p in parts] + [""] * (columns - len(parts)))
    return rows


def strip_article(word: str) -> str:
    return word[2:] if word.startswith(_ARTICLE) and len(word) > 3 else word


@lru_cache(maxsize=1 << 16)
def token_keys(norm: str) -> frozenset[str]:
    """Folded forms a token may stand for once proclitics and the article are removed (cached: the
    same word forms recur across tokens and documents)."""
    keys = {norm, strip_article(norm)}
    for p in _PROCLITICS:
        if norm.startswith(p) and len(norm) - len(p) >= 2:
            rest = norm[len(p) :]
            keys.add(rest)
            keys.add(strip_article(rest))
            if p.endswith("ل") and rest.startswith("ل") and len(rest) > 2:  # للكيان -> الكيان
                keys.add(_ARTICLE + rest[1:])
                keys.add(rest[1:])
    return frozenset(keys)


def phrase_key(word: str) -> str:
    return strip_article(fold_text(word))


def conj_forms(norm: str) -> list[str]:
    """The token itself, then without a leading conjunction (وقال -> قال)."""
    out = [norm]
    if len(norm) > 2 and norm[0] in "وف":
        out.append(norm[1:])
    return out


@dataclass(frozen=True, slots=True)
class Match(Generic[V]):
    first: int  # index into the token list given
    last: int  # inclusive
    value: V


class PhraseMatcher(Generic[V]):
    """Multi-word lexicon lookup, longest match first, tolerant to clitics and the article.

    A phrase written ``(قنا)`` only matches when the tokens stand inside parentheses.
    """

    def __init__(self, entries: Iterable[tuple[str, V]]) -> None:
        self._index: dict[str, list[tuple[tuple[str, ...], bool, V]]] = {}
        for phrase, value in entries:
            paren = phrase.startswith("(") and phrase.endswith(")")
            words = tuple(phrase_key(w) for w in phrase.strip("()").split())
            if not words:
                continue
            self._index.setdefault(words[0], []).append((words, paren, value))
        for cands in self._index.values():
            cands.sort(key=lambda c: -len(c[0]))
        self._firsts = frozenset(self._index)

    def match_at(self, tokens: list[Token], i: int) -> Match[V] | None:
        tok = tokens[i]
        if tok.is_punct:
            return None
        keys = token_keys(tok.norm)
        if self._firsts.isdisjoint(keys):
            return None
        best: Match[V] | None = None
        for key in keys:
            for words, paren, value in self._index.get(key, ()):
                j = i
                ok = True
                for w in words[1:]:
                    j += 1
                    if j >= len(tokens) or w not in token_keys(tokens[j].norm):
                        ok = False
                        break
                if not ok:
                    continue
                if paren and not (
                    i > 0 and tokens[i - 1].text == "(" and j + 1 < len(tokens) and tokens[j + 1].text == ")"
                ):
                    continue
                if best is None or j > best.last:
                    best = Match(i, j, value)
                break  # candidates are sorted longest first
        return best

    def find_all(self, tokens: list[Token]) -> Iterator[Match[V]]:
        """Non-overlapping matches, left to right, longest at each position."""
        i = 0
        while i < len(tokens):
            m = self.match_at(tokens, i)
            if m is None:
                i += 1
                continue
            yield m
            i = m.last + 1
