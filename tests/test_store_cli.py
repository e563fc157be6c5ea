"""`eventwire events` (filters, table/jsonl/csv), `events show ID`, `db recluster`, `evaluate merge`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli.main import app
from eventwire.evaluate.merge import load_set
from eventwire.records import Event
from eventwire.store import Store

runner = CliRunner()


COUNTS: dict[str, int] = {}


@pytest.fixture(scope="module")
def location(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "cli.db")
    st = Store(path)
    stories = load_set()
    for s in stories:
        st.write(s.extraction)
    COUNTS.update(events=st.count_events(), mentions=sum(len(s.extraction.events) for s in stories))
    st.close()
    return path


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich wraps to the terminal width; make it wide so words are not folded mid-cell."""
    from eventwire.cli.common import console

    monkeypatch.setattr(console, "width", 220)


def _run(*args: str) -> str:
    r = runner.invoke(app, list(args))
    assert r.exit_code == 0, r.output
    return r.stdout


def test_events_jsonl_are_merged_events(location: str) -> None:
    lines = _run("events", "--store", location, "--format", "jsonl").splitlines()
    events = [Event.model_validate_json(x) for x in lines]
    assert len(events) == COUNTS["events"]
    assert max(len(e.article_ids) for e in events) == 4
    mentions = _run("events", "--store", location, "--format", "jsonl", "--mentions").splitlines()
    assert len(mentions) == COUNTS["mentions"]


def test_events_filters(location: str) -> None:
    def n(*extra: str) -> int:
        return len(_run("events", "--store", location, "-f", "jsonl", *extra).splitlines())

    assert n("--country", "SO") == 2
    assert n("--type", "Battles") == 2
    assert n("--plover", "PROTEST", "--since", "2025-03-08", "--until", "2025-03-08") == 2
    assert n("--bbox", "25,13,26,14") == 2  # Zamzam camp and El Fasher
    assert n("-q", "refinery") == 1
    assert n("--actor", "shabaab") == 2
    assert n("--limit", "3", "--offset", str(COUNTS["events"] - 1)) == 1
    r = runner.invoke(app, ["events", "--store", location, "--since", "March"])
    assert r.exit_code != 0 and "not a date" in r.output


def test_events_csv_and_table(location: str) -> None:
    out = _run("events", "--store", location, "-f", "csv", "--sort", "-sources", "--limit", "2")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 2 and rows[0]["n_sources"] == "4" and rows[0]["location"] == "Kharkiv"
    assert len(rows[0]["article_ids"].split(";")) == 4
    table = " ".join(_run("events", "--store", location, "--country", "GE").split())  # Rich may wrap
    assert "1 of 1 events" in table and "Tbilisi" in table


def test_events_show_explains_the_merge(location: str) -> None:
    first = json.loads(_run("events", "--store", location, "-f", "jsonl", "--sort", "-sources", "--limit", "1"))
    r = runner.invoke(app, ["events", "show", first["id"], "--store", location])
    assert r.exit_code == 0, r.output
    text = r.stdout
    for expected in ("why they were merged", "Eastern Wire", "Danube Post", "founded the event", "type=1.00",
                     "claims and denials", "killed"):
        assert expected in text, expected
    detail = json.loads(_run("events", "show", first["id"], "--store", location, "--format", "json"))
    assert detail["id"] == first["id"] and len(detail["mentions"]) == 7
    r = runner.invoke(app, ["events", "show", "nope", "--store", location])
    assert r.exit_code != 0 and "no event" in r.output


def test_db_recluster(location: str) -> None:
    def groups() -> list[tuple[str, ...]]:
        lines = _run("events", "--store", location, "-f", "jsonl").splitlines()
        return sorted(tuple(sorted(json.loads(x)["article_ids"])) for x in lines)

    before = groups()
    # Merging again in order of publication (not of arrival) finds the same events.
    assert f"{COUNTS['events']} events" in _run("db", "recluster", "--store", location)
    assert groups() == before


def test_evaluate_merge_command(tmp_path: Path) -> None:
    out = tmp_path / "merge.json"
    text = _run("evaluate", "merge", "--json", str(out))
    assert "pair_f1" in text
    report = json.loads(out.read_text())
    assert report["name"] == "merge" and report["metrics"]["pair_f1"] > 0.5
