"""The sparse linear models shipped as JSON (ahdath.events.linear): weights kept by role only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ahdath.events.linear import LinearModel

FLAT = {"actor:kind=person": 2.0, "actor:pos=verbal": -0.5, "recipient:prep=مع": 1.5, "pair:ak=person|rk=org": 0.25}


def test_the_flat_weights_round_trip(tmp_path: Path) -> None:
    m = LinearModel(dict(FLAT), {"actor": 0.1, "recipient": -1.0}, {"actor": 0.5}, "softmax")
    assert m.weights == FLAT
    path = tmp_path / "m.json"
    path.write_text(m.to_json("test"), encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8"))["weights"] == FLAT
    loaded = LinearModel.load(path)
    assert loaded == m and loaded.kind == "softmax" and loaded.thresholds == {"actor": 0.5}
    assert loaded != LinearModel({**FLAT, "actor:kind=person": 1.0}, m.bias, m.thresholds, m.kind)


def test_margin_and_score_read_the_role_weights() -> None:
    m = LinearModel(dict(FLAT), {"actor": 0.0, "recipient": -1.0}, {})
    assert m.margin(["kind=person", "pos=verbal", "unknown"], "actor") == pytest.approx(1.5)
    assert m.margin(["kind=person"], "recipient") == 0.0  # another role's feature
    assert m.margin(["x"], "no such role") == 0.0
    assert m.score(["prep=مع"], "recipient") == pytest.approx(0.6224593)  # sigmoid(1.5 - 1.0)
    role, p = m.best(["kind=person"], ["actor", "recipient"])
    assert role == "actor" and 0.5 < p < 1.0
