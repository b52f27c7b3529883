"""Cross-validated measure of the event coder on the training annotations (silver + training/data).

    python training/events/cv_eval.py [--shared ../shared] [--folds 5] [--refresh] [--dev] [--write]

The annotated articles are split into folds by article. For each fold the sides ranker
(train_sides.py) and the event filter (train_detect.py) are trained on the other folds, the
held-out articles are coded by the full coder, and all held-out predictions are scored together
with ``ahdath.evaluate.score``: trigger / dyad / full F1 and side accuracies. ``--dev`` also trains
on all training articles and scores the dev gold set. The articles' analyses up to events
(language, NER, actors, quotes) are cached in training/work/events/ (``--refresh`` redoes them).
The type classifier (sentence and candidate models) is retrained on each fold's training articles
plus the arabic_event_gsr sentences, with the shipped thresholds (kept under training/work/events/ and
reused while the annotations, lexicon and classifier code are unchanged); ``--shipped-classifier`` uses the
shipped one instead (trained on every article here, so trigger F1 is then optimistic; quicker, and
enough to compare side and filter choices). The sides ranker's training examples are labelled with
the shipped classifier's types. ``--write`` saves the held-out predictions and their gold for
``diagnose.py`` under training/work/events/.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

import data as D
import event_sets
import fit as F
import gsr_sides
import train_detect
import train_sides

import ahdath
from ahdath.evaluate import score
from ahdath.events.classifier import EventClassifier
from ahdath.events.coder import EventCoder
from ahdath.events.linear import LinearModel

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "training" / "work" / "events"


def fold_of(ids: list[str], k: int, seed: int = 13) -> dict[str, int]:
    ids = sorted(ids)
    random.Random(seed).shuffle(ids)
    return {d: i % k for i, d in enumerate(ids)}


class TypeCache:
    """The type classifier's decisions, memoized per trigger (they do not depend on the trained models)."""

    def __init__(self) -> None:
        self.memo: dict[tuple, tuple] = {}

    def coder(self, base: EventCoder, sides: LinearModel | None, detect: LinearModel | None) -> EventCoder:
        coder = EventCoder(base.lexicon, base.classifier, sides, detect, base.resolver)
        decide = coder._decide_type
        memo = self.memo

        def cached(doc, sent, m):  # noqa: ANN001, ANN202
            key = (doc.id, m.start_tok, m.end_tok, m.type, m.cue)
            if key not in memo:
                memo[key] = decide(doc, sent, m)
            return memo[key]

        coder._decide_type = cached  # type: ignore[method-assign]
        return coder


SIDES_KIND = ["softmax"]
EVENT_THRESHOLD: list[float | None] = [None]


def rule_coder(base: EventCoder) -> EventCoder:
    """``base`` without its trained models: what labels the sides ranker's training examples."""
    return EventCoder(base.lexicon, base.classifier, None, None, base.resolver)


def side_examples(docs: dict, golds: dict, base: EventCoder) -> dict[str, list]:
    """The sides ranker's training examples per article (they do not depend on the trained models)."""
    rule = rule_coder(base)
    return {d: list(train_sides.doc_examples(docs[d], g, rule)) for d, g in golds.items()}


def fold_classifiers(
    arts: dict, golds: dict, folds: dict[str, int], k: int, thresholds: dict[str, float], keep: set[str] | None = None
) -> list[EventClassifier]:
    """One type classifier per fold, trained as train.py trains the shipped one but without the fold's
    articles (language analysis only, as there); only articles in ``keep`` train, when given."""
    stamp = _classifier_stamp(folds, k, thresholds, keep)
    paths = [WORK / f"cv_classifier_{fold}.npz" for fold in range(k)]
    stamp_path = WORK / "cv_classifier.stamp"
    if stamp_path.exists() and stamp_path.read_text() == stamp and all(p.exists() for p in paths):
        print("fold classifiers: inputs unchanged, reusing training/work/events/cv_classifier_*.npz", file=sys.stderr)
        return [EventClassifier.load(p) for p in paths]
    p = F.Params()
    articles = D.annotated({d: arts[d] for d in golds if keep is None or d in keep}, golds)
    sil_ex = F.article_sentence_examples(articles, p.silver_weight)
    gsr_ex = F.gsr_examples(p)
    cand_ex = F.candidate_examples(articles, D.lexicon_generator())
    out = []
    WORK.mkdir(parents=True, exist_ok=True)
    for fold in range(k):
        sent = F.fit_sentence([e for e in sil_ex if folds[e.group] != fold] + gsr_ex, p)
        cand = F.fit_candidates([e for e in cand_ex if folds[e.group] != fold], p)
        path = WORK / f"cv_classifier_{fold}.npz"
        F.save(path, sent, cand, thresholds)
        out.append(EventClassifier.load(path))
        print(f"fold {fold}: classifier trained", file=sys.stderr)
    stamp_path.write_text(stamp)
    return out


def _classifier_stamp(folds: dict[str, int], k: int, thresholds: dict[str, float], keep: set[str] | None) -> str:
    """A digest of what the fold classifiers depend on: the fold split, the training share, the annotations,
    the lexicon and the classifier's training and feature code."""
    h = hashlib.sha256(json.dumps([sorted(folds.items()), k, sorted(thresholds.items()), sorted(keep or [])]).encode())
    for path in [
        *event_sets.EXTRA,
        ROOT / "src" / "ahdath" / "events" / "data" / "triggers.tsv",
        ROOT / "src" / "ahdath" / "events" / "classifier.py",
        ROOT / "src" / "ahdath" / "events" / "lexicon.py",
        *sorted((ROOT / "src" / "ahdath" / "language").glob("*.py")),
        Path(F.__file__),
        Path(D.__file__),
    ]:
        h.update(path.read_bytes())
    return h.hexdigest()


def train_models(
    docs: dict,
    golds: dict,
    base: EventCoder,
    c_sides: float,
    c_detect: float,
    ex: dict[str, list],
    extra: list | None = None,
    types: TypeCache | None = None,
) -> tuple[LinearModel, LinearModel]:
    data = [e for d in golds for e in ex[d]] + (extra or [])
    if SIDES_KIND[0] == "pair":
        sides = train_sides.fit_pairs(data, c_sides)
    elif SIDES_KIND[0] == "softmax":
        sides = train_sides.train_softmax(data, c_sides)
    else:
        sides = train_sides.train_model(data, c_sides)
    coder = (types or TypeCache()).coder(base, sides, None)
    detect, _ = train_detect.train_model(train_detect.collect(docs, golds, coder), c_detect)
    if EVENT_THRESHOLD[0] is not None:
        detect = LinearModel(detect.weights, detect.bias, {"event": EVENT_THRESHOLD[0]}, detect.kind)
    return sides, detect


def code(
    docs: dict, ids: list[str], base: EventCoder, sides: LinearModel, detect: LinearModel, types: TypeCache | None = None
) -> dict[str, dict]:
    coder = (types or TypeCache()).coder(base, sides, detect)
    return {d: {"events": coder(docs[d]).to_dict()["events"]} for d in ids}


def report(name: str, r: dict) -> str:
    s = r["sides"]
    acc = " ".join(f"{k}={s[k]['accuracy']:.3f}" for k in ("actor_country", "actor_sector", "recipient_country", "recipient_sector"))
    lv = " ".join(f"{lv}={r[lv]['f1']:.3f}" for lv in ("trigger", "dyad", "full"))
    d = r["dyad"]
    return f"{name}: {lv} (dyad P={d['precision']:.3f} R={d['recall']:.3f} pred={d['pred']} gold={d['gold']}) | {acc}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c-sides", type=float, default=0.3)
    ap.add_argument("--c-detect", type=float, default=0.3)
    ap.add_argument("--sides", choices=("pair", "softmax", "logistic"), default="pair")
    ap.add_argument("--event-threshold", type=float, help="the event filter's threshold (else chosen for trigger F1)")
    ap.add_argument("--refresh", action="store_true", help="re-run the pipeline up to events (else cached)")
    ap.add_argument("--dev", action="store_true", help="also train on all training articles and score dev gold")
    ap.add_argument("--write", action="store_true", help="write held-out predictions and gold to training/work/events/")
    ap.add_argument("--no-gsr", action="store_true", help="train the sides ranker without the arabic_event_gsr span sets")
    ap.add_argument("--train-frac", type=float, default=1.0, help="train on this random share of each fold's training articles (learning curve)")
    ap.add_argument("--score-batches", help="score only silver and these training/data batches (abcdefghij, or comma-separated: a,b,aa): same test articles while more train")
    ap.add_argument("--shipped-classifier", action="store_true", help="use the shipped type classifier (optimistic trigger F1)")
    args = ap.parse_args()
    shared = Path(args.shared)
    SIDES_KIND[0] = args.sides
    EVENT_THRESHOLD[0] = args.event_threshold
    pipe = ahdath.load(components=event_sets.PRE)
    resolver = dict(pipe.components)["actors"]
    base = EventCoder.load(resolver=resolver)
    arts, golds = event_sets.training_set(shared)
    docs = event_sets.cached_docs("train", arts, golds, args.refresh, pipe)
    golds = {d: g for d, g in golds.items() if d in docs}
    folds = fold_of(list(golds), args.folds)
    order = sorted(golds)
    random.Random(29).shuffle(order)
    keep = set(order[: round(args.train_frac * len(order))])
    ex = side_examples(docs, golds, base)
    extra = []
    if not args.no_gsr:  # as train_sides.py trains the shipped ranker
        extra = [e for exs in gsr_sides.gsr_examples(pipe, rule_coder(base)).values() for e in exs]
    shipped = base.classifier
    clfs = [shipped] * args.folds if args.shipped_classifier else fold_classifiers(arts, golds, folds, args.folds, shipped.thresholds, keep)
    pred: dict[str, dict] = {}
    for k in range(args.folds):
        tr = {d: g for d, g in golds.items() if folds[d] != k and d in keep}
        te = [d for d in golds if folds[d] == k]
        fold_base = EventCoder(base.lexicon, clfs[k], None, None, base.resolver)
        types = TypeCache()
        sides, detect = train_models(docs, tr, fold_base, args.c_sides, args.c_detect, ex, extra, types)
        pred.update(code(docs, te, fold_base, sides, detect, types))
        print(f"fold {k}: {len(te)} articles", file=sys.stderr)
    scored = golds
    if args.score_batches:
        scored = {d: g for d, g in golds.items() if event_sets.batch_of(d) in (None, *event_sets.batch_names(args.score_batches))}
        pred = {d: p for d, p in pred.items() if d in scored}
    r = score(scored, pred)
    print(report(f"CV({args.folds}) {len(scored)} of {len(golds)} articles", r))
    if args.write:
        WORK.mkdir(parents=True, exist_ok=True)
        with (WORK / "cv_pred.jsonl").open("w", encoding="utf-8") as f:
            for d, p in pred.items():
                f.write(json.dumps({"docno": d, **p}, ensure_ascii=False) + "\n")
        with (WORK / "cv_gold.jsonl").open("w", encoding="utf-8") as f:
            for g in golds.values():
                f.write(json.dumps(g, ensure_ascii=False) + "\n")
    if args.dev:
        dv_arts, dv_golds = event_sets.dev_set(shared)
        dv_docs = event_sets.cached_docs("dev", dv_arts, dv_golds, args.refresh, pipe)
        sides, detect = train_models(docs, golds, base, args.c_sides, args.c_detect, ex, extra)
        print(report("dev (trained on all)", score(dv_golds, code(dv_docs, list(dv_docs), base, sides, detect))))


if __name__ == "__main__":
    main()
