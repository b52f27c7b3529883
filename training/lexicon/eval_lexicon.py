"""Trigger-lexicon coverage on annotated articles (dev gold or silver): how many annotated triggers
the lexicon finds with the right type, and how many of its matches are annotated events.

    python training/lexicon/eval_lexicon.py [--set gold|silver] [--misses N] [--false N]

Recall: an annotated event counts as found when a lexicon match of the same type overlaps its
trigger (located in its sentence in the article body). Precision proxy: matches in the body that
overlap an annotated trigger of the same type (annotators code each (actor, type, recipient) once
per article, so repeated mentions count against precision: it is a lower bound).
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter, defaultdict
from pathlib import Path

from ahdath.events.lexicon import TriggerLexicon
from ahdath.events.status import status_of
from ahdath.language import analyze
from ahdath.model import Document

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("AHDATH_SHARED", ROOT / ".." / "shared"))
SETS = {
    "gold": ("data/gold/dev_articles.jsonl", "data/gold/dev_gold.jsonl"),
    "silver": ("data/silver/silver_articles.jsonl", "data/silver/silver_gold.jsonl"),
}


def locate(text: str, sentence: str, trigger: str) -> tuple[int, int] | None:
    s = text.find(sentence[:60]) if sentence else -1
    if s < 0:
        s = 0
    t = text.find(trigger, s)
    if t < 0:
        t = text.find(trigger)
    return None if t < 0 else (t, t + len(trigger))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", choices=sorted(SETS), default="gold")
    ap.add_argument("--misses", type=int, default=0, help="print this many missed triggers")
    ap.add_argument("--false", type=int, default=0, help="print this many unmatched lexicon hits")
    args = ap.parse_args()
    arts_path, gold_path = (SHARED / p for p in SETS[args.set])
    arts = {d["id"]: d for d in map(json.loads, arts_path.open(encoding="utf-8"))}
    lex = TriggerLexicon.load()
    found_t, total_t, found_any = Counter(), Counter(), Counter()
    status_ok = status_n = 0
    hits = hits_ok = 0
    misses: list[str] = []
    false: Counter[str] = Counter()
    for g in map(json.loads, gold_path.open(encoding="utf-8")):
        art = arts.get(g["docno"])
        if art is None:
            continue
        doc = analyze(Document(id=art["id"], text=art["text"]))
        matches = lex.match(doc)
        spans = defaultdict(list)
        for e in g["events"]:
            loc = locate(doc.text, e["sentence"], e["trigger"])
            total_t[e["type"]] += 1
            if loc is None:
                continue
            spans[e["type"]].append(loc)
            ov = [m for m in matches if m.start < loc[1] and loc[0] < m.end]
            if ov:
                found_any[e["type"]] += 1
            same = [m for m in ov if m.type == e["type"]]
            if same:
                found_t[e["type"]] += 1
                status_n += 1
                st, _ = status_of(doc, same[0].start_tok, same[0].end_tok, same[0].cue)
                status_ok += st == e["status"]
            else:
                misses.append(
                    f"{e['type']:9} {e.get('mode') or '':12} {e['trigger']}  <- {[(m.text, m.type) for m in ov]}"
                )
        for m in matches:
            hits += 1
            if any(a < m.end and m.start < b for a, b in spans[m.type]):
                hits_ok += 1
            else:
                false[f"{m.type:9} {m.cue}"] += 1
    print(f"{'type':10} {'gold':>5} {'found':>6} {'recall':>7} {'any-type':>9}")
    for t in sorted(total_t, key=lambda t: -total_t[t]):
        print(f"{t:10} {total_t[t]:5d} {found_t[t]:6d} {found_t[t] / total_t[t]:7.2f} {found_any[t] / total_t[t]:9.2f}")
    n, f = sum(total_t.values()), sum(found_t.values())
    print(f"{'ALL':10} {n:5d} {f:6d} {f / n:7.2f} {sum(found_any.values()) / n:9.2f}")
    print(
        f"lexicon matches: {hits}, overlapping an annotated trigger of that type: {hits_ok} ({hits_ok / max(hits, 1):.2f})"
    )
    print(f"status agreement on found triggers: {status_ok}/{status_n} ({status_ok / max(status_n, 1):.2f})")
    for line in misses[: args.misses]:
        print("MISS", line)
    for cue, c in false.most_common(args.false):
        print("HIT ", c, cue)


if __name__ == "__main__":
    main()
