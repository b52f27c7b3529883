"""A learned second opinion on an event's status (asserted, negated, future, hypothetical).

The rules of ``ahdath.events.status`` read cue words (لم، سوف، إذا ...) before the trigger; this model reads
the same neighbourhood as words, with the rules' answer as one more feature, and overrides the rules when
it is confident (``OVERRIDE``). Trained by ``training/events/train_status.py``; shipped as a ``LinearModel``
(JSON) whose roles are the four statuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ahdath.events.linear import LinearModel
from ahdath.model import Token

MODEL_PATH = Path(__file__).parent / "data" / "status_model.json"
STATUSES = ("asserted", "negated", "future", "hypothetical")
BEFORE = 6
AFTER = 3
NEGATORS = ("لم", "لن", "لا", "ما", "ليس", "ولم", "ولن", "ولا", "فلم", "فلن")


def status_features(tokens: list[Token], start_tok: int, end_tok: int, sent_start: int, sent_end: int, rule: str) -> list[str]:
    """The rules' status, the trigger head's clitics and stems, and the words before and after it."""
    head = tokens[start_tok]
    f = [f"rule={rule}", f"pre={'+'.join(head.prefixes) or '-'}", f"head={head.stem or head.norm}"]
    before = [t for t in tokens[max(sent_start, start_tok - BEFORE):start_tok] if not t.is_punct]
    for k, t in enumerate(reversed(before)):
        f.append(f"b={t.norm}")
        if k < 2:
            f.append(f"b{k}={t.norm}")
    f.append(f"sent_first={not before}")
    after = [t for t in tokens[end_tok:min(sent_end, end_tok + AFTER)] if not t.is_punct]
    f += [f"a={t.norm}" for t in after]
    return f


@dataclass(frozen=True, slots=True)
class StatusModel:
    model: LinearModel
    override: float  # the model's probability needed to overrule the rules

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> StatusModel | None:
        if not path.exists():
            return None
        m = LinearModel.load(path)
        return cls(m, m.thresholds.get("override", 1.01))

    def predict(self, features: list[str]) -> tuple[str, float]:
        return self.model.best(features, [s for s in STATUSES if s in self.model.bias])

    def decide(self, rule: str, features: list[str]) -> tuple[str, float] | None:
        """The model's status when it disagrees with the rules' and is confident enough, else None. A
        negation particle right before the trigger (لم يلتق، لن يزور) is never overruled: the annotations
        hold few such events, and the guidelines leave no doubt about them."""
        if rule == "negated" and any(f"b0={w}" in features for w in NEGATORS):
            return None
        status, p = self.predict(features)
        return (status, p) if status != rule and p >= self.override else None
