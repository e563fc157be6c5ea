"""Pairwise features between two event mentions: are they the same real-world event?

Each feature is a score in [0, 1] with a short reason, `None` when one side does not know
(no place, no date, no actor), or a *block*: a hard contradiction (another country, days
apart, a different kind of event) that forbids merging whatever the other features say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from eventwire.cluster.config import (
    COMPATIBLE_SUBTYPES,
    COMPATIBLE_TYPES,
    DEFAULT_CONFIG,
    MODALITY_GROUP,
    MergeConfig,
)
from eventwire.knowledge.geodesy import great_circle_km
from eventwire.records import Actor, Event, Place


@dataclass
class Feature:
    name: str
    value: float | None
    reason: str
    block: bool = False


@dataclass
class PairScore:
    """The features of one pair and the weighted score (0 when blocked)."""

    features: list[Feature] = field(default_factory=list)
    score: float = 0.0
    blocked_by: str | None = None

    def as_dict(self) -> dict[str, float | None]:
        return {f.name: (None if f.value is None else round(f.value, 3)) for f in self.features}

    def reasons(self) -> list[str]:
        return [f"{f.name}: {f.reason}" for f in self.features]


def _type_feature(a: Event, b: Event) -> Feature:
    if a.acled and b.acled:
        if a.acled.sub_event_type == b.acled.sub_event_type and a.acled.event_type == b.acled.event_type:
            return Feature("type", 1.0, f"same sub-event type ({a.acled.sub_event_type})")
        if a.acled.event_type == b.acled.event_type:
            return Feature("type", 0.7, f"same event type ({a.acled.event_type})")
        pair = frozenset({a.acled.event_type, b.acled.event_type})
        subs = {a.acled.sub_event_type, b.acled.sub_event_type}
        if pair in COMPATIBLE_TYPES and subs <= COMPATIBLE_SUBTYPES:
            return Feature("type", 0.6, f"compatible types ({' / '.join(sorted(subs))})")
        return Feature("type", 0.0, f"different types ({a.acled.event_type} vs {b.acled.event_type})", block=True)
    if a.plover and b.plover:
        if a.plover.type != b.plover.type:
            return Feature("type", 0.0, f"different PLOVER types ({a.plover.type} vs {b.plover.type})", block=True)
        if a.plover.mode and b.plover.mode and a.plover.mode != b.plover.mode:
            return Feature("type", 0.5, f"same PLOVER type {a.plover.type}, modes differ")
        return Feature("type", 0.8, f"same PLOVER type ({a.plover.type})")
    return Feature("type", None, "one mention has no event type")


def _precision(p: Place) -> int:
    if p.precision:
        return p.precision
    return 3 if p.level in ("country", "admin1", "admin2") else 1


def _place_feature(a: Event, b: Event, cfg: MergeConfig) -> Feature:
    pa, pb = a.place, b.place
    if pa is None and pb is None:
        return Feature("place", None, "neither mention has a place")
    if pa is None or pb is None:
        # The place may be in the words even when it was not linked to the event: "the strike on a
        # home in Khan Younis" names the town the other mention is geocoded to.
        known, other = (pb, a) if pa is None else (pa, b)
        assert known is not None
        if _named_in(known.name, evidence_text(other)):
            return Feature("place", 0.8, f"{known.name} is named in the other mention's sentence")
        return Feature("place", None, "one mention has no place")
    if pa.country_code and pb.country_code and pa.country_code != pb.country_code:
        return Feature("place", 0.0, f"different countries ({pa.country_code} vs {pb.country_code})", block=True)
    if _is_country(pa) or _is_country(pb):
        # "Strikes on Russia" says little about where: two such mentions are not co-located.
        return Feature("place", 0.35, "only the country is known for one of them")
    region_holds = _contains(pa, pb) or _contains(pb, pa)
    if pa.geonameid is not None and pa.geonameid == pb.geonameid:
        if _precision(pa) >= 3:
            return Feature("place", 0.7, f"same region ({pa.name}, GeoNames {pa.geonameid})")
        return Feature("place", 1.0, f"same place ({pa.name}, GeoNames {pa.geonameid})")
    if _other_region(pa, pb) and not region_holds:
        return Feature("place", 0.0, f"{pa.name} ({pa.admin1_name or pa.admin1}) and {pb.name} "
                       f"({pb.admin1_name or pb.admin1}) are in different regions", block=True)
    if region_holds:
        # Sudzha is "in the Kursk region": compatible, but a region is a coarse location.
        return Feature("place", 0.6, f"{pa.name} and {pb.name}: one region holds the other")
    if pa.lat is not None and pa.lon is not None and pb.lat is not None and pb.lon is not None:
        km = great_circle_km(pa.lat, pa.lon, pb.lat, pb.lon)
        tol = max(cfg.place_tolerance_km[_precision(pa)], cfg.place_tolerance_km[_precision(pb)])
        why = f"{pa.name} and {pb.name} {km:.0f} km apart (tolerance {tol:.0f} km)"
        if km <= tol:
            value = 1.0 - 0.5 * km / tol
            if _precision(pa) >= 3 and _precision(pb) >= 3:
                value = min(value, 0.7)
            return Feature("place", value, why)
        return Feature("place", 0.0, why, block=True)
    if pa.country_code and pa.country_code == pb.country_code:
        return Feature("place", 0.35, f"same country ({pa.country_code}), no closer location known")
    return Feature("place", None, "places not geocoded")


def _is_country(p: Place) -> bool:
    return p.level == "country" or (p.feature_code or "").startswith("PCL")


def _named_in(name: str, text: str) -> bool:
    name = name.strip()
    if len(name) < 3:
        return False
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, flags=re.IGNORECASE) is not None


def _other_region(a: Place, b: Place) -> bool:
    """Both places name their first-level region and the regions differ."""
    if a.admin1 and b.admin1:
        return a.admin1 != b.admin1
    if a.admin1_name and b.admin1_name:
        return a.admin1_name.lower() != b.admin1_name.lower()
    return False


def _contains(region: Place, other: Place) -> bool:
    """`region` is a first-level region (or country) that holds `other`."""
    if region.level == "country" or region.feature_code in ("PCLI", "PCL"):
        return bool(region.country_code) and region.country_code == other.country_code
    if region.level == "admin1" or (region.feature_code or "").startswith("ADM1"):
        same_cc = region.country_code == other.country_code
        if region.admin1 and other.admin1:
            return same_cc and region.admin1 == other.admin1
        if region.admin1_name and other.admin1_name:
            return same_cc and region.admin1_name == other.admin1_name
    return False


def _interval(e: Event, cfg: MergeConfig) -> tuple[date, date] | None:
    w = e.when
    if w.start is None:
        return None
    end = w.end or w.start
    start = w.start
    if w.basis == "publication":
        start = start - timedelta(days=cfg.publication_lag_days)
    return start, end


def _days(e: Event) -> int:
    if e.when.start is None:
        return 0
    return ((e.when.end or e.when.start) - e.when.start).days


def _date_feature(a: Event, b: Event, cfg: MergeConfig) -> Feature:
    ia, ib = _interval(a, cfg), _interval(b, cfg)
    if ia is None or ib is None:
        return Feature("date", None, "one mention has no date")
    gap = max(0, (ib[0] - ia[1]).days, (ia[0] - ib[1]).days)
    span = f"{ia[0]}..{ia[1]} vs {ib[0]}..{ib[1]}"
    if gap == 0:
        n_pub = (a.when.basis == "publication") + (b.when.basis == "publication")
        if n_pub == 2:
            return Feature("date", 0.5, f"both dates are only the publication date ({span})")
        if n_pub == 1:
            return Feature("date", 0.8, f"dates overlap, one is only the publication date ({span})")
        if max(_days(a), _days(b)) > cfg.max_date_gap_days:
            # "Since August 6" holds today's advance, but a campaign is not one event of the day.
            return Feature("date", 0.6, f"a period holds the other date ({span})")
        return Feature("date", 1.0, f"dates overlap ({span})")
    if gap <= cfg.date_slack_days:
        return Feature("date", 0.7, f"dates {gap} day apart ({span})")
    if gap <= cfg.max_date_gap_days:
        return Feature("date", 0.3, f"dates {gap} days apart ({span})")
    return Feature("date", 0.0, f"dates {gap} days apart ({span})", block=True)


def _actor_match(x: Actor, y: Actor) -> tuple[float | None, str]:
    nx, ny = (x.name or x.text).lower(), (y.name or y.text).lower()
    if nx == ny:
        return 1.0, f"same actor ({x.name or x.text})"
    if x.country and y.country:
        if x.country != y.country:
            return 0.0, f"{x.name or x.text} [{x.country}] vs {y.name or y.text} [{y.country}]"
        if x.sector and y.sector and x.sector != y.sector:
            return 0.6, f"same country {x.country}, sectors {x.sector}/{y.sector}"
        return 0.9, f"same country {x.country}"
    return None, "actor country unknown"


def _actors_feature(a: Event, b: Event) -> Feature:
    pairs: list[tuple[float, str]] = []
    for role, (x, y) in (("actor1", (a.actor1, b.actor1)), ("actor2", (a.actor2, b.actor2))):
        if x is None or y is None:
            continue
        value, why = _actor_match(x, y)
        if value is not None:
            pairs.append((value, f"{role}: {why}"))
    if not pairs:
        return Feature("actors", None, "actors not comparable")
    symmetric = bool(a.acled and a.acled.event_type == "Battles")
    if any(v == 0.0 for v, _ in pairs) and symmetric and a.actor1 and b.actor2 and a.actor2 and b.actor1:
        # Fighting is symmetric: "Russian troops clashed with Ukrainians" = "Ukrainians clashed with Russians".
        v1, _ = _actor_match(a.actor1, b.actor2)
        v2, _ = _actor_match(a.actor2, b.actor1)
        if v1 and v2:
            return Feature("actors", min(v1, v2), "same sides of the fighting, roles swapped")
    reason = "; ".join(why for _, why in pairs)
    if any(v == 0.0 for v, _ in pairs):
        return Feature("actors", 0.0, reason, block=True)
    return Feature("actors", sum(v for v, _ in pairs) / len(pairs), reason)


_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {"said", "says", "according", "reported", "told", "news", "agency"}


def stems(text: str) -> frozenset[str]:
    """Content words cut to five letters: "strikes"/"striking" and "strike" meet; stop words dropped."""
    stop = _stop_words()
    return frozenset(w[:5] for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in stop)


def evidence_text(e: Event) -> str:
    if e.sentence:
        return e.sentence.text
    return " ".join(s.text for s in e.evidence)


def _text_feature(a: Event, b: Event) -> Feature:
    sa, sb = stems(evidence_text(a)), stems(evidence_text(b))
    if not sa or not sb:
        return Feature("text", None, "no evidence text")
    shared = sa & sb
    # Overlap coefficient: a short headline-like sentence inside a longer one still matches.
    value = len(shared) / min(len(sa), len(sb))
    return Feature("text", value, f"{len(shared)} shared content words ({', '.join(sorted(shared)[:6])})")


def _modality_block(a: Event, b: Event) -> Feature | None:
    ga, gb = MODALITY_GROUP.get(a.modality, a.modality), MODALITY_GROUP.get(b.modality, b.modality)
    if ga != gb or ga == "background":
        return Feature("modality", 0.0, f"modalities {a.modality} vs {b.modality}", block=True)
    return None


def _kind(e: Event) -> tuple[str | None, str | None]:
    if e.acled is not None:
        return e.acled.event_type, e.acled.sub_event_type
    return (e.plover.type, None) if e.plover is not None else (None, None)


def _same_story_block(a: Event, b: Event) -> Feature | None:
    """Two mentions of one story with different kinds of event are two events: the story itself
    tells them apart ("missiles pounded the region" and "troops advanced"), and linking a story's
    own anaphora ("the attacks") is the assemble step's job, not merging's. Across stories the
    compatible types still merge (one outlet's "shelling" is another's "clashes")."""
    if not set(a.article_ids) & set(b.article_ids) or _kind(a) == _kind(b):
        return None
    return Feature("story", 0.0, "one story reports them as different kinds of event", block=True)


def pair_score(a: Event, b: Event, cfg: MergeConfig = DEFAULT_CONFIG) -> PairScore:
    """Score whether mentions `a` and `b` describe the same event (symmetric, deterministic)."""
    mod = _modality_block(a, b) or _same_story_block(a, b)
    feats = [
        _type_feature(a, b),
        _place_feature(a, b, cfg),
        _date_feature(a, b, cfg),
        _actors_feature(a, b),
        _text_feature(a, b),
    ]
    if mod is not None:
        feats.insert(0, mod)
    blocked = next((f for f in feats if f.block), None)
    if blocked is not None:
        return PairScore(feats, 0.0, blocked.name)
    place, text = feats[-4], feats[-1]
    if (place.value is None or place.value <= 0.35) and (text.value or 0.0) < cfg.min_text_without_place:
        # Same kind of event, same days, same side, but nothing says where and no shared words:
        # too little to call two mentions one event (a war has many such mentions a day).
        feats.append(Feature("support", 0.0, "no location and no shared words to tie them", block=True))
        return PairScore(feats, 0.0, "support")
    total = sum(cfg.weights.values())
    score = sum(cfg.weights[f.name] * (cfg.unknown if f.value is None else f.value) for f in feats) / total
    return PairScore(feats, round(score, 4), None)
