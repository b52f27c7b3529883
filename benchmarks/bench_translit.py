"""Speed of Arabic -> Latin name transliteration (names/s and ms per name token).

    .venv/bin/python benchmarks/bench_translit.py [--names N]

Uses name tokens of the Wikidata test slice when ../shared is present (combined into 2-3 token
names), otherwise a built-in list. Reports cold (empty token cache) and warm (cached) speed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

from ahdath.actors.translit import Transliterator

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("AHDATH_SHARED", REPO / ".." / "shared"))
FALLBACK = [
    "زياد",
    "النخالة",
    "إسماعيل",
    "هنية",
    "حسين",
    "أمير",
    "عبد",
    "اللهيان",
    "فلاديمير",
    "بوتين",
    "بنيامين",
    "نتنياهو",
    "يحيى",
    "السنوار",
]


def tokens() -> list[str]:
    path = SHARED / "data" / "wikidata_translit_ar" / "wd_arabic_20"
    if not path.exists():
        return FALLBACK
    return [line.split("\t")[1].replace(" ", "") for line in path.read_text(encoding="utf-8").splitlines()]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--names", type=int, default=3000)
    args = ap.parse_args(argv)
    rng = random.Random(0)
    toks = tokens()
    names = [" ".join(rng.choice(toks) for _ in range(rng.choice((2, 3)))) for _ in range(args.names)]
    n_tokens = sum(len(n.split()) for n in names)
    t0 = time.perf_counter()
    model = Transliterator.load()
    load_s = time.perf_counter() - t0
    for label in ("cold", "warm"):
        t0 = time.perf_counter()
        for name in names:
            model(name)
        secs = time.perf_counter() - t0
        print(
            f"{label}: {len(names) / secs:,.0f} names/s, {1000 * secs / n_tokens:.3f} ms per name token "
            f"({len(names)} names, {n_tokens} tokens)"
        )
    print(f"model load: {load_s:.2f}s")


if __name__ == "__main__":
    sys.exit(main())
