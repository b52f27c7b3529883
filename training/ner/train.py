"""Rebuild the shipped NER model from ../shared/data (entry point for `make models`).

Steps (cached under training/work/ner/, skipped when the output exists unless --force):
  1. tokenize + fold ANT news (Apache-2.0)            -> ant_tokens.txt
  2. train subword skipgram vectors (floret, fasttext) -> ant_ft.bin
  3. k-means word clusters at several granularities   -> clusters.tsv
  4. gazetteer from GeoNames / mledoze / arabic-names  -> gazetteer.tsv
  5. CRF on the ANERcorp training file (whole file; --dev holds out the last 10% and reports it)
  6. copy crf.bin + clusters.tsv + gazetteer.tsv + meta.json into src/ahdath/ner/model/

usage: python training/ner/train.py [--dev] [--force] [--threads N]
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
from crf import predict, train_crf  # noqa: E402
from prepare_text import main as prepare_text  # noqa: E402
from train_vectors import main as train_vectors  # noqa: E402

from ahdath.ner.features import FeatureExtractor, load_clusters, load_gazetteer  # noqa: E402
from ahdath.ner.text import fold_key  # noqa: E402

CRF_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iter": 250}
CLUSTER_KS = (64, 256, 1024)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", action="store_true", help="also train without the dev slice and report dev F1")
    ap.add_argument("--force", action="store_true", help="rebuild cached vectors/clusters")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    a = ap.parse_args()
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
    clusters_path = WORK / "clusters.tsv"
    if a.force or not clusters_path.is_file():
        extra = [fold_key(t) for toks, _ in sents for t in toks]
        n = build_clusters(vectors, corpus, clusters_path, extra, ks=CLUSTER_KS)
        print(f"clusters: {n} words, {time.time() - t_start:.0f}s", flush=True)
    gaz_path = WORK / "gazetteer.tsv"
    print("gazetteer entries:", build_gazetteer(SHARED / "data", gaz_path), flush=True)
    fx = FeatureExtractor(load_clusters(clusters_path), load_gazetteer(gaz_path))
    meta: dict = {"crf": CRF_PARAMS, "cluster_ks": list(CLUSTER_KS), "train_file": TRAIN_FILE.name}
    if a.dev:
        train, dev = split_train_dev(sents)
        model = WORK / "dev_model.crf"
        train_crf(fx, train, model, **CRF_PARAMS)
        res = entity_prf([g for _, g in dev], predict(fx, model, [t for t, _ in dev]))
        print("dev slice:\n" + format_prf(res), flush=True)
        meta["dev_f1"] = round(100 * res["micro"][2], 2)
    secs = train_crf(fx, sents, WORK / "crf.bin", **CRF_PARAMS)
    print(f"CRF trained on {len(sents)} sentences in {secs:.0f}s", flush=True)
    if TEST_FILE.is_file():
        test = load_tagged(TEST_FILE)
        res = entity_prf([g for _, g in test], predict(fx, WORK / "crf.bin", [t for t, _ in test]))
        print("test:\n" + format_prf(res), flush=True)
        meta["test_f1"] = round(100 * res["micro"][2], 2)
    a.out.mkdir(parents=True, exist_ok=True)
    shutil.copy(WORK / "crf.bin", a.out / "crf.bin")
    shutil.copy(clusters_path, a.out / "clusters.tsv")
    shutil.copy(gaz_path, a.out / "gazetteer.tsv")
    meta["train_seconds_total"] = round(time.time() - t_start)
    (a.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"model written to {a.out} in {time.time() - t_start:.0f}s total")


if __name__ == "__main__":
    main()
