"""The learned event classifier: shipped weights, public API, features, numpy-only format."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pytest

from ahdath.events.classifier import (
    DEFAULT_MODEL,
    NONE,
    EventClassifier,
    candidate_features,
    candidate_layer,
    pack_int8,
    pack_vocab,
    sentence_features,
)
from ahdath.language import analyze
from ahdath.model import PLOVER_TYPES, Document, Event

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"

ASSAULT = "قتل 13 عراقياً وأصيب 22 آخرون في انفجار سيارة مفخخة قرب محطة للوقود في بغداد أمس."
PROTEST = "وتظاهر آلاف المواطنين أمام البرلمان في العاصمة احتجاجاً على قرار الحكومة رفع الأسعار."
CONSULT = "واستقبل وزير الخارجية نظيره التركي في مقر الوزارة وبحث معه العلاقات الثنائية."
NEUTRAL = "ويبلغ عدد سكان المدينة نحو مليوني نسمة ويعمل معظمهم في الزراعة والتجارة."


@pytest.fixture(scope="module")
def clf() -> EventClassifier:
    return EventClassifier.load()


def _doc(text: str) -> Document:
    return analyze(Document(id="t", text=text))


def test_shipped_model_is_small_and_numpy_only() -> None:
    assert DEFAULT_MODEL.exists()
    assert DEFAULT_MODEL.stat().st_size < 30_000_000
    with zipfile.ZipFile(DEFAULT_MODEL) as z:
        for name in z.namelist():
            assert name.endswith(".npy")
    with np.load(DEFAULT_MODEL, allow_pickle=False) as z:  # raises if any array needs pickle
        assert z["sent_W"].shape[1] == len(PLOVER_TYPES)
        n_classes = len(PLOVER_TYPES) + 1
        if "cand_W2" in z.files:  # a hidden layer: int8 input rows with a scale per unit, then units x classes
            assert z["cand_W"].dtype == np.int8 and z["cand_W_scale"].shape == (z["cand_W"].shape[1],)
            assert z["cand_W2"].shape == (z["cand_W"].shape[1], n_classes)
        else:
            assert z["cand_W"].shape[1] == n_classes
        assert z["cand_W"].shape[0] == len(z["cand_vocab"].tobytes().decode("utf-8").split("\n"))
        assert z["sent_W"].shape[0] == len(z["sent_vocab"].tobytes().decode("utf-8").split("\n"))


def test_hidden_layer_candidate_model_is_read_and_scored(tmp_path: Path) -> None:
    """A candidate model with a hidden layer (``cand_W2``/``cand_b2`` in the file): margins are
    relu(b + summed rows) W2 + b2, the sentence's ``S`` rows summed once per sentence."""
    doc = _doc(CONSULT)
    sent = doc.sentences[0]
    toks = doc.sentence_tokens(sent)
    own = candidate_features(toks, 0, 1, "CONSULT", ())
    s_feats = ["S" + f for f in sentence_features(toks) if f.startswith("s=")]
    vocab = sorted(set(own) | set(s_feats))
    rng = np.random.default_rng(0)
    W = rng.normal(0, 0.5, (len(vocab), 4)).astype(np.float32)
    b, W2, b2 = rng.normal(0, 0.5, 4), rng.normal(0, 1.0, (4, len(PLOVER_TYPES) + 1)), rng.normal(0, 0.1, len(PLOVER_TYPES) + 1)
    with np.load(DEFAULT_MODEL, allow_pickle=False) as z:
        arrays = dict(z)
    q, scale = pack_int8(W)
    arrays.update(
        cand_vocab=pack_vocab(vocab), cand_W=q, cand_W_scale=scale, cand_b=b.astype(np.float32),
        cand_W2=W2.astype(np.float32), cand_b2=b2.astype(np.float32),
    )
    path = tmp_path / "hidden.npz"
    np.savez(path, **arrays)
    probs = EventClassifier.load(path).score_candidate(doc, sent, 0, 1, "CONSULT")
    assert np.abs(q * scale - W).max() <= scale.max() / 2 + 1e-6  # int8 keeps each weight within half a step
    x = (q.astype(np.float64) * scale)[[vocab.index(f) for f in set(own) | set(s_feats)]].sum(axis=0)
    m = np.maximum(x + b.astype(np.float32), 0.0) @ W2.astype(np.float32) + b2.astype(np.float32)
    e = np.exp(m - m.max())
    expected = e / e.sum()
    classes = list(EventClassifier.load(path).candidate_classes)
    for t in PLOVER_TYPES:
        assert probs[t] == pytest.approx(expected[classes.index(t)], rel=1e-4)


def test_another_candidate_model_keeps_the_sentence_model(clf: EventClassifier) -> None:
    """``with_candidate_model`` (the event filter's training cross-fits the type model): the candidate scores
    come from the new layer, the sentence scores stay the shipped model's."""
    doc = _doc(CONSULT)
    sent = doc.sentences[0]
    classes = [NONE, *PLOVER_TYPES]
    own = candidate_features(doc.sentence_tokens(sent), 0, 1, "CONSULT", (), clf.clusters)
    W = np.zeros((len(own), len(classes)), dtype=np.float32)
    W[:, classes.index("AID")] = 1.0  # every feature votes AID
    other = clf.with_candidate_model(candidate_layer({f: i for i, f in enumerate(own)}, W, np.zeros(len(classes))), classes)
    probs = other.score_candidate(doc, sent, 0, 1, "CONSULT")
    assert max(probs, key=probs.get) == "AID" and probs["AID"] > 0.9
    assert max(clf.score_candidate(doc, sent, 0, 1, "CONSULT").items(), key=lambda x: x[1])[0] != "AID"
    assert other.score_sentence(doc, sent) == clf.score_sentence(doc, sent)


def test_load_default_is_cached(clf: EventClassifier) -> None:
    assert EventClassifier.load() is clf
    assert EventClassifier.load(DEFAULT_MODEL) is not clf


def test_score_sentence_covers_all_types(clf: EventClassifier) -> None:
    doc = _doc(ASSAULT)
    scores = clf.score_sentence(doc, doc.sentences[0])
    assert set(scores) == set(PLOVER_TYPES)
    assert all(0.0 <= p <= 1.0 for p in scores.values())


@pytest.mark.parametrize(("text", "etype"), [(ASSAULT, "ASSAULT"), (PROTEST, "PROTEST"), (CONSULT, "CONSULT")])
def test_sentence_type_is_detected(clf: EventClassifier, text: str, etype: str) -> None:
    doc = _doc(text)
    scores = clf.score_sentence(doc, doc.sentences[0])
    assert max(scores, key=scores.__getitem__) == etype
    assert etype in clf.sentence_types_over(doc, doc.sentences[0])


def test_neutral_sentence_scores_low(clf: EventClassifier) -> None:
    doc = _doc(NEUTRAL)
    scores = clf.score_sentence(doc, doc.sentences[0])
    assert scores["ASSAULT"] < 0.3 and scores["PROTEST"] < 0.3
    assert clf.sentence_types_over(doc, doc.sentences[0]) == []


def test_score_candidate_is_a_distribution(clf: EventClassifier) -> None:
    doc = _doc(ASSAULT)
    sent = doc.sentences[0]
    probs = clf.score_candidate(doc, sent, 0, 1, "ASSAULT")  # قتل
    assert set(probs) == set(PLOVER_TYPES)
    assert 0.0 < sum(probs.values()) <= 1.0 + 1e-6
    assert max(probs, key=probs.__getitem__) == "ASSAULT"


def test_score_candidate_uses_document_token_indices(clf: EventClassifier) -> None:
    doc = _doc(NEUTRAL + " " + PROTEST)
    sent = doc.sentences[1]
    i = next(t.i for t in doc.sentence_tokens(sent) if t.norm.startswith("وتظاهر"))
    probs = clf.score_candidate(doc, sent, i, i + 1, "PROTEST")
    assert max(probs, key=probs.__getitem__) == "PROTEST"


def test_candidate_classes_include_none(clf: EventClassifier) -> None:
    assert clf.candidate_classes[0] == NONE
    assert set(clf.candidate_classes[1:]) == set(PLOVER_TYPES)


def test_features_are_deterministic_and_newline_free() -> None:
    doc = _doc(CONSULT)
    toks = doc.sentence_tokens(doc.sentences[0])
    sf = sentence_features(toks)
    assert sf == sentence_features(toks)
    assert "s=" + toks[0].stem in sf
    cf = candidate_features(toks, 0, 1, "CONSULT", sf)
    assert "lex=CONSULT" in cf and "L1=<s>" in cf
    assert not any("\n" in f for f in sf + cf)


def test_pack_vocab_round_trip(tmp_path: Path) -> None:
    words = ["s=قتل", "b=<s>_قتل", "c=#قت"]
    arr = pack_vocab(words)
    assert arr.dtype == np.uint8
    assert arr.tobytes().decode("utf-8").split("\n") == words
    with pytest.raises(ValueError):
        pack_vocab(["a\nb"])


def test_gsr_sample_detection(clf: EventClassifier) -> None:
    """On GSR dev sentences (seen in training) clear positives score above clear negatives."""
    path = SHARED / "data" / "arabic_event_gsr" / "assault_gsr.csv"
    if not path.exists():
        pytest.skip("../shared not available")
    import csv

    with path.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["label"] in ("yes", "easy no")][:300]
    pos, neg = [], []
    for r in rows:
        doc = _doc(r["text"])
        from ahdath.model import Sentence

        sent = Sentence(0, 0, len(doc.text), doc.text, 0, len(doc.tokens))
        (pos if r["label"] == "yes" else neg).append(clf.score_sentence(doc, sent)["ASSAULT"])
    assert np.mean(pos) > np.mean(neg) + 0.3


def _eval_gsr():  # noqa: ANN202
    """training/events/eval_gsr.py (a training script: imported from its folder)."""
    import importlib
    import sys

    pytest.importorskip("sklearn")  # the training extra
    folder = str(Path(__file__).resolve().parents[1] / "training" / "events")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module("eval_gsr")


def test_gsr_span_location_and_matching() -> None:
    E = _eval_gsr()
    from ahdath.model import Actor, Span

    text = "كما هاجم مفجرون انتحاريون سياسيين بينهم زعيمة المعارضة"
    src = E.locate_words(text, ["مفجرون", "انتحاريون"])
    assert src is not None and text[src[0] : src[1]] == "مفجرون انتحاريون"
    # tokens out of order (the agreed *_gold spans): the tightest cover of both
    cover = E.locate_words(text, ["انتحاريون", "مفجرون"])
    assert cover == src
    assert E.locate_words(text, []) is None and E.locate_words(text, ["غير_موجود"]) is None
    verb = E.locate_words(text, ["هاجم"])
    tgt = E.locate_words(text, ["سياسيين"])
    doc = _doc(text)
    actor = Actor(src[0], src[0] + 6, "مفجرون", kind="agent", sector="UAF")
    rec = Actor(tgt[0], tgt[1], "سياسيين", kind="agent", sector="GOV")
    e = Event("ASSAULT", Span(verb[0], verb[1], "هاجم"), Span(0, len(text), text), actor, rec)
    r = E.score_span(doc, [e], E.GoldSpan(src, verb, tgt))
    assert r.found and r.source and r.target and r.joint
    # an agentless gold span wants no actor; a trigger far from the gold verb does not count
    r = E.score_span(doc, [e], E.GoldSpan(None, verb, tgt))
    assert r.found and not r.source and r.target and not r.joint
    far = E.locate_words(text, ["المعارضة"])
    assert not E.score_span(doc, [e], E.GoldSpan(src, far, tgt)).found
