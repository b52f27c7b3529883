"""The shipped Arabic NER: a linear-chain CRF over word, stem, affix, cluster and gazetteer features."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ahdath.model import Document, Entity
from ahdath.ner.features import FeatureExtractor, load_clusters, load_gazetteer

DEFAULT_MODEL_DIR = Path(__file__).with_name("model")
LABELS = ("PERS", "LOC", "ORG", "MISC")
SENT_END = frozenset({".", "؟", "!", "?"})


class ModelNotFoundError(FileNotFoundError):
    pass


def fix_iob2(tags: list[str]) -> list[str]:
    """Turn an I-X that does not continue an X into B-X."""
    out: list[str] = []
    prev = "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def tags_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, one past last token, label) for each IOB2 entity."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, t in enumerate([*tags, "O"]):
        if start >= 0 and not (t.startswith("I-") and t[2:] == kind):
            spans.append((start, i, kind))
            start = -1
        if t.startswith("B-") or (t.startswith("I-") and start < 0):
            start, kind = i, t[2:]
    return spans


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
    return NeuralTagger(Featurizer(vocab, char_ix, features), NumpyBiLSTMCRF.load(model_dir / "bilstm.npz"))


@dataclass
class NERTagger:
    """Arabic NER over given tokens. ``load()`` picks the backend found in the model directory:
    ``bilstm.npz`` (BiLSTM-CRF, numpy) or ``crf.bin`` (feature CRF)."""

    model_dir: Path
    backend: Any
    meta: dict[str, Any]

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
        backend = _neural_backend(model_dir, features) if neural.is_file() else _CRFBackend(model_dir, features)
        return cls(model_dir, backend, meta)

    def tag_tokens(self, sentences: list[list[str]]) -> list[list[str]]:
        """IOB2 tags (B-PERS ... O) for each given token sequence."""
        return [fix_iob2(t) for t in self.backend.tag(sentences)]

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
        all_tags = self.tag_tokens([[t[2] for t in s] for s in sents])
        entities: list[Entity] = []
        for sent, tags in zip(sents, all_tags, strict=True):
            for a, b, label in tags_to_spans(tags):
                start, end = sent[a][0], sent[b - 1][1]
                entities.append(Entity(start, end, doc.text[start:end], label, source="ner"))
        doc.entities = [e for e in doc.entities if e.source != "ner"] + entities
        return doc
