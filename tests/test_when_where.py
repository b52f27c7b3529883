"""Event place (gazetteer) and date (relative expressions) resolution."""

from __future__ import annotations

import pytest

from ahdath.events.place import Locator, locative_before
from ahdath.events.when import DateResolver
from ahdath.language import analyze
from ahdath.model import Document


def _doc(text: str, date: str | None = "2018-03-21") -> Document:
    return analyze(Document("t", text, date=date))


@pytest.mark.parametrize(
    ("text", "name", "country", "surface"),
    [
        ("قصفت الطائرات مواقع في مدينة حلب شمال سوريا.", "Aleppo", "SYR", "حلب"),
        ("تظاهر آلاف المواطنين في عمّان تضامنا مع غزة.", "Amman", "JOR", "عمّان"),
        ("استقبل الوزير نظيره بالقاهرة أمس.", "Cairo", "EGY", "بالقاهرة"),
    ],
)
def test_place_with_cue(text: str, name: str, country: str, surface: str) -> None:
    doc = _doc(text)
    loc = Locator.load().locate(doc, doc.sentences[0], 0)
    assert loc is not None and loc["name"] == name and loc["country"] == country
    assert doc.text[loc["start"] : loc["end"]] == surface == loc["text"]
    assert -90 <= loc["lat"] <= 90 and loc["reason"]


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("التقى ترامب الشرع في العاصمة السعودية الرياض.", "الرياض", True),
        ("وصل الوزير إلى مدينة غزة أمس.", "غزة", True),
        ("دعا الرئيس الحكومة السورية إلى الحوار.", "إلى", False),  # a nisba after a non-place noun
        ("انتقد الوزير الحكومة الإيرانية روحاني.", "روحاني", False),
    ],
)
def test_locative_before(text: str, word: str, expected: bool) -> None:
    """A place name after a locative cue, or after a place noun and its nisba (العاصمة السعودية الرياض)."""
    doc = _doc(text)
    i = next(t.i for t in doc.tokens if t.text == word)
    assert locative_before(doc, doc.sentences[0], i) is expected


def test_common_word_is_not_a_place() -> None:
    doc = _doc("قال الوزير إن الأمل كبير في مدينة السلام.")
    assert Locator.load().locate(doc, doc.sentences[0], 0) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قصفت الطائرات أمس مواقع في حلب.", "2018-03-20"),
        ("اختطفت الميليشيات، الأربعاء، عشرات الفتيات.", "2018-03-21"),  # the article's own weekday
        ("وقع الهجوم الأحد الماضي.", "2018-03-18"),
        ("وقع الهجوم منذ يومين.", "2018-03-19"),
        ("وقعت الاشتباكات منذ ثلاثة أيام.", "2018-03-18"),
        ("يزور الوزير القاهرة الأحد المقبل.", "2018-03-25"),
        ("وفي 14 أكتوبر 2023 قال الوزير.", "2023-10-14"),
        ("وفي 3 تشرين الأول قال الوزير.", "2018-10-03"),
    ],
)
def test_relative_dates(text: str, expected: str) -> None:
    doc = _doc(text)
    res = DateResolver.load().resolve(doc, doc.sentences[0], 1)
    assert res is not None and res[0] == expected and res[1]


def test_no_article_date_no_event_date() -> None:
    doc = _doc("قصفت الطائرات أمس مواقع في حلب.", date=None)
    assert DateResolver.load().resolve(doc, doc.sentences[0], 0) is None
