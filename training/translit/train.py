"""Train the Arabic -> Latin name transliteration model shipped in ahdath.actors.

Data: ../shared/data/wikidata_translit_ar (Merhav & Ash 2018, Wikidata labels, CC0), lines
``english<TAB>space-separated Arabic letters<TAB>count``; slices 64/16/20 = train/dev/test.

Steps: (1) many-to-many EM alignment of Arabic letters (chunks of 1-2) to Latin letters
(chunks of 0-3); (2) Viterbi alignment -> graphone sequences; (3) interpolated Kneser-Ney n-gram
over graphones, stored in backoff form; (4) a dictionary of frequent tokens (most frequent English
spelling per Arabic token).

    .venv/bin/python training/translit/train.py                      # shipped model (train+dev)
    .venv/bin/python training/translit/train.py --slices 64 --out training/work/translit/m64.npz
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

from ahdath.actors.translit import (  # noqa: E402
    MODEL_FORMAT,
    MODEL_PATH,
    Automaton,
    Transliterator,
    has_arabic,
    normalize_token,
    to_ascii,
)


def shared_dir() -> Path:
    env = os.environ.get("AHDATH_SHARED")
    return Path(env) if env else (REPO / ".." / "shared").resolve()


def data_dir() -> Path:
    return shared_dir() / "data" / "wikidata_translit_ar"


Pair = tuple[str, str, int]  # (english lower-case, normalized Arabic token, count)


def clean_english(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip().lower())


def load_slice(name: str) -> list[Pair]:
    """Pairs of one slice ("64", "16", "20", "80"), unfiltered (evaluation uses every line)."""
    path = data_dir() / f"wd_arabic_{name}"
    pairs: list[Pair] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            count = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 1
            pairs.append((clean_english(parts[0]), normalize_token(parts[1].replace(" ", "")), count))
    return pairs


def usable(pair: Pair) -> bool:
    """Training filter: letters only on both sides and a plausible length ratio."""
    en, ar, _ = pair
    if not en or not ar or not all(ch.isalpha() or ch in "'-." for ch in en):
        return False
    if not all(has_arabic(ch) and unicodedata.category(ch).startswith("L") for ch in ar):
        return False
    return len(en) <= 3 * len(ar) + 2 and len(ar) <= 2 * len(en) + 1


ARTICLE = "ال"


def strip_article(pair: Pair) -> Pair:
    """Drop the Arabic article (and a Latin al-/el-) so the model learns the bare name.

    At run time the article is handled by the name rules (النخالة -> al- + Nakhalah).
    """
    en, ar, c = pair
    if not ar.startswith(ARTICLE) or len(ar) < len(ARTICLE) + 3:
        return pair
    for latin in ("al-", "el-", "al ", "el ", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-"):
        if en.startswith(latin) and len(en) > len(latin) + 1:
            return en[len(latin) :], ar[len(ARTICLE) :], c
    if en.startswith(("al", "el")):
        return pair  # ambiguous (albion, elkhedr): keep as written
    return en, ar[len(ARTICLE) :], c


# ---------------------------------------------------------------------------------------------
# Alignment (m2m-aligner style EM)
# ---------------------------------------------------------------------------------------------
MAX_AR, MAX_EN = 2, 3


def _steps() -> list[tuple[int, int]]:
    return [(da, de) for da in range(1, MAX_AR + 1) for de in range(0, MAX_EN + 1) if not (da > 1 and de == 0)]


def em_align(data: list[tuple[str, str, float]], iterations: int) -> dict[tuple[str, str], float]:
    """Graphone probabilities p(ar_chunk, en_chunk) by EM over all monotone segmentations."""
    steps = _steps()
    prob: dict[tuple[str, str], float] = defaultdict(lambda: 1.0)
    for it in range(iterations):
        t0 = time.time()
        counts: dict[tuple[str, str], float] = defaultdict(float)
        total_ll = 0.0
        for en, ar, w in data:
            la, le = len(ar), len(en)
            alpha = [[0.0] * (le + 1) for _ in range(la + 1)]
            alpha[0][0] = 1.0
            for i in range(1, la + 1):
                row = alpha[i]
                for j in range(le + 1):
                    s = 0.0
                    for da, de in steps:
                        if da <= i and de <= j:
                            a = alpha[i - da][j - de]
                            if a:
                                s += a * prob[(ar[i - da : i], en[j - de : j])]
                    row[j] = s
            z = alpha[la][le]
            if z <= 0.0:
                continue
            total_ll += w * math.log(z)
            beta = [[0.0] * (le + 1) for _ in range(la + 1)]
            beta[la][le] = 1.0
            for i in range(la - 1, -1, -1):
                for j in range(le, -1, -1):
                    s = 0.0
                    for da, de in steps:
                        if i + da <= la and j + de <= le:
                            b = beta[i + da][j + de]
                            if b:
                                g = (ar[i : i + da], en[j : j + de])
                                p = prob[g]
                                s += p * b
                                a = alpha[i][j]
                                if a:
                                    counts[g] += w * a * p * b / z
                    beta[i][j] = s
        norm = sum(counts.values())
        prob = defaultdict(float, {g: c / norm for g, c in counts.items() if c / norm > 1e-7})
        print(f"EM iter {it + 1}: loglik {total_ll:.1f}, graphones {len(prob)}, {time.time() - t0:.1f}s", flush=True)
    return dict(prob)


def viterbi(en: str, ar: str, prob: dict[tuple[str, str], float]) -> list[tuple[str, str]] | None:
    steps = _steps()
    la, le = len(ar), len(en)
    best = [[-math.inf] * (le + 1) for _ in range(la + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (le + 1) for _ in range(la + 1)]
    best[0][0] = 0.0
    for i in range(1, la + 1):
        for j in range(le + 1):
            for da, de in steps:
                if da <= i and de <= j and best[i - da][j - de] > -math.inf:
                    p = prob.get((ar[i - da : i], en[j - de : j]), 0.0)
                    if p > 0.0:
                        s = best[i - da][j - de] + math.log(p)
                        if s > best[i][j]:
                            best[i][j] = s
                            back[i][j] = (da, de)
    if best[la][le] == -math.inf:
        return None
    seq: list[tuple[str, str]] = []
    i, j = la, le
    while i > 0:
        step = back[i][j]
        assert step is not None
        da, de = step
        seq.append((ar[i - da : i], en[j - de : j]))
        i, j = i - da, j - de
    return seq[::-1]


# ---------------------------------------------------------------------------------------------
# Kneser-Ney graphone n-gram
# ---------------------------------------------------------------------------------------------
def kneser_ney(
    seqs: Iterable[tuple[list[int], float]], order: int, bos: int = 0
) -> list[tuple[tuple[int, ...], float, float | None]]:
    """Interpolated Kneser-Ney (one discount per order) in backoff form: (ids, log10 p, log10 bow)."""
    counts: list[dict[tuple[int, ...], float]] = [defaultdict(float) for _ in range(order + 1)]
    for seq, w in seqs:
        full = [bos] + seq + [bos]
        for n in range(1, order + 1):
            for k in range(1, len(full)):  # predicted item at index k (never the leading BOS)
                if k - n + 1 < 0:
                    continue
                counts[n][tuple(full[k - n + 1 : k + 1])] += w
    # Continuation counts for lower orders: number of distinct left extensions.
    adj: list[dict[tuple[int, ...], float]] = [dict() for _ in range(order + 1)]
    adj[order] = dict(counts[order])
    for n in range(order - 1, 0, -1):
        cont: dict[tuple[int, ...], float] = defaultdict(float)
        for ng in counts[n + 1]:
            cont[ng[1:]] += 1.0
        # n-grams that start at the sentence start have no left extension: keep raw counts.
        for ng, c in counts[n].items():
            if len(ng) > 1 and ng[0] == bos:
                cont[ng] = max(cont.get(ng, 0.0), c)
        adj[n] = dict(cont)
    discounts = [0.0] * (order + 1)
    for n in range(1, order + 1):
        n1 = sum(1 for c in adj[n].values() if 0.5 <= c < 1.5)
        n2 = sum(1 for c in adj[n].values() if 1.5 <= c < 2.5)
        discounts[n] = min(0.9, max(0.1, n1 / (n1 + 2 * n2))) if n1 + n2 else 0.5
    print("KN discounts", [round(d, 3) for d in discounts[1:]], flush=True)
    # Context totals and number of distinct followers.
    probs: dict[tuple[int, ...], float] = {}
    gammas: dict[tuple[int, ...], float] = {}
    vocab = sorted({ng[0] for ng in adj[1]})
    # Unigrams: discounted + uniform floor.
    tot1 = sum(adj[1].values())
    d = discounts[1]
    g1 = d * len(adj[1]) / tot1
    for ng, c in adj[1].items():
        probs[ng] = (c - d) / tot1 + g1 / len(vocab)
    for n in range(2, order + 1):
        d = discounts[n]
        ctx_tot: dict[tuple[int, ...], float] = defaultdict(float)
        ctx_typ: dict[tuple[int, ...], int] = defaultdict(int)
        for ng, c in adj[n].items():
            ctx_tot[ng[:-1]] += c
            ctx_typ[ng[:-1]] += 1
        for ctx, tot in ctx_tot.items():
            gammas[ctx] = d * ctx_typ[ctx] / tot
        for ng, c in adj[n].items():
            ctx = ng[:-1]
            probs[ng] = (c - d) / ctx_tot[ctx] + gammas[ctx] * _lower(probs, gammas, ng[1:])
    out: list[tuple[tuple[int, ...], float, float | None]] = []
    for ng, p in probs.items():
        bow = gammas.get(ng)
        out.append((ng, round(math.log10(p), 4), None if bow is None else round(math.log10(bow), 4)))
    missing = [ctx for ctx in gammas if ctx not in probs]
    assert not missing, f"{len(missing)} contexts without their own n-gram"
    return out


def _lower(probs: dict[tuple[int, ...], float], gammas: dict[tuple[int, ...], float], ng: tuple[int, ...]) -> float:
    """Interpolated probability of ng from its own table, backing off through gammas."""
    factor = 1.0
    while True:
        p = probs.get(ng)
        if p is not None:
            return factor * p
        ctx = ng[:-1]
        factor *= gammas.get(ctx, 1.0)
        ng = ng[1:]
        if not ng:
            return 1e-12


# ---------------------------------------------------------------------------------------------
def build(args: argparse.Namespace) -> tuple[dict, Automaton]:
    global MAX_AR, MAX_EN
    MAX_AR, MAX_EN = args.max_ar, args.max_en
    raw: list[Pair] = []
    for sl in args.slices.split(","):
        raw.extend(load_slice(sl))
    if not args.keep_diacritics:
        raw = [(to_ascii(en), ar, c) for en, ar, c in raw]
    pairs = [strip_article(p) for p in raw if usable(p)]
    print(f"pairs: {len(raw)} read, {len(pairs)} usable", flush=True)

    def weight(c: int) -> float:
        if args.weight == "one":
            return 1.0
        if args.weight == "log":
            return 1.0 + math.log(c)
        return float(c)

    data = [(en, ar, weight(c)) for en, ar, c in pairs]
    prob = em_align(data, args.em_iters)
    graphones: list[tuple[str, str]] = [("", "")]  # id 0 = word boundary
    gid: dict[tuple[str, str], int] = {}
    seqs: list[tuple[list[int], float]] = []
    failed = 0
    for en, ar, w in data:
        seq = viterbi(en, ar, prob)
        if seq is None:
            failed += 1
            continue
        ids = []
        for g in seq:
            if g not in gid:
                gid[g] = len(graphones)
                graphones.append(g)
            ids.append(gid[g])
        seqs.append((ids, w))
    print(f"aligned {len(seqs)}, failed {failed}, graphones used {len(graphones) - 1}", flush=True)
    ngrams = kneser_ney(seqs, args.order)
    if args.prune > 0:
        ngrams = [ng for ng in ngrams if len(ng[0]) <= 2 or ng[2] is not None or ng[1] > args.prune]
    # Dictionary: most frequent English per Arabic token.
    by_ar: dict[str, Counter[str]] = defaultdict(Counter)
    for en, ar, c in pairs:
        by_ar[ar][en] += c
    dictionary = {}
    for ar, cnt in by_ar.items():
        en, c = cnt.most_common(1)[0]
        if sum(cnt.values()) >= args.dict_min:
            dictionary[ar] = en
    print(f"ngrams {len(ngrams)}, dictionary {len(dictionary)}", flush=True)
    meta = {
        "format": MODEL_FORMAT,
        "source": f"wikidata_translit_ar slices {args.slices} (CC0)",
        "order": args.order,
        "beam": args.beam,
        "max_candidates": args.max_candidates,
        "graphones": graphones,
        "dictionary": dictionary,
    }
    return meta, Automaton.compile(ngrams, args.order)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--slices", default="64,16", help="training slices (default: train+dev)")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--order", type=int, default=5)
    ap.add_argument("--em-iters", type=int, default=5)
    ap.add_argument("--weight", choices=["one", "log", "count"], default="one", help="pair weight from its count")
    ap.add_argument("--dict-min", type=int, default=3, help="min total count for a dictionary entry")
    ap.add_argument("--prune", type=float, default=0.0, help="drop long n-grams with log10 p below this")
    ap.add_argument("--max-ar", type=int, default=2, help="longest Arabic chunk of a graphone")
    ap.add_argument("--max-en", type=int, default=3, help="longest Latin chunk of a graphone")
    ap.add_argument("--keep-diacritics", action="store_true", help="keep Latin accents (default: ASCII)")
    ap.add_argument("--beam", type=int, default=4)
    ap.add_argument("--max-candidates", type=int, default=8)
    args = ap.parse_args(argv)
    meta, automaton = build(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    Transliterator.save(args.out, meta, automaton)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
