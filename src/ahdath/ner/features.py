"""Token features for the CRF tagger: word forms, clitic-stripped stems, affixes, shape,
word clusters (learned from unlabeled news) and gazetteer matches, over a +-2 window."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ahdath.ner.text import fold_key

DATA_DIR = Path(__file__).with_name("data")
MAX_PHRASE = 6
CONTEXT_OFFSETS = ("-2", "-1", "+1", "+2")  # how a word's features are named as seen from a neighbour


def load_proclitics(path: Path = DATA_DIR / "proclitics.tsv") -> list[tuple[str, int]]:
    rows: list[tuple[str, int]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        clitic, min_len = line.split("\t")
        rows.append((clitic, int(min_len)))
    rows.sort(key=lambda r: -len(r[0]))
    return rows


def load_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            out[parts[0]] = tuple(parts[1:])
    return out


def load_gazetteer(path: Path) -> dict[tuple[str, ...], str]:
    """Folded phrase (tuple of tokens) -> type; several types are joined with '|'."""
    out: dict[tuple[str, ...], str] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            phrase, kind = line.rstrip("\n").split("\t")
            key = tuple(phrase.split(" "))
            out[key] = kind if key not in out or kind in out[key].split("|") else out[key] + "|" + kind
    return out


def _shape(word: str) -> str:
    if word.isdigit():
        return "D"
    if not any(map(str.isalnum, word)):
        return "P"
    if word.isascii():
        return "L"
    if any(map(str.isdigit, word)):
        return "AD"
    return "A"


@dataclass
class FeatureExtractor:
    clusters: dict[str, tuple[str, ...]]
    gazetteer: dict[tuple[str, ...], str]
    proclitics: list[tuple[str, int]] = field(default_factory=load_proclitics)
    _cache: dict[str, tuple[list[str], ...]] = field(default_factory=dict, repr=False)
    _stems: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    _phrase_first: set[str] = field(default_factory=set, repr=False)
    _phrases: dict[tuple[str, ...], list[Sequence[str]]] = field(default_factory=dict, repr=False)

    _initials: frozenset[str] = field(default_factory=frozenset, repr=False)
    _firsts: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _lens: dict[tuple[str, ...], tuple[int, ...]] = field(default_factory=dict, repr=False)
    _first_lengths: dict[str, set[int]] | None = field(default=None, repr=False)
    _by_initial: dict[str, list[tuple[str, int]]] = field(default_factory=dict, repr=False)
    _cl_names: dict[tuple[str, tuple[str, ...]], list[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._phrase_first = {k[0] for k in self.gazetteer if len(k) > 1}
        self._initials = frozenset(c[0] for c, _ in self.proclitics)
        for c, n in self.proclitics:  # the proclitics in their order, by first letter
            self._by_initial.setdefault(c[:1], []).append((c, n))

    def stem(self, w: str) -> tuple[str, str]:
        """(proclitic, stem) of a folded word; ('', w) when no proclitic applies."""
        hit = self._stems.get(w)
        if hit is not None:
            return hit
        out = "", w
        for clitic, min_len in self._by_initial.get(w[:1], ()):
            if w.startswith(clitic) and len(w) - len(clitic) >= min_len:
                out = clitic, w[len(clitic) :]
                break
        if len(self._stems) > 500_000:
            self._stems.clear()
        self._stems[w] = out
        return out

    def _word_feats(self, w: str) -> tuple[list[str], ...]:
        """(own features, features as seen from offsets -2, -1, +1, +2)."""
        cached = self._cache.get(w)
        if cached is not None:
            return cached
        out = self.word_features(w)
        if len(self._cache) > 300_000:
            self._cache.clear()
        self._cache[w] = out
        return out

    def word_features(self, w: str) -> tuple[list[str], ...]:
        """``_word_feats`` without the cache (for callers that keep their own per-word results)."""
        own, ctx = self.word_feature_parts(w)
        return (own, *([f"{o}:{f}" for f in ctx] for o in CONTEXT_OFFSETS))

    def word_feature_parts(self, w: str) -> tuple[list[str], list[str]]:
        """(own features, features it gives its neighbours, without the offset prefix)."""
        clitic, st = self.stem(w)
        shape = _shape(w)
        word, shp = f"w={w}", f"sh={shape}"  # shared with the neighbours' context features
        own = [word, shp, f"x1={w[-1:]}", f"x2={w[-2:]}", f"x3={w[-3:]}", f"p2={w[:2]}", f"p3={w[:3]}"]
        ctx = [word, shp]
        if clitic:
            stem, cl_f = f"s={st}", f"cl={clitic}"
            own += [stem, cl_f, f"sx2={st[-2:]}", f"sp2={st[:2]}", f"sp3={st[:3]}"]
            ctx += [stem, cl_f]
        if len(w) <= 2:
            own.append("short")
        cl = self.clusters.get(w) or self.clusters.get(st)
        if cl:
            names = self._cluster_names(cl, "c")
            own += names
            ctx += names
        else:
            own.append("nocl")
        if clitic:
            scl = self.clusters.get(st)
            if scl:
                own += self._cluster_names(scl, "sc")
        for key in {(w,), (st,)} if clitic else ((w,),):  # (st == w without a clitic)
            kind = self.gazetteer.get(key)
            if kind:
                for k in kind.split("|"):
                    own.append(f"g1={k}")
                    ctx.append(f"g1={k}")
        return own, ctx

    def _cluster_names(self, cl: tuple[str, ...], prefix: str) -> list[str]:
        """["c0=..", "c1=..", ...] (prefix "c") of a word's cluster ids, memoized."""
        hit = self._cl_names.get((prefix, cl))
        if hit is None:
            if len(self._cl_names) > 200_000:
                self._cl_names.clear()
            hit = self._cl_names[(prefix, cl)] = [f"{prefix}{j}={c}" for j, c in enumerate(cl)]
        return hit

    def _phrase_feats(self, keys: list[str]) -> list[Sequence[str]]:
        """B-/I- features of the longest gazetteer phrase starting at each position (memoized)."""
        key = tuple(keys)
        hit = self._phrases.get(key)
        if hit is None:
            if len(self._phrases) > 20_000:
                self._phrases.clear()
            hit = self._phrases[key] = self._compute_phrase_feats(keys)
        return hit

    def _first_forms(self, w: str) -> tuple[str, ...]:
        """Forms of w that start a multi-word gazetteer phrase: itself, then its clitic-stripped stem (in this
        order, so that a phrase found under both gets the same type in every process: a set's order would
        follow the per-process string hash)."""
        hit = self._firsts.get(w)
        if hit is None:
            forms = (w, self.stem(w)[1]) if w[:1] in self._initials else (w,)
            hit = tuple(f for f in dict.fromkeys(forms) if f in self._phrase_first)
            if len(self._firsts) > 300_000:
                self._firsts.clear()
            self._firsts[w] = hit
        return hit

    def _phrase_lengths(self, forms: tuple[str, ...]) -> tuple[int, ...]:
        """Lengths (2..MAX_PHRASE, descending) of the gazetteer phrases that start with one of forms."""
        if self._first_lengths is None:
            by_first: dict[str, set[int]] = {}
            for k in self.gazetteer:
                if 1 < len(k) <= MAX_PHRASE:
                    by_first.setdefault(k[0], set()).add(len(k))
            self._first_lengths = by_first
        return tuple(sorted({n for f in forms for n in self._first_lengths.get(f, ())}, reverse=True))

    def _compute_phrase_feats(self, keys: list[str]) -> list[Sequence[str]]:
        n = len(keys)
        out: list[Sequence[str]] = [()] * n  # positions without a phrase share one empty tuple
        firsts = self._firsts
        nxt = 0  # phrases do not overlap: the next one starts after the last match
        for i, w in enumerate(keys):
            if i < nxt:
                continue
            first_forms = firsts[w] if w in firsts else self._first_forms(w)
            if not first_forms:
                continue
            best, kind = 0, ""
            lens = self._lens.get(first_forms)
            if lens is None:
                lens = self._lens[first_forms] = self._phrase_lengths(first_forms)
            for length in lens:  # the lengths of the phrases they start, longest first
                if length > n - i:
                    continue
                rest = tuple(keys[i + 1 : i + length])
                for first in first_forms:
                    k = self.gazetteer.get((first, *rest))
                    if k:
                        best, kind = length, k
                        break
                if best:
                    break
            if best:
                kinds = kind.split("|")
                out[i] = [f"gB={k}" for k in kinds]
                for j in range(i + 1, i + best):
                    out[j] = [f"gI={k}" for k in kinds]
                nxt = i + best
        return out

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        keys = [fold_key(t) or t for t in tokens]
        wf = [self._word_feats(k) for k in keys]
        phr = self._phrase_feats(keys)
        n = len(keys)
        feats: list[list[str]] = []
        for i in range(n):
            f = ["bias", *wf[i][0], *phr[i]]
            if i == 0:
                f.append("BOS")
            else:
                f += wf[i - 1][2]
                f.append(f"b-={keys[i - 1]}|{keys[i]}")
                if i > 1:
                    f += wf[i - 2][1]
            if i == n - 1:
                f.append("EOS")
            else:
                f += wf[i + 1][3]
                f.append(f"b+={keys[i]}|{keys[i + 1]}")
                if i < n - 2:
                    f += wf[i + 2][4]
            feats.append(f)
        return feats
