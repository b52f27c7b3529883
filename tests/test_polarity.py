"""Evaluative cues take their type from the polarity of the description (data/polarity.tsv)."""

from __future__ import annotations

import pytest

import ahdath
from ahdath.events.arguments import MentionIndex
from ahdath.events.coder import EventCoder
from ahdath.events.lexicon import TriggerLexicon, read_rows
from ahdath.events.polarity import DATA, Polarity
from ahdath.model import Document


@pytest.fixture(scope="module")
def pipe():  # noqa: ANN201
    return ahdath.load(components=("language", "actors", "quotes", "events"))


def _description(text: str) -> str | None:
    doc = ahdath.load(components=("language",))(Document(id="t", text=text))
    return Polarity.load().description(doc, doc.sentences[0], 0)


def test_description_polarity() -> None:
    assert _description("بالدبلوماسية الإسلامية الديناميكية") == "pos"
    assert _description("بأنه أسوأ اتفاق") == "neg"
    assert _description("بأنه قرار غير إيجابي") == "neg"  # a negator turns the next word around
    assert _description("بأنه إنجاز رغم الجرائم") == "mixed"
    assert _description("بأنه خطوة في الاتجاه") is None
    assert _description("القرار. إنه إنجاز") is None  # the clause ends at the full stop


def _describe(pipe, text: str) -> str | None:  # noqa: ANN001
    coder = dict(pipe.components)["events"]
    doc = pipe(Document(id="t", text=text, date="2023-10-14"))
    m = next(m for m in coder.matches(doc, MentionIndex(doc)) if m.cue == "وصف")
    return coder.polarity.positive_type(doc, doc.sentences[0], m)


def test_evaluative_cue_follows_its_description(pipe) -> None:  # noqa: ANN001
    assert _describe(pipe, "شكر هنية إيران على مواقفها التي وصفها بالدبلوماسية الإسلامية الديناميكية.") == "SUPPORT"
    assert _describe(pipe, "ووصف ترامب الاتفاق النووي بأنه أسوأ اتفاق.") is None
    assert _describe(pipe, "ووصف ترامب الاتفاق النووي في مؤتمر صحفي.") is None  # no evaluative word: the lexicon's reading
    # End to end with the lexicon coder alone (recoding the pipeline's document): whether the learned classifier and filter keep this
    # sentence's event at all is their call and moves with each retraining; the type is the polarity's.
    rules = EventCoder.load(use_model=False, resolver=dict(pipe.components)["actors"])
    blame = rules(pipe(Document(id="b", text="ووصف ترامب الاتفاق النووي بأنه أسوأ اتفاق.", date="2018-07-13")))
    assert [e.type for e in blame.events] == ["ACCUSE"], [(e.type, e.reason) for e in blame.events]


def test_data_files_are_well_formed() -> None:
    lines = [x for x in (DATA / "polarity.tsv").read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]
    assert all(len(x.split("\t")) == 2 for x in lines), "every row has exactly two columns"
    words = [(row["word"], row["polarity"]) for _, row in read_rows(DATA / "polarity.tsv")]
    assert words and all(w and p in ("pos", "neg", "not") for w, p in words)
    assert len({w for w, _ in words}) == len(words), "duplicate words"
    lexicon = {c.cue: c.type for c in TriggerLexicon.load().cues}
    for cue, typ in ((row["cue"], row["positive_type"]) for _, row in read_rows(DATA / "evaluative_cues.tsv")):
        assert lexicon.get(cue) == "ACCUSE", cue  # listed with its usual (negative) reading
        assert typ == "SUPPORT"
