"""Error categories of the quote layer against annotated quotes (used by eval_extra.py --errors).

Each gold quote left unmatched by the scorer's one-to-one matching falls in one category:

- ``speaker``: a predicted quote covers its content (the scorer's content test) with another speaker;
- ``content``: a predicted quote has its speaker and shares content words (or its cue), but covers
  less than half of the gold words;
- ``missed``: nothing predicted for it.

A predicted quote left unmatched and not paired above is ``extra``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ahdath.evaluate import content_words, matching, quote_match, side_match
from ahdath.model import Document


@dataclass
class Error:
    kind: str
    doc_id: str
    gold: dict[str, Any] | None
    pred: dict[str, Any] | None

    def line(self) -> str:
        g, p = self.gold or {}, self.pred or {}
        gs = (g.get("speaker") or {}).get("text", "")
        ps = (p.get("speaker") or {}).get("text", "") if p.get("speaker") else ""
        out = f"{self.doc_id} {self.kind}"
        if g:
            out += f"\n    gold [{g.get('cue')}] {gs} | {g.get('content_start', '')[:70]}"
        if p:
            cue = (p.get("cue") or {}).get("text", "")
            out += f"\n    pred [{cue}] {ps} | {(p.get('text') or '')[:70]}"
        return out


def _speaker_ok(p: dict, g: dict) -> bool:
    sp = p.get("speaker") or {}
    return side_match(
        {"text": sp.get("text") or "", "name": (sp.get("name") or "").lower()},
        {"text": g["speaker"]["text"], "name": (g["speaker"].get("name") or "").lower()},
    )


def _content_ok(p: dict, g: dict) -> bool:
    want = content_words(g.get("content_start"))
    return bool(want) and len(want & content_words(p.get("text"))) >= 0.5 * len(want)


def categorize(gold: dict[str, dict], docs: dict[str, Document], ids: list[str]) -> list[Error]:
    errors: list[Error] = []
    for k in ids:
        golds = gold[k].get("quotes", [])
        preds = [q.to_dict() for q in docs[k].quotes] if k in docs else []
        owner = matching(preds, golds, quote_match)
        free_p = set(range(len(preds))) - set(owner.values())
        for j, g in enumerate(golds):
            if j in owner:
                continue
            kind, pi = "missed", None
            for i in sorted(free_p):
                if _content_ok(preds[i], g):
                    kind, pi = "speaker", i
                    break
            if pi is None:
                want = content_words(g.get("content_start"))
                for i in sorted(free_p):
                    same_cue = (preds[i].get("cue") or {}).get("text") == g.get("cue")
                    if _speaker_ok(preds[i], g) and (same_cue or want & content_words(preds[i].get("text"))):
                        kind, pi = "content", i
                        break
            if pi is not None:
                free_p.discard(pi)
            errors.append(Error(kind, k, g, preds[pi] if pi is not None else None))
        errors.extend(Error("extra", k, None, preds[i]) for i in sorted(free_p))
    return errors


def print_errors(errors: list[Error], n: int) -> None:
    counts = Counter(e.kind for e in errors)
    print("error categories:", ", ".join(f"{k}={v}" for k, v in counts.most_common()))
    missed_cues = Counter((e.gold or {}).get("cue", "") for e in errors if e.kind == "missed")
    extra_cues = Counter(((e.pred or {}).get("cue") or {}).get("text", "") for e in errors if e.kind == "extra")
    print("missed, by gold cue:", ", ".join(f"{c}:{v}" for c, v in missed_cues.most_common(30)))
    print("extra, by cue:", ", ".join(f"{c}:{v}" for c, v in extra_cues.most_common(30)))
    for kind in ("missed", "speaker", "content", "extra"):
        print(f"--- {kind}")
        for e in [e for e in errors if e.kind == kind][:n]:
            print(e.line())
