"""The sides ranker's pair models: the hidden-layer one (numpy file) and the linear one (JSON) behind one chooser."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ahdath.events.linear import LinearModel
from ahdath.events.sides import HiddenPairModel, SideInfo, choose_pair, load_sides_model, pair_features

A = SideInfo("before", "none", 0, 1, "IRN", "GOV", "person")
B = SideInfo("after", "مع", 3, 4, "PSE", "REB", "organization")
FEATS = [["kind=person", "pos=verbal", "type=CONSULT", "origin=subject"], ["kind=organization", "pos=verbal", "type=CONSULT", "prep=مع"]]
NULL = ["none|type=CONSULT"]


def _tiny(tmp_path: Path) -> tuple[HiddenPairModel, Path]:
    names = sorted({p + f for p in ("a:", "r:") for fs in FEATS for f in fs} | {"rn:" + f for f in [*NULL, "__none__"]}
                   | {"p:" + f for f in pair_features(A, B, "CONSULT", "verbal", "اتصل") + pair_features(B, A, "CONSULT", "verbal", "اتصل")
                      + pair_features(A, None, "CONSULT", "verbal", "اتصل") + pair_features(B, None, "CONSULT", "verbal", "اتصل")})
    rng = np.random.default_rng(0)
    model = HiddenPairModel({n: i for i, n in enumerate(names)}, rng.normal(0, 1, len(names)), rng.normal(0, 1, (len(names), 3)),
                            rng.normal(0, 0.5, 3), rng.normal(0, 1, 3))
    path = tmp_path / "sides_model.npz"
    model.save(path)
    return model, path


def _score(m: HiddenPairModel, a: list[str], r: list[str] | None, pf: list[str]) -> float:
    """A pair's score computed from the definition: linear part + v · relu(b + hidden rows), by feature name."""
    keys = ["a:" + f for f in a] + (["r:" + f for f in r] if r is not None else ["rn:" + f for f in [*NULL, "__none__"]]) + ["p:" + f for f in pf]
    idx = sorted({m.vocab[k] for k in keys if k in m.vocab})
    return float(m.linear[idx].sum() + np.maximum(m.hidden_rows()[idx].sum(axis=0) + m.b, 0.0) @ m.v)


def test_hidden_pair_model_round_trip_keeps_scores(tmp_path: Path) -> None:
    model, path = _tiny(tmp_path)
    loaded = HiddenPairModel.load(path)
    assert loaded.vocab == model.vocab
    assert np.allclose(loaded.linear, model.linear, atol=1e-6)
    step = np.abs(model.hidden).max(axis=0) / 127.0
    assert loaded.hidden.dtype == np.int8  # kept as int8, summed as integers
    assert np.all(np.abs(loaded.hidden_rows() - model.hidden) <= step / 2 + 1e-9)  # within half a step


def test_choose_pair_uses_the_hidden_layer(tmp_path: Path) -> None:
    _, path = _tiny(tmp_path)
    m = HiddenPairModel.load(path)
    pick = choose_pair(m, FEATS, NULL, [A, B], "CONSULT", "verbal", "اتصل", [False, False], None)
    assert pick is not None
    options = {
        (0, 1): _score(m, FEATS[0], FEATS[1], pair_features(A, B, "CONSULT", "verbal", "اتصل")),
        (1, 0): _score(m, FEATS[1], FEATS[0], pair_features(B, A, "CONSULT", "verbal", "اتصل")),
        (0, None): _score(m, FEATS[0], None, pair_features(A, None, "CONSULT", "verbal", "اتصل")),
        (1, None): _score(m, FEATS[1], None, pair_features(B, None, "CONSULT", "verbal", "اتصل")),
    }
    best = max(options, key=options.__getitem__)
    assert (pick.actor, pick.recipient) == best
    z = np.array(list(options.values()))
    p = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    actor_mass = sum(pv for (i, _), pv in zip(options, p, strict=True) if i == best[0])
    assert pick.actor_p == pytest.approx(actor_mass)


def test_pair_sums_survive_a_full_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pair sums come from a cache by feature list; when it overflows, lists cached before are summed again."""
    import ahdath.events.sides as sides_mod

    _, path = _tiny(tmp_path)
    m = HiddenPairModel.load(path)
    monkeypatch.setattr(sides_mod, "PAIR_CACHE", 2)
    lists = [pair_features(x, y, "CONSULT", "verbal", "اتصل") for x, y in ((A, B), (B, A), (A, None), (B, None))]
    sizes = []
    for batch in (lists[:2], lists[1:], lists[::-1], lists[2:] * 2):
        lin, hid = m.pair_sums(batch)
        want_lin, want_hid = m.sums(batch, "p:")
        assert np.array_equal(lin, want_lin) and np.array_equal(hid, want_hid)
        sizes.append(len(m._pair_sums))
    assert sizes == [2, 3, 4, 4]  # cleared when a call brings it past 2 (and then holds that call's lists)


def test_averaged_model_scores_the_mean_of_its_members(tmp_path: Path) -> None:
    base, _ = _tiny(tmp_path)
    rng = np.random.default_rng(1)
    other = HiddenPairModel(base.vocab, rng.normal(0, 1, len(base.vocab)), rng.normal(0, 1, (len(base.vocab), 5)),
                            rng.normal(0, 0.5, 5), rng.normal(0, 1, 5))
    mean = HiddenPairModel.average([base, other])
    assert mean.hidden.shape == (len(base.vocab), 8)
    for a, r, (x, y) in ((FEATS[0], FEATS[1], (A, B)), (FEATS[1], None, (B, None))):
        pf = pair_features(x, y, "CONSULT", "verbal", "اتصل")
        assert _score(mean, a, r, pf) == pytest.approx((_score(base, a, r, pf) + _score(other, a, r, pf)) / 2)
    with pytest.raises(ValueError):
        HiddenPairModel.average([base, HiddenPairModel({"a:x": 0}, np.zeros(1), np.zeros((1, 2)), np.zeros(2), np.zeros(2))])


def test_linear_pair_model_still_chooses(tmp_path: Path) -> None:
    m = LinearModel({"actor:kind=person": 2.0, "recipient:prep=مع": 1.5, "pair:ak=person|rk=organization": 0.5},
                    {"actor": 0.0, "recipient": -1.0}, {"actor": 0.0, "recipient": 0.0}, "pair")
    pick = choose_pair(m, FEATS, NULL, [A, B], "CONSULT", "verbal", "اتصل", [False, False], None)
    assert pick is not None and (pick.actor, pick.recipient) == (0, 1)


def test_shipped_sides_model_loads() -> None:
    model = load_sides_model()
    assert model is not None and model.kind == "pair"
    if isinstance(model, HiddenPairModel):
        assert model.hidden.shape == (len(model.vocab), len(model.b)) and model.v.shape == model.b.shape
        assert "rn:__none__" in model.vocab
