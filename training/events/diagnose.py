"""Per-event diagnosis of the coder against gold: what was missed, what was found with wrong sides.

    python training/events/diagnose.py GOLD.jsonl PRED.jsonl [--doc ID]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ahdath.evaluate import event_match, load_jsonl, side_match


def _side(a: dict | None) -> str:
    if not a:
        return "-"
    return f"{a.get('text')}[{a.get('country') or ''}/{a.get('sector') or ''}]"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--doc")
    args = ap.parse_args()
    gold = load_jsonl(Path(args.gold), ("docno", "doc_id", "id"))
    pred = load_jsonl(Path(args.pred), ("doc_id", "docno", "id"))
    for doc, g in gold.items():
        if args.doc and doc != args.doc:
            continue
        pe = (pred.get(doc) or {}).get("events", [])
        print(f"=== {doc}  gold={len(g['events'])} pred={len(pe)}")
        used = set()
        for ge in g["events"]:
            dy = [i for i, p in enumerate(pe) if event_match(p, ge, "dyad")]
            tr = [i for i, p in enumerate(pe) if event_match(p, ge, "trigger")]
            mark = "OK " if dy else ("TRG" if tr else "MISS")
            print(f" {mark} {ge['type']:9s} «{ge['trigger']}» {_side(ge['actor'])} -> {_side(ge['recipient'])}")
            if not dy and tr:
                p = pe[tr[0]]
                a_ok = side_match(p.get("actor"), ge.get("actor"))
                r_ok = side_match(p.get("recipient"), ge.get("recipient"))
                print(f"        got {_side(p['actor'])}{'' if a_ok else ' (X)'} -> {_side(p['recipient'])}{'' if r_ok else ' (X)'}  | {p.get('reason', '')[:90]}")
            used.update(dy or tr[:1])
        for i, p in enumerate(pe):
            if i not in used and not any(event_match(p, ge, "dyad") for ge in g["events"]):
                print(f"  FP {p['type']:9s} «{p['trigger']['text']}» {_side(p['actor'])} -> {_side(p['recipient'])} | {p.get('reason', '')[:80]}")


if __name__ == "__main__":
    main()
