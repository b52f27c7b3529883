"""Lexicon review: the mode each trigger cue gives against the mode the annotators gave its events.

For every training event whose trigger a lexicon cue of the same type covers, count the annotated mode per
(type, cue, lexicon mode); print the cues whose annotations mostly give another mode. The lexicon's mode
overrules the mode model, so a cue with the wrong mode costs full-F1 wherever it fires. Held-out and dev
articles are not read (``event_sets.training_set``).

    python training/events/cue_modes.py [--min-n 6] [--min-share 0.5]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import data as D  # noqa: E402
from event_sets import analyze_articles, training_set  # noqa: E402

from ahdath.events.arguments import MentionIndex  # noqa: E402
from ahdath.events.coder import EventCoder  # noqa: E402

SHARED = Path(__file__).resolve().parents[3] / "shared"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-n", type=int, default=6, help="events a cue needs to be listed")
    ap.add_argument("--min-share", type=float, default=0.5, help="share of the annotated majority mode")
    ap.add_argument("--shared", type=Path, default=SHARED)
    args = ap.parse_args()
    arts, gold = training_set(args.shared)
    coder = EventCoder.load()
    docs = analyze_articles(arts, gold)
    rows: dict[tuple[str, str, str | None], Counter[str | None]] = defaultdict(Counter)
    for art in D.annotated({k: arts[k] for k in docs}, gold):
        doc = docs[art.doc.id]
        matches = coder.matches(doc, MentionIndex(doc))
        for q, ge in zip(gold[art.doc.id]["events"], art.events, strict=True):
            if ge.sent < 0:
                continue
            m = next((m for m in matches if m.start < ge.end and m.end > ge.start and m.type == q["type"]), None)
            if m is not None:
                rows[(q["type"], m.cue, m.mode)][q.get("mode")] += 1
    print("type\tcue\tlexicon mode\tannotated majority\tshare\tn\tall")
    out = []
    for (etype, cue, mode), c in rows.items():
        n = sum(c.values())
        best, k = c.most_common(1)[0]
        if n >= args.min_n and best is not None and best != mode and k / n >= args.min_share:
            out.append((n, f"{etype}\t{cue}\t{mode or '-'}\t{best}\t{k / n:.2f}\t{n}\t{dict(c)}"))
    for _, line in sorted(out, reverse=True):
        print(line)


if __name__ == "__main__":
    main()
