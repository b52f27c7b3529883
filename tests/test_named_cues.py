"""A trigger cue inside a name is not an event (بايدن is not أيد "supported")."""

from __future__ import annotations

import ahdath
from ahdath.model import Document


def _code(text: str) -> Document:
    return ahdath.load(components=("language", "actors", "quotes", "events"))(Document(id="t", text=text, date="2023-10-14"))


def test_a_name_that_contains_a_cue_is_not_a_trigger() -> None:
    doc = _code("وقال الرئيس الأمريكي جو بايدن إن المحادثات ستستمر.")
    assert not [e for e in doc.events if e.trigger.text == "بايدن"], [(e.type, e.trigger.text) for e in doc.events]


def test_the_cue_outside_the_name_still_counts() -> None:
    doc = _code("أيد الرئيس الأمريكي جو بايدن قرار مجلس الأمن.")
    assert any(e.type == "SUPPORT" and e.trigger.text == "أيد" for e in doc.events), [(e.type, e.trigger.text) for e in doc.events]
