"""Throughput and peak memory of the whole `ahdath code` pipeline on ant_news.

    python benchmarks/bench_pipeline.py [--n 2000] [--batch-size 64] [--shared ../shared]

Prints articles/s and tokens/s on one core (this process), the time per component, and
peak resident memory. Documents go through ``Pipeline.run_batch`` in batches of --batch-size
(as ``ahdath code`` does; 1 = one document at a time), with the GC tuned as ``ahdath code`` tunes it
(``--default-gc``: Python's defaults). Reads the first N articles of ant_news.jsonl.xz; exits cleanly when
../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from corpus import SHARED, ant_records

import ahdath
from ahdath.io.validate import InputError
from ahdath.model import Document
from ahdath.pipeline import DEFAULT_BATCH, tune_gc_for_batch

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--batch-size", type=int, default=DEFAULT_BATCH)
    ap.add_argument("--shared", default=str(SHARED))
    ap.add_argument("--default-gc", action="store_true", help="leave Python's GC settings alone (ahdath code tunes them)")
    args = ap.parse_args()
    path = Path(args.shared) / "data" / "ant_news" / "ant_news.jsonl.xz"
    if not path.exists():
        print(f"skip: {path} not found")
        return 0
    records = ant_records(args.n, path)
    t0 = time.perf_counter()
    pipeline = ahdath.load()
    load_s = time.perf_counter() - t0
    if not args.default_gc:
        tune_gc_for_batch()
    per: dict[str, float] = {name: 0.0 for name in pipeline.names}
    tokens = events = failed = 0
    t0 = time.perf_counter()
    c0_all = time.process_time()
    for pos in range(0, len(records), args.batch_size):
        docs = [Document(id=r["id"], text=r["text"], date=r.get("date")) for r in records[pos : pos + args.batch_size]]
        for doc in pipeline.run_batch(docs, timings=per):
            if isinstance(doc, InputError):
                failed += 1
                continue
            if isinstance(doc, Exception):
                raise doc
            tokens += len(doc.tokens)
            events += len(doc.events)
            json.dumps(doc.to_dict(), ensure_ascii=False)
    total = time.perf_counter() - t0
    cpu = time.process_time() - c0_all
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(records) - failed
    print(f"articles: {n} coded ({failed} refused), tokens: {tokens:,}, events: {events:,}")
    print(f"pipeline load: {load_s:.2f} s")
    print(f"throughput (wall clock): {n / total:.1f} articles/s, {tokens / total:,.0f} tokens/s (one process, incl. JSON serialisation)")
    print(f"throughput (CPU time of this process, i.e. one core): {n / cpu:.1f} articles/s, {tokens / cpu:,.0f} tokens/s")
    for name, s in per.items():
        print(f"  {name:<12} {s:7.2f} s CPU  {100 * s / cpu:5.1f}%")
    if per.get("ner"):
        print(f"ner inside the pipeline: {tokens / per['ner']:,.0f} tokens/s (CPU time)")
    print(f"peak memory (RSS): {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
