"""Throughput of the learned event classifier on ANT news sentences (one core).

    .venv/bin/python benchmarks/bench_classifier.py [--articles 300]

Analyzes the articles first, then times ``EventClassifier.score_sentence`` on every sentence and
``score_candidate`` on every trigger-lexicon match (when the lexicon exists), and prints
sentences/s and candidates/s (wall clock and process CPU time: compare CPU on a shared machine).
Exits 0 with a message when ../shared (or $AHDATH_SHARED) is absent.
"""

from __future__ import annotations

import time

from corpus import documents_from_args

from ahdath.events.classifier import EventClassifier
from ahdath.language import analyze


def main(argv: list[str] | None = None) -> int:
    loaded = documents_from_args(__doc__, 300, argv)
    if loaded is None:
        return 0
    docs = [analyze(d) for d in loaded]
    t = time.perf_counter()
    clf = EventClassifier.load()
    print(f"load: {time.perf_counter() - t:.2f} s")
    n_sent = sum(len(d.sentences) for d in docs)
    w, c = time.perf_counter(), time.process_time()
    for d in docs:
        for s in d.sentences:
            clf.score_sentence(d, s)
    w, c = time.perf_counter() - w, time.process_time() - c
    print(f"score_sentence: {n_sent} sentences, {n_sent / w:,.0f}/s wall, {n_sent / c:,.0f}/s CPU "
          f"({len(docs) / c:,.0f} articles/s CPU)")
    try:
        from ahdath.events.lexicon import TriggerLexicon
    except ImportError:
        return 0
    lex = TriggerLexicon.load()
    matches = [(d, m) for d in docs for m in lex.match(d)]
    for d in docs:  # cold caches again: candidate scoring sums each sentence's part once
        for key in [k for k in d.user_data if k.startswith("_event_clf_")]:
            del d.user_data[key]
    w, c = time.perf_counter(), time.process_time()
    for d, m in matches:
        clf.score_candidate(d, d.sentences[d.tokens[m.start_tok].sent], m.start_tok, m.end_tok, m.type)
    w, c = time.perf_counter() - w, time.process_time() - c
    print(f"score_candidate: {len(matches)} candidates, {len(matches) / w:,.0f}/s wall, {len(matches) / c:,.0f}/s CPU "
          f"({len(docs) / c:,.0f} articles/s CPU)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
