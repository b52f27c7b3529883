"""A welcome for an agreement no one in the sentence made: «ورحب الرئيس المصري عبد الفتاح السيسي بالاتفاق».

A welcome (SUPPORT) whose object is an agreement (الاتفاق، التفاهم) with no maker named right after it has no
recipient: the sides ranker otherwise takes one from elsewhere (the agreement's parties two sentences before, the
one thanked in the next clause). A maker after the thing (بقرار مجلس الأمن، بانتخاب جوزيف عون) is left to the ranker,
and so is a decision or a step (رحبت حماس بالقرار), whose maker annotators code as the recipient.
Word lists in ``data/welcomed.tsv``."""

from __future__ import annotations

from pathlib import Path

from ahdath.events.arguments import MentionIndex, first_object
from ahdath.events.lexicon import TriggerMatch, listed, word_roles
from ahdath.model import Document, Sentence

WORDS = Path(__file__).parent / "data" / "welcomed.tsv"
MAKER_WINDOW = 2  # tokens after the thing within which a mention names its maker (الاتفاق الأخير بين ...)


def _words() -> dict[str, frozenset[str]]:
    return word_roles(WORDS)


def unmade_thing(doc: Document, idx: MentionIndex, sent: Sentence, cue: TriggerMatch) -> bool:
    """The welcome cue's object is a thing (after ب, with only the welcomers' names and punctuation between) and
    no mention starts within ``MAKER_WINDOW`` tokens after it."""
    words = _words()
    if cue.cue not in words["cue"]:
        return False
    t = first_object(
        doc, idx, cue.end_tok, sent.token_end,
        lambda t: "ب" in doc.tokens[t].prefixes and listed(doc.tokens[t], words["thing"]), lambda tok: False,
    )
    if t is None:
        return False
    stop = min(sent.token_end, t + 1 + MAKER_WINDOW)
    return not any(idx.starting_at(k) is not None for k in range(t + 1, stop))
