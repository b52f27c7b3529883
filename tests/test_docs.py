"""The documented examples stay true: docs/output.md's JSON validates against docs/schema.json."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_output_example_matches_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    text = (DOCS / "output.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```json\n(.*?)\n```", text, re.S)
    example = json.loads(block)
    jsonschema.validate(example, json.loads((DOCS / "schema.json").read_text(encoding="utf-8")))
    assert example["events"] and example["events"][0]["trigger"]["text"]


def test_cli_reference_is_current() -> None:
    from ahdath.clidocs import render

    assert (DOCS / "cli.md").read_text(encoding="utf-8") == render(), "regenerate: python -m ahdath.clidocs > docs/cli.md"
