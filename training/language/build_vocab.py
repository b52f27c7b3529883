"""Build the word-frequency vocabulary shipped in ``src/ahdath/language/data/vocab.tsv.gz``.

Counts every Arabic word of the ANT news corpus (Apache-2.0; ``../shared/data/ant_news``) in its
light-folded form (harakat, tatweel and controls removed; hamza, ة and ى kept), and writes the words
seen at least ``--min-count`` times, most frequent first, as ``word<TAB>count`` lines, gzip-compressed.

    .venv/bin/python training/language/build_vocab.py [--max-words 120000] [--min-count 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import lzma
import os
import sys
from collections import Counter
from pathlib import Path

from ahdath.language.chars import WORD_RE, has_arabic
from ahdath.language.normalize import light_fold

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("AHDATH_SHARED", ROOT / ".." / "shared"))
CORPUS = SHARED / "data" / "ant_news" / "ant_news.jsonl.xz"
OUT = ROOT / "src" / "ahdath" / "language" / "data" / "vocab.tsv.gz"


def count_words(path: Path) -> tuple[Counter[str], int]:
    """Light-folded Arabic word counts over titles and texts, and the number of articles."""
    raw: Counter[str] = Counter()
    n = 0
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            n += 1
            for field in ("title", "text"):
                raw.update(WORD_RE.findall(rec.get(field) or ""))
    counts: Counter[str] = Counter()
    for word, c in raw.items():
        if has_arabic(word):
            counts[light_fold(word)] += c
    return counts, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--max-words", type=int, default=120_000)
    ap.add_argument("--min-count", type=int, default=3)
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1
    counts, n = count_words(args.corpus)
    kept = [(w, c) for w, c in counts.most_common(args.max_words) if c >= args.min_count]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the file byte-identical across rebuilds.
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(f"# light-folded Arabic word counts from ANT news ({n} articles, Apache-2.0)\n".encode())
        gz.write("".join(f"{w}\t{c}\n" for w, c in kept).encode())
    total = sum(counts.values())
    covered = sum(c for _, c in kept)
    print(
        f"{n} articles, {total} Arabic words, {len(counts)} distinct; kept {len(kept)} "
        f"(count >= {args.min_count}) covering {covered / total:.1%} of running words; "
        f"{args.out} {args.out.stat().st_size / 1e6:.2f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
