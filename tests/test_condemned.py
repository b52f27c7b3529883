"""Condemning an act condemns its doer (events/condemned.py), and a «كل من» list is the actors' list."""

from __future__ import annotations

import ahdath
from ahdath.events.condemned import _words, cue_kind, is_blame
from ahdath.model import Document


def _events(text: str, date: str = "2025-06-14") -> list:
    return ahdath.load()(Document(id="t", text=text, date=date)).events


def test_word_list_roles() -> None:
    words = _words()
    assert set(words) == {"gap", "victim", "anaphor", "blame"}
    assert "علي" in words["victim"] and "بشده" in words["gap"]


def test_the_adjective_names_the_condemned() -> None:
    evs = [e for e in _events("كما ندد كل من العراق وقطر وسلطنة عمان بالهجوم الإسرائيلي، محذرين من انزلاق المنطقة.")
           if e.type == "ACCUSE"]
    assert {e.actor.name for e in evs} == {"Iraq", "Qatar", "Oman"}, [e.reason for e in evs]  # كل من: Iraq too
    assert all(e.recipient is not None and e.recipient.country == "ISR" for e in evs), [e.reason for e in evs]
    assert all(e.recipient.sector == "MIL" for e in evs), [e.recipient for e in evs]  # the attack's doer: its forces


def test_an_earlier_attack_names_the_condemned_not_its_victim() -> None:
    text = "شنت إسرائيل غارة على مقر لحماس في الدوحة. وأدانت السعودية والإمارات ومصر الاعتداء على قطر."
    evs = [e for e in _events(text) if e.type == "ACCUSE"]
    assert {e.actor.name for e in evs} == {"Saudi Arabia", "United Arab Emirates", "Egypt"}
    assert all(e.recipient is not None and e.recipient.name == "Israel" for e in evs), [e.reason for e in evs]


def test_a_named_accused_is_kept() -> None:
    # the recipient stands before the act's noun: the accused is named, nothing to infer
    evs = [e for e in _events("اتهمت إيران إسرائيل بالهجوم على منشأة نطنز.") if e.type == "ACCUSE"]
    assert evs and evs[0].recipient is not None and evs[0].recipient.name == "Israel", [e.reason for e in evs]
    assert "condemned act" not in evs[0].reason


def test_the_object_of_a_killing_is_not_its_doer() -> None:
    # «قتل المدنيين»: the civilians are the victims of the act, not the ones condemned
    text = "وتحدث هنية عن استمرار الجرائم وقتل المدنيين على يد الكيان الصهيوني."
    evs = [e for e in _events(text, "2023-10-14") if e.type == "ACCUSE"]
    assert not any(e.recipient is not None and e.recipient.sector == "CVL" and "condemned act" in e.reason for e in evs)


def test_a_condemned_crime_refers_to_the_attack_before() -> None:
    text = "اغتالت إسرائيل إسماعيل هنية في طهران. وأدانت كل من مصر وتركيا عملية الاغتيال."
    evs = [e for e in _events(text, "2024-08-01") if e.type == "ACCUSE"]
    assert {e.actor.name for e in evs} == {"Egypt", "Turkey"}, [e.reason for e in evs]
    assert all(e.recipient is not None and e.recipient.name == "Israel" for e in evs), [e.reason for e in evs]


def test_the_condemned_strikes_are_the_earlier_strikes_not_later_clashes() -> None:
    # the latest attack coded is the clashes; «بالغارات» names the strikes, so their doer is the one condemned
    text = ("شن الجيش الإسرائيلي غارات على دمشق. واندلعت اشتباكات بين فصائل مسلحة والعشائر في السويداء. "
            "كما نددت السعودية وقطر بالغارات.")
    evs = [e for e in _events(text, "2025-07-17") if e.type == "ACCUSE"]
    assert {e.actor.name for e in evs} == {"Saudi Arabia", "Qatar"}, [e.reason for e in evs]
    assert all(e.recipient is not None and e.recipient.country == "ISR" for e in evs), [(e.recipient, e.reason) for e in evs]


def test_cue_kind_is_singular() -> None:
    assert cue_kind("شن ... غارات") == cue_kind("شن ... غاره") == frozenset({"شن", "غاره"})


def test_an_act_of_no_earlier_kind_is_the_leads() -> None:
    # «الغارات» matches no earlier attack's words: the lead's strikes, not the background attack coded after them
    text = ("شنت الولايات المتحدة، فجر اليوم، ضربات جوية على مواقع للحوثيين في اليمن. "
            "وكان الحوثيون قد هاجموا سفينة تجارية في البحر الأحمر الأسبوع الماضي. وأدانت إيران الغارات ووصفتها بأنها عدوان.")
    evs = [e for e in _events(text, "2024-01-12") if e.type == "ACCUSE" and e.actor is not None and e.actor.country == "IRN"]
    assert evs and evs[0].recipient is not None and evs[0].recipient.country == "USA", [(e.recipient, e.reason) for e in evs]
    assert "condemned act" in evs[0].reason


def test_an_unclaimed_act_is_the_blamed_ones() -> None:
    # no attack names its doer (a passive verb): the one the article holds responsible is the condemned
    assert is_blame("حمل ... مسووليه") and not is_blame("ادان")
    text = ("اغتيل رئيس المكتب السياسي لحركة حماس إسماعيل هنية، فجر أمس، في العاصمة الإيرانية طهران. "
            "وحمّلت حماس في بيان إسرائيل المسؤولية عن عملية الاغتيال. وأدانت كل من مصر وتركيا عملية الاغتيال.")
    evs = [e for e in _events(text, "2024-08-01") if e.type == "ACCUSE" and e.actor is not None and e.actor.country in ("EGY", "TUR")]
    assert {e.actor.country for e in evs} == {"EGY", "TUR"}, [(e.actor, e.reason) for e in evs]
    assert all(e.recipient is not None and e.recipient.country == "ISR" for e in evs), [(e.recipient, e.reason) for e in evs]
