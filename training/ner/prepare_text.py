"""Tokenize + fold the ANT news corpus into one sentence per line for vector training."""

from __future__ import annotations

import json
import lzma
import sys
from pathlib import Path

from ahdath.ner.text import TOKEN_RE, fold_key


def main(src: Path, out: Path) -> int:
    n = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with lzma.open(src, "rt", encoding="utf-8") as f, out.open("w", encoding="utf-8") as w:
        for line in f:
            art = json.loads(line)
            for para in (art.get("title", "") + "\n" + art.get("text", "")).split("\n"):
                toks = [fold_key(t) for t in TOKEN_RE.findall(para)]
                toks = [t for t in toks if t]
                if toks:
                    w.write(" ".join(toks) + "\n")
                    n += len(toks)
    return n


if __name__ == "__main__":
    print(main(Path(sys.argv[1]), Path(sys.argv[2])))
