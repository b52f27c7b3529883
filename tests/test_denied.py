"""Denying a claim answers whoever made it (events/denied.py)."""

from __future__ import annotations

import ahdath
from ahdath.events.denied import _words
from ahdath.model import Document


def _events(text: str, date: str = "2018-07-24") -> list:
    return ahdath.load()(Document(id="t", text=text, date=date)).events


def test_word_list_roles() -> None:
    words = _words()
    assert set(words) == {"claim", "gap"}
    assert "اتهامات" in words["claim"] and "تلك" in words["gap"]


def test_the_accusers_are_the_recipients() -> None:
    text = (
        "تتهم السعودية والإمارات والبحرين ومصر قطر بدعم الإرهاب وقطعت العلاقات معها. "
        "وتنفي قطر تلك الاتهامات وتقول إن المقاطعة تمثل تعديا على سيادتها."
    )
    evs = [e for e in _events(text) if e.type == "REJECT"]
    assert evs and all(e.actor is not None and e.actor.name == "Qatar" for e in evs)
    assert {e.recipient.name for e in evs if e.recipient} == {"Saudi Arabia", "United Arab Emirates", "Bahrain", "Egypt"}
    assert all("denied claim" in e.reason for e in evs)


def test_a_claim_with_its_maker_named_keeps_it() -> None:
    # مزاعم روسيا: the maker follows the claim noun; nothing to infer from the accusation before
    text = "اتهمت بريطانيا روسيا بتسميم سكريبال. ورفضت أوكرانيا مزاعم روسيا بشأن الهجوم."
    evs = [e for e in _events(text) if e.type == "REJECT"]
    assert all("denied claim" not in e.reason for e in evs)


def test_no_accusation_before_no_recipient_invented() -> None:
    evs = [e for e in _events("ونفى الوزير هذه الاتهامات جملة وتفصيلا.") if e.type == "REJECT"]
    assert all(e.recipient is None for e in evs)
