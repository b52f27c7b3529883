"""BiLSTM-CRF tagger, numpy inference (weights trained with torch in training/ner/nn_train.py).

Input per token: a frozen subword-skipgram vector of the folded word (or of its clitic-stripped stem),
a character CNN, and binary shape/gazetteer features. Decoding is Viterbi with IOB2 constraints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ahdath.ner.features import FeatureExtractor, _shape
from ahdath.ner.text import fold_key

TAGS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
GAZ_TYPES = ("COUNTRY", "CITY", "BIGCITY", "FIRST", "LAST")
SHAPES = ("D", "P", "L", "AD", "A")
N_FEATS = len(SHAPES) + 2 + 3 * len(GAZ_TYPES)
MAX_CHARS = 20
CACHE_LIMIT = 200_000  # featurized words kept per tagger


def allowed_transitions() -> np.ndarray:
    """allowed[i, j]: tag j may follow tag i (IOB2: I-X only after B-X or I-X)."""
    n = len(TAGS)
    ok = np.ones((n, n), dtype=bool)
    for j, t in enumerate(TAGS):
        if t.startswith("I-"):
            for i, p in enumerate(TAGS):
                ok[i, j] = p[2:] == t[2:]
    return ok


def allowed_start() -> np.ndarray:
    return np.array([not t.startswith("I-") for t in TAGS])


@dataclass
class Featurizer:
    """Maps token strings to (word index, char indices, binary features)."""

    vocab: dict[str, int]  # folded word -> row of the embedding matrix (0 = unknown)
    chars: dict[str, int]  # char -> index (0 = pad, 1 = unknown)
    fx: FeatureExtractor  # for stems and gazetteer phrases
    n_idx: int = 1  # 1: word vector; 2: word and clitic-stripped stem vectors
    _cache: dict[str, tuple[list[int], np.ndarray, np.ndarray]] = field(default_factory=dict, repr=False)

    def word(self, key: str) -> tuple[list[int], np.ndarray, np.ndarray]:
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        clitic, st = self.fx.stem(key)
        st_idx = self.vocab.get(st, 0)
        idx = [self.vocab.get(key) or st_idx, st_idx or self.vocab.get(key, 0)][: self.n_idx]
        ch = np.zeros(MAX_CHARS, dtype=np.int64)
        for i, c in enumerate(key[:MAX_CHARS]):
            ch[i] = self.chars.get(c, 1)
        f = np.zeros(N_FEATS, dtype=np.float32)
        f[SHAPES.index(_shape(key))] = 1.0
        if clitic:
            f[len(SHAPES)] = 1.0
        if st.startswith("ال") or key.startswith("ال"):
            f[len(SHAPES) + 1] = 1.0
        base = len(SHAPES) + 2
        for k in (key, st):
            kinds = self.fx.gazetteer.get((k,))
            if kinds:
                for kind in kinds.split("|"):
                    f[base + GAZ_TYPES.index(kind)] = 1.0
        out = (idx, ch, f)
        if len(self._cache) >= CACHE_LIMIT:  # bounded: a long run over a large corpus must not grow without end
            self._cache.clear()
        self._cache[key] = out
        return out

    def sentence(self, tokens: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        keys = [fold_key(t) or t for t in tokens]
        rows = [self.word(k) for k in keys]
        idx = np.array([r[0] for r in rows], dtype=np.int64).reshape(len(rows), self.n_idx)
        ch = np.stack([r[1] for r in rows])
        f = np.stack([r[2] for r in rows])
        phr = self.fx._phrase_feats(keys)
        if any(phr):
            f = f.copy()
            base = len(SHAPES) + 2 + len(GAZ_TYPES)
            for i, feats in enumerate(phr):
                for name in feats:
                    bi, kind = name[1], name[3:]
                    f[i, base + (0 if bi == "B" else len(GAZ_TYPES)) + GAZ_TYPES.index(kind)] = 1.0
        return idx, ch, f


@dataclass
class NumpyBiLSTMCRF:
    w: dict[str, np.ndarray]

    @classmethod
    def load(cls, path: Path) -> NumpyBiLSTMCRF:
        with np.load(path) as z:
            return cls({k: z[k].astype(np.float32) for k in z.files})

    @property
    def n_idx(self) -> int:
        """How many vectors (word, stem) feed each token, read from the input weight shape."""
        d_in = self.w["lstm_f_wi"].shape[0] - self.w["char_conv_b"].shape[0] - N_FEATS
        return d_in // self.w["word_emb"].shape[1]

    def _prepared(self, d: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Direction d's weights with gate columns reordered to i, f, o, g and the sigmoid gates
        scaled by 1/2, so that one tanh gives every gate: sigmoid(x) = (tanh(x / 2) + 1) / 2."""
        key = f"_prep_{d}"
        if key not in self.w:
            wi, wh, bias = self.w[f"lstm_{d}_wi"], self.w[f"lstm_{d}_wh"], self.w[f"lstm_{d}_b"]
            hsz = wh.shape[0]
            order = np.r_[0 : 2 * hsz, 3 * hsz : 4 * hsz, 2 * hsz : 3 * hsz]  # i f o g
            scale = np.r_[np.full(3 * hsz, 0.5), np.ones(hsz)].astype(np.float32)
            self.w[key + "_wi"] = np.ascontiguousarray(wi[:, order] * scale)
            self.w[key + "_wh"] = np.ascontiguousarray(wh[:, order] * scale)
            self.w[key] = (bias[order] * scale).astype(np.float32)
        return self.w[key + "_wi"], self.w[key + "_wh"], self.w[key]

    def _lstm(self, x: np.ndarray, lengths: np.ndarray, d: str) -> np.ndarray:
        """x: (B, T, D) padded; runs direction d ('f' or 'b'); returns (B, T, H)."""
        b, t, _ = x.shape
        wi, wh, bias = self._prepared(d)
        hsz = wh.shape[0]
        if d == "b":  # reverse each sequence inside its own length
            rev = np.maximum(lengths[:, None] - 1 - np.arange(t)[None, :], 0)
            x = np.take_along_axis(x, rev[:, :, None], axis=1)
        xp = x @ wi + bias  # (B, T, 4H)
        h = np.zeros((b, hsz), dtype=np.float32)
        c = np.zeros((b, hsz), dtype=np.float32)
        out = np.empty((b, t, hsz), dtype=np.float32)
        h3 = 3 * hsz
        for s in range(t):
            z = np.tanh(xp[:, s] + h @ wh)
            sig = 0.5 * z[:, :h3] + 0.5
            c = sig[:, hsz : 2 * hsz] * c + sig[:, :hsz] * z[:, h3:]
            h = sig[:, 2 * hsz :] * np.tanh(c)
            out[:, s] = h
        if d == "b":
            out = np.take_along_axis(out, rev[:, :, None], axis=1)
        return out

    def char_features(self, ch: np.ndarray) -> np.ndarray:
        """Char-CNN output for words given as char index rows ch (N, C) -> (N, F)."""
        w = self.w
        ce = w["char_emb"][ch]  # (N, C, Dc)
        n, c, dc = ce.shape
        k = w["char_conv_w"].shape[0] // dc  # conv weight stored as (k*Dc, F)
        pad = np.zeros((n, k // 2, dc), dtype=np.float32)
        cp = np.concatenate([pad, ce, pad], axis=1)
        win = np.concatenate([cp[:, j : j + c] for j in range(k)], axis=2)  # (N, C, k*Dc)
        conv = win @ w["char_conv_w"] + w["char_conv_b"]
        conv = np.where((ch > 0)[..., None], conv, -1e4).max(axis=1)
        return np.where(conv < -1e3, 0.0, conv).astype(np.float32)

    def inputs(self, idx: np.ndarray, ch: np.ndarray, feats: np.ndarray) -> np.ndarray:
        """LSTM input rows for N tokens: idx (N, K), ch (N, C), feats (N, N_FEATS) -> (N, D)."""
        emb = self.w["word_emb"][idx].reshape(len(idx), -1)
        return np.concatenate([emb, self.char_features(ch), feats], axis=1).astype(np.float32)

    def run(self, x: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Emission scores (B, T, n_tags) for padded LSTM inputs x (B, T, D)."""
        w = self.w
        h = np.concatenate([self._lstm(x, lengths, "f"), self._lstm(x, lengths, "b")], axis=2)
        return h @ w["out_w"] + w["out_b"]

    def emissions(self, idx: np.ndarray, ch: np.ndarray, feats: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        b, t = idx.shape[:2]
        x = self.inputs(idx.reshape(b * t, -1), ch.reshape(b * t, -1), feats.reshape(b * t, -1))
        return self.run(x.reshape(b, t, -1), lengths)

    def viterbi_batch(self, em: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Best IOB2-valid tag paths for a padded batch em (B, T, n) -> (B, T) tag indices."""
        trans = np.where(allowed_transitions(), self.w["crf_trans"], -1e4).astype(np.float32)
        start = np.where(allowed_start(), self.w["crf_start"], -1e4).astype(np.float32)
        b, t, n = em.shape
        score = start + em[:, 0]
        back = np.zeros((b, t, n), dtype=np.int64)
        rows = np.arange(b)
        for s in range(1, t):
            cand = score[:, :, None] + trans[None]  # (B, from, to)
            best_prev = cand.argmax(axis=1)
            new = np.take_along_axis(cand, best_prev[:, None, :], axis=1)[:, 0] + em[:, s]
            active = (s < lengths)[:, None]
            score = np.where(active, new, score)
            back[:, s] = np.where(active, best_prev, np.arange(n)[None, :])
        score = score + self.w["crf_end"]
        path = np.zeros((b, t), dtype=np.int64)
        cur = score.argmax(axis=1)
        for s in range(t - 1, -1, -1):
            path[:, s] = cur
            cur = back[rows, s, cur]
        return path


@dataclass
class NeuralTagger:
    featurizer: Featurizer
    net: NumpyBiLSTMCRF
    batch_tokens: int = 3000
    max_cache: int = 300_000
    _inputs: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def _sentence_inputs(self, tokens: Sequence[str]) -> np.ndarray:
        """LSTM input rows of one sentence; per-word parts are cached, phrase features added here."""
        fz = self.featurizer
        keys = [fold_key(t) or t for t in tokens]
        cache = self._inputs
        new = [k for k in dict.fromkeys(keys) if k not in cache]
        if new:
            if len(cache) + len(new) > self.max_cache:
                cache.clear()
            rows = [fz.word(k) for k in new]
            x = self.net.inputs(
                np.array([r[0] for r in rows], dtype=np.int64),
                np.stack([r[1] for r in rows]),
                np.stack([r[2] for r in rows]),
            )
            for k, row in zip(new, x, strict=True):
                cache[k] = row
        x = np.stack([cache[k] for k in keys])
        phr = fz.fx._phrase_feats(keys)
        if any(phr):
            base = x.shape[1] - 2 * len(GAZ_TYPES)
            for i, feats in enumerate(phr):
                for name in feats:
                    bi, kind = name[1], name[3:]
                    x[i, base + (0 if bi == "B" else len(GAZ_TYPES)) + GAZ_TYPES.index(kind)] = 1.0
        return x

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in sentences]
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        pos = 0
        while pos < len(order):
            end = pos + 1
            while end < len(order) and len(sentences[order[end]]) * (end - pos + 1) <= self.batch_tokens:
                end += 1
            batch = order[pos:end]
            xs = [self._sentence_inputs(sentences[i]) for i in batch]
            lengths = np.array([len(x) for x in xs], dtype=np.int64)
            x = np.zeros((len(xs), int(lengths.max()), xs[0].shape[1]), dtype=np.float32)
            for r, xi in enumerate(xs):
                x[r, : len(xi)] = xi
            paths = self.net.viterbi_batch(self.net.run(x, lengths), lengths)
            for r, i in enumerate(batch):
                out[i] = [TAGS[k] for k in paths[r, : lengths[r]]]
            pos = end
        return out
