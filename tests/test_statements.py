"""A statement whose content is an event type, with no cue of that type (events/statements.py)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

import ahdath
from ahdath.events.lexicon import plover_modes
from ahdath.events.linear import LinearModel
from ahdath.events.modes import SENTENCE_MODEL_PATH, ModeModel, sentence_mode_features
from ahdath.events.statements import statement_quote, statement_trigger, statement_types
from ahdath.model import PLOVER_TYPES, Document


def _events(text: str, date: str = "2018-07-24") -> list:
    return ahdath.load()(Document(id="t", text=text, date=date)).events


def _statements(text: str) -> list:
    return [e for e in _events(text) if "a statement:" in e.reason]


def test_types_file() -> None:
    types = statement_types()
    assert "ACCUSE" in types
    assert all(t in PLOVER_TYPES and 0.0 < p <= 1.0 for t, p in types.items())


def test_types_file_rejects_bad_rows(tmp_path: Path) -> None:
    bad = tmp_path / "types.tsv"
    bad.write_text("type\tthreshold\nACCUSED\t0.5\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a PLOVER type"):
        statement_types(bad)
    bad.write_text("type\tthreshold\nACCUSE\t1.5\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a probability"):
        statement_types(bad)


def test_an_accusation_without_an_accusation_word() -> None:
    text = "وقال وزير الخارجية البريطاني بوريس جونسون إن إيران تقف وراء زعزعة استقرار المنطقة وتدعم الميليشيات في اليمن."
    evs = [e for e in _statements(text) if e.type == "ACCUSE"]
    assert len(evs) == 1
    e = evs[0]
    assert e.trigger.text == "وقال" and text[e.trigger.start : e.trigger.end] == "وقال"
    assert e.actor is not None and e.actor.name == "Boris Johnson"
    assert e.recipient is not None and e.recipient.name == "Iran"
    assert e.status == "asserted" and 0.0 < e.confidence <= 1.0


def test_no_speaker_no_statement() -> None:
    assert not _statements("إن إيران تقف وراء زعزعة استقرار المنطقة وتدعم الميليشيات في اليمن.")


def test_a_plain_statement_is_no_event() -> None:
    assert not _statements("وقال جونسون إن الاجتماع سيعقد الأسبوع المقبل في لندن.")


def test_a_coded_cue_of_the_type_leaves_the_statement_alone() -> None:
    text = "وقالت الحكومة اليمنية إن ميليشيات الحوثي ترتكب جرائم حرب بحق المدنيين في الحديدة."
    evs = [e for e in _events(text) if e.type == "ACCUSE"]
    assert evs and not any("a statement:" in e.reason for e in evs)


def test_the_statement_keeps_its_quote() -> None:
    # اعتبر is no plain reporting verb: a quote whose cue is coded as an event is dropped (quotes/link.py), but
    # an event read off the quote's content is the quote's, and the quote stays, linked both ways
    text = "واعتبر وزير الخارجية البريطاني بوريس جونسون أن إيران تقف وراء زعزعة استقرار المنطقة."
    doc = ahdath.load()(Document(id="t", text=text, date="2018-05-14"))
    (e,) = [e for e in doc.events if "a statement:" in e.reason]
    assert e.type == "ACCUSE" and e.trigger.text == "واعتبر"
    assert len(doc.quotes) == 1 and doc.quotes[0].cue.text == "واعتبر"
    assert e.quote == 0 and e.id in doc.quotes[0].events


def test_a_dropped_cue_gives_way_to_a_strong_statement() -> None:
    # الانقلابين is an ACCUSE cue the event filter drops here; the sentence model reads an accusation with
    # p >= OVERRIDE_P, so the statement is coded (with a weaker sentence reading it would not be)
    text = "وقال وزير الخارجية اليمني خالد اليماني إن التصريحات التي أدلى بها المبعوث الأممي مارتن غريفث تبرر مواقف الانقلابين الحوثيين."
    (e,) = [e for e in _statements(text) if e.type == "ACCUSE"]
    assert "dropped by the event filter" in e.reason
    assert e.actor is not None and e.actor.name == "Khaled al-Yamani"
    assert e.recipient is not None and e.recipient.name == "Martin Griffiths"


def test_a_statement_takes_its_mode_from_the_whole_sentence() -> None:
    text = "وقال وزير الخارجية البريطاني بوريس جونسون إن إيران تقف وراء زعزعة استقرار المنطقة وتدعم الميليشيات في اليمن."
    (e,) = [e for e in _statements(text) if e.type == "ACCUSE"]
    assert "sentence mode model" in e.reason and e.mode in plover_modes()["ACCUSE"]
    # the sentence mode model reads the words of the whole sentence, not the speech verb's neighbours
    doc = ahdath.load()(Document(id="t", text=text, date="2018-07-24"))
    sent = doc.sentences[0]
    qi = statement_quote(doc, sent)
    assert qi is not None
    m = statement_trigger(doc, sent, doc.quotes[qi], "ACCUSE", 0.9)
    assert m is not None
    coder = copy.copy(dict(ahdath.load().components)["events"])  # a copy: the cached pipeline's coder stays as it is
    for mode in ("allege", "disapprove"):
        coder.sentence_mode_model = ModeModel(LinearModel(
            {f"ACCUSE|{mode}:sw=ميليشيات": 5.0}, {"ACCUSE|allege": 0.0, "ACCUSE|disapprove": 0.0}, {}, kind="softmax"))
        got, why = coder._statement_mode(doc, sent, m, "ACCUSE")
        assert got == mode and "whole sentence" in why
    coder.sentence_mode_model = None  # no such model: the mode model at the speech verb, as for a cue
    got, why = coder._statement_mode(doc, sent, m, "ACCUSE")
    assert "sentence mode model" not in why


def test_sentence_mode_features() -> None:
    doc = ahdath.load()(Document(id="t", text="أدانت مصر الهجوم، وأدانت الأردن الهجوم.", date="2018-07-24"))
    feats = sentence_mode_features(doc.tokens, 0, len(doc.tokens))
    assert len(feats) == len(set(feats)) and all(f.startswith("sw=") for f in feats)
    assert not any(f in ("sw=،", "sw=.") for f in feats)


def test_the_shipped_sentence_mode_model_covers_the_statement_types_with_modes() -> None:
    model = ModeModel.load(SENTENCE_MODEL_PATH)
    assert model is not None
    with_modes = [t for t in statement_types() if plover_modes().get(t)]
    assert with_modes and all(model.predict(t, []) is not None for t in with_modes)
