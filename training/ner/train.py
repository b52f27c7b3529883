"""Rebuild the shipped NER model from ../shared/data (entry point for `make models`).

Steps (cached under training/work/ner/, skipped when the output exists unless --force):
  1. tokenize + fold ANT news (Apache-2.0)            -> ant_tokens.txt
  2. train subword skipgram vectors (floret, fasttext) -> ant_ft.bin
  3. k-means word clusters at several granularities   -> clusters.tsv
  4. gazetteer from GeoNames / mledoze / arabic-names, plus (unless --basic-gazetteer) person-name
     tokens from Wikidata (CC0) and the names in ahdath's actor knowledge base -> gazetteer.tsv
  5. dev run: CRF + BiLSTM-CRF on ANERcorp train minus the dev slice (its last 10% of sentences);
     the BiLSTM keeps its best dev epoch; prints the ensemble's dev-slice F1
  6. shipped: that BiLSTM + a CRF retrained on all training sentences (--nn-full also retrains the
     BiLSTM on all sentences for --epochs; not what the shipped model used)
  7. write both models + clusters + gazetteer + meta.json into src/ahdath/ner/model/ and report
     dev-slice (and, when present, test) F1 of the shipped ensemble

The shipped tagger decodes the two models jointly (one Viterbi over their summed scores, meta "combine").

usage: python training/ner/train.py [--force] [--threads N] [--epochs N] [--out DIR] [--nn-full [--no-dev]]
                                    [--basic-gazetteer]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

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
)
from crf import train_crf  # noqa: E402
from nn_train import main as train_nn  # noqa: E402
from prepare_text import main as prepare_text  # noqa: E402
from train_vectors import main as train_vectors  # noqa: E402

from ahdath.ner.conll import tag_conll  # noqa: E402
from ahdath.ner.features import FeatureExtractor, load_clusters, load_gazetteer  # noqa: E402
from ahdath.ner.tagger import NERTagger  # noqa: E402
from ahdath.ner.text import fold_key  # noqa: E402

CRF_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iter": 250}
CLUSTER_KS = (64, 256, 1024)
MODEL_FILES = ("crf.bin", "clusters.tsv", "gazetteer.tsv", "bilstm.npz", "vocab.txt", "chars.txt", "meta.json")
NN_ARGS = ["--stem-emb", "--char-filters", "100", "--hidden", "128", "--seed", "1"]


def evaluate(model_dir: Path, sents: list[tuple[list[str], list[str]]]) -> dict:
    """Entity F1 of the model directory on tagged sentences, tagged through tag_conll."""
    tmp_in, tmp_out = WORK / "eval_in.txt", WORK / "eval_out.txt"
    with tmp_in.open("w", encoding="utf-8") as w:
        for toks, tags in sents:
            w.write("".join(f"{t} {g}\n" for t, g in zip(toks, tags, strict=True)) + "\n")
    tag_conll(tmp_in, tmp_out, NERTagger.load(model_dir))
    pred = load_tagged(tmp_out)
    return entity_prf([g for _, g in sents], [p for _, p in pred])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--force", action="store_true", help="rebuild cached vectors/clusters")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--no-dev", action="store_true", help="skip the dev-slice run (needs --nn-full)")
    ap.add_argument("--nn-full", action="store_true", help="ship a BiLSTM retrained on all sentences (untested)")
    ap.add_argument("--basic-gazetteer", action="store_true", help="places and first/last names only (the 2026-11-25 model)")
    ap.add_argument("--crf-iter", type=int, default=CRF_PARAMS["max_iter"], help="(smoke tests) CRF iterations")
    a = ap.parse_args()
    crf_params = CRF_PARAMS | {"max_iter": a.crf_iter}
    if a.no_dev and not a.nn_full:
        sys.exit("--no-dev needs --nn-full: the shipped BiLSTM is the dev run's best epoch")
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
    clusters_path = WORK / "clusters.tsv"
    if a.force or not clusters_path.is_file():
        extra = [fold_key(t) for toks, _ in sents for t in toks]
        n = build_clusters(vectors, corpus, clusters_path, extra, ks=CLUSTER_KS)
        print(f"clusters: {n} words, {time.time() - t_start:.0f}s", flush=True)
    gaz_path = WORK / "gazetteer.tsv"
    print("gazetteer entries:", build_gazetteer(SHARED / "data", gaz_path, extended=not a.basic_gazetteer), flush=True)
    fx = FeatureExtractor(load_clusters(clusters_path), load_gazetteer(gaz_path))
    tag = "shipped" if a.out == MODEL_DIR else a.out.name
    nn_args = ["--epochs", str(a.epochs), "--threads", str(a.threads), "--gazetteer", str(gaz_path), *NN_ARGS]
    meta: dict = {
        "backends": ["bilstm-crf", "crf"],
        "trained_on": f"{TRAIN_FILE.name}: CRF on all sentences, BiLSTM on all but the dev slice (best epoch)",
        "crf": crf_params,
        "cluster_ks": list(CLUSTER_KS),
        "bilstm": {"args": NN_ARGS, "epochs": a.epochs},
        "doc_window": 20,
        "propagate": True,
        "person_parts": True,
        "combine": "joint",
        "gazetteer": "basic" if a.basic_gazetteer else "extended",
    }
    if not a.no_dev:
        # the same recipe without the dev slice: its score is the model-selection figure
        secs = train_crf(fx, train, WORK / "crf_dev.bin", **crf_params)
        print(f"CRF (without the dev slice) trained in {secs:.0f}s", flush=True)
        dev_nn = WORK / "nn" / f"{tag}_dev"
        best_f1, best_epoch = train_nn([f"{tag}_dev", "--out", str(dev_nn), *nn_args])
        meta["bilstm"] |= {"dev_best_epoch": best_epoch, "bilstm_dev_f1": round(100 * best_f1, 2)}
        dev_dir = WORK / "dev_ensemble"
        dev_dir.mkdir(exist_ok=True)
        for name in ("bilstm.npz", "vocab.txt", "chars.txt"):
            shutil.copy(dev_nn / name, dev_dir / name)
        shutil.copy(WORK / "crf_dev.bin", dev_dir / "crf.bin")
        shutil.copy(clusters_path, dev_dir / "clusters.tsv")
        shutil.copy(gaz_path, dev_dir / "gazetteer.tsv")
        (dev_dir / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")  # same decoding
        res = evaluate(dev_dir, dev)
        print("dev slice (ensemble trained without it):\n" + format_prf(res), flush=True)
        meta["dev_f1"] = round(100 * res["micro"][2], 2)
    secs = train_crf(fx, sents, WORK / "crf.bin", **crf_params)
    print(f"CRF (all training sentences) trained in {secs:.0f}s", flush=True)
    if a.nn_full:
        nn_dir = WORK / "nn" / tag
        train_nn([tag, "--full", "--out", str(nn_dir), *nn_args])
        meta["trained_on"] = f"{TRAIN_FILE.name}, all sentences (CRF and BiLSTM)"
    else:
        nn_dir = WORK / "nn" / f"{tag}_dev"
    out = a.out
    out.mkdir(parents=True, exist_ok=True)
    for name in MODEL_FILES:  # drop a previous model's files (only those)
        (out / name).unlink(missing_ok=True)
    shutil.copy(WORK / "crf.bin", out / "crf.bin")
    shutil.copy(clusters_path, out / "clusters.tsv")
    shutil.copy(gaz_path, out / "gazetteer.tsv")
    for name in ("bilstm.npz", "vocab.txt", "chars.txt"):
        shutil.copy(nn_dir / name, out / name)
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    if TEST_FILE.is_file():
        res = evaluate(out, load_tagged(TEST_FILE))
        print("ANERcorp test (shipped ensemble):\n" + format_prf(res), flush=True)
        meta["test_f1"] = round(100 * res["micro"][2], 2)
    meta["train_seconds_total"] = round(time.time() - t_start)
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"model written to {out} in {time.time() - t_start:.0f}s total")


if __name__ == "__main__":
    main()
