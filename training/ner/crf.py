"""Train / evaluate the CRF tagger on feature sequences."""

from __future__ import annotations

import time
from pathlib import Path

import pycrfsuite

from ahdath.ner.features import FeatureExtractor
from ahdath.ner.tagger import fix_iob2


def train_crf(
    fx: FeatureExtractor,
    sents: list[tuple[list[str], list[str]]],
    out: Path,
    c1: float = 0.05,
    c2: float = 0.01,
    max_iter: int = 250,
    min_freq: int = 1,
) -> float:
    t0 = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    for toks, tags in sents:
        trainer.append(fx.sentence(toks), tags)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iter,
            "feature.possible_transitions": True,
            "feature.minfreq": min_freq,
        }
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return time.time() - t0


def predict(fx: FeatureExtractor, model: Path, sents: list[list[str]]) -> list[list[str]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    return [fix_iob2(tagger.tag(fx.sentence(toks))) for toks in sents]
