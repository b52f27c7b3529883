"""Paths and helpers shared by the NER training scripts."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from ahdath.ner.conll import read_conll
from ahdath.ner.tagger import tags_to_spans

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("AHDATH_SHARED", REPO / ".." / "shared")).resolve()
WORK = Path(os.environ.get("AHDATH_NER_WORK", REPO / "training" / "work" / "ner"))  # intermediate files
ANER_DIR = SHARED / "data" / "anercorp" / "camel_style_split_reconstructed"
TRAIN_FILE = ANER_DIR / "ANERcorp_reconstructed_train.txt"
TEST_FILE = ANER_DIR / "ANERcorp_reconstructed_test.txt"
MODEL_DIR = REPO / "src" / "ahdath" / "ner" / "model"
DEV_FRACTION = 0.1  # the last 10% of the training sentences are the dev slice


def load_tagged(path: Path) -> list[tuple[list[str], list[str]]]:
    return [([r[0] for r in s], [r[-1] for r in s]) for s in read_conll(path)]


def write_tagged(path: Path, sents: list[tuple[list[str], list[str]]]) -> None:
    """``TOKEN TAG`` lines, a blank line after each sentence (what ``load_tagged`` reads back)."""
    with path.open("w", encoding="utf-8") as w:
        for toks, tags in sents:
            w.write("".join(f"{t} {g}\n" for t, g in zip(toks, tags, strict=True)) + "\n")


def split_train_dev(sents: list, fraction: float = DEV_FRACTION) -> tuple[list, list]:
    cut = int(len(sents) * (1 - fraction))
    return sents[:cut], sents[cut:]


def entity_prf(gold: list[list[str]], pred: list[list[str]]) -> dict[str, tuple[float, float, float, int]]:
    """Entity-level exact-match P/R/F1 per label and 'micro' (same rules as score_conll.py)."""
    gs: set[tuple[int, int, int, str]] = set()
    ps: set[tuple[int, int, int, str]] = set()
    for k, (g, p) in enumerate(zip(gold, pred, strict=True)):
        gs |= {(k, a, b, lab) for a, b, lab in tags_to_spans(g)}
        ps |= {(k, a, b, lab) for a, b, lab in tags_to_spans(p)}
    tp = gs & ps
    ct, cp, cg = Counter(x[3] for x in tp), Counter(x[3] for x in ps), Counter(x[3] for x in gs)

    def prf(t: int, p: int, g: int) -> tuple[float, float, float, int]:
        pr = t / p if p else 0.0
        rc = t / g if g else 0.0
        return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0), g

    out = {k: prf(ct[k], cp[k], cg[k]) for k in sorted(cg | cp)}
    out["micro"] = prf(len(tp), len(ps), len(gs))
    return out


def format_prf(res: dict[str, tuple[float, float, float, int]]) -> str:
    return "\n".join(f"{k:6s} P={p:.4f} R={r:.4f} F1={f:.4f} (gold={g})" for k, (p, r, f, g) in res.items())
