"""Score the actor resolver alone on annotated sides: country / sector agreement.

For every actor/recipient in an annotation file whose ``text`` occurs in the article, the resolver's
``resolve_span`` over that occurrence (then ``canonical``) is compared with the annotated country and
sector (counted only where the annotation gives one, as in ../shared/eval/score_events.py). Prints
accuracies and, with ``-v``, the misses.

Sets: ``gold`` (../shared dev gold), ``silver`` (../shared silver), ``extra`` (the annotations written
for ahdath, ``training/data/silver_extra_*.jsonl``, with texts from ../shared ANT news by id) and
``all`` (each of them in turn). By default the NER runs first (as in the default pipeline: the
resolver reads ``doc.entities``); ``--no-ner`` runs the language layer only.

usage: python training/actors/eval_actors.py [gold|silver|extra|all] [-v] [--no-ner]
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from ahdath.actors.resolve import ActorResolver
from ahdath.language import analyze
from ahdath.model import Document

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("AHDATH_SHARED", ROOT / ".." / "shared"))
SETS = {"gold": ("data/gold/dev_articles.jsonl", "data/gold/dev_gold.jsonl"),
        "silver": ("data/silver/silver_articles.jsonl", "data/silver/silver_gold.jsonl"),
        "extra": ("data/ant_news/ant_news.jsonl.xz", "")}


def _annotations(name: str) -> list[dict]:
    if name == "extra":
        files = sorted((ROOT / "training" / "data").glob("silver_extra_*.jsonl"))
    else:
        files = [SHARED / SETS[name][1]]
    return [json.loads(line) for p in files for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def _articles(name: str, wanted: set[str]) -> dict[str, dict]:
    p = SHARED / SETS[name][0]
    opener = lzma.open if p.suffix == ".xz" else open
    out: dict[str, dict] = {}
    with opener(p, "rt", encoding="utf-8") as f:
        for line in f:
            if not wanted - out.keys():
                break
            a = json.loads(line)
            if a["id"] in wanted:
                out[a["id"]] = a
    return out


def _sides(g: dict) -> Iterator[dict]:
    seen = set()
    for ev in g.get("events") or []:
        for side in ("actor", "recipient"):
            s = ev.get(side)
            if not s or not s.get("text"):
                continue
            key = (s["text"], s.get("country"), s.get("sector"))
            if key not in seen:
                seen.add(key)
                yield s


def evaluate(name: str, resolver: ActorResolver, ner: Callable[[Document], Document] | None,
             verbose: bool = False) -> dict[str, float]:
    gold = _annotations(name)
    arts = _articles(name, {g["docno"] for g in gold})
    hits: Counter[str] = Counter()
    misses: list[str] = []
    for g in gold:
        a = arts.get(g["docno"])
        if not a:
            hits["no_article"] += 1
            continue
        doc = Document(id=a["id"], text=a["text"], date=a.get("date"))
        analyze(doc)
        if ner is not None:
            ner(doc)
        resolver(doc)
        for s in _sides(g):
            m = re.search(rf"(?<!\w){re.escape(s['text'])}(?!\w)", doc.text)
            pos = m.start() if m else doc.text.find(s["text"])
            if pos < 0:
                hits["not_in_text"] += 1
                continue
            act = resolver.resolve_span(doc, pos, pos + len(s["text"]))
            if act is not None:
                act = resolver.canonical(doc, act)
            hits["sides"] += 1
            hits["found"] += act is not None
            for k in ("country", "sector"):
                if s.get(k):
                    hits[f"{k}_n"] += 1
                    ok = act is not None and (getattr(act, k) or "") == s[k]
                    hits[f"{k}_ok"] += ok
                    if not ok:
                        misses.append(f"{k}: {s['text']!r} gold={s[k]} got="
                                      f"{(act.text, act.country, act.sector, act.reason) if act else None}"
                                      f"  [{g['docno']}]")
    print(f"{name}: sides {hits['sides']} (not in text {hits['not_in_text']}), found {hits['found']}")
    out: dict[str, float] = {}
    for k in ("country", "sector"):
        n = hits[f"{k}_n"]
        if n:
            out[k] = hits[f"{k}_ok"] / n
        print(f"  {k} accuracy {hits[f'{k}_ok'] / n:.3f} (n={n})" if n else f"  {k}: n=0")
    if verbose:
        print("\n".join(misses))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("set", nargs="?", default="gold", choices=[*sorted(SETS), "all"])
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--no-ner", action="store_true", help="language layer only (no doc.entities)")
    args = ap.parse_args()
    resolver = ActorResolver.load()
    ner = None
    if not args.no_ner:
        from ahdath.ner import NERTagger

        ner = NERTagger.load()
    for name in (sorted(SETS) if args.set == "all" else [args.set]):
        evaluate(name, resolver, ner, args.verbose)


if __name__ == "__main__":
    main()
