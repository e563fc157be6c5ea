"""`eventwire gazetteer import FILE`: load full GeoNames dumps into the index.

Understands the files https://download.geonames.org/export/dump/ publishes, plain or zipped:
- the geoname table: `allCountries.zip`, a country file such as `UA.zip`, `cities1000.zip` ...
  (19 tab-separated columns; the `alternatenames` column is indexed too);
- `admin1CodesASCII.txt` and `admin2Codes.txt` (code, name, asciiname, geonameid): division names;
- `alternateNamesV2.zip` / `alternateNames.zip` (alternateNameId, geonameid, isolanguage, name, ...):
  extra names for features already in the index (links, postcodes and airport codes skipped).

Rows with a geonameid already in the index replace it; new ones are added. The index keeps
GeoNames' own coordinates for divisions once their rows are imported.
"""

from __future__ import annotations

import io
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from eventwire.knowledge.gazetteer.normalize import fold, is_latin, skeleton
from eventwire.knowledge.gazetteer.store import ALTERNATE, PRIMARY, SCHEMA, level_of

BATCH = 50_000
_SKIP_LANGS = frozenset({"link", "post", "iata", "icao", "faac", "tcid", "unlc", "wkdt", "fr_1793", "phon"})


@dataclass
class ImportStats:
    path: Path
    kind: str
    rows: int = 0
    names: int = 0


def _kind_of(name: str) -> str:
    low = name.lower()
    if low.startswith("admin1codes"):
        return "admin1"
    if low.startswith("admin2codes"):
        return "admin2"
    if low.startswith("alternatenames"):
        return "alternate"
    return "geoname"


@contextmanager
def _open_lines(path: Path) -> Iterator[tuple[str, Iterator[str]]]:
    """The data member of a GeoNames file (zip or text) as lines, with the member's name."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.namelist() if m.endswith(".txt") and not m.lower().startswith(("readme", "iso"))]
            if not members:
                raise ValueError(f"{path}: no .txt member in the archive")
            member = max(members, key=lambda m: zf.getinfo(m).file_size)
            with zf.open(member) as raw:
                yield member, iter(io.TextIOWrapper(raw, encoding="utf-8"))
    else:
        with path.open(encoding="utf-8") as f:
            yield path.name, iter(f)


def _names(name: str, alternates: list[str]) -> Iterator[tuple[str, int]]:
    yield fold(name), PRIMARY
    for a in alternates:
        if a and is_latin(a) and not any(ch.isdigit() for ch in a) and not (a.isupper() and len(a) <= 4):
            key = fold(a)
            if len(key) >= 3:
                yield key, ALTERNATE


def import_geonames(file: Path, index: Path, progress: Callable[[int], None] | None = None) -> ImportStats:
    """Load one GeoNames dump file into the index at `index` (which must exist or is created)."""
    conn = sqlite3.connect(str(index))
    conn.executescript(SCHEMA)
    try:
        with _open_lines(file) as (member, lines):
            kind = _kind_of(Path(member).name)
            stats = ImportStats(path=file, kind=kind)
            if kind == "geoname":
                _import_geonames_table(conn, lines, stats, progress)
            elif kind in ("admin1", "admin2"):
                _import_admin_codes(conn, lines, stats, kind)
            else:
                _import_alternates(conn, lines, stats, progress)
        conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"imported:{file.name}", str(stats.rows)))
        conn.commit()
    finally:
        conn.close()
    return stats


def _import_geonames_table(conn: sqlite3.Connection, lines: Iterator[str], stats: ImportStats,
                           progress: Callable[[int], None] | None) -> None:
    places: list[tuple[object, ...]] = []
    names: list[tuple[str, int, int]] = []

    def flush() -> None:
        conn.executemany("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
        conn.executemany("INSERT OR IGNORE INTO name VALUES (?,?,?,?)", ((k, g, n, skeleton(k)) for k, g, n in names))
        stats.rows += len(places)
        stats.names += len(names)
        places.clear()
        names.clear()
        if progress:
            progress(stats.rows)

    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 15 or not cols[0].isdigit():
            continue
        gid = int(cols[0])
        fcl, fcode = cols[6] or None, cols[7] or None
        level = level_of(fcl, fcode)
        places.append((gid, cols[1], float(cols[4]), float(cols[5]), fcl, fcode, cols[8] or None,
                       cols[10] or None, cols[11] or None, int(cols[14] or 0), level))
        alternates = [a for a in cols[3].split(",") if a]
        seen = set()
        for key, kind in _names(cols[1], [cols[2], *alternates]):
            if key not in seen:
                seen.add(key)
                names.append((key, gid, kind))
        if len(places) >= BATCH:
            flush()
    flush()


def _import_admin_codes(conn: sqlite3.Connection, lines: Iterator[str], stats: ImportStats, kind: str) -> None:
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4 or not cols[3].isdigit():
            continue
        code, name, ascii_name, gid = cols[0], cols[1], cols[2], int(cols[3])
        parts = code.split(".")
        cc = parts[0]
        a1 = parts[1] if len(parts) > 1 else None
        a2 = parts[2] if kind == "admin2" and len(parts) > 2 else None
        fcode = "ADM1" if kind == "admin1" else "ADM2"
        level = "admin1" if kind == "admin1" else "admin2"
        updated = conn.execute(
            "UPDATE place SET name = ?, feature_code = ?, country_code = ?, admin1 = ?, admin2 = ?, level = ? "
            "WHERE geonameid = ?", (name, fcode, cc, a1, a2, level, gid)).rowcount
        if not updated:
            # No coordinates in the codes file: place the division at its parent until its row comes.
            lat = lon = None
            parent = conn.execute(
                "SELECT lat, lon FROM place WHERE country_code = ? AND level = ? AND (? IS NULL OR admin1 = ?)",
                (cc, "admin1" if kind == "admin2" else "country", a1 if kind == "admin2" else None,
                 a1 if kind == "admin2" else None)).fetchone()
            if parent:
                lat, lon = parent
            conn.execute("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                         (gid, name, lat, lon, "A", fcode, cc, a1, a2, 0, level))
        for key, nkind in _names(name, [ascii_name]):
            conn.execute("INSERT OR IGNORE INTO name VALUES (?,?,?,?)", (key, gid, nkind, skeleton(key)))
            stats.names += 1
        stats.rows += 1


def _import_alternates(conn: sqlite3.Connection, lines: Iterator[str], stats: ImportStats,
                       progress: Callable[[int], None] | None) -> None:
    conn.execute("CREATE TEMP TABLE alt (norm TEXT, geonameid INTEGER, kind INTEGER, skel TEXT)")
    batch: list[tuple[str, int, int, str]] = []
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4 or not cols[1].isdigit() or cols[2] in _SKIP_LANGS:
            continue
        name = cols[3]
        if not name or not is_latin(name) or any(ch.isdigit() for ch in name):
            continue
        if name.isupper() and len(name) <= 4 and cols[2] != "abbr":
            continue
        key = fold(name)
        if len(key) < 2:
            continue
        batch.append((key, int(cols[1]), ALTERNATE, skeleton(key)))
        stats.rows += 1
        if len(batch) >= BATCH:
            conn.executemany("INSERT INTO alt VALUES (?,?,?,?)", batch)
            batch.clear()
            if progress:
                progress(stats.rows)
    conn.executemany("INSERT INTO alt VALUES (?,?,?,?)", batch)
    cur = conn.execute("INSERT OR IGNORE INTO name SELECT norm, geonameid, kind, skel FROM alt "
                       "WHERE geonameid IN (SELECT geonameid FROM place)")
    stats.names = cur.rowcount
    conn.execute("DROP TABLE alt")
