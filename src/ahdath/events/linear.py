"""Sparse logistic models shipped as JSON (feature name → weight), scored without numpy.

Used by the sides ranker and the event filter: training scripts fit them with scikit-learn
and write ``{"bias": {role: b}, "thresholds": {role: t}, "weights": {"role:feature": w}}``.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from itertools import repeat
from pathlib import Path


class LinearModel:
    """Weights by role, then feature name (``role:feature`` in the JSON; role names hold no ":"). Only the
    by-role dicts are kept: ``weights`` rebuilds the flat form for writing and inspection."""

    __slots__ = ("_roles", "bias", "kind", "thresholds")

    def __init__(self, weights: dict[str, float], bias: dict[str, float], thresholds: dict[str, float],
                 kind: str = "logistic") -> None:
        roles: dict[str, dict[str, float]] = {}
        for key, v in weights.items():
            r, _, name = key.partition(":")
            roles.setdefault(r, {})[name] = v
        self._roles = roles
        self.bias = bias
        self.thresholds = thresholds
        self.kind = kind  # or "softmax": candidates of one item compete (the bias scores "none of them")

    @property
    def weights(self) -> dict[str, float]:
        """The flat ``{"role:feature": weight}`` form (built on each call)."""
        return {f"{r}:{name}": v for r, w in self._roles.items() for name, v in w.items()}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LinearModel) and (self._roles, self.bias, self.thresholds, self.kind) == (
            other._roles, other.bias, other.thresholds, other.kind)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LinearModel(kind={self.kind!r}, roles={sorted(self._roles)}, weights={sum(map(len, self._roles.values()))})"

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        return _load(str(path))

    def margin(self, features: list[str], role: str) -> float:
        """The linear score of binary features for ``role``, without the bias."""
        w = self._roles.get(role, {})
        return sum(map(w.get, features, repeat(0.0)))

    def score(self, features: list[str], role: str) -> float:
        """Probability for ``role`` given binary features (a logistic model)."""
        z = self.bias[role] + self.margin(features, role)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def best(self, features: list[str], roles: list[str]) -> tuple[str, float]:
        """The most probable of ``roles`` (a softmax over their bias + margin) and its probability: one
        multinomial model whose classes are roles (the mode and status models)."""
        zs = [self.bias[r] + self.margin(features, r) for r in roles]
        top = max(zs)
        total = sum(math.exp(z - top) for z in zs)
        k = max(range(len(roles)), key=lambda i: zs[i])
        return roles[k], 1.0 / total

    def choose(self, candidates: list[list[str] | None], null: list[str], role: str) -> list[float]:
        """Probabilities of each candidate (``None`` = excluded, probability 0) and, last, of none of them.

        A softmax model normalises over the candidates and the "none" option (scored by the bias and the
        ``null`` features); a logistic model scores each candidate alone, and "none" is 1 - the best."""
        if self.kind != "softmax":
            ps = [self.score(f, role) if f is not None else 0.0 for f in candidates]
            return [*ps, 1.0 - max(ps, default=0.0)]
        zs = [self.margin(f, role) if f is not None else None for f in candidates]
        zs.append(self.bias[role] + self.margin(null, role))
        top = max(z for z in zs if z is not None)
        es = [math.exp(z - top) if z is not None else 0.0 for z in zs]
        total = sum(es)
        return [e / total for e in es]

    def to_json(self, about: str) -> str:
        data = {"about": about, "kind": self.kind, "bias": self.bias, "thresholds": self.thresholds, "weights": self.weights}
        return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True)


@lru_cache(maxsize=8)
def _load(path: str) -> LinearModel:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return LinearModel(data["weights"], data["bias"], data["thresholds"], data.get("kind", "logistic"))
