"""Tests for the Arabic NER (ahdath.ner)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ahdath.model import Document, Token
from ahdath.ner import ModelNotFoundError, NERTagger
from ahdath.ner.conll import read_conll, tag_conll
from ahdath.ner.features import DATA_DIR, load_proclitics
from ahdath.ner.iob import fix_iob2, tags_to_spans, union_tags
from ahdath.ner.propagate import propagate
from ahdath.ner.tagger import DEFAULT_MODEL_DIR
from ahdath.ner.text import simple_tokens

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("AHDATH_SHARED", REPO / ".." / "shared"))
TEST_FILE = SHARED / "data/anercorp/camel_style_split_reconstructed/ANERcorp_reconstructed_test.txt"
LABELS = {"O"} | {f"{p}-{k}" for p in "BI" for k in ("PERS", "LOC", "ORG", "MISC")}
F1_FLOOR = 68.0  # measured figure is in src/ahdath/ner/MODEL_CARD.md


@pytest.fixture(scope="module")
def tagger() -> NERTagger:
    return NERTagger.load()


def _valid_iob2(tags: list[str]) -> bool:
    prev = "O"
    for t in tags:
        if t not in LABELS or (t.startswith("I-") and prev[2:] != t[2:]):
            return False
        prev = t
    return True


def test_proclitics_file_format() -> None:
    rows = load_proclitics(DATA_DIR / "proclitics.tsv")
    assert rows and all(c and n >= 1 for c, n in rows)
    assert all(len(a[0]) >= len(b[0]) for a, b in zip(rows, rows[1:], strict=False))


def test_fold_file_format() -> None:
    from ahdath.ner.text import FOLD_FILE, fold_key

    for line in FOLD_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, repl = line.split("\t")
            assert int(code, 16) > 0x7F and len(repl) <= 1
    assert fold_key("أَمِيرُ") == "امير" and fold_key("مدرسة") == "مدرسه"


def test_iob2_helpers() -> None:
    assert fix_iob2(["O", "I-LOC", "I-LOC", "B-PERS", "I-ORG"]) == ["O", "B-LOC", "I-LOC", "B-PERS", "B-ORG"]
    assert tags_to_spans(["B-PERS", "I-PERS", "O", "B-LOC"]) == [(0, 2, "PERS"), (3, 4, "LOC")]


def test_union_and_propagation() -> None:
    assert union_tags(["B-PERS", "O", "O"], ["B-ORG", "I-ORG", "B-LOC"]) == ["B-PERS", "O", "B-LOC"]
    toks = [["زار", "ساركوزي", "لندن"], ["قال", "ساركوزي", "إن"]]
    tags = [["O", "B-PERS", "B-LOC"], ["O", "O", "O"]]
    assert propagate(toks, tags)[1] == ["O", "B-PERS", "O"]
    toks = [["قال", "جورج", "بوش"], ["وأكد", "بوش", "ذلك"], ["بوش", "هنا"], ["بوش", "هناك"]]
    tags = [["O", "B-PERS", "I-PERS"], ["O", "O", "O"], ["O", "O"], ["O", "O"]]
    assert propagate(toks, tags)[1] == ["O", "O", "O"]  # only the full name was tagged
    assert propagate(toks, tags, person_parts=True)[1] == ["O", "B-PERS", "O"]


def test_missing_model_names_path(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match=str(tmp_path)):
        NERTagger.load(tmp_path)


def test_tag_conll_round_trip(tmp_path: Path, tagger: NERTagger) -> None:
    src = tmp_path / "in.txt"
    src.write_text(
        "-DOCSTART- O\n\nقال X O\nالرئيس X O\nالمصري X B-LOC\nفي X O\nالقاهرة X B-LOC\n.\n\n"
        "وصل O\nمحمد B-PERS\nعلي I-PERS\nإلى O\nبغداد B-LOC\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.txt"
    assert tag_conll(src, out, tagger) == 2
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "-DOCSTART- O" and lines[1] == ""
    got = read_conll(out)
    want = read_conll(src)
    assert [[r[0] for r in s] for s in got] == [[r[0] for r in s] for s in want]
    for sent in got:
        assert all(len(r) == 2 for r in sent)
        assert _valid_iob2([r[1] for r in sent])
    assert lines.count("") == out.read_text(encoding="utf-8").count("\n\n") + 1


def test_cli_tag_conll_model_option(tmp_path: Path) -> None:
    """`ahdath tag-conll --model DIR` tags with that model; a directory without one is refused."""
    from click.testing import CliRunner

    from ahdath.cli import main
    from ahdath.ner.tagger import DEFAULT_MODEL_DIR

    src = tmp_path / "in.txt"
    src.write_text("وصل O\nمحمد B-PERS\nعلي I-PERS\nإلى O\nبغداد B-LOC\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["tag-conll", "--model", str(DEFAULT_MODEL_DIR), str(src), str(tmp_path / "a.txt")])
    assert r.exit_code == 0, r.output
    assert [row[0] for row in read_conll(tmp_path / "a.txt")[0]] == ["وصل", "محمد", "علي", "إلى", "بغداد"]
    (tmp_path / "empty").mkdir()
    r = CliRunner().invoke(main, ["tag-conll", "--model", str(tmp_path / "empty"), str(src), str(tmp_path / "b.txt")])
    assert r.exit_code != 0


def test_document_entities_offsets(tagger: NERTagger) -> None:
    text = "التقى الرئيس الأمريكي جورج بوش رئيس الوزراء البريطاني توني بلير في لندن يوم الاثنين."
    doc = Document(id="t", text=text)
    doc.tokens = [Token(i, s, e, w, w) for i, (s, e, w) in enumerate(simple_tokens(text))]
    tagger(doc)
    found = {(e.text, e.label) for e in doc.entities}
    assert ("لندن", "LOC") in found
    assert any(e.label == "PERS" and "بوش" in e.text for e in doc.entities)
    for e in doc.entities:
        assert text[e.start : e.end] == e.text and e.source == "ner"


def test_document_without_tokens(tagger: NERTagger) -> None:
    text = "وصل وزير الخارجية إلى القاهرة."
    doc = tagger(Document(id="t", text=text))
    assert any(e.text == "القاهرة" and e.label == "LOC" for e in doc.entities)


@pytest.mark.skipif(not TEST_FILE.is_file(), reason="ANERcorp test file (../shared) not available")
def test_anercorp_test_f1(tmp_path: Path, tagger: NERTagger) -> None:
    out = tmp_path / "pred.txt"
    tag_conll(TEST_FILE, out, tagger)
    scorer = SHARED / "eval" / "score_conll.py"
    res = subprocess.run([sys.executable, str(scorer), str(TEST_FILE), str(out)], capture_output=True, text=True)
    line = [x for x in res.stdout.splitlines() if x.startswith("NER F1 =")][0]
    assert float(line.split("=")[1]) >= F1_FLOOR


def test_default_model_dir_is_packaged() -> None:
    assert DEFAULT_MODEL_DIR.name == "model" and DEFAULT_MODEL_DIR.parent.name == "ner"
    total = sum(p.stat().st_size for p in DEFAULT_MODEL_DIR.iterdir() if p.is_file())
    assert total <= 60_000_000


def test_shipped_data_file_formats() -> None:
    kinds = {"COUNTRY", "CITY", "BIGCITY", "FIRST", "LAST", "PNAME", "KBPER", "KBORG"}
    for line in (DEFAULT_MODEL_DIR / "gazetteer.tsv").read_text(encoding="utf-8").splitlines():
        phrase, kind = line.split("\t")
        assert phrase and phrase == phrase.strip() and kind in kinds
    with (DEFAULT_MODEL_DIR / "clusters.tsv").open(encoding="utf-8") as f:
        for _, line in zip(range(1000), f, strict=False):
            word, *ids = line.rstrip("\n").split("\t")
            assert word and len(ids) == 3 and all(i.isdigit() for i in ids)


def test_numpy_crf_matches_crfsuite(tagger: NERTagger) -> None:
    import pycrfsuite

    from ahdath.ner.linear_crf import NumpyCRF
    from ahdath.ner.neural import TAGS

    crf = NumpyCRF.load(DEFAULT_MODEL_DIR / "crf.bin", tagger.features, TAGS)
    ref = pycrfsuite.Tagger()
    ref.open(str(DEFAULT_MODEL_DIR / "crf.bin"))
    sents = [
        ["التقى", "الرئيس", "الأمريكي", "جورج", "بوش", "رئيس", "الوزراء", "البريطاني", "توني", "بلير", "في", "لندن", "."],
        ["وصل", "وفد", "من", "الأمم", "المتحدة", "إلى", "دمشق"],
        ["الرياض"],
        ["قال", "المتحدث", "باسم", "حركة", "حماس", "في", "غزة", "،", "إن", "الاتحاد", "الأوروبي", "دعا", "إلى", "الهدوء"],
    ]
    from ahdath.ner.text import fold_key

    keys = [[fold_key(t) or t for t in s] for s in sents]
    phrases = [tagger.features._phrase_feats(k) for k in keys]
    order = sorted(range(len(sents)), key=lambda i: len(sents[i]))
    got = dict(zip(order, crf.tag_keys(keys, phrases, order), strict=True))
    for i, toks in enumerate(sents):
        assert got[i] == ref.tag(tagger.features.sentence(toks))


def test_viterbi_is_exact() -> None:
    import itertools

    import numpy as np

    from ahdath.ner.batching import viterbi

    rng = np.random.default_rng(0)
    lengths = np.array([1, 2, 3, 4, 4])
    em = rng.normal(size=(5, 4, 3))
    trans, start, end = rng.normal(size=(3, 3)), rng.normal(size=3), rng.normal(size=3)
    paths = viterbi(em, lengths, trans, start, end)
    for r, n in enumerate(lengths):

        def score(p: tuple[int, ...], r: int = r) -> float:
            return start[p[0]] + end[p[-1]] + sum(em[r, s, t] for s, t in enumerate(p)) + sum(trans[a, b] for a, b in zip(p, p[1:], strict=False))

        assert paths[r] == list(max(itertools.product(range(3), repeat=int(n)), key=score))


def test_row_cache_eviction() -> None:
    import numpy as np

    from ahdath.ner.batching import RowCache

    cache = RowCache((2,), capacity=3)
    calls: list[list[str]] = []

    def compute(keys: list[str]) -> np.ndarray:
        calls.append(keys)
        return np.array([[len(k), ord(k[0])] for k in keys], dtype=np.float32)

    for keys in (["a", "bb", "a"], ["bb", "ccc"], ["dddd", "a"], ["e", "ff", "ggg", "hhhh"]):
        rows = cache.rows(keys, compute)
        assert [tuple(cache.data[r]) for r in rows] == [(len(k), ord(k[0])) for k in keys]
    assert calls[1] == ["ccc"]  # "bb" was cached


def test_batched_documents_match_single(tagger: NERTagger) -> None:
    docs = [
        [["قال", "ساركوزي", "في", "باريس"], ["وأكد", "ساركوزي", "أن", "فرنسا", "ستشارك"]],
        [["وصل", "وزير", "الخارجية", "إلى", "القاهرة", "."]],
        [[], ["الرياض"]],
    ]
    assert tagger.tag_documents(docs) == [tagger.tag_tokens(d, document=True) for d in docs]


def test_joint_decoding_is_valid_iob2(tagger: NERTagger) -> None:
    members = len(list(DEFAULT_MODEL_DIR.glob("bilstm*.npz")))
    assert tagger.combine == "joint" and len(tagger.backends) == members + 1
    assert tagger.weights is None or len(tagger.weights) == len(tagger.backends)
    sents = [["التقى", "الرئيس", "جورج", "بوش", "رئيس", "الوزراء", "توني", "بلير", "في", "لندن"], ["الأمم", "المتحدة"]]
    joint = tagger.tag_tokens(sents)
    assert all(_valid_iob2(t) for t in joint)
    assert "B-LOC" in joint[0] and "B-PERS" in joint[0]
    tagger.combine = "union"
    try:
        union = tagger.tag_tokens(sents)
    finally:
        tagger.combine = "joint"
    assert all(_valid_iob2(t) for t in union)


def test_ensemble_members_share_the_vector_table(tmp_path: Path, tagger: NERTagger) -> None:
    """A member file without word_emb (bilstm_2.npz) loads with the first network's table; an ensemble
    of the same network twice, at half weight each, tags as the single network does."""
    import shutil

    import numpy as np

    for f in DEFAULT_MODEL_DIR.iterdir():
        if f.is_file() and not f.name.startswith("bilstm_"):
            shutil.copy(f, tmp_path / f.name)
    with np.load(DEFAULT_MODEL_DIR / "bilstm.npz") as z:
        np.savez(tmp_path / "bilstm_2.npz", **{k: z[k] for k in z.files if k != "word_emb"})
    (tmp_path / "meta.json").write_text('{"combine": "joint", "propagate": false}', encoding="utf-8")
    twice = NERTagger.load(tmp_path)
    assert len(twice.backends) == 3
    assert twice.backends[1].net.w["word_emb"] is twice.backends[0].net.w["word_emb"]
    sents = [["التقى", "الرئيس", "جورج", "بوش", "رئيس", "الوزراء", "توني", "بلير", "في", "لندن"], ["الأمم", "المتحدة"]]
    twice.weights = [0.5, 0.5, 1.0]
    (tmp_path / "bilstm_2.npz").unlink()
    once = NERTagger.load(tmp_path)
    assert len(once.backends) == 2
    assert twice.tag_tokens(sents) == once.tag_tokens(sents)


def test_batched_featurizer_matches_single(tagger: NERTagger) -> None:
    import numpy as np

    from ahdath.ner.text import fold_key

    fz = tagger.backends[0].featurizer
    words = ["الرئيس", "وبغداد", "باريس", "جورج", "2024", "،", "abc", "x1", "", "ا" * 30, "والولايات", "المتحدة"]
    keys = [fold_key(w) or w for w in words]
    idx, ch, f = fz.compute_many(keys)
    for i, k in enumerate(keys):
        a, b, c = fz.compute(k)
        assert list(idx[i]) == a and np.array_equal(ch[i], b) and np.array_equal(f[i], c)
    assert f.dtype == np.float32 and f.sum() > len(keys)  # shape flags plus some clitic/article/gazetteer ones


def test_row_cache_keeps_recently_used_rows() -> None:
    import numpy as np

    from ahdath.ner.batching import RowCache

    cache = RowCache((1,), capacity=4)
    calls: list[list[str]] = []

    def compute(keys: list[str]) -> np.ndarray:
        calls.append(keys)
        return np.array([[len(k)] for k in keys], dtype=np.float32)

    for keys in (["a", "bb"], ["ccc", "a"], ["dddd"], ["eeeee", "a"], ["a", "ccc", "ffffff"], ["bb"]):
        rows = cache.rows(keys, compute)
        assert [float(cache.data[r, 0]) for r in rows] == [float(len(k)) for k in keys]
        assert len(set(cache._index.values())) == len(cache._index) <= cache.capacity
    # full at "eeeee": the least recently used words (bb, ccc) lost their rows, "a" kept its own
    assert calls == [["a", "bb"], ["ccc"], ["dddd"], ["eeeee"], ["ccc", "ffffff"], ["bb"]]


def test_row_cache_survives_a_failed_compute() -> None:
    import numpy as np

    from ahdath.ner.batching import RowCache

    cache = RowCache((1,), capacity=4)

    def compute(keys: list[str]) -> np.ndarray:
        if "bad" in keys:
            raise ValueError("bad word")
        return np.array([[len(k)] for k in keys], dtype=np.float32)

    # the failed call comes right after an eviction has freed rows 0 and 1
    for keys in (["a", "bb"], ["ccc", "dddd"], ["ccc", "dddd", "bad"], ["ccc", "eeeee"], ["a", "dddd", "ccc"]):
        try:
            rows = cache.rows(keys, compute)
        except ValueError:
            continue
        assert [float(cache.data[r, 0]) for r in rows] == [float(len(k)) for k in keys]
        assert len(set(cache._index.values())) == len(cache._index) <= cache.capacity
