"""`eventwire geocode` and `eventwire gazetteer` through the CLI."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from eventwire.cli.main import app


def test_geocode_command_with_and_without_spans() -> None:
    lines = "\n".join([
        json.dumps({"id": "a", "text": "KYIV: Troops entered Sudzha in the Kursk region."}),
        json.dumps({"id": "b", "text": "Shelling hit Avdiivka, Donetsk Oblast.", "spans": [[13, 21], [0, 8]]}),
    ])
    result = CliRunner().invoke(app, ["geocode", "-"], input=lines + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [o["id"] for o in out] == ["a", "b"]
    by_text = {p["span"]["text"]: p for p in out[0]["places"] if p}
    assert by_text["KYIV"]["geonameid"] == 703448
    assert by_text["Sudzha"]["geonameid"] == 486816
    assert by_text["Kursk region"]["level"] == "admin1" and by_text["Kursk region"]["admin1"] == "41"
    assert out[1]["places"][0]["country_code"] == "UA" and out[1]["places"][1] is None


def test_geocode_rejects_bad_spans() -> None:
    line = json.dumps({"id": "x", "text": "Kyiv", "spans": [[0, 99]]})
    result = CliRunner().invoke(app, ["geocode", "-"], input=line + "\n")
    assert result.exit_code != 0


def test_gazetteer_info() -> None:
    result = CliRunner().invoke(app, ["gazetteer", "info"])
    assert result.exit_code == 0
    assert "GeoNames" in result.stdout
