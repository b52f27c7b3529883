"""Bad input: every broken record gets a message naming it, and the batch goes on."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from ahdath.io.readers import Record, RecordError, read_path, read_paths, read_stdin
from ahdath.io.validate import InputError, check_text
from ahdath.pipeline import Pipeline, Settings

ARABIC = "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في القاهرة."


def _language_only(max_chars: int = 1_000_000) -> Pipeline:
    return Pipeline.load(Settings(components=("language",), max_chars=max_chars))


def test_txt_file_id_is_stem(tmp_path: Path) -> None:
    p = tmp_path / "article-7.txt"
    p.write_text(ARABIC, encoding="utf-8")
    (rec,) = list(read_path(p))
    assert isinstance(rec, Record) and rec.id == "article-7" and rec.text == ARABIC


def test_bom_is_accepted(tmp_path: Path) -> None:
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + ARABIC.encode())
    (rec,) = list(read_path(p))
    assert isinstance(rec, Record) and rec.text == ARABIC


def test_invalid_utf8_names_record(tmp_path: Path) -> None:
    p = tmp_path / "latin1.txt"
    p.write_bytes("café ".encode("latin-1") + ARABIC.encode())
    (err,) = list(read_path(p))
    assert isinstance(err, RecordError)
    assert err.id == "latin1" and "invalid UTF-8 at byte 3" in str(err) and "latin1.txt" in str(err)


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (err,) = list(read_path(p))
    assert isinstance(err, RecordError) and "binary" in err.message


def test_jsonl_malformed_line_keeps_going(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": ARABIC, "date": "2023-10-14"}, ensure_ascii=False),
        '{"id": "b", "text": "unterminated',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "d"}),
        "",
        json.dumps({"id": "e", "text": ARABIC, "title": "عنوان"}, ensure_ascii=False),
    ]
    p.write_text("\n".join(lines), encoding="utf-8")
    out = list(read_path(p))
    assert [type(r).__name__ for r in out] == ["Record", "RecordError", "RecordError", "RecordError", "Record"]
    assert out[0].date == "2023-10-14" and out[4].title == "عنوان"
    assert "line 2" in out[1].origin and "malformed JSON" in out[1].message
    assert "expected a JSON object" in out[2].message
    assert out[3].id == "d" and "text" in out[3].message


def test_compressed_jsonl_and_directory(tmp_path: Path) -> None:
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "gz1", "text": ARABIC}, ensure_ascii=False) + "\n")
    (tmp_path / "b.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    ids = [r.id for r in read_path(tmp_path)]
    assert ids == ["gz1", "b"]


def test_missing_path() -> None:
    (err,) = list(read_paths(["/nonexistent/x.txt"]))
    assert isinstance(err, RecordError) and "no such file" in err.message


def test_stdin_plain_and_jsonl() -> None:
    (rec,) = list(read_stdin(io.BytesIO(ARABIC.encode())))
    assert rec.id == "stdin" and rec.text == ARABIC
    data = (json.dumps({"id": "s1", "text": ARABIC}, ensure_ascii=False) + "\n{bad\n").encode()
    out = list(read_stdin(io.BytesIO(data)))
    assert isinstance(out[0], Record) and isinstance(out[1], RecordError)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("The minister said talks will resume next week in Cairo.", "not Arabic"),
        ("\x01\x02\x03\x04" * 50 + ARABIC, "binary"),
    ],
)
def test_check_text_rejects(text: str, needle: str) -> None:
    with pytest.raises(InputError, match=needle):
        check_text(text)


def test_huge_article_rejected_with_limit_named() -> None:
    big = (ARABIC + "\n") * (5 * 1024 * 1024 // len(ARABIC.encode()))
    with pytest.raises(InputError, match="too large"):
        check_text(big)


def test_batch_goes_on_after_bad_records() -> None:
    recs = [
        Record("ok1", ARABIC, "t"),
        Record("empty", "  ", "t"),
        RecordError("broken", "t line 3", "malformed JSON"),
        Record("english", "Hello world, this is English.", "t"),
        Record("ok2", ARABIC, "t"),
    ]
    out = list(_language_only().code_records(recs))
    assert [getattr(r, "id", None) for r in out] == ["ok1", "empty", "broken", "english", "ok2"]
    assert [isinstance(r, RecordError) for r in out] == [False, True, True, True, False]
    assert "empty" in out[1].message and "not Arabic" in out[3].message


def test_huge_article_in_batch_is_reported_not_fatal() -> None:
    pipe = _language_only(max_chars=10_000)
    out = list(pipe.code_records([Record("big", ARABIC * 1000, "t"), Record("ok", ARABIC, "t")]))
    assert isinstance(out[0], RecordError) and "too large" in out[0].message and "--max-chars" in out[0].message
    assert not isinstance(out[1], RecordError)
