"""The event filter: is a lexicon cue, in its context, an event the guidelines would code?

A cue such as ``دعم`` or ``هجوم`` is an event in one sentence and background in the next.
The filter scores each trigger candidate from its cue, part of speech in context, clitics,
neighbouring words, quote context, status, the type model's probability and how confidently the
sides ranker found an actor and a recipient; a logistic model trained on the silver annotations
(``training/events/train_detect.py``) turns that into a probability. Weights ship as JSON.
"""

from __future__ import annotations

from pathlib import Path

from ahdath.events.lexicon import TriggerMatch
from ahdath.events.linear import LinearModel
from ahdath.model import Document, Sentence

MODEL_PATH = Path(__file__).parent / "data" / "event_model.json"
EventModel = LinearModel  # role: "event"


def _bucket(p: float) -> str:
    return str(min(int(p * 5), 4))


def _decile(p: float) -> str:
    return str(min(int(p * 10), 9))


def event_features(
    doc: Document,
    sent: Sentence,
    m: TriggerMatch,
    event_type: str,
    nominal: bool,
    status: str,
    in_quote: bool,
    actor_p: float,
    recipient_p: float,
    n_mentions: int,
    voice: str = "active",
    agent_marked: bool = False,
    in_demand: bool = False,
    type_p: float | None = None,
) -> list[str]:
    """``agent_marked``: the chosen actor is introduced by على يد / من قبل (قتل المدنيين على يد الاحتلال):
    a nominal cue with a marked agent reports an act, not a topic. ``in_demand``: the cue lies in the
    content an earlier request demands (طالب بضرورة ... وفتح معبر رفح: a hoped-for act, not one done). ``type_p``:
    the type model's probability of the trigger's type (None without one)."""
    head = doc.tokens[m.head]
    prev = doc.tokens[m.start_tok - 1].norm if m.start_tok > sent.token_start else "<s>"
    nxt = doc.tokens[m.end_tok].norm if m.end_tok < sent.token_end else "</s>"
    pos = "nominal" if nominal else "verbal"
    typed = []
    if type_p is not None:
        d = _decile(type_p)
        typed = [f"type_p={d}", f"type_p={d}|type={event_type}", f"type_p={d}|pos={pos}"]
    return typed + [
        f"cue={m.cue}",
        f"cue={m.cue}|type={event_type}",
        f"type={event_type}",
        f"type={event_type}|pos={pos}",
        f"lexpos={m.pos}",
        f"pos={pos}",
        f"weight={_bucket(m.weight)}",
        f"al={'ال' in head.prefixes}",
        f"wa={head.prefixes[:1] == ('و',)}",
        f"prep_clitic={any(p in ('ب', 'ل', 'ك') for p in head.prefixes)}",
        f"suffix={bool(head.suffix)}",
        f"prev={prev}",
        f"next={nxt}",
        f"in_quote={in_quote}",
        f"in_quote={in_quote}|type={event_type}",
        f"status={status}",
        f"sent={min(sent.i, 3)}",
        f"actor_p={_bucket(actor_p)}",
        f"recipient_p={_bucket(recipient_p)}",
        f"actor_p={_bucket(actor_p)}|pos={pos}",
        f"mentions={min(n_mentions, 4)}",
        f"ambiguous={bool(m.alternatives)}",
        f"gap={len(m.tokens) < (m.end_tok - m.start_tok)}",
        f"voice={voice}",
        f"voice={voice}|type={event_type}",
        f"voice={voice}|actor_p={_bucket(actor_p)}",
        f"agent_marked={agent_marked}|pos={pos}",
        f"in_demand={in_demand}",
        f"in_demand={in_demand}|type={event_type}",
    ]
