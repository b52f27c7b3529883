"""Sentence-level ASSAULT / PROTEST detection with the trigger lexicon alone, on the dev half of
arabic_event_gsr (label yes = positive; easy no / difficult no = negative; ambiguous left out).

    python training/lexicon/eval_gsr.py [--min-weight 0.5] [--sweep]

A sentence is positive when the lexicon finds a trigger of that type with weight >= the threshold
whose status is asserted (or any status with --any-status).
"""

from __future__ import annotations

import argparse
import csv
import os
from pathlib import Path

from ahdath.events.lexicon import TriggerLexicon
from ahdath.events.status import status_of
from ahdath.language import analyze
from ahdath.model import Document

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("AHDATH_SHARED", ROOT / ".." / "shared"))


def scores(lex: TriggerLexicon, ptype: str, rows: list[tuple[str, bool]], threshold: float, any_status: bool):
    tp = fp = fn = 0
    for text, gold in rows:
        doc = analyze(Document(id="s", text=text))
        pred = False
        for m in lex.match(doc):
            if (
                m.type == ptype
                and m.weight >= threshold
                and (any_status or status_of(doc, m.start_tok, m.end_tok, m.cue)[0] == "asserted")
            ):
                pred = True
                break
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--min-weight", type=float, default=0.5)
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--any-status", action="store_true")
    args = ap.parse_args()
    lex = TriggerLexicon.load()
    for ptype, name in (("ASSAULT", "assault_gsr.csv"), ("PROTEST", "protest_gsr.csv")):
        rows = []
        with (SHARED / "data" / "arabic_event_gsr" / name).open(encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["label"] in ("yes", "easy no", "difficult no"):
                    rows.append((r["text"], r["label"] == "yes"))
        for t in [x / 10 for x in range(1, 10)] if args.sweep else [args.min_weight]:
            p, r, f1 = scores(lex, ptype, rows, t, args.any_status)
            print(f"{ptype:8} n={len(rows)} pos={sum(g for _, g in rows)} w>={t:.1f}  P={p:.2f} R={r:.2f} F1={f1:.2f}")


if __name__ == "__main__":
    main()
