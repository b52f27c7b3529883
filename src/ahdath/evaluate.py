"""Scoring coded events and quotes against gold annotations (the event guidelines' format).

The measures follow the project's reference scorer (``shared/eval/score_events.py``):
trigger, dyad and full F1 over an optimal one-to-one matching per article, side accuracies,
and quote F1. A side matches when countries agree (or one is empty) and the Arabic texts
share a content word or the English names agree, or when country and sector are both given
and equal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from ahdath.language.normalize import fold_text

_NON_WORD = re.compile(r"[^\w\s]")
_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
# Title and function words that do not identify an entity (folded).
_TITLE_WORDS = frozenset(
    fold_text(w)
    for w in ["وزير", "وزارة", "رئيس", "رئيسة", "الأمين", "أمين", "عام", "العام", "حركة", "حزب", "مكتب", "المكتب", "سياسي", "السياسي", "الخارجية", "خارجية", "الدفاع", "دفاع", "الداخلية", "داخلية", "حكومة", "الحكومة", "مجلس", "المجلس", "جيش", "الجيش", "قوات", "القوات", "وكالة", "الوكالة", "سفير", "السفير", "ناطق", "الناطق", "باسم", "متحدث", "المتحدث", "المسؤول", "مسؤول", "الرئيس", "زعيم", "الزعيم", "قائد", "القائد", "الجمهورية", "جمهورية", "الإسلامية", "الإسلامي", "دولة", "الدولة", "مملكة", "المملكة", "المتحدة", "الولايات", "ولايات", "الاتحاد", "اتحاد", "ملك", "الملك", "أمير", "الأمير", "ولي", "العهد", "عهد", "نائب", "النائب"]
)

Obj = dict[str, Any]


def _stem(tok: str) -> str:
    for p in _PREFIXES:
        if tok.startswith(p) and len(tok) - len(p) >= 3:
            return tok[len(p) :]
    return tok


def content_words(s: str | None) -> set[str]:
    words = _NON_WORD.sub(" ", fold_text(s or "")).split()
    titles = _TITLE_WORDS | {_stem(t) for t in _TITLE_WORDS}
    return {_stem(w) for w in words if len(w) > 1} - titles


def _text(x: Any) -> str:
    if x is None:
        return ""
    return (x.get("text") or "") if isinstance(x, dict) else str(x)


def _name(a: Obj) -> str:
    return (a.get("name") or a.get("name_en") or "").lower().strip()


def side_match(p: Obj | None, g: Obj | None) -> bool:
    if p is None or g is None:
        return p is None and g is None
    pc, gc = (p.get("country") or "").upper(), (g.get("country") or "").upper()
    ps, gs = (p.get("sector") or "").upper(), (g.get("sector") or "").upper()
    if pc and pc == gc and ps and ps == gs:
        return True
    if pc and gc and pc != gc:
        return False
    if content_words(_text(p)) & content_words(_text(g)):
        return True
    pn, gn = _name(p), _name(g)
    if pn and gn and SequenceMatcher(None, pn, gn).ratio() >= 0.85:
        return True
    return bool(pc and pc == gc and not ps and not gs)


def _norm(s: str) -> str:
    return " ".join(_NON_WORD.sub(" ", fold_text(s)).split())


def event_match(p: Obj, g: Obj, level: str) -> bool:
    if (p.get("type") or "").upper() != g["type"]:
        return False
    if level == "trigger":
        ctx = _norm(_text(p.get("sentence")) + " " + _text(p.get("trigger")))
        return _norm(g["trigger"]) in ctx or _norm(g["sentence"][:40]) in ctx
    if not (side_match(p.get("actor"), g.get("actor")) and side_match(p.get("recipient"), g.get("recipient"))):
        return False
    if level == "full":
        if (p.get("status") or "asserted") != (g.get("status") or "asserted"):
            return False
        if g.get("mode") and (p.get("mode") or "") != g["mode"]:
            return False
    return True


def quote_match(p: Obj, g: Obj) -> bool:
    speaker = p.get("speaker") or {}
    if not side_match({"text": _text(speaker), "name": _name(speaker)}, {"text": g["speaker"]["text"], "name": g["speaker"].get("name", "")}):
        return False
    want = content_words(g["content_start"])
    return bool(want) and len(want & content_words(_text(p.get("text") or p.get("content")))) >= 0.5 * len(want)


def max_matching(preds: list[Obj], golds: list[Obj], ok: Callable[[Obj, Obj], bool]) -> int:
    """Size of a maximum bipartite matching (Kuhn's augmenting paths)."""
    return len(matching(preds, golds, ok))


def matching(preds: list[Obj], golds: list[Obj], ok: Callable[[Obj, Obj], bool]) -> dict[int, int]:
    """A maximum bipartite matching (Kuhn's augmenting paths): gold index -> prediction index."""
    owner: dict[int, int] = {}
    edges = [[j for j, g in enumerate(golds) if ok(p, g)] for p in preds]

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(preds)):
        augment(i, set())
    return owner


def prf(tp: int, n_pred: int, n_gold: int) -> Obj:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": n_pred, "gold": n_gold}


def score(gold: dict[str, Obj], pred: dict[str, Obj]) -> Obj:
    report: Obj = {}
    for level in ("trigger", "dyad", "full"):
        tp = n_p = n_g = 0
        for doc, g in gold.items():
            pe = (pred.get(doc) or {}).get("events", [])
            n_p, n_g = n_p + len(pe), n_g + len(g["events"])
            tp += max_matching(pe, g["events"], lambda p, q, lv=level: event_match(p, q, lv))
        report[level] = prf(tp, n_p, n_g)
    tp = n_p = n_g = 0
    for doc, g in gold.items():
        pq = (pred.get(doc) or {}).get("quotes", [])
        n_p, n_g = n_p + len(pq), n_g + len(g.get("quotes", []))
        tp += max_matching(pq, g.get("quotes", []), quote_match)
    report["quotes"] = prf(tp, n_p, n_g)
    per_type: Obj = {}
    for t in sorted({e["type"] for g in gold.values() for e in g["events"]}):
        tp = n_p = n_g = 0
        for doc, g in gold.items():
            ge = [e for e in g["events"] if e["type"] == t]
            pe = [e for e in (pred.get(doc) or {}).get("events", []) if (e.get("type") or "").upper() == t]
            n_p, n_g = n_p + len(pe), n_g + len(ge)
            tp += max_matching(pe, ge, lambda p, q: event_match(p, q, "dyad"))
        per_type[t] = prf(tp, n_p, n_g)
    report["per_type_dyad"] = per_type
    report["sides"] = side_accuracy(gold, pred)
    report["articles"] = len(gold)
    report["articles_missing_in_pred"] = sorted(set(gold) - set(pred))
    return report


def side_accuracy(gold: dict[str, Obj], pred: dict[str, Obj]) -> Obj:
    hits = {f"{s}_{k}": [0, 0] for s in ("actor", "recipient") for k in ("country", "sector", "name")}
    for doc, g in gold.items():
        pe = (pred.get(doc) or {}).get("events", [])
        for ge in g["events"]:
            cands = [p for p in pe if event_match(p, ge, "trigger")]
            if not cands:
                continue
            best = max(cands, key=lambda p: side_match(p.get("actor"), ge.get("actor")) + side_match(p.get("recipient"), ge.get("recipient")))
            for s in ("actor", "recipient"):
                gs, ps = ge.get(s), best.get(s) or {}
                if not gs:
                    continue
                for k in ("country", "sector"):
                    if gs.get(k):
                        hits[f"{s}_{k}"][1] += 1
                        hits[f"{s}_{k}"][0] += (ps.get(k) or "").upper() == gs[k].upper()
                if gs.get("name"):
                    hits[f"{s}_name"][1] += 1
                    hits[f"{s}_name"][0] += side_match(ps or None, gs)
    return {k: {"accuracy": round(a / n, 4) if n else 0.0, "n": n} for k, (a, n) in hits.items()}


def load_jsonl(path: Path, keys: Iterable[str]) -> dict[str, Obj]:
    out: dict[str, Obj] = {}
    keys = tuple(keys)
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                out[str(next(d[k] for k in keys if k in d))] = d
    return out


def evaluate_events(gold_path: Path, articles_path: Path, output: Path | None = None) -> Obj:
    """Code the articles with the default pipeline and score them against the gold file."""
    import ahdath
    from ahdath.io.readers import RecordError, read_path

    pipeline = ahdath.load()
    pred: dict[str, Obj] = {}
    errors: list[str] = []
    for res in pipeline.code_records(read_path(articles_path)):
        if isinstance(res, RecordError):
            errors.append(str(res))
        else:
            pred[res.id] = res.to_dict()
    if output:
        with output.open("w", encoding="utf-8") as f:
            for d in pred.values():
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
    report = score(load_jsonl(gold_path, ("docno", "doc_id", "id")), pred)
    report["errors"] = errors
    return report


def format_report(r: Obj) -> str:
    lines = []
    for level in ("trigger", "dyad", "full", "quotes"):
        x = r[level]
        lines.append(f"{level:8s} P={x['precision']:.3f} R={x['recall']:.3f} F1={x['f1']:.3f}  (tp={x['tp']} pred={x['pred']} gold={x['gold']})")
    for k, x in r["sides"].items():
        lines.append(f"  side {k:18s} accuracy={x['accuracy']:.3f} (n={x['n']})")
    for t, x in r["per_type_dyad"].items():
        lines.append(f"  {t:10s} P={x['precision']:.3f} R={x['recall']:.3f} F1={x['f1']:.3f}  (gold={x['gold']})")
    if r.get("articles_missing_in_pred"):
        lines.append(f"missing: {len(r['articles_missing_in_pred'])} articles")
    for e in r.get("errors", []):
        lines.append(f"error: {e}")
    return "\n".join(lines)
