"""ASSAULT and PROTEST detection on the arabic_event_gsr dev half, each sentence coded on its own.

    cd training/events && ../../.venv/bin/python eval_gsr.py [--folds 5] [--pipeline] [--limit N]

Label ``yes`` is positive, ``easy no`` / ``difficult no`` negative, ``ambiguous`` left out.

- model: 5-fold cross-validation (folds stratified by label, grouped by source article): the
  sentence model is trained exactly as ``train.py`` does (silver sentences + the GSR training
  folds) and predicts the held-out fold. Printed at the fixed threshold 0.5, at the threshold
  ``train.py`` would pick on the training folds' own CV (nested, an honest estimate), and at the
  best threshold on the held-out predictions (optimistic, for reference).
- pipeline (``--pipeline``): ``ahdath.code(sentence)`` with the shipped models; a sentence is
  positive when any coded event has the type (the coder uses ``score_candidate``, whose model
  never saw GSR). With the model CV it also prints the coder's output gated by the held-out
  sentence probability (``score_sentence`` >= 0.5 / the shipped threshold): what the coder
  would get by requiring the sentence model for ASSAULT/PROTEST.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import data as D  # noqa: E402
import fit as F  # noqa: E402


def line(name: str, y: np.ndarray, pred: np.ndarray) -> str:
    p, r, f = F.prf(y == 1, pred)
    return f"{name:<34} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={int((pred & (y == 1)).sum())} pred={int(pred.sum())} gold={int(y.sum())})"


def model_cv(event_type: str, k: int, nested: bool) -> tuple[list[str], np.ndarray, np.ndarray]:
    p = F.Params()
    sil = F.article_sentence_examples(D.silver(), p.silver_weight)
    rows, y, prob = F.gsr_cv(event_type, p, sil, k=k)
    out = [line(f"{event_type} model CV @0.5", y, prob >= 0.5)]
    if nested:
        # threshold chosen inside each training part (its own inner CV), applied to the held-out fold
        from sklearn.model_selection import StratifiedGroupKFold

        pred = np.zeros(len(rows), dtype=bool)
        split = StratifiedGroupKFold(k, shuffle=True, random_state=0)
        for tr, te in split.split(np.zeros(len(rows)), y, [F.gsr_group(r.id) for r in rows]):
            tr_rows = [rows[i] for i in tr]
            _, y_in, p_in = F.gsr_cv(event_type, p, sil, k=k, seed=1, rows=tr_rows)
            thr = F.best_threshold(y_in, p_in)[0]
            pred[te] = prob[te] >= thr
        out.append(line(f"{event_type} model CV @nested thr", y, pred))
    thr, _ = F.best_threshold(y, prob)
    out.append(line(f"{event_type} model CV @best {thr} (optim.)", y, prob >= thr))
    return out, y, prob


def pipeline(event_type: str, limit: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Code each sentence as its own article with ``ahdath.code``; positive if any event has the type."""
    import ahdath

    rows = D.gsr(event_type)[:limit]
    y = np.array([r.label for r in rows])
    pred = np.array([any(e.type == event_type for e in ahdath.code(r.text, doc_id=r.id).events) for r in rows])
    return y, pred


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-model", action="store_true", help="skip the model cross-validation")
    ap.add_argument("--nested", action="store_true", help="also nested threshold choice (slow)")
    ap.add_argument("--pipeline", action="store_true", help="also the full ahdath.code pipeline (shipped models)")
    ap.add_argument("--limit", type=int, default=None, help="pipeline: first N sentences only")
    ap.add_argument("--types", default="ASSAULT,PROTEST")
    args = ap.parse_args(argv)
    for t in args.types.split(","):
        prob = None
        if not args.no_model:
            lines, _, prob = model_cv(t, args.folds, args.nested)
            for s in lines:
                print(s, flush=True)
        if args.pipeline:
            t0 = time.time()
            y, pred = pipeline(t, args.limit)
            print(line(f"{t} pipeline (shipped, seen GSR)", y, pred), f"{len(y) / (time.time() - t0):.0f} sent/s", flush=True)
            if prob is not None and args.limit is None:
                # the coder's events gated by the cross-validated sentence probability
                from ahdath.events.classifier import EventClassifier

                for thr in (0.5, EventClassifier.load().thresholds.get("sent:" + t, 0.5)):
                    print(line(f"{t} pipeline AND model CV>={thr:.2f}", y, pred & (prob >= thr)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
