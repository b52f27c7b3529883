"""The shipped Arabic NER: a linear-chain CRF over word, stem, affix, cluster and gazetteer features."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from threadpoolctl import threadpool_limits

from ahdath.model import Document, Entity
from ahdath.ner.features import FeatureExtractor, load_clusters, load_gazetteer
from ahdath.ner.iob import fix_iob2, tags_to_spans, union_tags
from ahdath.ner.propagate import propagate

DEFAULT_MODEL_DIR = Path(__file__).with_name("model")
LABELS = ("PERS", "LOC", "ORG", "MISC")
SENT_END = frozenset({".", "؟", "!", "?"})


class ModelNotFoundError(FileNotFoundError):
    pass


class _CRFBackend:
    def __init__(self, model_dir: Path, features: FeatureExtractor) -> None:
        import pycrfsuite

        self.features = features
        self.crf = pycrfsuite.Tagger()
        self.crf.open(str(model_dir / "crf.bin"))

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        return [fix_iob2(self.crf.tag(self.features.sentence(t))) if t else [] for t in sentences]


def _neural_backend(model_dir: Path, features: FeatureExtractor) -> Any:
    from ahdath.ner.neural import Featurizer, NeuralTagger, NumpyBiLSTMCRF

    words = (model_dir / "vocab.txt").read_text(encoding="utf-8").split("\n")
    chars = (model_dir / "chars.txt").read_text(encoding="utf-8").split("\n")
    vocab = {w: i for i, w in enumerate(words) if i and w}
    char_ix = {c: i for i, c in enumerate(chars) if i > 1 and c}
    net = NumpyBiLSTMCRF.load(model_dir / "bilstm.npz")
    return NeuralTagger(Featurizer(vocab, char_ix, features, net.n_idx), net)


@dataclass
class NERTagger:
    """Arabic NER over given tokens.

    ``load()`` reads the model directory: ``bilstm.npz`` (BiLSTM-CRF, numpy) and/or ``crf.bin``
    (feature CRF). With both, the BiLSTM's entities are kept and the CRF's are added where they
    overlap none; then names tagged in most of their mentions in a document are tagged at the rest.
    """

    model_dir: Path
    backends: list[Any]
    meta: dict[str, Any]
    doc_window: int = 20  # sentences that tag_conll treats as one document for propagation

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
            backends.append(_neural_backend(model_dir, features))
        if crf.is_file():
            backends.append(_CRFBackend(model_dir, features))
        return cls(model_dir, backends, meta, int(meta.get("doc_window", 20)))

    def tag_tokens(self, sentences: list[list[str]], document: bool = False) -> list[list[str]]:
        """IOB2 tags (B-PERS ... O) for each given token sequence.

        With ``document=True`` the sentences are one document: untagged repeats of names tagged
        elsewhere in it are labelled too.
        """
        # The network's matrices are small: BLAS threads only contend (26x slower on a busy
        # 2-core machine), so the tagger runs its numpy work on one thread.
        with threadpool_limits(limits=1, user_api="blas"):
            tags = [[fix_iob2(t) for t in b.tag(sentences)] for b in self.backends]
        out = tags[0]
        for other in tags[1:]:
            out = [union_tags(a, b) for a, b in zip(out, other, strict=True)]
        if document and self.meta.get("propagate", True):
            out = propagate(sentences, out)
        return out

    def __call__(self, doc: Document) -> Document:
        """Fill ``doc.entities`` from the tokens in ``doc.tokens`` (or a simple tokenization)."""
        tokens = [(t.start, t.end, t.text, t.sent) for t in doc.tokens]
        if not tokens:
            from ahdath.ner.text import simple_tokens

            tokens = [(s, e, w, 0) for s, e, w in simple_tokens(doc.text)]
        sents: list[list[tuple[int, int, str, int]]] = []
        for tok in tokens:
            if not sents or sents[-1][-1][3] != tok[3] or sents[-1][-1][2] in SENT_END or len(sents[-1]) >= 200:
                sents.append([])
            sents[-1].append(tok)
        all_tags = self.tag_tokens([[t[2] for t in s] for s in sents], document=True)
        entities: list[Entity] = []
        for sent, tags in zip(sents, all_tags, strict=True):
            for a, b, label in tags_to_spans(tags):
                start, end = sent[a][0], sent[b - 1][1]
                entities.append(Entity(start, end, doc.text[start:end], label, source="ner"))
        doc.entities = [e for e in doc.entities if e.source != "ner"] + entities
        return doc
