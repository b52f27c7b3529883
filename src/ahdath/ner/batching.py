"""Shared pieces of the batched taggers: a bounded per-word row cache, length-sorted batches and
a batched Viterbi decoder."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np


@dataclass
class RowCache:
    """Per-word rows (e.g. a word's projected network input) kept in one preallocated matrix.

    ``rows(keys, compute)`` returns the row index of each key, computing the missing ones in one
    call ``compute(missing_keys) -> (len(missing), *shape)``. When the matrix is full, the words not
    used in the most recent calls lose their rows (at least half of them are freed; a long run over a
    large corpus must not grow without end, and frequent words are not recomputed).
    """

    shape: tuple[int, ...]
    capacity: int = 50_000
    dtype: type = np.float32
    _index: dict[str, int] = field(default_factory=dict, repr=False)
    _data: np.ndarray | None = field(default=None, repr=False)
    _used: dict[str, int] = field(default_factory=dict, repr=False)  # key -> last call that used it
    _free: list[int] = field(default_factory=list, repr=False)  # rows given back by evicted words
    _calls: int = field(default=0, repr=False)

    @property
    def data(self) -> np.ndarray:
        if self._data is None:
            self._data = np.zeros((self.capacity, *self.shape), dtype=self.dtype)
        return self._data

    def _evict(self, needed: int) -> None:
        """Free the rows of the least recently used words: keep at most half the matrix, and room for ``needed``."""
        index, used = self._index, self._used
        room = min(self.capacity // 2, self.capacity - needed)
        order = sorted(index, key=used.__getitem__, reverse=True)
        for k in order[max(room, 0) :]:
            self._free.append(index.pop(k))
            del used[k]

    def _slots(self, n: int) -> tuple[np.ndarray | slice, int]:
        """n unused rows (a slice while the matrix is being filled for the first time), and how many
        of them come from the end of the free list (the caller removes them once they are filled)."""
        start = len(self._index) + len(self._free)  # rows below this were used once
        if not self._free:
            return slice(start, start + n), 0
        take = min(n, len(self._free))
        return np.array([*self._free[-take:], *range(start, start + n - take)], dtype=np.int64), take

    def rows(self, keys: Sequence[str], compute: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        index = self._index
        self._calls += 1
        uniq = dict.fromkeys(keys, self._calls)
        self._used.update(uniq)
        missing = [k for k in uniq if k not in index]
        if missing:
            if len(index) + len(missing) > self.capacity:
                if len(uniq) > self.capacity:  # one call bigger than the cache: grow it
                    index.clear()
                    self._free.clear()
                    self._used = dict(uniq)
                    self.capacity = len(uniq)
                    self._data = None
                    missing = list(uniq)
                else:
                    self._evict(len(missing))
                    self._used.update(uniq)
                    missing = [k for k in uniq if k not in index]
            values = compute(missing)
            slots, taken = self._slots(len(missing))
            self.data[slots] = values  # (if compute or this raises, the cache is left consistent)
            if taken:
                del self._free[-taken:]
            rng = range(slots.start, slots.stop) if isinstance(slots, slice) else slots.tolist()
            index.update(zip(missing, rng, strict=True))
        return np.fromiter(map(index.__getitem__, keys), dtype=np.int64, count=len(keys))


def length_batches(lengths: Sequence[int], max_tokens: int, max_rows: int) -> Iterator[list[int]]:
    """Indices of the non-empty sequences, sorted by length (ascending) and cut into batches whose
    padded size (rows x longest) stays within max_tokens and whose row count within max_rows."""
    order = sorted((i for i, n in enumerate(lengths) if n), key=lambda i: lengths[i])
    pos = 0
    while pos < len(order):
        end = pos + 1
        while end < len(order) and end - pos < max_rows and lengths[order[end]] * (end - pos + 1) <= max_tokens:
            end += 1
        yield order[pos:end]
        pos = end


def viterbi(
    em: np.ndarray, lengths: np.ndarray, trans: np.ndarray, start: np.ndarray | None = None, end: np.ndarray | None = None
) -> list[list[int]]:
    """Best tag paths for a padded batch of emission scores em (B, T, n).

    ``lengths`` must be ascending (rows sorted by length), so that the rows still running at step s
    are a suffix of the batch. trans[i, j] scores tag j after tag i; start/end score the first/last tag.
    """
    b, t, n = em.shape
    if b == 0:
        return []
    if np.any(np.diff(lengths) < 0):
        raise ValueError("viterbi: lengths must be ascending")
    score = em[:, 0].copy()
    if start is not None:
        score += start
    back = np.zeros((b, t, n), dtype=np.int32)
    first = np.searchsorted(lengths, np.arange(t), side="right")  # first row still running at step s
    for s in range(1, t):
        k = int(first[s])
        if k >= b:
            break
        cand = score[k:, :, None] + trans  # (rows, from, to)
        best = cand.argmax(axis=1)
        back[k:, s] = best
        score[k:] = np.take_along_axis(cand, best[:, None, :], axis=1)[:, 0] + em[k:, s]
    if end is not None:
        score += end
    cur = score.argmax(axis=1)
    path = np.zeros((b, t), dtype=np.int32)
    rows = np.arange(b)
    for s in range(t - 1, -1, -1):
        k = int(first[s])  # rows with length > s
        path[k:, s] = cur[k:]
        if s:
            cur[k:] = back[rows[k:], s, cur[k:]]
    return [path[r, : int(lengths[r])].tolist() for r in range(b)]
