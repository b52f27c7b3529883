"""Dev-slice experiment: train on train minus the dev slice, report dev F1.

usage: python training/ner/experiment.py NAME [--clusters PATH] [--no-gaz] [--c1 X] [--c2 X] [--iter N] [--extra n01,n02]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import TRAIN_FILE, WORK, entity_prf, format_prf, load_tagged, split_train_dev  # noqa: E402
from crf import predict, train_crf  # noqa: E402
from extra_data import batch_files  # noqa: E402
from extra_data import load as load_extra  # noqa: E402

from ahdath.ner.features import FeatureExtractor, load_clusters, load_gazetteer  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("name")
    ap.add_argument("--clusters", type=Path)
    ap.add_argument("--gaz", type=Path, default=WORK / "gazetteer.tsv")
    ap.add_argument("--no-gaz", action="store_true")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iter", type=int, default=250)
    ap.add_argument("--extra", default="", help="hand-tagged batches of training/data/ner added to training (comma list, or 'all')")
    a = ap.parse_args()
    clusters = load_clusters(a.clusters) if a.clusters else {}
    gaz = {} if a.no_gaz else load_gazetteer(a.gaz)
    fx = FeatureExtractor(clusters, gaz)
    train, dev = split_train_dev(load_tagged(TRAIN_FILE))
    if a.extra:
        train = train + load_extra(batch_files(a.extra))
    model = WORK / "exp" / f"{a.name}.crf"
    secs = train_crf(fx, train, model, c1=a.c1, c2=a.c2, max_iter=a.iter)
    pred = predict(fx, model, [t for t, _ in dev])
    res = entity_prf([g for _, g in dev], pred)
    print(f"== {a.name} {vars(a)} train {secs:.0f}s")
    print(format_prf(res))


if __name__ == "__main__":
    main()
