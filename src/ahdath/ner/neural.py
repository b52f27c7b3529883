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
    _cache: dict[str, tuple[int, np.ndarray, np.ndarray]] = field(default_factory=dict, repr=False)

    def word(self, key: str) -> tuple[int, np.ndarray, np.ndarray]:
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        clitic, st = self.fx.stem(key)
        idx = self.vocab.get(key) or self.vocab.get(st) or 0
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
        self._cache[key] = out
        return out

    def sentence(self, tokens: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        keys = [fold_key(t) or t for t in tokens]
        rows = [self.word(k) for k in keys]
        idx = np.array([r[0] for r in rows], dtype=np.int64)
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


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


@dataclass
class NumpyBiLSTMCRF:
    w: dict[str, np.ndarray]

    @classmethod
    def load(cls, path: Path) -> NumpyBiLSTMCRF:
        with np.load(path) as z:
            return cls({k: z[k].astype(np.float32) for k in z.files})

    def _lstm(self, x: np.ndarray, lengths: np.ndarray, d: str) -> np.ndarray:
        """x: (B, T, D) padded; runs direction d ('f' or 'b'); returns (B, T, H)."""
        b, t, _ = x.shape
        wi, wh, bias = self.w[f"lstm_{d}_wi"], self.w[f"lstm_{d}_wh"], self.w[f"lstm_{d}_b"]
        hsz = wh.shape[0]
        if d == "b":  # reverse each sequence inside its own length
            rev = np.maximum(lengths[:, None] - 1 - np.arange(t)[None, :], 0)
            x = np.take_along_axis(x, rev[:, :, None], axis=1)
        xp = x @ wi + bias  # (B, T, 4H)
        h = np.zeros((b, hsz), dtype=np.float32)
        c = np.zeros((b, hsz), dtype=np.float32)
        out = np.zeros((b, t, hsz), dtype=np.float32)
        for s in range(t):
            g = xp[:, s] + h @ wh
            i = _sigmoid(g[:, :hsz])
            f = _sigmoid(g[:, hsz : 2 * hsz])
            gg = np.tanh(g[:, 2 * hsz : 3 * hsz])
            o = _sigmoid(g[:, 3 * hsz :])
            c = f * c + i * gg
            h = o * np.tanh(c)
            out[:, s] = h
        if d == "b":
            out = np.take_along_axis(out, rev[:, :, None], axis=1)
        return out

    def emissions(self, idx: np.ndarray, ch: np.ndarray, feats: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        w = self.w
        emb = w["word_emb"][idx]  # (B, T, E)
        ce = w["char_emb"][ch]  # (B, T, C, Dc)
        b, t, c, dc = ce.shape
        k = w["char_conv_w"].shape[0] // dc  # conv weight stored as (k*Dc, F)
        pad = np.zeros((b, t, k // 2, dc), dtype=np.float32)
        cp = np.concatenate([pad, ce, pad], axis=2)
        win = np.concatenate([cp[:, :, j : j + c] for j in range(k)], axis=3)  # (B,T,C,k*Dc)
        conv = win @ w["char_conv_w"] + w["char_conv_b"]
        mask = (ch > 0)[..., None]
        conv = np.where(mask, conv, -1e4).max(axis=2)
        conv = np.where(conv < -1e3, 0.0, conv)
        x = np.concatenate([emb, conv, feats], axis=2).astype(np.float32)
        h = np.concatenate([self._lstm(x, lengths, "f"), self._lstm(x, lengths, "b")], axis=2)
        return h @ w["out_w"] + w["out_b"]

    def viterbi(self, em: np.ndarray, n: int) -> list[int]:
        trans = np.where(allowed_transitions(), self.w["crf_trans"], -1e4)
        start = np.where(allowed_start(), self.w["crf_start"], -1e4)
        score = start + em[0]
        back = np.zeros((n, em.shape[1]), dtype=np.int64)
        for s in range(1, n):
            cand = score[:, None] + trans
            back[s] = cand.argmax(axis=0)
            score = cand.max(axis=0) + em[s]
        score = score + self.w["crf_end"]
        best = [int(score.argmax())]
        for s in range(n - 1, 0, -1):
            best.append(int(back[s, best[-1]]))
        return best[::-1]


@dataclass
class NeuralTagger:
    featurizer: Featurizer
    net: NumpyBiLSTMCRF
    batch_tokens: int = 4000

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in sentences]
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        pos = 0
        while pos < len(order):
            end = pos + 1
            while end < len(order) and len(sentences[order[end]]) * (end - pos + 1) <= self.batch_tokens:
                end += 1
            batch = order[pos:end]
            t = max(len(sentences[i]) for i in batch)
            b = len(batch)
            idx = np.zeros((b, t), dtype=np.int64)
            ch = np.zeros((b, t, MAX_CHARS), dtype=np.int64)
            feats = np.zeros((b, t, N_FEATS), dtype=np.float32)
            lengths = np.zeros(b, dtype=np.int64)
            for r, i in enumerate(batch):
                a, c, f = self.featurizer.sentence(sentences[i])
                n = len(a)
                idx[r, :n], ch[r, :n], feats[r, :n], lengths[r] = a, c, f, n
            em = self.net.emissions(idx, ch, feats, lengths)
            for r, i in enumerate(batch):
                out[i] = [TAGS[k] for k in self.net.viterbi(em[r], int(lengths[r]))]
            pos = end
        return out
