"""The recent-news probes (training/data/recent_probe, recent_probe2, recent_probe3): well-formed and aligned with their
article texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ahdath.model import PLOVER_TYPES

DATA = Path(__file__).resolve().parents[1] / "training" / "data"
PROBES = ["recent_probe", "recent_probe2", "recent_probe3"]
STATUSES = {"asserted", "negated", "future", "hypothetical"}


def _jsonl(probe: str, name: str) -> list[dict]:
    with (DATA / probe / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.mark.parametrize("probe", PROBES)
def test_every_annotation_points_into_its_article(probe: str) -> None:
    arts = {a["id"]: a for a in _jsonl(probe, "articles.jsonl")}
    golds = _jsonl(probe, "gold.jsonl")
    assert len(arts) == len(golds) == 48
    for g in golds:
        text = arts[g["docno"]]["text"]
        for e in g["events"]:
            where = (g["docno"], e["trigger"])
            assert e["type"] in PLOVER_TYPES and e["status"] in STATUSES, where
            assert e["sentence"] in text and e["trigger"] in e["sentence"], where
            for side in ("actor", "recipient"):
                if e.get(side):
                    assert e[side]["text"] in text, (where, side)
        for q in g["quotes"]:
            assert q["cue"] in text and q["content_start"] in text, (g["docno"], q["cue"])


@pytest.mark.parametrize("probe", PROBES)
def test_one_record_per_actor_type_recipient(probe: str) -> None:
    for g in _jsonl(probe, "gold.jsonl"):
        keys = [(e["actor"]["name"] if e.get("actor") else None, e["type"],
                 e["recipient"]["name"] if e.get("recipient") else None) for e in g["events"]]
        assert len(keys) == len(set(keys)), g["docno"]


def test_the_probes_share_no_article() -> None:
    first = {a["text"][:80] for a in _jsonl("recent_probe", "articles.jsonl")}
    second = {a["text"][:80] for a in _jsonl("recent_probe2", "articles.jsonl")}
    assert not first & second
