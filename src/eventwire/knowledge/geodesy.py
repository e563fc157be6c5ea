"""Distances and points on the Earth's surface, shared by the gazetteer build, the resolver, the
clusterer and the scorer (one formula, so their kilometres agree).

A spherical Earth (mean radius 6,371 km) is exact enough for the 161 km accuracy radius and the
merge tolerances; an ellipsoidal library (geographiclib) would change distances by under 0.5 %.
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in km: `great_circle_km(50.45, 30.52, 51.73, 36.19)` (Kyiv-Kursk) ≈ 420."""
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def toward(start: tuple[float, float], goal: tuple[float, float], km: float) -> tuple[float, float]:
    """The point `km` along the way from `start` to `goal`, never past the midpoint.

    Interpolated in latitude and longitude, which is close to the great circle over the few
    hundred km it is used for (a country's point leaning toward the centre of its mainland).
    """
    d = great_circle_km(*start, *goal)
    if d == 0:
        return start
    t = min(0.5, km / d)
    dlon = (goal[1] - start[1] + 180.0) % 360.0 - 180.0  # the short way round, across the 180th meridian too
    lon = (start[1] + dlon * t + 180.0) % 360.0 - 180.0
    return (start[0] + (goal[0] - start[0]) * t, lon)
