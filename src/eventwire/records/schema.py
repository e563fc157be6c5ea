"""The JSON Schema of eventwire's output, generated from the records (docs/schema/ holds a copy)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eventwire.records.extraction import Extraction

SCHEMA_FILE = "extraction.schema.json"


def extraction_schema() -> dict[str, Any]:
    schema = Extraction.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://eventwire.dev/schema/1/extraction.schema.json"
    return schema


def schema_text() -> str:
    return json.dumps(extraction_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schema(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SCHEMA_FILE
    path.write_text(schema_text(), encoding="utf-8")
    return path
