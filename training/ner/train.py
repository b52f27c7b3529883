"""Rebuild the shipped NER model from ../shared/data (entry point for `make models`).

Steps (cached under training/work/ner/ (AHDATH_NER_WORK overrides), skipped when their output exists
and was built from the same inputs, unless --force):
  1. tokenize + fold ANT news (Apache-2.0)            -> ant_tokens.txt
  2. train subword skipgram vectors (floret, fasttext) -> ant_ft.bin
  3. k-means word clusters at several granularities   -> clusters.tsv
  4. gazetteer from GeoNames / mledoze / arabic-names, plus (unless --basic-gazetteer) person-name
     tokens from Wikidata (CC0) and the names in ahdath's actor knowledge base -> gazetteer.tsv
  5. CRF on ANERcorp train minus the dev slice (its last 10% of sentences)  -> crf_dev.bin
  5b. a bidirectional word LM on ANT news sentences (lm_train.py; --lm-hidden 0: none) whose states
     are inputs of the shipped BiLSTMs (--lm-for)                      -> lm.npz
  6. the BiLSTM-CRF members (--members, default teacher:1,silver:2), each trained on train minus the
     dev slice, keeping its best dev epoch: "base"/"teacher" on the gold sentences only; "silver" also
     on ANT sentences self-tagged by the base/teacher members + that CRF (kept where every model
     agrees and at least one entity is tagged; loss weight 0.5). Teachers are not shipped -> nn/m*/
     The CRF is also trained on the silver sentences (--no-crf-silver: gold only) -> crf_dev_silver.bin
  7. dev-slice F1 of the shipped members (first k of them) + that CRF; the member weights (sum or
     mean, times 1 / 1.5 / 2 against the CRF's) and the bias against O in the joint scores (meta
     "o_bias", higher recall) are chosen here
  8. shipped: the members + a CRF retrained on all training sentences (+ silver), clusters, gazetteer and
     meta.json written into src/ahdath/ner/model/; reports test F1 when the test file is present

The shipped tagger decodes all models jointly (one Viterbi over their weighted summed scores, meta
"combine"/"weights").

usage: python training/ner/train.py [--force] [--threads N] [--epochs N] [--members teacher:1,silver:2]
                                    [--silver-max N] [--no-crf-silver] [--out DIR] [--basic-gazetteer] [--no-test]
                                    [--lm-hidden 128] [--lm-tokens N] [--lm-for students|teacher|all]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_clusters import build as build_clusters  # noqa: E402
from build_gazetteer import build as build_gazetteer  # noqa: E402
from common import (  # noqa: E402
    MODEL_DIR,
    SHARED,
    TEST_FILE,
    TRAIN_FILE,
    WORK,
    entity_prf,
    format_prf,
    load_tagged,
    split_train_dev,
    write_tagged,
)
from crf import train_crf  # noqa: E402
from extra_data import HELD_OUT, batch_files, batch_name  # noqa: E402
from extra_data import load as load_extra  # noqa: E402
from lm_train import main as train_lm  # noqa: E402
from nn_train import main as train_nn  # noqa: E402
from prepare_text import main as prepare_text  # noqa: E402
from train_vectors import main as train_vectors  # noqa: E402

from ahdath.ner.conll import tag_conll  # noqa: E402
from ahdath.ner.features import FeatureExtractor, load_clusters, load_gazetteer  # noqa: E402
from ahdath.ner.tagger import SENT_END, NERTagger  # noqa: E402
from ahdath.ner.text import fold_key  # noqa: E402

CRF_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iter": 250}
CLUSTER_KS = (64, 256, 1024)
MODEL_FILES = ("crf.bin", "clusters.tsv", "gazetteer.tsv", "bilstm.npz", "vocab.txt", "chars.txt", "meta.json")
NN_ARGS = ["--stem-emb", "--char-filters", "100", "--hidden", "128"]
# BiLSTM members, kind:seed: "base" (gold data), "teacher" (a base member only used to tag the silver data,
# not shipped), "silver" (gold + ANT sentences self-tagged by the base/teacher members and the CRF)
MEMBERS = "teacher:1,silver:2"
EPOCHS = 16  # base/teacher members (30 before the hand-tagged ANT sentences tripled each epoch)
SILVER_EPOCHS = 16
SILVER_CANDIDATES = 24_000  # ANT sentences tagged by the teacher (the base members + CRF without the dev slice)
SILVER_MAX = 3_000  # confident sentences kept
SILVER_WEIGHT = 0.5  # their loss weight
EXTRA_WEIGHT = 1.0  # loss weight of the hand-tagged ANT sentences (training/data/ner)
O_BIASES = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0)  # tried on the dev slice (besides 0)
BILSTM_SCALES = (1.0, 1.5, 2.0)  # the BiLSTMs' weight in the joint scores (the CRF's: 1), tried on the dev slice
LM_HIDDEN = 0  # size of the optional pretrained word LM whose states feed the BiLSTMs (0: none, shipped; 128: see MODEL_CARD)
LM_TOKENS = 6_000_000  # ANT news tokens it is trained on (one pass)
LM_FOR = "students"  # which BiLSTMs take its states (see --lm-for)


def file_digest(*paths: Path) -> str:
    h = hashlib.sha1()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def cached(out: Path, key: dict, force: bool = False) -> bool:
    """True when out exists and was built from the same key (its stamp out.key.json); else records
    the key to write after the build with ``stamp``."""
    stamp_path = out.with_name(out.name + ".key.json")
    want = json.dumps(key, sort_keys=True)
    if not force and out.exists() and stamp_path.is_file() and stamp_path.read_text(encoding="utf-8") == want:
        print(f"cached: {out}", flush=True)
        return True
    stamp_path.unlink(missing_ok=True)
    return False


def stamp(out: Path, key: dict) -> None:
    out.with_name(out.name + ".key.json").write_text(json.dumps(key, sort_keys=True), encoding="utf-8")


def crf_step(fx: FeatureExtractor, sents: list, out: Path, params: dict, inputs: tuple[Path, ...], force: bool) -> None:
    key = {"params": params, "n_sents": len(sents), "inputs": file_digest(*inputs)}
    if cached(out, key, force):
        return
    secs = train_crf(fx, sents, out, **params)
    stamp(out, key)
    print(f"CRF {out.name} ({len(sents)} sentences) trained in {secs:.0f}s", flush=True)


def evaluate(model_dir: Path, sents: list[tuple[list[str], list[str]]], tagger: NERTagger | None = None) -> dict:
    """Entity F1 of the model directory on tagged sentences, tagged through tag_conll."""
    tmp_in, tmp_out = WORK / "eval_in.txt", WORK / "eval_out.txt"
    write_tagged(tmp_in, sents)
    tag_conll(tmp_in, tmp_out, tagger or NERTagger.load(model_dir))
    pred = load_tagged(tmp_out)
    return entity_prf([g for _, g in sents], [p for _, p in pred])


def corpus_sentences(corpus: Path, n: int, seed: int = 0, lo: int = 8, hi: int = 50) -> list[list[str]]:
    """n random sentences (lo..hi tokens, cut at sentence-final punctuation) of the folded corpus."""
    cand: list[list[str]] = []
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            cur: list[str] = []
            for t in line.split():
                cur.append(t)
                if t in SENT_END:
                    if lo <= len(cur) <= hi:
                        cand.append(cur)
                    cur = []
    random.Random(seed).shuffle(cand)
    return cand[:n]


def build_silver(teacher_dir: Path, corpus: Path, out: Path, n_cand: int = SILVER_CANDIDATES, cap: int = SILVER_MAX) -> int:
    """Self-training data: unlabelled corpus sentences tagged by the teacher ensemble (joint decoding),
    kept where every teacher model alone gives the same tags and at least one entity; at most cap."""
    teacher = NERTagger.load(teacher_dir)
    cand = corpus_sentences(corpus, n_cand)
    joint = teacher.tag_tokens(cand)
    alone = [NERTagger(teacher_dir, [b], {}, teacher.features)._tag_all(cand) for b in teacher.backends]
    kept = [(toks, tags) for k, (toks, tags) in enumerate(zip(cand, joint, strict=True))
            if any(t != "O" for t in tags) and all(a[k] == tags for a in alone)][:cap]
    write_tagged(out, kept)
    return len(kept)


def write_model(out: Path, nn_dirs: list[Path], crf: Path, clusters: Path, gaz: Path, meta: dict) -> None:
    """A model directory: the members' BiLSTMs (the first with the vector table, the others without it:
    they share it), the CRF, clusters, gazetteer, meta.json."""
    out.mkdir(parents=True, exist_ok=True)
    for f in [*out.glob("bilstm*.npz"), *(out / name for name in MODEL_FILES)]:  # a previous model's files only
        f.unlink(missing_ok=True)
    vocab = (nn_dirs[0] / "vocab.txt").read_bytes()
    for k, d in enumerate(nn_dirs):
        if (d / "vocab.txt").read_bytes() != vocab or (d / "chars.txt").read_bytes() != (nn_dirs[0] / "chars.txt").read_bytes():
            sys.exit(f"{d}: the ensemble members must share vocab.txt and chars.txt")
        if k == 0:
            shutil.copy(d / "bilstm.npz", out / "bilstm.npz")
        else:
            with np.load(d / "bilstm.npz") as z:
                np.savez(out / f"bilstm_{k + 1}.npz", **{n: z[n] for n in z.files if n != "word_emb"})
    for name in ("vocab.txt", "chars.txt"):
        shutil.copy(nn_dirs[0] / name, out / name)
    shutil.copy(crf, out / "crf.bin")
    shutil.copy(clusters, out / "clusters.tsv")
    shutil.copy(gaz, out / "gazetteer.tsv")
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def parse_members(spec: str) -> list[tuple[str, int]]:
    out = []
    for part in spec.split(","):
        kind, seed = part.split(":")
        if kind not in ("base", "teacher", "silver") or (kind == "silver" and not out):
            sys.exit(f"--members: bad member {part!r} (base:SEED, teacher:SEED, or silver:SEED after one of those)")
        out.append((kind, int(seed)))
    if all(kind == "teacher" for kind, _ in out):
        sys.exit("--members: nothing to ship (teacher members only)")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--force", action="store_true", help="rebuild cached steps (vectors, clusters, CRFs, BiLSTMs)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--epochs", type=int, default=EPOCHS, help="epochs of the base/teacher members")
    ap.add_argument("--silver-epochs", type=int, default=SILVER_EPOCHS, help="epochs of the self-trained members")
    ap.add_argument("--members", default=MEMBERS, help="BiLSTM members, e.g. teacher:1,silver:2 or base:1,silver:2,silver:3")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--basic-gazetteer", action="store_true", help="places and first/last names only (the 2026-11-25 model)")
    ap.add_argument("--crf-iter", type=int, default=CRF_PARAMS["max_iter"], help="(smoke tests) CRF iterations")
    ap.add_argument("--silver-candidates", type=int, default=SILVER_CANDIDATES, help="corpus sentences tagged")
    ap.add_argument("--silver-max", type=int, default=SILVER_MAX, help="confident sentences kept")
    ap.add_argument("--no-crf-silver", dest="crf_silver", action="store_false",
                    help="train the CRF on the gold sentences only (the 2026-11-25 recipe)")
    ap.add_argument("--extra", default="all",
                    help="hand-tagged ANT sentences of training/data/ner/ added to the ANERcorp training sentences: "
                         "'all' (every ner_*.jsonl but the held-out test batches n39, n40), 'none', or a comma list of batch names")
    ap.add_argument("--extra-weight", type=float, default=EXTRA_WEIGHT, help="the BiLSTMs' loss weight of those sentences")
    ap.add_argument("--no-test", action="store_true", help="do not tag the test file (experiments)")
    ap.add_argument("--lm-hidden", type=int, default=LM_HIDDEN, help="word LM size per direction (0: no LM features)")
    ap.add_argument("--lm-tokens", type=int, default=LM_TOKENS, help="corpus tokens the word LM is trained on")
    ap.add_argument("--lm-for", choices=("students", "teacher", "all"), default=LM_FOR,
                    help="which BiLSTMs take the LM states: the shipped ones, only the teachers (the LM reaches the "
                         "shipped BiLSTM through the silver data alone: no run-time cost), or all")
    a = ap.parse_args()
    crf_params = CRF_PARAMS | {"max_iter": a.crf_iter}
    members = parse_members(a.members)
    t_start = time.time()
    if not TRAIN_FILE.is_file():
        sys.exit(f"training data not found: {TRAIN_FILE} (set AHDATH_SHARED)")
    WORK.mkdir(parents=True, exist_ok=True)
    corpus = WORK / "ant_tokens.txt"
    if a.force or not corpus.is_file():
        print("tokens:", prepare_text(SHARED / "data/ant_news/ant_news.jsonl.xz", corpus), flush=True)
    vectors = WORK / "ant_ft.bin"
    if a.force or not vectors.is_file():
        train_vectors(corpus, vectors, threads=a.threads)
        print(f"vectors done {time.time() - t_start:.0f}s", flush=True)
    sents = load_tagged(TRAIN_FILE)
    train, dev = split_train_dev(sents)
    # hand-tagged ANT news sentences (training/data/ner): added to every model's training sentences
    extra_path = WORK / "extra.txt"
    extra_files = batch_files(a.extra)
    if any(batch_name(f) in HELD_OUT for f in extra_files):
        sys.exit(f"--extra: batches {', '.join(HELD_OUT)} are the held-out ANT news test")
    extra = load_extra(extra_files) if extra_files else []
    write_tagged(extra_path, extra)
    print(f"hand-tagged ANT sentences: {len(extra)} from {len(extra_files)} files", flush=True)
    clusters_path = WORK / "clusters.tsv"
    if a.force or not clusters_path.is_file():
        words = [fold_key(t) for toks, _ in sents for t in toks]
        n = build_clusters(vectors, corpus, clusters_path, words, ks=CLUSTER_KS)
        print(f"clusters: {n} words, {time.time() - t_start:.0f}s", flush=True)
    gaz_path = WORK / "gazetteer.tsv"
    print("gazetteer entries:", build_gazetteer(SHARED / "data", gaz_path, extended=not a.basic_gazetteer), flush=True)
    fx = FeatureExtractor(load_clusters(clusters_path), load_gazetteer(gaz_path))
    inputs = (clusters_path, gaz_path, extra_path)
    meta: dict = {
        "backends": ["bilstm-crf"] * sum(kind != "teacher" for kind, _ in members) + ["crf"],
        "trained_on": f"{TRAIN_FILE.name}: CRF on all sentences, BiLSTMs on all but the dev slice (best epoch)",
        "crf": crf_params,
        "cluster_ks": list(CLUSTER_KS),
        "bilstm": {"args": NN_ARGS, "epochs": a.epochs, "silver_epochs": a.silver_epochs, "members": a.members},
        "doc_window": 20,
        "propagate": True,
        "person_parts": True,
        "combine": "joint",
        "gazetteer": "basic" if a.basic_gazetteer else "extended",
        "extra": {"sentences": len(extra), "files": [f.name for f in extra_files], "weight": a.extra_weight},
    }
    # 1. CRF without the dev slice: the dev ensembles' CRF and the self-training teacher's
    crf_step(fx, train + extra, WORK / "crf_dev.bin", crf_params, inputs, a.force)
    vec_key = [vectors.stat().st_size, int(vectors.stat().st_mtime)]
    # 1b. a bidirectional word LM pretrained on ANT news: its states are inputs of the BiLSTMs
    lm_path = WORK / "lm.npz"
    if a.lm_hidden:
        lm_key = {"hidden": a.lm_hidden, "tokens": a.lm_tokens, "vectors": vec_key}
        if not cached(lm_path, lm_key, a.force):
            train_lm([str(lm_path), "--hidden", str(a.lm_hidden), "--tokens", str(a.lm_tokens), "--threads", str(a.threads)])
            stamp(lm_path, lm_key)
        meta["lm"] = {"hidden": a.lm_hidden, "tokens": a.lm_tokens, "for": a.lm_for}
    # 2. BiLSTM members, trained on train minus the dev slice, best dev epoch kept
    nn_dirs: list[Path] = []
    silver_path = WORK / "silver.txt"
    dev_scores: list[dict] = []
    teachers: list[Path] = []
    for k, (kind, seed) in enumerate(members):
        uses_lm = bool(a.lm_hidden) and (a.lm_for == "all" or (a.lm_for == "teacher") == (kind == "teacher"))
        lm_tag = "_lm" if uses_lm else ""
        name = f"m{k + 1}_{'silver' if kind == 'silver' else 'base'}_s{seed}{lm_tag}"  # a teacher is trained as a base member
        args = ["--epochs", str(a.epochs if kind != "silver" else a.silver_epochs), "--gazetteer", str(gaz_path),
                *NN_ARGS, "--seed", str(seed)]
        if extra:
            args += ["--extra", str(extra_path), "--extra-weight", str(a.extra_weight)]
        key: dict = {"args": args, "inputs": file_digest(gaz_path, extra_path), "vectors": vec_key}
        if uses_lm:
            args += ["--lm", str(lm_path)]
            key["lm"] = file_digest(lm_path)
        if kind == "silver":
            teacher = teachers
            teacher_dir = WORK / "teacher"
            write_model(teacher_dir, teacher, WORK / "crf_dev.bin", clusters_path, gaz_path, meta | {"weights": None})
            skey = {"teacher": file_digest(*(d / "bilstm.npz" for d in teacher), WORK / "crf_dev.bin"),
                    "n": a.silver_candidates, "cap": a.silver_max}
            if not cached(silver_path, skey, a.force):
                n = build_silver(teacher_dir, corpus, silver_path, a.silver_candidates, a.silver_max)
                stamp(silver_path, skey)
                print(f"silver: {n} sentences", flush=True)
            args += ["--silver", str(silver_path), "--silver-weight", str(SILVER_WEIGHT)]
            key["silver"] = file_digest(silver_path)
        nn_dir = WORK / "nn" / name
        marker = nn_dir / "bilstm.npz"
        if not cached(marker, key, a.force):
            best_f1, best_epoch = train_nn([name, "--out", str(nn_dir), "--threads", str(a.threads), *args])
            stamp(marker, key)
        nn_meta = json.loads((nn_dir / "nn_meta.json").read_text(encoding="utf-8"))
        dev_scores.append({"member": f"{kind}:{seed}", "dev_best_epoch": nn_meta["epoch"], "bilstm_dev_f1": nn_meta["dev_f1"]})
        print(f"member {k + 1} {kind}:{seed}: best dev epoch {nn_meta['epoch']}, BiLSTM alone dev F1 {nn_meta['dev_f1']}", flush=True)
        if kind != "silver":
            teachers.append(nn_dir)
        if kind != "teacher":
            nn_dirs.append(nn_dir)
    meta["bilstm"]["dev"] = dev_scores
    crf_dev, crf_full, crf_extra = WORK / "crf_dev.bin", WORK / "crf.bin", []
    if a.crf_silver:
        if not silver_path.is_file():
            sys.exit("the CRF's silver sentences come with a silver member (or use --no-crf-silver)")
        crf_extra = load_tagged(silver_path)
        crf_dev, crf_full = WORK / "crf_dev_silver.bin", WORK / "crf_silver.bin"
        crf_step(fx, train + extra + crf_extra, crf_dev, crf_params, (*inputs, silver_path), a.force)
        meta["crf_silver"] = len(crf_extra)
    # 3. dev slice: ensembles of the first k members + the CRF without the dev slice; member weights
    #    1 (sum) or 1/k (mean) chosen here
    dev_dir = WORK / "dev_ensemble"
    best: tuple[float, list[float] | None] = (-1.0, None)
    for k in range(1, len(nn_dirs) + 1):
        write_model(dev_dir, nn_dirs[:k], crf_dev, clusters_path, gaz_path, meta)
        tagger = NERTagger.load(dev_dir)
        for mode in ("sum", "mean") if k > 1 else ("sum",):
            tagger.weights = [1.0 / k if mode == "mean" else 1.0] * k + [1.0]
            res = evaluate(dev_dir, dev, tagger)
            f1 = 100 * res["micro"][2]
            print(f"dev slice, {k} BiLSTM member(s) ({mode}) + CRF: micro F1 {f1:.2f}", flush=True)
            if k == len(nn_dirs):
                print(format_prf(res), flush=True)
                if f1 > best[0]:
                    best = (f1, tagger.weights)
    # the BiLSTMs' weight against the CRF's (x1, x1.5, x2) and a bias against O in the summed scores
    # (trades precision for recall, the weak side): chosen here
    assert best[1] is not None
    best_bias = (best[0], 0.0, 1.0)
    for scale in BILSTM_SCALES:
        tagger.weights = [scale * w for w in best[1][:-1]] + [1.0]
        for bias in (0.0, *O_BIASES) if scale != 1.0 else O_BIASES:
            tagger.o_bias = bias
            f1 = 100 * evaluate(dev_dir, dev, tagger)["micro"][2]
            print(f"dev slice, BiLSTM weight x{scale}, o_bias {bias}: micro F1 {f1:.2f}", flush=True)
            if f1 > best_bias[0]:
                best_bias = (f1, bias, scale)
    meta["weights"] = [best_bias[2] * w for w in best[1][:-1]] + [1.0]
    meta["o_bias"] = best_bias[1]
    meta["dev_f1"] = round(best_bias[0], 2)
    meta["dev_f1_without_o_bias"] = round(best[0], 2)
    # 4. shipped: the same members + a CRF retrained on all training sentences
    crf_step(fx, sents + extra + crf_extra, crf_full, crf_params, (*inputs, silver_path) if crf_extra else inputs, a.force)
    out = a.out
    write_model(out, nn_dirs, crf_full, clusters_path, gaz_path, meta)
    if TEST_FILE.is_file() and not a.no_test:
        res = evaluate(out, load_tagged(TEST_FILE))
        print("ANERcorp test (shipped ensemble):\n" + format_prf(res), flush=True)
        meta["test_f1"] = round(100 * res["micro"][2], 2)
    meta["train_seconds_total"] = round(time.time() - t_start)
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"model written to {out} in {time.time() - t_start:.0f}s total")


if __name__ == "__main__":
    main()
