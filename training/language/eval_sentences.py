"""Sentence splitting against UD Arabic PUD (CC BY-SA; evaluation only).

The sentences of each PUD document (``# newdoc``) are joined with one space, split again with
:func:`ahdath.language.sentences.split_sentences`, and the predicted boundaries are compared with
the true ones: precision, recall and F1 of sentence ends, and the share of documents split exactly.

    .venv/bin/python training/language/eval_sentences.py [-v]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ahdath.language.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("AHDATH_SHARED", ROOT / ".." / "shared"))
PUD = SHARED / "data" / "ud_arabic" / "pud" / "ar_pud-ud-test.conllu"


def documents(path: Path) -> list[list[str]]:
    docs: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc"):
            docs.append([])
        elif line.startswith("# text = "):
            if not docs:
                docs.append([])
            docs[-1].append(line[len("# text = ") :].strip())
    return [d for d in docs if d]


def main() -> int:
    if not PUD.exists():
        print(f"skipped: {PUD} not found")
        return 0
    tp = fp = fn = exact = 0
    docs = documents(PUD)
    for sents in docs:
        text = " ".join(sents)
        gold, pos = set(), 0
        for s in sents:
            pos += len(s)
            gold.add(pos)
            pos += 1
        pred = {end for _, end in split_sentences(text)}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        exact += gold == pred
        if "-v" in sys.argv and gold != pred:
            for e in sorted(pred - gold):
                print("extra:", text[max(0, e - 40) : e], "|", text[e : e + 20])
            for e in sorted(gold - pred):
                print("missed:", text[max(0, e - 40) : e], "|", text[e : e + 20])
    p, r = tp / (tp + fp), tp / (tp + fn)
    print(
        f"{len(docs)} documents, {tp + fn} sentences: boundary precision {p:.3f}, recall {r:.3f}, "
        f"F1 {2 * p * r / (p + r):.3f}; documents split exactly {exact / len(docs):.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
