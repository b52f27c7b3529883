"""Sentences of ANT news annotated with ANERcorp's entity labels for ahdath (training/data/ner/).

Selection (``select``): random sentences (8-50 tokens of ``TOKEN_RE``, cut after sentence-final
punctuation) of ANT news article bodies, drawn per category so that politics, sport, economy,
technology and culture all appear; the dev gold articles are left out. Each batch file lists
``{"id", "doc", "start", "end", "text"}`` (character offsets into the article's ``text``; ``text`` is
the sentence's tokens joined by spaces, what the annotator reads).

Annotations (``training/data/ner/ner_<batch>.jsonl``): ``{"id", "doc", "start", "end", "entities":
[{"text", "label"}, ...]}`` with the entities in order of appearance, each ``text`` a run of whole
tokens of the sentence joined by spaces. ``load`` turns them into (tokens, IOB2 tags) for training,
re-reading the sentence from ``../shared`` (the repo keeps offsets and entity strings, not the articles).

usage: python training/ner/extra_data.py select SEED FIRST_BATCH N_BATCHES [--size 200]
       python training/ner/extra_data.py check FILE...      (annotation files or batch files + answers)
       python training/ner/extra_data.py conll OUT BATCH... (a CoNLL file `TOKEN TAG` of those batches, e.g. the
                                                             held-out n39,n40, for `ahdath tag-conll` + score_conll.py)
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import REPO, SHARED, write_tagged  # noqa: E402

from ahdath.ner.tagger import SENT_END  # noqa: E402
from ahdath.ner.text import TOKEN_RE  # noqa: E402

LABELS = ("PERS", "LOC", "ORG", "MISC")
HELD_OUT = ("n39", "n40")  # the ANT news NER test: never trained on
DATA_DIR = REPO / "training" / "data" / "ner"
BATCH_DIR = REPO / ".helpers" / "ner"
ANT = SHARED / "data" / "ant_news" / "ant_news.jsonl.xz"
# share of each ANT category among the selected sentences
CATEGORY_SHARE = {"middleEast": 0.25, "internationalNews": 0.25, "sport": 0.2, "economy": 0.12, "technology": 0.08, "culture": 0.1}


def sentences(text: str, lo: int = 8, hi: int = 50) -> list[tuple[int, int, list[str]]]:
    """(start, end, tokens) of the sentences of an article body, lo..hi tokens, within one paragraph."""
    out = []
    cur: list[tuple[int, int, str]] = []
    for m in TOKEN_RE.finditer(text):
        if cur and "\n" in text[cur[-1][1]:m.start()]:
            cur = []
        cur.append((m.start(), m.end(), m.group()))
        if m.group() in SENT_END:
            if lo <= len(cur) <= hi:
                out.append((cur[0][0], cur[-1][1], [t for _, _, t in cur]))
            cur = []
    return out


def read_articles() -> dict[str, dict]:
    with lzma.open(ANT, "rt", encoding="utf-8") as f:
        return {a["id"]: a for a in map(json.loads, f)}


def tokens_of(text: str, start: int, end: int) -> list[str]:
    return TOKEN_RE.findall(text[start:end])


def align(tokens: list[str], entities: list[dict]) -> list[str]:
    """IOB2 tags of tokens for entities given in order as runs of whole tokens; ValueError if one is not found."""
    tags = ["O"] * len(tokens)
    pos = 0
    for e in entities:
        if e.get("label") not in LABELS:
            raise ValueError(f"label {e.get('label')!r} is not one of {LABELS}")
        want = str(e.get("text", "")).split()
        if not want:
            raise ValueError("empty entity text")
        for i in range(pos, len(tokens) - len(want) + 1):
            if tokens[i:i + len(want)] == want:
                tags[i] = "B-" + e["label"]
                for j in range(i + 1, i + len(want)):
                    tags[j] = "I-" + e["label"]
                pos = i + len(want)
                break
        else:
            raise ValueError(f"entity {e['text']!r} is not a run of whole tokens after token {pos} (entities in order of appearance)")
    return tags


def batch_name(path: Path) -> str:
    """The batch of an annotation file: ner_n01.jsonl -> n01."""
    return path.stem.removeprefix("ner_")


def training_files() -> list[Path]:
    """training/data/ner/ner_*.jsonl except the held-out test batches."""
    return [p for p in sorted(DATA_DIR.glob("ner_*.jsonl")) if batch_name(p) not in HELD_OUT]


def batch_files(spec: str) -> list[Path]:
    """Annotation files of a batch spec: 'all' (``training_files()``), 'none' or '' (none), or 'n01,n02,...'."""
    if spec == "all":
        return training_files()
    if spec in ("", "none"):
        return []
    return [DATA_DIR / f"ner_{b}.jsonl" for b in spec.split(",")]


def load(paths: list[Path] | None = None, articles: dict[str, dict] | None = None) -> list[tuple[list[str], list[str]]]:
    """(tokens, tags) of every annotated sentence in paths (default: the training batches, ``training_files()``)."""
    paths = training_files() if paths is None else paths
    articles = read_articles() if articles is None else articles
    out = []
    for p in paths:
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            r = json.loads(line)
            toks = tokens_of(articles[r["doc"]]["text"], r["start"], r["end"])
            try:
                out.append((toks, align(toks, r["entities"])))
            except ValueError as e:
                raise ValueError(f"{p.name}:{n} ({r['id']}): {e}") from None
    return out


def select(seed: int, first: str, n_batches: int, size: int, exclude: set[str]) -> None:
    arts = read_articles()
    gold = SHARED / "data" / "gold" / "dev_articles.jsonl"
    dev_ids = {json.loads(x)["id"] for x in gold.read_text(encoding="utf-8").splitlines() if x.strip()} if gold.is_file() else set()
    rng = random.Random(seed)
    by_cat: dict[str, list[str]] = {}
    for aid, a in sorted(arts.items()):
        if aid not in dev_ids:
            by_cat.setdefault(a.get("category", ""), []).append(aid)
    total = n_batches * size
    picked: list[dict] = []
    for cat, share in CATEGORY_SHARE.items():
        ids = by_cat.get(cat, [])
        rng.shuffle(ids)
        want, k = round(total * share), 0
        for aid in ids:  # one sentence per article
            if k >= want:
                break
            sents = [s for s in sentences(arts[aid]["text"]) if f"{aid}:{s[0]}" not in exclude]
            if not sents:
                continue
            s, e, toks = rng.choice(sents)
            picked.append({"doc": aid, "start": s, "end": e, "text": " ".join(toks)})
            k += 1
    rng.shuffle(picked)
    letters = first[0], first[1:]
    for b in range(n_batches):
        name = f"{letters[0]}{int(letters[1]) + b:02d}"
        rows = picked[b * size:(b + 1) * size]
        with (BATCH_DIR / f"batch_{name}.jsonl").open("w", encoding="utf-8") as w:
            for k, r in enumerate(rows, 1):
                w.write(json.dumps({"id": f"{name}-{k:03d}"} | r, ensure_ascii=False) + "\n")
        print(f"batch {name}: {len(rows)} sentences")


def check(paths: list[Path]) -> int:
    """Validate annotation files against their batch files; prints one line per problem, returns their count."""
    arts = read_articles()
    bad = 0
    for p in paths:
        bfile = BATCH_DIR / f"batch_{batch_name(p)}.jsonl"
        want = {r["id"]: r for r in map(json.loads, bfile.read_text(encoding="utf-8").splitlines())} if bfile.is_file() else {}
        seen, n_ent = set(), 0
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            try:
                r = json.loads(line)
                if want and r["id"] not in want:
                    raise ValueError(f"id {r['id']} is not in {bfile.name}")
                w = want.get(r["id"], {})
                if "doc" in w and (r["doc"], r["start"], r["end"]) != (w["doc"], w["start"], w["end"]):
                    raise ValueError("doc/start/end differ from the batch file")
                if r["id"] in seen:
                    raise ValueError("duplicate id")
                seen.add(r["id"])
                toks = tokens_of(arts[r["doc"]]["text"], r["start"], r["end"]) if "doc" in w or not w else w["text"].split()
                align(toks, r["entities"])
                n_ent += len(r["entities"])
            except (ValueError, KeyError, TypeError, json.JSONDecodeError) as e:
                print(f"{p}:{n}: {e}")
                bad += 1
        print(f"{p}: {len(seen)} sentences, {n_ent} entities, {bad} problems so far")
    return bad


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("select")
    s.add_argument("seed", type=int)
    s.add_argument("first", help="first batch name, a letter and two digits, e.g. n01")
    s.add_argument("n_batches", type=int)
    s.add_argument("--size", type=int, default=200)
    c = sub.add_parser("check")
    c.add_argument("files", nargs="+", type=Path)
    w = sub.add_parser("conll")
    w.add_argument("out", type=Path)
    w.add_argument("batches", nargs="+")
    a = ap.parse_args()
    if a.cmd == "conll":
        sents = load(batch_files(",".join(a.batches)))
        write_tagged(a.out, sents)
        print(f"{a.out}: {len(sents)} sentences")
        return
    if a.cmd == "select":
        BATCH_DIR.mkdir(parents=True, exist_ok=True)
        exclude = set()
        for f in BATCH_DIR.glob("batch_*.jsonl"):
            exclude |= {f"{r['doc']}:{r['start']}" for r in map(json.loads, f.read_text(encoding="utf-8").splitlines()) if "doc" in r}
        select(a.seed, a.first, a.n_batches, a.size, exclude)
    else:
        sys.exit(1 if check(a.files) else 0)


if __name__ == "__main__":
    main()
