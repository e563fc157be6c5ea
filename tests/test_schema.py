"""The committed JSON Schema matches the models, and real output validates against it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from eventwire.records import Extraction
from eventwire.records.schema import SCHEMA_FILE, schema_text

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "schema" / SCHEMA_FILE


def test_committed_schema_matches_models() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "docs/schema is stale: run `make schema` (python scripts/export_schema.py) and commit it"
    )


def test_seed_output_validates(seed_extraction: Extraction) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(seed_extraction.model_dump_json()), schema)
