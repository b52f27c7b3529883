"""The Arabic text layer: folding, repairs, sentences, tokens and clitics (offsets into the original)."""

from __future__ import annotations

import gzip
import re
from importlib import resources

import pytest

from ahdath.language import analyze, lookup_forms, segment, split_sentences, tokenize
from ahdath.language.normalize import fold, fold_text, light_fold
from ahdath.language.tokenize import FUTURE
from ahdath.language.vocab import load_clitics, load_vocabulary, load_word_list
from ahdath.model import Document


def run(text: str) -> Document:
    return analyze(Document("t", text))


def check_offsets(doc: Document, original: str) -> None:
    assert doc.text == original
    for t in doc.tokens:
        assert doc.text[t.start : t.end] == t.text
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text
        for t in doc.tokens[s.token_start : s.token_end]:
            assert s.start <= t.start and t.end <= s.end and t.sent == s.i
    for r in doc.repairs:
        assert doc.text[r.start : r.end] == r.text


def token(doc: Document, text: str):
    return next(t for t in doc.tokens if t.text == text)


# --- 1. normalization and folding --------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("أحمد", "احمد"),
        ("إيران", "ايران"),
        ("آلاف", "الاف"),
        ("ٱلله", "الله"),
        ("مصطفى", "مصطفي"),
        ("الحكومة", "الحكومه"),
        ("مؤتمر", "موتمر"),
        ("رئيس", "رييس"),
        ("الرئيـــــس", "الرييس"),
        ("الرَّئِيسُ", "الرييس"),
        ("پاکستان", "پاكستان"),
        ("ﻻ", "لا"),
        ("ﷲ", "الله"),
        ("٢٠١٨", "2018"),
        ("۱۴", "14"),
        ("٣٫٥", "3.5"),
        ("\u200fإيران\u200e", "ايران"),
        ("OPEC", "opec"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw).text == folded
    assert fold_text(raw) == folded


def test_fold_offsets_map_back_to_original() -> None:
    text = "قالَ الرَّئيسُ الإيرانيّ ـ حسن روحاني ـ إنّ ﷲ"
    f = fold(text)
    assert len(f.offsets) == len(f.text) + 1 and f.offsets[-1] == len(text)
    for word in ("الرييس", "الايراني", "حسن روحاني", "ان", "الله"):
        a = f.text.index(word)
        s, e = f.to_original(a, a + len(word))
        assert fold_text(text[s:e]) == word
    # Harakat after the last letter stay inside the original span.
    a = f.text.index("الرييس")
    assert text[slice(*f.to_original(a, a + 6))] == "الرَّئيسُ"
    a = f.text.index("الله")
    assert text[slice(*f.to_original(a, a + 4))] == "ﷲ"
    assert f.to_original(3, 3) == (f.offsets[3], f.offsets[3])


def test_fold_text_agrees_with_fold() -> None:
    for text in ("وقالَ إنّ الأُمم المتّحدة ٢٠١٩ ﻻ", "\u202bمرحبا\u202c", "ﷺ ، ؛", ""):
        assert fold_text(text) == fold(text).text


def test_light_fold_keeps_ta_marbuta_hamza_and_alef_maqsura() -> None:
    assert light_fold("الحكومةُ الإيرانيّة إلى مُؤتمرٍ") == "الحكومة الإيرانية إلى مؤتمر"
    assert light_fold("ٱلرئيـس") == "الرئيس"


# --- 2. repairs --------------------------------------------------------------------------------


def test_doubled_letter_is_reported_and_cleaned_in_norm() -> None:
    text = "وأعلنت الحكومة االإيرانية عن خطة جديدة."
    doc = run(text)
    check_offsets(doc, text)
    (r,) = [r for r in doc.repairs if r.kind == "doubled_letter"]
    assert (r.text, r.replacement) == ("االإيرانية", "الإيرانية")
    t = token(doc, "االإيرانية")
    assert (t.start, t.end) == (r.start, r.end)
    assert t.norm == "الايرانيه" and t.prefixes == ("ال",) and t.stem == "ايرانيه"


def test_tripled_letter() -> None:
    text = "التقى الرئييييس بالوفد"
    doc = run(text)
    (r,) = doc.repairs
    assert (r.kind, r.text, r.replacement) == ("doubled_letter", "الرئييييس", "الرئيس")
    assert token(doc, "الرئييييس").norm == "الرييس"


def test_stray_letter_glued_to_a_word() -> None:
    text = "ندد البيان بممارسات الاحتلالن في الضفة الغربية"
    doc = run(text)
    check_offsets(doc, text)
    (r,) = doc.repairs
    assert (r.kind, r.text, r.replacement) == ("stray_letter", "الاحتلالن", "الاحتلال")
    assert text[r.start : r.end] == "الاحتلالن"
    t = token(doc, "الاحتلالن")
    assert t.norm == "الاحتلال" and t.stem == "احتلال"


@pytest.mark.parametrize(
    "word",
    ["ببركاته", "الحالب", "مقالب", "روسيي", "لاأهتم", "الممثلان", "الجديدات", "بوشناق", "الحمرة", "النيلي"],
)
def test_legitimate_rare_words_are_not_repaired(word: str) -> None:
    assert run(f"قال إن {word} هنا").repairs == []


def test_known_words_are_never_repaired() -> None:
    text = "وقال وزير الخارجية الأمريكي إن المملكة العربية السعودية والولايات المتحدة ستعززان التعاون"
    assert run(text).repairs == []


def test_doubled_and_unbalanced_quote_marks() -> None:
    text = 'وقال المتحدث ""لن نتراجع"" عن قرارنا.\nوأضاف أن القرار ” نهائي.'
    doc = run(text)
    check_offsets(doc, text)
    quotes = [r for r in doc.repairs if r.kind == "quote_marks"]
    assert [(r.text, r.replacement) for r in quotes] == [('""', '"'), ('""', '"'), ("”", "")]
    assert [t.norm for t in doc.tokens if t.text == '""'] == ['"', '"']
    assert token(doc, "”").norm == ""


def test_balanced_quotes_are_not_reported() -> None:
    text = 'وقال: "لن نتراجع". وأضاف «هذا قرار نهائي» ثم قال “انتهى”.'
    assert run(text).repairs == []


def test_control_characters() -> None:
    text = "أعلن \u200fالرئيس\u200f التركي \u202bرجب طيب أردوغان\u202c أن\u200bالاتفاق سار"
    doc = run(text)
    check_offsets(doc, text)
    controls = [r for r in doc.repairs if r.kind == "control_char"]
    assert [r.text for r in controls] == ["\u200f", "\u200f", "\u202b", "\u202c", "\u200b"]
    assert [r.replacement for r in controls] == ["", "", "", "", " "]
    words = [t.text for t in doc.tokens]
    assert words == ["أعلن", "الرئيس", "التركي", "رجب", "طيب", "أردوغان", "أن", "الاتفاق", "سار"]
    # A direction mark inside a word stays in the token but not in its norm.
    doc = run("الأمم\u200fالمتحدة")
    assert doc.tokens[0].norm == "الاممالمتحده"


def test_latin_punctuation_between_arabic_words() -> None:
    text = "قال الوزير, إن الوضع خطير; وسأل: لماذا?"
    doc = run(text)
    check_offsets(doc, text)
    punct = [(r.text, r.replacement) for r in doc.repairs if r.kind == "punctuation"]
    assert punct == [(",", "،"), (";", "؛"), ("?", "؟")]
    assert [t.norm for t in doc.tokens if t.is_punct] == ["،", "؛", ":", "؟"]
    (r,) = run("بلغ العدد 1,000 شخص, ثم قال: Hello, world; ok? شخص, Reuters").repairs
    assert r.start == len("بلغ العدد 1,000 شخص")
    assert len(run("Hello, world; ok? 1,5").repairs) == 0


def test_repairs_never_change_text_or_offsets() -> None:
    text = 'االإيرانية\u200f ""قال"" الاحتلالن, ثم ”'
    doc = run(text)
    check_offsets(doc, text)
    assert {r.kind for r in doc.repairs} == {
        "doubled_letter",
        "control_char",
        "quote_marks",
        "stray_letter",
        "punctuation",
    }
    assert [r.start for r in doc.repairs] == sorted(r.start for r in doc.repairs)


# --- 3. sentences ------------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_sentence_terminators_and_non_terminators() -> None:
    text = "هل ستحضر القمة؟ نعم! وصل الوفد، ثم عقد اجتماعا؛ وقال: الوضع مستقر. انتهى"
    assert sentences(text) == ["هل ستحضر القمة؟", "نعم!", "وصل الوفد، ثم عقد اجتماعا؛ وقال: الوضع مستقر.", "انتهى"]


def test_sentence_ending_inside_a_closing_quote() -> None:
    text = "وقال الرئيس: “هذه قضية مهمة.” وأضاف أن الحوار مستمر."
    assert sentences(text) == ["وقال الرئيس: “هذه قضية مهمة.”", "وأضاف أن الحوار مستمر."]
    text = 'وقال: "لن نسمح بذلك." وتابع: «هل نقبل بهذا؟» ثم غادر.'
    assert sentences(text) == ['وقال: "لن نسمح بذلك."', "وتابع: «هل نقبل بهذا؟»", "ثم غادر."]


def test_no_split_in_numbers_abbreviations_and_initials() -> None:
    text = "ارتفع النمو إلى 3.5 بالمئة. وقال د. محمد إن ج.م.ع. تدعم U.S. policy في عام 2018 م. وانتهى."
    assert sentences(text) == [
        "ارتفع النمو إلى 3.5 بالمئة.",
        "وقال د. محمد إن ج.م.ع. تدعم U.S. policy في عام 2018 م. وانتهى.",
    ]


def test_newlines_and_glued_periods_split() -> None:
    text = "العنوان الرئيسي\n\nوصل الرئيس إلى الرياض.وقال إن الزيارة مهمة\r\nسطر أخير"
    assert sentences(text) == ["العنوان الرئيسي", "وصل الرئيس إلى الرياض.", "وقال إن الزيارة مهمة", "سطر أخير"]


def test_no_split_in_domains_and_spelled_initials() -> None:
    text = "ونقل موقع العربية.نت عن بنك جي. بي. مورغان أن الأسهم ارتفعت. وقال محللون"
    assert sentences(text) == ["ونقل موقع العربية.نت عن بنك جي. بي. مورغان أن الأسهم ارتفعت.", "وقال محللون"]


def test_sentences_and_tokens_line_up() -> None:
    text = " وقال المتحدث: “سنرد.” \n ثم غادر…  "
    doc = run(text)
    check_offsets(doc, text)
    assert [s.text for s in doc.sentences] == ["وقال المتحدث: “سنرد.”", "ثم غادر…"]
    assert doc.sentences[0].token_start == 0 and doc.sentences[-1].token_end == len(doc.tokens)
    assert all(a.token_end == b.token_start for a, b in zip(doc.sentences, doc.sentences[1:], strict=False))


def test_empty_text() -> None:
    doc = run("  \n ")
    assert doc.sentences == [] and doc.tokens == [] and doc.repairs == []


# --- 4. tokens and clitics ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "prefixes", "stem", "suffix"),
    [
        ("وزير", (), "وزير", ""),
        ("رئيس", (), "رييس", ""),
        ("وقال", ("و",), "قال", ""),
        ("وأضاف", ("و",), "اضاف", ""),
        ("لحركة", ("ل",), "حركه", ""),
        ("سيزور", ("س",), "يزور", ""),
        ("وستكون", ("و", "س"), "تكون", ""),
        ("وبالحكومة", ("و", "ب", "ال"), "حكومه", ""),
        ("للحكومة", ("ل", "ال"), "حكومه", ""),
        ("للجنة", ("ل", "ال"), "لجنه", ""),
        ("الاحتلال", ("ال",), "احتلال", ""),
        ("والأربعاء", ("و", "ال"), "اربعاء", ""),
        ("حكومته", (), "حكومه", "ه"),
        ("بحكومتهم", ("ب",), "حكومه", "هم"),
        ("أنها", (), "ان", "ها"),
        ("مستواه", (), "مستوي", "ه"),
        ("كما", (), "كما", ""),
        ("كان", (), "كان", ""),
        ("الله", (), "الله", ""),
        ("التزام", (), "التزام", ""),
        ("بيان", (), "بيان", ""),
        ("لبنان", (), "لبنان", ""),
        ("وكالة", (), "وكاله", ""),
        ("سياسة", (), "سياسه", ""),
        ("فرنسا", (), "فرنسا", ""),
        ("فإن", ("ف",), "ان", ""),
        ("فيها", (), "في", "ها"),
        ("عليه", (), "علي", "ه"),
        ("ولكنهم", ("و",), "لكن", "هم"),
        ("لأنه", ("ل",), "ان", "ه"),
        ("لدينا", (), "لدي", "نا"),
        ("وشاركها", ("و",), "شارك", "ها"),
        ("لذلك", ("ل",), "ذلك", ""),
    ],
)
def test_segment(word: str, prefixes: tuple[str, ...], stem: str, suffix: str) -> None:
    assert segment(word) == (prefixes, stem, suffix)
    (t,) = run(word).tokens
    assert (t.prefixes, t.stem, t.suffix) == (prefixes, stem, suffix)
    assert t.norm == fold_text(word)


def test_ta_marbuta_is_never_a_pronoun_suffix() -> None:
    for word in ("حركة", "الحركة", "لحركة", "مدينة", "قضية"):
        assert segment(word)[2] == ""


def test_folded_input_is_respelled_before_segmenting() -> None:
    # A folded norm, or a feed writing ة as ه: the usual spelling decides, so ه is not a suffix.
    assert segment("لحركه") == (("ل",), "حركه", "")
    assert segment("مدينه") == ((), "مدينه", "")
    assert segment("حكومته") == ((), "حكومه", "ه")
    (t,) = run("الحكومه").tokens
    assert (t.prefixes, t.stem, t.suffix) == (("ال",), "حكومه", "")


def test_future_prefix_marks_future() -> None:
    doc = run("سيزور الرئيس موسكو وسيلتقي بوتين")
    assert [FUTURE in t.prefixes for t in doc.tokens] == [True, False, False, True, False]
    assert FUTURE not in token(run("سياسة السيارة"), "سياسة").prefixes


def test_lookup_forms_most_specific_first() -> None:
    def forms(word: str) -> list[str]:
        return lookup_forms(run(word).tokens[0])

    assert forms("وبالحكومة") == ["وبالحكومه", "بالحكومه", "الحكومه", "حكومه"]
    assert forms("للحكومة") == ["للحكومه", "الحكومه", "حكومه"]
    assert forms("وحكومته") == ["وحكومته", "حكومته", "حكومه"]
    assert forms("سيزور") == ["سيزور", "يزور"]
    assert forms("وزير") == ["وزير"]
    assert forms("الرئيس") == ["الرييس", "رييس"]


def test_hashtags_give_word_tokens() -> None:
    doc = run("#علي_صالح يلتقي #الأمم_المتحدة")
    words = [t.text for t in doc.tokens if not t.is_punct]
    assert words == ["علي", "صالح", "يلتقي", "الأمم", "المتحدة"]
    check_offsets(doc, "#علي_صالح يلتقي #الأمم_المتحدة")


def test_tokens_numbers_punctuation_and_marks() -> None:
    text = 'ارتفع بنسبة ٣٫٥% أو 1,250.5 دولار (بـ"أرامكو") – الرَّئيس'
    doc = run(text)
    check_offsets(doc, text)
    assert [t.text for t in doc.tokens] == [
        "ارتفع", "بنسبة", "٣٫٥", "%", "أو", "1,250.5", "دولار", "(", "بـ", '"', "أرامكو", '"', ")", "–", "الرَّئيس",
    ]  # fmt: skip
    assert token(doc, "٣٫٥").norm == "3.5"
    assert token(doc, "الرَّئيس").norm == "الرييس"
    assert [t.is_punct for t in doc.tokens].count(True) == 6


def test_tokenize_function_offsets() -> None:
    text = "مقدمة. وقال الوزير إن"
    toks = tokenize(text, 7, len(text), first_index=5)
    assert [t.i for t in toks] == [5, 6, 7]
    assert [text[t.start : t.end] for t in toks] == [t.text for t in toks] == ["وقال", "الوزير", "إن"]
    assert toks[0].prefixes == ("و",)


# --- data files --------------------------------------------------------------------------------

ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")


def test_vocabulary_file_format() -> None:
    raw = (resources.files("ahdath.language") / "data" / "vocab.tsv.gz").read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    assert lines[0].startswith("#")
    counts = []
    for line in lines[1:]:
        word, count = line.split("\t")
        assert word == light_fold(word) and ARABIC_WORD.search(word)
        counts.append(int(count))
    assert counts == sorted(counts, reverse=True) and counts[-1] >= 2
    vocab = load_vocabulary()
    assert len(vocab) == len(lines) - 1 > 50_000
    assert vocab.count("وزير") > 1000 and vocab.count("زير") < 10
    assert vocab.folded_count("الحكومه") >= vocab.count("الحكومة")


def test_clitics_file_format() -> None:
    clitics = load_clitics()
    assert set(clitics) == {"conj", "prep", "future", "article", "suffix", "host"}
    assert clitics["future"] == ("س",) and clitics["article"] == ("ال",)
    assert list(clitics["suffix"]) == sorted(clitics["suffix"], key=len, reverse=True)
    assert all(ARABIC_WORD.fullmatch(f) and "ة" not in f for forms in clitics.values() for f in forms)
    assert all(len(forms) == len(set(forms)) for forms in clitics.values())


def test_word_lists_format() -> None:
    keep = load_word_list("keep_whole.txt")
    assert len(keep) > 50 and all(ARABIC_WORD.fullmatch(w) and w == light_fold(w) for w in keep)
    abbrevs = load_word_list("abbreviations.txt")
    assert abbrevs and all("." not in w and w == w.lower() and " " not in w for w in abbrevs)
