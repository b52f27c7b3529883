"""The event coder on made-up sentences: types, sides, status, CAMEO, offsets, dedup."""

from __future__ import annotations

import pytest

import ahdath
from ahdath.events.coder import threat_mode
from ahdath.model import Document, Event

COMPONENTS = ("language", "actors", "quotes", "events")


def _code(text: str, date: str = "2023-10-14") -> Document:
    return ahdath.load(components=COMPONENTS)(Document(id="t", text=text, date=date))


def _find(doc: Document, typ: str) -> list[Event]:
    return [e for e in doc.events if e.type == typ]


def test_request_with_sides_and_offsets() -> None:
    doc = _code("طالب وزير الخارجية الإيراني إسرائيل بوقف الهجمات على قطاع غزة فورا.")
    (e,) = _find(doc, "REQUEST")
    assert e.actor is not None and e.actor.country == "IRN" and e.actor.sector == "GOV"
    assert e.actor.name == "Hossein Amir-Abdollahian"  # the officeholder on the article's date
    assert e.recipient is not None and e.recipient.country == "ISR"
    assert doc.text[e.trigger.start : e.trigger.end] == e.trigger.text == "طالب"
    assert doc.text[e.sentence.start : e.sentence.end] == e.sentence.text
    assert e.cameo and e.cameo.startswith("1") and e.quad_class == 3 and e.goldstein is not None
    assert e.reason and 0 < e.confidence <= 1


def test_assault_by_army() -> None:
    doc = _code("قصف الجيش الإسرائيلي مواقع لحركة حماس في قطاع غزة.")
    (e,) = _find(doc, "ASSAULT")
    assert (e.actor.country, e.actor.sector) == ("ISR", "MIL")
    assert e.recipient is not None and e.recipient.country == "PSE"
    assert e.status == "asserted"


def _decisions(text: str, date: str = "2023-10-14") -> list:
    """The coder's trigger decisions (type, sides, status) before the learned event filter."""
    pipe = ahdath.load(components=COMPONENTS)
    doc = pipe(Document(id="t", text=text, date=date))
    return list(dict(pipe.components)["events"].triggers(doc))


def test_negated_and_future_status() -> None:
    # the status layer reads لم before the verb; whether the filter then keeps a denied strike is the model's call
    neg = [d for d in _decisions("نفى المتحدث باسم الجيش الإسرائيلي الأنباء، وقال إن الجيش لم يقصف مستشفى المعمداني في غزة.") if d.type == "ASSAULT"]
    assert neg and all(d.status == "negated" for d in neg)
    fut = _find(_code("أعلنت واشنطن أن الولايات المتحدة ستفرض عقوبات جديدة على إيران الأسبوع المقبل."), "SANCTION")
    assert fut and fut[0].status == "future" and fut[0].recipient is not None and fut[0].recipient.country == "IRN"


def test_the_event_filter_reads_the_type_models_probability() -> None:
    # each decision's filter features carry the decile of the type model's probability of its type, the
    # probability its reason reports
    ds = _decisions("طالب وزير الخارجية الإيراني إسرائيل بوقف الهجمات على قطاع غزة فورا.")
    checked = [d for d in ds if "model p=" in d.why_type]  # a re-typed cue reports its new type's probability
    assert checked
    for d in checked:
        deciles = [f for f in d.features if f.startswith("type_p=") and "|" not in f]
        reported = float(d.why_type.split("model p=")[1][:4])
        assert len(deciles) == 1, d.features
        # the reason rounds to two decimals: at a decile's edge the feature may sit one below
        assert int(deciles[0].split("=")[1]) in {min(int(reported * 10), 9), min(int((reported - 0.005) * 10), 9)}, (deciles, d.why_type)


def test_one_record_per_actor_type_recipient() -> None:
    doc = _code("أدانت مصر الهجوم الإسرائيلي على غزة. وأدانت مصر مجددا الهجوم الإسرائيلي على غزة.")
    keys = [(e.actor.actor_id or e.actor.name, e.type, e.recipient.name if e.recipient else None) for e in doc.events]
    assert len(keys) == len(set(keys))


def test_future_conflict_act_is_a_threat() -> None:
    assert threat_mode("ASSAULT", None) == "violence"
    assert threat_mode("COERCE", "arrest") == "arrest"
    assert threat_mode("SUPPORT", None) is None


def test_threat_only_when_the_actor_announces_its_own_act() -> None:
    """سنواصل قصف (first person, the speaker acts) is a threat; a plan reported in the third person
    (الجيش سيقصف) stays a future ASSAULT."""
    first = _find(_code("وقال قائد الحرس الثوري: سنواصل قصف مواقع الإرهابيين في سوريا."), "THREATEN")
    assert first and first[0].status == "asserted" and first[0].mode == "violence"
    third = _code("وقالت الحكومة السورية إن الجيش سيقصف مواقع المسلحين في إدلب الأسبوع المقبل.")
    assert not _find(third, "THREATEN")
    assert [e.status for e in _find(third, "ASSAULT")] == ["future"]


def test_a_vow_to_go_on_fighting_is_a_threat_even_where_the_type_model_sees_no_attack() -> None:
    """The type model learnt that «مواجهة» after سنواصل is no ASSAULT (annotators code it THREATEN); the vow keeps it."""
    text = "بدوره قال الأمين العام لحركة الجهاد الإسلامي زياد النخالة: سنواصل مواجهة العدوان الواسع للكيان الصهيوني بكل قوة."
    threats = _find(_code(text), "THREATEN")
    assert threats and threats[0].trigger.text == "مواجهة" and threats[0].recipient is not None, [(e.type, e.reason) for e in _code(text).events]
    assert threats[0].recipient.country == "ISR" and threats[0].status == "asserted"


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_is_refused(text: str) -> None:
    from ahdath.io.validate import InputError

    with pytest.raises(InputError):
        _code(text)


def test_clause_words_format() -> None:
    from ahdath.events.arguments import CLAUSE_WORDS
    from ahdath.language.normalize import fold_text

    lines = [x for x in CLAUSE_WORDS.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]
    assert lines[0].split("\t") == ["word", "kind"]
    for line in lines[1:]:
        word, kind = line.split("\t")
        assert kind in {"rel", "sub"} and word == fold_text(word), line


def test_softmax_sides_choose_none_option() -> None:
    from ahdath.events.linear import LinearModel

    m = LinearModel({"recipient:near": 2.0, "recipient:null|x": 0.0}, {"recipient": 0.0}, {"recipient": 0.2}, "softmax")
    ps = m.choose([["near"], None, ["far"]], ["null|x"], "recipient")
    assert len(ps) == 4 and ps[1] == 0.0 and abs(sum(ps) - 1.0) < 1e-9
    assert ps[0] > ps[3] > 0 and ps[2] == ps[3]  # an unknown feature scores like the "none" option


def test_recipient_inside_gapped_cue() -> None:
    doc = _code("طالبت مصر إسرائيل بوقف العمليات العسكرية في غزة.")
    reqs = _find(doc, "REQUEST")
    assert reqs and reqs[0].actor.country == "EGY"


@pytest.mark.parametrize(
    ("text", "cue_text", "typ"),
    [
        ("وقعتها الدول الست في فيينا.", "وقعتها", "AGREE"),
        ("وشنت القوات الحكومية حملة على المسلحين.", "وشنت القوات الحكومية حملة", "ASSAULT"),
        ("وأقال الرئيس وزير الدفاع.", "وأقال", "COERCE"),
        ("وألقت الحكومة باللائمة على المعارضة.", "وألقت الحكومة باللائمة", "ACCUSE"),
    ],
)
def test_lexicon_cues_of_the_third_pass(text: str, cue_text: str, typ: str) -> None:
    from ahdath.events.lexicon import TriggerLexicon
    from ahdath.language import analyze

    matches = TriggerLexicon.load().match(analyze(Document(id="t", text=text)))
    assert [(m.text, m.type) for m in matches][:1] == [(cue_text, typ)]


def test_lexicon_blockers_and_narrow_forms() -> None:
    from ahdath.events.lexicon import TriggerLexicon
    from ahdath.language import analyze

    lex = TriggerLexicon.load()
    for text in ("يقال إن الوزير مريض.", "قال الداعية فتح الله غولن كلمته.", "وقع انفجار في السوق بداعي الإهمال."):
        types = {m.type for m in lex.match(analyze(Document(id="t", text=text)))}
        assert not types & {"COERCE", "REQUEST", "AGREE"}, (text, types)


def test_salience_counts_an_articles_main_players() -> None:
    from ahdath.events.arguments import entity_key
    from ahdath.events.sides import salience

    doc = ahdath.load(components=("language", "actors"))(
        Document(
            id="t",
            text="اتهمت إيران الولايات المتحدة بالتصعيد.\nوقالت إيران إن الرد سيكون حاسما.\nوأكدت طهران أن إيران لن تتراجع، بينما التزمت مصر الصمت.",
            date="2024-01-10",
        )
    )
    sal = salience(doc)
    iran = next(a for a in doc.actors if a.country == "IRN" and a.kind == "country")
    egypt = next(a for a in doc.actors if a.country == "EGY")
    assert sal.top_entity == entity_key(iran) and sal.top_country == "IRN"
    assert sal.entities[entity_key(iran)] >= 3 and sal.entities[entity_key(egypt)] == 1
    assert entity_key(iran) in sal.lead and entity_key(egypt) not in sal.lead
    fi, fe = sal.features(iran, "ACCUSE", "sentence"), sal.features(egypt, "ACCUSE", "sentence")
    assert "sal_top=True|type=ACCUSE" in fi and "in_lead=True" in fi and "cty_sal=4-8|type=ACCUSE" in fi
    assert "sal=1" in fe and "sal_top=False|type=ACCUSE" in fe and "in_lead=False" in fe and "cty_sal=1|type=ACCUSE" in fe
    assert salience(doc) is sal  # computed once per document


def test_the_mode_model_overrules_a_cue_mode_it_is_sure_is_wrong() -> None:
    """«علّق ... مفاوضات» is listed as SANCTION/withdraw; the mode model, reading «المفاوضات», is sure it is discontinue."""
    import ahdath.events.coder as coder_module

    text = "وأعلنت كوريا الشمالية أنها علّقت المفاوضات مع كوريا الجنوبية بسبب تدريبات عسكرية مشتركة."
    cue_mode = _find(_code(text), "SANCTION")
    assert cue_mode and cue_mode[0].mode == "discontinue" and "cue: withdraw" in cue_mode[0].reason, [e.reason for e in cue_mode]
    saved = coder_module.MODE_OVERRIDE
    try:
        coder_module.MODE_OVERRIDE = 1.0  # never: the cue's own mode
        assert [e.mode for e in _find(_code(text), "SANCTION")] == ["withdraw"]
    finally:
        coder_module.MODE_OVERRIDE = saved


def test_an_overruled_cue_mode_takes_the_cameo_code_of_the_new_mode() -> None:
    from ahdath.events.cameo import default_cameo

    text = "وأعلنت كوريا الشمالية أنها علّقت المفاوضات مع كوريا الجنوبية بسبب تدريبات عسكرية مشتركة."
    sanction = _find(_code(text), "SANCTION")
    assert sanction and sanction[0].mode == "discontinue"
    assert sanction[0].cameo == default_cameo("SANCTION", "discontinue") == "162", sanction[0].cameo  # not the cue's 161
