"""The knobs of event merging: feature weights, tolerances and which event types may merge.

Kept as one frozen dataclass (not a data file) because the values are parameters of the
algorithm, measured together on the clustering set (docs/store.md), not a lexicon to extend.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# ACLED event types whose mentions can describe the same real-world event: a report of a
# "missile attack" and another of "missiles shot down over the city" are one event seen from
# two sides; ground fighting reported as "shelling" by one outlet and "clashes" by another.
COMPATIBLE_TYPES: frozenset[frozenset[str]] = frozenset(
    {
        frozenset({"Explosions/Remote violence", "Strategic developments"}),
        frozenset({"Battles", "Explosions/Remote violence"}),
        frozenset({"Violence against civilians", "Explosions/Remote violence"}),
    }
)

# Sub-event types that make the cross-type pairs above plausible (the other sub-types stay apart).
COMPATIBLE_SUBTYPES: frozenset[str] = frozenset(
    {
        "Disrupted weapons use",
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Armed clash",
        "Attack",
    }
)

# Modalities that may share one event: a strike reported as having happened and the same strike
# denied by one side are linked (claims and denials stay together); a threat is never merged with
# the act it threatens, nor is background (an old war recalled) with today's news.
MODALITY_GROUP: dict[str, str] = {
    "occurred": "real",
    "negated": "real",
    "planned": "future",
    "threatened": "future",
    "hypothetical": "hypothetical",
    "background": "background",
}


@dataclass(frozen=True)
class MergeConfig:
    """Weights of the features (summed, then divided by their total) and the merge threshold."""

    weights: dict[str, float] = field(
        default_factory=lambda: {"type": 0.25, "place": 0.25, "date": 0.2, "actors": 0.15, "text": 0.15}
    )
    # The value an unknown feature contributes (one side has no place, no date, no actor):
    # unknown is weak evidence of sameness, never as good as a match.
    unknown: float = 0.25
    threshold: float = 0.62
    # Distance tolerance in km by ACLED geo_precision (1 town, 2 near a town, 3 region).
    place_tolerance_km: dict[int, float] = field(default_factory=lambda: {1: 10.0, 2: 30.0, 3: 250.0})
    # Days between two date ranges that still count as "the same event" (overnight, late reports).
    date_slack_days: int = 1
    max_date_gap_days: int = 3
    # A story that only gives its publication date as the time: the event may be up to this many
    # days older than publication.
    publication_lag_days: int = 2
    # Without a location (or with only the country), the evidence text must share at least this
    # much (overlap of content words) for two mentions to merge.
    min_text_without_place: float = 0.2
    # Prefilter window (days) when looking for candidate events in the store.
    candidate_window_days: int = 7
    max_candidates: int = 500


DEFAULT_CONFIG = MergeConfig()
