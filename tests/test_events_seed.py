"""The seed story: every expected event with its accepted types, actors and modality."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventwire.evaluate.events import evaluate_seed_events, score_seed_events


def test_seed_events_from_the_trigger_layer(shared_data: Path) -> None:
    report = evaluate_seed_events(shared_data / "seed")
    failed = [row for row in report.tables[0].rows if not row[2]]
    assert failed == []
    assert report.metrics["seed_background_invented"] == 0


def test_seed_events_end_to_end(seed_extraction: Any, seed_expected: dict[str, Any]) -> None:
    """The same checks on the whole pipeline's output (`eventwire extract`)."""
    report = score_seed_events(seed_extraction.events, seed_expected)
    failed = [row for row in report.tables[0].rows if not row[2]]
    assert failed == []
    primaries = [e for e in seed_extraction.events if e.primary]
    assert len(primaries) == 1
    assert primaries[0].sentence is not None and primaries[0].sentence.start == 6
    # background never becomes a current event
    assert report.metrics["seed_background_invented"] == 0
    assert not any(e.modality == "occurred" and e.trigger is not None and e.trigger.text == "invasion"
                   for e in seed_extraction.events)
