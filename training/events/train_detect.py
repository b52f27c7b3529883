"""Train the event filter (src/ahdath/events/data/event_model.json) on the silver annotations.

    python training/events/train_detect.py [--shared ../shared] [--c 0.3] [--folds 5]

Every trigger the coder proposes in a silver article is labelled positive when an annotated
event of the same type has a trigger overlapping it. The coder types each article's triggers with a type
model cross-fitted without that article (``--folds``, 5 by default: the shipped type model has seen every
training article, and its probabilities there, which the filter reads as features, are far surer than on
new text). A logistic model on the trigger's
features is fit, its threshold chosen by 5-fold cross-validation over articles (maximising
the F1 of kept triggers, recall counted over every annotated event, proposed or not: until session 11 over
the proposed ones only, which chose a higher threshold than the coder's own F1 wants), and the dev gold set
reports the same measure, never trained on.
"""

from __future__ import annotations

import argparse
import copy
import zlib
from pathlib import Path

import numpy as np
from event_sets import PRE, analyze_articles, dev_set, training_set  # training/events/event_sets.py
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

import ahdath
from ahdath.events.classifier import EventClassifier, candidate_layer
from ahdath.events.coder import EventCoder
from ahdath.events.detect import MODEL_PATH
from ahdath.events.linear import LinearModel
from ahdath.model import Document

ROOT = Path(__file__).resolve().parents[2]


def gold_spans(doc: Document, events: list[dict]) -> list[tuple[int, int, str]]:
    out = []
    for ge in events:
        s0 = doc.text.find(ge["sentence"][:40])
        t0 = doc.text.find(ge["trigger"], max(s0, 0))
        if t0 >= 0:
            out.append((t0, t0 + len(ge["trigger"]), ge["type"]))
    return out


def fold_of(doc_id: str, k: int) -> int:
    return zlib.crc32(doc_id.encode("utf-8")) % k


def crossfit_classifiers(base: EventClassifier, k: int) -> list[EventClassifier]:
    """``base`` with its candidate (type) model refit ``k`` times, each without the training articles of one fold
    (``fold_of``), as ``training/events/train.py`` fits it (``fit.Params`` defaults)."""
    import data as D  # training/events/data.py
    import fit as F  # training/events/fit.py

    examples = F.candidate_examples(D.silver(), D.lexicon_generator())
    out = []
    for j in range(k):
        kept = [e for e in examples if fold_of(e.group, k) != j]
        fitted = F.prune(F.fit_candidates(kept, F.Params()))
        layer = candidate_layer({f: i for i, f in enumerate(fitted.vocab)}, fitted.W, fitted.b, fitted.W2, fitted.b2)
        out.append(base.with_candidate_model(layer, fitted.classes))
        print(f"type model without fold {j + 1}/{k}: {len(kept)} candidates", flush=True)
    return out


def collect(
    docs: dict[str, Document], golds: dict[str, dict], coder: EventCoder, fold_coders: list[EventCoder] | None = None
) -> list[tuple[str, list[str], int]]:
    """(docno, features, label) for every trigger the coder proposes (before the event filter); with
    ``fold_coders``, each article is coded by the one whose type model did not see it."""
    rows = []
    for doc_id, g in golds.items():
        doc = docs.get(doc_id)
        if doc is None:
            continue
        spans = gold_spans(doc, g["events"])
        by = fold_coders[fold_of(doc_id, len(fold_coders))] if fold_coders else coder
        for d in by.triggers(doc):
            m = d.match
            y = any(t == d.type and s < m.end and m.start < e for s, e, t in spans)
            rows.append((doc_id, d.features, int(y)))
    return rows


def fit(rows: list, c: float) -> tuple[DictVectorizer, LogisticRegression]:
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for _, f, _ in rows])
    clf = LogisticRegression(C=c, max_iter=3000)
    clf.fit(x, np.array([y for _, _, y in rows]))
    return vec, clf


def f1_at(probs: np.ndarray, ys: np.ndarray, t: float, n_gold: int | None = None) -> float:
    """F1 of the triggers kept at threshold ``t``; recall over ``n_gold`` annotated events when given (the
    coder's own measure: events it never proposes count as missed), else over the positive triggers."""
    keep = probs >= t
    tp = float((keep & (ys == 1)).sum())
    p = tp / keep.sum() if keep.sum() else 0.0
    denom = n_gold if n_gold is not None else ys.sum()
    r = tp / denom if denom else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def oof_probs(train: list, c: float, k: int = 5) -> np.ndarray:
    """Out-of-fold probabilities over articles."""
    docs = sorted({d for d, _, _ in train})
    folds = {d: i % k for i, d in enumerate(docs)}
    oof = np.zeros(len(train))
    for j in range(k):
        tr = [r for r in train if folds[r[0]] != j]
        vec, clf = fit(tr, c)
        idx = [i for i, r in enumerate(train) if folds[r[0]] == j]
        oof[idx] = clf.predict_proba(vec.transform([dict.fromkeys(train[i][1], 1) for i in idx]))[:, 1]
    return oof


def train_model(train: list, c: float, n_gold: int | None = None) -> tuple[LinearModel, float]:
    """The event filter, its threshold chosen by 5-fold cross-validation over articles to maximise the F1
    of the kept triggers against all ``n_gold`` annotated events: (model, CV F1)."""
    oof = oof_probs(train, c)
    ys = np.array([y for *_, y in train])
    grid = np.arange(0.1, 0.8, 0.025)
    best_t = float(max(grid, key=lambda t: f1_at(oof, ys, float(t), n_gold)))
    vec, clf = fit(train, c)
    weights = {f"event:{n}": round(float(w), 4) for n, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True) if abs(w) > 1e-4}
    model = LinearModel(weights, {"event": round(float(clf.intercept_[0]), 4)}, {"event": round(best_t, 3)})
    return model, f1_at(oof, ys, best_t, n_gold)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--c", type=float, default=0.3)
    ap.add_argument("--out", default=str(MODEL_PATH))
    ap.add_argument("--folds", type=int, default=5, help="cross-fit the type model over this many folds (0: use the shipped one)")
    args = ap.parse_args()
    shared = Path(args.shared)
    coder = EventCoder.load()
    coder.event_model = None  # label every proposed trigger
    pipe = ahdath.load(components=PRE)
    tr_arts, tr_gold = training_set(shared)
    dv_arts, dv_gold = dev_set(shared)
    fold_coders = None
    if args.folds > 1 and coder.classifier is not None:
        fold_coders = []
        for clf in crossfit_classifiers(coder.classifier, args.folds):
            fold_coders.append(copy.copy(coder))
            fold_coders[-1].classifier = clf
    train = collect(analyze_articles(tr_arts, tr_gold, pipe), tr_gold, coder, fold_coders)
    dev = collect(analyze_articles(dv_arts, dv_gold, pipe), dv_gold, coder)
    print(f"silver triggers: {len(train)} ({sum(y for *_, y in train)} events); dev: {len(dev)} ({sum(y for *_, y in dev)})")
    n_gold = sum(len(tr_gold[d]["events"]) for d in {d for d, _, _ in train})
    model, cv_f1 = train_model(train, args.c, n_gold)
    t = model.thresholds["event"]
    print(f"cross-validated (silver) trigger F1 over all {n_gold} annotated events: {cv_f1:.3f} at threshold {t:.3f}")
    dp = np.array([model.score(f, "event") for _, f, _ in dev])
    dy = np.array([y for *_, y in dev])
    dv_n = sum(len(g["events"]) for g in dv_gold.values())
    print(f"dev trigger F1 over all {dv_n} annotated events: {f1_at(dp, dy, t, dv_n):.3f} (keep-all {f1_at(dp, dy, 0.0, dv_n):.3f})")
    Path(args.out).write_text(model.to_json("event filter; trained by training/events/train_detect.py on shared/data/silver and training/data"), encoding="utf-8")
    print(f"wrote {len(model.weights)} weights to {args.out}")


if __name__ == "__main__":
    main()
