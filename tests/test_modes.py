"""The PLOVER mode model (ahdath.events.modes): features, prediction over a type's modes, and its use by
the coder when the lexicon cue gives no mode."""

from __future__ import annotations

import ahdath
from ahdath.events.linear import LinearModel
from ahdath.events.modes import ModeModel, mode_features
from ahdath.language import analyze
from ahdath.model import Document


def _tokens(text: str) -> list:
    return analyze(Document(id="t", text=text)).tokens


def test_features_read_the_trigger_and_its_complement() -> None:
    toks = _tokens("طالب الوزير بوقف الهجمات فورا")
    f = mode_features(toks, 0, 1, 0, len(toks))
    assert "after0=الوزير" in f and "after1=بوقف" in f and any(x.startswith("trig=") for x in f)
    assert not any(x.startswith("before=") for x in f)  # nothing before the first word


def test_predict_picks_among_the_types_modes() -> None:
    model = ModeModel(LinearModel(
        weights={"REQUEST|change:after1=بوقف": 2.0, "REQUEST|assist:after1=بتقديم": 2.0},
        bias={"REQUEST|change": 0.0, "REQUEST|assist": 0.0, "REQUEST|yield": -1.0},
        thresholds={}, kind="softmax"))
    mode, p = model.predict("REQUEST", ["after1=بوقف"])
    assert mode == "change" and 0.5 < p < 1
    assert model.predict("REQUEST", ["after1=بتقديم"])[0] == "assist"
    assert model.predict("AGREE", ["after1=بوقف"]) is None  # AGREE takes no mode
    assert model.predict("ASSAULT", ["after1=بوقف"]) is None  # no ASSAULT mode in this model


def test_shipped_model_fills_a_mode_the_cue_lacks() -> None:
    model = ModeModel.load()
    assert model is not None
    doc = ahdath.load(components=("language", "actors", "quotes", "events"))(
        Document(id="t", text="هاجم مسلحون دورية للجيش العراقي في كركوك بالأسلحة الرشاشة.", date="2023-10-14"))
    (e,) = [e for e in doc.events if e.type == "ASSAULT"]
    # the cue هاجم has no mode in the lexicon; «بالأسلحة الرشاشة» after it makes it firearms
    assert e.mode == "firearms" and "(mode model)" in e.reason
