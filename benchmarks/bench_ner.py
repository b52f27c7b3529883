"""NER speed (tokens/s, one thread) and ANERcorp test F1.

usage: python benchmarks/bench_ner.py [--model DIR] [--test FILE] [--news N]
Wall-clock and CPU-time throughput are both printed: on a shared machine the CPU-time figure is
the one-core speed. Speed is measured on (a) the ANERcorp test tokens and (b) N ANT news articles
(every 50th) with the standalone tokenizer, tagged one document at a time (NERTagger(doc)) and in
batches of 64 documents (NERTagger.pipe, as the pipeline does), both with one CPU thread and a
freshly loaded tagger (cold caches).
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

from ahdath.model import Document, Token  # noqa: E402
from ahdath.ner import NERTagger  # noqa: E402
from ahdath.ner.conll import read_conll, tag_conll  # noqa: E402
from ahdath.ner.text import simple_tokens  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("AHDATH_SHARED", REPO / ".." / "shared"))
TEST = SHARED / "data/anercorp/camel_style_split_reconstructed/ANERcorp_reconstructed_test.txt"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path)
    ap.add_argument("--test", type=Path, default=TEST)
    ap.add_argument("--news", type=int, default=300)
    a = ap.parse_args()
    t0 = time.perf_counter()
    tagger = NERTagger.load(a.model)
    print(f"load: {time.perf_counter() - t0:.2f}s  model dir: {tagger.model_dir}")
    size = sum(p.stat().st_size for p in tagger.model_dir.iterdir() if p.is_file())
    print(f"model files: {size / 1e6:.1f} MB")
    if a.test.is_file():
        sents = [[r[0] for r in s] for s in read_conll(a.test)]
        n = sum(map(len, sents))
        t0, c0 = time.perf_counter(), time.process_time()
        tagger.tag_tokens(sents)
        dt, ct = time.perf_counter() - t0, time.process_time() - c0
        print(f"ANERcorp test tag_tokens: {n} tokens, {n / dt:,.0f} tokens/s wall, {n / ct:,.0f} tokens/s CPU time (cold caches)")
        t0, c0 = time.perf_counter(), time.process_time()
        tagger.tag_tokens(sents)
        dt, ct = time.perf_counter() - t0, time.process_time() - c0
        print(f"ANERcorp test tag_tokens again: {n / dt:,.0f} tokens/s wall, {n / ct:,.0f} tokens/s CPU time (warm caches)")
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "pred.txt"
            tag_conll(a.test, out, tagger)
            res = subprocess.run(
                [sys.executable, str(SHARED / "eval/score_conll.py"), str(a.test), str(out)],
                capture_output=True, text=True, check=True,
            )
            print(res.stdout.strip())
    news = SHARED / "data/ant_news/ant_news.jsonl.xz"
    if news.is_file() and a.news:
        docs = []
        with lzma.open(news, "rt", encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i % 50 == 0:
                    art = json.loads(line)
                    docs.append(Document(id=art["id"], text=art["text"]))
                if len(docs) >= a.news:
                    break
        n = 0
        t0 = time.perf_counter()
        for d in docs:
            sent = 0
            toks = []
            for i, (s, e, w) in enumerate(simple_tokens(d.text)):
                toks.append(Token(i, s, e, w, w, sent=sent))
                if w in {".", "؟", "!"}:
                    sent += 1
            d.tokens = toks
            n += len(toks)
        for mode in ("one document at a time", "pipe, 64 documents per batch"):
            tagger = NERTagger.load(a.model)
            t1, c1 = time.perf_counter(), time.process_time()
            if mode.startswith("pipe"):
                for i in range(0, len(docs), 64):
                    tagger.pipe(docs[i : i + 64])
            else:
                for d in docs:
                    tagger(d)
            dt, ct = time.perf_counter() - t1, time.process_time() - c1
            ents = sum(len(d.entities) for d in docs)
            print(
                f"ANT news, {mode}: {len(docs)} docs, {n} tokens, {ents} entities, "
                f"{n / dt:,.0f} tokens/s wall, {n / ct:,.0f} tokens/s CPU time (cold caches)"
            )


if __name__ == "__main__":
    main()
