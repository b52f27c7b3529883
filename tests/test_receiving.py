"""Verbs whose subject receives the act (تلقى اتصالا من X): the caller after من is the actor."""

from __future__ import annotations

import ahdath
from ahdath.events.coder import RECEIVING, is_receiving
from ahdath.model import Document


def test_receiving_table_format() -> None:
    words = [w for w in RECEIVING.read_text(encoding="utf-8").splitlines() if w and not w.startswith("#")]
    assert words[0] == "word" and all(" " not in w and "\t" not in w for w in words[1:])


def test_is_receiving_reads_the_first_cue_word() -> None:
    assert is_receiving("تلقي ... اتصال هاتفي")
    assert not is_receiving("اجري ... اتصال هاتفي")


def test_the_caller_is_the_actor_of_a_received_call() -> None:
    pipe = ahdath.load(components=("language", "actors", "quotes", "events"))
    text = "تلقى الرئيس المصري عبد الفتاح السيسي اتصالا هاتفيا من الرئيس الأمريكي جو بايدن بحثا خلاله الأوضاع في غزة."
    doc = pipe(Document(id="t", text=text, date="2023-10-14"))
    calls = [e for e in doc.events if e.type == "CONSULT" and e.mode == "phone"]
    assert calls and all(e.actor.country == "USA" and e.recipient is not None and e.recipient.country == "EGY" for e in calls), [
        (e.actor.text, e.recipient.text if e.recipient else None) for e in calls
    ]
