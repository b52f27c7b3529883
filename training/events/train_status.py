"""Train the event status model (``ahdath.events.status_model``) on the annotated training articles.

    cd training/events && ../../.venv/bin/python train_status.py [--c 1.0] [--out PATH]

Examples: every annotated event of the training batches (``event_sets.training_set``; held-out batches and
dev excluded) whose trigger is found in its sentence; label its status (asserted when none). The override
threshold (how sure the model must be to overrule the rules) is chosen on a fifth of the training articles
held aside, then the model is refitted on all. Needs ``../shared`` and scikit-learn.
"""

from __future__ import annotations

import argparse
import sys
import time
import zlib
from pathlib import Path

import event_sets
from field_models import SentenceTriggers, fit_roles

from ahdath.events.linear import LinearModel
from ahdath.events.status import status_of
from ahdath.events.status_model import MODEL_PATH, STATUSES, StatusModel, status_features

Example = tuple[list[str], str, str, str]  # features, gold status, the rules' status, article id


def examples(golds: dict[str, dict]) -> list[Example]:
    sentences = SentenceTriggers()
    out: list[Example] = []
    for doc_id, g in golds.items():
        for e in g.get("events", []):
            status = e.get("status") or "asserted"
            if status not in STATUSES:
                continue
            found = sentences.locate(e.get("sentence") or "", e.get("trigger") or "", skip_punct=True)
            if found is None:
                continue
            doc, s, t = found
            rule = status_of(doc, s, t)[0]
            out.append((status_features(doc.tokens, s, t, 0, len(doc.tokens), rule), status, rule, doc_id))
    return out


def fit(exs: list[Example], c: float, prune: float, override: float) -> LinearModel:
    weights, bias = fit_roles([f for f, *_ in exs], [s for _, s, *_ in exs], c, prune, 3000)
    return LinearModel(weights, bias, {"override": override}, kind="softmax")


def accuracy(model: StatusModel | None, exs: list[Example]) -> float:
    right = 0
    for f, gold, rule, _ in exs:
        got = model.decide(rule, f) if model is not None else None
        right += (got[0] if got else rule) == gold
    return right / max(len(exs), 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(event_sets.ROOT.parent / "shared"))
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--prune", type=float, default=0.02)
    ap.add_argument("--out", default=str(MODEL_PATH))
    args = ap.parse_args()
    t0 = time.time()
    _, golds = event_sets.training_set(Path(args.shared))
    exs = examples(golds)
    aside = [e for e in exs if zlib.crc32(e[3].encode()) % 5 == 0]
    fit_on = [e for e in exs if zlib.crc32(e[3].encode()) % 5 != 0]
    print(f"examples: {len(exs)} ({len(aside)} set aside for the threshold)")
    first = fit(fit_on, args.c, args.prune, 1.01)
    print(f"rules alone on the set-aside fifth: {accuracy(None, aside):.4f}")
    best = (accuracy(None, aside), 1.01)
    for t in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
        acc = accuracy(StatusModel(first, t), aside)
        print(f"  override at p >= {t}: {acc:.4f}")
        best = max(best, (acc, t))
    model = fit(exs, args.c, args.prune, best[1])
    _, dev_golds = event_sets.dev_set(Path(args.shared))
    dev = examples(dev_golds)
    print(f"chosen override {best[1]}; dev: rules {accuracy(None, dev):.4f}, with the model {accuracy(StatusModel(model, best[1]), dev):.4f}")
    Path(args.out).write_text(model.to_json("event status (training/events/train_status.py)"), encoding="utf-8")
    print(f"wrote {len(model.weights)} weights to {args.out} in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
