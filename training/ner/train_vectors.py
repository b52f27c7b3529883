"""Train fastText-style subword vectors (floret package, fasttext mode) on the folded ANT text."""

from __future__ import annotations

import sys
from pathlib import Path

import floret


def main(corpus: Path, out: Path, dim: int = 100, epoch: int = 5, threads: int = 2) -> None:
    model = floret.train_unsupervised(
        str(corpus), model="skipgram", mode="fasttext", dim=dim, epoch=epoch, minCount=3,
        minn=3, maxn=5, ws=5, neg=5, thread=threads, verbose=1,
    )
    model.save_model(str(out))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
