"""Score ahdath on the worked example (../shared/examples/tasnim_phone_calls.txt).

    python benchmarks/eval_worked_example.py [--shared ../shared]

Turns tasnim_phone_calls.gold.json into a one-line JSONL, runs `ahdath code --format jsonl`
on the article (date 2023-10-14, the day of the calls) and prints the reference scorer's report
(../shared/eval/score_events.py). Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--date", default="2023-10-14")
    args = ap.parse_args()
    ex = Path(args.shared) / "examples"
    if not (ex / "tasnim_phone_calls.txt").exists():
        print(f"skip: {ex} not found")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold.jsonl"
        pred = Path(tmp) / "pred.jsonl"
        gold.write_text(json.dumps(json.loads((ex / "tasnim_phone_calls.gold.json").read_text(encoding="utf-8")), ensure_ascii=False) + "\n", encoding="utf-8")
        ahdath = Path(sys.executable).parent / "ahdath"
        subprocess.run([str(ahdath), "code", str(ex / "tasnim_phone_calls.txt"), "--format", "jsonl", "--date", args.date, "-o", str(pred)], check=True)
        subprocess.run([sys.executable, str(Path(args.shared) / "eval" / "score_events.py"), str(gold), str(pred)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
