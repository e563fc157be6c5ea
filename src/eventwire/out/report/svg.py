"""SVG for the situation reports, written in Python so a report is one self-contained file.

Two pictures: a daily chart of events stacked by ACLED type, and a map of located events over
the shipped Natural Earth borders. Hand-written on purpose: a few dozen lines of SVG need no
plotting library (matplotlib would add tens of MB and font handling for two simple figures).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from eventwire.out.report.basemap import ATTRIBUTION, Ring, countries
from eventwire.out.report.style import type_color


def _f(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


# ---- daily chart ----------------------------------------------------------------------------


def daily_chart(
    counts: dict[date, dict[str, int]],
    types: Sequence[str],
    start: date,
    end: date,
    *,
    width: int = 720,
    height: int = 240,
) -> str:
    """Events per day stacked by type, from `start` to `end` inclusive."""
    ndays = max(1, (end - start).days + 1)
    if ndays > 400:  # very long ranges: keep the picture readable, one bar per day still
        width = max(width, ndays * 2)
    left, right, top, bottom = 36, 12, 12, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(counts.get(start + timedelta(d), {}).values()) for d in range(ndays)]
    ymax = max([1, *totals])
    step = 1 if ymax <= 5 else math.ceil(ymax / 5)
    ymax = step * math.ceil(ymax / step)
    bw = plot_w / ndays
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ew-chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="Events per day by type" '
        f'font-family="sans-serif" font-size="11">',
        "<title>Events per day, stacked by ACLED event type</title>",
    ]
    for tick in range(0, ymax + 1, step):
        y = top + plot_h - tick / ymax * plot_h
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{_f(y)}" y2="{_f(y)}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 4}" y="{_f(y + 4)}" text-anchor="end" fill="#555">{tick}</text>')
    label_every = max(1, math.ceil(ndays / 14))
    for d in range(ndays):
        day = start + timedelta(d)
        x = left + d * bw
        y = top + plot_h
        for t in types:
            n = counts.get(day, {}).get(t, 0)
            if not n:
                continue
            h = n / ymax * plot_h
            y -= h
            parts.append(
                f'<rect class="bar" x="{_f(x + bw * 0.1)}" y="{_f(y)}" width="{_f(max(bw * 0.8, 1))}" '
                f'height="{_f(h)}" fill="{type_color(t)}" data-day="{day.isoformat()}" data-type="{escape(t)}" '
                f'data-count="{n}"><title>{day.isoformat()}: {n} × {escape(t)}</title></rect>'
            )
        if d % label_every == 0:
            parts.append(
                f'<text x="{_f(x + bw / 2)}" y="{top + plot_h + 14}" text-anchor="middle" fill="#555">'
                f"{day.strftime('%d %b')}</text>"
            )
    parts.append(
        f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#888"/>'
    )
    # legend
    lx, ly = left, height - 16
    for t in types:
        parts.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{type_color(t)}"/>')
        parts.append(f'<text x="{lx + 14}" y="{ly}" fill="#333">{escape(t)}</text>')
        lx += 24 + int(len(t) * 6.2)
    parts.append("</svg>")
    return "".join(parts)


# ---- map --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapPoint:
    lon: float
    lat: float
    color: str
    radius: float
    label: str
    title: str
    ref: str = ""


BBox = tuple[float, float, float, float]


def map_bbox(points: Sequence[MapPoint], min_span: float = 3.0, pad: float = 0.25) -> BBox:
    """A bounding box around the points, padded, never smaller than `min_span` degrees."""
    lons = [p.lon for p in points]
    lats = [p.lat for p in points]
    x0, x1, y0, y1 = min(lons), max(lons), min(lats), max(lats)
    w, h = max(x1 - x0, min_span), max(y1 - y0, min_span * 0.7)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = w * (1 + 2 * pad), h * (1 + 2 * pad)
    return (max(cx - w / 2, -180.0), max(cy - h / 2, -85.0), min(cx + w / 2, 180.0), min(cy + h / 2, 85.0))


def _clip(ring: Ring, box: BBox) -> Ring:
    """Sutherland–Hodgman clipping of a ring to a rectangle (keeps the SVG small)."""
    x0, y0, x1, y1 = box

    def cut(pts: Ring, inside: object, inter: object) -> Ring:
        out: Ring = []
        if not pts:
            return out
        prev = pts[-1]
        for cur in pts:
            cin, pin = inside(cur), inside(prev)  # type: ignore[operator]
            if cin:
                if not pin:
                    out.append(inter(prev, cur))  # type: ignore[operator]
                out.append(cur)
            elif pin:
                out.append(inter(prev, cur))  # type: ignore[operator]
            prev = cur
        return out

    def at_x(x: float) -> object:
        def f(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
            t = (x - a[0]) / ((b[0] - a[0]) or 1e-12)
            return (x, a[1] + t * (b[1] - a[1]))
        return f

    def at_y(y: float) -> object:
        def f(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
            t = (y - a[1]) / ((b[1] - a[1]) or 1e-12)
            return (a[0] + t * (b[0] - a[0]), y)
        return f

    pts = cut(ring, lambda p: p[0] >= x0, at_x(x0))
    pts = cut(pts, lambda p: p[0] <= x1, at_x(x1))
    pts = cut(pts, lambda p: p[1] >= y0, at_y(y0))
    return cut(pts, lambda p: p[1] <= y1, at_y(y1))


def event_map(points: Sequence[MapPoint], *, box: BBox | None = None, width: int = 720) -> str:
    """Located events as circles over the Natural Earth borders, in an equirectangular view
    scaled by the cosine of the mid latitude (true shapes at regional scale)."""
    box = box or map_bbox(points)
    x0, y0, x1, y1 = box
    kx = math.cos(math.radians((y0 + y1) / 2))
    aspect = (y1 - y0) / max((x1 - x0) * kx, 1e-9)
    height = int(min(max(width * aspect, 260), 560))
    # Grow the box to the picture's shape, so the borders fill it edge to edge.
    s = min(width / ((x1 - x0) * kx), height / (y1 - y0))
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half_w, half_h = width / (2 * s * kx), height / (2 * s)
    x0, x1, y0, y1 = cx - half_w, cx + half_w, cy - half_h, cy + half_h
    ox = oy = 0.0

    def proj(lon: float, lat: float) -> tuple[float, float]:
        return (ox + (lon - x0) * kx * s, oy + (y1 - lat) * s)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ew-map" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="Map of events" font-family="sans-serif">',
        "<title>Map of located events</title>",
        f'<rect width="{width}" height="{height}" fill="#dbe9f4"/>',
    ]
    margin = 0.5
    clip_box = (x0 - margin, y0 - margin, x1 + margin, y1 + margin)
    labels: list[tuple[float, float, str]] = []
    for c in countries():
        bx0, by0, bx1, by1 = c.bbox
        if bx1 < clip_box[0] or bx0 > clip_box[2] or by1 < clip_box[1] or by0 > clip_box[3]:
            continue
        d: list[str] = []
        best: tuple[float, float, float] | None = None
        for poly in c.polygons:
            for ring in poly:
                clipped = _clip(ring, clip_box)
                if len(clipped) < 3:
                    continue
                xy = [proj(*p) for p in clipped]
                kept = [xy[0]]
                for pt in xy[1:]:
                    if abs(pt[0] - kept[-1][0]) + abs(pt[1] - kept[-1][1]) >= 0.8:
                        kept.append(pt)
                if len(kept) < 3:
                    continue
                d.append("M" + "L".join(f"{_f(x)},{_f(y)}" for x, y in kept) + "Z")
                pairs = list(zip(kept, kept[1:] + kept[:1], strict=True))
                cross = [a[0] * b[1] - b[0] * a[1] for a, b in pairs]
                signed = sum(cross) / 2
                if abs(signed) > 1e-6 and (best is None or abs(signed) > best[2]):
                    cx = sum((a[0] + b[0]) * c for (a, b), c in zip(pairs, cross, strict=True)) / (6 * signed)
                    cy = sum((a[1] + b[1]) * c for (a, b), c in zip(pairs, cross, strict=True)) / (6 * signed)
                    best = (cx, cy, abs(signed))
        if d:
            parts.append(
                f'<path class="country" d="{"".join(d)}" fill="#f4f1ea" stroke="#9a8f7a" '
                f'stroke-width="0.8" fill-rule="evenodd"><title>{escape(c.name)}</title></path>'
            )
            if best and best[2] > 2000 and 0 < best[0] < width and 0 < best[1] < height:
                labels.append((best[0], best[1], c.name))
    shown: list[tuple[float, float]] = []
    for x, y, name in labels:
        if any(abs(x - a) < 90 and abs(y - b) < 20 for a, b in shown):
            continue
        shown.append((x, y))
        parts.append(
            f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="middle" font-size="13" fill="#8a8070" '
            f'font-style="italic" opacity="0.8">{escape(name)}</text>'
        )
    placed: set[str] = set()
    boxes: list[tuple[float, float, float, float]] = []
    for p in sorted(points, key=lambda p: -p.radius):
        x, y = proj(p.lon, p.lat)
        parts.append(
            f'<circle class="event" cx="{_f(x)}" cy="{_f(y)}" r="{_f(p.radius)}" fill="{p.color}" '
            f'fill-opacity="0.75" stroke="#fff" stroke-width="1" data-ref="{escape(p.ref)}">'
            f"<title>{escape(p.title)}</title></circle>"
        )
        if p.label and p.label not in placed:
            w = len(p.label) * 6.2
            for lx, anchor in ((x + p.radius + 3, "start"), (x - p.radius - 3, "end")):
                box = (lx if anchor == "start" else lx - w, y - 8, w, 12)
                if not any(_overlap(box, b) for b in boxes):
                    boxes.append(box)
                    placed.add(p.label)
                    parts.append(
                        f'<text x="{_f(lx)}" y="{_f(y + 4)}" font-size="11" fill="#222" text-anchor="{anchor}" '
                        f'stroke="#fff" stroke-width="3" paint-order="stroke">{escape(p.label)}</text>'
                    )
                    break
    parts.append(
        f'<text x="{width - 4}" y="{height - 4}" text-anchor="end" font-size="9" fill="#666">'
        f"{escape(ATTRIBUTION)}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def marker_radius(fatalities: int) -> float:
    """Circle radius by deaths: area grows with the count, with a floor so zero still shows."""
    return 5.0 + 3.0 * math.sqrt(max(fatalities, 0))
