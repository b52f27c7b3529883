"""IOB2 tag helpers."""

from __future__ import annotations


def fix_iob2(tags: list[str]) -> list[str]:
    """Turn an I-X that does not continue an X into B-X."""
    out: list[str] = []
    prev = "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def tags_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, one past last token, label) for each IOB2 entity."""
    spans: list[tuple[int, int, str]] = []
    if tags.count("O") == len(tags):
        return spans
    start, kind = -1, ""
    for i, t in enumerate([*tags, "O"]):
        if start >= 0 and not (t.startswith("I-") and t[2:] == kind):
            spans.append((start, i, kind))
            start = -1
        if t.startswith("B-") or (t.startswith("I-") and start < 0):
            start, kind = i, t[2:]
    return spans


def union_tags(primary: list[str], secondary: list[str]) -> list[str]:
    """Keep every entity of ``primary``; add those of ``secondary`` that overlap none of them."""
    out = list(primary)
    taken = [t != "O" for t in primary]
    for a, b, label in tags_to_spans(secondary):
        if not any(taken[a:b]):
            out[a] = f"B-{label}"
            for i in range(a + 1, b):
                out[i] = f"I-{label}"
    return out
