"""The hand-tagged ANT news sentences of training/data/ner/ (NER training data) and their loader."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "training" / "data" / "ner"


def _extra():  # noqa: ANN202
    """training/ner/extra_data.py (a training script: imported from its folder)."""
    folder = str(REPO / "training" / "ner")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module("extra_data")


def test_align_whole_token_runs_in_order() -> None:
    E = _extra()
    toks = ["وقال", "رئيس", "الوزراء", "الإسرائيلي", "بنيامين", "نتانياهو", "إن", "إسرائيل", "ستعمل", "مع", "إسرائيل"]
    tags = E.align(toks, [{"text": "بنيامين نتانياهو", "label": "PERS"}, {"text": "إسرائيل", "label": "LOC"},
                          {"text": "إسرائيل", "label": "LOC"}])
    assert tags == ["O", "O", "O", "O", "B-PERS", "I-PERS", "O", "B-LOC", "O", "O", "B-LOC"]
    with pytest.raises(ValueError, match="whole tokens"):
        E.align(toks, [{"text": "نتانيا", "label": "PERS"}])  # part of a token
    with pytest.raises(ValueError, match="order"):
        E.align(toks, [{"text": "إن", "label": "MISC"}, {"text": "نتانياهو", "label": "PERS"}])  # out of order
    with pytest.raises(ValueError, match="label"):
        E.align(toks, [{"text": "إسرائيل", "label": "GPE"}])


def test_sentences_stay_within_a_paragraph() -> None:
    E = _extra()
    text = "قال الرئيس إن الوضع صعب جدا في البلاد اليوم\nوأضاف أن الحكومة ستعمل على حل الأزمة في أقرب وقت ممكن ."
    sents = E.sentences(text)
    assert len(sents) == 1
    start, end, toks = sents[0]
    assert text[start:end].startswith("وأضاف") and toks[-1] == "."


def _rows() -> list[tuple[str, int, dict]]:
    return [(p.name, n, json.loads(line)) for p in sorted(DATA.glob("ner_*.jsonl"))
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if line.strip()]


def test_annotation_files_are_well_formed() -> None:
    rows = _rows()
    if not rows:
        pytest.skip("no annotation files")
    E = _extra()
    ids = [r["id"] for _, _, r in rows]
    assert len(ids) == len(set(ids)), "duplicate sentence ids"
    for name, n, r in rows:
        where = f"{name}:{n}"
        assert set(r) == {"id", "doc", "start", "end", "entities"}, where
        assert r["id"].startswith(name.removeprefix("ner_").removesuffix(".jsonl") + "-"), where
        assert 0 <= r["start"] < r["end"], where
        for e in r["entities"]:
            assert e["label"] in E.LABELS and e["text"].strip() == e["text"] and e["text"], where


def test_annotations_align_with_the_articles() -> None:
    E = _extra()
    if not E.ANT.is_file():
        pytest.skip("../shared (ANT news) not present")
    rows = _rows()
    if not rows:
        pytest.skip("no annotation files")
    sents = E.load(sorted(DATA.glob("ner_*.jsonl")))
    assert len(sents) == len(rows)
    n_ent = sum(t.startswith("B-") for _, tags in sents for t in tags)
    assert n_ent == sum(len(r["entities"]) for _, _, r in rows)


def test_held_out_batches_are_not_training_files() -> None:
    E = _extra()
    names = {E.batch_name(p) for p in E.training_files()}
    assert not names & set(E.HELD_OUT)
