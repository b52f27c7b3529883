"""A welcome for a thing whose maker the sentence does not name has no recipient (events/welcomed.py)."""

from __future__ import annotations

import ahdath
from ahdath.events.lexicon import read_rows
from ahdath.events.welcomed import WORDS, _words
from ahdath.model import Document


def _support(text: str) -> list:
    doc = ahdath.load()(Document(id="t", text=text, date="2025-01-16"))
    return [e for e in doc.events if e.type == "SUPPORT"]


def test_word_list_roles() -> None:
    words = _words()
    assert set(words) == {"cue", "thing"} and "رحب" in words["cue"] and "اتفاق" in words["thing"]
    rows = [(r["word"], r["role"]) for _, r in read_rows(WORDS)]
    assert len(rows) == len(set(rows))


def test_a_welcomed_agreement_with_no_maker_has_no_recipient() -> None:
    evs = [e for e in _support("توصلت إسرائيل وحركة حماس إلى اتفاق لوقف إطلاق النار في غزة. "
                                "ورحب الرئيس المصري عبد الفتاح السيسي بالاتفاق، مشددا على أهمية إدخال المساعدات.")
           if e.trigger.text == "ورحب"]
    assert evs and all(e.recipient is None for e in evs), [(e.recipient, e.reason) for e in evs]


def test_a_maker_named_after_the_thing_stays_the_recipient() -> None:
    evs = _support("ورحبت السعودية بقرار مجلس الأمن الدولي.")
    assert [(e.recipient.country if e.recipient else None) for e in evs] == ["UNO"]


def test_a_welcomed_decision_is_left_to_the_ranker() -> None:
    # «بالقرار» names a decision whose maker the article named before: no rule takes the recipient away
    evs = [e for e in _support("أصدرت محكمة العدل الدولية رأيا استشاريا بشأن الاحتلال الإسرائيلي. "
                                "كما رحبت حركة حماس بالقرار، وقالت إنه تاريخي.") if "رحبت" in e.trigger.text]
    assert evs and all("no one named made" not in e.reason for e in evs), [e.reason for e in evs]
