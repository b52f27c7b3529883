"""A mediation noun names the mediator (actor) and the parties (recipients) (events/mediation.py)."""

from __future__ import annotations

import ahdath
from ahdath.events.lexicon import read_rows
from ahdath.events.mediation import WORDS, _words
from ahdath.model import Document


def _mediations(text: str, date: str = "2025-05-11") -> list:
    evs = ahdath.load()(Document(id="t", text=text, date=date)).events
    return [e for e in evs if e.type == "CONSULT" and e.mode == "third-party"]


def test_word_list_roles() -> None:
    words = _words()
    assert set(words) == {"noun", "people", "link", "people_link"}
    assert words["people"] <= words["noun"]  # the nouns for the mediators themselves are mediation nouns
    rows = [r["word"] + "\t" + r["role"] for _, r in read_rows(WORDS)]
    assert len(rows) == len(set(rows))


def test_mediator_after_the_noun_and_parties_of_the_reported_clause() -> None:
    text = ("أعلن الرئيس الأمريكي دونالد ترامب، أمس السبت، أن الهند وباكستان وافقتا على وقف إطلاق النار، "
            "بعد ليلة طويلة من المحادثات بوساطة الولايات المتحدة.")
    evs = _mediations(text)
    assert evs and {e.actor.country for e in evs} == {"USA"}
    assert {e.recipient.country for e in evs if e.recipient} == {"IND", "PAK"}  # not the speaker, one of the mediator's
    assert all("mediation noun" in e.reason for e in evs)


def test_mediator_after_a_relative_verb_and_parties_after_between() -> None:
    text = ("أعلنت سلطنة عمان، مساء الثلاثاء، التوصل إلى اتفاق لوقف إطلاق النار بين الولايات المتحدة وجماعة الحوثي "
            "في اليمن، بعد جهود وساطة أجرتها مسقط.")
    evs = _mediations(text)
    assert evs and {e.actor.country for e in evs} == {"OMN"}
    assert {e.recipient.country for e in evs if e.recipient} == {"USA", "YEM"}  # بين الولايات المتحدة وجماعة الحوثي


def test_a_mediation_without_a_named_mediator_is_left_to_the_ranker() -> None:
    from ahdath.events.arguments import MentionIndex
    from ahdath.events.lexicon import TriggerMatch
    from ahdath.events.mediation import mediation

    doc = ahdath.load()(Document(id="t", text="وأكدت مصر استمرار جهود الوساطة.", date="2025-05-11"))
    idx = MentionIndex(doc)
    t = next(i for i, tok in enumerate(doc.tokens) if tok.text == "الوساطة")
    cue = TriggerMatch(t, t + 1, doc.tokens[t].start, doc.tokens[t].end, "CONSULT", "third-party", "045", "noun", "بين", 0.7, "وساطه")
    assert mediation(doc, idx, doc.sentences[0], cue) is None
