"""Score the default pipeline on the annotations written for ahdath (training/data/silver_extra_*.jsonl).

    python training/quotes/eval_extra.py [--shared ../shared] [--batches abcdefgh] [--groups abcde,fgh]
                                         [--quotes-only] [--cache] [--errors N]

Single-annotator annotations of ANT articles: the event models train on them (so event figures
here are optimistic), the quote layer was tuned on batches a-e only (f-h are its never-tuned check).

- ``--batches``: only these batch letters (``silver_extra_<letter>.jsonl``); default: every file.
- ``--groups``: also print the quote score of each group of batches (``abcde,fgh``).
- ``--quotes-only``: run the pipeline up to quotes (language, ner, actors, quotes) and print the quote
  line only (the quote score is the same as with the full pipeline).
- ``--cache``: keep the documents before the quote layer in ``training/work/quotes/`` and reuse them
  (implies ``--quotes-only``; the quote layer is re-run on every call, so its changes show at once).
- ``--errors N``: print up to N examples of each error category (see ``quote_errors.py``).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "training" / "events"))
sys.path.insert(0, str(ROOT / "training" / "quotes"))

from event_sets import ant_articles, read_jsonl  # noqa: E402
from quote_errors import categorize, print_errors  # noqa: E402

import ahdath  # noqa: E402
from ahdath.evaluate import format_report, max_matching, prf, quote_match, score  # noqa: E402
from ahdath.model import Document  # noqa: E402

PRE_QUOTES = ("language", "ner", "actors")


def batch_files(batches: str | None) -> dict[str, Path]:
    files = sorted((ROOT / "training" / "data").glob("silver_extra_*.jsonl"))
    out = {p.stem.removeprefix("silver_extra_"): p for p in files}
    return {k: p for k, p in out.items() if batches is None or k in batches}


def pre_quote_docs(arts: dict[str, dict], ids: list[str], cache: bool) -> dict[str, Document]:
    """Documents after language, NER and actors (pickled under training/work/quotes/ with ``cache``)."""
    key = hashlib.sha1(",".join(sorted(ids)).encode()).hexdigest()[:12]
    path = ROOT / "training" / "work" / "quotes" / f"pre_extra_{key}.pkl"
    if cache and path.exists():
        with path.open("rb") as f:
            return pickle.load(f)
    pipe = ahdath.load(components=PRE_QUOTES)
    docs = {k: pipe(Document(id=k, text=arts[k]["text"], date=arts[k].get("date"))) for k in ids if k in arts}
    if cache:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            pickle.dump(docs, f, protocol=pickle.HIGHEST_PROTOCOL)
    return docs


def quote_line(gold: dict[str, dict], pred: dict[str, dict], ids: list[str]) -> str:
    tp = n_p = n_g = 0
    for k in ids:
        pq, gq = (pred.get(k) or {}).get("quotes", []), gold[k].get("quotes", [])
        n_p, n_g = n_p + len(pq), n_g + len(gq)
        tp += max_matching(pq, gq, quote_match)
    x = prf(tp, n_p, n_g)
    return f"quotes   P={x['precision']:.3f} R={x['recall']:.3f} F1={x['f1']:.3f}  (tp={tp} pred={n_p} gold={n_g})"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--batches", default=None, help="batch letters to read, e.g. abcdefgh (default: all files)")
    ap.add_argument("--groups", default=None, help="comma-separated batch groups to score apart, e.g. abcde,fgh")
    ap.add_argument("--quotes-only", action="store_true", help="run the pipeline up to quotes, score quotes only")
    ap.add_argument("--cache", action="store_true", help="reuse the documents before the quote layer")
    ap.add_argument("--errors", type=int, default=0, help="print up to N examples per error category")
    args = ap.parse_args()
    files = batch_files(args.batches)
    gold: dict[str, dict] = {}
    batch_of: dict[str, str] = {}
    for b, p in files.items():
        g = read_jsonl(p, "docno")
        gold.update(g)
        batch_of.update(dict.fromkeys(g, b))
    arts = ant_articles(Path(args.shared), set(gold))
    ids = sorted(k for k in gold if k in arts)
    print(f"{len(gold)} articles (batches {''.join(files)})")
    if args.quotes_only or args.cache:
        from ahdath.quotes import QuoteExtractor

        pre = pre_quote_docs(arts, ids, args.cache)
        resolver = None
        try:
            from ahdath.actors.resolve import ActorResolver

            resolver = ActorResolver.load()
        except Exception as e:  # the actor layer may be missing
            print(f"[eval] actor resolver unavailable: {e}", file=sys.stderr)
        quotes = QuoteExtractor.load(resolver=resolver)
        copies = {k: copy.deepcopy(d) for k, d in pre.items()}
        t0 = time.process_time()
        docs = {k: quotes(d) for k, d in copies.items()}
        print(f"quote layer CPU time: {time.process_time() - t0:.2f} s for {len(docs)} articles", file=sys.stderr)
        pred = {k: d.to_dict() for k, d in docs.items()}
        print(quote_line(gold, pred, ids))
    else:
        pipe = ahdath.load()
        docs = {k: pipe(Document(id=k, text=arts[k]["text"], date=arts[k].get("date"))) for k in ids}
        pred = {k: d.to_dict() for k, d in docs.items()}
        print(format_report(score({k: gold[k] for k in ids}, pred)))
    if args.groups:
        for grp in args.groups.split(","):
            sub = [k for k in ids if batch_of[k] in grp]
            print(f"[{grp}] {len(sub)} articles: {quote_line(gold, pred, sub)}")
    if args.errors:
        print_errors(categorize(gold, docs, ids), args.errors)


if __name__ == "__main__":
    main()
