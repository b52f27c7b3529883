"""The BiLSTM-CRF with a pretrained word LM's states as inputs: the batched numpy path
(per-word cached projections, both LSTMs' directions in one loop) equals the reference one."""

from __future__ import annotations

import numpy as np

from ahdath.ner.features import FeatureExtractor
from ahdath.ner.neural import GAZ_TYPES, MAX_CHARS, TAGS, Featurizer, NeuralTagger, NumpyBiLSTMCRF, n_feats
from ahdath.ner.text import fold_key


def _net(rng: np.random.Generator, n_words: int, n_chars: int, lm_hidden: int) -> NumpyBiLSTMCRF:
    d, dc, f, h = 4, 3, 2, 5
    d_in = 2 * d + f + n_feats(GAZ_TYPES) + 2 * lm_hidden
    w = {
        "word_emb": rng.normal(size=(n_words, d)),
        "char_emb": np.vstack([np.zeros((1, dc)), rng.normal(size=(n_chars - 1, dc))]),
        "char_conv_w": rng.normal(size=(3 * dc, f)),
        "char_conv_b": rng.normal(size=f),
        "out_w": rng.normal(size=(2 * h, len(TAGS))),
        "out_b": rng.normal(size=len(TAGS)),
        "crf_trans": rng.normal(size=(len(TAGS), len(TAGS))),
        "crf_start": rng.normal(size=len(TAGS)),
        "crf_end": rng.normal(size=len(TAGS)),
    }
    for d_ in "fb":
        w[f"lstm_{d_}_wi"] = rng.normal(size=(d_in, 4 * h))
        w[f"lstm_{d_}_wh"] = rng.normal(size=(h, 4 * h))
        w[f"lstm_{d_}_b"] = rng.normal(size=4 * h)
        if lm_hidden:
            w[f"lm_{d_}_wi"] = rng.normal(size=(d, 4 * lm_hidden))
            w[f"lm_{d_}_wh"] = rng.normal(size=(lm_hidden, 4 * lm_hidden))
            w[f"lm_{d_}_b"] = rng.normal(size=4 * lm_hidden)
    return NumpyBiLSTMCRF({k: (0.5 * v).astype(np.float32) for k, v in w.items()})


def test_lm_inputs_match_reference() -> None:
    rng = np.random.default_rng(0)
    sents = [["زار", "الرئيس", "باريس", "امس"], ["قال", "وزير", "الخارجيه"], ["المغرب"], ["وصل", "الوفد", "الي", "القاهره", "ثم", "غادر"]]
    words = sorted({fold_key(t) for s in sents for t in s})[:-2]  # two words unknown
    chars = sorted({c for s in sents for t in s for c in fold_key(t)})
    for lm_hidden in (0, 3):
        net = _net(rng, len(words) + 1, len(chars) + 2, lm_hidden)
        assert net.lm_dim == 2 * lm_hidden and net.n_idx == 2
        feat = Featurizer({w: i + 1 for i, w in enumerate(words)}, {c: i + 2 for i, c in enumerate(chars)},
                          FeatureExtractor({}, {}), 2, GAZ_TYPES)
        tagger = NeuralTagger(feat, net)
        keys = [[fold_key(t) for t in s] for s in sents]
        order = sorted(range(len(sents)), key=lambda i: len(sents[i]))
        em, lengths = tagger.scores(keys, [[()] * len(k) for k in keys], order)
        for row, i in enumerate(order):
            idx, ch, f = feat.sentence(sents[i])
            assert ch.shape[1] == MAX_CHARS
            x = net.inputs(idx, ch, f)[None]
            n = np.array([len(sents[i])])
            if lm_hidden:
                x = np.concatenate([x, net.run_lm(idx[None, :, 0], n)], axis=2)
            ref = net.run(x, n)[0]
            np.testing.assert_allclose(em[row, : n[0]], ref, rtol=1e-4, atol=1e-4)
