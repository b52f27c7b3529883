"""Train the PLOVER mode model (``ahdath.events.modes``) on the annotated training articles.

    cd training/events && ../../.venv/bin/python train_modes.py [--c 1.0] [--out PATH]
    cd training/events && ../../.venv/bin/python train_modes.py --sentence   # the sentence mode model

Examples: every annotated event (training batches, ``event_sets.training_set``; held-out batches and dev
excluded) whose type takes modes and whose annotator gave one; features from its sentence (language layer
only) around the annotated trigger. One multinomial logistic regression per type; the dev gold events are
scored as a check. Needs ``../shared`` (ant_news texts) and scikit-learn.

``--sentence``: the sentence mode model (``modes.SENTENCE_MODEL_PATH``), the same examples with the stems of
the event's whole sentence as features (``sentence_mode_features``): the mode of a statement, whose trigger is its
speech verb (its neighbours say little of the mode), and a second vote beside the mode model's for the rest.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

import event_sets
from field_models import SentenceTriggers, fit_roles

from ahdath.events.lexicon import plover_modes
from ahdath.events.linear import LinearModel
from ahdath.events.modes import MODEL_PATH, SENTENCE_MODEL_PATH, ModeModel, mode_features, sentence_mode_features

Example = tuple[list[str], str]


def examples(golds: dict[str, dict], whole_sentence: bool = False) -> dict[str, list[Example]]:
    """(features, mode) per type from the annotated events with a mode (``whole_sentence``: the features of
    their whole sentence)."""
    allowed = plover_modes()
    sentences = SentenceTriggers()
    out: dict[str, list[Example]] = defaultdict(list)
    for g in golds.values():
        for e in g.get("events", []):
            t, mode = e.get("type"), e.get("mode")
            if not mode or mode not in allowed.get(t, ()):
                continue
            found = sentences.locate(e.get("sentence") or "", e.get("trigger") or "")
            if found is None:
                continue
            doc, s, end = found
            feats = sentence_mode_features(doc.tokens, 0, len(doc.tokens)) if whole_sentence else mode_features(doc.tokens, s, end, 0, len(doc.tokens))
            out[t].append((feats, mode))
    return out


def fit(data: dict[str, list[Example]], c: float, prune: float) -> LinearModel:
    weights: dict[str, float] = {}
    bias: dict[str, float] = {}
    for t, exs in sorted(data.items()):
        modes = sorted({m for _, m in exs})
        if len(modes) < 2:
            bias.update({f"{t}|{m}": 0.0 for m in modes})
            continue
        w, b = fit_roles([f for f, _ in exs], [m for _, m in exs], c, prune, 2000, prefix=f"{t}|")
        weights.update(w)
        bias.update(b)
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
    ap.add_argument("--prune", type=float, default=0.05)  # the shipped model: 169k weights, 7.9 MB
    ap.add_argument("--out", default=None, help=f"default {MODEL_PATH.name}, with --sentence {SENTENCE_MODEL_PATH.name}")
    ap.add_argument("--sentence", action="store_true", help="the sentence mode model (whole-sentence features)")
    args = ap.parse_args()
    out = Path(args.out) if args.out else (SENTENCE_MODEL_PATH if args.sentence else MODEL_PATH)
    t0 = time.time()
    _, golds = event_sets.training_set(Path(args.shared))
    train = examples(golds, args.sentence)
    _, dev_golds = event_sets.dev_set(Path(args.shared))
    dev = examples(dev_golds, args.sentence)
    print(f"training examples: {sum(map(len, train.values()))} ({', '.join(f'{t} {len(v)}' for t, v in sorted(train.items()))})")
    model = fit(train, args.c, args.prune)
    mm = ModeModel(model)
    for name, data in (("training", train), ("dev", dev)):
        r, n = accuracy(mm, data)
        print(f"{name} mode accuracy: {r}/{n} = {r / max(n, 1):.3f}")
    what = "PLOVER mode per type, from the words of the whole sentence" if args.sentence else "PLOVER mode per type"
    out.write_text(model.to_json(f"{what} (training/events/train_modes.py)"), encoding="utf-8")
    print(f"wrote {len(model.weights)} weights to {out} in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
