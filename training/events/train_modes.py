"""Train the PLOVER mode model (``ahdath.events.modes``) on the annotated training articles.

    cd training/events && ../../.venv/bin/python train_modes.py [--c 1.0] [--out PATH]

Examples: every annotated event (training batches, ``event_sets.training_set``; held-out batches and dev
excluded) whose type takes modes and whose annotator gave one; features from its sentence (language layer
only) around the annotated trigger. One multinomial logistic regression per type; the dev gold events are
scored as a check. Needs ``../shared`` (ant_news texts) and scikit-learn.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

import event_sets

from ahdath.events.lexicon import plover_modes
from ahdath.events.linear import LinearModel
from ahdath.events.modes import MODEL_PATH, ModeModel, mode_features
from ahdath.language import analyze
from ahdath.model import Document

Example = tuple[list[str], str]


def examples(golds: dict[str, dict]) -> dict[str, list[Example]]:
    """(features, mode) per type from the annotated events with a mode."""
    allowed = plover_modes()
    cache: dict[str, Document] = {}
    out: dict[str, list[Example]] = defaultdict(list)
    for g in golds.values():
        for e in g.get("events", []):
            t, mode, sent, trig = e.get("type"), e.get("mode"), e.get("sentence") or "", e.get("trigger") or ""
            if not mode or mode not in allowed.get(t, ()) or not trig or trig not in sent:
                continue
            doc = cache.get(sent)
            if doc is None:
                doc = cache[sent] = analyze(Document(id="s", text=sent))
            at = sent.index(trig)
            toks = [tk for tk in doc.tokens if tk.start < at + len(trig) and at < tk.end]
            if not toks:
                continue
            out[t].append((mode_features(doc.tokens, toks[0].i, toks[-1].i + 1, 0, len(doc.tokens)), mode))
    return out


def fit(data: dict[str, list[Example]], c: float, prune: float) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    weights: dict[str, float] = {}
    bias: dict[str, float] = {}
    for t, exs in sorted(data.items()):
        modes = sorted({m for _, m in exs})
        if len(modes) < 2:
            bias.update({f"{t}|{m}": 0.0 for m in modes})
            continue
        vec = DictVectorizer()
        x = vec.fit_transform([dict.fromkeys(f, 1) for f, _ in exs])
        clf = LogisticRegression(C=c, max_iter=2000)
        clf.fit(x, [m for _, m in exs])
        names = vec.get_feature_names_out()
        rows = clf.coef_ if len(clf.classes_) > 2 else [-clf.coef_[0], clf.coef_[0]]
        inter = clf.intercept_ if len(clf.classes_) > 2 else [-clf.intercept_[0], clf.intercept_[0]]
        for cls, row, b in zip(clf.classes_, rows, inter, strict=True):
            bias[f"{t}|{cls}"] = round(float(b), 4)
            for name, w in zip(names, row, strict=True):
                if abs(w) >= prune:
                    weights[f"{t}|{cls}:{name}"] = round(float(w), 4)
    return LinearModel(weights, bias, {}, kind="softmax")


def accuracy(model: ModeModel, data: dict[str, list[Example]]) -> tuple[int, int]:
    right = total = 0
    for t, exs in data.items():
        for f, mode in exs:
            got = model.predict(t, f)
            total += 1
            right += got is not None and got[0] == mode
    return right, total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(event_sets.ROOT.parent / "shared"))
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--prune", type=float, default=0.01)
    ap.add_argument("--out", default=str(MODEL_PATH))
    args = ap.parse_args()
    t0 = time.time()
    _, golds = event_sets.training_set(Path(args.shared))
    train = examples(golds)
    _, dev_golds = event_sets.dev_set(Path(args.shared))
    dev = examples(dev_golds)
    print(f"training examples: {sum(map(len, train.values()))} ({', '.join(f'{t} {len(v)}' for t, v in sorted(train.items()))})")
    model = fit(train, args.c, args.prune)
    mm = ModeModel(model)
    for name, data in (("training", train), ("dev", dev)):
        r, n = accuracy(mm, data)
        print(f"{name} mode accuracy: {r}/{n} = {r / max(n, 1):.3f}")
    Path(args.out).write_text(model.to_json("PLOVER mode per type (training/events/train_modes.py)"), encoding="utf-8")
    print(f"wrote {len(model.weights)} weights to {args.out} in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
