"""The recent-news probe (training/data/recent_probe): well-formed and aligned with its article texts."""

from __future__ import annotations

import json
from pathlib import Path

from ahdath.model import PLOVER_TYPES

PROBE = Path(__file__).resolve().parents[1] / "training" / "data" / "recent_probe"
STATUSES = {"asserted", "negated", "future", "hypothetical"}


def _jsonl(name: str) -> list[dict]:
    with (PROBE / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_every_annotation_points_into_its_article() -> None:
    arts = {a["id"]: a for a in _jsonl("articles.jsonl")}
    golds = _jsonl("gold.jsonl")
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


def test_one_record_per_actor_type_recipient() -> None:
    for g in _jsonl("gold.jsonl"):
        keys = [(e["actor"]["name"] if e.get("actor") else None, e["type"],
                 e["recipient"]["name"] if e.get("recipient") else None) for e in g["events"]]
        assert len(keys) == len(set(keys)), g["docno"]
