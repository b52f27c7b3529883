"""The benchmark corpus: the first N ANT news articles from ../shared (or $AHDATH_SHARED).

Every benchmark script imports this (``from corpus import ...``; scripts run as
``python benchmarks/NAME.py`` have this folder on their path).
"""

from __future__ import annotations

import json
import lzma
import os
from pathlib import Path

from ahdath.model import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("AHDATH_SHARED", ROOT / ".." / "shared"))
CORPUS = SHARED / "data" / "ant_news" / "ant_news.jsonl.xz"


def ant_records(n: int, path: Path = CORPUS) -> list[dict]:
    """The first ``n`` records (id, source, category, title, date, url, text)."""
    out: list[dict] = []
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            out.append(json.loads(line))
            if len(out) >= n:
                break
    return out


def ant_documents(n: int, path: Path = CORPUS) -> list[Document]:
    return [Document(id=r["id"], text=r["text"], date=r.get("date")) for r in ant_records(n, path)]


def documents_from_args(description: str, default: int, argv: list[str] | None = None) -> list[Document] | None:
    """Parse ``--articles N`` and load that many documents; None (after saying so) without the corpus."""
    import argparse

    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=default)
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found")
        return None
    return ant_documents(args.articles)
