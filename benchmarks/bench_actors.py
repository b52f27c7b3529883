"""Throughput of actor resolution on the first 2,000 ANT news articles (one core).

    .venv/bin/python benchmarks/bench_actors.py [--articles 2000]

Analyzes the articles first, then times ``ActorResolver`` alone and prints articles/s (wall clock and
process CPU time: the CPU figure is the one to compare on a shared machine),
the share of the language layer's time that resolution adds, and actor counts by kind.
Exits 0 with a message when ../shared (or $AHDATH_SHARED) is absent.
"""

from __future__ import annotations

import time
from collections import Counter

from corpus import documents_from_args

from ahdath.actors.resolve import ActorResolver
from ahdath.language import analyze


def main(argv: list[str] | None = None) -> int:
    loaded = documents_from_args(__doc__.splitlines()[0], 2000, argv)
    if loaded is None:
        return 0
    docs = loaded
    t = time.perf_counter()
    resolver = ActorResolver.load()
    print(f"knowledge base loaded in {time.perf_counter() - t:.2f} s "
          f"({len(resolver.kb.entries)} entries, {len(resolver.kb.countries)} countries, {len(resolver.kb.agents)} agents)")
    t, c = time.perf_counter(), time.process_time()
    for d in docs:
        analyze(d)
    t_lang, c_lang = time.perf_counter() - t, time.process_time() - c
    for d in docs[:200]:  # warm the per-word caches as a long-running pipeline would be
        resolver(d)
    t, c = time.perf_counter(), time.process_time()
    for d in docs:
        resolver(d)
    t_act, c_act = time.perf_counter() - t, time.process_time() - c
    kinds = Counter(a.kind for d in docs for a in d.actors)
    n_tok = sum(len(d.tokens) for d in docs)
    print(f"{len(docs)} articles, {n_tok} tokens")
    print(f"language layer: {len(docs) / t_lang:.0f} articles/s wall, {len(docs) / c_lang:.0f} articles/s CPU")
    print(f"actor resolution: {len(docs) / t_act:.0f} articles/s wall, {len(docs) / c_act:.0f} articles/s CPU "
          f"({n_tok / c_act:.0f} tokens/s CPU); {100 * c_act / c_lang:.1f}% of the language layer's CPU time")
    print(f"actors: {sum(kinds.values())} ({', '.join(f'{k} {v}' for k, v in kinds.most_common())}); "
          f"loaded {sum(a.loaded for d in docs for a in d.actors)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
