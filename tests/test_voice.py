"""Passive and counted verbs: the mention after them suffered the act (اغتيل X بغارة إسرائيلية)."""

from __future__ import annotations

import ahdath
from ahdath.events.arguments import VOICE_WORDS, MentionIndex, clause_marks, first_person, trigger_voice
from ahdath.events.coder import EventCoder, SideChoice, is_nominal
from ahdath.model import Document


def _voices(text: str) -> dict[str, str]:
    pipe = ahdath.load(components=("language", "actors"))
    doc = pipe(Document(id="t", text=text))
    coder = EventCoder.load()
    sent = doc.sentences[0]
    return {m.text: trigger_voice(doc, sent, m.head, m.end_tok, is_nominal(doc, sent, m), m.gapped)
            for m in coder.matches(doc, MentionIndex(doc))}


def test_voice_words_format() -> None:
    rows = [line.split("\t") for line in VOICE_WORDS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert rows[0] == ["word", "kind"]
    assert all(len(r) == 2 and r[1] in ("passive", "number", "first", "vow") and " " not in r[0] for r in rows[1:])


def test_trigger_voice() -> None:
    assert _voices("اغتيل القيادي صالح العاروري.")["اغتيل"] == "passive"
    assert _voices("قتل 20 شخصا في انفجار.")["قتل"] == "counted"
    assert _voices("قتل ثمانية من عناصر الشرطة.")["قتل"] == "counted"
    assert _voices("قتلت القوات مسلحين.")["قتلت"] == "active"
    # the subject in a cue's gap: a count after the cue is the released, not a sign of an agentless verb
    assert _voices("أطلق سراح 39 فلسطينيا.")["أطلق سراح"] == "counted"
    assert _voices("وأطلقت السلطات سراح العشرة الآخرين.")["وأطلقت السلطات سراح"] == "active"


def _sides(text: str, cue: str, date: str) -> SideChoice:
    """The sides the coder chooses for the trigger ``cue`` (before the sentence gate and event filter)."""
    pipe = ahdath.load()
    coder = dict(pipe.components)["events"]
    doc = pipe(Document(id="t", text=text, date=date))
    idx = MentionIndex(doc)
    matches = coder.matches(doc, idx)
    idx.marks = clause_marks(doc, [m.head for m in matches])
    m = next(m for m in matches if m.cue == cue)
    return coder._model_sides(doc, idx, doc.sentences[doc.tokens[m.start_tok].sent], m, m.type, None)


def test_the_patient_of_a_passive_is_the_recipient() -> None:
    ch = _sides("اغتيل القيادي في حماس صالح العاروري بغارة إسرائيلية في الضاحية الجنوبية لبيروت.", "اغتال", "2024-01-03")
    assert [a.country for a in ch.actors if a] == ["ISR"], ch.how
    assert [(r.country, r.sector) for r in ch.recipients if r] == [("PSE", "REB")], ch.how


def test_an_agentless_count_is_not_coded_with_a_place_as_actor() -> None:
    doc = ahdath.code("قتل 20 شخصا في بغداد أمس.", date="2024-01-03")
    assert not [e for e in doc.events if e.trigger.text == "قتل" and e.actor is not None and e.actor.text == "بغداد"]


def test_a_name_in_apposition_to_a_place_is_no_agent_of_a_passive() -> None:
    # «في العاصمة الإيرانية طهران»: the nisba and the capital both say where, not who
    ch = _sides("اغتيل رئيس المكتب السياسي لحركة حماس إسماعيل هنية، فجر أمس الأربعاء، في استهداف لمقر إقامته في العاصمة الإيرانية طهران.",
                "اغتال", "2024-08-01")
    assert ch.actors == [None], ch.how
    assert "agentless" in ch.how


def test_an_agentless_passive_is_coded_with_no_actor() -> None:
    doc = ahdath.code("اعتقل ثلاثة ناشطين في القاهرة.", date="2024-01-03")
    hits = [e for e in doc.events if e.type == "COERCE"]
    assert hits, [(e.type, e.trigger.text) for e in doc.events]
    e = hits[0]
    assert e.actor is None and "agentless" in e.reason
    assert e.recipient is not None and e.recipient.text == "ناشطين"
    assert doc.to_dict()["events"][0]["actor"] is None


def _first_person(text: str) -> dict[str, bool]:
    pipe = ahdath.load(components=("language", "actors"))
    doc = pipe(Document(id="t", text=text))
    coder = EventCoder.load()
    sent = doc.sentences[0]
    return {m.cue: first_person(doc, sent, m.start_tok, m.head) for m in coder.matches(doc, MentionIndex(doc))}


def test_first_person() -> None:
    assert _first_person("سنواصل مواجهة العدوان بكل قوة.")["عدوان"]
    assert _first_person("لن نسمح بالعدوان على شعبنا.")["عدوان"]
    assert not _first_person("ستواصل القوات العدوان على غزة.")["عدوان"]
    assert not _first_person("واصلت القوات العدوان على غزة.")["عدوان"]


def test_a_first_person_act_in_a_quote_is_the_speakers() -> None:
    text = "وقال زياد النخالة: رغم قتل المدنيين على يد الاحتلال فإن روح المقاومة عالية، وسنهاجم مواقع الجيش الإسرائيلي."
    pipe = ahdath.load()
    coder = dict(pipe.components)["events"]
    doc = pipe(Document(id="t", text=text, date="2023-10-14"))
    hits = [d for d in coder.triggers(doc) if d.match.cue == "هاجم"]  # before the event filter
    assert hits
    assert all([a.name for a in d.sides.actors] == ["Ziyad al-Nakhalah"] for d in hits), [d.sides.how for d in hits]


def test_an_attack_named_by_a_nisba_is_the_armed_forces() -> None:
    # غارة إسرائيلية: Israel (the identity kept) with the sector of its armed forces; a named state keeps no sector
    evs = [e for e in ahdath.code("قتل خمسة أشخاص في غارة إسرائيلية على خان يونس.", date="2024-05-14").events if e.type == "ASSAULT"]
    assert evs and evs[0].actor is not None, [(e.actor, e.reason) for e in evs]
    assert (evs[0].actor.name, evs[0].actor.country, evs[0].actor.sector) == ("Israel", "ISR", "MIL"), evs[0].actor
    target = [e for e in ahdath.code("شنت إسرائيل غارات على مواقع إيرانية في سوريا.", date="2024-05-14").events
              if e.type == "ASSAULT" and e.recipient is not None and e.recipient.text == "إيرانية"]
    assert target and (target[0].recipient.name, target[0].recipient.sector) == ("Iran", "MIL"), target
    sanction = [e for e in ahdath.code("وتخضع إيران لعقوبات أمريكية مشددة منذ عام 2018.", date="2024-05-14").events
                if e.type == "SANCTION" and e.actor is not None]
    assert sanction and (sanction[0].actor.name, sanction[0].actor.sector) == ("United States", "GOV"), sanction
    accuse = [e for e in ahdath.code("وتواجه الحكومة اتهامات أمريكية بدعم الإرهاب.", date="2024-05-14").events if e.type == "ACCUSE"]
    assert accuse and (accuse[0].actor.name, accuse[0].actor.sector) == ("United States", "GOV"), accuse
    protest = [e for e in ahdath.code("شهدت غزة مظاهرات حاشدة تنديدا بالحصار.", date="2018-04-02").events if e.type == "PROTEST"]
    assert protest and (protest[0].actor.country, protest[0].actor.sector) == ("PSE", "CVL"), protest  # its people
    named = [e for e in ahdath.code("قصفت إسرائيل مواقع في خان يونس.", date="2024-05-14").events if e.type == "ASSAULT"]
    assert named and named[0].actor is not None and named[0].actor.sector == "", named[0].actor
