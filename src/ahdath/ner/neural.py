"""BiLSTM-CRF tagger, numpy inference (weights trained with torch in training/ner/nn_train.py).

Input per token: a frozen subword-skipgram vector of the folded word (or of its clitic-stripped stem),
a character CNN, and binary shape/gazetteer features. Decoding is Viterbi with IOB2 constraints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ahdath.ner.batching import RowCache, length_batches, viterbi
from ahdath.ner.features import FeatureExtractor, _shape
from ahdath.ner.text import fold_key

TAGS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
GAZ_TYPES = ("COUNTRY", "CITY", "BIGCITY", "FIRST", "LAST")  # default; a model may list its own (gaz_types)
SHAPES = ("D", "P", "L", "AD", "A")
N_FEATS = len(SHAPES) + 2 + 3 * len(GAZ_TYPES)


def n_feats(gaz_types: Sequence[str] = GAZ_TYPES) -> int:
    """Binary features per token: shape, clitic, article, and word/phrase-start/phrase-inside gazetteer types."""
    return len(SHAPES) + 2 + 3 * len(gaz_types)
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
    gaz_types: tuple[str, ...] = GAZ_TYPES
    _cache: dict[str, tuple[list[int], np.ndarray, np.ndarray]] = field(default_factory=dict, repr=False)

    def word(self, key: str) -> tuple[list[int], np.ndarray, np.ndarray]:
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        out = self.compute(key)
        if len(self._cache) >= CACHE_LIMIT:  # bounded: a long run over a large corpus must not grow without end
            self._cache.clear()
        self._cache[key] = out
        return out

    def compute(self, key: str) -> tuple[list[int], np.ndarray, np.ndarray]:
        """(vector rows, char ids, binary features) of one folded word, uncached."""
        clitic, st = self.fx.stem(key)
        st_idx = self.vocab.get(st, 0)
        idx = [self.vocab.get(key) or st_idx, st_idx or self.vocab.get(key, 0)][: self.n_idx]
        ch = np.zeros(MAX_CHARS, dtype=np.int64)
        for i, c in enumerate(key[:MAX_CHARS]):
            ch[i] = self.chars.get(c, 1)
        f = np.zeros(n_feats(self.gaz_types), dtype=np.float32)
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
                    if kind in self.gaz_types:
                        f[base + self.gaz_types.index(kind)] = 1.0
        return idx, ch, f

    def compute_many(self, keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``compute`` of many folded words, stacked: vector rows (N, n_idx), char ids (N, MAX_CHARS),
        binary features (N, n_feats)."""
        vocab, chars, gaz, gt = self.vocab, self.chars.get, self.fx.gazetteer.get, self.gaz_types
        stem = self.fx.stem
        n_shapes = len(SHAPES)
        base = n_shapes + 2
        shape_col = {sh: j for j, sh in enumerate(SHAPES)}
        gaz_col = {kind: base + j for j, kind in reversed(list(enumerate(gt)))}  # first index, as gt.index
        pad = [0] * MAX_CHARS
        idx: list[list[int]] = []
        ch: list[list[int]] = []
        f_rows: list[int] = []
        f_cols: list[int] = []
        for r, key in enumerate(keys):
            clitic, st = stem(key)
            st_idx = vocab.get(st, 0)
            idx.append([vocab.get(key) or st_idx, st_idx or vocab.get(key, 0)][: self.n_idx])
            ids = [chars(c, 1) for c in key[:MAX_CHARS]]
            ch.append(ids + pad[len(ids) :])
            cols = [shape_col[_shape(key)]]
            if clitic:
                cols.append(n_shapes)
            if st.startswith("ال") or key.startswith("ال"):
                cols.append(n_shapes + 1)
            for k in (key, st):
                kinds = gaz((k,))
                if kinds:
                    cols.extend(gaz_col[kind] for kind in kinds.split("|") if kind in gaz_col)
            f_rows.extend([r] * len(cols))
            f_cols.extend(cols)
        f = np.zeros((len(keys), n_feats(gt)), dtype=np.float32)
        f[f_rows, f_cols] = 1.0
        return (
            np.array(idx, dtype=np.int64).reshape(len(keys), self.n_idx),
            np.array(ch, dtype=np.int64).reshape(len(keys), MAX_CHARS),
            f,
        )

    def sentence(self, tokens: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        keys = [fold_key(t) or t for t in tokens]
        rows = [self.word(k) for k in keys]
        idx = np.array([r[0] for r in rows], dtype=np.int64).reshape(len(rows), self.n_idx)
        ch = np.stack([r[1] for r in rows])
        f = np.stack([r[2] for r in rows])
        phr = self.fx._phrase_feats(keys)
        if any(phr):
            f = f.copy()
            gt = self.gaz_types
            base = len(SHAPES) + 2 + len(gt)
            for i, feats in enumerate(phr):
                for name in feats:
                    bi, kind = name[1], name[3:]
                    if kind in gt:
                        f[i, base + (0 if bi == "B" else len(gt)) + gt.index(kind)] = 1.0
        return idx, ch, f


@dataclass
class NumpyBiLSTMCRF:
    w: dict[str, np.ndarray]
    gaz_types: tuple[str, ...] = GAZ_TYPES  # the gazetteer types of its binary input features

    @classmethod
    def load(cls, path: Path, word_emb: np.ndarray | None = None) -> NumpyBiLSTMCRF:
        """Weights from an .npz file; a file without ``word_emb`` (an ensemble member) takes the given table."""
        with np.load(path) as z:
            w = {k: z[k].astype(np.float32) for k in z.files if k != "gaz_types"}
            gaz = tuple(str(t) for t in z["gaz_types"]) if "gaz_types" in z.files else GAZ_TYPES
        if "word_emb" not in w:
            if word_emb is None:
                raise ValueError(f"{path} has no word_emb and no shared vector table was given")
            w["word_emb"] = word_emb
        return cls(w, gaz)

    @property
    def n_idx(self) -> int:
        """How many vectors (word, stem) feed each token, read from the input weight shape."""
        d_in = self.w["lstm_f_wi"].shape[0] - self.lm_dim - self.w["char_conv_b"].shape[0] - n_feats(self.gaz_types)
        return d_in // self.w["word_emb"].shape[1]

    @property
    def lm_dim(self) -> int:
        """Width of the pretrained language model's states fed to the network (0: no LM). They are the
        last rows of the input weights: [word vectors, char CNN, binary features, LM forward, LM backward]."""
        return 2 * self.w["lm_f_wh"].shape[0] if "lm_f_wh" in self.w else 0

    def _prepared(self, d: str, net: str = "lstm") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Direction d's weights (of the tagger's LSTM, or with net="lm" the language model's) with
        gate columns reordered to i, f, o, g and the sigmoid gates scaled by 1/2, so that one tanh
        gives every gate: sigmoid(x) = (tanh(x / 2) + 1) / 2."""
        key = f"_prep_{net}_{d}"
        if key not in self.w:
            wi, wh, bias = self.w[f"{net}_{d}_wi"], self.w[f"{net}_{d}_wh"], self.w[f"{net}_{d}_b"]
            hsz = wh.shape[0]
            order = np.r_[0 : 2 * hsz, 3 * hsz : 4 * hsz, 2 * hsz : 3 * hsz]  # i f o g
            scale = np.r_[np.full(3 * hsz, 0.5), np.ones(hsz)].astype(np.float32)
            self.w[key + "_wi"] = np.ascontiguousarray(wi[:, order] * scale)
            self.w[key + "_wh"] = np.ascontiguousarray(wh[:, order] * scale)
            self.w[key] = (bias[order] * scale).astype(np.float32)
        return self.w[key + "_wi"], self.w[key + "_wh"], self.w[key]

    def _lstm(self, x: np.ndarray, lengths: np.ndarray, d: str, net: str = "lstm") -> np.ndarray:
        """x: (B, T, D) padded; runs direction d ('f' or 'b') of the tagger's LSTM (or "lm"); returns (B, T, H)."""
        b, t, _ = x.shape
        wi, wh, bias = self._prepared(d, net)
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

    def _char_tables(self) -> np.ndarray:
        """(k, n_chars, F): each char's embedding times each tap of the convolution (row 0, padding, is 0)."""
        if "_char_tables" not in self.w:
            emb, cw = self.w["char_emb"], self.w["char_conv_w"]
            dc = emb.shape[1]
            k = cw.shape[0] // dc  # conv weight stored as (k*Dc, F)
            self.w["_char_tables"] = np.stack([emb @ cw[j * dc : (j + 1) * dc] for j in range(k)]).astype(np.float32)
        return self.w["_char_tables"]

    def char_features(self, ch: np.ndarray, chunk: int = 512) -> np.ndarray:
        """Char-CNN output for words given as char index rows ch (N, C) -> (N, F): max over the word's
        positions of the convolution. Words are taken in length order, in chunks cut to their longest word."""
        tables = self._char_tables()
        k = tables.shape[0]
        bias = self.w["char_conv_b"]
        lens = (ch > 0).sum(axis=1)
        order = np.argsort(lens, kind="stable")
        out = np.zeros((len(ch), tables.shape[2]), dtype=np.float32)
        for start in range(0, len(ch), chunk):
            rows = order[start : start + chunk]
            width = max(int(lens[rows].max()), 1)
            c = ch[rows, :width]
            cp = np.pad(c, ((0, 0), (k // 2, k // 2)))
            conv = tables[0][cp[:, :width]] + bias
            for j in range(1, k):
                conv += tables[j][cp[:, j : j + width]]
            out[rows] = np.where((c > 0)[..., None], conv, -1e4).max(axis=1)
        return np.where(out < -1e3, 0.0, out).astype(np.float32)

    def inputs(self, idx: np.ndarray, ch: np.ndarray, feats: np.ndarray) -> np.ndarray:
        """LSTM input rows for N tokens: idx (N, K), ch (N, C), feats (N, N_FEATS) -> (N, D)."""
        emb = self.w["word_emb"][idx].reshape(len(idx), -1)
        return np.concatenate([emb, self.char_features(ch), feats], axis=1).astype(np.float32, copy=False)

    def run(self, x: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Emission scores (B, T, n_tags) for padded LSTM inputs x (B, T, D) (reference implementation;
        with an LM, x ends with its states: ``run_lm``)."""
        w = self.w
        h = np.concatenate([self._lstm(x, lengths, "f"), self._lstm(x, lengths, "b")], axis=2)
        return h @ w["out_w"] + w["out_b"]

    def run_lm(self, idx: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """LM states (B, T, 2 H_lm) for padded vector rows idx (B, T) (reference implementation)."""
        x = self.w["word_emb"][idx]
        return np.concatenate([self._lstm(x, lengths, "f", "lm"), self._lstm(x, lengths, "b", "lm")], axis=2)

    def stacked(self, net: str = "lstm") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Both directions' prepared weights: input (D, 2, 4H), bias (2, 4H), recurrent (2, H, 4H).
        For the tagger's LSTM the input rows are the per-word ones (without the LM rows: ``lm_input``)."""
        key = f"_stack_{net}"
        if key + "_wi" not in self.w:
            (fi, fh, fb), (bi, bh, bb) = self._prepared("f", net), self._prepared("b", net)
            wi = np.stack([fi, bi], axis=1)
            if net == "lstm" and self.lm_dim:
                self.w["_lm_in"] = np.ascontiguousarray(wi[-self.lm_dim :]).reshape(self.lm_dim, -1)
                wi = wi[: -self.lm_dim]
            self.w[key + "_wi"] = np.ascontiguousarray(wi)
            self.w[key + "_b"] = np.stack([fb, bb])
            self.w[key + "_wh"] = np.ascontiguousarray(np.stack([fh, bh]))
        return self.w[key + "_wi"], self.w[key + "_b"], self.w[key + "_wh"]

    def lm_input(self) -> np.ndarray:
        """(2 H_lm, 2 * 4H): the tagger LSTM's prepared input weights of the LM states."""
        self.stacked()
        return self.w["_lm_in"]

    def project(self, x: np.ndarray) -> np.ndarray:
        """Input rows x (N, D) -> both directions' gate pre-activations (N, 2, 4H)."""
        wi, b, _ = self.stacked()
        out = (x @ wi.reshape(wi.shape[0], -1)).reshape(len(x), *b.shape)
        out += b
        return out

    def project_lm(self, idx: np.ndarray) -> np.ndarray:
        """Vector rows idx (N,) -> the LM's gate pre-activations, both directions (N, 2, 4H_lm)."""
        wi, b, _ = self.stacked("lm")
        return (self.w["word_emb"][idx] @ wi.reshape(wi.shape[0], -1)).reshape(len(idx), *b.shape) + b

    def lm_states(self, xp: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Per-token LM states (N, 2 H_lm) [forward, backward] of sentences given as consecutive rows
        xp (N, 2, 4H_lm) (from ``project_lm``), of ascending lengths."""
        out, fwd, bwd = self._recur(xp, lengths, self.stacked("lm")[2])
        n, hl = len(xp), out.shape[3]
        tok = np.zeros((n + 1, 2 * hl), dtype=np.float32)
        tok[fwd.T.ravel(), :hl] = out[:, 0].reshape(-1, hl)
        tok[bwd.T.ravel(), hl:] = out[:, 1].reshape(-1, hl)
        return tok[:n]

    def emissions_projected(
        self,
        xp: np.ndarray,
        lengths: np.ndarray,
        rows: np.ndarray | None = None,
        patches: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> np.ndarray:
        """Emission scores (B, T, n_tags) for sentences given as consecutive projected token rows
        xp (N, 2, 4H) (from ``project``, plus the LM states' share), of the given ascending lengths (sum = N).

        With ``rows`` (N,), token i's projected row is xp[rows[i]] (xp: e.g. a cache of per-word rows,
        read in place); ``patches`` (token positions (P,), rows (P, 2, 4H)) replace those tokens' rows."""
        out, fwd, bwd = self._recur(xp, lengths, self.stacked()[2], rows, patches)
        hsz = out.shape[3]
        n = len(xp) if rows is None else len(rows)
        w_out = self.w["out_w"]
        em_tok = np.zeros((n + 1, w_out.shape[1]), dtype=np.float32)
        em_tok[fwd.T.ravel()] = (out[:, 0] @ w_out[:hsz]).reshape(-1, w_out.shape[1])
        back = np.zeros_like(em_tok)
        back[bwd.T.ravel()] = (out[:, 1] @ w_out[hsz:]).reshape(-1, w_out.shape[1])
        em_tok += back
        em_tok += self.w["out_b"]
        return em_tok[fwd]

    @staticmethod
    def _recur(
        xp: np.ndarray,
        lengths: np.ndarray,
        wh: np.ndarray,
        rows: np.ndarray | None = None,
        patches: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Both directions of a prepared LSTM over consecutive projected token rows xp (N, 2, 4H)
        (or, with ``rows``, token i's row xp[rows[i]]; ``patches``: see ``emissions_projected``):
        states (T, 2, B, H) and the token row of each (step, sentence), forward and backward (B, T)."""
        hsz = wh.shape[1]
        h3 = 3 * hsz
        n = len(xp) if rows is None else len(rows)
        b, t, g = len(lengths), int(lengths.max()), xp.shape[2]
        off = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        pos = np.arange(t)
        valid = pos[None, :] < lengths[:, None]
        fwd = np.where(valid, off[:, None] + pos[None, :], n)  # (B, T) token row, n = padding
        bwd = np.where(valid, off[:, None] + lengths[:, None] - 1 - pos[None, :], n)  # reversed in its length
        # x[d, s, r]: direction d's input at step s of sentence r, gathered straight from xp's rows
        # (padding reads row 0: the loop below never uses it, padded rows have stopped running)
        src = np.ascontiguousarray(xp, dtype=np.float32).reshape(-1, g)  # row 2 i + d: xp[i, d]
        tok = np.zeros(n + 1, dtype=np.int64)
        tok[:n] = np.arange(n) if rows is None else rows
        x = np.empty((2, t, b, g), dtype=np.float32)
        np.take(src, 2 * tok[fwd.T], axis=0, out=x[0], mode="clip")
        np.take(src, 2 * tok[bwd.T] + 1, axis=0, out=x[1], mode="clip")
        if patches is not None and len(patches[0]):
            ppos, prow = patches
            sent = np.searchsorted(off, ppos, side="right") - 1
            j = ppos - off[sent]
            x[0, j, sent] = prow[:, 0]
            x[1, lengths[sent] - 1 - j, sent] = prow[:, 1]
        c = np.zeros((2, b, hsz), dtype=np.float32)
        out = np.zeros((t + 1, 2, b, hsz), dtype=np.float32)  # out[s + 1] = h after step s; out[0] = 0
        first = np.searchsorted(lengths, pos, side="right")  # rows still running at step s: first[s]:
        rec = np.empty((2, b, 4 * hsz), dtype=np.float32)
        tc = np.empty((2, b, hsz), dtype=np.float32)
        for s in range(t):
            k = int(first[s])
            z = x[:, s, k:]
            r = rec[:, k:]
            np.matmul(out[s, :, k:], wh, out=r)
            z += r
            np.tanh(z, out=z)
            sig = z[..., :h3]
            sig *= 0.5
            sig += 0.5
            ck, tk = c[:, k:], tc[:, k:]
            ck *= z[..., hsz : 2 * hsz]
            np.multiply(z[..., :hsz], z[..., h3:], out=tk)
            ck += tk
            np.tanh(ck, out=tk)
            np.multiply(z[..., 2 * hsz : h3], tk, out=out[s + 1, :, k:])
        return out[1:], fwd, bwd

    def decode_params(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Transitions, start and end scores with IOB2-invalid moves forbidden."""
        trans = np.where(allowed_transitions(), self.w["crf_trans"], -1e4).astype(np.float32)
        start = np.where(allowed_start(), self.w["crf_start"], -1e4).astype(np.float32)
        return trans, start, self.w["crf_end"]


@dataclass
class NeuralTagger:
    """Tags many sentences at once: per-word input projections are cached (``RowCache``), the
    sentences run through the BiLSTM in length-sorted batches, both directions in one loop."""

    featurizer: Featurizer
    net: NumpyBiLSTMCRF
    max_tokens: int = 4000  # padded tokens per BiLSTM batch
    max_rows: int = 200
    cache_rows: int = 32_000  # 4 KB each (measured: 50k rows +2% speed, +85 MB)
    _cache: RowCache | None = field(default=None, repr=False)

    def _project_words(self, keys: list[str]) -> np.ndarray:
        """Per-word rows (N, 2, 4H [+ 4H_lm]): the tagger LSTM's input projection [and the LM's]."""
        idx, ch, f = self.featurizer.compute_many(keys)
        x = self.net.project(self.net.inputs(idx, ch, f))
        if self.net.lm_dim:
            x = np.concatenate([x, self.net.project_lm(idx[:, 0])], axis=2)
        return x

    def _phrase_columns(self) -> tuple[int, dict[str, int]]:
        d_in = self.net.stacked()[0].shape[0]
        gt = self.net.gaz_types
        base = d_in - 2 * len(gt)
        cols = {f"g{bi}={kind}": base + (0 if bi == "B" else len(gt)) + j for bi in "BI" for j, kind in enumerate(gt)}
        return base, cols

    def scores(self, keys: list[list[str]], phrases: list[list[Sequence[str]]], order: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """Emission scores (B, T, n_tags) and lengths of the sentences keys[i], i in order (ascending
        length, none empty), given as folded token keys with their gazetteer-phrase features
        (``FeatureExtractor._compute_phrase_feats``)."""
        b = self.net.stacked()[1]
        if self._cache is None:
            width = b.shape[1] + (self.net.stacked("lm")[1].shape[1] if self.net.lm_dim else 0)
            self._cache = RowCache((2, width), self.cache_rows)
        flat = [k for i in order for k in keys[i]]
        rows = self._cache.rows(flat, self._project_words)
        lengths = np.array([len(keys[i]) for i in order], dtype=np.int64)
        if self.net.lm_dim:  # the LM runs first; its states' share is added to the tagger's inputs
            h = b.shape[1]
            states = self.net.lm_states(self._cache.data[rows, :, h:], lengths)
            xp = self._cache.data[rows, :, :h]
            xp.reshape(len(xp), -1)[:] += states @ self.net.lm_input()
        wi = self.net.stacked()[0]
        _, cols = self._phrase_columns()
        # gazetteer-phrase features: those tokens' rows plus the input weights of their columns
        ppos: list[int] = []
        pcols: list[set[int]] = []
        pos = 0
        for i in order:
            if any(phrases[i]):
                for j, names in enumerate(phrases[i]):
                    if names:
                        ppos.append(pos + j)
                        pcols.append({cols[nm] for nm in names if nm in cols})
            pos += len(keys[i])
        if self.net.lm_dim:
            for p, cs in zip(ppos, pcols, strict=True):
                for col in cs:
                    xp[p] += wi[col]
            return self.net.emissions_projected(xp, lengths), lengths
        patched = self._cache.data[rows[ppos]]
        for row, cs in zip(patched, pcols, strict=True):
            for col in cs:
                row += wi[col]
        patches = (np.array(ppos, dtype=np.int64), patched)
        return self.net.emissions_projected(self._cache.data, lengths, rows, patches), lengths

    def decode_params(self) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
        return self.net.decode_params()

    def tag_keys(self, keys: list[list[str]], phrases: list[list[Sequence[str]]], order: list[int]) -> list[list[str]]:
        """Tags of the sentences keys[i] for i in order (see ``scores``)."""
        em, lengths = self.scores(keys, phrases, order)
        return [[TAGS[k] for k in p] for p in viterbi(em, lengths, *self.net.decode_params())]

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """Tags for token sequences (the tagger's own folding and gazetteer phrases)."""
        keys = [[fold_key(t) or t for t in s] for s in sentences]
        phrases = [self.featurizer.fx._phrase_feats(k) if k else [] for k in keys]
        out: list[list[str]] = [[] for _ in sentences]
        for batch in length_batches([len(k) for k in keys], self.max_tokens, self.max_rows):
            for i, tags in zip(batch, self.tag_keys(keys, phrases, batch), strict=True):
                out[i] = tags
        return out
