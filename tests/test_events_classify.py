"""`eventwire classify`: the output contract, ACLED's exact strings, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from eventwire.classify import classify_snippets
from eventwire.knowledge.taxonomy import taxonomy

SNIPPETS = [
    {"id": "a", "text": "Russian drones struck a power plant in Odesa overnight."},
    {"id": "b", "text": "The weather was mild in the capital on Sunday."},
    {"id": "c", "text": "The president met his Kenyan counterpart in Nairobi."},
    {"id": "d", "text": "Interception: On 3 March 2024, forces downed 5 drones over the region."},
    {"id": "e", "text": ""},
]


def test_every_snippet_gets_a_valid_acled_sub_type_and_the_contract_fields() -> None:
    tax = taxonomy()
    results = list(classify_snippets(SNIPPETS))
    assert [r["id"] for r in results] == [s["id"] for s in SNIPPETS]
    for r in results:
        assert set(r) >= {"id", "is_event", "acled", "plover", "confidence"}
        assert tax.is_valid_acled(r["acled"]["event_type"], r["acled"]["sub_event_type"])
        assert 0.0 <= r["confidence"] <= 1.0
    by_id = {r["id"]: r for r in results}
    assert by_id["a"]["is_event"] and by_id["a"]["acled"]["sub_event_type"] == "Air/drone strike"
    assert by_id["a"]["plover"] == {"type": "ASSAULT", "mode": "drone"}
    assert not by_id["b"]["is_event"] and by_id["b"]["confidence"] <= 0.2
    assert by_id["c"]["plover"]["type"] == "CONSULT" and not by_id["c"]["is_event"]
    assert by_id["d"]["acled"]["sub_event_type"] == "Disrupted weapons use"


def test_cli_reads_json_lines_and_writes_json_lines(tmp_path: Path) -> None:
    from eventwire.cli.main import app

    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(s) for s in SNIPPETS[:2]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["classify", str(src), "--output", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["a", "b"]
    assert lines[0]["acled"]["event_type"] == "Explosions/Remote violence"
