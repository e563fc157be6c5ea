"""The seed harness: the reference story scored against expected.yaml, with CI floors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventwire.evaluate.report import below_floors, load_floors
from eventwire.evaluate.seed import score_seed
from eventwire.records import Extraction

FLOORS = Path(__file__).resolve().parent.parent / "quality" / "floors" / "seed.yaml"


def test_seed_meets_floors(seed_extraction: Extraction, seed_expected: dict[str, Any]) -> None:
    report = score_seed(seed_extraction, seed_expected)
    print({k: round(v, 3) for k, v in report.metrics.items()})
    assert below_floors(report, load_floors(FLOORS)) == []


def test_harness_detects_a_wrong_place(seed_extraction: Extraction, seed_expected: dict[str, Any]) -> None:
    """The harness can fail: a Moscow put in Idaho must be caught."""
    from eventwire.records import Place, Span

    text = seed_extraction.article.text
    start = text.index("Moscow")
    wrong = seed_extraction.model_copy(deep=True)
    wrong.places = [*wrong.places, Place(span=Span.of(text, start, start + 6), name="Moscow", country_code="US")]
    report = score_seed(wrong, seed_expected)
    assert report.metrics["must_not_entries"] < 1.0


def test_harness_scores_a_perfect_time(seed_extraction: Extraction, seed_expected: dict[str, Any]) -> None:
    from eventwire.records import Span, Time

    text = seed_extraction.article.text
    x = seed_extraction.model_copy(deep=True)
    x.times = [Time(span=Span.of(text, t["start"], t["start"] + len(t["text"])), type="DATE",
                    value=t.get("value") or t["accept_values"][0]) for t in seed_expected["times"]]
    assert score_seed(x, seed_expected).metrics["times_entries"] == 1.0
