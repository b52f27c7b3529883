"""Throughput of ``ahdath.language.analyze`` on the first 2,000 ANT news articles (one core).

    .venv/bin/python benchmarks/bench_language.py [--articles 2000]

Prints tokens per second (wall clock and CPU time of this process, which is steadier on a
shared machine) for a cold pass (empty word cache) and a warm pass, and the repairs found by kind. Exits 0 with a message when ../shared (or $AHDATH_SHARED) is absent.
"""

from __future__ import annotations

import sys
import time
from collections import Counter

from corpus import documents_from_args

from ahdath.language import analyze
from ahdath.language.vocab import load_clitics, load_vocabulary, load_word_list


def main(argv: list[str] | None = None) -> int:
    loaded = documents_from_args(__doc__.splitlines()[0], 2000, argv)
    if loaded is None:
        return 0
    docs = loaded
    t = time.perf_counter()
    load_vocabulary(), load_clitics(), load_word_list("keep_whole.txt"), load_word_list("abbreviations.txt")
    print(f"resources loaded in {time.perf_counter() - t:.2f} s")
    chars = sum(len(d.text) for d in docs)
    for label in ("cold", "warm"):
        t, c = time.perf_counter(), time.process_time()
        for d in docs:
            analyze(d)
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        n_tok = sum(len(d.tokens) for d in docs)
        print(
            f"{label}: {len(docs)} articles, {n_tok} tokens, {chars / 1e6:.1f} M chars; "
            f"wall {wall:.2f} s -> {n_tok / wall:,.0f} tokens/s; "
            f"CPU {cpu:.2f} s -> {n_tok / cpu:,.0f} tokens/s, {len(docs) / cpu:,.0f} articles/s"
        )
    kinds = Counter(r.kind for d in docs for r in d.repairs)
    n_sent = sum(len(d.sentences) for d in docs)
    print(f"{n_sent} sentences; repairs: {dict(kinds.most_common())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
