"""Trigger lexicon: data-file format and the matcher on made-up Arabic sentences."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from ahdath.events.cameo import CameoInfo, cameo_info, cameo_table, default_cameo
from ahdath.events.lexicon import (
    BLOCKER,
    DEFAULT_PATH,
    POS_VALUES,
    TriggerLexicon,
    TriggerMatch,
    load_cues,
    plover_modes,
    read_rows,
)
from ahdath.language import analyze
from ahdath.language.normalize import fold_text
from ahdath.model import PLOVER_TYPES, Document

GUIDELINES = Path(__file__).resolve().parents[1] / ".." / "shared" / "spec" / "EVENT_GUIDELINES.md"
DATA = DEFAULT_PATH.parent


@pytest.fixture(scope="module")
def lex() -> TriggerLexicon:
    return TriggerLexicon.load()


def match(lex: TriggerLexicon, text: str) -> list[TriggerMatch]:
    doc = analyze(Document(id="t", text=text))
    return lex.match(doc)


def first(lex: TriggerLexicon, text: str) -> TriggerMatch:
    found = match(lex, text)
    assert found, f"no trigger in {text!r}"
    return found[0]


# ---------------------------------------------------------------- data files


def test_every_row_is_valid():
    rows = list(read_rows(DEFAULT_PATH))
    assert len(rows) >= 400
    modes = plover_modes()
    codes = cameo_table()
    for lineno, row in rows:
        where = f"triggers.tsv:{lineno}"
        assert row["cue"].strip(), where
        assert row["pos"] in POS_VALUES, where
        assert row["type"] in PLOVER_TYPES or row["type"] == BLOCKER, where
        if row["type"] == BLOCKER:
            continue
        assert not row["mode"] or row["mode"] in modes[row["type"]], f"{where}: {row['type']}/{row['mode']}"
        assert row["cameo"] in codes, f"{where}: CAMEO {row['cameo']} not in cameo.tsv"
        assert 0.0 < float(row["weight"]) <= 1.0, where
        for arg in filter(None, row["arg"].split("|")):
            assert arg == "obj" or re.fullmatch(r"[\u0621-\u064a]+", arg), f"{where}: arg {arg!r}"


def test_every_type_is_covered():
    cues = load_cues(DEFAULT_PATH)
    per_type = defaultdict(int)
    for c in cues:
        per_type[c.type] += 1
    for t in PLOVER_TYPES:
        assert per_type[t] >= 10, f"{t}: only {per_type[t]} cues"


def test_no_conflicting_duplicates():
    """The same cue under two types only where both readings are intended (listed here)."""
    intended = {fold_text("دعم"), fold_text("حذر")}  # SUPPORT vs AID; THREATEN vs ACCUSE
    by_cue = defaultdict(set)
    for c in load_cues(DEFAULT_PATH):
        by_cue[c.cue].add((c.type, c.pos))
    for cue, readings in by_cue.items():
        assert len(readings) == 1 or cue in intended, f"{cue}: {sorted(readings)}"


def test_modes_file_matches_guidelines():
    if not GUIDELINES.exists():
        pytest.skip("shared guidelines not available")
    table = {}
    for line in GUIDELINES.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] in PLOVER_TYPES:
            table[cells[0]] = frozenset() if cells[2] == "—" else frozenset(m.strip() for m in cells[2].split(","))
    assert table == plover_modes()


def test_cameo_table_and_defaults():
    assert cameo_info("042") == CameoInfo("042", "Make a visit", 1.9, 1)
    assert cameo_info("190").quad_class == 4
    assert cameo_info("111").quad_class == 3
    assert cameo_info("0874").quad_class == 2
    assert cameo_info("1411").goldstein < 0
    assert cameo_info("") is None and cameo_info("999") is None
    for _, row in read_rows(DATA / "cameo_defaults.tsv"):
        assert row["type"] in PLOVER_TYPES
        assert not row["mode"] or row["mode"] in plover_modes()[row["type"]], row
        assert row["cameo"] in cameo_table(), row
    for t in PLOVER_TYPES:
        assert default_cameo(t), t
        for m in plover_modes()[t]:
            assert default_cameo(t, m), (t, m)
    assert default_cameo("ASSAULT", "aerial") == "195"
    assert default_cameo("CONSULT", "no-such-mode") == "040"
    assert default_cameo("NOPE") == ""


def test_bad_rows_are_rejected(tmp_path):
    header = "cue\tpos\ttype\tmode\tcameo\targ\tweight\tnote\n"
    for bad in (
        "قصف\tverb\tATTACK\t\t190\tobj\t0.9\t\n",
        "قصف\tverb\tASSAULT\tphone\t190\tobj\t0.9\t\n",
        "قصف\tadj\tASSAULT\t\t190\tobj\t0.9\t\n",
        "قصف\tverb\tASSAULT\t\t190\tobj\thigh\t\n",
    ):
        p = tmp_path / "t.tsv"
        p.write_text(header + bad, encoding="utf-8")
        with pytest.raises(ValueError, match="t.tsv:2"):
            load_cues(p)


# ---------------------------------------------------------------- matcher


@pytest.mark.parametrize(
    "text, cue_text, ptype",
    [
        ("قصفت الطائرات مواقع في المدينة", "قصفت", "ASSAULT"),
        ("وقصفت المدفعية القرية", "وقصفت", "ASSAULT"),
        ("فقصفوا المعسكر", "فقصفوا", "ASSAULT"),
        ("يقصف الجيش الأحياء الشرقية", "يقصف", "ASSAULT"),
        ("اغتالوه أمام منزله", "اغتالوه", "ASSAULT"),
        ("استهدفته طائرة", "استهدفته", "ASSAULT"),
        ("ونددت الوزارة بالهجوم", "ونددت", "ACCUSE"),
        ("وأدانت تركيا التفجير", "وأدانت", "ACCUSE"),
        ("وتدين الحكومة ما جرى", "وتدين", "ACCUSE"),
        ("التقى الوزير نظيره الروسي", "التقى", "CONSULT"),
        ("التقيا في موسكو", "التقيا", "CONSULT"),
        ("يلتقي الرئيس غدا بنظيره", "يلتقي", "CONSULT"),
        ("وسيزور الرئيس القاهرة", "وسيزور", "CONSULT"),
        ("يزور الوزير بغداد", "يزور", "CONSULT"),
        ("خلال زيارته إلى طهران", "زيارته", "CONSULT"),
        ("دعت مصر جميع الأطراف إلى ضبط النفس", "دعت", "REQUEST"),
        ("ويدعو الاتحاد الأوروبي إلى الهدوء", "ويدعو", "REQUEST"),
        ("وطالبوا الحكومة بتحسين الخدمات", "وطالبوا", "REQUEST"),
        ("ونفت الوزارة الخبر", "ونفت", "REJECT"),
        ("ونفتها الوزارة", "ونفتها", "REJECT"),
        ("رفضت الحكومة المقترح", "رفضت", "REJECT"),
        ("أشاد الرئيس بدور مصر", "أشاد", "SUPPORT"),
        ("مشيدا بدور الوسطاء", "مشيدا", "SUPPORT"),
        ("وأعرب الجانبان عن استعدادهما للتعاون", "وأعرب الجانبان عن استعدادهما", "AGREE"),
        ("واعتذر الوزير عن التصريحات", "واعتذر", "CONCEDE"),
        ("وتظاهر الآلاف في العاصمة", "وتظاهر", "PROTEST"),
        ("خرجت مظاهرات في المدن", "مظاهرات", "PROTEST"),
        ("هددت كوريا الشمالية بالرد", "هددت", "THREATEN"),
        ("اعتقلت قوات الأمن ناشطين", "اعتقلت", "COERCE"),
        ("نشرت روسيا قوات إضافية", "نشرت روسيا قوات", "MOBILIZE"),
        ("قدمت الإمارات مساعدات إنسانية لليمن", "قدمت الإمارات مساعدات", "AID"),
        ("انسحبت القوات من المدينة", "انسحبت", "RETREAT"),
        ("أفرجت السلطات عن الصحفي", "أفرجت", "RETREAT"),
        ("فرضت الولايات المتحدة عقوبات على الشركة", "فرضت الولايات المتحدة عقوبات", "SANCTION"),
        ("بالتنسيق مع الجيش العراقي", "بالتنسيق", "COOPERATE"),
        # session 16: participles of a حال clause, and frequent cues of training events the lexicon missed
        ("وقال الوزير محذرا من عواقب التصعيد", "محذرا", "THREATEN"),
        ("مهددا بالرد على أي هجوم", "مهددا", "THREATEN"),
        ("داعين الحكومة إلى الاستقالة", "داعين", "REQUEST"),
        ("قررت النيابة حبس المتهمين أربعة أيام", "حبس", "COERCE"),
        ("قبضت الشرطة على المشتبه به", "قبضت", "COERCE"),
        ("ووقعت صدامات بين المحتجين والشرطة", "صدامات", "ASSAULT"),
        ("اعترضت الدفاعات الجوية صاروخا باليستيا", "اعترضت الدفاعات الجوية صاروخا", "ASSAULT"),
        ("وتشتبه السلطات في أن الرجلين خططا للهجوم", "وتشتبه", "ACCUSE"),
        # session 21: the first person singular of quoted speech (أفعل، سأفعل), regular, defective and hollow
        ("وقال: أطالب المجتمع الدولي بالتحرك", "أطالب", "REQUEST"),
        ("وأضاف: أدعو الجميع إلى الهدوء", "أدعو", "REQUEST"),
        ("أنفي هذه الاتهامات", "أنفي", "REJECT"),
        ("وقال إنه سأزور القاهرة", "سأزور", "CONSULT"),
    ],
)
def test_inflected_and_prefixed_forms(lex, text, cue_text, ptype):
    m = first(lex, text)
    assert (m.text, m.type) == (cue_text, ptype)


def test_offsets_point_into_the_original_text(lex):
    text = "وقال المتحدث: «قَصَفَتْ الطائراتُ المدينةَ»"
    doc = analyze(Document(id="t", text=text))
    (m,) = lex.match(doc)
    assert text[m.start : m.end] == m.text == "قَصَفَتْ"
    assert doc.tokens[m.start_tok].start == m.start and doc.tokens[m.end_tok - 1].end == m.end
    assert m.head == m.start_tok


def test_multiword_phone_call(lex):
    m = first(lex, "وأجرى الرئيس اتصالاً هاتفياً مع نظيره التركي")
    assert (m.type, m.mode, m.cameo) == ("CONSULT", "phone", "041")
    assert "هاتفي" in m.text
    found = match(lex, "وبحث الجانبان في اتصال هاتفي العلاقات")
    assert [(m.type, m.mode, m.text) for m in found] == [("CONSULT", None, "وبحث"), ("CONSULT", "phone", "اتصال هاتفي")]
    m = first(lex, "وتلقى الوزير اتصالا هاتفيا من نظيره")
    assert (m.type, m.mode, m.arg) == ("CONSULT", "phone", "من")


def test_longest_match_wins(lex):
    m = first(lex, "أعلن الطرفان وقف إطلاق النار في المدينة")
    assert (m.type, m.mode, m.text) == ("RETREAT", "ceasefire", "وقف إطلاق النار")
    m = first(lex, "أطلقت القوات النار على المحتجين")
    assert (m.type, m.mode) == ("ASSAULT", "firearms")
    m = first(lex, "شنت الطائرات غارة جوية على القرية")
    assert (m.type, m.mode) == ("ASSAULT", "aerial")
    m = first(lex, "أضرب الأسرى عن الطعام")
    assert (m.type, m.mode) == ("PROTEST", "hunger")


def test_gap_cue_stays_in_sentence(lex):
    found = match(lex, "حمّل الرئيس الاحتلال المسؤولية الكاملة عن التصعيد")
    assert found[0].type == "ACCUSE" and found[0].mode == "allege"
    assert len(found[0].tokens) == 2  # حمّل ... المسؤولية: the gap is not part of the cue
    found = match(lex, "وحمل الجنود أسلحتهم. والمسؤولية كبيرة")
    assert all(m.type != "ACCUSE" for m in found)


def test_blockers_and_names(lex):
    assert all(m.type != "COOPERATE" for m in match(lex, "اجتمع وزراء مجلس التعاون الخليجي"))
    assert match(lex, "فجر اليوم في المدينة") == []
    assert [m.text for m in match(lex, "اغتيل، فجر أمس الأربعاء، في طهران")] == ["اغتيل"]  # dawn, not "blew up"
    assert match(lex, "وقعت الحادثة فجر يوم الجمعة") == []
    assert [m.type for m in match(lex, "قصفت الطائرات فجر الأحد البلدة")] == ["ASSAULT"]


def test_ambiguous_cue_keeps_alternatives(lex):
    m = first(lex, "دعمت قطر الحكومة")
    assert m.type == "SUPPORT"
    assert [a[0] for a in m.alternatives] == ["AID"]


def test_no_match_on_unrelated_text(lex):
    assert match(lex, "ارتفعت درجات الحرارة في العاصمة اليوم") == []
    assert match(lex, "") == []


def test_custom_lexicon(tmp_path):
    p = tmp_path / "mini.tsv"
    p.write_text(
        "# test\ncue\tpos\ttype\tmode\tcameo\targ\tweight\tnote\nغزا\tverb\tASSAULT\t\t190\tobj\t0.8\tinvaded\n",
        encoding="utf-8",
    )
    lex = TriggerLexicon.load(p)
    assert len(lex) == 1
    assert [m.cue for m in match(lex, "غزا الجيش البلاد")] == ["غزا"]


def test_function_word_is_required_but_not_in_the_span(lex):
    m = first(lex, "وسيطرت القوات على المدينة")
    assert (m.type, m.mode, m.text) == ("COERCE", "seize", "وسيطرت")
    assert len(m.tokens) == 2 and m.end_tok == m.start_tok + 1


def test_ta_marbuta_is_not_a_pronoun(lex):
    # وزارة folds to وزاره; it must not be read as و + زار + ه (visited him).
    assert all(m.type != "CONSULT" for m in match(lex, "وأعلنت وزارة الخارجية"))
    assert all(m.type != "SUPPORT" for m in match(lex, "عادت الحياة إلى طبيعتها"))
    assert first(lex, "وزاره الرئيس في مكتبه").type == "CONSULT"  # and/or visited him: still found


def test_word_cache_respects_a_token_repaired_in_context():
    # The matcher caches each word's candidate forms by its text; a token with the same text but
    # another analysis (a repair in context) must be looked up afresh, and results never depend
    # on what was matched before.
    lex = TriggerLexicon.load(DEFAULT_PATH)
    text = "قصفت الطائرات المدينة"
    first_run = [(m.type, m.text) for m in match(lex, text)]
    assert first_run == [("ASSAULT", "قصفت")]
    doc = analyze(Document(id="t", text=text))
    tok = doc.tokens[0]
    tok.norm = tok.stem = "ارتفعت"  # as the language layer's context repair would
    assert lex.match(doc) == []
    assert [(m.type, m.text) for m in match(lex, text)] == first_run
    fresh = TriggerLexicon.load(DEFAULT_PATH)
    assert match(fresh, "وأجرى الرئيس اتصالاً هاتفياً مع نظيره") == match(lex, "وأجرى الرئيس اتصالاً هاتفياً مع نظيره")
