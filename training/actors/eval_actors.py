"""Score the actor resolver alone on annotated sides: country / sector / name agreement.

For every actor/recipient in a gold file whose ``text`` occurs in the article, the resolver's
``resolve_span`` over that occurrence (then ``canonical``) is compared with the gold country and sector
(counted only where gold gives one, as in ../shared/eval/score_events.py). Prints accuracies and, with
``-v``, the misses.

usage: python training/actors/eval_actors.py [gold|silver] [-v]
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections import Counter
from pathlib import Path

from ahdath.actors.resolve import ActorResolver
from ahdath.language import analyze
from ahdath.model import Document

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("AHDATH_SHARED", ROOT / ".." / "shared"))
SETS = {"gold": ("data/gold/dev_articles.jsonl", "data/gold/dev_gold.jsonl"),
        "silver": ("data/silver/silver_articles.jsonl", "data/silver/silver_gold.jsonl")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("set", nargs="?", default="gold", choices=sorted(SETS))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    arts_p, gold_p = (SHARED / p for p in SETS[args.set])
    arts = {}
    for line in arts_p.read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        arts[a["id"]] = a
    resolver = ActorResolver.load()
    hits: Counter[str] = Counter()
    misses: list[str] = []
    for line in gold_p.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        a = arts.get(g["docno"])
        if not a:
            continue
        doc = Document(id=a["id"], text=a["text"], date=a.get("date"))
        analyze(doc)
        resolver(doc)
        seen = set()
        for ev in g["events"]:
            for side in ("actor", "recipient"):
                s = ev.get(side)
                if not s or not s.get("text"):
                    continue
                key = (s["text"], s.get("country"), s.get("sector"))
                if key in seen:
                    continue
                seen.add(key)
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
                                          f"{(act.text, act.country, act.sector, act.reason) if act else None}")
    print(f"{args.set}: sides {hits['sides']} (not in text {hits['not_in_text']}), found {hits['found']}")
    for k in ("country", "sector"):
        n = hits[f"{k}_n"]
        print(f"  {k} accuracy {hits[f'{k}_ok'] / n:.3f} (n={n})" if n else f"  {k}: n=0")
    if args.verbose:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
