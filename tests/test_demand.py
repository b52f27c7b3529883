"""What a request demands is not done: triggers inside a request's complement (طالب X بضرورة ...)."""

from __future__ import annotations

import ahdath
from ahdath.events.arguments import MentionIndex, clause_marks, demand_of
from ahdath.events.coder import _arg_preps
from ahdath.model import Document

TEXT = "طالب وزير الخارجية الأردني أيمن الصفدي بضرورة وقف جرائم الاحتلال الإسرائيلي وفتح معبر رفح. وقال: فتح معبر رفح خطوة مهمة."


def _setup() -> tuple:
    pipe = ahdath.load()
    coder = dict(pipe.components)["events"]
    doc = pipe(Document(id="t", text=TEXT, date="2023-10-14"))
    idx = MentionIndex(doc)
    ms = coder.matches(doc, idx)
    idx.marks = clause_marks(doc, [m.head for m in ms])
    return pipe, coder, doc, idx, ms


def test_demand_scope_ends_at_the_clause() -> None:
    _, _, doc, idx, ms = _setup()
    heads = frozenset(m.head for m in ms)
    demand = next(m for m in ms if m.type == "REQUEST" and m.cue.startswith("طالب"))
    requests = [(demand, _arg_preps(demand.arg))]
    crossings = [m for m in ms if m.type == "RETREAT"]
    assert len(crossings) == 2, [(m.cue, m.type) for m in ms]
    inside, outside = crossings
    assert demand_of(doc, idx, requests, inside, heads) is demand
    assert demand_of(doc, idx, requests, outside, heads) is None  # a new sentence, after a reporting verb
    assert demand_of(doc, idx, [], inside, heads) is None


def test_the_restating_noun_is_folded_into_the_request() -> None:
    _, coder, doc, _, _ = _setup()
    decided = list(coder.triggers(doc))  # before the event filter
    requests = [d for d in decided if d.type == "REQUEST"]
    assert [d.match.cue.split()[0] for d in requests] == ["طالب"], [(d.match.cue, d.type) for d in decided]
    d = requests[0]
    assert [a.country for a in d.sides.actors if a] == ["JOR"], d.sides.how
    assert [r.country for r in d.sides.recipients if r] == ["ISR"], d.sides.how
    demanded = next(d for d in decided if d.type == "RETREAT")
    assert "in_demand=True" in demanded.features
    later = [d for d in decided if d.type == "RETREAT" and d is not demanded]
    assert all("in_demand=False" in x.features for x in later)
