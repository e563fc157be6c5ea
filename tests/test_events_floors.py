"""Quality floors for `eventwire evaluate events` (quality/floors/events.yaml)."""

from __future__ import annotations

from pathlib import Path

from eventwire.evaluate.events import evaluate_events
from eventwire.evaluate.report import below_floors, load_floors

FLOORS = Path(__file__).resolve().parents[1] / "quality" / "floors" / "events.yaml"


def test_events_scores_stay_above_their_floors(shared_data: Path) -> None:
    report = evaluate_events(shared_data)
    assert below_floors(report, load_floors(FLOORS)) == []
