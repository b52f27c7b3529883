"""The learned field models of the event coder: the PLOVER mode model (ahdath.events.modes: features, prediction
over a type's modes, its use when the lexicon cue gives no mode) and the status model (ahdath.events.status_model)."""

from __future__ import annotations

import math

import ahdath
from ahdath.events.linear import LinearModel
from ahdath.events.modes import ModeModel, joint_mode, mode_features
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


def test_joint_mode_multiplies_the_models_distributions() -> None:
    bias = {"REQUEST|change": 0.0, "REQUEST|assist": 0.0, "REQUEST|yield": 0.0}
    near = ModeModel(LinearModel({"REQUEST|change:after1=بوقف": 2.0}, dict(bias), {}, kind="softmax"))
    whole = ModeModel(LinearModel({"REQUEST|assist:sw=مساعد": 3.0}, dict(bias), {}, kind="softmax"))
    assert near.predict("REQUEST", ["after1=بوقف"])[0] == "change"
    mode, p = joint_mode([(near, ["after1=بوقف"]), (whole, ["sw=مساعد"])], "REQUEST")
    assert mode == "assist" and math.isclose(p, math.exp(3) / (math.exp(3) + math.exp(2) + 1))
    assert joint_mode([(near, ["after1=بوقف"]), (whole, [])], "REQUEST")[0] == "change"
    other = ModeModel(LinearModel({}, {"REQUEST|change": 0.0}, {}, kind="softmax"))  # knows one mode only
    assert joint_mode([(near, []), (other, [])], "REQUEST") is None
    assert joint_mode([(near, []), (whole, [])], "AGREE") is None  # AGREE takes no mode


def test_shipped_model_fills_a_mode_the_cue_lacks() -> None:
    model = ModeModel.load()
    assert model is not None
    doc = ahdath.load(components=("language", "actors", "quotes", "events"))(
        Document(id="t", text="هاجم مسلحون دورية للجيش العراقي في كركوك بالأسلحة الرشاشة.", date="2023-10-14"))
    (e,) = [e for e in doc.events if e.type == "ASSAULT"]
    # the cue هاجم has no mode in the lexicon; «بالأسلحة الرشاشة» after it makes it firearms
    assert e.mode == "firearms" and "(mode model and sentence mode model)" in e.reason


def test_status_model_overrules_the_rules_only_when_sure() -> None:
    from ahdath.events.status_model import StatusModel, status_features

    model = StatusModel(LinearModel(
        weights={"future:b=تعتزم": 3.0, "asserted:rule=negated": 3.0},
        bias={"asserted": 0.0, "future": 0.0, "negated": 0.0, "hypothetical": -2.0},
        thresholds={"override": 0.8}, kind="softmax"), 0.8)
    toks = _tokens("تعتزم الحكومة فرض عقوبات جديدة")
    f = status_features(toks, 2, 3, 0, len(toks), "asserted")
    assert "rule=asserted" in f and any(x.startswith("b=الحكوم") for x in f)
    status, p = model.decide("asserted", f)
    assert status == "future" and p >= 0.8
    assert model.decide("future", f) is None  # agrees with the rules
    # a negation particle right before the trigger is never overruled
    toks = _tokens("لم يلتق الرئيس نظيره")
    f = status_features(toks, 1, 2, 0, len(toks), "negated")
    assert model.predict(f)[0] == "asserted" and model.decide("negated", f) is None


def test_shipped_status_model_loads_with_its_threshold() -> None:
    from ahdath.events.status_model import StatusModel

    model = StatusModel.load()
    assert model is not None and 0.5 <= model.override <= 1.0


def test_linear_margin_reads_each_roles_weights() -> None:
    # weights are grouped by role once (the text before the first ":"); a feature name may hold ":" itself
    model = LinearModel(weights={"a:x": 1.0, "a:y:z": 0.5, "b:x": -2.0, "ab:x": 7.0}, bias={"a": 0.0, "b": 0.0},
                        thresholds={})
    assert model.margin(["x", "y:z", "w"], "a") == 1.5
    assert model.margin(["x"], "b") == -2.0
    assert model.margin(["x"], "c") == 0.0  # a role with no weights
    assert model.best(["x"], ["a", "b"])[0] == "a"
