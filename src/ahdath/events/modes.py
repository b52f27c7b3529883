"""PLOVER mode of an event whose cue does not give one: a small learned model over the trigger's words
and the words around it (طالب بوقف → REQUEST/change, غارة → ASSAULT/aerial, اتصالا هاتفيا → CONSULT/phone).

The lexicon's mode (``triggers.tsv``) wins when the cue has one, unless this model gives another mode at least
``coder.MODE_OVERRIDE`` (0.5); otherwise ``ModeModel.predict`` picks the
most probable mode among those ``plover_modes.tsv`` allows for the type. Trained on the annotations by
``training/events/train_modes.py``; shipped as a ``LinearModel`` (JSON) whose roles are ``TYPE|mode``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ahdath.events.lexicon import plover_modes
from ahdath.events.linear import LinearModel
from ahdath.model import Token

MODEL_PATH = Path(__file__).parent / "data" / "mode_model.json"
# the same modes read from the words of the whole sentence: a statement's (a speech act whose content is the event:
# its trigger is the speech verb, which tells nothing of the mode), and a second vote beside the mode model's
SENTENCE_MODEL_PATH = Path(__file__).parent / "data" / "sentence_mode_model.json"
AFTER = 6  # words after the trigger that are features (the complement: بوقف، بالانسحاب)
BEFORE = 3  # words before it


def mode_features(tokens: list[Token], start_tok: int, end_tok: int, sent_start: int, sent_end: int) -> list[str]:
    """Features of the trigger ``tokens[start_tok:end_tok]`` in the sentence ``[sent_start, sent_end)``: its
    words' stems, then the stems (and clitic-bearing forms) of the words after and before it."""
    words = [t for t in tokens[start_tok:end_tok] if not t.is_punct]
    f = [f"trig={t.stem or t.norm}" for t in words]
    if words:
        f.append("trig_all=" + " ".join(t.stem or t.norm for t in words))
    after = [t for t in tokens[end_tok:min(sent_end, end_tok + AFTER)] if not t.is_punct]
    for k, t in enumerate(after):
        f.append(f"after={t.stem or t.norm}")
        if k < 2:
            f.append(f"after{k}={t.norm}")  # بوقف، بالانسحاب: the preposition and its noun
    before = [t for t in tokens[max(sent_start, start_tok - BEFORE):start_tok] if not t.is_punct]
    f += [f"before={t.stem or t.norm}" for t in before]
    return f


def sentence_mode_features(tokens: list[Token], sent_start: int, sent_end: int) -> list[str]:
    """Features of a whole sentence for the sentence mode model: the stems of its words, each once."""
    return list(dict.fromkeys(f"sw={t.stem or t.norm}" for t in tokens[sent_start:sent_end] if not t.is_punct))


@dataclass(frozen=True, slots=True)
class ModeModel:
    model: LinearModel

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> ModeModel | None:
        return cls(LinearModel.load(path)) if path.exists() else None

    def predict(self, event_type: str, features: list[str]) -> tuple[str, float] | None:
        """The most probable mode of ``event_type`` and its probability (softmax over the type's modes);
        None when the type takes no mode or the model has none of its modes."""
        roles = self._roles(event_type)
        if not roles:
            return None
        role, p = self.model.best(features, roles)
        return role.split("|", 1)[1], p

    def scores(self, event_type: str, features: list[str]) -> dict[str, float]:
        """Each of the type's modes' log-linear score (bias + weights): empty when the model has none of them."""
        m = self.model
        return {r.split("|", 1)[1]: m.bias[r] + m.margin(features, r) for r in self._roles(event_type)}

    def _roles(self, event_type: str) -> list[str]:
        """The model's roles (``TYPE|mode``) of the modes ``plover_modes.tsv`` allows for the type, sorted."""
        return [r for r in (f"{event_type}|{m}" for m in sorted(plover_modes().get(event_type, ()))) if r in self.model.bias]


def joint_mode(parts: list[tuple[ModeModel, list[str]]], event_type: str) -> tuple[str, float] | None:
    """The most probable mode of ``event_type`` under the product of several models' distributions (each
    model with its own features; their scores summed, the product renormalised) and its probability; None unless
    every model knows the same modes of the type."""
    scored = [model.scores(event_type, feats) for model, feats in parts]
    if not scored or not scored[0] or any(s.keys() != scored[0].keys() for s in scored):
        return None
    zs = {mode: sum(s[mode] for s in scored) for mode in scored[0]}
    best = max(zs, key=zs.__getitem__)
    return best, 1.0 / sum(math.exp(z - zs[best]) for z in zs.values())
