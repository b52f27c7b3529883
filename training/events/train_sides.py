"""Train the event-sides ranker (src/ahdath/events/data/sides_model.json) on the silver annotations
(../shared/data/silver plus training/data/silver_extra_*.jsonl).

    python training/events/train_sides.py [--shared ../shared] [--c 0.3]

For each silver event whose trigger the lexicon finds, every side candidate of that trigger
(sentence mentions, quote speaker, carried subject) is labelled by whether it matches the
annotated actor / recipient (the scorer's side match), and a logistic model per role is fit on
the candidates' features. Reports candidate-level accuracy on the dev gold set (never trained
on) and writes the weights as JSON. Needs scikit-learn (training only).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from event_sets import PRE, analyze_articles, dev_set, training_set  # training/events/event_sets.py
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

import ahdath
from ahdath.evaluate import side_match
from ahdath.events.arguments import MentionIndex
from ahdath.events.coder import EventCoder
from ahdath.events.linear import LinearModel
from ahdath.events.sides import MODEL_PATH
from ahdath.language.normalize import fold_text
from ahdath.model import Document

ROOT = Path(__file__).resolve().parents[2]


def examples(docs: dict[str, Document], golds: dict[str, dict], coder: EventCoder) -> Iterator[tuple[list[list[str]], list[int], list[int], bool]]:
    """(features per candidate, actor labels, recipient labels, gold has recipient) per matched gold event."""
    for doc_id, g in golds.items():
        doc = docs.get(doc_id)
        if doc is None:
            continue
        yield from doc_examples(doc, g, coder)


def doc_examples(doc: Document, g: dict, coder: EventCoder) -> Iterator[tuple[list[list[str]], list[int], list[int], bool]]:
    idx = MentionIndex(doc)
    matches = coder.lexicon.match(doc)
    folded_text = fold_text(doc.text)
    last_subject = None
    for ge in g["events"]:
        s0 = doc.text.find(ge["sentence"][:40])
        if s0 < 0:
            s0 = folded_text.find(fold_text(ge["sentence"][:40]))
        if s0 < 0:
            continue
        t0 = doc.text.find(ge["trigger"], s0)
        if t0 < 0:
            continue
        sent = doc.sentence_of(t0)
        if sent is None:
            continue
        t1 = t0 + len(ge["trigger"])
        ms = [m for m in matches if m.start < t1 and t0 < m.end and doc.tokens[m.start_tok].sent == sent.i]
        if not ms:
            continue
        m = next((x for x in ms if x.type == ge["type"]), ms[0])
        # the carried subject at this point: the rule subject of the previous lexicon match
        prev = [x for x in matches if x.start < m.start]
        if prev:
            p = prev[-1]
            psent = doc.sentences[doc.tokens[p.start_tok].sent]
            _, _, _, subj, _ = coder.rule_sides(doc, idx, psent, p, p.type, None)
            last_subject = subj[0].actor if subj else last_subject
        cands, feats, _ = coder.candidates(doc, idx, sent, m, ge["type"], last_subject)
        if not cands:
            continue
        ya = [int(side_match(c.actor.to_dict(), ge["actor"])) for c in cands]
        yr = [int(ge.get("recipient") is not None and side_match(c.actor.to_dict(), ge["recipient"])) for c in cands]
        yield feats, ya, yr, ge.get("recipient") is not None


def fit(data: list, role: int, c: float) -> tuple[DictVectorizer, LogisticRegression]:
    xs, ys = [], []
    for feats, ya, yr, _ in data:
        labels = ya if role == 0 else yr
        for f, y in zip(feats, labels, strict=True):
            xs.append(dict.fromkeys(f, 1))
            ys.append(y)
    vec = DictVectorizer()
    x = vec.fit_transform(xs)
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, np.array(ys))
    return vec, clf


def probs(data: list, vec: DictVectorizer, clf: LogisticRegression) -> list[np.ndarray]:
    """The model's probability for every candidate, per event (one transform for all)."""
    flat = [dict.fromkeys(f, 1) for feats, *_ in data for f in feats]
    p = clf.predict_proba(vec.transform(flat))[:, 1] if flat else np.zeros(0)
    out, i = [], 0
    for feats, *_ in data:
        out.append(p[i : i + len(feats)])
        i += len(feats)
    return out


def top1(data: list, ps: list[np.ndarray], role: int, threshold: float) -> tuple[float, float, int]:
    """(accuracy of the top candidate among events with a matching candidate, of events with any gold side, n)."""
    hit = n_any = n_possible = 0
    for (_, ya, yr, has_rec), p in zip(data, ps, strict=True):
        labels = ya if role == 0 else yr
        if role == 1 and not has_rec:
            hit += p.max() < threshold  # correctly no recipient
            n_any += 1
            n_possible += 1
            continue
        n_any += 1
        if not any(labels):
            continue
        n_possible += 1
        best = int(p.argmax())
        hit += labels[best] == 1 and p[best] >= threshold
    return hit / max(n_possible, 1), hit / max(n_any, 1), n_possible


def train_model(train: list, c: float) -> LinearModel:
    """Fit both roles and choose each threshold for top-1 accuracy on the training events."""
    weights: dict[str, float] = {}
    bias: dict[str, float] = {}
    thresholds: dict[str, float] = {}
    for role, name in ((0, "actor"), (1, "recipient")):
        vec, clf = fit(train, role, c)
        ps = probs(train, vec, clf)
        best_t, best_acc = 0.5, -1.0
        for t in np.arange(0.05, 0.75, 0.05):
            acc = top1(train, ps, role, float(t))[1]
            if acc > best_acc:
                best_t, best_acc = float(t), acc
        for feat, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True):
            if abs(w) > 1e-4:
                weights[f"{name}:{feat}"] = round(float(w), 4)
        bias[name] = round(float(clf.intercept_[0]), 4)
        thresholds[name] = round(best_t, 2)
    return LinearModel(weights, bias, thresholds)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--c", type=float, default=0.3)
    ap.add_argument("--out", default=str(MODEL_PATH))
    args = ap.parse_args()
    shared = Path(args.shared)
    coder = EventCoder.load(use_model=False)
    pipe = ahdath.load(components=PRE)
    tr_arts, tr_gold = training_set(shared)
    dv_arts, dv_gold = dev_set(shared)
    train = list(examples(analyze_articles(tr_arts, tr_gold, pipe), tr_gold, coder))
    dev = list(examples(analyze_articles(dv_arts, dv_gold, pipe), dv_gold, coder))
    print(f"silver events with a lexicon trigger: {len(train)}; dev: {len(dev)}")
    model = train_model(train, args.c)
    for role, name in ((0, "actor"), (1, "recipient")):
        vec, clf = fit(train, role, args.c)
        t = model.thresholds[name]
        tr = top1(train, probs(train, vec, clf), role, t)
        dv = top1(dev, probs(dev, vec, clf), role, t)
        print(f"{name}: threshold {t:.2f}; silver top-1 {tr[0]:.3f} (of {tr[2]} answerable), dev top-1 {dv[0]:.3f} (of {dv[2]}), dev overall {dv[1]:.3f}")
    Path(args.out).write_text(model.to_json("event sides ranker; trained by training/events/train_sides.py on shared/data/silver and training/data"), encoding="utf-8")
    print(f"wrote {len(model.weights)} weights to {args.out}")


if __name__ == "__main__":
    main()
