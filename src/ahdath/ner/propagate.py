"""Document-level label propagation: a name the tagger labels in some sentences of a document is
labelled at its other, untagged mentions in the same document (when most mentions were tagged)."""

from __future__ import annotations

from collections import Counter

from ahdath.ner.iob import tags_to_spans


def propagate(
    tokens: list[list[str]],
    tags: list[list[str]],
    min_ratio: float = 0.5,
    min_chars: int = 3,
    person_parts: bool = False,
) -> list[list[str]]:
    """Return new tags where untagged exact repeats of tagged entity strings get the majority label.

    With ``person_parts`` the last word of a multi-word person name also counts as that person
    (``جورج بوش`` ... ``قال بوش``), whatever the share of its tagged mentions.
    """
    labels: dict[tuple[str, ...], Counter[str]] = {}
    parts: set[tuple[str, ...]] = set()
    for toks, tg in zip(tokens, tags, strict=True):
        for a, b, lab in tags_to_spans(tg):
            key = tuple(toks[a:b])
            if sum(map(len, key)) >= min_chars:
                labels.setdefault(key, Counter())[lab] += 1
            if person_parts and lab == "PERS" and b - a >= 2 and len(toks[b - 1]) >= 3:
                parts.add((toks[b - 1],))
    for key in parts:
        labels.setdefault(key, Counter())["PERS"] += 1
    if not labels:
        return tags
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in labels:
        by_first.setdefault(key[0], []).append(key)
    for keys in by_first.values():
        keys.sort(key=len, reverse=True)
    # count every mention (tagged or not) of each key
    # the positions where a key may start, per sentence
    starts = [[i for i, w in enumerate(toks) if w in by_first] for toks in tokens]
    mentions: Counter[tuple[str, ...]] = Counter()
    for toks, pos in zip(tokens, starts, strict=True):
        for i in pos:
            for key in by_first[toks[i]]:
                if tuple(toks[i : i + len(key)]) == key:
                    mentions[key] += 1
    out = [list(t) for t in tags]
    for toks, tg, pos in zip(tokens, out, starts, strict=True):
        nxt = 0  # a label given here covers tokens up to nxt
        for i in pos:
            if i < nxt:
                continue
            for key in by_first[toks[i]]:
                n = len(key)
                if tuple(toks[i : i + n]) != key or any(t != "O" for t in tg[i : i + n]):
                    continue
                if i + n < len(tg) and tg[i + n].startswith("I-"):
                    continue
                tagged = sum(labels[key].values())
                if key not in parts and tagged / mentions[key] < min_ratio:
                    continue
                lab = labels[key].most_common(1)[0][0]
                tg[i] = f"B-{lab}"
                for j in range(i + 1, i + n):
                    tg[j] = f"I-{lab}"
                nxt = i + n
                break
    return out
