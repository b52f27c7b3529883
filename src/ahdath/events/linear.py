"""Sparse logistic models shipped as JSON (feature name → weight), scored without numpy.

Used by the sides ranker and the event filter: training scripts fit them with scikit-learn
and write ``{"bias": {role: b}, "thresholds": {role: t}, "weights": {"role:feature": w}}``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True, slots=True)
class LinearModel:
    weights: dict[str, float]
    bias: dict[str, float]
    thresholds: dict[str, float]

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        return _load(str(path))

    def score(self, features: list[str], role: str) -> float:
        """Probability for ``role`` given binary features."""
        w = self.weights
        z = self.bias[role] + sum(w.get(f"{role}:{name}", 0.0) for name in features)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def to_json(self, about: str) -> str:
        data = {"about": about, "bias": self.bias, "thresholds": self.thresholds, "weights": self.weights}
        return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True)


@lru_cache(maxsize=8)
def _load(path: str) -> LinearModel:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return LinearModel(data["weights"], data["bias"], data["thresholds"])
