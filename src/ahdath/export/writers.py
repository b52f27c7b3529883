"""Writing coded documents: JSONL (one object per article), a JSON array, or a readable table."""

from __future__ import annotations

import json
from typing import IO, Any

from ahdath.model import Document

FORMATS = ("table", "jsonl", "json")


def _side(a: dict[str, Any] | None) -> str:
    if not a:
        return "-"
    code = "/".join(x for x in (a.get("country"), a.get("sector")) if x)
    name = a.get("name") or a.get("text")
    flag = " [loaded]" if a.get("loaded") else ""
    return f"{name} ({code}){flag}" if code else f"{name}{flag}"


def format_table(doc: Document) -> str:
    d = doc.to_dict()
    lines = [f"== {doc.id}" + (f"  {doc.date}" if doc.date else "") + (f"  {doc.title}" if doc.title else "")]
    if not d["events"]:
        lines.append("   (no events)")
    for e in d["events"]:
        typ = e["type"] + (f"/{e['mode']}" if e["mode"] else "")
        status = "" if e["status"] == "asserted" else f" [{e['status']}]"
        extra = f"  via {e['reported_by']}" if e.get("reported_by") else ""
        lines.append(
            f"  {typ:<22} {e['cameo'] or '':>4}  {_side(e['actor'])} → {_side(e['recipient'])}{status}"
            f"  «{e['trigger']['text']}» @{e['trigger']['start']}  conf={e['confidence']:.2f}{extra}"
        )
    for q in d["quotes"]:
        who = _side(q["speaker"])
        mark = "direct" if q["direct"] else "indirect"
        text = q["text"] if len(q["text"]) <= 80 else q["text"][:77] + "..."
        lines.append(f"  QUOTE {mark:<8} {who}: «{text}»")
    return "\n".join(lines)


class Writer:
    """Streams documents in one format; ``close()`` finishes the JSON array."""

    def __init__(self, out: IO[str], fmt: str = "jsonl") -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.out, self.fmt, self.count = out, fmt, 0
        if fmt == "json":
            out.write("[")

    def write(self, doc: Document) -> None:
        if self.fmt == "jsonl":
            self.out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        elif self.fmt == "json":
            self.out.write(("," if self.count else "") + "\n" + json.dumps(doc.to_dict(), ensure_ascii=False, indent=1))
        else:
            self.out.write(format_table(doc) + "\n\n")
        self.count += 1
        self.out.flush()

    def close(self) -> None:
        if self.fmt == "json":
            self.out.write("\n]\n")
        self.out.flush()
