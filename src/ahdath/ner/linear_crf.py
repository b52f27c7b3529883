"""The feature CRF (trained with python-crfsuite) decoded in numpy, many sentences at a time.

The model file is crfsuite's ``crf.bin``: attribute and label names come from pycrfsuite, the exact
(double) weights from the file's feature chunk. A token's score is the sum of the weights of its
attributes (``FeatureExtractor.sentence``); the per-word parts (the word's own features and what it
contributes to its neighbours at -2..+2) are summed once per word and cached, so tagging a token
costs a few vector additions plus its bigram and gazetteer-phrase features. Same output as
``pycrfsuite.Tagger.tag`` (up to float rounding of the sums).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ahdath.ner.batching import RowCache, viterbi
from ahdath.ner.features import CONTEXT_OFFSETS, FeatureExtractor

_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")])


def read_crfsuite(path: Path) -> tuple[dict[str, int], list[str], np.ndarray, np.ndarray]:
    """(attribute -> row, labels, state weights (n_attrs, n_labels), transitions (n_labels, n_labels))."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    info = tagger.info()
    tagger.close()
    attrs = {name: int(i) for name, i in info.attributes.items()}
    labels = [name for name, _ in sorted(info.labels.items(), key=lambda kv: int(kv[1]))]
    raw = path.read_bytes()
    off = int(info.header["off_features"], 16)
    if raw[off : off + 4] != b"FEAT":
        raise ValueError(f"{path}: no feature chunk at {off:#x}")
    n = int(np.frombuffer(raw, "<u4", 2, off + 4)[1])
    feats = np.frombuffer(raw, _FEATURE, n, off + 12)
    state = np.zeros((len(attrs), len(labels)), dtype=np.float64)
    trans = np.zeros((len(labels), len(labels)), dtype=np.float64)
    st, tr = feats[feats["type"] == 0], feats[feats["type"] == 1]
    state[st["src"], st["dst"]] = st["w"]
    trans[tr["src"], tr["dst"]] = tr["w"]
    return attrs, labels, state, trans


@dataclass
class NumpyCRF:
    attrs: dict[str, int]  # attribute name -> row of weights (unknown attributes: row len(attrs), zeros)
    weights: np.ndarray  # (n_attrs + 1, n_tags), columns in ``tags`` order
    trans: np.ndarray  # (n_tags, n_tags)
    tags: tuple[str, ...]
    fx: FeatureExtractor
    cache_rows: int = 60_000
    _cache: RowCache | None = field(default=None, repr=False)
    _ctx: dict[str, list[tuple[int, int]]] | None = field(default=None, repr=False)
    _firsts: frozenset[str] | None = field(default=None, repr=False)
    _ctx_blocks: tuple[dict[str, int], np.ndarray] | None = field(default=None, repr=False)

    @classmethod
    def load(cls, path: Path, fx: FeatureExtractor, tags: Sequence[str]) -> NumpyCRF:
        attrs, labels, state, trans = read_crfsuite(path)
        order = [labels.index(t) for t in tags]
        weights = np.zeros((len(attrs) + 1, len(tags)), dtype=np.float64)
        weights[: len(attrs)] = state[:, order]
        return cls(attrs, weights, np.ascontiguousarray(trans[np.ix_(order, order)]), tuple(tags), fx)

    def _ids(self, names: Sequence[str]) -> list[int]:
        unk = len(self.attrs)
        return [self.attrs.get(f, unk) for f in names]

    def _bigram_firsts(self) -> frozenset[str]:
        """Every word that may start a bigram feature ("b+=A|B", "b-=A|B") of the model (A cut at
        each "|", so words containing "|" are covered too)."""
        if self._firsts is None:
            out: set[str] = set()
            for name in self.attrs:
                if name.startswith(("b+=", "b-=")):
                    rest = name[3:]
                    out.update(rest[:p] for p, ch in enumerate(rest) if ch == "|")
            self._firsts = frozenset(out)
        return self._firsts

    def _context_ids(self) -> dict[str, list[tuple[int, int]]]:
        """Feature (without offset prefix) -> [(slot, attribute row)] for the slots where the model has it."""
        if self._ctx is None:
            self._ctx = {}
            for name, row in self.attrs.items():
                prefix, sep, base = name.partition(":")
                if sep and prefix in CONTEXT_OFFSETS:
                    self._ctx.setdefault(base, []).append((1 + CONTEXT_OFFSETS.index(prefix), row))
        return self._ctx

    def _context_blocks(self) -> tuple[dict[str, int], np.ndarray]:
        """Feature (without offset prefix) -> row of a (n, 4, n_tags) table: the weights it gives the
        tokens at -2, -1, +1, +2 as slots 1-4 of ``_word_rows`` see them (0 where the model lacks it)."""
        if self._ctx_blocks is None:
            ctx = self._context_ids()
            index = {f: i for i, f in enumerate(ctx)}
            table = np.zeros((len(ctx), 4, len(self.tags)), dtype=np.float64)
            for f, i in index.items():
                for slot, row in ctx[f]:
                    table[i, slot - 1] = self.weights[row]
            self._ctx_blocks = index, table
        return self._ctx_blocks

    def _word_rows(self, keys: list[str]) -> np.ndarray:
        """(len(keys), 5, n_tags): own score, and the score given to the tokens at +2, +1, -1, -2
        (slots 1-4 hold the word's features named "-2:", "-1:", "+1:", "+2:")."""
        get = self.attrs.get
        ctx_index, ctx_table = self._context_blocks()
        ctx_get = ctx_index.get
        parts = self.fx.word_feature_parts
        own_word: list[int] = []
        own_ids: list[int] = []
        ctx_word: list[int] = []
        ctx_ids: list[int] = []
        for i, k in enumerate(keys):
            own, ctx = parts(k)
            js = [j for j in map(get, own) if j is not None]
            own_ids += js
            own_word += [i] * len(js)
            js = [j for j in map(ctx_get, ctx) if j is not None]
            ctx_ids += js
            ctx_word += [i] * len(js)
        out = np.zeros((len(keys), 5, len(self.tags)), dtype=np.float64)
        # each slot sums its weights in feature order (a block's zeros for a missing slot add nothing)
        np.add.at(out[:, 0], np.array(own_word, dtype=np.int64), self.weights[np.array(own_ids, dtype=np.int64)])
        np.add.at(out[:, 1:], np.array(ctx_word, dtype=np.int64), ctx_table[np.array(ctx_ids, dtype=np.int64)])
        return out

    def _flat_emissions(self, keys: list[list[str]], phrases: list[list[Sequence[str]]]) -> np.ndarray:
        """State scores (N, n_tags) of all tokens of the sentences, one after another."""
        flat = [k for s in keys for k in s]
        if self._cache is None:
            self._cache = RowCache((5, len(self.tags)), self.cache_rows, np.float64)
        rows = self._cache.data[self._cache.rows(flat, self._word_rows)]  # (N, 5, n)
        attrs, unk = self.attrs, len(self.attrs)
        w = self.weights
        lens = np.array([len(s) for s in keys], dtype=np.int64)
        if not lens.all():
            raise ValueError("NumpyCRF: empty sentence")
        ends = np.cumsum(lens)
        starts = ends - lens
        at = np.arange(len(flat)) - np.repeat(starts, lens)  # position in its sentence
        left = np.repeat(lens, lens) - 1 - at  # tokens after it in its sentence
        e = rows[:, 0] + w[attrs.get("bias", unk)]
        # the word at i-1 gives "-1:" features (slot 2), at i-2 "-2:" (slot 1), at i+1 "+1:" (3), at i+2 "+2:" (4)
        for shift, slot, ok in ((-1, 2, at >= 1), (-2, 1, at >= 2), (1, 3, left >= 1), (2, 4, left >= 2)):
            i = np.flatnonzero(ok)
            e[i] += rows[i + shift, slot]
        # then, at each token in this order: BOS, EOS, the bigrams (b-= of the pair ending here, b+= of the
        # one starting here) and the gazetteer-phrase features
        extra_pos: list[int] = [*starts.tolist(), *(ends - 1).tolist()]
        extra_ids: list[int] = [attrs.get("BOS", unk)] * len(keys) + [attrs.get("EOS", unk)] * len(keys)
        firsts = self._bigram_firsts()
        get = attrs.get
        g = 0
        for sent in keys:
            for i in range(len(sent) - 1):
                a = sent[i]
                if a not in firsts:  # no bigram feature of the model starts with this word
                    continue
                b = sent[i + 1]
                j = get(f"b+={a}|{b}")
                if j is not None:
                    extra_pos.append(g + i)
                    extra_ids.append(j)
                j = get(f"b-={a}|{b}")
                if j is not None:
                    extra_pos.append(g + i + 1)
                    extra_ids.append(j)
            g += len(sent)
        g = 0
        for sent, phr in zip(keys, phrases, strict=True):
            if any(phr):
                for i, names in enumerate(phr):
                    for name in names or ():
                        extra_pos.append(g + i)
                        extra_ids.append(get(name, unk))
            g += len(sent)
        np.add.at(e, extra_pos, w[extra_ids])
        return e

    def emissions(self, keys: list[list[str]], phrases: list[list[Sequence[str]]]) -> list[np.ndarray]:
        """Per-sentence state scores (n_i, n_tags) for folded token keys and their phrase features."""
        e = self._flat_emissions(keys, phrases)
        return np.split(e, np.cumsum([len(s) for s in keys])[:-1]) if keys else []

    def scores(self, keys: list[list[str]], phrases: list[list[Sequence[str]]], order: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """State scores (B, T, n_tags) and lengths of the sentences keys[i], i in order (ascending
        length, none empty)."""
        sents = [keys[i] for i in order]
        e = self._flat_emissions(sents, [phrases[i] for i in order])
        lengths = np.array([len(s) for s in sents], dtype=np.int64)
        em = np.zeros((len(sents), int(lengths.max()), len(self.tags)), dtype=np.float64)
        at = np.arange(len(e)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        em[np.repeat(np.arange(len(sents)), lengths), at] = e
        return em, lengths

    def decode_params(self) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
        return self.trans, None, None

    def tag_keys(self, keys: list[list[str]], phrases: list[list[Sequence[str]]], order: list[int]) -> list[list[str]]:
        """Tags of the sentences keys[i] for i in order (ascending length, none empty)."""
        em, lengths = self.scores(keys, phrases, order)
        return [[self.tags[k] for k in p] for p in viterbi(em, lengths, self.trans)]
