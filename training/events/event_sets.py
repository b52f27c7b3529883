"""Training and development sets for the event models.

Training: ``../shared/data/silver`` plus the annotations written for ahdath in
``training/data/silver_extra_*.jsonl`` (article texts read from ``../shared/data/ant_news``).
Development: ``../shared/data/gold`` (dev half), never trained on.
"""

from __future__ import annotations

import json
import lzma
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXTRA = sorted((ROOT / "training" / "data").glob("silver_extra_*.jsonl"))

Articles = dict[str, dict]
Gold = dict[str, dict]


def read_jsonl(path: Path, key: str) -> dict[str, dict]:
    with path.open(encoding="utf-8") as f:
        return {str(d[key]): d for d in map(json.loads, filter(str.strip, f))}


def ant_articles(shared: Path, ids: set[str]) -> Articles:
    out: Articles = {}
    with lzma.open(shared / "data" / "ant_news" / "ant_news.jsonl.xz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in ids:
                out[d["id"]] = d
                if len(out) == len(ids):
                    break
    return out


def training_set(shared: Path) -> tuple[Articles, Gold]:
    arts = read_jsonl(shared / "data/silver/silver_articles.jsonl", "id")
    gold = read_jsonl(shared / "data/silver/silver_gold.jsonl", "docno")
    extra: Gold = {}
    for p in EXTRA:
        extra.update(read_jsonl(p, "docno"))
    arts.update(ant_articles(shared, set(extra)))
    gold.update(extra)
    return arts, gold


def dev_set(shared: Path) -> tuple[Articles, Gold]:
    return read_jsonl(shared / "data/gold/dev_articles.jsonl", "id"), read_jsonl(shared / "data/gold/dev_gold.jsonl", "docno")
