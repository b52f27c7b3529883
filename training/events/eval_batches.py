"""Code and score annotated batches with the models as they are (``ahdath eval events`` on them).

For articles no model has trained on yet: run this on new batches *before* retraining, and the figures
are honest unseen-data figures (docs/benchmarks.md, "Unseen articles"). After retraining on them they
are training-set figures and mean little.

    python training/events/eval_batches.py bz,ca,cb            # comma-separated batch names (event_sets.batch_names)
    python training/events/eval_batches.py bz,ca --keep /tmp/x  # also keep the gold and article JSONL
    python training/events/eval_batches.py fb-fq                # a held-out group (event_sets.HELD_OUT_GROUPS)

An article whose text is also annotated in another batch (ant_news holds some stories twice, under a
middleEast and an internationalNews id) is left out unless ``--all``: a model may have trained on its copy.

Needs ``../shared`` (or ``$AHDATH_SHARED``) for the ant_news texts.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import event_sets

from ahdath.evaluate import evaluate_events, format_report


def training_copies(names: list[str], shared: Path, arts: dict[str, dict]) -> set[str]:
    """The articles of ``arts`` whose text (``event_sets.text_key``) is also an annotated article outside the
    scored batches: the same story under another id, which a model may have trained on."""
    silver = event_sets.read_jsonl(shared / "data/silver/silver_articles.jsonl", "id")
    others: set[str] = set(silver)
    for path in (event_sets.ROOT / "training" / "data").glob("silver_extra_*.jsonl"):
        if path.stem.removeprefix("silver_extra_") not in names:
            others |= set(event_sets.read_jsonl(path, "docno"))
    texts = event_sets.ant_articles(shared, others - set(arts))
    texts.update(silver)
    keys = {event_sets.text_key(a["text"]) for a in texts.values()}
    return {d for d, a in arts.items() if event_sets.text_key(a["text"]) in keys}


def batch_set(names: list[str] | tuple[str, ...], shared: Path, all_articles: bool = False) -> tuple[dict[str, dict], dict[str, dict]]:
    """(gold by docno, ant_news articles by id) of the batches; unless ``all_articles``, without the articles that
    have a copy among the other annotated articles."""
    gold: dict[str, dict] = {}
    for n in names:
        path = event_sets.ROOT / "training" / "data" / f"silver_extra_{n}.jsonl"
        if not path.is_file():
            sys.exit(f"no batch file {path}")
        gold.update(event_sets.read_jsonl(path, "docno"))
    arts = event_sets.ant_articles(shared, set(gold))
    if not all_articles:
        copies = training_copies(list(names), shared, arts)
        print(f"{len(copies)} of {len(gold)} articles left out: the same text is annotated in another batch", file=sys.stderr)
        gold = {d: g for d, g in gold.items() if d not in copies}
    return gold, arts


def write_set(names: list[str], shared: Path, out: Path, all_articles: bool = False) -> tuple[Path, Path, int]:
    """Gold (``{"docno", "events", "quotes"}``) and article (``{"id", "text", "title", "date"}``) JSONL of the
    batches (``batch_set``), and their number of articles."""
    gold, arts = batch_set(names, shared, all_articles)
    out.mkdir(parents=True, exist_ok=True)
    gold_path, art_path = out / "gold.jsonl", out / "articles.jsonl"
    with gold_path.open("w", encoding="utf-8") as f:
        for g in gold.values():
            f.write(json.dumps(g, ensure_ascii=False) + "\n")
    with art_path.open("w", encoding="utf-8") as f:
        for d in gold:
            a = arts[d]
            f.write(json.dumps({k: a.get(k) for k in ("id", "text", "title", "date")}, ensure_ascii=False) + "\n")
    return gold_path, art_path, len(gold)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("batches", help="comma-separated batch names (training/data/silver_extra_NAME.jsonl), one name, or a held-out group (fb-fq, hp-ie)")
    ap.add_argument("--shared", default=os.environ.get("AHDATH_SHARED", str(event_sets.ROOT.parent / "shared")))
    ap.add_argument("--keep", help="write the gold and article JSONL to this folder (else a temporary one)")
    ap.add_argument("--all", action="store_true", help="also score articles whose text is annotated in another batch")
    args = ap.parse_args()
    shared = Path(args.shared)
    if not (shared / "data" / "ant_news" / "ant_news.jsonl.xz").is_file():
        print(f"ant_news not found under {shared}: nothing to score", file=sys.stderr)
        return
    names = sorted(event_sets.batch_names(args.batches))
    with tempfile.TemporaryDirectory() as tmp:
        gold, arts, n = write_set(names, shared, Path(args.keep or tmp), args.all)
        print(f"{n} articles (batches {','.join(names)})")
        print(format_report(evaluate_events(gold, arts)))


if __name__ == "__main__":
    main()
