"""The gazetteer index: one SQLite file under `data_home()`, read into a fast in-memory lookup.

Tables
- `place`: one row per GeoNames feature (geonameid, name, lat/lon, feature class/code, country,
  admin1/admin2 codes, population, level).
- `name`: folded name -> geonameid, with the kind of name (0 the feature's own name, 1 an
  alternate name, 2 a short form derived from it, such as "Kursk" for "Kurskaya oblast'"), and
  its spelling skeleton (looked up only when the exact name finds nothing: kind 3).
- `meta`: what the index was built from and when.

Resolution reads the `name` table once into a dict (folded name -> candidate ids) and fetches
place rows by id on demand (cached), so a lookup costs a dict probe and, the first time, one
indexed SQLite query.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventwire.knowledge.gazetteer.normalize import fold, skeleton, variants

SCHEMA = """
CREATE TABLE IF NOT EXISTS place (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    lat REAL,
    lon REAL,
    feature_class TEXT,
    feature_code TEXT,
    country_code TEXT,
    admin1 TEXT,
    admin2 TEXT,
    population INTEGER DEFAULT 0,
    level TEXT
);
CREATE TABLE IF NOT EXISTS name (
    norm TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    kind INTEGER NOT NULL DEFAULT 0,
    skel TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (norm, geonameid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS name_skel ON name(skel);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE INDEX IF NOT EXISTS place_admin ON place(country_code, admin1, admin2, level);
"""

# Name kinds, best first.
PRIMARY, ALTERNATE, DERIVED, SPELLING = 0, 1, 2, 3

LEVEL_BY_CODE = {"PCLI": "country", "PCLD": "country", "PCLS": "country", "PCLF": "country", "PCL": "country",
                 "PCLIX": "country", "TERR": "country", "ADM1": "admin1", "ADM2": "admin2"}


def level_of(feature_class: str | None, feature_code: str | None) -> str:
    """The Place.level of a GeoNames feature: country, admin1, admin2, populated_place or other."""
    if feature_code in LEVEL_BY_CODE:
        return LEVEL_BY_CODE[feature_code]
    if feature_class == "P":
        return "populated_place"
    return "other"


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One gazetteer feature."""

    geonameid: int
    name: str
    lat: float | None
    lon: float | None
    feature_class: str | None
    feature_code: str | None
    country_code: str | None
    admin1: str | None
    admin2: str | None
    population: int
    level: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A feature a name may refer to, and how the name matched it (PRIMARY, ALTERNATE, DERIVED)."""

    row: PlaceRow
    kind: int


_COLUMNS = ("geonameid, name, lat, lon, feature_class, feature_code, country_code, admin1, admin2, "
            "population, level")


def _row(values: tuple[Any, ...]) -> PlaceRow:
    gid, name, lat, lon, fcl, fcode, cc, a1, a2, pop, level = values
    return PlaceRow(int(gid), str(name), None if lat is None else float(lat), None if lon is None else float(lon),
                    fcl or None, fcode or None, cc or None, a1 or None, a2 or None, int(pop or 0),
                    str(level or "other"))


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), check_same_thread=False)
    conn.executescript(SCHEMA)
    return conn


def _code_rank(row: PlaceRow) -> tuple[bool, int, int]:
    """Which of the divisions sharing a code the code names: current before former (ADM1H), then the
    most populous, then the older GeoNames id."""
    return (not (row.feature_code or "").endswith("H"), row.population, -row.geonameid)


def _keep_best(table: dict[Any, PlaceRow], key: Any, row: PlaceRow) -> None:
    """Put `row` at `key` unless a division the code names more surely is there (`_code_rank`)."""
    held = table.get(key)
    if held is None or _code_rank(row) > _code_rank(held):
        table[key] = row


class Gazetteer:
    """Read access to a built index. Thread-safe for reads; load it with `get_gazetteer()`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        # Names are looked up on demand through the (norm, geonameid) primary key rather than
        # loaded whole: loading ~1M names cost ~2 s and ~125 MB at every start.
        self._ids = lru_cache(maxsize=300_000)(self._lookup_ids)
        self._countries: dict[str, PlaceRow] = {}
        self._admin1: dict[tuple[str, str], PlaceRow] = {}
        self._admin2: dict[tuple[str, str, str], PlaceRow] = {}
        self._load_admin()
        self.candidates = lru_cache(maxsize=100_000)(self._candidates)  # type: ignore[method-assign]
        self.get = lru_cache(maxsize=200_000)(self._get)  # type: ignore[method-assign]

    # -- loading -------------------------------------------------------------------------------
    def _lookup_ids(self, norm: str) -> tuple[int, ...]:
        """Ids called `norm`, each packed with its name kind (id * 4 + kind)."""
        with self._lock:
            rows = self._conn.execute("SELECT geonameid, kind FROM name WHERE norm = ?", (norm,)).fetchall()
        return tuple(int(gid) * 4 + int(kind) for gid, kind in rows)

    def _load_admin(self) -> None:
        sql = f"SELECT {_COLUMNS} FROM place WHERE level IN ('country', 'admin1', 'admin2')"
        for values in self._conn.execute(sql):
            row = _row(values)
            if row.country_code is None:
                continue
            if row.level == "country":
                best = self._countries.get(row.country_code)
                if best is None or row.feature_code == "PCLI":
                    self._countries[row.country_code] = row
            elif row.level == "admin1" and row.admin1:
                # Several divisions can share an admin1 code (France's new regions and the abolished ones,
                # the West Bank and its governorates): the code names a current division before a former
                # one, then the most populous (the West Bank, not Hebron, for a town in Jenin).
                _keep_best(self._admin1, (row.country_code, row.admin1), row)
            elif row.level == "admin2" and row.admin1 and row.admin2:
                _keep_best(self._admin2, (row.country_code, row.admin1, row.admin2), row)

    # -- lookups -------------------------------------------------------------------------------
    def has_name(self, name: str) -> bool:
        """Is there any feature called `name` (folded)?"""
        return any(self._ids(v) for v in variants(fold(name)))

    def _candidates(self, name: str) -> tuple[Candidate, ...]:
        packed: dict[int, int] = {}
        for key in variants(fold(name)):
            for p in self._ids(key):
                gid, kind = divmod(p, 4)
                packed[gid] = min(kind, packed.get(gid, 9))
        skel = skeleton(fold(name)) if not packed else ""
        if skel:
            with self._lock:
                rows = self._conn.execute("SELECT geonameid FROM name WHERE skel = ?", (skel,)).fetchall()
            for (gid,) in rows:
                packed[int(gid)] = SPELLING
        out = []
        for gid, kind in packed.items():
            row = self.get(gid)
            if row is not None:
                out.append(Candidate(row, kind))
        return tuple(out)

    def candidates(self, name: str) -> tuple[Candidate, ...]:  # replaced by a cached version in __init__
        return self._candidates(name)

    def _get(self, geonameid: int) -> PlaceRow | None:
        with self._lock:
            values = self._conn.execute(f"SELECT {_COLUMNS} FROM place WHERE geonameid = ?",
                                        (geonameid,)).fetchone()
        return None if values is None else _row(values)

    def get(self, geonameid: int) -> PlaceRow | None:  # replaced by a cached version in __init__
        return self._get(geonameid)

    def country(self, country_code: str | None) -> PlaceRow | None:
        return self._countries.get(country_code or "")

    def admin1(self, country_code: str | None, admin1: str | None) -> PlaceRow | None:
        return self._admin1.get((country_code or "", admin1 or ""))

    def admin2(self, country_code: str | None, admin1: str | None, admin2: str | None) -> PlaceRow | None:
        return self._admin2.get((country_code or "", admin1 or "", admin2 or ""))

    def countries(self) -> Iterable[PlaceRow]:
        return self._countries.values()

    def meta(self) -> dict[str, str]:
        with self._lock:
            return dict(self._conn.execute("SELECT key, value FROM meta").fetchall())

    def close(self) -> None:
        self._conn.close()
