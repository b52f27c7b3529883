"""Batched coding (Pipeline.pipe / run_batch / code_records): same results as one document at a
time, and a document that fails inside a batch fails alone."""

from __future__ import annotations

import ahdath
from ahdath.io.readers import Record, RecordError
from ahdath.language import analyze
from ahdath.model import Document
from ahdath.pipeline import Pipeline

TEXTS = [
    "التقى الرئيس الأمريكي جورج بوش رئيس الوزراء البريطاني توني بلير في لندن يوم الاثنين.",
    "طالب وزير الخارجية الإيراني بوقف الهجمات على غزة. وقال إن إسرائيل تتحمل المسؤولية.",
    "وصل وزير الخارجية إلى القاهرة.",
    "أعلنت وزارة الصحة الفلسطينية في غزة مقتل خمسة أشخاص، وقال المتحدث باسم حركة حماس إن الهجوم جريمة.",
]


def _docs() -> list[Document]:
    return [Document(id=f"d{i}", text=t, date="2023-10-14") for i, t in enumerate(TEXTS)]


def test_pipe_matches_one_at_a_time() -> None:
    pipeline = ahdath.load()
    one = [pipeline(d).to_dict() for d in _docs()]
    batched = [d.to_dict() for d in pipeline.pipe(_docs(), batch_size=3)]
    assert batched == one
    assert any(e["label"] == "PERS" for e in one[0]["entities"])


class _Boom:
    """A component whose batch method fails when any document says "boom"."""

    def __init__(self) -> None:
        self.batches: list[int] = []

    def __call__(self, doc: Document) -> Document:
        if "boom" in doc.text:
            raise RuntimeError("boom")
        doc.user_data["seen"] = True
        return doc

    def pipe(self, docs: list[Document]) -> list[Document]:
        self.batches.append(len(docs))
        return [self(d) for d in docs]


def test_failure_inside_a_batch_stays_with_its_record() -> None:
    boom = _Boom()
    pipeline = Pipeline([("language", analyze), ("boom", boom)])
    recs: list[Record | RecordError] = [
        Record("a", TEXTS[0], "t"),
        RecordError("bad-json", "t:2", "malformed JSON"),
        Record("b", TEXTS[2] + " boom", "t"),
        Record("c", TEXTS[2], "t"),
        Record("d", "   ", "t"),
        Record("e", TEXTS[1], "t"),
    ]
    out = list(pipeline.code_records(recs, batch_size=10))
    assert [o.id for o in out] == ["a", "bad-json", "b", "c", "d", "e"]
    assert isinstance(out[1], RecordError) and out[1].message == "malformed JSON"
    assert isinstance(out[2], RecordError) and "internal error: RuntimeError: boom" in out[2].message
    assert isinstance(out[4], RecordError)  # empty text: refused by the input check
    for o in (out[0], out[3], out[5]):
        assert isinstance(o, Document) and o.user_data["seen"] and o.tokens
    assert boom.batches == [4]  # the batch call (4 live documents) failed, then one call each


def test_code_records_batches_keep_order() -> None:
    pipeline = Pipeline([("language", analyze)])
    recs = [Record(f"r{i}", TEXTS[i % len(TEXTS)], "t") for i in range(7)]
    for size in (1, 2, 3, 64):
        out = list(pipeline.code_records(recs, batch_size=size))
        assert [o.id for o in out] == [r.id for r in recs]
        assert all(isinstance(o, Document) and o.tokens for o in out)
