"""Write docs/schema/extraction.schema.json from the records (run after changing a record)."""

from pathlib import Path

from eventwire.records.schema import write_schema

if __name__ == "__main__":
    print(write_schema(Path(__file__).resolve().parent.parent / "docs" / "schema"))
