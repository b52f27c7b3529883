"""Clitic segmentation accuracy against UD Arabic PUD (CC BY-SA; evaluation only).

PUD writes each clitic as its own token joined to the next/previous one by ``SpaceAfter=No``
(``ل`` + ``أوباما``; ``نشرت`` + ``ها``) and keeps the article ال inside the noun. For every Arabic
word of the test file this compares the proclitics split off (و ف ب ل ك س, not ال) and whether a
pronoun suffix is split off, and prints word accuracy overall and for the words that have clitics.

    .venv/bin/python training/language/eval_segmentation.py
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from pathlib import Path

from ahdath.language.tokenize import segment

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("AHDATH_SHARED", ROOT / ".." / "shared"))
PUD = SHARED / "data" / "ud_arabic" / "pud" / "ar_pud-ud-test.conllu"
ARABIC = re.compile(r"^[\u0621-\u064a\u0670-\u06d3]+$")
PROCLITICS = {"و", "ف", "ب", "ل", "ك", "س"}


def words(path: Path) -> list[tuple[str, tuple[str, ...], bool]]:
    """(surface, gold proclitics, gold has pronoun suffix) for each Arabic word."""
    out = []
    group: list[tuple[str, str]] = []  # (form, upos)
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        cols = line.split("\t")
        if len(cols) != 10 or not cols[0].isdigit():
            group = []
            continue
        form, upos, misc = cols[1], cols[3], cols[9]
        if not ARABIC.match(form):
            group = []
            continue
        group.append((form, upos))
        if "SpaceAfter=No" in misc:
            continue
        forms = [f for f, _ in group]
        n = 0
        while n < len(forms) - 1 and forms[n] in PROCLITICS:
            n += 1
        has_suffix = len(forms) - n > 1 and group[-1][1] == "PRON"
        out.append(("".join(forms), tuple(forms[:n]), has_suffix))
        group = []
    return out


def main() -> int:
    if not PUD.exists():
        print(f"skipped: {PUD} not found")
        return 0
    stats: Counter[str] = Counter()
    errors: Counter[tuple[str, str, str]] = Counter()
    for surface, gold_pre, gold_suf in words(PUD):
        prefixes, stem, suffix = segment(surface)
        pred_pre = tuple(p for p in prefixes if p != "ال")
        ok = pred_pre == gold_pre and bool(suffix) == gold_suf
        clitic = bool(gold_pre or gold_suf)
        stats["words"] += 1
        stats["ok"] += ok
        stats["clitic_words"] += clitic
        stats["clitic_ok"] += ok and clitic
        stats["plain_ok"] += ok and not clitic
        if not ok:
            errors[
                (
                    surface,
                    "+".join(gold_pre) + ("|PRON" if gold_suf else ""),
                    "+".join(pred_pre) + ("|" + suffix if suffix else ""),
                )
            ] += 1
    plain = stats["words"] - stats["clitic_words"]
    print(
        f"{stats['words']} Arabic words: accuracy {stats['ok'] / stats['words']:.3f}; "
        f"words with clitics {stats['clitic_words']} ({stats['clitic_ok'] / stats['clitic_words']:.3f} right); "
        f"words without {plain} ({stats['plain_ok'] / plain:.3f} left whole)"
    )
    if "-v" in sys.argv:
        for (w, g, p), c in errors.most_common(40):
            print(c, w, "gold:", g, "pred:", p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
