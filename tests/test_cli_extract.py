"""`eventwire extract` end to end through the CLI: formats, ids, bad input, the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli.main import app
from eventwire.records import Extraction
from eventwire.store import Store

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_seed_jsonl_is_one_valid_line(shared_data: Path) -> None:
    seed = shared_data / "seed" / "kursk-incursion.txt"
    result = runner.invoke(app, ["extract", str(seed), "--published", "2024-08-14", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.stdout.splitlines() if ln.strip()]
    assert len(lines) == 1
    x = Extraction.model_validate_json(lines[0])
    assert x.schema_version == "1"
    assert x.article.published is not None and x.article.published.isoformat() == "2024-08-14"
    assert x.article.dateline is not None and x.article.dateline.text == "KYIV"
    for layer in (x.times, x.places, x.quantities):
        for item in layer:
            assert x.article.text[item.span.start:item.span.end] == item.span.text


def test_table_format_is_readable() -> None:
    result = runner.invoke(app, ["extract", str(EXAMPLES / "frontline-brief.txt"), "--published", "2024-09-11"])
    assert result.exit_code == 0, result.output
    assert "events" in result.stdout and "places" in result.stdout


def test_jsonl_echoes_ids_in_order() -> None:
    result = runner.invoke(app, ["extract", str(EXAMPLES / "demo.jsonl"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    ids = [json.loads(ln)["id"] for ln in result.stdout.splitlines() if ln.strip()]
    assert ids == ["demo-1", "demo-2", "demo-3"]


def test_bad_jsonl_line_writes_good_lines_and_fails(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"s{i}", "text": f"Police detained {i} protesters in the capital.", "published": "2024-08-14"})
             for i in range(1, 9)]
    lines[6] = "{not json"
    p = tmp_path / "stories.jsonl"
    p.write_text("\n".join(lines) + "\n")
    result = runner.invoke(app, ["extract", str(p), "--format", "jsonl"])
    assert result.exit_code == 1
    ids = [json.loads(ln)["id"] for ln in result.stdout.splitlines() if ln.startswith("{")]
    assert ids == ["s1", "s2", "s3", "s4", "s5", "s6", "s8"]
    assert "line 7 of" in result.stderr and "invalid JSON" in result.stderr


BAD_FILES = {
    "missing.txt": (None, "no such file"),
    "e.txt": (b"", "empty"),
    "b.bin": (b"\x00\x01binary\x00", "binary"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_input_exits_non_zero_naming_it(tmp_path: Path, name: str) -> None:
    content, message = BAD_FILES[name]
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code != 0
    assert path.name in result.stderr and message in result.stderr


def test_unreachable_url_exits_non_zero() -> None:
    result = runner.invoke(app, ["extract", "http://127.0.0.1:9/news"])
    assert result.exit_code != 0 and "127.0.0.1:9/news" in result.stderr


def test_bad_published_date_is_refused() -> None:
    result = runner.invoke(app, ["extract", str(EXAMPLES / "frontline-brief.txt"), "--published", "yesterday"])
    assert result.exit_code != 0 and "ISO date" in result.stderr


def test_same_story_twice_is_one_article(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    story = str(EXAMPLES / "frontline-brief.txt")
    for _ in range(2):
        result = runner.invoke(app, ["extract", story, "--published", "2024-09-11", "--store", str(db)])
        assert result.exit_code == 0, result.output
    with Store(str(db)) as st:
        assert st.count("articles") == 1
        first = st.count("events")
    runner.invoke(app, ["extract", story, "--published", "2024-09-11", "--store", str(db)])
    with Store(str(db)) as st:
        assert st.count("events") == first


def test_events_command_lists_store(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    runner.invoke(app, ["extract", str(EXAMPLES / "demo.jsonl"), "--store", str(db), "--format", "jsonl"])
    result = runner.invoke(app, ["events", "--store", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    with Store(str(db)) as st:
        assert len([ln for ln in result.stdout.splitlines() if ln.strip()]) == len(st.events())


def test_version() -> None:
    from eventwire import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout
