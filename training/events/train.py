"""Rebuild the shipped event classifier from ../shared.

    cd training/events && ../../.venv/bin/python train.py [--out PATH] [--no-cv]

Training data: the 160 silver articles (all types, sentence and candidate models) and the
arabic_event_gsr dev half (ASSAULT and PROTEST sentence labels, MIT). The dev gold articles are
NOT used. Decision thresholds: ASSAULT/PROTEST from 5-fold cross-validation on the GSR dev half,
the other types from 5-fold article cross-validation on silver (``--no-cv`` keeps 0.5).
Candidates come from ``ahdath.events.lexicon`` when it exists, else from a stand-in stem
lexicon learned from the silver triggers.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import data as D  # noqa: E402
import fit as F  # noqa: E402

from ahdath.events.classifier import DEFAULT_MODEL  # noqa: E402
from ahdath.model import PLOVER_TYPES  # noqa: E402


def candidate_generator(train_arts: list[D.Article]) -> tuple[D.CandidateGen, str]:
    gen = D.lexicon_generator()
    if gen is not None:
        return gen, "ahdath.events.lexicon"
    return D.stem_generator(D.stem_lexicon(train_arts)), "silver stem lexicon (stand-in)"


def silver_thresholds(silver: list[D.Article], p: F.Params, k: int = 5) -> dict[str, float]:
    """Per-type F1-optimal sentence thresholds from article-grouped CV on silver (not GSR types)."""
    ex = F.article_sentence_examples(silver, p.silver_weight)
    types = [t for t in PLOVER_TYPES if t not in F.GSR_TYPES]
    probs = np.zeros((len(ex), len(PLOVER_TYPES)))
    for te in F.folds([e.group for e in ex], k):
        tes = set(te.tolist())
        m = F.fit_sentence([e for i, e in enumerate(ex) if i not in tes], p, types=types)
        probs[te] = F.sigmoid(m.margins([ex[i].feats for i in te]))
    out = {}
    for j, t in enumerate(PLOVER_TYPES):
        if t in F.GSR_TYPES:
            continue
        rows = [i for i, e in enumerate(ex) if t in e.labels]
        y = np.array([ex[i].labels[t] for i in rows])
        if y.sum() >= 3:
            out["sent:" + t] = F.best_threshold(y, probs[rows, j])[0]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--no-cv", action="store_true", help="skip threshold tuning by cross-validation")
    ap.add_argument("--cand-c", type=float, default=F.Params.cand_C, help="candidate model's inverse regularization")
    args = ap.parse_args(argv)
    p = F.Params(cand_C=args.cand_c)
    t0 = time.time()
    silver = D.silver()
    sil_ex = F.article_sentence_examples(silver, p.silver_weight)
    gsr_ex = F.gsr_examples(p)
    thresholds: dict[str, float] = {}
    report: dict[str, object] = {"params": p.__dict__}
    if not args.no_cv:
        for t in F.GSR_TYPES:
            _, y, prob = F.gsr_cv(t, p, sil_ex)
            thr, f1 = F.best_threshold(y, prob)
            thresholds["sent:" + t] = thr
            report["gsr_cv_" + t] = {"threshold": thr, "f1": round(f1, 4), "f1_at_0.5": round(F.prf(y == 1, prob >= 0.5)[2], 4)}
            print(f"{t}: CV threshold {thr} F1 {f1:.3f}", flush=True)
        thresholds.update(silver_thresholds(silver, p))
    sent = F.fit_sentence(sil_ex + gsr_ex, p)
    gen, gen_name = candidate_generator(silver)
    cand_ex = F.candidate_examples(silver, gen)
    cand = F.fit_candidates(cand_ex, p)
    F.save(args.out, sent, cand, thresholds)
    report.update(
        candidates=gen_name,
        n_sentence_examples=len(sil_ex) + len(gsr_ex),
        n_candidate_examples=len(cand_ex),
        thresholds=thresholds,
        size_bytes=args.out.stat().st_size,
        seconds=round(time.time() - t0, 1),
    )
    D.WORK.mkdir(parents=True, exist_ok=True)
    (D.WORK / "train_report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    print(json.dumps(report, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
