"""Demonyms ("Russian", "Ukrainian"): never toponyms themselves, but "Russian regions" is a place.

The country demonyms come from the `countryinfo` package (one per country); plural and
extra forms writers use are added here by rule ("Russians", "Britons" ...). Demonyms of regions,
continents and peoples ("South Ossetian", "Ontarians", "European") are in
`data/geo/region_demonyms.yaml`, each with the name of the place it stands for.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventwire.knowledge.gazetteer.normalize import fold

# Forms countryinfo leaves out, by ISO alpha-2 (kept short: the rule-made plurals cover the rest).
_EXTRA = {"GB": ["Briton", "Britons", "English", "Scottish", "Welsh"], "US": ["Americans"],
          "PS": ["Palestinian", "Palestinians"], "CD": ["Congolese"], "KR": ["South Korean"],
          "KP": ["North Korean"], "NL": ["Dutch"], "PH": ["Filipino", "Filipinos", "Philippine"],
          "IL": ["Israeli", "Israelis"], "AF": ["Afghan", "Afghans"], "SA": ["Saudi", "Saudis"],
          "BY": ["Belarusian"], "AE": ["Emirati"], "CZ": ["Czech"]}


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Folded demonym -> ISO alpha-2 country code ("russian" -> "RU")."""
    out: dict[str, str] = {}
    population: dict[str, float] = {}
    for p in Path(str(resources.files("countryinfo") / "data")).glob("*.json"):
        try:
            d = json.loads(p.read_text(encoding="utf-8"))
        except ValueError:
            continue
        iso = d.get("ISO") or {}
        cc = iso.get("alpha2") if isinstance(iso, dict) else None
        dem = d.get("demonym")
        if not cc or not isinstance(dem, str) or not dem:
            continue
        pop = float(d.get("population") or 0)
        for form in (dem, dem + "s"):
            key = fold(form)
            # "Chinese" is China's before Macau's: the most populous country keeps a shared demonym.
            if key not in out or pop > population[key]:
                out[key] = str(cc)
                population[key] = pop
    for cc, forms in _EXTRA.items():
        for form in forms:
            out.setdefault(fold(form), cc)
    return out


@lru_cache(maxsize=1)
def region_demonyms() -> dict[str, str]:
    """Folded demonym (and its plural) -> the name of the region, continent or country it stands for."""
    from eventwire.knowledge.yamlio import load_yaml

    text = (resources.files("eventwire.knowledge") / "data" / "geo" / "region_demonyms.yaml").read_text(
        encoding="utf-8")
    out: dict[str, str] = {}
    for form, place in ((load_yaml(text) or {}).get("demonyms") or {}).items():
        for f in (str(form), f"{form}s"):
            out[fold(f)] = str(place)
    return out


def region_demonym(word: str) -> str | None:
    """The place a region's demonym names, or None: region_demonym("South Ossetians") == "South Ossetia"."""
    return region_demonyms().get(fold(word))


def demonym_country(word: str) -> str | None:
    """The country a demonym names, or None: demonym_country("Ukrainian") == "UA"."""
    return demonyms().get(fold(word))
