"""Reading articles from files, JSONL dumps, directories and standard input.

Readers never raise on a bad record: they yield a :class:`RecordError` naming the record
(file, line, id) and go on, so one broken line never stops a batch.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.xz", ".jsonl.bz2", ".ndjson")
TEXT_SUFFIXES = (".txt",)
_OPENERS = {".gz": gzip.open, ".xz": lzma.open, ".bz2": bz2.open}
OPTIONAL_FIELDS = ("title", "date", "source", "url")


@dataclass(slots=True)
class Record:
    """One article to code, with where it came from (for messages)."""

    id: str
    text: str
    origin: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None


@dataclass(slots=True)
class RecordError:
    """A record that could not be read; ``message`` says why."""

    id: str
    origin: str
    message: str

    def __str__(self) -> str:
        return f"record {self.id!r} ({self.origin}): {self.message}"


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM); raise ValueError with a clear message otherwise."""
    if b"\x00" in data[:65536]:
        raise ValueError("binary data (NUL bytes), not a text article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError(f"invalid UTF-8 at byte {e.start} (expected UTF-8 text)") from None


def _open_binary(path: Path) -> IO[bytes]:
    opener = _OPENERS.get(path.suffix)
    return opener(path, "rb") if opener else path.open("rb")  # type: ignore[return-value]


def read_text_file(path: Path) -> Iterator[Record | RecordError]:
    origin = str(path)
    try:
        with _open_binary(path) as f:
            text = decode_bytes(f.read())
    except (OSError, ValueError) as e:
        yield RecordError(path.stem, origin, str(e))
        return
    yield Record(id=path.stem, text=text, origin=origin)


def _record_from_obj(obj: Any, default_id: str, origin: str) -> Record | RecordError:
    if not isinstance(obj, dict):
        return RecordError(default_id, origin, f"expected a JSON object, got {type(obj).__name__}")
    rid = obj.get("id", obj.get("doc_id", obj.get("docno", default_id)))
    rid = str(rid) if rid is not None else default_id
    text = obj.get("text")
    if not isinstance(text, str):
        return RecordError(rid, origin, "missing or non-string 'text' field")
    fields = {k: (str(obj[k]) if obj.get(k) is not None else None) for k in OPTIONAL_FIELDS}
    return Record(id=rid, text=text, origin=origin, **fields)


def read_jsonl_stream(stream: IO[bytes], name: str) -> Iterator[Record | RecordError]:
    for lineno, raw in enumerate(stream, 1):
        origin = f"{name} line {lineno}"
        default_id = f"{Path(name).name.split('.')[0]}:{lineno}"
        if not raw.strip():
            continue
        try:
            line = decode_bytes(raw)
        except ValueError as e:
            yield RecordError(default_id, origin, str(e))
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield RecordError(default_id, origin, f"malformed JSON: {e.msg} at column {e.colno}")
            continue
        yield _record_from_obj(obj, default_id, origin)


def read_jsonl_file(path: Path) -> Iterator[Record | RecordError]:
    try:
        with _open_binary(path) as f:
            yield from read_jsonl_stream(f, str(path))
    except (OSError, EOFError, lzma.LZMAError) as e:
        yield RecordError(path.name, str(path), f"cannot read file: {e}")


def _is_jsonl(path: Path) -> bool:
    return path.name.endswith(JSONL_SUFFIXES)


def read_stdin(stream: IO[bytes] | None = None) -> Iterator[Record | RecordError]:
    """Standard input: JSONL when the first non-blank character is '{', else one article."""
    stream = stream if stream is not None else sys.stdin.buffer
    data = stream.read()
    if data.lstrip()[:1] == b"{":
        yield from read_jsonl_stream(io.BytesIO(data), "<stdin>")
        return
    try:
        yield Record(id="stdin", text=decode_bytes(data), origin="<stdin>")
    except ValueError as e:
        yield RecordError("stdin", "<stdin>", str(e))


def read_path(path: str | Path) -> Iterator[Record | RecordError]:
    """Records from one PATH argument: a .txt or .jsonl[.gz|.xz] file, a directory, or '-'."""
    if str(path) == "-":
        yield from read_stdin()
        return
    p = Path(path)
    if p.is_dir():
        for child in sorted(p.rglob("*")):
            if child.is_file() and (_is_jsonl(child) or child.suffix in TEXT_SUFFIXES):
                yield from read_path(child)
        return
    if not p.exists():
        yield RecordError(p.stem or str(p), str(p), "no such file or directory")
    elif _is_jsonl(p):
        yield from read_jsonl_file(p)
    else:
        yield from read_text_file(p)


def read_paths(paths: Iterable[str | Path]) -> Iterator[Record | RecordError]:
    for p in paths:
        yield from read_path(p)
