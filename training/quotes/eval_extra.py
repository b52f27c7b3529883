"""Score the default pipeline on the annotations written for ahdath (training/data/silver_extra_*.jsonl).

    python training/quotes/eval_extra.py [--shared ../shared]

Single-annotator annotations of 267 ANT articles: the event models train on them (so event figures
here are optimistic), the quote layer never did (its figure is an out-of-sample check).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "training" / "events"))

from event_sets import EXTRA, ant_articles, read_jsonl  # noqa: E402

import ahdath  # noqa: E402
from ahdath.evaluate import format_report, score  # noqa: E402
from ahdath.model import Document  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    gold: dict[str, dict] = {}
    for p in EXTRA:
        gold.update(read_jsonl(p, "docno"))
    arts = ant_articles(Path(args.shared), set(gold))
    pipe = ahdath.load()
    pred = {k: pipe(Document(id=k, text=a["text"], date=a.get("date"))).to_dict() for k, a in arts.items()}
    print(f"{len(gold)} articles")
    print(format_report(score(gold, pred)))


if __name__ == "__main__":
    main()
