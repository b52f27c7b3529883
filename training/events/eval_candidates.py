"""Candidate-level accuracy of the event classifier on the dev gold articles.

    cd training/events && ../../.venv/bin/python eval_candidates.py [--model PATH] [--split dev|silver]

Candidates are the trigger lexicon's matches (``ahdath.events.lexicon``). Gold label of a candidate:
the type of the gold event whose trigger it overlaps, else NONE; candidates that repeat an event
coded elsewhere in the article (same type and stem, or a second cue of a coded event in the same
sentence) are left out, since the guidelines code an event once. Prints accuracy (17 classes) and
event/no-event P/R/F1 (a hit needs the right type) for the model and for the lexicon alone.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import data as D  # noqa: E402

from ahdath.events.classifier import NONE, EventClassifier  # noqa: E402


def predict(clf: EventClassifier, art: D.Article, c: D.Candidate, threshold: float | None) -> str:
    """The most probable type if its probability reaches ``threshold`` (None: if it beats NONE)."""
    sent = art.doc.sentences[art.doc.tokens[c.start_tok].sent]
    probs = clf.score_candidate(art.doc, sent, c.start_tok, c.end_tok, c.lex_type)
    best = max(probs, key=probs.__getitem__)
    floor = 1.0 - sum(probs.values()) if threshold is None else threshold
    return best if probs[best] >= floor else NONE


def score(pairs: list[tuple[str, str]]) -> dict[str, float]:
    acc = sum(g == p for g, p in pairs) / max(len(pairs), 1)
    tp = sum(g == p != NONE for g, p in pairs)
    npred = sum(p != NONE for _, p in pairs)
    ngold = sum(g != NONE for g, _ in pairs)
    prec, rec = tp / max(npred, 1), tp / max(ngold, 1)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"n": len(pairs), "accuracy": acc, "P": prec, "R": rec, "F1": f1}


def sentence_level(clf: EventClassifier, arts: list[D.Article]) -> None:
    """Micro P/R/F1 over (sentence, type) pairs at the shipped thresholds (unsure pairs left out)."""
    tp = npred = ngold = 0
    for a in arts:
        for s, (pos, unsure) in zip(a.doc.sentences, a.sentence_labels(), strict=True):
            pred = set(clf.sentence_types_over(a.doc, s)) - (unsure - pos)
            tp += len(pred & pos)
            npred += len(pred)
            ngold += len(pos)
    p, r = tp / max(npred, 1), tp / max(ngold, 1)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"sentence level (type per sentence, shipped thresholds): P={p:.3f} R={r:.3f} F1={f1:.3f} (gold pairs={ngold})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument("--split", choices=("dev", "silver"), default="dev")
    args = ap.parse_args(argv)
    gen = D.lexicon_generator()
    if gen is None:
        print("ahdath.events.lexicon is not available", file=sys.stderr)
        return 1
    clf = EventClassifier.load(args.model)
    arts = D.dev() if args.split == "dev" else D.silver()
    thresholds = (None, 0.2, 0.3, 0.5)
    model_pairs: dict[float | None, list[tuple[str, str]]] = {t: [] for t in thresholds}
    lex_pairs, confusions = [], Counter()
    covered = total = 0
    for a in arts:
        cands = gen(a.doc)
        for e in a.events:
            total += 1
            covered += any(c.start_tok < e.tok_end and c.end_tok > e.tok_start for c in cands)
        for c, gold in D.label_candidates(a, cands):
            if gold is None:
                continue
            for t in thresholds:
                model_pairs[t].append((gold, predict(clf, a, c, t)))
            pred = model_pairs[None][-1][1]
            lex_pairs.append((gold, c.lex_type or NONE))
            if gold != pred:
                confusions[(gold, pred)] += 1
    print(f"{args.split}: {len(arts)} articles, {total} gold events, {covered} overlapped by a lexicon candidate")
    rows = [(f"model p>={t}" if t else "model argmax", model_pairs[t]) for t in thresholds]
    for name, pairs in [*rows, ("lexicon only", lex_pairs)]:
        s = score(pairs)
        print(f"{name:>15}: n={s['n']} accuracy={s['accuracy']:.3f}  event P={s['P']:.3f} R={s['R']:.3f} F1={s['F1']:.3f}")
    sentence_level(clf, arts)
    print("most frequent model errors at argmax (gold -> predicted):")
    for (g, p), n in confusions.most_common(8):
        print(f"  {g} -> {p}: {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
