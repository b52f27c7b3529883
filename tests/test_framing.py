"""Framing lexicon and tagger: clitic-tolerant matching, gloss/category, and whose voice uses a term."""

from __future__ import annotations

from ahdath.language import analyze
from ahdath.model import Actor, Document
from ahdath.quotes import FramingTagger, QuoteExtractor
from ahdath.quotes.framing import CATEGORIES
from ahdath.quotes.phrases import read_tsv


def tagged(text: str, actors: list[tuple[str, str]] = ()) -> Document:
    doc = Document(id="f", text=text)
    analyze(doc)
    for surface, name in actors:
        start = text.index(surface)
        doc.actors.append(Actor(start, start + len(surface), surface, name=name, kind="person"))
    QuoteExtractor.load()(doc)
    FramingTagger.load()(doc)
    for f in doc.frames:
        assert doc.text[f.start : f.end] == f.text
    return doc


def test_voice_narration_and_quote() -> None:
    text = "قصف الاحتلال مواقع في غزة. وقال المتحدث: إن الصهاينة لن يكسروا إرادة المقاومة."
    doc = tagged(text, [("المتحدث", "Spokesman")])
    by_text = {f.text: f for f in doc.frames}
    assert by_text["الاحتلال"].voice == "narration" and by_text["الاحتلال"].speaker is None
    assert by_text["الصهاينة"].voice == "quote" and by_text["الصهاينة"].speaker == "Spokesman"
    assert by_text["الصهاينة"].category == "name-calling"
    assert by_text["المقاومة"].category == "euphemism"


def test_clitic_tolerant_and_longest_match() -> None:
    doc = tagged("ونددت الحكومة بجرائم للكيان الصهيوني والميليشيات الانقلابية وبالمرتزقة.")
    texts = [f.text for f in doc.frames]
    assert "للكيان الصهيوني" in texts  # one two-word term, not الصهيوني alone
    assert "الصهيوني" not in texts
    assert "والميليشيات" in texts and "وبالمرتزقة" in texts
    gloss = {f.text: f.gloss for f in doc.frames}
    assert gloss["للكيان الصهيوني"] == "Israel"


def test_casualty_terms() -> None:
    doc = tagged("سقط خمسة شهداء وعشرات الجرحى، فيما أحصت الوزارة القتلى.")
    cats = {f.text: f.category for f in doc.frames}
    assert cats["شهداء"] == "casualty-term" and cats["القتلى"] == "casualty-term"


def test_no_false_hits_on_plain_text() -> None:
    doc = tagged("التقى الوزير نظيره في العاصمة وبحثا التعاون الاقتصادي.")
    assert doc.frames == []


def test_lexicon_format() -> None:
    rows = read_tsv("framing.tsv", 3)
    assert len(rows) >= 40
    seen: set[str] = set()
    for term, gloss, category in rows:
        assert term and gloss, term
        assert category in CATEGORIES, term
        assert term not in seen, term
        seen.add(term)
    required = [
        "الكيان الصهيوني",
        "العدو الصهيوني",
        "الصهاينة",
        "النازي الجديد",
        "الإرهابيين",
        "ميليشيات",
        "الانقلابيين",
        "الشهداء",
        "القتلى",
        "الاحتلال",
        "المستوطنين",
        "النظام",
        "المرتزقة",
        "التكفيريين",
        "الخوارج",
    ]
    assert all(r in seen for r in required)
