"""CoNLL-style token files: read them and tag them with the NER model."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ahdath.ner.tagger import NERTagger


def read_blocks(path: str | Path) -> list[list[list[str]] | str]:
    """The file as blocks: a sentence (its rows, whitespace-split columns) or a raw separator line
    (blank or -DOCSTART-) kept as it is."""
    blocks: list[list[list[str]] | str] = []
    cur: list[list[str]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                if cur:
                    blocks.append(cur)
                    cur = []
                blocks.append(line.rstrip("\n"))
                continue
            cur.append(parts)
    if cur:
        blocks.append(cur)
    return blocks


def read_conll(path: str | Path) -> list[list[list[str]]]:
    """Sentences as lists of rows (whitespace-split columns); -DOCSTART- lines are sentence breaks."""
    return [b for b in read_blocks(path) if isinstance(b, list)]


def tag_conll(in_path: str | Path, out_path: str | Path, tagger: NERTagger | None = None) -> int:
    """Tag IN (first column = token) and write ``TOKEN TAG`` lines to OUT; returns the sentence count.

    Blank lines are preserved; -DOCSTART- lines are copied through as they are.
    """
    if tagger is None:
        from ahdath.ner.tagger import NERTagger

        tagger = NERTagger.load()
    blocks = [b if isinstance(b, str) else [row[0] for row in b] for b in read_blocks(in_path)]
    sents = [b for b in blocks if isinstance(b, list)]
    # Consecutive sentences (up to the next -DOCSTART-) are treated as documents of doc_window sentences.
    all_tags: list[list[str]] = []
    group: list[list[str]] = []
    for b in [*blocks, "-DOCSTART-"]:
        if isinstance(b, list):
            group.append(b)
        if group and (len(group) >= tagger.doc_window or (isinstance(b, str) and b.startswith("-DOCSTART-"))):
            all_tags += tagger.tag_tokens(group, document=True)
            group = []
    tags = iter(all_tags)
    with open(out_path, "w", encoding="utf-8") as w:
        for b in blocks:
            if isinstance(b, str):
                w.write(b + "\n")
            else:
                for tok, tag in zip(b, next(tags), strict=True):
                    w.write(f"{tok} {tag}\n")
    return len(sents)
