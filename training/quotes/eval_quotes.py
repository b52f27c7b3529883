"""Run the quote layer on the gold dev (or silver) articles and print the scorer's output.

usage: python training/quotes/eval_quotes.py [--set dev|silver] [--out PRED.jsonl] [--show]

Pipeline: ahdath.language.analyze -> NER and the actor resolver when they are importable ->
QuoteExtractor (with attribution). Reads the shared data via AHDATH_SHARED or ../shared.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ahdath.language import analyze
from ahdath.model import Actor, Document
from ahdath.quotes import QuoteExtractor, reported_by

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("AHDATH_SHARED", ROOT / ".." / "shared")).resolve()
SETS = {
    "dev": ("data/gold/dev_articles.jsonl", "data/gold/dev_gold.jsonl"),
    "silver": ("data/silver/silver_articles.jsonl", "data/silver/silver_gold.jsonl"),
}


def actor_layer() -> tuple[list[Callable[[Document], Document]], Any]:
    """The NER and actor components when they exist (else empty), and the resolver."""
    steps: list[Callable[[Document], Document]] = []
    resolver = None
    try:
        from ahdath.ner.tagger import NERTagger

        steps.append(NERTagger.load())
    except Exception as e:  # the model may not be built yet
        print(f"[eval] NER unavailable: {e}", file=sys.stderr)
    try:
        import ahdath.actors.resolve as resolve_mod  # type: ignore[import-not-found]
        from ahdath.actors.resolve import ActorResolver  # type: ignore[import-not-found]

        try:
            from ahdath.actors.translit import Transliterator

            Transliterator.load()
        except Exception as e:  # the transliteration model is not built here: resolve without it
            print(
                f"[eval] transliterator unavailable ({type(e).__name__}); unknown names stay unnamed", file=sys.stderr
            )
            resolve_mod._translit = lambda: None

        resolver = ActorResolver.load()
        steps.append(resolver)
    except Exception as e:
        print(f"[eval] actor resolver unavailable: {e}", file=sys.stderr)
    return steps, resolver


def speaker_dict(doc: Document, a: Actor | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"text": a.text, "name": a.name, "country": a.country, "sector": a.sector}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="dev", choices=sorted(SETS))
    ap.add_argument("--out", default=str(ROOT / "training" / "work" / "quotes_pred.jsonl"))
    ap.add_argument("--show", action="store_true", help="print each article's quotes")
    ap.add_argument("--no-actors", action="store_true", help="skip NER and the resolver")
    ap.add_argument("--pipeline-style", action="store_true", help="QuoteExtractor without the resolver handle")
    args = ap.parse_args()
    arts_path, gold_path = (SHARED / p for p in SETS[args.set])
    steps, resolver = ([], None) if args.no_actors else actor_layer()
    quotes = QuoteExtractor.load(resolver=None if args.pipeline_style else resolver)
    gold = {}
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            g = json.loads(line)
            gold[g["docno"]] = g
    rb = [0, 0, 0, 0]  # agree, events, gold non-null, gold non-null found
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(arts_path, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as w:
        for line in f:
            art = json.loads(line)
            doc = Document(id=art["id"], text=art["text"], title=art.get("title"), date=art.get("date"))
            analyze(doc)
            for step in list(steps):
                try:
                    doc = step(doc)
                except Exception as e:  # a layer still under construction: this article goes on without it
                    print(f"[eval] {doc.id}: {type(step).__name__} failed ({type(e).__name__}: {e})", file=sys.stderr)
                    doc.actors = []
            doc = quotes(doc)
            for e in gold.get(doc.id, {}).get("events", []):
                at = doc.text.find(e["sentence"][:30])
                if at < 0:
                    continue
                trig = doc.text.find(e["trigger"], at)
                pred_rb, gold_rb = reported_by(doc, trig if trig >= 0 else at), e.get("reported_by")
                same = pred_rb == gold_rb or bool(
                    pred_rb and gold_rb and (pred_rb.lower() in gold_rb.lower() or gold_rb.lower() in pred_rb.lower())
                )
                rb[0] += same
                rb[1] += 1
                rb[2] += bool(gold_rb)
                rb[3] += bool(gold_rb) and same
            qs = [
                {
                    "speaker": speaker_dict(doc, q.speaker),
                    "cue": q.cue.text,
                    "text": q.text,
                    "direct": q.direct,
                    "reported_by": q.reported_by,
                }
                for q in doc.quotes
            ]
            if args.show:
                print("=====", doc.id)
                for q in qs:
                    sp = q["speaker"] or {}
                    print(
                        f"  [{q['cue']}] {sp.get('text')} ({sp.get('name')}) d={q['direct']} rb={q['reported_by']} | {q['text'][:70]}"
                    )
            w.write(json.dumps({"doc_id": doc.id, "events": [], "quotes": qs}, ensure_ascii=False) + "\n")
    score = SHARED / "eval" / "score_events.py"
    res = subprocess.run([sys.executable, str(score), str(gold_path), str(out)], capture_output=True, text=True)
    print(res.stdout.strip() or res.stderr.strip())
    if rb[1]:
        print(
            f"reported_by agreement over gold events {rb[0] / rb[1]:.3f} (n={rb[1]}); "
            f"gold agencies found {rb[3]}/{rb[2]}"
        )


if __name__ == "__main__":
    main()
