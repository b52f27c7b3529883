"""The CLI mirrors the Python API: `ahdath code` gives exactly `ahdath.code(...).to_dict()`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import ahdath
from ahdath.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample_article.txt"
SCHEMA = ROOT / "docs" / "schema.json"


def _run(args: list[str], input: str | bytes | None = None) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, args, input=input)
    return res.exit_code, res.stdout, res.stderr


def test_code_txt_jsonl_matches_api() -> None:
    code, out, err = _run(["code", str(SAMPLE), "--format", "jsonl", "--date", "2023-10-14"])
    assert code == 0, err
    (line,) = out.strip().splitlines()
    got = json.loads(line)
    api = ahdath.code(SAMPLE.read_text(encoding="utf-8"), date="2023-10-14", doc_id="sample_article").to_dict()
    assert got == api
    assert got["doc_id"] == "sample_article" and got["date"] == "2023-10-14"
    assert got["events"], "the sample article reports events"
    text = SAMPLE.read_text(encoding="utf-8")
    for e in got["events"]:
        for key in ("type", "mode", "cameo", "goldstein", "quad_class", "status", "actor", "recipient", "trigger", "sentence", "confidence"):
            assert key in e
        assert text[e["trigger"]["start"] : e["trigger"]["end"]] == e["trigger"]["text"]
        assert text[e["sentence"]["start"] : e["sentence"]["end"]] == e["sentence"]["text"]
        a = e["actor"]
        assert text[a["start"] : a["end"]] == a["text"]


def test_output_validates_against_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    doc = ahdath.code(SAMPLE.read_text(encoding="utf-8"), date="2023-10-14", doc_id="sample").to_dict()
    jsonschema.validate(doc, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_jsonl_batch_with_bad_records_exit_status(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    text = SAMPLE.read_text(encoding="utf-8")
    batch.write_text(
        "\n".join(
            [
                json.dumps({"id": "good", "text": text, "date": "2023-10-14"}, ensure_ascii=False),
                '{"id": "broken", "text": ',
                json.dumps({"id": "english", "text": "Nothing Arabic in here at all."}),
                json.dumps({"id": "good2", "text": text}, ensure_ascii=False),
            ]
        ),
        encoding="utf-8",
    )
    out_file = tmp_path / "out.jsonl"
    code, _, err = _run(["code", str(batch), "--format", "jsonl", "-o", str(out_file)])
    assert code == 1
    ids = [json.loads(x)["doc_id"] for x in out_file.read_text(encoding="utf-8").splitlines()]
    assert ids == ["good", "good2"]
    assert "batch.jsonl line 2" in err and "malformed JSON" in err
    assert "'english'" in err and "not Arabic" in err
    assert "coded 2 article(s), 2 failed" in err


def test_stdin_and_table_and_json_formats() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    code, out, _ = _run(["code", "-", "--format", "table"], input=text.encode())
    assert code == 0 and out.startswith("== stdin")
    code, out, _ = _run(["code", "-", "--format", "json"], input=text.encode())
    assert code == 0 and json.loads(out)[0]["doc_id"] == "stdin"


def test_bad_date_is_rejected() -> None:
    code, _, err = _run(["code", str(SAMPLE), "--date", "14/10/2023"])
    assert code == 2 and "YYYY-MM-DD" in err


def test_actors_lookup_cli() -> None:
    code, out, _ = _run(["actors", "lookup", "عبد اللهيان", "--date", "2023-10-14"])
    assert code == 0
    first = json.loads(out.splitlines()[0])
    assert "Amir-Abdollahian" in json.dumps(first, ensure_ascii=False)
