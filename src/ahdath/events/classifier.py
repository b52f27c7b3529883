"""The learned event model: sentence-level event detection and trigger-candidate typing.

Two linear models over sparse binary features, trained with scikit-learn by
``training/events/train.py`` and shipped as plain numpy arrays (``models/event_classifier.npz``,
no pickles); prediction needs numpy only.

- Word clusters: each word's k-means cluster of subword vectors trained on unlabeled news (the NER's
  ``clusters.tsv``, copied into this model's file at training time, so the two models retrain
  independently) at three granularities; the candidate model reads them to generalize over words
  seen rarely.
- Sentence model: one logistic regression per PLOVER type over the words, stems and stem
  bigrams of the sentence. ``score_sentence`` gives, per type, the probability that the sentence
  reports an event of that type.
- Candidate model: a classifier over the 16 types plus ``NONE`` (one hidden layer of ReLU units,
  trained with torch; files written before session 18 hold a multinomial logistic regression, also
  read), with features of the trigger tokens (forms, stems, clitics, character affixes), their neighbours,
  the sentence's stems and the lexicon's type for the candidate. ``score_candidate`` gives, per
  type, the probability that the trigger at ``[start_tok, end_tok)`` is an event of that type
  (the rest of the mass is ``NONE``).

Decision thresholds tuned on held-out data ship with the model (``EventClassifier.thresholds``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ahdath.model import PLOVER_TYPES, Document, Sentence, Token

DEFAULT_MODEL = Path(__file__).with_name("models") / "event_classifier.npz"
NONE = "NONE"
_WINDOW = 3  # neighbours on each side that get positional features
_BAG = 6  # neighbours on each side that go into the unordered window bag
WORD_ROWS_CACHE = 200_000  # word forms whose sentence-model rows an EventClassifier keeps

Clusters = Mapping[str, tuple[str, ...]]  # folded word -> its cluster id at each granularity (coarse to fine)


def _cluster(clusters: Clusters, t: Token, level: int) -> str:
    c = clusters.get(t.norm) or clusters.get(t.stem or t.norm)
    return c[level] if c else "-"


def _content(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if not t.is_punct]


def _stem(t: Token) -> str:
    return t.stem or t.norm


def word_sentence_features(t: Token) -> list[str]:
    """A word's own part of its sentence's features: the folded word, the stem, clitics+stem and the character
    3/4-grams of the stem."""
    s = _stem(t)
    feats = ["w=" + t.norm, "s=" + s]
    if t.prefixes:
        feats.append("ps=" + "".join(t.prefixes) + "+" + s)
    p = "#" + s + "#"
    for n in (3, 4):
        feats.extend("c=" + p[i : i + n] for i in range(len(p) - n + 1))
    return feats


def context_sentence_features(toks: Sequence[Token]) -> list[str]:
    """The part of a sentence's features that spans words (``toks``: its content words): stem bigrams and the
    first four stems (Arabic news leads with the main verb)."""
    stems = [_stem(t) for t in toks]
    feats = [f"b={a}_{b}" for a, b in zip(["<s>", *stems], [*stems, "</s>"], strict=True)]
    for k, s in enumerate(stems[:4]):
        feats.append(f"f{k}=" + s)
        feats.append("f=" + s)
    return feats


def sentence_features(tokens: Sequence[Token]) -> list[str]:
    """Features of a whole sentence: each content word's own (``word_sentence_features``) and those that span
    words (``context_sentence_features``)."""
    toks = _content(tokens)
    return [f for t in toks for f in word_sentence_features(t)] + context_sentence_features(toks)


def _affixes(s: str, prefix: str) -> list[str]:
    out = []
    for n in (2, 3, 4):
        if len(s) > n:
            out.append(f"{prefix}<{s[:n]}")
            out.append(f"{prefix}>{s[-n:]}")
    return out


def candidate_features(
    tokens: Sequence[Token],
    start_tok: int,
    end_tok: int,
    lex_type: str | None,
    sent_feats: Iterable[str] = (),
    clusters: Clusters | None = None,
) -> list[str]:
    """Features of a trigger candidate at sentence-relative tokens ``[start_tok, end_tok)``; with
    ``clusters``, also the clusters of its head word and of its neighbours."""
    trig = _content(tokens[start_tok:end_tok]) or list(tokens[start_tok:end_tok])
    lex = lex_type or "-"
    feats = ["lex=" + lex, f"ntok={min(len(trig), 3)}"]
    stems = [_stem(t) for t in trig]
    feats.append("tphrase=" + " ".join(stems))
    for k, t in enumerate(trig):
        s = stems[k]
        head = "h" if k == 0 else "t"
        feats += [f"{head}w=" + t.norm, f"{head}s=" + s, "ts=" + s, "tsx=" + lex + "|" + s]
        feats.append(f"{head}pre=" + "".join(t.prefixes))
        feats.append(f"{head}suf=" + t.suffix)
        feats.append(f"{head}len={min(len(s), 8)}")
        if k == 0:
            feats += _affixes(s, "ha")
    left = _content(tokens[:start_tok])
    right = _content(tokens[end_tok:])
    for d in range(1, _WINDOW + 1):
        lw = _stem(left[-d]) if len(left) >= d else "<s>"
        rw = _stem(right[d - 1]) if len(right) >= d else "</s>"
        feats += [f"L{d}=" + lw, f"R{d}=" + rw]
        if d == 1:
            feats += ["L1x=" + lex + "|" + lw, "R1x=" + lex + "|" + rw]
            if len(left) >= 1:
                feats.append("L1w=" + left[-1].norm)
            if len(right) >= 1:
                feats.append("R1w=" + right[0].norm)
                feats.append("R1pre=" + "".join(right[0].prefixes))
    for t in left[-_BAG:]:
        feats.append("lb=" + _stem(t))
    for t in right[:_BAG]:
        feats.append("rb=" + _stem(t))
    pos = len(left)
    feats.append(f"pos={min(pos, 6)}")
    feats.append(f"rpos={min(len(right), 6)}")
    feats.extend("S" + f for f in sent_feats if f[:2] == "s=")
    if clusters:
        head = trig[0]
        feats += [f"hc{j}=" + _cluster(clusters, head, j) for j in range(3)]
        feats.append(f"hcx={lex}|" + _cluster(clusters, head, 1))
        if left:
            feats.append("L1c=" + _cluster(clusters, left[-1], 1))
        if right:
            feats.append("R1c=" + _cluster(clusters, right[0], 1))
        feats += ["lbc=" + _cluster(clusters, t, 1) for t in left[-_BAG:]]
        feats += ["rbc=" + _cluster(clusters, t, 1) for t in right[:_BAG]]
    return feats


@dataclass(frozen=True)
class _Linear:
    vocab: dict[str, int]
    weights: np.ndarray  # (n_features, n_classes) float32, or int8 with ``scale``
    bias: np.ndarray  # (n_classes,)
    # int8 ``weights`` (as shipped): one scale per column; rows are summed as integers, then scaled
    scale: np.ndarray | None = field(default=None, kw_only=True)

    def summed(self, feats: Iterable[str]) -> np.ndarray:
        """The summed weight rows of the features in the vocabulary (zeros when none is)."""
        idx = set(map(self.vocab.get, feats))
        idx.discard(None)
        return self.summed_rows(idx)  # type: ignore[arg-type]

    def summed_rows(self, idx: set[int]) -> np.ndarray:
        """The summed weight rows ``idx`` (zeros when empty)."""
        if not idx:
            return np.zeros(self.weights.shape[1])
        rows = self.weights.take(np.fromiter(idx, dtype=np.int64, count=len(idx)), axis=0)
        if self.scale is None:
            return rows.sum(axis=0, dtype=np.float64)
        return rows.sum(axis=0, dtype=np.int32) * self.scale

    def output(self, summed: np.ndarray) -> np.ndarray:
        """Class margins from summed feature rows."""
        return self.bias + summed

    def margins(self, feats: Iterable[str]) -> np.ndarray:
        return self.output(self.summed(feats))


@dataclass(frozen=True)
class _HiddenLayer(_Linear):
    """One hidden layer over the same sparse features: ``weights`` are the hidden units' input rows and
    ``bias`` their bias; a ReLU, then a linear layer to the classes. The summed rows decompose over the
    features just as a linear model's do (the sentence's part is still computed once per sentence)."""

    out_weights: np.ndarray  # (hidden, n_classes)
    out_bias: np.ndarray  # (n_classes,)

    def output(self, summed: np.ndarray) -> np.ndarray:
        return np.maximum(self.bias + summed, 0.0) @ self.out_weights + self.out_bias


def candidate_layer(
    vocab: dict[str, int], W: np.ndarray, b: np.ndarray, W2: np.ndarray | None = None, b2: np.ndarray | None = None,
    scale: np.ndarray | None = None,
) -> _Linear:
    """The candidate model from its arrays: rows ``W`` (features x classes) and bias ``b``, or with ``W2``/``b2`` a
    hidden layer (``W`` features x units, ``b`` the units' bias, then ``W2`` units x classes). With ``scale``,
    ``W`` is int8 with one scale per column (``pack_int8``) and stays so."""
    W, sc = (W, scale.astype(np.float64)) if scale is not None else (W.astype(np.float32), None)
    if W2 is None or b2 is None:
        return _Linear(vocab, W, b.astype(np.float64), scale=sc)
    return _HiddenLayer(vocab, W, b.astype(np.float64), W2.astype(np.float64), b2.astype(np.float64), scale=sc)


def unpack_vocab(blob: np.ndarray) -> dict[str, int]:
    """A ``pack_vocab`` array back to {feature: row}."""
    words = blob.tobytes().decode("utf-8").split("\n") if blob.size else []
    return {w: i for i, w in enumerate(words)}


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30.0, 30.0)))


class EventClassifier:
    """Sentence-level event detection and trigger-candidate typing (numpy-only predictor)."""

    def __init__(
        self,
        sentence_model: _Linear,
        sentence_types: Sequence[str],
        candidate_model: _Linear,
        candidate_classes: Sequence[str],
        thresholds: dict[str, float],
        clusters: Clusters | None = None,
    ) -> None:
        self._sent = sentence_model
        self.sentence_types = tuple(sentence_types)
        self._cand = candidate_model
        self.candidate_classes = tuple(candidate_classes)
        self.thresholds = dict(thresholds)
        self.clusters = clusters or {}
        # the sentence model's rows of each word's own features (``word_sentence_features``), by (norm, stem, clitics)
        self._word_rows: dict[tuple[str, str, tuple[str, ...]], tuple[int, ...]] = {}

    @classmethod
    def load(cls, path: str | Path | None = None) -> EventClassifier:
        """Load the shipped model (or one at ``path``); the default is cached."""
        if path is None:
            return _load_default()
        return cls._read(Path(path))

    @classmethod
    def _read(cls, path: Path) -> EventClassifier:
        with np.load(path, allow_pickle=False) as z:
            sent = _Linear(unpack_vocab(z["sent_vocab"]), z["sent_W"].astype(np.float32), z["sent_b"].astype(np.float64))
            # int8 rows with one scale per column (``pack_int8``), or float16
            scale = z["cand_W_scale"] if "cand_W_scale" in z.files else None
            hidden = (z["cand_W2"], z["cand_b2"]) if "cand_W2" in z.files else (None, None)
            cand = candidate_layer(unpack_vocab(z["cand_vocab"]), z["cand_W"], z["cand_b"], *hidden, scale=scale)
            sent_types = [str(x) for x in z["sent_types"]]
            cand_classes = [str(x) for x in z["cand_classes"]]
            thr_names = [str(x) for x in z["thr_names"]]
            thresholds = dict(zip(thr_names, (float(v) for v in z["thr_values"]), strict=True))
            clusters = unpack_clusters(z["cl_words"], z["cl_ids"]) if "cl_words" in z.files else None
        return cls(sent, sent_types, cand, cand_classes, thresholds, clusters)

    def with_candidate_model(self, layer: _Linear, classes: Sequence[str]) -> EventClassifier:
        """This classifier with another candidate model (``candidate_layer``): the sentence model, thresholds and
        clusters are kept (``training/events/train_detect.py`` cross-fits the candidate model)."""
        return EventClassifier(self._sent, self.sentence_types, layer, classes, self.thresholds, self.clusters)

    # -- features (cached per document in doc.user_data) ------------------------------------------
    def _sentence_rows(self, doc: Document, sent: Sentence) -> set[int]:
        """The sentence model's rows of ``sentence_features`` of ``sent``: each word's own rows are looked up once
        per distinct word form and kept (up to WORD_ROWS_CACHE forms, then the cache starts again)."""
        toks = _content(doc.tokens[sent.token_start : sent.token_end])
        get, cache = self._sent.vocab.get, self._word_rows
        rows: set[int] = set()
        for t in toks:
            key = (t.norm, t.stem, t.prefixes)
            own = cache.get(key)
            if own is None:
                own = tuple(i for i in map(get, word_sentence_features(t)) if i is not None)
                if len(cache) >= WORD_ROWS_CACHE:
                    cache.clear()
                cache[key] = own
            rows.update(own)
        rows.update(i for i in map(get, context_sentence_features(toks)) if i is not None)
        return rows

    def _sentence_part(self, doc: Document, sent: Sentence) -> np.ndarray:
        """The candidate model's summed weights of the sentence's ``S`` features (see ``candidate_features``)."""
        cache = doc.user_data.setdefault(f"_event_clf_cand_sent_{id(self._cand)}", {})  # per model: their rows differ
        key = (sent.token_start, sent.token_end)
        part = cache.get(key)
        if part is None:
            # the sentence features' stems (``s=``), read off the tokens: the rest of them is not needed here
            part = self._cand.summed("Ss=" + _stem(t) for t in _content(doc.tokens[sent.token_start : sent.token_end]))
            cache[key] = part
        return part

    # -- public API -------------------------------------------------------------------------------
    def score_sentence(self, doc: Document, sent: Sentence) -> dict[str, float]:
        """Probability per PLOVER type that ``sent`` reports an event of that type (computed once per sentence
        and model, kept in ``doc.user_data``; a fresh dict each call)."""
        cache = doc.user_data.setdefault(f"_event_clf_sent_probs_{id(self._sent)}", {})
        key = (sent.token_start, sent.token_end)
        out = cache.get(key)
        if out is None:
            p = _sigmoid(self._sent.output(self._sent.summed_rows(self._sentence_rows(doc, sent))))
            out = dict.fromkeys(PLOVER_TYPES, 0.0)
            out.update(zip(self.sentence_types, (float(x) for x in p), strict=True))
            cache[key] = out
        return dict(out)

    def score_candidate(
        self, doc: Document, sent: Sentence, start_tok: int, end_tok: int, lex_type: str | None
    ) -> dict[str, float]:
        """Probability per PLOVER type that tokens ``[start_tok, end_tok)`` (document indices) are an
        event trigger of that type; ``1 - sum`` is the probability that it is no event."""
        tokens = doc.tokens[sent.token_start : sent.token_end]
        # The candidate's own features plus its sentence's words (``S`` features, the same for every candidate
        # in the sentence: their summed weights are computed once per sentence).
        feats = candidate_features(tokens, start_tok - sent.token_start, end_tok - sent.token_start, lex_type, (), self.clusters)
        m = self._cand.output(self._cand.summed(feats) + self._sentence_part(doc, sent))
        e = np.exp(m - m.max())
        p = e / e.sum()
        out = dict.fromkeys(PLOVER_TYPES, 0.0)
        for c, v in zip(self.candidate_classes, p, strict=True):
            if c != NONE:
                out[c] = float(v)
        return out

    def sentence_types_over(self, doc: Document, sent: Sentence) -> list[str]:
        """Types whose sentence probability passes its shipped threshold, most probable first."""
        scores = self.score_sentence(doc, sent)
        hits = [(p, t) for t, p in scores.items() if p >= self.thresholds.get("sent:" + t, 0.5)]
        return [t for _, t in sorted(hits, reverse=True)]


@lru_cache(maxsize=1)
def _load_default() -> EventClassifier:
    return EventClassifier._read(DEFAULT_MODEL)


def pack_clusters(clusters: Clusters) -> tuple[np.ndarray, np.ndarray]:
    """Word clusters as (packed words, int16 ids of shape (n, levels)), for ``np.savez``."""
    words = sorted(clusters)
    ids = np.array([[int(c) for c in clusters[w]] for w in words], dtype=np.int16)
    return pack_vocab(words), ids


def unpack_clusters(words: np.ndarray, ids: np.ndarray) -> dict[str, tuple[str, ...]]:
    names = words.tobytes().decode("utf-8").split("\n") if words.size else []
    return {w: tuple(str(int(c)) for c in row) for w, row in zip(names, ids.tolist(), strict=True)}


def pack_int8(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weights as int8 with one float32 scale per column (max |w| / 127): a quarter of float32's bytes, each
    weight within half a step. The models keep them so and scale the integer sums of their rows
    (``_Linear.summed``, ``HiddenPairModel.sums``; ``HiddenPairModel.hidden_rows`` gives the float rows)."""
    scale = np.maximum(np.abs(weights).max(axis=0), 1e-12) / 127.0
    return np.round(weights / scale).astype(np.int8), scale.astype(np.float32)


def pack_vocab(features: Sequence[str]) -> np.ndarray:
    """The vocabulary as one uint8 array (newline-joined UTF-8), for ``np.savez``."""
    for f in features:
        if "\n" in f:
            raise ValueError(f"feature with a newline: {f!r}")
    return np.frombuffer("\n".join(features).encode("utf-8"), dtype=np.uint8)
