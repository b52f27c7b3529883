"""The shipped Arabic NER: a BiLSTM-CRF and a feature CRF, combined, over many sentences at once."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from ahdath.model import Document, Entity
from ahdath.ner.batching import length_batches, viterbi
from ahdath.ner.features import FeatureExtractor, load_clusters, load_gazetteer
from ahdath.ner.iob import fix_iob2, tags_to_spans, union_tags
from ahdath.ner.neural import TAGS
from ahdath.ner.propagate import propagate
from ahdath.ner.text import fold_key

DEFAULT_MODEL_DIR = Path(__file__).with_name("model")
LABELS = ("PERS", "LOC", "ORG", "MISC")
SENT_END = frozenset({".", "؟", "!", "?"})
MAX_SENT = 200  # tokens; longer runs without sentence end are cut
FOLD_CACHE = 200_000  # tokens whose folded key is kept


class ModelNotFoundError(FileNotFoundError):
    pass


def _crf_backend(model_dir: Path, features: FeatureExtractor) -> Any:
    from ahdath.ner.linear_crf import NumpyCRF
    from ahdath.ner.neural import TAGS

    return NumpyCRF.load(model_dir / "crf.bin", features, TAGS)


def _neural_backends(model_dir: Path, features: FeatureExtractor) -> list[Any]:
    """The BiLSTM-CRF members: ``bilstm.npz`` and any ``bilstm_2.npz``, ``bilstm_3.npz``, ... (an ensemble
    of networks trained with other seeds or data; they share the first one's vocabulary and vector table)."""
    from ahdath.ner.neural import Featurizer, NeuralTagger, NumpyBiLSTMCRF

    words = (model_dir / "vocab.txt").read_text(encoding="utf-8").split("\n")
    chars = (model_dir / "chars.txt").read_text(encoding="utf-8").split("\n")
    vocab = {w: i for i, w in enumerate(words) if i and w}
    char_ix = {c: i for i, c in enumerate(chars) if i > 1 and c}
    first = NumpyBiLSTMCRF.load(model_dir / "bilstm.npz")
    nets = [first]
    k = 2
    while (model_dir / f"bilstm_{k}.npz").is_file():
        nets.append(NumpyBiLSTMCRF.load(model_dir / f"bilstm_{k}.npz", word_emb=first.w["word_emb"]))
        k += 1
    featurizer = Featurizer(vocab, char_ix, features, first.n_idx, first.gaz_types)
    return [NeuralTagger(featurizer, net) for net in nets]


@dataclass
class NERTagger:
    """Arabic NER over given tokens.

    ``load()`` reads the model directory: ``bilstm.npz`` (BiLSTM-CRF, numpy; more members in
    ``bilstm_2.npz``, ...) and/or ``crf.bin`` (feature CRF). With ``combine == "joint"`` (the default)
    one Viterbi runs over the weighted sum of all their scores; with ``"union"`` the first BiLSTM's
    entities are kept and the others' are added where they overlap none. Then names tagged in most of
    their mentions in a document are tagged at the rest.

    Sentences are tagged in length-sorted batches; ``pipe(docs)`` tags the sentences of many
    documents together (faster than one call per document; the same output).
    """

    model_dir: Path
    backends: list[Any]
    meta: dict[str, Any]
    features: FeatureExtractor
    doc_window: int = 20  # sentences that tag_conll treats as one document for propagation
    combine: str = "joint"  # "joint": one Viterbi over the summed scores; "union": BiLSTM's entities + CRF's where free
    weights: list[float] | None = None  # per backend (BiLSTM members..., CRF) in "joint"; default all 1
    o_bias: float = 0.0  # "joint": subtracted from the summed O score of every token (> 0: more entities, higher recall)
    max_tokens: int = 4000  # padded tokens per batch (measured best: 3-4k; bigger batches leave the CPU cache)
    max_rows: int = 200  # sentences per batch
    _fold_cache: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, path: str | Path | None = None) -> NERTagger:
        model_dir = Path(path) if path is not None else DEFAULT_MODEL_DIR
        neural, crf = model_dir / "bilstm.npz", model_dir / "crf.bin"
        if not neural.is_file() and not crf.is_file():
            raise ModelNotFoundError(
                f"NER model not found in {model_dir} (no bilstm.npz or crf.bin); "
                "rebuild it with `python training/ner/train.py`"
            )
        meta_path = model_dir / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        clusters = load_clusters(model_dir / "clusters.tsv") if (model_dir / "clusters.tsv").is_file() else {}
        gaz = load_gazetteer(model_dir / "gazetteer.tsv") if (model_dir / "gazetteer.tsv").is_file() else {}
        features = FeatureExtractor(clusters, gaz)
        backends: list[Any] = []
        if neural.is_file():
            backends.extend(_neural_backends(model_dir, features))
        if crf.is_file():
            backends.append(_crf_backend(model_dir, features))
        return cls(
            model_dir,
            backends,
            meta,
            features,
            int(meta.get("doc_window", 20)),
            combine=str(meta.get("combine", "joint")),
            weights=meta.get("weights"),
            o_bias=float(meta.get("o_bias", 0.0)),
        )

    def _keys(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The folded key of every token (``fold_key(t) or t``), through a bounded per-token cache."""
        cache = self._fold_cache
        if len(cache) > FOLD_CACHE:
            cache.clear()
        get = cache.get

        def new(t: str) -> str:
            k = cache[t] = fold_key(t) or t
            return k

        return [[get(t) or new(t) for t in s] for s in sentences]

    def _tag_all(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Combined tags of every sentence (no propagation), in length-sorted batches."""
        keys = self._keys(sentences)
        phrases = [self.features._compute_phrase_feats(k) for k in keys]
        out: list[list[str]] = [[] for _ in sentences]
        # The network's matrices are small: BLAS threads only contend (26x slower on a busy
        # 2-core machine), so the tagger runs its numpy work on one thread.
        with threadpool_limits(limits=1, user_api="blas"):
            for batch in length_batches([len(k) for k in keys], self.max_tokens, self.max_rows):
                if self.combine == "joint" and len(self.backends) > 1:
                    for i, t in zip(batch, self._joint(keys, phrases, batch), strict=True):
                        out[i] = t
                    continue
                tags = [b.tag_keys(keys, phrases, batch) for b in self.backends]
                for n, i in enumerate(batch):
                    t = fix_iob2(tags[0][n])
                    for other in tags[1:]:
                        t = union_tags(t, fix_iob2(other[n]))
                    out[i] = t
        return out

    def _joint(self, keys: list[list[str]], phrases: list[list[Sequence[str]]], batch: list[int]) -> list[list[str]]:
        """One Viterbi over the weighted sum of every backend's scores (a product of experts):
        emissions, transitions and start/end scores add up; the BiLSTM's IOB2 constraints hold."""
        weights = self.weights or [1.0] * len(self.backends)
        em: Any = 0.0
        trans: Any = 0.0
        start: Any = 0.0
        end: Any = 0.0
        lengths = None
        for w, b in zip(weights, self.backends, strict=True):
            e, lengths = b.scores(keys, phrases, batch)
            t, s, f = b.decode_params()
            em, trans = em + w * e, trans + w * t
            if s is not None:
                start = start + w * s
            if f is not None:
                end = end + w * f
        if self.o_bias:  # em is a fresh array (the sum above)
            em[:, :, TAGS.index("O")] -= self.o_bias
        n = em.shape[2]
        start = np.broadcast_to(np.asarray(start, dtype=np.float64), (n,))
        end = np.broadcast_to(np.asarray(end, dtype=np.float64), (n,))
        return [fix_iob2([TAGS[k] for k in p]) for p in viterbi(em, lengths, trans, start, end)]

    def tag_tokens(self, sentences: list[list[str]], document: bool = False) -> list[list[str]]:
        """IOB2 tags (B-PERS ... O) for each given token sequence.

        With ``document=True`` the sentences are one document: untagged repeats of names tagged
        elsewhere in it are labelled too.
        """
        out = self._tag_all(sentences)
        if document and self.meta.get("propagate", True):
            out = propagate(sentences, out, person_parts=bool(self.meta.get("person_parts", False)))
        return out

    def tag_documents(self, documents: Sequence[Sequence[Sequence[str]]]) -> list[list[list[str]]]:
        """``tag_tokens(sentences, document=True)`` for many documents at once (one batched run)."""
        flat = [list(s) for d in documents for s in d]
        tags = self._tag_all(flat)
        out: list[list[list[str]]] = []
        pos = 0
        for d in documents:
            sents, dtags = flat[pos : pos + len(d)], tags[pos : pos + len(d)]
            pos += len(d)
            parts = bool(self.meta.get("person_parts", False))
            out.append(propagate(sents, dtags, person_parts=parts) if self.meta.get("propagate", True) else dtags)
        return out

    @staticmethod
    def _sentences(doc: Document) -> list[list[tuple[int, int, str]]]:
        """The document's tokens as (start, end, text), cut into sentences."""
        if doc.tokens:
            return NERTagger._cut([(t.start, t.end, t.text, t.sent) for t in doc.tokens])
        from ahdath.ner.text import simple_tokens

        return NERTagger._cut([(s, e, w, 0) for s, e, w in simple_tokens(doc.text)])

    @staticmethod
    def _cut(tokens: Sequence[tuple[int, int, str, int]]) -> list[list[tuple[int, int, str]]]:
        """(start, end, text, sentence) tokens cut into sentences of (start, end, text): at the tokenizer's
        sentence breaks, after a sentence-end mark, and every MAX_SENT tokens."""
        sents: list[list[tuple[int, int, str]]] = []
        cur: list[tuple[int, int, str]] = []
        prev_sent, prev_text = None, ""
        for start, end, text, sent in tokens:
            if prev_sent != sent or prev_text in SENT_END or len(cur) >= MAX_SENT:
                cur = []
                sents.append(cur)
            cur.append((start, end, text))
            prev_sent, prev_text = sent, text
        return sents

    @staticmethod
    def _fill(doc: Document, sents: list[list[tuple[int, int, str]]], all_tags: list[list[str]]) -> Document:
        entities: list[Entity] = []
        for sent, tags in zip(sents, all_tags, strict=True):
            for a, b, label in tags_to_spans(tags):
                start, end = sent[a][0], sent[b - 1][1]
                entities.append(Entity(start, end, doc.text[start:end], label, source="ner"))
        doc.entities = [e for e in doc.entities if e.source != "ner"] + entities
        return doc

    def pipe(self, docs: Sequence[Document]) -> list[Document]:
        """Fill ``doc.entities`` of every document, tagging all their sentences in one batched run."""
        sents = [self._sentences(d) for d in docs]
        tags = self.tag_documents([[[t[2] for t in s] for s in ds] for ds in sents])
        return [self._fill(d, s, t) for d, s, t in zip(docs, sents, tags, strict=True)]

    def __call__(self, doc: Document) -> Document:
        """Fill ``doc.entities`` from the tokens in ``doc.tokens`` (or a simple tokenization)."""
        return self.pipe([doc])[0]
