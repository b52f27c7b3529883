"""ASSAULT and PROTEST on the arabic_event_gsr dev half, each sentence coded as its own article.

    cd training/events && ../../.venv/bin/python eval_gsr.py [--folds 5] [--pipeline] [--spans] [--nested]

Label ``yes`` is positive, ``easy no`` / ``difficult no`` negative, ``ambiguous`` left out.

- model: out-of-fold sentence probabilities (``fit.gsr_oof``: 5 folds stratified by label
  yes/no/ambiguous, grouped by source article; each training part = silver sentences + the other
  folds, as ``train.py`` trains). Printed at 0.5, with the threshold chosen inside each training
  part (``--nested``, honest) and at the best threshold on the held-out predictions (optimistic).
- pipeline (``--pipeline``): the full ``ahdath`` pipeline; a sentence is positive when any coded
  event has the type. Two lines: with the shipped sentence model in the coder's ASSAULT/PROTEST
  gate and the shipped sides ranker (both learnt from these sentences: optimistic) and with the
  out-of-fold probabilities in the gate (``CVGate``) and a sides ranker trained without the
  sentence's span sets (``sides_cv_models``): the honest estimate; the other models never saw GSR.
- spans (``--spans``): the span files (``*_spans.json``). Each distinct annotator span set
  (source, verb, target) is a gold span. An ahdath event counts for it when it has the type and
  its trigger overlaps the gold verb span or lies at most ``NEAR_WORDS`` words from it. Its
  source is right when the event's actor evidence span overlaps the gold source span (character
  offsets into the sentence), or a resolved actor mention inside the gold span has the same
  identity (``ahdath.actors.resolve.identity``), or both are empty (agentless); target likewise
  with the recipient; "both" needs one event right on both sides. Printed per span set and per
  sentence (right when any annotator's span set is), over all sentences of the file and over
  those labelled ``yes``; the coder's gate uses the out-of-fold probabilities unless
  ``--no-model``, and its sides ranker is one trained without the sentence's span sets
  (``sides_cv_models``: the shipped ranker also learns from them, ``gsr_sides.py``).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import data as D  # noqa: E402
import fit as F  # noqa: E402

from ahdath.actors.resolve import identity  # noqa: E402
from ahdath.model import Actor, Document, Event  # noqa: E402

NEAR_WORDS = 2  # an event's trigger counts for a gold verb span this many words away


def line(name: str, y: np.ndarray, pred: np.ndarray) -> str:
    p, r, f = F.prf(y == 1, pred)
    return f"{name:<34} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={int((pred & (y == 1)).sum())} pred={int(pred.sum())} gold={int(y.sum())})"


def model_cv(event_type: str, k: int, nested: bool) -> tuple[list[str], dict[str, float]]:
    """Model lines from out-of-fold probabilities (every row predicted by a model that never saw
    it); returns the lines and the probabilities by sentence text (ambiguous rows included)."""
    p = F.Params()
    sil = F.article_sentence_examples(D.silver(), p.silver_weight)
    oof = F.gsr_oof(event_type, p, sil, k=k)
    rows = D.gsr(event_type)
    y = np.array([r.label for r in rows])
    prob = np.array([oof[r.text] for r in rows])
    out = [line(f"{event_type} model CV @0.5", y, prob >= 0.5)]
    if nested:
        # threshold chosen inside each training part (its own inner CV), applied to the held-out fold
        from sklearn.model_selection import StratifiedGroupKFold

        pred = np.zeros(len(rows), dtype=bool)
        split = StratifiedGroupKFold(k, shuffle=True, random_state=0)
        for tr, te in split.split(np.zeros(len(rows)), y, [F.gsr_group(r.id) for r in rows]):
            tr_rows = [rows[i] for i in tr]
            _, y_in, p_in = F.gsr_cv(event_type, p, sil, k=k, seed=1, rows=tr_rows)
            thr = F.best_threshold(y_in, p_in)[0]
            pred[te] = prob[te] >= thr
        out.append(line(f"{event_type} model CV @nested thr", y, pred))
    thr, _ = F.best_threshold(y, prob)
    out.append(line(f"{event_type} model CV @best {thr} (optim.)", y, prob >= thr))
    return out, oof


def pipeline(event_type: str, limit: int | None, probs: dict[str, float] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Code each sentence as its own article with the full pipeline; positive if any event has the
    type. ``probs``: out-of-fold sentence probabilities (by text) for the coder's sentence gate in
    place of the shipped model's, which was trained on these sentences."""

    rows = D.gsr(event_type)[:limit]
    y = np.array([r.label for r in rows])
    with gated_pipeline(event_type, probs) as pipe:
        pred = np.array([any(e.type == event_type for e in pipe(Document(id=r.id, text=r.text)).events) for r in rows])
    return y, pred


# -- span-level measure ----------------------------------------------------------------------------
@dataclass
class GoldSpan:
    """One annotator's (source, verb, target) for a sentence, as char spans of the text (None = empty)."""

    source: tuple[int, int] | None
    verb: tuple[int, int] | None
    target: tuple[int, int] | None


def locate_words(text: str, words: list[str]) -> tuple[int, int] | None:
    """The char span covering a gold token list (whitespace tokens of ``text``): the exact run when
    the tokens are contiguous, else the tightest cover of one occurrence of each token."""
    if not words:
        return None
    run = " ".join(words)
    i = text.find(run)
    if i >= 0:
        return i, i + len(run)
    occ = [[m.start() for m in re.finditer(re.escape(w), text)] for w in words]
    if not all(occ):
        return None
    best: tuple[int, int] | None = None
    for s0 in occ[0]:
        lo, hi = s0, s0 + len(words[0])
        for w, starts in zip(words[1:], occ[1:], strict=True):
            s = min(starts, key=lambda x: abs(x - s0))
            lo, hi = min(lo, s), max(hi, s + len(w))
        if best is None or hi - lo < best[1] - best[0]:
            best = (lo, hi)
    return best


@dataclass
class SpanSentence:
    text: str
    label: str  # the GSR label of the sentence (by text), "?" when the CSV dev half lacks it
    spans: list[GoldSpan]


def span_sentences(event_type: str) -> list[SpanSentence]:
    """The span file of the dev half; distinct annotator span sets per sentence."""
    path = D.DATA / "arabic_event_gsr" / f"{event_type.lower()}_spans.json"
    labels = {}
    with (D.DATA / "arabic_event_gsr" / f"{event_type.lower()}_gsr.csv").open(encoding="utf-8") as f:
        labels = {r["text"]: r["label"] for r in csv.DictReader(f)}
    out = []
    for rec in json.loads(path.read_text(encoding="utf-8")):
        text = rec["text"]
        seen, spans = set(), []
        for s in rec["spans"]:
            key = (tuple(s["source_actor"]), tuple(s["verb"]), tuple(s["target_actor"]))
            if key in seen:
                continue
            seen.add(key)
            spans.append(GoldSpan(*(locate_words(text, list(k)) for k in key)))
        out.append(SpanSentence(text, labels.get(text, "?"), spans))
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _near(text: str, a: tuple[int, int], b: tuple[int, int], words: int = NEAR_WORDS) -> bool:
    """Overlapping, or at most ``words`` whitespace words between the two spans."""
    if _overlap(a, b):
        return True
    gap = text[min(a[1], b[1]) : max(a[0], b[0])]
    return len(gap.split()) <= words


def side_matches(doc: Document, actor: Actor | None, gold: tuple[int, int] | None) -> bool:
    """Whether an event side is the gold side: both empty; or the side's evidence span overlaps
    the gold span; or a resolved actor mention inside the gold span has the side's identity."""
    if gold is None or actor is None:
        return gold is None and actor is None
    if _overlap((actor.start, actor.end), gold):
        return True
    key = identity(actor)
    if not any(key[1:]):
        return False  # an identity with nothing in it (unknown, no country/sector) matches nothing
    return any(identity(a) == key for a in doc.actors if _overlap((a.start, a.end), gold))


@dataclass
class SpanScore:
    found: bool = False  # an event of the type with its trigger at the gold verb
    source: bool = False
    target: bool = False
    joint: bool = False


def score_span(doc: Document, events: list[Event], g: GoldSpan) -> SpanScore:
    out = SpanScore()
    for e in events:
        if g.verb is not None and not _near(doc.text, (e.trigger.start, e.trigger.end), g.verb):
            continue
        out.found = True
        src, tgt = side_matches(doc, e.actor, g.source), side_matches(doc, e.recipient, g.target)
        out.source |= src
        out.target |= tgt
        out.joint |= src and tgt
    return out


class CVGate:
    """The shipped classifier, with the ASSAULT/PROTEST sentence probabilities replaced by
    out-of-fold ones (by sentence text) where a model trained without the sentence is needed."""

    def __init__(self, base: object, probs: dict[str, dict[str, float]]) -> None:
        self._base = base
        self._probs = probs

    def score_sentence(self, doc: Document, sent: object) -> dict[str, float]:
        out = self._base.score_sentence(doc, sent)  # type: ignore[attr-defined]
        for t, by_text in self._probs.items():
            if doc.text in by_text:
                out[t] = by_text[doc.text]
        return out

    def __getattr__(self, name: str) -> object:
        return getattr(self._base, name)


def event_coder(pipe: object) -> object:
    for name, comp in pipe.components:  # type: ignore[attr-defined]
        if name == "events":
            return comp
    raise SystemExit("the pipeline has no events component")


@contextmanager
def gated_pipeline(event_type: str, probs: dict[str, float] | None) -> Iterator[Callable[[Document], Document]]:
    """The full pipeline as a function of a document. With ``probs`` (out-of-fold sentence probabilities by
    text for ``event_type``) it is the honest one: the coder's sentence gate gets those probabilities and
    its sides ranker is one trained without the sentence's span sets (``sides_cv_models``); without, the
    shipped models (which saw these sentences). The shipped models are put back afterwards."""
    import ahdath

    pipe = ahdath.load()
    coder = event_coder(pipe)
    base, sides = coder.classifier, coder.sides_model  # type: ignore[attr-defined]
    run: Callable[[Document], Document] = pipe  # type: ignore[assignment]
    if probs is not None:
        coder.classifier = CVGate(base, {event_type: probs})  # type: ignore[attr-defined]
        models = sides_cv_models(SIDES_FOLDS)

        def run(doc: Document) -> Document:
            coder.sides_model = models[text_fold(doc.text, SIDES_FOLDS)]  # type: ignore[attr-defined]
            return pipe(doc)  # type: ignore[operator]

    try:
        yield run
    finally:
        coder.classifier, coder.sides_model = base, sides  # type: ignore[attr-defined]


SIDES_FOLDS = 5


def text_fold(text: str, k: int) -> int:
    """A sentence's fold by its text (one sentence can be in both span files)."""
    return zlib.crc32(text.encode("utf-8")) % k


@lru_cache(maxsize=1)
def sides_cv_models(k: int) -> tuple[object, ...]:
    """Sides rankers trained as ``train_sides.py`` trains the shipped one (training articles + the GSR span
    sets), each without the span sets of one fold of sentences: the ranker that codes a sentence never
    saw its spans."""
    import cv_eval
    import event_sets
    import gsr_sides
    import train_sides

    import ahdath
    from ahdath.events.coder import EventCoder

    pipe = ahdath.load(components=event_sets.PRE)
    rule = EventCoder.load(use_model=False)
    arts, golds = event_sets.training_set(D.SHARED)
    docs = event_sets.cached_docs("train", arts, golds, False, pipe)
    golds = {d: g for d, g in golds.items() if d in docs}
    articles = [e for exs in cv_eval.side_examples(docs, golds, EventCoder.load(resolver=dict(pipe.components)["actors"])).values() for e in exs]
    golds_gsr = gsr_sides.gsr_golds()
    texts = {key: text for key, text, _ in golds_gsr}
    gsr = gsr_sides.gsr_examples(pipe, rule, golds_gsr)
    return tuple(
        train_sides.fit_pairs(articles + [e for key, exs in gsr.items() if text_fold(texts[key], k) != j for e in exs], train_sides.C)
        for j in range(k)
    )


def spans(event_type: str, probs: dict[str, float] | None) -> list[str]:
    """Span-level source/target figures for ``event_type``; ``probs`` = out-of-fold sentence
    probabilities (by text) that replace the shipped model's in the coder's gate."""

    with gated_pipeline(event_type, probs) as pipe:
        rows = span_sentences(event_type)
        per_span: list[tuple[SpanSentence, GoldSpan, SpanScore]] = []
        for k, s in enumerate(rows):
            doc = pipe(Document(id=f"gsr-span-{k}", text=s.text))
            evs = [e for e in doc.events if e.type == event_type]
            per_span.extend((s, g, score_span(doc, evs, g)) for g in s.spans)
    out = []
    for subset, keep in (("all", lambda s: True), ("yes", lambda s: s.label == "yes")):
        sc = [(s, g, r) for s, g, r in per_span if keep(s)]
        for unit in ("span sets", "sentences"):
            if unit == "span sets":
                units = [[r] for _, _, r in sc]
                gold = [[g] for _, g, _ in sc]
            else:  # a sentence is right when any annotator's span set is matched
                by: dict[int, list[int]] = {}
                for i, (s, _, _) in enumerate(sc):
                    by.setdefault(id(s), []).append(i)
                units = [[sc[i][2] for i in ix] for ix in by.values()]
                gold = [[sc[i][1] for i in ix] for ix in by.values()]
            n = len(units)
            if not n:
                continue

            def share(f: object, units: list = units) -> float:
                return sum(any(f(r) for r in u) for u in units) / len(units)  # type: ignore[operator]

            named_src = sum(any(g.source is not None for g in gs) for gs in gold)
            out.append(
                f"{event_type} spans {subset:<3} per {unit:<9} n={n:<4} event@verb={share(lambda r: r.found):.3f} "
                f"source={share(lambda r: r.source):.3f} target={share(lambda r: r.target):.3f} "
                f"both={share(lambda r: r.joint):.3f}  (units with a named source: {named_src})"
            )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-model", action="store_true", help="skip the model cross-validation")
    ap.add_argument("--nested", action="store_true", help="also nested threshold choice (slow)")
    ap.add_argument("--pipeline", action="store_true", help="also the full ahdath.code pipeline (shipped models)")
    ap.add_argument("--limit", type=int, default=None, help="pipeline: first N sentences only")
    ap.add_argument("--spans", action="store_true", help="also span-level source/target on the span files")
    ap.add_argument("--types", default="ASSAULT,PROTEST")
    args = ap.parse_args(argv)
    for t in args.types.split(","):
        oof = None
        if not args.no_model:
            lines, oof = model_cv(t, args.folds, args.nested)
            for s in lines:
                print(s, flush=True)
        if args.pipeline:
            t0 = time.time()
            y, pred = pipeline(t, args.limit)
            print(line(f"{t} pipeline, shipped gate (seen)", y, pred), f"{len(y) / (time.time() - t0):.0f} sent/s", flush=True)
            if oof is not None:
                y, pred = pipeline(t, args.limit, oof)
                print(line(f"{t} pipeline, CV gate (honest)", y, pred), flush=True)
        if args.spans:
            for s in spans(t, oof):
                print(s, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
