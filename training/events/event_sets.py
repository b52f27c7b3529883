"""Training and development sets for the event models.

Training: ``../shared/data/silver`` plus the annotations written for ahdath in
``training/data/silver_extra_*.jsonl`` (article texts read from ``../shared/data/ant_news``).
Development: ``../shared/data/gold`` (dev half), never trained on.
"""

from __future__ import annotations

import json
import lzma
import os
import re
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# AHDATH_EXTRA_BATCHES="abcdefgh" (one-letter batches) or "a,b,...,z,aa,ab" restricts the project's
# annotations to those batches (stable comparisons while more batches are being written); unset, every
# silver_extra_*.jsonl is used except the held-out batches below.
_BATCHES = os.environ.get("AHDATH_EXTRA_BATCHES")
# batches kept out of training and scored as unseen data (eval_batches.py): fb-fq (720 articles, written in
# session 9) and hp-ie (720, session 11: scored first with the models trained without them); el-fa, held out
# in sessions 8-9, joined training in session 10 (docs/benchmarks.md)
HELD_OUT_GROUPS = {
    "fb-fq": ("fb", "fc", "fd", "fe", "ff", "fg", "fh", "fi", "fj", "fk", "fl", "fm", "fn", "fo", "fp", "fq"),
    "hp-ie": ("hp", "hq", "hr", "hs", "ht", "hu", "hv", "hw", "hx", "hy", "hz", "ia", "ib", "ic", "id", "ie"),
}
HELD_OUT = frozenset(b for group in HELD_OUT_GROUPS.values() for b in group)


def batch_names(spec: str) -> frozenset[str]:
    """The batch names in a spec: comma-separated names, a held-out group (``fb-fq``), one batch name
    (``fb``), or a run of one-letter names (``abcde``, as AHDATH_EXTRA_BATCHES was first written)."""
    spec = spec.strip()
    if "," in spec:
        return frozenset(x.strip() for x in spec.split(",") if x.strip())
    if spec in HELD_OUT_GROUPS:
        return frozenset(HELD_OUT_GROUPS[spec])
    if len(spec) > 1 and (ROOT / "training" / "data" / f"silver_extra_{spec}.jsonl").is_file():
        return frozenset({spec})
    return frozenset(spec)


def _trained_on(batch: str) -> bool:
    """Whether an annotation batch is training data: the pinned batches, else all but the held-out ones."""
    return batch not in HELD_OUT if _BATCHES is None else batch in batch_names(_BATCHES)


EXTRA = sorted(p for p in (ROOT / "training" / "data").glob("silver_extra_*.jsonl") if _trained_on(p.stem.removeprefix("silver_extra_")))

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


def text_key(text: str) -> str:
    """The first 300 word characters of an article: ant_news holds the same story under several ids
    (a middleEast and an internationalNews copy), which this key finds."""
    return re.sub(r"\W+", "", text)[:300]


def training_set(shared: Path) -> tuple[Articles, Gold]:
    """The training articles and annotations, without any article whose text is also a development or
    held-out article under another id (68 held-out fb-fq stories had such a copy in training in session 10)."""
    arts = read_jsonl(shared / "data/silver/silver_articles.jsonl", "id")
    gold = read_jsonl(shared / "data/silver/silver_gold.jsonl", "docno")
    extra: Gold = {}
    for p in EXTRA:
        extra.update(read_jsonl(p, "docno"))
    held: set[str] = set()
    for name in HELD_OUT:
        path = ROOT / "training" / "data" / f"silver_extra_{name}.jsonl"
        if path.is_file():
            held |= set(read_jsonl(path, "docno"))
    loaded = ant_articles(shared, set(extra) | held)
    unseen = {text_key(a["text"]) for d, a in loaded.items() if d in held}
    unseen |= {text_key(a["text"]) for a in dev_set(shared)[0].values()}
    arts.update({d: a for d, a in loaded.items() if d in extra})
    gold.update(extra)
    copies = [d for d in gold if d in arts and text_key(arts[d]["text"]) in unseen]
    for d in copies:
        del gold[d]
    return arts, gold


@lru_cache(maxsize=1)
def _batch_map() -> dict[str, str]:
    out: dict[str, str] = {}
    for p in (ROOT / "training" / "data").glob("silver_extra_*.jsonl"):
        for d in read_jsonl(p, "docno"):
            out[d] = p.stem.removeprefix("silver_extra_")
    return out


def batch_of(docno: str) -> str | None:
    """The training/data batch letter that annotates ``docno`` (None: ../shared silver)."""
    return _batch_map().get(docno)


def dev_set(shared: Path) -> tuple[Articles, Gold]:
    return read_jsonl(shared / "data/gold/dev_articles.jsonl", "id"), read_jsonl(shared / "data/gold/dev_gold.jsonl", "docno")


PRE = ("language", "ner", "actors", "quotes")  # the runtime pipeline up to events


def analyze_articles(arts: Articles, golds: Gold, pipe: object | None = None) -> dict[str, object]:
    """Each annotated article run through the runtime pipeline up to events: docno → Document."""
    import ahdath
    from ahdath.model import Document

    pipe = pipe or ahdath.load(components=PRE)
    out: dict[str, object] = {}
    for doc_id in golds:
        a = arts.get(doc_id)
        if a is not None:
            out[doc_id] = pipe(Document(id=doc_id, text=a["text"], date=a.get("date")))  # type: ignore[operator]
    return out


def cached_docs(name: str, arts: Articles, golds: Gold, refresh: bool = False, pipe: object | None = None) -> dict[str, object]:
    """``analyze_articles`` pickled under training/work/events/ (``refresh`` re-runs the pipeline):
    the cross-validation compares coder variants on the same analyses. Articles annotated since the
    cache was written are analysed and added to it."""
    import pickle

    path = ROOT / "training" / "work" / "events" / f"pre_{name}.pkl"
    docs: dict[str, object] = {}
    if path.exists() and not refresh:
        with path.open("rb") as f:
            docs = pickle.load(f)
        missing = {d: g for d, g in golds.items() if d not in docs and d in arts}
        if not missing:
            return docs
        golds = missing
    docs.update(analyze_articles(arts, golds, pipe))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        pickle.dump(docs, f, protocol=pickle.HIGHEST_PROTOCOL)
    return docs
