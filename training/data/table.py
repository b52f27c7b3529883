"""Print the table of training/data/README.md: articles, events and quotes per annotation file.

    python training/data/table.py
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _key(path: Path) -> tuple[int, str]:
    name = path.stem.removeprefix("silver_extra_")
    return len(name), name  # a ... z, then aa, ab, ...


def main() -> None:
    rows = []
    for path in sorted(HERE.glob("silver_extra_*.jsonl"), key=_key):
        docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        rows.append((path.name, len(docs), sum(len(d["events"]) for d in docs), sum(len(d.get("quotes", [])) for d in docs)))
    print("| file | articles | events | quotes |")
    print("|---|---|---|---|")
    for name, a, e, q in rows:
        print(f"| {name} | {a} | {e} | {q} |")
    print(f"| total | {sum(r[1] for r in rows):,} | {sum(r[2] for r in rows):,} | {sum(r[3] for r in rows):,} |")


if __name__ == "__main__":
    main()
