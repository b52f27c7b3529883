"""Reciprocal acts (agreements, clashes) are coded once per direction (data/mutual.tsv)."""

from __future__ import annotations

import ahdath
from ahdath.events.coder import MUTUAL, is_mutual
from ahdath.model import Document

TYPES = {"AGREE", "COOPERATE", "ASSAULT", "RETREAT"}


def test_mutual_table_format() -> None:
    rows = [line.split("\t") for line in MUTUAL.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert rows[0] == ["type", "word"]
    for row in rows[1:]:
        assert len(row) == 2 and row[0] in TYPES and row[1] and " " not in row[1], row


def test_is_mutual_reads_the_cue_words() -> None:
    assert is_mutual("ASSAULT", "اشتباكات")
    assert is_mutual("AGREE", "وقع ... اتفاقيه")
    assert not is_mutual("ASSAULT", "قصف")
    assert is_mutual("RETREAT", "وقف ... اطلاق النار")  # a ceasefire binds both sides
    assert not is_mutual("RETREAT", "انسحاب")
    assert not is_mutual("CONSULT", "اتفاق")  # a meeting stays one record (its initiator is the actor)
    # coded one way in most annotations: cooperation with someone, a battle (singular)
    assert not any(is_mutual("COOPERATE", w) for w in ("تعاون", "تنسيق", "تحالف")) and is_mutual("COOPERATE", "مشترك")
    assert not is_mutual("ASSAULT", "معركه") and is_mutual("ASSAULT", "معارك")
    assert is_mutual("AGREE", "توصل") and is_mutual("ASSAULT", "اشتبك") and is_mutual("RETREAT", "صفقه تبادل")


def test_clashes_give_both_directions() -> None:
    pipe = ahdath.load(components=("language", "actors", "quotes", "events"))
    doc = pipe(Document(id="t", text="اندلعت اشتباكات عنيفة بين الجيش السوري وتنظيم داعش في ريف دير الزور.", date="2018-05-01"))
    dyads = {(e.actor.country, e.recipient.country) for e in doc.events if e.type == "ASSAULT" and e.actor and e.recipient}
    reverse = {(b, a) for a, b in dyads}
    assert dyads and dyads == reverse, dyads


def test_a_ceasefire_with_words_inside_binds_both_sides() -> None:
    pipe = ahdath.load(components=("language", "actors", "quotes", "events"))
    text = "أعلن الرئيس الأمريكي التوصل إلى وقف «كامل وشامل» لإطلاق النار بين إيران وإسرائيل."
    doc = pipe(Document(id="t", text=text, date="2025-06-24"))
    dyads = {(e.actor.country, e.recipient.country) for e in doc.events if e.type == "RETREAT" and e.actor and e.recipient}
    assert dyads == {("IRN", "ISR"), ("ISR", "IRN")}, [(e.type, e.trigger.text, e.reason) for e in doc.events]
    assert not any(e.type == "ASSAULT" for e in doc.events)  # لإطلاق النار inside the ceasefire is no shooting


def test_a_deal_signed_it_binds_its_signatories_and_their_partner_after_maa() -> None:
    """«الصفقة التي وقعتها X وY مع إيران»: the pronoun is the deal; the partner follows مع; both directions."""
    assert is_mutual("AGREE", "وقعتها")
    pipe = ahdath.load(components=("language", "actors", "quotes", "events"))
    text = "ولطالما انتقد ترامب الصفقة التي وقعتها الولايات المتحدة وروسيا والصين مع إيران في عام 2015."
    doc = pipe(Document(id="t", text=text, date="2018-04-24"))
    dyads = {(e.actor.country, e.recipient.country) for e in doc.events if e.type == "AGREE" and e.actor and e.recipient}
    assert {("USA", "IRN"), ("RUS", "IRN"), ("CHN", "IRN"), ("IRN", "USA")} <= dyads, dyads
    assert ("USA", "RUS") not in dyads
