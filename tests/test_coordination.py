"""A verb joined by و to an earlier clause shares that clause's subject (وأدان X ...، وحمّل Y مسؤولية ...)."""

from __future__ import annotations

import ahdath
from ahdath.events.arguments import MentionIndex, is_construct
from ahdath.events.coder import EventCoder, coordinated_verb
from ahdath.model import Document

TEXT = "وأدان الصفدي الغارات الإسرائيلية على المستشفيات في غزة، وحمّل الحكومة الإسرائيلية مسؤولية تدهور الأوضاع الإنسانية."


def _doc() -> Document:
    pipe = ahdath.load(components=("language", "actors", "quotes", "events"))
    return pipe(Document(id="t", text=TEXT, date="2023-10-14"))


def test_coordinated_verb_kinds() -> None:
    doc = _doc()
    coder = EventCoder.load()
    idx = MentionIndex(doc)
    ms = coder.matches(doc, idx)
    blame = next(m for m in ms if m.text.startswith("وحمّل"))
    condemn = next(m for m in ms if m.text.startswith("وأدان"))
    sent = doc.sentences[0]
    safadi = next(x for x in idx.mentions if x.actor.text == "الصفدي")
    assert coordinated_verb(doc, sent, blame, safadi) == "wa"
    assert coordinated_verb(doc, sent, blame, None) is None
    assert coordinated_verb(doc, sent, condemn, safadi) is None  # the subject comes after this verb


def test_the_shared_subject_blames_the_object() -> None:
    doc = _doc()
    blames = [e for e in doc.events if e.trigger.text.startswith("وحمّل")]
    assert blames, [(e.type, e.trigger.text) for e in doc.events]
    e = blames[0]
    assert e.type == "ACCUSE"
    assert e.actor.country == "JOR" and e.actor.sector == "GOV", (e.actor.text, e.reason)
    assert e.recipient is not None and e.recipient.country == "ISR", e.reason


def test_both_sides_in_one_list_the_first_acts_towards_the_rest() -> None:
    text = "وجرت المحادثات بين إيران والاتحاد الأوروبي وألمانيا وفرنسا وبريطانيا في فيينا."
    pipe = ahdath.load()
    coder = dict(pipe.components)["events"]
    doc = pipe(Document(id="t", text=text, date="2018-05-01"))
    talks = [d for d in coder.triggers(doc) if d.type == "CONSULT"]  # before the event filter
    assert talks
    d = talks[0]
    assert [a.name for a in d.sides.actors if a] == ["Iran"], d.sides.how
    assert {r.name for r in d.sides.recipients if r} == {"European Union", "Germany", "France", "United Kingdom"}, d.sides.how


def test_a_mention_after_a_bare_noun_is_in_construct() -> None:
    pipe = ahdath.load(components=("language", "actors"))
    doc = pipe(Document(id="t", text="واعتبر دعم أمريكا المتواصل لإسرائيل السبب الرئيسي. وقالت أمريكا إن", date="2023-10-14"))
    idx = MentionIndex(doc)
    usa = [x for x in idx.mentions if x.actor.text == "أمريكا"]
    assert len(usa) == 2
    first, second = usa
    assert is_construct(doc, first, doc.sentences[0])  # دعم أمريكا
    assert not is_construct(doc, second, doc.sentences[1])  # وقالت أمريكا: after a verb with a clitic


def test_a_list_before_a_one_way_act_is_its_actors() -> None:
    # one record per actor (guidelines §1: "Iran and Turkey condemned X" gives two records), not the first
    # country condemning the others
    pipe = ahdath.load()
    doc = pipe(Document(id="t", text="وأدانت قطر وتركيا وروسيا عملية الاغتيال.", date="2024-07-31"))
    accuse = [e for e in doc.events if e.type == "ACCUSE"]
    assert {e.actor.name for e in accuse if e.actor} == {"Qatar", "Turkey", "Russia"}, [e.reason for e in accuse]
    assert not any(e.recipient and e.recipient.name in {"Qatar", "Turkey", "Russia"} for e in accuse)


def test_a_titled_list_before_a_one_way_act_is_its_actors() -> None:
    # the ranker may point at a member's name (ميركل) rather than its title, which is the list's member
    from ahdath.events.arguments import list_mentions

    text = "حذر الرئيس الفرنسي إيمانويل ماكرون والمستشارة الألمانية أنغيلا ميركل من تفاقم الوضع الإنساني في إدلب."
    doc = ahdath.load()(Document(id="t", text=text, date="2018-09-08"))
    idx = MentionIndex(doc)
    first = next(x for x in idx.mentions if x.actor.text == "الرئيس الفرنسي")
    assert [x.actor.text for x in list_mentions(doc, idx, first, doc.sentences[0])] == [
        "الرئيس الفرنسي", "إيمانويل ماكرون", "المستشارة الألمانية", "أنغيلا ميركل"]
    warns = [e for e in doc.events if e.type == "THREATEN"]
    assert {e.actor.name for e in warns if e.actor} == {"Emmanuel Macron", "Angela Merkel"}, [e.reason for e in warns]
    assert not any(e.recipient and e.recipient.country in {"FRA", "DEU"} for e in warns)


def test_a_title_and_its_name_are_one_member_of_a_list() -> None:
    from ahdath.events.arguments import coordinated, list_head

    text = ("فيما دعا الأمين العام للأمم المتحدة أنطونيو غوتيريس ووزيرة خارجية الاتحاد الأوروبي فيديريكا موغيريني "
            "إلى إجراء تحقيق مستقل.")
    pipe = ahdath.load(components=("language", "ner", "actors"))
    doc = pipe(Document(id="t", text=text, date="2018-04-05"))
    idx = MentionIndex(doc)
    sent = doc.sentences[0]
    mogherini = next(x for x in idx.mentions if x.actor.text == "فيديريكا موغيريني")
    members = coordinated(doc, idx, list_head(doc, idx, mogherini, sent), sent)
    assert [m.actor.name for m in members] == ["Antonio Guterres", "Federica Mogherini"]
    assert [m.actor.country for m in members] == ["UNO", "EUR"]


def test_a_recipient_list_is_whole_wherever_the_ranker_points() -> None:
    from ahdath.events.arguments import coordinated, list_head

    pipe = ahdath.load(components=("language", "ner", "actors"))
    doc = pipe(Document(id="t", text="أعلنت الجزائر استدعاء سفيريها لدى مالي والنيجر للتشاور.", date="2025-04-08"))
    idx = MentionIndex(doc)
    sent = doc.sentences[0]
    niger = next(x for x in idx.mentions if x.actor.country == "NER")
    assert list_head(doc, idx, niger, sent) is niger  # لدى مالي: a preposition, no subject list
    head = list_head(doc, idx, niger, sent, subject=False)  # but a recipient list all the same
    assert [m.actor.country for m in coordinated(doc, idx, head, sent)] == ["MLI", "NER"]
    doc = pipe(Document(id="t", text="اندلعت مواجهات بين الجيش السوداني وقوات الدعم السريع في الخرطوم.", date="2024-04-08"))
    idx = MentionIndex(doc)
    rsf = next(x for x in idx.mentions if "الدعم السريع" in x.actor.text)
    assert list_head(doc, idx, rsf, doc.sentences[0], subject=False) is rsf  # بين X وY: two sides, not one list


def test_the_coder_codes_each_member_of_a_recipient_list() -> None:
    doc = ahdath.load()(Document(id="t", text="دعا وزير الخارجية الأمريكي أنتوني بلينكن إسرائيل وحركة حماس إلى وقف إطلاق النار.",
                                 date="2024-01-10"))
    requests = [e for e in doc.events if e.type == "REQUEST"]
    assert {e.recipient.country for e in requests if e.recipient} == {"ISR", "PSE"}, [(e.recipient, e.reason) for e in requests]


def test_a_conjunction_the_segmenter_left_on_a_name_still_joins_the_list() -> None:
    """«وسلوفاكيا» stays one token (the segmenter keeps unknown و-words whole); its actor starts after the و."""
    from ahdath.events.arguments import after_wa, coordinated, list_head

    text = "وتعارض كل من المجر وسلوفاكيا وبولندا والتشيك برنامجا للاتحاد الأوروبي."
    pipe = ahdath.load(components=("language", "ner", "actors"))
    doc = pipe(Document(id="t", text=text, date="2018-05-29"))
    idx = MentionIndex(doc)
    sent = doc.sentences[0]
    slovakia = next(x for x in idx.mentions if x.actor.country == "SVK")
    assert after_wa(doc, slovakia) and not after_wa(doc, next(x for x in idx.mentions if x.actor.country == "HUN"))
    members = coordinated(doc, idx, list_head(doc, idx, slovakia, sent), sent)
    assert [m.actor.country for m in members] == ["HUN", "SVK", "POL", "CZE"]


def test_and_another_before_a_nisba_is_one_more_member() -> None:
    from ahdath.events.arguments import coordinated

    text = "قصفت مدمرات أميركية وطائرات حربية بريطانية وأخرى فرنسية مواقع تابعة للنظام السوري."
    pipe = ahdath.load(components=("language", "ner", "actors"))
    doc = pipe(Document(id="t", text=text, date="2018-04-14"))
    idx = MentionIndex(doc)
    first = next(x for x in idx.mentions if x.actor.country == "USA")
    assert [m.actor.country for m in coordinated(doc, idx, first, doc.sentences[0])] == ["USA", "GBR", "FRA"]
