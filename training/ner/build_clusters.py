"""Cluster word vectors into several granularities: word<TAB>c_k1<TAB>c_k2... for the CRF features.

Vocabulary: every folded token of the unlabeled corpus seen >= min_count times (rare words get their
vector from character n-grams), plus the tokens of the labelled training file.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import floret
import numpy as np
from sklearn.cluster import MiniBatchKMeans


def build(
    vectors: Path,
    corpus: Path,
    out: Path,
    extra_words: list[str],
    ks: tuple[int, ...] = (64, 256, 1024),
    min_count: int = 2,
    max_words: int = 250_000,
    seed: int = 0,
    fit_words: int = 60_000,
) -> int:
    model = floret.load_model(str(vectors))
    counts: Counter[str] = Counter()
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            counts.update(line.split())
    words = [w for w, c in counts.most_common(max_words) if c >= min_count]
    seen = set(words)
    words += [w for w in dict.fromkeys(extra_words) if w not in seen]
    mat = np.stack([model.get_word_vector(w) for w in words]).astype(np.float32)
    mat /= np.linalg.norm(mat, axis=1, keepdims=True) + 1e-8
    cols = []
    fit_rows = mat[: min(len(mat), fit_words)]  # fit on the frequent words, assign every word
    for k in ks:
        km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=1, max_iter=5)
        km.fit(fit_rows)
        cols.append(km.predict(mat))
    with out.open("w", encoding="utf-8") as w:
        for i, word in enumerate(words):
            if "\t" in word:
                continue
            w.write(word + "\t" + "\t".join(str(int(c[i])) for c in cols) + "\n")
    return len(words)


if __name__ == "__main__":
    print(build(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), []))
