"""The word-frequency vocabulary (ANT news, Apache-2.0) and the small word lists in ``data/``.

``data/vocab.tsv.gz`` holds light-folded words (see :func:`ahdath.language.normalize.light_fold`)
with their corpus counts, built by ``training/language/build_vocab.py``. Without the file every
count is 0 and the text layer still works (no vocabulary-driven repairs, default segmentation).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from ahdath.language.normalize import fold_light

PACKAGE = "ahdath.language"


@dataclass(frozen=True, slots=True)
class Vocabulary:
    light: dict[str, int]  # light-folded word -> count
    folded: dict[str, int]  # fully folded word -> summed count
    spelling: dict[str, str]  # fully folded word -> its most frequent light-folded spelling

    def count(self, word: str) -> int:
        """Corpus count of a light-folded word (0 when unknown)."""
        return self.light.get(word, 0)

    def folded_count(self, word: str) -> int:
        """Corpus count of a fully folded word, all spellings together."""
        return self.folded.get(word, 0)

    def respell(self, word: str) -> str:
        """The usual spelling of a light-folded word that the corpus does not know as written.

        ``حكومه`` -> ``حكومة`` (ta marbuta written as ha), ``الاسرائيلية`` -> ``الإسرائيلية``.
        """
        if word in self.light:
            return word
        return self.spelling.get(fold_light(word), word)

    def __contains__(self, word: str) -> bool:
        return word in self.light

    def __len__(self) -> int:
        return len(self.light)


def _data_lines(name: str) -> list[str]:
    """Non-comment, non-empty lines of a text file in ``data/``."""
    path = resources.files(PACKAGE) / "data" / name
    if not path.is_file():
        return []
    raw = path.read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    return [ln for ln in raw.decode("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    light: dict[str, int] = {}
    for line in _data_lines("vocab.tsv.gz"):
        word, _, count = line.partition("\t")
        light[word] = int(count)
    folded: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for word, c in light.items():  # most frequent first
        f = fold_light(word)
        folded[f] = folded.get(f, 0) + c
        spelling.setdefault(f, word)
    return Vocabulary(light, folded, spelling)


@cache
def load_word_list(name: str) -> frozenset[str]:
    """A one-word-per-line list from ``data/`` (``keep_whole.txt``, ``abbreviations.txt``)."""
    return frozenset(ln.strip() for ln in _data_lines(name))


@lru_cache(maxsize=1)
def load_clitics() -> dict[str, tuple[str, ...]]:
    """``data/clitics.tsv`` as kind -> forms (suffixes longest first)."""
    out: dict[str, list[str]] = {}
    for line in _data_lines("clitics.tsv"):
        kind, form, *_ = line.split("\t")
        out.setdefault(kind, []).append(form)
    if "suffix" in out:
        out["suffix"].sort(key=len, reverse=True)
    return {k: tuple(v) for k, v in out.items()}
