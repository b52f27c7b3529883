"""Where gold events are lost: a breakdown of the coder's misses at the trigger level.

    cd training/events && ../../.venv/bin/python miss_report.py GOLD.jsonl ARTICLES.jsonl PRED.jsonl

PRED is ``ahdath code ARTICLES -o PRED`` (the shipped models); ``--show KIND`` (e.g. ``--show "no cue"``) also
lists the gold events of one kind. Each gold event is one of: found (a coded event of its type matches it, as the
scorer's trigger level); ``other type`` (a coded event of another type covers it); ``no cue`` (no lexicon cue
overlaps its trigger); ``cue of another type``; ``cue dropped`` (a cue of its type overlaps it, and the row after
it says where the coder let it go: the type model's confidence under ``MIN_CONFIDENCE``, re-typed, the
ASSAULT/PROTEST sentence gate, the event filter, or the one record per actor, type and recipient); ``unaligned``
(its trigger is not found in the article). Then, over the events found, how often both sides match, only one, or
none (the scorer's ``side_match``).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import data as D
from event_sets import analyze_articles

from ahdath.evaluate import event_match, load_jsonl, side_match
from ahdath.events.arguments import MentionIndex
from ahdath.events.coder import Decision, EventCoder
from ahdath.events.lexicon import TriggerMatch
from ahdath.model import Document


def drop_reason(
    coder: EventCoder, doc: Document, idx: MentionIndex, m: TriggerMatch, decisions: dict[tuple[int, int], Decision]
) -> str:
    sent = doc.sentences[doc.tokens[m.start_tok].sent]
    event_type, *_ = coder._decide_type(doc, sent, m)
    if event_type is None:
        return "type model under MIN_CONFIDENCE"
    if event_type != m.type:
        return "re-typed"
    d = decisions.get((m.start_tok, m.end_tok))
    if d is None:
        if not coder._model_sides(doc, idx, sent, m, event_type, None).actors:
            return "no actor"
        if not coder._sentence_agrees(doc, sent, event_type, m.weight)[0]:
            return "sentence gate"
        return "other (restated demand, status)"
    if coder.event_model is not None and coder.event_model.score(d.features, "event") < coder.event_model.thresholds["event"]:
        return "event filter"
    return "one record per dyad" if d.type == m.type else "re-typed (threat, praise)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", type=Path)
    ap.add_argument("articles", type=Path)
    ap.add_argument("pred", type=Path)
    ap.add_argument("--show", metavar="KIND", help="also print the gold events of this kind (e.g. 'no cue'): type, trigger, docno")
    args = ap.parse_args()
    gold = load_jsonl(args.gold, ("docno", "doc_id", "id"))
    pred = load_jsonl(args.pred, ("doc_id", "docno", "id"))
    arts = {}
    for line in args.articles.read_text(encoding="utf-8").splitlines():
        if line.strip():
            a = json.loads(line)
            arts[a["id"]] = a
    coder = EventCoder.load()
    docs = analyze_articles(arts, gold)  # the runtime pipeline up to events, as the coder sees each article
    where, dropped, sides = Counter(), Counter(), Counter()
    for art in D.annotated({k: arts[k] for k in docs}, gold):  # gold triggers located (character offsets)
        g, pe = gold[art.doc.id], (pred.get(art.doc.id) or {}).get("events", [])
        doc = docs[art.doc.id]
        idx = MentionIndex(doc)
        matches = coder.matches(doc, idx)
        decisions = {(d.match.start_tok, d.match.end_tok): d for d in coder.triggers(doc)}
        for q, ge in zip(g["events"], art.events, strict=True):
            found = [p for p in pe if event_match(p, q, "trigger")]
            if found:
                kind = "found"
                best = max(found, key=lambda p: side_match(p.get("actor"), q.get("actor")) + side_match(p.get("recipient"), q.get("recipient")))
                a, r = side_match(best.get("actor"), q.get("actor")), side_match(best.get("recipient"), q.get("recipient"))
                sides["both right" if a and r else "actor only" if a else "recipient only" if r else "neither"] += 1
            elif any(event_match(dict(p, type=q["type"]), q, "trigger") for p in pe):
                kind = "other type"
            elif ge.sent < 0:
                kind = "unaligned"
            else:
                cues = [m for m in matches if m.start < ge.end and m.end > ge.start]
                same = [m for m in cues if m.type == q["type"]]
                kind = "cue dropped" if same else "cue of another type" if cues else "no cue"
                if same:
                    dropped[drop_reason(coder, doc, idx, same[0], decisions)] += 1
            where[kind] += 1
            if kind == args.show:
                print(f"{kind}\t{q['type']}\t{q['trigger']}\t{art.doc.id}")
    n = sum(where.values())
    print(f"{n} gold events")
    for k, v in where.most_common():
        print(f"  {k:24s} {v:6d}  {v / n:.3f}")
    for k, v in dropped.most_common():
        print(f"      cue dropped: {k:34s} {v:5d}")
    m = sum(sides.values())
    print(f"sides of the {m} found:")
    for k, v in sides.most_common():
        print(f"  {k:24s} {v:6d}  {v / max(m, 1):.3f}")


if __name__ == "__main__":
    main()
