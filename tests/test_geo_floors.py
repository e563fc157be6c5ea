"""CI floors for the geoparser: `eventwire evaluate geocode` on LGL, GeoVirus, the seed story and UCDP."""

from __future__ import annotations

from pathlib import Path

from eventwire.evaluate.geocode import evaluate_geocode
from eventwire.evaluate.report import below_floors, load_floors

FLOORS = Path(__file__).resolve().parents[1] / "quality" / "floors" / "geocode.yaml"


def test_geocode_floors(shared_data: Path) -> None:
    # End to end on the first 60 articles of each corpus keeps the test to seconds; the full run is
    # `eventwire evaluate geocode` (numbers in docs/geo.md).
    report = evaluate_geocode(shared_data, end_to_end=True, e2e_limit=60)
    missed = below_floors(report, load_floors(FLOORS))
    assert missed == [], missed
