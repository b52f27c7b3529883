"""Event status cues: negated, future, hypothetical around a trigger."""

from __future__ import annotations

import pytest

from ahdath.events.lexicon import TriggerLexicon
from ahdath.events.status import SCOPES, STATUS_PATH, STATUSES, load_status_cues, status_of
from ahdath.language import analyze
from ahdath.model import Document


@pytest.fixture(scope="module")
def lex() -> TriggerLexicon:
    return TriggerLexicon.load()


def statuses(lex: TriggerLexicon, text: str) -> list[tuple[str, str, str | None]]:
    """(trigger text, status, cue text) for every trigger in ``text``."""
    doc = analyze(Document(id="t", text=text))
    out = []
    for m in lex.match(doc):
        status, cue = status_of(doc, m.start_tok, m.end_tok, m.cue)
        out.append((m.text, status, cue))
    return out


def test_status_file_is_valid():
    cues = load_status_cues()
    assert len(cues) >= 60
    for c in cues:
        assert c.status in STATUSES and c.scope in SCOPES and c.window >= 0
    assert {c.status for c in cues} == set(STATUSES)


def test_bad_status_rows_are_rejected(tmp_path):
    p = tmp_path / "s.tsv"
    p.write_text("cue\tstatus\tscope\twindow\tnote\nلم\tdenied\tbefore\t3\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="s.tsv:2"):
        load_status_cues(p)
    assert STATUS_PATH.exists()


@pytest.mark.parametrize(
    "text, trigger, status, cue",
    [
        ("قصفت الطائرات المدينة", "قصفت", "asserted", None),
        ("لم تقصف الطائرات المدينة", "تقصف", "negated", "لم"),
        ("ولم يلتق الرئيس نظيره", "يلتق", "negated", "ولم"),
        ("لن يزور الرئيس دمشق", "يزور", "negated", "لن"),
        ("لا يدين المجلس الهجوم", "يدين", "negated", "لا"),
        ("أكد عدم انسحاب القوات", "انسحاب", "negated", "عدم"),
        ("ونفى الجيش أن يكون قد قصف المستشفى", "قصف", "negated", "ونفى"),
        ("سيزور الرئيس القاهرة", "سيزور", "future", "سيزور"),
        ("وسيلتقي الوزير نظيره", "وسيلتقي", "future", "وسيلتقي"),
        ("وقالت إنها ستفرض عقوبات على الشركة", "ستفرض عقوبات", "future", "ستفرض"),
        ("سوف تفرض الحكومة حظر التجول", "تفرض الحكومة حظر التجول", "future", "سوف"),
        ("يعتزم الرئيس استقبال بوتين", "استقبال", "future", "يعتزم"),
        ("من المقرر أن يلتقي الوزير نظيره", "يلتقي", "future", "من المقرر"),
        ("قالت إن بلاده ستعيد فرض عقوبات على إيران", "ستعيد فرض عقوبات", "future", "ستعيد"),
        ("يلتقي الرئيس نظيره الأسبوع المقبل", "يلتقي", "future", "المقبل"),
        ("إذا هاجمت إسرائيل لبنان", "هاجمت", "hypothetical", "إذا"),
        ("وفي حال قصفت الطائرات المنشآت", "قصفت", "hypothetical", "وفي حال"),
        ("لو اعتقلت الشرطة المتظاهرين", "اعتقلت", "hypothetical", "لو"),
        ("قد تقصف الطائرات المدينة", "تقصف", "hypothetical", "قد"),
        ("ربما تخفف واشنطن العقوبات", "تخفف واشنطن العقوبات", "hypothetical", "ربما"),
    ],
)
def test_status(lex, text, trigger, status, cue):
    found = {t: (s, c) for t, s, c in statuses(lex, text)}
    assert found[trigger] == (status, cue)


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("لا تزال الطائرات تقصف المدينة", "تقصف"),  # لا تزال = still
        ("ولا يزال الجيش يحاصر المدينة", "يحاصر"),
        ("وقد قصفت الطائرات المدينة", "قصفت"),  # قد + past = assertion
        ("أدان ما وصفه بالعدوان", "وصفه"),  # relative ما, not a negation
        ("وسيطرت القوات على المدينة", "وسيطرت"),  # س belongs to the word
        ("لم يحضر الوزير، لكن الرئيس التقى نظيره", "التقى"),  # negation does not cross the clause
        ("قالت الوزارة إنها لم تتلق ردا. واعتقلت الشرطة ثلاثة", "واعتقلت"),
    ],
)
def test_not_a_status_cue(lex, text, trigger):
    found = {t: (s, c) for t, s, c in statuses(lex, text)}
    assert found[trigger] == ("asserted", None)


def test_nearest_cue_wins(lex):
    # لن (negation) is nearer to the trigger than سوف.
    found = {t: s for t, s, _ in statuses(lex, "سوف نقول إننا لن نعتقل أحدا")}
    assert found["نعتقل"] == "negated"


def test_threat_in_future_form_is_asserted(lex):
    found = {t: s for t, s, _ in statuses(lex, "وهدد الجيش بأنه سيرد بقوة")}
    assert found["سيرد"] == "asserted"


def test_bad_spans(lex):
    doc = analyze(Document(id="t", text="قصفت الطائرات"))
    assert status_of(doc, 5, 6) == ("asserted", None)
    assert status_of(doc, 1, 1) == ("asserted", None)
    assert status_of(analyze(Document(id="e", text="")), 0, 1) == ("asserted", None)


def test_future_of_a_cue_whose_root_starts_with_sin(lex):
    # سمح، ساعد، سحب: the root's own س is no future particle, the one before it is (ستسمح، ستساعد، سيسحب)
    got = {t: (s, c) for t, s, c in statuses(lex, "وقالت الوزارة إنها ستساعد الأسر. وأعلن الجيش أنه سيسحب قواته.")}
    assert got["ستساعد"] == ("future", "ستساعد") and got["سيسحب قواته"][0] == "future", got
    got = {t: s for t, s, _ in statuses(lex, "وساعدت فرنسا الأسر. وسحب الجيش قواته.")}
    assert set(got.values()) == {"asserted"}, got
