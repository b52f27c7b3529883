"""Evaluate the Arabic -> Latin name transliteration model on the Wikidata slices.

    # dev: a model trained on the train slice only (tuning was done on these figures)
    .venv/bin/python training/translit/train.py --slices 64 --out training/work/translit/m64.npz
    .venv/bin/python training/translit/evaluate.py --model training/work/translit/m64.npz \
        --slices 16 --train-slices 64 --no-dictionary
    # test: the shipped model (trained on train+dev)
    .venv/bin/python training/translit/evaluate.py --slices 20 --no-dictionary

Metrics per slice (one line = one English name token; case-insensitive):
  exact      exact-match accuracy of the 1-best spelling (every line counts once)
  exact_w    the same weighted by the line's Wikidata count
  exact_ascii exact match after removing accents on both sides (Müller = Muller)
  top5       the reference is among the 5 best distinct spellings
  cer        character error rate (edit distance / reference length, summed over lines)
  unseen     exact on lines whose Arabic token does not occur in the training slices. The slices
             are split by English spelling, so a token seen in training always has a different
             reference spelling in dev/test and the memorized spelling is wrong by construction.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train import load_slice  # noqa: E402

from ahdath.actors.translit import Transliterator, to_ascii  # noqa: E402


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def evaluate(model: Transliterator, slice_name: str, train_slices: str, use_dictionary: bool, limit: int = 0) -> dict:
    pairs = load_slice(slice_name)
    if limit:
        pairs = pairs[:limit]
    seen = {ar for sl in train_slices.split(",") for _, ar, _ in load_slice(sl)}
    n = exact = exact_ascii = top5 = 0
    w_tot = w_exact = 0.0
    edits = chars = 0
    un_n = un_exact = 0
    t0 = time.perf_counter()
    for en, ar, count in pairs:
        if use_dictionary and ar in model.dictionary:
            hyps = [model.dictionary[ar]] + [h for h, _ in model.nbest(ar, n=5) if h != model.dictionary[ar]]
        else:
            hyps = [h for h, _ in model.nbest(ar, n=5)]
        best = hyps[0].lower() if hyps else ""
        ok = best == en
        n += 1
        exact += ok
        exact_ascii += to_ascii(best) == to_ascii(en)
        w_tot += count
        w_exact += count * ok
        top5 += en in [h.lower() for h in hyps[:5]]
        edits += edit_distance(best, en)
        chars += len(en)
        if ar not in seen:
            un_n += 1
            un_exact += ok
    secs = time.perf_counter() - t0
    return {
        "slice": slice_name,
        "n": n,
        "exact": round(exact / n, 4),
        "exact_w": round(w_exact / w_tot, 4),
        "exact_ascii": round(exact_ascii / n, 4),
        "top5": round(top5 / n, 4),
        "cer": round(edits / chars, 4),
        "unseen_n": un_n,
        "unseen_exact": round(un_exact / max(un_n, 1), 4),
        "ms_per_token": round(1000 * secs / n, 3),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=None, help="model file (default: the shipped model)")
    ap.add_argument("--slices", default="16,20", help="slices to evaluate (16 = dev, 20 = test)")
    ap.add_argument("--train-slices", default="64,16", help="slices the model was trained on (for 'unseen')")
    ap.add_argument("--no-dictionary", action="store_true", help="character model only")
    ap.add_argument("--beam", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    model = Transliterator.load(args.model)
    if args.beam:
        model.beam = args.beam
    for sl in args.slices.split(","):
        print(evaluate(model, sl, args.train_slices, not args.no_dictionary, args.limit), flush=True)


if __name__ == "__main__":
    main()
