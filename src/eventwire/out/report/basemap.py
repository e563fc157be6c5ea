"""The shipped world basemap: Natural Earth 1:50m country borders (public domain), as TopoJSON.

The file comes from the npm package `world-atlas` (copied into `out/static/basemap/` by the
dashboard build, see frontend/build.mjs) and serves both the dashboard and the reports, so
neither needs the internet. Decoding TopoJSON is a few lines of arithmetic (delta-decoded,
quantised arcs stitched into rings); the PyPI `topojson` package only *encodes* and pulls in
shapely/numpy, so this small decoder is hand-written on purpose.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

Ring = list[tuple[float, float]]  # (lon, lat) points

BASEMAP_FILE = "countries-50m.json"
ATTRIBUTION = "Borders: Natural Earth (public domain), via world-atlas"


@dataclass(frozen=True)
class Country:
    """One country's outline: its name, ISO numeric id, polygons (lists of rings) and bounding box."""

    id: str
    name: str
    polygons: list[list[Ring]]
    bbox: tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat


def basemap_text() -> str:
    """The raw TopoJSON text of the shipped basemap."""
    return resources.files("eventwire.out").joinpath("static", "basemap", BASEMAP_FILE).read_text("utf-8")


def _decode_arcs(topo: dict[str, Any]) -> list[Ring]:
    transform = topo.get("transform")
    arcs: list[Ring] = []
    for arc in topo["arcs"]:
        points: Ring = []
        if transform:
            sx, sy = transform["scale"]
            tx, ty = transform["translate"]
            x = y = 0
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def _ring(arcs: list[Ring], indexes: list[int]) -> Ring:
    ring: Ring = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


def decode_countries(topo: dict[str, Any], object_name: str = "countries") -> list[Country]:
    """Countries of a TopoJSON topology as lon/lat rings."""
    arcs = _decode_arcs(topo)
    out: list[Country] = []
    for geom in topo["objects"][object_name]["geometries"]:
        kind = geom.get("type")
        if kind == "Polygon":
            polys = [[_ring(arcs, r) for r in geom["arcs"]]]
        elif kind == "MultiPolygon":
            polys = [[_ring(arcs, r) for r in poly] for poly in geom["arcs"]]
        else:
            continue
        pts = [p for poly in polys for ring in poly for p in ring]
        if not pts:
            continue
        lons = [p[0] for p in pts]
        lats = [p[1] for p in pts]
        name = str((geom.get("properties") or {}).get("name", ""))
        out.append(Country(str(geom.get("id", "")), name, polys, (min(lons), min(lats), max(lons), max(lats))))
    return out


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """The shipped Natural Earth countries, decoded once per process."""
    return tuple(decode_countries(json.loads(basemap_text())))
